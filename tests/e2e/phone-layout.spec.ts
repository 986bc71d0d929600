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
