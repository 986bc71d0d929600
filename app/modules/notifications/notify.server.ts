import { sql } from "drizzle-orm";
import { notifications } from "#db/schema";
import type { Database } from "#db/client.server";

export type NewNotification = {
  userId: string;
  kind: string;
  messageKey: string;
  values?: Record<string, string | number>;
  href?: string;
  /** The same dedupeKey for the same member never creates a second notification. */
  dedupeKey?: string;
};

/** The channel every process LISTENs on; the payload is only the member's id. */
export const NOTIFICATION_CHANNEL = "quitpath_notifications";

/**
 * Adds an in-app notification and tells every server process (pg_notify is delivered on commit,
 * so a rolled-back transaction notifies no one). Returns null when the dedupeKey was used before.
 */
export async function notify(db: Database, n: NewNotification): Promise<{ id: string } | null> {
  const [row] = await db
    .insert(notifications)
    .values({
      userId: n.userId,
      kind: n.kind,
      payload: { messageKey: n.messageKey, values: n.values, href: n.href },
      dedupeKey: n.dedupeKey ?? null,
    })
    .onConflictDoNothing()
    .returning({ id: notifications.id });
  if (!row) return null;
  await db.execute(sql`select pg_notify(${NOTIFICATION_CHANNEL}, ${n.userId})`);
  return row;
}
