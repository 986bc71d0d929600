import { sql, type SQL } from "drizzle-orm";
import type { Database, Db } from "#db/client.server";
import { NO_DIMENSION } from "#db/schema";
import { captureBefore, catchUpRunningTotals, rebuildRunningTotals } from "./running-totals.server";

/**
 * The report rollups (db/schema/analytics.ts), kept current from the raw rows. Every rollup row is
 * a deterministic function of the raw rows, `asOf` and `now`: a run deletes the rows a change can
 * have touched and computes them again, so running twice (a retried job) changes nothing, and an
 * incremental run leaves the same rows as a full rebuild.
 */

export type RefreshResult = {
  mode: "full" | "incremental";
  members: number;
  /** Rows of the success and retention running totals after the run. */
  runningTotals: number;
  activityDays: number;
  activityGroupSteps: number;
  paymentDays: number;
  subscriptionDays: number;
  coachDays: number;
  communityDays: number;
  ms: number;
};

// Changes committed up to this long before a run may still be invisible to it (a transaction in flight): look back this far again.
const OVERLAP = "5 minutes";
// Only one refresh at a time (the job and `npm run reports:rebuild` may overlap).
const LOCK_KEY = 716_016;
const NONE = sql.raw(`'${NO_DIMENSION}'::uuid`);
const LIVE_STATUSES = sql.raw(`('active', 'trialing', 'past_due', 'cancelled_at_period_end')`);

const utcDate = (at: Date) => at.toISOString().slice(0, 10);

async function count(tx: Database, query: SQL): Promise<number> {
  const rows = (await tx.execute(query)) as unknown as { n: number | string }[];
  return Number(rows[0]?.n ?? 0);
}

