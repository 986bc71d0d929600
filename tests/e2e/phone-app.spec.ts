import { and, eq } from "drizzle-orm";
import { cravingLogs, dailyTotals } from "#db/schema";
import enCommon from "../../app/locales/en/common";
import enJourney from "../../app/locales/en/journey";
import enPhoneApp from "../../app/locales/en/phoneApp";
import viPhoneApp from "../../app/locales/vi/phoneApp";
import { addDays, localDate } from "../../app/lib/local-date";
import { CONSENT_PURPOSE_VERSION } from "../../app/modules/journey/profile";
import { installabilityVerdict } from "../setup/installability";
import { e2eDb, expect, test } from "./fixtures";
import { chromium, type Route } from "@playwright/test";
import { createSignedInUser } from "#db/seed/factories";
import { testBrowser } from "../setup/chromium";

const today = () => localDate(new Date(), "UTC");

test("the service worker installs, the dashboard works offline from its last copy, an offline check-in is sent once back online, and sign-out forgets the saved pages", async ({
  page,
  context,
  login,
  baseURL,
}) => {
  const member = await login({ displayName: "Mai", timeZone: "UTC", locale: "en" });
  // Onboarding through the real pages, as the browser would post them.
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

  await page.goto("/app");
  await expect(page.getByRole("heading", { name: enJourney.dashboard.title.replace("{{name}}", "Mai") })).toBeVisible();
  // Installed, in control of the page, and the dashboard, plan and craving screen saved for this member.
  await expect
    .poll(() => page.evaluate(() => navigator.serviceWorker.ready.then(() => navigator.serviceWorker.controller !== null)))
    .toBe(true);
  await expect
    .poll(() =>
      page.evaluate(async () => {
        const cache = await caches.open("qp-member-pages");
        return Promise.all(["/app", "/app/plan", "/app/craving"].map(async (path) => Boolean(await cache.match(path))));
      }),
    )
    .toEqual([true, true, true]);

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole("heading", { name: enJourney.dashboard.title.replace("{{name}}", "Mai") })).toBeVisible();
  await expect(page.locator("[data-offline-banner]")).toContainText(enPhoneApp.offline.banner.split("{{when}}")[0]!.trim());

  // The craving screen opens offline too (saved with the dashboard).
  await page.goto("/app/craving");
  await expect(page.getByRole("heading", { name: enPhoneApp.craving.title })).toBeVisible();
  await page.getByRole("button", { name: enPhoneApp.craving.resisted }).click();
  // Kept on the device (by the page, or by the worker when the browser still reports itself online) before moving on.
  await expect(page.locator("[data-queued-log]")).toHaveCount(1);
  await page.goto("/app");

  await page.getByRole("region", { name: enJourney.dashboard.today }).getByRole("button", { name: enJourney.checkIn.noneToday }).click();
  const queued = page.locator("[data-queued-log]");
  await expect(queued).toHaveCount(2);
  await expect(queued.filter({ hasText: enPhoneApp.queue.kinds["check-in"].replace("{{date}}", today()) })).toContainText(
    enPhoneApp.queue.pending,
  );
  const checkedIn = async () =>
    e2eDb()
      .select()
      .from(dailyTotals)
      .where(and(eq(dailyTotals.userId, member.id), eq(dailyTotals.localDate, today()), eq(dailyTotals.checkedIn, true)));
  expect(await checkedIn()).toHaveLength(0);

  await context.setOffline(false);
  await expect(queued.filter({ hasText: enPhoneApp.queue.synced })).toHaveCount(2);
  await expect(page.getByText(enJourney.checkIn.done)).toBeVisible();
  await expect(page.locator("[data-offline-banner]")).toHaveCount(0);
  // Sent once: one checked-in day, one craving; a reload sends nothing again.
  await page.reload();
  await expect(queued).toHaveCount(2);
  expect(await checkedIn()).toHaveLength(1);
  expect(await e2eDb().select().from(cravingLogs).where(eq(cravingLogs.userId, member.id))).toHaveLength(1);

  await page.getByRole("button", { name: enCommon.nav.signOut }).click();
  await expect(page).toHaveURL(/\/$/);
  // Nothing of the member is left on the device (the worker drops its pages when it sees the sign-out post).
  await expect
    .poll(() =>
      page.evaluate(async () => ((await caches.has("qp-member-pages")) ? (await (await caches.open("qp-member-pages")).keys()).length : 0)),
    )
    .toBe(0);
});

