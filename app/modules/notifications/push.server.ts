import { readFileSync } from "node:fs";
import { Agent } from "node:https";
import { and, eq, isNull, lte, or, sql } from "drizzle-orm";
import webPush from "web-push";
import { z } from "zod";
import { notificationSettings, pushOutbox, pushSubscriptions, users, webPushKeys } from "#db/schema";
import type { Database } from "#db/client.server";
import { env } from "~/lib/env.server";
import { DomainError } from "~/lib/domain-error";
import type { AppLocale } from "~/lib/i18n";
import { getFixedT } from "~/lib/i18n.server";
import { preferencesFromStored } from "./preferences";
import { applyQuietHours, type QuietHours } from "./schedule";

export type VapidKeys = { publicKey: string; privateKey: string; subject: string };

let kept: Promise<VapidKeys> | null = null;
/** VAPID_PUBLIC_KEY/VAPID_PRIVATE_KEY when configured; otherwise one pair generated at first use and kept in Postgres for every process. */
export function vapidKeys(db: Database): Promise<VapidKeys> {
  const config = env();
  if (config.VAPID_PUBLIC_KEY && config.VAPID_PRIVATE_KEY)
    return Promise.resolve({ publicKey: config.VAPID_PUBLIC_KEY, privateKey: config.VAPID_PRIVATE_KEY, subject: config.VAPID_SUBJECT });
  kept ??= (async () => {
    const generated = webPush.generateVAPIDKeys();
    // Processes starting at once agree on the first pair written.
    await db
      .insert(webPushKeys)
      .values({ id: 1, ...generated })
      .onConflictDoNothing();
    const [row] = await db.select().from(webPushKeys).where(eq(webPushKeys.id, 1));
    return { publicKey: row!.publicKey, privateKey: row!.privateKey, subject: config.VAPID_SUBJECT };
  })().catch((error: unknown) => {
    kept = null;
    throw error;
  });
  return kept;
}

function isPrivateHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (host === "localhost" || host.endsWith(".localhost") || host.endsWith(".local") || host.endsWith(".internal")) return true;
  if (host.includes(":")) return true; // IPv6 literals: push services are named by DNS
  const ip = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(host);
  if (!ip) return false;
  const [a, b] = [Number(ip[1]), Number(ip[2])];
  return (
    a === 10 ||
    a === 127 ||
    a === 0 ||
    (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    a >= 224
  );
}

let testAgent: Agent | undefined;
/** Only with PUSH_TEST_CA_FILE (tests): trusts the loopback push service's own certificate. */
function pushAgent(): Agent | undefined {
  const file = env().PUSH_TEST_CA_FILE;
  if (!file) return undefined;
  testAgent ??= new Agent({ ca: readFileSync(file) });
  return testAgent;
}

const base64url = z.string().regex(/^[A-Za-z0-9_-]+={0,2}$/, "notifications:push.invalid");

/** A push service's address: https only (a loopback http address only when PUSH_ALLOW_LOOPBACK is on, for tests). */
const pushEndpoint = z
  .string()
  .max(2000, "notifications:push.invalid")
  .url("notifications:push.invalid")
  .refine((value) => {
    // zod runs the refinement even after .url() failed.
    if (!URL.canParse(value)) return false;
    const url = new URL(value);
    if (url.protocol !== "https:" || url.username || url.password) return false;
    // Never an address on this machine or its network: the server would post to it.
    if (isPrivateHost(url.hostname)) return env().PUSH_ALLOW_LOOPBACK === "on" && url.hostname === "127.0.0.1";
    return true;
  }, "notifications:push.invalid");

export const pushSubscriptionSchema = z.object({
  endpoint: pushEndpoint,
  p256dh: base64url.min(80).max(100),
  auth: base64url.min(16).max(32),
  lockScreenDetails: z.preprocess((value) => value === "on" || value === "true" || value === true, z.boolean()),
});
export type PushSubscriptionInput = z.output<typeof pushSubscriptionSchema>;

/** Stores this browser's subscription for the member (a device that changes hands moves to its new member). */
export async function savePushSubscription(db: Database, userId: string, input: PushSubscriptionInput): Promise<void> {
  await db
    .insert(pushSubscriptions)
    .values({ userId, ...input })
    .onConflictDoUpdate({
      target: pushSubscriptions.endpoint,
      set: { userId, p256dh: input.p256dh, auth: input.auth, lockScreenDetails: input.lockScreenDetails },
    });
}

