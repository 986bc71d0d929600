import { and, asc, desc, eq, gte, inArray, lt, notInArray, or, sql } from "drizzle-orm";
import { coachingSessions, sessionRatings, users, type CoachingSession } from "#db/schema";
import type { Database } from "#db/client.server";
import { DomainError } from "~/lib/domain-error";
import { addDays, localDate, startOfLocalDay } from "~/lib/local-date";
import { enqueueDeliveries } from "~/lib/queue.server";
import { accessForMember } from "~/modules/billing/entitlements.server";
import { activeAssignment } from "~/modules/coaching/access.server";
import { notify } from "~/modules/notifications/notify.server";
import { bookingWindow, coachAvailability, coachFreeSlots } from "./availability.server";
import { sendSessionInvitations, type InvitationKind } from "./invitations.server";

const LIVE = ["requested", "confirmed"] as const;
const MINUTE = 60_000;

/** Postgres's exclusion_violation: the coach (or the member) already has a session at that time. */
function isOverlap(error: unknown): boolean {
  const e = error as { code?: string; cause?: { code?: string } };
  return e?.code === "23P01" || e?.cause?.code === "23P01";
}

/** A session's change in one transaction: the row, the invitation emails, the in-app notice; deliveries queued after commit. */
async function change(
  db: Database,
  work: (tx: Database) => Promise<{ session: CoachingSession; kind: InvitationKind; notifyUserId: string; now: Date }>,
): Promise<CoachingSession> {
  let deliveries;
  let session: CoachingSession;
  try {
    ({ session, deliveries } = await db.transaction(async (tx) => {
      const done = await work(tx);
      const sent = await sendSessionInvitations(tx, done.session, done.kind, done.now);
      await notify(tx, {
        userId: done.notifyUserId,
        kind: "sessions",
        messageKey: `notifications:sessions.${done.kind}`,
        href: done.notifyUserId === done.session.coachId ? "/coach/sessions" : `/app/coach/sessions/${done.session.id}`,
        dedupeKey: `session:${done.session.id}:${done.session.sequence}:${done.kind}`,
      });
      return { session: done.session, deliveries: sent };
    }));
  } catch (error) {
    if (isOverlap(error)) throw new DomainError("conflict", "sessions:errors.slotTaken");
    throw error;
  }
  await enqueueDeliveries(deliveries);
  return session;
}

/** The slot must be one the coach offers now (working hours, not in the past or inside the notice, free). */
async function requireOfferedSlot(db: Database, coachId: string, startsAt: Date, now: Date, ignoreSessionId?: string) {
  const availability = await coachAvailability(db, coachId);
  const window = bookingWindow(availability, now);
  if (startsAt < now) throw new DomainError("invalid", "sessions:errors.inPast", { field: "startsAt" });
  if (startsAt < window.from) throw new DomainError("invalid", "sessions:errors.tooSoon", { field: "startsAt" });
  if (startsAt >= window.to) throw new DomainError("invalid", "sessions:errors.tooFar", { field: "startsAt" });
  const around = await coachFreeSlots(db, availability, new Date(startsAt.getTime() - 1), new Date(startsAt.getTime() + MINUTE), {
    ignoreSessionId,
  });
  const slot = around.find((s) => s.startsAt.getTime() === startsAt.getTime());
  if (!slot) throw new DomainError("conflict", "sessions:errors.slotUnavailable", { field: "startsAt" });
  return { slot, availability };
}

/**
 * A member books a slot with their coach. The coach must be the member's active coach (anyone else
 * is not found), the member must have video sessions and a session left this month, and the slot
 * must be offered. Two bookings of one slot at once: the exclusion constraint lets one commit and
 * the other gets a 409.
 */
export async function bookSession(
  db: Database,
  memberId: string,
  input: { coachId: string; startsAt: Date; topic: string },
  now: Date,
): Promise<CoachingSession> {
  const assignment = await activeAssignment(db, memberId);
  if (!assignment || assignment.coachId !== input.coachId) throw new DomainError("not-found", "errors:notFound.title");
  const access = await accessForMember(db, memberId, now);
  if (!access.has("video-sessions")) throw new DomainError("forbidden", "sessions:errors.notEntitled");
  const { slot, availability } = await requireOfferedSlot(db, input.coachId, input.startsAt, now);
  return change(db, async (tx) => {
    // One booking at a time per member, so the monthly allowance cannot be overrun by two tabs.
    const [member] = await tx.select({ timeZone: users.timeZone }).from(users).where(eq(users.id, memberId)).for("update");
    const limit = access.limit("videoSessionsPerMonth");
    if (limit > 0) {
      const zone = member?.timeZone ?? "UTC";
      const month = `${localDate(slot.startsAt, zone).slice(0, 7)}-01`;
      const nextMonth = addDays(month, 32).slice(0, 7) + "-01";
      const [row] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(coachingSessions)
        .where(
          and(
            eq(coachingSessions.memberId, memberId),
            inArray(coachingSessions.status, ["requested", "confirmed", "completed", "missed"]),
            gte(coachingSessions.startsAt, startOfLocalDay(month, zone)),
            lt(coachingSessions.startsAt, startOfLocalDay(nextMonth, zone)),
          ),
        );
      if ((row?.n ?? 0) >= limit) throw new DomainError("conflict", "sessions:errors.monthlyLimit", { values: { limit } });
    }
    const [session] = await tx
      .insert(coachingSessions)
      .values({
        memberId,
        coachId: input.coachId,
        startsAt: slot.startsAt,
        endsAt: slot.endsAt,
        topic: input.topic,
        bookedBy: memberId,
        status: availability.autoConfirm ? "confirmed" : "requested",
        confirmedAt: availability.autoConfirm ? now : null,
      })
      .returning();
    return { session: session!, kind: availability.autoConfirm ? "confirmed" : "requested", notifyUserId: input.coachId, now };
  });
}