/** Incremental when a watermark exists (only what changed since it), otherwise a full rebuild. */
export async function refreshReports(db: Db, now: Date, options: { full?: boolean } = {}): Promise<RefreshResult> {
  const started = Date.now();
  const asOf = utcDate(now);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${LOCK_KEY})`);
    // The activity and rollup sorts spilled to disk at the default 4 MB.
    await tx.execute(sql`set local work_mem = '64MB'`);
    const state = (await tx.execute(sql`select watermark, as_of::text as as_of from report_state where id = 1`)) as unknown as {
      watermark: Date | string;
      as_of: string;
    }[];
    const full = options.full === true || state.length === 0;
    const since = full ? null : new Date(new Date(state[0]!.watermark).getTime());
    const result = full ? await rebuild(tx, now, asOf) : await catchUp(tx, now, asOf, since!);
    await tx.execute(sql`
      insert into report_state (id, watermark, as_of, computed_at, last_run)
      values (1, ${now.toISOString()}::timestamptz, ${asOf}::date, ${now.toISOString()}::timestamptz, ${full ? "full" : "incremental"})
      on conflict (id) do update set watermark = excluded.watermark, as_of = excluded.as_of, computed_at = excluded.computed_at, last_run = excluded.last_run`);
    return { ...result, mode: full ? "full" : "incremental", ms: Date.now() - started } as RefreshResult;
  });
}

async function rebuild(tx: Database, now: Date, asOf: string) {
  await tx.execute(
    sql`truncate report_members, report_attempts, report_activity_days, report_activity_group_steps, report_payment_days, report_subscription_days, report_coach_days, report_community_days, report_success_totals, report_retention_totals, report_member_totals`,
  );
  await tx.execute(sql`create temp table dirty_members on commit drop as select id from users where role = 'member'`);
  const members = await refreshMembers(tx, asOf);
  await refreshMemberTotals(tx);
  const runningTotals = await rebuildRunningTotals(tx);
  const activityDays = await refreshActivity(tx, null, asOf);
  const activityGroupSteps = await refreshActivityGroups(tx, null, asOf);
  await tx.execute(sql`create temp table dirty_payment_days on commit drop as
    select distinct (coalesce(paid_at, created_at) at time zone 'UTC')::date as day from payments
    union select distinct (refunded_at at time zone 'UTC')::date from payments where refunded_at is not null`);
  const paymentDays = await refreshPaymentDays(tx);
  const subscriptionDays = await refreshSubscriptionDays(tx, null, asOf);
  await tx.execute(sql`create temp table dirty_coach_days on commit drop as
    select (started_at at time zone 'UTC')::date as day from coach_assignments
    union select (asked_at at time zone 'UTC')::date from coach_responses
    union select (starts_at at time zone 'UTC')::date from coaching_sessions
    union select (created_at at time zone 'UTC')::date from session_ratings`);
  const coachDays = await refreshCoachDays(tx, now);
  const communityDays = await refreshCommunityDays(tx);
  return { members, runningTotals, activityDays, activityGroupSteps, paymentDays, subscriptionDays, coachDays, communityDays };
}

async function catchUp(tx: Database, now: Date, asOf: string, watermark: Date) {
  const since = sql`(${watermark.toISOString()}::timestamptz - interval '${sql.raw(OVERLAP)}')`;
  // Members whose facts may have changed: their journey rows (journey_version), account, subscription, payments, coach; all of them when the day turned.
  await tx.execute(sql`create temp table dirty_members on commit drop as
    select u.id from users u left join report_members r on r.user_id = u.id
      where u.role = 'member' and (r.user_id is null or r.journey_version <> u.journey_version or r.language <> u.locale::text
        or r.as_of <> ${asOf}::date or u.updated_at > ${since})
    union select user_id from subscriptions where updated_at > ${since} or created_at > ${since}
    union select user_id from payments where greatest(created_at, paid_at, refunded_at) > ${since}
    union select member_id from coach_assignments where greatest(started_at, ended_at) > ${since}
    union select user_id from report_members r where not exists (select 1 from users u where u.id = r.user_id and u.role = 'member')`);
  await tx.execute(sql`create temp table dims_before on commit drop as
    select user_id, package_id, coach_id from report_members where user_id in (select id from dirty_members)`);
  await captureBefore(tx);
  const members = await refreshMembers(tx, asOf);
  await refreshMemberTotals(tx);
  const runningTotals = await catchUpRunningTotals(tx);
  // A member who moved package or coach (or stopped being a member) takes their whole history to another group: recompute the groups from the start.
  // One who stopped being a member also leaves the active members of every day they were active: given another role (their
  // row is gone from report_members now) or erased (their report_members row went with their account; the receipt says so).
  const [membership] = (await tx.execute(sql`select exists (
      select user_id, package_id, coach_id from dims_before
      except select user_id, package_id, coach_id from report_members where user_id in (select id from dirty_members)
    ) as moved,
    exists (select 1 from dims_before b where not exists (select 1 from report_members m where m.user_id = b.user_id))
      or exists (select 1 from erasure_receipts where erased_at > ${since}) as gone`)) as unknown as {
    moved: boolean;
    gone: boolean;
  }[];

  // Materialized, so the few changed rows come from daily_totals_updated_idx: as a bare min(), Postgres walked the date index through every row.
  const [firstChanged] = (await tx.execute(sql`
    select least(
      (with changed as materialized (select local_date from daily_totals where updated_at > ${since}) select min(local_date) from changed),
      (select max(day) + 1 from report_activity_days)
    )::text as day`)) as unknown as { day: string | null }[];
  const activityDays = await refreshActivity(tx, membership!.gone ? null : (firstChanged?.day ?? asOf), asOf);
  const activityGroupSteps = await refreshActivityGroups(
    tx,
    membership!.moved || membership!.gone ? null : (firstChanged?.day ?? asOf),
    asOf,
  );

  await tx.execute(sql`create temp table dirty_payment_days on commit drop as
    with changed as (select * from payments where greatest(created_at, paid_at, refunded_at) > ${since})
    select (coalesce(paid_at, created_at) at time zone 'UTC')::date as day from changed
    union select (refunded_at at time zone 'UTC')::date from changed where refunded_at is not null
    union select (p.created_at at time zone 'UTC')::date from payments p
      where p.status = 'failed' and p.subscription_id in (select subscription_id from changed where subscription_id is not null)`);
  const paymentDays = await refreshPaymentDays(tx);

  const [firstSubscription] = (await tx.execute(sql`
    select least(
      (select min((created_at at time zone 'UTC')::date) from subscriptions where updated_at > ${since} or created_at > ${since}),
      (select max(day) + 1 from report_subscription_days),
      ${asOf}::date
    )::text as day`)) as unknown as { day: string | null }[];
  const subscriptionDays = await refreshSubscriptionDays(tx, firstSubscription?.day ?? asOf, asOf);

  await tx.execute(sql`create temp table dirty_coach_days on commit drop as
    select (started_at at time zone 'UTC')::date as day from coach_assignments where greatest(started_at, ended_at) > ${since}
    union select (asked_at at time zone 'UTC')::date from coach_responses
      where asked_at > ${since} or answered_at > ${since} or (due_at > ${since} and due_at <= ${now.toISOString()}::timestamptz)
    union select (starts_at at time zone 'UTC')::date from coaching_sessions where updated_at > ${since}
    union select (created_at at time zone 'UTC')::date from session_ratings where updated_at > ${since}`);
  let coachDays = await refreshCoachDays(tx, now);
  if (!(await coachDaysInStep(tx, now))) coachDays = await refreshCoachDays(tx, now, "all");
  const communityDays = await refreshCommunityDays(tx, since);
  return { members, runningTotals, activityDays, activityGroupSteps, paymentDays, subscriptionDays, coachDays, communityDays };
}

/** Recomputes report_members and report_attempts for the members in `dirty_members`. */
async function refreshMembers(tx: Database, asOf: string): Promise<number> {
  await tx.execute(sql`delete from report_attempts where user_id in (select id from dirty_members)`);
  await tx.execute(sql`delete from report_members where user_id in (select id from dirty_members)`);
  const inserted = await count(
    tx,
    sql`with inserted as (
    insert into report_members (user_id, journey_version, signed_up_at, signed_up_on, language, package_id, coach_id,
      profile_completed_on, first_plan_at, first_paid_on, retained30, retained60, retained90, baseline_per_day, years_smoked, last7_days, as_of)
    select u.id, u.journey_version, u.created_at, b.signed_up_on, u.locale::text,
      coalesce((select s.package_id from subscriptions s where s.user_id = u.id and s.status in ${LIVE_STATUSES} limit 1), ${NONE}),
      coalesce((select a.coach_id from coach_assignments a where a.member_id = u.id order by (a.status = 'active') desc, a.started_at desc limit 1), ${NONE}),
      (select (p.created_at at time zone u.time_zone)::date from smoking_profiles p where p.user_id = u.id),
      (select min(r.created_at) from plan_revisions r where r.user_id = u.id),
      (select min((coalesce(pay.paid_at, pay.created_at) at time zone u.time_zone)::date) from payments pay
        where pay.user_id = u.id and pay.status in ('paid', 'refunded', 'partially_refunded')),
      exists (select 1 from daily_totals d where d.user_id = u.id and d.local_date between b.signed_up_on + 30 and b.signed_up_on + 36),
      exists (select 1 from daily_totals d where d.user_id = u.id and d.local_date between b.signed_up_on + 60 and b.signed_up_on + 66),
      exists (select 1 from daily_totals d where d.user_id = u.id and d.local_date between b.signed_up_on + 90 and b.signed_up_on + 96),
      (select p.cigarettes_per_day from smoking_profiles p where p.user_id = u.id),
      (select p.years_smoked::float8 from smoking_profiles p where p.user_id = u.id),
      (select array_agg(d.cigarettes order by g.day) from generate_series(${asOf}::date - 7, ${asOf}::date - 1, interval '1 day') g(day)
        left join daily_totals d on d.user_id = u.id and d.local_date = g.day::date),
      ${asOf}::date
    from users u
    cross join lateral (select (u.created_at at time zone u.time_zone)::date as signed_up_on) b
    where u.id in (select id from dirty_members) and u.role = 'member'
    returning 1)
    select count(*) as n from inserted`,
  );
  await tx.execute(sql`
    insert into report_attempts (attempt_id, user_id, quit_date, package_id, coach_id, language,
      smoked_since_day14_at4, co_ppm_at4, smoked_past7_days_at12, co_ppm_at12,
      cigarettes_since_grace_at26, co_ppm_at26, cigarettes_since_grace_at52, co_ppm_at52,
      cigarettes_avoided, money_saved_minor, currency, as_of)
    select qa.id, qa.user_id, qa.quit_date, m.package_id, m.coach_id, m.language,
      f4.smoked_since_day14, f4.co_ppm, f12.smoked_past7_days, f12.co_ppm,
      f26.cigarettes_since_day14, f26.co_ppm, f52.cigarettes_since_day14, f52.co_ppm,
      s.avoided, round(s.avoided::numeric * qa.pack_price_minor / greatest(qa.cigarettes_per_pack, 1)), qa.currency, ${asOf}::date
    from quit_attempts qa
    join report_members m on m.user_id = qa.user_id
    left join outcome_follow_ups f4 on f4.attempt_id = qa.id and f4.follow_up = '4-weeks'
    left join outcome_follow_ups f12 on f12.attempt_id = qa.id and f12.follow_up = '12-weeks'
    left join outcome_follow_ups f26 on f26.attempt_id = qa.id and f26.follow_up = '26-weeks'
    left join outcome_follow_ups f52 on f52.attempt_id = qa.id and f52.follow_up = '52-weeks'
    cross join lateral (select least(coalesce(qa.ended_on, ${asOf}::date - 1), ${asOf}::date - 1) as last_day) l
    cross join lateral (
      select greatest(0, greatest(0, l.last_day - qa.quit_date + 1) * qa.baseline_per_day
        - coalesce((select sum(d.cigarettes) from daily_totals d where d.user_id = qa.user_id and d.local_date between qa.quit_date and l.last_day), 0))::int as avoided
    ) s
    where qa.user_id in (select id from dirty_members)`);
  return inserted;
}

/**
 * Active members per day from `from` (null: the first daily total) to `asOf`. Each daily total opens
 * an interval (7 or 30 days, cut at the member's next active day) in which it counts the member once,
 * so a running sum of +1/−1 gives distinct members without scanning 30 days for every day.
 */
async function refreshActivity(tx: Database, from: string | null, asOf: string): Promise<number> {
  // Nothing changed and no new day: a day's figures depend only on daily totals, so there is nothing to recompute.
  if (from !== null && from > asOf) return 0;
  const start = from === null ? sql`(select min(local_date) from daily_totals)` : sql`${from}::date`;
  await tx.execute(sql`delete from report_activity_days where day >= ${start} and day <= ${asOf}::date`);
  return count(
    tx,
    sql`with rows as (
      select d.local_date as day, lead(d.local_date) over (partition by d.user_id order by d.local_date) as next
      from daily_totals d join users u on u.id = d.user_id and u.role = 'member'
      where d.local_date >= ${start} - 30 and d.local_date <= ${asOf}::date
    ), steps as (
      select day, 1 as dau, 1 as wau, 1 as mau from rows
      union all select least(day + 7, coalesce(next, day + 7)), 0, -1, 0 from rows
      union all select least(day + 30, coalesce(next, day + 30)), 0, 0, -1 from rows
      union all select day + 1, -1, 0, 0 from rows
    ), per_day as (select day, sum(dau) as dau, sum(wau) as wau, sum(mau) as mau from steps group by day),
    days as (select g::date as day from generate_series(${start} - 30, ${asOf}::date, interval '1 day') g),
    running as (
      select days.day,
        sum(coalesce(p.dau, 0)) over w as dau, sum(coalesce(p.wau, 0)) over w as wau, sum(coalesce(p.mau, 0)) over w as mau
      from days left join per_day p on p.day = days.day
      window w as (order by days.day)
    ), inserted as (
      insert into report_activity_days (day, dau, wau, mau)
      select day, dau, wau, mau from running where day >= ${start} and day <= ${asOf}::date
      returning 1)
    select count(*) as n from inserted`,
  );
}

/**
 * The activity steps by package and by coach from `from` (null: all of them): the same intervals as
 * refreshActivity, each +1/−1 kept on its day under the member's current package and coach. Only the
 * steps from `from` on are written (the earlier ones stay), so each branch drops the others before they
 * are grouped: grouped after the union, a run from today grouped the whole month's steps.
 */
async function refreshActivityGroups(tx: Database, from: string | null, asOf: string): Promise<number> {
  if (from !== null && from > asOf) return 0;
  const start = from === null ? sql`'-infinity'::date` : sql`${from}::date`;
  await tx.execute(sql`delete from report_activity_group_steps where day >= ${start}`);
  return count(
    tx,
    sql`with rows as (
      select d.local_date as day, lead(d.local_date) over (partition by d.user_id order by d.local_date) as next, m.package_id, m.coach_id
      from daily_totals d join report_members m on m.user_id = d.user_id
      where d.local_date >= ${start} - 31 and d.local_date <= ${asOf}::date
    ), steps as (
      select day, package_id, coach_id, 1 as dau, 1 as wau, 1 as mau from rows where day >= ${start}
      union all select least(day + 7, coalesce(next, day + 7)), package_id, coach_id, 0, -1, 0 from rows
        where least(day + 7, coalesce(next, day + 7)) >= ${start}
      union all select least(day + 30, coalesce(next, day + 30)), package_id, coach_id, 0, 0, -1 from rows
        where least(day + 30, coalesce(next, day + 30)) >= ${start}
      union all select day + 1, package_id, coach_id, -1, 0, 0 from rows where day + 1 >= ${start}
    ), grouped as (
      select day, 'package' as dimension, package_id as key, sum(dau) as dau, sum(wau) as wau, sum(mau) as mau from steps group by day, package_id
      union all select day, 'coach', coach_id, sum(dau), sum(wau), sum(mau) from steps group by day, coach_id
    ), inserted as (
      insert into report_activity_group_steps (day, dimension, key, dau, wau, mau)
      select day, dimension, key, dau, wau, mau from grouped
      where day >= ${start} and (dau <> 0 or wau <> 0 or mau <> 0)
      returning 1)
    select count(*) as n from inserted`,
  );
}

/** Payments of the days in `dirty_payment_days`, by the UTC day they were paid (or failed) and refunded. */
async function refreshPaymentDays(tx: Database): Promise<number> {
  // Each branch keeps only the dirty days' payments before the recovery check runs (filtered after the
  // union, every failed payment of the year was checked on every run).
  await tx.execute(sql`delete from report_payment_days where day in (select day from dirty_payment_days)`);
  return count(
    tx,
    sql`with facts as (
      select (coalesce(p.paid_at, p.created_at) at time zone 'UTC')::date as day, coalesce(p.package_id, ${NONE}) as package_id, p.currency,
        (p.status in ('paid', 'refunded', 'partially_refunded'))::int as paid,
        case when p.status in ('paid', 'refunded', 'partially_refunded') then p.amount_minor else 0 end as paid_minor,
        (p.status = 'failed')::int as failed,
        (p.status = 'failed' and exists (select 1 from payments later where later.subscription_id = p.subscription_id
          and later.status in ('paid', 'refunded', 'partially_refunded') and later.created_at > p.created_at))::int as recovered,
        0 as refunds, 0::bigint as refunded_minor
      from payments p where (coalesce(p.paid_at, p.created_at) at time zone 'UTC')::date in (select day from dirty_payment_days)
      union all
      select (p.refunded_at at time zone 'UTC')::date, coalesce(p.package_id, ${NONE}), p.currency, 0, 0, 0, 0, 1, p.refunded_minor
      from payments p where p.refunded_at is not null and p.refunded_minor > 0
        and (p.refunded_at at time zone 'UTC')::date in (select day from dirty_payment_days)
    ), inserted as (
      insert into report_payment_days (day, package_id, currency, paid, paid_minor, failed, recovered, refunds, refunded_minor)
      select day, package_id, currency, sum(paid), sum(paid_minor), sum(failed), sum(recovered), sum(refunds), sum(refunded_minor)
      from facts
      group by day, package_id, currency
      returning 1)
    select count(*) as n from inserted`,
  );
}

/** Subscriptions started, ended and live (with their monthly recurring revenue) on each UTC day from `from` to `asOf`. */
async function refreshSubscriptionDays(tx: Database, from: string | null, asOf: string): Promise<number> {
  const start = from === null ? sql`(select min((created_at at time zone 'UTC')::date) from subscriptions)` : sql`${from}::date`;
  await tx.execute(sql`delete from report_subscription_days where day >= ${start} and day <= ${asOf}::date`);
  return count(
    tx,
    sql`with subs as (
      select s.package_id, pp.currency,
        round(pp.amount_minor::numeric / case pp.period when 'monthly' then 1 when 'quarterly' then 3 else 12 end) as monthly_minor,
        (s.created_at at time zone 'UTC')::date as start_day,
        case when s.status = 'ended' then (coalesce(s.ended_at, s.updated_at) at time zone 'UTC')::date end as end_day
      from subscriptions s join package_prices pp on pp.id = s.price_id
      where s.status <> 'incomplete'
    ), days as (select g::date as day from generate_series(${start}, ${asOf}::date, interval '1 day') g),
    inserted as (
      insert into report_subscription_days (day, package_id, currency, started, ended, live, mrr_minor)
      select d.day, s.package_id, s.currency,
        count(*) filter (where s.start_day = d.day),
        count(*) filter (where s.end_day = d.day),
        count(*) filter (where s.end_day is null or s.end_day > d.day),
        coalesce(sum(s.monthly_minor) filter (where s.end_day is null or s.end_day > d.day), 0)
      from days d join subs s on s.start_day <= d.day and (s.end_day is null or s.end_day >= d.day)
      group by d.day, s.package_id, s.currency
      returning 1)
    select count(*) as n from inserted`,
  );
}

const COACH_DAY_VALUES = [
  "assignments",
  "within24",
  "first_n",
  "first_min",
  "next_n",
  "next_min",
  "missed",
  "completed",
  "no_show",
  "ratings",
  "stars",
];

/** One row per coaching fact: its UTC day, coach, and what it adds to each of the day's counts. */
function coachFacts(now: Date): SQL {
  const at = sql`${now.toISOString()}::timestamptz`;
  return sql`
      select (started_at at time zone 'UTC')::date as day, coach_id, 1 as assignments,
        (started_at - requested_at <= interval '24 hours')::int as within24, 0 as first_n, 0::bigint as first_min, 0 as next_n, 0::bigint as next_min,
        0 as missed, 0 as completed, 0 as no_show, 0 as ratings, 0 as stars
      from coach_assignments
      union all
      select (asked_at at time zone 'UTC')::date, coach_id, 0, 0,
        (kind = 'first' and answered_at is not null)::int,
        case when kind = 'first' and answered_at is not null then floor(extract(epoch from answered_at - asked_at) / 60)::bigint else 0 end,
        (kind = 'next' and answered_at is not null)::int,
        case when kind = 'next' and answered_at is not null then floor(extract(epoch from answered_at - asked_at) / 60)::bigint else 0 end,
        (answered_at > due_at or (answered_at is null and due_at < ${at}))::int, 0, 0, 0, 0
      from coach_responses
      union all
      select (starts_at at time zone 'UTC')::date, coach_id, 0, 0, 0, 0, 0, 0, 0,
        (status = 'completed')::int, (status = 'missed')::int, 0, 0
      from coaching_sessions where status in ('completed', 'missed')
      union all
      select (created_at at time zone 'UTC')::date, coach_id, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, stars from session_ratings`;
}

/** Each coach's assignments, responses, sessions and ratings on the UTC days in `dirty_coach_days` (every day: `all`). */
async function refreshCoachDays(tx: Database, now: Date, days: "dirty" | "all" = "dirty"): Promise<number> {
  const chosen = days === "all" ? sql`true` : sql`day in (select day from dirty_coach_days)`;
  await tx.execute(sql`delete from report_coach_days where ${chosen}`);
  return count(
    tx,
    sql`with facts as (${coachFacts(now)}), inserted as (
      insert into report_coach_days (day, coach_id, assignments, assigned_within24h, first_responses, first_response_minutes,
        next_responses, next_response_minutes, sla_missed, sessions_completed, sessions_missed, ratings, rating_stars)
      -- A fact that is not known yet (a response not due, an assignment with no request) is null; a day of only those is 0, not null.
      select day, coach_id, ${sql.raw(COACH_DAY_VALUES.map((c) => `coalesce(sum(${c}), 0)`).join(", "))}
      from facts where ${chosen}
      group by day, coach_id
      returning 1)
    select count(*) as n from inserted`,
  );
}

/**
 * Whether report_coach_days still adds up to the coaching tables. Facts are deleted outright (an
 * erasure takes the member's assignments, chat and sessions with it), which no watermark sees; every
 * other change marks its day dirty. A deletion only lowers a day's counts, so once the dirty days are
 * recomputed, equal totals and an equal number of rows mean every row is right.
 */
async function coachDaysInStep(tx: Database, now: Date): Promise<boolean> {
  const sums = (source: string) => sql.raw(COACH_DAY_VALUES.map((c) => `coalesce(sum(${source}${c}), 0)::bigint`).join(", "));
  const stored = sql.raw(
    [
      "assignments",
      "assigned_within24h",
      "first_responses",
      "first_response_minutes",
      "next_responses",
      "next_response_minutes",
      "sla_missed",
      "sessions_completed",
      "sessions_missed",
      "ratings",
      "rating_stars",
    ]
      .map((c) => `coalesce(sum(${c}), 0)::bigint`)
      .join(", "),
  );
  const [row] = (await tx.execute(sql`
    select (select array[count(*)::bigint, ${stored}] from report_coach_days)
      = (select array[count(distinct (day, coach_id))::bigint, ${sums("")}] from (${coachFacts(now)}) facts) as same`)) as unknown as {
    same: boolean;
  }[];
  return row?.same === true;
}

/**
 * report_member_totals from report_members, all groups at once: one pass over the members' rows per run
 * (report_members' last seven days change for everyone when the day turns), where the success report
 * made that pass on every view. The sums are those averageReduction and brinkmanIndex divide.
 */
async function refreshMemberTotals(tx: Database): Promise<void> {
  await tx.execute(sql`delete from report_member_totals`);
  await tx.execute(sql`
    insert into report_member_totals (package_id, coach_id, language, reduction_members, reduction_percent_sum,
      brinkman_members, brinkman_baseline_sum, brinkman_current_sum)
    select m.package_id, m.coach_id, m.language, count(*),
      sum((m.baseline_per_day - w.smoked / 7.0) / m.baseline_per_day * 100),
      count(*) filter (where m.years_smoked is not null),
      coalesce(sum(m.baseline_per_day * m.years_smoked), 0),
      coalesce(sum(w.smoked / 7.0 * m.years_smoked), 0)
    from report_members m cross join lateral (select sum(x) as smoked from unnest(m.last7_days) x) w
    where m.baseline_per_day > 0 and cardinality(m.last7_days) = 7 and array_position(m.last7_days, null) is null
    group by 1, 2, 3`);
}

/** One UTC day of posts and comments, as [start, end) timestamps (so the created_at indexes serve it). */
const dayRange = (column: string) =>
  sql.raw(`${column} >= (d.day::timestamp at time zone 'UTC') and ${column} < ((d.day + 1)::timestamp at time zone 'UTC')`);

/**
 * Posts and comments per UTC day by the author's package, coach and language. Incrementally, the
 * days recomputed are those with a post or comment written since the watermark and every day of an
 * author in `dirty_members` (whose package, coach or language may have moved their rows to another
 * group). Posts and comments are also deleted outright (by their author, a moderator, an erasure),
 * which no watermark sees: a deletion only lowers a day's counts, so once the dirty days are
 * recomputed, totals equal to the tables' row counts mean every row is right, and otherwise every
 * day is counted again. An erasure that keeps the posts moves them to "a former member" without
 * deleting any, so an erasure since the watermark counts every day again too.
 */
async function refreshCommunityDays(tx: Database, since: SQL | null = null): Promise<number> {
  if (since) {
    const [erased] = (await tx.execute(
      sql`select exists (select 1 from erasure_receipts where erased_at > ${since}) as erased`,
    )) as unknown as { erased: boolean }[];
    if (!erased!.erased) {
      await tx.execute(sql`create temp table dirty_community_days on commit drop as
        select (created_at at time zone 'UTC')::date as day from community_posts where created_at > ${since}
        union select (created_at at time zone 'UTC')::date from community_comments where created_at > ${since}
        union select (created_at at time zone 'UTC')::date from community_posts where author_id in (select id from dirty_members)
        union select (created_at at time zone 'UTC')::date from community_comments where author_id in (select id from dirty_members)`);
      await tx.execute(sql`delete from report_community_days where day in (select day from dirty_community_days)`);
      const days = await insertCommunityDays(
        tx,
        sql`select d.day, p.author_id, 1 as posts, 0 as comments from dirty_community_days d join community_posts p on ${dayRange("p.created_at")}
          union all select d.day, c.author_id, 0, 1 from dirty_community_days d join community_comments c on ${dayRange("c.created_at")}`,
      );
      const [step] = (await tx.execute(sql`
        select (select array[coalesce(sum(posts), 0), coalesce(sum(comments), 0)]::bigint[] from report_community_days)
          = array[(select count(*) from community_posts), (select count(*) from community_comments)]::bigint[] as same`)) as unknown as {
        same: boolean;
      }[];
      if (step!.same) return days;
    }
  }
  await tx.execute(sql`delete from report_community_days`);
  return insertCommunityDays(
    tx,
    sql`select (created_at at time zone 'UTC')::date as day, author_id, 1 as posts, 0 as comments from community_posts
      union all select (created_at at time zone 'UTC')::date, author_id, 0, 1 from community_comments`,
  );
}

/** Adds report_community_days rows for `facts` (day, author_id, posts, comments), grouped by the author's dimensions. */
async function insertCommunityDays(tx: Database, facts: SQL): Promise<number> {
  return count(
    tx,
    sql`with facts as (${facts}), inserted as (
      insert into report_community_days (day, package_id, coach_id, language, posts, comments)
      select f.day, coalesce(m.package_id, ${NONE}), coalesce(m.coach_id, ${NONE}), coalesce(m.language, ''), sum(f.posts), sum(f.comments)
      from facts f left join report_members m on m.user_id = f.author_id
      group by 1, 2, 3, 4
      returning 1)
    select count(*) as n from inserted`,
  );
}
