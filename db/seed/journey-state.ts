import { quitAttempts, dailyTotals } from "../schema";
import type { Database } from "../client.server";

/**
 * Arranges a member's journey the way the journey capability records it (an active quit attempt and
 * daily totals), for tests, demo data and benchmarks of what is computed from it.
 */
export async function startQuitAttempt(
  db: Database,
  userId: string,
  a: { quitDate: string; baselinePerDay?: number; cigarettesPerPack?: number; packPriceMinor?: number; currency?: string },
) {
  const [attempt] = await db
    .insert(quitAttempts)
    .values({
      userId,
      attemptNumber: 1,
      quitDate: a.quitDate,
      baselinePerDay: a.baselinePerDay ?? 20,
      cigarettesPerPack: a.cigarettesPerPack ?? 20,
      packPriceMinor: a.packPriceMinor ?? 30_000,
      currency: a.currency ?? "VND",
    })
    .returning();
  return attempt!;
}

export async function recordDay(
  db: Database,
  userId: string,
  localDate: string,
  day: { cigarettes?: number; cravingsResisted?: number; checkedIn?: boolean },
) {
  await db
    .insert(dailyTotals)
    .values({
      userId,
      localDate,
      cigarettes: day.cigarettes ?? 0,
      cravings: day.cravingsResisted ?? 0,
      cravingsResisted: day.cravingsResisted ?? 0,
      checkedIn: day.checkedIn ?? false,
    })
    .onConflictDoUpdate({
      target: [dailyTotals.userId, dailyTotals.localDate],
      set: {
        cigarettes: day.cigarettes ?? 0,
        cravings: day.cravingsResisted ?? 0,
        cravingsResisted: day.cravingsResisted ?? 0,
        checkedIn: day.checkedIn ?? false,
      },
    });
}
