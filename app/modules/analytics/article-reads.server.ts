import { createHmac } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Database } from "#db/client.server";
import { env } from "~/lib/env.server";

// Crawlers, link previews and scripted clients: their reads are not a member of the public reading.
const NOT_A_READER = /bot|crawl|spider|slurp|preview|facebookexternalhit|headless|lighthouse|curl|wget|python|httpclient|monitor/i;

export type ReadOutcome = "counted" | "repeat" | "ignored";

/**
 * Counts one read of a published article on the UTC day of `now`, at most once per visitor, article
 * and day. The visitor is the account when signed in, else the address and browser; only a keyed
 * hash of (day, article, visitor) is stored, so neither the IP nor a cross-day trail is kept.
 */
export async function recordArticleRead(
  db: Database,
  read: { articleId: string; userId: string | null; ip: string; userAgent: string; now: Date },
): Promise<ReadOutcome> {
  if (read.userAgent.trim() === "" || NOT_A_READER.test(read.userAgent)) return "ignored";
  const day = read.now.toISOString().slice(0, 10);
  const visitor = read.userId ? `member:${read.userId}` : `visitor:${read.ip}|${read.userAgent}`;
  const visitorKey = createHmac("sha256", env().SESSION_SECRET)
    .update(`article-read|${day}|${read.articleId}|${visitor}`)
    .digest("base64url");
  const found = (await db.execute(sql`
    with article as (select id from content_items where id = ${read.articleId}::uuid and kind in ('article', 'roadmap') and status = 'published'),
      fresh as (insert into article_read_visitors (day, visitor_key) select ${day}::date, ${visitorKey} from article
        on conflict do nothing returning 1),
      counted as (insert into article_read_days (article_id, day, count) select ${read.articleId}::uuid, ${day}::date, 1 from fresh
        on conflict (article_id, day) do update set count = article_read_days.count + 1 returning 1)
    select (select count(*) from article)::int as article, (select count(*) from counted)::int as counted`)) as unknown as {
    article: number;
    counted: number;
  }[];
  if (found[0]!.article === 0) return "ignored";
  return found[0]!.counted === 1 ? "counted" : "repeat";
}

/** Forgets who read what before yesterday (the counts stay): the dedupe only needs today's keys. */
export async function pruneReadVisitors(db: Database, now: Date): Promise<void> {
  await db.execute(sql`delete from article_read_visitors where day < ${now.toISOString().slice(0, 10)}::date - 1`);
}
