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
    env: {
      ...process.env,
      NODE_ENV: "production",
      SESSION_SECRET: process.env.SESSION_SECRET,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: "127.0.0.1",
      SEED_DEMO_DATA: "off",
      WORKERS: "off",
      LOG_LEVEL: "silent",
    },
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

export type Measurement = {
  name: string;
  path: string;
  requestsPerSecond: number;
  p99Ms: number;
  p50Ms: number;
  errors: number;
  non2xx: number;
  ratioToBaseline?: number;
};

/** autocannon on loopback, bounded in time; cookies make it a signed-in page. */
export async function measure(
  name: string,
  url: string,
  options: { cookie?: string; connections?: number; seconds?: number } = {},
): Promise<Measurement> {
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

/** A page to measure; `meanwhile` runs alongside its rounds (e.g. writes that keep a cache cold) and is stopped after each. */
export type Page = { name: string; url: string; cookie?: string; meanwhile?: () => () => Promise<void> };

const ROUNDS = 7;
const ROUND_SECONDS = 5;

/** How every page is measured, for the reports. */
export const METHOD = `autocannon, 50 connections, ${ROUNDS} interleaved ${ROUND_SECONDS} s rounds per page after 2 s warm-ups (requests/s and latencies: the median round; ratio to bare: the median of the ratios within each round), loopback, production build, load generator and Postgres on the same cores.`;

/**
 * Measures several pages in interleaved rounds (bare, a, b, bare, a, b, …) and keeps each page's
 * median round, so a burst of noise on a shared machine cannot favour one page over another.
 * The first page is the baseline: each page's ratio to it is taken within each round (the two
 * measured seconds apart) and the median of those ratios is reported.
 */
export async function measureInterleaved(
  pages: Page[],
  options: { rounds?: number; seconds?: number; connections?: number } = {},
): Promise<Measurement[]> {
  const rounds = options.rounds ?? ROUNDS;
  const results = pages.map(() => [] as Measurement[]);
  for (let round = 0; round < rounds; round++) {
    for (const [i, page] of pages.entries()) {
      const stop = page.meanwhile?.();
      results[i]!.push(
        await measure(page.name, page.url, {
          cookie: page.cookie,
          seconds: options.seconds ?? ROUND_SECONDS,
          connections: options.connections,
        }),
      );
      await stop?.();
    }
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  return results.map((runs) => {
    const middle = [...runs].sort((a, b) => a.requestsPerSecond - b.requestsPerSecond)[Math.floor(runs.length / 2)]!;
    const ratios = runs.map((run, round) => run.requestsPerSecond / results[0]![round]!.requestsPerSecond);
    return {
      ...middle,
      ratioToBaseline: median(ratios),
      errors: runs.reduce((n, r) => n + r.errors, 0),
      non2xx: runs.reduce((n, r) => n + r.non2xx, 0),
    };
  });
}

export function table(rows: Measurement[]): string {
  const header = "| page | requests/s | p50 ms | p99 ms | throughput vs bare | errors / non-2xx |\n|---|---:|---:|---:|---:|---:|";
  const lines = rows.map(
    (r) =>
      `| ${r.name} (\`${r.path}\`) | ${r.requestsPerSecond} | ${r.p50Ms} | ${r.p99Ms} | ${(r.ratioToBaseline ?? 1).toFixed(2)}× | ${r.errors} / ${r.non2xx} |`,
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