/** The member's own session (a foreign or unknown id is not found). */
export async function memberSession(db: Database, memberId: string, sessionId: string) {
  const [row] = await db
    .select({ session: coachingSessions, coachName: users.displayName, rating: sessionRatings })
    .from(coachingSessions)
    .innerJoin(users, eq(users.id, coachingSessions.coachId))
    .leftJoin(sessionRatings, eq(sessionRatings.sessionId, coachingSessions.id))
    .where(and(eq(coachingSessions.id, sessionId), eq(coachingSessions.memberId, memberId)));
  if (!row) throw new DomainError("not-found", "errors:notFound.title");
  return row;
}

function requireNotice(session: CoachingSession, noticeMinutes: number, now: Date) {
  if (session.startsAt.getTime() - now.getTime() < noticeMinutes * MINUTE) {
    throw new DomainError("conflict", "sessions:errors.noticePassed", { values: { hours: Math.round((noticeMinutes / 60) * 10) / 10 } });
  }
}

/** The member moves a live session to another offered slot (same UID, next SEQUENCE); not within the coach's notice. */
export async function rescheduleSession(
  db: Database,
  memberId: string,
  sessionId: string,
  startsAt: Date,
  now: Date,
): Promise<CoachingSession> {
  const { session } = await memberSession(db, memberId, sessionId);
  if (!LIVE.includes(session.status as (typeof LIVE)[number])) throw new DomainError("conflict", "sessions:errors.notLive");
  const availability = await coachAvailability(db, session.coachId);
  requireNotice(session, availability.noticeMinutes, now);
  const { slot } = await requireOfferedSlot(db, session.coachId, startsAt, now, session.id);
  return change(db, async (tx) => {
    const [moved] = await tx
      .update(coachingSessions)
      .set({
        startsAt: slot.startsAt,
        endsAt: slot.endsAt,
        sequence: sql`${coachingSessions.sequence} + 1`,
        status: availability.autoConfirm ? "confirmed" : "requested",
        confirmedAt: availability.autoConfirm ? now : null,
        updatedAt: now,
      })
      .where(and(eq(coachingSessions.id, session.id), inArray(coachingSessions.status, [...LIVE])))
      .returning();
    if (!moved) throw new DomainError("conflict", "sessions:errors.notLive");
    return { session: moved, kind: "moved", notifyUserId: session.coachId, now };
  });
}

/**
 * Cancels a live session. The member only outside the coach's notice period; the coach at any
 * time, with a message for the member (required).
 */
export async function cancelSession(
  db: Database,
  actor: { id: string; role: "member" | "coach" },
  sessionId: string,
  reason: string,
  now: Date,
): Promise<CoachingSession> {
  const ownerColumn = actor.role === "coach" ? coachingSessions.coachId : coachingSessions.memberId;
  const [session] = await db
    .select()
    .from(coachingSessions)
    .where(and(eq(coachingSessions.id, sessionId), eq(ownerColumn, actor.id)));
  if (!session) throw new DomainError("not-found", "errors:notFound.title");
  if (!LIVE.includes(session.status as (typeof LIVE)[number])) throw new DomainError("conflict", "sessions:errors.notLive");
  if (actor.role === "member") requireNotice(session, (await coachAvailability(db, session.coachId)).noticeMinutes, now);
  if (actor.role === "coach" && !reason.trim()) throw new DomainError("invalid", "sessions:errors.reasonRequired", { field: "reason" });
  return change(db, async (tx) => {
    const [cancelled] = await tx
      .update(coachingSessions)
      .set({
        status: "cancelled",
        cancelledAt: now,
        cancelledBy: actor.id,
        cancelReason: reason.trim() || null,
        sequence: sql`${coachingSessions.sequence} + 1`,
        updatedAt: now,
      })
      .where(and(eq(coachingSessions.id, session.id), inArray(coachingSessions.status, [...LIVE])))
      .returning();
    if (!cancelled) throw new DomainError("conflict", "sessions:errors.notLive");
    return { session: cancelled, kind: "cancelled", notifyUserId: actor.role === "coach" ? session.memberId : session.coachId, now };
  });
}

