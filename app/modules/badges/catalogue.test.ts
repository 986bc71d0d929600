import { describe, expect, it } from "vitest";
import en from "~/locales/en/badges";
import vi from "~/locales/vi/badges";
import { badgeDescriptionKey, badgeNameKey, seedBadgeCatalogue } from "./catalogue";
import { isBadgeIconName } from "./icons";
import { badgeRuleSchema } from "./rule";

const lookup = (dictionary: object, key: string) =>
  key
    .replace(/^badges:/, "")
    .split(".")
    .reduce<unknown>((node, part) => (node && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined), dictionary);

describe("seed badge catalogue", () => {
  it("gives every badge a unique key, a known icon and a rule the admin form schema accepts", () => {
    const keys = seedBadgeCatalogue.map((badge) => badge.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const badge of seedBadgeCatalogue) {
      expect(isBadgeIconName(badge.icon)).toBe(true);
      expect(badgeRuleSchema.parse(badge.rule)).toEqual(badge.rule);
    }
  });

  it("survives a JSONB round trip unchanged", () => {
    expect(JSON.parse(JSON.stringify(seedBadgeCatalogue))).toEqual(seedBadgeCatalogue);
  });

  it("covers the smoke-free milestones from one day to one year", () => {
    const days = seedBadgeCatalogue.flatMap((b) => (b.rule.kind === "smoke-free-days" ? [b.rule.days] : []));
    expect(days).toEqual([1, 3, 7, 14, 30, 90, 182, 365]);
  });

  it("sets money thresholds in minor units for dong and dollars, rising tier by tier", () => {
    const money = seedBadgeCatalogue.flatMap((b) => (b.rule.kind === "money-saved" ? [b.rule.thresholdMinor] : []));
    expect(money).toEqual([
      { VND: 100_000, USD: 500 },
      { VND: 500_000, USD: 2_500 },
      { VND: 1_000_000, USD: 5_000 },
    ]);
  });

  it("covers cravings, check-in streaks, plan stages, first post and helping others", () => {
    const rules = seedBadgeCatalogue.map((b) => b.rule);
    expect(rules).toContainEqual({ kind: "cravings-resisted", count: 100 });
    expect(rules).toContainEqual({ kind: "check-in-streak", days: 30 });
    expect(rules).toContainEqual({ kind: "plan-stages", stages: 1 });
    expect(rules).toContainEqual({ kind: "plan-stages", stages: "all" });
    expect(rules).toContainEqual({ kind: "community-posts", count: 1 });
    expect(rules).toContainEqual({ kind: "helpful-comments", count: 5 });
  });

  it("has a name and description in English and Vietnamese for every badge", () => {
    for (const { key } of seedBadgeCatalogue) {
      for (const dictionary of [en, vi]) {
        expect(lookup(dictionary, badgeNameKey(key)), key).toEqual(expect.any(String));
        expect(lookup(dictionary, badgeDescriptionKey(key)), key).toEqual(expect.any(String));
      }
    }
    expect(Object.keys(en.badges).sort()).toEqual(seedBadgeCatalogue.map((b) => b.key).sort());
  });
});

describe("badge rule schema (admin form)", () => {
  it("coerces the strings a form posts into numbers", () => {
    expect(badgeRuleSchema.parse({ kind: "smoke-free-days", days: "7" })).toEqual({ kind: "smoke-free-days", days: 7 });
    expect(badgeRuleSchema.parse({ kind: "plan-stages", stages: "all" })).toEqual({ kind: "plan-stages", stages: "all" });
    expect(badgeRuleSchema.parse({ kind: "plan-stages", stages: "2" })).toEqual({ kind: "plan-stages", stages: 2 });
  });

  it("upper-cases currency codes and coerces thresholds", () => {
    expect(badgeRuleSchema.parse({ kind: "money-saved", thresholdMinor: { vnd: "200000", EUR: "1000" } })).toEqual({
      kind: "money-saved",
      thresholdMinor: { VND: 200_000, EUR: 1_000 },
    });
  });

  it("refuses empty, zero, fractional and negative targets", () => {
    for (const days of ["", "0", "1.5", "-3", "abc"]) {
      expect(badgeRuleSchema.safeParse({ kind: "smoke-free-days", days }).success, days).toBe(false);
    }
  });

  it("refuses unknown rule kinds, unknown currencies and money rules without any threshold", () => {
    expect(badgeRuleSchema.safeParse({ kind: "cigarettes-smoked", count: 1 }).success).toBe(false);
    expect(badgeRuleSchema.safeParse({ kind: "money-saved", thresholdMinor: { XYZW: 100 } }).success).toBe(false);
    const empty = badgeRuleSchema.safeParse({ kind: "money-saved", thresholdMinor: {} });
    expect(empty.success).toBe(false);
    expect(empty.error?.issues[0]?.message).toBe("badges:admin.errors.thresholdRequired");
  });
});
