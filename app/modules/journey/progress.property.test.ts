import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_CIGARETTES_PER_DAY } from "./bounds";
import { cigarettesAvoided, moneySavedMinor, smokeFreeStreaks } from "./progress";

const perDay = fc.integer({ min: 0, max: MAX_CIGARETTES_PER_DAY });
const days = fc.array(perDay, { maxLength: 400 });

describe("progress (properties)", () => {
  it("cigarettes avoided lie between none and the baseline every day", () => {
    fc.assert(
      fc.property(perDay, days, (baseline, smoked) => {
        const avoided = cigarettesAvoided(baseline, smoked);
        expect(avoided).toBeGreaterThanOrEqual(0);
        expect(avoided).toBeLessThanOrEqual(baseline * smoked.length);
      }),
    );
  });

  it("smoking one more cigarette on any day never raises what was avoided or saved", () => {
    fc.assert(
      fc.property(
        perDay,
        fc.array(fc.integer({ min: 0, max: MAX_CIGARETTES_PER_DAY - 1 }), { minLength: 1, maxLength: 200 }),
        fc.nat(),
        (baseline, smoked, pick) => {
          const i = pick % smoked.length;
          const more = smoked.map((n, j) => (j === i ? n + 1 : n));
          expect(cigarettesAvoided(baseline, more)).toBeLessThanOrEqual(cigarettesAvoided(baseline, smoked));
          const price = { baselinePerDay: baseline, pricePerPackMinor: 12_345, cigarettesPerPack: 20 };
          expect(moneySavedMinor({ ...price, smokedByDay: more })).toBeLessThanOrEqual(moneySavedMinor({ ...price, smokedByDay: smoked }));
        },
      ),
    );
  });

  it("money saved is the exact product rounded once, an integer within one minor unit of it", () => {
    fc.assert(
      fc.property(
        perDay,
        days,
        fc.integer({ min: 0, max: 1_000_000_000 }),
        fc.integer({ min: 1, max: 100 }),
        (baseline, smoked, price, pack) => {
          const saved = moneySavedMinor({
            baselinePerDay: baseline,
            pricePerPackMinor: price,
            cigarettesPerPack: pack,
            smokedByDay: smoked,
          });
          expect(Number.isSafeInteger(saved)).toBe(true);
          const exact = (cigarettesAvoided(baseline, smoked) * price) / pack;
          expect(Math.abs(saved - exact)).toBeLessThanOrEqual(0.5 + 1e-6 * exact);
        },
      ),
    );
  });

  it("the current streak is the smoke-free days at the end, and no streak is longer than the longest", () => {
    fc.assert(
      fc.property(days, (smoked) => {
        const { current, longest } = smokeFreeStreaks(smoked);
        const lastSmoked = smoked.findLastIndex((n) => n > 0);
        expect(current).toBe(smoked.length - 1 - lastSmoked);
        expect(current).toBeLessThanOrEqual(longest);
        expect(longest).toBeLessThanOrEqual(smoked.length);
        const runs = smoked
          .map((n) => (n === 0 ? "0" : "1"))
          .join("")
          .split("1");
        expect(longest).toBe(Math.max(0, ...runs.map((r) => r.length)));
      }),
    );
  });
});
