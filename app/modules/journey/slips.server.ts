import { and, desc, eq } from "drizzle-orm";
import { slipReflections } from "#db/schema";
import type { Database } from "#db/client.server";
import { DomainError } from "~/lib/domain-error";
import { afterJourneyEvent } from "./events.server";
import { activeAttemptFor } from "./attempts.server";
import { requireConsent } from "./consent.server";
import type { LocalDate } from "~/lib/local-date";

export async function recordSlipReflection(
  db: Database,
  userId: string,
  input: { date: LocalDate; trigger?: string; whatHappened?: string; copingStrategy: string },
): Promise<void> {
  await db.transaction(async (tx) => {
    await requireConsent(tx, userId);
    const attempt = await activeAttemptFor(tx, userId);
    if (!attempt) throw new DomainError("not-found", "errors:notFound.title");
    await tx.insert(slipReflections).values({
      attemptId: attempt.id,
      userId,
      localDate: input.date,
      trigger: input.trigger ?? null,
      whatHappened: input.whatHappened ?? null,
      copingStrategy: input.copingStrategy,
    });
  });
  await afterJourneyEvent(db, userId);
}

export async function slipReflectionsFor(db: Database, userId: string, attemptId: string) {
  return db
    .select({
      localDate: slipReflections.localDate,
      trigger: slipReflections.trigger,
      whatHappened: slipReflections.whatHappened,
      copingStrategy: slipReflections.copingStrategy,
    })
    .from(slipReflections)
    .where(and(eq(slipReflections.attemptId, attemptId), eq(slipReflections.userId, userId)))
    .orderBy(desc(slipReflections.createdAt))
    .limit(20);
}
