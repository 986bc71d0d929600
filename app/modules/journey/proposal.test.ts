import { describe, expect, it } from "vitest";
import { daysBetween } from "~/lib/local-date";
import { proposePlan } from "./plan";
import { profileResults, type ProfileRow } from "./profile";
import { adjustPlan, newAttemptProposal, proposedPlanFor } from "./proposal";

const today = "2026-11-22";

const profile: ProfileRow = {
  userId: "00000000-0000-4000-8000-000000000001",
  cigarettesPerDay: 25,
  yearsSmoked: 10,
  cigarettesPerPack: 20,
  packPriceMinor: 30_000,
  currency: "VND",
  brand: null,
  triggers: ["stress", "coffee"],
  customTriggers: [],
  reasons: ["My daughter"],
  // First cigarette within 5 minutes, hard to refrain, would hate to give up the first, more in the morning: FTND 8.
  ftndAnswers: {
    minutesToFirstCigarette: "within-5",
    difficultToRefrain: true,
    hatesToGiveUp: "first-morning",
    smokesMoreInMorning: true,
    smokesWhenIll: false,
  },
  ftndScore: 8,
  hsiScore: 5,
  createdAt: new Date("2026-11-20T00:00:00Z"),
  updatedAt: new Date("2026-11-20T00:00:00Z"),
};

describe("the figures shown back after the profile", () => {
  it("scores dependence from the stored answers and works out exposure and spending", () => {
    expect(profileResults(profile)).toEqual({
      ftnd: { score: 8, band: "very-high" },
      hsi: { score: 5, band: "high" },
      brinkman: { index: 250, band: expect.any(String) },
      packYears: 12.5,
      // 25 a day at 30,000 dong a pack of 20: 37,500 a day.
      spend: { perYear: 13_687_500, perMonth: 1_140_625 },
    });
  });
});

describe("a plan proposed from the member's profile", () => {
  it("scores the profile's answers and proposes the plan that dependence calls for", () => {
    const plan = proposedPlanFor(profile, today);
    expect(plan.approach).toBe("reduce-then-quit");
    expect(plan.reasons).toEqual(["My daughter"]);
    expect(plan.basis).toMatchObject({ cigarettesPerDay: 25, ftndBand: "very-high" });
    expect(plan.copingStrategies.map((c) => c.trigger)).toEqual(expect.arrayContaining(["stress", "coffee"]));
  });
});

describe("adjusting a proposed plan", () => {
  const light = proposePlan({
    cigarettesPerDay: 10,
    ftndScore: 2,
    ftndBand: "very-low",
    triggers: ["coffee"],
    customTriggers: [],
    reasons: [],
    today,
  });

  it("moves every stage with the chosen quit date and keeps preparation starting today", () => {
    const moved = adjustPlan(light, { quitDate: "2026-12-02", reduceFirst: false, today, cigarettesPerDay: 10 });
    const shift = daysBetween(light.quitDate, "2026-12-02");
    expect(moved.quitDate).toBe("2026-12-02");
    expect(moved.approach).toBe("quit-on-date");
    expect(moved.dailyTargets).toEqual([]);
    expect(moved.stages[0]).toMatchObject({ key: "preparation", startDate: today });
    const quitDay = moved.stages.find((s) => s.key === "quit-day")!;
    expect(quitDay.startDate).toBe("2026-12-02");
    const before = light.stages.find((s) => s.key === "weeks-3-12")!;
    const after = moved.stages.find((s) => s.key === "weeks-3-12")!;
    expect(daysBetween(before.startDate, after.startDate)).toBe(shift);
  });

  it("cutting down first: targets fall in equal steps from today's count to zero on the quit date", () => {
    const reduced = adjustPlan(light, { quitDate: "2026-11-27", reduceFirst: true, today, cigarettesPerDay: 10 });
    expect(reduced.approach).toBe("reduce-then-quit");
    expect(reduced.reductionDays).toBe(5);
    expect(reduced.dailyTargets).toEqual([
      { date: "2026-11-23", target: 8 },
      { date: "2026-11-24", target: 6 },
      { date: "2026-11-25", target: 4 },
      { date: "2026-11-26", target: 2 },
      { date: "2026-11-27", target: 0 },
    ]);
  });

  it("quitting today (or on a past date) has no preparation stage and nothing to cut down", () => {
    for (const quitDate of [today, "2026-11-20"]) {
      const now = adjustPlan(light, { quitDate, reduceFirst: true, today, cigarettesPerDay: 10 });
      expect(now.stages.some((s) => s.key === "preparation")).toBe(false);
      expect(now).toMatchObject({ approach: "quit-on-date", reductionDays: 0, dailyTargets: [] });
    }
  });
});

describe("the plan offered for a new attempt", () => {
  it("starts from the ended attempt's plan and puts the triggers that led to the relapse first", () => {
    const ended = proposedPlanFor({ ...profile, cigarettesPerDay: 8, ftndScore: 1 }, "2026-09-01");
    const next = newAttemptProposal({ endedPlan: ended, profile, triggers: ["alcohol"], today });
    expect(next.copingStrategies[0]).toMatchObject({ trigger: "alcohol", emphasised: true });
    expect(next.basis.cigarettesPerDay).toBe(8);
  });

  it("without an ended plan, starts from the profile; the member may say how much they smoke now", () => {
    const next = newAttemptProposal({ endedPlan: null, profile, triggers: [], today, cigarettesPerDay: 12 });
    expect(next.basis.cigarettesPerDay).toBe(12);
    expect(next.reasons).toEqual(["My daughter"]);
  });
});
