// Usage: npm run build && npx tsx tests/bench/foundation.ts
// Throughput and p99 of the bare page and the signed-in /app page, in one run, same server.
import "./env";
import { createDb } from "#db/client.server";
import { createSignedInUser } from "#db/seed/factories";
import { METHOD, machine, measureInterleaved, recordResults, startBenchDatabase, startBenchServer, table } from "./harness";

const database = await startBenchDatabase("foundation");
const db = createDb(database.url, 2);
const { cookie } = await createSignedInUser(db, { displayName: "Bench Member" });
const server = await startBenchServer(database.url);
try {
  const rows = await measureInterleaved([
    { name: "bare Remix page", url: `${server.url}/bare` },
    { name: "signed-in member home", url: `${server.url}/app`, cookie },
    { name: "public home page", url: `${server.url}/` },
  ]);
  const markdown = `## Foundation (issue 2)

Command: \`npm run build && npx tsx tests/bench/foundation.ts\` — ${new Date().toISOString().slice(0, 10)}, ${machine()}.
${METHOD}

${table(rows)}
`;
  console.log(markdown);
  recordResults("foundation", markdown);
} finally {
  await server.stop();
  await db.$client.end();
  await database.stop();
}
