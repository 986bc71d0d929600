// Usage: npm run build && npx tsx tests/bench/caseload.ts   (a quick run: BENCH_ROUNDS=3 BENCH_SECONDS=3)
// A coach's caseload page (/coach) with 300 assigned members, each with 90 days of journey history,
// warm and cold, against the external reference app and /bare in the same rounds.
import "./env";
import { sql } from "drizzle-orm";
import { createDb } from "#db/client.server";
import { createSignedInUser, passwordHashFor } from "#db/seed/factories";
import { addDays, localDate } from "~/lib/local-date";
import { caseloadQuery } from "~/modules/coaching/caseload-query";
import { caseload } from "~/modules/coaching/caseload.server";
import { proposePlan } from "~/modules/journey/plan";
import { CONSENT_PURPOSE_VERSION } from "~/modules/journey/profile";
import { heading, measurePages, method, pagesTable, recordResults, startBenchDatabase, startPageServers } from "./harness";

const MEMBERS = 300;
const DAYS = 90;

const database = await startBenchDatabase("caseload");
const db = createDb(database.url, 2);
const { user: coach, cookie } = await createSignedInUser(db, { role: "coach", displayName: "Bench Coach", timeZone: "Asia/Ho_Chi_Minh" });
const today = localDate(new Date(), "Asia/Ho_Chi_Minh");
const hash = await passwordHashFor("bench member password");
const seeded = Date.now();
await db.transaction(async (tx) => {
  await tx.execute(sql`insert into users (email, display_name, role, locale, currency, time_zone, password_hash)
    select 'caseload-' || i || '@bench.test', 'Member ' || lpad(i::text, 3, '0'), 'member', 'vi', 'VND', 'Asia/Ho_Chi_Minh', ${hash}
    from generate_series(1, ${MEMBERS}) i`);
  const members = sql`(select id, row_number() over (order by email) as n from users where email like 'caseload-%@bench.test')`;
  await tx.execute(sql`insert into health_consents (user_id, purpose_version) select id, ${CONSENT_PURPOSE_VERSION} from ${members} m`);
  // Quit dates spread over the last 80 days; every tenth member relapsed once before this attempt.
  await tx.execute(sql`insert into quit_attempts (user_id, attempt_number, status, quit_date, baseline_per_day, cigarettes_per_pack, pack_price_minor, currency, ended_on, end_reason)
    select id, 1, 'relapsed', ${today}::date - 120, 20, 20, 35000, 'VND', ${today}::date - (n % 30)::int - 5, 'relapse-detected' from ${members} m where n % 10 = 0`);
  await tx.execute(sql`insert into quit_attempts (user_id, attempt_number, status, quit_date, baseline_per_day, cigarettes_per_pack, pack_price_minor, currency)
    select id, case when n % 10 = 0 then 2 else 1 end, 'active', ${today}::date - (n % 80)::int, 20, 20, 35000, 'VND' from ${members} m`);
  const plan = proposePlan({
    cigarettesPerDay: 20,
    ftndScore: 5,
    ftndBand: "moderate",
    triggers: ["coffee", "stress"],
    customTriggers: [],
    reasons: ["Sức khỏe"],
    today: addDays(today, -94),
  });
  await tx.execute(sql`insert into plan_revisions (attempt_id, user_id, revision, plan)
    select a.id, a.user_id, 1, ${JSON.stringify(plan)}::jsonb from quit_attempts a join ${members} m on m.id = a.user_id where a.status = 'active'`);
  // 90 days each: smoking before the quit date, a slip now and then after it (more for some), cravings, check-ins on smoke-free days.
  await tx.execute(sql`insert into daily_totals (user_id, local_date, cigarettes, cravings, cravings_resisted, checked_in)
    select m.id, d::date,
      case when d::date < ${today}::date - (m.n % 80)::int then 12
           when (extract(doy from d)::int + m.n::int) % (5 + (m.n % 20)::int) = 0 then 2 else 0 end,
      (extract(doy from d)::int + m.n::int) % 4, (extract(doy from d)::int + m.n::int) % 3,
      d::date >= ${today}::date - (m.n % 80)::int and (extract(doy from d)::int + m.n::int) % (5 + (m.n % 20)::int) <> 0 and d::date < ${today}::date - (m.n % 6)::int
    from ${members} m, generate_series(${today}::date - ${DAYS - 1}::int, ${today}::date, interval '1 day') d`);
  await tx.execute(sql`insert into coach_assignments (member_id, coach_id, source) select id, ${coach.id}, 'admin' from ${members} m`);
  await tx.execute(sql`insert into conversations (assignment_id, member_id, coach_id, last_seq, coach_read_seq, last_message_at)
    select ca.id, ca.member_id, ca.coach_id, 6, case when m.n % 3 = 0 then 3 else 6 end, now() - (m.n || ' minutes')::interval
    from coach_assignments ca join ${members} m on m.id = ca.member_id`);
  await tx.execute(sql`insert into messages (conversation_id, seq, sender_id, client_id, body)
    select c.id, s, case when s % 2 = 0 then c.coach_id else c.member_id end, gen_random_uuid(), 'message ' || s
    from conversations c, generate_series(1, 6) s where c.coach_id = ${coach.id}`);
  await tx.execute(sql`analyze`);
});
const seedMs = Date.now() - seeded;
const [counts] = await db.execute<{ days: number; messages: number }>(
  sql`select (select count(*) from daily_totals)::int as days, (select count(*) from messages)::int as messages`,
);

// The caseload's own statements, sequential on one connection (no HTTP, no rendering).
const query = caseloadQuery(new URLSearchParams());
await caseload(db, coach.id, query, new Date());
const began = performance.now();
for (let i = 0; i < 20; i++) await caseload(db, coach.id, query, new Date());
const caseloadMs = (performance.now() - began) / 20;
const first = await caseload(db, coach.id, query, new Date());

const servers = await startPageServers("caseload", database.url);
try {
  const { reference, pages: rows } = await measurePages(servers, [
    { name: "bare Remix page", path: "/bare" },
    { name: `caseload, ${MEMBERS} members, first page by risk`, path: "/coach", cookie },
    { name: `caseload, ${MEMBERS} members, by name, unread only`, path: "/coach?sort=name&unread=1", cookie },
  ]);
  const markdown = `## Coach caseload (issue 12)

${heading("npm run build && npx tsx tests/bench/caseload.ts")}
One coach with ${MEMBERS} actively assigned members, each with ${DAYS} days of daily totals (${counts!.days} rows), an active attempt (every tenth after a relapse) and a conversation (${counts!.messages} messages, a third with unread member messages), seeded in SQL in ${seedMs} ms. Risk levels of the seeded caseload: ${first.counts.high} high, ${first.counts.medium} medium, ${first.counts.low} low.
${method()}
\`/coach\` reads the whole caseload in a fixed number of statements whatever its size (session, the caseload rows with the last 14 days of rollups and unread counts, the journey's progress snapshot for all members, the responses about to miss), ranks it by the pure risk rules and cuts one keyset page of 25. The caseload statements alone, sequential on one connection: ${caseloadMs.toFixed(1)} ms for ${MEMBERS} members. The machine is shared with other engineers' builds and tests while this runs, so figures move between runs.

${pagesTable(reference, rows)}

No target is set for this page in the issues; the figures are recorded for comparison with later runs.
`;
  console.log(markdown);
  recordResults("caseload", markdown);
} finally {
  await servers.stop();
  await db.$client.end();
  await database.stop();
}
