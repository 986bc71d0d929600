import { describe, expect, it } from "vitest";
import { DomainError } from "~/lib/domain-error";
import { addDays } from "~/lib/local-date";
import {
  PROGRESS_SOURCES,
  cigarettesAvoided,
  classifySmoking,
  detectRelapse,
  lifeRegainedMinutes,
  moneySavedMinor,
  smokeFreeStreaks,
  smokingCostMinor,
  smokingSpendMinor,
  longestStreak,
} from "./progress";

describe("money saved", () => {
  it("in dong (no minor unit): a ₫30,000 pack of 20 is ₫1,500 a cigarette", () => {
    expect(moneySavedMinor({ baselinePerDay: 20, pricePerPackMinor: 30_000, cigarettesPerPack: 20, smokedByDay: [0] })).toBe(30_000);
    expect(moneySavedMinor({ baselinePerDay: 20, pricePerPackMinor: 30_000, cigarettesPerPack: 20, smokedByDay: [19] })).toBe(1_500);
    expect(moneySavedMinor({ baselinePerDay: 20, pricePerPackMinor: 30_000, cigarettesPerPack: 20, smokedByDay: Array(30).fill(0) })).toBe(
      900_000,
    );
  });

  it("in dollars with a fractional price per cigarette ($8.99 / 20 = 44.95¢), rounded once at the end", () => {
    const usd = { baselinePerDay: 10, pricePerPackMinor: 899, cigarettesPerPack: 20 };
    // One cigarette avoided: 44.95¢ → 45¢ (half away from zero).
    expect(moneySavedMinor({ ...usd, smokedByDay: [9] })).toBe(45);
    // Three avoided over three days: 134.85¢ → 135¢. Rounding per day would give 3 × 45 = 135 too…
    expect(moneySavedMinor({ ...usd, smokedByDay: [9, 9, 9] })).toBe(135);
    // …but 20 days of one avoided is exactly one pack (899¢); rounding per day would give 900¢.
    expect(moneySavedMinor({ ...usd, smokedByDay: Array(20).fill(9) })).toBe(899);
    // 10 avoided: 449.5¢ → 450¢, the half goes away from zero.
    expect(moneySavedMinor({ ...usd, smokedByDay: [0] })).toBe(450);
    // 30 avoided: 1,348.5¢ → 1,349¢.
    expect(moneySavedMinor({ ...usd, smokedByDay: [0, 0, 0] })).toBe(1349);
    // 11 avoided: 494.45¢ → 494¢, below the half rounds down.
    expect(moneySavedMinor({ ...usd, smokedByDay: [0, 9] })).toBe(494);
  });

  it("a day smoked above baseline saves nothing and takes nothing back", () => {
    const usd = { baselinePerDay: 10, pricePerPackMinor: 899, cigarettesPerPack: 20 };
    expect(moneySavedMinor({ ...usd, smokedByDay: [25, 0] })).toBe(450);
    expect(moneySavedMinor({ ...usd, smokedByDay: [25] })).toBe(0);
    expect(moneySavedMinor({ ...usd, smokedByDay: [] })).toBe(0);
  });

  it("stays exact over years of data", () => {
    const days = Array(3650).fill(0);
    // 36,500 packs at $8.99 each, to the cent.
    expect(moneySavedMinor({ baselinePerDay: 20, pricePerPackMinor: 899, cigarettesPerPack: 20, smokedByDay: days })).toBe(3650 * 899);
  });

  it("refuses a pack of zero, a negative price and impossible counts", () => {
    const base = { baselinePerDay: 20, pricePerPackMinor: 30_000, cigarettesPerPack: 20, smokedByDay: [0] };
    expect(() => moneySavedMinor({ ...base, cigarettesPerPack: 0 })).toThrow("journey:errors.cigarettesPerPackInvalid");
    expect(() => moneySavedMinor({ ...base, pricePerPackMinor: -1 })).toThrow("journey:errors.packPriceInvalid");
    expect(() => moneySavedMinor({ ...base, pricePerPackMinor: 8.99 })).toThrow("journey:errors.packPriceInvalid");
    expect(() => moneySavedMinor({ ...base, smokedByDay: [-2] })).toThrow("journey:errors.cigaretteCountInvalid");
    expect(() => moneySavedMinor({ ...base, smokedByDay: [Number.NaN] })).toThrow(DomainError);
    expect(() => moneySavedMinor({ ...base, baselinePerDay: 500 })).toThrow(DomainError);
  });

  it("prices a smoking habit per month and per year", () => {
    // 20 a day at ₫30,000 a pack: ₫30,000 a day.
    expect(smokingSpendMinor({ cigarettesPerDay: 20, pricePerPackMinor: 30_000, cigarettesPerPack: 20 })).toEqual({
      perYear: 10_950_000,
      perMonth: 912_500,
    });
    // 10 a day at $8.99: 449.5¢ a day → $1,640.68 a year (164,067.5 → 164,068), $136.72 a month (13,672.29…).
    expect(smokingSpendMinor({ cigarettesPerDay: 10, pricePerPackMinor: 899, cigarettesPerPack: 20 })).toEqual({
      perYear: 164_068,
      perMonth: 13_672,
    });
    expect(smokingCostMinor({ cigarettesPerDay: 10, pricePerPackMinor: 899, cigarettesPerPack: 20, days: 1 })).toBe(450);
  });
});

