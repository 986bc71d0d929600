import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  smallint,
  text,
  time,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./identity";

/** Explicit consent to store health data; nothing about smoking is stored without a live one. */
export const healthConsents = pgTable(
  "health_consents",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    purposeVersion: text().notNull(),
    grantedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    withdrawnAt: timestamp({ withTimezone: true }),
  },
  (t) => [index("health_consents_user_idx").on(t.userId, t.grantedAt)],
);

export const smokingProfiles = pgTable("smoking_profiles", {
  userId: uuid()
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  cigarettesPerDay: integer().notNull(),
  yearsSmoked: numeric({ precision: 4, scale: 1, mode: "number" }).notNull(),
  cigarettesPerPack: integer().notNull(),
  packPriceMinor: bigint({ mode: "number" }).notNull(),
  currency: text().notNull(),
  brand: text(),
  triggers: text()
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  customTriggers: text()
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  reasons: text()
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  /** The six FTND answers as given (minutesToFirstCigarette, difficultToRefrain, …). */
  ftndAnswers: jsonb().$type<Record<string, unknown>>().notNull(),
  ftndScore: smallint().notNull(),
  hsiScore: smallint().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const attemptStatusEnum = pgEnum("quit_attempt_status", ["active", "relapsed", "abandoned"]);

/**
 * One try at quitting. A relapse ends it and a new attempt begins; history is never rewritten.
 * Baseline and price are copied from the profile at the start, so later edits do not change past savings.
 */
export const quitAttempts = pgTable(
  "quit_attempts",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    attemptNumber: integer().notNull(),
    status: attemptStatusEnum().notNull().default("active"),
    quitDate: date({ mode: "string" }).notNull(),
    baselinePerDay: integer().notNull(),
    cigarettesPerPack: integer().notNull(),
    packPriceMinor: bigint({ mode: "number" }).notNull(),
    currency: text().notNull(),
    endedOn: date({ mode: "string" }),
    endReason: text(),
    longestStreakDays: integer().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("quit_attempts_user_number_unique").on(t.userId, t.attemptNumber),
    // At most one active attempt per member.
    uniqueIndex("quit_attempts_one_active")
      .on(t.userId)
      .where(sql`${t.status} = 'active'`),
  ],
);

/** Every change to a plan is a new revision; the highest revision is the current plan. */
export const planRevisions = pgTable(
  "plan_revisions",
  {
    id: uuid().primaryKey().defaultRandom(),
    attemptId: uuid()
      .notNull()
      .references(() => quitAttempts.id, { onDelete: "cascade" }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    revision: integer().notNull(),
    plan: jsonb().$type<Record<string, unknown>>().notNull(),
    changeNote: text(),
    /** Who wrote the revision when it was not the member (a coach's accepted proposal); null for the member. */
    authorId: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("plan_revisions_attempt_revision_unique").on(t.attemptId, t.revision),
    // A member's first plan (the report rollup's "first quit plan within 48 hours"): without it, a scan of every revision per member.
    index("plan_revisions_user_idx").on(t.userId, t.createdAt),
  ],
);

/**
 * One row per member per local day: the rollup every progress figure is computed from
 * (kept in the same transaction as the detailed logs, so it is never out of step).
 */
export const dailyTotals = pgTable(
  "daily_totals",
  {
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    localDate: date({ mode: "string" }).notNull(),
    cigarettes: integer().notNull().default(0),
    cravings: integer().notNull().default(0),
    cravingsResisted: integer().notNull().default(0),
    checkedIn: boolean().notNull().default(false),
    mood: smallint(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("daily_totals_user_date_unique").on(t.userId, t.localDate),
    // The report rollups find what changed since their watermark, and recount active members per day.
    index("daily_totals_updated_idx").on(t.updatedAt),
    index("daily_totals_date_idx").on(t.localDate),
  ],
);

export const cigaretteLogs = pgTable(
  "cigarette_logs",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    localDate: date({ mode: "string" }).notNull(),
    count: integer().notNull(),
    smokedAt: time(),
    trigger: text(),
    place: text(),
    mood: smallint(),
    /** The browser's id for a log queued offline, so a retried send stores it once. */
    clientId: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("cigarette_logs_user_date_idx").on(t.userId, t.localDate),
    uniqueIndex("cigarette_logs_user_client_unique").on(t.userId, t.clientId),
  ],
);

export const cravingLogs = pgTable(
  "craving_logs",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    localDate: date({ mode: "string" }).notNull(),
    intensity: smallint().notNull(),
    trigger: text(),
    resisted: boolean().notNull(),
    coping: text(),
    /** The browser's id for a log queued offline, so a retried send stores it once. */
    clientId: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("craving_logs_user_date_idx").on(t.userId, t.localDate),
    index("craving_logs_user_trigger_idx").on(t.userId, t.trigger),
    uniqueIndex("craving_logs_user_client_unique").on(t.userId, t.clientId),
  ],
);

export const moodLogs = pgTable(
  "mood_logs",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    localDate: date({ mode: "string" }).notNull(),
    mood: smallint().notNull(),
    note: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("mood_logs_user_date_idx").on(t.userId, t.localDate)],
);

/** The short recovery step after a slip: what happened, and what to do next time. */
export const slipReflections = pgTable(
  "slip_reflections",
  {
    id: uuid().primaryKey().defaultRandom(),
    attemptId: uuid()
      .notNull()
      .references(() => quitAttempts.id, { onDelete: "cascade" }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    localDate: date({ mode: "string" }).notNull(),
    trigger: text(),
    whatHappened: text(),
    copingStrategy: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("slip_reflections_attempt_idx").on(t.attemptId)],
);

export const followUpEnum = pgEnum("follow_up", ["4-weeks", "12-weeks", "26-weeks", "52-weeks"]);

/** Outcome records, asked the standard questions at the research time points. */
export const outcomeFollowUps = pgTable(
  "outcome_follow_ups",
  {
    id: uuid().primaryKey().defaultRandom(),
    attemptId: uuid()
      .notNull()
      .references(() => quitAttempts.id, { onDelete: "cascade" }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    followUp: followUpEnum().notNull(),
    smokedSinceDay14: boolean().notNull(),
    smokedPast7Days: boolean().notNull(),
    cigarettesSinceDay14: integer().notNull(),
    coPpm: numeric({ precision: 4, scale: 1, mode: "number" }),
    answeredAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("outcome_follow_ups_attempt_unique").on(t.attemptId, t.followUp)],
);

/**
 * The homepage's live figures, computed every five minutes by the `refresh-community-figures` job (and
 * by the homepage itself when the row is missing or older than a quarter of an hour): the figures scan
 * every active attempt, which no page view should pay for.
 */
export const communityFigures = pgTable("community_figures", {
  id: integer().primaryKey().default(1),
  smokeFreeToday: integer().notNull(),
  smokeFreeDaysTogether: bigint({ mode: "number" }).notNull(),
  computedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
