import type { Page } from "@playwright/test";
import { addDays, localDate } from "../../app/lib/local-date";
import { CONSENT_PURPOSE_VERSION } from "../../app/modules/journey/profile";
import { expect, premiumMemberWithCoach, test } from "./fixtures";

const today = () => localDate(new Date(), "UTC");

test("at 320 × 640 the member pages (dashboard, log, community, coach chat, account) scroll only up and down", async ({
  browser,
  baseURL,
}) => {
  const { member } = await premiumMemberWithCoach(browser, baseURL!, {
    member: { displayName: "Nguyễn Thị Minh Khai", timeZone: "UTC", locale: "en" },
    coach: { displayName: "Coach Lan" },
  });
  const page = await member.context.newPage();
  await page.setViewportSize({ width: 320, height: 640 });
  const post = async (path: string, form: Record<string, string>) => {
    const response = await page.request.post(path, { form, headers: { Origin: baseURL! }, maxRedirects: 0 });
    expect(response.status(), `${path} ${form.intent}`).toBeLessThan(400);
  };
  await post("/app/onboarding", { intent: "consent", purposeVersion: CONSENT_PURPOSE_VERSION, agree: "on" });
  await post("/app/onboarding", {
    intent: "save-profile",
    cigarettesPerDay: "20",
    yearsSmoked: "10",
    cigarettesPerPack: "20",
    packPrice: "5.00",
    currency: "USD",
    brand: "",
    triggers: "coffee",
    reasons: "My children",
    minutesToFirstCigarette: "6-30",
    difficultToRefrain: "yes",
    hatesToGiveUp: "first-morning",
    smokesMoreInMorning: "no",
    smokesWhenIll: "no",
  });
  await post("/app/onboarding", { intent: "accept-plan", quitDate: addDays(today(), -3) });

  const wider: Record<string, { scrollWidth: number; clientWidth: number; widest: string[] }> = {};
  for (const path of ["/app", "/app/log", "/app/community", "/app/coach", "/app/account"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    expect(new URL(page.url()).pathname, `${path} is shown, not a redirect`).toBe(path);
    const measured = await page.evaluate(() => {
      const root = document.scrollingElement!;
      const clientWidth = root.clientWidth;
      // What sticks out, to say where to look when this fails.
      const widest = [...document.querySelectorAll("body *")]
        .filter((element) => element.getBoundingClientRect().right > clientWidth + 0.5)
        .slice(0, 5)
        .map((element) => `${element.tagName.toLowerCase()}.${[...element.classList].join(".")}`);
      return { scrollWidth: root.scrollWidth, clientWidth, widest };
    });
    if (measured.scrollWidth > measured.clientWidth) wider[path] = measured;
  }
  expect(wider).toEqual({});
});

test("the layout lets the page reach the screen's edges and keeps its content out of the notch and the home indicator", async ({
  page,
  login,
}) => {
  await login({ displayName: "Vy", timeZone: "UTC", locale: "en" });
  await page.goto("/app");
  expect(await page.locator('meta[name="viewport"]').getAttribute("content")).toContain("viewport-fit=cover");
  // Chromium has no notch here: the insets are 0, so the rule is read from the stylesheet the page uses.
  const insetRules = await page.evaluate(() =>
    [...document.styleSheets]
      .flatMap((sheet) => [...sheet.cssRules])
      .map((rule) => rule.cssText)
      .filter((text) => text.includes("safe-area-inset")),
  );
  for (const side of ["top", "right", "bottom", "left"]) expect(insetRules.join("\n")).toContain(`safe-area-inset-${side}`);
});

/** Every visible piece of text whose contrast with what is behind it is under WCAG AA (4.5:1, or 3:1 when large). */
function lowContrastText() {
  const canvas = document.createElement("canvas");
  canvas.width = canvas.height = 1;
  const ctx = canvas.getContext("2d", { willReadFrequently: true })!;
  // The canvas turns any CSS colour (oklch, color-mix…) into sRGB.
  const rgba = (color: string): [number, number, number, number] => {
    ctx.clearRect(0, 0, 1, 1);
    ctx.fillStyle = color;
    ctx.fillRect(0, 0, 1, 1);
    const [r, g, b, a] = ctx.getImageData(0, 0, 1, 1).data;
    return [r!, g!, b!, a! / 255];
  };
  const over = (top: number[], bottom: number[]) => [0, 1, 2].map((i) => top[i]! * top[3]! + bottom[i]! * (1 - top[3]!));
  const luminance = (c: number[]) => {
    const [r, g, b] = c.map((v) => {
      const s = v / 255;
      return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  const canvasColour = matchMedia("(prefers-color-scheme: dark)").matches ? [18, 18, 18] : [255, 255, 255];
  const behind = (element: Element) => {
    const layers: [number, number, number, number][] = [];
    for (let e: Element | null = element; e; e = e.parentElement) {
      const colour = rgba(getComputedStyle(e).backgroundColor);
      if (colour[3] > 0) layers.push(colour);
      if (colour[3] === 1) break;
    }
    return layers.reduceRight((below, layer) => over(layer, below), canvasColour);
  };
  const found: string[] = [];
  for (const element of document.body.querySelectorAll("*")) {
    const text = [...element.childNodes]
      .filter((n) => n.nodeType === Node.TEXT_NODE)
      .map((n) => n.textContent ?? "")
      .join("")
      .trim();
    if (!text || element.closest("[hidden], [aria-hidden='true'], .sr-only, script, style, noscript")) continue;
    const box = element.getBoundingClientRect();
    const style = getComputedStyle(element);
    if (box.width === 0 || box.height === 0 || style.visibility === "hidden" || (element as HTMLButtonElement).disabled) continue;
    const background = behind(element);
    const colour = over(rgba(style.color), background);
    const [light, dark] = [luminance(colour), luminance(background)].sort((a, b) => b - a);
    const ratio = (light! + 0.05) / (dark! + 0.05);
    const size = parseFloat(style.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
    if (ratio < (large ? 3 : 4.5))
      found.push(`${element.tagName.toLowerCase()}.${[...element.classList].join(".")} "${text.slice(0, 40)}" ${ratio.toFixed(2)}`);
  }
  return { found, pageIsDark: luminance(behind(document.body)) < 0.05 };
}

for (const colorScheme of ["light", "dark"] as const) {
  test(`in ${colorScheme} mode every text on the public and member pages keeps WCAG AA contrast`, async ({
    browser,
    baseURL,
    page,
    login,
  }) => {
    const visitor = await browser.newContext({ colorScheme, baseURL });
    await login({ displayName: "Ánh", timeZone: "UTC", locale: "vi" });
    await page.emulateMedia({ colorScheme });
    const low: Record<string, string[]> = {};
    const check = async (tab: Page, path: string) => {
      await tab.goto(path);
      const { found, pageIsDark } = await tab.evaluate(lowContrastText);
      expect(pageIsDark, `${path} follows ${colorScheme} mode`).toBe(colorScheme === "dark");
      if (found.length > 0) low[path] = found;
    };
    const anonymous = await visitor.newPage();
    for (const path of ["/", "/pricing", "/learn", "/login", "/signup"]) await check(anonymous, path);
    for (const path of ["/app", "/app/community", "/app/account", "/app/notifications"]) await check(page, path);
    expect(low).toEqual({});
    await visitor.close();
  });
}
