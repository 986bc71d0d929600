import { readFileSync } from "node:fs";
import path from "node:path";
import type { ServerBuild } from "@remix-run/node";
import { sql } from "drizzle-orm";
import type { Database } from "#db/client.server";
import { logger } from "./logger.server";
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

// postgres.js and node-postgres (pg-boss) connection failures, and the server's own "shutting down / starting up / not reachable" answers.
// Operating-system codes count only from a connect() or on a database query (postgres.js attaches the query): an ENOENT from opening a file is not an outage.
const SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ENOENT", "ETIMEDOUT", "EHOSTUNREACH"]);
const CONNECTION_CODES = new Set([
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "CONNECT_TIMEOUT",
  "57P01", // admin_shutdown
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now (starting up, shutting down)
  "08000",
  "08001",
  "08003",
  "08004",
  "08006",
  // Insufficient resources: the database's disk is full (53100), it is out of memory or connections. It is up but cannot
  // take the write; like an outage, the member is told to try again shortly (and nothing saved is lost), not shown a 500.
  "53000",
  "53100",
  "53200",
  "53300",
]);

/** Whether an error (or one it wraps, as Drizzle's query errors do) says Postgres could not be reached (or could not take the work: disk full), rather than that a query was wrong. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current && typeof current === "object" && depth < 5; depth++) {
    const { code, syscall, message, cause } = current as { code?: unknown; syscall?: unknown; message?: unknown; cause?: unknown };
    if (typeof code === "string" && CONNECTION_CODES.has(code)) return true;
    if (typeof code === "string" && SOCKET_CODES.has(code) && (syscall === "connect" || "query" in current)) return true;
    if (typeof message === "string" && /^Connection terminated/.test(message)) return true;
    current = cause;
  }
  return false;
}

const UNAVAILABLE_TEXT =
  "QuitPath cannot reach its database just now. Please try again in a few seconds. / QuitPath tạm thời không kết nối được cơ sở dữ liệu. Vui lòng thử lại sau vài giây.";

/**
 * Every loader and action answers a database outage with a 503 (Retry-After) instead of an
 * unexpected-error 500: pages render the error boundary's "back in a moment", resource routes and
 * fetches get a short text. The request fails as fast as the connection attempt does.
 */
export function answerOutagesWith503(build: ServerBuild): ServerBuild {
  const routes: ServerBuild["routes"] = {};
  for (const [id, route] of Object.entries(build.routes)) {
    const module = { ...route.module };
    for (const name of ["loader", "action"] as const) {
      const handler = route.module[name];
      if (!handler) continue;
      module[name] = (async (args: Parameters<typeof handler>[0]) => {
        try {
          return await handler(args);
        } catch (error) {
          if (!isDatabaseUnavailable(error)) throw error;
          logger.warn({ route: id, code: (error as { code?: string }).code }, "database unavailable");
          throw new Response(UNAVAILABLE_TEXT, {
            status: 503,
            headers: { "Retry-After": "5", "Cache-Control": "no-store", "Content-Type": "text/plain; charset=utf-8" },
          });
        }
      }) as typeof handler;
    }
    routes[id] = { ...route, module };
  }
  return { ...build, routes };
}
