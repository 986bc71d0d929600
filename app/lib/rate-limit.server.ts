import { and, eq, lt, sql, type SQL } from "drizzle-orm";
import { rateLimitCounters } from "#db/schema";
import type { Database } from "#db/client.server";

export type RateLimitRule = { limit: number; windowSeconds: number };
export type RateLimitState = { count: number; limited: boolean; retryAfterSeconds: number };

/** The fixed window `now` falls in, and the seconds until the next one starts. */
export function windowOf(rule: RateLimitRule, now: Date) {
  const size = rule.windowSeconds * 1000;
  const start = new Date(Math.floor(now.getTime() / size) * size);
  return { start, retryAfterSeconds: Math.max(1, Math.ceil((start.getTime() + size - now.getTime()) / 1000)) };
}

/** Reads the counter for `key` in the current window without counting. */
export async function peekRateLimit(db: Database, key: string, rule: RateLimitRule, now = new Date()): Promise<RateLimitState> {
  const { start, retryAfterSeconds } = windowOf(rule, now);
  const [row] = await db
    .select({ count: rateLimitCounters.count })
    .from(rateLimitCounters)
    .where(and(eq(rateLimitCounters.key, key), eq(rateLimitCounters.windowStart, start)));
  const count = row?.count ?? 0;
  return { count, limited: count >= rule.limit, retryAfterSeconds };
}

/** Counts one event for each key atomically (one statement), shared by every process through Postgres. */
export async function hitRateLimit(db: Database, keys: string[], rule: RateLimitRule, now = new Date()): Promise<RateLimitState[]> {
  const { start, retryAfterSeconds } = windowOf(rule, now);
  const rows = await db
    .insert(rateLimitCounters)
    .values(keys.map((key) => ({ key, windowStart: start, count: 1 })))
    .onConflictDoUpdate({
      target: [rateLimitCounters.key, rateLimitCounters.windowStart],
      set: { count: sql`${rateLimitCounters.count} + 1` },
    })
    .returning({ key: rateLimitCounters.key, count: rateLimitCounters.count });
  return keys.map((key) => {
    const count = rows.find((r) => r.key === key)?.count ?? 1;
    return { count, limited: count > rule.limit, retryAfterSeconds };
  });
}

/**
 * The counting of `hitRateLimit` for one key as a statement to embed in a larger one (a CTE), so a
 * write can count and check its limit in its own round trip: counts only when `when` holds and
 * returns the window's `count` after it. The caller compares it with `rule.limit` (limited above it).
 */
export function rateLimitHitSql(key: string, rule: RateLimitRule, now: Date, when: SQL): SQL {
  const { start } = windowOf(rule, now);
  return sql`insert into ${rateLimitCounters} (key, window_start, count)
    select ${key}, ${start.toISOString()}::timestamptz, 1 where ${when}
    on conflict (key, window_start) do update set count = ${rateLimitCounters}.count + 1
    returning count`;
}

/** The window's count for `key` as a scalar subquery, without counting (for a retry of a write already counted). */
export function rateLimitCountSql(key: string, rule: RateLimitRule, now: Date): SQL {
  const { start } = windowOf(rule, now);
  return sql`select count from ${rateLimitCounters} where key = ${key} and window_start = ${start.toISOString()}::timestamptz`;
}

/** Deletes windows that ended long ago (run by a periodic job). */
export async function pruneRateLimits(db: Database, olderThan: Date): Promise<void> {
  await db.delete(rateLimitCounters).where(lt(rateLimitCounters.windowStart, olderThan));
}
