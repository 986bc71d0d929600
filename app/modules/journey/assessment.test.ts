import { describe, expect, it } from "vitest";
import { DomainError } from "~/lib/domain-error";
import { ASSESSMENT_SOURCES, brinkmanIndex, packYears, scoreFtnd, scoreHsi, type FtndAnswers } from "./assessment";

const noPoints: FtndAnswers = {
  minutesToFirstCigarette: 120,
  difficultToRefrain: false,
  hatesToGiveUp: "other",
  cigarettesPerDay: 5,
  smokesMoreInMorning: false,
  smokesWhenIll: false,
};

describe("Fagerström Test for Nicotine Dependence (Heatherton et al., 1991)", () => {
  it.each([
    [0, 3],
    [5, 3],
    [6, 2],
    [30, 2],
    [31, 1],
    [60, 1],
    [61, 0],
    [600, 0],
  ])("first cigarette %i minutes after waking scores %i", (minutes, points) => {
    expect(scoreFtnd({ ...noPoints, minutesToFirstCigarette: minutes }).score).toBe(points);
  });

  it.each([
    [1, 0],
    [10, 0],
    [11, 1],
    [20, 1],
    [21, 2],
    [30, 2],
    [31, 3],
    [200, 3],
  ])("%i cigarettes a day scores %i", (perDay, points) => {
    expect(scoreFtnd({ ...noPoints, cigarettesPerDay: perDay }).score).toBe(points);
  });

  it("each yes/no item is worth one point", () => {
    expect(scoreFtnd({ ...noPoints, difficultToRefrain: true }).score).toBe(1);
    expect(scoreFtnd({ ...noPoints, hatesToGiveUp: "first-morning" }).score).toBe(1);
    expect(scoreFtnd({ ...noPoints, smokesMoreInMorning: true }).score).toBe(1);
    expect(scoreFtnd({ ...noPoints, smokesWhenIll: true }).score).toBe(1);
  });

  it("the heaviest answers add up to the maximum of 10", () => {
    expect(
      scoreFtnd({
        minutesToFirstCigarette: 2,
        difficultToRefrain: true,
        hatesToGiveUp: "first-morning",
        cigarettesPerDay: 40,
        smokesMoreInMorning: true,
        smokesWhenIll: true,
      }),
    ).toEqual({ score: 10, band: "very-high" });
  });

  // Build every score 0–10 from real answers and check the five-band scheme at each boundary.
  const answersScoring = (score: number): FtndAnswers => {
    let rest = score;
    const take = (max: number) => {
      const points = Math.min(max, rest);
      rest -= points;
      return points;
    };
    const firstCigarette = take(3);
    const perDay = take(3);
    return {
      minutesToFirstCigarette: [90, 45, 15, 3][firstCigarette]!,
      cigarettesPerDay: [8, 15, 25, 35][perDay]!,
      difficultToRefrain: take(1) === 1,
      hatesToGiveUp: take(1) === 1 ? "first-morning" : "other",
      smokesMoreInMorning: take(1) === 1,
      smokesWhenIll: take(1) === 1,
    };
  };

  it.each([
    [0, "very-low"],
    [1, "very-low"],
    [2, "very-low"],
    [3, "low"],
    [4, "low"],
    [5, "moderate"],
    [6, "high"],
    [7, "high"],
    [8, "very-high"],
    [9, "very-high"],
    [10, "very-high"],
  ] as const)("a score of %i is %s dependence", (score, band) => {
    expect(scoreFtnd(answersScoring(score))).toEqual({ score, band });
  });
});

describe("Heaviness of Smoking Index (Heatherton et al., 1989)", () => {
  it.each([
    [90, 8, 0, "low"],
    [45, 8, 1, "low"],
    [45, 15, 2, "low"],
    [15, 15, 3, "moderate"],
    [3, 15, 4, "moderate"],
    [3, 25, 5, "high"],
    [3, 35, 6, "high"],
  ] as const)("first cigarette at %i min, %i a day: score %i, %s", (minutes, perDay, score, band) => {
    expect(scoreHsi({ minutesToFirstCigarette: minutes, cigarettesPerDay: perDay })).toEqual({ score, band });
  });

  it("band boundaries sit at 2/3 and 4/5", () => {
    expect(scoreHsi({ minutesToFirstCigarette: 30, cigarettesPerDay: 10 }).band).toBe("low"); // 2
    expect(scoreHsi({ minutesToFirstCigarette: 30, cigarettesPerDay: 11 }).band).toBe("moderate"); // 3
    expect(scoreHsi({ minutesToFirstCigarette: 5, cigarettesPerDay: 11 }).band).toBe("moderate"); // 4
    expect(scoreHsi({ minutesToFirstCigarette: 5, cigarettesPerDay: 21 }).band).toBe("high"); // 5
  });
});

describe("Brinkman index and pack-years", () => {
  it.each([
    [399, "below-400"],
    [400, "400-599"],
    [599, "400-599"],
    [600, "600-1199"],
    [1199, "600-1199"],
    [1200, "1200-plus"],
  ] as const)("an index of %i is in the %s band", (index, band) => {
    // index × 1 year keeps the product exact.
    expect(brinkmanIndex(index / 10, 10)).toEqual({ index, band });
  });

  it("multiplies cigarettes per day by years smoked", () => {
    expect(brinkmanIndex(20, 30)).toEqual({ index: 600, band: "600-1199" });
    expect(brinkmanIndex(0, 30)).toEqual({ index: 0, band: "below-400" });
  });

  it("10 a day for 20 years is 10 pack-years, not more", () => {
    expect(packYears(10, 20)).toBe(10);
    expect(packYears(20, 1)).toBe(1);
    expect(packYears(30, 12.5)).toBe(18.75);
  });

  it("cites a source for every figure", () => {
    expect(ASSESSMENT_SOURCES.ftnd).toMatch(/Heatherton.*1991/);
    expect(ASSESSMENT_SOURCES.hsi).toMatch(/Heatherton.*1989/);
    expect(ASSESSMENT_SOURCES.brinkman).toMatch(/Brinkman/);
    expect(ASSESSMENT_SOURCES.packYears).toMatch(/National Cancer Institute/);
  });
});

describe("nonsense answers are refused, not scored", () => {
  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY, 201])("%s cigarettes a day", (perDay) => {
    expect(() => scoreFtnd({ ...noPoints, cigarettesPerDay: perDay })).toThrow("journey:errors.cigarettesPerDayInvalid");
    expect(() => packYears(perDay, 10)).toThrow(DomainError);
    expect(() => brinkmanIndex(perDay, 10)).toThrow(DomainError);
  });

  it.each([-0.5, 91, Number.NaN])("%s years smoked", (years) => {
    expect(() => packYears(10, years)).toThrow("journey:errors.yearsSmokedInvalid");
    expect(() => brinkmanIndex(10, years)).toThrow("journey:errors.yearsSmokedInvalid");
  });

  it.each([-1, Number.NaN, Number.NEGATIVE_INFINITY])("%s minutes to the first cigarette", (minutes) => {
    expect(() => scoreHsi({ minutesToFirstCigarette: minutes, cigarettesPerDay: 10 })).toThrow(
      "journey:errors.minutesToFirstCigaretteInvalid",
    );
  });

  it("the error names the field and is an 'invalid' domain error", () => {
    try {
      brinkmanIndex(-3, 10);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).kind).toBe("invalid");
      expect((error as DomainError).options.field).toBe("cigarettesPerDay");
    }
  });
});
