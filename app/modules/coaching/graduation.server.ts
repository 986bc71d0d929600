import { and, eq } from "drizzle-orm";
import { coachAssignments, graduations, quitAttempts } from "#db/schema";
import type { Database } from "#db/client.server";
import { DomainError } from "~/lib/domain-error";
import { enqueue } from "~/lib/queue.server";
import { evaluateMembers } from "~/modules/badges/awards.server";
import { smokeFreeDays } from "~/modules/journey/progress.server";
import { notify } from "~/modules/notifications/notify.server";

/** Six months smoke-free: the plan's "graduated" stage begins on day 182 (26 weeks) after the quit date. */
export const GRADUATION_SMOKE_FREE_DAYS = 182;

/** Where a graduate is invited to tell their story (the community's story flow). */
export const SHARE_STORY_HREF = "/app/community/new?kind=story";

/** Whether the member can graduate on the figures alone (otherwise the coach and member must agree). */
export async function graduationReadiness(db: Database, memberId: string) {
  const days = (await smokeFreeDays(db, [memberId])).get(memberId) ?? null;
  return { smokeFreeDays: days, onFigures: days !== null && days >= GRADUATION_SMOKE_FREE_DAYS };
}

/**
 * The coach graduates their member after a successful attempt (6 months smoke-free, or earlier when
 * they both agree): a graduations row, the assignment ends as graduated (history kept, the coach's
 * place freed), an invitation to share a success story, and the alumni badge through the badge engine.
 * A second call finds no active assignment: 404, nothing written twice.
 */
export async function graduateMember(
  db: Database,
  a: { coachId: string; memberId: string; agreed: boolean; note: string | null; now: Date },
): Promise<{ smokeFreeDays: number }> {
  const result = await db.transaction(async (tx) => {
    const [assignment] = await tx
      .select()
      .from(coachAssignments)
      .where(and(eq(coachAssignments.coachId, a.coachId), eq(coachAssignments.memberId, a.memberId), eq(coachAssignments.status, "active")))
      .for("update");
    if (!assignment) throw new DomainError("not-found", "errors:notFound.title");
    const [attempt] = await tx
      .select({ id: quitAttempts.id })
      .from(quitAttempts)
      .where(and(eq(quitAttempts.userId, a.memberId), eq(quitAttempts.status, "active")));
    if (!attempt) throw new DomainError("conflict", "caseload:errors.graduationNoAttempt");
    const days = (await smokeFreeDays(tx, [a.memberId])).get(a.memberId) ?? 0;
    if (days < GRADUATION_SMOKE_FREE_DAYS && !a.agreed)
      throw new DomainError("invalid", "caseload:errors.graduationNotReady", { field: "agreed" });
    await tx.insert(graduations).values({
      memberId: a.memberId,
      assignmentId: assignment.id,
      attemptId: attempt.id,
      coachId: a.coachId,
      smokeFreeDays: days,
      note: a.note,
      graduatedAt: a.now,
    });
    await tx
      .update(coachAssignments)
      .set({ status: "graduated", endedAt: a.now, endedBy: a.coachId, endReason: "graduated" })
      .where(eq(coachAssignments.id, assignment.id));
    await notify(tx, {
      userId: a.memberId,
      kind: "milestones",
      messageKey: "notifications:graduated.title",
      href: SHARE_STORY_HREF,
      dedupeKey: `graduation:${assignment.id}`,
    });
    return { smokeFreeDays: days };
  });
  // After commit, as the evaluate-member job does: the badge and its in-app note now, email/SMS by the member's preferences.
  const { awarded } = await evaluateMembers(db, [a.memberId], a.now);
  if (awarded.length > 0) await enqueue("announce-awards", { awardIds: awarded.map((x) => x.id) });
  return result;
}
