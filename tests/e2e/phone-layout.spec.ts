import type { BrowserContext, Page } from "@playwright/test";
import { sql } from "drizzle-orm";
import { createSession } from "~/modules/identity/session.server";
import { addDays, localDate } from "../../app/lib/local-date";
import { CONSENT_PURPOSE_VERSION } from "../../app/modules/journey/profile";
import { e2eDb, expect, premiumMemberWithCoach, signedInContext, test } from "./fixtures";

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

/**
 * Every control on the page a finger could aim at whose box is under 44 × 44 CSS px (WCAG 2.5.5, and
 * issue 19's phone polish). Exempt, as WCAG 2.5.8 exempts them: a link inside a sentence or block of
 * text (an inline link whose line holds other words), and what is not there to be tapped (hidden,
 * disabled, the skip link until it is focused). A checkbox or radio button is tapped through its
 * label as well: its target is the label when the label holds it or names it.
 */
function smallTargets() {
  const found: string[] = [];
  const words = (text: string | null | undefined) => (text ?? "").replace(/\s+/g, " ").trim();
  const describe = (element: Element, box: DOMRect) =>
    `${element.tagName.toLowerCase()}${element.getAttribute("type") ? `[${element.getAttribute("type")}]` : ""} "${words(
      element.getAttribute("aria-label") ?? element.textContent,
    ).slice(0, 30)}" ${Math.round(box.width)}×${Math.round(box.height)}`;
  const inRunningText = (link: Element) => {
    if (getComputedStyle(link).display !== "inline") return false;
    let line = link.parentElement;
    while (line && getComputedStyle(line).display === "inline") line = line.parentElement;
    return !!line && words(line.textContent) !== words(link.textContent);
  };
  const selector = "a[href], button, input:not([type='hidden']), select, textarea, summary, [role='button']";
  for (const element of document.body.querySelectorAll(selector)) {
    if (element.closest("[hidden], [aria-hidden='true'], .sr-only, [inert]") || (element as HTMLButtonElement).disabled) continue;
    const style = getComputedStyle(element);
    let box = element.getBoundingClientRect();
    if (box.width === 0 || box.height === 0 || style.visibility === "hidden") continue;
    if (element.tagName === "A" && inRunningText(element)) continue;
    const input = element as HTMLInputElement;
    if (input.type === "checkbox" || input.type === "radio") {
      const label = input.closest("label") ?? input.labels?.[0];
      if (label) box = label.getBoundingClientRect();
    }
    if (box.width < 43.5 || box.height < 43.5) found.push(describe(element, box));
  }
  return found;
}

/** A page's path with its ids (uuids, numbers) replaced, so the crawl visits one post, one badge, one session of each kind. */
const routeOf = (path: string) =>
  path
    .split("?")[0]!
    .replace(/\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?=\/|$)/gi, "/:id")
    .replace(/\/\d+(?=\/|$)/g, "/:id");

