import { sql } from "drizzle-orm";
import type { Database } from "#db/client.server";

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
  streak_start: string | null;
  streak_days: number;
  money_saved_minor: string | number;
  currency: string;
  cravings_resisted: number;
  check_in_streak_days: number;
  stages_completed: number;
  total_stages: number;
  time_zone: string;
};

/** A uuid[] as one text parameter: thousands of ids without thousands of bind parameters. */
export const uuidArray = (ids: readonly string[]) => sql`${`{${ids.join(",")}}`}::uuid[]`;

/**
 * Progress of members with an active quit attempt, in ONE statement (same contract as the journey's
 * cessation/progress.server.ts). Days are counted on each member's own clock at `now`:
 * - the smoke-free streak starts the day after the last day with cigarettes on/after the quit date (or on the quit date);
 * - money saved = Σ over completed days since the quit date of max(0, baseline − cigarettes) × pack price ÷ per pack,
 *   rounded once (a day without a row counts as smoke-free);
 * - cravings resisted are all the member's resisted cravings; the check-in streak is the run of checked-in
 *   days ending today or yesterday; stages come from the latest plan revision's `stages` (endDate before today = completed).
 */
export async function memberProgressSnapshots(db: Database, userIds: string[] | "all-active", now: Date): Promise<Map<string, ProgressSnapshot>> {
  const result = new Map<string, ProgressSnapshot>();
  if (userIds !== "all-active" && userIds.length === 0) return result;
  const who = userIds === "all-active" ? sql`true` : sql`a.user_id = any(${uuidArray(userIds)})`;
  const rows = (await db.execute(sql`
    with members as (
      select a.user_id, a.id as attempt_id, a.quit_date, a.baseline_per_day, a.cigarettes_per_pack, a.pack_price_minor, a.currency, u.time_zone,
             (${now.toISOString()}::timestamptz at time zone u.time_zone)::date as today
      from quit_attempts a join users u on u.id = a.user_id
      where a.status = 'active' and ${who}
    ),
    totals as (
      select m.user_id,
             max(d.local_date) filter (where d.cigarettes > 0 and d.local_date >= m.quit_date and d.local_date <= m.today) as last_smoked,
             coalesce(sum(least(d.cigarettes, m.baseline_per_day)) filter (where d.local_date >= m.quit_date and d.local_date < m.today), 0) as smoked_capped,
             coalesce(sum(d.cravings_resisted), 0) as cravings_resisted
      from members m left join daily_totals d on d.user_id = m.user_id
      group by m.user_id
    ),
    check_ins as (
      select d.user_id, d.local_date, d.local_date - (row_number() over (partition by d.user_id order by d.local_date))::int as island
      from daily_totals d join members m on m.user_id = d.user_id
      where d.checked_in and d.local_date <= m.today
    ),
    check_in_runs as (
      select distinct on (c.user_id) c.user_id, count(*) as days, max(c.local_date) as last_day
      from check_ins c group by c.user_id, c.island
      order by c.user_id, max(c.local_date) desc
    ),
    plans as (
      select distinct on (p.attempt_id) p.attempt_id, p.plan
      from plan_revisions p join members m on m.attempt_id = p.attempt_id
      order by p.attempt_id, p.revision desc
    )
    select m.user_id,
           to_char((s.start::timestamp at time zone m.time_zone) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as streak_start,
           greatest(0, m.today - s.start) as streak_days,
           round(greatest(0, greatest(0, m.today - m.quit_date)::numeric * m.baseline_per_day - t.smoked_capped) * m.pack_price_minor / m.cigarettes_per_pack) as money_saved_minor,
           m.currency,
           t.cravings_resisted::int as cravings_resisted,
           case when r.last_day >= m.today - 1 then r.days else 0 end::int as check_in_streak_days,
           coalesce((select count(*) from jsonb_array_elements(case when jsonb_typeof(pl.plan->'stages') = 'array' then pl.plan->'stages' else '[]'::jsonb end) st
                     where st->>'endDate' ~ '^\\d{4}-\\d{2}-\\d{2}$' and (st->>'endDate')::date < m.today), 0)::int as stages_completed,
           coalesce(case when jsonb_typeof(pl.plan->'stages') = 'array' then jsonb_array_length(pl.plan->'stages') end, 0)::int as total_stages,
           m.time_zone
    from members m
    join totals t on t.user_id = m.user_id
    cross join lateral (select case when t.last_smoked is null then m.quit_date else t.last_smoked + 1 end as start) s
    left join check_in_runs r on r.user_id = m.user_id
    left join plans pl on pl.attempt_id = m.attempt_id
  `)) as unknown as SnapshotRow[];
  for (const row of rows) {
    result.set(row.user_id, {
      smokeFreeStreakStart: row.streak_start ? new Date(row.streak_start) : null,
      smokeFreeStreakDays: Number(row.streak_days),
      moneySavedMinor: Number(row.money_saved_minor),
      currency: row.currency,
      cravingsResisted: Number(row.cravings_resisted),
      checkInStreakDays: Number(row.check_in_streak_days),
      stagesCompleted: Number(row.stages_completed),
      totalStages: Number(row.total_stages),
      timeZone: row.time_zone,
    });
  }
  return result;
}
