import { describe, expect, it } from "vitest";
import { DomainError } from "~/lib/domain-error";
import { proposePlan } from "./plan";
import { applyPlanEdits } from "./plan-edit";

const today = "2026-03-01";
const plan = proposePlan({
  cigarettesPerDay: 25,
  ftndScore: 6,
  ftndBand: "high",
  triggers: ["coffee"],
  customTriggers: [],
  reasons: ["kids"],
  today,
});

describe("editing a plan", () => {
  it("moving the quit date moves every stage after preparation and re-spreads the targets to zero", () => {
    const edited = applyPlanEdits(
      plan,
      { reasons: ["health"], quitDate: "2026-03-20", stageStarts: [], targets: [] },
      { today, baselinePerDay: 25 },
    );
    expect(edited.reasons).toEqual(["health"]);
    expect(edited.stages.find((s) => s.key === "quit-day")!.startDate).toBe("2026-03-20");
    expect(edited.dailyTargets).toHaveLength(19);
    expect(edited.dailyTargets.at(-1)).toEqual({ date: "2026-03-20", target: 0 });
  });

  it("keeps typed stage starts and targets, and refuses stages out of order or targets above the usual number", () => {
    const starts = plan.stages.map((s) => s.startDate);
    const targets = plan.dailyTargets.map((d) => d.target);
    const edited = applyPlanEdits(
      plan,
      { reasons: ["kids"], quitDate: plan.quitDate, stageStarts: starts, targets: targets.map((x) => Math.max(0, x - 1)) },
      { today, baselinePerDay: 25 },
    );
    expect(edited.dailyTargets[0]!.target).toBe(targets[0]! - 1);
    const swapped = [starts[1]!, starts[0]!, ...starts.slice(2)];
    expect(() =>
      applyPlanEdits(plan, { reasons: ["kids"], quitDate: plan.quitDate, stageStarts: swapped, targets }, { today, baselinePerDay: 25 }),
    ).toThrow(DomainError);
    expect(() =>
      applyPlanEdits(
        plan,
        { reasons: ["kids"], quitDate: plan.quitDate, stageStarts: starts, targets: targets.map(() => 99) },
        { today, baselinePerDay: 25 },
      ),
    ).toThrow(DomainError);
  });
});
