// Two or more builds of the same server side by side (one per switch setting), measured on the same
// page in interleaved rounds: how much a piece of machinery earns is the ratio of their throughputs
// within each round, and the server's own CPU time per request, which a busy machine disturbs less.
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { openSync, readFileSync } from "node:fs";
import autocannon from "autocannon";
import { freePort } from "../setup/processes";

export type VariantServer = { name: string; url: string; child: ChildProcess; stop: () => Promise<void> };

/** `node build/server.js` in production mode with request logging at info to /dev/null, plus `env`. */
export async function startVariant(name: string, databaseUrl: string, env: Record<string, string> = {}): Promise<VariantServer> {
  const port = await freePort();
  const child = spawn(process.execPath, ["build/server.js"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: "127.0.0.1",
      SEED_DEMO_DATA: "off",
      WORKERS: "off",
      LOG_LEVEL: "info",
      ...env,
    },
    // Logs go to a file, as a deployment's would (here /dev/null), not to a pipe this process must drain.
    stdio: ["ignore", openSync("/dev/null", "w"), "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`${name} did not start (exit code ${child.exitCode})`);
    const healthy = await fetch(`${url}/resources/healthcheck`).then(
      (response) => response.ok,
      () => false,
    );
    if (healthy) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    name,
    url,
    child,
    stop: async () => {
      const exited = once(child, "exit");
      child.kill("SIGTERM");
      await exited;
    },
  };
}

/** User + system CPU seconds a process has used so far (all its threads), from /proc. */
export function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  // utime and stime are fields 14 and 15 of the whole line, in clock ticks (100 per second on Linux).
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

export type VariantResult = {
  name: string;
  requestsPerSecond: number;
  cpuMsPerRequest: number;
  ratioToFirst: number;
  /** The best round's throughput and the least CPU per request: on a shared machine, interference only ever lowers one and raises the other. */
  bestRequestsPerSecond: number;
  bestRatioToFirst: number;
  leastCpuMsPerRequest: number;
  non2xx: number;
};

/** One thing to load: a page of a server process (its pid gives the CPU time). */
export type Target = { name: string; url: string; pid: number; cookie?: string };

/**
 * Each round measures every target once (in turn, reversed every other round); the reported figures are the medians over
 * rounds, and each target's ratio to the first is the median of the ratios taken within each round.
 */
export async function compareTargets(
  targets: Target[],
  options: { rounds?: number; seconds?: number; connections?: number } = {},
): Promise<VariantResult[]> {
  const rounds = options.rounds ?? 7;
  const headersOf = (target: Target) => (target.cookie ? { cookie: target.cookie } : {});
  const runs = targets.map(() => [] as { rps: number; cpu: number; non2xx: number }[]);
  for (const target of targets) await autocannon({ url: target.url, connections: 10, duration: 2, headers: headersOf(target) });
  for (let round = 0; round < rounds; round++) {
    // Every other round in reverse order, so neither place in a round favours a target.
    const order = [...targets.keys()];
    if (round % 2 === 1) order.reverse();
    for (const i of order) {
      const target = targets[i]!;
      const before = cpuSeconds(target.pid);
      const result = await autocannon({
        url: target.url,
        connections: options.connections ?? 50,
        duration: options.seconds ?? 5,
        headers: headersOf(target),
      });
      const cpu = cpuSeconds(target.pid) - before;
      runs[i]!.push({ rps: result.requests.average, cpu: (cpu * 1000) / Math.max(1, result.requests.total), non2xx: result.non2xx });
    }
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const best = (i: number) => Math.max(...runs[i]!.map((r) => r.rps));
  return targets.map((target, i) => ({
    name: target.name,
    requestsPerSecond: Math.round(median(runs[i]!.map((r) => r.rps))),
    cpuMsPerRequest: Number(median(runs[i]!.map((r) => r.cpu)).toFixed(2)),
    ratioToFirst: median(runs[i]!.map((r, round) => r.rps / runs[0]![round]!.rps)),
    bestRequestsPerSecond: Math.round(best(i)),
    bestRatioToFirst: best(i) / best(0),
    leastCpuMsPerRequest: Number(Math.min(...runs[i]!.map((r) => r.cpu)).toFixed(2)),
    non2xx: runs[i]!.reduce((n, r) => n + r.non2xx, 0),
  }));
}

/** The same page of several variants of the server. */
export function compareVariants(
  variants: VariantServer[],
  path: string,
  options: { cookie?: string; rounds?: number; seconds?: number; connections?: number } = {},
): Promise<VariantResult[]> {
  return compareTargets(
    variants.map((v) => ({ name: v.name, url: v.url + path, pid: v.child.pid!, cookie: options.cookie })),
    options,
  );
}

export function variantTable(results: VariantResult[]): string {
  const header =
    "| measured | requests/s (median round) | vs first row (median within rounds) | best round requests/s | vs first row (best rounds) | server CPU ms/request (median / least) | non-2xx |\n|---|---:|---:|---:|---:|---:|---:|";
  const lines = results.map(
    (r) =>
      `| ${r.name} | ${r.requestsPerSecond} | ${r.ratioToFirst.toFixed(2)}× | ${r.bestRequestsPerSecond} | ${r.bestRatioToFirst.toFixed(2)}× | ${r.cpuMsPerRequest} / ${r.leastCpuMsPerRequest} | ${r.non2xx} |`,
  );
  return [header, ...lines].join("\n");
}
