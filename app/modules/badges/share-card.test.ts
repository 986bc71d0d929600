import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { renderShareCardPng, renderShareCardSvg } from "./share-card";

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe("badge share card", () => {
  it("is a 1200×630 SVG naming the member, the badge and the milestone", () => {
    const svg = renderShareCardSvg({ badgeName: "One week", milestone: "7 days smoke-free", memberName: "Lan", locale: "en" });
    expect(svg).toMatch(/^<svg[^>]* width="1200" height="630"/);
    expect(svg).toContain(">Lan<");
    expect(svg).toContain(">One week<");
    expect(svg).toContain(">7 days smoke-free<");
  });

  it("says 'A QuitPath member' in the member's language when they share anonymously", () => {
    expect(renderShareCardSvg({ badgeName: "One week", milestone: "7 days", memberName: null, locale: "en" })).toContain(
      ">A QuitPath member<",
    );
    expect(renderShareCardSvg({ badgeName: "Một tuần", milestone: "7 ngày", memberName: null, locale: "vi" })).toContain(
      ">Một thành viên QuitPath<",
    );
    expect(renderShareCardSvg({ badgeName: "Một tuần", milestone: "7 ngày", memberName: "   ", locale: "vi" })).toContain(
      ">Một thành viên QuitPath<",
    );
  });

  it("escapes every text value, so a name cannot inject markup", () => {
    const svg = renderShareCardSvg({
      badgeName: `Week <b>"one"</b>`,
      milestone: "7 days & counting",
      memberName: `<script>"x"</script> & 'co'`,
      locale: "en",
    });
    expect(svg).not.toContain("<script");
    expect(svg).not.toContain("<b>");
    expect(svg).toContain(">&lt;script&gt;&quot;x&quot;&lt;/script&gt; &amp; &apos;co&apos;<");
    expect(svg).toContain("7 days &amp; counting");
    expect(svg).toContain("&lt;b&gt;&quot;one&quot;&lt;/b&gt;");
  });

  it("drops control characters, which XML cannot contain", () => {
    const svg = renderShareCardSvg({ badgeName: "One\u0007 week", milestone: "7 days", memberName: "Lan\u0000\u001b", locale: "en" });
    expect(svg).toContain(">Lan<");
    expect(svg).toContain(">One week<");
  });

  it("shortens names that would run off the card", () => {
    const svg = renderShareCardSvg({ badgeName: "One week", milestone: "7 days", memberName: "N".repeat(200), locale: "en" });
    expect(svg).not.toContain("N".repeat(31));
    expect(svg).toContain(`${"N".repeat(29)}…`);
  });

  it("renders to a 1200×630 PNG even with hostile text and Vietnamese diacritics", async () => {
    const png = await renderShareCardPng({
      badgeName: "Tiết kiệm ngày càng nhiều",
      milestone: "Đã tiết kiệm 500.000 ₫",
      memberName: `<b>"x"</b> & Nguyễn\u0001`,
      locale: "vi",
      icon: "coins",
    });
    expect(png.subarray(0, 8).equals(PNG_MAGIC)).toBe(true);
    const metadata = await sharp(png).metadata();
    expect(metadata).toMatchObject({ format: "png", width: 1200, height: 630 });
  });
});
