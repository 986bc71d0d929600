import { describe, expect, it } from "vitest";
import { acceptPlanSchema, onboardingStepSchemas } from "./forms";

const habits = { cigarettesPerDay: "20", yearsSmoked: "10", cigarettesPerPack: "20", currency: "VND", brand: "" };

describe("onboarding forms", () => {
  it("reads the pack price exactly in the member's language and currency", () => {
    const vi = onboardingStepSchemas("vi").habits.safeParse({ ...habits, packPrice: "35.000" });
    expect(vi.success && vi.data.packPriceMinor).toBe(35000);
    const en = onboardingStepSchemas("en").habits.safeParse({ ...habits, currency: "USD", packPrice: "9.50" });
    expect(en.success && en.data.packPriceMinor).toBe(950);
  });

  it("refuses a free pack, a pack of zero and negative counts with field messages", () => {
    const result = onboardingStepSchemas("en").habits.safeParse({
      ...habits,
      cigarettesPerDay: "-3",
      cigarettesPerPack: "0",
      packPrice: "0",
    });
    expect(result.success).toBe(false);
    const issues = result.success ? [] : result.error.issues.map((i) => [i.path.join("."), i.message]);
    expect(issues).toEqual(
      expect.arrayContaining([
        ["cigarettesPerDay", "journey:errors.cigarettesPerDayInvalid"],
        ["cigarettesPerPack", "journey:errors.cigarettesPerPackInvalid"],
      ]),
    );
  });

  it("refuses a quit date more than a year back but welcomes a recent one", () => {
    const schema = acceptPlanSchema("2026-06-01");
    expect(schema.safeParse({ quitDate: "2025-05-01" }).success).toBe(false);
    expect(schema.safeParse({ quitDate: "2026-05-20" }).success).toBe(true);
  });
});
