import { and, desc, eq, sql, type SQL } from "drizzle-orm";
import { preparedRows, type Database } from "#db/client.server";
import { contentItems, contentRevisions, contentTranslations, users, type ContentItemStatus, type Locale } from "#db/schema";
import { boundedCache } from "~/lib/cache";
import { DomainError } from "~/lib/domain-error";
import { isUuid } from "~/lib/uuid";
import { buildSearchDocument, buildSearchQuery } from "~/modules/community/search";
import {
  HOMEPAGE_HERO,
  parseContentBody,
  parseSources,
  readingMinutes,
  SLUG_PATTERN,
  type ContentKindName,
  type ContentSource,
} from "./document";
import { publishBlocker, scheduleOutcome } from "./publishing";
import { contentPath } from "./paths";
import { pickStageReading, STAGE_TOPICS, topicsFor, type StageReading } from "./suggestions";

export type TranslationInput = { locale: Locale; slug: string; title: string; summary: string; markdown: string };

/** Everything an editor saves about an item; `translations` holds the languages written (one or both). */
export type ContentInput = {
  kind: ContentKindName;
  topic: string | null;
  medical: boolean;
  tags: string[];
  featured: boolean;
  authorName: string | null;
  sources: ContentSource[];
  translations: TranslationInput[];
};

/** What a revision stores: the whole editable state, so a restore puts back exactly this. */
type Snapshot = Omit<ContentInput, "kind">;

const textArray = (values: readonly string[]) =>
  sql`array[${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )}]::text[]`;

const notFound = () => new DomainError("not-found", "content:errors.notFound");

function searchVector(t: TranslationInput, tags: readonly string[]) {
  return sql`to_tsvector('simple', ${buildSearchDocument([t.title, t.summary, t.markdown, ...tags])})`;
}

async function writeTranslations(tx: Database, itemId: string, input: Snapshot) {
  await tx.delete(contentTranslations).where(eq(contentTranslations.itemId, itemId));
  for (const t of input.translations) {
    await tx.insert(contentTranslations).values({
      itemId,
      locale: t.locale,
      slug: t.slug,
      title: t.title,
      summary: t.summary,
      body: { version: 1, markdown: t.markdown },
      readingMinutes: readingMinutes(t.markdown),
      searchDocument: searchVector(t, input.tags) as unknown as string,
    });
  }
}

function snapshotOf(input: ContentInput | Snapshot): Snapshot {
  return {
    topic: input.topic,
    medical: input.medical,
    tags: input.tags,
    featured: input.featured,
    authorName: input.authorName,
    sources: input.sources,
    translations: input.translations,
  };
}

/** A slug taken in that language (by another item) is the editor's to fix, not a 500. */
async function assertSlugsFree(tx: Database, itemId: string | null, translations: readonly TranslationInput[]) {
  for (const t of translations) {
    const [taken] = await tx.execute<{ item_id: string }>(
      sql`select item_id from content_translations where locale = ${t.locale} and slug = ${t.slug}
          ${itemId ? sql`and item_id <> ${itemId}::uuid` : sql``} limit 1`,
    );
    if (taken) throw new DomainError("conflict", "contentAdmin:errors.slugTaken", { field: `slug_${t.locale}` });
  }
}

export async function createContentItem(db: Database, editorId: string, input: ContentInput): Promise<string> {
  return db.transaction(async (tx) => {
    await assertSlugsFree(tx, null, input.translations);
    const [item] = await tx
      .insert(contentItems)
      .values({
        kind: input.kind,
        topic: input.topic,
        medical: input.medical,
        tags: input.tags,
        featured: input.featured,
        authorName: input.authorName,
        sources: input.sources,
        createdBy: editorId,
      })
      .returning({ id: contentItems.id });
    await writeTranslations(tx, item!.id, input);
    await tx
      .insert(contentRevisions)
      .values({ itemId: item!.id, number: 1, snapshot: snapshotOf(input), change: "created", changedBy: editorId });
    return item!.id;
  });
}

async function lockItem(tx: Database, id: string) {
  if (!isUuid(id)) throw notFound();
  const [item] = await tx.select().from(contentItems).where(eq(contentItems.id, id)).for("update");
  if (!item) throw notFound();
  return item;
}

