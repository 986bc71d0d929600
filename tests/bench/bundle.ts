// Usage: npm run build && npx tsx tests/bench/bundle.ts [--check] [--record]
// The JavaScript a page makes the browser download: every /build/*.js its HTML references
// (modulepreload links and the inline module script's imports), gzip-compressed as served.
// --check exits non-zero when the home page's total exceeds the budget; --record writes RESULTS.md.
// After `NODE_ENV=production npx remix build --sourcemap` it also names the sources inside each file.
import "./env";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { createDb } from "#db/client.server";
import { createSignedInUser } from "#db/seed/factories";
import { machine, recordResults, startBenchDatabase, startProjectServer } from "./harness";

/** The home page's budget (issue 11): JavaScript ≤ 110 KB compressed in total. */
const HOME_BUDGET_KB = 110;

type Asset = { url: string; bytes: number; gzipBytes: number; sources: string };

/**
 * The /build/*.js files the browser fetches for the page: modulepreload links and the inline
 * module script's static imports. Other URLs in the inline manifest (routes the page links to)
 * are fetched only on navigation, so they are not counted.
 */
export function scriptAssets(html: string): string[] {
  const urls = new Set<string>();
  for (const match of html.matchAll(/<link rel="modulepreload" href="(\/build\/[^"]+\.js)"/g)) urls.add(match[1]!);
  for (const match of html.matchAll(/import(?: \* as \w+ from)? "(\/build\/[^"]+\.js)"/g)) urls.add(match[1]!);
  return [...urls];
}

function measureAsset(url: string): Asset {
  const file = path.resolve("public", url.replace(/^\//, ""));
  const source = readFileSync(file);
  return { url, bytes: source.length, gzipBytes: gzipSync(source).length, sources: largestSources(`${file}.map`) };
}

/** The biggest sources in a file, by their original length, when a source map is there (`remix build --sourcemap`). */
function largestSources(mapFile: string): string {
  if (!existsSync(mapFile)) return "";
  const map = JSON.parse(readFileSync(mapFile, "utf8")) as { sources: string[]; sourcesContent?: (string | null)[] };
  const bySource = new Map<string, number>();
  map.sources.forEach((source, i) => {
    const name = source.includes("node_modules/")
      ? source
          .split("node_modules/")
          .pop()!
          .split("/")
          .slice(0, source.split("node_modules/").pop()!.startsWith("@") ? 2 : 1)
          .join("/")
      : source.replace(/^(\.\.\/)+/, "");
    bySource.set(name, (bySource.get(name) ?? 0) + (map.sourcesContent?.[i]?.length ?? 0));
  });
  return [...bySource]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 4)
    .map(([name]) => name)
    .join(", ");
}

const kb = (bytes: number) => (bytes / 1024).toFixed(1);

const database = await startBenchDatabase("bundle");
const db = createDb(database.url, 2);
const { cookie } = await createSignedInUser(db, { displayName: "Bundle Member" });
const server = await startProjectServer(database.url, { label: "project" });
// The home page reaches anonymous visitors without the app's JavaScript (root.tsx, `hydrate: "signed-in"`);
// the budget holds for what it costs once it hydrates, for a signed-in visitor: the shell every page shares.
const pages = [
  { name: "home page, anonymous", path: "/" },
  { name: "home page, signed in", path: "/", cookie, budget: true },
  { name: "bare page", path: "/bare" },
  { name: "member dashboard", path: "/app", cookie },
  { name: "community feed", path: "/app/community", cookie },
];
let homeTotal = 0;
const rows: string[] = [];
const details: string[] = [];
try {
  for (const page of pages) {
    const response = await fetch(server.url + page.path, { headers: page.cookie ? { cookie: page.cookie } : {} });
    if (!response.ok) throw new Error(`${page.path} answered ${response.status}`);
    const html = await response.text();
    const assets = scriptAssets(html).map(measureAsset);
    const total = assets.reduce((sum, a) => sum + a.gzipBytes, 0);
    const raw = assets.reduce((sum, a) => sum + a.bytes, 0);
    const inline = [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].reduce((sum, m) => sum + m[1]!.length, 0);
    if (page.budget) homeTotal = total;
    rows.push(
      `| ${page.name} (\`${page.path}\`) | ${assets.length} | ${kb(raw)} | **${kb(total)}** | ${kb(gzipSync(html).length)} | ${kb(inline)} |`,
    );
    details.push(
      `${page.name} (${page.path}):\n` +
        [...assets]
          .sort((a, b) => b.gzipBytes - a.gzipBytes)
          .map(
            (a) => `  ${kb(a.gzipBytes).padStart(6)} KB gz  ${kb(a.bytes).padStart(7)} KB  ${a.url}${a.sources ? `  (${a.sources})` : ""}`,
          )
          .join("\n"),
    );
  }
} finally {
  await server.stop();
  await db.$client.end();
  await database.stop();
}

const markdown = `## Page JavaScript (issue 11)

Command: \`npm run build && npx tsx tests/bench/bundle.ts\` — ${new Date().toISOString().slice(0, 10)}, ${machine()}.
Every \`/build/*.js\` file a page's HTML references (modulepreload links and the inline module script), each gzip-compressed
at the default level (as the server's compression sends it). Inline scripts (route data, translations) are in the page's HTML column.

| page | JS files | JS raw KB | JS gzip KB | HTML gzip KB | inline script chars (K) |
|---|---:|---:|---:|---:|---:|
${rows.join("\n")}

Home page budget (signed in, hydrated): ≤ ${HOME_BUDGET_KB} KB — ${homeTotal / 1024 <= HOME_BUDGET_KB ? "met" : "NOT met"} (${kb(homeTotal)} KB).
`;
console.log(markdown);
console.log(details.join("\n\n"));
if (process.argv.includes("--record")) recordResults("bundle", markdown);
if (process.argv.includes("--check") && homeTotal / 1024 > HOME_BUDGET_KB) {
  console.error(`home page JavaScript is ${kb(homeTotal)} KB gzip, over the ${HOME_BUDGET_KB} KB budget`);
  process.exit(1);
}
