/** Trang huấn luyện viên AI (/app/ai-coach) và câu trả lời của huấn luyện viên ngoại tuyến. */
export default {
  title: "Huấn luyện viên AI",
  intro:
    "Hỏi về cơn thèm ngay lúc này, triệu chứng cai, tiền bạc, lần lỡ hút hay thuốc hỗ trợ. Câu trả lời kèm nguồn từ thư viện kiến thức.",
  provider: {
    offline:
      "Đây là huấn luyện viên ngoại tuyến: trả lời từ thư viện kiến thức đã được thẩm định của QuitPath và số liệu của bạn, không dùng mô hình AI. Câu trả lời có thể sai; huấn luyện viên của bạn hiểu bạn nhất.",
    external:
      "Câu trả lời do một mô hình AI ({{host}}) viết, dựa trên thư viện kiến thức đã được thẩm định của QuitPath và số liệu của bạn. Câu trả lời có thể sai; huấn luyện viên của bạn hiểu bạn nhất.",
  },
  consent: {
    title: "Trước câu hỏi đầu tiên",
    sees: "Huấn luyện viên AI xem các số liệu hành trình của bạn: số ngày không hút, tiền tiết kiệm, tác nhân gây thèm và kế hoạch đối phó, việc cần làm hôm nay, và câu hỏi bạn gửi ở đây. Nó không xem bài viết cộng đồng hay cuộc trò chuyện với huấn luyện viên của bạn.",
    wrong: "Câu trả lời có thể sai. Nó không thay thế bác sĩ, dược sĩ hay huấn luyện viên của bạn, và không đưa ra liều dùng.",
    offline: "Không có gì rời khỏi QuitPath: huấn luyện viên ngoại tuyến chạy trên máy chủ của chúng tôi.",
    external:
      "Câu hỏi và số liệu của bạn được gửi tới một nhà cung cấp AI bên ngoài ({{host}}) để viết câu trả lời. Tên và thông tin liên lạc của bạn không bao giờ được gửi đi.",
    crisis:
      "Nếu tin nhắn cho thấy bạn có thể gặp nguy hiểm, huấn luyện viên AI sẽ không trả lời: bạn sẽ thấy các số liên hệ khẩn cấp và huấn luyện viên của bạn được báo.",
    agree: "Tôi đã hiểu, bắt đầu",
    withdraw: "Ngừng dùng huấn luyện viên AI",
    withdrawn: "Bạn đã ngừng dùng huấn luyện viên AI. Không có gì được gửi thêm; các cuộc trò chuyện vẫn còn cho đến khi bạn xóa.",
    given: "Bạn đã đồng ý ngày {{date}}.",
    shareWithCoach: "Khi trợ lý AI chuyển tôi cho huấn luyện viên, gửi kèm cuộc trò chuyện này",
    shareWithCoachHint: "Nếu không, huấn luyện viên chỉ nhận một tóm tắt ngắn (lý do, số câu hỏi), không có lời của bạn.",
    shareForReview: "Cho phép đội ngũ QuitPath đọc các câu trả lời tôi đánh giá là không hữu ích, kèm câu hỏi, để cải thiện trợ lý",
    shareForReviewHint: "Nếu không, đội ngũ chỉ thấy rằng một câu trả lời bị đánh giá thấp, không bao giờ thấy nội dung.",
  },
  quota: {
    left_one: "Còn {{count}} câu hỏi hôm nay",
    left_other: "Còn {{count}} câu hỏi hôm nay",
    reached: "Bạn đã hỏi đủ {{limit}} câu hôm nay. Ngày mai lượt hỏi bắt đầu lại; trong lúc đó huấn luyện viên của bạn luôn sẵn sàng.",
  },
  ask: {
    label: "Câu hỏi của bạn",
    submit: "Hỏi",
    writing: "Đang viết…",
    newThread: "Cuộc trò chuyện mới",
  },
  suggestions: {
    title: "Bạn có thể hỏi",
    preparation: ["Tôi nên chuẩn bị gì cho ngày bỏ thuốc?", "Thay điếu thuốc buổi sáng bằng gì?"],
    early: ["Tôi đang thèm thuốc, phải làm gì?", "Cơn thèm thuốc kéo dài bao lâu?", "Sao tôi hay cáu gắt thế?"],
    later: ["Tôi lỡ hút một điếu. Giờ sao?", "Tôi đã tiết kiệm được bao nhiêu tiền?", "Làm sao không hút khi đi tiệc?"],
    none: ["Bắt đầu bỏ thuốc thế nào?", "Thuốc nào giúp bỏ thuốc lá?"],
  },
  threads: {
    title: "Các cuộc trò chuyện",
    empty: "Chưa có cuộc trò chuyện nào.",
    delete: "Xóa cuộc trò chuyện này",
    deleteAll: "Xóa tất cả cuộc trò chuyện",
    deleted: "Đã xóa.",
  },
  message: {
    you: "Bạn",
    coach: "Huấn luyện viên AI",
    sources: "Nguồn",
    helped: "Có ích",
    notHelped: "Không có ích",
    rated: "Cảm ơn bạn đã cho biết.",
    interrupted: "Câu trả lời này bị ngắt trước khi viết xong.",
    retry: "Thử lại",
    fallback:
      "Tôi không thể trả lời tốt câu này. Với những gì liên quan đến thuốc hay sức khỏe, hãy hỏi bác sĩ hoặc dược sĩ — và huấn luyện viên của bạn luôn sẵn sàng cho mọi điều khác.",
  },
  handoff: {
    talk: "Nói chuyện với huấn luyện viên",
    sentCoach: "{{coach}} đã được báo và sẽ trả lời trong khung trò chuyện, thường trong vòng 2 giờ làm việc.",
    sentTeam: "Đội ngũ huấn luyện đã được báo; một huấn luyện viên sẽ liên hệ với bạn.",
    sentCoachBy: "{{coach}} đã được báo và sẽ trả lời trong khung trò chuyện trước {{due}}.",
    lowRatings: "Hai câu trả lời ở đây không giúp được bạn, nên chúng tôi đã nhờ huấn luyện viên của bạn hỗ trợ.",
  },
  crisis: {
    title: "Hãy tìm trợ giúp ngay",
    body: "Điều bạn viết cho thấy bạn, hoặc người bên cạnh bạn, có thể đang gặp nguy hiểm. Bạn không phải một mình đối mặt: hãy liên hệ ngay một trong các số dưới đây.",
    emergency: "Khi nguy hiểm tức thời, hãy gọi số cấp cứu tại nơi bạn ở.",
    told: "Chúng tôi đã báo cho một người trong đội ngũ QuitPath để họ liên hệ với bạn. Huấn luyện viên AI không trả lời những tin nhắn như thế này.",
  },
  offline: {
    concern:
      "Nghe thật sự khó khăn, và tôi mừng vì bạn đã nói ra. Bạn không phải gánh một mình: huấn luyện viên của bạn có thể cùng bạn nói chuyện — hãy bấm “Nói chuyện với huấn luyện viên” bên dưới.",
    figures: "Bạn đã không hút {{days}} ngày và tiết kiệm được {{money}}.",
    figuresDays: "Bạn đã không hút {{days}} ngày.",
    beforeQuitDate: "Ngày bỏ thuốc vẫn còn phía trước: chuẩn bị từ bây giờ sẽ giúp ngày đó dễ dàng hơn.",
    craving:
      "Cơn thèm thường lên đỉnh rồi dịu đi trong vài phút, dù cảm giác như kéo dài mãi. Hãy trì hoãn, hít thở và làm gì đó với đôi tay cho đến khi nó qua.",
    copingPlan: "Kế hoạch của bạn khi gặp {{trigger}}: {{strategy}} — {{description}}",
    slip: "Một điếu là một lần lỡ, không phải kết thúc cố gắng của bạn: những ngày bạn đã có vẫn được tính. Hãy xem điều gì dẫn đến nó và lên kế hoạch cho lần sau.",
    money: "Đến nay bạn đã tiết kiệm được {{money}}. Hãy dành một phần cho điều bạn thích.",
    moneyNone: "Khi ngày bỏ thuốc bắt đầu, tôi sẽ cho bạn xem số tiền tiết kiệm mỗi ngày.",
    withdrawal: "Triệu chứng cai mạnh nhất trong một, hai tuần đầu rồi giảm dần; đó là dấu hiệu cơ thể đang hồi phục.",
    progress: "Bạn đã vượt qua {{cravings}} cơn thèm từ khi bắt đầu. Đó là kỹ năng bạn đang rèn luyện.",
    fromHub: "Từ thư viện kiến thức:",
    nothingFound: "Tôi chưa tìm thấy bài viết nào về điều này trong thư viện kiến thức. Huấn luyện viên của bạn có thể giúp.",
    clinician: "Về thuốc, mang thai, thuốc lá điện tử hay bệnh tim, hãy hỏi bác sĩ hoặc dược sĩ điều gì phù hợp với bạn.",
    today: "Việc cần làm hôm nay: {{tasks}}.",
  },
  handoffChat: {
    title: "Trợ lý AI chuyển cho huấn luyện viên",
    reason: {
      crisis:
        "Lý do: một tin nhắn cho thấy thành viên có thể đang gặp nguy hiểm. Họ đã được xem các số liên hệ khẩn cấp; trợ lý AI không trả lời tin nhắn đó.",
      requested: "Lý do: thành viên muốn nói chuyện với bạn.",
      "low-ratings": "Lý do: thành viên cho biết hai câu trả lời của trợ lý AI không hữu ích.",
    },
    categories: "Dấu hiệu an toàn: {{list}}",
    category: {
      "self-harm": "tự làm hại bản thân",
      "medical-emergency": "cấp cứu y tế",
      "harm-to-others": "làm hại người khác",
      poisoning: "ngộ độc",
      distress: "căng thẳng nặng",
    },
    summary_one: "Tóm tắt: {{count}} câu hỏi trong cuộc trò chuyện, {{notHelped}} câu trả lời bị đánh giá không hữu ích.",
    summary_other: "Tóm tắt: {{count}} câu hỏi trong cuộc trò chuyện, {{notHelped}} câu trả lời bị đánh giá không hữu ích.",
    noThread: "Việc này xảy ra ngoài một cuộc trò chuyện với trợ lý AI.",
    notShared: "Thành viên chọn không chia sẻ nội dung cuộc trò chuyện.",
    shared: "Cuộc trò chuyện “{{title}}”, như thành viên đã chia sẻ:",
    member: "Thành viên",
    aiCoach: "Trợ lý AI",
    resourcesShown: "(đã hiển thị số liên hệ khẩn cấp)",
  },
  errors: {
    consent: "Hãy đọc và đồng ý với thông báo trước.",
    quota: "Hôm nay bạn đã hết lượt hỏi.",
    empty: "Hãy viết câu hỏi trước.",
    tooLong: "Câu hỏi không quá 1.000 ký tự.",
    notFound: "Cuộc trò chuyện này không tồn tại.",
    busy: "Câu trả lời vẫn đang được viết.",
  },
};
