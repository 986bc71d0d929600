import { and, eq, lt, sql } from "drizzle-orm";
import { rateLimitCounters } from "#db/schema";
import type { Database } from "#db/client.server";

export type RateLimitRule = { limit: number; windowSeconds: number };
export type RateLimitState = { count: number; limited: boolean; retryAfterSeconds: number };

function windowOf(rule: RateLimitRule, now: Date) {
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

/** Deletes windows that ended long ago (run by a periodic job). */
export async function pruneRateLimits(db: Database, olderThan: Date): Promise<void> {
  await db.delete(rateLimitCounters).where(lt(rateLimitCounters.windowStart, olderThan));
}
