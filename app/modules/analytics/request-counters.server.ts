import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Database } from "#db/client.server";

/** The latency histogram's bucket bounds in ms (platform_request_minutes.latency_buckets has one more: beyond the last). */
export const LATENCY_BUCKETS_MS = [5, 10, 25, 50, 100, 200, 300, 500, 750, 1000, 2000, 5000] as const;

type Minute = { requests: number; errors: number; buckets: number[] };

// This process's name in the table: each process adds to its own rows, so processes never contend for one row.
const PROCESS_ID = `${process.pid}-${randomUUID().slice(0, 8)}`;
const pending = new Map<number, Minute>();

/** Counts one finished request in its UTC minute (server errors are 5xx). */
export function recordRequest(status: number, ms: number, at: Date = new Date()): void {
  const minute = Math.floor(at.getTime() / 60_000) * 60_000;
  let m = pending.get(minute);
  if (!m) {
    m = { requests: 0, errors: 0, buckets: new Array<number>(LATENCY_BUCKETS_MS.length + 1).fill(0) };
    pending.set(minute, m);
  }
  m.requests++;
  if (status >= 500) m.errors++;
  const bucket = LATENCY_BUCKETS_MS.findIndex((bound) => ms <= bound);
  m.buckets[bucket === -1 ? LATENCY_BUCKETS_MS.length : bucket]!++;
}

/** This process's heartbeat for the minute of `at` (uptime is the minutes with one); idempotent. */
const heartbeat = (at: Date) =>
  sql`insert into platform_heartbeats (minute, process_id)
    values (${new Date(Math.floor(at.getTime() / 60_000) * 60_000).toISOString()}::timestamptz, ${PROCESS_ID}) on conflict do nothing`;

/**
 * Adds the counted minutes to Postgres and forgets them (a minute still running is written again,
 * added to, on the next flush), with this process's heartbeat in the same statement. On failure
 * the counts are kept for the next try.
 */
export async function flushRequestCounters(db: Database, now: Date = new Date()): Promise<number> {
  // A process that served nothing is still up: its heartbeat is written alone.
  if (pending.size === 0) {
    await db.execute(heartbeat(now));
    return 0;
  }
  const minutes = [...pending];
  pending.clear();
  try {
    await db.execute(sql`with beat as (${heartbeat(now)})
      insert into platform_request_minutes (minute, process_id, requests, errors, latency_buckets)
      values ${sql.join(
        minutes.map(
          ([minute, m]) =>
            sql`(${new Date(minute).toISOString()}::timestamptz, ${PROCESS_ID}, ${m.requests}, ${m.errors}, ${`{${m.buckets.join(",")}}`}::int[])`,
        ),
        sql`, `,
      )}
      on conflict (minute, process_id) do update set
        requests = platform_request_minutes.requests + excluded.requests,
        errors = platform_request_minutes.errors + excluded.errors,
        latency_buckets = (select array_agg(a + b order by i) from unnest(platform_request_minutes.latency_buckets, excluded.latency_buckets) with ordinality as u(a, b, i))`);
  } catch (error) {
    for (const [minute, m] of minutes) {
      const kept = pending.get(minute);
      if (!kept) pending.set(minute, m);
      else {
        kept.requests += m.requests;
        kept.errors += m.errors;
        m.buckets.forEach((n, i) => (kept.buckets[i]! += n));
      }
    }
    throw error;
  }
  return minutes.length;
}
