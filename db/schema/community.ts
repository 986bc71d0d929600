import { sql } from "drizzle-orm";
import {
  boolean,
  customType,
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
  type AnyPgColumn,
} from "drizzle-orm/pg-core";
import { users } from "./identity";

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

export const contentStatusEnum = pgEnum("community_content_status", ["visible", "held", "hidden", "removed"]);
export const reactionTypeEnum = pgEnum("community_reaction_type", ["support", "celebrate", "hug"]);

/**
 * A member's post. The body is a versioned JSONB document (app/modules/community/post-body.ts);
 * kind and tags are copied out of it for filtering, and the counters are kept in the same
 * transaction as the rows they count, so the feed never counts millions of rows.
 */
export const communityPosts = pgTable(
  "community_posts",
  {
    id: uuid().primaryKey().defaultRandom(),
    /** Null for "a former member": the author was erased and chose to leave it (no link to them remains). */
    authorId: uuid().references(() => users.id, { onDelete: "cascade" }),
    body: jsonb().$type<Record<string, unknown>>().notNull(),
    kind: text().notNull(),
    tags: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    anonymous: boolean().notNull().default(false),
    /** The author agreed that admins may feature this post on the public stories page. */
    publicConsent: boolean().notNull().default(false),
    featuredAt: timestamp({ withTimezone: true }),
    status: contentStatusEnum().notNull().default("visible"),
    heldReasons: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** to_tsvector('simple', accent-folded text + tags): see app/modules/community/search.ts. */
    searchDocument: tsvector().notNull(),
    commentCount: integer().notNull().default(0),
    supportCount: integer().notNull().default(0),
    celebrateCount: integer().notNull().default(0),
    hugCount: integer().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    editedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    // Ascending on purpose: walked backwards it serves "created_at desc, id desc" (drizzle writes desc as NULLS LAST, which does not).
    index("community_posts_feed_idx").on(t.createdAt, t.id),
    index("community_posts_author_idx").on(t.authorId, t.createdAt),
    index("community_posts_tags_idx").using("gin", t.tags),
    index("community_posts_search_idx").using("gin", t.searchDocument),
    // Serving a photo asks which posts show it (app/modules/storage/access.server.ts).
    index("community_posts_images_idx").using("gin", sql`(${t.body} -> 'imageIds')`),
    index("community_posts_featured_idx")
      .on(t.featuredAt)
      .where(sql`${t.featuredAt} is not null`),
    index("community_posts_review_idx")
      .on(t.status)
      .where(sql`${t.status} <> 'visible'`),
  ],
);

/** A comment on a post, or a reply to a top-level comment (one level deep). */
export const communityComments = pgTable(
  "community_comments",
  {
    id: uuid().primaryKey().defaultRandom(),
    postId: uuid()
      .notNull()
      .references(() => communityPosts.id, { onDelete: "cascade" }),
    /** Null for "a former member": the author was erased and chose to leave it (no link to them remains). */
    authorId: uuid().references(() => users.id, { onDelete: "cascade" }),
    parentId: uuid().references((): AnyPgColumn => communityComments.id, { onDelete: "cascade" }),
    text: text().notNull(),
    status: contentStatusEnum().notNull().default("visible"),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("community_comments_post_idx").on(t.postId, t.createdAt),
    index("community_comments_author_idx").on(t.authorId),
    // The report rollup asks which days have comments written since its last run (app/modules/analytics/rollups.server.ts).
    index("community_comments_created_idx").on(t.createdAt),
  ],
);

/** One reaction of each type per member per post: the primary key makes double clicks harmless. */
export const communityReactions = pgTable(
  "community_reactions",
  {
    postId: uuid()
      .notNull()
      .references(() => communityPosts.id, { onDelete: "cascade" }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    type: reactionTypeEnum().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.postId, t.userId, t.type] })],
);

export const reportTargetEnum = pgEnum("community_report_target", ["post", "comment"]);

export const communityReports = pgTable(
  "community_reports",
  {
    id: uuid().primaryKey().defaultRandom(),
    targetType: reportTargetEnum().notNull(),
    postId: uuid()
      .notNull()
      .references(() => communityPosts.id, { onDelete: "cascade" }),
    commentId: uuid().references(() => communityComments.id, { onDelete: "cascade" }),
    reporterId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    reason: text().notNull(),
    detail: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    resolvedAt: timestamp({ withTimezone: true }),
    resolvedBy: uuid().references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [
    index("community_reports_open_idx")
      .on(t.createdAt)
      .where(sql`${t.resolvedAt} is null`),
    // One open report per member per piece of content.
    uniqueIndex("community_reports_once_unique")
      .on(t.reporterId, t.postId, sql`coalesce(${t.commentId}, '00000000-0000-0000-0000-000000000000'::uuid)`)
      .where(sql`${t.resolvedAt} is null`),
  ],
);

/** Every moderator decision, with who and why; never updated or deleted. */
export const moderationActions = pgTable(
  "moderation_actions",
  {
    id: uuid().primaryKey().defaultRandom(),
    moderatorId: uuid().references(() => users.id, { onDelete: "set null" }),
    action: text().notNull(),
    postId: uuid().references(() => communityPosts.id, { onDelete: "set null" }),
    commentId: uuid().references(() => communityComments.id, { onDelete: "set null" }),
    subjectUserId: uuid().references(() => users.id, { onDelete: "set null" }),
    note: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("moderation_actions_created_idx").on(t.createdAt), index("moderation_actions_post_idx").on(t.postId)],
);

/** Coaches an admin made community moderators (admins always are). */
export const communityModerators = pgTable("community_moderators", {
  userId: uuid()
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  grantedBy: uuid().references(() => users.id, { onDelete: "set null" }),
  grantedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** A member who may not post or comment until a date. */
export const communitySuspensions = pgTable("community_suspensions", {
  userId: uuid()
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  suspendedUntil: date({ mode: "string" }).notNull(),
  moderatorId: uuid().references(() => users.id, { onDelete: "set null" }),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** blocker no longer sees blocked's content, and the other way round. */
export const communityBlocks = pgTable(
  "community_blocks",
  {
    blockerId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    blockedId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.blockerId, t.blockedId] }), index("community_blocks_blocked_idx").on(t.blockedId, t.blockerId)],
);

/** The admin-edited pre-moderation word list (one row per entry, as the admin typed it). */
export const communityBlockedWords = pgTable("community_blocked_words", {
  word: text().primaryKey(),
  addedBy: uuid().references(() => users.id, { onDelete: "set null" }),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export type CommunityPost = typeof communityPosts.$inferSelect;
export type ReactionType = (typeof reactionTypeEnum.enumValues)[number];
export type ContentStatus = (typeof contentStatusEnum.enumValues)[number];