/** The member's own subscription only: another member's endpoint is a 404. */
export async function removePushSubscription(db: Database, userId: string, endpoint: string): Promise<void> {
  const removed = await db
    .delete(pushSubscriptions)
    .where(and(eq(pushSubscriptions.userId, userId), eq(pushSubscriptions.endpoint, endpoint)))
    .returning({ id: pushSubscriptions.id });
  if (removed.length === 0) throw new DomainError("not-found", "errors:notFound.title");
}

export async function pushSubscriptionCount(db: Database, userId: string): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(pushSubscriptions)
    .where(eq(pushSubscriptions.userId, userId));
  return row?.count ?? 0;
}

/** What a push says; `details` is shown only where the member chose lock-screen details, else a neutral line. */
export type PushMessage = { title: string; details: string; href: string; tag: string };
export type PushRecipient = { id: string; locale: AppLocale; timeZone: string; quietHours: QuietHours | null };
export type PushOutcome = { sent: number; removed: number; failed: number; heldUntil: Date | null };

/** The payload the service worker shows: never health data unless this device may show details. */
export function pushPayload(message: PushMessage, locale: AppLocale, lockScreenDetails: boolean): string {
  const t = getFixedT(locale);
  const body = lockScreenDetails ? message.details : t("notifications:push.neutral");
  return JSON.stringify({ title: lockScreenDetails ? message.title : "QuitPath", body, href: message.href, tag: message.tag });
}

/**
 * Sends one message to every device of the member, outside transactions (it is network I/O).
 * In quiet hours nothing is sent and the time it may go is returned; 404/410 from a push service removes that subscription.
 */
export async function sendPush(
  db: Database,
  recipient: PushRecipient,
  message: PushMessage,
  options: { now: Date; ignoreQuietHours?: boolean },
): Promise<PushOutcome> {
  const notBefore = options.ignoreQuietHours ? options.now : applyQuietHours(options.now, recipient.quietHours, recipient.timeZone);
  if (notBefore.getTime() > options.now.getTime()) return { sent: 0, removed: 0, failed: 0, heldUntil: notBefore };
  const keys = await vapidKeys(db);
  const devices = await db.select().from(pushSubscriptions).where(eq(pushSubscriptions.userId, recipient.id));
  let sent = 0;
  let removed = 0;
  let failed = 0;
  for (const device of devices) {
    try {
      await webPush.sendNotification(
        { endpoint: device.endpoint, keys: { p256dh: device.p256dh, auth: device.auth } },
        pushPayload(message, recipient.locale, device.lockScreenDetails),
        { vapidDetails: keys, TTL: 24 * 3600, contentEncoding: "aes128gcm", timeout: 10_000, agent: pushAgent() },
      );
      sent += 1;
      await db.update(pushSubscriptions).set({ lastSentAt: options.now }).where(eq(pushSubscriptions.id, device.id));
    } catch (error) {
      const status = (error as { statusCode?: number }).statusCode;
      // The browser unsubscribed or the subscription expired: it will never work again.
      if (status === 404 || status === 410) {
        await db.delete(pushSubscriptions).where(eq(pushSubscriptions.id, device.id));
        removed += 1;
      } else failed += 1; // A push service that is down now may answer next time; one device never stops the others.
    }
  }
  return { sent, removed, failed, heldUntil: null };
}

/** A message for the member's devices; one row per deliveryKey, only for a member who has a device subscribed. */
export type OutgoingPush = { userId: string; kind: string; deliveryKey: string; notBefore: Date; holdInQuietHours: boolean } & Omit<
  PushMessage,
  "tag"
>;

/** Queues a push (the delivery job sends it at notBefore); null when the key was used before or the member has no device. */
export async function queuePush(db: Database, push: OutgoingPush): Promise<{ id: string } | null> {
  const rows = (await db.execute(sql`
    insert into push_outbox (user_id, kind, title, details, href, delivery_key, not_before, hold_in_quiet_hours)
    select ${push.userId}::uuid, ${push.kind}, ${push.title}, ${push.details}, ${push.href}, ${push.deliveryKey},
      ${push.notBefore.toISOString()}::timestamptz, ${push.holdInQuietHours}
    where exists (select 1 from push_subscriptions where user_id = ${push.userId}::uuid)
    on conflict (delivery_key) do nothing
    returning id
  `)) as unknown as { id: string }[];
  return rows[0] ? { id: rows[0].id } : null;
}

/**
 * A coach's chat reply for the member's devices, in one statement: only when the member chose push for coaching
 * (stored preferences; the default has none) and has a device. Quiet hours are checked when it is sent.
 */
