import { addDays, daysBetween, type LocalDate } from "~/lib/local-date";
import { planAfterRelapse, proposePlan, type QuitPlan } from "./plan";
import { profileResults, type ProfileRow } from "./profile";

export function proposedPlanFor(profile: ProfileRow, today: LocalDate): QuitPlan {
  const { ftnd } = profileResults(profile);
  return proposePlan({
    cigarettesPerDay: profile.cigarettesPerDay,
    ftndScore: ftnd.score,
    ftndBand: ftnd.band,
    triggers: profile.triggers,
    customTriggers: profile.customTriggers,
    reasons: profile.reasons,
    today,
  });
}

/**
 * Moves a proposed plan to the quit date the member chose, and switches the reduction phase on or
 * off: stages shift with the quit date, targets fall in equal steps from `today` to zero.
 */
export function adjustPlan(
  plan: QuitPlan,
  a: { quitDate: LocalDate; reduceFirst: boolean; today: LocalDate; cigarettesPerDay: number },
): QuitPlan {
  const shift = daysBetween(plan.quitDate, a.quitDate);
  const stages = plan.stages
    .map((s) => ({ ...s, startDate: addDays(s.startDate, shift), endDate: s.endDate === null ? null : addDays(s.endDate, shift) }))
    // A preparation stage only exists when the quit date is still ahead.
    .filter((s) => s.key !== "preparation" || daysBetween(a.today, a.quitDate) > 0)
    .map((s) => (s.key === "preparation" ? { ...s, startDate: a.today } : s));
  const days = Math.max(0, daysBetween(a.today, a.quitDate));
  const dailyTargets =
    a.reduceFirst && days > 0
      ? Array.from({ length: days }, (_, i) => ({
          date: addDays(a.today, i + 1),
          target: Math.round((a.cigarettesPerDay * (days - i - 1)) / days),
        }))
      : [];
  return {
    ...plan,
    quitDate: a.quitDate,
    approach: a.reduceFirst && days > 0 ? "reduce-then-quit" : "quit-on-date",
    reductionDays: dailyTargets.length,
    dailyTargets,
    stages,
  };
}

export function newAttemptProposal(a: {
  endedPlan: QuitPlan | null;
  profile: ProfileRow;
  triggers: string[];
  today: LocalDate;
  cigarettesPerDay?: number;
}): QuitPlan {
  const previous = a.endedPlan ?? proposedPlanFor(a.profile, a.today);
  return planAfterRelapse(previous, { triggersThatLedToRelapse: a.triggers, today: a.today, cigarettesPerDay: a.cigarettesPerDay });
}