test("the install prompt is offered once, after the first check-in, and a dismissal is remembered", async ({ page, login, baseURL }) => {
  await login({ displayName: "Lan", timeZone: "UTC", locale: "en" });
  const post = async (path: string, form: Record<string, string>) => {
    const response = await page.request.post(path, { form, headers: { Origin: baseURL! }, maxRedirects: 0 });
    expect(response.status(), `${path} ${form.intent}`).toBeLessThan(400);
  };
  await post("/app/onboarding", { intent: "consent", purposeVersion: CONSENT_PURPOSE_VERSION, agree: "on" });
  await post("/app/onboarding", {
    intent: "save-profile",
    cigarettesPerDay: "10",
    yearsSmoked: "5",
    cigarettesPerPack: "20",
    packPrice: "5.00",
    currency: "USD",
    brand: "",
    triggers: "coffee",
    reasons: "My health",
    minutesToFirstCigarette: "6-30",
    difficultToRefrain: "no",
    hatesToGiveUp: "first-morning",
    smokesMoreInMorning: "no",
    smokesWhenIll: "no",
  });
  await post("/app/onboarding", { intent: "accept-plan", quitDate: addDays(today(), -2) });

  // Chromium fires beforeinstallprompt only for a served, engaged origin: the test fires the same event, with the browser's prompt() stubbed.
  const offerInstall = () =>
    page.evaluate(() => {
      const event = new Event("beforeinstallprompt", { cancelable: true });
      Object.assign(event, { prompt: async () => undefined, userChoice: Promise.resolve({ outcome: "dismissed" }) });
      window.dispatchEvent(event);
      return event.defaultPrevented;
    });
  const prompt = page.getByRole("complementary", { name: enPhoneApp.install.title });

  await page.goto("/app");
  // Kept for later (the browser's own bar held back), but not offered before a check-in.
  await expect.poll(offerInstall).toBe(true);
  await expect(prompt).toHaveCount(0);

  await page.getByRole("region", { name: enJourney.dashboard.today }).getByRole("button", { name: enJourney.checkIn.noneToday }).click();
  await expect(prompt).toBeVisible();
  await prompt.getByRole("button", { name: enPhoneApp.install.dismiss }).click();
  await expect(prompt).toHaveCount(0);
  expect(await page.evaluate(() => localStorage.getItem("quitpath:install-offer"))).toBe("dismissed");

  // Dismissed once, never again on this device, even when the browser offers it anew.
  await page.reload();
  await expect(page.getByRole("heading", { name: enJourney.dashboard.title.replace("{{name}}", "Lan") })).toBeVisible();
  await page.waitForFunction(() => (window as { __remixRouter?: { state: { initialized: boolean } } }).__remixRouter?.state.initialized);
  expect(await offerInstall()).toBe(false);
  await expect(prompt).toHaveCount(0);
});

test("Chromium finds the member app installable, named in the member's language, with no manifest errors or warnings (its own verdict over CDP)", async ({
  baseURL,
}, testInfo) => {
  // A profile on disk: Chromium never offers to install from an incognito context, which Playwright's contexts are.
  const found = await testBrowser();
  const context = await chromium.launchPersistentContext(testInfo.outputPath("profile"), {
    executablePath: found.executablePath,
    args: found.args,
    env: { ...process.env, ...found.env },
    baseURL,
  });
  try {
    // Chromium fetches the manifest without cookies, in a browser whose own language is English: the
    // Vietnamese member's app is still named in Vietnamese, as the address the page links names it.
    for (const [locale, words] of [
      ["en", enPhoneApp.manifest],
      ["vi", viPhoneApp.manifest],
    ] as const) {
      await context.clearCookies();
      const { cookie } = await createSignedInUser(e2eDb(), { displayName: "Hoa", timeZone: "UTC", locale });
      const [name, value] = cookie.split("=") as [string, string];
      await context.addCookies([{ name, value, url: baseURL! }]);
      const page = await context.newPage();
      await page.goto("/app");
      const verdict = await installabilityVerdict(page);
      expect(verdict.manifestUrl).toMatch(new RegExp(`/manifest\\.webmanifest\\?lang=${locale}$`));
      expect(verdict.manifestErrors).toEqual([]);
      expect(verdict.installabilityErrors).toEqual([]);
      expect(verdict.manifest).toMatchObject({
        name: words.name,
        shortName: words.shortName,
        startUrl: expect.stringMatching(/\/app$/),
        display: "standalone",
      });
      expect(verdict.manifest.icons).toEqual(expect.arrayContaining(["192x192 any", "512x512 any", "512x512 maskable"]));
      await page.close();
    }
  } finally {
    await context.close();
  }
});

