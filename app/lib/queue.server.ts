import type PgBoss from "pg-boss";
import { remember } from "~/lib/remember.server";

/** Every queue, with the data its jobs carry. */
export type JobData = {
  "evaluate-member": { userId: string };
  "announce-awards": { awardIds: string[] };
  "nightly-sweep": Record<string, never>;
  "send-scheduled-motivation": Record<string, never>;
  "deliver-email": { outboxId: string };
  "deliver-sms": { outboxId: string };
  "deliver-push": { outboxId: string };
  "dispatch-outbox": Record<string, never>;
  "match-waiting-members": Record<string, never>;
  "publish-scheduled-content": Record<string, never>;
  "gather-escalations": Record<string, never>;
  "send-session-reminders": Record<string, never>;
  "settle-sessions": Record<string, never>;
  "refresh-reports": Record<string, never>;
  "refresh-community-figures": Record<string, never>;
  "build-data-export": { exportId: string };
  "privacy-sweep": Record<string, never>;
  "privacy-retention": Record<string, never>;
  "nightly-backup": Record<string, never>;
  "reconcile-payments": Record<string, never>;
  "advance-one-off-terms": Record<string, never>;
};
export type QueueName = keyof JobData;

/** Where jobs go after their last retry; /admin/jobs lists them. */
export const DEAD_LETTER_QUEUE = "dead-letter";

/** The process's running pg-boss, shared by the server bundle and the Remix build through globalThis. */
const holder = remember("jobs:boss", () => ({ boss: null as PgBoss | null }));

export function setBoss(boss: PgBoss | null) {
  holder.boss = boss;
}

export function currentBoss(): PgBoss | null {
  return holder.boss;
}

/**
 * Queues a job when this process runs pg-boss; otherwise does nothing and says so (false): every
 * queued piece of work is also found later by a cron (the outbox dispatcher, the sweep), so nothing is lost.
 */
export async function enqueue<N extends QueueName>(name: N, data: JobData[N], options: PgBoss.SendOptions = {}): Promise<boolean> {
  const boss = holder.boss;
  if (!boss) return false;
  await boss.send(name, data as object, options);
  return true;
}

/** After a commit: hand new outbox rows to their delivery jobs (quiet hours become startAfter). */
export async function enqueueDeliveries(deliveries: {
  email: { id: string; notBefore: Date }[];
  sms: { id: string; notBefore: Date }[];
  push?: { id: string; notBefore: Date }[];
}): Promise<void> {
  for (const e of deliveries.email) await enqueue("deliver-email", { outboxId: e.id }, { singletonKey: e.id, startAfter: e.notBefore });
  for (const s of deliveries.sms) await enqueue("deliver-sms", { outboxId: s.id }, { singletonKey: s.id, startAfter: s.notBefore });
  for (const p of deliveries.push ?? []) await enqueue("deliver-push", { outboxId: p.id }, { singletonKey: p.id, startAfter: p.notBefore });
}
