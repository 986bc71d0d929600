import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { readFileSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "#db/embedded.server";
import { runMigrations } from "#db/migrate.server";
import { freePort } from "../setup/processes";

/** A fresh, migrated embedded Postgres for one benchmark run. */
export async function startBenchDatabase(name: string): Promise<EmbeddedDatabase> {
  const database = await startEmbeddedPostgres({ dir: path.resolve(`.data/bench-${name}`), reset: true });
  await runMigrations(database.url);
  return database;
}

export type BenchServer = { url: string; child: ChildProcess; stop: () => Promise<void> };

/** The production entry (`node build/server.js`) as a separate process, like a deployment. */
export async function startBenchServer(databaseUrl: string): Promise<BenchServer> {
  const port = await freePort();
  // BENCH_PROFILE=1 writes a V8 CPU profile of the server to .data/profiles when it stops.
  const profile = process.env.BENCH_PROFILE === "1" ? ["--cpu-prof", "--cpu-prof-dir=.data/profiles"] : [];
  const child = spawn(process.execPath, [...profile, "build/server.js"], {
    env: { ...process.env, NODE_ENV: "production", SESSION_SECRET: process.env.SESSION_SECRET, DATABASE_URL: databaseUrl, PORT: String(port), HOST: "127.0.0.1", SEED_DEMO_DATA: "off", WORKERS: "off", LOG_LEVEL: "silent" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  const deadline = Date.now() + 60_000;
  while (!output.includes("QuitPath is running")) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`bench server did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    stop: async () => {
      const exited = once(child, "exit");
      child.kill("SIGTERM");
      await exited;
    },
  };
}

export type Measurement = { name: string; path: string; requestsPerSecond: number; p99Ms: number; p50Ms: number; errors: number; non2xx: number };

/** autocannon on loopback, bounded in time; cookies make it a signed-in page. */
export async function measure(name: string, url: string, options: { cookie?: string; connections?: number; seconds?: number } = {}): Promise<Measurement> {
  const target = new URL(url);
  // A short warm-up so JIT and connection pools are hot before counting.
  await autocannon({ url, connections: 10, duration: 2, headers: options.cookie ? { cookie: options.cookie } : {} });
  const result = await autocannon({
    url,
    connections: options.connections ?? 50,
    duration: options.seconds ?? 10,
    headers: options.cookie ? { cookie: options.cookie } : {},
  });
  return {
    name,
    path: target.pathname + target.search,
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
  };
}

export type Page = { name: string; url: string; cookie?: string };

/**
 * Measures several pages in interleaved rounds (bare, a, b, bare, a, b, …) and keeps each page's
 * median round, so a burst of noise on a shared machine cannot favour one page over another.
 */
export async function measureInterleaved(pages: Page[], options: { rounds?: number; seconds?: number; connections?: number } = {}): Promise<Measurement[]> {
  const rounds = options.rounds ?? 3;
  const results = pages.map(() => [] as Measurement[]);
  for (let round = 0; round < rounds; round++) {
    for (const [i, page] of pages.entries()) {
      results[i]!.push(await measure(page.name, page.url, { cookie: page.cookie, seconds: options.seconds ?? 5, connections: options.connections }));
    }
  }
  return results.map((runs) => {
    const sorted = [...runs].sort((a, b) => a.requestsPerSecond - b.requestsPerSecond);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    return { ...median, errors: runs.reduce((n, r) => n + r.errors, 0), non2xx: runs.reduce((n, r) => n + r.non2xx, 0) };
  });
}

export function table(rows: Measurement[], baseline: Measurement): string {
  const header = "| page | requests/s | p50 ms | p99 ms | throughput vs bare | errors / non-2xx |\n|---|---:|---:|---:|---:|---:|";
  const lines = rows.map(
    (r) => `| ${r.name} (\`${r.path}\`) | ${r.requestsPerSecond} | ${r.p50Ms} | ${r.p99Ms} | ${(r.requestsPerSecond / baseline.requestsPerSecond).toFixed(2)}× | ${r.errors} / ${r.non2xx} |`,
  );
  return [header, ...lines].join("\n");
}

export function machine(): string {
  return `${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, Node ${process.version}`;
}

/** Replaces the section between `<!-- name -->` markers in tests/bench/RESULTS.md. */
export function recordResults(section: string, markdown: string): void {
  const file = path.resolve("tests/bench/RESULTS.md");
  let text = "";
  try {
    text = readFileSync(file, "utf8");
  } catch {
    text = "# Benchmark results\n\nEach section is rewritten by the script named in it. All figures come from one run on loopback.\n";
  }
  const start = `<!-- ${section}:start -->`;
  const end = `<!-- ${section}:end -->`;
  const block = `${start}\n${markdown.trim()}\n${end}`;
  const pattern = new RegExp(`${start}[\\s\\S]*?${end}`);
  text = pattern.test(text) ? text.replace(pattern, block) : `${text.trimEnd()}\n\n${block}\n`;
  writeFileSync(file, text);
}