test("on a phone every button, field and link of the member pages and of sign-in and sign-up is at least 44 × 44 px", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(180_000);
  // The demo member (Vietnamese, mid-attempt, with posts, badges and a session booked) and the Premium demo member
  // with a coach (for the coach's pages, refused to a member without Premium) show every page with something on it.
  const signedIn = async (email: string) => {
    const [user] = await e2eDb().execute<{ id: string }>(sql`select id from users where email = ${email}`);
    const context = await browser.newContext({ baseURL });
    const [name, value] = (await createSession(e2eDb(), user!.id, "test")).setCookie.split(";")[0]!.split("=") as [string, string];
    await context.addCookies([{ name, value, url: baseURL! }]);
    return context;
  };
  const member = await signedIn("member@quitpath.test");
  const premium = await signedIn("member2@quitpath.test");
  // A member who has just signed up: onboarding is theirs alone.
  const { context: newcomer } = await signedInContext(browser, baseURL!, { locale: "en", timeZone: "UTC" });
  const visitor = await browser.newContext({ baseURL });

  const small: Record<string, string[]> = {};
  const wider: Record<string, number> = {};
  const visited = new Map<string, string>();
  const check = async (context: BrowserContext, path: string, width = 320): Promise<string[]> => {
    const tab = await context.newPage();
    await tab.setViewportSize({ width, height: 640 });
    const response = await tab.goto(path);
    if (response?.status() === 403 && context === member) {
      await tab.close();
      return check(premium, path, width);
    }
    expect(response?.status(), path).toBe(200);
    const found = await tab.evaluate(smallTargets);
    if (found.length > 0) small[`${path} @${width}`] = found;
    // Larger targets must not push the page wider than the phone.
    const root = await tab.evaluate(() => ({
      scrollWidth: document.scrollingElement!.scrollWidth,
      clientWidth: document.scrollingElement!.clientWidth,
    }));
    if (root.scrollWidth > root.clientWidth) wider[`${path} @${width}`] = root.scrollWidth;
    const links = await tab.evaluate(() => [...document.querySelectorAll("a[href^='/app']")].map((a) => a.getAttribute("href")!));
    await tab.close();
    return links;
  };

  // Every member page reached by following links, one of each kind, from the pages the navigation lists.
  const crawl = async (context: BrowserContext, queue: string[]) => {
    while (queue.length > 0) {
      const path = queue.shift()!;
      const route = routeOf(path);
      if (visited.has(route)) continue;
      visited.set(route, path);
      for (const link of await check(context, path)) {
        const next = link.split("#")[0]!;
        if (next.startsWith("/app/") && !visited.has(routeOf(next))) queue.push(next);
      }
    }
  };
  const queue = ["/app", "/app/log", "/app/check-in", "/app/craving", "/app/plan", "/app/slip", "/app/history", "/app/badges"];
  queue.push("/app/community", "/app/community/new", "/app/coach", "/app/coach/choose", "/app/coach/sessions", "/app/coaching");
  queue.push("/app/ai-coach", "/app/notifications", "/app/notifications/preferences", "/app/account", "/app/billing");
  queue.push("/app/billing/cancelled", "/app/consent", "/app/privacy", "/app/terms", "/app/feedback");
  const [ownPost] = await e2eDb().execute<{ id: string }>(
    sql`select p.id from community_posts p join users u on u.id = p.author_id where u.email = 'member@quitpath.test' limit 1`,
  );
  const [price] = await e2eDb().execute<{ id: string }>(
    sql`select pp.id from package_prices pp join packages p on p.id = pp.package_id where p.slug = 'premium' limit 1`,
  );
  queue.push(`/app/community/${ownPost!.id}/edit`, `/app/billing/checkout?price=${price!.id}`);
  await crawl(member, queue);
  // The Premium member's own billing page (a receipt), and the seeded session still to come (today's) by the member it is for.
  const [booked] = await e2eDb().execute<{ id: string; email: string }>(
    sql`select s.id, u.email from coaching_sessions s join users u on u.id = s.member_id
        where s.status in ('requested', 'confirmed') order by s.starts_at desc limit 1`,
  );
  const attendee = await signedIn(booked!.email);
  for (const route of ["/app/billing", "/app/coach/sessions/:id", "/app/coach/sessions/:id/reschedule"]) visited.delete(route);
  await crawl(premium, ["/app/billing"]);
  await crawl(attendee, [`/app/coach/sessions/${booked!.id}`, `/app/coach/sessions/${booked!.id}/reschedule`]);
  await check(member, "/app", 430);
  await check(newcomer, "/app/onboarding");
  for (const path of ["/login", "/signup", "/forgot-password"]) {
    await check(visitor, path);
    await check(visitor, path, 430);
  }
  console.log(`measured: ${[...visited.values()].join(" ")}`);
  // The crawl reached the pages with an id in their path, not only the listed ones.
  expect([...visited.keys()]).toEqual(
    expect.arrayContaining([
      "/app/community/:id",
      "/app/community/:id/edit",
      "/app/badges/:id",
      "/app/coach/sessions/:id",
      "/app/coach/sessions/:id/reschedule",
      "/app/history/:id",
      "/app/billing/checkout",
      "/app/billing/receipts/:id",
    ]),
  );
  expect(small).toEqual({});
  expect(wider).toEqual({});
  await Promise.all([member.close(), premium.close(), attendee.close(), newcomer.close(), visitor.close()]);
});
