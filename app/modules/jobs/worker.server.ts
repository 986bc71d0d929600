import PgBoss from "pg-boss";
import type { Db } from "#db/client.server";
import { logger } from "~/lib/logger.server";
import { recordJob } from "~/lib/metrics.server";
import { announceAwards, ensureBadgeCatalogue, evaluateMembers } from "~/modules/badges/awards.server";
import { matchWaitingMembers } from "~/modules/coaching/assignments.server";
import { publishDueContent } from "~/modules/content/content.server";
import { gatherEscalations } from "~/modules/escalations/escalations.server";
import { deliverEmail, dueEmailIds } from "~/modules/notifications/email.server";
import { ensureMessageLibrary, sendScheduledMotivation } from "~/modules/notifications/motivation.server";
import { deliverPush, duePushIds } from "~/modules/notifications/push.server";
import { deliverSms, dueSmsIds } from "~/modules/notifications/sms.server";
import { pruneReadVisitors } from "~/modules/analytics/article-reads.server";
import { refreshReports } from "~/modules/analytics/rollups.server";
import { refreshCommunityFigures } from "~/modules/journey/progress.server";
import { sendDueReminders } from "~/modules/sessions/reminders.server";
import { pruneCallSignals } from "~/modules/sessions/call.server";
import { settleSessions } from "~/modules/sessions/settle.server";
import { buildExport, failExport, queuedExportIds, removeExpiredExports } from "~/modules/privacy/export.server";
import { eraseDueAccounts } from "~/modules/privacy/erasure.server";
import { applyRetention, retentionPolicy } from "~/modules/privacy/retention.server";
import { env } from "~/lib/env.server";
import { nightlyBackup } from "~/modules/backups/nightly.server";
import { advanceOneOffTerms, reconcilePendingAttempts } from "~/modules/billing/one-off.server";
import { DEAD_LETTER_QUEUE, enqueue, enqueueDeliveries, setBoss, type JobData, type QueueName } from "~/lib/queue.server";

const retries = { retryLimit: 5, retryDelay: 30, retryBackoff: true, deadLetter: DEAD_LETTER_QUEUE };

/** Queue settings: "short" queues keep one queued job per singletonKey (one evaluation per member, one send per row). */
const queues: Record<QueueName, Omit<PgBoss.Queue, "name">> = {
  "evaluate-member": { policy: "short", ...retries },
  "announce-awards": { policy: "standard", ...retries },
  "nightly-sweep": {
    policy: "singleton",
    retryLimit: 2,
    retryDelay: 60,
    retryBackoff: true,
    deadLetter: DEAD_LETTER_QUEUE,
    expireInHours: 1,
  },
  "send-scheduled-motivation": { policy: "singleton", retryLimit: 1, retryDelay: 60, deadLetter: DEAD_LETTER_QUEUE, expireInMinutes: 15 },
  "deliver-email": { policy: "short", ...retries },
  "deliver-sms": { policy: "short", ...retries },
  "deliver-push": { policy: "short", ...retries },
  "dispatch-outbox": { policy: "singleton", retryLimit: 1, deadLetter: DEAD_LETTER_QUEUE },
  "match-waiting-members": { policy: "singleton", ...retries },
  "publish-scheduled-content": { policy: "standard", retryLimit: 2, retryDelay: 30, deadLetter: DEAD_LETTER_QUEUE },
  "gather-escalations": { policy: "singleton", retryLimit: 1, retryDelay: 60, deadLetter: DEAD_LETTER_QUEUE, expireInMinutes: 10 },
  "send-session-reminders": { policy: "singleton", retryLimit: 1, retryDelay: 60, deadLetter: DEAD_LETTER_QUEUE, expireInMinutes: 10 },
  "settle-sessions": { policy: "singleton", retryLimit: 1, retryDelay: 60, deadLetter: DEAD_LETTER_QUEUE, expireInMinutes: 10 },
  "refresh-reports": { policy: "singleton", retryLimit: 2, retryDelay: 30, deadLetter: DEAD_LETTER_QUEUE, expireInMinutes: 15 },
  "refresh-community-figures": { policy: "singleton", retryLimit: 1, retryDelay: 60, deadLetter: DEAD_LETTER_QUEUE, expireInMinutes: 10 },
  "build-data-export": { policy: "short", retryLimit: 3, retryDelay: 30, retryBackoff: true, deadLetter: DEAD_LETTER_QUEUE },
  "privacy-sweep": { policy: "singleton", retryLimit: 2, retryDelay: 60, deadLetter: DEAD_LETTER_QUEUE, expireInMinutes: 30 },
  "privacy-retention": { policy: "singleton", retryLimit: 2, retryDelay: 300, deadLetter: DEAD_LETTER_QUEUE, expireInMinutes: 60 },
  "nightly-backup": { policy: "singleton", retryLimit: 2, retryDelay: 600, deadLetter: DEAD_LETTER_QUEUE, expireInHours: 3 },
  "reconcile-payments": { policy: "singleton", retryLimit: 1, retryDelay: 60, deadLetter: DEAD_LETTER_QUEUE, expireInMinutes: 10 },
  "advance-one-off-terms": { policy: "singleton", retryLimit: 2, retryDelay: 60, deadLetter: DEAD_LETTER_QUEUE, expireInMinutes: 15 },
};

