import { eq, sql } from "drizzle-orm";
import type { Page } from "@playwright/test";
import { coachAssignments, coachingSessions, coachProfiles, sessionAttendance, sessionSettings, subscriptions } from "#db/schema";
import { createSignedInUser } from "#db/seed/factories";
import { settleSessions } from "~/modules/sessions/settle.server";
import { sessionsPackage } from "../integration/sessions/helpers";
import { testBrowser } from "../setup/chromium";
import { expect, test, e2eDb } from "./fixtures";

const ALL_DAY = Object.fromEntries(["1", "2", "3", "4", "5", "6", "7"].map((d) => [d, [{ start: "00:00", end: "24:00" }]]));

// Chromium's fake camera and microphone (a moving test pattern and a beep), allowed without a prompt.
const browser = await testBrowser();
test.use({
  launchOptions: {
    executablePath: browser.executablePath,
    args: [...browser.args, "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream"],
    ...(Object.keys(browser.env).length > 0 ? { env: { ...process.env, ...browser.env } } : {}),
  },
});

async function premiumMemberOf(coachId: string) {
  const db = e2eDb();
  const { user, cookie } = await createSignedInUser(db, { displayName: "Lan Pham", timeZone: "Asia/Ho_Chi_Minh" });
  const { premium, usdMonthly: price } = await sessionsPackage(db);
  await db.insert(subscriptions).values({
    userId: user.id,
    packageId: premium.id,
    priceId: price.id,
    status: "active",
    provider: "test",
    providerSubscriptionId: `e2e_call_${user.id}`,
    currentPeriodEnd: new Date(Date.now() + 20 * 24 * 3600_000),
    acceptedTermsVersion: 1,
  });
  await db.insert(coachAssignments).values({ memberId: user.id, coachId, source: "admin" });
  return { user, cookie };
}

/** The other side's decoded video frames, as the page publishes them from RTCPeerConnection.getStats(). */
async function framesDecoded(page: Page): Promise<number> {
  return Number(await page.getByTestId("remote-video").getAttribute("data-frames-decoded"));
}

/** Samples once a second for `seconds`: every sample must be higher than the one before. */
async function expectVideoFlowing(page: Page, seconds: number) {
  await expect.poll(() => framesDecoded(page), { timeout: 15_000 }).toBeGreaterThan(0);
  const samples = [await framesDecoded(page)];
  for (let i = 0; i < seconds; i++) {
    await page.waitForTimeout(1000);
    samples.push(await framesDecoded(page));
  }
  for (let i = 1; i < samples.length; i++)
    expect(samples[i], `frames decoded over time: ${samples.join(", ")}`).toBeGreaterThan(samples[i - 1]!);
}