/** The coach confirms a requested session by hand. */
export async function confirmSession(db: Database, coachId: string, sessionId: string, now: Date): Promise<CoachingSession> {
  return change(db, async (tx) => {
    const [confirmed] = await tx
      .update(coachingSessions)
      .set({ status: "confirmed", confirmedAt: now, sequence: sql`${coachingSessions.sequence} + 1`, updatedAt: now })
      .where(and(eq(coachingSessions.id, sessionId), eq(coachingSessions.coachId, coachId), eq(coachingSessions.status, "requested")))
      .returning();
    if (!confirmed) {
      const [exists] = await tx
        .select({ id: coachingSessions.id })
        .from(coachingSessions)
        .where(and(eq(coachingSessions.id, sessionId), eq(coachingSessions.coachId, coachId)));
      throw exists ? new DomainError("conflict", "sessions:errors.notRequested") : new DomainError("not-found", "errors:notFound.title");
    }
    return { session: confirmed, kind: "confirmed", notifyUserId: confirmed.memberId, now };
  });
}

export type SessionListItem = {
  session: CoachingSession;
  otherName: string;
  rating: { stars: number; comment: string } | null;
};

/** A member's sessions, the soonest upcoming first, then the past (newest first), at most 100 each. */
export async function memberSessions(db: Database, memberId: string, now: Date) {
  const base = db
    .select({ session: coachingSessions, otherName: users.displayName, stars: sessionRatings.stars, comment: sessionRatings.comment })
    .from(coachingSessions)
    .innerJoin(users, eq(users.id, coachingSessions.coachId))
    .leftJoin(sessionRatings, eq(sessionRatings.sessionId, coachingSessions.id));
  const [upcoming, past] = await Promise.all([
    base
      .where(and(eq(coachingSessions.memberId, memberId), gte(coachingSessions.endsAt, now), inArray(coachingSessions.status, [...LIVE])))
      .orderBy(asc(coachingSessions.startsAt))
      .limit(100),
    db
      .select({ session: coachingSessions, otherName: users.displayName, stars: sessionRatings.stars, comment: sessionRatings.comment })
      .from(coachingSessions)
      .innerJoin(users, eq(users.id, coachingSessions.coachId))
      .leftJoin(sessionRatings, eq(sessionRatings.sessionId, coachingSessions.id))
      .where(
        and(eq(coachingSessions.memberId, memberId), or(lt(coachingSessions.endsAt, now), notInArray(coachingSessions.status, [...LIVE]))),
      )
      .orderBy(desc(coachingSessions.startsAt))
      .limit(100),
  ]);
  const shape = (rows: typeof upcoming): SessionListItem[] =>
    rows.map((r) => ({
      session: r.session,
      otherName: r.otherName,
      rating: r.stars === null ? null : { stars: r.stars, comment: r.comment ?? "" },
    }));
  return { upcoming: shape(upcoming), past: shape(past) };
}

/** A coach's sessions: requests waiting, upcoming confirmed, and the recent past with ratings. */
export async function coachSessions(db: Database, coachId: string, now: Date) {
  const rows = await db
    .select({ session: coachingSessions, otherName: users.displayName, stars: sessionRatings.stars, comment: sessionRatings.comment })
    .from(coachingSessions)
    .innerJoin(users, eq(users.id, coachingSessions.memberId))
    .leftJoin(sessionRatings, eq(sessionRatings.sessionId, coachingSessions.id))
    .where(and(eq(coachingSessions.coachId, coachId), gte(coachingSessions.startsAt, new Date(now.getTime() - 60 * 24 * 3600_000))))
    .orderBy(asc(coachingSessions.startsAt))
    .limit(300);
  const items: SessionListItem[] = rows.map((r) => ({
    session: r.session,
    otherName: r.otherName,
    rating: r.stars === null ? null : { stars: r.stars, comment: r.comment ?? "" },
  }));
  const live = (i: SessionListItem) => LIVE.includes(i.session.status as (typeof LIVE)[number]) && i.session.endsAt >= now;
  return {
    requested: items.filter((i) => live(i) && i.session.status === "requested"),
    upcoming: items.filter((i) => live(i) && i.session.status === "confirmed"),
    past: items.filter((i) => !live(i)).reverse(),
  };
}

/** For the caseload: each member's next live session with this coach (one statement for any number of members). */
export async function nextSessions(db: Database, coachId: string, memberIds: readonly string[], now = new Date()) {
  const result = new Map<string, { id: string; startsAt: Date; status: "requested" | "confirmed" }>();
  if (memberIds.length === 0) return result;
  const rows = await db
    .selectDistinctOn([coachingSessions.memberId], {
      memberId: coachingSessions.memberId,
      id: coachingSessions.id,
      startsAt: coachingSessions.startsAt,
      status: coachingSessions.status,
    })
    .from(coachingSessions)
    .where(
      and(
        eq(coachingSessions.coachId, coachId),
        inArray(coachingSessions.memberId, [...memberIds]),
        inArray(coachingSessions.status, [...LIVE]),
        gte(coachingSessions.endsAt, now),
      ),
    )
    .orderBy(coachingSessions.memberId, asc(coachingSessions.startsAt));
  for (const r of rows) result.set(r.memberId, { id: r.id, startsAt: r.startsAt, status: r.status as "requested" | "confirmed" });
  return result;
}