/**
 * Cron schedules (UTC). The "nightly" sweep runs every hour: midnight comes at a different hour in
 * each member's zone, and a streak that crossed a day there should be awarded within the hour.
 */
const schedules: [QueueName, string][] = [
  ["nightly-sweep", "5 * * * *"],
  ["send-scheduled-motivation", "*/5 * * * *"],
  ["dispatch-outbox", "* * * * *"],
  // A place queued by placeOpened() is served at once; the cron catches a place opened while no worker ran.
  ["match-waiting-members", "*/10 * * * *"],
  ["publish-scheduled-content", "* * * * *"],
  ["gather-escalations", "*/5 * * * *"],
  ["send-session-reminders", "*/5 * * * *"],
  ["settle-sessions", "*/5 * * * *"],
  // Report figures may be at most 10 minutes stale: a run every 5 minutes keeps them within it even when one run is slow.
  ["refresh-reports", "*/5 * * * *"],
  // The homepage reads the stored figures; it computes them itself only when they are older than 15 minutes.
  ["refresh-community-figures", "*/5 * * * *"],
  // Erases accounts whose grace period ended, removes expired export archives, hands over exports no worker took.
  ["privacy-sweep", "*/15 * * * *"],
  // Nightly, at the quietest hour in Vietnam (03:30 ICT); rerunning it removes nothing more.
  ["privacy-retention", "30 20 * * *"],
  // VNPay/MoMo attempts whose IPN never came are asked about after PAYMENT_RECONCILE_AFTER_MINUTES.
  ["reconcile-payments", "*/5 * * * *"],
  // One-off terms: renewal reminders, then grace, then end of access.
  ["advance-one-off-terms", "20 * * * *"],
];

/** Schedules an operator switches on: BACKUP_NIGHTLY=on backs up at 19:00 UTC (02:00 in Vietnam, before the retention run). */
function optionalSchedules(): [QueueName, string][] {
  return env().BACKUP_NIGHTLY === "on" ? [["nightly-backup", "0 19 * * *"]] : [];
}

type Handlers = { [N in QueueName]: (data: JobData[N], db: Db) => Promise<unknown> };

