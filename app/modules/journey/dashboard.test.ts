import { describe, expect, it } from "vitest";
import { addDays } from "~/lib/local-date";
import { dashboardView, smokeFreeSince } from "./dashboard";
import { proposePlan } from "./plan";
import type { DashboardAggregates } from "./progress.server";

const planned = "2026-11-01";
// A heavy smoker's plan: 14 days cutting down, quit date 2026-11-15.
const plan = proposePlan({
  cigarettesPerDay: 25,
  ftndScore: 7,
  ftndBand: "high",
  triggers: ["stress"],
  customTriggers: [],
  reasons: ["My lungs"],
  today: planned,
});
const attempt = { quitDate: plan.quitDate, attemptNumber: 2, baselinePerDay: 25, currency: "VND" };

function aggregates(over: Partial<DashboardAggregates> = {}): DashboardAggregates {
  return {
    days: [],
    lastCigaretteAt: null,
    longestStreakDays: 0,
    cigarettesAvoided: 0,
    topTriggers: [],
    today: { cigarettes: 0, cravings: 0, checkedIn: false },
    smokeFreeStreakStart: null,
    smokeFreeStreakDays: 0,
    moneySavedMinor: 0,
    checkInStreakDays: 0,
    ...over,
  };
}

const view = (today: string, now: Date, over: Partial<DashboardAggregates> = {}, answered: ("4-weeks" | "12-weeks")[] = []) =>
  dashboardView({ now, today, locale: "en", attempt, plan, aggregates: aggregates(over), answeredFollowUps: answered });

describe("the dashboard's figures", () => {
  it("counts smoke-free time from the streak's first day, or from the last cigarette's logged time when later", () => {
    const now = new Date("2026-11-20T12:00:00Z");
    expect(smokeFreeSince({ now, streakStart: null, lastCigaretteAt: null })).toBeNull();
    expect(smokeFreeSince({ now, streakStart: "2026-11-15T00:00:00Z", lastCigaretteAt: null })?.toISOString()).toBe(
      "2026-11-15T00:00:00.000Z",
    );
    expect(smokeFreeSince({ now, streakStart: "2026-11-15T00:00:00Z", lastCigaretteAt: "2026-11-15T09:30:00Z" })?.toISOString()).toBe(
      "2026-11-15T09:30:00.000Z",
    );
  });

  it("never starts the timer in the future, even when a cigarette was logged with a later time today", () => {
    const now = new Date("2026-11-20T08:00:00Z");
    expect(smokeFreeSince({ now, streakStart: "2026-11-20T00:00:00Z", lastCigaretteAt: "2026-11-20T18:00:00Z" })).toEqual(now);
  });

  it("while cutting down, shows today's target and only the targets inside the chart's window", () => {
    const today = "2026-11-05";
    const days = [0, 1, 2].map((i) => ({ date: addDays("2026-11-03", i), cigarettes: 20 - i, cravings: i, checkedIn: false }));
    const v = view(today, new Date("2026-11-05T10:00:00Z"), { days });
    expect(v.beforeQuitDate).toBe(true);
    expect(v.smokeFreeSince).toBeNull();
    expect(Object.keys(v.charts.targets)).toEqual(["2026-11-03", "2026-11-04", "2026-11-05"]);
    expect(v.todayTarget).toBe(plan.dailyTargets.find((d) => d.date === today)!.target);
    expect(v.charts.smoked).toEqual({ firstDay: "2026-11-03", values: [20, 19, 18] });
    expect(v.charts.cravings).toEqual({ firstDay: "2026-11-03", values: [0, 1, 2] });
    expect(v.stageAndHealth.stage.key).toBe("preparation");
    expect(v.stageAndHealth.timeline).toEqual({ reached: [], next: { key: "heartRate", source: "who" }, progressPercent: 0 });
  });

  it("after the quit date: no target, stages behind counted, health milestones reached by the smoke-free minutes", () => {
    // Three days and a bit smoke-free: heart rate, nicotine, carbon monoxide, nicotine gone, taste and smell reached.
    const v = view("2026-11-18", new Date("2026-11-18T01:00:00Z"), {
      smokeFreeStreakStart: "2026-11-15T00:00:00Z",
      smokeFreeStreakDays: 3,
      longestStreakDays: 3,
      cigarettesAvoided: 75,
      moneySavedMinor: 93_750,
      checkInStreakDays: 3,
    });
    expect(v.beforeQuitDate).toBe(false);
    expect(v.todayTarget).toBeNull();
    expect(v.smokeFreeSince).toBe("2026-11-15T00:00:00.000Z");
    expect(v.stageAndHealth.stage.key).toBe("first-two-weeks");
    expect(v.stageAndHealth.stagesCompleted).toBe(2);
    expect(v.stageAndHealth.totalStages).toBe(plan.stages.length);
    expect(v.stageAndHealth.reasons).toEqual(["My lungs"]);
    expect(v.stageAndHealth.timeline.reached.map((m) => m.key)).toEqual([
      "heartRate",
      "nicotineFalls",
      "carbonMonoxide",
      "nicotineGone",
      "tasteAndSmell",
    ]);
    expect(v.stageAndHealth.timeline.next?.key).toBe("circulation");
    // 73 h of the 48 h → 2 weeks stretch towards better circulation.
    expect(v.stageAndHealth.timeline.progressPercent).toBe(Math.round(((73 - 48) / (14 * 24 - 48)) * 100));
    expect(v.streakFigures).toEqual({
      locale: "en",
      currency: "VND",
      streakDays: 3,
      longestStreakDays: 3,
      checkInStreakDays: 3,
      cigarettesAvoided: 75,
      moneySavedMinor: 93_750,
      lifeRegainedMinutes: 75 * 20,
    });
  });

  it("asks the 4-week follow-up only inside its window and only until it is answered", () => {
    const now = new Date("2026-12-12T10:00:00Z");
    const inWindow = addDays(plan.quitDate, 27);
    expect(view(addDays(plan.quitDate, 20), now).dueFollowUps).toEqual([]);
    expect(view(inWindow, now).dueFollowUps).toEqual(["4-weeks"]);
    expect(view(inWindow, now, {}, ["4-weeks"]).dueFollowUps).toEqual([]);
  });

  it("keeps the attempt to what the page shows", () => {
    expect(view(planned, new Date("2026-11-01T10:00:00Z")).attempt).toEqual({ quitDate: plan.quitDate, attemptNumber: 2 });
  });
});
