import { execFileSync, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { once } from "node:events";
import { closeSync, cpSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import autocannon from "autocannon";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "#db/embedded.server";
import { runMigrations } from "#db/migrate.server";
import { freePort } from "../setup/processes";
import { patchedFiles, preparePristineFramework } from "./pristine";

const root = path.resolve(".");
const dataDir = path.join(root, ".data");
// Everything but the databases (.data/bench-<name>) lives under .data/bench/.
const logDir = path.join(dataDir, "bench/logs");

function numberFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got "${raw}"`);
  return value;
}

/** Round count and length; BENCH_ROUNDS=3 BENCH_SECONDS=2 gives a quick, rougher run. */
export const SETTINGS = {
  rounds: Math.round(numberFromEnv("BENCH_ROUNDS", 7)),
  seconds: numberFromEnv("BENCH_SECONDS", 5),
  /** Warm-up before each measurement in the first round; later rounds warm up for half as long. */
  warmupSeconds: numberFromEnv("BENCH_WARMUP_SECONDS", 2),
  connections: Math.round(numberFromEnv("BENCH_CONNECTIONS", 50)),
};

/** A fresh, migrated embedded Postgres for one benchmark run. */
export async function startBenchDatabase(name: string, port?: number): Promise<EmbeddedDatabase> {
  const database = await startEmbeddedPostgres({ dir: path.resolve(`.data/bench-${name}`), reset: true, port });
  await runMigrations(database.url);
  return database;
}

export type BenchServer = { label: string; url: string; logFile: string; pid?: number; stop: () => Promise<void> };

/** CPU time (user + system) a process has used so far, in ms, from /proc (Linux); null elsewhere. */
export function processCpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // utime and stime, fields 14 and 15 of proc(5), in clock ticks (100 per second on Linux)
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

type ProcessOptions = {
  label: string;
  script: string;
  cwd?: string;
  env: Record<string, string | undefined>;
  readyText: string;
  /** Runs the server with the framework files as published, without patches/ (see pristine-framework.js). */
  unpatched?: boolean;
  /** A fixed port (default: a free one). */
  port?: number;
};

/** Starts one server process with its output in .data/bench/logs/<label>.log, and waits for its ready line. */
async function startProcess(options: ProcessOptions): Promise<BenchServer> {
  mkdirSync(logDir, { recursive: true });
  const port = options.port ?? (await freePort());
  const logFile = path.join(logDir, `${options.label}.log`);
  const out = openSync(logFile, "w");
  // BENCH_PROFILE=1 writes a V8 CPU profile of each server to .data/profiles/<label>/ when it stops.
  const profile =
    process.env.BENCH_PROFILE === "1" ? ["--cpu-prof", `--cpu-prof-dir=${path.join(dataDir, "profiles", options.label)}`] : [];
  const pristine = options.unpatched ? ["--import", pathToFileURL(path.join(root, "tests/bench/pristine-framework.js")).href] : [];
  const env: Record<string, string | undefined> = { ...options.env, PORT: String(port), HOST: "127.0.0.1" };
  if (options.unpatched) env.BENCH_PRISTINE_DIR = preparePristineFramework();
  const child = spawn(process.execPath, [...profile, ...pristine, options.script], {
    cwd: options.cwd ?? root,
    env: env as NodeJS.ProcessEnv,
    stdio: ["ignore", out, out],
  });
  closeSync(out);
  const exited = once(child, "exit");
  const deadline = Date.now() + 120_000;
  const log = () => readFileSync(logFile, "utf8");
  while (!log().includes(options.readyText)) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`${options.label} did not start (log: ${logFile}):\n${log().slice(-3000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (options.unpatched) {
    const missing = patchedFiles().filter((file) => !log().includes(`[pristine] ${file}`));
    if (missing.length > 0) throw new Error(`${options.label}: the unpatched run did not load ${missing.join(", ")} as published`);
  }
  return {
    label: options.label,
    url: `http://127.0.0.1:${port}`,
    pid: child.pid,
    logFile,
    stop: async () => {
      if (child.exitCode !== null) return;
      const force = setTimeout(() => child.kill("SIGKILL"), 20_000);
      child.kill("SIGTERM");
      await exited;
      clearTimeout(force);
    },
  };
}

/**
 * The production entry (`node build/server.js`) as a deployment runs it: NODE_ENV=production, the Dockerfile's NODE_OPTIONS,
 * request logs at info (into the server's log file), background workers at their default (on).
 * `caches: "off"` starts it with CACHES=off, so every in-memory cache misses ("cold").
 */
export async function startProjectServer(
  databaseUrl: string,
  options: {
    label: string;
    caches?: "on" | "off";
    cwd?: string;
    unpatched?: boolean;
    /** Another build's server.js (default: this checkout's). */ script?: string;
    /** WEB_CONCURRENCY; unset: the server's default (one HTTP process per core, up to four), as deployed. */
    httpProcesses?: number;
    port?: number;
  },
): Promise<BenchServer> {
  const env: Record<string, string | undefined> = {
    ...process.env,
    NODE_ENV: "production",
    // The Node options the image runs with (its heap budget), then any of the bench's own (a heap-snapshot signal).
    NODE_OPTIONS: [deployedNodeOptions(), process.env.NODE_OPTIONS].filter(Boolean).join(" "),
    SESSION_SECRET: process.env.SESSION_SECRET,
    DATABASE_URL: databaseUrl,
    SEED_DEMO_DATA: "off",
    LOG_LEVEL: "info",
  };
  delete env.WORKERS;
  delete env.CACHES;
  delete env.WEB_CONCURRENCY;
  // Figures read from one process's CPU time need every request answered by that process.
  if (options.httpProcesses) env.WEB_CONCURRENCY = String(options.httpProcesses);
  if (options.caches === "off") env.CACHES = "off";
  return startProcess({
    label: options.label,
    script: options.script ?? path.join(root, "build/server.js"),
    cwd: options.cwd,
    env,
    readyText: "QuitPath is running",
    unpatched: options.unpatched,
    port: options.port,
  });
}

/** NODE_OPTIONS as the Dockerfile's runtime stage sets them (`ENV NODE_OPTIONS="…"`), so a bench runs the server as deployed. */
export function deployedNodeOptions(): string {
  const match = /^ENV NODE_OPTIONS="([^"]*)"/m.exec(readFileSync(path.join(root, "Dockerfile"), "utf8"));
  if (!match) throw new Error("the Dockerfile sets no NODE_OPTIONS");
  return match[1]!;
}

export const referenceSource = path.join(root, "tests/bench/reference");
export const referenceBuild = path.join(dataDir, "bench/reference");

function hashTree(dir: string, hash = createHash("sha256")): ReturnType<typeof createHash> {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const file = path.join(dir, entry.name);
    hash.update(path.relative(root, file));
    if (entry.isDirectory()) hashTree(file, hash);
    else hash.update(readFileSync(file));
  }
  return hash;
}

