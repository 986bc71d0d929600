import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./identity";
import { storedFiles } from "./storage";

export type DataExportStatus = "queued" | "building" | "ready" | "failed";

/**
 * A member's "download my data" archive (GDPR Art. 15/20): built by the `build-data-export` job,
 * kept as a stored file, downloadable by its owner only until it expires. The row is the audit of it.
 */
export const dataExports = pgTable(
  "data_exports",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    status: text().$type<DataExportStatus>().notNull().default("queued"),
    /** Tables written so far out of all of them, for the progress bar. */
    progress: integer().notNull().default(0),
    fileId: uuid().references(() => storedFiles.id, { onDelete: "set null" }),
    byteSize: integer(),
    requestedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    completedAt: timestamp({ withTimezone: true }),
    expiresAt: timestamp({ withTimezone: true }),
    downloadCount: integer().notNull().default(0),
    lastDownloadedAt: timestamp({ withTimezone: true }),
    error: text(),
  },
  (t) => [
    index("data_exports_user_idx").on(t.userId, t.requestedAt),
    // One export at a time: a second request while one is queued or building hits this.
    uniqueIndex("data_exports_one_in_progress")
      .on(t.userId)
      .where(sql`${t.status} in ('queued', 'building')`),
  ],
);

/**
 * A member's request to delete their account (GDPR Art. 17): erased by `erase-due-accounts` once
 * `eraseAfter` passes; signing in before then cancels it (the row is deleted).
 */
export const accountDeletions = pgTable(
  "account_deletions",
  {
    userId: uuid()
      .primaryKey()
      .references(() => users.id, { onDelete: "cascade" }),
    /** Keep community posts and comments as "a former member" (no link to the person); otherwise delete them. */
    keepPosts: boolean().notNull().default(false),
    /** Leave the coaching chats to the coach's records as "a former member"; otherwise they are deleted. */
    keepMessages: boolean().notNull().default(false),
    requestedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    eraseAfter: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index("account_deletions_due_idx").on(t.eraseAfter)],
);

/** Proof that an erasure happened: no personal data, no link to a person; the kept payments it lists are anonymous. */
export const erasureReceipts = pgTable("erasure_receipts", {
  id: uuid().primaryKey().defaultRandom(),
  /** The anonymised payments that were this member's, so accounting still sees one payer's history (refunds, periods). */
  paymentIds: uuid()
    .array()
    .notNull()
    .default(sql`'{}'::uuid[]`),
  requestedAt: timestamp({ withTimezone: true }).notNull(),
  erasedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  keptPosts: boolean().notNull(),
  /** Rows removed or anonymised per table, for the operator's record. */
  counts: jsonb().$type<Record<string, number>>().notNull(),
});

/** How the member's name appears to other members: in full, or as initials ("Nguyễn Văn An" → "N.A."). */
export type CommunityNameShown = "full" | "initials";
/** Who may open the member's shared badge pages: anyone with the link, signed-in members only, or nobody. */
export type BadgeShareAudience = "link" | "members" | "nobody";

/**
 * A member's visibility choices (the privacy centre). No row means the defaults: full name,
 * avatar and smoke-free days shown, shared badges open to anyone with the link.
 */
export const privacySettings = pgTable("privacy_settings", {
  userId: uuid()
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  nameShown: text().$type<CommunityNameShown>().notNull().default("full"),
  avatarShown: boolean().notNull().default(true),
  smokeFreeDaysShown: boolean().notNull().default(true),
  badgeShareAudience: text().$type<BadgeShareAudience>().notNull().default("link"),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** One run of the nightly `privacy-retention` job: when, under which periods, and what it removed (for /admin/privacy). */
export const retentionRuns = pgTable("retention_runs", {
  id: uuid().primaryKey().defaultRandom(),
  ranAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  /** The periods in days the run applied, as configured at the time. */
  policy: jsonb().$type<Record<string, number>>().notNull(),
  /** Rows removed per kind. */
  removed: jsonb().$type<Record<string, number>>().notNull(),
});

/**
 * An account's inactivity, for the retention policy: the last time a session of theirs was seen
 * (carried over before the retention job deletes old session rows) and when they were warned
 * that the account will be erased. Any later activity clears the warning.
 */
export const accountInactivity = pgTable(
  "account_inactivity",
  {
    userId: uuid()
      .primaryKey()
      .references(() => users.id, { onDelete: "cascade" }),
    /** The newest last-seen time of the member's sessions that retention has removed. */
    lastSeenAt: timestamp({ withTimezone: true }),
    /** When the warning (in-app and email) went out; null when none is outstanding. */
    warnedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index("account_inactivity_warned_idx").on(t.warnedAt)],
);
