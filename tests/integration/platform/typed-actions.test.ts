import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { coachAssignments, dailyTotals, healthConsents } from "#db/schema";
import { createSignedInUser } from "#db/seed/factories";
import { startQuitAttempt } from "#db/seed/journey-state";
import { addDays, localDate } from "~/lib/local-date";
import { MAX_FORM_ENTRIES } from "~/lib/typed-action";
import { CONSENT_PURPOSE_VERSION } from "~/modules/journey/profile";
import { notify } from "~/modules/notifications/notify.server";
import { Browser, startTestServer } from "../../setup/app";
import { testDb } from "../../setup/db";

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server.close());

/** Posts that would each be a 400 with field errors from someone allowed to post them. */
const badMemberPosts: [path: string, fields: Record<string, string>][] = [
  ["/app/log", { intent: "log-cigarette", count: "-5", date: "tomorrow" }],
  ["/app/account", { intent: "update-profile", displayName: "", locale: "klingon" }],
  ["/app/onboarding", { intent: "profile-habits", cigarettesPerDay: "9000" }],
  ["/app/community/new", { intent: "create-post", kind: "poem", text: "" }],
  ["/app/notifications/preferences", { intent: "save-preferences", sendAt: "25:99" }],
  ["/app/billing/checkout", { intent: "start", priceId: "not-a-uuid" }],
];

const badStaffPosts: [path: string, fields: Record<string, string>][] = [
  ["/coach/profile", { intent: "save", headline: "", yearsExperience: "many" }],
  ["/admin/coaches", { intent: "capacity", coachId: "x", capacity: "-1" }],
  ["/coach/members/00000000-0000-4000-8000-000000000000", { intent: "add-note", body: "" }],
  ["/admin/badges", { intent: "set-active", id: "not-a-uuid", active: "maybe" }],
  ["/admin/packages/new", { intent: "save-package", slug: "!!" }],
  ["/admin/billing", { intent: "refund", paymentId: "x", amount: "", reason: "" }],
  ["/admin/messages", { intent: "add-message", textEn: "", textVi: "" }],
  ["/admin/moderation", { intent: "moderate", action: "obliterate", postId: "x", note: "" }],
];

describe("a typed action's guard runs before its input is validated", () => {
  it.each(badMemberPosts)("an anonymous post with bad input to %s is a redirect to sign-in, not a 400", async (path, fields) => {
    const response = await new Browser(server.url).post(path, fields);
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(`/login?${new URLSearchParams({ redirectTo: path })}`);
  });

  it.each(badStaffPosts)("a member's post with bad input to %s is a 403 that shows none of the form", async (path, fields) => {
    const { cookie } = await createSignedInUser(testDb(), { role: "member" });
    const response = await new Browser(server.url, cookie).post(path, fields);
    expect(response.status).toBe(403);
    const html = await response.text();
    expect(html).toContain("Not allowed");
    expect(html).not.toContain("aria-invalid");
  });

  it("a coach's post to an admin-only page is a 403, and to the coach workspace reaches validation", async () => {
    const { cookie, user: coachUser } = await createSignedInUser(testDb(), { role: "coach" });
    const coach = new Browser(server.url, cookie);
    expect((await coach.post("/admin/badges", { intent: "set-active", id: "not-a-uuid" })).status).toBe(403);
    expect((await coach.post("/coach/profile", { intent: "save", headline: "", yearsExperience: "x" })).status).toBe(400);
    const { user: member } = await createSignedInUser(testDb(), { role: "member" });
    await testDb().insert(coachAssignments).values({ coachId: coachUser.id, memberId: member.id, source: "admin" });
    expect((await coach.post(`/coach/members/${member.id}`, { intent: "add-note", body: "" })).status).toBe(400);
  });

  it("a Basic member's bad post to a premium page is the upgrade page (403), not field errors", async () => {
    const { cookie } = await createSignedInUser(testDb(), { role: "member" });
    const response = await new Browser(server.url, cookie).post("/app/coach/choose", {
      intent: "match-me",
      note: "x".repeat(600),
      languages: "xx",
    });
    expect(response.status).toBe(403);
    expect(await response.text()).not.toContain("aria-invalid");
  });
});

describe("intents whose schemas are built from the guard's member", () => {
  /** A member with consent and a quit attempt, in `timeZone`. */
  async function memberIn(timeZone: string) {
    const db = testDb();
    const { user, cookie } = await createSignedInUser(db, { timeZone });
    await db.insert(healthConsents).values({ userId: user.id, purposeVersion: CONSENT_PURPOSE_VERSION });
    await startQuitAttempt(db, user.id, { quitDate: addDays(localDate(new Date(), timeZone), -10) });
    return { user, browser: new Browser(server.url, cookie) };
  }

  it("checks a day in against the member's own today, in their time zone", async () => {
    // Kiritimati (UTC+14) is always at least a day ahead of Pago Pago (UTC−11).
    const kiritimatiToday = localDate(new Date(), "Pacific/Kiritimati");
    const ahead = await memberIn("Pacific/Kiritimati");
    const behind = await memberIn("Pacific/Pago_Pago");

    const accepted = await ahead.browser.post("/app/check-in", { intent: "check-in", date: kiritimatiToday });
    expect(accepted.status).toBe(302);
    expect(accepted.headers.get("location")).toBe("/app?checkedIn=1");
    const [day] = await testDb()
      .select()
      .from(dailyTotals)
      .where(and(eq(dailyTotals.userId, ahead.user.id), eq(dailyTotals.localDate, kiritimatiToday)));
    expect(day?.checkedIn).toBe(true);

    // As the dashboard's fetcher posts it (single fetch): the action's own answer; the page itself redirects to the dashboard.
    const refused = await behind.browser.post("/app/check-in.data", { intent: "check-in", date: kiritimatiToday });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("journey:errors.logDateInFuture");
    const rows = await testDb().select().from(dailyTotals).where(eq(dailyTotals.userId, behind.user.id));
    expect(rows).toHaveLength(0);
  });
});

