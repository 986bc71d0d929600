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
