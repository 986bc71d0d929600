import { readFileSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import type { Database } from "#db/client.server";
import { remember } from "./remember.server";

/** Whether Postgres answers a trivial statement: what a load balancer's health check asks. */
export async function databaseAnswers(db: Database): Promise<boolean> {
  try {
    await db.execute(sql`select 1`);
    return true;
  } catch {
    return false;
  }
}

// Shared through globalThis: server.ts marks it, and any copy of this module reads it.
const state = remember("health:state", () => ({ draining: false, migrationsCurrent: false }));

/** From the first shutdown signal on, /readyz answers 503 so the load balancer sends new requests elsewhere. */
export function markDraining(): void {
  state.draining = true;
}

export function isDraining(): boolean {
  return state.draining;
}

/** The newest migration this build ships (drizzle's journal `when`, which drizzle records as `created_at`). */
export function newestShippedMigration(folder = path.resolve("migrations")): number {
  const journal = JSON.parse(readFileSync(path.join(folder, "meta/_journal.json"), "utf8")) as { entries: { when: number }[] };
  return Math.max(0, ...journal.entries.map((e) => e.when));
}

export type Readiness = { ready: boolean; checks: { database: boolean; migrations: boolean; draining: boolean } };

/**
 * Whether this process should receive traffic: not shutting down, Postgres answers, and the database
 * holds at least this build's migrations (a newer release may have migrated further; once seen
 * current, the migrations are not asked again).
 */
export async function readiness(db: Database, shipped: number): Promise<Readiness> {
  const draining = state.draining;
  const database = await databaseAnswers(db);
  let migrations = state.migrationsCurrent;
  if (database && !migrations) {
    try {
      const rows = (await db.execute(
        sql`select coalesce(max(created_at), 0)::float8 as newest from drizzle.__drizzle_migrations`,
      )) as unknown as { newest: number }[];
      migrations = state.migrationsCurrent = Number(rows[0]?.newest ?? 0) >= shipped;
    } catch {
      migrations = false;
    }
  }
  return { ready: !draining && database && migrations, checks: { database, migrations, draining } };
}

/** Connections to this database by application (quitpath, quitpath-listen, quitpath-jobs …) and state (active, idle …). */
export async function databaseConnections(db: Database): Promise<{ application: string; state: string; count: number }[]> {
  const rows = (await db.execute(sql`
    select coalesce(nullif(application_name, ''), 'other') as application, coalesce(state, 'unknown') as state, count(*)::int as count
    from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() group by 1, 2
  `)) as unknown as { application: string; state: string; count: number }[];
  return rows;
}
