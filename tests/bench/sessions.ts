// Usage: npm run build && npx tsx tests/bench/sessions.ts   (a quick run: BENCH_ROUNDS=3 BENCH_SECONDS=3)
// The member's free-slots page (/app/coach/sessions) for a coach with a year of bookings behind them
// and four weeks ahead, among 20 such coaches, against the external reference app and /bare.
import "./env";
import { connect } from "#db/connect.server";
import { createDb } from "#db/client.server";
import { seedBillingDemo } from "#db/seed/billing";
import { createSignedInUser } from "#db/seed/factories";
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
} from "./harness";

const COACHES = 20;
const database = await startBenchDatabase("sessions");
const sql = connect(database.url, { max: 1, onnotice: () => {} });
const started = Date.now();
for (const statement of await pendingSchemaChanges()) await sql.unsafe(statement);
const appDb = createDb(database.url, 2);
await seedBillingDemo(appDb);
const viewer = await createSignedInUser(appDb, { displayName: "Bench Member", timeZone: "Asia/Ho_Chi_Minh" });

// Coaches in London working weekdays 09:00–17:00; each has a member per slot of the day, and every
// weekday slot of the past year is a completed session (about 2,000 per coach); the next four weeks
// are half booked, so the page has real busy times to subtract.
await sql.unsafe(`
  insert into users (id, email, display_name, role, time_zone)
  select md5('coach' || c)::uuid, 'coach' || c || '@bench.test', 'Coach ' || c, 'coach', 'Europe/London' from generate_series(1, ${COACHES}) c;
  insert into coach_profiles (coach_id, status, capacity, working_hours)
  select md5('coach' || c)::uuid, 'approved', 100, '{"1":[{"start":"09:00","end":"17:00"}],"2":[{"start":"09:00","end":"17:00"}],"3":[{"start":"09:00","end":"17:00"}],"4":[{"start":"09:00","end":"17:00"}],"5":[{"start":"09:00","end":"17:00"}]}'::jsonb
  from generate_series(1, ${COACHES}) c;
  insert into session_settings (coach_id, session_minutes, buffer_minutes, notice_minutes)
  select md5('coach' || c)::uuid, 45, 15, 120 from generate_series(1, ${COACHES}) c;
  insert into users (id, email, display_name, time_zone)
  select md5('member' || c || '-' || s)::uuid, 'member' || c || '-' || s || '@bench.test', 'Member ' || c || '-' || s, 'Asia/Ho_Chi_Minh'
  from generate_series(1, ${COACHES}) c, generate_series(0, 7) s;
  insert into coaching_sessions (member_id, coach_id, starts_at, ends_at, status, settled_at)
  select md5('member' || c || '-' || s)::uuid, md5('coach' || c)::uuid, t, t + interval '45 minutes',
    case when d < current_date then 'completed'::coaching_session_status else 'confirmed'::coaching_session_status end,
    case when d < current_date then t + interval '1 hour' end
  from generate_series(1, ${COACHES}) c,
    generate_series(current_date - 365, current_date + 28, interval '1 day') d,
    generate_series(0, 7) s,
    lateral (select ((d::date + time '09:00' + s * interval '1 hour') at time zone 'Europe/London') as t) slot
  where extract(isodow from d) < 6 and (d < current_date or (s + extract(day from d)::int) % 2 = 0);
  insert into coach_assignments (member_id, coach_id, source) values ('${viewer.user.id}', md5('coach1')::uuid, 'admin');
  insert into subscriptions (user_id, package_id, price_id, status, provider, provider_subscription_id, current_period_end, accepted_terms_version)
  select '${viewer.user.id}', p.id, pp.id, 'active', 'test', 'bench_sessions', now() + interval '20 days', 1
  from packages p join package_prices pp on pp.package_id = p.id where p.slug = 'premium' limit 1;`);
await sql.unsafe(`vacuum analyze`);
const [counts] = await sql<{ sessions: number; mine: number }[]>`
  select (select count(*) from coaching_sessions)::int as sessions, (select count(*) from coaching_sessions where coach_id = md5('coach1')::uuid)::int as mine`;
console.log(`seeded in ${((Date.now() - started) / 1000).toFixed(0)} s:`, counts);

const servers = await startPageServers("sessions", database.url);
try {
  const check = await fetch(`${servers.warm.url}/app/coach/sessions`, { headers: { cookie: viewer.cookie } });
  const html = await check.text();
  const slots = (html.match(/type="radio"/g) ?? []).length;
  if (check.status !== 200 || slots === 0) throw new Error(`free-slots page did not render slots (status ${check.status}, ${slots} slots)`);
  const { reference, pages: rows } = await measurePages(servers, [
    { name: "bare Remix page", path: "/bare" },
    { name: "member's free slots, coach with a year of bookings", path: "/app/coach/sessions", cookie: viewer.cookie },
  ]);
  const markdown = `## Coaching sessions: free slots (issue 13)

${heading("npm run build && npx tsx tests/bench/sessions.ts")}
Seeded with SQL generate_series: ${counts!.sessions.toLocaleString("en")} sessions for ${COACHES} coaches (${counts!.mine.toLocaleString("en")} for the viewer's coach: every weekday slot of the past year, half of the next four weeks).
${method()}
The page reads the coach's settings (one join), their exceptions and live sessions inside the four-week window (two indexed range reads on (coach_id, starts_at)), the member's own sessions, feed and reminder choice; slots are cut in the coach's zone with Intl and shown in the member's.

${pagesTable(reference, rows)}

${checks(pageChecks(rows))}
`;
  console.log(markdown);
  recordResults("sessions", markdown);
} finally {
  await servers.stop();
  await sql.end();
  await appDb.$client.end();
  await database.stop();
}
