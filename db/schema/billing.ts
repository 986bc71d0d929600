import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import type { Entitlements } from "../../app/modules/billing/entitlements";
import { users } from "./identity";

export const packageStatusEnum = pgEnum("package_status", ["draft", "published", "retired"]);
export const billingPeriodEnum = pgEnum("billing_period", ["monthly", "quarterly", "yearly"]);
export const subscriptionStatusEnum = pgEnum("subscription_status", [
  "incomplete",
  "active",
  "trialing",
  "past_due",
  "cancelled_at_period_end",
  "ended",
]);
/** `comp`: complimentary months an admin granted (no payment, no renewal). `vnpay`/`momo`: one-off payments, one premium term each. */
export const paymentProviderEnum = pgEnum("payment_provider", ["stripe", "test", "comp", "vnpay", "momo"]);
export const paymentStatusEnum = pgEnum("payment_status", ["paid", "open", "failed", "refunded", "partially_refunded", "void"]);
export const promotionKindEnum = pgEnum("promotion_kind", ["percent", "amount"]);

/** What a member can buy. Basic (slug "basic") is free and never needs a subscription row. */
export const packages = pgTable("packages", {
  id: uuid().primaryKey().defaultRandom(),
  slug: text().notNull().unique(),
  nameEn: text().notNull(),
  nameVi: text().notNull(),
  descriptionEn: text().notNull(),
  descriptionVi: text().notNull(),
  status: packageStatusEnum().notNull().default("draft"),
  entitlements: jsonb().$type<Entitlements>().notNull(),
  termsVersion: integer().notNull().default(1),
  termsEn: text().notNull().default(""),
  termsVi: text().notNull().default(""),
  sortOrder: integer().notNull().default(0),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const packagePrices = pgTable(
  "package_prices",
  {
    id: uuid().primaryKey().defaultRandom(),
    packageId: uuid()
      .notNull()
      .references(() => packages.id, { onDelete: "cascade" }),
    currency: text().notNull(),
    amountMinor: integer().notNull(),
    period: billingPeriodEnum().notNull(),
    /** Stripe's price id once synced (looked up by lookup_key `<slug>_<period>_<currency>_<amount>`). */
    providerPriceId: text(),
    /** One-off providers an admin enabled for this price (e.g. {vnpay,momo} on VND); the card provider is always offered. */
    oneOffProviders: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    active: boolean().notNull().default(true),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // One live price per package, currency and period; an edited price retires the old row, so subscribers keep theirs.
    uniqueIndex("package_prices_live_unique")
      .on(t.packageId, t.currency, t.period)
      .where(sql`${t.active}`),
    check("package_prices_amount_non_negative", sql`${t.amountMinor} >= 0`),
  ],
);

export const promotions = pgTable(
  "promotions",
  {
    id: uuid().primaryKey().defaultRandom(),
    code: text().notNull().unique(),
    kind: promotionKindEnum().notNull(),
    percentOff: integer(),
    amountOffMinor: integer(),
    currency: text(),
    expiresAt: timestamp({ withTimezone: true }),
    maxRedemptions: integer(),
    redemptions: integer().notNull().default(0),
    providerCouponId: text(),
    /** Set when an admin deactivates the code: checkouts refuse it from then on; null while it is usable. */
    deactivatedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check("promotions_redemptions_within_limit", sql`${t.maxRedemptions} is null or ${t.redemptions} <= ${t.maxRedemptions}`)],
);

export const subscriptions = pgTable(
  "subscriptions",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    packageId: uuid()
      .notNull()
      .references(() => packages.id),
    priceId: uuid()
      .notNull()
      .references(() => packagePrices.id),
    status: subscriptionStatusEnum().notNull(),
    provider: paymentProviderEnum().notNull(),
    providerCustomerId: text(),
    providerSubscriptionId: text(),
    checkoutId: uuid().references((): AnyPgColumn => checkoutSessions.id),
    promotionId: uuid().references(() => promotions.id),
    currentPeriodEnd: timestamp({ withTimezone: true }).notNull(),
    cancelAtPeriodEnd: boolean().notNull().default(false),
    pastDueSince: timestamp({ withTimezone: true }),
    endedAt: timestamp({ withTimezone: true }),
    acceptedTermsVersion: integer().notNull(),
    acceptedTermsAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // A member never holds two live subscriptions: a second checkout that completes at the same time fails here.
    uniqueIndex("subscriptions_one_live_per_member")
      .on(t.userId)
      .where(sql`${t.status} in ('active', 'trialing', 'past_due', 'cancelled_at_period_end')`),
    uniqueIndex("subscriptions_provider_subscription_unique").on(t.providerSubscriptionId),
    uniqueIndex("subscriptions_checkout_unique").on(t.checkoutId),
    index("subscriptions_status_idx").on(t.status),
    // The report rollups' incremental run finds what changed since its watermark through these.
    index("subscriptions_updated_idx").on(t.updatedAt),
    index("subscriptions_created_idx").on(t.createdAt),
  ],
);

export const promotionRedemptions = pgTable(
  "promotion_redemptions",
  {
    id: uuid().primaryKey().defaultRandom(),
    promotionId: uuid()
      .notNull()
      .references(() => promotions.id, { onDelete: "cascade" }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    subscriptionId: uuid().references(() => subscriptions.id, { onDelete: "set null" }),
    /** A VNPay/MoMo term: each paid attempt is one purchase with its own discount, so each counts once (a card subscription counts once for its life). */
    checkoutId: uuid().references(() => checkoutSessions.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("promotion_redemptions_once_per_subscription")
      .on(t.promotionId, t.subscriptionId)
      .where(sql`${t.checkoutId} is null`),
    uniqueIndex("promotion_redemptions_once_per_checkout").on(t.checkoutId),
  ],
);

/** The Stripe customer of a member, created once. */
export const billingCustomers = pgTable("billing_customers", {
  userId: uuid()
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  providerCustomerId: text().notNull().unique(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** A checkout a member started: the amount is fixed here from our package and promotion, never from the browser. */
export const checkoutSessions = pgTable(
  "checkout_sessions",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    priceId: uuid()
      .notNull()
      .references(() => packagePrices.id),
    promotionId: uuid().references(() => promotions.id),
    subtotalMinor: integer().notNull(),
    discountMinor: integer().notNull().default(0),
    totalMinor: integer().notNull(),
    currency: text().notNull(),
    acceptedTermsVersion: integer().notNull(),
    provider: paymentProviderEnum().notNull(),
    providerSessionId: text().unique(),
    /** open → completed | failed | expired | refused */
    status: text().notNull().default("open"),
    failureCode: text(),
    /** One-off providers: their transaction number once they report the payment (VNPay vnp_TransactionNo, MoMo transId). */
    providerTransactionId: text(),
    /** One-off providers: when the verified IPN or the reconciliation job fulfilled this attempt (exactly once). */
    fulfilledAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("checkout_sessions_user_idx").on(t.userId),
    // The reconciliation job's scan: open one-off attempts, oldest first.
    index("checkout_sessions_open_idx")
      .on(t.provider, t.createdAt)
      .where(sql`${t.status} = 'open'`),
  ],
);

export const payments = pgTable(
  "payments",
  {
    id: uuid().primaryKey().defaultRandom(),
    /** Null once the member is erased: accounting keeps the payment, anonymised (its erasure receipt lists it). */
    userId: uuid().references(() => users.id, { onDelete: "set null" }),
    subscriptionId: uuid().references(() => subscriptions.id, { onDelete: "set null" }),
    packageId: uuid().references(() => packages.id),
    provider: paymentProviderEnum().notNull(),
    providerInvoiceId: text(),
    providerPaymentIntentId: text(),
    amountMinor: integer().notNull(),
    discountMinor: integer().notNull().default(0),
    currency: text().notNull(),
    status: paymentStatusEnum().notNull(),
    refundedMinor: integer().notNull().default(0),
    receiptNumber: text().notNull().unique(),
    cardLast4: text(),
    periodStart: timestamp({ withTimezone: true }),
    periodEnd: timestamp({ withTimezone: true }),
    paidAt: timestamp({ withTimezone: true }),
    refundedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("payments_provider_invoice_unique").on(t.providerInvoiceId),
    index("payments_user_idx").on(t.userId, t.createdAt),
    index("payments_status_idx").on(t.status),
    // The billing admin's payment list, newest first, a page at a time.
    index("payments_created_idx").on(t.createdAt, t.id),
    // The report rollups' incremental run finds what changed since its watermark through these.
    index("payments_changed_idx").on(sql`greatest(${t.createdAt}, ${t.paidAt}, ${t.refundedAt})`),
    // Whether a failed payment was recovered: a later paid one of the same subscription (the payment-days rollup).
    index("payments_subscription_idx").on(t.subscriptionId, t.createdAt),
    check("payments_refund_within_amount", sql`${t.refundedMinor} >= 0 and ${t.refundedMinor} <= ${t.amountMinor}`),
  ],
);

/** Every provider event we handled, once: a duplicate delivery hits the unique id and changes nothing. */
export const billingEvents = pgTable("billing_events", {
  id: uuid().primaryKey().defaultRandom(),
  provider: paymentProviderEnum().notNull(),
  providerEventId: text().notNull().unique(),
  type: text().notNull(),
  receivedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** One row (id = 1) of settings an admin changes. */
export const billingSettings = pgTable(
  "billing_settings",
  {
    id: integer().primaryKey().default(1),
    graceDays: integer().notNull().default(7),
    /** VAT included in prices, in basis points (1000 = 10%), for the e-invoice data; 0: none configured. */
    vatBasisPoints: integer().notNull().default(0),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("billing_settings_single_row", sql`${t.id} = 1`),
    check("billing_settings_grace_range", sql`${t.graceDays} between 0 and 60`),
    check("billing_settings_vat_range", sql`${t.vatBasisPoints} between 0 and 10000`),
  ],
);

/** Who did what and why, for every admin action on packages and money. */
export const adminAudit = pgTable(
  "admin_audit",
  {
    id: uuid().primaryKey().defaultRandom(),
    adminId: uuid().references(() => users.id, { onDelete: "set null" }),
    action: text().notNull(),
    targetType: text().notNull(),
    targetId: text(),
    reason: text(),
    details: jsonb().$type<Record<string, string | number | null>>().notNull().default({}),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("admin_audit_created_idx").on(t.createdAt), index("admin_audit_target_idx").on(t.targetType, t.targetId, t.createdAt)],
);

export type Package = typeof packages.$inferSelect;
export type PackagePriceRow = typeof packagePrices.$inferSelect;
export type Subscription = typeof subscriptions.$inferSelect;
export type Payment = typeof payments.$inferSelect;
export type PromotionRow = typeof promotions.$inferSelect;
