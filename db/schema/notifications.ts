import { sql } from "drizzle-orm";
import { boolean, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./identity";

/** Every email we send. Without SMTP configured this table is the delivery: admins read it. */
/** A text attachment of an outbox email (an .ics invitation): its name, MIME type and content. */
export type EmailAttachment = { filename: string; contentType: string; content: string };

export const emailOutbox = pgTable(
  "email_outbox",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid().references(() => users.id, { onDelete: "set null" }),
    kind: text().notNull(),
    toAddress: text().notNull(),
    subject: text().notNull(),
    textBody: text().notNull(),
    htmlBody: text().notNull(),
    headers: jsonb().$type<Record<string, string>>().notNull().default({}),
    /** Files sent with the email (calendar invitations), as text. */
    attachments: jsonb().$type<EmailAttachment[]>().notNull().default([]),
    /** One key per message: a retried job never sends the same email twice. */
    deliveryKey: text(),
    status: text().$type<DeliveryStatus>().notNull().default("pending"),
    /** Quiet hours: the message waits until then. */
    notBefore: timestamp({ withTimezone: true }).notNull().defaultNow(),
    attempts: integer().notNull().default(0),
    /** A worker sending this row holds it until then, so two workers never send it both. */
    lockedUntil: timestamp({ withTimezone: true }),
    lastError: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index("email_outbox_created_at_idx").on(t.createdAt, t.id),
    uniqueIndex("email_outbox_delivery_key_unique").on(t.deliveryKey),
    index("email_outbox_pending_idx")
      .on(t.notBefore)
      .where(sql`${t.status} = 'pending'`),
  ],
);

/** The in-app notification centre: every notification a member gets is a row. */
export const notifications = pgTable(
  "notifications",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text().notNull(),
    /** Translation key and values, rendered in the reader's language when shown. */
    payload: jsonb().$type<{ messageKey: string; values?: Record<string, string | number>; href?: string }>().notNull(),
    /** Makes a notification idempotent: the same event never notifies twice. */
    dedupeKey: text(),
    readAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("notifications_user_created_idx").on(t.userId, t.createdAt, t.id),
    index("notifications_user_unread_idx")
      .on(t.userId)
      .where(sql`${t.readAt} is null`),
    uniqueIndex("notifications_dedupe_unique").on(t.userId, t.dedupeKey),
  ],
);

/**
 * A member's notification settings (NotificationPreferences as JSONB), their SMS number, and
 * which local day each scheduled message last went out, so a cron running every few minutes sends once a day.
 */
export const notificationSettings = pgTable("notification_settings", {
  userId: uuid()
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  preferences: jsonb().$type<Record<string, unknown>>().notNull().default({}),
  phone: text(),
  lastEncouragementOn: date({ mode: "string" }),
  lastReminderOn: date({ mode: "string" }),
  lastWeeklySummaryOn: date({ mode: "string" }),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** Every SMS. Without SMS_URL configured this table is the delivery: admins read it. */
export const smsOutbox = pgTable(
  "sms_outbox",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid().references(() => users.id, { onDelete: "set null" }),
    kind: text().notNull(),
    toNumber: text().notNull(),
    body: text().notNull(),
    /** One key per message: a retried job never sends the same SMS twice. */
    deliveryKey: text(),
    status: text().$type<DeliveryStatus>().notNull().default("pending"),
    notBefore: timestamp({ withTimezone: true }).notNull().defaultNow(),
    attempts: integer().notNull().default(0),
    /** A worker sending this row holds it until then, so two workers never send it both. */
    lockedUntil: timestamp({ withTimezone: true }),
    lastError: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index("sms_outbox_created_at_idx").on(t.createdAt, t.id),
    uniqueIndex("sms_outbox_delivery_key_unique").on(t.deliveryKey),
    index("sms_outbox_pending_idx")
      .on(t.notBefore)
      .where(sql`${t.status} = 'pending'`),
  ],
);

/** pending: waiting for a provider; sent: the provider accepted it; outbox: no provider configured, the row is the delivery. */
export type DeliveryStatus = "pending" | "sent" | "outbox";

/** The admin-managed encouragement library (seeded from messages.ts). */
export const motivationMessages = pgTable(
  "motivation_messages",
  {
    id: uuid().primaryKey().defaultRandom(),
    key: text().notNull().unique(),
    textEn: text().notNull(),
    textVi: text().notNull(),
    active: boolean().notNull().default(true),
    /** Still being written (one language may be empty): never sent until published with both. */
    draft: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("motivation_messages_active_idx")
      .on(t.active)
      .where(sql`${t.active}`),
  ],
);

/** One browser's Web Push subscription (a member may have several devices); removed when the push service answers 404/410. */
export const pushSubscriptions = pgTable(
  "push_subscriptions",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    endpoint: text().notNull(),
    /** The browser's P-256 public key and auth secret (base64url), for RFC 8291 payload encryption. */
    p256dh: text().notNull(),
    auth: text().notNull(),
    /** Show the message itself on the lock screen; otherwise a neutral line without health data. */
    lockScreenDetails: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastSentAt: timestamp({ withTimezone: true }),
  },
  (t) => [uniqueIndex("push_subscriptions_endpoint_unique").on(t.endpoint), index("push_subscriptions_user_idx").on(t.userId)],
);

/** The server's VAPID key pair when none is configured: generated once, shared by every process. */
export const webPushKeys = pgTable("web_push_keys", {
  id: integer().primaryKey().default(1),
  publicKey: text().notNull(),
  privateKey: text().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** A notification waiting to go to the member's devices by Web Push; the content is resolved per device at send time. */
export const pushOutbox = pgTable(
  "push_outbox",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text().notNull(),
    /** Shown only on devices whose member chose lock-screen details; others get a neutral line. */
    title: text().notNull(),
    details: text().notNull(),
    /** A path on our own site the notification opens. */
    href: text().notNull(),
    /** One key per message: a retried job never pushes the same message twice. */
    deliveryKey: text().notNull(),
    status: text().$type<"pending" | "sent">().notNull().default("pending"),
    notBefore: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** Checked against the member's quiet hours when sent (held, not dropped); false for what must go at once. */
    holdInQuietHours: boolean().notNull().default(true),
    attempts: integer().notNull().default(0),
    lockedUntil: timestamp({ withTimezone: true }),
    lastError: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex("push_outbox_delivery_key_unique").on(t.deliveryKey),
    // The admin's outbox pages it newest first, like the email and SMS outboxes.
    index("push_outbox_created_at_idx").on(t.createdAt, t.id),
    index("push_outbox_pending_idx")
      .on(t.notBefore)
      .where(sql`${t.status} = 'pending'`),
  ],
);
