import { sql, type SQL } from "drizzle-orm";
import type { Database } from "#db/client.server";

/**
 * The database's invariants, each a query returning the rows that break it (none when it
 * holds): counters equal the rows they count, rollups equal the raw sums, numbering is gapless,
 * and rows that must agree with their parents do. Tests that hammer the app (the fuzz) check
 * that none is broken afterwards.
 */
export const INVARIANTS: { name: string; violations: SQL }[] = [
  {
    name: "community_posts.comment_count equals its comments",
    violations: sql`select p.id, p.comment_count, (select count(*)::int from community_comments c where c.post_id = p.id) as actual
      from community_posts p where p.comment_count <> (select count(*) from community_comments c where c.post_id = p.id)`,
  },
  {
    name: "community_posts reaction counters equal their reactions",
    violations: sql`select p.id from community_posts p where
      p.support_count <> (select count(*) from community_reactions r where r.post_id = p.id and r.type = 'support')
      or p.celebrate_count <> (select count(*) from community_reactions r where r.post_id = p.id and r.type = 'celebrate')
      or p.hug_count <> (select count(*) from community_reactions r where r.post_id = p.id and r.type = 'hug')`,
  },
  {
    name: "community_comments replies are on their parent's post",
    violations: sql`select c.id from community_comments c join community_comments parent on parent.id = c.parent_id
      where parent.post_id <> c.post_id`,
  },
  {
    name: "daily_totals equal the sums of the day's logs",
    violations: sql`with logs as (
        select user_id, local_date, sum(count)::int as cigarettes, 0 as cravings, 0 as resisted from cigarette_logs group by 1, 2
        union all
        select user_id, local_date, 0, count(*)::int, count(*) filter (where resisted)::int from craving_logs group by 1, 2
      ), sums as (
        select user_id, local_date, sum(cigarettes)::int as cigarettes, sum(cravings)::int as cravings, sum(resisted)::int as resisted
        from logs group by 1, 2
      )
      select coalesce(t.user_id, s.user_id) as user_id, coalesce(t.local_date, s.local_date) as local_date,
        t.cigarettes, s.cigarettes as logged_cigarettes, t.cravings, s.cravings as logged_cravings
      from daily_totals t full join sums s on s.user_id = t.user_id and s.local_date = t.local_date
      where coalesce(t.cigarettes, 0) <> coalesce(s.cigarettes, 0)
        or coalesce(t.cravings, 0) <> coalesce(s.cravings, 0)
        or coalesce(t.cravings_resisted, 0) <> coalesce(s.resisted, 0)`,
  },
  {
    name: "conversations.last_seq is its newest message and sequence numbers are gapless",
    violations: sql`select c.id, c.last_seq, count(m.id)::int as messages, max(m.seq) as newest
      from conversations c left join messages m on m.conversation_id = c.id
      group by c.id having c.last_seq <> coalesce(max(m.seq), 0) or count(m.id) <> c.last_seq`,
  },
  {
    name: "a conversation has its assignment's member and coach",
    violations: sql`select c.id from conversations c join coach_assignments a on a.id = c.assignment_id
      where a.member_id <> c.member_id or a.coach_id <> c.coach_id`,
  },
  {
    name: "a message's sender is a side of its conversation",
    violations: sql`select m.id from messages m join conversations c on c.id = m.conversation_id
      where m.sender_id is not null and m.sender_id not in (c.member_id, c.coach_id)`,
  },
  {
    name: "at most one active coach assignment per member",
    violations: sql`select member_id from coach_assignments where status = 'active' group by member_id having count(*) > 1`,
  },
  {
    name: "a plan revision belongs to its attempt's member and revisions are numbered 1..n",
    violations: sql`select a.id from quit_attempts a join plan_revisions r on r.attempt_id = a.id
      group by a.id, a.user_id having bool_or(r.user_id <> a.user_id) or max(r.revision) <> count(*) or min(r.revision) <> 1`,
  },
  {
    name: "at most one open quit attempt per member",
    violations: sql`select user_id from quit_attempts where status = 'active' group by user_id having count(*) > 1`,
  },
  {
    name: "a badge is awarded once per member",
    violations: sql`select user_id, badge_id from badge_awards group by 1, 2 having count(*) > 1`,
  },
  {
    name: "sessions belong to existing users",
    violations: sql`select s.id from sessions s left join users u on u.id = s.user_id where u.id is null`,
  },
];

export type Violation = { invariant: string; rows: unknown[] };

/** Runs every invariant; returns the broken ones with (up to 5 of) their offending rows. */
export async function invariantViolations(db: Database): Promise<Violation[]> {
  const broken: Violation[] = [];
  for (const invariant of INVARIANTS) {
    const rows = (await db.execute(invariant.violations)) as unknown as unknown[];
    if (rows.length > 0) broken.push({ invariant: invariant.name, rows: rows.slice(0, 5) });
  }
  return broken;
}

/**
 * Stored text longer than `limit` characters, or containing NUL (U+0000, which Postgres text
 * refuses but jsonb strings can smuggle as \u0000), in every text, varchar and jsonb column of
 * the public schema.
 */
export async function oversizedText(db: Database, limit: number): Promise<{ table: string; column: string; length: number }[]> {
  const columns = (await db.execute(sql`select table_name, column_name, data_type from information_schema.columns
    where table_schema = 'public' and data_type in ('text', 'character varying', 'jsonb', 'ARRAY')
      and table_name in (select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE')
      and table_name not like '%pgboss%'`)) as unknown as { table_name: string; column_name: string; data_type: string }[];
  const found: { table: string; column: string; length: number }[] = [];
  for (const { table_name, column_name } of columns) {
    const column = sql.raw(`"${column_name}"::text`);
    const rows = (await db.execute(
      sql`select max(length(${column}))::int as length from ${sql.raw(`"${table_name}"`)}
        where length(${column}) > ${limit} or strpos(${column}, '\\u0000') > 0`,
    )) as unknown as { length: number | null }[];
    if (rows[0]?.length) found.push({ table: table_name, column: column_name, length: rows[0].length });
  }
  return found;
}
