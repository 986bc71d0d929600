import { describe, expect, it } from "vitest";
import { seedBadgeCatalogue, type CatalogueBadge } from "./catalogue";
import { evaluateBadges, smokeFreeDaysAt, type MemberProgress } from "./rules";

const catalogue: CatalogueBadge[] = seedBadgeCatalogue.map(({ key, rule }) => ({ key, rule, active: true }));

const newcomer: MemberProgress = {
  smokeFreeStreakDays: 0,
  moneySavedMinor: 0,
  currency: "VND",
  cravingsResisted: 0,
  checkInStreakDays: 0,
  stagesCompleted: 0,
  totalStages: 4,
  communityPosts: 0,
  helpfulComments: 0,
  graduated: false,
};

describe("evaluateBadges", () => {
  it("awards the alumni badge once a coach has graduated the member, and not before", () => {
    expect(evaluateBadges(newcomer, catalogue)).not.toContain("alumni");
    expect(evaluateBadges({ ...newcomer, graduated: true }, catalogue)).toContain("alumni");
  });

  it("awards nothing to a member who has just started", () => {
    expect(evaluateBadges(newcomer, catalogue)).toEqual([]);
  });

  it("awards every smoke-free badge up to the streak, and none beyond it", () => {
    expect(evaluateBadges({ ...newcomer, smokeFreeStreakDays: 6 }, catalogue)).toEqual(["smoke-free-1-day", "smoke-free-3-days"]);
    expect(evaluateBadges({ ...newcomer, smokeFreeStreakDays: 7 }, catalogue)).toEqual([
      "smoke-free-1-day",
      "smoke-free-3-days",
      "smoke-free-1-week",
    ]);
    expect(evaluateBadges({ ...newcomer, smokeFreeStreakDays: 365 }, catalogue)).toHaveLength(8);
  });

  it("reads the money threshold in the member's own currency", () => {
    expect(evaluateBadges({ ...newcomer, moneySavedMinor: 500_000, currency: "VND" }, catalogue)).toEqual([
      "money-saved-tier-1",
      "money-saved-tier-2",
    ]);
    expect(evaluateBadges({ ...newcomer, moneySavedMinor: 499, currency: "USD" }, catalogue)).toEqual([]);
    expect(evaluateBadges({ ...newcomer, moneySavedMinor: 2_500, currency: "usd" }, catalogue)).toEqual([
      "money-saved-tier-1",
      "money-saved-tier-2",
    ]);
  });

  it("never fires a money badge for a currency without a threshold", () => {
    expect(evaluateBadges({ ...newcomer, moneySavedMinor: 10_000_000, currency: "EUR" }, catalogue)).toEqual([]);
  });

  it("counts cravings, check-in streaks, posts and helpful comments", () => {
    const keys = evaluateBadges(
      { ...newcomer, cravingsResisted: 50, checkInStreakDays: 7, communityPosts: 1, helpfulComments: 5 },
      catalogue,
    );
    expect(keys).toEqual([
      "cravings-resisted-10",
      "cravings-resisted-50",
      "check-in-streak-3",
      "check-in-streak-7",
      "first-community-post",
      "helping-others-5",
    ]);
  });

  it("awards the whole-plan badge only when every stage of a real plan is done", () => {
    expect(evaluateBadges({ ...newcomer, stagesCompleted: 3, totalStages: 4 }, catalogue)).toEqual(["plan-first-stage"]);
    expect(evaluateBadges({ ...newcomer, stagesCompleted: 4, totalStages: 4 }, catalogue)).toEqual(["plan-first-stage", "plan-all-stages"]);
    expect(evaluateBadges({ ...newcomer, stagesCompleted: 0, totalStages: 0 }, catalogue)).toEqual([]);
  });

  it("skips badges an admin has switched off", () => {
    const withWeekOff = catalogue.map((badge) => (badge.key === "smoke-free-1-week" ? { ...badge, active: false } : badge));
    expect(evaluateBadges({ ...newcomer, smokeFreeStreakDays: 7 }, withWeekOff)).toEqual(["smoke-free-1-day", "smoke-free-3-days"]);
  });
});

describe("smokeFreeDaysAt", () => {
  // Both members stopped at 20:00 on 1 June on their own clocks.
  const hanoiStart = new Date("2026-06-01T13:00:00Z"); // 20:00 in Asia/Ho_Chi_Minh (UTC+7)
  const newYorkStart = new Date("2026-06-02T00:00:00Z"); // 20:00 in America/New_York (EDT, UTC-4)

  it("crosses 7 days at local midnight in Ho Chi Minh City", () => {
    expect(smokeFreeDaysAt(hanoiStart, new Date("2026-06-07T16:59:59Z"), "Asia/Ho_Chi_Minh")).toBe(6);
    expect(smokeFreeDaysAt(hanoiStart, new Date("2026-06-07T17:00:00Z"), "Asia/Ho_Chi_Minh")).toBe(7);
  });

  it("crosses 7 days at local midnight in New York, eleven hours later", () => {
    expect(smokeFreeDaysAt(newYorkStart, new Date("2026-06-07T17:00:00Z"), "America/New_York")).toBe(6);
    expect(smokeFreeDaysAt(newYorkStart, new Date("2026-06-08T03:59:59Z"), "America/New_York")).toBe(6);
    expect(smokeFreeDaysAt(newYorkStart, new Date("2026-06-08T04:00:00Z"), "America/New_York")).toBe(7);
  });

  it("counts the 23-hour day when New York springs forward as a whole day", () => {
    const start = new Date("2026-03-07T15:00:00Z"); // 10:00 EST, Saturday before the change
    expect(smokeFreeDaysAt(start, new Date("2026-03-09T03:59:59Z"), "America/New_York")).toBe(1); // 23:59 EDT on the 8th
    expect(smokeFreeDaysAt(start, new Date("2026-03-09T04:00:00Z"), "America/New_York")).toBe(2);
  });

  it("is zero on the first day and before the streak starts", () => {
    expect(smokeFreeDaysAt(hanoiStart, new Date("2026-06-01T16:59:00Z"), "Asia/Ho_Chi_Minh")).toBe(0);
    expect(smokeFreeDaysAt(hanoiStart, new Date("2026-05-01T00:00:00Z"), "Asia/Ho_Chi_Minh")).toBe(0);
  });

  it("counts a full year across New Year and two clock changes", () => {
    expect(smokeFreeDaysAt(new Date("2026-01-01T05:00:00Z"), new Date("2027-01-01T05:00:00Z"), "America/New_York")).toBe(365);
  });
});
