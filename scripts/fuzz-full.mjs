// Usage: npm run test:fuzz   (FUZZ_SHARDS=2 by default)
// The full fuzz corpus (tests/integration/hardening/fuzz.test.ts with FUZZ=full), split into
// FUZZ_SHARDS runs of vitest at once, each on an interleaved slice of the routes with its own
// embedded Postgres, test server and database: one run is one Node process (the test and its
// server share its event loop), so on a machine with two cores two runs finish in about half
// the time. Prints each run's figures and their sum; exits non-zero if any run failed.
import { spawn, execSync } from "node:child_process";
import { mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { Buffer } from "node:buffer";

const root = path.resolve(import.meta.dirname, "..");
const shards = Number(process.env.FUZZ_SHARDS ?? 2);
const outDir = path.join(root, ".data/fuzz");
mkdirSync(outDir, { recursive: true });

// The runs would each rebuild a stale build at once (tests/setup/global-setup.ts); build once here.
const newest = (dir) =>
  readdirSync(dir, { withFileTypes: true }).reduce((latest, entry) => {
    const full = path.join(dir, entry.name);
    return Math.max(latest, entry.isDirectory() ? newest(full) : statSync(full).mtimeMs);
  }, 0);
const builtAt = (() => {
  try {
    return statSync(path.join(root, "build/remix/index.js")).mtimeMs;
  } catch {
    return 0;
  }
})();
if (builtAt < Math.max(newest(path.join(root, "app")), newest(path.join(root, "db")), statSync(path.join(root, "server.ts")).mtimeMs)) {
  execSync("npm run build", { cwd: root, stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } });
}

const started = Date.now();
const runs = Array.from({ length: shards }, (_, i) => {
  const shard = `${i + 1}/${shards}`;
  const report = path.join(outDir, `report-${i + 1}.json`);
  const log = path.join(outDir, `shard-${i + 1}.log`);
  rmSync(report, { force: true });
  return new Promise((resolve) => {
    const child = spawn("npx", ["vitest", "run", "--project", "integration", "tests/integration/hardening/fuzz.test.ts"], {
      cwd: root,
      env: {
        ...process.env,
        FUZZ: "full",
        FUZZ_SHARD: shard,
        FUZZ_REPORT: report,
        TEST_POSTGRES_DIR: path.join(root, `.data/test-postgres-fuzz-${i + 1}`),
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const chunks = [];
    const keep = (data) => {
      chunks.push(data);
      for (const line of String(data).split("\n"))
        if (/^\s*(✓|×|❯|FAIL)|fuzz( progress)?:/.test(line)) console.log(`[${shard}] ${line.trim()}`);
    };
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    child.on("exit", (code) => {
      const text = Buffer.concat(chunks.map((c) => Buffer.from(c))).toString();
      writeFileSync(log, text);
      const seconds = (Date.now() - started) / 1000;
      let parsed = null;
      try {
        parsed = JSON.parse(readFileSync(report, "utf8"));
      } catch {
        parsed = null;
      }
      resolve({ shard, code, seconds, stats: parsed?.stats, failures: parsed?.failures ?? [], log });
    });
  });
});

const results = await Promise.all(runs);
const sum = (key) => results.reduce((n, r) => n + (r.stats?.[key] ?? 0), 0);
for (const r of results) {
  console.log(
    `shard ${r.shard}: exit ${r.code}, ${r.seconds.toFixed(0)} s, ` +
      (r.stats
        ? `${r.stats.routes} routes, ${r.stats.intents} intents, ${r.stats.posts} posts, ${r.stats.serverErrors} 5xx`
        : `no report (log: ${r.log})`),
  );
}
console.log(
  `fuzz (full, ${shards} runs): ${sum("routes")} routes with actions (${sum("typedRoutes")} typed), ${sum("intents")} intents; ` +
    `the whole corpus (${results[0]?.stats?.payloadsPerField ?? "?"} payloads per field) to ${sum("wholeCorpusFields")} fields of ` +
    `${sum("wholeCorpusIntents")} intents; ${sum("posts")} posts, ${sum("serverErrors")} 5xx; ${((Date.now() - started) / 1000).toFixed(0)} s wall`,
);
for (const failure of results.flatMap((r) => r.failures).slice(0, 20)) console.log(JSON.stringify(failure));
process.exit(results.every((r) => r.code === 0) ? 0 : 1);
