export default {
  body: { tooLarge: "Tin nhắn quá lớn (tối đa {{kb}} KB).", notJson: "Tin nhắn không phải JSON hợp lệ." },
  notFound: {
    title: "Không tìm thấy trang",
    body: "Chúng tôi không tìm thấy trang này. Có thể trang đã được chuyển đi hoặc liên kết bị sai.",
  },
  forbidden: { title: "Không được phép", body: "Tài khoản của bạn không có quyền truy cập trang này." },
  unauthorized: { title: "Vui lòng đăng nhập", body: "Bạn cần đăng nhập để xem trang này." },
  badRequest: { title: "Yêu cầu không hợp lệ", body: "Vui lòng quay lại và thử lại." },
  tooMany: { title: "Chậm lại một chút", body: "Quá nhiều yêu cầu. Vui lòng đợi một lát rồi thử lại." },
  unavailable: {
    title: "Sẽ trở lại ngay",
    body: "QuitPath tạm thời không kết nối được cơ sở dữ liệu. Những gì bạn đã lưu không bị mất; vui lòng thử lại sau vài giây.",
  },
  server: { title: "Đã có lỗi xảy ra", body: "Rất tiếc — đã xảy ra lỗi ngoài dự kiến từ phía chúng tôi. Lỗi đã được ghi lại." },
  storageUnavailable:
    "Chưa lưu được ảnh của bạn lúc này: kho lưu trữ tệp không phản hồi. Chưa có gì được đăng; vui lòng thử lại sau một phút.",
  fieldInvalid: "Vui lòng kiểm tra lại giá trị này.",
  reference: "Mã tham chiếu: {{requestId}}",
  goHome: "Về trang chủ",
  unknownIntent: "Thao tác này không có ở đây.",
  controlCharacter: "Nội dung có một ký tự không thể lưu (byte NUL). Vui lòng xóa ký tự đó.",
  tooManyFields: "Biểu mẫu này có quá nhiều trường. Vui lòng tải lại trang rồi thử lại.",
  amount: {
    required: "Hãy nhập số tiền.",
    invalid: "Hãy nhập số tiền bằng chữ số, ví dụ 150.000 hoặc 9,99.",
    tooManyDecimals: "{{currency}} chỉ cho phép tối đa {{digits}} chữ số sau dấu thập phân.",
    tooLarge: "Số tiền này quá lớn.",
  },
};
