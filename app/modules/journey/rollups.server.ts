import { sql } from "drizzle-orm";
import { dailyTotals } from "#db/schema";
import type { Database } from "#db/client.server";
import type { LocalDate } from "~/lib/local-date";

type DayDelta = { cigarettes?: number; cravings?: number; cravingsResisted?: number; checkedIn?: boolean; mood?: number };

/** Adds to (or subtracts from) the member's rollup for one local day, in the caller's transaction. */
export async function bumpDay(tx: Database, userId: string, localDate: LocalDate, d: DayDelta): Promise<void> {
  await tx
    .insert(dailyTotals)
    .values({
      userId,
      localDate,
      cigarettes: Math.max(0, d.cigarettes ?? 0),
      cravings: Math.max(0, d.cravings ?? 0),
      cravingsResisted: Math.max(0, d.cravingsResisted ?? 0),
      checkedIn: d.checkedIn ?? false,
      mood: d.mood ?? null,
    })
    .onConflictDoUpdate({
      target: [dailyTotals.userId, dailyTotals.localDate],
      set: {
        cigarettes: sql`greatest(0, ${dailyTotals.cigarettes} + ${d.cigarettes ?? 0})`,
        cravings: sql`greatest(0, ${dailyTotals.cravings} + ${d.cravings ?? 0})`,
        cravingsResisted: sql`greatest(0, ${dailyTotals.cravingsResisted} + ${d.cravingsResisted ?? 0})`,
        checkedIn: d.checkedIn === undefined ? sql`${dailyTotals.checkedIn}` : sql`${d.checkedIn}`,
        mood: d.mood === undefined ? sql`${dailyTotals.mood}` : sql`${d.mood}`,
        updatedAt: new Date(),
      },
    });
}
