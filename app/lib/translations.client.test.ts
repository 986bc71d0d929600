import { describe, expect, it } from "vitest";
import { resources } from "~/locales";
import { translationsPayload } from "./i18n.server";
import { browserTranslations } from "./translations.client";
import type { AppLocale, Namespace } from "./i18n";

function loaderCounting() {
  const calls: string[] = [];
  const load = async (lng: AppLocale, ns: Namespace) => {
    calls.push(`${lng}:${ns}`);
    return resources[lng][ns];
  };
  return { calls, load };
}

describe("the browser's translations", () => {
  it("start from what the page embedded and render it back unchanged", () => {
    const payload = translationsPayload("vi", ["common", "errors", "home"]);
    const { calls, load } = loaderCounting();
    const translations = browserTranslations(payload, load);
    expect(translations.payload("en", ["common"])).toBe(payload);
    expect(translations.load("vi", ["common", "errors", "home"])).toBeNull();
    expect(translations.instance("vi").t("home:hero.title")).toBe(resources.vi.home.hero.title);
    expect(calls).toEqual([]);
  });

  it("load a namespace a page needs once, then have it", async () => {
    const { calls, load } = loaderCounting();
    const translations = browserTranslations(translationsPayload("en", ["common", "errors"]), load);
    const pending = translations.load("en", ["common", "errors", "journey"]);
    expect(pending).toBeInstanceOf(Promise);
    // Asked again before it arrives (React retries a suspended render): the same promise.
    expect(translations.load("en", ["common", "errors", "journey"])).toBe(pending);
    await pending;
    expect(translations.load("en", ["common", "errors", "journey"])).toBeNull();
    expect(translations.instance("en").t("journey:dashboard.days", { count: 2 })).toBe("2 days");
    expect(calls).toEqual(["en:journey"]);
  });

  it("switch language by loading that language's namespaces into its own instance", async () => {
    const { calls, load } = loaderCounting();
    const translations = browserTranslations(translationsPayload("en", ["common", "errors"]), load);
    await translations.load("vi", ["common", "errors"]);
    expect(calls).toEqual(["vi:common", "vi:errors"]);
    expect(translations.instance("vi").t("nav.home")).toBe("Trang chủ");
    expect(translations.instance("en").t("nav.home")).toBe("Home");
  });

  it("start from the sections a page embedded, and load the whole namespace for a page that needs more of it", async () => {
    const { calls, load } = loaderCounting();
    const payload = translationsPayload("en", ["common", "errors", "journey:log", "journey:mood"]);
    const translations = browserTranslations(payload, load);
    expect(translations.load("en", ["common", "errors", "journey:log"])).toBeNull();
    expect(translations.instance("en").t("journey:log.title")).toBe(resources.en.journey.log.title);
    // Another section, or the whole namespace: the namespace is loaded once, and then every section is there.
    const pending = translations.load("en", ["common", "errors", "journey:plan"]);
    expect(pending).toBeInstanceOf(Promise);
    await pending;
    expect(translations.load("en", ["common", "errors", "journey"])).toBeNull();
    expect(translations.instance("en").t("journey:dashboard.days", { count: 2 })).toBe("2 days");
    expect(translations.instance("en").t("journey:log.title")).toBe(resources.en.journey.log.title);
    expect(calls).toEqual(["en:journey"]);
  });
});