describe("cigarettes avoided and life regained", () => {
  it("counts only the cigarettes below baseline", () => {
    expect(cigarettesAvoided(15, [0, 3, 20, 15])).toBe(15 + 12);
  });

  it("gives back 20 minutes of life per cigarette not smoked (Jackson et al., 2025)", () => {
    expect(lifeRegainedMinutes(0)).toBe(0);
    expect(lifeRegainedMinutes(1)).toBe(20);
    expect(lifeRegainedMinutes(365 * 20)).toBe(146_000);
    expect(PROGRESS_SOURCES.lifeRegained).toMatch(/Jackson et al\., .*2025/);
    expect(() => lifeRegainedMinutes(-1)).toThrow("journey:errors.cigaretteCountInvalid");
    expect(() => lifeRegainedMinutes(Number.POSITIVE_INFINITY)).toThrow(DomainError);
  });
});

describe("smoke-free streaks", () => {
  it("a slip restarts the current streak but the longest is kept", () => {
    expect(smokeFreeStreaks([0, 0, 0, 0, 2, 0, 0])).toEqual({ current: 2, longest: 4 });
  });

  it("smoking today means no current streak", () => {
    expect(smokeFreeStreaks([0, 0, 1])).toEqual({ current: 0, longest: 2 });
  });

  it("no days yet, no streak", () => {
    expect(smokeFreeStreaks([])).toEqual({ current: 0, longest: 0 });
    expect(smokeFreeStreaks([0, 0, 0])).toEqual({ current: 3, longest: 3 });
  });
});

const quitDate = "2026-03-01";
const day = (n: number) => addDays(quitDate, n);
const days = (...ns: number[]) => ns.map(day);

