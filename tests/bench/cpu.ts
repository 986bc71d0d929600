// Usage: npm run build && npx tsx tests/bench/cpu.ts [reference] /bare /app/log …
// The server process's CPU time per request, page by page, on the demo data: the production server
// (as in foundation.ts) answers a fixed number of requests at a low concurrency, in several
// batches, and the least CPU per request of the batches is printed with the median. Unlike
// throughput, CPU per request hardly moves when other work shares the machine, so it is the figure
// to compare before and after a change (prints, writes nothing to RESULTS.md). CPU_BATCHES (5),
// CPU_REQUESTS per batch (300), CPU_CONNECTIONS (4). CPU_BEFORE_DIR names a folder holding an earlier
// `build/` (server.js included) and `public/` (inside the repository, so node_modules resolves): each page is then measured
// on both servers, batch by batch in turn, so before and after share the machine's load. CPU_HISTORY=1 adds the demo's
// year of generated members and computed report rollups (what the /admin report pages show on `npm start`).
// CPU_CACHES=off starts our servers (before and after) with CACHES=off: the "cold" case, every in-memory cache missing.
import "./env";
import { loadavg } from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { eq } from "drizzle-orm";
import { createDb } from "#db/client.server";
import { users } from "#db/schema";
import { seedDemoData } from "#db/seed/demo";
import { createSession } from "~/modules/identity/session.server";
import { pendingSchemaChanges } from "../setup/schema-drift";
import { median, processCpuMs, startBenchDatabase, startProjectServer, startReferenceServer, type BenchServer } from "./harness";

const pages = process.argv.slice(2);
if (pages.length === 0) throw new Error("name at least one page, e.g. /bare (or reference)");
const batches = Number(process.env.CPU_BATCHES ?? 5);
const perBatch = Number(process.env.CPU_REQUESTS ?? 300);
const connections = Number(process.env.CPU_CONNECTIONS ?? 4);
const caches = process.env.CPU_CACHES === "off" ? "off" : "on";

const database = await startBenchDatabase("cpu");
const db = createDb(database.url, 2);
// Any schema change not yet in a migration is applied the way the test setup does.
for (const statement of await pendingSchemaChanges()) await db.$client.unsafe(statement);
await seedDemoData(db, { history: process.env.CPU_HISTORY === "1" });
async function cookieFor(page: string): Promise<string | undefined> {
  // A query string counts too: "/admin?from=…" is a signed-in page.
  if (!/^\/(app|admin|coach)([/?]|$)/.test(page)) return undefined;
  const email = page.startsWith("/admin")
    ? "admin@quitpath.test"
    : page.startsWith("/coach")
      ? "coach.mai@quitpath.test"
      : "member@quitpath.test";
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  return (await createSession(db, user!.id, "tests/bench")).setCookie.split(";")[0]!;
}

const load = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(", ");
console.log(`load average at the start: ${load()}${caches === "off" ? " (CACHES=off: cold)" : ""}`);
const beforeDir = process.env.CPU_BEFORE_DIR ? path.resolve(process.env.CPU_BEFORE_DIR) : null;
let project: BenchServer | null = null;
let earlier: BenchServer | null = null;
let reference: BenchServer | null = null;
try {
  for (const page of pages) {
    const isReference = page === "reference";
    const servers: [string, BenchServer][] = isReference
      ? [["", (reference ??= await startReferenceServer({ label: "cpu-reference" }))]]
      : [
          ...(beforeDir
            ? [
                [
                  "before",
                  (earlier ??= await startProjectServer(database.url, {
                    label: "cpu-before",
                    httpProcesses: 1,
                    caches,
                    cwd: beforeDir,
                    script: path.join(beforeDir, "build/server.js"),
                  })),
                ] as [string, BenchServer],
              ]
            : []),
          [beforeDir ? "after" : "", (project ??= await startProjectServer(database.url, { label: "cpu", httpProcesses: 1, caches }))],
        ];
    const cookie = isReference ? undefined : await cookieFor(page);
    const headers = cookie ? { cookie } : {};
    const url = (server: BenchServer) => server.url + (isReference ? "/" : page);
    for (const [, server] of servers) await autocannon({ url: url(server), connections, amount: perBatch, headers });
    const perRequest = servers.map(() => [] as number[]);
    let failed = 0;
    for (let i = 0; i < batches; i++) {
      for (const [j, [, server]] of servers.entries()) {
        const before = processCpuMs(server.pid!)!;
        const result = await autocannon({ url: url(server), connections, amount: perBatch, headers });
        perRequest[j]!.push((processCpuMs(server.pid!)! - before) / Math.max(1, result.requests.total));
        failed += result.non2xx + result.errors;
      }
    }
    const figures = servers.map(
      ([name], j) =>
        `${name ? `${name} ` : ""}least ${Math.min(...perRequest[j]!).toFixed(2)}, median ${median(perRequest[j]!).toFixed(2)}`,
    );
    console.log(
      `${page.padEnd(16)}${caches === "off" ? " (CACHES=off)" : ""} CPU ms/request: ${figures.join(" | ")}${failed ? ` (${failed} failed)` : ""}`,
    );
  }
} finally {
  await project?.stop();
  await earlier?.stop();
  await reference?.stop();
  await db.$client.end();
  await database.stop();
  console.log(`load average at the end: ${load()}`);
}
