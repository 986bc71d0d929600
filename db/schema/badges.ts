import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./identity";

/** The badge catalogue: seeded once, then edited by admins (texts in both languages, icon, rule, on/off). */
export const badges = pgTable("badges", {
  id: uuid().primaryKey().defaultRandom(),
  key: text().notNull().unique(),
  nameEn: text().notNull(),
  nameVi: text().notNull(),
  descriptionEn: text().notNull(),
  descriptionVi: text().notNull(),
  icon: text().notNull(),
  /** A BadgeRule (app/modules/badges/rule.ts), validated by badgeRuleSchema on every write. */
  rule: jsonb().$type<Record<string, unknown>>().notNull(),
  active: boolean().notNull().default(true),
  /** A badge an admin is still writing: never awarded, never shown to members, until published. */
  draft: boolean().notNull().default(false),
  sortOrder: integer().notNull().default(0),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** One row per member and badge, ever: the unique index is what makes concurrent evaluations award once. */
export const badgeAwards = pgTable(
  "badge_awards",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    badgeId: uuid()
      .notNull()
      .references(() => badges.id, { onDelete: "cascade" }),
    awardedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** Public share page on or off; off means /share/badge/:id is a 404. */
    shared: boolean().notNull().default(false),
    shareAnonymously: boolean().notNull().default(false),
  },
  (t) => [
    uniqueIndex("badge_awards_user_badge_unique").on(t.userId, t.badgeId),
    index("badge_awards_user_awarded_idx").on(t.userId, t.awardedAt),
  ],
);
