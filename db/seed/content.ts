import { sql } from "drizzle-orm";
import type { Database } from "../client.server";
import { createContentItem, schedulePublication } from "../../app/modules/content/content.server";
import { en, faq, S, vi, type Seed } from "./content-sources";
import { moreArticles, moreBlogPosts, moreFaqs } from "./content-library";

/**
 * Demo content for the knowledge hub and public site, in English and Vietnamese. Written by the
 * team from the public sources each item cites; figures come from ../shared/docs/clinical-references.md
 * (WHO recovery timeline) and the cited reviews. Medical items are seeded as approved by the
 * demo admin, dated 2026-01-15, so the demo shows the review line.
 */
const articles: Seed[] = [
  {
    kind: "article",
    topic: "cravings",
    tags: ["stress", "coffee", "after-meals"],
    featured: true,
    sources: [S.smokefreeCravings, S.nhsQuit],
    translations: [
      en(
        "getting-through-a-craving",
        "Getting through a craving",
        "Cravings are strong but short. A plan for the next few minutes is the most useful thing you can have.",
        `A craving feels as if it will grow until you smoke. It does not: it rises, peaks and fades, usually within a few minutes.

## Delay, then distract {#delay-distract}
Tell yourself you will wait before deciding. Then do something that keeps your hands and mind busy: walk, drink a glass of water, text a friend, or open QuitPath and log the craving.

## Breathe slowly {#breathe}
Breathe in through your nose for a count of four, hold for a moment, and breathe out slowly through your mouth. A few slow breaths calm the urge and the stress that often comes with it.

## Know your triggers {#triggers}
Coffee, meals, stress, alcohol and other smokers are common triggers. For each of yours, decide in advance what you will do instead.

> Each craving you get through makes the next one a little easier.`,
      ),
      vi(
        "vuot-qua-con-them-thuoc",
        "Vượt qua cơn thèm thuốc",
        "Cơn thèm thuốc mạnh nhưng ngắn. Có sẵn kế hoạch cho vài phút tới là điều hữu ích nhất.",
        `Cơn thèm thuốc khiến bạn tưởng nó sẽ mạnh dần cho đến khi bạn hút. Thực ra không phải vậy: nó tăng lên, đạt đỉnh rồi giảm dần, thường chỉ trong vài phút.

## Trì hoãn, rồi đánh lạc hướng {#delay-distract}
Hãy tự nhủ sẽ chờ một chút rồi mới quyết định. Sau đó làm việc gì đó giữ cho tay và đầu óc bận rộn: đi bộ, uống một cốc nước, nhắn tin cho bạn bè, hoặc mở QuitPath và ghi lại cơn thèm.

## Thở chậm {#breathe}
Hít vào bằng mũi trong bốn nhịp, giữ một chút, rồi thở ra chậm qua miệng. Vài hơi thở chậm giúp dịu cơn thèm và cả sự căng thẳng đi kèm.

## Biết những tình huống dễ khiến bạn hút {#triggers}
Cà phê, bữa ăn, căng thẳng, rượu bia và người hút thuốc bên cạnh là những tác nhân thường gặp. Với mỗi tác nhân của bạn, hãy quyết định trước mình sẽ làm gì thay thế.

> Mỗi cơn thèm bạn vượt qua sẽ giúp cơn sau dễ hơn một chút.`,
      ),
    ],
  },
  {
    kind: "article",
    topic: "withdrawal",
    tags: ["waking-up"],
    sources: [S.smokefreeWithdrawal, S.nhsQuit],
    translations: [
      en(
        "what-withdrawal-feels-like",
        "What nicotine withdrawal feels like, and why it passes",
        "Irritability, restlessness, poor sleep and hunger are common in the first weeks. They are signs your body is adjusting.",
        `When you stop, your brain has to get used to working without nicotine. That adjustment is withdrawal.

## Common symptoms {#symptoms}
- feeling irritable, anxious or low
- restlessness and trouble concentrating
- trouble sleeping
- feeling hungrier than usual
- strong urges to smoke

## How long it lasts {#how-long}
Symptoms are usually strongest in the first days to first week and ease over the following weeks. Everyone is different.

## What helps {#what-helps}
Nicotine replacement or medication can take the edge off withdrawal. Regular meals, water, exercise and sleep help too. If your mood drops a lot, talk to a doctor.`,
      ),
      vi(
        "hoi-chung-cai-nicotine",
        "Hội chứng cai nicotine: cảm giác thế nào và vì sao sẽ qua",
        "Cáu kỉnh, bồn chồn, khó ngủ và thèm ăn thường gặp trong những tuần đầu. Đó là dấu hiệu cơ thể đang thích nghi.",
        `Khi bạn ngừng hút, não cần làm quen với việc hoạt động mà không có nicotine. Quá trình thích nghi đó gọi là hội chứng cai.

## Các triệu chứng thường gặp {#symptoms}
- cáu kỉnh, lo âu hoặc buồn bã
- bồn chồn, khó tập trung
- khó ngủ
- đói hơn bình thường
- thèm thuốc mạnh

## Kéo dài bao lâu {#how-long}
Triệu chứng thường mạnh nhất trong vài ngày đầu đến tuần đầu, rồi giảm dần trong các tuần tiếp theo. Mỗi người mỗi khác.

## Điều gì giúp ích {#what-helps}
Liệu pháp thay thế nicotine hoặc thuốc có thể làm dịu hội chứng cai. Ăn uống đều đặn, uống nước, vận động và ngủ đủ cũng giúp ích. Nếu tâm trạng đi xuống nhiều, hãy nói chuyện với bác sĩ.`,
      ),
    ],
  },
  {
    kind: "article",
    topic: "medication",
    tags: [],
    featured: true,
    sources: [S.uspstf2008, S.cochraneNrt, S.nhsQuit],
    translations: [
      en(
        "nicotine-replacement-and-medication",
        "Nicotine replacement and stop-smoking medicines",
        "Patches, gum, lozenges and prescription medicines make quitting more likely to succeed, especially with support.",
        `Nicotine replacement therapy (NRT) gives you nicotine without the smoke, so withdrawal is milder while you break the habit.

## Types of NRT {#types}
Patches give a steady dose through the day. Gum, lozenges, mouth sprays and inhalators act faster and help with sudden cravings. Many people use a patch plus a fast-acting form.

## Does it work? {#evidence}
A Cochrane review of many trials found that NRT increases the chance of stopping by about 50 to 60 percent compared with no NRT or placebo. The U.S. Public Health Service guideline recommends medication for adults who want to quit, unless there is a reason not to, and finds that counselling together with medication works better than either alone.

## Prescription medicines {#prescription}
Varenicline and bupropion are prescription medicines that reduce cravings. A doctor will check whether they suit you.

> Ask a pharmacist or doctor which option and dose fit how much you smoke.`,
      ),
      vi(
        "lieu-phap-thay-the-nicotine-va-thuoc",
        "Liệu pháp thay thế nicotine và thuốc hỗ trợ cai",
        "Miếng dán, kẹo cao su, viên ngậm và thuốc kê đơn giúp tăng khả năng cai thành công, nhất là khi có người hỗ trợ.",
        `Liệu pháp thay thế nicotine (NRT) cung cấp nicotine mà không có khói thuốc, nên hội chứng cai nhẹ hơn trong lúc bạn bỏ thói quen.

## Các dạng NRT {#types}
Miếng dán cho liều ổn định suốt ngày. Kẹo cao su, viên ngậm, xịt miệng và ống hít tác dụng nhanh hơn, giúp với cơn thèm đột ngột. Nhiều người dùng miếng dán kết hợp một dạng tác dụng nhanh.

## Có hiệu quả không? {#evidence}
Một tổng quan Cochrane gồm nhiều thử nghiệm cho thấy NRT làm tăng khả năng cai thành công khoảng 50 đến 60 phần trăm so với không dùng hoặc dùng giả dược. Hướng dẫn của Cơ quan Y tế Công cộng Hoa Kỳ khuyến nghị dùng thuốc cho người trưởng thành muốn cai, trừ khi có lý do không nên, và cho thấy tư vấn kết hợp thuốc hiệu quả hơn từng cách riêng lẻ.

## Thuốc kê đơn {#prescription}
Varenicline và bupropion là thuốc kê đơn giúp giảm cơn thèm. Bác sĩ sẽ kiểm tra xem thuốc có phù hợp với bạn không.

> Hãy hỏi dược sĩ hoặc bác sĩ loại nào và liều nào phù hợp với mức bạn hút.`,
      ),
    ],
  },
  {
    kind: "article",
    topic: "money",
    tags: ["social"],
    sources: [S.whoTobacco],
    translations: [
      en(
        "what-smoking-costs-you",
        "What smoking costs you, and what to do with the money",
        "Work out what you spend, watch it add up in QuitPath, and give the money a job.",
        `Cigarettes cost a little each day and a lot each year.

## Work it out {#work-it-out}
Divide the price of a pack by the cigarettes in it to get the price of one cigarette, then multiply by how many you smoke a day. QuitPath does this for you from your own prices and shows what you keep each day you do not smoke.

## Give the money a job {#plan}
Pick something the money will pay for: a trip, a gift, a debt paid off. Seeing the goal grow keeps you going on hard days.`,
      ),
      vi(
        "hut-thuoc-ton-bao-nhieu-tien",
        "Hút thuốc tốn của bạn bao nhiêu, và nên làm gì với số tiền đó",
        "Tính số tiền bạn chi, xem nó tăng dần trong QuitPath, và đặt cho số tiền một mục tiêu.",
        `Thuốc lá tốn một ít mỗi ngày nhưng rất nhiều mỗi năm.

## Tự tính {#work-it-out}
Lấy giá một bao chia cho số điếu trong bao để ra giá một điếu, rồi nhân với số điếu bạn hút mỗi ngày. QuitPath tính giúp bạn theo giá của chính bạn và cho thấy số tiền bạn giữ lại mỗi ngày không hút.

## Đặt mục tiêu cho số tiền {#plan}
Chọn một thứ số tiền này sẽ chi trả: một chuyến đi, một món quà, một khoản nợ được trả. Nhìn mục tiêu lớn dần giúp bạn vững vàng trong những ngày khó khăn.`,
      ),
    ],
  },
  {
    kind: "article",
    topic: "health-recovery",
    tags: [],
    featured: true,
    sources: [S.whoBenefits, S.cdcBenefits],
    translations: [
      en(
        "how-your-body-recovers",
        "How your body recovers after you stop smoking",
        "From the first 20 minutes to 15 years: what the World Health Organization says happens when you quit.",
        `Your body starts to recover within minutes of your last cigarette.

## The first day {#first-day}
Within 20 minutes your heart rate and blood pressure drop. Within 12 hours the carbon monoxide level in your blood drops to normal.

## Weeks and months {#months}
Within 2 to 12 weeks your circulation improves and your lung function increases. Within 1 to 9 months coughing and shortness of breath decrease.

## Years {#years}
After 1 year your risk of coronary heart disease is about half that of a smoker. Within 5 to 15 years your stroke risk falls to that of a non-smoker. After 10 years your risk of lung cancer falls to about half that of a smoker. After 15 years your risk of coronary heart disease is that of a non-smoker.

> It is never too late: quitting helps at any age.`,
      ),
      vi(
        "co-the-hoi-phuc-sau-khi-cai-thuoc",
        "Cơ thể hồi phục thế nào sau khi bạn cai thuốc",
        "Từ 20 phút đầu đến 15 năm: Tổ chức Y tế Thế giới cho biết điều gì xảy ra khi bạn cai thuốc.",
        `Cơ thể bắt đầu hồi phục chỉ vài phút sau điếu thuốc cuối cùng.

## Ngày đầu tiên {#first-day}
Trong vòng 20 phút, nhịp tim và huyết áp giảm. Trong vòng 12 giờ, lượng carbon monoxide trong máu trở về bình thường.

## Vài tuần đến vài tháng {#months}
Trong 2 đến 12 tuần, tuần hoàn máu tốt hơn và chức năng phổi tăng lên. Trong 1 đến 9 tháng, ho và khó thở giảm.

## Nhiều năm {#years}
Sau 1 năm, nguy cơ bệnh mạch vành chỉ còn khoảng một nửa so với người hút thuốc. Trong 5 đến 15 năm, nguy cơ đột quỵ giảm xuống bằng người không hút. Sau 10 năm, nguy cơ ung thư phổi giảm còn khoảng một nửa so với người hút. Sau 15 năm, nguy cơ bệnh mạch vành bằng người không hút thuốc.

> Không bao giờ là quá muộn: cai thuốc có ích ở mọi lứa tuổi.`,
      ),
    ],
  },
  {
    kind: "article",
    topic: "relapse",
    tags: ["alcohol", "stress"],
    sources: [S.smokefreeSlip, S.srnt2003],
    translations: [
      en(
        "after-a-slip",
        "After a slip: how to get straight back on track",
        "One cigarette does not undo your progress. What you do next matters more than the slip.",
        `A slip is smoking once, even a puff, after your quit date. It is common, and it does not mean you have failed.

## Stop and look at what happened {#what-happened}
Where were you, who were you with, how did you feel? Knowing the trigger helps you plan for it next time. QuitPath asks you these questions after you log a slip.

## Slip or relapse? {#slip-or-relapse}
Researchers call it relapse when smoking continues, for example on seven days in a row. A single slip is not a relapse: get rid of any cigarettes and carry on with your plan.

## Make the plan stronger {#plan}
Add a coping strategy for the trigger, and tell someone who supports you.`,
      ),
      vi(
        "sau-khi-lo-hut",
        "Sau khi lỡ hút: cách quay lại đúng hướng ngay",
        "Một điếu thuốc không xóa đi những gì bạn đã đạt được. Điều bạn làm tiếp theo quan trọng hơn lần lỡ hút.",
        `Lỡ hút là hút một lần, dù chỉ một hơi, sau ngày cai. Chuyện này thường gặp và không có nghĩa là bạn đã thất bại.

## Dừng lại và nhìn lại điều đã xảy ra {#what-happened}
Bạn ở đâu, với ai, cảm thấy thế nào? Biết tác nhân giúp bạn chuẩn bị cho lần sau. QuitPath sẽ hỏi bạn những câu này sau khi bạn ghi lại lần lỡ hút.

## Lỡ hút hay tái nghiện? {#slip-or-relapse}
Các nhà nghiên cứu gọi là tái nghiện khi việc hút tiếp diễn, ví dụ bảy ngày liền. Một lần lỡ hút không phải tái nghiện: hãy bỏ hết thuốc lá còn lại và tiếp tục kế hoạch.

## Làm kế hoạch vững hơn {#plan}
Thêm một cách đối phó cho tác nhân đó, và kể với người luôn ủng hộ bạn.`,
      ),
    ],
  },
  {
    kind: "article",
    topic: "vaping",
    tags: [],
    sources: [S.nhsVaping, S.cochraneVape, S.whoTobacco],
    translations: [
      en(
        "vaping-and-quitting",
        "Vaping and quitting smoking",
        "What the evidence says about e-cigarettes as a way to stop smoking, and what it does not say.",
        `E-cigarettes heat a liquid that usually contains nicotine. They do not burn tobacco.

## What the evidence says {#evidence}
A Cochrane review found that nicotine e-cigarettes help more people stop smoking than nicotine replacement therapy. The NHS says vaping is substantially less harmful than smoking, but not risk-free, and is not recommended for people who do not smoke.

## Different views and rules {#rules}
The World Health Organization does not recommend e-cigarettes for quitting, and the rules on selling and using them differ from country to country. Check the law where you live.

## If you use one to quit {#if-you-vape}
Stop smoking completely rather than doing both, and plan to stop vaping too in time.`,
      ),
      vi(
        "thuoc-la-dien-tu-va-cai-thuoc",
        "Thuốc lá điện tử và việc cai thuốc lá",
        "Bằng chứng nói gì về thuốc lá điện tử như một cách cai thuốc, và chưa nói được gì.",
        `Thuốc lá điện tử làm nóng một dung dịch thường chứa nicotine. Chúng không đốt thuốc lá.

## Bằng chứng nói gì {#evidence}
Một tổng quan Cochrane cho thấy thuốc lá điện tử có nicotine giúp nhiều người cai thuốc lá hơn so với liệu pháp thay thế nicotine. NHS (Anh) cho rằng thuốc lá điện tử ít hại hơn đáng kể so với hút thuốc lá nhưng không phải vô hại, và không khuyến khích cho người không hút thuốc.

## Quan điểm và luật lệ khác nhau {#rules}
Tổ chức Y tế Thế giới không khuyến nghị thuốc lá điện tử để cai thuốc, và quy định về mua bán, sử dụng khác nhau giữa các quốc gia. Hãy kiểm tra luật nơi bạn sống.

## Nếu bạn dùng để cai {#if-you-vape}
Hãy bỏ hẳn thuốc lá thay vì dùng cả hai, và lên kế hoạch bỏ cả thuốc lá điện tử theo thời gian.`,
      ),
    ],
  },
  {
    kind: "article",
    topic: "pregnancy",
    tags: [],
    sources: [S.cdcPregnancy, S.nhsPregnancy],
    translations: [
      en(
        "smoking-and-pregnancy",
        "Stopping smoking in pregnancy",
        "Quitting is one of the best things you can do for your baby, and support makes it easier.",
        `Smoking in pregnancy raises the risk of problems such as preterm birth, low birth weight and sudden infant death.

## It helps at any stage {#any-stage}
Stopping at any point in pregnancy helps, and the earlier the better.

## Getting support {#support}
Tell your midwife or doctor that you want to stop. Stop-smoking services can support you, and your midwife can advise whether nicotine replacement is suitable for you.

## Smoke-free home {#home}
Ask partners and family not to smoke around you or the baby.`,
      ),
      vi(
        "cai-thuoc-khi-mang-thai",
        "Cai thuốc lá khi mang thai",
        "Cai thuốc là một trong những điều tốt nhất bạn có thể làm cho em bé, và có người hỗ trợ sẽ dễ hơn.",
        `Hút thuốc khi mang thai làm tăng nguy cơ các vấn đề như sinh non, nhẹ cân khi sinh và đột tử ở trẻ sơ sinh.

## Có ích ở mọi giai đoạn {#any-stage}
Cai thuốc ở bất kỳ thời điểm nào của thai kỳ đều có ích, càng sớm càng tốt.

## Tìm sự hỗ trợ {#support}
Hãy nói với nữ hộ sinh hoặc bác sĩ rằng bạn muốn cai. Các dịch vụ hỗ trợ cai thuốc có thể giúp bạn, và nhân viên y tế sẽ tư vấn liệu pháp thay thế nicotine có phù hợp với bạn không.

## Nhà không khói thuốc {#home}
Đề nghị người thân không hút thuốc gần bạn và em bé.`,
      ),
    ],
  },
  {
    kind: "article",
    topic: "helping-someone",
    tags: ["social"],
    sources: [S.smokefreeHelp],
    translations: [
      en(
        "helping-someone-quit",
        "How to help someone quit",
        "Support works better than pressure. Ask what helps, and be patient with slips.",
        `Your support can make a real difference to someone who is quitting.

## Ask, do not nag {#ask}
Ask how you can help, and listen. Some people want reminders; others want distraction.

## Expect bad days {#bad-days}
Withdrawal can make people irritable. Do not take it personally, and celebrate smoke-free days together.

## After a slip {#slip}
Encourage them to keep going rather than criticising. Most people try more than once before they stop for good.`,
      ),
      vi(
        "giup-nguoi-khac-cai-thuoc",
        "Cách giúp người khác cai thuốc",
        "Ủng hộ hiệu quả hơn gây áp lực. Hãy hỏi điều gì giúp ích, và kiên nhẫn khi họ lỡ hút.",
        `Sự ủng hộ của bạn có thể tạo ra khác biệt thực sự cho người đang cai thuốc.

## Hỏi thay vì cằn nhằn {#ask}
Hãy hỏi bạn có thể giúp gì, và lắng nghe. Có người muốn được nhắc nhở, có người muốn được đánh lạc hướng.

## Chuẩn bị cho những ngày khó {#bad-days}
Hội chứng cai có thể khiến người ta dễ cáu. Đừng để bụng, và cùng ăn mừng những ngày không khói thuốc.

## Sau khi lỡ hút {#slip}
Hãy động viên họ tiếp tục thay vì chỉ trích. Phần lớn mọi người phải thử nhiều lần mới cai hẳn.`,
      ),
    ],
  },
];

