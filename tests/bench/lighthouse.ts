// Usage: npm run build && npx tsx tests/bench/lighthouse.ts [--check]
// Lighthouse (default mobile settings) with Debian's Chromium on the public pages of the production
// server with the demo content: the median of LIGHTHOUSE_RUNS (3) runs per page for performance,
// accessibility, best practices and SEO, and the audits that cost points where a median is below 98.
// --check exits non-zero when one is. LIGHTHOUSE_CPU_SLOWDOWN=<n> replaces the default 4× CPU slowdown (a calibration
// for a slow host, as Lighthouse's docs/throttling.md describes) and records into its own section. Fixed ports: LIGHTHOUSE_PORT, LIGHTHOUSE_PG_PORT (default: free ones).
// Every run's report: .data/bench/lighthouse/<page>-<run>.json.
import "./env";
import { spawn, execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import path from "node:path";
import lighthouse, { type Result as LighthouseResult } from "lighthouse";
import { createDb } from "#db/client.server";
import { seedDemoData } from "#db/seed/demo";
import { freePort } from "../setup/processes";
import { pendingSchemaChanges } from "../setup/schema-drift";
import { machine, median, recordResults, startBenchDatabase, startProjectServer } from "./harness";

const WANTED = 98;
const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"] as const;
type Category = (typeof CATEGORIES)[number];
const CATEGORY_NAMES: Record<Category, string> = {
  performance: "performance",
  accessibility: "accessibility",
  "best-practices": "best practices",
  seo: "SEO",
};

const runs = Math.max(1, Number(process.env.LIGHTHOUSE_RUNS ?? 3));
const chromePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const optionalPort = (name: string) => (process.env[name] ? Number(process.env[name]) : undefined);
const reportDir = path.resolve(".data/bench/lighthouse");
const cpuSlowdown = process.env.LIGHTHOUSE_CPU_SLOWDOWN ? Number(process.env.LIGHTHOUSE_CPU_SLOWDOWN) : undefined;
if (cpuSlowdown !== undefined && !(cpuSlowdown >= 1))
  throw new Error(`LIGHTHOUSE_CPU_SLOWDOWN must be a number ≥ 1, got "${process.env.LIGHTHOUSE_CPU_SLOWDOWN}"`);

const pages = [
  { name: "home", path: "/" },
  { name: "knowledge hub", path: "/learn" },
  { name: "article", path: "/learn/how-your-body-recovers" },
  { name: "blog", path: "/blog" },
  { name: "FAQ", path: "/faq" },
];

type Chrome = { port: number; version: string; stop: () => Promise<void> };

/** Debian's Chromium, headless, with a throwaway profile and DevTools on a loopback port for Lighthouse. */
async function startChromium(): Promise<Chrome> {
  const port = await freePort();
  const profile = mkdtempSync(path.join(reportDir, "profile-"));
  const version = execFileSync(chromePath, ["--version"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  const child = spawn(
    chromePath,
    [
      "--headless=new",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-extensions",
      "--disable-default-apps",
      `--user-data-dir=${profile}`,
      `--remote-debugging-port=${port}`,
      "--remote-debugging-address=127.0.0.1",
      "about:blank",
    ],
    // Its own process group: /usr/bin/chromium is a wrapper script, and the browser and its helpers must all stop.
    { stdio: "ignore", detached: true },
  );
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/json/version`)).ok) break;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`${chromePath} did not open DevTools on port ${port}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    port,
    version,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        process.kill(-child.pid!, "SIGTERM");
        await exited;
      }
      // Chromium's helper processes may still be writing to the profile for a moment after the browser exits.
      rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
    },
  };
}

type Failing = { id: string; title: string; score: number; value?: string };