async function saveSnapshot(tx: Database, editorId: string, id: string, snapshot: Snapshot, change: string): Promise<number> {
  const item = await lockItem(tx, id);
  await assertSlugsFree(tx, id, snapshot.translations);
  const revision = item.revision + 1;
  await tx
    .update(contentItems)
    .set({
      topic: snapshot.topic,
      medical: snapshot.medical,
      tags: snapshot.tags,
      featured: snapshot.featured,
      authorName: snapshot.authorName,
      sources: snapshot.sources,
      revision,
      updatedAt: sql`now()`,
    })
    .where(eq(contentItems.id, id));
  await writeTranslations(tx, id, snapshot);
  await tx.insert(contentRevisions).values({ itemId: id, number: revision, snapshot, change, changedBy: editorId });
  return revision;
}

/** Saves a new revision. A medical item's earlier approval no longer covers it: it needs a fresh review to publish again later. */
export async function saveContentItem(db: Database, editorId: string, id: string, input: ContentInput): Promise<number> {
  return db.transaction((tx) => saveSnapshot(tx, editorId, id, snapshotOf(input), "edited"));
}

/** Puts back revision `number` exactly, as a new revision (history is never rewritten). */
export async function restoreRevision(db: Database, editorId: string, id: string, number: number): Promise<number> {
  return db.transaction(async (tx) => {
    const [old] = await tx
      .select({ snapshot: contentRevisions.snapshot })
      .from(contentRevisions)
      .where(and(eq(contentRevisions.itemId, id), eq(contentRevisions.number, number)));
    if (!old) throw notFound();
    return saveSnapshot(tx, editorId, id, old.snapshot as unknown as Snapshot, `restored:${number}`);
  });
}

/**
 * A reviewer approves the revision they read. Whoever saved that revision cannot approve it; the
 * approval sets the "last medically reviewed" date and reviewer shown on the page.
 */
export async function approveRevision(db: Database, reviewerId: string, id: string, revision: number, today: string): Promise<void> {
  await db.transaction(async (tx) => {
    const item = await lockItem(tx, id);
    if (item.revision !== revision) throw new DomainError("conflict", "contentAdmin:errors.staleRevision");
    const [saved] = await tx
      .select({ changedBy: contentRevisions.changedBy })
      .from(contentRevisions)
      .where(and(eq(contentRevisions.itemId, id), eq(contentRevisions.number, revision)));
    if (saved?.changedBy === reviewerId) throw new DomainError("forbidden", "contentAdmin:errors.ownRevision");
    const [reviewer] = await tx.select({ name: users.displayName }).from(users).where(eq(users.id, reviewerId));
    await tx
      .update(contentItems)
      .set({
        approvedRevision: revision,
        approvedBy: reviewerId,
        reviewedOn: today,
        reviewerName: reviewer?.name ?? null,
        updatedAt: sql`now()`,
      })
      .where(eq(contentItems.id, id));
  });
}

async function translationCount(tx: Database, id: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(contentTranslations)
    .where(eq(contentTranslations.itemId, id));
  return row?.n ?? 0;
}

/** Publishes at `publishAt`: now (or in the past) publishes at once, later schedules it for the publish job. */
export async function schedulePublication(
  db: Database,
  id: string,
  publishAt: Date,
  now: Date,
): Promise<{ status: "published" | "scheduled"; publishAt: Date }> {
  return db.transaction(async (tx) => {
    const item = await lockItem(tx, id);
    const blocker = publishBlocker({ ...item, translations: await translationCount(tx, id) });
    if (blocker) throw new DomainError("invalid", blocker);
    const status = scheduleOutcome(publishAt, now);
    await tx
      .update(contentItems)
      .set({
        status,
        publishAt,
        publishedAt: status === "published" ? (item.publishedAt ?? now) : item.publishedAt,
        updatedAt: sql`now()`,
      })
      .where(eq(contentItems.id, id));
    return { status, publishAt };
  });
}

export async function unpublishContentItem(db: Database, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    await lockItem(tx, id);
    await tx
      .update(contentItems)
      .set({ status: "unpublished", publishAt: null, updatedAt: sql`now()` })
      .where(eq(contentItems.id, id));
  });
}

