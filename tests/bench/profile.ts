// Usage: npm run build && npx tsx tests/bench/profile.ts /app/log [/admin/billing …] [reference]
// One production server per page on the demo data, loaded for BENCH_SECONDS (default 5) with a V8
// CPU profile, then the functions where that page's time goes: self time and inclusive time
// (a function and everything it calls), our code and the framework's alike. Prints, writes nothing
// into RESULTS.md: it is the tool for finding what to make faster, not a figure. Each page also
// gets the server process's CPU per request (from /proc, profiler overhead included; PROFILE=off
// runs without the profiler); `reference` names the reference app's one route. CPU_HISTORY=1 adds the
// demo's year of generated members and computed report rollups (what the /admin report pages show), as in cpu.ts.
// PROFILE_CACHES=off starts the server with CACHES=off (every in-memory cache misses: the "cold" figure).
import "./env";
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import autocannon from "autocannon";
import { eq } from "drizzle-orm";
import { createDb } from "#db/client.server";
import { users } from "#db/schema";
import { seedDemoData } from "#db/seed/demo";
import { createSession } from "~/modules/identity/session.server";
import { pendingSchemaChanges } from "../setup/schema-drift";
import { processCpuMs, SETTINGS, startBenchDatabase, startProjectServer, startReferenceServer } from "./harness";

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[] };

const pages = process.argv.slice(2);
if (pages.length === 0) throw new Error("name at least one page, e.g. /app/log");
const database = await startBenchDatabase("profile");
const db = createDb(database.url, 2);
// Any schema change not yet in a migration is applied the way the test setup does (as in cpu.ts).
for (const statement of await pendingSchemaChanges()) await db.$client.unsafe(statement);
await seedDemoData(db, { history: process.env.CPU_HISTORY === "1" });
/** The signed-in pages get a session (as in foundation.ts); public pages are measured anonymous. */
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

const where = (node: Node) => {
  const file = node.callFrame.url.replace(/^file:\/\//, "").replace(process.cwd() + "/", "");
  return `${node.callFrame.functionName || "(anonymous)"} ${file}:${node.callFrame.lineNumber + 1}`;
};

function summarise(profile: Profile, top = 25): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const selfByName = new Map<string, number>();
  const inclusiveByName = new Map<string, number>();
  for (const [id, micros] of self) {
    const name = where(byId.get(id)!);
    selfByName.set(name, (selfByName.get(name) ?? 0) + micros);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const n = where(byId.get(at)!);
      if (seen.has(n)) continue;
      seen.add(n);
      inclusiveByName.set(n, (inclusiveByName.get(n) ?? 0) + micros);
    }
  }
  const list = (m: Map<string, number>) =>
    [...m]
      .filter(([name]) => !name.startsWith("(root)") && !name.startsWith("(program)") && !name.startsWith("(idle)"))
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, micros]) => `  ${((100 * micros) / total).toFixed(1).padStart(5)}%  ${name}`)
      .join("\n");
  const idle = [...self].filter(([id]) => byId.get(id)!.callFrame.functionName === "(idle)").reduce((a, [, m]) => a + m, 0);
  return `idle ${((100 * idle) / total).toFixed(0)}%\nself time:\n${list(selfByName)}\ninclusive time:\n${list(inclusiveByName)}`;
}

const profiling = process.env.PROFILE !== "off";
if (profiling) process.env.BENCH_PROFILE = "1";
const profiles = path.resolve(".data/profiles/profile");
for (const page of pages) {
  rmSync(profiles, { recursive: true, force: true });
  const reference = page === "reference";
  const cookie = reference ? undefined : await cookieFor(page);
  const server = reference
    ? await startReferenceServer({ label: "profile" })
    : await startProjectServer(database.url, {
        label: "profile",
        httpProcesses: 1,
        caches: process.env.PROFILE_CACHES === "off" ? "off" : "on",
      });
  const url = server.url + (reference ? "/" : page);
  const headers = cookie ? { cookie } : {};
  // Warm-up (JIT, pools, caches), then count the CPU the server spends on the measured requests only.
  await autocannon({ url, connections: 10, duration: SETTINGS.warmupSeconds, headers });
  const cpuBefore = processCpuMs(server.pid!);
  const result = await autocannon({ url, connections: SETTINGS.connections, duration: SETTINGS.seconds, headers });
  const cpuMs = processCpuMs(server.pid!)! - cpuBefore!;
  await server.stop();
  console.log(
    `\n## ${page}: ${Math.round(result.requests.average)} req/s, p99 ${result.latency.p99} ms, ${result.non2xx} non-2xx, ${Math.round(result.throughput.total / Math.max(1, result.requests.total) / 1024)} KB per response, server CPU ${(cpuMs / Math.max(1, result.requests.total)).toFixed(2)} ms per request${profiling ? " (profiler on)" : ""}`,
  );
  if (!profiling) continue;
  const [file] = readdirSync(profiles);
  const profile = JSON.parse(readFileSync(path.join(profiles, file!), "utf8")) as Profile;
  console.log(summarise(profile, Number(process.env.PROFILE_TOP ?? 25)));
  if (process.env.PROFILE_SAVE)
    writeFileSync(path.join(process.env.PROFILE_SAVE, page.replaceAll("/", "_") + ".cpuprofile"), JSON.stringify(profile));
}
await database.stop();
