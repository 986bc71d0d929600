import { sql, type SQL } from "drizzle-orm";
import { uuidArray } from "#db/arrays";
import { preparedRows, type Database } from "#db/client.server";
import type { LocalDate } from "~/lib/local-date";

export type ProgressSnapshot = {
  smokeFreeStreakStart: Date | null;
  smokeFreeStreakDays: number;
  moneySavedMinor: number;
  currency: string;
  cravingsResisted: number;
  checkInStreakDays: number;
  stagesCompleted: number;
  totalStages: number;
  timeZone: string;
};

type SnapshotRow = {
  user_id: string;
  streak_start: Date | string | null;
  streak_days: number;
  money_saved_minor: string | number;
  currency: string;
  cravings_resisted: number;
  check_in_streak: number;
  stages_completed: number;
  total_stages: number;
  time_zone: string;
};

/**
 * Progress of members with an active attempt, in one statement however many members: streak
 * (from the day after the last smoking day on/after the quit date, or the quit date), money
 * saved (Σ over completed days of max(0, baseline − smoked) × pack price ÷ pack size, rounded
 * half away from zero once; today counts once it is over, like the streak), cravings resisted since the attempt began, the live check-in streak (ending
 * today or yesterday) and plan stages completed. Members without an active attempt are absent.
 */
export async function memberProgressSnapshots(
  db: Database,
  userIds: string[] | "all-active",
  now: Date,
): Promise<Map<string, ProgressSnapshot>> {
  if (userIds !== "all-active" && userIds.length === 0) return new Map();
  const filter = userIds === "all-active" ? sql`true` : sql`a.user_id = any(${uuidArray(userIds)})`;
  const rows = await db.execute<SnapshotRow>(sql`
    with m as (
      select a.id as attempt_id, a.user_id, a.quit_date, a.baseline_per_day, a.cigarettes_per_pack, a.pack_price_minor, a.currency,
             u.time_zone, (${now.toISOString()}::timestamptz at time zone u.time_zone)::date as today,
             (a.created_at at time zone u.time_zone)::date as started_on
      from quit_attempts a join users u on u.id = a.user_id
      where a.status = 'active' and ${filter}
    ),
    agg as (
      select m.user_id,
             max(d.local_date) filter (where d.cigarettes > 0 and d.local_date >= m.quit_date and d.local_date <= m.today) as last_smoked,
             coalesce(sum(least(d.cigarettes, m.baseline_per_day)) filter (where d.local_date >= m.quit_date and d.local_date < m.today), 0) as smoked_capped,
             coalesce(sum(d.cravings_resisted) filter (where d.local_date >= least(m.started_on, m.quit_date) and d.local_date <= m.today), 0) as cravings_resisted
      from m left join daily_totals d on d.user_id = m.user_id and d.local_date >= least(m.started_on, m.quit_date) and d.local_date <= m.today
      group by m.user_id
    ),
    ci as (
      select d.user_id, d.local_date, d.local_date - (row_number() over (partition by d.user_id order by d.local_date))::int as island
      from daily_totals d join m on m.user_id = d.user_id
      where d.checked_in and d.local_date <= m.today and d.local_date > m.today - 400
    ),
    ci_runs as (
      select ci.user_id, max(local_date) as last_day, count(*)::int as length from ci group by ci.user_id, island
    ),
    plan as (
      select distinct on (r.attempt_id) r.attempt_id, r.plan from plan_revisions r join m on m.attempt_id = r.attempt_id
      order by r.attempt_id, r.revision desc
    )
    select m.user_id, m.currency, m.time_zone,
           case when m.quit_date > m.today then null
                else (coalesce(agg.last_smoked + 1, m.quit_date)::timestamp at time zone m.time_zone) end as streak_start,
           case when m.quit_date > m.today then 0
                else greatest(0, m.today - coalesce(agg.last_smoked + 1, m.quit_date)) end as streak_days,
           round(greatest(0, m.baseline_per_day::numeric * greatest(0, m.today - m.quit_date) - agg.smoked_capped)
                 * m.pack_price_minor / m.cigarettes_per_pack) as money_saved_minor,
           agg.cravings_resisted::int as cravings_resisted,
           coalesce((select max(r.length) from ci_runs r where r.user_id = m.user_id and r.last_day >= m.today - 1), 0)::int as check_in_streak,
           coalesce((select count(*) from jsonb_array_elements(plan.plan -> 'stages') s
                     where s ->> 'endDate' is not null and (s ->> 'endDate')::date < m.today), 0)::int as stages_completed,
           coalesce(jsonb_array_length(plan.plan -> 'stages'), 0)::int as total_stages
    from m join agg on agg.user_id = m.user_id left join plan on plan.attempt_id = m.attempt_id`);
  const result = new Map<string, ProgressSnapshot>();
  for (const r of rows) {
    result.set(r.user_id, {
      smokeFreeStreakStart: r.streak_start === null ? null : new Date(r.streak_start),
      smokeFreeStreakDays: Number(r.streak_days),
      moneySavedMinor: Number(r.money_saved_minor),
      currency: r.currency,
      cravingsResisted: Number(r.cravings_resisted),
      checkInStreakDays: Number(r.check_in_streak),
      stagesCompleted: Number(r.stages_completed),
      totalStages: Number(r.total_stages),
      timeZone: r.time_zone,
    });
  }
  return result;
}

