import { en, faq, S, vi, type Seed } from "./content-sources";

/**
 * The rest of the demo library (with content.ts: 20 articles, 5 blog posts, 15 FAQs). Written by
 * the team; figures only from ../shared/docs/clinical-references.md and the sources cited.
 */
export const moreArticles: Seed[] = [
  {
    kind: "article",
    topic: "cravings",
    tags: ["coffee", "alcohol", "after-meals"],
    sources: [S.smokefreeCravings, S.nhsQuit],
    translations: [
      en(
        "coffee-alcohol-and-other-triggers",
        "Coffee, alcohol and other triggers",
        "Most cravings are set off by the same few moments. Change the moment and the craving loses its cue.",
        `A trigger is a moment your brain has linked with smoking: the first coffee, the end of a meal, a drink with friends, a work break.

## Change the routine {#routine}
For the first weeks, change what surrounds the trigger. Drink your coffee somewhere else, or switch to tea for a while. Get up from the table as soon as you finish eating and brush your teeth.

## Alcohol {#alcohol}
Alcohol lowers your guard and often comes with other smokers. Drink less, or not at all, in the first weeks, and tell friends you have stopped.

## Other smokers {#other-smokers}
Ask people not to smoke around you or offer you cigarettes. Stand away from the smoking area on breaks.

> Write down your three strongest triggers and one thing you will do instead for each.`,
      ),
      vi(
        "ca-phe-ruou-bia-va-cac-tac-nhan",
        "Cà phê, rượu bia và các tác nhân khác",
        "Phần lớn cơn thèm đến từ vài khoảnh khắc quen thuộc. Thay đổi khoảnh khắc đó thì cơn thèm mất đi tín hiệu.",
        `Tác nhân là một khoảnh khắc mà não bạn đã gắn với việc hút thuốc: ly cà phê đầu tiên, lúc ăn xong, cuộc nhậu với bạn bè, giờ nghỉ giải lao.

## Thay đổi thói quen {#routine}
Trong những tuần đầu, hãy thay đổi những gì xung quanh tác nhân. Uống cà phê ở chỗ khác, hoặc tạm chuyển sang uống trà. Đứng dậy ngay khi ăn xong và đánh răng.

## Rượu bia {#alcohol}
Rượu bia làm bạn mất cảnh giác và thường đi kèm người hút thuốc. Hãy uống ít hơn, hoặc không uống, trong những tuần đầu, và cho bạn bè biết bạn đã bỏ thuốc.

## Người hút thuốc xung quanh {#other-smokers}
Nhờ mọi người không hút gần bạn và không mời bạn hút. Khi nghỉ giải lao, hãy đứng xa khu vực hút thuốc.

> Hãy viết ra ba tác nhân mạnh nhất của bạn và một việc bạn sẽ làm thay thế cho mỗi tác nhân.`,
      ),
    ],
  },
  {
    kind: "article",
    topic: "cravings",
    tags: ["stress"],
    sources: [S.smokefreeCravings, S.nhsQuit],
    translations: [
      en(
        "handling-stress-without-smoking",
        "Handling stress without smoking",
        "Smoking feels like it relieves stress, but much of that relief is the craving going away. There are other ways to calm down.",
        `Many people smoke when they are stressed. Part of the calm a cigarette seems to bring is simply the end of the craving that nicotine itself causes.

## Quick ways to calm down {#quick}
- slow breathing: in for four, out for six, a few times
- a short walk, even around the building
- a glass of cold water
- talking to someone, or writing down what is worrying you

## Plan for stressful days {#plan}
If you know a hard day is coming, plan it: keep gum or a healthy snack with you, and decide in advance what you will do when the urge comes.

## When stress is too much {#too-much}
If you feel anxious or low most days, talk to a doctor. Feeling this way is common when quitting, and help is available.`,
      ),
      vi(
        "xu-ly-cang-thang-khong-can-thuoc-la",
        "Xử lý căng thẳng mà không cần thuốc lá",
        "Hút thuốc tưởng như giúp bớt căng thẳng, nhưng phần lớn cảm giác đó chỉ là cơn thèm qua đi. Có những cách khác để bình tĩnh lại.",
        `Nhiều người hút thuốc khi căng thẳng. Một phần cảm giác thư giãn mà điếu thuốc mang lại thực ra chỉ là cơn thèm do chính nicotine gây ra đã dịu đi.

## Cách bình tĩnh nhanh {#quick}
- thở chậm: hít vào bốn nhịp, thở ra sáu nhịp, vài lần
- đi bộ một lúc, dù chỉ quanh tòa nhà
- uống một cốc nước mát
- nói chuyện với ai đó, hoặc viết ra điều đang làm bạn lo

## Chuẩn bị cho ngày căng thẳng {#plan}
Nếu biết sắp có một ngày khó khăn, hãy lên kế hoạch: mang theo kẹo cao su hoặc đồ ăn nhẹ lành mạnh, và quyết định trước mình sẽ làm gì khi cơn thèm đến.

## Khi căng thẳng quá sức {#too-much}
Nếu bạn thấy lo âu hoặc buồn bã hầu hết các ngày, hãy nói chuyện với bác sĩ. Cảm giác này thường gặp khi cai thuốc, và luôn có sự giúp đỡ.`,
      ),
    ],
  },
  {
    kind: "article",
    topic: "withdrawal",
    tags: ["sleep", "weight"],
    sources: [S.smokefreeWithdrawal, S.nhsQuit],
    translations: [
      en(
        "sleep-mood-and-appetite-after-quitting",
        "Sleep, mood and appetite after quitting",
        "Poor sleep, low mood and a bigger appetite are common in the first weeks. Small habits help while your body adjusts.",
        `Withdrawal can change how you sleep, how you feel and how hungry you are. These changes are common and usually ease over the first weeks.

## Sleep {#sleep}
Keep regular bed and wake times, cut down on coffee and tea after midday, and be active during the day. If you use a nicotine patch and have vivid dreams, ask a pharmacist whether to take it off at night.

## Mood {#mood}
Feeling irritable, anxious or low is part of withdrawal for many people. Tell the people around you what you are going through. If your mood stays low, talk to a doctor.

## Appetite and weight {#appetite}
Food may taste better and you may feel hungrier. Keep healthy snacks and water close, eat regular meals and stay active. Stopping smoking does more for your health than a few extra kilos take away.`,
      ),
      vi(
        "giac-ngu-tam-trang-va-an-uong-sau-khi-cai",
        "Giấc ngủ, tâm trạng và ăn uống sau khi cai",
        "Khó ngủ, tâm trạng đi xuống và ăn ngon miệng hơn thường gặp trong những tuần đầu. Vài thói quen nhỏ giúp ích trong lúc cơ thể thích nghi.",
        `Hội chứng cai có thể thay đổi giấc ngủ, cảm xúc và cảm giác đói của bạn. Những thay đổi này thường gặp và thường giảm dần trong những tuần đầu.

## Giấc ngủ {#sleep}
Giữ giờ đi ngủ và thức dậy đều đặn, hạn chế cà phê và trà sau buổi trưa, và vận động vào ban ngày. Nếu bạn dùng miếng dán nicotine và hay mơ nhiều, hãy hỏi dược sĩ có nên tháo miếng dán vào ban đêm không.

## Tâm trạng {#mood}
Cáu kỉnh, lo âu hoặc buồn bã là một phần của hội chứng cai ở nhiều người. Hãy cho những người xung quanh biết bạn đang trải qua điều gì. Nếu tâm trạng vẫn đi xuống, hãy nói chuyện với bác sĩ.

## Ăn uống và cân nặng {#appetite}
Đồ ăn có thể ngon hơn và bạn có thể thấy đói hơn. Để sẵn đồ ăn nhẹ lành mạnh và nước, ăn đúng bữa và vận động thường xuyên. Bỏ thuốc mang lại cho sức khỏe nhiều hơn hẳn so với vài ký tăng thêm.`,
      ),
    ],
  },
  {
    kind: "article",
    topic: "medication",
    tags: ["nrt", "patch", "gum"],
    sources: [S.cochraneNrtModes, S.cochraneNrt, S.nhsQuit],
    translations: [
      en(
        "combining-a-patch-with-faster-nicotine",
        "Combining a patch with a faster form of nicotine",
        "A patch gives a steady dose; gum, lozenges or a spray deal with sudden cravings. Together they work better than one alone.",
        `Nicotine replacement therapy (NRT) gives you nicotine without the smoke, so withdrawal is milder while you break the habit.

## Two kinds of NRT {#two-kinds}
- **Slow and steady:** a patch releases nicotine through the day.
- **Fast:** gum, lozenges, inhalators and mouth or nose sprays act within minutes, for the moments a craving hits.

## Why combine them {#why-combine}
A Cochrane review found that using a patch together with a fast-acting form helps more people stop than using one form alone.

## Using NRT well {#using-well}
Use enough, and for long enough: a full course usually lasts about 8 to 12 weeks. Ask a pharmacist or doctor which strengths suit how much you smoke, and check with a doctor first if you are pregnant or have heart disease.`,
      ),
      vi(
        "ket-hop-mieng-dan-voi-nicotine-tac-dung-nhanh",
        "Kết hợp miếng dán với nicotine tác dụng nhanh",
        "Miếng dán cho liều đều đặn; kẹo cao su, viên ngậm hoặc thuốc xịt xử lý cơn thèm đột ngột. Dùng cùng nhau hiệu quả hơn dùng một loại.",
        `Liệu pháp thay thế nicotine (NRT) cung cấp nicotine mà không có khói thuốc, giúp hội chứng cai nhẹ hơn trong lúc bạn bỏ thói quen.

## Hai loại NRT {#two-kinds}
- **Chậm và đều:** miếng dán giải phóng nicotine suốt cả ngày.
- **Nhanh:** kẹo cao su, viên ngậm, ống hít và thuốc xịt miệng hoặc mũi có tác dụng trong vài phút, cho những lúc cơn thèm ập đến.

## Vì sao nên kết hợp {#why-combine}
Một tổng quan Cochrane cho thấy dùng miếng dán cùng một dạng tác dụng nhanh giúp nhiều người bỏ thuốc hơn so với chỉ dùng một dạng.

## Dùng NRT đúng cách {#using-well}
Dùng đủ liều và đủ thời gian: một liệu trình thường kéo dài khoảng 8 đến 12 tuần. Hãy hỏi dược sĩ hoặc bác sĩ về liều phù hợp với mức hút của bạn, và hỏi bác sĩ trước nếu bạn đang mang thai hoặc có bệnh tim.`,
      ),
    ],
  },
  {
    kind: "article",
    topic: "medication",
    tags: ["varenicline", "bupropion", "doctor"],
    sources: [S.cochraneVarenicline, S.uspstf2008, S.nhsQuit],
    translations: [
      en(
        "prescription-medicines-for-quitting",
        "Prescription medicines for quitting",
        "Varenicline and bupropion are tablets a doctor can prescribe. They reduce cravings and withdrawal and raise the chance of stopping.",
        `Some medicines to help you stop smoking need a prescription. A doctor will check whether they are right for you.

## Varenicline {#varenicline}
Varenicline reduces cravings and makes smoking less satisfying. A Cochrane review found it helps more people stop than a placebo, and more than bupropion or a single form of NRT. You usually start it one to two weeks before your quit date.

## Bupropion {#bupropion}
Bupropion is an older medicine that also reduces cravings. It is not suitable for everyone, for example people with a history of seizures.

## Talking to your doctor {#doctor}
Tell your doctor how much you smoke, any health conditions and other medicines you take. Medicine works best together with support, such as a coach or a stop-smoking service.`,
      ),
      vi(
        "thuoc-ke-don-giup-cai-thuoc-la",
        "Thuốc kê đơn giúp cai thuốc lá",
        "Varenicline và bupropion là thuốc viên bác sĩ có thể kê đơn. Chúng làm giảm cơn thèm và hội chứng cai, tăng khả năng bỏ thuốc thành công.",
        `Một số thuốc giúp cai thuốc lá cần có đơn. Bác sĩ sẽ kiểm tra xem thuốc có phù hợp với bạn không.

## Varenicline {#varenicline}
Varenicline làm giảm cơn thèm và khiến việc hút thuốc bớt thỏa mãn. Một tổng quan Cochrane cho thấy thuốc giúp nhiều người bỏ thuốc hơn giả dược, và hơn bupropion hoặc một dạng NRT đơn lẻ. Bạn thường bắt đầu uống một đến hai tuần trước ngày cai.

## Bupropion {#bupropion}
Bupropion là thuốc lâu đời hơn, cũng làm giảm cơn thèm. Thuốc không phù hợp với mọi người, ví dụ người có tiền sử co giật.

## Trao đổi với bác sĩ {#doctor}
Hãy cho bác sĩ biết bạn hút bao nhiêu, các bệnh bạn đang có và các thuốc khác bạn đang dùng. Thuốc hiệu quả nhất khi đi kèm sự hỗ trợ, như huấn luyện viên hoặc dịch vụ cai thuốc.`,
      ),
    ],
  },
  {
    kind: "article",
    topic: "money",
    tags: ["savings", "rewards"],
    sources: [S.nhsQuit],
    translations: [
      en(
        "putting-your-savings-to-work",
        "Putting your savings to work",
        "Money not spent on cigarettes adds up fast. Giving it a purpose makes it a reason to keep going.",
        `QuitPath counts the money you save each day: the cigarettes you did not smoke compared with how many you used to smoke, at the price you pay. A day you smoke more than before counts as nothing saved, never as a loss.

## Give the money a goal {#goal}
Pick something you want: a trip, a gift for someone, paying off a debt. Seeing the total grow towards it makes each day count.

## Reward yourself along the way {#rewards}
Plan small rewards at milestones such as one week, one month and three months. Choose rewards that do not lead you back to smoking.

## Set it aside {#set-aside}
Move the money you would have spent into a separate account or jar each week, so the saving is real and not only a number.`,
      ),
      vi(
        "dung-tien-tiet-kiem-vao-viec-co-ich",
        "Dùng tiền tiết kiệm vào việc có ích",
        "Tiền không tiêu cho thuốc lá cộng dồn rất nhanh. Đặt cho nó một mục đích sẽ thành lý do để bạn tiếp tục.",
        `QuitPath tính số tiền bạn tiết kiệm mỗi ngày: số điếu bạn không hút so với số điếu bạn từng hút, theo giá bạn mua. Ngày bạn hút nhiều hơn trước được tính là không tiết kiệm được, không bao giờ tính là lỗ.

## Đặt mục tiêu cho số tiền {#goal}
Hãy chọn điều bạn muốn: một chuyến đi, một món quà cho ai đó, trả một khoản nợ. Nhìn tổng số tiền tăng dần đến mục tiêu giúp mỗi ngày đều có ý nghĩa.

## Tự thưởng trên đường đi {#rewards}
Lên kế hoạch cho những phần thưởng nhỏ ở các mốc như một tuần, một tháng và ba tháng. Hãy chọn phần thưởng không kéo bạn quay lại hút thuốc.

## Để riêng số tiền {#set-aside}
Mỗi tuần hãy chuyển số tiền lẽ ra bạn đã tiêu vào một tài khoản hoặc một chiếc hộp riêng, để khoản tiết kiệm là thật chứ không chỉ là con số.`,
      ),
    ],
  },
  {
    kind: "article",
    topic: "health-recovery",
    tags: ["lungs", "breathing"],
    sources: [S.whoBenefits, S.cdcBenefits],
    translations: [
      en(
        "your-lungs-after-quitting",
        "Your lungs after quitting",
        "Breathing gets easier in the months after you stop: circulation and lung function improve, and coughing eases.",
        `Your lungs start to recover soon after your last cigarette. The World Health Organization describes these steps.

## The first weeks {#first-weeks}
Within 12 hours the carbon monoxide level in your blood drops to normal. Between 2 and 12 weeks, your circulation improves and your lung function increases.

## The first months {#first-months}
Between 1 and 9 months, coughing and shortness of breath decrease. Some people cough more at first, as the lungs clear themselves; if a cough lasts or worries you, see a doctor.

## Helping your lungs {#helping}
Being active, even with short walks, helps you notice the difference. Avoid other people's smoke.`,
      ),
      vi(
        "phoi-cua-ban-sau-khi-cai-thuoc",
        "Phổi của bạn sau khi cai thuốc",
        "Hơi thở dễ dàng hơn trong những tháng sau khi bỏ thuốc: tuần hoàn và chức năng phổi cải thiện, ho giảm dần.",
        `Phổi của bạn bắt đầu hồi phục ngay sau điếu thuốc cuối cùng. Tổ chức Y tế Thế giới mô tả các bước sau.

## Những tuần đầu {#first-weeks}
Trong vòng 12 giờ, lượng carbon monoxide trong máu giảm về mức bình thường. Từ 2 đến 12 tuần, tuần hoàn máu cải thiện và chức năng phổi tăng lên.

## Những tháng đầu {#first-months}
Từ 1 đến 9 tháng, ho và khó thở giảm dần. Một số người lúc đầu ho nhiều hơn khi phổi tự làm sạch; nếu ho kéo dài hoặc khiến bạn lo lắng, hãy đi khám bác sĩ.

## Giúp phổi hồi phục {#helping}
Vận động, dù chỉ là đi bộ ngắn, giúp bạn nhận ra sự khác biệt. Tránh khói thuốc của người khác.`,
      ),
    ],
  },
  {
    kind: "article",
    topic: "health-recovery",
    tags: ["heart", "stroke"],
    sources: [S.whoBenefits, S.cdcBenefits],
    translations: [
      en(
        "your-heart-after-quitting",
        "Your heart after quitting",
        "Your heart benefits from the first minutes, and the risk of heart disease keeps falling for years.",
        `Smoking damages the heart and blood vessels. Stopping helps them from the first day, and the benefit keeps growing. These figures are from the World Health Organization.

## Within minutes {#minutes}
About 20 minutes after your last cigarette, your heart rate and blood pressure drop.

## After one year {#one-year}
After 1 year, your risk of coronary heart disease is about half that of someone who still smokes.

## The long run {#long-run}
Between 5 and 15 years after quitting, your risk of stroke falls to that of a non-smoker. After 15 years, your risk of coronary heart disease is that of a non-smoker.`,
      ),
      vi(
        "trai-tim-cua-ban-sau-khi-cai-thuoc",
        "Trái tim của bạn sau khi cai thuốc",
        "Tim được lợi ngay từ những phút đầu, và nguy cơ bệnh tim tiếp tục giảm trong nhiều năm.",
        `Hút thuốc làm tổn thương tim và mạch máu. Bỏ thuốc giúp ích cho chúng từ ngày đầu, và lợi ích ngày càng lớn. Các số liệu dưới đây của Tổ chức Y tế Thế giới.

## Trong vài phút {#minutes}
Khoảng 20 phút sau điếu thuốc cuối, nhịp tim và huyết áp của bạn giảm xuống.

## Sau một năm {#one-year}
Sau 1 năm, nguy cơ bệnh mạch vành của bạn còn khoảng một nửa so với người vẫn hút thuốc.

## Về lâu dài {#long-run}
Từ 5 đến 15 năm sau khi cai, nguy cơ đột quỵ giảm xuống bằng người không hút thuốc. Sau 15 năm, nguy cơ bệnh mạch vành bằng người không hút thuốc.`,
      ),
    ],
  },
  {
    kind: "article",
    topic: "relapse",
    tags: ["planning", "parties"],
    sources: [S.smokefreeSlip, S.srnt2003],
    translations: [
      en(
        "planning-for-high-risk-moments",
        "Planning for high-risk moments",
        "Most slips happen in moments you can see coming. A plan made in a calm moment is there when you need it.",
        `Parties, arguments, long journeys, bad news and nights out are the moments when many people slip.

## Spot your moments {#spot}
Look back at your cravings in QuitPath: which times, places and people come up again and again?

## Make an if-then plan {#if-then}
For each moment, write one sentence: "If I am offered a cigarette at the party, then I will say I have stopped and get a drink of water." Decide it now, not then.

## If you do slip {#if-you-slip}
One cigarette is a slip, not the end of your attempt. In QuitPath your attempt only ends if you smoke on seven days in a row, in two weeks running, or tell us you have started again. Get back to your plan at the next moment.`,
      ),
      vi(
        "len-ke-hoach-cho-nhung-luc-de-hut-lai",
        "Lên kế hoạch cho những lúc dễ hút lại",
        "Phần lớn lần lỡ hút xảy ra vào những lúc bạn có thể đoán trước. Kế hoạch lập lúc bình tĩnh sẽ có sẵn khi bạn cần.",
        `Tiệc tùng, cãi vã, chuyến đi dài, tin xấu và những buổi tối đi chơi là lúc nhiều người lỡ hút.

## Nhận ra những lúc đó {#spot}
Xem lại các cơn thèm bạn đã ghi trong QuitPath: thời điểm, địa điểm và những người nào lặp đi lặp lại?

## Lập kế hoạch "nếu… thì…" {#if-then}
Với mỗi tình huống, hãy viết một câu: "Nếu có người mời thuốc ở bữa tiệc, thì tôi sẽ nói tôi đã bỏ và đi lấy một cốc nước." Hãy quyết định ngay bây giờ, đừng đợi đến lúc đó.

## Nếu bạn lỡ hút {#if-you-slip}
Một điếu thuốc là một lần lỡ, không phải kết thúc lần cai. Trong QuitPath, lần cai chỉ kết thúc nếu bạn hút bảy ngày liên tiếp, hút trong hai tuần liền, hoặc báo rằng bạn đã hút lại. Hãy quay lại kế hoạch ngay từ lúc tiếp theo.`,
      ),
    ],
  },
  {
    kind: "article",
    topic: "vaping",
    tags: ["e-cigarettes", "stopping-vaping"],
    sources: [S.nhsVaping, S.cochraneVape],
    translations: [
      en(
        "stopping-vaping-too",
        "Stopping vaping too",
        "If you switched to vaping to stop smoking, the aim is to stop vaping in time as well, without going back to cigarettes.",
        `Vaping is much less harmful than smoking, but it is not harmless, and the NHS advises people who switched to vape only while they need it.

## When to stop {#when}
Do not rush. Wait until you are sure you will not go back to smoking. Stopping smoking is what matters most.

## Cut down step by step {#step-by-step}
Lower the nicotine strength of your liquid over several weeks, and vape less often. Keep your hands busy in the moments you used to vape.

## If cravings return {#cravings}
Use the same ways that helped you with cigarettes: delay, distract and breathe. A pharmacist can suggest nicotine replacement if you need it for a while.`,
      ),
      vi(
        "bo-ca-thuoc-la-dien-tu",
        "Bỏ cả thuốc lá điện tử",
        "Nếu bạn chuyển sang thuốc lá điện tử để bỏ thuốc lá, mục tiêu là dần bỏ cả thuốc lá điện tử mà không quay lại thuốc lá.",
        `Thuốc lá điện tử ít hại hơn nhiều so với thuốc lá, nhưng không phải vô hại, và NHS khuyên người đã chuyển sang chỉ nên dùng khi còn cần.

## Khi nào nên bỏ {#when}
Đừng vội. Hãy đợi đến khi chắc chắn bạn sẽ không quay lại hút thuốc lá. Bỏ thuốc lá là điều quan trọng nhất.

## Giảm dần từng bước {#step-by-step}
Giảm nồng độ nicotine trong tinh dầu qua vài tuần, và dùng ít lần hơn. Giữ tay bận rộn vào những lúc bạn từng dùng.

## Nếu cơn thèm quay lại {#cravings}
Hãy dùng những cách đã giúp bạn với thuốc lá: trì hoãn, đánh lạc hướng và thở chậm. Dược sĩ có thể gợi ý liệu pháp thay thế nicotine nếu bạn cần trong một thời gian.`,
      ),
    ],
  },
  {
    kind: "article",
    topic: "helping-someone",
    tags: ["family", "slips"],
    sources: [S.smokefreeHelp],
    translations: [
      en(
        "when-someone-you-love-slips",
        "When someone you love slips",
        "A slip is a common part of quitting. How you react can help them get straight back to their plan.",
        `You may feel disappointed when someone you are supporting smokes again. They probably feel worse.

## What helps {#helps}
- stay calm and kind; say you are still on their side
- remind them of how far they have come
- ask what set it off and what might help next time

## What does not help {#does-not-help}
Lecturing, nagging or keeping score makes people hide their smoking rather than stop.

## Keep going together {#together}
Offer to do something with them at their hardest times, such as a walk after dinner. Celebrate each smoke-free day again, starting today.`,
      ),
      vi(
        "khi-nguoi-than-lo-hut-lai",
        "Khi người thân lỡ hút lại",
        "Lỡ hút là chuyện thường gặp khi cai thuốc. Cách bạn phản ứng có thể giúp họ quay lại kế hoạch ngay.",
        `Bạn có thể thấy thất vọng khi người mình đang hỗ trợ hút thuốc trở lại. Có lẽ họ còn thấy tệ hơn.

## Điều gì giúp ích {#helps}
- giữ bình tĩnh và tử tế; nói rằng bạn vẫn ở bên họ
- nhắc họ đã đi được bao xa
- hỏi điều gì đã khiến họ hút và điều gì có thể giúp lần sau

## Điều gì không giúp ích {#does-not-help}
Giảng giải, cằn nhằn hay đếm lỗi khiến người ta giấu việc hút thuốc thay vì bỏ.

## Cùng nhau tiếp tục {#together}
Hãy rủ họ cùng làm gì đó vào những lúc khó nhất, như đi bộ sau bữa tối. Hãy lại cùng vui với mỗi ngày không hút thuốc, bắt đầu từ hôm nay.`,
      ),
    ],
  },
];

