import { coachAssignments, coachingSessions, coachProfiles, sessionSettings, subscriptions } from "#db/schema";
import { createSignedInUser } from "#db/seed/factories";
import { sessionsPackage } from "../integration/sessions/helpers";
import { expect, test, e2eDb } from "./fixtures";

const ALL_DAY = Object.fromEntries(["1", "2", "3", "4", "5", "6", "7"].map((d) => [d, [{ start: "00:00", end: "24:00" }]]));

async function premiumMemberOf(coachId: string) {
  const db = e2eDb();
  const { user, cookie } = await createSignedInUser(db, { displayName: "Lan Pham", timeZone: "Asia/Ho_Chi_Minh" });
  const { premium, usdMonthly: price } = await sessionsPackage(db);
  await db.insert(subscriptions).values({
    userId: user.id,
    packageId: premium!.id,
    priceId: price!.id,
    status: "active",
    provider: "test",
    providerSubscriptionId: `e2e_sessions_${user.id}`,
    currentPeriodEnd: new Date(Date.now() + 20 * 24 * 3600_000),
    acceptedTermsVersion: 1,
  });
  await db.insert(coachAssignments).values({ memberId: user.id, coachId, source: "admin" });
  return { user, cookie };
}

test("a member books, the coach confirms, the member moves and cancels it, rates a completed session, and the admin sees the rating", async ({
  browser,
  baseURL,
}) => {
  const db = e2eDb();
  const coach = await createSignedInUser(db, { role: "coach", displayName: "Coach Robin", timeZone: "Europe/London" });
  await db.insert(coachProfiles).values({ coachId: coach.user.id, status: "approved", capacity: 10, workingHours: ALL_DAY });
  await db
    .insert(sessionSettings)
    .values({ coachId: coach.user.id, sessionMinutes: 30, bufferMinutes: 10, autoConfirm: false, noticeMinutes: 60 });
  const member = await premiumMemberOf(coach.user.id);
  const admin = await createSignedInUser(db, { role: "admin" });
  const pageFor = async (cookie: string) => {
    const context = await browser.newContext({ baseURL });
    const [name, value] = cookie.split("=") as [string, string];
    await context.addCookies([{ name, value, url: baseURL! }]);
    return context.newPage();
  };

  const memberPage = await pageFor(member.cookie);
  await memberPage.goto("/app/coach/sessions");
  await expect(memberPage.getByText("Times are shown in your time zone (Asia/Ho_Chi_Minh).")).toBeVisible();
  await memberPage.getByRole("group", { name: "Time" }).getByRole("radio").first().check();
  await memberPage.getByLabel("What would you like to talk about? (optional)").fill("Evening cravings");
  await memberPage.getByRole("button", { name: "Book this time" }).click();
  await expect(memberPage.getByText("Booked. You will find the invitation in your email.")).toBeVisible();
  await expect(memberPage.locator("[data-status=requested]").first()).toBeVisible();

  const coachPage = await pageFor(coach.cookie);
  await coachPage.goto("/coach/sessions");
  await expect(coachPage.getByText("Topic: Evening cravings")).toBeVisible();
  await coachPage.getByRole("button", { name: "Confirm" }).click();
  await expect(coachPage.getByText("Confirmed. The member has the invitation.")).toBeVisible();

  await memberPage.reload();
  await memberPage.getByRole("link", { name: "Details" }).first().click();
  await expect(memberPage.locator("dd[data-status=confirmed]")).toBeVisible();
  await memberPage.getByRole("link", { name: "Move to another time" }).click();
  // The day's last free time: late in the member's evening the first day may have only one left.
  await memberPage.getByRole("group", { name: "Time" }).getByRole("radio").last().check();
  await memberPage.getByRole("button", { name: "Move to this time" }).click();
  await expect(memberPage.getByRole("heading", { name: "Coaching session" })).toBeVisible();
  await expect(memberPage.locator("dd[data-status=requested]")).toBeVisible();
  await memberPage.getByLabel("Reason (optional)").fill("Something came up");
  await memberPage.getByRole("button", { name: "Cancel session" }).click();
  await expect(memberPage.getByText("The session is cancelled.")).toBeVisible();

  // A session that took place last week (the call page will record attendance; here it is arranged as settled).
  const start = new Date(Date.now() - 7 * 24 * 3600_000);
  const [held] = await db
    .insert(coachingSessions)
    .values({
      memberId: member.user.id,
      coachId: coach.user.id,
      startsAt: start,
      endsAt: new Date(start.getTime() + 30 * 60_000),
      status: "completed",
    })
    .returning();
  await memberPage.goto(`/app/coach/sessions/${held!.id}`);
  await memberPage.getByLabel("Stars (1 to 5)").selectOption("2");
  const comment = `The call kept dropping ${Math.random().toString(36).slice(2, 8)}`;
  await memberPage.getByLabel("Comment (optional)").fill(comment);
  await memberPage.getByRole("button", { name: "Save rating" }).click();
  await expect(memberPage.getByText("Thank you for your rating.")).toBeVisible();

  const adminPage = await pageFor(admin.cookie);
  // A page whose browser code fails shows the error page after hydration: this catches it even when the first paint was fine.
  const pageErrors: string[] = [];
  adminPage.on("pageerror", (error) => pageErrors.push(error.message));
  await adminPage.goto("/admin/feedback");
  const row = adminPage.locator("tr[data-low=true]", { hasText: comment });
  await expect(row).toBeVisible();
  await expect(row.getByText("Low rating")).toBeVisible();
  expect(pageErrors).toEqual([]);
});
