import { and, eq, getTableColumns, getTableName, is, sql } from "drizzle-orm";
import { PgTable } from "drizzle-orm/pg-core";
import * as journeySchema from "#db/schema/journey";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  cigaretteLogs,
  dailyTotals,
  healthConsents,
  planRevisions,
  quitAttempts,
  slipReflections,
  smokingProfiles,
  users,
} from "#db/schema";
import { createSignedInUser } from "#db/seed/factories";
import { addDays, localDate } from "~/lib/local-date";
import { CONSENT_PURPOSE_VERSION } from "~/modules/journey/profile";
import { dashboardAggregates, memberProgressSnapshots, smokeFreeDays } from "~/modules/journey/progress.server";
import { Browser, queryCountsByRequest, startTestServer } from "../../setup/app";
import { testDb } from "../../setup/db";

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server.close());

const today = () => localDate(new Date(), "UTC");

const habits = { cigarettesPerDay: "20", yearsSmoked: "10", cigarettesPerPack: "20", packPrice: "5.00", currency: "USD", brand: "" };
const triggers = { triggers: "coffee", reasons: "My children" };
const dependence = {
  minutesToFirstCigarette: "6-30",
  difficultToRefrain: "yes",
  hatesToGiveUp: "first-morning",
  smokesMoreInMorning: "no",
  smokesWhenIll: "no",
};

/** A member who went through onboarding in the real pages: consent, the three profile steps, and the plan accepted. */
async function onboardedMember(quitDaysAgo: number) {
  const { user, cookie } = await createSignedInUser(testDb());
  const browser = new Browser(server.url, cookie);
  expect((await browser.post("/app/onboarding", { intent: "consent", purposeVersion: CONSENT_PURPOSE_VERSION, agree: "on" })).status).toBe(
    302,
  );
  expect((await browser.post("/app/onboarding", { intent: "profile-habits", ...habits })).status).toBe(200);
  expect((await browser.post("/app/onboarding", { intent: "save-profile", ...habits, ...triggers, ...dependence })).status).toBe(302);
  const accepted = await browser.post("/app/onboarding", { intent: "accept-plan", quitDate: addDays(today(), -quitDaysAgo) });
  expect(accepted.status).toBe(302);
  expect(accepted.headers.get("location")).toBe("/app");
  return { user, browser };
}

async function logCigarette(browser: Browser, date: string, count = 1) {
  return browser.post("/app/log", { intent: "log-cigarette", date, count: String(count), trigger: "coffee" });
}