const roadmaps: Seed[] = [
  {
    kind: "roadmap",
    topic: "withdrawal",
    tags: [],
    sources: [S.whoBenefits, S.smokefreeWithdrawal],
    translations: [
      en(
        "your-first-72-hours",
        "Your first 72 hours",
        "A step-by-step guide to the first three days without cigarettes.",
        `## Get rid of cigarettes, lighters and ashtrays {#clear-out}
Do it the evening before your quit day.

## Plan your first morning {#morning}
Change your routine: a different drink, a walk, brushing your teeth straight after breakfast.

## Have your NRT or medicine ready {#nrt}
If you are using it, start on your quit day as advised.

## Check in every evening {#check-in}
Tap "No cigarettes today" in QuitPath and look at the health timeline: within 12 hours, carbon monoxide in your blood is back to normal.`,
      ),
      vi(
        "72-gio-dau-tien",
        "72 giờ đầu tiên",
        "Hướng dẫn từng bước cho ba ngày đầu không thuốc lá.",
        `## Bỏ hết thuốc lá, bật lửa và gạt tàn {#clear-out}
Làm việc này vào tối hôm trước ngày cai.

## Lên kế hoạch cho buổi sáng đầu tiên {#morning}
Thay đổi thói quen: một đồ uống khác, đi bộ, đánh răng ngay sau bữa sáng.

## Chuẩn bị sẵn NRT hoặc thuốc {#nrt}
Nếu bạn dùng, hãy bắt đầu vào ngày cai theo hướng dẫn.

## Điểm danh mỗi tối {#check-in}
Nhấn "Hôm nay không hút" trong QuitPath và xem mốc hồi phục: trong vòng 12 giờ, lượng carbon monoxide trong máu đã trở về bình thường.`,
      ),
    ],
  },
  {
    kind: "roadmap",
    topic: "cravings",
    tags: ["stress"],
    sources: [S.smokefreeCravings],
    translations: [
      en(
        "getting-through-week-two",
        "Getting through week 2",
        "The novelty wears off in the second week. Here is how to keep going.",
        `## Review your triggers {#triggers}
Look at the cravings you logged in week 1: which times and places come up again?

## Add one new coping strategy {#strategy}
Pick one from your plan for your strongest trigger and practise it.

## Count what you have kept {#count}
Look at your money saved and smoke-free days, and tell someone about them.`,
      ),
      vi(
        "vuot-qua-tuan-thu-hai",
        "Vượt qua tuần thứ hai",
        "Sang tuần thứ hai, cảm giác mới mẻ qua đi. Đây là cách để tiếp tục.",
        `## Xem lại các tác nhân {#triggers}
Nhìn lại những cơn thèm bạn đã ghi trong tuần 1: thời điểm và nơi nào lặp lại?

## Thêm một cách đối phó mới {#strategy}
Chọn một cách trong kế hoạch cho tác nhân mạnh nhất của bạn và tập luyện nó.

## Đếm những gì bạn đã giữ được {#count}
Xem số tiền tiết kiệm và số ngày không hút, rồi kể cho ai đó nghe.`,
      ),
    ],
  },
  {
    kind: "roadmap",
    topic: "relapse",
    tags: ["alcohol"],
    sources: [S.smokefreeSlip],
    translations: [
      en(
        "after-a-slip-step-by-step",
        "After a slip, step by step",
        "Four steps to take today, so a slip stays a slip.",
        `## Throw away what is left {#throw-away}
Do not keep the rest of the pack "just in case".

## Log the slip and what triggered it {#log}
QuitPath asks what happened and what you will do next time.

## Tell someone {#tell}
A friend, your coach or the community.

## Carry on with your plan today {#carry-on}
Your quit date still counts; tomorrow is another smoke-free day.`,
      ),
      vi(
        "sau-khi-lo-hut-tung-buoc",
        "Sau khi lỡ hút, từng bước một",
        "Bốn bước cần làm ngay hôm nay, để một lần lỡ hút chỉ dừng ở đó.",
        `## Bỏ phần thuốc còn lại {#throw-away}
Đừng giữ phần còn lại của bao thuốc "để phòng khi cần".

## Ghi lại lần lỡ hút và tác nhân {#log}
QuitPath sẽ hỏi điều gì đã xảy ra và lần sau bạn sẽ làm gì.

## Kể với ai đó {#tell}
Một người bạn, huấn luyện viên hoặc cộng đồng.

## Tiếp tục kế hoạch ngay hôm nay {#carry-on}
Ngày cai của bạn vẫn được tính; ngày mai lại là một ngày không khói thuốc.`,
      ),
    ],
  },
];