/**
 * Builds a Remix app (classic compiler, production) from `sourceDir` into `outDir` unless the
 * build there is already from the same sources and Remix version. The reference app's
 * remix.config.js takes its output folder from REFERENCE_BUILD_DIR.
 */
export function buildReferenceApp(sourceDir = referenceSource, outDir = referenceBuild): string {
  const remixVersion = JSON.parse(readFileSync(path.join(root, "node_modules/@remix-run/dev/package.json"), "utf8")).version;
  const fingerprint = hashTree(sourceDir).update(remixVersion).digest("hex");
  const stamp = path.join(outDir, "source-hash");
  if (existsSync(path.join(outDir, "build/index.js")) && existsSync(stamp) && readFileSync(stamp, "utf8") === fingerprint) return outDir;
  rmSync(outDir, { recursive: true, force: true });
  execFileSync(path.join(root, "node_modules/.bin/remix"), ["build", sourceDir], {
    cwd: root,
    env: { ...process.env, NODE_ENV: "production", REFERENCE_BUILD_DIR: outDir },
    stdio: ["ignore", "ignore", "inherit"],
  });
  writeFileSync(stamp, fingerprint);
  return outDir;
}

/** The external reference: the minimal Remix app in tests/bench/reference, in production mode. */
export async function startReferenceServer(options: { label?: string; buildDir?: string; unpatched?: boolean } = {}): Promise<BenchServer> {
  const buildDir = options.buildDir ?? buildReferenceApp();
  return startProcess({
    label: options.label ?? "reference",
    script: path.join(referenceSource, "server.js"),
    env: { ...process.env, NODE_ENV: "production", REFERENCE_BUILD_DIR: buildDir },
    readyText: "reference app listening",
    unpatched: options.unpatched,
  });
}

