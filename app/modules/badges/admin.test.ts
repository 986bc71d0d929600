import { describe, expect, it } from "vitest";
import { badgeEditSchema } from "./admin";

const valid = {
  nameEn: "One week",
  nameVi: "Một tuần",
  descriptionEn: "A week",
  descriptionVi: "Một tuần",
  icon: "calendar",
  active: "on",
};

describe("the admin badge form", () => {
  it("accepts a rule as JSON and validates it with the rule schema", () => {
    const parsed = badgeEditSchema.safeParse({ ...valid, rule: '{"kind":"money-saved","thresholdMinor":{"vnd":100000,"USD":500}}' });
    expect(parsed.success && parsed.data.rule).toEqual({ kind: "money-saved", thresholdMinor: { VND: 100000, USD: 500 } });
  });

  it("refuses broken JSON, an unknown rule kind and an unknown icon", () => {
    expect(badgeEditSchema.safeParse({ ...valid, rule: "{not json" }).success).toBe(false);
    expect(badgeEditSchema.safeParse({ ...valid, rule: '{"kind":"teleport","days":3}' }).success).toBe(false);
    expect(badgeEditSchema.safeParse({ ...valid, rule: '{"kind":"smoke-free-days","days":7}', icon: "skull" }).success).toBe(false);
    expect(badgeEditSchema.safeParse({ ...valid, rule: '{"kind":"smoke-free-days","days":7}' }).success).toBe(true);
  });
});
