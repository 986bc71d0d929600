import { describe, expect, it } from "vitest";
import { renderNotificationEmail } from "./templates";

const unsubscribe = {
  href: "https://quitpath.test/unsubscribe?token=a&b",
  reason: "You get these because <milestones> are on.",
  preferencesHref: "https://quitpath.test/app/notifications/preferences",
};

describe("notification emails", () => {
  it("escapes every value in the HTML part and keeps the text part plain", () => {
    const email = renderNotificationEmail("en", {
      subject: "New badge: <One week>",
      paragraphs: ['Congratulations, "Lan" <script>alert(1)</script>!'],
      action: { label: "View your badge", href: 'https://quitpath.test/app/badges/1?x="y"' },
      unsubscribe,
    });
    expect(email.html).not.toContain("<script>");
    expect(email.html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(email.html).toContain('href="https://quitpath.test/unsubscribe?token=a&amp;b"');
    expect(email.html).toContain("&lt;milestones&gt;");
    expect(email.html).toContain("x=&quot;y&quot;");
    expect(email.text).toContain('Congratulations, "Lan" <script>alert(1)</script>!');
    expect(email.text).toContain("Unsubscribe: https://quitpath.test/unsubscribe?token=a&b");
  });

  it("draws the weekly chart as bars in HTML and as lines in text, in the member's language", () => {
    const email = renderNotificationEmail("vi", {
      subject: "Tuần của bạn",
      paragraphs: ["Tuần này"],
      chart: {
        title: "Số điếu mỗi ngày",
        days: [
          { label: "T2", value: 0 },
          { label: "T3", value: 4 },
        ],
      },
      unsubscribe,
    });
    expect(email.html).toContain("Số điếu mỗi ngày");
    expect(email.html).toMatch(/height:80px/);
    expect(email.text).toContain("T3: ■■■■ 4");
    expect(email.text).toContain("Hủy đăng ký: ");
  });
});
