import { outcomeFollowUps } from "#db/schema";
import type { Database } from "#db/client.server";
import { DomainError } from "~/lib/domain-error";
import { afterJourneyEvent } from "./events.server";
import { activeAttemptFor } from "./attempts.server";
import { requireConsent } from "./consent.server";
import type { LocalDate } from "~/lib/local-date";
import { dueFollowUps, type FollowUpKey } from "./outcomes";

export async function answerFollowUp(
  db: Database,
  userId: string,
  today: LocalDate,
  input: { followUp: FollowUpKey; smokedSinceDay14: boolean; smokedPast7Days: boolean; cigarettesSinceDay14: number },
): Promise<void> {
  await db.transaction(async (tx) => {
    await requireConsent(tx, userId);
    const attempt = await activeAttemptFor(tx, userId);
    if (!attempt) throw new DomainError("not-found", "errors:notFound.title");
    const due = dueFollowUps(attempt.quitDate, today, []).map((f) => f.key);
    if (!due.includes(input.followUp)) throw new DomainError("conflict", "journey:errors.followUpNotDue");
    await tx
      .insert(outcomeFollowUps)
      .values({ attemptId: attempt.id, userId, ...input })
      .onConflictDoNothing();
  });
  await afterJourneyEvent(db, userId);
}
