// Usage: npm run build && npx tsx tests/bench/soak.ts   (SOAK_SECONDS=600 by default; SOAK_ACTORS=24;
// SOAK_HEAP_SNAPSHOTS=1 writes a heap snapshot of each process at the start and the end of the memory window;
// every sample of each process's memory is written to .data/bench/soak-memory.csv)
// A mixed workload against two production server processes on one Postgres for SOAK_SECONDS:
// simulated members (sign-in, check-ins, craving and mood logs, the community feed, reactions,
// chat messages to their coach, questions to the offline AI coach), coaches (caseload, chat,
// reports) and admins (overview, report sections). Records errors, p99 per page, each process's
// memory over time (RSS, and the V8 heap in use, read from /metrics) with "flat over the last 5
// minutes within 10%", and the database's
// connection count, and writes the `soak` section of tests/bench/RESULTS.md.
import "./env";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { loadavg } from "node:os";
import { sql } from "drizzle-orm";
import { createDb } from "#db/client.server";
import { DEMO_PASSWORD, seedDemoData } from "#db/seed/demo";
import { deployedNodeOptions, heading, recordResults, startBenchDatabase, startProjectServer, stopAll, type BenchServer } from "./harness";

const SECONDS = Number(process.env.SOAK_SECONDS ?? 600);
const ACTORS = Number(process.env.SOAK_ACTORS ?? 24);
const SAMPLE_EVERY_MS = 5_000;
// "Flat over the last 5 minutes": the window is the last 300 s, or the second half of a shorter run.
const FLAT_WINDOW_S = Math.min(300, SECONDS / 2);
const POOL_SIZE = 10;
// The servers' /metrics (prom-client's default metrics) give each process's V8 heap in use.
const METRICS_TOKEN = (process.env.METRICS_TOKEN = `soak-${randomUUID()}`);
const SNAPSHOTS = process.env.SOAK_HEAP_SNAPSHOTS === "1";
const snapshotDir = path.resolve(".data/bench/soak-heap");
if (SNAPSHOTS) {
  mkdirSync(snapshotDir, { recursive: true });
  // The servers write a heap snapshot when sent SIGUSR2 (Node's own flag), into snapshotDir.
  process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ""} --heapsnapshot-signal=SIGUSR2 --diagnostic-dir=${snapshotDir}`.trim();
}

const database = await startBenchDatabase("soak");
const db = createDb(database.url, 2);
await seedDemoData(db, { history: false });

type Person = { id: string; email: string; role: string };
const people = await db.execute<Person>(sql`select id, email, role from users where email like '%@quitpath.test' order by email`);
// Each person's active conversations (a member has one, a coach one per member).
const conversationsOf = new Map<string, string[]>();
for (const row of await db.execute<{ id: string; member_id: string; coach_id: string }>(
  sql`select c.id, c.member_id, c.coach_id from conversations c join coach_assignments a on a.id = c.assignment_id and a.status = 'active'`,
)) {
  for (const person of [row.member_id, row.coach_id]) conversationsOf.set(person, [...(conversationsOf.get(person) ?? []), row.id]);
}
const postIds = (await db.execute<{ id: string }>(sql`select id from community_posts where status = 'visible' limit 50`)).map((r) => r.id);

const servers: BenchServer[] = [];
servers.push(await startProjectServer(database.url, { label: "soak-1", httpProcesses: 1 }));
servers.push(await startProjectServer(database.url, { label: "soak-2", httpProcesses: 1 }));

// --- measurement
const latencies = new Map<string, number[]>();
const statuses = new Map<string, Map<string, number>>();
let errors = 0;
let unexpected = 0;
const errorSamples: string[] = [];
function record(page: string, ms: number, status: number | "network") {
  (latencies.get(page) ?? latencies.set(page, []).get(page)!).push(ms);
  const byStatus = statuses.get(page) ?? statuses.set(page, new Map()).get(page)!;
  const key = String(status);
  byStatus.set(key, (byStatus.get(key) ?? 0) + 1);
  if (status === "network" || status >= 500) {
    errors++;
    if (errorSamples.length < 10) errorSamples.push(`${page}: ${status}`);
  } else if (status >= 400 && status !== 429) unexpected++;
}

type Actor = { person: Person; server: BenchServer; cookie: string; premium: boolean };

async function call(actor: Actor, page: string, path: string, form?: Record<string, string>): Promise<Response | null> {
  const started = performance.now();
  try {
    const response = await fetch(`${actor.server.url}${path}`, {
      method: form ? "POST" : "GET",
      redirect: "manual",
      body: form ? new URLSearchParams(form) : undefined,
      headers: {
        Cookie: actor.cookie,
        ...(form ? { Origin: actor.server.url, "Sec-Fetch-Site": "same-origin", "Content-Type": "application/x-www-form-urlencoded" } : {}),
      },
    });
    await response.arrayBuffer();
    record(page, performance.now() - started, response.status);
    return response;
  } catch (error) {
    record(page, performance.now() - started, "network");
    if (errorSamples.length < 10) errorSamples.push(`${page}: ${String(error)}`);
    return null;
  }
}

async function signIn(actor: Actor) {
  const response = await call(actor, "POST /login (sign-in)", "/login", {
    intent: "sign-in",
    email: actor.person.email,
    password: DEMO_PASSWORD,
  });
  const cookie = response?.headers.getSetCookie().find((c) => c.includes("qp_session="));
  if (cookie) actor.cookie = cookie.split(";")[0]!;
}

const pick = <T>(list: readonly T[]): T => list[Math.floor(Math.random() * list.length)]!;

const memberActions: ((a: Actor) => Promise<unknown>)[] = [
  (a) => call(a, "GET /app", "/app"),
  (a) => call(a, "POST /app/check-in", "/app/check-in", { intent: "check-in" }),
  (a) =>
    call(a, "POST /app/log (craving)", "/app/log", {
      intent: "log-craving",
      intensity: String(1 + Math.floor(Math.random() * 10)),
      resisted: "on",
    }),
  (a) => call(a, "POST /app/log (mood)", "/app/log", { intent: "log-mood", mood: String(1 + Math.floor(Math.random() * 5)) }),
  (a) => call(a, "GET /app/community", "/app/community"),
  (a) =>
    postIds.length
      ? call(a, "POST /app/community/:id (react)", `/app/community/${pick(postIds)}`, {
          intent: "react",
          [Math.random() < 0.5 ? "add" : "remove"]: pick(["support", "celebrate", "hug"]),
        })
      : call(a, "GET /app/community", "/app/community"),
  (a) => {
    const conversation = conversationsOf.get(a.person.id)?.[0];
    return conversation && a.premium
      ? call(a, "POST chat message", `/resources/conversations/${conversation}?live=1`, {
          intent: "send-message",
          clientId: randomUUID(),
          body: "How is today going?",
        })
      : call(a, "GET /app/badges", "/app/badges");
  },
  // Premium members ask the AI coach (offline provider); Basic members, who have none, read their history and plan.
  (a) =>
    a.premium
      ? call(a, "POST /app/ai-coach (ask)", "/app/ai-coach", {
          intent: "ask",
          question: pick(["How do I handle a craving after coffee?", "What helps with stress?", "Tôi nên làm gì khi thèm thuốc?"]),
        })
      : call(a, "GET /app/history", "/app/history"),
  (a) => (a.premium ? call(a, "GET /app/ai-coach", "/app/ai-coach") : call(a, "GET /app/plan", "/app/plan")),
];
const coachActions: ((a: Actor) => Promise<unknown>)[] = [
  (a) => call(a, "GET /coach", "/coach"),
  (a) => call(a, "GET /coach/reports", "/coach/reports"),
  (a) => {
    const theirs = conversationsOf.get(a.person.id);
    return theirs
      ? call(a, "POST chat message", `/resources/conversations/${pick(theirs)}?live=1`, {
          intent: "send-message",
          clientId: randomUUID(),
          body: "Keep going, you are doing well.",
        })
      : call(a, "GET /coach", "/coach");
  },
];
const adminActions: ((a: Actor) => Promise<unknown>)[] = [
  (a) => call(a, "GET /admin", "/admin"),
  (a) =>
    call(a, "GET /admin/reports/:section", `/admin/reports/${pick(["growth", "revenue", "success", "coaches", "community", "platform"])}`),
  (a) => call(a, "GET /admin/members", "/admin/members"),
];

// Members most, then coaches and admins in turn; each actor bound to one process, alternating.
const members = people.filter((p) => p.role === "member");
const coaches = people.filter((p) => p.role === "coach");
const admins = people.filter((p) => p.role === "admin");
const taken = { member: 0, coach: 0, admin: 0 };
const next = (role: "member" | "coach" | "admin", list: Person[]) => list[taken[role]++ % list.length]!;
const actors: Actor[] = Array.from({ length: ACTORS }, (_, i) => {
  const person = i % 6 === 4 ? next("coach", coaches) : i % 6 === 5 ? next("admin", admins) : next("member", members);
  return { person, server: servers[i % 2]!, cookie: "", premium: false };
});

// The members need their AI coach consent once (it is a page choice, not part of the load).
for (const actor of actors) await signIn(actor);
for (const actor of actors.filter((a) => a.person.role === "member")) {
  actor.premium = (await call(actor, "setup", "/app/ai-coach"))?.status === 200;
  if (actor.premium) await call(actor, "setup", "/app/ai-coach", { intent: "consent" });
}
latencies.clear();
statuses.clear();
errors = 0;
unexpected = 0;
errorSamples.length = 0;

// --- memory and connections over time
const pidsOf = (server: BenchServer) => server.pid!;
const rssSamples: { t: number; rss: number[] }[] = [];
const heapSamples: { t: number; heap: number[]; heapTotal: number[]; external: number[] }[] = [];
type HeapFigures = { used: number; total: number; external: number };
/** The V8 heap in use and allocated, and memory outside it (MB), of the process behind a server, from its /metrics. */
async function heapOf(server: BenchServer): Promise<HeapFigures> {
  try {
    const response = await fetch(`${server.url}/metrics`, { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } });
    const text = await response.text();
    const read = (name: string) => {
      const match = new RegExp(`^quitpath_nodejs_${name}\\s+([\\d.e+]+)`, "m").exec(text);
      return match ? Number(match[1]) / 1024 / 1024 : NaN;
    };
    return { used: read("heap_size_used_bytes"), total: read("heap_size_total_bytes"), external: read("external_memory_bytes") };
  } catch {
    return { used: NaN, total: NaN, external: NaN };
  }
}
const sampleHeap = async () => {
  const t = (Date.now() - started) / 1000;
  const figures = await Promise.all(servers.map(heapOf));
  heapSamples.push({
    t,
    heap: figures.map((f) => f.used),
    heapTotal: figures.map((f) => f.total),
    external: figures.map((f) => f.external),
  });
};
const connectionSamples: number[] = [];
const rssMb = (pid: number) => {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return match ? Number(match[1]) / 1024 : NaN;
};
const started = Date.now();
const sampler = setInterval(() => {
  rssSamples.push({ t: (Date.now() - started) / 1000, rss: servers.map((s) => rssMb(pidsOf(s))) });
  void db
    .execute<{ n: number }>(sql`select count(*)::int as n from pg_stat_activity where datname = current_database()`)
    .then(([row]) => connectionSamples.push(row!.n));
  void sampleHeap();
}, SAMPLE_EVERY_MS);
const snapshot = () => {
  if (SNAPSHOTS) for (const server of servers) process.kill(server.pid!, "SIGUSR2");
};
const snapshotAtWindow = setTimeout(snapshot, (SECONDS - FLAT_WINDOW_S) * 1000);

const loadBefore = loadavg()[0]!.toFixed(2);
const deadline = started + SECONDS * 1000;
await Promise.all(
  actors.map(async (actor) => {
    const actions = actor.person.role === "admin" ? adminActions : actor.person.role === "coach" ? coachActions : memberActions;
    let done = 0;
    while (Date.now() < deadline) {
      // Now and then a fresh sign-in (a new session), as people come back.
      if (++done % 40 === 0) await signIn(actor);
      else await pick(actions)(actor);
      // Think time: 100–400 ms between a person's requests.
      await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 300));
    }
  }),
);
clearInterval(sampler);
clearTimeout(snapshotAtWindow);
const loadAfter = loadavg()[0]!.toFixed(2);
rssSamples.push({ t: (Date.now() - started) / 1000, rss: servers.map((s) => rssMb(pidsOf(s))) });
await sampleHeap();
if (SNAPSHOTS) {
  snapshot();
  // A process writes its snapshot on its main thread: once it answers again, the file is complete.
  await new Promise((resolve) => setTimeout(resolve, 2000));
  await Promise.all(servers.map(heapOf));
}
await stopAll(servers);
await db.$client.end();
await database.stop();

// --- figures
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
};
const pageRows = [...latencies.entries()]
  .sort(([a], [b]) => a.localeCompare(b))
  .map(([page, values]) => {
    const byStatus = [...statuses.get(page)!.entries()].map(([s, n]) => `${s}×${n}`).join(", ");
    return `| ${page} | ${values.length} | ${percentile(values, 50).toFixed(0)} | ${percentile(values, 99).toFixed(0)} | ${byStatus} |`;
  });
const total = [...latencies.values()].reduce((n, v) => n + v.length, 0);

const windowStart = (rssSamples.at(-1)?.t ?? 0) - FLAT_WINDOW_S;
const inWindow = rssSamples.filter((s) => s.t >= windowStart);
const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
const heapInWindow = heapSamples.filter((s) => s.t >= windowStart);
const memoryRows = servers.map((server, i) => {
  const series = inWindow.map((s) => s.rss[i]!);
  const growth = (mean(series.slice(-3)) - mean(series.slice(0, 3))) / mean(series.slice(0, 3));
  const all = rssSamples.map((s) => s.rss[i]!);
  // The heap in use is a sawtooth (allocation, then a collection): its floor over a minute is what a leak raises.
  const heap = heapInWindow.map((s) => s.heap[i]!).filter(Number.isFinite);
  const perMinute = Math.max(1, Math.round(60_000 / SAMPLE_EVERY_MS));
  const floorFirst = Math.min(...heap.slice(0, perMinute));
  const floorLast = Math.min(...heap.slice(-perMinute));
  const heapGrowth = (floorLast - floorFirst) / floorFirst;
  const heapAll = heapSamples.map((s) => s.heap[i]!).filter(Number.isFinite);
  const ok = (g: number) => g <= 0.1;
  return {
    rssFlat: ok(growth),
    heapFlat: ok(heapGrowth),
    row: `| ${server.label} (pid ${server.pid}) | ${all[0]!.toFixed(0)} | ${Math.max(...all).toFixed(0)} | ${all.at(-1)!.toFixed(0)} | ${(growth * 100).toFixed(1)} % ${ok(growth) ? "" : "**(over 10 %)**"} | ${heapAll[0]?.toFixed(0)} | ${Math.max(...heapAll).toFixed(0)} | ${floorFirst.toFixed(0)} → ${floorLast.toFixed(0)} | ${(heapGrowth * 100).toFixed(1)} % ${ok(heapGrowth) ? "" : "**(over 10 %)**"} |`,
  };
});
// Each process: its pool (DATABASE_POOL_SIZE), pg-boss's (max 4) and one LISTEN connection; plus this script's two.
const PG_BOSS_POOL = 4;
const connectionBound = 2 * (POOL_SIZE + PG_BOSS_POOL + 1) + 2;
const maxConnections = Math.max(...connectionSamples);
const minutes = SECONDS >= 60 ? `${(SECONDS / 60).toFixed(SECONDS % 60 ? 1 : 0)} min` : `${SECONDS} s`;

const markdown = `## Soak: a mixed workload for ${minutes} on two processes (issue 21)