export const moreBlogPosts: Seed[] = [
  {
    kind: "blog-post",
    topic: null,
    tags: ["slips"],
    authorName: "QuitPath team",
    sources: [S.srnt2003],
    translations: [
      en(
        "a-slip-is-not-a-relapse",
        "A slip is not a relapse",
        "How QuitPath tells a slip from a relapse, and why it matters.",
        `Any smoking after your quit date, even a puff, is a slip. Your attempt carries on. QuitPath only counts a relapse when you smoke on seven days in a row, or at least once in each of two weeks running, or when you tell us you are smoking again. These are the definitions researchers use (Hughes and colleagues, 2003).

## Why we chose this {#why}
Treating one cigarette as failure makes people give up. Counting a slip for what it is keeps your quit date, your streak history and your plan, and asks what you can learn from it.`,
      ),
      vi(
        "lo-hut-khong-phai-la-tai-nghien",
        "Lỡ hút không phải là tái nghiện",
        "QuitPath phân biệt lỡ hút với tái nghiện như thế nào, và vì sao điều đó quan trọng.",
        `Bất kỳ lần hút nào sau ngày cai, dù chỉ một hơi, là một lần lỡ hút. Lần cai của bạn vẫn tiếp tục. QuitPath chỉ tính là tái nghiện khi bạn hút bảy ngày liên tiếp, hoặc ít nhất một lần trong mỗi tuần của hai tuần liền, hoặc khi bạn báo rằng bạn đã hút lại. Đây là định nghĩa mà các nhà nghiên cứu sử dụng (Hughes và cộng sự, 2003).

## Vì sao chúng tôi chọn cách này {#why}
Coi một điếu thuốc là thất bại khiến người ta bỏ cuộc. Tính đúng một lần lỡ hút giúp giữ ngày cai, lịch sử chuỗi ngày và kế hoạch của bạn, và hỏi bạn rút ra được gì.`,
      ),
    ],
  },
  {
    kind: "blog-post",
    topic: null,
    tags: ["money"],
    authorName: "QuitPath team",
    sources: [],
    translations: [
      en(
        "how-we-count-money-saved",
        "How we count the money you save",
        "Honest figures: a day never counts as a loss, and your price is the one you pay.",
        `Every day, QuitPath compares the cigarettes you smoked with how many you smoked before you started, and multiplies the difference by the price of one cigarette: your pack price divided by the cigarettes in a pack.

## A day is never negative {#never-negative}
If you smoke more than you used to on a bad day, that day counts as nothing saved. It does not take away what you saved on the other days.

## In your own currency {#currency}
Money is kept in whole units of your currency, such as đồng or cents, so totals never drift through rounding.`,
      ),
      vi(
        "cach-chung-toi-tinh-tien-tiet-kiem",
        "Cách chúng tôi tính số tiền bạn tiết kiệm",
        "Con số trung thực: không ngày nào bị tính là lỗ, và giá là giá bạn thực trả.",
        `Mỗi ngày, QuitPath so sánh số điếu bạn đã hút với số điếu bạn hút trước khi bắt đầu, rồi nhân phần chênh lệch với giá một điếu: giá một bao chia cho số điếu trong bao.

## Không ngày nào bị tính âm {#never-negative}
Nếu vào một ngày khó khăn bạn hút nhiều hơn trước, ngày đó được tính là không tiết kiệm được. Nó không trừ đi số tiền bạn đã tiết kiệm vào những ngày khác.

## Bằng đơn vị tiền của bạn {#currency}
Tiền được lưu bằng đơn vị nguyên của loại tiền bạn dùng, như đồng hoặc cent, nên tổng số không bao giờ bị lệch do làm tròn.`,
      ),
    ],
  },
  {
    kind: "blog-post",
    topic: null,
    tags: ["follow-up"],
    authorName: "QuitPath team",
    sources: [S.russellStandard, S.srnt2003],
    translations: [
      en(
        "why-we-ask-how-you-are-doing",
        "Why we ask how you are doing at 4, 12, 26 and 52 weeks",
        "Short follow-up questions let us report success rates the way research does.",
        `At 4, 12, 26 and 52 weeks after your quit date, QuitPath asks one question: have you smoked a cigarette, even a puff, in the past seven days?

## Honest success rates {#honest}
We count everyone who set a quit date, and anyone whose answer we do not have counts as smoking. That is stricter than counting only the people who answer, and it is how stop-smoking research reports results (West and colleagues, 2005).

## Your answer helps you too {#helps-you}
Looking back at a milestone is a good moment to notice how far you have come, or to start a new attempt if you need one.`,
      ),
      vi(
        "vi-sao-chung-toi-hoi-tham-ban",
        "Vì sao chúng tôi hỏi thăm bạn ở tuần 4, 12, 26 và 52",
        "Những câu hỏi theo dõi ngắn giúp chúng tôi báo cáo tỷ lệ thành công theo cách nghiên cứu khoa học vẫn làm.",
        `Vào tuần thứ 4, 12, 26 và 52 sau ngày cai, QuitPath hỏi một câu: trong bảy ngày qua, bạn có hút điếu thuốc nào, dù chỉ một hơi, không?

## Tỷ lệ thành công trung thực {#honest}
Chúng tôi tính tất cả những người đã đặt ngày cai, và ai chưa trả lời được tính là vẫn hút. Cách này chặt chẽ hơn việc chỉ tính những người trả lời, và là cách các nghiên cứu cai thuốc báo cáo kết quả (West và cộng sự, 2005).

## Câu trả lời cũng giúp chính bạn {#helps-you}
Nhìn lại ở một cột mốc là dịp tốt để thấy bạn đã đi được bao xa, hoặc để bắt đầu một lần cai mới nếu cần.`,
      ),
    ],
  },
];