const blogPosts: Seed[] = [
  {
    kind: "blog-post",
    topic: null,
    tags: [],
    authorName: "QuitPath team",
    sources: [S.whoTobacco],
    translations: [
      en(
        "why-we-built-quitpath",
        "Why we built QuitPath",
        "A quit plan that starts from your own smoking, in your own language.",
        `Most people who smoke want to stop, and many try several times. We built QuitPath so every try starts from a plan that fits the person: how much they smoke, what it costs and what triggers it.

## In English and Vietnamese {#languages}
Everything in QuitPath, including this knowledge hub, is written in both languages.`,
      ),
      vi(
        "vi-sao-chung-toi-xay-dung-quitpath",
        "Vì sao chúng tôi xây dựng QuitPath",
        "Một kế hoạch cai thuốc bắt đầu từ chính thói quen hút của bạn, bằng ngôn ngữ của bạn.",
        `Phần lớn người hút thuốc muốn bỏ, và nhiều người thử nhiều lần. Chúng tôi xây dựng QuitPath để mỗi lần thử đều bắt đầu từ một kế hoạch phù hợp với từng người: hút bao nhiêu, tốn bao nhiêu tiền và điều gì khiến họ hút.

## Bằng tiếng Anh và tiếng Việt {#languages}
Mọi thứ trong QuitPath, kể cả kho kiến thức này, đều được viết bằng cả hai ngôn ngữ.`,
      ),
    ],
  },
  {
    kind: "blog-post",
    topic: null,
    tags: [],
    authorName: "QuitPath team",
    sources: [S.whoBenefits],
    translations: [
      en(
        "the-first-twenty-minutes",
        "The first twenty minutes",
        "Why we show the health timeline from your last cigarette.",
        `The World Health Organization's timeline starts 20 minutes after the last cigarette, when heart rate and blood pressure drop. We count your timeline from the start of your current smoke-free streak, so every restart shows progress from day one.`,
      ),
      vi(
        "hai-muoi-phut-dau-tien",
        "Hai mươi phút đầu tiên",
        "Vì sao chúng tôi hiển thị mốc hồi phục sức khỏe từ điếu thuốc cuối cùng.",
        `Mốc thời gian của Tổ chức Y tế Thế giới bắt đầu 20 phút sau điếu thuốc cuối, khi nhịp tim và huyết áp giảm. Chúng tôi tính mốc hồi phục từ đầu chuỗi ngày không hút hiện tại của bạn, để mỗi lần bắt đầu lại đều thấy tiến bộ từ ngày đầu.`,
      ),
    ],
  },
];