/** The audits that cost a category points: weighted, scored and below 1 (performance: its metrics below 0.9 and every insight or diagnostic that fails). */
function failingAudits(lhr: LighthouseResult, category: Category): Failing[] {
  const failing: Failing[] = [];
  for (const ref of lhr.categories[category]!.auditRefs) {
    const audit = lhr.audits[ref.id]!;
    if (audit.score === null || ["notApplicable", "manual", "informative"].includes(audit.scoreDisplayMode)) continue;
    const counts = ref.weight > 0 || (category === "performance" && audit.score < 0.9);
    const threshold = category === "performance" && ref.group === "metrics" ? 0.9 : 1;
    if (counts && audit.score < threshold) failing.push({ id: ref.id, title: audit.title, score: audit.score, value: audit.displayValue });
  }
  return failing;
}

const scoreOf = (lhr: LighthouseResult, category: Category) => Math.round((lhr.categories[category]!.score ?? 0) * 100);
const metric = (lhr: LighthouseResult, id: string) => lhr.audits[id]?.numericValue ?? NaN;

mkdirSync(reportDir, { recursive: true });
const loadBefore = loadavg();
const database = await startBenchDatabase("lighthouse", optionalPort("LIGHTHOUSE_PG_PORT"));
const db = createDb(database.url, 2);
for (const statement of await pendingSchemaChanges()) await db.$client.unsafe(statement);
await seedDemoData(db);
const server = await startProjectServer(database.url, { label: "lighthouse", port: optionalPort("LIGHTHOUSE_PORT") });
// The server's own origin (APP_URL's default, http://localhost:PORT), so canonical and hreflang links are same-origin.
const origin = server.url.replace("127.0.0.1", "localhost");
let chromeVersion = "";

/** One Lighthouse run in a fresh Chromium; a run that Lighthouse itself reports as broken (e.g. NO_NAVSTART) is tried again, twice at most. */
async function audit(url: string): Promise<LighthouseResult> {
  for (let attempt = 1; ; attempt++) {
    const chrome = await startChromium();
    chromeVersion = chrome.version;
    try {
      const outcome = await lighthouse(url, {
        port: chrome.port,
        logLevel: "error",
        output: "json",
        onlyCategories: [...CATEGORIES],
        ...(cpuSlowdown === undefined ? {} : { throttling: { cpuSlowdownMultiplier: cpuSlowdown } }),
      });
      if (!outcome) throw new Error(`Lighthouse returned nothing for ${url}`);
      const error = outcome.lhr.runtimeError;
      if (!error) return outcome.lhr;
      if (attempt >= 3) throw new Error(`${url}: ${error.code} ${error.message}`);
      console.log(`${url}: ${error.code}, trying again`);
    } finally {
      await chrome.stop();
    }
  }
}

type PageResult = {
  name: string;
  path: string;
  scores: Record<Category, number>;
  runs: LighthouseResult[];
  lhr: Record<Category, LighthouseResult>;
};
const results: PageResult[] = [];
let lighthouseVersion = "";
try {
  for (const page of pages) {
    const status = (await fetch(origin + page.path, { redirect: "manual" })).status;
    if (status !== 200) throw new Error(`${page.path} answered ${status}`);
    const done: LighthouseResult[] = [];
    for (let run = 1; run <= runs; run++) {
      const lhr = await audit(origin + page.path);
      lighthouseVersion = lhr.lighthouseVersion;
      writeFileSync(path.join(reportDir, `${page.name.replace(/\W+/g, "-")}-${run}.json`), JSON.stringify(lhr));
      done.push(lhr);
      console.log(
        `${page.path} run ${run}/${runs}: ${CATEGORIES.map((c) => `${CATEGORY_NAMES[c]} ${scoreOf(lhr, c)}`).join(", ")} (benchmark index ${lhr.environment.benchmarkIndex})`,
      );
    }
    const scores = {} as Record<Category, number>;
    const medianRun = {} as Record<Category, LighthouseResult>;
    for (const category of CATEGORIES) {
      scores[category] = median(done.map((lhr) => scoreOf(lhr, category)));
      // The run whose score is the median, for its failing audits.
      medianRun[category] = [...done].sort((a, b) => scoreOf(a, category) - scoreOf(b, category))[Math.floor(done.length / 2)]!;
    }
    results.push({ name: page.name, path: page.path, scores, runs: done, lhr: medianRun });
  }
} finally {
  await server.stop();
  await db.$client.end();
  await database.stop();
}
const loadAfter = loadavg();

