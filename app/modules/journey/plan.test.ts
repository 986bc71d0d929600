import { describe, expect, it } from "vitest";
import { planAfterRelapse, proposePlan, stageOn, type PlanInput } from "./plan";

const today = "2026-11-22";
const light: PlanInput = {
  cigarettesPerDay: 8,
  ftndScore: 2,
  ftndBand: "very-low",
  triggers: ["coffee", "after-meals"],
  customTriggers: [],
  reasons: ["Run with my kids"],
  today,
};
const heavy: PlanInput = { ...light, cigarettesPerDay: 25, ftndScore: 7, ftndBand: "high", triggers: ["stress", "alcohol"] };

describe("proposing a quit plan", () => {
  it("a light, less dependent smoker quits on a date a week away, with no reduction or NRT suggestion", () => {
    const plan = proposePlan(light);
    expect(plan).toMatchObject({ approach: "quit-on-date", quitDate: "2026-11-29", reductionDays: 0, dailyTargets: [], suggestNrt: false });
    expect(plan.reasons).toEqual(["Run with my kids"]);
  });

  it("moderate dependence gets two weeks to prepare and a suggestion to talk about NRT", () => {
    const plan = proposePlan({ ...light, cigarettesPerDay: 15, ftndScore: 5, ftndBand: "moderate" });
    expect(plan).toMatchObject({ approach: "quit-on-date", quitDate: "2026-12-06", suggestNrt: true });
    expect(plan.stages[0]!.tasks.map((t) => t.key)).toContain("journey:tasks.talkToPharmacist");
  });

  it("high dependence cuts down over 14 days, the daily target reaching 0 on the quit date", () => {
    const plan = proposePlan(heavy);
    expect(plan).toMatchObject({ approach: "reduce-then-quit", quitDate: "2026-12-06", reductionDays: 14, suggestNrt: true });
    expect(plan.dailyTargets).toHaveLength(14);
    expect(plan.dailyTargets[0]).toEqual({ date: "2026-11-23", target: 23 });
    expect(plan.dailyTargets.at(-1)).toEqual({ date: "2026-12-06", target: 0 });
    const targets = plan.dailyTargets.map((d) => d.target);
    expect(targets.every((t, i) => i === 0 || t <= targets[i - 1]!)).toBe(true);
    expect(Math.max(...targets)).toBeLessThan(25);
  });

  it("very high dependence or more than 30 a day cuts down over 21 days", () => {
    expect(proposePlan({ ...heavy, ftndScore: 9, ftndBand: "very-high" }).reductionDays).toBe(21);
    expect(proposePlan({ ...light, cigarettesPerDay: 40, ftndScore: 4, ftndBand: "low" })).toMatchObject({
      approach: "reduce-then-quit",
      reductionDays: 21,
      quitDate: "2026-12-13",
    });
  });

  it("every stage follows the last without gaps, from preparation to graduated", () => {
    const plan = proposePlan(light);
    expect(plan.stages.map((s) => s.key)).toEqual(["preparation", "quit-day", "first-two-weeks", "weeks-3-12", "months-4-6", "graduated"]);
    expect(plan.stages.map((s) => [s.startDate, s.endDate])).toEqual([
      ["2026-11-22", "2026-11-28"],
      ["2026-11-29", "2026-11-29"],
      ["2026-11-30", "2026-12-12"],
      ["2026-12-13", "2027-02-20"],
      ["2027-02-21", "2027-05-29"],
      ["2027-05-30", null],
    ]);
    for (const stage of plan.stages) expect(stage.goals.length).toBeGreaterThan(0);
  });

  it("gives one coping strategy per trigger, including the member's own", () => {
    const plan = proposePlan({
      ...light,
      triggers: ["coffee", "stress", "alcohol", "after-meals"],
      customTriggers: ["arguing with my boss"],
    });
    expect(plan.copingStrategies.map(({ trigger, strategyKey }) => [trigger, strategyKey])).toEqual([
      ["coffee", "switch-drink"],
      ["stress", "breathing-4-7-8"],
      ["alcohol", "avoid-or-limit"],
      ["after-meals", "brush-teeth-walk"],
      ["arguing with my boss", "delay-and-distract"],
    ]);
    const preparationTasks = plan.stages[0]!.tasks.filter((t) => t.key === "journey:tasks.practiseStrategy");
    expect(preparationTasks).toHaveLength(5);
    expect(preparationTasks[0]!.params).toEqual({ trigger: "coffee", strategy: "switch-drink" });
  });

  it("explains its choice with a translation key", () => {
    expect(proposePlan(light).approachReasonKey).toBe("journey:approach.quitSoon");
    expect(proposePlan(heavy).approachReasonKey).toBe("journey:approach.reduce");
  });

  it("refuses nonsense input", () => {
    expect(() => proposePlan({ ...light, cigarettesPerDay: 0 })).toThrow("journey:errors.cigarettesPerDayInvalid");
    expect(() => proposePlan({ ...light, ftndScore: 11 })).toThrow("journey:errors.ftndScoreInvalid");
    expect(() => proposePlan({ ...light, today: "tomorrow" })).toThrow("journey:errors.dateInvalid");
  });
});

