// Usage: npm run build && npx tsx tests/bench/machinery.ts [piece …]   (BENCH_POSTS=20000 by default)
// What each piece of performance machinery earns on the pages it serves: the same production build
// started twice, with the piece and without it (a switch), measured in interleaved rounds.
// A piece stays only if it gains at least 15% on a page it serves (issue 11, docs/decisions/007).
// Two pieces measured here were removed for gaining less (preparing every statement, memoised
// translation lookups); their switches exist at commit 45e44a7 to measure them again.
import "./env";
import { createDb } from "#db/client.server";
import { createSignedInUser } from "#db/seed/factories";
import { machine, recordResults, startBenchDatabase } from "./harness";
import { seedCommunity, seedDashboardMember } from "./seed";
import { compareTargets, startVariant, variantTable, type VariantResult } from "./variants";

type Piece = { id: string; name: string; with: Record<string, string>; without: Record<string, string>; pages: string[] };

const PIECES: Piece[] = [
  {
    id: "remembered",
    name: "`<Remembered>` HTML fragments (rendered-fragments.server.ts)",
    with: {},
    without: { REMEMBERED: "off" },
    pages: ["/app", "/app/community"],
  },
  {
    id: "sink",
    name: "the hand-made page sink in entry.server.tsx (one Buffer instead of a stream)",
    with: {},
    without: { PAGE_SINK: "stream" },
    pages: ["/bare", "/app/community"],
  },
  {
    id: "caches",
    name: "every in-memory cache (app/lib/cache.ts; `CACHES=off` makes each lookup a miss)",
    with: {},
    without: { CACHES: "off" },
    pages: ["/app", "/app/community", "/"],
  },
];

const chosen = process.argv.slice(2);
const pieces = chosen.length > 0 ? PIECES.filter((p) => chosen.includes(p.id)) : PIECES;
const POSTS = Number(process.env.BENCH_POSTS ?? 20_000);

const database = await startBenchDatabase("machinery");
const db = createDb(database.url, 2);
const member = await seedDashboardMember(db);
const viewer = await createSignedInUser(db, { displayName: "Bench Viewer" });
await seedCommunity(database.url, POSTS, viewer.user.id);
const cookieFor = (page: string) =>
  page.startsWith("/app/community") ? viewer.cookie : page.startsWith("/app") ? member.cookie : undefined;

const sections: string[] = [];
try {
  for (const piece of pieces) {
    const withIt = await startVariant("with", database.url, piece.with);
    const withoutIt = await startVariant("without", database.url, piece.without);
    try {
      const rows: string[] = [];
      for (const page of piece.pages) {
        for (const server of [withIt, withoutIt]) {
          const check = await fetch(server.url + page, { headers: cookieFor(page) ? { cookie: cookieFor(page)! } : {} });
          if (check.status !== 200) throw new Error(`${page} answered ${check.status} (${server.name})`);
        }
        const results: VariantResult[] = await compareTargets([
          { name: `${page} with it`, url: withIt.url + page, pid: withIt.child.pid!, cookie: cookieFor(page) },
          { name: `${page} without it`, url: withoutIt.url + page, pid: withoutIt.child.pid!, cookie: cookieFor(page) },
        ]);
        const [on, off] = results as [VariantResult, VariantResult];
        const gain = (1 / off.ratioToFirst - 1) * 100;
        rows.push(
          `${variantTable(results)}\n\nGain from the piece on \`${page}\`: ${gain.toFixed(0)}% more throughput (median of the within-round ratios; best rounds ${((on.bestRequestsPerSecond / off.bestRequestsPerSecond - 1) * 100).toFixed(0)}%), server CPU per request ${off.cpuMsPerRequest} → ${on.cpuMsPerRequest} ms.`,
        );
        console.log(rows.at(-1));
      }
      sections.push(`### ${piece.name}\n\nWithout it: \`${JSON.stringify(piece.without)}\`.\n\n${rows.join("\n\n")}`);
    } finally {
      await withIt.stop();
      await withoutIt.stop();
    }
  }
} finally {
  await db.$client.end();
  await database.stop();
}

const markdown = `## Machinery: with and without (issue 11)

Command: \`npm run build && npx tsx tests/bench/machinery.ts ${chosen.join(" ")}\` — ${new Date().toISOString().slice(0, 10)}, ${machine()}.
Two production servers from the same build, one with the piece and one without (the switch named), request logging at info to /dev/null,
measured in 7 interleaved 5 s rounds of autocannon at 50 connections (every other round in reverse order); server CPU is the process's own user+system time per request.
Data: a member with two years of journey history (as tests/bench/journey.ts), ${POSTS.toLocaleString("en")} community posts with 5 reactions and 2 comments each (as tests/bench/community.ts).

${sections.join("\n\n")}
`;
console.log(markdown);
if (chosen.length === 0) recordResults("machinery", markdown);
