import { createHmac } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Database } from "#db/client.server";
import { appUrl, env } from "~/lib/env.server";
import type { AppLocale } from "~/lib/i18n";
import { getFixedT } from "~/lib/i18n.server";
import { sendEmail } from "./email.server";
import { notify } from "./notify.server";
import { channelsFor, preferencesFromStored, type NotificationKind, type NotificationPreferences } from "./preferences";
import { queuePush } from "./push.server";
import { applyQuietHours } from "./schedule";
import { sendSms } from "./sms.server";
import { renderNotificationEmail, type NotificationEmail } from "./templates";
import { createUnsubscribeToken } from "./unsubscribe";

export type Recipient = {
  id: string;
  email: string;
  displayName: string;
  locale: AppLocale;
  timeZone: string;
  currency: string;
  phone: string | null;
  preferences: NotificationPreferences;
};

/** Members with their notification settings, in one query. */
export async function loadRecipients(db: Database, userIds: readonly string[]): Promise<Map<string, Recipient>> {
  const result = new Map<string, Recipient>();
  if (userIds.length === 0) return result;
  const rows = (await db.execute(sql`
    select u.id, u.email, u.display_name, u.locale, u.time_zone, u.currency, s.phone, s.preferences
    from users u left join notification_settings s on s.user_id = u.id
    where u.id = any(${`{${userIds.join(",")}}`}::uuid[])
  `)) as unknown as {
    id: string;
    email: string;
    display_name: string;
    locale: AppLocale;
    time_zone: string;
    currency: string;
    phone: string | null;
    preferences: unknown;
  }[];
  for (const r of rows) {
    result.set(r.id, {
      id: r.id,
      email: r.email,
      displayName: r.display_name,
      locale: r.locale,
      timeZone: r.time_zone,
      currency: r.currency,
      phone: r.phone,
      preferences: preferencesFromStored(r.preferences),
    });
  }
  return result;
}

/** The secret unsubscribe links are signed with, derived from the session secret (one secret to rotate). */
export function unsubscribeSecret(): string {
  return createHmac("sha256", env().SESSION_SECRET).update("quitpath:unsubscribe").digest("base64url");
}

const UNSUBSCRIBE_LIFETIME_MS = 90 * 24 * 3600 * 1000;

export function unsubscribeUrl(userId: string, kind: NotificationKind, channel: "email" | "sms", now: Date): string {
  const token = createUnsubscribeToken({ userId, kind, channel }, unsubscribeSecret(), new Date(now.getTime() + UNSUBSCRIBE_LIFETIME_MS));
  return `${appUrl()}/unsubscribe?${new URLSearchParams({ token })}`;
}

/** What a message says, in the recipient's language (built by the caller for each recipient). */
export type MessageContent = Omit<NotificationEmail, "unsubscribe"> & { sms: string };

type Queued = { id: string; notBefore: Date }[];
export type Deliveries = { email: Queued; sms: Queued; push: Queued };
export const noDeliveries = (): Deliveries => ({ email: [], sms: [], push: [] });

/** A path on our own site for the notification to open (the service worker opens nothing else). */
function sitePath(href: string | undefined): string {
  if (!href) return "/app/notifications";
  const url = new URL(href, appUrl());
  return url.origin === new URL(appUrl()).origin ? `${url.pathname}${url.search}${url.hash}` : "/app/notifications";
}

/**
 * Sends one message to a member on every channel their preferences choose for its kind:
 * in-app now (unless `inApp` is null because the caller already wrote it), email, SMS and push after quiet hours.
 * Idempotent by `dedupeKey`: the same key never notifies, emails, texts or pushes twice.
 * Returns the outbox rows to hand to delivery jobs after the caller commits.
 */
export async function notifyMember(
  db: Database,
  recipient: Recipient,
  message: {
    kind: NotificationKind;
    dedupeKey: string;
    now: Date;
    inApp: { messageKey: string; values?: Record<string, string | number>; href?: string } | null;
    content: MessageContent;
    /** Send email, SMS and push now even in quiet hours (a member's own choice, e.g. the 1-hour session reminder). */
    ignoreQuietHours?: boolean;
  },
  deliveries: Deliveries = noDeliveries(),
): Promise<Deliveries> {
  if (message.inApp) {
    const created = await notify(db, { userId: recipient.id, kind: message.kind, ...message.inApp, dedupeKey: message.dedupeKey });
    if (!created) return deliveries;
  }
  const channels = channelsFor(recipient.preferences, message.kind);
  const notBefore =
    message.kind === "security" || message.ignoreQuietHours
      ? message.now
      : applyQuietHours(message.now, recipient.preferences.quietHours, recipient.timeZone);
  if (channels.includes("email")) {
    const t = getFixedT(recipient.locale);
    const link = unsubscribeUrl(recipient.id, message.kind, "email", message.now);
    const rendered = renderNotificationEmail(recipient.locale, {
      ...message.content,
      unsubscribe: {
        href: link,
        reason: t("notifications:email.reason", { kind: t(`notifications:kinds.${message.kind}`) }),
        preferencesHref: `${appUrl()}/app/notifications/preferences`,
      },
    });
    const row = await sendEmail(db, {
      userId: recipient.id,
      to: recipient.email,
      kind: message.kind,
      ...rendered,
      headers: { "List-Unsubscribe": `<${link}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
      deliveryKey: `${message.dedupeKey}:email`,
      notBefore,
    });
    if (row) deliveries.email.push({ id: row.id, notBefore });
  }
  if (channels.includes("sms") && recipient.phone) {
    const row = await sendSms(db, {
      userId: recipient.id,
      to: recipient.phone,
      body: message.content.sms,
      kind: message.kind,
      deliveryKey: `${message.dedupeKey}:sms`,
      notBefore,
    });
    if (row) deliveries.sms.push({ id: row.id, notBefore });
  }
  if (channels.includes("push")) {
    const row = await queuePush(db, {
      userId: recipient.id,
      kind: message.kind,
      title: message.content.subject,
      details: message.content.paragraphs.join(" ").slice(0, 300),
      href: sitePath(message.content.action?.href ?? message.inApp?.href),
      deliveryKey: `${message.dedupeKey}:push`,
      notBefore,
      holdInQuietHours: !(message.kind === "security" || message.ignoreQuietHours),
    });
    if (row) deliveries.push.push({ id: row.id, notBefore });
  }
  return deliveries;
}
