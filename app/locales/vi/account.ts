export default {
  title: "Tài khoản của bạn",
  profile: { title: "Hồ sơ", submit: "Lưu hồ sơ", edit: "Sửa hồ sơ của bạn", saved: "Hồ sơ của bạn đã được lưu." },
  fields: { currency: "Đơn vị tiền tệ", currentPassword: "Mật khẩu hiện tại", newPassword: "Mật khẩu mới" },
  password: { title: "Mật khẩu", submit: "Đổi mật khẩu", open: "Đổi mật khẩu của bạn", changed: "Mật khẩu của bạn đã được đổi." },
  sessions: {
    title: "Các thiết bị đang đăng nhập",
    intro: "Đăng xuất khỏi bất kỳ thiết bị nào bạn không nhận ra.",
    current: "Thiết bị này",
    lastSeen: "Hoạt động lần cuối {{when}}",
    since: "Đăng nhập lúc {{when}}",
    unknownDevice: "Thiết bị không xác định",
    revoke: "Đăng xuất",
    revokeOthers: "Đăng xuất khỏi mọi nơi khác",
    revokedOthers_one: "Đã đăng xuất {{count}} phiên khác.",
    revokedOthers_other: "Đã đăng xuất {{count}} phiên khác.",
  },
  privacyCentre: {
    title: "Quyền riêng tư của bạn",
    intro: "Xem những gì bạn đã đồng ý, tải về mọi dữ liệu chúng tôi lưu về bạn, hoặc xóa tài khoản.",
    open: "Mở trang quyền riêng tư",
  },
  errors: { currencyInvalid: "Hãy chọn một đơn vị tiền tệ được hỗ trợ.", currentPasswordWrong: "Mật khẩu hiện tại không đúng." },
};
