import { integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

/** Fixed-window counters shared by every server process (sign-in attempts, posting limits …). */
export const rateLimitCounters = pgTable(
  "rate_limit_counters",
  {
    key: text().notNull(),
    windowStart: timestamp({ withTimezone: true }).notNull(),
    count: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.key, t.windowStart] })],
);

/**
 * Each server process's request counters per minute (UTC): requests, server errors (5xx) and a
 * latency histogram whose buckets are LATENCY_BUCKETS_MS in app/modules/analytics/request-counters.server.ts.
 */
export const platformRequestMinutes = pgTable(
  "platform_request_minutes",
  {
    minute: timestamp({ withTimezone: true }).notNull(),
    processId: text().notNull(),
    requests: integer().notNull(),
    errors: integer().notNull(),
    latencyBuckets: integer().array().notNull(),
  },
  (t) => [primaryKey({ columns: [t.minute, t.processId] })],
);

/**
 * One row per server process per UTC minute it was up, written with the request counters (even in a
 * minute without requests): the platform report's uptime is the minutes with a heartbeat.
 */
export const platformHeartbeats = pgTable(
  "platform_heartbeats",
  {
    minute: timestamp({ withTimezone: true }).notNull(),
    processId: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.minute, t.processId] })],
);
