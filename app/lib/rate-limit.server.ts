import { and, eq, inArray, lt, sql, type SQL } from "drizzle-orm";
import { rateLimitCounters } from "#db/schema";
import type { Database } from "#db/client.server";

export type RateLimitRule = { limit: number; windowSeconds: number };
export type RateLimitState = { count: number; limited: boolean; retryAfterSeconds: number };

/**
 * A sliding window over two fixed ones: the current window's count plus the previous window's,
 * weighted by how much of it still lies within the last `windowSeconds` (rounded up, so the estimate
 * never undercounts a burst). "Ten a minute" then holds for any minute, not only for each whole
 * clock minute: ten attempts that straddle a boundary are still ten.
 */
export function windowOf(rule: RateLimitRule, now: Date) {
  const size = rule.windowSeconds * 1000;
  const start = new Date(Math.floor(now.getTime() / size) * size);
  const elapsed = now.getTime() - start.getTime();
  return { start, previousStart: new Date(start.getTime() - size), previousWeight: 1 - elapsed / size, size, elapsed };
}

/** The sliding count from the two windows' counts. */
export function slidingCount(rule: RateLimitRule, now: Date, current: number, previous: number): number {
  return current + Math.ceil(previous * windowOf(rule, now).previousWeight - 1e-9);
}

/**
 * Seconds until the sliding count falls below the limit again: while the current window alone is
 * under it, until enough of the previous window has slid out; otherwise into the next window.
 */
export function retryAfterSeconds(rule: RateLimitRule, now: Date, current: number, previous: number): number {
  const { size, elapsed } = windowOf(rule, now);
  const room = rule.limit - current - 1;
  const wait =
    room >= 0 && previous > 0
      ? size * (1 - room / previous) - elapsed
      : size - elapsed + (current >= rule.limit ? size * (1 - (rule.limit - 1) / current) : 0);
  return Math.max(1, Math.ceil(wait / 1000));
}

function stateOf(rule: RateLimitRule, now: Date, current: number, previous: number, limited: (count: number) => boolean): RateLimitState {
  const count = slidingCount(rule, now, current, previous);
  return { count, limited: limited(count), retryAfterSeconds: retryAfterSeconds(rule, now, current, previous) };
}

const previousCountSql = (key: SQL | string, previousStart: Date) =>
  sql`coalesce((select p.count from ${rateLimitCounters} p where p.key = ${key} and p.window_start = ${previousStart.toISOString()}::timestamptz), 0)`;

/** Reads the sliding count for `key` without counting. */
export async function peekRateLimit(db: Database, key: string, rule: RateLimitRule, now = new Date()): Promise<RateLimitState> {
  const { start, previousStart } = windowOf(rule, now);
  const rows = await db
    .select({ windowStart: rateLimitCounters.windowStart, count: rateLimitCounters.count })
    .from(rateLimitCounters)
    .where(and(eq(rateLimitCounters.key, key), inArray(rateLimitCounters.windowStart, [start, previousStart])));
  const countIn = (window: Date) => rows.find((r) => r.windowStart.getTime() === window.getTime())?.count ?? 0;
  return stateOf(rule, now, countIn(start), countIn(previousStart), (count) => count >= rule.limit);
}

/** Counts one event for each key atomically (one statement), shared by every process through Postgres. */
export async function hitRateLimit(db: Database, keys: string[], rule: RateLimitRule, now = new Date()): Promise<RateLimitState[]> {
  const { start, previousStart } = windowOf(rule, now);
  const rows = await db
    .insert(rateLimitCounters)
    .values(keys.map((key) => ({ key, windowStart: start, count: 1 })))
    .onConflictDoUpdate({
      target: [rateLimitCounters.key, rateLimitCounters.windowStart],
      set: { count: sql`${rateLimitCounters.count} + 1` },
    })
    .returning({
      key: rateLimitCounters.key,
      count: rateLimitCounters.count,
      previous: sql<number>`${previousCountSql(sql`${rateLimitCounters.key}`, previousStart)}`.mapWith(Number),
    });
  return keys.map((key) => {
    const row = rows.find((r) => r.key === key);
    return stateOf(rule, now, row?.count ?? 1, row?.previous ?? 0, (count) => count > rule.limit);
  });
}

/**
 * The counting of `hitRateLimit` for one key as a statement to embed in a larger one (a CTE), so a
 * write can count and check its limit in its own round trip: counts only when `when` holds and
 * returns the sliding `count` after it (and the two windows' `current` and `previous`, for
 * `retryAfterSeconds`). The caller compares `count` with `rule.limit` (limited above it).
 */
export function rateLimitHitSql(key: string, rule: RateLimitRule, now: Date, when: SQL): SQL {
  const { start, previousStart, previousWeight } = windowOf(rule, now);
  return sql`insert into ${rateLimitCounters} (key, window_start, count)
    select ${key}, ${start.toISOString()}::timestamptz, 1 where ${when}
    on conflict (key, window_start) do update set count = ${rateLimitCounters}.count + 1
    returning count + ceil(${previousCountSql(key, previousStart)} * ${previousWeight}::float8 - 1e-9)::int as count,
      count as current, ${previousCountSql(key, previousStart)} as previous`;
}

/** The sliding count for `key` (with `current` and `previous`) as a statement to embed, without counting (for a retry of a write already counted). */
export function rateLimitCountSql(key: string, rule: RateLimitRule, now: Date): SQL {
  const { start, previousStart, previousWeight } = windowOf(rule, now);
  return sql`select current + ceil(previous * ${previousWeight}::float8 - 1e-9)::int as count, current, previous from (select
      coalesce((select c.count from ${rateLimitCounters} c where c.key = ${key} and c.window_start = ${start.toISOString()}::timestamptz), 0) as current,
      ${previousCountSql(key, previousStart)} as previous) as windows`;
}

/** Deletes windows that ended long ago (run by a periodic job). */
export async function pruneRateLimits(db: Database, olderThan: Date): Promise<void> {
  await db.delete(rateLimitCounters).where(lt(rateLimitCounters.windowStart, olderThan));
}
