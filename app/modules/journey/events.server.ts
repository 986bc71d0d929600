import type { Database } from "#db/client.server";
import { enqueue } from "~/lib/queue.server";

/**
 * Called after every log, check-in or plan change: queues this member's badge evaluation. It lives in the
 * journey and speaks only to the queue, so the journey never imports badges (badges read the journey).
 * One queued evaluation per member at a time (singletonKey on a "short" queue); the hourly sweep catches
 * anything queued while pg-boss was not running in this process.
 */
// The journey passes its transaction handle; evaluation reads committed data in the job, so it is unused here.
export async function afterJourneyEvent(_db: Database, userId: string): Promise<void> {
  // A couple of seconds' delay: the caller's transaction has committed by then, and a burst of logs evaluates once.
  await enqueue("evaluate-member", { userId }, { singletonKey: userId, startAfter: 2 });
}
