import { AsyncLocalStorage } from "node:async_hooks";
import type { SQL } from "drizzle-orm";
import type { PgDialect } from "drizzle-orm/pg-core";
import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import type postgres from "postgres";
import { connect } from "./connect.server";
import { remember } from "../app/lib/remember.server";
import * as schema from "./schema";

export type Db = PostgresJsDatabase<typeof schema> & { $client: postgres.Sql };
type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** What module functions take first: the database or a transaction, so callers can compose. */
export type Database = Db | Tx;

/** What one HTTP request carries through every loader and query: a statement count and a memo. */
export type RequestScope = { queries: number; memo: Map<string, unknown> };

// Shared through globalThis: server.ts and the Remix build each bundle their own copy of this module.
export const requestScope = remember("requestScope", () => new AsyncLocalStorage<RequestScope>());

/** Computes `create()` once per request (e.g. the signed-in user every loader asks for). */
export function oncePerRequest<T>(key: string, create: () => Promise<T>): Promise<T> {
  const scope = requestScope.getStore();
  if (!scope) return create();
  let pending = scope.memo.get(key) as Promise<T> | undefined;
  if (!pending) {
    pending = create();
    scope.memo.set(key, pending);
  }
  return pending;
}

/** Forgets what this request memoised: after a write, the loaders that follow read it again. */
export function forgetRequestMemo(): void {
  requestScope.getStore()?.memo.clear();
}

/** Statements per request id, kept only under NODE_ENV=test so tests can hold pages to a query budget. */
export const queryCountsByRequest = remember("queryCountsByRequest", () => new Map<string, number>());

/** Seconds before a connection is tried again after it failed: 50 ms, doubling, at most 1 s. */
export function reconnectBackoff(retries: number): number {
  return Math.min(0.05 * 2 ** retries, 1);
}

export function createDb(url: string, max = 10): Db {
  const client = connect(url, {
    max,
    onnotice: () => {},
    connection: { application_name: "quitpath" },
    // Only built-in types are used, so skip the type lookup on every new connection.
    fetch_types: false,
    // While Postgres is down a request fails within a second (a 503) instead of waiting out postgres.js's
    // reconnect backoff, which grows to 20 s; and it is back within a second of Postgres.
    backoff: reconnectBackoff,
    connect_timeout: 5,
    debug: () => {
      const scope = requestScope.getStore();
      if (scope) scope.queries++;
    },
  });
  return drizzle(client, { schema, casing: "snake_case" }) as Db;
}

/**
 * Runs a hot statement as a named prepared statement of its connection. Drizzle sends every query
 * through postgres.js unnamed, which waits one round trip for the parameter types (Parse/Describe)
 * before it executes, and Postgres parses and plans it again each time; prepared, a repeat is one
 * round trip with a cached plan. Rows come back under the statement's own column names, with
 * timestamps as text (drizzle's driver turns postgres.js's date parsing off).
 */
export async function preparedRows<T extends object>(db: Database, query: SQL): Promise<T[]> {
  // Drizzle's own dialect and session (internal fields): the pool's client, or the transaction's reserved connection.
  const inner = db as unknown as { dialect: PgDialect; session: { client: postgres.Sql } };
  const { sql: text, params } = inner.dialect.sqlToQuery(query);
  const client = inner.session.client;
  return (await client.unsafe(text, params as postgres.ParameterOrJSON<never>[], { prepare: true })) as unknown as T[];
}

function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: start the server with server.ts or set it explicitly");
  return url;
}

/** The process-wide database handle (one pool per process and URL). */
export function db(): Db {
  const url = databaseUrl();
  return remember(`db:${url}`, () => createDb(url, Number(process.env.DATABASE_POOL_SIZE ?? 10)));
}

/**
 * Where report pages read: the read replica when DATABASE_REPLICA_URL is set (its own small pool),
 * otherwise the primary. Only reads go here; an export's audit row is written through `db()`.
 */
export function reportsDb(): Db {
  const url = process.env.DATABASE_REPLICA_URL;
  if (!url) return db();
  return remember(`db:${url}`, () => createDb(url, Math.max(2, Math.ceil(Number(process.env.DATABASE_POOL_SIZE ?? 10) / 2))));
}

export async function closeDb(): Promise<void> {
  const store = (globalThis as unknown as { __quitpath?: Map<string, unknown> }).__quitpath;
  for (const url of [process.env.DATABASE_URL, process.env.DATABASE_REPLICA_URL]) {
    if (!url) continue;
    const handle = store?.get(`db:${url}`) as Db | undefined;
    if (handle) {
      store?.delete(`db:${url}`);
      await handle.$client.end({ timeout: 5 });
    }
  }
}