const faqs: Seed[] = [
  faq(
    "quitting",
    "Is it better to cut down first or stop on one day?",
    "Both can work. QuitPath offers a plan that cuts down to a quit date, or one that stops on the day you choose. Pick the one you are more likely to stick to.",
    "Nên giảm dần hay bỏ hẳn trong một ngày?",
    "Cả hai cách đều có thể hiệu quả. QuitPath có kế hoạch giảm dần đến ngày cai, hoặc bỏ hẳn vào ngày bạn chọn. Hãy chọn cách bạn dễ theo nhất.",
    "cut-down-or-stop",
    "giam-dan-hay-bo-han",
  ),
  faq(
    "quitting",
    "Does one cigarette mean I have to start again?",
    "No. A slip does not end your attempt. QuitPath keeps your quit date and helps you learn from the slip.",
    "Hút một điếu có nghĩa là phải bắt đầu lại không?",
    "Không. Một lần lỡ hút không kết thúc lần cai của bạn. QuitPath giữ nguyên ngày cai và giúp bạn rút kinh nghiệm.",
    "one-cigarette",
    "mot-dieu-thuoc",
  ),
  faq(
    "app",
    "Is QuitPath free?",
    "The Basic plan is free. Premium adds coaching and more; see the pricing page.",
    "QuitPath có miễn phí không?",
    "Gói Cơ bản miễn phí. Gói Cao cấp có thêm huấn luyện viên và nhiều tính năng khác; xem trang bảng giá.",
    "is-it-free",
    "co-mien-phi-khong",
  ),
  faq(
    "app",
    "Which languages does QuitPath speak?",
    "English and Vietnamese. Switch at any time from the header.",
    "QuitPath có những ngôn ngữ nào?",
    "Tiếng Anh và tiếng Việt. Bạn có thể đổi bất cứ lúc nào ở đầu trang.",
    "languages",
    "ngon-ngu",
  ),
  faq(
    "privacy",
    "Who can see my health data?",
    "Only you, and a coach you are assigned to if you have one. We keep health data only while your consent is live.",
    "Ai có thể xem dữ liệu sức khỏe của tôi?",
    "Chỉ bạn, và huấn luyện viên được phân công cho bạn nếu có. Chúng tôi chỉ lưu dữ liệu sức khỏe khi bạn còn đồng ý.",
    "who-sees-my-data",
    "ai-xem-du-lieu",
  ),
  faq(
    "privacy",
    "Can I delete my data?",
    "Yes. Withdrawing consent in your account stops new health data being kept.",
    "Tôi có thể xóa dữ liệu của mình không?",
    "Có. Rút lại sự đồng ý trong tài khoản sẽ dừng việc lưu dữ liệu sức khỏe mới.",
    "delete-my-data",
    "xoa-du-lieu",
  ),
];