/**
 * A member's current smoke-free days as one SQL expression over `userId` (a column or a parameter),
 * so a list of authors costs one index probe each, not a query: the streak of the active attempt,
 * from the day after the last local day with cigarettes on/after the quit date (else the quit date)
 * to the member's local today, never negative; null without an active attempt.
 */
export function smokeFreeDaysExpression(userId: SQL, timeZone: SQL): SQL<number | null> {
  return sql<number | null>`(
    select greatest(0, (now() at time zone ${timeZone})::date - coalesce(
      (select max(dt.local_date) + 1 from daily_totals dt
        where dt.user_id = qa.user_id and dt.local_date >= qa.quit_date and dt.cigarettes > 0),
      qa.quit_date))
    from quit_attempts qa where qa.user_id = ${userId} and qa.status = 'active'
  )`;
}

/** Current smoke-free days for several members in one statement (members without an active attempt are absent). */
export async function smokeFreeDays(db: Database, userIds: string[]): Promise<Map<string, number>> {
  if (userIds.length === 0) return new Map();
  const rows = await db.execute<{ id: string; days: number | null }>(sql`
    select u.id, ${smokeFreeDaysExpression(sql`u.id`, sql`u.time_zone`)} as days
    from users u where u.id = any(${uuidArray(userIds)})`);
  return new Map(rows.filter((r) => r.days !== null).map((r) => [r.id, Number(r.days)]));
}

export type DashboardAggregates = {
  days: { date: LocalDate; cigarettes: number; cravings: number; checkedIn: boolean }[];
  lastCigaretteAt: string | null;
  longestStreakDays: number;
  cigarettesAvoided: number;
  topTriggers: { trigger: string; count: number }[];
  today: { cigarettes: number; cravings: number; checkedIn: boolean };
  /** The same figures memberProgressSnapshots gives, computed in this one statement for the dashboard. */
  smokeFreeStreakStart: string | null;
  smokeFreeStreakDays: number;
  moneySavedMinor: number;
  checkInStreakDays: number;
};

