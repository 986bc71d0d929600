import { sql } from "drizzle-orm";
import type { Database } from "#db/client.server";
import { DEAD_LETTER_QUEUE } from "~/lib/queue.server";

/** What /admin/jobs shows: jobs per queue and state, the dead-letter queue, and recent failures (from pg-boss's tables). */
export async function jobsOverview(db: Database) {
  const [installed] = (await db.execute(sql`select to_regclass('pgboss.job') is not null as ok`)) as unknown as { ok: boolean }[];
  if (!installed?.ok) return { installed: false as const, counts: [], deadLetters: [], failures: [] };
  const counts = (await db.execute(
    sql`select name, state::text as state, count(*)::int as count from pgboss.job group by 1, 2 order by 1, 2`,
  )) as unknown as {
    name: string;
    state: string;
    count: number;
  }[];
  const deadLetters = (await db.execute(sql`
    select id::text, state::text, data, created_on from pgboss.job where name = ${DEAD_LETTER_QUEUE} order by created_on desc limit 50
  `)) as unknown as { id: string; state: string; data: unknown; created_on: string }[];
  const failures = (await db.execute(sql`
    select id::text, name, retry_count, output, completed_on from pgboss.job where state = 'failed' order by completed_on desc nulls last limit 20
  `)) as unknown as { id: string; name: string; retry_count: number; output: unknown; completed_on: string | null }[];
  return {
    installed: true as const,
    counts,
    deadLetters: deadLetters.map((d) => ({
      id: d.id,
      state: d.state,
      data: JSON.stringify(d.data),
      createdAt: new Date(d.created_on).toISOString(),
    })),
    failures: failures.map((f) => ({
      id: f.id,
      name: f.name,
      retries: f.retry_count,
      error: errorText(f.output),
      at: f.completed_on ? new Date(f.completed_on).toISOString() : null,
    })),
  };
}

function errorText(output: unknown): string {
  if (output && typeof output === "object" && "message" in output) return String((output as { message: unknown }).message).slice(0, 300);
  return JSON.stringify(output ?? null).slice(0, 300);
}

/** Jobs waiting, running and failed per queue (pg-boss's table), for /metrics; nothing before pg-boss installed its schema. */
export async function queueDepth(db: Database): Promise<{ queue: string; state: string; count: number }[]> {
  const [installed] = (await db.execute(sql`select to_regclass('pgboss.job') is not null as ok`)) as unknown as { ok: boolean }[];
  if (!installed?.ok) return [];
  return (await db.execute(sql`
    select name as queue, state::text as state, count(*)::int as count from pgboss.job
    where state in ('created', 'retry', 'active', 'failed') group by 1, 2
  `)) as unknown as { queue: string; state: string; count: number }[];
}