/** Writes `count` trivial flat routes (bench-extra/route-N) into `routesDir`, for the route-count benchmark. */
export function writeExtraRoutes(routesDir: string, count: number): void {
  for (let i = 1; i <= count; i++) {
    const n = String(i).padStart(3, "0");
    writeFileSync(
      path.join(routesDir, `bench-extra.route-${n}.tsx`),
      `export default function ExtraRoute${n}() {\n  return <p>Extra route ${n}</p>;\n}\n`,
    );
  }
}

/** Copies a folder (skipping build output) so a variant can be built without touching the working tree. */
export function copyTree(from: string, to: string, skip: string[] = ["node_modules", "build", ".cache"]): void {
  cpSync(from, to, { recursive: true, filter: (source) => !skip.includes(path.basename(source)) });
}

/** One thing to measure: a path on a server; `meanwhile` runs alongside each of its measurements (e.g. writes that keep a cache cold). */
export type Target = {
  name: string;
  server: BenchServer;
  path: string;
  cookie?: string;
  /** More request headers (e.g. If-None-Match for a conditional GET). */
  headers?: Record<string, string>;
  meanwhile?: () => () => Promise<void>;
  /** The target whose throughput is this one's second ratio (usually the same server's /bare). */
  baseline?: Target;
};

export type Result = {
  target: Target;
  /** Median of the rounds. */
  requestsPerSecond: number;
  /** Latencies of the median round. */
  p50Ms: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
  /** Response size (headers and body), from the median round. */
  bytesPerResponse: number;
  /** Median over rounds of this target's throughput divided by the reference's in the same round. */
  vsReference: number;
  /** The same against `target.baseline`, when it has one. */
  vsBaseline?: number;
  rounds: number[];
};

type Run = { requestsPerSecond: number; p50Ms: number; p99Ms: number; errors: number; non2xx: number; bytesPerResponse: number };

