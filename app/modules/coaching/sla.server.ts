import { and, asc, eq, gte, inArray, lt, or, isNull } from "drizzle-orm";
import { coachProfiles, coachResponses, conversations, users } from "#db/schema";
import type { Database } from "#db/client.server";
import { aboutToMiss, businessHoursOf, businessMillisBetween, responseState, type ResponseState } from "./sla";

export type CoachResponse = {
  id: string;
  conversationId: string;
  memberId: string;
  memberName: string;
  kind: "first" | "next";
  askedAt: Date;
  dueAt: Date;
  answeredAt: Date | null;
  state: ResponseState;
  aboutToMiss: boolean;
  /** Working minutes from the member's message to the answer (null while unanswered). */
  responseMinutes: number | null;
};

export type CoachResponseReport = {
  coachId: string;
  active: CoachResponse[];
  met: number;
  missed: number;
  /** Mean working minutes to answer, over the answered responses of the period (target: 120). */
  averageResponseMinutes: number | null;
};

/**
 * Each coach's responses for a period (asked in [from, to)), plus every response still open
 * whenever it was asked: active ones with their due time (about-to-miss first), and counts of
 * met and missed, at `now`. One statement for any number of coaches.
 */
export async function coachResponseReports(
  db: Database,
  coachIds: string[],
  period: { from: Date; to: Date },
  now = new Date(),
): Promise<CoachResponseReport[]> {
  if (coachIds.length === 0) return [];
  const rows = await db
    .select({
      response: coachResponses,
      memberId: conversations.memberId,
      memberName: users.displayName,
    })
    .from(coachResponses)
    .innerJoin(conversations, eq(conversations.id, coachResponses.conversationId))
    .innerJoin(users, eq(users.id, conversations.memberId))
    .where(
      and(
        inArray(coachResponses.coachId, coachIds),
        or(and(gte(coachResponses.askedAt, period.from), lt(coachResponses.askedAt, period.to)), isNull(coachResponses.answeredAt)),
      ),
    )
    .orderBy(asc(coachResponses.dueAt));
  const coaches = await db
    .select({ id: users.id, timeZone: users.timeZone, workingHours: coachProfiles.workingHours })
    .from(users)
    .leftJoin(coachProfiles, eq(coachProfiles.coachId, users.id))
    .where(inArray(users.id, coachIds));
  const hoursOf = new Map(coaches.map((c) => [c.id, businessHoursOf(c.workingHours, c.timeZone)]));

  return coachIds.map((coachId) => {
    const hours = hoursOf.get(coachId) ?? null;
    const mine = rows
      .filter((r) => r.response.coachId === coachId)
      .map(({ response: r, memberId, memberName }): CoachResponse => ({
        id: r.id,
        conversationId: r.conversationId,
        // Joined to the member's row: a former member's kept chat is not in the report.
        memberId: memberId!,
        memberName,
        kind: r.kind,
        askedAt: r.askedAt,
        dueAt: r.dueAt,
        answeredAt: r.answeredAt,
        state: responseState(r, now),
        aboutToMiss: aboutToMiss(r, now),
        responseMinutes: r.answeredAt ? Math.round(businessMillisBetween(r.askedAt, r.answeredAt, hours) / 60_000) : null,
      }));
    const inPeriod = mine.filter((r) => r.askedAt >= period.from && r.askedAt < period.to);
    const answered = inPeriod.filter((r) => r.responseMinutes !== null);
    return {
      coachId,
      active: mine.filter((r) => r.state === "active"),
      met: inPeriod.filter((r) => r.state === "met").length,
      missed: inPeriod.filter((r) => r.state === "missed").length,
      averageResponseMinutes:
        answered.length > 0 ? Math.round(answered.reduce((sum, r) => sum + r.responseMinutes!, 0) / answered.length) : null,
    };
  });
}

/** One coach's report (the caseload shows `active` with `aboutToMiss` at the top). */
export async function coachResponseReport(db: Database, coachId: string, period: { from: Date; to: Date }, now = new Date()) {
  const [report] = await coachResponseReports(db, [coachId], period, now);
  return report!;
}
