import { sql } from "drizzle-orm";
import type { Database } from "#db/client.server";
import type { LocalDate } from "~/lib/local-date";
import { memberProgressSnapshots } from "~/modules/journey/progress.server";
import { caseloadPage, type CaseloadEntry, type CaseloadPage, type CaseloadQuery } from "./caseload";
import { assessRisk, type RiskInput } from "./risk";

type CaseloadRow = {
  member_id: string;
  display_name: string;
  time_zone: string;
  today: string;
  quit_date: string | null;
  last_check_in: string | null;
  last_relapse_on: string | null;
  follow_up: { smokedSinceDay14: boolean; smokedPast7Days: boolean } | null;
  recent: { date: string; cigarettes: number; cravings: number }[] | null;
  last_message_at: Date | string | null;
  unread: number;
  asked_for_human_at: Date | string | null;
};

export type CaseloadMember = CaseloadEntry & { riskInput: RiskInput; timeZone: string; today: LocalDate };

/**
 * Every member actively assigned to the coach (or one of them), with what risk triage and the
 * list need, in one statement however many members: the last 14 days of daily_totals, the last
 * check-in, the latest relapse, the active attempt's 4-week follow-up, the chat's unread count
 * (member and AI-coach messages after the coach's read position) and the latest AI-coach handoff. A coach holds at most 1,000 members (the
 * capacity check), so the whole caseload is read and ranked; pages are cut from it by cursor.
 */
async function caseloadRows(db: Database, coachId: string, now: Date, memberId?: string): Promise<CaseloadRow[]> {
  const one = memberId ? sql`and ca.member_id = ${memberId}::uuid` : sql``;
  return (await db.execute(sql`
    with m as (
      select ca.member_id, u.display_name, u.time_zone, (${now.toISOString()}::timestamptz at time zone u.time_zone)::date as today
      from coach_assignments ca join users u on u.id = ca.member_id
      where ca.coach_id = ${coachId}::uuid and ca.status = 'active' ${one}
    )
    select m.member_id, m.display_name, m.time_zone, m.today::text as today, qa.quit_date::text as quit_date,
           (select d.local_date::text from daily_totals d where d.user_id = m.member_id and d.checked_in and d.local_date <= m.today
             order by d.local_date desc limit 1) as last_check_in,
           (select max(r.ended_on)::text from quit_attempts r where r.user_id = m.member_id and r.status = 'relapsed') as last_relapse_on,
           (select json_build_object('smokedSinceDay14', f.smoked_since_day14, 'smokedPast7Days', f.smoked_past7_days)
              from outcome_follow_ups f where f.attempt_id = qa.id and f.follow_up = '4-weeks') as follow_up,
           (select json_agg(json_build_object('date', d.local_date, 'cigarettes', d.cigarettes, 'cravings', d.cravings))
              from daily_totals d where d.user_id = m.member_id and d.local_date > m.today - 14 and d.local_date <= m.today) as recent,
           c.last_message_at,
           coalesce((select count(*) from messages msg where msg.conversation_id = c.id and msg.seq > c.coach_read_seq
                       and (msg.sender_id = m.member_id or msg.from_ai_coach) and msg.deleted_at is null), 0)::int as unread,
           (select max(h.created_at) from ai_coach_handoffs h where h.user_id = m.member_id) as asked_for_human_at
    from m
    left join quit_attempts qa on qa.user_id = m.member_id and qa.status = 'active'
    left join lateral (select * from conversations c where c.member_id = m.member_id and c.coach_id = ${coachId}::uuid
                       order by c.created_at desc limit 1) c on true
  `)) as unknown as CaseloadRow[];
}

function toMember(row: CaseloadRow, smokeFreeDays: number | null, checkInStreakDays: number, now: Date): CaseloadMember {
  const riskInput: RiskInput = {
    today: row.today as LocalDate,
    attempt: row.quit_date ? { quitDate: row.quit_date } : null,
    recentDays: row.recent ?? [],
    lastCheckIn: row.last_check_in,
    lastRelapseOn: row.last_relapse_on,
    fourWeekFollowUp: row.follow_up,
    // Any AI-coach handoff (asked, two unhelpful answers, a crisis): the member wanted or needed a person.
    askedForHumanAt: row.asked_for_human_at === null ? null : new Date(row.asked_for_human_at),
    now,
  };
  return {
    memberId: row.member_id,
    displayName: row.display_name,
    smokeFreeDays,
    checkInStreakDays,
    lastCheckIn: row.last_check_in,
    lastMessageAt: row.last_message_at === null ? null : new Date(row.last_message_at).toISOString(),
    unread: Number(row.unread),
    risk: assessRisk(riskInput),
    riskInput,
    timeZone: row.time_zone,
    today: row.today as LocalDate,
  };
}

/** The coach's caseload with figures from the journey's rollups: two statements for any number of members. */
export async function caseloadMembers(db: Database, coachId: string, now: Date, memberId?: string): Promise<CaseloadMember[]> {
  const rows = await caseloadRows(db, coachId, now, memberId);
  const progress = await memberProgressSnapshots(
    db,
    rows.map((r) => r.member_id),
    now,
  );
  return rows.map((row) => {
    const p = progress.get(row.member_id);
    return toMember(row, p ? p.smokeFreeStreakDays : null, p?.checkInStreakDays ?? 0, now);
  });
}

export async function caseload(db: Database, coachId: string, query: CaseloadQuery, now: Date): Promise<CaseloadPage<CaseloadMember>> {
  return caseloadPage(await caseloadMembers(db, coachId, now), query);
}

export type SlaAtRisk = { memberId: string; displayName: string; askedAt: string; dueAt: string; overdue: boolean };

/** Member messages still waiting for this coach whose response is due within the hour or already late, soonest first. */
export async function responsesAboutToMiss(db: Database, coachId: string, now: Date): Promise<SlaAtRisk[]> {
  const rows = (await db.execute(sql`
    select c.member_id, u.display_name, r.asked_at, r.due_at
    from coach_responses r
    join conversations c on c.id = r.conversation_id
    join coach_assignments ca on ca.id = c.assignment_id and ca.status = 'active'
    join users u on u.id = c.member_id
    where r.coach_id = ${coachId}::uuid and r.answered_at is null
      and r.due_at <= ${new Date(now.getTime() + 3_600_000).toISOString()}::timestamptz
    order by r.due_at
  `)) as unknown as { member_id: string; display_name: string; asked_at: Date | string; due_at: Date | string }[];
  return rows.map((r) => {
    const dueAt = new Date(r.due_at);
    return {
      memberId: r.member_id,
      displayName: r.display_name,
      askedAt: new Date(r.asked_at).toISOString(),
      dueAt: dueAt.toISOString(),
      overdue: dueAt.getTime() <= now.getTime(),
    };
  });
}
