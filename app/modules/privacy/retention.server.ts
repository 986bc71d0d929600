import { desc, sql } from "drizzle-orm";
import { retentionRuns } from "#db/schema";
import type { Database } from "#db/client.server";
import { env } from "~/lib/env.server";
import { fileStorage } from "~/modules/storage/storage.server";

/** How long, in days, each kind of row is kept once it has served its purpose (RETENTION_* settings). */
export type RetentionPolicy = {
  /** The record of an export, counted from its link's expiry (the archive itself goes when the link expires). */
  expiredExports: number;
  /** A signed-in browser's row, counted from the session's expiry. */
  sessions: number;
  /** Rate-limit counters, counted from the start of their window. */
  rateLimits: number;
  /** Emails and SMS handed to a provider or kept as the delivery (no provider), counted from sending; pending ones are never removed. */
  deliveredOutbox: number;
};

export type RetentionKind = keyof RetentionPolicy;
export const RETENTION_KINDS: readonly RetentionKind[] = ["expiredExports", "sessions", "rateLimits", "deliveredOutbox"];

export function retentionPolicy(): RetentionPolicy {
  const config = env();
  return {
    expiredExports: config.RETENTION_EXPORT_RECORD_DAYS,
    sessions: config.RETENTION_SESSION_DAYS,
    rateLimits: config.RETENTION_RATE_LIMIT_DAYS,
    deliveredOutbox: config.RETENTION_OUTBOX_DAYS,
  };
}

export type RetentionResult = Record<"expiredExports" | "sessions" | "rateLimits" | "emailOutbox" | "smsOutbox", number>;

const before = (now: Date, days: number) => sql`${now.toISOString()}::timestamptz - make_interval(days => ${days})`;

/**
 * Removes every row past its period and records the run. Idempotent: each rule is a cut-off by
 * date, so a second run (a retried job, two workers) finds nothing more to remove.
 */
export async function applyRetention(db: Database, now: Date, policy: RetentionPolicy): Promise<RetentionResult> {
  return db.transaction(async (tx) => {
    // An export whose archive the sweep has not removed yet takes its file with it.
    const exports = await tx.execute<{ file_id: string | null }>(sql`
      delete from data_exports where expires_at < ${before(now, policy.expiredExports)} returning file_id`);
    for (const { file_id } of exports) if (file_id) await fileStorage(tx).delete(file_id);
    const sessions = await tx.execute(sql`delete from sessions where expires_at < ${before(now, policy.sessions)} returning 1`);
    const rateLimits = await tx.execute(
      sql`delete from rate_limit_counters where window_start < ${before(now, policy.rateLimits)} returning 1`,
    );
    const delivered = (table: "email_outbox" | "sms_outbox") =>
      tx.execute(sql`delete from ${sql.identifier(table)}
        where status in ('sent', 'outbox') and coalesce(sent_at, created_at) < ${before(now, policy.deliveredOutbox)} returning 1`);
    const result: RetentionResult = {
      expiredExports: exports.length,
      sessions: sessions.length,
      rateLimits: rateLimits.length,
      emailOutbox: (await delivered("email_outbox")).length,
      smsOutbox: (await delivered("sms_outbox")).length,
    };
    await tx.insert(retentionRuns).values({ ranAt: now, policy, removed: result });
    return result;
  });
}

export async function lastRetentionRun(db: Database) {
  const [run] = await db.select().from(retentionRuns).orderBy(desc(retentionRuns.ranAt)).limit(1);
  return run ?? null;
}