/**
 * The publish job: every scheduled item whose time has come and that may still be published
 * (a medical item's approval must cover its current revision). Idempotent: a second run finds nothing.
 */
export async function publishDueContent(db: Database, now: Date): Promise<string[]> {
  const rows = await db.execute<{ id: string }>(sql`
    update content_items set status = 'published', published_at = coalesce(published_at, publish_at), updated_at = now()
    where status = 'scheduled' and publish_at <= ${now.toISOString()}::timestamptz
      and (not medical or approved_revision = revision)
      and exists (select 1 from content_translations t where t.item_id = content_items.id)
    returning id`);
  return [...rows].map((r) => r.id);
}

// ——— Admin reading ———

export type AdminListFilter = { q?: string | null; kind?: ContentKindName | null; status?: ContentItemStatus | null };

export async function adminContentList(db: Database, filter: AdminListFilter, limit = 100) {
  const query = filter.q ? buildSearchQuery(filter.q) : null;
  const rows = await db.execute<{
    id: string;
    kind: ContentKindName;
    topic: string | null;
    status: ContentItemStatus;
    medical: boolean;
    revision: number;
    approved_revision: number | null;
    publish_at: Date | null;
    updated_at: Date;
    titles: { locale: Locale; title: string }[];
  }>(sql`
    select i.id, i.kind, i.topic, i.status, i.medical, i.revision, i.approved_revision, i.publish_at, i.updated_at,
      coalesce((select json_agg(json_build_object('locale', t.locale, 'title', t.title) order by t.locale) from content_translations t where t.item_id = i.id), '[]') as titles
    from content_items i
    where true
      ${filter.kind ? sql`and i.kind = ${filter.kind}` : sql``}
      ${filter.status ? sql`and i.status = ${filter.status}` : sql``}
      ${query ? sql`and exists (select 1 from content_translations t where t.item_id = i.id and t.search_document @@ websearch_to_tsquery('simple', ${query}))` : sql``}
    order by i.updated_at desc, i.id desc
    limit ${limit}`);
  return [...rows].map((r) => ({
    id: r.id,
    kind: r.kind,
    topic: r.topic,
    status: r.status,
    medical: r.medical,
    needsReview: r.medical && r.approved_revision !== r.revision,
    publishAt: r.publish_at ? new Date(r.publish_at).toISOString() : null,
    updatedAt: new Date(r.updated_at).toISOString(),
    titles: r.titles,
  }));
}

export async function contentForEditing(db: Database, id: string) {
  if (!isUuid(id)) throw notFound();
  const [item] = await db.select().from(contentItems).where(eq(contentItems.id, id));
  if (!item) throw notFound();
  const [translations, revisions] = await Promise.all([
    db.select().from(contentTranslations).where(eq(contentTranslations.itemId, id)),
    db
      .select({
        number: contentRevisions.number,
        change: contentRevisions.change,
        changedAt: contentRevisions.changedAt,
        changedBy: users.displayName,
        snapshot: contentRevisions.snapshot,
      })
      .from(contentRevisions)
      .leftJoin(users, eq(users.id, contentRevisions.changedBy))
      .where(eq(contentRevisions.itemId, id))
      .orderBy(desc(contentRevisions.number))
      .limit(50),
  ]);
  return {
    item: { ...item, sources: parseSources(item.sources) },
    translations: translations.map((t) => ({
      locale: t.locale,
      slug: t.slug,
      title: t.title,
      summary: t.summary,
      markdown: parseContentBody(t.body).markdown,
    })),
    revisions: revisions.map((r) => ({ ...r, snapshot: r.snapshot as unknown as Snapshot })),
  };
}

// ——— Public reading: only published items exist here ———

type PublicRow = {
  id: string;
  kind: ContentKindName;
  topic: string | null;
  tags: string[];
  medical: boolean;
  sources: unknown;
  author_name: string | null;
  reviewed_on: string | null;
  reviewer_name: string | null;
  published_at: Date | null;
  updated_at: Date;
  revision: number;
  locale: Locale;
  slug: string;
  title: string;
  summary: string;
  body: unknown;
  reading_minutes: number;
  alternates: { locale: Locale; slug: string }[];
};

