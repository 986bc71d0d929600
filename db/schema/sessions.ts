import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  customType,
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

/** A Postgres tstzrange, only ever generated from a row's start and end (never written by the app). */
const tstzrange = customType<{ data: string }>({ dataType: () => "tstzrange" });

/**
 * How a coach takes sessions: length, the break kept after each one, whether bookings confirm
 * themselves, and how long before the start a member may still book, move or cancel. Weekly
 * working hours live on coach_profiles.working_hours (one source for chat SLAs and sessions).
 */
export const sessionSettings = pgTable(
  "session_settings",
  {
    coachId: uuid()
      .primaryKey()
      .references(() => users.id, { onDelete: "cascade" }),
    sessionMinutes: integer().notNull().default(45),
    bufferMinutes: integer().notNull().default(15),
    autoConfirm: boolean().notNull().default(false),
    noticeMinutes: integer().notNull().default(120),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("session_settings_length_range", sql`${t.sessionMinutes} between 15 and 180`),
    check("session_settings_buffer_range", sql`${t.bufferMinutes} between 0 and 120`),
    check("session_settings_notice_range", sql`${t.noticeMinutes} between 0 and 10080`),
  ],
);

export const availabilityExceptionKindEnum = pgEnum("availability_exception_kind", ["time-off", "extra"]);

/** A coach's time off (no slots inside it) or extra hours (slots outside the weekly hours). */
export const availabilityExceptions = pgTable(
  "availability_exceptions",
  {
    id: uuid().primaryKey().defaultRandom(),
    coachId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: availabilityExceptionKindEnum().notNull(),
    startsAt: timestamp({ withTimezone: true }).notNull(),
    endsAt: timestamp({ withTimezone: true }).notNull(),
    note: text().notNull().default(""),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("availability_exceptions_coach_idx").on(t.coachId, t.endsAt),
    check("availability_exceptions_order", sql`${t.startsAt} < ${t.endsAt}`),
  ],
);

export const coachingSessionStatusEnum = pgEnum("coaching_session_status", ["requested", "confirmed", "completed", "missed", "cancelled"]);

/**
 * One booked time between a member and their coach. `during` is generated from the start and end;
 * sessions/constraints.sql adds the exclusion constraints that make double-booking impossible for
 * either side while a session is requested or confirmed. `sequence` is the iCalendar SEQUENCE:
 * every change the participants' calendars must see increments it; the UID is the row id.
 */
export const coachingSessions = pgTable(
  "coaching_sessions",
  {
    id: uuid().primaryKey().defaultRandom(),
    memberId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    coachId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    startsAt: timestamp({ withTimezone: true }).notNull(),
    endsAt: timestamp({ withTimezone: true }).notNull(),
    during: tstzrange()
      .notNull()
      .generatedAlwaysAs(sql`tstzrange(starts_at, ends_at, '[)')`),
    status: coachingSessionStatusEnum().notNull().default("requested"),
    topic: text().notNull().default(""),
    sequence: integer().notNull().default(0),
    bookedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    confirmedAt: timestamp({ withTimezone: true }),
    cancelledAt: timestamp({ withTimezone: true }),
    cancelledBy: uuid().references(() => users.id, { onDelete: "set null" }),
    cancelReason: text(),
    /** Set when the session is settled from attendance: who never joined ("member", "coach", "both") or "short". */
    missedBy: text(),
    settledAt: timestamp({ withTimezone: true }),
    /** The coach's private note on the session (read like case notes: coaches and admins, never the member). */
    coachNote: text(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("coaching_sessions_coach_idx").on(t.coachId, t.startsAt),
    index("coaching_sessions_member_idx").on(t.memberId, t.startsAt),
    index("coaching_sessions_status_idx").on(t.status, t.startsAt),
    // The report rollups' incremental run finds what changed since its watermark through these.
    index("coaching_sessions_updated_idx").on(t.updatedAt),
    check("coaching_sessions_order", sql`${t.startsAt} < ${t.endsAt}`),
  ],
);

export const sessionRoleEnum = pgEnum("session_role", ["member", "coach"]);

/** One participant's connection to a session's call: joined, and left (null while still connected). */
export const sessionAttendance = pgTable(
  "session_attendance",
  {
    id: uuid().primaryKey().defaultRandom(),
    sessionId: uuid()
      .notNull()
      .references(() => coachingSessions.id, { onDelete: "cascade" }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: sessionRoleEnum().notNull(),
    joinedAt: timestamp({ withTimezone: true }).notNull(),
    leftAt: timestamp({ withTimezone: true }),
  },
  (t) => [index("session_attendance_session_idx").on(t.sessionId, t.joinedAt)],
);

/**
 * One call-signalling message (offer, answer, ICE candidate, join, bye) from one participant to the
 * other. NOTIFY carries only its id, so any process can deliver it to the recipient's stream;
 * rows are useful for seconds and the settle job deletes them after an hour.
 */
export const callSignals = pgTable(
  "call_signals",
  {
    id: uuid().primaryKey().defaultRandom(),
    sessionId: uuid()
      .notNull()
      .references(() => coachingSessions.id, { onDelete: "cascade" }),
    fromUserId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    toUserId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    message: jsonb().$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("call_signals_created_idx").on(t.createdAt)],
);

/** A reminder sent for one session start: at most one per session, kind and start time (a moved session is reminded again). */
export const sessionReminders = pgTable(
  "session_reminders",
  {
    sessionId: uuid()
      .notNull()
      .references(() => coachingSessions.id, { onDelete: "cascade" }),
    kind: text().notNull(),
    startsAt: timestamp({ withTimezone: true }).notNull(),
    sentAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.kind, t.startsAt] })],
);

