import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import {
  communityBlockedWords,
  communityPosts,
  communitySuspensions,
  storedFiles,
  users,
  type CommunityNameShown,
  type ContentStatus,
} from "#db/schema";
import type { Database } from "#db/client.server";
import { boundedCache } from "~/lib/cache";
import { DomainError } from "~/lib/domain-error";
import { hitRateLimit, type RateLimitRule } from "~/lib/rate-limit.server";
import { smokeFreeDaysExpression } from "~/modules/journey/progress.server";
import { decodeCursor, encodeCursor, FEED_PAGE_SIZE, type FeedQuery, type FeedSort } from "./feed";
import { checkForReview, DEFAULT_BLOCKED_WORDS, type ReviewReason } from "./moderation";
import { parsePostBody, type PostBody } from "./post-body";
import { buildSearchDocument, buildSearchQuery } from "./search";
import { initialsName } from "./avatar";
import { isUuid } from "~/lib/uuid";

/** Accounts younger than this post under the tighter limit. */
export const NEW_ACCOUNT_DAYS = 7;
export const NEW_ACCOUNT_POST_LIMIT: RateLimitRule = { limit: 5, windowSeconds: 3600 };
export const POST_LIMIT: RateLimitRule = { limit: 30, windowSeconds: 3600 };
export const COMMENT_LIMIT: RateLimitRule = { limit: 60, windowSeconds: 3600 };

/** Ids come from URLs: anything that is not a UUID names no post (404, never a database error). */
export function assertUuid(id: string): void {
  if (!isUuid(id)) throw new DomainError("not-found", "community:errors.notFound");
}

export type PostInput = { body: PostBody; anonymous: boolean; publicConsent: boolean };

/**
 * Content a viewer may see: visible, or their own held/hidden work; never a blocked member's.
 * The blocked set is an uncorrelated sub-select (computed once per statement), so the feed
 * still walks its (created_at, id) index and stops after one page; a NOT EXISTS anti-join here
 * made Postgres read and sort every post.
 */
export function visibleTo(viewerId: string, authorColumn: SQL, statusColumn: SQL): SQL {
  return sql`(${statusColumn} = 'visible' or (${authorColumn} = ${viewerId}::uuid and ${statusColumn} in ('held', 'hidden')))
    and ${authorColumn} <> all (array(
      select b.blocked_id from community_blocks b where b.blocker_id = ${viewerId}::uuid
      union all
      select b.blocker_id from community_blocks b where b.blocked_id = ${viewerId}::uuid))`;
}

/** The word list admins edit; until they first save one, the built-in list in both languages. */
export async function blockedWords(db: Database): Promise<string[]> {
  const rows = await db.select({ word: communityBlockedWords.word }).from(communityBlockedWords);
  return rows.length > 0 ? rows.map((r) => r.word) : [...DEFAULT_BLOCKED_WORDS.en, ...DEFAULT_BLOCKED_WORDS.vi];
}

type Standing = { accountAgeHours: number; suspendedUntil: string | null };

/** How old the account is and whether a moderator suspended it (today in the member's zone). */
async function standingOf(db: Database, userId: string): Promise<Standing> {
  const [row] = await db
    .select({
      accountAgeHours: sql<number>`extract(epoch from now() - ${users.createdAt}) / 3600`.mapWith(Number),
      suspendedUntil: sql<
        string | null
      >`case when ${communitySuspensions.suspendedUntil} >= (now() at time zone ${users.timeZone})::date then ${communitySuspensions.suspendedUntil}::text end`,
    })
    .from(users)
    .leftJoin(communitySuspensions, eq(communitySuspensions.userId, users.id))
    .where(eq(users.id, userId));
  if (!row) throw new DomainError("not-found", "community:errors.notFound");
  return row;
}

function assertNotSuspended(standing: Standing) {
  if (standing.suspendedUntil) throw new DomainError("forbidden", "community:errors.suspended");
}

/** Images in a post must be the author's own uploads. */
async function assertOwnImages(db: Database, userId: string, imageIds: string[]) {
  if (imageIds.length === 0) return;
  const own = await db
    .select({ id: storedFiles.id })
    .from(storedFiles)
    .where(and(inArray(storedFiles.id, imageIds), eq(storedFiles.ownerId, userId)));
  if (own.length !== imageIds.length) throw new DomainError("invalid", "community:errors.imageInvalid", { field: "images" });
}

function searchDocumentOf(body: PostBody): SQL {
  return sql`to_tsvector('simple', ${buildSearchDocument([body.text, ...body.tags])})`;
}

