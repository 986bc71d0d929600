import { and, desc, eq, sql } from "drizzle-orm";
import { coachAssignments, planProposals, planRevisions, quitAttempts, users } from "#db/schema";
import type { Database } from "#db/client.server";
import { DomainError } from "~/lib/domain-error";
import type { AppLocale } from "~/lib/i18n";
import { getFixedT } from "~/lib/i18n.server";
import { localDate, type LocalDate } from "~/lib/local-date";
import type { QuitPlan } from "~/modules/journey/plan";
import { revisePlan } from "~/modules/journey/plan.server";
import { journeyState } from "~/modules/journey/state.server";
import { applyPlanChanges, storedPlanChanges, type PlanChanges } from "./plan-proposals";

type Assignment = { memberId: string; coachId: string; coachMayEditPlan: boolean };

export type ProposalOutcome = { proposalId: string; applied: boolean; revision: number | null };

/**
 * A coach proposes changes to the member's current plan. They are tried against the plan now, so
 * a proposal the journey's rules would refuse is refused here (422) instead of at acceptance.
 * When the member lets this coach edit their plan, it is applied at once.
 */
export async function proposePlanChange(
  db: Database,
  assignment: Assignment,
  a: { changes: PlanChanges; note: string | null; now: Date },
): Promise<ProposalOutcome> {
  const state = await journeyState(db, assignment.memberId);
  const [member] = await db.select({ timeZone: users.timeZone }).from(users).where(eq(users.id, assignment.memberId));
  // The plan's days are the member's days, whatever the coach's clock says.
  const today = localDate(a.now, member?.timeZone ?? "UTC");
  if (!state.attempt || !state.plan) throw new DomainError("conflict", "caseload:errors.noActivePlan");
  applyPlanChanges(state.plan, a.changes, { today, baselinePerDay: state.attempt.baselinePerDay });
  const [proposal] = await db
    .insert(planProposals)
    .values({
      memberId: assignment.memberId,
      attemptId: state.attempt.id,
      coachId: assignment.coachId,
      baseRevision: state.planRevision,
      changes: a.changes as Record<string, unknown>,
      note: a.note,
    })
    .returning({ id: planProposals.id });
  if (!assignment.coachMayEditPlan) return { proposalId: proposal!.id, applied: false, revision: null };
  const revision = await acceptPlanProposal(db, assignment.memberId, proposal!.id, today);
  return { proposalId: proposal!.id, applied: true, revision };
}

/**
 * The member accepts: the changes become a new plan revision written by the journey's revisePlan,
 * with the coach as author and a change note naming them. A proposal written against an older
 * revision than the current plan is a conflict (409); the member's own edits win.
 */
export async function acceptPlanProposal(db: Database, memberId: string, proposalId: string, today: LocalDate): Promise<number> {
  return db.transaction(async (tx) => {
    const [proposal] = await tx
      .select({ p: planProposals, coachName: users.displayName, locale: sql<AppLocale>`(select locale from users where id = ${memberId})` })
      .from(planProposals)
      .leftJoin(users, eq(users.id, planProposals.coachId))
      .where(and(eq(planProposals.id, proposalId), eq(planProposals.memberId, memberId)))
      .for("update", { of: planProposals });
    if (!proposal) throw new DomainError("not-found", "errors:notFound.title");
    if (proposal.p.status !== "proposed") throw new DomainError("conflict", "caseload:errors.proposalDecided");
    const [attempt] = await tx
      .select()
      .from(quitAttempts)
      .where(and(eq(quitAttempts.id, proposal.p.attemptId), eq(quitAttempts.userId, memberId), eq(quitAttempts.status, "active")))
      .for("update");
    if (!attempt) throw new DomainError("conflict", "caseload:errors.proposalStale");
    const [current] = await tx
      .select({ revision: planRevisions.revision, plan: planRevisions.plan })
      .from(planRevisions)
      .where(eq(planRevisions.attemptId, attempt.id))
      .orderBy(desc(planRevisions.revision))
      .limit(1);
    if (!current || current.revision !== proposal.p.baseRevision) throw new DomainError("conflict", "caseload:errors.proposalStale");
    const plan = applyPlanChanges(current.plan as unknown as QuitPlan, storedPlanChanges(proposal.p.changes), {
      today,
      baselinePerDay: attempt.baselinePerDay,
    });
    const t = getFixedT(proposal.locale ?? "en");
    const changeNote = t("caseload:proposal.changeNote", { name: proposal.coachName ?? t("caseload:proposal.formerCoach") });
    const revision = await revisePlan(tx, memberId, attempt.id, plan, changeNote, proposal.p.coachId);
    await tx
      .update(planProposals)
      .set({ status: "accepted", appliedRevision: revision, decidedAt: new Date() })
      .where(eq(planProposals.id, proposalId));
    return revision;
  });
}

export async function declinePlanProposal(db: Database, memberId: string, proposalId: string): Promise<void> {
  const rows = await db
    .update(planProposals)
    .set({ status: "declined", decidedAt: new Date() })
    .where(and(eq(planProposals.id, proposalId), eq(planProposals.memberId, memberId), eq(planProposals.status, "proposed")))
    .returning({ id: planProposals.id });
  if (rows.length === 0) throw new DomainError("not-found", "errors:notFound.title");
}

export type ProposalView = {
  id: string;
  coachName: string | null;
  status: "proposed" | "accepted" | "declined" | "withdrawn";
  baseRevision: number;
  appliedRevision: number | null;
  changes: PlanChanges;
  note: string | null;
  createdAt: string;
};

/** A member's proposals, newest first: the open ones for their plan page, or all recent ones for the coach. */
export async function planProposalsFor(db: Database, memberId: string, a: { openOnly: boolean; limit?: number }): Promise<ProposalView[]> {
  const rows = await db
    .select({ p: planProposals, coachName: users.displayName })
    .from(planProposals)
    .leftJoin(users, eq(users.id, planProposals.coachId))
    .where(and(eq(planProposals.memberId, memberId), a.openOnly ? eq(planProposals.status, "proposed") : undefined))
    .orderBy(desc(planProposals.createdAt))
    .limit(a.limit ?? 10);
  return rows.flatMap(({ p, coachName }) => {
    let changes: PlanChanges;
    try {
      changes = storedPlanChanges(p.changes);
    } catch {
      return [];
    }
    return [
      {
        id: p.id,
        coachName,
        status: p.status,
        baseRevision: p.baseRevision,
        appliedRevision: p.appliedRevision,
        changes,
        note: p.note,
        createdAt: p.createdAt.toISOString(),
      },
    ];
  });
}

/** The member's setting for their current coach: may they change the plan without asking each time. */
export async function setCoachMayEditPlan(db: Database, memberId: string, allowed: boolean): Promise<void> {
  const rows = await db
    .update(coachAssignments)
    .set({ coachMayEditPlan: allowed })
    .where(and(eq(coachAssignments.memberId, memberId), eq(coachAssignments.status, "active")))
    .returning({ id: coachAssignments.id });
  if (rows.length === 0) throw new DomainError("not-found", "errors:notFound.title");
}