describe("a successful action forgets the request's memo", () => {
  it("so a post without JavaScript shows the header's unread count after marking all read, from the same request", async () => {
    const db = testDb();
    const { user, cookie } = await createSignedInUser(db);
    for (let i = 0; i < 3; i++) {
      await notify(db, {
        userId: user.id,
        kind: "daily-encouragement",
        messageKey: "notifications:dailyEncouragement.title",
        values: { body: `note ${i}` },
        dedupeKey: `memo:${i}`,
      });
    }
    const browser = new Browser(server.url, cookie);
    expect(await (await browser.get("/app/notifications")).text()).toMatch(/data-testid="unread-count"[^>]*>3</);
    // A document POST: Remix runs the action, then the root and page loaders, in this one request.
    const response = await browser.post("/app/notifications", { intent: "mark-all-read" });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("All notifications are marked as read.");
    expect(html).toMatch(/data-testid="unread-count"[^>]*>0</);
  });

  it("so the page that answers a profile change shows the new name, not the one read before it", async () => {
    const { cookie } = await createSignedInUser(testDb(), { displayName: "Linh Before" });
    const browser = new Browser(server.url, cookie);
    const response = await browser.post("/app/account", {
      intent: "update-profile",
      displayName: "Linh After",
      locale: "en",
      currency: "USD",
      timeZone: "UTC",
    });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("Your profile is saved.");
    // The saved profile is shown as text (its form closes once saved); the header names the member too.
    expect(html).toContain("<dd>Linh After</dd>");
    expect(html).not.toContain("Linh Before");
  });
});

describe("the account page's profile and password forms open when asked", () => {
  it("shows the profile as text with a link to edit it, opens the form with every time zone, and keeps a refused form open", async () => {
    const { cookie } = await createSignedInUser(testDb(), { displayName: "Minh Summary", timeZone: "Asia/Ho_Chi_Minh" });
    const browser = new Browser(server.url, cookie);
    const page = await (await browser.get("/app/account")).text();
    expect(page).toContain("<dd>Minh Summary</dd>");
    expect(page).toContain('href="/app/account?edit=profile#profile-heading"');
    expect(page).toContain('href="/app/account?edit=password#password-heading"');
    expect(page).not.toContain('name="timeZone"');
    expect(page).not.toContain('name="currentPassword"');

    const editing = await (await browser.get("/app/account?edit=profile")).text();
    expect(editing).toContain('action="/app/account?edit=profile"');
    expect(editing).toContain('value="Minh Summary"');
    expect(editing).toContain('<option value="Europe/Paris">');
    expect(editing).not.toContain('name="currentPassword"');

    // A refusal (posted where the form posts) shows the form again, with its message and the zones.
    const refused = await browser.post("/app/account?edit=profile", {
      intent: "update-profile",
      displayName: "",
      locale: "en",
      currency: "USD",
      timeZone: "UTC",
    });
    expect(refused.status).toBe(400);
    const refusedHtml = await refused.text();
    expect(refusedHtml).toContain('name="displayName"');
    expect(refusedHtml).toContain('<option value="Europe/Paris">');

    const password = await (await browser.get("/app/account?edit=password")).text();
    expect(password).toContain('name="currentPassword"');
    expect(password).toContain('action="/app/account?edit=password"');
    expect(password).not.toContain('name="timeZone"');
  });
});

describe("a form with far more entries than any of ours", () => {
  /** A urlencoded body with `mood` repeated `times` times (the field a mood log reads once). */
  const repeated = (times: number) => `intent=log-mood&${Array.from({ length: times }, () => "mood=3").join("&")}`;
  const post = (cookie: string, body: string) =>
    fetch(new URL("/app/log.data", server.url), {
      method: "POST",
      redirect: "manual",
      body,
      headers: { Cookie: cookie, Origin: server.url, "Sec-Fetch-Site": "same-origin", "Content-Type": "application/x-www-form-urlencoded" },
    });

  it("is refused with a 413 before it is parsed (parsing 60,000 repetitions of one field took 38 s of the process)", async () => {
    const { cookie } = await createSignedInUser(testDb(), { role: "member" });
    const started = performance.now();
    const refused = await post(cookie, repeated(60_000));
    expect(refused.status).toBe(413);
    expect(await refused.text()).toContain("errors:tooManyFields");
    expect(performance.now() - started).toBeLessThan(5_000);
    // A form with many entries under the cap is parsed as ever (a repeated scalar is a field error, not a refusal).
    const parsed = await post(cookie, repeated(MAX_FORM_ENTRIES - 1));
    expect(parsed.status).toBe(400);
    expect(await parsed.text()).not.toContain("errors:tooManyFields");
  });
});