const publicColumns = sql`i.id, i.kind, i.topic, i.tags, i.medical, i.sources, i.author_name, i.reviewed_on::text as reviewed_on,
  i.reviewer_name, i.published_at, i.updated_at, i.revision, t.locale, t.slug, t.title, t.summary, t.body, t.reading_minutes,
  (select json_agg(json_build_object('locale', a.locale, 'slug', a.slug) order by a.locale) from content_translations a where a.item_id = i.id) as alternates`;

function toPublic(row: PublicRow) {
  return {
    id: row.id,
    kind: row.kind,
    topic: row.topic,
    tags: row.tags,
    medical: row.medical,
    sources: parseSources(row.sources),
    authorName: row.author_name,
    reviewedOn: row.reviewed_on,
    reviewerName: row.reviewer_name,
    publishedAt: row.published_at ? new Date(row.published_at).toISOString() : null,
    updatedAt: new Date(row.updated_at).toISOString(),
    revision: row.revision,
    locale: row.locale,
    slug: row.slug,
    title: row.title,
    summary: row.summary,
    markdown: parseContentBody(row.body).markdown,
    readingMinutes: row.reading_minutes,
    alternates: row.alternates ?? [],
  };
}
export type PublicContent = ReturnType<typeof toPublic>;

export async function publishedContent(
  db: Database,
  kinds: readonly ContentKindName[],
  locale: Locale,
  slug: string,
): Promise<PublicContent> {
  // Every stored slug has this shape (the editor enforces it); anything else, a NUL byte among them, is not a page.
  if (!SLUG_PATTERN.test(slug)) throw notFound();
  const [row] = await db.execute<PublicRow>(sql`select ${publicColumns} from content_items i
    join content_translations t on t.item_id = i.id
    where i.kind in ${kinds} and i.status = 'published' and t.locale = ${locale} and t.slug = ${slug}`);
  if (!row) throw notFound();
  return toPublic(row);
}

/**
 * Where a slug from the other language leads in `locale` (a visitor switched language on an
 * article): that item's own slug in `locale`, else its version in the language it has. Null when none is published.
 */
export async function translationForSlug(db: Database, kinds: readonly ContentKindName[], locale: Locale, slug: string) {
  if (!SLUG_PATTERN.test(slug)) return null;
  const [row] = await db.execute<{ locale: Locale; slug: string }>(sql`select t2.locale, t2.slug from content_items i
    join content_translations t on t.item_id = i.id
    join content_translations t2 on t2.item_id = i.id
    where i.kind in ${kinds} and i.status = 'published' and t.slug = ${slug} and t.locale <> ${locale}
    order by (t2.locale = ${locale}) desc limit 1`);
  return row ?? null;
}

/** A site page (about, terms, privacy, contact) by its key, in `locale` or else the other language. */
export async function publishedPage(db: Database, key: string, locale: Locale): Promise<PublicContent> {
  const [row] = await db.execute<PublicRow>(sql`select ${publicColumns} from content_items i
    join content_translations t on t.item_id = i.id
    where i.kind = 'page' and i.status = 'published' and i.topic = ${key}
    order by (t.locale = ${locale}) desc limit 1`);
  if (!row) throw notFound();
  return toPublic(row);
}

/**
 * Published items of a kind, each in `locale` when written in it and otherwise in the other
 * language (`locale` on the row says which), newest first.
 */
export async function publishedList(
  db: Database,
  kinds: readonly ContentKindName[],
  locale: Locale,
  options: { topic?: string | null; featured?: boolean; limit?: number } = {},
): Promise<PublicContent[]> {
  const rows = await db.execute<PublicRow>(sql`select distinct on (i.published_at, i.id) ${publicColumns} from content_items i
    join content_translations t on t.item_id = i.id
    where i.kind in ${kinds} and i.status = 'published'
      ${options.topic ? sql`and i.topic = ${options.topic}` : sql``}
      ${options.featured ? sql`and i.featured` : sql``}
    order by i.published_at desc, i.id desc, (t.locale = ${locale}) desc
    limit ${options.limit ?? 200}`);
  return [...rows].map(toPublic);
}