/** A member's session choices beyond the notification preferences. */
export const sessionPreferences = pgTable("session_preferences", {
  userId: uuid()
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  /** The 1-hour reminder may come during quiet hours. */
  lastReminderInQuietHours: boolean().notNull().default(false),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** The member's rating of a completed session: one per session, editable for 7 days after it was first given. */
export const sessionRatings = pgTable(
  "session_ratings",
  {
    sessionId: uuid()
      .primaryKey()
      .references(() => coachingSessions.id, { onDelete: "cascade" }),
    memberId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    coachId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    stars: integer().notNull(),
    comment: text().notNull().default(""),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("session_ratings_coach_idx").on(t.coachId, t.createdAt),
    // The report rollups' incremental run finds what changed since its watermark through these.
    index("session_ratings_updated_idx").on(t.updatedAt),
    check("session_ratings_stars_range", sql`${t.stars} between 1 and 5`),
  ],
);

export const helpfulSubjectEnum = pgEnum("helpful_subject", ["article", "plan-task", "motivation-message"]);

/** "Was this helpful?" on a piece of content, once per member and subject (changed by answering again). */
export const helpfulVotes = pgTable(
  "helpful_votes",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    subject: helpfulSubjectEnum().notNull(),
    /** The article id, plan strategy key or motivation message id. */
    subjectId: text().notNull(),
    helpful: boolean().notNull(),
    comment: text().notNull().default(""),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("helpful_votes_one_per_subject").on(t.userId, t.subject, t.subjectId),
    index("helpful_votes_subject_idx").on(t.subject, t.subjectId),
  ],
);

export const feedbackCategoryEnum = pgEnum("feedback_category", ["idea", "problem", "coaching", "billing", "other"]);
export const feedbackStatusEnum = pgEnum("feedback_status", ["new", "answered", "closed"]);

/** General feedback from a member (/app/feedback) or a visitor (/feedback), and the admin's answer. */
export const feedbackItems = pgTable(
  "feedback_items",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid().references(() => users.id, { onDelete: "set null" }),
    category: feedbackCategoryEnum().notNull(),
    message: text().notNull(),
    contact: text(),
    locale: localeEnum().notNull().default("en"),
    status: feedbackStatusEnum().notNull().default("new"),
    response: text(),
    respondedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    respondedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("feedback_items_status_idx").on(t.status, t.createdAt), index("feedback_items_created_idx").on(t.createdAt, t.id)],
);

/** A private calendar feed URL: only the token's hash is stored; revoking it ends the URL for good. */
export const calendarFeeds = pgTable(
  "calendar_feeds",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    tokenHash: text().notNull().unique(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp({ withTimezone: true }),
    lastUsedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex("calendar_feeds_one_live")
      .on(t.userId)
      .where(sql`${t.revokedAt} is null`),
  ],
);

export type CoachingSession = typeof coachingSessions.$inferSelect;
export type SessionSettings = typeof sessionSettings.$inferSelect;
export type AvailabilityException = typeof availabilityExceptions.$inferSelect;
export type SessionAttendance = typeof sessionAttendance.$inferSelect;
export type FeedbackItem = typeof feedbackItems.$inferSelect;
