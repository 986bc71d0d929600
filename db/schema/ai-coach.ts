import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { localeEnum, users } from "./identity";

/**
 * A member's agreement to use the AI coach after reading what it sees; withdrawing ends it (a
 * new agreement is a new row). At most one live row per member.
 */
export const aiCoachConsents = pgTable(
  "ai_coach_consents",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** The provider named in the notice the member agreed to ("offline" or the external host). */
    provider: text().notNull(),
    /** When the AI coach hands over to a human coach, the conversation goes with it (otherwise only a summary). */
    shareWithCoach: boolean().notNull().default(false),
    /** When the member withdrew the sharing alone (the agreement stayed): the privacy centre shows it withdrawn, with this date. */
    shareWithCoachWithdrawnAt: timestamp({ withTimezone: true }),
    /** The QuitPath team may read answers this member rated down, with their question, to improve the coach. */
    shareForReview: boolean().notNull().default(false),
    givenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    withdrawnAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex("ai_coach_consents_one_live")
      .on(t.userId)
      .where(sql`${t.withdrawnAt} is null`),
  ],
);

/** One conversation of a member with the AI coach. Deleting it deletes its messages. */
export const aiCoachThreads = pgTable(
  "ai_coach_threads",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    title: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("ai_coach_threads_user_idx").on(t.userId, t.updatedAt)],
);

export const aiCoachMessageRoleEnum = pgEnum("ai_coach_message_role", ["member", "coach"]);
/** pending: waiting for the stream to claim it; streaming: being written; complete; interrupted: cut off, may be retried. */
export const aiCoachMessageStatusEnum = pgEnum("ai_coach_message_status", ["pending", "streaming", "complete", "interrupted"]);
/** answer: from a provider; resources: the fixed crisis message; fallback: a failed answer replaced by the safe one. */
export const aiCoachMessageKindEnum = pgEnum("ai_coach_message_kind", ["question", "answer", "resources", "fallback"]);
export const aiCoachRatingEnum = pgEnum("ai_coach_rating", ["helped", "not-helped"]);

/**
 * A question or an answer. Answers keep what the admin report needs (provider, model, token
 * counts, latency) and the passages they cite; the member rates them.
 */
export const aiCoachMessages = pgTable(
  "ai_coach_messages",
  {
    id: uuid().primaryKey().defaultRandom(),
    threadId: uuid()
      .notNull()
      .references(() => aiCoachThreads.id, { onDelete: "cascade" }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: aiCoachMessageRoleEnum().notNull(),
    kind: aiCoachMessageKindEnum().notNull(),
    status: aiCoachMessageStatusEnum().notNull().default("complete"),
    locale: localeEnum().notNull(),
    body: text().notNull().default(""),
    /** The question an answer answers. */
    questionId: uuid(),
    safetyLevel: text(),
    /** [{ itemId, slug, sectionId, title }]: the passages the answer cites, rendered as links. */
    citations: jsonb().$type<{ itemId: string; slug: string; sectionId: string; title: string; marker: string }[]>().notNull().default([]),
    provider: text(),
    model: text(),
    promptTokens: integer(),
    completionTokens: integer(),
    latencyMs: integer(),
    /** Why an answer was replaced by the fallback (rule ids, never text). */
    guardrail: text(),
    rating: aiCoachRatingEnum(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("ai_coach_messages_thread_idx").on(t.threadId, t.createdAt), index("ai_coach_messages_user_idx").on(t.userId, t.createdAt)],
);

/** Questions a member asked on one of their local days: the daily quota, counted atomically. */
export const aiCoachUsage = pgTable(
  "ai_coach_usage",
  {
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    day: date({ mode: "string" }).notNull(),
    questions: integer().notNull().default(0),
    /** Questions refused that day because the quota was used up (the admin report's quota hits). */
    refused: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.userId, t.day] }), check("ai_coach_usage_questions_positive", sql`${t.questions} >= 0`)],
);

export const aiCoachHandoffReasonEnum = pgEnum("ai_coach_handoff_reason", ["crisis", "requested", "low-ratings"]);
export const aiCoachHandoffStatusEnum = pgEnum("ai_coach_handoff_status", ["open", "acknowledged"]);

/**
 * A member the AI coach handed to a human: their coach, or the admins' queue (coach_id null)
 * when they have none. Shown at the top of the coach's caseload until acknowledged.
 */
export const aiCoachHandoffs = pgTable(
  "ai_coach_handoffs",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    threadId: uuid().references(() => aiCoachThreads.id, { onDelete: "set null" }),
    coachId: uuid().references(() => users.id, { onDelete: "set null" }),
    reason: aiCoachHandoffReasonEnum().notNull(),
    /** Safety categories (crisis) — never the member's words. */
    categories: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    status: aiCoachHandoffStatusEnum().notNull().default("open"),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    acknowledgedAt: timestamp({ withTimezone: true }),
    acknowledgedBy: uuid().references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [index("ai_coach_handoffs_coach_idx").on(t.coachId, t.status, t.createdAt), index("ai_coach_handoffs_user_idx").on(t.userId)],
);

/**
 * The audit of every message the safety check did not call `none`: level, categories, the rule
 * ids that fired, and the handoff it opened. Never the message text.
 */
export const aiCoachSafetyEvents = pgTable(
  "ai_coach_safety_events",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    messageId: uuid().references(() => aiCoachMessages.id, { onDelete: "set null" }),
    level: text().notNull(),
    categories: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    reasons: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    handoffId: uuid().references(() => aiCoachHandoffs.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("ai_coach_safety_events_created_idx").on(t.createdAt)],
);

/** One run of the evaluation set (tests/fixtures/ai-eval.ts) against a provider: the admin page shows the latest. */
export const aiCoachEvalRuns = pgTable("ai_coach_eval_runs", {
  id: uuid().primaryKey().defaultRandom(),
  provider: text().notNull(),
  model: text().notNull(),
  cases: integer().notNull(),
  passed: integer().notNull(),
  ranAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export type AiCoachMessageRow = typeof aiCoachMessages.$inferSelect;
export type AiCoachThreadRow = typeof aiCoachThreads.$inferSelect;
export type AiCoachHandoffRow = typeof aiCoachHandoffs.$inferSelect;