export const moreFaqs: Seed[] = [
  faq(
    "quitting",
    "How long does a craving last?",
    "Usually only a few minutes. It rises, peaks and fades. Delay, distract yourself and breathe slowly until it passes.",
    "Một cơn thèm thuốc kéo dài bao lâu?",
    "Thường chỉ vài phút. Cơn thèm tăng lên, đạt đỉnh rồi giảm dần. Hãy trì hoãn, đánh lạc hướng và thở chậm cho đến khi nó qua.",
    "how-long-does-a-craving-last",
    "con-them-keo-dai-bao-lau",
  ),
  faq(
    "quitting",
    "Will I put on weight?",
    "Some people do, because food tastes better and appetite grows. Regular meals, healthy snacks and being active help. Stopping smoking does far more for your health than a few kilos take away.",
    "Tôi có bị tăng cân không?",
    "Một số người có, vì đồ ăn ngon hơn và ăn ngon miệng hơn. Ăn đúng bữa, đồ ăn nhẹ lành mạnh và vận động sẽ giúp ích. Bỏ thuốc mang lại cho sức khỏe nhiều hơn hẳn so với vài ký tăng thêm.",
    "will-i-put-on-weight",
    "co-bi-tang-can-khong",
  ),
  faq(
    "quitting",
    "Should I use nicotine replacement or medicine?",
    "They make it more likely that you stop. Ask a pharmacist or doctor which suits you, especially if you are pregnant or have a health condition.",
    "Tôi có nên dùng liệu pháp thay thế nicotine hoặc thuốc không?",
    "Chúng giúp bạn dễ bỏ thuốc thành công hơn. Hãy hỏi dược sĩ hoặc bác sĩ loại nào phù hợp với bạn, nhất là khi bạn đang mang thai hoặc có bệnh.",
    "nrt-or-medicine",
    "nrt-hay-thuoc",
  ),
  faq(
    "app",
    "What is a check-in?",
    "One tap that says you did not smoke today. It keeps your streak and your money saved up to date.",
    "Điểm danh là gì?",
    "Một lần chạm để báo hôm nay bạn không hút thuốc. Điểm danh giúp cập nhật chuỗi ngày và số tiền bạn tiết kiệm.",
    "what-is-a-check-in",
    "diem-danh-la-gi",
  ),
  faq(
    "app",
    "Can I talk to a coach?",
    "Yes, with Premium. A coach is matched to you and you can chat with them in the app.",
    "Tôi có thể trò chuyện với huấn luyện viên không?",
    "Có, với gói Cao cấp. Bạn được ghép với một huấn luyện viên và có thể trò chuyện với họ ngay trong ứng dụng.",
    "talk-to-a-coach",
    "tro-chuyen-voi-huan-luyen-vien",
  ),
  faq(
    "app",
    "What happens in the app when I slip?",
    "Log the cigarette as you would any other. Your attempt continues and your quit date stays; the app helps you look at what led to the slip.",
    "Ứng dụng làm gì khi tôi lỡ hút?",
    "Hãy ghi lại điếu thuốc như bình thường. Lần cai vẫn tiếp tục và ngày cai được giữ nguyên; ứng dụng giúp bạn nhìn lại điều gì dẫn đến lần lỡ hút.",
    "when-i-slip-in-the-app",
    "khi-lo-hut-trong-ung-dung",
  ),
  faq(
    "billing",
    "How do I cancel Premium?",
    "From Billing in your account. Premium stays until the end of the period you have paid for, then you are back on Basic.",
    "Làm sao để hủy gói Cao cấp?",
    "Vào mục Thanh toán trong tài khoản. Gói Cao cấp vẫn dùng được đến hết kỳ bạn đã trả tiền, sau đó bạn quay về gói Cơ bản.",
    "cancel-premium",
    "huy-goi-cao-cap",
  ),
  faq(
    "billing",
    "Will I get a receipt?",
    "Yes. Every payment has a receipt you can open from Billing.",
    "Tôi có nhận được biên lai không?",
    "Có. Mỗi lần thanh toán đều có biên lai bạn có thể mở trong mục Thanh toán.",
    "receipts",
    "bien-lai",
  ),
  faq(
    "privacy",
    "Can I post in the community without my name?",
    "Yes. When you write a post you can choose to share it anonymously.",
    "Tôi có thể đăng bài trong cộng đồng mà không hiện tên không?",
    "Có. Khi viết bài, bạn có thể chọn đăng ẩn danh.",
    "post-anonymously",
    "dang-bai-an-danh",
  ),
];
