import { and, asc, eq, isNull, sql } from "drizzle-orm";
import {
  aiCoachHandoffs,
  coachResponses,
  communityReports,
  conversations,
  escalations,
  sessionRatings,
  subscriptions,
  users,
  type EscalationKind,
} from "#db/schema";
import type { Database } from "#db/client.server";
import { DomainError } from "~/lib/domain-error";
import { audit } from "~/modules/audit/audit.server";
import { LOW_RATING } from "~/modules/sessions/ratings";
import { ESCALATION_KINDS } from "./kinds";

/** Opens an item for something another domain decided needs a person now (a crisis handoff). Idempotent by subject. */
export async function openEscalation(db: Database, item: { kind: EscalationKind; subjectId: string; memberId: string | null; at: Date }) {
  await db
    .insert(escalations)
    .values({ kind: item.kind, subjectId: item.subjectId, memberId: item.memberId, openedAt: item.at })
    .onConflictDoNothing();
}

/**
 * Brings the queue up to date with its sources, in one transaction: opens an item for each open
 * AI-coach crisis handoff, low rating, missed coach response, payment in grace and open community report not yet in it, and
 * closes the open items whose source has cleared by itself. Safe to run any number of times.
 */
export async function gatherEscalations(db: Database, now = new Date()): Promise<{ opened: number; cleared: number }> {
  const at = now.toISOString();
  return db.transaction(async (tx) => {
    const opened = await tx.execute<{ id: string }>(sql`
      insert into ${escalations} (kind, subject_id, member_id, opened_at)
      select 'crisis'::escalation_kind, h.id::text, h.user_id, h.created_at from ${aiCoachHandoffs} h where h.reason = 'crisis' and h.status = 'open'
      union all
      select 'low-rating', r.session_id::text, r.member_id, r.created_at from ${sessionRatings} r where r.stars <= ${LOW_RATING}
      union all
      select 'sla-missed', cr.id::text, c.member_id, cr.due_at from ${coachResponses} cr
        join ${conversations} c on c.id = cr.conversation_id
        where cr.answered_at is null and cr.due_at < ${at}::timestamptz
      union all
      select 'payment-grace', s.id::text, s.user_id, coalesce(s.past_due_since, s.current_period_end) from ${subscriptions} s where s.status = 'past_due'
      union all
      select 'community-report', cr.id::text, cr.reporter_id, cr.created_at from ${communityReports} cr where cr.resolved_at is null
      on conflict (kind, subject_id) do nothing
      returning id`);
    const cleared = await tx.execute<{ id: string }>(sql`
      update ${escalations} e set resolved_at = ${at}::timestamptz, resolution = 'cleared'
      where e.resolved_at is null and (
        (e.kind = 'crisis' and not exists (select 1 from ${aiCoachHandoffs} h where h.id::text = e.subject_id and h.status = 'open'))
        or (e.kind = 'sla-missed' and not exists (select 1 from ${coachResponses} cr where cr.id::text = e.subject_id and cr.answered_at is null))
        or (e.kind = 'payment-grace' and not exists (select 1 from ${subscriptions} s where s.id::text = e.subject_id and s.status = 'past_due'))
        or (e.kind = 'community-report' and not exists (select 1 from ${communityReports} r where r.id::text = e.subject_id and r.resolved_at is null))
      )
      returning e.id`);
    return { opened: opened.length, cleared: cleared.length };
  });
}

export type EscalationFilter = { kind?: EscalationKind | null; mine?: string | null };

/** The open items, danger first then oldest first, with the member's name and the assignee's. */
export async function openEscalations(db: Database, filter: EscalationFilter = {}, limit = 200) {
  const assignee = sql`(select u.display_name from ${users} u where u.id = ${escalations.assigneeId})`;
  const order = sql.raw(
    `array_position(array[${ESCALATION_KINDS.map((k) => `'${k}'`).join(",")}]::escalation_kind[], "escalations"."kind")`,
  );
  return db
    .select({
      id: escalations.id,
      kind: escalations.kind,
      subjectId: escalations.subjectId,
      memberId: escalations.memberId,
      memberName: users.displayName,
      openedAt: escalations.openedAt,
      assigneeId: escalations.assigneeId,
      assigneeName: sql<string | null>`${assignee}`,
    })
    .from(escalations)
    .leftJoin(users, eq(users.id, escalations.memberId))
    .where(
      and(
        isNull(escalations.resolvedAt),
        filter.kind ? eq(escalations.kind, filter.kind) : undefined,
        filter.mine ? eq(escalations.assigneeId, filter.mine) : undefined,
      ),
    )
    .orderBy(order, asc(escalations.openedAt))
    .limit(limit);
}

/** Counts of open items by kind (the queue's header and the dashboard). */
export async function openEscalationCounts(db: Database): Promise<Record<EscalationKind, number>> {
  const rows = await db
    .select({ kind: escalations.kind, count: sql<number>`count(*)::int` })
    .from(escalations)
    .where(isNull(escalations.resolvedAt))
    .groupBy(escalations.kind);
  return Object.fromEntries(ESCALATION_KINDS.map((kind) => [kind, rows.find((r) => r.kind === kind)?.count ?? 0])) as Record<
    EscalationKind,
    number
  >;
}

/** Takes an open item (or gives it to another admin). */
export async function assignEscalation(db: Database, adminId: string, id: string, assigneeId: string) {
  await db.transaction(async (tx) => {
    const [admin] = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.id, assigneeId), eq(users.role, "admin")));
    if (!admin) throw new DomainError("invalid", "escalations:errors.badAssignee", { field: "assigneeId" });
    const [item] = await tx
      .update(escalations)
      .set({ assigneeId })
      .where(and(eq(escalations.id, id), isNull(escalations.resolvedAt)))
      .returning({ id: escalations.id });
    if (!item) throw new DomainError("not-found", "escalations:errors.gone");
    await audit(tx, { adminId, action: "escalation.assign", targetType: "escalation", targetId: id, details: { assigneeId } });
  });
}

/** Resolves an open item with what was done; the note is kept on the item and in the audit log. */
export async function resolveEscalation(db: Database, adminId: string, id: string, resolution: string, now = new Date()) {
  await db.transaction(async (tx) => {
    const [item] = await tx
      .update(escalations)
      .set({ resolvedAt: now, resolvedBy: adminId, resolution })
      .where(and(eq(escalations.id, id), isNull(escalations.resolvedAt)))
      .returning({ id: escalations.id, memberId: escalations.memberId });
    if (!item) throw new DomainError("not-found", "escalations:errors.gone");
    await audit(tx, {
      adminId,
      action: "escalation.resolve",
      targetType: item.memberId ? "user" : "escalation",
      targetId: item.memberId ?? id,
      reason: resolution,
    });
  });
}