const fixed = (values: number[]) => values.map((v) => v.toFixed(2)).join(", ");
const cell = (score: number) => (score >= WANTED ? String(score) : `**${score}**`);
const table = [
  `| page | ${CATEGORIES.map((c) => CATEGORY_NAMES[c]).join(" | ")} | FCP s | LCP s | TBT ms | CLS |`,
  `|---|${CATEGORIES.map(() => "---:").join("|")}|---:|---:|---:|---:|`,
  ...results.map((r) => {
    const m = (id: string) => median(r.runs.map((lhr) => metric(lhr, id)));
    return `| ${r.name} (\`${r.path}\`) | ${CATEGORIES.map((c) => cell(r.scores[c])).join(" | ")} | ${(m("first-contentful-paint") / 1000).toFixed(1)} | ${(m("largest-contentful-paint") / 1000).toFixed(1)} | ${Math.round(m("total-blocking-time"))} | ${m("cumulative-layout-shift").toFixed(3)} |`;
  }),
].join("\n");

const below = results.flatMap((r) => CATEGORIES.filter((c) => r.scores[c] < WANTED).map((c) => ({ page: r, category: c })));
const failingText =
  below.length === 0
    ? `Every median score is ≥ ${WANTED}.`
    : below
        .map(({ page, category }) => {
          const audits = failingAudits(page.lhr[category], category);
          const list = audits.map((a) => `  - \`${a.id}\` ${a.title} (score ${a.score.toFixed(2)}${a.value ? `, ${a.value}` : ""})`);
          return [`- ${page.name} (\`${page.path}\`), ${CATEGORY_NAMES[category]} ${page.scores[category]}:`, ...list].join("\n");
        })
        .join("\n");

const benchmarks = results.flatMap((r) => r.runs.map((lhr) => Math.round(lhr.environment.benchmarkIndex))).sort((a, b) => a - b);
const command = `npm run build && ${cpuSlowdown === undefined ? "" : `LIGHTHOUSE_CPU_SLOWDOWN=${cpuSlowdown} `}npx tsx tests/bench/lighthouse.ts`;
const settings =
  cpuSlowdown === undefined
    ? "its default mobile settings: emulated Moto G Power, simulated slow 4G and 4× CPU slowdown"
    : `its mobile settings (emulated Moto G Power, simulated slow 4G) **with the CPU slowdown calibrated to ${cpuSlowdown}× instead of the default 4×** (LIGHTHOUSE_CPU_SLOWDOWN=${cpuSlowdown})`;
const markdown = `## Lighthouse on the public pages (issue 14)${cpuSlowdown === undefined ? "" : `, CPU slowdown ${cpuSlowdown}×`}

Command: \`${command}\`${cpuSlowdown === undefined ? " (or `npm run bench:lighthouse`)" : ""} — ${new Date().toISOString().slice(0, 10)}, ${machine()}.
Lighthouse ${lighthouseVersion} (programmatic, ${settings}), ${chromePath}: ${chromeVersion}, headless.
The production server (\`node build/server.js\`, NODE_ENV=production, LOG_LEVEL=info) on an embedded Postgres with the demo data, anonymous visitor; each page ${runs} times, the median score per category (its metrics: medians over the runs too). Wanted: every score ≥ ${WANTED}.
Load average (1, 5, 15 min) before: ${fixed(loadBefore)}; after: ${fixed(loadAfter)} — a shared 2-core machine, so performance varies with the others' load. Lighthouse's benchmark index of this host (its CPU speed; higher is faster): ${benchmarks[0]}–${benchmarks.at(-1)}, median ${Math.round(median(benchmarks))}.

${table}

${failingText}
`;
console.log(markdown);
recordResults(cpuSlowdown === undefined ? "lighthouse" : `lighthouse-cpu-${cpuSlowdown}x`, markdown);
if (process.argv.includes("--check") && below.length > 0) process.exit(1);
