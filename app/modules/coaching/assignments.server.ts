import { and, desc, eq, sql } from "drizzle-orm";
import { coachAssignments, coachMatchRequests, coachProfiles, users, type CoachAssignment } from "#db/schema";
import { uuidArray } from "#db/arrays";
import type { Database } from "#db/client.server";
import { DomainError } from "~/lib/domain-error";
import { appUrl } from "~/lib/env.server";
import { getFixedT } from "~/lib/i18n.server";
import { enqueue, enqueueDeliveries } from "~/lib/queue.server";
import { audit } from "~/modules/audit/audit.server";
import { loadRecipients, noDeliveries, notifyMember, type Deliveries } from "~/modules/notifications/deliver.server";
import { activeAssignment, activeMemberCount, ensureConversation } from "./access.server";
import { bestCoach, type MatchCandidate, type MatchWish } from "./matching";

type Source = "member" | "match" | "admin";

const coachFull = () => new DomainError("conflict", "coaching:errors.coachFull");
const alreadyAssigned = () => new DomainError("conflict", "coaching:errors.alreadyAssigned");

/** The second of two concurrent inserts for one member hits the one-active-per-member index. */
function isUniqueViolation(error: unknown): boolean {
  const code = (e: unknown) => (e && typeof e === "object" && "code" in e ? (e as { code: unknown }).code : undefined);
  return code(error) === "23505" || code((error as { cause?: unknown } | null)?.cause) === "23505";
}

/** Runs a write that may race another for the same member; the loser gets "already has a coach", never a 500. */
async function oneActivePerMember<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error)) throw alreadyAssigned();
    throw error;
  }
}

/**
 * Takes one of the coach's places for the member, inside the caller's transaction: the coach's
 * profile row is locked (`for update`) while the active members are counted, so two members
 * taking the last place at once are served one after the other and the second is refused.
 * Creates the pair's conversation in the same transaction.
 */
async function takePlace(
  tx: Database,
  input: { memberId: string; coachId: string; source: Source; assignedBy: string | null; requestedAt: Date; now: Date },
): Promise<CoachAssignment> {
  const [profile] = await tx
    .select({ status: coachProfiles.status, capacity: coachProfiles.capacity })
    .from(coachProfiles)
    .innerJoin(users, and(eq(users.id, coachProfiles.coachId), eq(users.role, "coach")))
    .where(eq(coachProfiles.coachId, input.coachId))
    .for("update", { of: coachProfiles });
  if (!profile || profile.status !== "approved") throw new DomainError("not-found", "coaching:errors.coachUnavailable");
  if ((await activeMemberCount(tx, input.coachId)) >= profile.capacity) throw coachFull();
  if (await activeAssignment(tx, input.memberId)) throw alreadyAssigned();
  const [assignment] = await tx
    .insert(coachAssignments)
    .values({
      memberId: input.memberId,
      coachId: input.coachId,
      source: input.source,
      assignedBy: input.assignedBy,
      requestedAt: input.requestedAt,
      startedAt: input.now,
    })
    .returning();
  await ensureConversation(tx, assignment!);
  // A member who was waiting is waiting no more.
  await tx
    .update(coachMatchRequests)
    .set({ status: "assigned", assignmentId: assignment!.id, decidedAt: input.now })
    .where(and(eq(coachMatchRequests.memberId, input.memberId), eq(coachMatchRequests.status, "waiting")));
  return assignment!;
}

/** When the member first asked: their waiting match request if they had one, else now. */
async function askedAt(tx: Database, memberId: string, now: Date): Promise<Date> {
  const [waiting] = await tx
    .select({ createdAt: coachMatchRequests.createdAt })
    .from(coachMatchRequests)
    .where(and(eq(coachMatchRequests.memberId, memberId), eq(coachMatchRequests.status, "waiting")));
  return waiting?.createdAt ?? now;
}

/** A member picks a coach from the directory. 409 when the coach has just filled their last place. */
export async function chooseCoach(db: Database, memberId: string, coachId: string, now = new Date()): Promise<CoachAssignment> {
  const { assignment, deliveries } = await oneActivePerMember(() =>
    db.transaction(async (tx) => {
      const assignment = await takePlace(tx, {
        memberId,
        coachId,
        source: "member",
        assignedBy: memberId,
        requestedAt: await askedAt(tx, memberId, now),
        now,
      });
      return { assignment, deliveries: await tellAssigned(tx, assignment, now) };
    }),
  );
  await enqueueDeliveries(deliveries);
  return assignment;
}

