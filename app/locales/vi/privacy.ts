export default {
  title: "Quyền riêng tư của bạn",
  intro: "Những gì chúng tôi lưu về bạn, ai đã xem, và cách tải về hoặc yêu cầu xóa.",
  password: "Mật khẩu của bạn",
  consents: {
    title: "Những gì bạn đã đồng ý",
    none: "Bạn chưa đồng ý điều gì.",
    givenOn: "Phiên bản {{version}}, đồng ý lúc {{when}}",
    withdrawnOn: "Phiên bản {{version}}, đã rút lại lúc {{when}}",
    manage: "Thay đổi hoặc rút lại",
    turnedOffOn: "Đã tắt {{when}}",
    changedOn: "Thay đổi lần cuối {{when}}",
    byDefault: "Cài đặt mặc định (bạn chưa thay đổi)",
    kinds: "Cho: {{kinds}}",
    purposes: {
      "health-data": {
        name: "Lưu dữ liệu sức khỏe",
        purpose: "Chúng tôi lưu lịch sử hút thuốc, nhật ký, cơn thèm và tâm trạng để hiển thị tiến trình và lập kế hoạch cho bạn.",
        withdrawing: "Nếu bạn rút lại, chúng tôi ngừng ghi nhận dữ liệu mới; những gì đã ghi vẫn giữ đến khi bạn xóa hoặc xóa tài khoản.",
      },
      "ai-coach": {
        name: "Huấn luyện viên AI",
        purpose: "Huấn luyện viên AI đọc kế hoạch và nhật ký gần đây để trả lời bạn.",
        withdrawing: "Nếu bạn rút lại, huấn luyện viên AI ngừng đọc dữ liệu của bạn và bạn không dùng được cho đến khi đồng ý lại.",
      },
      "external-ai-provider": {
        name: "Gửi câu hỏi của bạn tới nhà cung cấp AI bên ngoài",
        purpose:
          "Câu trả lời của trợ lý AI do {{version}} viết: câu hỏi và số liệu của bạn được gửi tới đó, không bao giờ gửi tên hay thông tin liên hệ.",
        withdrawing: "Rút lại đồng ý dùng trợ lý AI thì không gửi thêm gì nữa; những gì đã gửi do nhà cung cấp giữ theo điều khoản của họ.",
      },
      "coach-access": {
        name: "Huấn luyện viên đọc cuộc trò chuyện với AI",
        purpose: "Khi trợ lý AI chuyển bạn cho huấn luyện viên, cuộc trò chuyện được gửi kèm.",
        withdrawing:
          "Nếu bạn rút lại đồng ý dùng trợ lý AI, khi chuyển tiếp huấn luyện viên chỉ nhận một bản tóm tắt ngắn, không phải lời bạn viết. Huấn luyện viên vẫn thấy kế hoạch và nhật ký bạn chia sẻ, và mỗi lần xem đều có trong danh sách bên dưới.",
      },
      email: {
        name: "Email",
        purpose: "Các email không bắt buộc như cột mốc, tổng kết tuần và nhắc lịch buổi tư vấn.",
        withdrawing:
          "Tắt email cho từng loại trong cài đặt thông báo (hoặc dùng liên kết trong mọi email). Email bảo mật và thanh toán vẫn được gửi: tài khoản của bạn cần chúng.",
      },
      sms: {
        name: "Tin nhắn (SMS)",
        purpose: "Tin nhắn tới số điện thoại của bạn cho các loại bạn đã chọn.",
        withdrawing: "Tắt SMS trong cài đặt thông báo hoặc xoá số điện thoại: chúng tôi ngừng gửi tin nhắn ngay.",
      },
    },
  },
  visibility: {
    title: "Thành viên khác thấy bạn thế nào",
    intro:
      "Các lựa chọn này áp dụng cho bài viết và bình luận của bạn trong cộng đồng, câu chuyện được giới thiệu và huy hiệu bạn chia sẻ. Bạn luôn thấy tên đầy đủ của chính mình.",
    name: { legend: "Tên của bạn", full: "Tên hiển thị của bạn", initials: "Chỉ chữ cái đầu (ví dụ “N.A.”)" },
    avatar: "Hiện ảnh đại diện của bạn",
    avatarHint: "Nếu không, thành viên khác thấy một vòng tròn xám thay cho chữ cái đầu trên màu của bạn.",
    smokeFreeDays: "Hiện số ngày bạn đã không hút thuốc",
    badges: {
      legend: "Ai có thể mở huy hiệu bạn chia sẻ",
      hint: "Áp dụng cho mọi huy hiệu bạn đã chia sẻ. Không ai: các liên kết chia sẻ ngừng hoạt động cho đến khi bạn chọn lại.",
      link: "Bất kỳ ai có liên kết",
      members: "Chỉ thành viên QuitPath đã đăng nhập",
      nobody: "Không ai",
    },
    submit: "Lưu",
    saved: "Đã lưu cài đặt hiển thị của bạn.",
  },
  export: {
    title: "Tải dữ liệu của bạn",
    intro:
      "Một tệp ZIP chứa mọi thứ chúng tôi lưu về bạn: một tệp JSON có mô tả cấu trúc, một tệp CSV cho mỗi bảng và ảnh bạn đã tải lên. Liên kết dùng được trong {{days}} ngày, chỉ cho bạn.",
    listLabel: "Các bản xuất của bạn",
    requestedOn: "Yêu cầu lúc {{when}}",
    download: "Tải về (đến {{when}})",
    progress: "Tiến độ bản xuất",
    building: "Đang chuẩn bị: {{percent}}%",
    status: { failed: "Không chuẩn bị được. Vui lòng yêu cầu lại.", expired: "Liên kết đã hết hạn." },
    submit: "Chuẩn bị dữ liệu của tôi",
    requested: "Chúng tôi đang chuẩn bị dữ liệu của bạn và sẽ báo khi xong.",
    alreadyRunning: "Dữ liệu của bạn đang được chuẩn bị.",
    notFound: "Tệp tải về này không tồn tại hoặc đã hết hạn.",
  },
  erasure: {
    title: "Xóa tài khoản",
    intro: "Tài khoản của bạn sẽ bị xóa {{days}} ngày sau khi bạn yêu cầu.",
    deleted:
      "Hồ sơ, dữ liệu sức khỏe, kế hoạch, nhật ký, huy hiệu, tin nhắn, cuộc trò chuyện với AI, phiên đăng nhập và ảnh của bạn sẽ bị xóa.",
    payments: "Các khoản thanh toán được giữ lại cho kế toán, chỉ còn số tiền, ngày và một mã ẩn danh.",
    grace: "Trong {{days}} ngày bạn có thể đổi ý: chỉ cần đăng nhập lại.",
    keepPosts: "Giữ bài viết và bình luận cộng đồng, hiển thị là của “một thành viên cũ”",
    keepPostsHint: "Nếu không, chúng sẽ bị xóa cùng tài khoản.",
    understood: "Tôi hiểu tài khoản sẽ bị xóa sau {{days}} ngày trừ khi tôi đăng nhập lại",
    submit: "Xóa tài khoản của tôi",
    scheduled: "Tài khoản của bạn sẽ bị xóa vào {{when}}. Hãy đăng nhập trước ngày đó để giữ lại.",
    cancelled: "Chào mừng bạn trở lại: tài khoản của bạn sẽ không bị xóa.",
  },
  admin: {
    title: "Quyền riêng tư và yêu cầu dữ liệu",
    policy: {
      title: "Thời hạn lưu giữ",
      erasure: "Tài khoản bị xóa {{days}} ngày sau khi chủ tài khoản yêu cầu; đăng nhập trước thời hạn đó sẽ hủy yêu cầu.",
      exports: "Bản xuất dữ liệu tải được trong {{days}} ngày; sau đó tệp bị xóa (bản ghi về việc xuất vẫn được giữ).",
      sweep: "Tác vụ quyền riêng tư áp dụng cả hai mỗi 15 phút.",
      backups:
        "Bản sao lưu không bao giờ bị sửa: thành viên đã xóa rời khỏi chúng khi chúng hết hạn theo thời hạn lưu sao lưu của cơ sở dữ liệu (trên RDS là thiết lập thời hạn sao lưu tự động).",
    },
    pending: {
      title: "Tài khoản đang chờ xóa",
      none: "Không có tài khoản nào đang chờ xóa.",
      member: "Thành viên",
      requestedAt: "Yêu cầu lúc",
      eraseAfter: "Xóa sau",
      posts: "Bài viết cộng đồng",
      kept: "Giữ lại là của một thành viên cũ",
      deleted: "Xóa",
    },
    receipts: {
      title: "Biên nhận xóa dữ liệu",
      intro: "Bằng chứng việc xóa đã diễn ra, không chứa dữ liệu cá nhân.",
      none: "Chưa có tài khoản nào bị xóa.",
      receipt: "Biên nhận",
      requestedAt: "Yêu cầu lúc",
      erasedAt: "Đã xóa lúc",
      rows: "Số dòng đã xóa hoặc ẩn danh",
      payments: "Thanh toán giữ lại ẩn danh",
    },
    exports: {
      title: "Bản xuất dữ liệu",
      row: "{{status}}: {{count}}",
      status: { queued: "Đang chờ", building: "Đang tạo", ready: "Sẵn sàng", failed: "Thất bại" },
    },
  },
  errors: {
    choose: "Hãy chọn một trong các lựa chọn.",
    passwordRequired: "Nhập mật khẩu của bạn.",
    mustUnderstand: "Đánh dấu ô để xác nhận.",
  },
};
