// Usage: npm run build && npx tsx tests/bench/foundation.ts
// Throughput and p99 of the bare page and the signed-in /app page, in one run, same server.
import "./env";
import { createDb } from "#db/client.server";
import { createSignedInUser } from "#db/seed/factories";
import { machine, measure, recordResults, startBenchDatabase, startBenchServer, table } from "./harness";

const database = await startBenchDatabase("foundation");
const db = createDb(database.url, 2);
const { cookie } = await createSignedInUser(db, { displayName: "Bench Member" });
const server = await startBenchServer(database.url);
try {
  const bare = await measure("bare Remix page", `${server.url}/bare`);
  const app = await measure("signed-in member home", `${server.url}/app`, { cookie });
  const home = await measure("public home page", `${server.url}/`);
  const rows = [bare, app, home];
  const markdown = `## Foundation (issue 2)

Command: \`npm run build && npx tsx tests/bench/foundation.ts\` — ${new Date().toISOString().slice(0, 10)}, ${machine()}.
autocannon, 50 connections, 10 s per page after a 2 s warm-up, loopback, production build, load generator on the same 2 cores.

${table(rows, bare)}
`;
  console.log(markdown);
  recordResults("foundation", markdown);
} finally {
  await server.stop();
  await db.$client.end();
  await database.stop();
}