test("on a flaky network a check-in that fails and a craving whose post hangs are kept on the device, the saved page says it may be out of date, and each is stored once", async ({
  page,
  context,
  login,
  baseURL,
}) => {
  const member = await login({ displayName: "Tuan", timeZone: "UTC", locale: "en" });
  const post = async (path: string, form: Record<string, string>) => {
    const response = await page.request.post(path, { form, headers: { Origin: baseURL! }, maxRedirects: 0 });
    expect(response.status(), `${path} ${form.intent}`).toBeLessThan(400);
  };
  await post("/app/onboarding", { intent: "consent", purposeVersion: CONSENT_PURPOSE_VERSION, agree: "on" });
  await post("/app/onboarding", {
    intent: "save-profile",
    cigarettesPerDay: "15",
    yearsSmoked: "8",
    cigarettesPerPack: "20",
    packPrice: "5.00",
    currency: "USD",
    brand: "",
    triggers: "coffee",
    reasons: "My lungs",
    minutesToFirstCigarette: "6-30",
    difficultToRefrain: "no",
    hatesToGiveUp: "first-morning",
    smokesMoreInMorning: "no",
    smokesWhenIll: "no",
  });
  await post("/app/onboarding", { intent: "accept-plan", quitDate: addDays(today(), -4) });
  const dashboard = page.getByRole("heading", { name: enJourney.dashboard.title.replace("{{name}}", "Tuan") });

  await page.goto("/app");
  await expect(dashboard).toBeVisible();
  await expect
    .poll(() =>
      page.evaluate(async () => {
        if (!navigator.serviceWorker.controller) return false;
        const cache = await caches.open("qp-member-pages");
        return (await Promise.all(["/app", "/app/craving"].map((path) => cache.match(path)))).every(Boolean);
      }),
    )
    .toBe(true);

  // Once by client-side navigation, so the plan's data request is saved too (documents are saved at sign-in).
  await page.getByRole("navigation", { name: enJourney.dashboard.journeyNav }).getByRole("link", { name: enJourney.nav.plan }).click();
  await expect(page.getByRole("heading", { name: enJourney.plan.title, level: 1 })).toBeVisible();
  await expect
    .poll(() =>
      page.evaluate(async () => (await (await caches.open("qp-member-pages")).keys()).some((r) => r.url.includes("/app/plan.data"))),
    )
    .toBe(true);
  await page.goBack();
  await expect(dashboard).toBeVisible();

  // The flaky network: still "online" for the browser, but member pages and posts hang (held here), the check-in
  // post fails outright, and the queue's own sends fail. context.route sees the service worker's requests too.
  const held: Route[] = [];
  const flaky = async (route: Route) => {
    const request = route.request();
    const path = new URL(request.url()).pathname;
    if (path === "/resources/offline-logs" || (request.method() === "POST" && path.startsWith("/app/check-in")))
      return route.abort("failed");
    held.push(route);
  };
  const memberRequests = (url: URL) => url.pathname.startsWith("/app") || url.pathname === "/resources/offline-logs";
  await context.route(memberRequests, flaky);
  expect(await page.evaluate(() => navigator.onLine)).toBe(true);

  const queued = page.locator("[data-queued-log]");
  const staleBanner = page.locator('[data-offline-banner="stale"]');
  // A page whose data is too slow to come is shown from its saved copy, and says it may be out of date.
  await page.getByRole("navigation", { name: enJourney.dashboard.journeyNav }).getByRole("link", { name: enJourney.nav.plan }).click();
  await expect(page.getByRole("heading", { name: enJourney.plan.title, level: 1 })).toBeVisible({ timeout: 20_000 });
  await expect(staleBanner).toContainText(enPhoneApp.offline.staleBanner.split("{{when}}")[0]!.trim());
  await page.goto("/app");
  await expect(dashboard).toBeVisible({ timeout: 20_000 });
  await page.getByRole("region", { name: enJourney.dashboard.today }).getByRole("button", { name: enJourney.checkIn.noneToday }).click();
  // Kept on the device, and back on the dashboard as saved (its document too slow to come).
  await expect(queued.filter({ hasText: enPhoneApp.queue.kinds["check-in"].replace("{{date}}", today()) })).toContainText(
    enPhoneApp.queue.pending,
    { timeout: 20_000 },
  );
  await expect(dashboard).toBeVisible();

  await page.goto("/app/craving");
  await expect(page.getByRole("heading", { name: enPhoneApp.craving.title })).toBeVisible({ timeout: 20_000 });
  const cravingPosts = () =>
    held.filter((route) => route.request().method() === "POST" && new URL(route.request().url()).pathname.startsWith("/app/craving"));
  await page.getByRole("button", { name: enPhoneApp.craving.resisted }).click();
  await expect.poll(() => cravingPosts().length).toBe(1);
  await expect(queued).toHaveCount(2, { timeout: 20_000 });
  await expect(queued.filter({ hasText: enPhoneApp.queue.kinds["log-craving"].replace("{{date}}", today()) })).toContainText(
    enPhoneApp.queue.pending,
  );
  const stored = async () => ({
    checkedIn: (
      await e2eDb()
        .select()
        .from(dailyTotals)
        .where(and(eq(dailyTotals.userId, member.id), eq(dailyTotals.localDate, today()), eq(dailyTotals.checkedIn, true)))
    ).length,
    cravings: (await e2eDb().select().from(cravingLogs).where(eq(cravingLogs.userId, member.id))).length,
  });
  expect(await stored()).toEqual({ checkedIn: 0, cravings: 0 });

  // The network comes back: the craving post that hung lands after all, then the queue sends both; each is stored once.
  await cravingPosts()[0]!.continue();
  await expect.poll(async () => (await stored()).cravings).toBe(1);
  for (const route of held.filter((r) => r !== cravingPosts()[0])) await route.continue();
  await context.unroute(memberRequests, flaky);
  await page.goto("/app");
  await expect(queued.filter({ hasText: enPhoneApp.queue.synced })).toHaveCount(2);
  await expect(page.getByText(enJourney.checkIn.done)).toBeVisible();
  await expect(page.locator("[data-offline-banner]")).toHaveCount(0);
  expect(await stored()).toEqual({ checkedIn: 1, cravings: 1 });
});
