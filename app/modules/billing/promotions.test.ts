import { describe, expect, it } from "vitest";
import { DomainError } from "~/lib/domain-error";
import {
  applyPromotion,
  checkPromotionLimits,
  MAX_REDEMPTIONS,
  normalizePromotionCode,
  promotionEditSchema,
  promotionSchema,
  validatePromotion,
  type Promotion,
} from "./promotions";

const now = new Date("2026-03-10T12:00:00Z");
const tenPercent: Promotion = { code: "QUIT10", kind: "percent", percentOff: 10, expiresAt: null, maxRedemptions: null, redemptions: 0 };
const fiftyThousandDong: Promotion = {
  code: "TET-2026",
  kind: "amount",
  amountOffMinor: 50000,
  currency: "VND",
  expiresAt: null,
  maxRedemptions: null,
  redemptions: 0,
};

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).options.field).toBe("promotionCode");
    return (error as DomainError).message;
  }
  throw new Error("expected a refusal");
}

describe("validatePromotion", () => {
  it("accepts a valid code", () => {
    expect(validatePromotion(tenPercent, { now, currency: "USD" })).toBe(tenPercent);
    expect(validatePromotion(fiftyThousandDong, { now, currency: "VND" })).toBe(fiftyThousandDong);
  });

  it("refuses a code that does not exist", () => {
    expect(refusal(() => validatePromotion(null, { now, currency: "USD" }))).toBe("billingErrors:promotionUnknown");
  });

  it("refuses an expired code from the exact moment it expires", () => {
    const expiring = { ...tenPercent, expiresAt: now };
    expect(refusal(() => validatePromotion(expiring, { now, currency: "USD" }))).toBe("billingErrors:promotionExpired");
    expect(validatePromotion(expiring, { now: new Date(now.getTime() - 1), currency: "USD" })).toBe(expiring);
  });

  it("refuses a code whose redemptions are used up", () => {
    expect(refusal(() => validatePromotion({ ...tenPercent, maxRedemptions: 100, redemptions: 100 }, { now, currency: "USD" }))).toBe(
      "billingErrors:promotionUsedUp",
    );
    expect(validatePromotion({ ...tenPercent, maxRedemptions: 100, redemptions: 99 }, { now, currency: "USD" }).code).toBe("QUIT10");
  });

  it("refuses an amount-off code in another currency", () => {
    expect(refusal(() => validatePromotion(fiftyThousandDong, { now, currency: "USD" }))).toBe("billingErrors:promotionWrongCurrency");
  });
});

describe("applyPromotion", () => {
  it("takes a percentage off dollars and dong", () => {
    expect(applyPromotion(999, tenPercent, "USD")).toEqual({ discountMinor: 100, totalMinor: 899 }); // 99.9 cents → 100
    expect(applyPromotion(150000, tenPercent, "VND")).toEqual({ discountMinor: 15000, totalMinor: 135000 });
  });

  it("rounds a percentage half away from zero in minor units", () => {
    expect(applyPromotion(125, tenPercent, "USD").discountMinor).toBe(13); // 12.5 → 13
    expect(applyPromotion(124, tenPercent, "USD").discountMinor).toBe(12); // 12.4 → 12
    expect(applyPromotion(5, tenPercent, "VND").discountMinor).toBe(1); // 0.5 dong → 1
    expect(applyPromotion(1999, { ...tenPercent, percentOff: 15 }, "USD")).toEqual({ discountMinor: 300, totalMinor: 1699 }); // 299.85 → 300
  });

  it("100% off is free, never negative", () => {
    expect(applyPromotion(999, { ...tenPercent, percentOff: 100 }, "USD")).toEqual({ discountMinor: 999, totalMinor: 0 });
  });

  it("an amount off larger than the price makes it free, not negative", () => {
    expect(applyPromotion(150000, fiftyThousandDong, "VND")).toEqual({ discountMinor: 50000, totalMinor: 100000 });
    expect(applyPromotion(30000, fiftyThousandDong, "VND")).toEqual({ discountMinor: 30000, totalMinor: 0 });
  });

  it("refuses an amount off in another currency", () => {
    expect(refusal(() => applyPromotion(999, fiftyThousandDong, "USD"))).toBe("billingErrors:promotionWrongCurrency");
  });

  it("handles the largest prices exactly", () => {
    expect(applyPromotion(999_999_999_999, { ...tenPercent, percentOff: 33 }, "VND")).toEqual({
      discountMinor: 330_000_000_000,
      totalMinor: 669_999_999_999,
    });
  });
});