${heading(`npm run build && SOAK_SECONDS=${SECONDS} npx tsx tests/bench/soak.ts`)}${SECONDS < 600 ? `\n\n**A ${SECONDS} s validation run, not the 10-minute soak** (SOAK_SECONDS=${SECONDS}); the memory window is the last ${FLAT_WINDOW_S} s.` : ""}

${ACTORS} simulated people (members ×${actors.filter((a) => a.person.role === "member").length}, coaches ×${actors.filter((a) => a.person.role === "coach").length}, admins ×${actors.filter((a) => a.person.role === "admin").length}) on the demo data, ${actors.filter((a) => a.premium).length} of the members premium (chat with their coach, AI coach questions), each signed in once and again every 40 actions, 100–400 ms think time between requests, alternately on two production processes (\`node build/server.js\`, NODE_ENV=production, NODE_OPTIONS=\`${deployedNodeOptions()}\` as the Dockerfile sets them, WEB_CONCURRENCY=1, workers on, LOG_LEVEL=info to a file) on one embedded Postgres; load average ${loadBefore} before, ${loadAfter} after (2 shared cores).

**Errors (5xx or no answer): ${errors}** of ${total} requests${errorSamples.length ? ` — e.g. ${errorSamples.join("; ")}` : ""}. Other 4xx (a page the person may not use, a refused form): ${unexpected}. 429 is a rate limit or quota answering as designed (the AI coach's daily questions, the chat send limit), not an error.

| page | requests | p50 ms | p99 ms | statuses |
|---|---:|---:|---:|---|
${pageRows.join("\n")}

Memory of each process, sampled every ${SAMPLE_EVERY_MS / 1000} s, MB. RSS (from /proc) growth: mean of the last three samples vs the first three of the last ${FLAT_WINDOW_S} s. V8 heap in use (\`heapUsed\`, from the process's /metrics): its floor (lowest sample) over the first minute of that window vs over its last minute. heapUsed counts garbage a major collection has not yet freed, so even its floor overstates what is live; what is live is read from heap snapshots (SOAK_HEAP_SNAPSHOTS=1, compared with \`node tests/bench/heap-diff.mjs A B\`). The verdict is on RSS.

| process | RSS at start | RSS max | RSS at end | RSS growth over the window | heap at start | heap max | heap floor (window start → end) | heap floor growth |
|---|---:|---:|---:|---:|---:|---:|---:|---:|
${memoryRows.map((m) => m.row).join("\n")}

Database connections (pg_stat_activity for this database, every ${SAMPLE_EVERY_MS / 1000} s): max **${maxConnections}**, min ${Math.min(...connectionSamples)}; bound ${connectionBound} (2 × (pool ${POOL_SIZE} + pg-boss ${PG_BOSS_POOL} + LISTEN 1) + this script's 2) — ${maxConnections <= connectionBound ? "within it" : "**over it**"}.
`;
recordResults("soak", markdown);
console.log(markdown);
// The whole memory timeline, for a plot or a closer look: one row per sample and process.
const timeline = path.resolve(".data/bench/soak-memory.csv");
mkdirSync(path.dirname(timeline), { recursive: true });
const rows = ["t_s,process,rss_mb,heap_used_mb,heap_total_mb,external_mb"];
for (const sample of heapSamples) {
  const rss = rssSamples.find((r) => r.t >= sample.t - SAMPLE_EVERY_MS / 1000) ?? rssSamples.at(-1);
  servers.forEach((server, i) =>
    rows.push(
      [sample.t.toFixed(0), server.label, rss?.rss[i], sample.heap[i], sample.heapTotal[i], sample.external[i]]
        .map((v) => (typeof v === "number" ? v.toFixed(1) : v))
        .join(","),
    ),
  );
}
writeFileSync(timeline, rows.join("\n") + "\n");
console.log(`memory timeline: ${path.relative(process.cwd(), timeline)}`);
process.exit(errors === 0 && unexpected === 0 && memoryRows.every((m) => m.rssFlat) && maxConnections <= connectionBound ? 0 : 1);
