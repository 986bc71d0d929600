import { sql, type SQL } from "drizzle-orm";
import type { Database } from "#db/client.server";

/**
 * A member's current smoke-free days, as one SQL expression over `userId` (a column or a
 * parameter) — the feed embeds it, so every author on a page costs one index probe, not a query.
 * Active attempt only; the streak starts the day after the last local day with cigarettes on or
 * after the quit date (else on the quit date); counted to the member's own local today, never
 * negative. Null when the member has no active attempt.
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

/** Smoke-free days for several members in one statement (members without an active attempt are absent). */
export async function smokeFreeDays(db: Database, userIds: string[]): Promise<Map<string, number>> {
  if (userIds.length === 0) return new Map();
  const rows = await db.execute<{ id: string; days: number | null }>(sql`
    select u.id, ${smokeFreeDaysExpression(sql`u.id`, sql`u.time_zone`)} as days
    from users u where u.id in (${sql.join(userIds.map((id) => sql`${id}::uuid`), sql`, `)})`);
  return new Map(rows.filter((r) => r.days !== null).map((r) => [r.id, Number(r.days)]));
}
