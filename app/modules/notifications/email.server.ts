import { and, eq, isNull, lte, or, sql } from "drizzle-orm";
import nodemailer, { type Transporter } from "nodemailer";
import SMTPTransport from "nodemailer/lib/smtp-transport/index.js";
import { emailOutbox, type EmailAttachment } from "#db/schema";
import type { Database } from "#db/client.server";
import { env } from "~/lib/env.server";
import { remember } from "~/lib/remember.server";
import type { RenderedEmail } from "./templates";

export type OutgoingEmail = RenderedEmail & {
  to: string;
  kind: string;
  userId?: string | null;
  headers?: Record<string, string>;
  attachments?: EmailAttachment[];
  /** The same key never queues a second email (a retried job, a second sweep). */
  deliveryKey?: string;
  /** Quiet hours: not sent before this instant. */
  notBefore?: Date;
};

/** Whether a real SMTP server is configured; without one the outbox row is the delivery. */
export function smtpConfigured(): boolean {
  return Boolean(env().SMTP_URL);
}

/**
 * Queues an email: one outbox row, written in the caller's transaction, so an email exists only if
 * what caused it committed. With SMTP configured the row is `pending` until a deliver-email job sends it;
 * without, it is `outbox` (admins read it at /admin/outbox). Returns null when the deliveryKey was used before.
 */
export async function sendEmail(db: Database, email: OutgoingEmail): Promise<{ id: string } | null> {
  const [row] = await db
    .insert(emailOutbox)
    .values({
      userId: email.userId ?? null,
      kind: email.kind,
      toAddress: email.to,
      subject: email.subject,
      textBody: email.text,
      htmlBody: email.html,
      headers: email.headers ?? {},
      attachments: email.attachments ?? [],
      deliveryKey: email.deliveryKey ?? null,
      status: smtpConfigured() ? "pending" : "outbox",
      notBefore: email.notBefore ?? new Date(),
    })
    .onConflictDoNothing()
    .returning({ id: emailOutbox.id });
  return row ?? null;
}

const LOCK_MS = 2 * 60_000;

/**
 * A send gives up well within the row's lock (nodemailer waits up to an hour on a silent server by
 * default): a stalled SMTP server fails the job, which retries, instead of the lock lapsing mid-send and
 * the dispatcher handing the row to a second job that sends it again.
 */
export const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

function transporter(): Transporter {
  const url = env().SMTP_URL!;
  // The transport itself reads the URL beside other options (createTransport keeps only the URL's).
  return remember(`smtp:${url}`, () => nodemailer.createTransport(new SMTPTransport({ url, ...SMTP_TIMEOUTS })));
}

/**
 * Sends one pending outbox row through SMTP. Idempotent: a row already sent, not yet due, or being
 * sent by another worker is left alone. An SMTP failure is recorded and rethrown so the job retries.
 */
export async function deliverEmail(db: Database, outboxId: string, now = new Date()): Promise<"sent" | "skipped"> {
  if (!smtpConfigured()) return "skipped";
  const [row] = await db
    .update(emailOutbox)
    .set({ lockedUntil: new Date(now.getTime() + LOCK_MS), attempts: sql`${emailOutbox.attempts} + 1` })
    .where(
      and(
        eq(emailOutbox.id, outboxId),
        eq(emailOutbox.status, "pending"),
        lte(emailOutbox.notBefore, now),
        or(isNull(emailOutbox.lockedUntil), lte(emailOutbox.lockedUntil, now)),
      ),
    )
    .returning();
  if (!row) return "skipped";
  try {
    await transporter().sendMail({
      from: env().MAIL_FROM,
      to: row.toAddress,
      subject: row.subject,
      text: row.textBody,
      html: row.htmlBody,
      headers: row.headers,
      attachments: row.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })),
      // The same Message-ID on a resend lets receiving servers drop a duplicate.
      messageId: `<${row.deliveryKey ? row.deliveryKey.replace(/[^A-Za-z0-9.-]/g, "-") : row.id}@quitpath>`,
    });
  } catch (error) {
    await db
      .update(emailOutbox)
      .set({ lockedUntil: null, lastError: error instanceof Error ? error.message.slice(0, 500) : "send failed" })
      .where(eq(emailOutbox.id, row.id));
    throw error;
  }
  await db
    .update(emailOutbox)
    .set({ status: "sent", sentAt: new Date(), lockedUntil: null, lastError: null })
    .where(eq(emailOutbox.id, row.id));
  return "sent";
}

/** Pending rows that are due (for the dispatcher that hands them to deliver-email jobs). */
export async function dueEmailIds(db: Database, now: Date, limit = 500): Promise<string[]> {
  const rows = await db
    .select({ id: emailOutbox.id })
    .from(emailOutbox)
    .where(
      and(
        eq(emailOutbox.status, "pending"),
        lte(emailOutbox.notBefore, now),
        or(isNull(emailOutbox.lockedUntil), lte(emailOutbox.lockedUntil, now)),
      ),
    )
    .orderBy(emailOutbox.notBefore)
    .limit(limit);
  return rows.map((r) => r.id);
}
