// Usage: npm run build && npx tsx tests/bench/journey.ts   (a quick run: BENCH_ROUNDS=3 BENCH_SECONDS=2)
// The member dashboard (/app) with two years of daily logs and ten thousand cravings, warm and cold,
// against the external reference app and /bare in the same rounds.
import "./env";
import { sql } from "drizzle-orm";
import { createDb } from "#db/client.server";
import { createSignedInUser } from "#db/seed/factories";
import { addDays, localDate } from "~/lib/local-date";
import { proposePlan } from "~/modules/journey/plan";
import { journeyState } from "~/modules/journey/state.server";
import { CONSENT_PURPOSE_VERSION } from "~/modules/journey/profile";
import { dashboardAggregates, memberProgressSnapshots } from "~/modules/journey/progress.server";
import {
  atLeast,
  checks,
  heading,
  measurePages,
  method,
  pageChecks,
  pagesTable,
  recordResults,
  startBenchDatabase,
  startPageServers,
} from "./harness";

const database = await startBenchDatabase("journey");
const db = createDb(database.url, 2);
const { user, cookie } = await createSignedInUser(db, {
  displayName: "Bench Member",
  timeZone: "Asia/Ho_Chi_Minh",
  locale: "vi",
  currency: "VND",
});
const today = localDate(new Date(), user.timeZone);
const start = addDays(today, -729);
const quitDate = addDays(today, -300);
const plan = proposePlan({
  cigarettesPerDay: 20,
  ftndScore: 6,
  ftndBand: "high",
  triggers: ["coffee", "stress", "alcohol"],
  customTriggers: [],
  reasons: ["Sức khỏe"],
  today: addDays(quitDate, -14),
});
const seeded = Date.now();
await db.transaction(async (tx) => {
  await tx.execute(sql`insert into health_consents (user_id, purpose_version) values (${user.id}, ${CONSENT_PURPOSE_VERSION})`);
  await tx.execute(sql`insert into smoking_profiles (user_id, cigarettes_per_day, years_smoked, cigarettes_per_pack, pack_price_minor, currency, triggers, reasons, ftnd_answers, ftnd_score, hsi_score)
    values (${user.id}, 20, 12, 20, 35000, 'VND', '{coffee,stress,alcohol}', '{"Sức khỏe"}', '{}'::jsonb, 6, 4)`);
  await tx.execute(sql`insert into quit_attempts (user_id, attempt_number, status, quit_date, baseline_per_day, cigarettes_per_pack, pack_price_minor, currency, ended_on, end_reason)
    values (${user.id}, 1, 'relapsed', ${start}, 20, 20, 35000, 'VND', ${addDays(start, 60)}, 'relapse-detected')`);
  await tx.execute(sql`insert into quit_attempts (user_id, attempt_number, status, quit_date, baseline_per_day, cigarettes_per_pack, pack_price_minor, currency, created_at)
    values (${user.id}, 2, 'active', ${quitDate}, 20, 20, 35000, 'VND', ${quitDate}::date - 14)`);
  await tx.execute(sql`insert into plan_revisions (attempt_id, user_id, revision, plan)
    select id, user_id, 1, ${JSON.stringify(plan)}::jsonb from quit_attempts where user_id = ${user.id} and status = 'active'`);
  // Two years of days: smoking most days before the quit date, an occasional slip after it, check-ins on smoke-free days.
  await tx.execute(sql`insert into cigarette_logs (user_id, local_date, count, trigger)
    select ${user.id}, d::date, case when d::date < ${quitDate}::date then 10 + (extract(doy from d)::int % 10) else 1 end,
           (array['coffee','stress','alcohol'])[1 + (extract(doy from d)::int % 3)]
    from generate_series(${start}::date, ${today}::date, interval '1 day') d
    where d::date < ${quitDate}::date or extract(doy from d)::int % 37 = 0`);
  await tx.execute(sql`insert into craving_logs (user_id, local_date, intensity, trigger, resisted, coping)
    select ${user.id}, ${start}::date + (i % 730), 1 + (i % 10), (array['coffee','stress','alcohol','after-meals','boredom'])[1 + (i % 5)], i % 4 <> 0, 'delay-and-distract'
    from generate_series(1, 10000) i`);
  await tx.execute(sql`insert into mood_logs (user_id, local_date, mood)
    select ${user.id}, d::date, 1 + (extract(doy from d)::int % 5) from generate_series(${start}::date, ${today}::date, interval '1 day') d`);
  // The rollup, built from the detailed logs exactly as the app maintains it.
  await tx.execute(sql`insert into daily_totals (user_id, local_date, cigarettes, cravings, cravings_resisted, checked_in, mood)
    select ${user.id}, d::date,
      coalesce((select sum(count) from cigarette_logs c where c.user_id = ${user.id} and c.local_date = d::date), 0),
      coalesce((select count(*) from craving_logs c where c.user_id = ${user.id} and c.local_date = d::date), 0),
      coalesce((select count(*) filter (where resisted) from craving_logs c where c.user_id = ${user.id} and c.local_date = d::date), 0),
      d::date >= ${quitDate}::date and not exists (select 1 from cigarette_logs c where c.user_id = ${user.id} and c.local_date = d::date),
      1 + (extract(doy from d)::int % 5)
    from generate_series(${start}::date, ${today}::date, interval '1 day') d`);
  await tx.execute(sql`analyze`);
});
const seedMs = Date.now() - seeded;
const [counts] = await db.execute<{ days: number; cravings: number; cigarettes: number }>(
  sql`select (select count(*) from daily_totals)::int as days, (select count(*) from craving_logs)::int as cravings, (select count(*) from cigarette_logs)::int as cigarettes`,
);