/** Approved coaches with a free place, as matching candidates (one statement). */
async function matchCandidates(db: Database): Promise<MatchCandidate[]> {
  const rows = (await db.execute(sql`
    -- Arrays as JSON: raw statements get no array parsing from the driver.
    select p.coach_id, array_to_json(p.languages) as languages, array_to_json(p.specialties) as specialties, p.capacity,
      (select count(*) from coach_assignments a where a.coach_id = p.coach_id and a.status = 'active')::int as active_members
    from coach_profiles p join users u on u.id = p.coach_id and u.role = 'coach'
    where p.status = 'approved' and p.capacity > 0
  `)) as unknown as { coach_id: string; languages: string[]; specialties: string[]; capacity: number; active_members: number }[];
  return rows.map((r) => ({
    coachId: r.coach_id,
    languages: r.languages,
    specialties: r.specialties,
    capacity: r.capacity,
    activeMembers: r.active_members,
  }));
}

/**
 * Finds the best coach for the wish and takes a place with them; when the best one fills up in
 * the meantime, tries the next. Null when nobody fits.
 */
async function matchInto(
  db: Database,
  memberId: string,
  wish: MatchWish,
  meta: { source: Source; assignedBy: string | null; requestedAt: Date; now: Date },
): Promise<{ assignment: CoachAssignment; deliveries: Deliveries } | null> {
  let candidates = await matchCandidates(db);
  for (let attempt = 0; attempt < 5; attempt++) {
    const best = bestCoach(candidates, wish);
    if (!best) return null;
    try {
      // A savepoint, so a coach who filled up meanwhile does not abort the caller's transaction.
      return await db.transaction(async (tx) => {
        const assignment = await takePlace(tx, { memberId, coachId: best.coachId, ...meta });
        return { assignment, deliveries: await tellAssigned(tx, assignment, meta.now) };
      });
    } catch (error) {
      if (!(error instanceof DomainError) || error.message !== "coaching:errors.coachFull") throw error;
      candidates = candidates.filter((c) => c.coachId !== best.coachId);
    }
  }
  return null;
}

/**
 * "Match me": the best coach with a free place now, or a waiting request that the match job
 * serves when a place opens (one waiting request per member; asking again keeps the first).
 */
export async function requestMatch(
  db: Database,
  memberId: string,
  wish: MatchWish & { note: string },
  now = new Date(),
): Promise<{ kind: "assigned"; assignment: CoachAssignment } | { kind: "waiting" }> {
  const result = await oneActivePerMember(() =>
    db.transaction(async (tx) => {
      if (await activeAssignment(tx, memberId)) throw alreadyAssigned();
      const matched = await matchInto(tx, memberId, wish, {
        source: "match",
        assignedBy: null,
        requestedAt: await askedAt(tx, memberId, now),
        now,
      });
      if (matched) return matched;
      await tx
        .insert(coachMatchRequests)
        .values({ memberId, languages: [...wish.languages], specialties: [...wish.specialties], note: wish.note, createdAt: now })
        .onConflictDoNothing();
      return null;
    }),
  );
  if (!result) return { kind: "waiting" };
  await enqueueDeliveries(result.deliveries);
  return { kind: "assigned", assignment: result.assignment };
}

/** The member's waiting match request, if any. */
export async function waitingRequestOf(db: Database, memberId: string) {
  const [row] = await db
    .select()
    .from(coachMatchRequests)
    .where(and(eq(coachMatchRequests.memberId, memberId), eq(coachMatchRequests.status, "waiting")));
  return row ?? null;
}

/** The member stops waiting. */
export async function withdrawMatchRequest(db: Database, memberId: string, now = new Date()): Promise<void> {
  const rows = await db
    .update(coachMatchRequests)
    .set({ status: "withdrawn", decidedAt: now })
    .where(and(eq(coachMatchRequests.memberId, memberId), eq(coachMatchRequests.status, "waiting")))
    .returning({ id: coachMatchRequests.id });
  if (rows.length === 0) throw new DomainError("not-found", "errors:notFound.title");
}

/**
 * The match job: serves waiting members oldest first while places are free. Idempotent: each
 * request row is locked (skip locked, so two workers never serve the same one), and a request
 * already served or a member who meanwhile got a coach is left alone.
 */
