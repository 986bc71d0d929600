import { and, desc, eq, isNull, lt, or, sql } from "drizzle-orm";
import { notifications } from "#db/schema";
import type { Database } from "#db/client.server";

export const NOTIFICATIONS_PAGE_SIZE = 20;

/** The header's unread count: one index-only count over the partial unread index. */
export async function countUnread(db: Database, userId: string): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(notifications).where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

export type Cursor = { createdAt: string; id: string };

export function parseCursor(value: string | null): Cursor | null {
  if (!value) return null;
  const [createdAt, id] = value.split("_");
  if (!createdAt || !id || Number.isNaN(Date.parse(createdAt)) || !/^[0-9a-f-]{36}$/i.test(id)) return null;
  return { createdAt, id };
}

/** A page of the member's notifications, newest first, keyset-paginated by (created_at, id). */
export async function listNotifications(db: Database, userId: string, options: { before?: Cursor | null; unreadOnly?: boolean } = {}) {
  const rows = await db
    .select()
    .from(notifications)
    .where(
      and(
        eq(notifications.userId, userId),
        options.unreadOnly ? isNull(notifications.readAt) : undefined,
        options.before
          ? or(lt(notifications.createdAt, new Date(options.before.createdAt)), and(eq(notifications.createdAt, new Date(options.before.createdAt)), lt(notifications.id, options.before.id)))
          : undefined,
      ),
    )
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(NOTIFICATIONS_PAGE_SIZE + 1);
  const page = rows.slice(0, NOTIFICATIONS_PAGE_SIZE);
  const last = page.at(-1);
  return { items: page, next: rows.length > NOTIFICATIONS_PAGE_SIZE && last ? `${last.createdAt.toISOString()}_${last.id}` : null };
}

/** Marks one of the member's own notifications read (ownership in the query; a foreign id changes nothing). */
export async function markRead(db: Database, userId: string, id: string): Promise<boolean> {
  const rows = await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.id, id), eq(notifications.userId, userId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  if (rows.length > 0) await signalCount(db, userId);
  return rows.length > 0;
}

export async function markAllRead(db: Database, userId: string): Promise<number> {
  const rows = await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  if (rows.length > 0) await signalCount(db, userId);
  return rows.length;
}

/** Other tabs and processes refresh their count too. */
async function signalCount(db: Database, userId: string) {
  await db.execute(sql`select pg_notify('quitpath_notifications', ${userId})`);
}
