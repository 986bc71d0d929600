import { DomainError } from "~/lib/domain-error";
import { addDays, daysBetween, type LocalDate } from "~/lib/local-date";
import type { QuitPlan } from "./plan";

export type PlanEdits = { reasons: string[]; quitDate: LocalDate; stageStarts: LocalDate[]; targets: number[] };

/**
 * Applies a member's edits to their plan. A new quit date moves every stage with it (and
 * re-spreads the daily targets); otherwise stage start dates and daily targets are taken as
 * typed, provided the stages stay in order and no target exceeds the usual number a day.
 */
export function applyPlanEdits(plan: QuitPlan, edits: PlanEdits, a: { today: LocalDate; baselinePerDay: number }): QuitPlan {
  const reasons = edits.reasons;
  if (edits.quitDate !== plan.quitDate) {
    const shift = daysBetween(plan.quitDate, edits.quitDate);
    const move = (d: LocalDate) => addDays(d, shift);
    const stages = plan.stages.map((s) => ({
      ...s,
      startDate: s.key === "preparation" ? s.startDate : move(s.startDate),
      endDate: s.endDate === null ? null : move(s.endDate),
    }));
    const valid = stages.filter((s) => s.key !== "preparation" || daysBetween(s.startDate, s.endDate ?? s.startDate) >= 0);
    const days = Math.max(0, daysBetween(a.today, edits.quitDate));
    const reduce = plan.approach === "reduce-then-quit" && days > 0;
    const dailyTargets = reduce
      ? Array.from({ length: days }, (_, i) => ({
          date: addDays(a.today, i + 1),
          target: Math.round((a.baselinePerDay * (days - i - 1)) / days),
        }))
      : [];
    return {
      ...plan,
      reasons,
      quitDate: edits.quitDate,
      stages: valid,
      dailyTargets,
      reductionDays: dailyTargets.length,
      approach: reduce ? plan.approach : "quit-on-date",
    };
  }
  if (edits.stageStarts.length !== plan.stages.length)
    throw new DomainError("invalid", "journey:errors.stagesOrder", { field: "stageStarts" });
  for (let i = 1; i < edits.stageStarts.length; i++) {
    if (daysBetween(edits.stageStarts[i - 1]!, edits.stageStarts[i]!) <= 0)
      throw new DomainError("invalid", "journey:errors.stagesOrder", { field: "stageStarts" });
  }
  const stages = plan.stages.map((s, i) => ({
    ...s,
    startDate: edits.stageStarts[i]!,
    endDate: i + 1 < plan.stages.length ? addDays(edits.stageStarts[i + 1]!, -1) : null,
  }));
  if (edits.targets.length !== plan.dailyTargets.length || edits.targets.some((x) => x > a.baselinePerDay)) {
    throw new DomainError("invalid", "journey:errors.targetInvalid", { field: "targets" });
  }
  const dailyTargets = plan.dailyTargets.map((d, i) => ({ date: d.date, target: edits.targets[i]! }));
  return { ...plan, reasons, stages, dailyTargets };
}