export async function matchWaitingMembers(db: Database, now = new Date()): Promise<{ assigned: number; stillWaiting: number }> {
  let assigned = 0;
  const waiting = await db
    .select({ id: coachMatchRequests.id })
    .from(coachMatchRequests)
    .where(eq(coachMatchRequests.status, "waiting"))
    .orderBy(coachMatchRequests.createdAt, coachMatchRequests.id)
    .limit(500);
  for (const { id } of waiting) {
    const deliveries = await db.transaction(async (tx) => {
      const [request] = await tx
        .select()
        .from(coachMatchRequests)
        .where(and(eq(coachMatchRequests.id, id), eq(coachMatchRequests.status, "waiting")))
        .for("update", { skipLocked: true });
      if (!request) return null;
      const current = await activeAssignment(tx, request.memberId);
      if (current) {
        await tx
          .update(coachMatchRequests)
          .set({ status: "assigned", assignmentId: current.id, decidedAt: now })
          .where(eq(coachMatchRequests.id, id));
        return null;
      }
      const matched = await matchInto(tx, request.memberId, request, {
        source: "match",
        assignedBy: null,
        requestedAt: request.createdAt,
        now,
      });
      return matched?.deliveries ?? null;
    });
    if (deliveries) {
      assigned += 1;
      await enqueueDeliveries(deliveries);
    }
  }
  const [left] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(coachMatchRequests)
    .where(eq(coachMatchRequests.status, "waiting"));
  return { assigned, stillWaiting: left?.n ?? 0 };
}

/** After a place opened (capacity raised, a relationship ended): the job serves whoever waits. */
export async function placeOpened(): Promise<void> {
  await enqueue("match-waiting-members", {}, { singletonKey: "match-waiting-members" });
}

/** An admin pairs a member with a coach (the coach must be approved and have a place). */
export async function adminAssign(
  db: Database,
  adminId: string,
  input: { memberId: string; coachId: string; reason: string },
  now = new Date(),
): Promise<CoachAssignment> {
  const { assignment, deliveries } = await oneActivePerMember(() =>
    db.transaction(async (tx) => {
      await requireMember(tx, input.memberId);
      const assignment = await takePlace(tx, {
        memberId: input.memberId,
        coachId: input.coachId,
        source: "admin",
        assignedBy: adminId,
        requestedAt: await askedAt(tx, input.memberId, now),
        now,
      });
      await audit(tx, {
        adminId,
        action: "coach.assign",
        targetType: "member",
        targetId: input.memberId,
        reason: input.reason || null,
        details: { coachId: input.coachId, assignmentId: assignment.id },
      });
      return { assignment, deliveries: await tellAssigned(tx, assignment, now) };
    }),
  );
  await enqueueDeliveries(deliveries);
  return assignment;
}

async function requireMember(tx: Database, memberId: string): Promise<void> {
  const [member] = await tx.select({ role: users.role }).from(users).where(eq(users.id, memberId));
  if (!member || member.role !== "member") throw new DomainError("not-found", "errors:notFound.title");
}

/** Ends the member's active relationship (history kept, with the reason); the coach loses access at once. */
async function endActive(tx: Database, memberId: string, endedBy: string, reason: string, now: Date): Promise<CoachAssignment> {
  const [ended] = await tx
    .update(coachAssignments)
    .set({ status: "ended", endedAt: now, endedBy, endReason: reason })
    .where(and(eq(coachAssignments.memberId, memberId), eq(coachAssignments.status, "active")))
    .returning();
  if (!ended) throw new DomainError("not-found", "coaching:errors.noActiveCoach");
  return ended;
}

/** An admin moves a member to another coach: the old relationship ends (reason kept), a new one starts. */
export async function reassignMember(
  db: Database,
  adminId: string,
  input: { memberId: string; coachId: string; reason: string },
  now = new Date(),
): Promise<CoachAssignment> {
  const { assignment, deliveries } = await oneActivePerMember(() =>
    db.transaction(async (tx) => {
      const ended = await endActive(tx, input.memberId, adminId, input.reason, now);
      if (ended.coachId === input.coachId) throw new DomainError("conflict", "coaching:errors.sameCoach");
      const assignment = await takePlace(tx, {
        memberId: input.memberId,
        coachId: input.coachId,
        source: "admin",
        assignedBy: adminId,
        requestedAt: now,
        now,
      });
      await audit(tx, {
        adminId,
        action: "coach.reassign",
        targetType: "member",
        targetId: input.memberId,
        reason: input.reason,
        details: { fromCoachId: ended.coachId, toCoachId: input.coachId, assignmentId: assignment.id },
      });
      const deliveries = await tellEnded(tx, ended, now, "reassigned");
      return { assignment, deliveries: await tellAssigned(tx, assignment, now, deliveries, "reassigned") };
    }),
  );
  await enqueueDeliveries(deliveries);
  await placeOpened();
  return assignment;
}

