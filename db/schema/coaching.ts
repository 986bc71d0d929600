import { sql } from "drizzle-orm";
import {
  boolean,
  check,
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
import { users } from "./identity";
import { quitAttempts } from "./journey";
import { storedFiles } from "./storage";

export const coachProfileStatusEnum = pgEnum("coach_profile_status", ["draft", "pending", "approved", "rejected"]);

/** Working hours per ISO weekday (1 = Monday … 7 = Sunday) as "HH:MM"-"HH:MM" ranges in the coach's own time zone. */
export type WorkingHours = Partial<Record<"1" | "2" | "3" | "4" | "5" | "6" | "7", { start: string; end: string }[]>>;

/**
 * What members see of a coach in the directory. A coach edits it; it is offered to members only
 * while approved by an admin. Capacity (how many members at once) is set by admins.
 */
export const coachProfiles = pgTable(
  "coach_profiles",
  {
    coachId: uuid()
      .primaryKey()
      .references(() => users.id, { onDelete: "cascade" }),
    headline: text().notNull().default(""),
    /** The bio in each language the coach writes it in: { en?: string, vi?: string }. */
    bio: jsonb().$type<{ en?: string; vi?: string }>().notNull().default({}),
    photoId: uuid().references(() => storedFiles.id, { onDelete: "set null" }),
    languages: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    specialties: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    yearsExperience: integer().notNull().default(0),
    capacity: integer().notNull().default(0),
    workingHours: jsonb().$type<WorkingHours>().notNull().default({}),
    status: coachProfileStatusEnum().notNull().default("draft"),
    reviewNote: text(),
    reviewedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    reviewedAt: timestamp({ withTimezone: true }),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("coach_profiles_status_idx").on(t.status),
    check("coach_profiles_capacity_range", sql`${t.capacity} between 0 and 1000`),
    check("coach_profiles_years_range", sql`${t.yearsExperience} between 0 and 80`),
  ],
);

export const coachAssignmentStatusEnum = pgEnum("coach_assignment_status", ["active", "ended", "graduated"]);

/**
 * A member and their coach, from the day they were paired until it ended (history kept: a new
 * coach is a new row). At most one active row per member; a coach's active rows never exceed
 * their capacity (assignments lock the coach's profile row while they count).
 */
export const coachAssignments = pgTable(
  "coach_assignments",
  {
    id: uuid().primaryKey().defaultRandom(),
    memberId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    coachId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    status: coachAssignmentStatusEnum().notNull().default("active"),
    /** How the pair was made: "member" (chose), "match" (asked to be matched), "admin", "request" (migrated from coach_requests). */
    source: text().notNull(),
    assignedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    /** The member lets this coach change their plan without accepting each change. */
    coachMayEditPlan: boolean().notNull().default(false),
    /** When premium was first asked for (the member's first visit or request), for the 24-hour assignment target. */
    requestedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    endedAt: timestamp({ withTimezone: true }),
    endedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    endReason: text(),
  },
  (t) => [
    uniqueIndex("coach_assignments_one_active_per_member")
      .on(t.memberId)
      .where(sql`${t.status} = 'active'`),
    index("coach_assignments_coach_idx").on(t.coachId, t.status),
    index("coach_assignments_member_idx").on(t.memberId, t.startedAt),
    // The report rollups' incremental run finds what changed since its watermark through these.
    index("coach_assignments_changed_idx").on(sql`greatest(${t.startedAt}, ${t.endedAt})`),
  ],
);

export const matchRequestStatusEnum = pgEnum("coach_match_request_status", ["waiting", "assigned", "withdrawn"]);

/**
 * A premium member waiting to be matched with a coach (none with a free place fitted when they
 * asked). Matched the moment a place opens, by language, specialty and lowest load; an admin
 * can also assign them by hand. Replaces the old coach_requests queue.
 */
export const coachMatchRequests = pgTable(
  "coach_match_requests",
  {
    id: uuid().primaryKey().defaultRandom(),
    memberId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    languages: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    specialties: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    note: text().notNull().default(""),
    status: matchRequestStatusEnum().notNull().default("waiting"),
    assignmentId: uuid().references(() => coachAssignments.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    decidedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex("coach_match_requests_one_waiting")
      .on(t.memberId)
      .where(sql`${t.status} = 'waiting'`),
    index("coach_match_requests_waiting_idx").on(t.status, t.createdAt),
  ],
);

/**
 * The chat between a member and one coach (one per assignment). `lastSeq` is the sequence number
 * of its newest message: a send takes the next one under this row's lock, so numbers are gapless
 * and commit in order. Each side's read position is the last sequence they have seen.
 * An erased member who chose to leave the chat to their coach's records leaves it without them:
 * member and assignment null ("a former member"), read-only for the coach. Otherwise erasure deletes it.
 */
export const conversations = pgTable(
  "conversations",
  {
    id: uuid().primaryKey().defaultRandom(),
    assignmentId: uuid()
      .unique()
      .references(() => coachAssignments.id, { onDelete: "set null" }),
    memberId: uuid().references(() => users.id, { onDelete: "set null" }),
    coachId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    lastSeq: integer().notNull().default(0),
    memberReadSeq: integer().notNull().default(0),
    coachReadSeq: integer().notNull().default(0),
    lastMessageAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("conversations_member_idx").on(t.memberId), index("conversations_coach_idx").on(t.coachId, t.lastMessageAt)],
);

/** One chat message. `clientId` is generated by the sender's browser, so a retried send stores one row. */
export const messages = pgTable(
  "messages",
  {
    id: uuid().primaryKey().defaultRandom(),
    conversationId: uuid()
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    seq: integer().notNull(),
    senderId: uuid().references(() => users.id, { onDelete: "set null" }),
    clientId: uuid().notNull(),
    /** Safe Markdown source (the community renderer); empty once deleted. */
    body: text().notNull(),
    attachmentId: uuid().references(() => storedFiles.id, { onDelete: "set null" }),
    /** Posted by the AI coach when it handed the member over (no sender): a summary and what the member shared. */
    fromAiCoach: boolean().notNull().default(false),
    editedAt: timestamp({ withTimezone: true }),
    /** A deleted message stays as a tombstone, so sequence numbers and "seen" keep their meaning. */
    deletedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("messages_conversation_seq_unique").on(t.conversationId, t.seq),
    uniqueIndex("messages_client_id_unique").on(t.conversationId, t.clientId),
    // A member's own messages in a period (the premium feature-use report), and their messages when their account is erased.
    index("messages_sender_created_idx").on(t.senderId, t.createdAt),
  ],
);

export const responseKindEnum = pgEnum("coach_response_kind", ["first", "next"]);

/**
 * A member's message waiting for (or answered by) the coach: asked when the member wrote after the
 * coach's last reply, due by the SLA in the coach's business hours, answered by the coach's next
 * message. Its state (active, met, missed) follows from these times and the clock.
 */
export const coachResponses = pgTable(
  "coach_responses",
  {
    id: uuid().primaryKey().defaultRandom(),
    conversationId: uuid()
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    coachId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: responseKindEnum().notNull(),
    askedSeq: integer().notNull(),
    askedAt: timestamp({ withTimezone: true }).notNull(),
    dueAt: timestamp({ withTimezone: true }).notNull(),
    answeredSeq: integer(),
    answeredAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex("coach_responses_asked_unique").on(t.conversationId, t.askedSeq),
    uniqueIndex("coach_responses_one_open")
      .on(t.conversationId)
      .where(sql`${t.answeredAt} is null`),
    index("coach_responses_coach_due_idx").on(t.coachId, t.dueAt),
    // The report rollups' incremental run finds what changed since its watermark through these.
    index("coach_responses_asked_idx").on(t.askedAt),
    index("coach_responses_answered_idx").on(t.answeredAt),
    index("coach_responses_due_idx").on(t.dueAt),
  ],
);

/** A coach's private note about a member: coaches and admins read them, the member never does. */
export const caseNotes = pgTable(
  "case_notes",
  {
    id: uuid().primaryKey().defaultRandom(),
    memberId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    authorId: uuid().references(() => users.id, { onDelete: "set null" }),
    body: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("case_notes_member_idx").on(t.memberId, t.createdAt)],
);

export const planProposalStatusEnum = pgEnum("plan_proposal_status", ["proposed", "accepted", "declined", "withdrawn"]);

/**
 * A coach's proposed change to a member's plan. Accepted (or applied at once when the member lets
 * this coach edit their plan), it becomes a plan revision with the coach as its author.
 */
export const planProposals = pgTable(
  "plan_proposals",
  {
    id: uuid().primaryKey().defaultRandom(),
    memberId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    attemptId: uuid()
      .notNull()
      .references(() => quitAttempts.id, { onDelete: "cascade" }),
    coachId: uuid().references(() => users.id, { onDelete: "set null" }),
    /** The plan revision it was written against; a proposal on an older plan cannot be accepted. */
    baseRevision: integer().notNull(),
    changes: jsonb().$type<Record<string, unknown>>().notNull(),
    note: text(),
    status: planProposalStatusEnum().notNull().default("proposed"),
    appliedRevision: integer(),
    decidedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("plan_proposals_member_idx").on(t.memberId, t.status)],
);

/**
 * Every read of a member's health data by someone other than the member (coach, admin), which the member can see.
 * Append-only: a trigger (coaching.constraints.sql) refuses updates and deletes, except the unlinking erasure does.
 */
export const healthDataAccess = pgTable(
  "health_data_access",
  {
    id: uuid().primaryKey().defaultRandom(),
    memberId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    viewerId: uuid().references(() => users.id, { onDelete: "set null" }),
    viewerRole: text().notNull(),
    /** What was read, in words a member understands: "progress", "case notes", "chat". */
    what: text().notNull(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("health_data_access_member_idx").on(t.memberId, t.at)],
);

/** Alumni: members a coach graduated after a successful attempt (kept when the assignment ends). */
export const graduations = pgTable(
  "graduations",
  {
    memberId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    assignmentId: uuid()
      .notNull()
      .references(() => coachAssignments.id, { onDelete: "cascade" }),
    attemptId: uuid().references(() => quitAttempts.id, { onDelete: "set null" }),
    coachId: uuid().references(() => users.id, { onDelete: "set null" }),
    smokeFreeDays: integer().notNull(),
    note: text(),
    graduatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.memberId, t.assignmentId] })],
);

export type CoachProfile = typeof coachProfiles.$inferSelect;
export type CoachAssignment = typeof coachAssignments.$inferSelect;
export type ConversationRecord = typeof conversations.$inferSelect;
/** A conversation with its member and assignment: every one but an erased member's kept chat. */
export type Conversation = Omit<ConversationRecord, "memberId" | "assignmentId"> & { memberId: string; assignmentId: string };
export type Message = typeof messages.$inferSelect;
