// Usage: npm run build && npx tsx tests/bench/reports.ts
//   BENCH_SCALE=0.2 generates a fifth of the data (20,000 members, ~2M daily rows); quick: BENCH_ROUNDS=3 BENCH_SECONDS=3
// The admin report pages over 100,000 members, ~10M daily totals, ~1M chat messages and a year of payments, all
// generated in SQL; the incremental rollup job after 5 minutes' worth of writes, and a full rebuild.
import "./env";
import { loadavg } from "node:os";
import { sql } from "drizzle-orm";
import { connect } from "#db/connect.server";
import { createDb } from "#db/client.server";
import { NO_DIMENSION } from "#db/schema";
import { createSignedInUser } from "#db/seed/factories";
import { generateReportHistory } from "#db/seed/report-history";
import { refreshReports } from "~/modules/analytics/rollups.server";
import { pendingSchemaChanges } from "../setup/schema-drift";
import { heading, measurePages, method, pagesTable, recordResults, startBenchDatabase, startPageServers, type Page } from "./harness";

const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const MEMBERS = Math.round(100_000 * SCALE);
const COACHES = Math.max(5, Math.round(100 * SCALE));
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(" / ");

const database = await startBenchDatabase("reports");
const admin = connect(database.url, { max: 1, onnotice: () => {} });
const db = createDb(database.url, 4);
const notes: string[] = [`load average (1/5/15 min) at start: ${load()}`];
try {
  // Any schema change not yet in a migration is applied the way the test setup does (as in cpu.ts).
  for (const statement of await pendingSchemaChanges()) await admin.unsafe(statement);

  const now = new Date();
  let began = Date.now();
  // Engaged members log every day (half of them); 9 messages per coach response: ~10M daily rows and ~1M messages at scale 1.
  await generateReportHistory(db, {
    members: MEMBERS,
    coaches: COACHES,
    now,
    domain: "bench.test",
    engagedActivity: 100,
    messagesPerResponse: 9,
  });
  await db.execute(sql`analyze`);
  const generateMs = Date.now() - began;
  const [counts] = (await db.execute(sql`select (select count(*) from users where role = 'member')::int as members,
    (select count(*) from daily_totals)::int as days, (select count(*) from messages)::int as messages,
    (select count(*) from payments)::int as payments, (select count(*) from outcome_follow_ups)::int as follow_ups,
    (select count(*) from coach_responses)::int as responses`)) as unknown as Record<string, number>[];
  notes.push(`load average after generating: ${load()}`);

  began = Date.now();
  const full = await refreshReports(db, now, { full: true });
  const rebuildMs = Date.now() - began;
  notes.push(`load average after the rebuild: ${load()}`);

  // Five minutes of writes at this scale: a day's ~3 writes per active member spread over 288 five-minute slots, rounded up generously.
  const writes = {
    dailyTotals: Math.round(3000 * SCALE),
    followUps: Math.round(60 * SCALE),
    payments: Math.round(50 * SCALE),
    responses: Math.round(300 * SCALE),
  };
  await db.execute(sql`insert into daily_totals (user_id, local_date, cigarettes, checked_in)
    select id, (now() at time zone 'UTC')::date, 0, true from users where role = 'member' order by md5(id::text) limit ${writes.dailyTotals}
    on conflict (user_id, local_date) do update set cigarettes = daily_totals.cigarettes + 1, updated_at = now()`);
  await db.execute(sql`insert into outcome_follow_ups (attempt_id, user_id, follow_up, smoked_since_day14, smoked_past7_days, cigarettes_since_day14)
    select a.id, a.user_id, '4-weeks', false, false, 0 from quit_attempts a
    where not exists (select 1 from outcome_follow_ups f where f.attempt_id = a.id and f.follow_up = '4-weeks') order by md5(a.id::text) limit ${writes.followUps}`);
  await db.execute(sql`insert into payments (user_id, subscription_id, package_id, provider, amount_minor, currency, status, receipt_number, paid_at)
    select s.user_id, s.id, s.package_id, 'test', 149000, 'VND', 'paid', 'W-' || md5(s.id::text), now() from subscriptions s
    where s.status = 'active' order by md5(s.id::text) limit ${writes.payments}`);
  await db.execute(sql`insert into coach_responses (conversation_id, coach_id, kind, asked_seq, asked_at, due_at, answered_seq, answered_at)
    select id, coach_id, 'next', last_seq + 1, now() - interval '20 minutes', now() + interval '100 minutes', last_seq + 2, now()
    from conversations order by md5(id::text) limit ${writes.responses}`);
  const later = new Date(now.getTime() + 5 * 60_000);
  began = Date.now();
  const incremental = await refreshReports(db, later);
  const incrementalMs = Date.now() - began;
  began = Date.now();
  await refreshReports(db, later);
  const idleMs = Date.now() - began;
  notes.push(`load average after the incremental runs: ${load()}`);

  const { cookie } = await createSignedInUser(db, { role: "admin", locale: "en", timeZone: "Asia/Ho_Chi_Minh" });
  // The page named "one coach" filters by one: the generated coach with the most members.
  const [coach] = (await db.execute(
    sql`select coach_id::text as id from report_members where coach_id <> ${NO_DIMENSION}::uuid group by 1 order by count(*) desc, 1 limit 1`,
  )) as unknown as { id: string }[];
  const pages: Page[] = [
    { name: "bare Remix page", path: "/bare" },
    { name: "growth (/admin)", path: "/admin", cookie },
    { name: "conversion and revenue", path: "/admin/reports/revenue", cookie },
    { name: "quit success (last year)", path: "/admin/reports/success", cookie },
    { name: "coaches", path: "/admin/reports/coaches", cookie },
    { name: "growth, 90 days, one coach", path: `/admin?from=2026-01-01&to=2026-03-31&coach=${coach!.id}`, cookie },
  ];
  const servers = await startPageServers("reports", database.url);
  try {
    // Latency of one request at a time (no queueing behind other connections): 40 sequential requests per page after 5 warm-ups.
    const p95: Record<string, number> = {};
    for (const page of pages.filter((p) => p.cookie)) {
      const times: number[] = [];
      for (let i = 0; i < 45; i++) {
        const t0 = performance.now();
        const response = await fetch(servers.warm.url + page.path, { headers: { cookie: page.cookie! } });
        await response.arrayBuffer();
        if (response.status !== 200) throw new Error(`${page.path}: ${response.status}`);
        if (i >= 5) times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      p95[page.path] = times[Math.ceil(times.length * 0.95) - 1]!;
    }
    notes.push(`load average before the throughput rounds: ${load()}`);
    const { reference, pages: rows } = await measurePages(servers, pages);
    notes.push(`load average at the end: ${load()}`);
    const scaleNote =
      SCALE === 1
        ? "Full scale."
        : `**Scale ${SCALE}** (BENCH_SCALE=${SCALE}): ${MEMBERS.toLocaleString("en")} members instead of 100,000. Rollup work grows about linearly with rows (each run is set-based SQL over the rows it touches), so at full scale expect the rebuild near ${(rebuildMs / SCALE / 1000).toFixed(0)} s and the incremental run near ${(incrementalMs / SCALE / 1000).toFixed(1)} s by linear extrapolation — an estimate, not a measurement. Page reads grow with the period's rollup rows (per-member rows: ${MEMBERS.toLocaleString("en")} here, 100,000 at full scale).`;
    const markdown = `## Admin reports (issue 16)

${heading(`npm run build && BENCH_SCALE=${SCALE} npx tsx tests/bench/reports.ts`)}
${scaleNote}
Generated in SQL in ${(generateMs / 1000).toFixed(1)} s (generateReportHistory, db/seed/report-history.ts): ${counts!.members} members, ${counts!.days} daily totals, ${counts!.messages} chat messages, ${counts!.responses} coach responses, ${counts!.payments} payments over a year, ${counts!.follow_ups} follow-up answers.

| rollup run | time | target |
|---|---:|---:|
| full rebuild (\`npm run reports:rebuild\`) | ${(rebuildMs / 1000).toFixed(1)} s (${full.members} members, ${full.activityDays} activity days) | < 2 min |
| incremental after 5 minutes of writes (${writes.dailyTotals} daily totals, ${writes.followUps} follow-ups, ${writes.payments} payments, ${writes.responses} answered responses) | ${(incrementalMs / 1000).toFixed(2)} s (${incremental.members} members recomputed) | < 5 s |
| incremental with nothing new (the next 5-minute run) | ${(idleMs / 1000).toFixed(2)} s | – |

p95 of one request at a time (40 sequential requests after 5 warm-ups, warm server, target ≤ 200 ms): ${Object.entries(p95)
      .map(([path, ms]) => `\`${path}\` ${ms.toFixed(0)} ms`)
      .join(", ")}.

${method()}

${pagesTable(reference, rows)}

Target for every report page: ≥ 0.35× the reference. Machine load while measuring (other engineers run builds and tests on the same 2 cores): ${notes.join("; ")}.
`;
    console.log(markdown);
    recordResults("reports", markdown);
  } finally {
    await servers.stop();
  }
} finally {
  await db.$client.end();
  await admin.end();
  await database.stop();
}
