import { eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accountDeletions, adminAudit, aiCoachThreads, emailOutbox, notifications, sessions, users } from "#db/schema";
import { createUser } from "#db/seed/factories";
import { eraseDueAccounts } from "~/modules/privacy/erasure.server";
import { applyRetention, type RetentionPolicy } from "~/modules/privacy/retention.server";
import { startTestServer } from "../../setup/app";
import { testDb } from "../../setup/db";

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server.close());

const DAY = 86_400_000;
const NOW = new Date("2031-03-01T12:00:00Z");
const at = (days: number) => new Date(NOW.getTime() + days * DAY);
const POLICY: RetentionPolicy = {
  expiredExports: 90,
  sessions: 7,
  rateLimits: 2,
  deliveredOutbox: 3650,
  inactiveAccounts: 365,
  inactivityWarning: 30,
  auditLog: 400,
  aiThreads: 180,
};

/** A member who signed up `signedUpDaysAgo` before NOW and whose last session was seen `seenDaysAgo` before NOW. */
async function memberSeen(signedUpDaysAgo: number, seenDaysAgo: number | null, role: "member" | "coach" = "member") {
  const db = testDb();
  const user = await createUser(db, { role });
  await db
    .update(users)
    .set({ createdAt: at(-signedUpDaysAgo) })
    .where(eq(users.id, user.id));
  if (seenDaysAgo !== null)
    await db.insert(sessions).values({
      id: `inactivity-${user.id}`,
      userId: user.id,
      lastSeenAt: at(-seenDaysAgo),
      expiresAt: at(-seenDaysAgo + 30),
    });
  return user;
}

const warningsFor = async (userId: string) =>
  testDb()
    .select({ key: sql<string>`${notifications.payload}->>'messageKey'` })
    .from(notifications)
    .where(eq(notifications.userId, userId));

describe("retention of inactive accounts, audit records and AI coach threads", () => {
  it("warns an unseen member once, erases them after the warning period unless they came back, and leaves staff and active members alone", async () => {
    const db = testDb();
    // Last seen 400 days ago; the session row itself is long expired, so this run deletes it and keeps when it was seen.
    const gone = await memberSeen(800, 400);
    const returns = await memberSeen(800, 380);
    const neverSignedIn = await memberSeen(500, null);
    const active = await memberSeen(800, 10);
    const coach = await memberSeen(800, 400, "coach");
    const recentSignUp = await memberSeen(100, null);

    const first = await applyRetention(db, NOW, POLICY);
    expect(first.inactivityWarnings).toBe(3);
    expect(first.inactiveAccountsScheduled).toBe(0);
    expect(first.sessions).toBeGreaterThanOrEqual(3);
    for (const member of [gone, returns, neverSignedIn]) {
      expect(await warningsFor(member.id)).toEqual([{ key: "notifications:privacy.inactivityWarning.title" }]);
      const mails = await db.select({ subject: emailOutbox.subject }).from(emailOutbox).where(eq(emailOutbox.userId, member.id));
      expect(mails).toEqual([{ subject: "Your QuitPath account will be deleted in 30 days" }]);
    }
    for (const member of [active, coach, recentSignUp]) expect(await warningsFor(member.id)).toEqual([]);

    // A second run the same night, and one during the warning period, warn nobody twice and erase nobody.
    const again = await applyRetention(db, NOW, POLICY);
    expect([again.inactivityWarnings, again.inactiveAccountsScheduled]).toEqual([0, 0]);
    const during = await applyRetention(db, at(29), POLICY);
    expect([during.inactivityWarnings, during.inactiveAccountsScheduled]).toEqual([0, 0]);

    // One of them signs in during the warning period.
    await db.insert(sessions).values({ id: `inactivity-back-${returns.id}`, userId: returns.id, lastSeenAt: at(10), expiresAt: at(40) });

    const after = await applyRetention(db, at(31), POLICY);
    expect(after.inactiveAccountsScheduled).toBe(2);
    expect(after.inactivityWarnings).toBe(0);
    const scheduled = await db.select({ userId: accountDeletions.userId }).from(accountDeletions);
    expect(scheduled.map((s) => s.userId).sort()).toEqual([gone.id, neverSignedIn.id].sort());
    expect((await applyRetention(db, at(31), POLICY)).inactiveAccountsScheduled).toBe(0);

    // The privacy sweep erases them; the one who came back, staff and active members stay.
    expect(await eraseDueAccounts(db, at(31))).toEqual({ erased: 2 });
    const left = await db
      .select({ id: users.id })
      .from(users)
      .where(inArray(users.id, [gone.id, returns.id, neverSignedIn.id, active.id, coach.id, recentSignUp.id]));
    expect(left.map((u) => u.id).sort()).toEqual([returns.id, active.id, coach.id, recentSignUp.id].sort());

    // The member who came back is warned again only once they have been away for the whole period again.
    await applyRetention(db, at(300), POLICY);
    expect(await warningsFor(returns.id)).toHaveLength(1);
    await applyRetention(db, at(380), POLICY);
    expect(await warningsFor(returns.id)).toHaveLength(2);
  });

  it("deletes admin audit records and AI coach threads past their periods, and nothing younger", async () => {
    const db = testDb();
    const member = await memberSeen(10, 1);
    await db.insert(adminAudit).values([
      { action: "inactivity-test", targetType: "user", targetId: "old", createdAt: at(-401) },
      { action: "inactivity-test", targetType: "user", targetId: "recent", createdAt: at(-399) },
    ]);
    await db.insert(aiCoachThreads).values([
      { userId: member.id, title: "old thread", createdAt: at(-200), updatedAt: at(-181) },
      { userId: member.id, title: "recent thread", createdAt: at(-200), updatedAt: at(-179) },
    ]);
    const first = await applyRetention(db, NOW, { ...POLICY, inactiveAccounts: 7300 });
    expect([first.auditLog, first.aiThreads]).toEqual([1, 1]);
    const audit = await db.select({ t: adminAudit.targetId }).from(adminAudit).where(eq(adminAudit.action, "inactivity-test"));
    expect(audit).toEqual([{ t: "recent" }]);
    const threads = await db.select({ title: aiCoachThreads.title }).from(aiCoachThreads).where(eq(aiCoachThreads.userId, member.id));
    expect(threads).toEqual([{ title: "recent thread" }]);
    const second = await applyRetention(db, NOW, { ...POLICY, inactiveAccounts: 7300 });
    expect([second.auditLog, second.aiThreads]).toEqual([0, 0]);
  });
});