describe("onboarding", () => {
  it("stores nothing before consent, and a new member is led to onboarding", async () => {
    const { user, cookie } = await createSignedInUser(testDb());
    const browser = new Browser(server.url, cookie);
    const home = await browser.get("/app");
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('href="/app/onboarding"');

    const profile = await browser.post("/app/onboarding", { intent: "save-profile", ...habits, ...triggers, ...dependence });
    expect(profile.status).toBe(403);
    // The action refuses (nothing stored) and the page sends the member to onboarding.
    const log = await logCigarette(browser, today());
    expect(log.headers.get("location")).toBe("/app/onboarding");
    const checkIn = await browser.post("/app/check-in", { intent: "check-in" });
    expect(checkIn.headers.get("location")).toBe("/app/onboarding");
    const unticked = await browser.post("/app/onboarding", { intent: "consent", purposeVersion: CONSENT_PURPOSE_VERSION });
    expect(unticked.status).toBe(400);

    const db = testDb();
    expect(await db.select().from(smokingProfiles).where(eq(smokingProfiles.userId, user.id))).toEqual([]);
    expect(await db.select().from(cigaretteLogs).where(eq(cigaretteLogs.userId, user.id))).toEqual([]);
    expect(await db.select().from(dailyTotals).where(eq(dailyTotals.userId, user.id))).toEqual([]);
    expect(await db.select().from(healthConsents).where(eq(healthConsents.userId, user.id))).toEqual([]);
  });

  it("records consent with its purpose version, scores the profile and starts the attempt with plan revision 1", async () => {
    const { user, browser } = await onboardedMember(3);
    const db = testDb();
    const [consent] = await db.select().from(healthConsents).where(eq(healthConsents.userId, user.id));
    expect(consent!.purposeVersion).toBe(CONSENT_PURPOSE_VERSION);
    const [profile] = await db.select().from(smokingProfiles).where(eq(smokingProfiles.userId, user.id));
    // 6–30 min → 2, refrain → 1, first cigarette → 1, 11–20 a day → 1: FTND 5.
    expect(profile!.ftndScore).toBe(5);
    expect(profile!.packPriceMinor).toBe(500);
    const [attempt] = await db.select().from(quitAttempts).where(eq(quitAttempts.userId, user.id));
    expect(attempt!.status).toBe("active");
    expect(attempt!.quitDate).toBe(addDays(today(), -3));
    expect(await db.select().from(planRevisions).where(eq(planRevisions.attemptId, attempt!.id))).toHaveLength(1);

    const home = await browser.get("/app");
    expect(home.status).toBe(200);
    const html = await home.text();
    // 3 completed days (quit day included, today not yet over) × 20 cigarettes not smoked × $0.25.
    expect(html).toContain("$15.00");
    expect(html).toContain("No cigarettes today");
  });

  it("refuses impossible profile values and a quit date more than a year back with field messages, changing nothing", async () => {
    const { user, cookie } = await createSignedInUser(testDb(), { locale: "vi" });
    const browser = new Browser(server.url, cookie);
    await browser.post("/app/onboarding", { intent: "consent", purposeVersion: CONSENT_PURPOSE_VERSION, agree: "on" });
    const bad = await browser.post("/app/onboarding", {
      intent: "profile-habits",
      ...habits,
      cigarettesPerDay: "-4",
      cigarettesPerPack: "0",
    });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain("Mỗi bao có từ 1 đến 100 điếu.");
    await browser.post("/app/onboarding", { intent: "save-profile", ...habits, ...triggers, ...dependence });
    const old = await browser.post("/app/onboarding", { intent: "accept-plan", quitDate: addDays(today(), -400) });
    expect(old.status).toBe(400);
    expect(await testDb().select().from(quitAttempts).where(eq(quitAttempts.userId, user.id))).toEqual([]);
  });
});

