import { describe, expect, it } from "vitest";
import { resources } from "~/locales";
import { createI18n, localeFromAcceptLanguage, namespacesFor, resolveLocale } from "./i18n";
import { getFixedT, translationsPayload } from "./i18n.server";

describe("i18n", () => {
  it("translates and interpolates with one language's resources", () => {
    const t = createI18n("en", resources.en).getFixedT(null, "common");
    expect(t("nav.home")).toBe("Home");
    expect(t("member.welcome", { name: "Lan" })).toBe("Welcome back, Lan");
    expect(t("member.welcome", { name: "Minh" })).toBe("Welcome back, Minh");
    expect(getFixedT("vi")("journey:dashboard.days", { count: 2 })).toBe("2 ngày");
    expect(getFixedT("en")("journey:dashboard.days", { count: 1 })).toBe("1 day");
  });

  it("a page needs the shell's namespaces and those its routes declare, each once", () => {
    expect(namespacesFor([{ handle: undefined }, { handle: { i18n: ["journey", "billing"] } }, { handle: { i18n: ["journey"] } }])).toEqual(
      ["billing", "common", "errors", "journey"],
    );
    // Unknown names and odd handles are ignored rather than sent.
    expect(namespacesFor([{ handle: { i18n: ["nope", 3] } }, { handle: "x" }])).toEqual(["common", "errors"]);
  });

  it("a route may ask for sections of a namespace, which a route wanting it whole makes unnecessary", () => {
    expect(namespacesFor([{ handle: { i18n: ["journey:mood", "journey:log", "nope:log", "journey:a.b"] } }])).toEqual([
      "common",
      "errors",
      "journey:log",
      "journey:mood",
    ]);
    expect(namespacesFor([{ handle: { i18n: ["journey:log"] } }, { handle: { i18n: ["journey"] } }])).toEqual([
      "common",
      "errors",
      "journey",
    ]);
  });

  it("embeds a section as that part of its namespace, and says which parts it holds", () => {
    const parsed = JSON.parse(translationsPayload("en", ["common", "errors", "journey:log", "journey:mood"])) as {
      parts: string[];
      resources: Record<string, Record<string, unknown>>;
    };
    expect(parsed.parts).toEqual(["common", "errors", "journey:log", "journey:mood"]);
    expect(Object.keys(parsed.resources.journey!)).toEqual(["log", "mood"]);
    expect(parsed.resources.journey!.log).toEqual(JSON.parse(JSON.stringify(resources.en.journey.log)));
    expect(parsed.resources.common).toEqual(JSON.parse(JSON.stringify(resources.en.common)));
  });

  it("embeds only one language's declared namespaces, as JSON that cannot close its script element", () => {
    const payload = translationsPayload("vi", ["common", "errors", "journey"]);
    expect(payload).not.toContain("<");
    const parsed = JSON.parse(payload) as { lng: string; resources: Record<string, unknown> };
    expect(parsed.lng).toBe("vi");
    expect(Object.keys(parsed.resources)).toEqual(["common", "errors", "journey"]);
    expect(parsed.resources.journey).toEqual(JSON.parse(JSON.stringify(resources.vi.journey)));
    expect(translationsPayload("vi", ["common", "errors", "journey"])).toBe(payload);
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
