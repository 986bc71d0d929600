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
} from "drizzle-orm/pg-core";
import { localeEnum, users } from "./identity";

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

export const contentKindEnum = pgEnum("content_kind", ["article", "roadmap", "blog-post", "faq", "page"]);
export const contentItemStatusEnum = pgEnum("content_item_status", ["draft", "scheduled", "published", "unpublished"]);

/**
 * One piece of the knowledge hub or public site, whatever its languages. Publishing state, the
 * medical review and the sources live here; the words live in content_translations. `revision`
 * counts saved changes, so an approval names exactly which revision the reviewer read.
 */
export const contentItems = pgTable(
  "content_items",
  {
    id: uuid().primaryKey().defaultRandom(),
    kind: contentKindEnum().notNull(),
    /** Article topic, FAQ category or page key (about, terms, privacy). */
    topic: text(),
    medical: boolean().notNull().default(false),
    status: contentItemStatusEnum().notNull().default("draft"),
    publishAt: timestamp({ withTimezone: true }),
    publishedAt: timestamp({ withTimezone: true }),
    tags: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    featured: boolean().notNull().default(false),
    /** Versioned JSONB: [{ title, publisher, year, url }] (app/modules/content/document.ts). */
    sources: jsonb().$type<unknown[]>().notNull().default([]),
    authorName: text(),
    reviewedOn: date({ mode: "string" }),
    reviewerName: text(),
    revision: integer().notNull().default(1),
    approvedRevision: integer(),
    approvedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    createdBy: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("content_items_public_idx").on(t.kind, t.status, t.publishedAt),
    index("content_items_due_idx")
      .on(t.publishAt)
      .where(sql`${t.status} = 'scheduled'`),
  ],
);

/** The words of one item in one language; either language may be missing. */
export const contentTranslations = pgTable(
  "content_translations",
  {
    itemId: uuid()
      .notNull()
      .references(() => contentItems.id, { onDelete: "cascade" }),
    locale: localeEnum().notNull(),
    slug: text().notNull(),
    title: text().notNull(),
    summary: text().notNull().default(""),
    /** Versioned JSONB `{ version: 1, markdown }`; sections with ids are derived from its headings. */
    body: jsonb().$type<Record<string, unknown>>().notNull(),
    readingMinutes: integer().notNull().default(1),
    /** to_tsvector('simple', accent-folded title, summary, body and tags): see app/modules/community/search.ts. */
    searchDocument: tsvector().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.itemId, t.locale] }),
    uniqueIndex("content_translations_slug_idx").on(t.locale, t.slug),
    index("content_translations_search_idx").using("gin", t.searchDocument),
  ],
);

/** Every saved state of an item (all its languages), numbered from 1, with who saved it. */
export const contentRevisions = pgTable(
  "content_revisions",
  {
    id: uuid().primaryKey().defaultRandom(),
    itemId: uuid()
      .notNull()
      .references(() => contentItems.id, { onDelete: "cascade" }),
    number: integer().notNull(),
    snapshot: jsonb().$type<Record<string, unknown>>().notNull(),
    /** What changed, in the product's words: "edited", "published", "restored revision 3" … */
    change: text().notNull(),
    changedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    changedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("content_revisions_number_idx").on(t.itemId, t.number)],
);

export type ContentItem = typeof contentItems.$inferSelect;
export type ContentKind = (typeof contentKindEnum.enumValues)[number];
export type ContentItemStatus = (typeof contentItemStatusEnum.enumValues)[number];

/** The roadmap steps a member has ticked off; a step is a `##` section of the roadmap, named by its id. */
export const roadmapStepProgress = pgTable(
  "roadmap_step_progress",
  {
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    itemId: uuid()
      .notNull()
      .references(() => contentItems.id, { onDelete: "cascade" }),
    stepId: text().notNull(),
    doneAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.itemId, t.stepId] })],
);

/**
 * Which version of the terms or the privacy notice a member accepted, and when. The version is
 * the published page's revision (content_items.revision of the `page` with that topic).
 */
export const siteDocumentEnum = pgEnum("site_document", ["terms", "privacy"]);
export const documentAcceptances = pgTable(
  "document_acceptances",
  {
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    document: siteDocumentEnum().notNull(),
    version: integer().notNull(),
    acceptedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.document, t.version] })],
);
