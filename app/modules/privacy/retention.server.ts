import { desc, sql } from "drizzle-orm";
import { retentionRuns } from "#db/schema";
import type { Database } from "#db/client.server";
import { appUrl, env } from "~/lib/env.server";
import { getFixedT } from "~/lib/i18n.server";
import { enqueueDeliveries } from "~/lib/queue.server";
import { loadRecipients, noDeliveries, notifyMember, type Deliveries } from "~/modules/notifications/deliver.server";
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
  /** A member account with no session seen for this long (and no live subscription) is warned, then erased. */
  inactiveAccounts: number;
  /** Days between the inactivity warning and the erasure; any sign-in in between calls it off. */
  inactivityWarning: number;
  /** Admin audit records, counted from when the action was taken. */
  auditLog: number;
  /** AI-coach conversations, counted from their last message. */
  aiThreads: number;
};

export type RetentionKind = keyof RetentionPolicy;
export const RETENTION_KINDS: readonly RetentionKind[] = [
  "expiredExports",
  "sessions",
  "rateLimits",
  "deliveredOutbox",
  "inactiveAccounts",
  "inactivityWarning",
  "auditLog",
  "aiThreads",
];

export function retentionPolicy(): RetentionPolicy {
  const config = env();
  return {
    expiredExports: config.RETENTION_EXPORT_RECORD_DAYS,
    sessions: config.RETENTION_SESSION_DAYS,
    rateLimits: config.RETENTION_RATE_LIMIT_DAYS,
    deliveredOutbox: config.RETENTION_OUTBOX_DAYS,
    inactiveAccounts: config.RETENTION_INACTIVE_ACCOUNT_DAYS,
    inactivityWarning: config.RETENTION_INACTIVITY_WARNING_DAYS,
    auditLog: config.RETENTION_AUDIT_LOG_DAYS,
    aiThreads: config.RETENTION_AI_THREAD_DAYS,
  };
}

export type RetentionResult = Record<
  | "expiredExports"
  | "sessions"
  | "rateLimits"
  | "emailOutbox"
  | "smsOutbox"
  | "inactivityWarnings"
  | "inactiveAccountsScheduled"
  | "auditLog"
  | "aiThreads",
  number
>;

const before = (now: Date, days: number) => sql`${now.toISOString()}::timestamptz - make_interval(days => ${days})`;

/** When the member was last seen: their newest session, one carried over from a removed session, or the sign-up. */
const LAST_ACTIVE = sql.raw(`greatest(u.created_at, ai.last_seen_at, (select max(s.last_seen_at) from sessions s where s.user_id = u.id))`);

/**
 * Inactive accounts: warns members unseen for the period (in-app and email), and schedules the
 * erasure of those still unseen once the warning period is over (the privacy-sweep job erases them;
 * signing in calls it off). Staff accounts and members with a live subscription are never included.
 */
async function applyInactivity(tx: Database, now: Date, policy: RetentionPolicy, deliveries: Deliveries) {
  // Activity after a warning clears it, so a member who came back starts from zero.
  await tx.execute(sql`update account_inactivity ai set warned_at = null from users u
    where u.id = ai.user_id and ai.warned_at is not null and ${LAST_ACTIVE} > ai.warned_at`);
  const inactive = sql`u.role = 'member'
    and ${LAST_ACTIVE} < ${before(now, policy.inactiveAccounts)}
    and not exists (select 1 from account_deletions d where d.user_id = u.id)
    and not exists (select 1 from subscriptions sub where sub.user_id = u.id
      and sub.status in ('active', 'trialing', 'past_due', 'cancelled_at_period_end'))`;
  const warned = await tx.execute<{ user_id: string }>(sql`
    insert into account_inactivity (user_id, warned_at)
    select u.id, ${now.toISOString()}::timestamptz from users u left join account_inactivity ai on ai.user_id = u.id
    where ai.warned_at is null and ${inactive}
    on conflict (user_id) do update set warned_at = excluded.warned_at
    returning user_id`);
  const eraseOn = new Date(now.getTime() + policy.inactivityWarning * 86_400_000);
  const recipients = await loadRecipients(
    tx,
    warned.map((w) => w.user_id),
  );
  for (const recipient of recipients.values()) {
    const t = getFixedT(recipient.locale);
    const values = { days: policy.inactivityWarning };
    await notifyMember(
      tx,
      recipient,
      {
        kind: "security",
        // With the member in it, the email delivery key made from it is unique across members.
        dedupeKey: `inactivity-warning:${recipient.id}:${now.toISOString()}`,
        now,
        inApp: { messageKey: "notifications:privacy.inactivityWarning.title", values, href: "/app/privacy" },
        content: {
          subject: t("notifications:privacy.inactivityWarning.title", values),
          paragraphs: [t("notifications:privacy.inactivityWarning.body", { ...values, date: eraseOn.toISOString().slice(0, 10) })],
          action: { label: t("notifications:privacy.inactivityWarning.action"), href: `${appUrl()}/login` },
          sms: t("notifications:privacy.inactivityWarning.title", values),
        },
      },
      deliveries,
    );
  }
  // Still unseen since the warning, and the warning period is over: erased by the next privacy-sweep.
  const scheduled = await tx.execute(sql`
    insert into account_deletions (user_id, keep_posts, requested_at, erase_after)
    select u.id, false, ${now.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz
    from users u join account_inactivity ai on ai.user_id = u.id
    where ai.warned_at <= ${before(now, policy.inactivityWarning)} and ${LAST_ACTIVE} <= ai.warned_at and ${inactive}
    on conflict (user_id) do nothing
    returning 1`);
  return { warned: warned.length, scheduled: scheduled.length };
}

