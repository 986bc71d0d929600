import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cravingLogs, cigaretteLogs, dailyTotals } from "#db/schema";
import { createSignedInUser } from "#db/seed/factories";
import { LOCALE_COOKIE } from "~/lib/i18n";
import { addDays, localDate } from "~/lib/local-date";
import { CONSENT_PURPOSE_VERSION } from "~/modules/journey/profile";
import enJourney from "~/locales/en/journey";
import viJourney from "~/locales/vi/journey";
import enPhoneApp from "~/locales/en/phoneApp";
import viPhoneApp from "~/locales/vi/phoneApp";
import { Browser, startTestServer } from "../../setup/app";
import { testDb } from "../../setup/db";

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server.close());

const today = () => localDate(new Date(), "UTC");

async function onboardedMember(locale: "en" | "vi" = "en") {
  const { user, cookie } = await createSignedInUser(testDb(), { locale });
  const browser = new Browser(server.url, cookie);
  await browser.post("/app/onboarding", { intent: "consent", purposeVersion: CONSENT_PURPOSE_VERSION, agree: "on" });
  const habits = {
    cigarettesPerDay: "20",
    yearsSmoked: "10",
    cigarettesPerPack: "20",
    ...(locale === "vi" ? { packPrice: "35000", currency: "VND" } : { packPrice: "5.00", currency: "USD" }),
    brand: "",
  };
  const rest = { triggers: "coffee", reasons: "My children", minutesToFirstCigarette: "6-30", difficultToRefrain: "yes" };
  const more = { hatesToGiveUp: "first-morning", smokesMoreInMorning: "no", smokesWhenIll: "no" };
  await browser.post("/app/onboarding", { intent: "save-profile", ...habits, ...rest, ...more });
  const accepted = await browser.post("/app/onboarding", { intent: "accept-plan", quitDate: addDays(today(), -3) });
  expect(accepted.headers.get("location")).toBe("/app");
  return { user, browser };
}