const handlers: Handlers = {
  "evaluate-member": async ({ userId }, db) => {
    const { awarded } = await evaluateMembers(db, [userId], new Date());
    if (awarded.length > 0) await enqueue("announce-awards", { awardIds: awarded.map((a) => a.id) });
    return { awarded: awarded.length };
  },
  "announce-awards": async ({ awardIds }, db) => {
    await enqueueDeliveries(await announceAwards(db, awardIds, new Date()));
  },
  "nightly-sweep": async (_data, db) => {
    const started = Date.now();
    const result = await evaluateMembers(db, "all-active", new Date(), {
      onBatch: async (fresh) => void (await enqueue("announce-awards", { awardIds: fresh.map((a) => a.id) })),
    });
    logger.info({ evaluated: result.evaluated, awarded: result.awarded.length, ms: Date.now() - started }, "badge sweep");
    return { evaluated: result.evaluated, awarded: result.awarded.length };
  },
  "send-scheduled-motivation": async (_data, db) => sendScheduledMotivation(db, new Date()),
  "deliver-email": async ({ outboxId }, db) => deliverEmail(db, outboxId),
  "deliver-sms": async ({ outboxId }, db) => deliverSms(db, outboxId),
  "deliver-push": async ({ outboxId }, db) => {
    const result = await deliverPush(db, outboxId);
    // Quiet hours began after it was queued: try again when they end.
    if (typeof result === "object") await enqueue("deliver-push", { outboxId }, { singletonKey: outboxId, startAfter: result.held });
    return result;
  },
  "dispatch-outbox": async (_data, db) => {
    const now = new Date();
    const email = await dueEmailIds(db, now);
    const sms = await dueSmsIds(db, now);
    const push = await duePushIds(db, now);
    const due = (ids: string[]) => ids.map((id) => ({ id, notBefore: now }));
    await enqueueDeliveries({ email: due(email), sms: due(sms), push: due(push) });
    return { email: email.length, sms: sms.length, push: push.length };
  },
  "match-waiting-members": async (_data, db) => matchWaitingMembers(db, new Date()),
  "publish-scheduled-content": async (_data, db) => ({ published: (await publishDueContent(db, new Date())).length }),
  "gather-escalations": async (_data, db) => gatherEscalations(db, new Date()),
  "send-session-reminders": async (_data, db) => sendDueReminders(db, new Date()),
  "settle-sessions": async (_data, db) => {
    const now = new Date();
    await pruneCallSignals(db, now);
    return settleSessions(db, now);
  },
  "refresh-reports": async (_data, db) => {
    const result = await refreshReports(db, new Date());
    // The read counter's dedupe keys are only needed for today; the counts stay.
    await pruneReadVisitors(db, new Date());
    return result;
  },
  "refresh-community-figures": async (_data, db) => refreshCommunityFigures(db),
  "reconcile-payments": async (_data, db) => reconcilePendingAttempts(db, new Date()),
  "advance-one-off-terms": async (_data, db) => advanceOneOffTerms(db, new Date()),
  "build-data-export": async ({ exportId }, db) => {
    try {
      return await buildExport(db, exportId, new Date());
    } catch (error) {
      // The member sees "failed" and may ask again; the job's retries stop here on purpose.
      await failExport(db, exportId, String(error));
      throw error;
    }
  },
  "privacy-sweep": async (_data, db) => {
    const now = new Date();
    for (const exportId of await queuedExportIds(db)) await enqueue("build-data-export", { exportId }, { singletonKey: exportId });
    return { ...(await eraseDueAccounts(db, now)), expiredExports: await removeExpiredExports(db, now) };
  },
  "privacy-retention": async (_data, db) => applyRetention(db, new Date(), retentionPolicy()),
  "nightly-backup": async () => nightlyBackup(process.env.DATABASE_URL!, new Date()),
};

export type JobsHandle = { boss: PgBoss; stop: () => Promise<void> };

/**
 * Starts pg-boss over the database: creates its schema and queues, seeds the badge catalogue and message
 * library, and, when `workers` is true, the cron schedules and a worker per queue. Without workers this
 * process can still queue jobs for the worker processes.
 */
export async function startJobs(
  db: Db,
  databaseUrl: string,
  // `queueOnly`: a forked HTTP process, which only sends jobs; the primary already prepared the catalogues and queues.
  options: { workers: boolean; queueOnly?: boolean },
): Promise<JobsHandle> {
  if (!options.queueOnly) {
    await ensureBadgeCatalogue(db);
    await ensureMessageLibrary(db);
  }
  const boss = new PgBoss({
    connectionString: databaseUrl,
    max: 4,
    application_name: "quitpath-jobs",
    supervise: options.workers,
    schedule: options.workers,
  });
  boss.on("error", (error) => logger.error({ err: error.message }, "job queue error"));
  await boss.start();
  if (!options.queueOnly) {
    await boss.createQueue(DEAD_LETTER_QUEUE).catch(() => undefined);
    for (const [name, settings] of Object.entries(queues)) {
      await boss.createQueue(name, { name, ...settings }).catch(() => undefined);
    }
  }
  if (options.workers) {
    for (const [name, cron] of schedules) await boss.schedule(name, cron);
    if (optionalSchedules().length === 0) await boss.unschedule("nightly-backup").catch(() => undefined);
    for (const [name, cron] of optionalSchedules()) await boss.schedule(name, cron);
    for (const name of Object.keys(handlers) as QueueName[]) {
      const handler = handlers[name] as (data: unknown, db: Db) => Promise<unknown>;
      await boss.work(name, { pollingIntervalSeconds: 2, batchSize: 1 }, async (jobs) => {
        const results = [];
        for (const job of jobs) {
          try {
            results.push(await handler(job.data, db));
            recordJob(name, "completed");
          } catch (error) {
            // One line per failure: the CloudWatch metric filter for job failures counts these.
            recordJob(name, "failed");
            logger.error({ queue: name, jobId: job.id, err: error instanceof Error ? error.message : String(error) }, "job failed");
            throw error;
          }
        }
        return results.length === 1 ? results[0] : results;
      });
    }
  }
  setBoss(boss);
  return {
    boss,
    stop: async () => {
      setBoss(null);
      await boss.stop({ graceful: true, timeout: 10_000, wait: true });
    },
  };
}
