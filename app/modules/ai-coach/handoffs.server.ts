import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { aiCoachHandoffs, coachAssignments, users } from "#db/schema";
import type { Database } from "#db/client.server";
import { DomainError } from "~/lib/domain-error";
import { openEscalation } from "~/modules/escalations/escalations.server";

/** NOTIFY channel: the payload is the id of a staff user whose open handoffs changed. */
export const HANDOFF_CHANNEL = "quitpath_ai_handoff";

export type HandoffReason = "crisis" | "requested" | "low-ratings";

/**
 * Opens a handoff for the member's active coach, or for the admins' queue (coach null) when they
 * have none. Returns who must be told; call notifyHandoff with it after the transaction commits.
 */
export async function openHandoff(
  tx: Database,
  a: { userId: string; threadId: string | null; reason: HandoffReason; categories?: readonly string[] },
): Promise<{ id: string; coachId: string | null; coachName: string | null; notify: string[] }> {
  const [coach] = await tx
    .select({ id: users.id, name: users.displayName })
    .from(coachAssignments)
    .innerJoin(users, eq(users.id, coachAssignments.coachId))
    .where(and(eq(coachAssignments.memberId, a.userId), eq(coachAssignments.status, "active")))
    .limit(1);
  const [row] = await tx
    .insert(aiCoachHandoffs)
    .values({ userId: a.userId, threadId: a.threadId, coachId: coach?.id ?? null, reason: a.reason, categories: [...(a.categories ?? [])] })
    .returning({ id: aiCoachHandoffs.id, createdAt: aiCoachHandoffs.createdAt });
  // A crisis also goes on the admins' escalations queue at once, whoever the coach is.
  if (a.reason === "crisis") await openEscalation(tx, { kind: "crisis", subjectId: row!.id, memberId: a.userId, at: row!.createdAt });
  const notify = coach ? [coach.id] : (await tx.select({ id: users.id }).from(users).where(eq(users.role, "admin"))).map((u) => u.id);
  return { id: row!.id, coachId: coach?.id ?? null, coachName: coach?.name ?? null, notify };
}

export async function notifyHandoff(db: Database, staffIds: readonly string[]): Promise<void> {
  for (const id of staffIds) await db.execute(sql`select pg_notify(${HANDOFF_CHANNEL}, ${id})`);
}

export type OpenHandoff = {
  id: string;
  memberId: string;
  memberName: string;
  reason: HandoffReason;
  categories: string[];
  createdAt: Date;
};

/** A coach's open handoffs (an admin's: the queue of members without a coach), newest first. */
export async function openHandoffsFor(db: Database, staff: { id: string; role: string }): Promise<OpenHandoff[]> {
  const target = staff.role === "admin" ? isNull(aiCoachHandoffs.coachId) : eq(aiCoachHandoffs.coachId, staff.id);
  return db
    .select({
      id: aiCoachHandoffs.id,
      memberId: aiCoachHandoffs.userId,
      memberName: users.displayName,
      reason: aiCoachHandoffs.reason,
      categories: aiCoachHandoffs.categories,
      createdAt: aiCoachHandoffs.createdAt,
    })
    .from(aiCoachHandoffs)
    .innerJoin(users, eq(users.id, aiCoachHandoffs.userId))
    .where(and(target, eq(aiCoachHandoffs.status, "open")))
    .orderBy(desc(aiCoachHandoffs.createdAt))
    .limit(50);
}

/** The coach (or, for the queue, an admin) has seen it. A handoff that is not theirs is a 404. */
export async function acknowledgeHandoff(db: Database, staff: { id: string; role: string }, handoffId: string, now = new Date()) {
  const target = staff.role === "admin" ? sql`true` : eq(aiCoachHandoffs.coachId, staff.id);
  const [row] = await db
    .update(aiCoachHandoffs)
    .set({ status: "acknowledged", acknowledgedAt: now, acknowledgedBy: staff.id })
    .where(and(eq(aiCoachHandoffs.id, handoffId), target))
    .returning({ id: aiCoachHandoffs.id });
  if (!row) throw new DomainError("not-found", "aiCoach:errors.notFound");
}
