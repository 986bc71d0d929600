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
    },
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
  errors: {
    passwordRequired: "Nhập mật khẩu của bạn.",
    mustUnderstand: "Đánh dấu ô để xác nhận.",
  },
};
