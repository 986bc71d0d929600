import { and, eq, isNull, lte, or, sql } from "drizzle-orm";
import { smsOutbox } from "#db/schema";
import type { Database } from "#db/client.server";
import { env } from "~/lib/env.server";

export type OutgoingSms = { to: string; body: string; kind: string; userId?: string | null; deliveryKey?: string; notBefore?: Date };

export function smsConfigured(): boolean {
  return Boolean(env().SMS_URL);
}

/** Queues an SMS (outbox row; `pending` for the provider when SMS_URL is set, else `outbox`). */
export async function sendSms(db: Database, sms: OutgoingSms): Promise<{ id: string } | null> {
  const [row] = await db
    .insert(smsOutbox)
    .values({
      userId: sms.userId ?? null,
      kind: sms.kind,
      toNumber: sms.to,
      body: sms.body,
      deliveryKey: sms.deliveryKey ?? null,
      status: smsConfigured() ? "pending" : "outbox",
      notBefore: sms.notBefore ?? new Date(),
    })
    .onConflictDoNothing()
    .returning({ id: smsOutbox.id });
  return row ?? null;
}

const LOCK_MS = 2 * 60_000;

/**
 * Sends one pending SMS through the HTTP provider: POST {to, body} as JSON with a bearer token and an
 * Idempotency-Key, so a provider that honours it never sends twice. Failures are recorded and rethrown (retry).
 */
export async function deliverSms(db: Database, outboxId: string, now = new Date()): Promise<"sent" | "skipped"> {
  const config = env();
  if (!config.SMS_URL) return "skipped";
  const [row] = await db
    .update(smsOutbox)
    .set({ lockedUntil: new Date(now.getTime() + LOCK_MS), attempts: sql`${smsOutbox.attempts} + 1` })
    .where(
      and(
        eq(smsOutbox.id, outboxId),
        eq(smsOutbox.status, "pending"),
        lte(smsOutbox.notBefore, now),
        or(isNull(smsOutbox.lockedUntil), lte(smsOutbox.lockedUntil, now)),
      ),
    )
    .returning();
  if (!row) return "skipped";
  try {
    const response = await fetch(config.SMS_URL, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        "Idempotency-Key": row.deliveryKey ?? row.id,
        ...(config.SMS_TOKEN ? { Authorization: `Bearer ${config.SMS_TOKEN}` } : {}),
      },
      body: JSON.stringify({ to: row.toNumber, body: row.body }),
      signal: AbortSignal.timeout(config.PROVIDER_TIMEOUT_MS ?? 10_000),
    });
    if (!response.ok) throw new Error(`SMS provider answered ${response.status}`);
  } catch (error) {
    await db
      .update(smsOutbox)
      .set({ lockedUntil: null, lastError: error instanceof Error ? error.message.slice(0, 500) : "send failed" })
      .where(eq(smsOutbox.id, row.id));
    throw error;
  }
  await db
    .update(smsOutbox)
    .set({ status: "sent", sentAt: new Date(), lockedUntil: null, lastError: null })
    .where(eq(smsOutbox.id, row.id));
  return "sent";
}

export async function dueSmsIds(db: Database, now: Date, limit = 500): Promise<string[]> {
  const rows = await db
    .select({ id: smsOutbox.id })
    .from(smsOutbox)
    .where(
      and(
        eq(smsOutbox.status, "pending"),
        lte(smsOutbox.notBefore, now),
        or(isNull(smsOutbox.lockedUntil), lte(smsOutbox.lockedUntil, now)),
      ),
    )
    .orderBy(smsOutbox.notBefore)
    .limit(limit);
  return rows.map((r) => r.id);
}
