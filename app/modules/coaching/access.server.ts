import { and, desc, eq, sql } from "drizzle-orm";
import { coachAssignments, conversations, healthDataAccess, users, type CoachAssignment, type Conversation } from "#db/schema";
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

/**
 * What a staff member may see of a member: a coach sees their own active member (anything else is a
 * 404), an admin sees any member who has an active coach. The assignment is returned either way.
 */
export async function coachingViewOf(db: Database, viewer: { id: string; role: string }, memberId: string): Promise<CoachAssignment> {
  if (viewer.role === "admin") {
    const assignment = await activeAssignment(db, memberId);
    if (!assignment) throw new DomainError("not-found", "errors:notFound.title");
    return assignment;
  }
  if (viewer.role !== "coach") throw new DomainError("not-found", "errors:notFound.title");
  return coachAssignmentOf(db, viewer.id, memberId);
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
  // Found by its assignment, so it has one and its member (only an erased member's kept chat has neither).
  return row as Conversation;
}

/** Records that someone other than the member read their health data (shown to the member on their account page). */
export async function recordHealthDataAccess(
  db: Database,
  access: { memberId: string; viewerId: string; viewerRole: string; what: "progress" | "case-notes" | "chat" | "plan" },
): Promise<void> {
  await db.insert(healthDataAccess).values(access);
}

export type HealthDataRead = "progress" | "case-notes" | "chat" | "plan";

/** Several reads of one page view in one statement (the member view reads progress, plan and case notes at once). */
export async function recordHealthDataReads(
  db: Database,
  access: { memberId: string; viewerId: string; viewerRole: string; what: readonly HealthDataRead[] },
): Promise<void> {
  if (access.what.length === 0) return;
  await db
    .insert(healthDataAccess)
    .values(access.what.map((what) => ({ memberId: access.memberId, viewerId: access.viewerId, viewerRole: access.viewerRole, what })));
}

export const ACCESS_LOG_PAGE = 10;

/**
 * Who read the member's health data, newest first, one keyset page at a time (before the
 * cursor's time and id), on the (member_id, at) index: one query whatever the log's length.
 */
export async function healthDataAccessLog(db: Database, memberId: string, beforeId?: string | null) {
  // The cursor is the last entry's id; its (at, id) is read in the same statement, at full microsecond precision.
  const before = beforeId
    ? sql`(${healthDataAccess.at}, ${healthDataAccess.id}) < (select b.at, b.id from health_data_access b where b.id = ${beforeId}::uuid and b.member_id = ${memberId}::uuid)`
    : undefined;
  const rows = await db
    .select({
      id: healthDataAccess.id,
      at: healthDataAccess.at,
      what: healthDataAccess.what,
      viewerRole: healthDataAccess.viewerRole,
      viewerName: users.displayName,
    })
    .from(healthDataAccess)
    .leftJoin(users, eq(users.id, healthDataAccess.viewerId))
    .where(and(eq(healthDataAccess.memberId, memberId), before))
    .orderBy(desc(healthDataAccess.at), desc(healthDataAccess.id))
    .limit(ACCESS_LOG_PAGE + 1);
  const page = rows.slice(0, ACCESS_LOG_PAGE);
  return {
    entries: page.map((r) => ({ ...r, at: r.at.toISOString() })),
    next: rows.length > ACCESS_LOG_PAGE ? page.at(-1)!.id : null,
  };
}

/** The member's current coach, for their settings (name, and whether the coach may change the plan directly). */
export async function currentCoachOf(db: Database, memberId: string) {
  const [row] = await db
    .select({ coachName: users.displayName, coachMayEditPlan: coachAssignments.coachMayEditPlan })
    .from(coachAssignments)
    .innerJoin(users, eq(users.id, coachAssignments.coachId))
    .where(and(eq(coachAssignments.memberId, memberId), eq(coachAssignments.status, "active")));
  return row ?? null;
}

/** For tests and the caseload: how many members a coach holds now. */
export async function activeMemberCount(db: Database, coachId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(coachAssignments)
    .where(and(eq(coachAssignments.coachId, coachId), eq(coachAssignments.status, "active")));
  return row?.n ?? 0;
}