const pages: Seed[] = [
  {
    kind: "page",
    topic: "about",
    tags: [],
    sources: [],
    translations: [
      en(
        "about",
        "About QuitPath",
        "Who we are and what QuitPath does.",
        `QuitPath helps people stop smoking with a plan built from their own smoking, daily check-ins, a community and coaches.\n\n## Our content {#content}\nOur articles are written by our team from public health sources, which each article lists, and medical articles are reviewed before they publish.`,
      ),
      vi(
        "gioi-thieu",
        "Giới thiệu QuitPath",
        "Chúng tôi là ai và QuitPath làm gì.",
        `QuitPath giúp mọi người cai thuốc lá bằng một kế hoạch dựa trên chính thói quen hút của họ, điểm danh hằng ngày, cộng đồng và huấn luyện viên.\n\n## Nội dung của chúng tôi {#content}\nCác bài viết do đội ngũ chúng tôi viết dựa trên các nguồn y tế công cộng được liệt kê trong từng bài, và bài y khoa được thẩm định trước khi đăng.`,
      ),
    ],
  },
  {
    kind: "page",
    topic: "terms",
    tags: [],
    sources: [],
    translations: [
      en(
        "terms",
        "Terms of use",
        "The rules for using QuitPath.",
        `## Not medical advice {#not-advice}\nQuitPath gives general information and tools. It does not replace a doctor.\n\n## Your account {#account}\nKeep your password safe. Be kind in the community; moderators may hide posts that break its rules.`,
      ),
      vi(
        "dieu-khoan",
        "Điều khoản sử dụng",
        "Quy định khi sử dụng QuitPath.",
        `## Không thay thế lời khuyên y khoa {#not-advice}\nQuitPath cung cấp thông tin chung và công cụ. QuitPath không thay thế bác sĩ.\n\n## Tài khoản của bạn {#account}\nHãy giữ mật khẩu an toàn. Hãy tử tế trong cộng đồng; người kiểm duyệt có thể ẩn bài vi phạm quy định.`,
      ),
    ],
  },
  {
    kind: "page",
    topic: "privacy",
    tags: [],
    sources: [],
    translations: [
      en(
        "privacy",
        "Privacy",
        "What we keep and why.",
        `## Health data {#health-data}\nWe keep the smoking and health data you enter only while your consent is live, and use it to run your plan.\n\n## Sharing {#sharing}\nWe do not sell your data. Your coach sees your journey only while assigned to you.`,
      ),
      vi(
        "quyen-rieng-tu",
        "Quyền riêng tư",
        "Chúng tôi lưu gì và vì sao.",
        `## Dữ liệu sức khỏe {#health-data}\nChúng tôi chỉ lưu dữ liệu về hút thuốc và sức khỏe bạn nhập khi bạn còn đồng ý, và dùng chúng để vận hành kế hoạch của bạn.\n\n## Chia sẻ {#sharing}\nChúng tôi không bán dữ liệu của bạn. Huấn luyện viên chỉ xem hành trình của bạn khi được phân công cho bạn.`,
      ),
    ],
  },
];