describe("relapse detection (Hughes et al., 2003)", () => {
  it("smoking on 7 consecutive days is a relapse on the 7th day", () => {
    // Days 0–6 are all in week 0, so only the consecutive-days rule can fire.
    expect(detectRelapse({ quitDate, smokedDates: days(0, 1, 2, 3, 4, 5, 6) })).toBe(day(6));
  });

  it("six consecutive smoking days, then stopping, is a slip, not a relapse", () => {
    expect(detectRelapse({ quitDate, smokedDates: days(0, 1, 2, 3, 4, 5) })).toBeNull();
    expect(classifySmoking({ quitDate, smokedDates: days(0, 1, 2, 3, 4, 5) })).toEqual({
      status: "lapsed",
      firstSlipDate: day(0),
      lastSlipDate: day(5),
    });
  });

  it("smoking in two consecutive weeks is a relapse on the first smoking day of the second week", () => {
    expect(detectRelapse({ quitDate, smokedDates: days(3, 10, 12) })).toBe(day(10));
    // Week 2 (days 14–20) after week 1 (days 7–13).
    expect(detectRelapse({ quitDate, smokedDates: days(13, 14) })).toBe(day(14));
  });

  it("smoking in weeks 0 and 2 but not week 1 is not a relapse", () => {
    expect(detectRelapse({ quitDate, smokedDates: days(2, 15, 16) })).toBeNull();
  });

  it("whichever rule is met first wins", () => {
    // Days 4–10 are seven in a row, but day 7 already starts a second smoking week.
    expect(detectRelapse({ quitDate, smokedDates: days(4, 5, 6, 7, 8, 9, 10) })).toBe(day(7));
    // Seven in a row inside one week (days 21–27) fires on day 27; no earlier week had smoking.
    expect(detectRelapse({ quitDate, smokedDates: days(21, 22, 23, 24, 25, 26, 27) })).toBe(day(27));
  });

  it("days before the quit date never count", () => {
    const before = ["2026-02-20", "2026-02-24", "2026-02-25", "2026-02-26", "2026-02-27", "2026-02-28"];
    expect(detectRelapse({ quitDate, smokedDates: [...before, day(0)] })).toBeNull();
    expect(detectRelapse({ quitDate, smokedDates: [...before, ...days(0, 1, 2, 3, 4, 5)] })).toBeNull();
    expect(classifySmoking({ quitDate, smokedDates: before })).toEqual({ status: "smoke-free" });
  });

  it("accepts duplicate and unsorted dates", () => {
    expect(detectRelapse({ quitDate, smokedDates: days(6, 0, 3, 3, 2, 5, 1, 4, 0) })).toBe(day(6));
    expect(detectRelapse({ quitDate, smokedDates: days(12, 3, 12, 3) })).toBe(day(12));
    expect(detectRelapse({ quitDate, smokedDates: days(5, 5, 5, 5, 5, 5, 5) })).toBeNull();
  });

  it("works across month and year ends", () => {
    expect(detectRelapse({ quitDate: "2026-12-28", smokedDates: ["2026-12-30", "2027-01-05"] })).toBe("2027-01-05");
    expect(detectRelapse({ quitDate: "2026-12-28", smokedDates: ["2026-12-30", "2027-01-03"] })).toBeNull();
  });

  it("a relapse ends the attempt and keeps the first slip", () => {
    expect(classifySmoking({ quitDate, smokedDates: days(3, 10) })).toEqual({
      status: "relapsed",
      firstSlipDate: day(3),
      relapseDate: day(10),
    });
  });

  it("no smoking, no relapse", () => {
    expect(detectRelapse({ quitDate, smokedDates: [] })).toBeNull();
  });

  it("refuses malformed dates", () => {
    expect(() => detectRelapse({ quitDate: "2026-02-30", smokedDates: [] })).toThrow("journey:errors.dateInvalid");
    expect(() => detectRelapse({ quitDate, smokedDates: ["03/05/2026"] })).toThrow(DomainError);
  });
});

describe("an attempt's longest smoke-free streak", () => {
  it("is the longest run of full days without a cigarette between the quit date, smoking days and the end", () => {
    expect(longestStreak("2026-11-01", [], "2026-11-11")).toBe(10);
    // Smoked on the 4th and the 20th: 3 days before, 15 between, 5 after (to the 26th).
    expect(longestStreak("2026-11-01", ["2026-11-04", "2026-11-20"], "2026-11-26")).toBe(15);
    expect(longestStreak("2026-11-01", ["2026-11-01", "2026-11-02"], "2026-11-02")).toBe(0);
  });

  it("is never negative, even when the end is before the quit date", () => {
    expect(longestStreak("2026-11-10", [], "2026-11-05")).toBe(0);
  });
});
