import { sql } from "drizzle-orm";
import type { Database, Db } from "../client.server";
import { refreshReports } from "../../app/modules/analytics/rollups.server";
import { proposePlan } from "../../app/modules/journey/plan";
import { CONSENT_PURPOSE_VERSION } from "../../app/modules/journey/profile";
import { seedBillingDemo } from "./billing";

/**
 * A year of history generated in SQL (set-based, seconds for thousands of members): sign-ups,
 * profiles, quit attempts and plans, daily totals, follow-ups, subscriptions and payments in VND
 * and USD (some failed, recovered, refunded), coach assignments, chat with response times,
 * sessions and ratings. The demo seed, the report tests and tests/bench/reports.ts share it.
 * Deterministic: every choice is a hash of the row's number, so the same options give the same rows.
 * Generated people cannot sign in (no password); their emails end in `@<domain>`.
 */
export type HistoryOptions = {
  members: number;
  coaches: number;
  now: Date;
  domain: string;
  /** How far back sign-ups go (365 days by default). */
  days?: number;
  /** Per-day chance (percent) that an engaged member logs after their first two weeks. */
  engagedActivity?: number;
  /** Chat messages per coach response (two make a question and its answer; more add chatter). */
  messagesPerResponse?: number;
  /** Distinguishes the hashes of two generations in one database (tests that write twice). */
  salt?: number;
};

export async function generateReportHistory(outer: Database, options: HistoryOptions): Promise<{ members: number }> {
  return outer.transaction((db) => generate(db, options));
}

