// Usage: npm run build && npx tsx tests/bench/scale.ts
// Throughput of the member dashboard (/app) with 1, 2 and 4 web processes (and one worker) behind
// nginx (the round-robin proxy of scripts/round-robin-proxy.mjs when nginx is not installed;
// CLUSTER_PROXY=node|nginx chooses), as `npm run cluster` runs them, each as a ratio to the
// reference app measured in the same interleaved rounds. SCALE_WEB=1,2,4 picks the counts.
import "./env";
import { cpus, loadavg } from "node:os";
import { eq } from "drizzle-orm";
import { createDb } from "#db/client.server";
import { users } from "#db/schema";
import { seedDemoData } from "#db/seed/demo";
import { createSession } from "~/modules/identity/session.server";
import { nginxAvailable, startCluster } from "../../scripts/cluster.mjs";
import {
  heading,
  measureRounds,
  method,
  ratio,
  recordResults,
  startBenchDatabase,
  startReferenceServer,
  type BenchServer,
  type Result,
  type Target,
} from "./harness";

const counts = (process.env.SCALE_WEB ?? "1,2,4").split(",").map(Number);
const proxy = (process.env.CLUSTER_PROXY ?? (nginxAvailable() ? "nginx" : "node")) as "nginx" | "node";
const database = await startBenchDatabase("scale");
const db = createDb(database.url, 2);
await seedDemoData(db);
const [member] = await db.select({ id: users.id }).from(users).where(eq(users.email, "member@quitpath.test"));
const cookie = (await createSession(db, member!.id, "tests/bench")).setCookie.split(";")[0]!;
await db.$client.end();

const load = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(", ");
const loadBefore = load();
const reference = await startReferenceServer({ label: "scale-reference" });
const rows: { web: number; result: Result; referenceRps: number }[] = [];
try {
  for (const web of counts) {
    const cluster = (await startCluster({
      web,
      proxy,
      env: { DATABASE_URL: database.url, SESSION_SECRET: process.env.SESSION_SECRET, SEED_DEMO_DATA: "off", LOG_LEVEL: "info" },
    })) as { url: string; stop: () => Promise<void> };
    try {
      const server: BenchServer = { label: `scale-${web}`, url: cluster.url, logFile: "(each process's stdout)", stop: cluster.stop };
      const target: Target = { name: `/app, ${web} web`, server, path: "/app", cookie };
      const measured = await measureRounds({ name: "reference app", server: reference, path: "/" }, [target]);
      rows.push({ web, result: measured.results[0]!, referenceRps: measured.reference.requestsPerSecond });
    } finally {
      await cluster.stop();
    }
  }
} finally {
  await reference.stop();
  await database.stop();
}

const first = rows[0]!.result;
const table = [
  "| web processes | **vs reference** | vs 1 process | req/s | p99 ms | reference req/s (same rounds) | errors / non-2xx |",
  "|---:|---:|---:|---:|---:|---:|---:|",
  ...rows.map(
    ({ web, result, referenceRps }) =>
      `| ${web} | **${ratio(result.vsReference)}** | ${ratio(result.vsReference / first.vsReference)} | ${Math.round(result.requestsPerSecond)} | ${result.p99Ms} | ${Math.round(referenceRps)} | ${result.errors} / ${result.non2xx} |`,
  ),
].join("\n");
const markdown = `## Scale-out: /app with 1, 2 and 4 web processes behind ${proxy} (issue 18)

${heading("npm run build && npx tsx tests/bench/scale.ts")}

${table}

Each row is its own cluster (\`scripts/cluster.mjs\`: N × \`node build/server.js\` with WORKERS=off and WEB_CONCURRENCY=1, one \`--worker\` process, ${proxy} in front, LOG_LEVEL=info to a pipe), measured against the reference app (one process, no proxy) in interleaved rounds; "vs 1 process" divides by the first row's ratio.
${method()}
**This machine has ${cpus().length} cores shared with other engineers' builds and tests while this ran** (load average ${loadBefore} before, ${load()} after): on two cores, more processes than cores cannot add throughput, and the load generator, Postgres, the proxy and every process compete for the same CPUs, so these figures say that the shape works and what it costs, not what it gains on a machine with a core per process.`;
console.log(markdown);
recordResults("scale", markdown);
process.exit(0);
