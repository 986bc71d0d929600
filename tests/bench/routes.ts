// Usage: npm run build && npx tsx tests/bench/routes.ts   (a quick run: BENCH_ROUNDS=3 BENCH_SECONDS=2)
// Does a page get slower as routes are added? The project's /bare and the reference app, each built
// once more with 100 extra trivial routes, with and without the framework patch, in the same rounds.
import "./env";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import {
  buildReferenceApp,
  checks,
  copyTree,
  greaterThan,
  heading,
  measureRounds,
  method,
  ratio,
  recordResults,
  referenceSource,
  startBenchDatabase,
  startProjectServer,
  startReferenceServer,
  stopAll,
  writeExtraRoutes,
  type BenchServer,
  type Result,
  type Target,
} from "./harness";

const EXTRA_ROUTES = 100;
const root = path.resolve(".");
const work = path.join(root, ".data/bench/routes");

if (!existsSync(path.join(root, "build/remix/index.js")) || !existsSync(path.join(root, "build/server.js"))) {
  throw new Error("No production build: run `npm run build` first.");
}

// The project's sources, copied (the working tree is never touched) and built with the extra routes.
// Its server is the same build/server.js run from the copy, which loads the copy's build/remix and public/build.
const project = path.join(work, "project");
rmSync(work, { recursive: true, force: true });
mkdirSync(project, { recursive: true });
for (const entry of ["app", "db", "public", "types", "remix.config.js", "package.json", "tsconfig.json", "postcss.config.js"]) {
  if (existsSync(path.join(root, entry))) copyTree(path.join(root, entry), path.join(project, entry));
}
const baseRoutes = readdirSync(path.join(project, "app/routes")).length;
writeExtraRoutes(path.join(project, "app/routes"), EXTRA_ROUTES);
const built = Date.now();
execFileSync(path.join(root, "node_modules/.bin/remix"), ["build"], {
  cwd: project,
  env: { ...process.env, NODE_ENV: "production" },
  stdio: ["ignore", "ignore", "inherit"],
});
const referenceCopy = path.join(work, "reference-source");
copyTree(referenceSource, referenceCopy);
writeExtraRoutes(path.join(referenceCopy, "app/routes"), EXTRA_ROUTES);
const referenceWithRoutes = buildReferenceApp(referenceCopy, path.join(work, "reference-build"));
const buildSeconds = (Date.now() - built) / 1000;

const database = await startBenchDatabase("routes");
const servers: BenchServer[] = [];
const started = async (server: Promise<BenchServer>) => {
  const s = await server;
  servers.push(s);
  return s;
};
try {
  type Variant = { app: string; patch: boolean; extra: boolean; target: Target };
  const variants: Variant[] = [];
  for (const patch of [true, false]) {
    const suffix = patch ? "" : "-unpatched";
    const reference = await started(startReferenceServer({ label: `routes-reference${suffix}`, unpatched: !patch }));
    const referenceMore = await started(
      startReferenceServer({ label: `routes-reference-more${suffix}`, buildDir: referenceWithRoutes, unpatched: !patch }),
    );
    const bare = await started(startProjectServer(database.url, { label: `routes-project${suffix}`, unpatched: !patch }));
    const bareMore = await started(
      startProjectServer(database.url, { label: `routes-project-more${suffix}`, cwd: project, unpatched: !patch }),
    );
    const referenceTarget: Target = { name: "reference app", server: reference, path: "/" };
    const bareTarget: Target = { name: "bare Remix page", server: bare, path: "/bare" };
    variants.push(
      { app: "reference app", patch, extra: false, target: referenceTarget },
      {
        app: "reference app",
        patch,
        extra: true,
        target: { name: "reference app", server: referenceMore, path: "/", baseline: referenceTarget },
      },
      { app: "QuitPath `/bare`", patch, extra: false, target: bareTarget },
      {
        app: "QuitPath `/bare`",
        patch,
        extra: true,
        target: { name: "bare Remix page", server: bareMore, path: "/bare", baseline: bareTarget },
      },
    );
  }
  const [headline, ...rest] = variants;
  const measured = await measureRounds(
    headline!.target,
    rest.map((v) => v.target),
  );
  const resultOf = new Map<Target, Result>([
    [headline!.target, measured.reference],
    ...measured.results.map((r): [Target, Result] => [r.target, r]),
  ]);
  const rows = variants.map((v) => ({ ...v, result: resultOf.get(v.target)! }));
  const find = (app: string, patch: boolean, extra: boolean) => rows.find((r) => r.app === app && r.patch === patch && r.extra === extra)!;
  const keeps = (app: string, patch: boolean) => find(app, patch, true).result.vsBaseline!;

  const lines = rows.map(
    (r) =>
      `| ${r.app} | ${r.patch ? "patched" : "as published"} | ${r.extra ? `+${EXTRA_ROUTES}` : "–"} | **${ratio(r.result.vsReference)}** | ${r.extra ? ratio(r.result.vsBaseline) : "–"} | ${Math.round(r.result.requestsPerSecond)} | ${r.result.p99Ms} | ${Math.round(r.result.bytesPerResponse)} | ${r.result.errors} / ${r.result.non2xx} |`,
  );
  const markdown = `## Route count (issue 11)

${heading("npm run build && npx tsx tests/bench/routes.ts")}
${method()}
The project (${baseRoutes} route files) and the reference app (2 routes) are each built once more, from copies under .data/bench/routes, with ${EXTRA_ROUTES} extra trivial flat routes (\`bench-extra.route-NNN.tsx\`, \`/bench-extra/route-NNN\`: two static segments, so they rank ahead of \`/bare\` and every request tries them first); the builds took ${buildSeconds.toFixed(0)} s. "As published" servers load the framework files that patches/ changes from their published text (tests/bench/pristine-framework.js, preloaded), everything else identical. All eight servers are measured in the same rounds; the headline column divides by the patched reference app without extra routes; "with routes vs without" divides each +${EXTRA_ROUTES} server by its own app without them, in the same rounds. Caches are warm (the default); workers on.

| app | framework | extra routes | **vs reference** | with routes vs without | requests/s | p99 ms | bytes/response | errors / non-2xx |
|---|---|---:|---:|---:|---:|---:|---:|---:|
${lines.join("\n")}

Throughput kept with ${EXTRA_ROUTES} more routes: QuitPath \`/bare\` ${ratio(keeps("QuitPath `/bare`", true))} patched, ${ratio(keeps("QuitPath `/bare`", false))} as published; the reference app ${ratio(keeps("reference app", true))} patched, ${ratio(keeps("reference app", false))} as published.
The patch alone, at today's route count: QuitPath \`/bare\` ${ratio(find("QuitPath `/bare`", true, false).result.vsReference)} patched vs ${ratio(find("QuitPath `/bare`", false, false).result.vsReference)} as published (both against the patched reference).

${checks([
  greaterThan(`\`/bare\` with ${EXTRA_ROUTES} extra routes vs without, patched (loses < 10%)`, keeps("QuitPath `/bare`", true), 0.9),
])}
`;
  console.log(markdown);
  recordResults("routes", markdown);
} finally {
  await stopAll(servers);
  await database.stop();
}