describe("the stage on a date", () => {
  const plan = proposePlan(light);
  it.each([
    ["2026-11-20", "preparation"],
    ["2026-11-22", "preparation"],
    ["2026-11-28", "preparation"],
    ["2026-11-29", "quit-day"],
    ["2026-11-30", "first-two-weeks"],
    ["2026-12-12", "first-two-weeks"],
    ["2026-12-13", "weeks-3-12"],
    ["2027-02-20", "weeks-3-12"],
    ["2027-02-21", "months-4-6"],
    ["2027-05-30", "graduated"],
    ["2030-01-01", "graduated"],
  ])("on %s the member is in %s", (date, stage) => {
    expect(stageOn(plan, date).key).toBe(stage);
  });
});

describe("a new plan after a relapse", () => {
  it("puts the triggers that led to the relapse first and prepares for them", () => {
    const previous = proposePlan(light);
    const plan = planAfterRelapse(previous, { triggersThatLedToRelapse: ["after-meals", "a wedding party"], today: "2027-01-10" });
    expect(plan.quitDate).toBe("2027-01-17");
    expect(plan.copingStrategies.slice(0, 2)).toEqual([
      { trigger: "after-meals", strategyKey: "brush-teeth-walk", emphasised: true },
      { trigger: "a wedding party", strategyKey: "delay-and-distract", emphasised: true },
    ]);
    expect(plan.copingStrategies[2]).toEqual({ trigger: "coffee", strategyKey: "switch-drink", emphasised: false });
    expect(plan.stages[0]!.goals[0]).toBe("journey:goals.learnFromRelapse");
    expect(plan.reasons).toEqual(previous.reasons);
  });

  it("offers a reduction phase to someone with moderate dependence who quit abruptly before", () => {
    const previous = proposePlan({ ...light, cigarettesPerDay: 15, ftndScore: 5, ftndBand: "moderate" });
    expect(previous.approach).toBe("quit-on-date");
    const plan = planAfterRelapse(previous, { triggersThatLedToRelapse: ["stress"], today: "2027-01-10" });
    expect(plan).toMatchObject({
      approach: "reduce-then-quit",
      reductionDays: 14,
      quitDate: "2027-01-24",
      approachReasonKey: "journey:approach.reduceAfterRelapse",
    });
    expect(plan.dailyTargets.at(-1)).toEqual({ date: "2027-01-24", target: 0 });
  });

  it("plans reduction from how much the member smokes now, if they say", () => {
    const plan = planAfterRelapse(proposePlan(heavy), { triggersThatLedToRelapse: [], today: "2027-01-10", cigarettesPerDay: 10 });
    expect(plan.dailyTargets[0]!.target).toBeLessThan(10);
    expect(plan.basis.cigarettesPerDay).toBe(10);
  });
});
