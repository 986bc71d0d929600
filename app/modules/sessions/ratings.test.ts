import { describe, expect, it } from "vitest";
import { bayesianAverage, ratingSchema } from "./ratings";

describe("coach ratings", () => {
  it("pull a few ratings towards the overall mean and let many speak for themselves", () => {
    expect(bayesianAverage(0, 0, 4.2)).toBeNull();
    expect(bayesianAverage(10, 2, 4)).toBeCloseTo((5 * 4 + 10) / 7);
    expect(bayesianAverage(5 * 200, 200, 3)).toBeGreaterThan(4.9);
    // Two fives rank below forty 4.8s.
    expect(bayesianAverage(10, 2, 4)!).toBeLessThan(bayesianAverage(4.8 * 40, 40, 4)!);
  });

  it("take 1 to 5 whole stars", () => {
    expect(ratingSchema.safeParse({ stars: "0" }).success).toBe(false);
    expect(ratingSchema.safeParse({ stars: "6" }).success).toBe(false);
    expect(ratingSchema.safeParse({ stars: "4.5" }).success).toBe(false);
    expect(ratingSchema.parse({ stars: "4", comment: "  good " })).toEqual({ stars: 4, comment: "good" });
  });
});
