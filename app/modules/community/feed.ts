import { z } from "zod";
import { POST_TAGS } from "./post-body";
import { MAX_SEARCH_QUERY_LENGTH } from "./search";
import { isUuid } from "~/lib/uuid";

export const FEED_PAGE_SIZE = 20;
export const FEED_SORTS = ["newest", "active"] as const;
export type FeedSort = (typeof FEED_SORTS)[number];

/** Where the next page starts: the last post shown, by the feed's ordering. */
export type FeedCursor = { score: number; createdAt: string; id: string };

// Postgres' text form of a timestamptz, microseconds kept so no post is skipped or repeated.
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?(?:[+-]\d{2}(?::?\d{2})?|Z)$/;

export function encodeCursor(cursor: FeedCursor): string {
  return Buffer.from(`${cursor.score}|${cursor.createdAt}|${cursor.id}`, "utf8").toString("base64url");
}

/** A cursor from the URL, or null when it is missing or not one we made. */
export function decodeCursor(value: string | null | undefined): FeedCursor | null {
  if (!value || value.length > 200) return null;
  const [score, createdAt, id, ...rest] = Buffer.from(value, "base64url").toString("utf8").split("|");
  if (rest.length > 0 || !score || !createdAt || !id) return null;
  const n = Number(score);
  if (!Number.isSafeInteger(n) || n < 0 || !TIMESTAMP.test(createdAt) || !isUuid(id)) return null;
  return { score: n, createdAt, id };
}

/** The feed's query string; anything unexpected falls back to the default rather than failing. */
export const feedQuerySchema = z.object({
  sort: z.enum(FEED_SORTS).catch("newest"),
  tag: z.enum(POST_TAGS).optional().catch(undefined),
  q: z
    .string()
    .max(MAX_SEARCH_QUERY_LENGTH * 2)
    .optional()
    .catch(undefined),
  cursor: z.string().optional().catch(undefined),
});

export type FeedQuery = z.infer<typeof feedQuerySchema>;

export function parseFeedQuery(params: URLSearchParams): FeedQuery {
  return feedQuerySchema.parse({
    sort: params.get("sort") ?? undefined,
    tag: params.get("tag") || undefined,
    q: params.get("q") || undefined,
    cursor: params.get("cursor") || undefined,
  });
}

/** The query string for a feed link, keeping sort/tag/search and replacing the cursor. */
export function feedHref(query: Omit<FeedQuery, "cursor">, cursor?: string | null): string {
  const params = new URLSearchParams();
  if (query.sort !== "newest") params.set("sort", query.sort);
  if (query.tag) params.set("tag", query.tag);
  if (query.q) params.set("q", query.q);
  if (cursor) params.set("cursor", cursor);
  const search = params.toString();
  return search ? `?${search}` : "";
}
