import { and, desc, eq, getTableColumns, isNull, sql, type AnyColumn, type SQL } from "drizzle-orm";
import { notifications } from "#db/schema";
import type { Database } from "#db/client.server";
import { isUuid } from "~/lib/uuid";

export const NOTIFICATIONS_PAGE_SIZE = 20;

/** The header's unread count: one index-only count over the partial unread index. */
export async function countUnread(db: Database, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

/**
 * Where a newest-first page of rows ordered by (created_at, id) ends. `createdAt` is the
 * timestamp as Postgres writes it, to the microsecond: a JavaScript Date keeps milliseconds, and
 * a cursor cut to the millisecond skipped rows written within the same millisecond.
 */
export type Cursor = { createdAt: string; id: string };

const TIMESTAMP_TEXT = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}(:?\d{2})?)$/;

export function parseCursor(value: string | null): Cursor | null {
  if (!value) return null;
  const [createdAt, id] = value.split("_");
  if (!createdAt || !id || !TIMESTAMP_TEXT.test(createdAt) || !isUuid(id)) return null;
  return { createdAt, id };
}

/** The text a row's cursor is made of: its created_at exactly as stored. */
export function cursorText(createdAt: AnyColumn): SQL<string> {
  return sql<string>`${createdAt}::text`;
}

export function cursorOf(row: { cursorAt: string; id: string }): string {
  return `${row.cursorAt}_${row.id}`;
}

/** Rows older than the cursor, newest first: a row comparison the (…, created_at, id) indexes answer. */
export function olderThan(createdAt: AnyColumn, id: AnyColumn, cursor: Cursor): SQL {
  return sql`(${createdAt}, ${id}) < (${cursor.createdAt}::timestamptz, ${cursor.id}::uuid)`;
}

/** A page of the member's notifications, newest first, keyset-paginated by (created_at, id). */
export async function listNotifications(db: Database, userId: string, options: { before?: Cursor | null; unreadOnly?: boolean } = {}) {
  const rows = await db
    .select({ ...getTableColumns(notifications), cursorAt: cursorText(notifications.createdAt) })
    .from(notifications)
    .where(
      and(
        eq(notifications.userId, userId),
        options.unreadOnly ? isNull(notifications.readAt) : undefined,
        options.before ? olderThan(notifications.createdAt, notifications.id, options.before) : undefined,
      ),
    )
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(NOTIFICATIONS_PAGE_SIZE + 1);
  const page = rows.slice(0, NOTIFICATIONS_PAGE_SIZE);
  const last = page.at(-1);
  return {
    items: page.map(({ cursorAt: _, ...item }) => item),
    next: rows.length > NOTIFICATIONS_PAGE_SIZE && last ? cursorOf(last) : null,
  };
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