/** An admin ends a relationship (reason kept); the freed place goes to whoever waits. */
export async function endAssignment(
  db: Database,
  adminId: string,
  input: { memberId: string; reason: string },
  now = new Date(),
): Promise<CoachAssignment> {
  const { ended, deliveries } = await db.transaction(async (tx) => {
    const ended = await endActive(tx, input.memberId, adminId, input.reason, now);
    await audit(tx, {
      adminId,
      action: "coach.end",
      targetType: "member",
      targetId: input.memberId,
      reason: input.reason,
      details: { coachId: ended.coachId, assignmentId: ended.id },
    });
    return { ended, deliveries: await tellEnded(tx, ended, now, "ended") };
  });
  await enqueueDeliveries(deliveries);
  await placeOpened();
  return ended;
}

/* ----- telling the member and the coach (in-app, and email by their preferences) ----- */

async function tellAssigned(
  tx: Database,
  assignment: CoachAssignment,
  now: Date,
  deliveries: Deliveries = noDeliveries(),
  why: "assigned" | "reassigned" = "assigned",
): Promise<Deliveries> {
  const people = await loadRecipients(tx, [assignment.memberId, assignment.coachId]);
  const member = people.get(assignment.memberId);
  const coach = people.get(assignment.coachId);
  if (!member || !coach) return deliveries;
  const memberKey = why === "reassigned" ? "memberReassigned" : "memberAssigned";
  await send(tx, member, `coach-assigned:${assignment.id}:member`, memberKey, { coach: coach.displayName }, "/app/coach", now, deliveries);
  await send(
    tx,
    coach,
    `coach-assigned:${assignment.id}:coach`,
    "coachAssigned",
    { member: member.displayName },
    `/coach/members/${assignment.memberId}`,
    now,
    deliveries,
  );
  return deliveries;
}

async function tellEnded(tx: Database, ended: CoachAssignment, now: Date, why: "ended" | "reassigned"): Promise<Deliveries> {
  const deliveries = noDeliveries();
  const people = await loadRecipients(tx, [ended.memberId, ended.coachId]);
  const member = people.get(ended.memberId);
  const coach = people.get(ended.coachId);
  if (!member || !coach) return deliveries;
  // A reassigned member hears about the new coach instead; the old coach is told the member left.
  if (why === "ended")
    await send(
      tx,
      member,
      `coach-ended:${ended.id}:member`,
      "memberEnded",
      { coach: coach.displayName },
      "/app/coach/choose",
      now,
      deliveries,
    );
  await send(tx, coach, `coach-ended:${ended.id}:coach`, "coachEnded", { member: member.displayName }, "/coach", now, deliveries);
  return deliveries;
}

type CoachingMessage = "memberAssigned" | "memberReassigned" | "coachAssigned" | "memberEnded" | "coachEnded";

async function send(
  tx: Database,
  recipient: Awaited<ReturnType<typeof loadRecipients>> extends Map<string, infer R> ? R : never,
  dedupeKey: string,
  message: CoachingMessage,
  values: Record<string, string>,
  href: string,
  now: Date,
  deliveries: Deliveries,
): Promise<void> {
  const t = getFixedT(recipient.locale);
  const key = (part: string) => `notifications:coaching.${message}.${part}`;
  await notifyMember(
    tx,
    recipient,
    {
      kind: "coaching",
      dedupeKey,
      now,
      inApp: { messageKey: key("title"), values, href },
      content: {
        subject: t(key("title"), values),
        paragraphs: [t(key("body"), { ...values, name: recipient.displayName })],
        action: { label: t(key("action")), href: `${appUrl()}${href}` },
        sms: t(key("title"), values),
      },
    },
    deliveries,
  );
}

/* ----- what admins see ----- */

export type AssignmentHistoryRow = {
  id: string;
  memberId: string;
  coachId: string;
  coachName: string;
  status: CoachAssignment["status"];
  source: string;
  startedAt: Date;
  endedAt: Date | null;
  endReason: string | null;
};

