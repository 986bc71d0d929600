// Usage: npm run build && npx tsx tests/bench/content.ts   (a quick run: BENCH_ROUNDS=3 BENCH_SECONDS=3)
// The public content pages (knowledge hub, an article in both languages, blog, FAQ) for anonymous
// visitors on the demo content, and an article answered 304 to a matching If-None-Match, as ratios
// to the external reference app measured in the same rounds.
import "./env";
import { createDb } from "#db/client.server";
import { seedDemoData } from "#db/seed/demo";
import { pendingSchemaChanges } from "../setup/schema-drift";
import {
  checks,
  heading,
  measurePages,
  method,
  pageChecks,
  pagesTable,
  recordResults,
  startBenchDatabase,
  startPageServers,
  type Page,
} from "./harness";

const database = await startBenchDatabase("content");
const db = createDb(database.url, 2);
// Any schema change not yet in a migration is applied the way the test setup does.
for (const statement of await pendingSchemaChanges()) await db.$client.unsafe(statement);
const seeded = Date.now();
await seedDemoData(db);
const seedMs = Date.now() - seeded;

const article = "/learn/how-your-body-recovers";
const servers = await startPageServers("content", database.url);
try {
  const etag = (await fetch(servers.warm.url + article)).headers.get("etag");
  if (!etag) throw new Error(`${article} sent no ETag`);
  const pages: Page[] = [
    { name: "bare Remix page", path: "/bare" },
    { name: "knowledge hub", path: "/learn", minimum: 0.5 },
    { name: "article", path: article, minimum: 0.5 },
    { name: "article, Vietnamese", path: "/vi/learn/co-the-hoi-phuc-sau-khi-cai-thuoc", minimum: 0.5 },
    { name: "article, If-None-Match → 304", path: article, headers: { "if-none-match": etag }, minimum: 0.5 },
    { name: "hub search, accent-free Vietnamese", path: "/vi/learn?q=them%20thuoc", minimum: 0.5 },
    { name: "blog", path: "/blog", minimum: 0.5 },
    { name: "FAQ", path: "/faq", minimum: 0.5 },
  ];
  const { reference, pages: rows } = await measurePages(servers, pages);
  const markdown = `## Public content pages, anonymous (issue 14)

${heading("npm run build && npx tsx tests/bench/content.ts")}
${method()}
Data: the demo installation with its demo content (\`seedDemoData\`, ${seedMs} ms); every request anonymous. The 304 row sends the article's own ETag (\`If-None-Match\`), so autocannon counts its answers as non-2xx by design.

${pagesTable(reference, rows)}

${checks(pageChecks(rows))}
`;
  console.log(markdown);
  recordResults("content", markdown);
} finally {
  await servers.stop();
  await db.$client.end();
  await database.stop();
}