// The dashboard's own statements, timed sequentially on one connection (no HTTP, no rendering).
async function timeIt(run: () => Promise<unknown>, times = 50): Promise<number> {
  await run();
  const began = performance.now();
  for (let i = 0; i < times; i++) await run();
  return (performance.now() - began) / times;
}
const stateMs = await timeIt(() => journeyState(db, user.id));
const snapshotMs = await timeIt(() => memberProgressSnapshots(db, [user.id], new Date()));
const aggregates30Ms = await timeIt(() =>
  dashboardAggregates(db, user.id, {
    quitDate,
    baselinePerDay: 20,
    packPriceMinor: 35000,
    cigarettesPerPack: 20,
    today,
    timeZone: user.timeZone,
    period: 30,
  }),
);
const aggregates90Ms = await timeIt(() =>
  dashboardAggregates(db, user.id, {
    quitDate,
    baselinePerDay: 20,
    packPriceMinor: 35000,
    cigarettesPerPack: 20,
    today,
    timeZone: user.timeZone,
    period: 90,
  }),
);

// Touches one of the member's journey rows every few milliseconds, so the journey version moves
// under nearly every request and the dashboard runs all its statements each time.
function keepChanging(): () => Promise<void> {
  let running = true;
  const loop = (async () => {
    while (running) {
      await db.execute(
        sql`update mood_logs set mood = mood where id = (select id from mood_logs where user_id = ${user.id} order by local_date desc limit 1)`,
      );
      await new Promise((resolve) => setTimeout(resolve, 3));
    }
  })();
  return async () => {
    running = false;
    await loop;
  };
}

const servers = await startPageServers("journey", database.url);
try {
  // A foundation page of similar weight, for scale: the account page (two statements, a long time-zone list).
  const { reference, pages: rows } = await measurePages(servers, [
    { name: "bare Remix page", path: "/bare" },
    { name: "member dashboard, 30 days", path: "/app", cookie, minimum: 0.35 },
    { name: "member dashboard, 90 days", path: "/app?days=90", cookie },
    {
      name: "member dashboard, 30 days, journey data changing all the time (nothing remembered)",
      path: "/app?days=30",
      cookie,
      meanwhile: keepChanging,
    },
    { name: "account page (for scale)", path: "/app/account", cookie, minimum: 0.35 },
  ]);
  const app30 = rows[1]!;
  const markdown = `## Quit journey dashboard (issues 3 and 11)

${heading("npm run build && npx tsx tests/bench/journey.ts")}
One member with ${counts!.days} days of daily totals (two years), ${counts!.cigarettes} cigarette logs, ${counts!.cravings} craving logs and a mood log a day, seeded in SQL (generate_series) in ${seedMs} ms.
${method()}
\`/app\` issues 3 SQL statements (session, journey state, dashboard aggregates) on the first view at a journey version and 1 (the session lookup, which carries the version) on a repeat view: the figures are remembered per member and \`users.journey_version\`, which database triggers bump on every journey write (docs/decisions/005-remembered-journey-figures.md). The test suite holds /app to at most 6 statements. The fourth row keeps the version moving (a journey row updated every few milliseconds from the benchmark process) so nearly every view computes everything.
Statement times, sequential on one connection: journey state ${stateMs.toFixed(2)} ms, the sweep's progress snapshot (not on /app) ${snapshotMs.toFixed(2)} ms, dashboard aggregates ${aggregates30Ms.toFixed(2)} ms (30 days) / ${aggregates90Ms.toFixed(2)} ms (90 days).

${pagesTable(reference, rows)}

${checks([...pageChecks(rows), atLeast("`/app` warm, vs `/bare` (issue 3)", app30.warm.vsBaseline!, 0.5)])}
`;
  console.log(markdown);
  recordResults("journey", markdown);
} finally {
  await servers.stop();
  await db.$client.end();
  await database.stop();
}