/** Every relationship of these members, newest first (one statement). */
export async function assignmentHistory(db: Database, memberIds: readonly string[]): Promise<AssignmentHistoryRow[]> {
  if (memberIds.length === 0) return [];
  const rows = await db
    .select({
      id: coachAssignments.id,
      memberId: coachAssignments.memberId,
      coachId: coachAssignments.coachId,
      coachName: users.displayName,
      status: coachAssignments.status,
      source: coachAssignments.source,
      startedAt: coachAssignments.startedAt,
      endedAt: coachAssignments.endedAt,
      endReason: coachAssignments.endReason,
    })
    .from(coachAssignments)
    .innerJoin(users, eq(users.id, coachAssignments.coachId))
    .where(sql`${coachAssignments.memberId} = any(${uuidArray(memberIds)})`)
    .orderBy(desc(coachAssignments.startedAt));
  return rows;
}

/** Members who have (or had) a coach, most recent relationship first, with their current coach; at most `limit`. */
export async function coachedMembers(db: Database, limit = 100) {
  const rows = (await db.execute(sql`
    select u.id, u.display_name, u.email, a.coach_id, c.display_name as coach_name, max(h.started_at) as last_started
    from coach_assignments h
    join users u on u.id = h.member_id
    left join coach_assignments a on a.member_id = u.id and a.status = 'active'
    left join users c on c.id = a.coach_id
    group by u.id, u.display_name, u.email, a.coach_id, c.display_name
    order by last_started desc, u.id
    limit ${limit}
  `)) as unknown as { id: string; display_name: string; email: string; coach_id: string | null; coach_name: string | null }[];
  return rows.map((r) => ({ memberId: r.id, displayName: r.display_name, email: r.email, coachId: r.coach_id, coachName: r.coach_name }));
}

/** Waiting match requests, oldest first, with the member. */
export async function waitingMatchRequests(db: Database) {
  return db
    .select({
      id: coachMatchRequests.id,
      memberId: coachMatchRequests.memberId,
      memberName: users.displayName,
      email: users.email,
      languages: coachMatchRequests.languages,
      specialties: coachMatchRequests.specialties,
      note: coachMatchRequests.note,
      createdAt: coachMatchRequests.createdAt,
    })
    .from(coachMatchRequests)
    .innerJoin(users, eq(users.id, coachMatchRequests.memberId))
    .where(eq(coachMatchRequests.status, "waiting"))
    .orderBy(coachMatchRequests.createdAt)
    .limit(200);
}

/** Finds a member by email for the admin's assign form. */
export async function memberByEmail(db: Database, email: string): Promise<{ id: string } | null> {
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(sql`lower(${users.email}) = lower(${email})`, eq(users.role, "member")));
  return row ?? null;
}

export type AssignmentTarget = {
  /** Members who asked in the window and whose 24 hours are over (or who were assigned). */
  asked: number;
  within24h: number;
  /** within24h / asked, or null when nobody asked. The business target is 0.95. */
  share: number | null;
};

/**
 * The assignment target: of the premium members who asked for a coach in the last `days` days,
 * the share paired within 24 hours (requested_at → started_at). Members still waiting count as
 * misses once their 24 hours are over; those asked less than 24 hours ago without a coach are not
 * yet decided and left out. Computed in SQL.
 */
export async function assignmentTarget(db: Database, now = new Date(), days = 30): Promise<AssignmentTarget> {
  const since = new Date(now.getTime() - days * 24 * 3600 * 1000).toISOString();
  const at = now.toISOString();
  const [row] = (await db.execute(sql`
    with asked as (
      select requested_at, started_at from coach_assignments
      where requested_at >= ${since}::timestamptz and requested_at <= ${at}::timestamptz
      union all
      select created_at, null from coach_match_requests
      where status = 'waiting' and created_at >= ${since}::timestamptz and created_at <= ${at}::timestamptz - interval '24 hours'
    )
    select count(*)::int as asked,
      count(*) filter (where started_at is not null and started_at - requested_at <= interval '24 hours')::int as within
    from asked
  `)) as unknown as { asked: number; within: number }[];
  const asked = row?.asked ?? 0;
  const within = row?.within ?? 0;
  return { asked, within24h: within, share: asked > 0 ? within / asked : null };
}

/** The member an admin typed the email of; a wrong email is an error on that field. */
export async function memberIdForEmail(db: Database, email: string): Promise<string> {
  const member = await memberByEmail(db, email);
  if (!member) throw new DomainError("not-found", "coaching:errors.memberNotFound", { field: "memberEmail" });
  return member.id;
}
