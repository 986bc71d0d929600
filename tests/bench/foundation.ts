// Usage: npm run build && npx tsx tests/bench/foundation.ts   (a quick run: BENCH_ROUNDS=3 BENCH_SECONDS=2)
// Every core page, warm and with its caches cold, as a ratio to the external reference app measured
// in the same rounds; signed-in pages as the demo member and the demo admin, on the demo data.
import "./env";
import { loadavg } from "node:os";
import { eq } from "drizzle-orm";
import { createDb } from "#db/client.server";
import { users } from "#db/schema";
import { seedDemoData } from "#db/seed/demo";
import { createSession } from "~/modules/identity/session.server";
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

const database = await startBenchDatabase("foundation");
const db = createDb(database.url, 2);
const seeded = Date.now();
await seedDemoData(db);
const seedMs = Date.now() - seeded;

async function signIn(email: string): Promise<string> {
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  if (!user) throw new Error(`the demo data has no ${email}`);
  const session = await createSession(db, user.id, "tests/bench");
  return session.setCookie.split(";")[0]!;
}
const member = await signIn("member@quitpath.test");
const admin = await signIn("admin@quitpath.test");

const pages: Page[] = [
  { name: "bare Remix page", path: "/bare", minimum: 0.6 },
  { name: "public home page", path: "/", minimum: 0.5 },
  { name: "pricing", path: "/pricing", minimum: 0.5 },
  { name: "stories", path: "/stories", minimum: 0.5 },
  { name: "member dashboard", path: "/app", cookie: member, minimum: 0.35 },
  { name: "daily log", path: "/app/log", cookie: member, minimum: 0.35 },
  { name: "community feed", path: "/app/community", cookie: member, minimum: 0.35 },
  { name: "account", path: "/app/account", cookie: member, minimum: 0.35 },
  { name: "billing admin", path: "/admin/billing", cookie: admin, minimum: 0.35 },
];

const load = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(", ");
const servers = await startPageServers("foundation", database.url);
try {
  const loadBefore = load();
  const { reference, pages: rows } = await measurePages(servers, pages);
  const markdown = `## Core pages, warm and cold (issues 2 and 11)

${heading("npm run build && npx tsx tests/bench/foundation.ts")}
${method()}
Load average (1, 5, 15 min) at the start ${loadBefore}, at the end ${load()}: other work on the machine lowers every figure, the reference's too.
Data: the demo installation (\`seedDemoData\`, ${seedMs} ms): ${"`member@quitpath.test`"} for the member pages, ${"`admin@quitpath.test`"} for \`/admin/billing\`, each with a database session.

${pagesTable(reference, rows)}

${checks(pageChecks(rows))}
`;
  console.log(markdown);
  recordResults("foundation", markdown);
} finally {
  await servers.stop();
  await db.$client.end();
  await database.stop();
}