async function run(target: Target, seconds: number, warmupSeconds: number): Promise<Run> {
  const url = target.server.url + target.path;
  const headers = { ...(target.cookie ? { cookie: target.cookie } : {}), ...target.headers };
  // Warm-up so JIT, connection pools and (for warm runs) caches are hot before counting.
  await autocannon({ url, connections: 10, duration: warmupSeconds, headers });
  const stop = target.meanwhile?.();
  try {
    const result = await autocannon({ url, connections: SETTINGS.connections, duration: seconds, headers });
    return {
      requestsPerSecond: result.requests.average,
      p50Ms: result.latency.p50,
      p99Ms: result.latency.p99,
      errors: result.errors,
      non2xx: result.non2xx,
      bytesPerResponse: result.requests.total > 0 ? result.throughput.total / result.requests.total : 0,
    };
  } finally {
    await stop?.();
  }
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Every target must answer 200 as the bench means it (not a redirect to sign-in, not an error page). */
async function preflight(target: Target): Promise<void> {
  const response = await fetch(target.server.url + target.path, {
    headers: { ...(target.cookie ? { cookie: target.cookie } : {}), ...target.headers },
    redirect: "manual",
  });
  await response.arrayBuffer();
  // A conditional GET is meant to be answered 304 Not Modified.
  const expected = target.headers?.["if-none-match"] ? 304 : 200;
  if (response.status !== expected) throw new Error(`${target.name} (${target.server.label} ${target.path}) answered ${response.status}`);
}

/**
 * Measures the reference and every target in interleaved rounds (reference, a, b, …, reference,
 * a, b, …), so a burst of noise on a shared machine cannot favour one target. Each ratio is taken
 * within a round (the two measured seconds apart) and the median of those ratios is reported.
 */
export async function measureRounds(reference: Target, targets: Target[]): Promise<{ reference: Result; results: Result[] }> {
  for (const target of [reference, ...targets]) await preflight(target);
  const all = [reference, ...targets];
  const runs = all.map(() => [] as Run[]);
  for (let round = 0; round < SETTINGS.rounds; round++) {
    const warmup = round === 0 ? SETTINGS.warmupSeconds : SETTINGS.warmupSeconds / 2;
    for (const [i, target] of all.entries()) {
      const measured = await run(target, SETTINGS.seconds, warmup);
      runs[i]!.push(measured);
      console.log(
        `round ${round + 1}/${SETTINGS.rounds} ${target.name} [${target.server.label}]: ${Math.round(measured.requestsPerSecond)} req/s, p99 ${measured.p99Ms} ms`,
      );
    }
  }
  const ratios = (i: number, j: number) => median(runs[i]!.map((r, round) => r.requestsPerSecond / runs[j]![round]!.requestsPerSecond));
  const results = all.map((target, i): Result => {
    const rounds = runs[i]!.map((r) => r.requestsPerSecond);
    const middle = [...runs[i]!].sort((a, b) => a.requestsPerSecond - b.requestsPerSecond)[Math.floor(rounds.length / 2)]!;
    const baseline = target.baseline ? all.indexOf(target.baseline) : -1;
    if (target.baseline && baseline < 0) throw new Error(`${target.name}: its baseline ${target.baseline.name} is not measured`);
    return {
      target,
      requestsPerSecond: median(rounds),
      p50Ms: middle.p50Ms,
      p99Ms: middle.p99Ms,
      bytesPerResponse: middle.bytesPerResponse,
      errors: runs[i]!.reduce((n, r) => n + r.errors, 0),
      non2xx: runs[i]!.reduce((n, r) => n + r.non2xx, 0),
      vsReference: ratios(i, 0),
      vsBaseline: baseline >= 0 ? ratios(i, baseline) : undefined,
      rounds,
    };
  });
  return { reference: results[0]!, results: results.slice(1) };
}

export const ratio = (value: number | undefined) => (value === undefined ? "–" : `${value.toFixed(2)}×`);

/** One row per target; the headline column is the ratio to the reference app in the same rounds. */
export function table(rows: Result[], options: { baselineLabel?: string } = {}): string {
  const header = `| page | server | **vs reference** | vs ${options.baselineLabel ?? "/bare"} | requests/s | p50 ms | p99 ms | errors / non-2xx |\n|---|---|---:|---:|---:|---:|---:|---:|`;
  const lines = rows.map(
    (r) =>
      `| ${r.target.name} (\`${r.target.path}\`) | ${r.target.server.label} | **${ratio(r.vsReference)}** | ${ratio(r.vsBaseline)} | ${Math.round(r.requestsPerSecond)} | ${r.p50Ms} | ${r.p99Ms} | ${r.errors} / ${r.non2xx} |`,
  );
  return [header, ...lines].join("\n");
}

export type Check = { what: string; value: number; wanted: string; met: boolean };

/** A target of issue 11 (or an earlier issue), judged from a measured figure. */
export function atLeast(what: string, value: number, minimum: number): Check {
  return { what, value, wanted: `≥ ${minimum}×`, met: value >= minimum };
}

export function greaterThan(what: string, value: number, limit: number): Check {
  return { what, value, wanted: `> ${limit}×`, met: value > limit };
}

export function checks(list: Check[]): string {
  const lines = list.map((c) => `| ${c.what} | ${c.value.toFixed(2)}× | ${c.wanted} | ${c.met ? "met" : "**not met**"} |`);
  const met = list.filter((c) => c.met).length;
  return [`Targets: ${met} of ${list.length} met.\n`, "| target | measured | wanted | |\n|---|---:|---:|---|", ...lines].join("\n");
}

/** A page of the project measured on the warm and the cold server; `minimum` is its issue-11 target (ratio to the reference). */
export type Page = {
  name: string;
  path: string;
  cookie?: string;
  headers?: Record<string, string>;
  meanwhile?: () => () => Promise<void>;
  minimum?: number;
};
export type PageResult = { page: Page; warm: Result; cold: Result };
export type PageServers = { reference: BenchServer; warm: BenchServer; cold: BenchServer; stop: () => Promise<void> };

/** The reference app, the project's server as deployed (warm) and a second one with CACHES=off (cold), on one database. */
export async function startPageServers(bench: string, databaseUrl: string): Promise<PageServers> {
  const started: BenchServer[] = [];
  try {
    const reference = await startReferenceServer({ label: `${bench}-reference` });
    started.push(reference);
    // One after the other: the first start installs pg-boss's schema.
    const warm = await startProjectServer(databaseUrl, { label: `${bench}-warm` });
    started.push(warm);
    const cold = await startProjectServer(databaseUrl, { label: `${bench}-cold`, caches: "off" });
    started.push(cold);
    return { reference, warm, cold, stop: () => stopAll(started) };
  } catch (error) {
    await stopAll(started);
    throw error;
  }
}

/**
 * Each page on the warm and the cold server (warm, cold, next page …) after the reference in every
 * round; the second ratio of each is to the same server's `/bare`, when `/bare` is among the pages.
 */
export async function measurePages(servers: PageServers, pages: Page[]): Promise<{ reference: Result; pages: PageResult[] }> {
  const reference: Target = { name: "reference app", server: servers.reference, path: "/" };
  const targetsOf = (server: BenchServer) => pages.map((page): Target => ({ ...page, server }));
  const warm = targetsOf(servers.warm);
  const cold = targetsOf(servers.cold);
  const bare = pages.findIndex((page) => page.path === "/bare");
  if (bare >= 0) {
    for (const target of warm) target.baseline = warm[bare];
    for (const target of cold) target.baseline = cold[bare];
  }
  const measured = await measureRounds(
    reference,
    pages.flatMap((_, i) => [warm[i]!, cold[i]!]),
  );
  return {
    reference: measured.reference,
    pages: pages.map((page, i) => ({ page, warm: measured.results[2 * i]!, cold: measured.results[2 * i + 1]! })),
  };
}

/** One row per page, warm and cold side by side; the headline columns are the ratios to the reference. */
export function pagesTable(reference: Result, rows: PageResult[]): string {
  const header = [
    "| page | **warm vs reference** | **cold vs reference** | target | warm vs /bare | cold vs /bare | req/s warm / cold | p99 ms warm / cold | errors / non-2xx |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
  ];
  const lines = rows.map(({ page, warm, cold }) =>
    [
      `${page.name} (\`${page.path}\`)`,
      `**${ratio(warm.vsReference)}**`,
      `**${ratio(cold.vsReference)}**`,
      page.minimum === undefined ? "–" : `≥ ${page.minimum}×`,
      ratio(warm.vsBaseline),
      ratio(cold.vsBaseline),
      `${Math.round(warm.requestsPerSecond)} / ${Math.round(cold.requestsPerSecond)}`,
      `${warm.p99Ms} / ${cold.p99Ms}`,
      `${warm.errors + cold.errors} / ${warm.non2xx + cold.non2xx}`,
    ].join(" | "),
  );
  const referenceLine = `The reference app (\`/\`) served ${Math.round(reference.requestsPerSecond)} requests/s in its median round (p99 ${reference.p99Ms} ms; rounds: ${reference.rounds.map(Math.round).join(", ")}).`;
  return [...header, ...lines.map((line) => `| ${line} |`)].join("\n") + `\n\n${referenceLine}`;
}

/** The issue-11 targets of the pages that have one, warm and cold. */
export function pageChecks(rows: PageResult[]): Check[] {
  return rows
    .filter(({ page }) => page.minimum !== undefined)
    .flatMap(({ page, warm, cold }) => [
      atLeast(`\`${page.path}\` warm, vs reference`, warm.vsReference, page.minimum!),
      atLeast(`\`${page.path}\` cold, vs reference`, cold.vsReference, page.minimum!),
    ]);
}

export function machine(): string {
  return `${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, Node ${process.version}`;
}

/** How every page is measured, for the reports. */
export function method(): string {
  const { rounds, seconds, warmupSeconds, connections } = SETTINGS;
  return [
    `Method: autocannon, ${connections} connections, ${rounds} interleaved ${seconds} s rounds after ${warmupSeconds} s warm-ups (${warmupSeconds / 2} s after the first round); in every round the reference app is measured first, then each page.`,
    `Requests/s: the median round; latencies: that round's. **vs reference**: the median over rounds of the page's throughput divided by the reference app's in the same round (tests/bench/reference: a minimal Remix 2.17.5 app, one route whose loader returns a small object, default entry files, Express + @remix-run/express, NODE_ENV=production). vs /bare: the same against the same server's \`/bare\`.`,
    `The project's server runs as deployed: \`node build/server.js\`, NODE_ENV=production, NODE_OPTIONS=\`${deployedNodeOptions()}\` (the Dockerfile's heap budget), LOG_LEVEL=info with its log written to a file, background workers on and HTTP answered by one process per core (the defaults: WEB_CONCURRENCY unset, ${Math.min(availableParallelism(), 4)} here; the reference app is its one process); "cold" is a second server process started with CACHES=off, so every in-memory cache misses, measured in the same rounds. Loopback; the load generator, Postgres and every server share the same cores.`,
    `Rounds and length: BENCH_ROUNDS=${rounds} BENCH_SECONDS=${seconds} BENCH_WARMUP_SECONDS=${warmupSeconds} BENCH_CONNECTIONS=${connections}${rounds < 5 || seconds < 5 ? " (**a quick run: rougher figures than the defaults, 7 rounds of 5 s**)" : ""}.`,
  ].join("\n");
}

export function heading(command: string): string {
  return `Command: \`${command}\` — ${new Date().toISOString().slice(0, 10)}, ${machine()}.`;
}

/** Replaces the section between `<!-- name:start -->` and `<!-- name:end -->` in tests/bench/RESULTS.md. */
export function recordResults(section: string, markdown: string): void {
  const file = path.resolve("tests/bench/RESULTS.md");
  let text = "";
  try {
    text = readFileSync(file, "utf8");
  } catch {
    text = "# Benchmark results\n\nEach section is rewritten by the script named in it (`npm run bench:all` runs them all).\n";
  }
  const start = `<!-- ${section}:start -->`;
  const end = `<!-- ${section}:end -->`;
  const block = `${start}\n${markdown.trim()}\n${end}`;
  const pattern = new RegExp(`${start}[\\s\\S]*?${end}`);
  text = pattern.test(text) ? text.replace(pattern, () => block) : `${text.trimEnd()}\n\n${block}\n`;
  writeFileSync(file, text);
}

/** Stops servers (in parallel), ignoring ones that never started. */
export async function stopAll(servers: (BenchServer | undefined)[]): Promise<void> {
  await Promise.all(servers.map((server) => server?.stop()));
}
