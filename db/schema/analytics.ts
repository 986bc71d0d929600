import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./identity";
import { contentItems } from "./content";

/** The dimension value for "no package" (Basic) and "no coach": keys stay non-null so every group has one primary key. */
export const NO_DIMENSION = "00000000-0000-0000-0000-000000000000";

/**
 * One row per member: the facts every growth, conversion and reduction figure needs, with the
 * member's dimensions (package, coach, language). Recomputed for a member whenever their
 * journey_version, locale, subscription, payments or coach assignment changed.
 */
export const reportMembers = pgTable(
  "report_members",
  {
    userId: uuid()
      .primaryKey()
      .references(() => users.id, { onDelete: "cascade" }),
    journeyVersion: integer().notNull(),
    signedUpAt: timestamp({ withTimezone: true }).notNull(),
    /** The member's local day of sign-up; its month is the sign-up cohort. */
    signedUpOn: date({ mode: "string" }).notNull(),
    language: text().notNull(),
    packageId: uuid().notNull(),
    coachId: uuid().notNull(),
    profileCompletedOn: date({ mode: "string" }),
    firstPlanAt: timestamp({ withTimezone: true }),
    firstPaidOn: date({ mode: "string" }),
    /** Active (a daily total) on at least one day of days 30–36, 60–66, 90–96 after sign-up (retentionRate's windows). */
    retained30: boolean().notNull(),
    retained60: boolean().notNull(),
    retained90: boolean().notNull(),
    baselinePerDay: integer(),
    /** Years smoked before joining, from the smoking profile (for the Brinkman index). */
    yearsSmoked: doublePrecision(),
    /** Cigarettes on each of the 7 days before `asOf` (null: a day without a total), for averageReduction. */
    last7Days: integer().array(),
    asOf: date({ mode: "string" }).notNull(),
  },
  (t) => [index("report_members_signed_up_idx").on(t.signedUpOn), index("report_members_coach_idx").on(t.coachId)],
);

/** One row per quit attempt: its follow-up answers as quitSuccess reads them, and what it saved so far (self-reported). */
export const reportAttempts = pgTable(
  "report_attempts",
  {
    attemptId: uuid().primaryKey(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    quitDate: date({ mode: "string" }).notNull(),
    packageId: uuid().notNull(),
    coachId: uuid().notNull(),
    language: text().notNull(),
    /** Per follow-up (4, 12, 26, 52 weeks): the answers quitSuccess reads; null where not answered. */
    smokedSinceDay14At4: boolean(),
    coPpmAt4: doublePrecision(),
    smokedPast7DaysAt12: boolean(),
    coPpmAt12: doublePrecision(),
    cigarettesSinceGraceAt26: integer(),
    coPpmAt26: doublePrecision(),
    cigarettesSinceGraceAt52: integer(),
    coPpmAt52: doublePrecision(),
    cigarettesAvoided: integer().notNull(),
    moneySavedMinor: bigint({ mode: "number" }).notNull(),
    currency: text().notNull(),
    asOf: date({ mode: "string" }).notNull(),
  },
  (t) => [index("report_attempts_quit_date_idx").on(t.quitDate), index("report_attempts_user_idx").on(t.userId)],
);

/**
 * "Every value" in the key of the cumulative rollups below: a row keyed so sums over every package
 * (or coach, language, currency). NO_DIMENSION is a value of its own (Basic, no coach), never this.
 */
export const ANY_DIMENSION = "ffffffff-ffff-ffff-ffff-ffffffffffff";
export const ANY_TEXT = "*";

/**
 * Quit attempts (report_attempts) as running totals by quit date, for every combination of package,
 * coach, language and currency, each either one value or ANY: a row holds the totals of the key's
 * attempts with a quit date up to and including its day (a row only on days the key has an attempt),
 * so the attempts of any range of quit dates are the difference of two rows, read by index, however
 * many members there are. Per follow-up (4, 12, 26, 52 weeks): attempts that answered the measure's
 * question, were abstinent by it, and were abstinent with a CO reading (quitSuccess; eligibility
 * depends only on the quit date and is applied when reading). Money only per currency (0 under ANY:
 * never added across currencies).
 */
export const reportSuccessTotals = pgTable(
  "report_success_totals",
  {
    packageId: uuid().notNull(),
    coachId: uuid().notNull(),
    language: text().notNull(),
    currency: text().notNull(),
    quitDate: date({ mode: "string" }).notNull(),
    attempts: integer().notNull(),
    answered4: integer().notNull(),
    abstinent4: integer().notNull(),
    coVerified4: integer().notNull(),
    answered12: integer().notNull(),
    abstinent12: integer().notNull(),
    coVerified12: integer().notNull(),
    answered26: integer().notNull(),
    abstinent26: integer().notNull(),
    coVerified26: integer().notNull(),
    answered52: integer().notNull(),
    abstinent52: integer().notNull(),
    coVerified52: integer().notNull(),
    cigarettesAvoided: bigint({ mode: "number" }).notNull(),
    moneySavedMinor: bigint({ mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.packageId, t.coachId, t.language, t.currency, t.quitDate] })],
);

/**
 * Members (report_members) as running totals by sign-up day, for every combination of package, coach
 * and language (each one value or ANY), as reportSuccessTotals: members signed up up to and including
 * the day, and of them those active in the day-30, -60 and -90 windows (retentionRate).
 */
export const reportRetentionTotals = pgTable(
  "report_retention_totals",
  {
    packageId: uuid().notNull(),
    coachId: uuid().notNull(),
    language: text().notNull(),
    signedUpOn: date({ mode: "string" }).notNull(),
    members: integer().notNull(),
    retained30: integer().notNull(),
    retained60: integer().notNull(),
    retained90: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.packageId, t.coachId, t.language, t.signedUpOn] })],
);