function review(db: Database, body: PostBody, accountAgeHours: number) {
  return blockedWords(db).then((words) => checkForReview(body.text, { blockedWords: words, accountAgeHours }));
}

/**
 * Publishes a post, or holds it for a moderator when the word list or link-spam rule says so.
 * New accounts may post NEW_ACCOUNT_POST_LIMIT times an hour, others POST_LIMIT (counted in Postgres).
 */
export async function createPost(
  db: Database,
  authorId: string,
  input: PostInput,
): Promise<{ id: string; status: ContentStatus; heldReasons: ReviewReason[] }> {
  const body = parsePostBody(input.body);
  const standing = await standingOf(db, authorId);
  assertNotSuspended(standing);
  const rule = standing.accountAgeHours < NEW_ACCOUNT_DAYS * 24 ? NEW_ACCOUNT_POST_LIMIT : POST_LIMIT;
  const [limit] = await hitRateLimit(db, [`community-post:${authorId}`], rule);
  if (limit!.limited)
    throw new DomainError("rate-limited", "community:errors.postingTooFastPlain", { retryAfterSeconds: limit!.retryAfterSeconds });
  await assertOwnImages(db, authorId, body.imageIds);
  const decision = await review(db, body, standing.accountAgeHours);
  const status: ContentStatus = decision.hold ? "held" : "visible";
  const [row] = await db
    .insert(communityPosts)
    .values({
      authorId,
      body,
      kind: body.kind,
      tags: body.tags,
      anonymous: input.anonymous,
      publicConsent: input.publicConsent && body.kind === "story",
      status,
      heldReasons: decision.reasons,
      searchDocument: searchDocumentOf(body),
    })
    .returning({ id: communityPosts.id });
  return { id: row!.id, status, heldReasons: decision.reasons };
}

/** Edits the author's own post (anyone else's is a 404); the new text is checked again. */
export async function updatePost(db: Database, authorId: string, postId: string, input: PostInput): Promise<{ status: ContentStatus }> {
  assertUuid(postId);
  const body = parsePostBody(input.body);
  const standing = await standingOf(db, authorId);
  assertNotSuspended(standing);
  await assertOwnImages(db, authorId, body.imageIds);
  const decision = await review(db, body, standing.accountAgeHours);
  const [row] = await db
    .update(communityPosts)
    .set({
      body,
      kind: body.kind,
      tags: body.tags,
      anonymous: input.anonymous,
      publicConsent: input.publicConsent && body.kind === "story",
      // A moderator's hide or removal stands; otherwise the edit is reviewed like a new post.
      status: sql`case when ${communityPosts.status} in ('hidden', 'removed') then ${communityPosts.status} when ${decision.hold} then 'held'::community_content_status else 'visible'::community_content_status end`,
      heldReasons: decision.reasons,
      featuredAt: sql`case when ${input.publicConsent && body.kind === "story"} then ${communityPosts.featuredAt} end`,
      searchDocument: searchDocumentOf(body),
      editedAt: new Date(),
    })
    .where(and(eq(communityPosts.id, postId), eq(communityPosts.authorId, authorId), sql`${communityPosts.status} <> 'removed'`))
    .returning({ status: communityPosts.status });
  if (!row) throw new DomainError("not-found", "community:errors.notFound");
  return row;
}

/** Deletes the author's own post with its comments and reactions; returns its image ids to delete from storage. */
export async function deletePost(db: Database, authorId: string, postId: string): Promise<{ imageIds: string[] }> {
  assertUuid(postId);
  const [row] = await db
    .delete(communityPosts)
    .where(and(eq(communityPosts.id, postId), eq(communityPosts.authorId, authorId)))
    .returning({ body: communityPosts.body });
  if (!row) throw new DomainError("not-found", "community:errors.notFound");
  const imageIds = (row.body as { imageIds?: unknown }).imageIds;
  return { imageIds: Array.isArray(imageIds) ? imageIds.filter((id): id is string => typeof id === "string") : [] };
}

/** The author's own post, for the edit form (anyone else's is a 404). */
export async function ownPost(db: Database, authorId: string, postId: string) {
  assertUuid(postId);
  const [row] = await db
    .select({
      id: communityPosts.id,
      body: communityPosts.body,
      anonymous: communityPosts.anonymous,
      publicConsent: communityPosts.publicConsent,
      status: communityPosts.status,
    })
    .from(communityPosts)
    .where(and(eq(communityPosts.id, postId), eq(communityPosts.authorId, authorId), sql`${communityPosts.status} <> 'removed'`));
  if (!row) throw new DomainError("not-found", "community:errors.notFound");
  return { ...row, body: parsePostBody(row.body) };
}

