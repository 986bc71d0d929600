import { describe, expect, it } from "vitest";
import { progressTowards } from "./progress";
import type { MemberProgress } from "./rules";

const base: MemberProgress = {
  smokeFreeStreakDays: 4,
  moneySavedMinor: 120_000,
  currency: "VND",
  cravingsResisted: 12,
  checkInStreakDays: 2,
  stagesCompleted: 1,
  totalStages: 5,
  communityPosts: 0,
  helpfulComments: 0,
  graduated: false,
};

describe("progress towards a badge", () => {
  it("caps at the target and counts in the rule's unit", () => {
    expect(progressTowards({ kind: "smoke-free-days", days: 7 }, base)).toEqual({ current: 4, target: 7 });
    expect(progressTowards({ kind: "cravings-resisted", count: 10 }, base)).toEqual({ current: 10, target: 10 });
  });

  it("uses the member's currency, and has nothing to say when that currency has no threshold", () => {
    expect(progressTowards({ kind: "money-saved", thresholdMinor: { VND: 500_000, USD: 2_500 } }, base)).toEqual({
      current: 120_000,
      target: 500_000,
    });
    expect(progressTowards({ kind: "money-saved", thresholdMinor: { USD: 2_500 } }, base)).toBeNull();
  });

  it("reads 'all stages' as the plan's stage count", () => {
    expect(progressTowards({ kind: "plan-stages", stages: "all" }, base)).toEqual({ current: 1, target: 5 });
    expect(progressTowards({ kind: "plan-stages", stages: "all" }, { ...base, totalStages: 0 })).toBeNull();
  });
});