/**
 * Today's consumption figures of report_members summed by package, coach and language, so the success
 * report adds a few group rows instead of reading every member on every view: the members with a
 * baseline and all seven last days known, the sum of their reductions in percent (averageReduction),
 * and of those with years smoked, the sums of their Brinkman indexes at baseline and now (brinkmanIndex).
 */
export const reportMemberTotals = pgTable(
  "report_member_totals",
  {
    packageId: uuid().notNull(),
    coachId: uuid().notNull(),
    language: text().notNull(),
    reductionMembers: integer().notNull(),
    reductionPercentSum: numeric().notNull(),
    brinkmanMembers: integer().notNull(),
    brinkmanBaselineSum: doublePrecision().notNull(),
    brinkmanCurrentSum: doublePrecision().notNull(),
  },
  (t) => [primaryKey({ columns: [t.packageId, t.coachId, t.language] })],
);

/** Daily, weekly and monthly active members ending on each day (distinct members with a daily total in 1, 7, 30 days). */
export const reportActivityDays = pgTable("report_activity_days", {
  day: date({ mode: "string" }).primaryKey(),
  dau: integer().notNull(),
  wau: integer().notNull(),
  mau: integer().notNull(),
});

/**
 * Active members by package and by coach, stored as the day's changes (+1 when a member becomes
 * daily/weekly/monthly active, −1 when that lapses), so the figure on any day is the sum of the
 * rows up to it. A member counts under their current package and coach (report_members).
 */
export const reportActivityGroupSteps = pgTable(
  "report_activity_group_steps",
  {
    day: date({ mode: "string" }).notNull(),
    /** "package" or "coach". */
    dimension: text().notNull(),
    key: uuid().notNull(),
    dau: integer().notNull(),
    wau: integer().notNull(),
    mau: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.dimension, t.key, t.day] })],
);

/** Payments per UTC day, package and currency (amounts in that currency's minor units, never converted). */
export const reportPaymentDays = pgTable(
  "report_payment_days",
  {
    day: date({ mode: "string" }).notNull(),
    packageId: uuid().notNull(),
    currency: text().notNull(),
    paid: integer().notNull(),
    paidMinor: bigint({ mode: "number" }).notNull(),
    failed: integer().notNull(),
    /** Failed payments of that day whose subscription was paid later. */
    recovered: integer().notNull(),
    refunds: integer().notNull(),
    refundedMinor: bigint({ mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.day, t.packageId, t.currency] })],
);

/** Subscriptions per UTC day, package and currency: started, ended, live at the day's end, and their monthly recurring revenue. */
export const reportSubscriptionDays = pgTable(
  "report_subscription_days",
  {
    day: date({ mode: "string" }).notNull(),
    packageId: uuid().notNull(),
    currency: text().notNull(),
    started: integer().notNull(),
    ended: integer().notNull(),
    live: integer().notNull(),
    mrrMinor: bigint({ mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.day, t.packageId, t.currency] })],
);

/** A coach's work per UTC day: assignments, response times and SLA, sessions and ratings. */
export const reportCoachDays = pgTable(
  "report_coach_days",
  {
    day: date({ mode: "string" }).notNull(),
    coachId: uuid().notNull(),
    assignments: integer().notNull(),
    assignedWithin24h: integer().notNull(),
    firstResponses: integer().notNull(),
    firstResponseMinutes: bigint({ mode: "number" }).notNull(),
    nextResponses: integer().notNull(),
    nextResponseMinutes: bigint({ mode: "number" }).notNull(),
    slaMissed: integer().notNull(),
    sessionsCompleted: integer().notNull(),
    sessionsMissed: integer().notNull(),
    ratings: integer().notNull(),
    ratingStars: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.day, t.coachId] })],
);

/**
 * Community posts and comments per UTC day by their author's current package, coach and language
 * (report_members), so the engagement figures filter like the others. Authors who are not members
 * (staff, or a former member's kept posts) have language '' and count only when nothing is filtered.
 */
export const reportCommunityDays = pgTable(
  "report_community_days",
  {
    day: date({ mode: "string" }).notNull(),
    packageId: uuid().notNull(),
    coachId: uuid().notNull(),
    language: text().notNull(),
    posts: integer().notNull(),
    comments: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.day, t.packageId, t.coachId, t.language] })],
);

/** The rollups' watermark (everything changed before it is in the tables) and when they were last computed. */
export const reportState = pgTable("report_state", {
  id: integer().primaryKey().default(1),
  watermark: timestamp({ withTimezone: true }).notNull(),
  asOf: date({ mode: "string" }).notNull(),
  computedAt: timestamp({ withTimezone: true })
    .notNull()
    .default(sql`now()`),
  lastRun: text().notNull(),
});

/** Reads of each published article per UTC day, counted from the page's beacon (one per visitor, article and day). */
export const articleReadDays = pgTable(
  "article_read_days",
  {
    articleId: uuid()
      .notNull()
      .references(() => contentItems.id, { onDelete: "cascade" }),
    day: date({ mode: "string" }).notNull(),
    count: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.articleId, t.day] }), index("article_read_days_day_idx").on(t.day)],
);

/**
 * Which visitors already read an article today: a keyed hash of (day, article, visitor), never the
 * IP or account itself, so a reload does not count twice. Rows older than yesterday are pruned.
 */
export const articleReadVisitors = pgTable(
  "article_read_visitors",
  {
    day: date({ mode: "string" }).notNull(),
    visitorKey: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.day, t.visitorKey] })],
);
