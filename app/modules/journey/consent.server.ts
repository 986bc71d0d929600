import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { healthConsents } from "#db/schema";
import type { Database } from "#db/client.server";
import { DomainError } from "~/lib/domain-error";
import { CONSENT_PURPOSE_VERSION } from "./profile";

/** Throws unless the member has a live consent: no health data is written without one. */
export async function requireConsent(tx: Database, userId: string): Promise<void> {
  const [row] = await tx
    .select({ id: healthConsents.id })
    .from(healthConsents)
    .where(
      and(
        eq(healthConsents.userId, userId),
        isNull(healthConsents.withdrawnAt),
        eq(healthConsents.purposeVersion, CONSENT_PURPOSE_VERSION),
      ),
    )
    .limit(1);
  if (!row) throw new DomainError("forbidden", "journey:errors.consentMissing");
}

export async function grantConsent(db: Database, userId: string): Promise<void> {
  await db.transaction(async (tx) => {
    // Serialise concurrent grants of one member so a double submit keeps one live consent.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`consent:${userId}`}))`);
    const [live] = await tx
      .select({ id: healthConsents.id })
      .from(healthConsents)
      .where(
        and(
          eq(healthConsents.userId, userId),
          isNull(healthConsents.withdrawnAt),
          eq(healthConsents.purposeVersion, CONSENT_PURPOSE_VERSION),
        ),
      );
    if (!live) await tx.insert(healthConsents).values({ userId, purposeVersion: CONSENT_PURPOSE_VERSION });
  });
}

/** Withdraws every live consent; data already kept stays, nothing new is accepted. Returns how many were live. */
export async function withdrawConsent(db: Database, userId: string): Promise<number> {
  const rows = await db
    .update(healthConsents)
    .set({ withdrawnAt: new Date() })
    .where(and(eq(healthConsents.userId, userId), isNull(healthConsents.withdrawnAt)))
    .returning({ id: healthConsents.id });
  return rows.length;
}

/** The journey's tables holding what a member logged, children first. */
const COLLECTED_HEALTH_DATA = [
  "slip_reflections",
  "outcome_follow_ups",
  "plan_revisions",
  "cigarette_logs",
  "craving_logs",
  "mood_logs",
  "daily_totals",
  "quit_attempts",
  "smoking_profiles",
] as const;

/**
 * After withdrawing consent, the member may have what was collected deleted (GDPR Art. 7(3) and 17):
 * every log, total, attempt, plan and the smoking profile, in one transaction. Refused while a consent is live.
 * The consent records stay: they prove what was agreed and when. Returns the rows deleted per table.
 */
export async function deleteCollectedHealthData(db: Database, userId: string): Promise<Record<string, number>> {
  return db.transaction(async (tx) => {
    const [live] = await tx
      .select({ id: healthConsents.id })
      .from(healthConsents)
      .where(and(eq(healthConsents.userId, userId), isNull(healthConsents.withdrawnAt)))
      .for("update");
    if (live) throw new DomainError("conflict", "journey:consent.deleteNeedsWithdrawal");
    const deleted: Record<string, number> = {};
    for (const table of COLLECTED_HEALTH_DATA) {
      const rows = await tx.execute(sql`delete from ${sql.identifier(table)} where user_id = ${userId}::uuid returning 1`);
      deleted[table] = rows.length;
    }
    return deleted;
  });
}

export async function consentStatus(db: Database, userId: string) {
  const [row] = await db
    .select({ purposeVersion: healthConsents.purposeVersion, grantedAt: healthConsents.grantedAt, withdrawnAt: healthConsents.withdrawnAt })
    .from(healthConsents)
    .where(eq(healthConsents.userId, userId))
    .orderBy(desc(healthConsents.grantedAt))
    .limit(1);
  return row ?? null;
}

/** Every consent the member gave and withdrew, newest first (the admin's member page). */
export async function consentHistory(db: Database, userId: string) {
  return db
    .select({ purposeVersion: healthConsents.purposeVersion, grantedAt: healthConsents.grantedAt, withdrawnAt: healthConsents.withdrawnAt })
    .from(healthConsents)
    .where(eq(healthConsents.userId, userId))
    .orderBy(desc(healthConsents.grantedAt));
}
