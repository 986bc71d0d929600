import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { getFixedT } from "~/lib/i18n.server";
import enPhoneApp from "~/locales/en/phoneApp";
import viPhoneApp from "~/locales/vi/phoneApp";
import { appManifest } from "./manifest";
import { manifestHref } from "./manifest-link";

/** Width and height from a PNG's IHDR chunk (bytes 16–23), after checking the signature. */
function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(path.join("public", file));
  expect(bytes.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
  expect(bytes.subarray(12, 16).toString("ascii")).toBe("IHDR");
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe("the web app manifest", () => {
  for (const locale of ["en", "vi"] as const) {
    it(`names the app, starts at /app and offers the three shortcuts (${locale})`, () => {
      const manifest = appManifest(locale, getFixedT(locale));
      expect(manifest.lang).toBe(locale);
      expect(manifest.start_url).toBe("/app");
      expect(manifest.display).toBe("standalone");
      expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/);
      for (const text of [manifest.name, manifest.short_name, manifest.description, ...manifest.shortcuts.map((s) => s.name)]) {
        expect(text).not.toMatch(/^phoneApp:|manifest\./);
      }
      expect(manifest.short_name.length).toBeLessThanOrEqual(12);
      expect(manifest.shortcuts.map((s) => s.url)).toEqual(["/app?shortcut=check-in", "/app/craving", "/app/coach"]);
    });
  }

  it("says the name, description and shortcuts in the member's language, from app/locales", () => {
    for (const [locale, words] of [
      ["en", enPhoneApp.manifest],
      ["vi", viPhoneApp.manifest],
    ] as const) {
      const manifest = appManifest(locale, getFixedT(locale));
      expect(manifest.name).toBe(words.name);
      expect(manifest.short_name).toBe(words.shortName);
      expect(manifest.description).toBe(words.description);
      expect(manifest.shortcuts.map((s) => s.name)).toEqual([words.checkIn, words.logCraving, words.talkToCoach]);
    }
    expect(appManifest("vi", getFixedT("vi")).name).toBe("QuitPath: bỏ thuốc lá mãi mãi");
    expect(appManifest("vi", getFixedT("vi")).name).not.toBe(appManifest("en", getFixedT("en")).name);
  });

  it("has one address per language, which a browser fetching it without cookies still tells apart", () => {
    expect(manifestHref("vi")).toBe("/manifest.webmanifest?lang=vi");
    expect(manifestHref("en")).toBe("/manifest.webmanifest?lang=en");
  });

  it("every icon is a PNG of the size it claims, with 192, 512 and a maskable 512", () => {
    const { icons } = appManifest("en", getFixedT("en"));
    for (const icon of icons) {
      expect(icon.type).toBe("image/png");
      const { width, height } = pngSize(icon.src);
      expect(`${width}x${height}`).toBe(icon.sizes);
    }
    expect(icons.some((i) => i.sizes === "192x192" && i.purpose === "any")).toBe(true);
    expect(icons.some((i) => i.sizes === "512x512" && i.purpose === "any")).toBe(true);
    expect(icons.some((i) => i.sizes === "512x512" && i.purpose === "maskable")).toBe(true);
  });
});