describe("logs queued offline", () => {
  it("a craving sent twice with the same client id is stored once, and counted once", async () => {
    const { user, browser } = await onboardedMember();
    const clientId = randomUUID();
    const log = { intent: "log-craving", clientId, date: today(), intensity: "7", resisted: "on" };
    for (let i = 0; i < 2; i++) {
      const sent = await browser.post("/resources/offline-logs", log);
      expect(sent.status).toBe(200);
      expect(await sent.json()).toEqual({ status: "saved" });
    }
    const rows = await testDb().select().from(cravingLogs).where(eq(cravingLogs.userId, user.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.clientId).toBe(clientId);
    const [day] = await testDb()
      .select()
      .from(dailyTotals)
      .where(and(eq(dailyTotals.userId, user.id), eq(dailyTotals.localDate, today())));
    expect(day).toMatchObject({ cravings: 1, cravingsResisted: 1 });
  });

  it("cigarettes sent twice at once are stored once", async () => {
    const { user, browser } = await onboardedMember();
    const log = { intent: "log-cigarette", clientId: randomUUID(), date: today(), count: "2" };
    const answers = await Promise.all([browser.post("/resources/offline-logs", log), browser.post("/resources/offline-logs", log)]);
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    const rows = await testDb().select().from(cigaretteLogs).where(eq(cigaretteLogs.userId, user.id));
    expect(rows).toHaveLength(1);
    const [day] = await testDb().select().from(dailyTotals).where(eq(dailyTotals.userId, user.id));
    expect(day?.cigarettes).toBe(2);
  });

  it("a check-in sent again marks the day once", async () => {
    const { user, browser } = await onboardedMember();
    const log = { intent: "check-in", clientId: randomUUID(), date: addDays(today(), -1) };
    expect((await browser.post("/resources/offline-logs", log)).status).toBe(200);
    expect((await browser.post("/resources/offline-logs", log)).status).toBe(200);
    const days = await testDb().select().from(dailyTotals).where(eq(dailyTotals.userId, user.id));
    expect(days).toEqual([expect.objectContaining({ localDate: addDays(today(), -1), checkedIn: true })]);
  });

  it("a log more than 7 days back is refused with the reason in the member's language, and nothing is stored", async () => {
    for (const [locale, journey] of [
      ["en", enJourney],
      ["vi", viJourney],
    ] as const) {
      const { user, browser } = await onboardedMember(locale);
      const sent = await browser.post("/resources/offline-logs", {
        intent: "log-craving",
        clientId: randomUUID(),
        date: addDays(today(), -8),
        intensity: "5",
      });
      expect(sent.status).toBe(400);
      const answer = (await sent.json()) as { status: string; reasons: string[] };
      expect(answer.status).toBe("rejected");
      expect(answer.reasons).toEqual([journey.errors.logDateTooOld]);
      expect(await testDb().select().from(cravingLogs).where(eq(cravingLogs.userId, user.id))).toHaveLength(0);
    }
  });

  it("a check-in on a day with cigarettes is refused with the reason (409)", async () => {
    const { browser } = await onboardedMember();
    await browser.post("/resources/offline-logs", { intent: "log-cigarette", clientId: randomUUID(), date: today(), count: "1" });
    const sent = await browser.post("/resources/offline-logs", { intent: "check-in", clientId: randomUUID(), date: today() });
    expect(sent.status).toBe(409);
    expect(await sent.json()).toEqual({ status: "rejected", reasons: [enJourney.errors.checkInAfterSmoking] });
  });

  it("without a client id or a session nothing is stored", async () => {
    const { browser } = await onboardedMember();
    const missing = await browser.post("/resources/offline-logs", { intent: "log-craving", date: today(), intensity: "5" });
    expect(missing.status).toBe(400);
    const anonymous = await new Browser(server.url).post("/resources/offline-logs", {
      intent: "log-craving",
      clientId: randomUUID(),
      date: today(),
      intensity: "5",
    });
    expect(anonymous.status).toBe(302);
  });
});

describe("the installable app's files", () => {
  it("serves the manifest in the language its address names, as application/manifest+json with a day's cache that keys on the URL alone", async () => {
    type Manifest = { lang: string; name: string; short_name: string; start_url: string; shortcuts: { name: string }[] };
    // As a browser fetches it: no cookies, and the phone's own languages (English here) are not the member's.
    const vi = await fetch(new URL("/manifest.webmanifest?lang=vi", server.url), { headers: { "Accept-Language": "en-US,en" } });
    expect(vi.headers.get("content-type")).toMatch(/^application\/manifest\+json/);
    expect(vi.headers.get("cache-control")).toBe("public, max-age=86400");
    expect(vi.headers.get("vary") ?? "").not.toMatch(/cookie|accept-language/i);
    const viManifest = (await vi.json()) as Manifest;
    expect(viManifest).toMatchObject({ lang: "vi", name: viPhoneApp.manifest.name, short_name: viPhoneApp.manifest.shortName });
    expect(viManifest.shortcuts.map((s) => s.name)).toEqual([
      viPhoneApp.manifest.checkIn,
      viPhoneApp.manifest.logCraving,
      viPhoneApp.manifest.talkToCoach,
    ]);
    // A language cookie does not change what the URL names.
    const en = await fetch(new URL("/manifest.webmanifest?lang=en", server.url), {
      headers: { Cookie: `${LOCALE_COOKIE}=vi`, "Accept-Language": "vi" },
    });
    const enManifest = (await en.json()) as Manifest;
    expect(enManifest).toMatchObject({ lang: "en", name: enPhoneApp.manifest.name, start_url: "/app" });
    // An address without a language (an older link) follows the browser's languages, and says so to caches.
    const bare = await fetch(new URL("/manifest.webmanifest", server.url), { headers: { "Accept-Language": "vi" } });
    expect(bare.headers.get("vary")).toMatch(/^Accept-Language\b/);
    expect(bare.headers.get("vary")).not.toMatch(/cookie/i);
    expect(((await bare.json()) as Manifest).name).toBe(viPhoneApp.manifest.name);
    for (const icon of ["/icons/icon-192.png", "/icons/icon-512.png", "/icons/maskable-512.png"]) {
      const file = await fetch(new URL(icon, server.url));
      expect(file.status, icon).toBe(200);
      expect(file.headers.get("content-type")).toBe("image/png");
    }
  });

  it("serves the service worker with this build's files to precache, revalidated on every visit, and no member page among them", async () => {
    const sw = await fetch(new URL("/sw.js", server.url));
    expect(sw.status).toBe(200);
    expect(sw.headers.get("content-type")).toMatch(/^text\/javascript/);
    expect(sw.headers.get("cache-control")).toBe("no-cache");
    const code = await sw.text();
    const list = JSON.parse(/self\.__QP_PRECACHE=(\[[^\]]*\])/.exec(code)![1]!) as string[];
    expect(list.some((url) => /^\/build\/entry\.client-[\w-]+\.js$/.test(url))).toBe(true);
    expect(list.some((url) => /^\/build\/routes\/app\._index-[\w-]+\.js$/.test(url))).toBe(true);
    expect(list.some((url) => url.startsWith("/build/routes/admin"))).toBe(false);
    expect(list.every((url) => url.startsWith("/build/") || url.startsWith("/icons/") || url === "/favicon.svg")).toBe(true);
    for (const url of list) expect((await fetch(new URL(url, server.url))).status, url).toBe(200);
  });

  it("only the member layout offers the manifest, in the member's language; the home page stays without it", async () => {
    const { browser: vietnamese } = await onboardedMember("vi");
    expect(await (await vietnamese.get("/app")).text()).toContain('<link rel="manifest" href="/manifest.webmanifest?lang=vi"/>');
    const { browser: english } = await onboardedMember("en");
    expect(await (await english.get("/app/craving")).text()).toContain('<link rel="manifest" href="/manifest.webmanifest?lang=en"/>');
    expect(await (await fetch(new URL("/", server.url))).text()).not.toContain('rel="manifest"');
  });

  it("signing out tells the browser to forget its saved pages", async () => {
    const { browser } = await onboardedMember();
    const out = await browser.post("/logout", {});
    expect(out.status).toBe(302);
    expect(out.headers.get("clear-site-data")).toBe('"cache"');
  });
});
