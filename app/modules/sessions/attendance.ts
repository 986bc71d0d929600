/**
 * Whether a session happened, from its participants' joins and leaves: completed when member and
 * coach were connected at the same time for at least 5 minutes in all, missed when one side (or
 * both) never joined, or when both joined but were never together that long ("short").
 */

export type AttendanceRecord = { role: "member" | "coach"; joinedAt: Date; leftAt: Date | null };
export type Outcome = { status: "completed"; missedBy: null } | { status: "missed"; missedBy: "member" | "coach" | "both" | "short" };

export const MINIMUM_TOGETHER_MS = 5 * 60_000;
/** A session is settled this long after its end, so a call that runs over is not cut short. */
export const SETTLE_AFTER_END_MS = 15 * 60_000;

type Interval = [number, number];

function merged(intervals: Interval[]): Interval[] {
  const sorted = intervals.filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0]);
  const out: Interval[] = [];
  for (const [a, b] of sorted) {
    const last = out.at(-1);
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

/** Milliseconds both sides were connected at once; an open connection counts until `until`. */
export function timeTogetherMs(records: AttendanceRecord[], until: Date): number {
  const of = (role: AttendanceRecord["role"]) =>
    merged(
      records
        .filter((r) => r.role === role)
        .map((r): Interval => [r.joinedAt.getTime(), Math.min((r.leftAt ?? until).getTime(), until.getTime())]),
    );
  const member = of("member");
  const coach = of("coach");
  let total = 0;
  for (const [a, b] of member) for (const [c, d] of coach) total += Math.max(0, Math.min(b, d) - Math.max(a, c));
  return total;
}

/** The outcome of a confirmed session once it is over (null before it may be settled). */
export function attendanceOutcome(session: { endsAt: Date }, records: AttendanceRecord[], now: Date): Outcome | null {
  const settleAt = session.endsAt.getTime() + SETTLE_AFTER_END_MS;
  if (now.getTime() < settleAt) return null;
  const memberJoined = records.some((r) => r.role === "member");
  const coachJoined = records.some((r) => r.role === "coach");
  if (!memberJoined && !coachJoined) return { status: "missed", missedBy: "both" };
  if (!memberJoined) return { status: "missed", missedBy: "member" };
  if (!coachJoined) return { status: "missed", missedBy: "coach" };
  return timeTogetherMs(records, new Date(settleAt)) >= MINIMUM_TOGETHER_MS
    ? { status: "completed", missedBy: null }
    : { status: "missed", missedBy: "short" };
}
