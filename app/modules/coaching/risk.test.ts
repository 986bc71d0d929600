import { describe, expect, it } from "vitest";
import { addDays } from "~/lib/local-date";
import { assessRisk, riskLevel, riskReasons, type RiskInput } from "./risk";

const today = "2025-03-20";
const day = (n: number) => addDays(today, -n);

/** A member 30 days into an attempt who checked in today and logged nothing else. */
function member(overrides: Partial<RiskInput> = {}): RiskInput {
  return {
    today,
    attempt: { quitDate: day(30) },
    recentDays: [],
    lastCheckIn: today,
    lastRelapseOn: null,
    fourWeekFollowUp: null,
    ...overrides,
  };
}
const keys = (input: RiskInput) => riskReasons(input).map((r) => r.key);
const smoked = (...daysAgo: number[]) => daysAgo.map((n) => ({ date: day(n), cigarettes: 2, cravings: 0 }));
const craved = (counts: Record<number, number>) =>
  Object.entries(counts).map(([n, c]) => ({ date: day(Number(n)), cigarettes: 0, cravings: c }));

describe("risk rules", () => {
  it("a member doing well has no reasons and low risk", () => {
    expect(assessRisk(member())).toEqual({ score: 0, level: "low", reasons: [] });
  });

  it("3 slip days within the last 7 days is a reason; 2, or a third one 7 days back, is not", () => {
    expect(keys(member({ recentDays: smoked(0, 3, 6) }))).toEqual(["slips"]);
    expect(riskReasons(member({ recentDays: smoked(0, 3, 6) }))[0]!.values).toEqual({ count: 3, days: 7 });
    expect(keys(member({ recentDays: smoked(0, 3) }))).toEqual([]);
    expect(keys(member({ recentDays: smoked(0, 3, 7) }))).toEqual([]);
  });

  it("cigarettes before the quit date are not slips (cutting down is the plan)", () => {
    expect(keys(member({ attempt: { quitDate: day(1) }, recentDays: smoked(2, 3, 4) }))).toEqual([]);
    expect(keys(member({ attempt: { quitDate: day(3) }, recentDays: smoked(1, 2, 3) }))).toEqual(["slips"]);
  });

  it("no check-in for 4 days is a reason, 3 is not; it counts from the quit date when the member never checked in", () => {
    expect(keys(member({ lastCheckIn: day(4) }))).toEqual(["noCheckIn"]);
    expect(riskReasons(member({ lastCheckIn: day(4) }))[0]!.values).toEqual({ days: 4 });
    expect(keys(member({ lastCheckIn: day(3) }))).toEqual([]);
    expect(keys(member({ lastCheckIn: null, attempt: { quitDate: day(3) } }))).toEqual(["noCheckIn"]);
    expect(keys(member({ lastCheckIn: null, attempt: { quitDate: day(2) } }))).toEqual([]);
    // Before the quit date nobody is asked to check in; with no active attempt there is nothing to check in to.
    expect(keys(member({ lastCheckIn: null, attempt: { quitDate: addDays(today, 5) } }))).toEqual([]);
    expect(keys(member({ lastCheckIn: null, attempt: null }))).toEqual([]);
  });

  it("cravings rising: this week at least 3 and half as many again as the week before", () => {
    expect(keys(member({ recentDays: craved({ 0: 2, 6: 1 }) }))).toEqual(["cravingsRising"]);
    expect(keys(member({ recentDays: craved({ 0: 2 }) }))).toEqual([]);
    expect(keys(member({ recentDays: craved({ 0: 6, 7: 4 }) }))).toEqual(["cravingsRising"]);
    expect(keys(member({ recentDays: craved({ 0: 5, 13: 4 }) }))).toEqual([]);
    expect(keys(member({ recentDays: craved({ 0: 6, 14: 40 }) }))).toEqual(["cravingsRising"]);
    expect(riskReasons(member({ recentDays: craved({ 1: 6, 8: 4 }) }))[0]!.values).toEqual({ thisWeek: 6, lastWeek: 4 });
  });

  it("a relapse in the last 14 days is a reason, an older one is not", () => {
    expect(keys(member({ attempt: null, lastRelapseOn: day(14) }))).toEqual(["relapse"]);
    expect(keys(member({ attempt: null, lastRelapseOn: day(15) }))).toEqual([]);
  });

  it("a 4-week follow-up that says smoking is a reason; an abstinent one is not", () => {
    expect(keys(member({ fourWeekFollowUp: { smokedSinceDay14: true, smokedPast7Days: false } }))).toEqual(["followUpSmoking"]);
    expect(keys(member({ fourWeekFollowUp: { smokedSinceDay14: false, smokedPast7Days: true } }))).toEqual(["followUpSmoking"]);
    expect(keys(member({ fourWeekFollowUp: { smokedSinceDay14: false, smokedPast7Days: false } }))).toEqual([]);
  });

  it("asking the AI coach for a human counts for 7 days, and only when the input is given", () => {
    const now = new Date("2025-03-20T12:00:00Z");
    expect(keys(member({ now, askedForHumanAt: new Date("2025-03-13T12:00:00Z") }))).toEqual(["askedForHuman"]);
    expect(keys(member({ now, askedForHumanAt: new Date("2025-03-13T11:59:00Z") }))).toEqual([]);
    expect(keys(member({ now }))).toEqual([]);
  });

  it("scores add up to a level, and reasons come strongest first", () => {
    expect(riskLevel(0)).toBe("low");
    expect(riskLevel(1)).toBe("low");
    expect(riskLevel(2)).toBe("medium");
    expect(riskLevel(3)).toBe("medium");
    expect(riskLevel(4)).toBe("high");
    expect(assessRisk(member({ lastCheckIn: day(5) })).level).toBe("medium");
    const both = assessRisk(member({ lastCheckIn: day(5), recentDays: craved({ 0: 4 }) }));
    expect(both.level).toBe("high");
    const many = assessRisk(member({ lastCheckIn: day(5), recentDays: smoked(0, 1, 2), lastRelapseOn: day(40) }));
    expect(many.reasons.map((r) => r.key)).toEqual(["slips", "noCheckIn"]);
    expect(many.score).toBe(6);
  });
});