describe("daily logging", () => {
  it("refuses negative, huge and future logs with a message, and keeps the rollup in step with edits and deletes", async () => {
    const { user, browser } = await onboardedMember(30);
    const db = testDb();
    for (const fields of [
      { count: "-1", date: today() },
      { count: "5000", date: today() },
      { count: "1", date: addDays(today(), 1) },
      { count: "1", date: addDays(today(), -8) },
    ]) {
      const response = await browser.post("/app/log", { intent: "log-cigarette", ...fields });
      expect(response.status).toBe(400);
    }
    expect(await db.select().from(cigaretteLogs).where(eq(cigaretteLogs.userId, user.id))).toEqual([]);

    const yesterday = addDays(today(), -1);
    const page = await browser.get("/app/log");
    expect(page.status).toBe(200);
    expect(
      (await browser.post("/app/log", { intent: "log-craving", date: yesterday, intensity: "7", trigger: "stress", resisted: "on" }))
        .status,
    ).toBe(302);
    expect((await logCigarette(browser, yesterday, 3)).status).toBe(302);
    const [log] = await db.select().from(cigaretteLogs).where(eq(cigaretteLogs.userId, user.id));
    const day = async () =>
      (
        await db
          .select()
          .from(dailyTotals)
          .where(and(eq(dailyTotals.userId, user.id), eq(dailyTotals.localDate, yesterday)))
      )[0]!;
    expect(await day()).toMatchObject({ cigarettes: 3, cravings: 1, cravingsResisted: 1 });
    expect((await browser.post("/app/log", { intent: "update-cigarette", id: log!.id, date: yesterday, count: "2" })).status).toBe(302);
    expect((await day()).cigarettes).toBe(2);
    expect((await browser.post("/app/log", { intent: "delete-log", kind: "cigarette", id: log!.id })).status).toBe(302);
    expect((await day()).cigarettes).toBe(0);
  });

  it("lists the newest ten entries of every kind, newest first, and the whole week on request", async () => {
    // Quitting today: the cigarettes of the days before are no slip.
    const { browser } = await onboardedMember(0);
    for (let day = 6; day >= 1; day--) expect((await logCigarette(browser, addDays(today(), -day), day)).status).toBe(302);
    for (const intensity of [3, 4, 5, 6, 7]) {
      const logged = await browser.post("/app/log", {
        intent: "log-craving",
        date: today(),
        intensity: String(intensity),
        trigger: "stress",
      });
      expect(logged.status).toBe(302);
    }
    expect((await browser.post("/app/log", { intent: "log-mood", date: addDays(today(), -3), mood: "4" })).status).toBe(302);
    const entries = (html: string) => [...html.matchAll(/<li[^>]*><span>([^<]*)<\/span>/g)].map((m) => m[1]!);

    const page = await (await browser.get("/app/log")).text();
    const newest = entries(page);
    expect(newest).toHaveLength(10);
    // Today's cravings first, the last one written on top; then the days before, a day's mood among them.
    expect(newest[0]).toMatch(/craving 7\/10/);
    expect(newest[4]).toMatch(/craving 3\/10/);
    expect(newest[5]).toMatch(/1 cigarette/);
    expect(newest.some((e) => /mood/.test(e))).toBe(true);
    expect(page).toContain('href="/app/log?entries=all#recent-heading"');

    const week = entries(await (await browser.get("/app/log?entries=all")).text());
    expect(week).toHaveLength(12);
    expect(week.at(-1)).toMatch(/6 cigarette/);
  });

  it("checks in with one tap from anywhere, once a day, and the dashboard shows it", async () => {
    const { user, browser } = await onboardedMember(2);
    const first = await browser.post("/app/check-in", { intent: "check-in" });
    expect(first.headers.get("location")).toBe("/app?checkedIn=1");
    await browser.post("/app/check-in", { intent: "check-in" });
    const rows = await testDb().select().from(dailyTotals).where(eq(dailyTotals.userId, user.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.checkedIn).toBe(true);
    const snapshot = (await memberProgressSnapshots(testDb(), [user.id], new Date())).get(user.id)!;
    expect(snapshot.checkInStreakDays).toBe(1);
    expect(snapshot.smokeFreeStreakDays).toBe(2);
    expect(snapshot.currency).toBe("USD");
  });

  it("after consent is withdrawn from the account page, no new health data is accepted", async () => {
    const { user, browser } = await onboardedMember(2);
    const withdrawn = await browser.post("/app/consent", { intent: "withdraw-consent" });
    expect(withdrawn.status).toBe(302);
    expect((await logCigarette(browser, today())).headers.get("location")).toBe("/app/onboarding");
    expect((await browser.post("/app/check-in", { intent: "check-in" })).headers.get("location")).toBe("/app/onboarding");
    expect(await testDb().select().from(dailyTotals).where(eq(dailyTotals.userId, user.id))).toEqual([]);
    expect(await (await browser.get("/app")).text()).toContain("You withdrew your consent");
  });
});

describe("slips and relapses", () => {
  it("a slip keeps the attempt, restarts the streak and stores a coping strategy shown in the plan", async () => {
    const { user, browser } = await onboardedMember(10);
    const slip = await logCigarette(browser, addDays(today(), -2));
    expect(slip.headers.get("location")).toBe(`/app/slip?date=${addDays(today(), -2)}`);
    const [attempt] = await testDb().select().from(quitAttempts).where(eq(quitAttempts.userId, user.id));
    expect(attempt!.status).toBe("active");
    const snapshot = (await memberProgressSnapshots(testDb(), [user.id], new Date())).get(user.id)!;
    expect(snapshot.smokeFreeStreakDays).toBe(1);
    // 10 completed days (quit day included, today not yet over) × 20 a day, less the 1 smoked, at 500 ÷ 20 = 25 cents each.
    expect(snapshot.moneySavedMinor).toBe(4975);
    expect(snapshot.smokeFreeStreakStart!.toISOString()).toBe(`${addDays(today(), -1)}T00:00:00.000Z`);
    expect((await smokeFreeDays(testDb(), [user.id])).get(user.id)).toBe(snapshot.smokeFreeStreakDays);
    const [attempt2] = await testDb().select().from(quitAttempts).where(eq(quitAttempts.userId, user.id));
    const dashboard = await dashboardAggregates(testDb(), user.id, { ...attempt2!, today: today(), timeZone: "UTC", period: 30 });
    expect({
      start: dashboard.smokeFreeStreakStart && new Date(dashboard.smokeFreeStreakStart).toISOString(),
      days: dashboard.smokeFreeStreakDays,
      money: dashboard.moneySavedMinor,
      checkIns: dashboard.checkInStreakDays,
    }).toEqual({
      start: snapshot.smokeFreeStreakStart!.toISOString(),
      days: snapshot.smokeFreeStreakDays,
      money: snapshot.moneySavedMinor,
      checkIns: snapshot.checkInStreakDays,
    });
    const everyone = await memberProgressSnapshots(testDb(), "all-active", new Date());
    expect(everyone.get(user.id)).toEqual(snapshot);
    expect(everyone.size).toBeGreaterThan(1);

    const reflected = await browser.post("/app/slip", {
      intent: "record-slip",
      date: addDays(today(), -2),
      trigger: "coffee",
      copingStrategy: "switch-drink",
    });
    expect(reflected.headers.get("location")).toBe("/app/plan?saved=slip");
    expect(await testDb().select().from(slipReflections).where(eq(slipReflections.userId, user.id))).toHaveLength(1);
    const plan = await (await browser.get("/app/plan?saved=slip")).text();
    expect(plan).toContain("chosen after a slip");
  });

  it("seven consecutive smoking days end the attempt as relapsed and open the new-attempt flow", async () => {
    const { user, browser } = await onboardedMember(6);
    for (let i = 6; i >= 1; i--) {
      const response = await logCigarette(browser, addDays(today(), -i), 4);
      expect(response.headers.get("location")).toContain("/app/slip");
    }
    const seventh = await logCigarette(browser, today(), 4);
    expect(seventh.headers.get("location")).toBe("/app/new-attempt");
    const [ended] = await testDb().select().from(quitAttempts).where(eq(quitAttempts.userId, user.id));
    expect(ended).toMatchObject({ status: "relapsed", endedOn: today(), endReason: "relapse-detected" });
    expect((await browser.get("/app")).headers.get("location")).toBe("/app/new-attempt");
    const flow = await browser.get("/app/new-attempt");
    expect(flow.status).toBe(200);
    expect(await flow.text()).toContain("Coffee");

    const again = await browser.post("/app/new-attempt", {
      intent: "start-again",
      quitDate: addDays(today(), 7),
      cigarettesPerDay: "12",
      reduceFirst: "on",
    });
    expect(again.headers.get("location")).toBe("/app");
    const attempts = await testDb().select().from(quitAttempts).where(eq(quitAttempts.userId, user.id));
    expect(attempts.map((a) => [a.attemptNumber, a.status]).sort()).toEqual([
      [1, "relapsed"],
      [2, "active"],
    ]);
    const history = await (await browser.get("/app/history")).text();
    expect(history).toContain("Attempt 1");
    expect(history).toContain("Attempt 2");
  });

  it('"I\'m smoking again" ends the attempt and offers a new one', async () => {
    const { user, browser } = await onboardedMember(20);
    expect((await browser.post("/app/new-attempt", { intent: "smoking-again" })).headers.get("location")).toBe("/app/new-attempt");
    const [attempt] = await testDb().select().from(quitAttempts).where(eq(quitAttempts.userId, user.id));
    expect(attempt).toMatchObject({ status: "relapsed", endReason: "member-reported", longestStreakDays: 20 });
  });
});

describe("privacy", () => {
  it("another member's logs and attempts are a 404, and nothing of theirs changes", async () => {
    const owner = await onboardedMember(10);
    const other = await onboardedMember(10);
    await logCigarette(owner.browser, today(), 2);
    const [log] = await testDb().select().from(cigaretteLogs).where(eq(cigaretteLogs.userId, owner.user.id));
    const [attempt] = await testDb().select().from(quitAttempts).where(eq(quitAttempts.userId, owner.user.id));

    expect((await other.browser.get(`/app/log?edit=cigarette:${log!.id}`)).status).toBe(404);
    expect((await other.browser.post("/app/log", { intent: "delete-log", kind: "cigarette", id: log!.id })).status).toBe(404);
    expect((await other.browser.post("/app/log", { intent: "update-cigarette", id: log!.id, date: today(), count: "9" })).status).toBe(404);
    expect((await other.browser.get(`/app/history/${attempt!.id}`)).status).toBe(404);
    expect((await other.browser.get("/app/history/not-a-uuid")).status).toBe(404);
    expect((await owner.browser.get(`/app/history/${attempt!.id}`)).status).toBe(200);

    const [still] = await testDb().select().from(cigaretteLogs).where(eq(cigaretteLogs.id, log!.id));
    expect(still!.count).toBe(2);
  });
});

describe("pages", () => {
  it("every journey page renders for a member in both languages", async () => {
    const { browser } = await onboardedMember(5);
    for (const path of [
      "/app",
      "/app/plan",
      "/app/log",
      "/app/history",
      "/app/consent",
      "/app/account",
      `/app/slip?date=${today()}`,
      "/app/onboarding?edit=1",
    ]) {
      for (const lang of ["en", "vi"]) {
        const response = await browser.get(path, { Cookie: `${browser.cookieHeader}; qp_lang=${lang}` });
        expect(response.status, path).toBe(200);
      }
    }
    const account = await (await browser.get("/app/account")).text();
    expect(account).toContain('action="/app/consent"');
  });
});

describe("plan revisions", () => {
  it("every change to the plan is kept as a new revision", async () => {
    const { user, browser } = await onboardedMember(0);
    const page = await (await browser.get("/app/plan")).text();
    const starts = [...page.matchAll(/name="stageStarts"[^>]*value="([\d-]+)"/g)].map((m) => m[1]!);
    expect(starts.length).toBeGreaterThan(3);
    const body = new URLSearchParams({
      intent: "edit-plan",
      reasons: "My children\nMy lungs",
      quitDate: today(),
      changeNote: "more reasons",
    });
    for (const s of starts) body.append("stageStarts", s);
    const response = await fetch(new URL("/app/plan", server.url), {
      method: "POST",
      redirect: "manual",
      body,
      headers: {
        Cookie: browser.cookieHeader,
        Origin: server.url,
        "Sec-Fetch-Site": "same-origin",
        "Content-Type": "application/x-www-form-urlencoded",
      },
    });
    expect(response.status).toBe(302);
    const [attempt] = await testDb().select().from(quitAttempts).where(eq(quitAttempts.userId, user.id));
    const revisions = await testDb().select().from(planRevisions).where(eq(planRevisions.attemptId, attempt!.id));
    expect(revisions.map((r) => r.revision).sort()).toEqual([1, 2]);
    expect((revisions.find((r) => r.revision === 2)!.plan as { reasons: string[] }).reasons).toEqual(["My children", "My lungs"]);
  });
});

describe("dashboard", () => {
  it("renders with at most 6 SQL statements and server-side SVG charts for each period", async () => {
    const { browser } = await onboardedMember(12);
    await logCigarette(browser, addDays(today(), -3), 2);
    await browser.post("/app/log", { intent: "log-craving", date: today(), intensity: "6", trigger: "stress", resisted: "on" });
    for (const days of ["7", "30", "90"]) {
      const response = await browser.get(`/app?days=${days}`);
      expect(response.status).toBe(200);
      const html = await response.text();
      expect(queryCountsByRequest.get(response.headers.get("x-request-id")!)).toBeLessThanOrEqual(6);
      expect(html).toContain("<svg");
      expect(html).toContain("Stress");
    }
  });
});

describe("remembered journey figures", () => {
  const avoided = (html: string) => html.match(/data-testid="cigarettes-avoided">([^<]*)</)?.[1];
  const statements = (response: Response) => queryCountsByRequest.get(response.headers.get("x-request-id")!);

  it("a repeat view at the same journey version runs only the session lookup, and any write, from any process, refreshes it", async () => {
    const { user, browser } = await onboardedMember(10);
    const first = await browser.get("/app");
    const firstHtml = await first.text();
    // session lookup, journey state, aggregates, and the reading suggestions (one statement, remembered per journey version)
    expect(statements(first)).toBe(4);
    const repeat = await browser.get("/app");
    const repeatHtml = await repeat.text();
    expect(statements(repeat)).toBe(1);
    expect(avoided(repeatHtml)).toBe(avoided(firstHtml));
    expect(avoided(firstHtml)).toBe("200");

    // Another process (here: the test itself, straight to the database) records a smoked day.
    const day = addDays(today(), -4);
    await testDb()
      .insert(dailyTotals)
      .values({ userId: user.id, localDate: day, cigarettes: 5 })
      .onConflictDoUpdate({ target: [dailyTotals.userId, dailyTotals.localDate], set: { cigarettes: 5 } });
    const after = await browser.get("/app");
    expect(avoided(await after.text())).toBe("195");
    expect(statements(after)).toBe(4);
  });

  it("every insert, update and delete on a journey table bumps the member's version, and no one else's", async () => {
    const { user } = await onboardedMember(3);
    const { user: other } = await createSignedInUser(testDb());
    const version = async (id: string) => (await testDb().select({ v: users.journeyVersion }).from(users).where(eq(users.id, id)))[0]!.v;
    const otherBefore = await version(other.id);
    let last = await version(user.id);
    const expectBumped = async () => {
      const now = await version(user.id);
      expect(now).toBeGreaterThan(last);
      last = now;
    };
    const [row] = await testDb().insert(cigaretteLogs).values({ userId: user.id, localDate: today(), count: 1 }).returning();
    await expectBumped();
    await testDb().update(cigaretteLogs).set({ count: 2 }).where(eq(cigaretteLogs.id, row!.id));
    await expectBumped();
    await testDb().delete(cigaretteLogs).where(eq(cigaretteLogs.id, row!.id));
    await expectBumped();
    await testDb().update(smokingProfiles).set({ brand: "Vinataba" }).where(eq(smokingProfiles.userId, user.id));
    await expectBumped();
    await testDb().update(healthConsents).set({ withdrawnAt: new Date() }).where(eq(healthConsents.userId, user.id));
    await expectBumped();
    await testDb().update(planRevisions).set({ changeNote: "edited" }).where(eq(planRevisions.userId, user.id));
    await expectBumped();
    expect(await version(other.id)).toBe(otherBefore);
  });
});

describe("journey version triggers", () => {
  it("cover every journey table that belongs to a member", async () => {
    const journeyTables = (Object.values(journeySchema) as unknown[])
      .filter((table): table is PgTable => is(table, PgTable) && "userId" in getTableColumns(table))
      .map((table) => getTableName(table))
      .sort();
    expect(journeyTables.length).toBeGreaterThanOrEqual(10);
    const rows = await testDb().execute<{ table_name: string; triggers: number }>(sql`
      select c.relname as table_name, count(*)::int as triggers
      from pg_trigger t join pg_class c on c.oid = t.tgrelid join pg_proc p on p.oid = t.tgfoid
      where p.proname = 'bump_journey_version' group by c.relname order by c.relname`);
    expect(rows.map((r) => [r.table_name, r.triggers])).toEqual(journeyTables.map((name) => [name, 3]));
  });
});