export async function queueCoachReplyPush(
  db: Database,
  reply: { memberId: string; messageId: string; body: string | null; now: Date },
): Promise<{ id: string; notBefore: Date } | null> {
  const [en, vi] = [getFixedT("en"), getFixedT("vi")];
  const details = reply.body?.trim().slice(0, 300) || null;
  const rows = (await db.execute(sql`
    insert into push_outbox (user_id, kind, title, details, href, delivery_key, not_before)
    select u.id, 'coaching',
      case when u.locale = 'vi' then ${vi("notifications:push.coachReplyTitle")} else ${en("notifications:push.coachReplyTitle")} end,
      coalesce(${details}::text, case when u.locale = 'vi' then ${vi("notifications:push.coachReplyAttachment")} else ${en("notifications:push.coachReplyAttachment")} end),
      '/app/coach', ${`chat:${reply.messageId}:push`}, ${reply.now.toISOString()}::timestamptz
    from users u left join notification_settings s on s.user_id = u.id
    where u.id = ${reply.memberId}::uuid
      and coalesce(s.preferences -> 'channels' -> 'coaching', '[]'::jsonb) ? 'push'
      and exists (select 1 from push_subscriptions p where p.user_id = u.id)
    on conflict (delivery_key) do nothing
    returning id
  `)) as unknown as { id: string }[];
  return rows[0] ? { id: rows[0].id, notBefore: reply.now } : null;
}

const LOCK_MS = 2 * 60_000;

const claimable = (now: Date) =>
  and(
    eq(pushOutbox.status, "pending"),
    lte(pushOutbox.notBefore, now),
    or(isNull(pushOutbox.lockedUntil), lte(pushOutbox.lockedUntil, now)),
  );

/**
 * Sends one queued push to every device of its member. The row is claimed first and marked sent after, so a retried
 * or duplicate job sends nothing more. In the member's quiet hours (as they are now) it is held: its notBefore moves
 * to their end and `held` tells the caller when to try again.
 */
export async function deliverPush(db: Database, outboxId: string, now = new Date()): Promise<"sent" | "skipped" | { held: Date }> {
  const [row] = await db
    .update(pushOutbox)
    .set({ lockedUntil: new Date(now.getTime() + LOCK_MS), attempts: sql`${pushOutbox.attempts} + 1` })
    .where(and(eq(pushOutbox.id, outboxId), claimable(now)))
    .returning();
  if (!row) return "skipped";
  let heldUntil: Date | null = null;
  try {
    const [member] = await db
      .select({ locale: users.locale, timeZone: users.timeZone, preferences: notificationSettings.preferences })
      .from(users)
      .leftJoin(notificationSettings, eq(notificationSettings.userId, users.id))
      .where(eq(users.id, row.userId));
    if (member) {
      const outcome = await sendPush(
        db,
        {
          id: row.userId,
          locale: member.locale,
          timeZone: member.timeZone,
          quietHours: preferencesFromStored(member.preferences).quietHours,
        },
        { title: row.title, details: row.details, href: row.href, tag: row.id },
        { now, ignoreQuietHours: !row.holdInQuietHours },
      );
      heldUntil = outcome.heldUntil;
      // No device took it and one may later: fail the job so it is retried (and shown failing in the admin's outbox), as email and SMS are.
      // Once one device took it, it counts as sent: a retry would push it to that device twice.
      if (outcome.sent === 0 && outcome.failed > 0)
        throw new Error(`No push service accepted the message (${outcome.failed} device(s) failed)`);
    }
  } catch (error) {
    await db
      .update(pushOutbox)
      .set({ lockedUntil: null, lastError: error instanceof Error ? error.message.slice(0, 500) : "send failed" })
      .where(eq(pushOutbox.id, row.id));
    throw error;
  }
  if (heldUntil) {
    await db.update(pushOutbox).set({ notBefore: heldUntil, lockedUntil: null }).where(eq(pushOutbox.id, row.id));
    return { held: heldUntil };
  }
  await db
    .update(pushOutbox)
    .set({ status: "sent", sentAt: new Date(), lockedUntil: null, lastError: null })
    .where(eq(pushOutbox.id, row.id));
  return "sent";
}

/** Pushes due now that no job took (a worker was down, or the job was queued where pg-boss did not run). */
export async function duePushIds(db: Database, now: Date, limit = 500): Promise<string[]> {
  const rows = await db.select({ id: pushOutbox.id }).from(pushOutbox).where(claimable(now)).orderBy(pushOutbox.notBefore).limit(limit);
  return rows.map((r) => r.id);
}