export const demoContent: readonly Seed[] = [
  ...articles,
  ...moreArticles,
  ...roadmaps,
  ...blogPosts,
  ...moreBlogPosts,
  ...faqs,
  ...moreFaqs,
  ...pages,
];

/**
 * Seeds and publishes each demo item once: an item whose first slug is already taken in its
 * language is skipped, so a database seeded by an earlier version gains only what is new.
 */
export async function seedDemoContent(db: Database, editorId: string, reviewerId: string): Promise<number> {
  const taken = await db.execute<{ locale: string; slug: string }>(sql`select locale::text, slug from content_translations`);
  const existing = new Set(taken.map((row) => `${row.locale}/${row.slug}`));
  const now = new Date();
  let created = 0;
  for (const [i, seed] of demoContent.entries()) {
    if (seed.translations.some((t) => existing.has(`${t.locale}/${t.slug}`))) continue;
    const id = await createContentItem(db, editorId, {
      featured: false,
      authorName: null,
      ...seed,
      medical:
        seed.medical ??
        ((seed.kind === "article" || seed.kind === "roadmap") &&
          ["withdrawal", "medication", "health-recovery", "vaping", "pregnancy"].includes(seed.topic ?? "")),
    });
    await db.execute(sql`update content_items set approved_revision = revision, approved_by = ${reviewerId}, reviewed_on = '2026-01-15',
      reviewer_name = (select display_name from users where id = ${reviewerId}) where id = ${id} and medical`);
    await schedulePublication(db, id, new Date(now.getTime() - (demoContent.length - i) * 3_600_000), now);
    created++;
  }
  return created;
}
