import { and, desc, eq, sql } from "drizzle-orm";
import { planRevisions, quitAttempts, smokingProfiles } from "#db/schema";
import type { Database } from "#db/client.server";
import { DomainError } from "~/lib/domain-error";
import { afterJourneyEvent } from "./events.server";
import { nextAttemptNumber, type AttemptRow } from "./attempts.server";
import { requireConsent } from "./consent.server";
import type { QuitPlan } from "./plan";

/** Starts an attempt with its first plan revision. A second active attempt is a conflict (the unique index agrees). */
export async function startAttempt(
  db: Database,
  userId: string,
  a: { plan: QuitPlan; cigarettesPerDay?: number; changeNote: string },
): Promise<AttemptRow> {
  const attempt = await db.transaction(async (tx) => {
    await requireConsent(tx, userId);
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`attempt:${userId}`}))`);
    const [profile] = await tx.select().from(smokingProfiles).where(eq(smokingProfiles.userId, userId));
    if (!profile) throw new DomainError("conflict", "journey:errors.profileMissing");
    const [active] = await tx
      .select({ id: quitAttempts.id })
      .from(quitAttempts)
      .where(and(eq(quitAttempts.userId, userId), eq(quitAttempts.status, "active")));
    if (active) throw new DomainError("conflict", "journey:errors.attemptActive");
    const [created] = await tx
      .insert(quitAttempts)
      .values({
        userId,
        attemptNumber: await nextAttemptNumber(tx, userId),
        quitDate: a.plan.quitDate,
        baselinePerDay: a.cigarettesPerDay ?? profile.cigarettesPerDay,
        cigarettesPerPack: profile.cigarettesPerPack,
        packPriceMinor: profile.packPriceMinor,
        currency: profile.currency,
      })
      .returning();
    await tx.insert(planRevisions).values({
      attemptId: created!.id,
      userId,
      revision: 1,
      plan: a.plan as unknown as Record<string, unknown>,
      changeNote: a.changeNote,
    });
    return created!;
  });
  await afterJourneyEvent(db, userId);
  return attempt;
}

/** Saves a changed plan as a new revision of the member's own active attempt (404 for anyone else's). */
export async function revisePlan(
  db: Database,
  userId: string,
  attemptId: string,
  plan: QuitPlan,
  changeNote: string | null,
  /** Set when someone other than the member wrote it (a coach's proposal); the member stays the owner. */
  authorId: string | null = null,
): Promise<number> {
  const revision = await db.transaction(async (tx) => {
    await requireConsent(tx, userId);
    const [attempt] = await tx
      .select({ id: quitAttempts.id })
      .from(quitAttempts)
      .where(and(eq(quitAttempts.id, attemptId), eq(quitAttempts.userId, userId), eq(quitAttempts.status, "active")))
      .for("update");
    if (!attempt) throw new DomainError("not-found", "errors:notFound.title");
    const [last] = await tx
      .select({ n: sql<number>`coalesce(max(${planRevisions.revision}), 0)::int` })
      .from(planRevisions)
      .where(eq(planRevisions.attemptId, attemptId));
    const next = (last?.n ?? 0) + 1;
    await tx
      .insert(planRevisions)
      .values({ attemptId, userId, revision: next, plan: plan as unknown as Record<string, unknown>, changeNote, authorId });
    await tx.update(quitAttempts).set({ quitDate: plan.quitDate }).where(eq(quitAttempts.id, attemptId));
    return next;
  });
  await afterJourneyEvent(db, userId);
  return revision;
}

export async function planRevisionList(db: Database, userId: string, attemptId: string) {
  return db
    .select({ revision: planRevisions.revision, changeNote: planRevisions.changeNote, createdAt: planRevisions.createdAt })
    .from(planRevisions)
    .where(and(eq(planRevisions.attemptId, attemptId), eq(planRevisions.userId, userId)))
    .orderBy(desc(planRevisions.revision))
    .limit(20);
}