export type ReactionCounts = { support: number; celebrate: number; hug: number };

/** A post as a member sees it: an anonymous post carries no trace of who wrote it (unless it is yours). */
export type FeedPost = {
  id: string;
  body: PostBody;
  status: ContentStatus;
  anonymous: boolean;
  former: boolean;
  mine: boolean;
  /** Name, avatar and smoke-free days as the author lets other members see them (privacy settings). */
  author: { id: string; displayName: string; avatar: boolean; smokeFreeDays: number | null } | null;
  createdAt: string;
  edited: boolean;
  featured: boolean;
  commentCount: number;
  reactions: ReactionCounts;
  myReactions: string[];
};

type FeedRow = {
  id: string;
  body: string;
  status: ContentStatus;
  anonymous: boolean;
  former: boolean;
  mine: boolean;
  author_id: string | null;
  author_name: string | null;
  name_shown: CommunityNameShown;
  avatar_shown: boolean;
  smoke_free_days: number | null;
  created_at: Date | string;
  created_at_text: string;
  edited: boolean;
  featured: boolean;
  comment_count: number;
  support_count: number;
  celebrate_count: number;
  hug_count: number;
  score: number;
  my_reactions: string[] | null;
};

/** The columns every post listing selects, author hidden for anonymous posts. */
function postColumns(viewerId: string): SQL {
  return sql`p.id, p.body::text as body, p.status, p.anonymous, (p.author_id is null) as former, coalesce(p.author_id = ${viewerId}::uuid, false) as mine,
    case when p.anonymous then null else u.id end as author_id,
    case when p.anonymous then null else u.display_name end as author_name,
    coalesce(ps.name_shown, 'full') as name_shown, (coalesce(ps.avatar_shown, true) or p.author_id = ${viewerId}::uuid) as avatar_shown,
    case when p.anonymous or (ps.smoke_free_days_shown = false and p.author_id <> ${viewerId}::uuid) then null
      else ${smokeFreeDaysExpression(sql`u.id`, sql`u.time_zone`)} end as smoke_free_days,
    p.created_at, p.created_at::text as created_at_text, (p.edited_at is not null) as edited, (p.featured_at is not null) as featured,
    p.comment_count, p.support_count, p.celebrate_count, p.hug_count,
    (p.comment_count + p.support_count + p.celebrate_count + p.hug_count) as score,
    array(select r.type::text from community_reactions r where r.post_id = p.id and r.user_id = ${viewerId}::uuid) as my_reactions`;
}

function toFeedPost(row: FeedRow): FeedPost {
  return {
    id: row.id,
    body: storedPostBody(row.body),
    status: row.status,
    anonymous: row.anonymous,
    former: row.former,
    mine: row.mine,
    author:
      row.author_id && row.author_name
        ? {
            id: row.author_id,
            // Members see their own name in full; others see it as its author chose.
            displayName: row.name_shown === "initials" && !row.mine ? initialsName(row.author_name) : row.author_name,
            avatar: row.avatar_shown,
            smokeFreeDays: row.smoke_free_days === null ? null : Number(row.smoke_free_days),
          }
        : null,
    createdAt: new Date(row.created_at).toISOString(),
    edited: row.edited,
    featured: row.featured,
    commentCount: row.comment_count,
    reactions: { support: row.support_count, celebrate: row.celebrate_count, hug: row.hug_count },
    myReactions: parseTextArray(row.my_reactions),
  };
}

/**
 * A stored body, parsed and checked once per distinct text: the same posts are read for every
 * reader of the feed, and checking each again was a tenth of the feed's server time.
 */
function storedPostBody(text: string): PostBody {
  return parsedBodies.getOrCreate(text, () => parsePostBody(JSON.parse(text)));
}

const parsedBodies = boundedCache<string, PostBody>("stored-post-bodies", 4_000);

// postgres.js without type fetching may hand a text[] over in its literal form.
function parseTextArray(value: string[] | string | null): string[] {
  if (Array.isArray(value)) return value;
  if (!value || value === "{}") return [];
  return value.replace(/^\{|\}$/g, "").split(",");
}

// A literal, not a parameter: should the statement ever be prepared, Postgres' generic plan for
// "limit $n" assumes a large n and picks a full sort over the index walk.
const FEED_PAGE_LIMIT = sql.raw(String(FEED_PAGE_SIZE + 1));

/** Something that happened to the member's own posts (a comment, a reaction), newest first. */
export type CommunityActivityItem = {
  id: string;
  messageKey: string;
  values: Record<string, string | number>;
  href: string | null;
  createdAt: string;
  unread: boolean;
};