describe("promotion codes", () => {
  it("are case-insensitive", () => {
    expect(normalizePromotionCode("  quit10 ")).toBe("QUIT10");
  });

  it("are parsed from an admin form", () => {
    const percent = promotionSchema.parse({
      code: "spring-25",
      kind: "percent",
      percentOff: "25",
      expiresAt: "2026-04-01T00:00:00Z",
      maxRedemptions: "",
    });
    expect(percent).toEqual({
      code: "SPRING-25",
      kind: "percent",
      percentOff: 25,
      expiresAt: new Date("2026-04-01T00:00:00Z"),
      maxRedemptions: null,
    });
    const amount = promotionSchema.parse({
      code: "TET",
      kind: "amount",
      amountOffMinor: "50000",
      currency: "vnd",
      expiresAt: "",
      maxRedemptions: "200",
    });
    expect(amount).toMatchObject({ amountOffMinor: 50000, currency: "VND", expiresAt: null, maxRedemptions: 200 });
  });

  it("refuse bad codes and percentages with translation keys", () => {
    const issues = (input: unknown) => promotionSchema.safeParse(input).error?.issues.map((issue) => issue.message) ?? [];
    expect(issues({ code: "ab", kind: "percent", percentOff: "10" })).toContain("billingErrors:promotionCodeInvalid");
    expect(issues({ code: "HALF OFF", kind: "percent", percentOff: "10" })).toContain("billingErrors:promotionCodeInvalid");
    expect(issues({ code: "HALF", kind: "percent", percentOff: "101" })).toContain("billingErrors:percentOffInvalid");
    expect(issues({ code: "HALF", kind: "percent", percentOff: "0" })).toContain("billingErrors:percentOffInvalid");
    expect(issues({ code: "HALF", kind: "amount", amountOffMinor: "0", currency: "USD" })).toContain("billingErrors:amountOffInvalid");
    expect(issues({ code: "HALF", kind: "bogo" })).toContain("billingErrors:promotionKindInvalid");
    expect(issues({ code: "HALF", kind: "percent", percentOff: "10", expiresAt: "not a date" })).toContain(
      "billingErrors:promotionExpiryInvalid",
    );
  });
});

describe("a deactivated promotion", () => {
  it("is refused even when it has not expired and has uses left; a null deactivation is usable", () => {
    expect(
      refusal(() => validatePromotion({ ...tenPercent, deactivatedAt: new Date("2026-03-01T00:00:00Z") }, { now, currency: "USD" })),
    ).toBe("billingErrors:promotionInactive");
    expect(validatePromotion({ ...tenPercent, deactivatedAt: null }, { now, currency: "USD" }).code).toBe("QUIT10");
  });
});

describe("editing a promotion's limits", () => {
  it("reads empty fields as no expiry and unlimited uses, and refuses a non-positive maximum or a bad date", () => {
    expect(promotionEditSchema.parse({ expiresAt: "", maxRedemptions: "" })).toEqual({ expiresAt: null, maxRedemptions: null });
    expect(promotionEditSchema.parse({ expiresAt: "2030-01-31", maxRedemptions: " 12 " })).toEqual({
      expiresAt: new Date("2030-01-31T00:00:00Z"),
      maxRedemptions: 12,
    });
    expect(promotionEditSchema.safeParse({ expiresAt: "", maxRedemptions: "0" }).success).toBe(false);
    expect(promotionEditSchema.safeParse({ expiresAt: "someday", maxRedemptions: "" }).success).toBe(false);
  });

  it('refuses an expiry past the year 9999 ("32767" reached the database as +032767-… and was a 500)', () => {
    expect(promotionEditSchema.safeParse({ expiresAt: "32767", maxRedemptions: "" }).success).toBe(false);
    expect(promotionEditSchema.safeParse({ expiresAt: "9999-12-31", maxRedemptions: "" }).success).toBe(true);
  });

  it("refuses a maximum beyond the integer column (it was a database error, a 500)", () => {
    expect(promotionEditSchema.safeParse({ expiresAt: "", maxRedemptions: String(MAX_REDEMPTIONS) }).success).toBe(true);
    expect(promotionEditSchema.safeParse({ expiresAt: "", maxRedemptions: "99999999999999999999999999" }).success).toBe(false);
    expect(promotionEditSchema.safeParse({ expiresAt: "", maxRedemptions: "2147483648" }).success).toBe(false);
  });

  it("allows a maximum equal to the uses made (no more uses) but not below, and unlimited always", () => {
    expect(() => checkPromotionLimits({ expiresAt: null, maxRedemptions: 4 }, 4)).not.toThrow();
    expect(() => checkPromotionLimits({ expiresAt: null, maxRedemptions: null }, 400)).not.toThrow();
    expect(() => checkPromotionLimits({ expiresAt: null, maxRedemptions: 3 }, 4)).toThrow("billingErrors:promotionMaxBelowUsed");
  });
});
