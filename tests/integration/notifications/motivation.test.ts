import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { motivationMessages, notifications, notificationSettings } from "#db/schema";
import { createUser } from "#db/seed/factories";
import { recordDay, startQuitAttempt } from "#db/seed/journey-state";
import { ensureMessageLibrary, sendScheduledMotivation } from "~/modules/notifications/motivation.server";
import { defaultNotificationPreferences } from "~/modules/notifications/preferences";
import { zonedTime } from "~/modules/notifications/schedule";
import { testDb } from "../../setup/db";

beforeAll(async () => {
  await ensureMessageLibrary(testDb());
  // One personalised message in use, so the test knows what the member receives.
  await testDb()
    .update(motivationMessages)
    .set({ active: sql`${motivationMessages.key} = 'm01'` });
});

const encouragements = (userId: string) =>
  testDb()
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, userId), eq(notifications.kind, "daily-encouragement")));

describe("scheduled motivation", () => {
  it("gives a member in Hanoi and one in New York their encouragement at their own morning, once, personalised", async () => {
    const db = testDb();
    const hanoi = await createUser(db, { timeZone: "Asia/Ho_Chi_Minh", locale: "vi", currency: "VND", displayName: "Lan" });
    const newYork = await createUser(db, { timeZone: "America/New_York", locale: "en", currency: "USD", displayName: "Sam" });
    await startQuitAttempt(db, hanoi.id, { quitDate: "2026-06-05", packPriceMinor: 35_000, currency: "VND" });
    await startQuitAttempt(db, newYork.id, { quitDate: "2026-06-05", packPriceMinor: 900, currency: "USD" });

    // 08:00 in Hanoi is 21:00 the evening before in New York.
    const hanoiMorning = zonedTime({ year: 2026, month: 6, day: 10, hour: 8, minute: 0 }, "Asia/Ho_Chi_Minh");
    await sendScheduledMotivation(db, new Date(hanoiMorning.getTime() - 5 * 60_000));
    expect(await encouragements(hanoi.id)).toHaveLength(0);
    await sendScheduledMotivation(db, hanoiMorning);
    await sendScheduledMotivation(db, new Date(hanoiMorning.getTime() + 5 * 60_000));
    const hanoiMessages = await encouragements(hanoi.id);
    expect(hanoiMessages).toHaveLength(1);
    expect(await encouragements(newYork.id)).toHaveLength(0);
    // In Vietnamese, with her own numbers: 5 days since 5 June, 5 × 20 cigarettes at ₫35,000 a pack of 20.
    const body = String(hanoiMessages[0]!.payload.values?.body);
    expect(body).toContain("Lan");
    expect(body).toContain("5 ngày");
    expect(body).toMatch(/175\.000\s?₫/);

    const newYorkMorning = zonedTime({ year: 2026, month: 6, day: 10, hour: 8, minute: 0 }, "America/New_York");
    await sendScheduledMotivation(db, new Date(newYorkMorning.getTime() - 60_000));
    expect(await encouragements(newYork.id)).toHaveLength(0);
    await sendScheduledMotivation(db, newYorkMorning);
    expect(await encouragements(newYork.id)).toHaveLength(1);
    expect(await encouragements(hanoi.id)).toHaveLength(1);
  });

  it("reminds a member who has not checked in by the evening, and not one who has", async () => {
    const db = testDb();
    const forgetful = await createUser(db, { timeZone: "Asia/Ho_Chi_Minh" });
    const diligent = await createUser(db, { timeZone: "Asia/Ho_Chi_Minh" });
    for (const u of [forgetful, diligent]) {
      await db
        .insert(notificationSettings)
        .values({ userId: u.id, preferences: { ...defaultNotificationPreferences, encouragementFrequency: "never" } });
    }
    await recordDay(db, diligent.id, "2026-06-11", { checkedIn: true });
    const evening = zonedTime({ year: 2026, month: 6, day: 11, hour: 19, minute: 2 }, "Asia/Ho_Chi_Minh");
    await sendScheduledMotivation(db, evening);
    const reminders = async (userId: string) =>
      db
        .select()
        .from(notifications)
        .where(and(eq(notifications.userId, userId), eq(notifications.kind, "check-in-reminder")));
    expect(await reminders(forgetful.id)).toHaveLength(1);
    expect(await reminders(diligent.id)).toHaveLength(0);
  });

  it("sends the weekly summary on the member's Monday with the week's chart", async () => {
    const db = testDb();
    const member = await createUser(db, { timeZone: "Europe/London" });
    await db
      .insert(notificationSettings)
      .values({ userId: member.id, preferences: { ...defaultNotificationPreferences, encouragementFrequency: "never" } });
    await startQuitAttempt(db, member.id, { quitDate: "2026-06-01", currency: "USD", packPriceMinor: 1_000 });
    await recordDay(db, member.id, "2026-06-09", { cigarettes: 3 });
    // 15 June 2026 is a Monday.
    await sendScheduledMotivation(db, zonedTime({ year: 2026, month: 6, day: 15, hour: 8, minute: 1 }, "Europe/London"));
    const [summary] = await db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, member.id), eq(notifications.kind, "weekly-summary")));
    expect(summary?.payload.values?.chart).toBe("0,3,0,0,0,0,0");
  });
});