/** The dashboard's figures for one member's attempt over the last `period` days, in one statement. */
export async function dashboardAggregates(
  db: Database,
  userId: string,
  a: {
    quitDate: LocalDate;
    baselinePerDay: number;
    packPriceMinor: number;
    cigarettesPerPack: number;
    today: LocalDate;
    timeZone: string;
    period: number;
  },
): Promise<DashboardAggregates> {
  const from = sql`(${a.today}::date - ${a.period - 1}::int)`;
  const rows = await preparedRows<{ data: DashboardAggregates }>(
    db,
    sql`
    with smoked as (
      select local_date from daily_totals
      where user_id = ${userId} and cigarettes > 0 and local_date >= ${a.quitDate}::date and local_date <= ${a.today}::date
    ),
    gaps as (
      select local_date - coalesce(lag(local_date) over (order by local_date), ${a.quitDate}::date - 1) - 1 as gap from smoked
    ),
    last_day as (select max(local_date) as d from smoked),
    avoided as (
      select greatest(0, ${a.baselinePerDay}::int * greatest(0, ${a.today}::date - ${a.quitDate}::date)
          - coalesce((select sum(least(cigarettes, ${a.baselinePerDay}::int)) from daily_totals
                      where user_id = ${userId} and local_date >= ${a.quitDate}::date and local_date < ${a.today}::date), 0)) as n
    ),
    check_ins as (
      select max(local_date) as last_day, count(*)::int as length from (
        select local_date, local_date - (row_number() over (order by local_date))::int as island from daily_totals
        where user_id = ${userId} and checked_in and local_date <= ${a.today}::date and local_date > ${a.today}::date - 400
      ) x group by island
    )
    select json_build_object(
      'smokeFreeStreakStart', case when ${a.quitDate}::date > ${a.today}::date then null
          else (coalesce((select d + 1 from last_day), ${a.quitDate}::date)::timestamp at time zone ${a.timeZone}) end,
      'smokeFreeStreakDays', case when ${a.quitDate}::date > ${a.today}::date then 0
          else greatest(0, ${a.today}::date - coalesce((select d + 1 from last_day), ${a.quitDate}::date)) end,
      'moneySavedMinor', (select round(n::numeric * ${a.packPriceMinor}::bigint / ${a.cigarettesPerPack}::int) from avoided),
      'checkInStreakDays', coalesce((select max(length) from check_ins where last_day >= ${a.today}::date - 1), 0),
      'days', (select json_agg(json_build_object('date', g.day::date, 'cigarettes', coalesce(t.cigarettes, 0), 'cravings', coalesce(t.cravings, 0), 'checkedIn', coalesce(t.checked_in, false)) order by g.day)
               from generate_series(${from}, ${a.today}::date, interval '1 day') g(day)
               left join daily_totals t on t.user_id = ${userId} and t.local_date = g.day::date),
      'lastCigaretteAt', (select case when max(c.smoked_at) is not null
                                   then ((l.d + max(c.smoked_at))::timestamp at time zone ${a.timeZone})
                                   else ((l.d + 1)::timestamp at time zone ${a.timeZone}) end
                          from last_day l left join cigarette_logs c on c.user_id = ${userId} and c.local_date = l.d
                          where l.d is not null group by l.d),
      'longestStreakDays', greatest(0,
          coalesce((select max(gap) from gaps), 0),
          case when ${a.quitDate}::date > ${a.today}::date then 0
               else ${a.today}::date - coalesce((select d + 1 from last_day), ${a.quitDate}::date) end),
      'cigarettesAvoided', (select n from avoided),
      'topTriggers', (select coalesce(json_agg(json_build_object('trigger', trigger, 'count', n) order by n desc, trigger), '[]'::json) from (
                        select trigger, count(*)::int as n from craving_logs
                        where user_id = ${userId} and trigger is not null and local_date >= ${from} and local_date <= ${a.today}::date
                        group by trigger order by n desc, trigger limit 5) tt),
      'today', (select json_build_object('cigarettes', coalesce(max(cigarettes), 0), 'cravings', coalesce(max(cravings), 0), 'checkedIn', coalesce(bool_or(checked_in), false))
                from daily_totals where user_id = ${userId} and local_date = ${a.today}::date)
    ) as data`,
  );
  const data = rows[0]!.data;
  return {
    ...data,
    longestStreakDays: Number(data.longestStreakDays),
    cigarettesAvoided: Number(data.cigarettesAvoided),
    smokeFreeStreakDays: Number(data.smokeFreeStreakDays),
    moneySavedMinor: Number(data.moneySavedMinor),
    checkInStreakDays: Number(data.checkInStreakDays),
    topTriggers: data.topTriggers ?? [],
  };
}

export type CommunityFigures = { smokeFreeToday: number; smokeFreeDaysTogether: number };

/**
 * The homepage's live figures as one JSON value (`{smokeFreeToday, smokeFreeDaysTogether}`), for a
 * statement that reads them with other blocks: members whose active attempt has begun and who logged
 * no cigarette on their own today, and the smoke-free days of every active attempt added up.
 */
export function communityFiguresJson(): SQL<CommunityFigures> {
  return sql<CommunityFigures>`(select json_build_object(
      'smokeFreeToday', count(*) filter (where qa.quit_date <= (now() at time zone u.time_zone)::date and not exists (
        select 1 from daily_totals dt where dt.user_id = qa.user_id
          and dt.local_date = (now() at time zone u.time_zone)::date and dt.cigarettes > 0)),
      'smokeFreeDaysTogether', coalesce(sum(${smokeFreeDaysExpression(sql`u.id`, sql`u.time_zone`)}), 0))
    from quit_attempts qa join users u on u.id = qa.user_id
    where qa.status = 'active')`;
}

/** The stored figures as JSON, or null when none were computed in the last quarter of an hour. */
export function storedCommunityFiguresJson(): SQL<CommunityFigures | null> {
  return sql<CommunityFigures | null>`(select json_build_object('smokeFreeToday', smoke_free_today, 'smokeFreeDaysTogether', smoke_free_days_together)
    from community_figures where computed_at > now() - interval '15 minutes')`;
}

/** Computes the homepage's figures and stores them (the `refresh-community-figures` job, every five minutes). */
export async function refreshCommunityFigures(db: Database): Promise<CommunityFigures> {
  const [row] = await db.execute<{ smokeFreeToday: number; smokeFreeDaysTogether: string | number }>(sql`
    insert into community_figures (id, smoke_free_today, smoke_free_days_together, computed_at)
    select 1, (f->>'smokeFreeToday')::int, (f->>'smokeFreeDaysTogether')::bigint, now() from (select ${communityFiguresJson()} as f) computed
    on conflict (id) do update set smoke_free_today = excluded.smoke_free_today,
      smoke_free_days_together = excluded.smoke_free_days_together, computed_at = excluded.computed_at
    returning smoke_free_today as "smokeFreeToday", smoke_free_days_together as "smokeFreeDaysTogether"`);
  return { smokeFreeToday: row!.smokeFreeToday, smokeFreeDaysTogether: Number(row!.smokeFreeDaysTogether) };
}
