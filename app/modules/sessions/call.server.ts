import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { callSignals, coachingSessions, sessionAttendance, users, type CoachingSession } from "#db/schema";
import type { Database } from "#db/client.server";
import { DomainError } from "~/lib/domain-error";
import { isUuid } from "~/lib/uuid";
import { callPhase, type CallRole, type CallSignal, type DeliveredCallSignal } from "./call";
import { recordJoin, recordLeave } from "./settle.server";

export const CALL_CHANNEL = "quitpath_call";

/** What NOTIFY carries for one signalling message: its id, the session and the recipient, never the content. */
export type CallNotice = { k: "call"; id: string; s: string; to: string };

export function parseCallNotice(payload: string): CallNotice | null {
  try {
    const value = JSON.parse(payload) as Partial<CallNotice> | null;
    if (!value || typeof value.id !== "string" || typeof value.s !== "string" || typeof value.to !== "string") return null;
    return { k: "call", id: value.id, s: value.s, to: value.to };
  } catch {
    return null;
  }
}

export type CallAccess = {
  session: CoachingSession;
  role: CallRole;
  viewerId: string;
  peerId: string;
  peerName: string;
  phase: ReturnType<typeof callPhase>;
};

/**
 * A participant's view of a session's call. Anyone but the session's member and coach gets not
 * found; with `open: true` (signalling, the call's stream) so does a participant outside the
 * window (10 minutes before the start until the end) or of a session that is not confirmed.
 */
export async function callAccess(
  db: Database,
  userId: string,
  sessionId: string,
  now: Date,
  options: { open?: boolean } = {},
): Promise<CallAccess> {
  if (!isUuid(sessionId)) throw new DomainError("not-found", "errors:notFound.title");
  const member = alias(users, "member");
  const coach = alias(users, "coach");
  const [row] = await db
    .select({ session: coachingSessions, memberName: member.displayName, coachName: coach.displayName })
    .from(coachingSessions)
    .innerJoin(member, eq(member.id, coachingSessions.memberId))
    .innerJoin(coach, eq(coach.id, coachingSessions.coachId))
    .where(and(eq(coachingSessions.id, sessionId), or(eq(coachingSessions.memberId, userId), eq(coachingSessions.coachId, userId))));
  if (!row) throw new DomainError("not-found", "errors:notFound.title");
  const phase = callPhase(row.session, now);
  if (options.open && phase !== "open") throw new DomainError("not-found", "errors:notFound.title");
  const role: CallRole = row.session.coachId === userId ? "coach" : "member";
  return {
    session: row.session,
    role,
    viewerId: userId,
    peerId: role === "coach" ? row.session.memberId : row.session.coachId,
    peerName: role === "coach" ? row.memberName : row.coachName,
    phase,
  };
}

/** Stores one message for the other participant and tells every process (by id) to deliver it. */
export async function sendCallSignal(db: Database, call: CallAccess, message: CallSignal): Promise<{ id: string }> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(callSignals)
      .values({ sessionId: call.session.id, fromUserId: call.viewerId, toUserId: call.peerId, message })
      .returning({ id: callSignals.id });
    // Hanging up is a leave too, recorded at once (the closing stream would say so a moment later).
    if (message.kind === "bye")
      await tx
        .update(sessionAttendance)
        .set({ leftAt: new Date() })
        .where(
          and(
            eq(sessionAttendance.sessionId, call.session.id),
            eq(sessionAttendance.userId, call.viewerId),
            isNull(sessionAttendance.leftAt),
          ),
        );
    const notice: CallNotice = { k: "call", id: row!.id, s: call.session.id, to: call.peerId };
    // Delivered when the transaction commits, so a stream never reads a row that is not there yet.
    await tx.execute(sql`select pg_notify(${CALL_CHANNEL}, ${JSON.stringify(notice)})`);
    return row!;
  });
}

/** One message, only for its recipient, with the sender's role. */
export async function callSignalFor(db: Database, id: string, recipientId: string, sessionId: string): Promise<DeliveredCallSignal | null> {
  const [row] = await db
    .select({ message: callSignals.message, fromUserId: callSignals.fromUserId, coachId: coachingSessions.coachId })
    .from(callSignals)
    .innerJoin(coachingSessions, eq(coachingSessions.id, callSignals.sessionId))
    .where(and(eq(callSignals.id, id), eq(callSignals.toUserId, recipientId), eq(callSignals.sessionId, sessionId)));
  if (!row) return null;
  return { ...(row.message as CallSignal), from: row.fromUserId === row.coachId ? "coach" : "member" };
}

/** Signalling is useful for seconds; older rows are deleted by the settle job. */
export async function pruneCallSignals(db: Database, now: Date): Promise<number> {
  const gone = await db
    .delete(callSignals)
    .where(lt(callSignals.createdAt, new Date(now.getTime() - 3600_000)))
    .returning({ id: callSignals.id });
  return gone.length;
}

/**
 * A participant's presence in the call is the life of their call stream: opening it records a join,
 * closing it (hang up, tab closed, network gone) records the leave. The attendance rule reads these.
 */
export async function joinCall(db: Database, call: CallAccess, now = new Date()): Promise<{ leave: () => Promise<void> }> {
  const attendance = await recordJoin(db, call.session.id, call.viewerId, call.role, now);
  let left = false;
  return {
    leave: async () => {
      if (left) return;
      left = true;
      await recordLeave(db, attendance.id, new Date());
    },
  };
}
