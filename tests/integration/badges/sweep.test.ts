import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { badgeAwards, badges, notifications } from "#db/schema";
import { createUser } from "#db/seed/factories";
import { recordDay, startQuitAttempt } from "#db/seed/journey-state";
import { ensureBadgeCatalogue, evaluateMembers } from "~/modules/badges/awards.server";
import { memberProgressSnapshots } from "~/modules/journey/progress.server";
import { zonedTime } from "~/modules/notifications/schedule";
import { testDb } from "../../setup/db";

beforeAll(async () => {
  await ensureBadgeCatalogue(testDb());
});

async function awardedKeys(userId: string): Promise<string[]> {
  const rows = await testDb()
    .select({ key: badges.key })
    .from(badgeAwards)
    .innerJoin(badges, eq(badges.id, badgeAwards.badgeId))
    .where(eq(badgeAwards.userId, userId));
  return rows.map((r) => r.key).sort();
}

describe("the badge sweep", () => {
  it("awards the 1-week badge once, when the streak crosses 7 days at the member's own midnight, even with two sweeps at once", async () => {
    const db = testDb();
    const hanoi = await createUser(db, { timeZone: "Asia/Ho_Chi_Minh", locale: "vi" });
    const newYork = await createUser(db, { timeZone: "America/New_York" });
    await startQuitAttempt(db, hanoi.id, { quitDate: "2026-03-01" });
    await startQuitAttempt(db, newYork.id, { quitDate: "2026-03-01", currency: "USD", packPriceMinor: 1_000 });
    // A slip on the quit date restarts the streak the next day... for New York only.
    await recordDay(db, newYork.id, "2026-03-01", { cigarettes: 2 });

    const beforeMidnight = zonedTime({ year: 2026, month: 3, day: 7, hour: 23, minute: 59 }, "Asia/Ho_Chi_Minh");
    await evaluateMembers(db, "all-active", beforeMidnight);
    expect(await awardedKeys(hanoi.id)).not.toContain("smoke-free-1-week");
    const at = (await memberProgressSnapshots(db, [hanoi.id], beforeMidnight)).get(hanoi.id)!;
    expect(at.smokeFreeStreakDays).toBe(6);
    expect(at.smokeFreeStreakStart?.toISOString()).toBe("2026-02-28T17:00:00.000Z");

    const afterMidnight = zonedTime({ year: 2026, month: 3, day: 8, hour: 0, minute: 1 }, "Asia/Ho_Chi_Minh");
    const [first, second] = await Promise.all([
      evaluateMembers(db, "all-active", afterMidnight),
      evaluateMembers(db, "all-active", afterMidnight),
    ]);
    const weekAwardsReported = [...first.awarded, ...second.awarded].filter((a) => a.userId === hanoi.id);
    expect(weekAwardsReported).toHaveLength(1);
    expect(await awardedKeys(hanoi.id)).toContain("smoke-free-1-week");
    const [weekBadge] = await db.select().from(badges).where(eq(badges.key, "smoke-free-1-week"));
    const rows = await db
      .select()
      .from(badgeAwards)
      .where(and(eq(badgeAwards.userId, hanoi.id), eq(badgeAwards.badgeId, weekBadge!.id)));
    expect(rows).toHaveLength(1);
    const notes = await db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, hanoi.id), eq(notifications.dedupeKey, `badge:${rows[0]!.id}`)));
    expect(notes).toHaveLength(1);
    expect(notes[0]!.payload.values?.badge).toBe("Một tuần");

    // In New York it is still 7 March at noon, and the streak started on 2 March.
    expect(await awardedKeys(newYork.id)).not.toContain("smoke-free-1-week");
    expect((await memberProgressSnapshots(db, [newYork.id], afterMidnight)).get(newYork.id)!.smokeFreeStreakDays).toBe(5);

    // A third sweep later changes nothing.
    const again = await evaluateMembers(db, "all-active", new Date(afterMidnight.getTime() + 3_600_000));
    expect(again.awarded.filter((a) => a.userId === hanoi.id)).toHaveLength(0);
  });

  it("judges the money badge in the member's own currency", async () => {
    const db = testDb();
    const now = zonedTime({ year: 2026, month: 4, day: 5, hour: 12, minute: 0 }, "UTC");
    // Four completed days at 20 a day, packs of 20: four packs saved each.
    const dong = await createUser(db, { currency: "VND" });
    await startQuitAttempt(db, dong.id, { quitDate: "2026-04-01", packPriceMinor: 30_000, currency: "VND" });
    const dollars = await createUser(db, { currency: "USD" });
    await startQuitAttempt(db, dollars.id, { quitDate: "2026-04-01", packPriceMinor: 750, currency: "USD" });
    const smallDong = await createUser(db, { currency: "VND" });
    await startQuitAttempt(db, smallDong.id, { quitDate: "2026-04-01", packPriceMinor: 750, currency: "VND" });
    const euros = await createUser(db, { currency: "EUR" });
    await startQuitAttempt(db, euros.id, { quitDate: "2026-04-01", packPriceMinor: 100_000, currency: "EUR" });
    await recordDay(db, dong.id, "2026-04-02", { cigarettes: 30 });

    const snapshots = await memberProgressSnapshots(db, [dong.id, dollars.id, smallDong.id, euros.id], now);
    // A day over the baseline saves nothing but costs nothing either: 3 × 30,000.
    expect(snapshots.get(dong.id)!.moneySavedMinor).toBe(90_000);
    expect(snapshots.get(dollars.id)!.moneySavedMinor).toBe(3_000);
    await evaluateMembers(db, [dong.id, dollars.id, smallDong.id, euros.id], now);

    const money = (keys: string[]) => keys.filter((k) => k.startsWith("money-saved"));
    expect(money(await awardedKeys(dong.id))).toEqual([]);
    expect(money(await awardedKeys(dollars.id))).toEqual(["money-saved-tier-1", "money-saved-tier-2"]);
    // ₫3,000 is not $30: the same number in another currency earns nothing.
    expect(money(await awardedKeys(smallDong.id))).toEqual([]);
    // No threshold is set for EUR yet, however much is saved.
    expect(money(await awardedKeys(euros.id))).toEqual([]);

    await evaluateMembers(db, [dong.id], zonedTime({ year: 2026, month: 4, day: 6, hour: 12, minute: 0 }, "UTC"));
    expect(money(await awardedKeys(dong.id))).toEqual(["money-saved-tier-1"]);
    const [count] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(badgeAwards)
      .where(eq(badgeAwards.userId, dong.id));
    expect(count!.n).toBeGreaterThan(0);
  });
});
