import { and, eq, sql } from "drizzle-orm";
import { coachAssignments, conversations, healthDataAccess, type CoachAssignment, type Conversation } from "#db/schema";
import { type Database } from "#db/client.server";
import { DomainError } from "~/lib/domain-error";

/**
 * Who may see whom in coaching, in one place: a member's active coach, and nobody else among
 * coaches. Every coach-side read of a member goes through `coachAssignmentOf`, so a coach removed
 * from a member gets a 404 on their very next request.
 */

/** The member's active assignment (their coach now), or null. */
export async function activeAssignment(db: Database, memberId: string): Promise<CoachAssignment | null> {
  const [row] = await db
    .select()
    .from(coachAssignments)
    .where(and(eq(coachAssignments.memberId, memberId), eq(coachAssignments.status, "active")));
  return row ?? null;
}

/** The active assignment of this member to this coach; anything else (another coach's member, an ended one) is not found. */
export async function coachAssignmentOf(db: Database, coachId: string, memberId: string): Promise<CoachAssignment> {
  const [row] = await db
    .select()
    .from(coachAssignments)
    .where(and(eq(coachAssignments.coachId, coachId), eq(coachAssignments.memberId, memberId), eq(coachAssignments.status, "active")));
  if (!row) throw new DomainError("not-found", "errors:notFound.title");
  return row;
}

/** The conversation of an assignment, created with it (idempotent: a second call returns the same row). */
export async function ensureConversation(
  db: Database,
  assignment: Pick<CoachAssignment, "id" | "memberId" | "coachId">,
): Promise<Conversation> {
  await db
    .insert(conversations)
    .values({ assignmentId: assignment.id, memberId: assignment.memberId, coachId: assignment.coachId })
    .onConflictDoNothing({ target: conversations.assignmentId });
  const [row] = await db.select().from(conversations).where(eq(conversations.assignmentId, assignment.id));
  return row!;
}

/** Records that someone other than the member read their health data (shown to the member on their account page). */
export async function recordHealthDataAccess(
  db: Database,
  access: { memberId: string; viewerId: string; viewerRole: string; what: "progress" | "case-notes" | "chat" | "plan" },
): Promise<void> {
  await db.insert(healthDataAccess).values(access);
}

/** For tests and the caseload: how many members a coach holds now. */
export async function activeMemberCount(db: Database, coachId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(coachAssignments)
    .where(and(eq(coachAssignments.coachId, coachId), eq(coachAssignments.status, "active")));
  return row?.n ?? 0;
}