/**
 * Removes every row past its period, warns and schedules inactive accounts, and records the run.
 * Idempotent: each rule is a cut-off by date and a warning is given once, so a second run (a
 * retried job, two workers) finds nothing more to do.
 */
export async function applyRetention(db: Database, now: Date, policy: RetentionPolicy): Promise<RetentionResult> {
  const deliveries = noDeliveries();
  const result = await db.transaction(async (tx) => {
    // An export whose archive the sweep has not removed yet takes its file with it.
    const exports = await tx.execute<{ file_id: string | null }>(sql`
      delete from data_exports where expires_at < ${before(now, policy.expiredExports)} returning file_id`);
    for (const { file_id } of exports) if (file_id) await fileStorage(tx).delete(file_id);
    const oldSessions = sql`expires_at < ${before(now, policy.sessions)}`;
    // The sessions about to go are the only record of when their member was last seen: keep that.
    await tx.execute(sql`insert into account_inactivity (user_id, last_seen_at)
      select user_id, max(last_seen_at) from sessions where ${oldSessions} group by user_id
      on conflict (user_id) do update set last_seen_at = greatest(account_inactivity.last_seen_at, excluded.last_seen_at)`);
    const sessions = await tx.execute(sql`delete from sessions where ${oldSessions} returning 1`);
    const rateLimits = await tx.execute(
      sql`delete from rate_limit_counters where window_start < ${before(now, policy.rateLimits)} returning 1`,
    );
    const delivered = (table: "email_outbox" | "sms_outbox") =>
      tx.execute(sql`delete from ${sql.identifier(table)}
        where status in ('sent', 'outbox') and coalesce(sent_at, created_at) < ${before(now, policy.deliveredOutbox)} returning 1`);
    const emailOutbox = (await delivered("email_outbox")).length;
    const smsOutbox = (await delivered("sms_outbox")).length;
    const auditLog = await tx.execute(sql`delete from admin_audit where created_at < ${before(now, policy.auditLog)} returning 1`);
    // A thread's last message is its updated_at; messages, usage and handoff links go with it (foreign keys).
    const aiThreads = await tx.execute(sql`delete from ai_coach_threads where updated_at < ${before(now, policy.aiThreads)} returning 1`);
    const inactivity = await applyInactivity(tx, now, policy, deliveries);
    const result: RetentionResult = {
      expiredExports: exports.length,
      sessions: sessions.length,
      rateLimits: rateLimits.length,
      emailOutbox,
      smsOutbox,
      inactivityWarnings: inactivity.warned,
      inactiveAccountsScheduled: inactivity.scheduled,
      auditLog: auditLog.length,
      aiThreads: aiThreads.length,
    };
    await tx.insert(retentionRuns).values({ ranAt: now, policy, removed: result });
    return result;
  });
  await enqueueDeliveries(deliveries);
  return result;
}

export async function lastRetentionRun(db: Database) {
  const [run] = await db.select().from(retentionRuns).orderBy(desc(retentionRuns.ranAt)).limit(1);
  return run ?? null;
}
