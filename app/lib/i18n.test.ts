import { describe, expect, it } from "vitest";
import { createI18n, localeFromAcceptLanguage, resolveLocale } from "./i18n";

describe("i18n", () => {
  it("remembers plain lookups but follows a language switch", async () => {
    const i18n = createI18n("en");
    const t = i18n.getFixedT(null, "common");
    expect(t("nav.home")).toBe("Home");
    expect(t("nav.home")).toBe("Home");
    await i18n.changeLanguage("vi");
    expect(i18n.getFixedT(null, "common")("nav.home")).toBe("Trang chủ");
    expect(t("nav.home")).toBe("Trang chủ");
    expect(i18n.getFixedT("en", "common")("nav.home")).toBe("Home");
  });

  it("still interpolates when given values", () => {
    const t = createI18n("en").getFixedT(null, "common");
    expect(t("member.welcome", { name: "Lan" })).toBe("Welcome back, Lan");
    expect(t("member.welcome", { name: "Minh" })).toBe("Welcome back, Minh");
    expect(t("member.welcome", { name: "Lan" })).toBe("Welcome back, Lan");
  });

  it("remembers interpolated texts per language and values, plural forms included", async () => {
    const i18n = createI18n("en");
    const t = i18n.getFixedT(null, "journey");
    expect(t("dashboard.days", { count: 1 })).toBe("1 day");
    expect(t("dashboard.days", { count: 2 })).toBe("2 days");
    expect(t("dashboard.days", { count: 1 })).toBe("1 day");
    await i18n.changeLanguage("vi");
    expect(t("dashboard.days", { count: 2 })).toBe("2 ngày");
    // Options that are not plain values are passed straight through, never remembered.
    expect(t("dashboard.days", { count: 3, lngs: ["en"] })).toBe("3 days");
  });

  it("chooses the account's language, then the cookie, then Accept-Language", () => {
    const request = (headers: Record<string, string>) => new Request("http://localhost/", { headers });
    expect(resolveLocale(request({ "Accept-Language": "vi-VN,vi;q=0.9" }), "en")).toBe("en");
    expect(resolveLocale(request({ Cookie: "qp_lang=vi", "Accept-Language": "en" }))).toBe("vi");
    expect(resolveLocale(request({ "Accept-Language": "fr-FR, vi;q=0.8, en;q=0.5" }))).toBe("vi");
    expect(resolveLocale(request({}))).toBe("en");
    expect(localeFromAcceptLanguage("vi;q=0, en;q=0.1")).toBe("en");
  });
});