type ActivityRow = {
  id: string;
  payload: { messageKey: string; values?: Record<string, string | number>; href?: string };
  created_at: string;
  unread: boolean;
};

/**
 * One page of the feed and, on the first page, the member's recent activity, in ONE statement
 * that answers with one JSON document (each statement costs the server a round trip). Posts come
 * with author, smoke-free days, counters (kept on the post row) and the viewer's own reactions.
 * Newest first, or most active among this week's posts; keyset pagination; optional tag and
 * accent-insensitive search.
 */
export async function feedPage(
  db: Database,
  viewerId: string,
  query: FeedQuery,
): Promise<{ posts: FeedPost[]; nextCursor: string | null; activity: CommunityActivityItem[] | null }> {
  const cursor = decodeCursor(query.cursor);
  const search = query.q ? buildSearchQuery(query.q) : null;
  const conditions: SQL[] = [visibleTo(viewerId, sql`p.author_id`, sql`p.status`)];
  if (query.tag) conditions.push(sql`p.tags @> array[${query.tag}]::text[]`);
  if (search) conditions.push(sql`p.search_document @@ websearch_to_tsquery('simple', ${search})`);
  const sort: FeedSort = query.sort;
  if (sort === "active") {
    conditions.push(sql`p.created_at > now() - interval '7 days'`);
    if (cursor)
      conditions.push(
        sql`((p.comment_count + p.support_count + p.celebrate_count + p.hug_count), p.created_at, p.id) < (${cursor.score}::int, ${cursor.createdAt}::timestamptz, ${cursor.id}::uuid)`,
      );
  } else if (cursor) {
    conditions.push(sql`(p.created_at, p.id) < (${cursor.createdAt}::timestamptz, ${cursor.id}::uuid)`);
  }
  const order =
    sort === "active"
      ? sql`(p.comment_count + p.support_count + p.celebrate_count + p.hug_count) desc, p.created_at desc, p.id desc`
      : sql`p.created_at desc, p.id desc`;
  // Later pages (a cursor) are appended under the first one, which already shows the activity.
  const activity = cursor
    ? sql`null`
    : sql`coalesce((select json_agg(a order by a.position) from (
        select n.id, n.payload, n.created_at, (n.read_at is null) as unread, row_number() over (order by n.created_at desc, n.id desc) as position
        from notifications n
        where n.user_id = ${viewerId}::uuid and n.kind like 'community.%'
        order by n.created_at desc, n.id desc limit 5) a), '[]')`;
  const [row] = await db.execute<{ page: { posts: FeedRow[]; activity: ActivityRow[] | null } }>(sql`
    select json_build_object(
      'posts', coalesce((select json_agg(f order by f.position) from (
        select ${postColumns(viewerId)}, row_number() over (order by ${order}) as position
        from community_posts p left join users u on u.id = p.author_id left join privacy_settings ps on ps.user_id = p.author_id
        where ${sql.join(conditions, sql` and `)}
        order by ${order}
        limit ${FEED_PAGE_LIMIT}) f), '[]'),
      'activity', ${activity}) as page`);
  const rows = row!.page.posts;
  const page = rows.slice(0, FEED_PAGE_SIZE);
  const last = page.at(-1);
  const nextCursor =
    rows.length > FEED_PAGE_SIZE && last
      ? encodeCursor({ score: sort === "active" ? Number(last.score) : 0, createdAt: last.created_at_text, id: last.id })
      : null;
  return {
    posts: page.map(toFeedPost),
    nextCursor,
    activity:
      row!.page.activity?.map((a) => ({
        id: a.id,
        messageKey: a.payload.messageKey,
        values: a.payload.values ?? {},
        href: a.payload.href ?? null,
        createdAt: new Date(a.created_at).toISOString(),
        unread: a.unread,
      })) ?? null,
  };
}

/** One post as the viewer may see it (moderators see every status), or a 404. */
export async function getPost(db: Database, viewerId: string, postId: string, options: { moderator?: boolean } = {}): Promise<FeedPost> {
  assertUuid(postId);
  const visible = options.moderator ? sql`true` : visibleTo(viewerId, sql`p.author_id`, sql`p.status`);
  const rows = await db.execute<FeedRow>(sql`
    select ${postColumns(viewerId)}
    from community_posts p left join users u on u.id = p.author_id left join privacy_settings ps on ps.user_id = p.author_id
    where p.id = ${postId}::uuid and ${visible}`);
  const row = rows[0];
  if (!row) throw new DomainError("not-found", "community:errors.notFound");
  return toFeedPost(row);
}
