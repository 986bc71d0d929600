import { desc, eq, getTableColumns } from "drizzle-orm";
import { emailOutbox, pushOutbox, smsOutbox, users, type DeliveryStatus } from "#db/schema";
import type { Database } from "#db/client.server";
import { cursorOf, cursorText, olderThan, type Cursor } from "./centre.server";

export const OUTBOX_CHANNELS = ["email", "sms", "push"] as const;
export type OutboxChannel = (typeof OUTBOX_CHANNELS)[number];
export const OUTBOX_PAGE_SIZE = 25;

/** One message as the admin's outbox shows it, whichever channel it goes out on. */
export type OutboxMessage = {
  id: string;
  to: string;
  kind: string;
  subject: string | null;
  body: string;
  status: DeliveryStatus;
  createdAt: Date;
  notBefore: Date;
  lastError: string | null;
  /** Sends tried so far (each delivery job run that claimed the row). */
  attempts: number;
  /** Unsent and its last try failed: the delivery jobs retry it with back-off, and jobs that ran out of retries are in the dead-letter queue (/admin/jobs). */
  failing: boolean;
  headers: Record<string, string>;
};

/** A newest-first page of one channel's outbox, keyset-paginated by (created_at, id); `next` is the older page's cursor. */
export async function outboxPage(
  db: Database,
  channel: OutboxChannel,
  before: Cursor | null,
): Promise<{ messages: OutboxMessage[]; next: string | null }> {
  const rows =
    channel === "sms" ? await smsPage(db, before) : channel === "push" ? await pushPage(db, before) : await emailPage(db, before);
  const page = rows.slice(0, OUTBOX_PAGE_SIZE);
  const last = page.at(-1);
  return {
    messages: page.map(({ cursorAt: _, ...message }) => ({
      ...message,
      failing: message.status === "pending" && message.lastError !== null,
    })),
    next: rows.length > OUTBOX_PAGE_SIZE && last ? cursorOf(last) : null,
  };
}

async function smsPage(db: Database, before: Cursor | null) {
  const rows = await db
    .select({ ...getTableColumns(smsOutbox), cursorAt: cursorText(smsOutbox.createdAt) })
    .from(smsOutbox)
    .where(before ? olderThan(smsOutbox.createdAt, smsOutbox.id, before) : undefined)
    .orderBy(desc(smsOutbox.createdAt), desc(smsOutbox.id))
    .limit(OUTBOX_PAGE_SIZE + 1);
  return rows.map((r) => ({
    id: r.id,
    cursorAt: r.cursorAt,
    to: r.toNumber,
    kind: r.kind,
    subject: null,
    body: r.body,
    status: r.status,
    createdAt: r.createdAt,
    notBefore: r.notBefore,
    lastError: r.lastError,
    attempts: r.attempts,
    headers: {},
  }));
}

/** Push rows go to every device of one member: the member's email names the recipient. */
async function pushPage(db: Database, before: Cursor | null) {
  const rows = await db
    .select({ ...getTableColumns(pushOutbox), email: users.email, cursorAt: cursorText(pushOutbox.createdAt) })
    .from(pushOutbox)
    .innerJoin(users, eq(users.id, pushOutbox.userId))
    .where(before ? olderThan(pushOutbox.createdAt, pushOutbox.id, before) : undefined)
    .orderBy(desc(pushOutbox.createdAt), desc(pushOutbox.id))
    .limit(OUTBOX_PAGE_SIZE + 1);
  return rows.map((r) => ({
    id: r.id,
    cursorAt: r.cursorAt,
    to: r.email,
    kind: r.kind,
    subject: r.title as string | null,
    body: `${r.details}\n${r.href}`,
    status: r.status as DeliveryStatus,
    createdAt: r.createdAt,
    notBefore: r.notBefore,
    lastError: r.lastError,
    attempts: r.attempts,
    headers: {},
  }));
}

async function emailPage(db: Database, before: Cursor | null) {
  const rows = await db
    .select({ ...getTableColumns(emailOutbox), cursorAt: cursorText(emailOutbox.createdAt) })
    .from(emailOutbox)
    .where(before ? olderThan(emailOutbox.createdAt, emailOutbox.id, before) : undefined)
    .orderBy(desc(emailOutbox.createdAt), desc(emailOutbox.id))
    .limit(OUTBOX_PAGE_SIZE + 1);
  return rows.map((r) => ({
    id: r.id,
    cursorAt: r.cursorAt,
    to: r.toAddress,
    kind: r.kind,
    subject: r.subject as string | null,
    body: r.textBody,
    status: r.status,
    createdAt: r.createdAt,
    notBefore: r.notBefore,
    lastError: r.lastError,
    attempts: r.attempts,
    headers: r.headers,
  }));
}
