import { and, eq, inArray, isNull, lte } from "drizzle-orm";
import { coachingSessions, sessionAttendance } from "#db/schema";
import type { Database } from "#db/client.server";
import { attendanceOutcome, SETTLE_AFTER_END_MS, type AttendanceRecord } from "./attendance";

/** Records that a participant joined a session's call (the call page calls this; the row is its own record). */
export async function recordJoin(db: Database, sessionId: string, userId: string, role: "member" | "coach", at: Date) {
  const [row] = await db
    .insert(sessionAttendance)
    .values({ sessionId, userId, role, joinedAt: at })
    .returning({ id: sessionAttendance.id });
  return row!;
}

export async function recordLeave(db: Database, attendanceId: string, at: Date) {
  // The first leave counts (a "bye" and the stream closing may both report it).
  await db
    .update(sessionAttendance)
    .set({ leftAt: at })
    .where(and(eq(sessionAttendance.id, attendanceId), isNull(sessionAttendance.leftAt)));
}

/**
 * Settles sessions that are over: a confirmed one becomes completed or missed from its attendance,
 * a request the coach never answered is cancelled. Idempotent: only rows still live are changed.
 */
export async function settleSessions(db: Database, now: Date): Promise<{ completed: number; missed: number; expired: number }> {
  const cutoff = new Date(now.getTime() - SETTLE_AFTER_END_MS);
  const over = await db
    .select({ id: coachingSessions.id, endsAt: coachingSessions.endsAt })
    .from(coachingSessions)
    .where(and(eq(coachingSessions.status, "confirmed"), lte(coachingSessions.endsAt, cutoff)))
    .limit(1000);
  const records = over.length
    ? await db
        .select({
          sessionId: sessionAttendance.sessionId,
          role: sessionAttendance.role,
          joinedAt: sessionAttendance.joinedAt,
          leftAt: sessionAttendance.leftAt,
        })
        .from(sessionAttendance)
        .where(
          inArray(
            sessionAttendance.sessionId,
            over.map((s) => s.id),
          ),
        )
    : [];
  const counts = { completed: 0, missed: 0, expired: 0 };
  for (const session of over) {
    const mine: AttendanceRecord[] = records.filter((r) => r.sessionId === session.id);
    const outcome = attendanceOutcome(session, mine, now);
    if (!outcome) continue;
    const changed = await db
      .update(coachingSessions)
      .set({ status: outcome.status, missedBy: outcome.missedBy, settledAt: now, updatedAt: now })
      .where(and(eq(coachingSessions.id, session.id), eq(coachingSessions.status, "confirmed")))
      .returning({ id: coachingSessions.id });
    if (changed.length) counts[outcome.status]++;
  }
  const expired = await db
    .update(coachingSessions)
    .set({ status: "cancelled", cancelledAt: now, updatedAt: now }) // no one cancelled it: the request lapsed
    .where(and(eq(coachingSessions.status, "requested"), lte(coachingSessions.startsAt, now)))
    .returning({ id: coachingSessions.id });
  counts.expired = expired.length;
  return counts;
}