/** Accent-insensitive search over published content in both languages; the page's language first. */
export async function searchPublishedContent(db: Database, locale: Locale, text: string, limit = 20) {
  const query = buildSearchQuery(text);
  if (!query) return [];
  const rows = await db.execute<PublicRow>(sql`select ${publicColumns} from content_items i
    join content_translations t on t.item_id = i.id
    where i.status = 'published' and i.kind in ('article', 'roadmap', 'blog-post', 'faq')
      and t.search_document @@ websearch_to_tsquery('simple', ${query})
    order by (t.locale = ${locale}) desc, ts_rank(t.search_document, websearch_to_tsquery('simple', ${query})) desc, i.id
    limit ${limit}`);
  return [...rows].map(toPublic);
}

/** Changes whenever any item is saved, published, scheduled or unpublished: part of list pages' ETags. */
export async function contentVersion(db: Database): Promise<string> {
  const [row] = await db.execute<{ v: string | null }>(sql`select max(updated_at)::text || ':' || count(*) as v from content_items`);
  return row?.v ?? "empty";
}

export async function sitemapContent(db: Database) {
  const rows = await db.execute<{
    kind: ContentKindName;
    topic: string | null;
    updated_at: Date;
    alternates: { locale: Locale; slug: string }[];
  }>(sql`
    select i.kind, i.topic, i.updated_at,
      (select json_agg(json_build_object('locale', a.locale, 'slug', a.slug) order by a.locale) from content_translations a where a.item_id = i.id) as alternates
    from content_items i
    where i.status = 'published' and i.kind in ('article', 'roadmap', 'blog-post', 'page')
      and not (i.kind = 'page' and i.topic = ${HOMEPAGE_HERO})
      and exists (select 1 from content_translations a where a.item_id = i.id)
    order by i.kind, i.published_at, i.id`);
  return [...rows].map((r) => ({
    kind: r.kind,
    topic: r.topic,
    updatedAt: new Date(r.updated_at).toISOString(),
    alternates: r.alternates,
  }));
}

/**
 * The dashboard's reading list, in one statement: articles and roadmaps whose topic fits the
 * member now (a slip in the last two weeks first, then their stage; `topicsFor`) or whose tags
 * name one of their triggers; the member's language first.
 */
async function readingFor(
  db: Database,
  locale: Locale,
  member: { userId: string; triggers: readonly string[]; daysSinceQuit: number | null },
  limit: number,
): Promise<PublicContent[]> {
  const withSlip = topicsFor({ daysSinceQuit: member.daysSinceQuit, recentSlip: true, triggers: member.triggers });
  const withoutSlip = topicsFor({ daysSinceQuit: member.daysSinceQuit, recentSlip: false, triggers: member.triggers });
  const tags = member.triggers.length > 0 ? member.triggers : [""];
  const rows = await preparedRows<PublicRow>(
    db,
    sql`with slip as (
      select exists (select 1 from slip_reflections where user_id = ${member.userId} and created_at > now() - interval '14 days') as found
    ), topics as (
      select case when slip.found then ${textArray(withSlip)} else ${textArray(withoutSlip)} end as wanted from slip
    )
    select * from (
      select distinct on (i.id) ${publicColumns}, coalesce(array_position(topics.wanted, i.topic), 99) as score
      from content_items i join content_translations t on t.item_id = i.id, topics
      where i.status = 'published' and i.kind in ('article', 'roadmap')
        and (i.topic = any(topics.wanted) or i.tags && ${textArray(tags)})
      order by i.id, (t.locale = ${locale}) desc
    ) s order by score, published_at desc, id limit ${limit}`,
  );
  return [...rows].map(toPublic);
}

// Per member and journey version (a slip or a new attempt changes it), and per ten minutes so new articles reach dashboards as fast as the CDN's copy.
const readingLists = boundedCache<string, Promise<PublicContent[]>>("member-reading", 2_000);
const READING_WINDOW_MS = 10 * 60_000;