async function generate(db: Database, options: HistoryOptions): Promise<{ members: number }> {
  const { members, coaches, now, domain } = options;
  const engaged = options.engagedActivity ?? 35;
  const perResponse = Math.max(2, options.messagesPerResponse ?? 2);
  const salt = options.salt ?? 0;
  const span = options.days ?? 365;
  await seedBillingDemo(db, now);
  const template = proposePlan({
    cigarettesPerDay: 15,
    ftndScore: 5,
    ftndBand: "moderate",
    triggers: ["coffee", "stress"],
    customTriggers: [],
    reasons: ["health"],
    today: "2026-01-01",
  });
  const at = sql`${now.toISOString()}::timestamptz`;
  const today = sql`(${now.toISOString()}::timestamptz at time zone 'UTC')::date`;
  // A stable pseudo-random number in 0…99 (or 0…n-1) for row `i` and purpose `k`.
  const h = (i: string, k: number, n = 100) => sql.raw(`((hashtext(${i}::text || ':${k + salt * 97}') & 2147483647) % ${n})`);

  await db.execute(sql`create temp table gen_coaches on commit drop as
    select c, gen_random_uuid() as id from generate_series(1, ${coaches}) c`);
  await db.execute(sql`insert into users (id, email, display_name, role, locale, currency, time_zone, created_at)
    select id, 'history-coach-' || c || '-' || ${salt} || '@' || ${domain}, 'Coach ' || c, 'coach', case when c % 2 = 0 then 'en' else 'vi' end::locale,
      'VND', 'Asia/Ho_Chi_Minh', ${at} - interval '400 days' from gen_coaches`);
  await db.execute(sql`create temp table gen_coach_list on commit drop as select array_agg(id order by c) as ids from gen_coaches`);

  await db.execute(sql`create temp table gen_members on commit drop as
    select i, gen_random_uuid() as id,
      ${at} - make_interval(days => ${h("i", 1, span)}, secs => ${h("i", 2, 86400)}) as created_at,
      (array['Asia/Ho_Chi_Minh', 'Europe/London', 'America/New_York'])[1 + ${h("i", 3, 3)}] as time_zone,
      case when ${h("i", 4)} < 60 then 'vi' else 'en' end as locale
    from generate_series(1, ${members}) i`);
  await db.execute(sql`alter table gen_members add column signed_up_on date, add column currency text`);
  await db.execute(
    sql`update gen_members set signed_up_on = (created_at at time zone time_zone)::date, currency = case when locale = 'vi' then 'VND' else 'USD' end`,
  );
  await db.execute(sql`insert into users (id, email, display_name, role, locale, currency, time_zone, created_at)
    select id, 'history-member-' || i || '-' || ${salt} || '@' || ${domain}, 'Member ' || i, 'member', locale::locale, currency, time_zone, created_at from gen_members`);
  // History, not this minute's writes: the rows carry the times they would have been written.
  await db.execute(
    sql`update users set updated_at = created_at where id in (select id from gen_members union all select id from gen_coaches)`,
  );
  await db.execute(
    sql`insert into health_consents (user_id, purpose_version, granted_at) select id, ${CONSENT_PURPOSE_VERSION}, created_at from gen_members`,
  );

  // Nine in ten complete the profile, most of them within the first week.
  await db.execute(sql`insert into smoking_profiles (user_id, cigarettes_per_day, years_smoked, cigarettes_per_pack, pack_price_minor, currency,
      ftnd_answers, ftnd_score, hsi_score, created_at)
    select id, 5 + ${h("i", 5, 26)}, 1 + ${h("i", 6, 30)}, 20, case when currency = 'VND' then 30000 else 1000 end, currency, '{}'::jsonb,
      ${h("i", 7, 11)}, ${h("i", 8, 7)},
      least(created_at + make_interval(days => case when ${h("i", 9)} < 85 then ${h("i", 10, 5)} else 8 + ${h("i", 11, 10)} end, secs => ${h("i", 12, 3600)}), ${at})
    from gen_members where ${h("i", 13)} < 90`);

  await db.execute(sql`create temp table gen_attempts on commit drop as
    select m.i, m.id as user_id, gen_random_uuid() as id, p.cigarettes_per_day as baseline, p.pack_price_minor, m.currency, m.created_at,
      m.signed_up_on + 1 + ${h("m.i", 14, 14)} as quit_date, ${h("m.i", 15)} < 35 as relapses
    from gen_members m join smoking_profiles p on p.user_id = m.id where ${h("m.i", 16)} < 75`);
  await db.execute(sql`insert into quit_attempts (id, user_id, attempt_number, status, quit_date, baseline_per_day, cigarettes_per_pack, pack_price_minor,
      currency, ended_on, end_reason, created_at)
    select id, user_id, 1, case when relapses and quit_date + 20 < ${today} then 'relapsed' else 'active' end::quit_attempt_status, quit_date, baseline, 20,
      pack_price_minor, currency, case when relapses and quit_date + 20 < ${today} then least(quit_date + 20 + ${h("i", 17, 60)}, ${today} - 1) end,
      case when relapses and quit_date + 20 < ${today} then 'relapse-detected' end, created_at
    from gen_attempts`);
  // Most write their first plan within two days of signing up.
  await db.execute(sql`insert into plan_revisions (attempt_id, user_id, revision, plan, created_at)
    select id, user_id, 1, jsonb_set(${JSON.stringify(template)}::jsonb, '{quitDate}', to_jsonb(quit_date::text)),
      least(created_at + make_interval(hours => case when ${h("i", 18)} < 75 then ${h("i", 19, 48)} else 48 + ${h("i", 20, 200)} end), ${at})
    from gen_attempts`);

  // Daily totals: most members log in their first two weeks; the engaged half keep logging; smoking stops at the quit date (until a relapse).
  await db.execute(sql`insert into daily_totals (user_id, local_date, cigarettes, cravings, cravings_resisted, checked_in, mood, updated_at)
    select m.id, d::date,
      case when a.id is null then p.cigarettes_per_day
        when d::date < a.quit_date then greatest(p.cigarettes_per_day - ${h("m.i || d::date", 21, 4)}, 0)
        when q.ended_on is not null and d::date >= q.ended_on - 10 then greatest(p.cigarettes_per_day / 2, 1)
        when ${h("m.i || d::date", 22)} < 6 then 1 else 0 end,
      ${h("m.i || d::date", 23, 4)}, ${h("m.i || d::date", 24, 3)}, true, 1 + ${h("m.i || d::date", 25, 5)},
      least(d::timestamp at time zone m.time_zone + interval '21 hours', ${at})
    from gen_members m
    join smoking_profiles p on p.user_id = m.id
    left join gen_attempts a on a.user_id = m.id
    left join quit_attempts q on q.id = a.id
    cross join lateral generate_series(m.signed_up_on, ${today}, interval '1 day') d
    where ${h("m.i || d::date", 26)} < case when d::date < m.signed_up_on + 14 then 70 when ${h("m.i", 27)} < 50 then ${engaged} else 4 end`);

  // Follow-ups: six in ten answer each one whose window opened; some with a CO reading (≥ 10 ppm overrides "not smoking").
  await db.execute(sql`insert into outcome_follow_ups (attempt_id, user_id, follow_up, smoked_since_day14, smoked_past7_days, cigarettes_since_day14, co_ppm, answered_at)
    select a.id, a.user_id, f.key::follow_up, s.smoked, s.smoked and ${h("a.i || f.key", 30)} < 80,
      case when s.smoked then 6 + ${h("a.i || f.key", 31, 40)} else ${h("a.i || f.key", 32, 6)} end,
      case when ${h("a.i || f.key", 33)} < 30 then case when ${h("a.i || f.key", 34)} < 15 then 12 else 2 + ${h("a.i || f.key", 35, 7)} end end,
      least((a.quit_date + f.start_day + ${h("a.i || f.key", 36, 10)})::timestamp at time zone 'UTC', ${at})
    from gen_attempts a
    cross join (values ('4-weeks', 25), ('12-weeks', 77), ('26-weeks', 175), ('52-weeks', 357)) f(key, start_day)
    cross join lateral (select (a.relapses or ${h("a.i || f.key", 37)} < 40) as smoked) s
    where a.quit_date + f.start_day < ${today} and ${h("a.i || f.key", 38)} < 60`);

  // Premium: about one in six buys within six weeks; some cancel, a few fall past due.
  await db.execute(sql`create temp table gen_subscriptions on commit drop as
    select m.i, m.id as user_id, gen_random_uuid() as id, pp.id as price_id, pp.package_id, pp.amount_minor, pp.currency,
      m.created_at + make_interval(days => ${h("m.i", 40, 45)}, hours => ${h("m.i", 41, 24)}) as started_at,
      case when ${h("m.i", 42)} < 25 then 1 + ${h("m.i", 43, 6)} end as months_kept,
      ${h("m.i", 44)} < 5 as past_due
    from gen_members m
    join package_prices pp on pp.currency = m.currency and pp.period = 'monthly' and pp.active
    join packages k on k.id = pp.package_id and k.slug = 'premium'
    where ${h("m.i", 45)} < 17 and m.created_at + make_interval(days => ${h("m.i", 40, 45)}, hours => ${h("m.i", 41, 24)}) < ${at}`);
  await db.execute(sql`alter table gen_subscriptions add column ended_at timestamptz`);
  await db.execute(sql`update gen_subscriptions set ended_at = started_at + make_interval(months => months_kept) where months_kept is not null
    and started_at + make_interval(months => months_kept) < ${at}`);
  await db.execute(sql`insert into subscriptions (id, user_id, package_id, price_id, status, provider, current_period_end, past_due_since, ended_at,
      accepted_terms_version, accepted_terms_at, created_at, updated_at)
    select id, user_id, package_id, price_id,
      case when ended_at is not null then 'ended' when past_due then 'past_due' else 'active' end::subscription_status, 'test',
      coalesce(ended_at, started_at + make_interval(months => (extract(year from age(${at}, started_at)) * 12 + extract(month from age(${at}, started_at)))::int + 1)),
      case when past_due and ended_at is null then ${at} - interval '2 days' end, ended_at, 1, started_at, started_at, coalesce(ended_at, started_at)
    from gen_subscriptions`);
  await db.execute(sql`insert into payments (user_id, subscription_id, package_id, provider, amount_minor, currency, status, refunded_minor, receipt_number,
      period_start, period_end, paid_at, refunded_at, created_at)
    select s.user_id, s.id, s.package_id, 'test', s.amount_minor, s.currency,
      case when attempt.n = 1 then 'failed' when ${h("s.i || k", 46)} < 3 then 'refunded' else 'paid' end::payment_status,
      case when attempt.n = 2 and ${h("s.i || k", 46)} < 3 then s.amount_minor else 0 end,
      'H' || ${salt} || '-' || s.i || '-' || k || '-' || attempt.n,
      s.started_at + make_interval(months => k), s.started_at + make_interval(months => k + 1),
      case when attempt.n = 2 then s.started_at + make_interval(months => k, days => case when failed.yes then 1 else 0 end) end,
      case when attempt.n = 2 and ${h("s.i || k", 46)} < 3 then s.started_at + make_interval(months => k, days => 3) end,
      s.started_at + make_interval(months => k, days => case when attempt.n = 2 and failed.yes then 1 else 0 end)
    from gen_subscriptions s
    cross join lateral generate_series(0, 12) k
    cross join lateral (select ${h("s.i || k", 47)} < 7 as yes) failed
    cross join lateral (select n from generate_series(1, 2) n) attempt
    where s.started_at + make_interval(months => k) < coalesce(s.ended_at, ${at})
      and (attempt.n = 2 or failed.yes)
      and s.started_at + make_interval(months => k, days => 3) < ${at}`);

  // Every premium member gets a coach, most within a day of asking.
  await db.execute(sql`create temp table gen_assignments on commit drop as
    select s.i, gen_random_uuid() as id, s.user_id, (select ids[1 + ${h("s.i", 50, coaches)}] from gen_coach_list) as coach_id,
      s.started_at as requested_at, s.started_at + make_interval(hours => case when ${h("s.i", 51)} < 92 then ${h("s.i", 52, 20)} else 25 + ${h("s.i", 53, 40)} end) as started_at,
      s.ended_at
    from gen_subscriptions s where s.started_at + interval '3 days' < ${at}`);
  await db.execute(sql`insert into coach_assignments (id, member_id, coach_id, status, source, requested_at, started_at, ended_at)
    select id, user_id, coach_id, case when ended_at is null then 'active' else 'ended' end::coach_assignment_status, 'match', requested_at, started_at, ended_at
    from gen_assignments`);
  await db.execute(sql`create temp table gen_conversations on commit drop as
    select a.i, gen_random_uuid() as id, a.id as assignment_id, a.user_id, a.coach_id, a.started_at, coalesce(a.ended_at, ${at}) as until,
      1 + ${h("a.i", 54, 12)} as responses from gen_assignments a`);
  await db.execute(sql`insert into conversations (id, assignment_id, member_id, coach_id, last_seq, member_read_seq, coach_read_seq, last_message_at, created_at)
    select id, assignment_id, user_id, coach_id, responses * ${perResponse}, responses * ${perResponse}, responses * ${perResponse}, until, started_at from gen_conversations`);
  // Member asks at seq j*n+1, the coach answers at j*n+n (the rest is chatter); response times mostly under two hours.
  await db.execute(sql`create temp table gen_responses on commit drop as
    select c.id as conversation_id, c.user_id, c.coach_id, j,
      c.started_at + (c.until - c.started_at) * (j::float / (c.responses + 1)) as asked_at,
      make_interval(mins => case when ${h("c.i || j", 55)} < 85 then 5 + ${h("c.i || j", 56, 110)} else 130 + ${h("c.i || j", 57, 600)} end) as took
    from gen_conversations c cross join lateral generate_series(0, c.responses - 1) j`);
  await db.execute(sql`insert into messages (conversation_id, seq, sender_id, client_id, body, created_at)
    select r.conversation_id, r.j * ${perResponse} + n, case when n = ${perResponse} then r.coach_id else r.user_id end, gen_random_uuid(),
      case when n = ${perResponse} then 'How did today go?' else 'Hard day, but no cigarettes.' end,
      least(r.asked_at + case when n = ${perResponse} then r.took else make_interval(secs => n) end, ${at})
    from gen_responses r cross join lateral generate_series(1, ${perResponse}) n`);
  await db.execute(sql`insert into coach_responses (conversation_id, coach_id, kind, asked_seq, asked_at, due_at, answered_seq, answered_at)
    select conversation_id, coach_id, case when j = 0 then 'first' else 'next' end::coach_response_kind, j * ${perResponse} + 1, asked_at,
      asked_at + interval '2 hours', j * ${perResponse} + ${perResponse}, least(asked_at + took, ${at})
    from gen_responses`);

  // Weekly sessions in the past: most completed, some missed; most completed ones rated.
  await db.execute(sql`create temp table gen_sessions on commit drop as
    select a.i, gen_random_uuid() as id, a.user_id, a.coach_id, k,
      date_trunc('hour', a.started_at) + make_interval(days => 7 * k, hours => 2) as starts_at,
      ${h("a.i || k", 60)} < 85 as completed
    from gen_assignments a cross join lateral generate_series(1, 1 + ${h("a.i", 61, 6)}) k
    where date_trunc('hour', a.started_at) + make_interval(days => 7 * k, hours => 3) < coalesce(a.ended_at, ${at})`);
  await db.execute(sql`insert into coaching_sessions (id, member_id, coach_id, starts_at, ends_at, status, topic, settled_at, missed_by, updated_at, created_at)
    select id, user_id, coach_id, starts_at, starts_at + interval '30 minutes', case when completed then 'completed' else 'missed' end::coaching_session_status,
      'Weekly check-in', starts_at + interval '1 hour', case when completed then null else 'member' end, starts_at + interval '1 hour', starts_at - interval '3 days'
    from gen_sessions`);
  await db.execute(sql`insert into session_ratings (session_id, member_id, coach_id, stars, created_at, updated_at)
    select id, user_id, coach_id, case when ${h("i || k", 62)} < 8 then 2 else 4 + ${h("i || k", 63, 2)} end,
      least(starts_at + interval '2 hours', ${at}), least(starts_at + interval '2 hours', ${at})
    from gen_sessions where completed and ${h("i || k", 64)} < 70`);
  return { members };
}

const DEMO_HISTORY_DOMAIN = "history.quitpath.test";

/** The demo's history (2,000 members over 16 months, so 52-week follow-ups have passed for some; 4 coaches) and its report rollups, once: a later start finds it and does nothing. */
export async function seedReportHistoryDemo(db: Database, now = new Date()): Promise<void> {
  const [present] = (await db.execute(
    sql`select exists (select 1 from users where email like ${`%@${DEMO_HISTORY_DOMAIN}`}) as yes`,
  )) as unknown as { yes: boolean }[];
  if (present?.yes) return;
  await generateReportHistory(db, { members: 2000, coaches: 4, now, days: 480, domain: DEMO_HISTORY_DOMAIN });
  await refreshReports(db as Db, now, { full: true });
}
