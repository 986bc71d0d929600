import { sql } from "drizzle-orm";
import { index, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./identity";

/** What needs a person, gathered from where it happens (ratings, SLA, billing, community, the AI coach). */
export const escalationKindEnum = pgEnum("escalation_kind", ["crisis", "low-rating", "sla-missed", "payment-grace", "community-report"]);

/** One queue of what needs a person: each item points at its source row and is assigned and resolved here. */
export const escalations = pgTable(
  "escalations",
  {
    id: uuid().primaryKey().defaultRandom(),
    kind: escalationKindEnum().notNull(),
    /** The source row's id (a rating's session, a coach response, a subscription, a report, a handoff). */
    subjectId: text().notNull(),
    memberId: uuid().references(() => users.id, { onDelete: "cascade" }),
    openedAt: timestamp({ withTimezone: true }).notNull(),
    assigneeId: uuid().references(() => users.id, { onDelete: "set null" }),
    resolvedAt: timestamp({ withTimezone: true }),
    /** Null when the source cleared by itself (the coach answered, the payment went through, a moderator decided). */
    resolvedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    resolution: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Gathering twice never opens the same item twice.
    uniqueIndex("escalations_subject_unique").on(t.kind, t.subjectId),
    index("escalations_open_idx")
      .on(t.openedAt)
      .where(sql`${t.resolvedAt} is null`),
  ],
);

export type Escalation = typeof escalations.$inferSelect;
export type EscalationKind = (typeof escalationKindEnum.enumValues)[number];
