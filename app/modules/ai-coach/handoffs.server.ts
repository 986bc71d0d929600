import { and, asc, desc, eq, isNull, sql } from "drizzle-orm";
import { aiCoachConsents, aiCoachHandoffs, aiCoachMessages, aiCoachThreads, coachAssignments, users } from "#db/schema";
import type { Database } from "#db/client.server";
import { DomainError } from "~/lib/domain-error";
import { getFixedT } from "~/lib/i18n.server";
import { ensureConversation } from "~/modules/coaching/access.server";
import { postAiCoachHandoff } from "~/modules/coaching/messages.server";
import { openEscalation } from "~/modules/escalations/escalations.server";
import { handoffSummary } from "./handoff-summary";

/** NOTIFY channel: the payload is the id of a staff user whose open handoffs changed. */
export const HANDOFF_CHANNEL = "quitpath_ai_handoff";

export type HandoffReason = "crisis" | "requested" | "low-ratings";

/**
 * Opens a handoff for the member's active coach, or for the admins' queue (coach null) when they
 * have none. With a coach, a summary (and the thread, when the member's consent shares it) is
 * posted into their chat, which starts the coach's response clock. Returns who must be told; call
 * notifyHandoff with it after the transaction commits.
 */
export async function openHandoff(
  tx: Database,
  a: { userId: string; threadId: string | null; reason: HandoffReason; categories?: readonly string[]; now?: Date },
): Promise<{ id: string; coachId: string | null; coachName: string | null; dueAt: Date | null; notify: string[] }> {
  const [coach] = await tx
    .select({ id: users.id, name: users.displayName, locale: users.locale, assignmentId: coachAssignments.id })
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
  let dueAt: Date | null = null;
  if (coach) {
    const conversation = await ensureConversation(tx, { id: coach.assignmentId, memberId: a.userId, coachId: coach.id });
    const body = handoffSummary(getFixedT(coach.locale), {
      reason: a.reason,
      categories: a.categories ?? [],
      thread: a.threadId ? await sharedThread(tx, a.threadId) : null,
      shared: await sharesWithCoach(tx, a.userId),
    });
    ({ dueAt } = await postAiCoachHandoff(tx, conversation, { clientId: row!.id, body, now: a.now ?? row!.createdAt }));
  }
  const notify = coach ? [coach.id] : (await tx.select({ id: users.id }).from(users).where(eq(users.role, "admin"))).map((u) => u.id);
  return { id: row!.id, coachId: coach?.id ?? null, coachName: coach?.name ?? null, dueAt, notify };
}

/** Whether the member's live consent sends the thread with a handoff (without a live consent: only the summary). */
async function sharesWithCoach(tx: Database, userId: string): Promise<boolean> {
  const [consent] = await tx
    .select({ share: aiCoachConsents.shareWithCoach })
    .from(aiCoachConsents)
    .where(and(eq(aiCoachConsents.userId, userId), isNull(aiCoachConsents.withdrawnAt)));
  return consent?.share ?? false;
}

async function sharedThread(tx: Database, threadId: string) {
  const [thread] = await tx.select({ title: aiCoachThreads.title }).from(aiCoachThreads).where(eq(aiCoachThreads.id, threadId));
  if (!thread) return null;
  const rows = await tx
    .select({ role: aiCoachMessages.role, kind: aiCoachMessages.kind, body: aiCoachMessages.body, rating: aiCoachMessages.rating })
    .from(aiCoachMessages)
    .where(eq(aiCoachMessages.threadId, threadId))
    .orderBy(asc(aiCoachMessages.createdAt), asc(aiCoachMessages.role));
  return { title: thread.title, messages: rows, notHelped: rows.filter((m) => m.rating === "not-helped").length };
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