export function suggestionsForMember(
  db: Database,
  locale: Locale,
  member: { userId: string; journeyVersion: number; triggers: readonly string[]; daysSinceQuit: number | null },
  now = Date.now(),
): Promise<PublicContent[]> {
  const key = `${member.userId}|${member.journeyVersion}|${locale}|${Math.floor(now / READING_WINDOW_MS)}`;
  return readingLists.getOrCreate(key, () => {
    const pending = readingFor(db, locale, member, 3);
    pending.catch(() => readingLists.delete(key));
    return pending;
  });
}

/** Titles and admin links of items by id, in `locale` when written in it (the admin's per-article figures). */
export async function contentTitles(db: Database, ids: readonly string[], locale: Locale) {
  const valid = ids.filter(isUuid);
  if (valid.length === 0) return new Map<string, { title: string; kind: ContentKindName }>();
  const rows = await db.execute<{
    id: string;
    title: string;
    kind: ContentKindName;
  }>(sql`select distinct on (i.id) i.id, t.title, i.kind::text as kind
    from content_items i join content_translations t on t.item_id = i.id
    where i.id in ${valid} order by i.id, (t.locale = ${locale}) desc`);
  return new Map(rows.map((r) => [r.id, { title: r.title, kind: r.kind }]));
}

const stageReadingCache = boundedCache<string, Promise<Record<string, StageReading[]>>>("stage-reading", 100);

/** What each plan stage links to (roadmaps and articles on the stage's topics), in one statement, remembered ten minutes per language. */
export function readingForStages(db: Database, locale: Locale, stages: readonly string[], now = Date.now()) {
  const key = `${locale}|${stages.join(",")}|${Math.floor(now / READING_WINDOW_MS)}`;
  return stageReadingCache.getOrCreate(key, () => {
    const topics = [...new Set(stages.flatMap((s) => STAGE_TOPICS[s] ?? []))];
    const pending = (async () => {
      if (topics.length === 0) return pickStageReading(stages, []);
      const rows = await db.execute<{ kind: "article" | "roadmap"; topic: string | null; locale: Locale; slug: string; title: string }>(
        sql`select distinct on (i.id) i.kind::text as kind, i.topic, t.locale, t.slug, t.title
          from content_items i join content_translations t on t.item_id = i.id
          where i.status = 'published' and i.kind in ('article', 'roadmap') and i.topic = any(${textArray(topics)})
          order by i.id, (t.locale = ${locale}) desc`,
      );
      return pickStageReading(
        stages,
        rows.map((r) => ({ ...r, path: contentPath(r.kind, r.locale, r.slug) })),
      );
    })();
    pending.catch(() => stageReadingCache.delete(key));
    return pending;
  });
}

/** The homepage hero an editor published in `locale`, or null (the page then shows its built-in words). */
/** The hero editors wrote for the homepage (a published "home" page) in one language, as JSON `{title, body}` or null. */
export function homepageHeroJson(locale: Locale): SQL<{ title: string; body: string } | null> {
  return sql`(select json_build_object('title', t.title, 'body', t.summary) from content_items i
    join content_translations t on t.item_id = i.id
    where i.kind = 'page' and i.status = 'published' and i.topic = ${HOMEPAGE_HERO} and t.locale = ${locale}
    order by i.published_at desc limit 1)`;
}

export type FeaturedArticle = {
  kind: ContentKindName;
  locale: Locale;
  slug: string;
  title: string;
  summary: string;
  readingMinutes: number;
};

/**
 * The newest featured articles and roadmap steps (in `locale` where translated) as one JSON array of
 * what a teaser shows: title and summary, never the body, so there is no document to parse per view.
 */
export function featuredArticlesJson(locale: Locale, limit: number): SQL<FeaturedArticle[]> {
  return sql`(select coalesce(json_agg(json_build_object('kind', f.kind, 'locale', f.locale, 'slug', f.slug, 'title', f.title,
      'summary', f.summary, 'readingMinutes', f.reading_minutes) order by f.published_at desc, f.id desc), '[]'::json)
    from (select distinct on (i.published_at, i.id) i.id, i.kind, i.published_at, t.locale, t.slug, t.title, t.summary, t.reading_minutes
      from content_items i join content_translations t on t.item_id = i.id
      where i.kind in ('article', 'roadmap') and i.status = 'published' and i.featured
      order by i.published_at desc, i.id desc, (t.locale = ${locale}) desc
      limit ${limit}) f)`;
}
