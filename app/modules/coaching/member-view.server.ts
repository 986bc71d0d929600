import type { Database } from "#db/client.server";
import type { AppLocale } from "~/lib/i18n";
import { dashboardView } from "~/modules/journey/dashboard";
import { chartPeriod } from "~/modules/journey/forms";
import { attemptHistory } from "~/modules/journey/history.server";
import { dashboardAggregates } from "~/modules/journey/progress.server";
import { slipReflectionsFor } from "~/modules/journey/slips.server";
import { journeyState } from "~/modules/journey/state.server";
import { recordHealthDataReads } from "./access.server";
import { caseNotesFor } from "./case-notes.server";
import { caseloadMembers } from "./caseload.server";
import { GRADUATION_SMOKE_FREE_DAYS } from "./graduation.server";
import { planProposalsFor } from "./plan-proposals.server";

/**
 * What a coach (or admin) sees of one member, after the caller has checked they may
 * (coachingViewOf): the member's dashboard figures through the journey's own view-model, plan,
 * triggers, slips and attempts, risk reasons, case notes and proposals. A fixed number of
 * statements, and the read is written to the member's access log (progress, plan, case notes).
 */
export async function coachMemberView(
  db: Database,
  a: { viewer: { id: string; role: string }; coachId: string; memberId: string; locale: AppLocale; now: Date; period: string | null },
) {
  const [entry] = await caseloadMembers(db, a.coachId, a.now, a.memberId);
  if (!entry) return null;
  const today = entry.today;
  const state = await journeyState(db, a.memberId);
  const attempt = state.attempt;
  const aggregates =
    attempt && state.plan
      ? await dashboardAggregates(db, a.memberId, {
          quitDate: attempt.quitDate,
          baselinePerDay: attempt.baselinePerDay,
          packPriceMinor: attempt.packPriceMinor,
          cigarettesPerPack: attempt.cigarettesPerPack,
          today,
          timeZone: entry.timeZone,
          period: chartPeriod(a.period),
        })
      : null;
  const [history, slips, notes, proposals] = await Promise.all([
    attemptHistory(db, a.memberId, today),
    attempt ? slipReflectionsFor(db, a.memberId, attempt.id) : Promise.resolve([]),
    caseNotesFor(db, a.memberId),
    planProposalsFor(db, a.memberId, { openOnly: false, limit: 10 }),
  ]);
  await recordHealthDataReads(db, {
    memberId: a.memberId,
    viewerId: a.viewer.id,
    viewerRole: a.viewer.role,
    what: ["progress", "plan", "case-notes"],
  });
  const dashboard =
    attempt && state.plan && aggregates
      ? dashboardView({
          now: a.now,
          today,
          locale: a.locale,
          attempt,
          plan: state.plan,
          aggregates,
          answeredFollowUps: state.answeredFollowUps,
        })
      : null;
  const smokeFreeDays = aggregates?.smokeFreeStreakDays ?? null;
  return {
    member: { id: a.memberId, displayName: entry.displayName, timeZone: entry.timeZone, today },
    risk: entry.risk,
    conversation: { lastMessageAt: entry.lastMessageAt, unread: entry.unread },
    dashboard,
    plan: state.plan,
    planRevision: state.planRevision,
    triggers: state.profile ? [...state.profile.triggers, ...state.profile.customTriggers] : [],
    slips,
    history,
    notes,
    proposals,
    graduation: { smokeFreeDays, onFigures: smokeFreeDays !== null && smokeFreeDays >= GRADUATION_SMOKE_FREE_DAYS },
  };
}
