import { desc, eq } from "drizzle-orm";
import { outcomeFollowUps, quitAttempts } from "#db/schema";
import type { Database } from "#db/client.server";
import { daysBetween, type LocalDate } from "~/lib/local-date";

/** Every attempt with its length, longest streak and outcome answers: two queries. */
export async function attemptHistory(db: Database, userId: string, today: LocalDate) {
  const attempts = await db.select().from(quitAttempts).where(eq(quitAttempts.userId, userId)).orderBy(desc(quitAttempts.attemptNumber));
  const outcomes = await db.select().from(outcomeFollowUps).where(eq(outcomeFollowUps.userId, userId));
  return attempts.map((a) => {
    const end = a.endedOn ?? today;
    return {
      id: a.id,
      attemptNumber: a.attemptNumber,
      status: a.status,
      quitDate: a.quitDate,
      endedOn: a.endedOn,
      endReason: a.endReason,
      lengthDays: Math.max(0, daysBetween(a.quitDate, end)),
      longestStreakDays: a.longestStreakDays,
      outcomes: outcomes
        .filter((o) => o.attemptId === a.id)
        .map((o) => ({
          followUp: o.followUp,
          smokedSinceDay14: o.smokedSinceDay14,
          smokedPast7Days: o.smokedPast7Days,
          cigarettesSinceDay14: o.cigarettesSinceDay14,
          answeredAt: o.answeredAt.toISOString(),
        })),
    };
  });
}
