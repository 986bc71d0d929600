import { describe, expect, it } from "vitest";
import {
  OUTCOME_SOURCES,
  cohortSuccessRate,
  dueFollowUps,
  followUpSchedule,
  fourWeekQuit,
  russellStandard,
  sevenDayPointPrevalence,
} from "./outcomes";

const quitDate = "2026-03-01";

describe("follow-up schedule", () => {
  it("the 4-week follow-up opens on day 25 and closes after day 42", () => {
    expect(dueFollowUps(quitDate, "2026-03-25", [])).toEqual([]); // day 24
    expect(dueFollowUps(quitDate, "2026-03-26", []).map((f) => f.key)).toEqual(["4-weeks"]); // day 25
    expect(dueFollowUps(quitDate, "2026-04-12", []).map((f) => f.key)).toEqual(["4-weeks"]); // day 42
    expect(dueFollowUps(quitDate, "2026-04-13", [])).toEqual([]); // day 43
  });

  it("an answered follow-up is no longer due", () => {
    expect(dueFollowUps(quitDate, "2026-04-01", ["4-weeks"])).toEqual([]);
  });

  it("12, 26 and 52 weeks each have a window around their date", () => {
    const schedule = followUpSchedule(quitDate);
    expect(schedule.map((f) => f.key)).toEqual(["4-weeks", "12-weeks", "26-weeks", "52-weeks"]);
    for (const f of schedule) {
      expect(f.windowStartDay).toBeLessThanOrEqual(f.weeks * 7);
      expect(f.windowEndDay).toBeGreaterThanOrEqual(f.weeks * 7);
    }
    // Windows never overlap, so at most one follow-up is due on a day.
    for (let i = 1; i < schedule.length; i++) expect(schedule[i]!.windowStartDay).toBeGreaterThan(schedule[i - 1]!.windowEndDay);
    expect(dueFollowUps(quitDate, "2026-05-24", []).map((f) => f.key)).toEqual(["12-weeks"]); // day 84
    expect(dueFollowUps(quitDate, "2027-02-28", []).map((f) => f.key)).toEqual(["52-weeks"]); // day 364
    expect(schedule[0]).toMatchObject({ opensOn: "2026-03-26", closesOn: "2026-04-12" });
  });
});

describe("outcome definitions", () => {
  it("4-week quit: not even a puff since day 14, and CO below 10 ppm when measured", () => {
    expect(fourWeekQuit({ smokedSinceDay14: false })).toBe(true);
    expect(fourWeekQuit({ smokedSinceDay14: true })).toBe(false);
    expect(fourWeekQuit({ smokedSinceDay14: false, coPpm: 9 })).toBe(true);
    expect(fourWeekQuit({ smokedSinceDay14: false, coPpm: 10 })).toBe(false);
    expect(fourWeekQuit({ smokedSinceDay14: null })).toBe(false);
    expect(OUTCOME_SOURCES.fourWeekQuit).toMatch(/NCSCT/);
  });

  it("Russell Standard: up to 5 cigarettes since the grace period still counts as sustained abstinence", () => {
    expect(russellStandard({ cigarettesSinceGrace: 0 })).toBe(true);
    expect(russellStandard({ cigarettesSinceGrace: 5 })).toBe(true);
    expect(russellStandard({ cigarettesSinceGrace: 6 })).toBe(false);
    expect(russellStandard({ cigarettesSinceGrace: 2, coPpm: 15 })).toBe(false);
    expect(russellStandard({ cigarettesSinceGrace: undefined })).toBe(false);
    expect(() => russellStandard({ cigarettesSinceGrace: -1 })).toThrow("journey:errors.cigaretteCountInvalid");
  });

  it("7-day point prevalence: no smoking in the past 7 days means abstinent", () => {
    expect(sevenDayPointPrevalence({ smokedPast7Days: false })).toBe(true);
    expect(sevenDayPointPrevalence({ smokedPast7Days: true })).toBe(false);
    expect(sevenDayPointPrevalence({ smokedPast7Days: null })).toBe(false);
    expect(() => sevenDayPointPrevalence({ smokedPast7Days: false, coPpm: -3 })).toThrow("journey:errors.coReadingInvalid");
  });

  it("success rates count unknown outcomes as smoking (intention to treat)", () => {
    const cohort = [{ abstinent: true }, { abstinent: true }, { abstinent: false }, { abstinent: null }, { abstinent: undefined }];
    expect(cohortSuccessRate(cohort)).toEqual({ numerator: 2, denominator: 5, rate: 0.4 });
    expect(cohortSuccessRate([])).toEqual({ numerator: 0, denominator: 0, rate: null });
  });
});