test("member books, coach confirms, both join the video call, video flows both ways, the coach hangs up, the member rates it and the admin sees it", async ({
  browser: chromium,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const db = e2eDb();
  const coach = await createSignedInUser(db, { role: "coach", displayName: "Coach Robin", timeZone: "Europe/London" });
  await db.insert(coachProfiles).values({ coachId: coach.user.id, status: "approved", capacity: 10, workingHours: ALL_DAY });
  await db
    .insert(sessionSettings)
    .values({ coachId: coach.user.id, sessionMinutes: 30, bufferMinutes: 10, autoConfirm: false, noticeMinutes: 60 });
  const member = await premiumMemberOf(coach.user.id);
  const admin = await createSignedInUser(db, { role: "admin" });
  const pageFor = async (cookie: string) => {
    const context = await chromium.newContext({ baseURL });
    const [name, value] = cookie.split("=") as [string, string];
    await context.addCookies([{ name, value, url: baseURL! }]);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    if (process.env.CALL_DEBUG) page.on("console", (m) => console.log(cookie.slice(-6), m.type(), m.text()));
    if (process.env.CALL_DEBUG)
      page.on("request", (r) => {
        if (r.url().includes("/resources/")) console.log(cookie.slice(-6), r.method(), r.url(), r.postData()?.slice(0, 60));
      });
    return { page, errors };
  };

  const { page: memberPage, errors: memberErrors } = await pageFor(member.cookie);
  await memberPage.goto("/app/coach/sessions");
  await memberPage.getByRole("group", { name: "Time" }).getByRole("radio").first().check();
  await memberPage.getByLabel("What would you like to talk about? (optional)").fill("Evening cravings");
  await memberPage.getByRole("button", { name: "Book this time" }).click();
  await expect(memberPage.getByText("Booked. You will find the invitation in your email.")).toBeVisible();

  const { page: coachPage, errors: coachErrors } = await pageFor(coach.cookie);
  await coachPage.goto("/coach/sessions");
  await coachPage.getByRole("button", { name: "Confirm" }).click();
  await expect(coachPage.getByText("Confirmed. The member has the invitation.")).toBeVisible();

  // The clock moves to the session's start (the earliest bookable slot is an hour away: the coach's notice).
  const [session] = await db.select().from(coachingSessions).where(eq(coachingSessions.memberId, member.user.id));
  expect(session!.status).toBe("confirmed");
  await db
    .update(coachingSessions)
    .set({ startsAt: sql`now() - interval '1 minute'`, endsAt: sql`now() + interval '29 minutes'` })
    .where(eq(coachingSessions.id, session!.id));

  // Coach first, then the member (either order works: perfect negotiation).
  await coachPage.goto(`/coach/sessions/${session!.id}/call`);
  await expect(coachPage.getByTestId("call-status")).toHaveText("Device check: you are not in the call yet.");
  await expect(coachPage.getByLabel("Camera", { exact: true })).toBeVisible();
  await expect(coachPage.getByRole("heading", { name: /Lan Pham at a glance/ })).toBeVisible();
  await coachPage.getByRole("button", { name: "Join the call" }).click();
  await expect(coachPage.getByTestId("call-status")).toHaveText("You are in the call. Waiting for Lan Pham to join…");

  await memberPage.goto(`/app/coach/sessions/${session!.id}/call`);
  await memberPage.getByRole("button", { name: "Join the call" }).click();
  await expect(memberPage.getByTestId("call-status")).toHaveText("Connected with Coach Robin.", { timeout: 20_000 });
  await expect(coachPage.getByTestId("call-status")).toHaveText("Connected with Lan Pham.", { timeout: 20_000 });

  await Promise.all([expectVideoFlowing(coachPage, 5), expectVideoFlowing(memberPage, 5)]);

  // The toggles say whether they are on.
  const mute = memberPage.getByRole("button", { name: "Mute microphone" });
  await expect(mute).toHaveAttribute("aria-pressed", "false");
  await mute.click();
  await expect(mute).toHaveAttribute("aria-pressed", "true");
  await expect(memberPage.getByRole("button", { name: "Share screen" })).toHaveCount(0);
  await expect(coachPage.getByRole("button", { name: "Share screen" })).toBeVisible();

  // The coach writes the session note from the call page, without leaving the call.
  await coachPage.getByLabel("Note on this session").fill("Talked through the evening routine.");
  await coachPage.getByRole("button", { name: "Save note" }).click();
  await expect(coachPage.getByText("Note saved.")).toBeVisible();
  await expect(coachPage.getByTestId("call-status")).toHaveText("Connected with Lan Pham.");

  await coachPage.getByRole("button", { name: "Hang up" }).click();
  await expect(coachPage.getByTestId("call-status")).toHaveText("You left the call.");
  await expect(memberPage.getByTestId("call-status")).toHaveText("Coach Robin left the call.");
  await memberPage.getByRole("button", { name: "Hang up" }).click();

  // Each side's join and leave was recorded by the call itself.
  await expect
    .poll(async () => {
      const rows = await db.select().from(sessionAttendance).where(eq(sessionAttendance.sessionId, session!.id));
      return rows.map((r) => `${r.role}:${r.leftAt ? "left" : "open"}`).sort();
    })
    .toEqual(["coach:left", "member:left"]);
  const [{ note } = { note: null }] = await db
    .select({ note: coachingSessions.coachNote })
    .from(coachingSessions)
    .where(eq(coachingSessions.id, session!.id));
  expect(note).toBe("Talked through the evening routine.");

  // An hour passes, and the call had lasted ten minutes (no test waits five): the settle job marks it completed.
  await db
    .update(sessionAttendance)
    .set({ joinedAt: sql`joined_at - interval '70 minutes'`, leftAt: sql`left_at - interval '60 minutes'` })
    .where(eq(sessionAttendance.sessionId, session!.id));
  await db
    .update(coachingSessions)
    .set({ startsAt: sql`starts_at - interval '70 minutes'`, endsAt: sql`ends_at - interval '70 minutes'` })
    .where(eq(coachingSessions.id, session!.id));
  await settleSessions(db, new Date());
  const [settled] = await db.select().from(coachingSessions).where(eq(coachingSessions.id, session!.id));
  expect(settled!.status).toBe("completed");

  await memberPage.goto(`/app/coach/sessions/${session!.id}`);
  await memberPage.getByLabel("Stars (1 to 5)").selectOption("2");
  const comment = `Video froze once ${Math.random().toString(36).slice(2, 8)}`;
  await memberPage.getByLabel("Comment (optional)").fill(comment);
  await memberPage.getByRole("button", { name: "Save rating" }).click();
  await expect(memberPage.getByText("Thank you for your rating.")).toBeVisible();

  const { page: adminPage, errors: adminErrors } = await pageFor(admin.cookie);
  await adminPage.goto("/admin/feedback");
  await expect(adminPage.locator("tr", { hasText: comment })).toBeVisible();
  expect([...memberErrors, ...coachErrors, ...adminErrors]).toEqual([]);
});

test("the call page without JavaScript says the call needs it and links to the chat", async ({ browser: chromium, baseURL }) => {
  const db = e2eDb();
  const coach = await createSignedInUser(db, { role: "coach", displayName: "Coach Kim", timeZone: "Europe/London" });
  await db.insert(coachProfiles).values({ coachId: coach.user.id, status: "approved", capacity: 10, workingHours: ALL_DAY });
  const member = await premiumMemberOf(coach.user.id);
  const [session] = await db
    .insert(coachingSessions)
    .values({
      memberId: member.user.id,
      coachId: coach.user.id,
      startsAt: new Date(Date.now() - 60_000),
      endsAt: new Date(Date.now() + 29 * 60_000),
      status: "confirmed",
    })
    .returning();
  const context = await chromium.newContext({ baseURL, javaScriptEnabled: false });
  const [name, value] = member.cookie.split("=") as [string, string];
  await context.addCookies([{ name, value, url: baseURL! }]);
  const page = await context.newPage();
  await page.goto(`/app/coach/sessions/${session!.id}/call`);
  await expect(page.getByText("The video call needs JavaScript")).toBeVisible();
  await expect(page.getByRole("link", { name: "Use the chat instead" })).toHaveAttribute("href", "/app/coach");
});
