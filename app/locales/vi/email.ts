export default {
  footer: "Bạn nhận được email này vì bạn có tài khoản QuitPath.",
  passwordReset: {
    subject: "Đặt lại mật khẩu QuitPath",
    greeting: "Xin chào {{name}},",
    body: "Ai đó (hy vọng là bạn) đã yêu cầu đặt lại mật khẩu tài khoản QuitPath của bạn. Liên kết này chỉ dùng được một lần, trong một giờ:",
    action: "Chọn mật khẩu mới",
    ignore: "Nếu bạn không yêu cầu, hãy bỏ qua email này; mật khẩu của bạn vẫn giữ nguyên.",
  },
};
