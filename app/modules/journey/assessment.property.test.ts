import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_CIGARETTES_PER_DAY, MAX_MINUTES_TO_FIRST_CIGARETTE } from "./bounds";
import { ftndBand, scoreFtnd, scoreHsi, type FtndAnswers } from "./assessment";

const answers: fc.Arbitrary<FtndAnswers> = fc.record({
  minutesToFirstCigarette: fc.integer({ min: 0, max: MAX_MINUTES_TO_FIRST_CIGARETTE }),
  difficultToRefrain: fc.boolean(),
  hatesToGiveUp: fc.constantFrom("first-morning" as const, "other" as const),
  cigarettesPerDay: fc.integer({ min: 0, max: MAX_CIGARETTES_PER_DAY }),
  smokesMoreInMorning: fc.boolean(),
  smokesWhenIll: fc.boolean(),
});
const BANDS = ["very-low", "low", "moderate", "high", "very-high"];

describe("FTND and HSI scoring (properties)", () => {
  it("scores lie in 0–10 (FTND) and 0–6 (HSI), with the band of the score", () => {
    fc.assert(
      fc.property(answers, (a) => {
        const ftnd = scoreFtnd(a);
        expect(ftnd.score).toBeGreaterThanOrEqual(0);
        expect(ftnd.score).toBeLessThanOrEqual(10);
        expect(ftnd.band).toBe(ftndBand(ftnd.score));
        const hsi = scoreHsi(a);
        expect(hsi.score).toBeGreaterThanOrEqual(0);
        expect(hsi.score).toBeLessThanOrEqual(6);
        expect(hsi.score).toBeLessThanOrEqual(ftnd.score);
      }),
    );
  });

  it("more dependence never scores lower: an earlier first cigarette, more a day, or any yes", () => {
    fc.assert(
      fc.property(answers, fc.nat(60), fc.nat(40), (a, earlier, more) => {
        const base = scoreFtnd(a).score;
        expect(scoreFtnd({ ...a, minutesToFirstCigarette: Math.max(0, a.minutesToFirstCigarette - earlier) }).score).toBeGreaterThanOrEqual(
          base,
        );
        expect(
          scoreFtnd({ ...a, cigarettesPerDay: Math.min(MAX_CIGARETTES_PER_DAY, a.cigarettesPerDay + more) }).score,
        ).toBeGreaterThanOrEqual(base);
        expect(
          scoreFtnd({ ...a, difficultToRefrain: true, smokesMoreInMorning: true, smokesWhenIll: true, hatesToGiveUp: "first-morning" })
            .score,
        ).toBeGreaterThanOrEqual(base);
      }),
    );
  });

  it("bands rise with the score", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 10 }), (x, y) => {
        const [low, high] = x <= y ? [x, y] : [y, x];
        expect(BANDS.indexOf(ftndBand(low))).toBeLessThanOrEqual(BANDS.indexOf(ftndBand(high)));
      }),
    );
  });
});
