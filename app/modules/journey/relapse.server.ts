import { and, eq, sql } from "drizzle-orm";
import { dailyTotals, quitAttempts } from "#db/schema";
import type { Database } from "#db/client.server";
import { DomainError } from "~/lib/domain-error";
import { afterJourneyEvent } from "./events.server";
import { activeAttemptFor, type AttemptRow } from "./attempts.server";
import { daysBetween, type LocalDate } from "~/lib/local-date";
import { detectRelapse, longestStreak } from "./progress";

export type SmokingOutcome = { slip: boolean; relapsedOn: LocalDate | null; attemptId: string | null };

/**
 * After cigarettes change: a cigarette on or after the quit date is a slip; when the relapse
 * definition is met the attempt ends as relapsed on that date.
 */
export async function reviewAttempt(tx: Database, userId: string, localDate: LocalDate, today: LocalDate): Promise<SmokingOutcome> {
  const attempt = await activeAttemptFor(tx, userId);
  if (!attempt || daysBetween(attempt.quitDate, localDate) < 0) return { slip: false, relapsedOn: null, attemptId: attempt?.id ?? null };
  const smoked = await tx
    .select({ d: dailyTotals.localDate })
    .from(dailyTotals)
    .where(and(eq(dailyTotals.userId, userId), sql`${dailyTotals.localDate} >= ${attempt.quitDate}`, sql`${dailyTotals.cigarettes} > 0`))
    .orderBy(dailyTotals.localDate);
  const smokedDates = smoked.map((r) => r.d);
  const relapsedOn = detectRelapse({ quitDate: attempt.quitDate, smokedDates });
  const smokedThatDay = smokedDates.includes(localDate);
  if (relapsedOn) {
    await tx
      .update(quitAttempts)
      .set({
        status: "relapsed",
        endedOn: relapsedOn,
        endReason: "relapse-detected",
        longestStreakDays: longestStreak(
          attempt.quitDate,
          smokedDates.filter((d) => d <= relapsedOn),
          relapsedOn,
        ),
      })
      .where(eq(quitAttempts.id, attempt.id));
  } else {
    await tx
      .update(quitAttempts)
      .set({ longestStreakDays: longestStreak(attempt.quitDate, smokedDates, today) })
      .where(eq(quitAttempts.id, attempt.id));
  }
  return { slip: smokedThatDay && !relapsedOn, relapsedOn, attemptId: attempt.id };
}

/** "I'm smoking again": the member ends their active attempt as relapsed today. */
export async function reportSmokingAgain(db: Database, userId: string, today: LocalDate): Promise<void> {
  await db.transaction(async (tx) => {
    const attempt = await activeAttemptFor(tx, userId);
    if (!attempt) throw new DomainError("not-found", "errors:notFound.title");
    const smoked = await tx
      .select({ d: dailyTotals.localDate })
      .from(dailyTotals)
      .where(and(eq(dailyTotals.userId, userId), sql`${dailyTotals.localDate} >= ${attempt.quitDate}`, sql`${dailyTotals.cigarettes} > 0`))
      .orderBy(dailyTotals.localDate);
    const endedOn = daysBetween(attempt.quitDate, today) < 0 ? attempt.quitDate : today;
    await tx
      .update(quitAttempts)
      .set({
        status: "relapsed",
        endedOn,
        endReason: "member-reported",
        longestStreakDays: longestStreak(
          attempt.quitDate,
          smoked.map((r) => r.d),
          endedOn,
        ),
      })
      .where(eq(quitAttempts.id, attempt.id));
  });
  await afterJourneyEvent(db, userId);
}

/** The triggers that led to the relapse: those named in the ended attempt's slips and logged cigarettes, most frequent first. */
export async function relapseTriggers(db: Database, userId: string, attempt: AttemptRow): Promise<string[]> {
  const rows = await db.execute<{ trigger: string }>(sql`
    select trigger from (
      select trigger from slip_reflections where attempt_id = ${attempt.id} and user_id = ${userId} and trigger is not null
      union all
      select trigger from cigarette_logs where user_id = ${userId} and trigger is not null
        and local_date between ${attempt.quitDate} and ${attempt.endedOn ?? attempt.quitDate}
    ) t group by trigger order by count(*) desc, trigger limit 3`);
  return rows.map((r) => r.trigger);
}
