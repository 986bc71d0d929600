export default {
  meta: {
    title: "QuitPath — cai thuốc lá với kế hoạch, huấn luyện viên và cộng đồng",
    description:
      "Kế hoạch miễn phí dựa trên thói quen hút thuốc của bạn, ghi nhận hằng ngày chỉ với một chạm, cùng huấn luyện viên và cộng đồng khi bạn cần. Bằng tiếng Việt và tiếng Anh.",
  },
  hero: {
    title: "Cai thuốc lá với kế hoạch phù hợp với bạn",
    body: "Hãy cho chúng tôi biết bạn hút thuốc thế nào. QuitPath đề xuất kế hoạch cai thuốc, đếm từng giờ không khói thuốc và từng đồng bạn giữ lại, và đồng hành cùng bạn qua cả những lần lỡ hút.",
    cta: "Bắt đầu miễn phí",
    secondary: "Tôi đã có tài khoản",
    dashboard: "Mở trang tổng quan của bạn",
  },
  how: {
    title: "Cách hoạt động",
    steps: {
      profile: {
        title: "Mô tả thói quen hút thuốc",
        body: "Hút bao nhiêu, bao lâu, tốn bao nhiêu tiền và điều gì khiến bạn muốn hút — cùng bài kiểm tra Fagerström để đo mức độ phụ thuộc.",
      },
      plan: {
        title: "Nhận kế hoạch cai thuốc",
        body: "Ngày bỏ thuốc và các giai đoạn từ chuẩn bị đến hoàn thành, với cách đối phó cho từng yếu tố kích thích của bạn.",
      },
      log: {
        title: "Ghi nhận mỗi ngày",
        body: "Ghi lại số điếu, cơn thèm và tâm trạng chỉ với một hai lần chạm. Một lần lỡ hút không xóa đi tiến bộ của bạn.",
      },
      support: {
        title: "Nhận hỗ trợ",
        body: "Huy hiệu để chia sẻ, cộng đồng thấu hiểu, và — với gói cao cấp — huấn luyện viên thật và huấn luyện viên AI.",
      },
    },
  },
  figures: {
    title: "QuitPath hôm nay",
    smokeFreeToday: "Thành viên không hút thuốc hôm nay",
    daysTogether: "Tổng số ngày không hút thuốc của mọi thành viên",
  },
  articles: { title: "Bắt đầu đọc", all: "Tất cả bài viết trong kho kiến thức" },
  stories: {
    title: "Câu chuyện của thành viên",
    anonymous: "Một thành viên",
    days_one: "{{count}} ngày không hút thuốc",
    days_other: "{{count}} ngày không hút thuốc",
    read: "Đọc câu chuyện",
    all: "Tất cả câu chuyện",
  },
  facts: {
    title: "Cơ thể bạn bắt đầu hồi phục chỉ sau vài phút",
    twentyMinutes: "Sau 20 phút, nhịp tim và huyết áp giảm xuống.",
    twelveHours: "Sau 12 giờ, lượng khí CO trong máu trở về bình thường.",
    oneYear: "Sau 1 năm, nguy cơ bệnh mạch vành giảm còn khoảng một nửa so với người hút thuốc.",
    source: "Nguồn: WHO, “Thuốc lá: lợi ích sức khỏe của việc cai thuốc”.",
  },
};
