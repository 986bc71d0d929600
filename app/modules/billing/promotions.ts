import { z } from "zod";
import { DomainError } from "~/lib/domain-error";
import { amountMinor, currencyCode } from "./packages";

export const PROMOTION_KINDS = ["percent", "amount"] as const;
export type PromotionKind = (typeof PROMOTION_KINDS)[number];

type PromotionLimits = {
  code: string;
  expiresAt: Date | null;
  maxRedemptions: number | null;
  redemptions: number;
  /** When an admin deactivated the code (absent or null: usable). */
  deactivatedAt?: Date | null;
};
export type Promotion =
  | (PromotionLimits & { kind: "percent"; percentOff: number })
  | (PromotionLimits & { kind: "amount"; amountOffMinor: number; currency: string });

const PROMOTION_FIELD = { field: "promotionCode" };

/** Codes are compared case-insensitively: stored and looked up upper-case, ignoring surrounding spaces. */
export function normalizePromotionCode(input: string): string {
  return input.trim().toUpperCase();
}

export const promotionCode = z
  .string({ required_error: "billingErrors:promotionCodeInvalid" })
  .transform(normalizePromotionCode)
  .pipe(z.string().regex(/^[A-Z0-9-]{3,32}$/, "billingErrors:promotionCodeInvalid"));

/** Beyond any real campaign, and well inside the integer column (a larger number was a database error, a 500). */
export const MAX_REDEMPTIONS = 1_000_000;

const optionalWhole = (message: string) =>
  z.preprocess(
    (value) =>
      value === "" || value === undefined ? null : typeof value === "string" && /^\s*\d+\s*$/.test(value) ? Number(value) : value,
    z.number({ invalid_type_error: message }).int(message).min(1, message).max(MAX_REDEMPTIONS, message).nullable(),
  );

// Years past 9999 are written by toISOString as "+032767-…", which Postgres refuses (the fuzz's "32767" was a 500).
const LAST_EXPIRY = new Date("9999-12-31T23:59:59.999Z");
const optionalDate = z.preprocess(
  (value) => (value === "" || value === undefined ? null : typeof value === "string" ? new Date(value) : value),
  z
    .date({ errorMap: () => ({ message: "billingErrors:promotionExpiryInvalid" }) })
    .max(LAST_EXPIRY, "billingErrors:promotionExpiryInvalid")
    .nullable(),
);

const promotionLimitsSchema = {
  code: promotionCode,
  expiresAt: optionalDate,
  maxRedemptions: optionalWhole("billingErrors:promotionMaxRedemptionsInvalid"),
};

/** The admin form for a new promotion; redemptions start at zero and are counted by the server. */
export const promotionSchema = z.discriminatedUnion(
  "kind",
  [
    z.object({
      ...promotionLimitsSchema,
      kind: z.literal("percent"),
      percentOff: z.preprocess(
        (value) => (typeof value === "string" && /^\s*\d+\s*$/.test(value) ? Number(value) : value),
        z
          .number({ required_error: "billingErrors:percentOffInvalid", invalid_type_error: "billingErrors:percentOffInvalid" })
          .int("billingErrors:percentOffInvalid")
          .min(1, "billingErrors:percentOffInvalid")
          .max(100, "billingErrors:percentOffInvalid"),
      ),
    }),
    z.object({
      ...promotionLimitsSchema,
      kind: z.literal("amount"),
      amountOffMinor: amountMinor.pipe(z.number().min(1, "billingErrors:amountOffInvalid")),
      currency: currencyCode,
    }),
  ],
  {
    errorMap: (issue, ctx) => ({
      message: issue.code === "invalid_union_discriminator" ? "billingErrors:promotionKindInvalid" : ctx.defaultError,
    }),
  },
);

export type PromotionInput = z.infer<typeof promotionSchema>;

/**
 * An admin's edit of an existing code: its expiry and maximum uses. The code and its discount stay as they are (a
 * checkout already opened, and the Stripe coupon made from it, carry them): a different discount is a new code.
 */
export const promotionEditSchema = z.object({
  expiresAt: optionalDate,
  maxRedemptions: optionalWhole("billingErrors:promotionMaxRedemptionsInvalid"),
});

export type PromotionEditInput = z.infer<typeof promotionEditSchema>;

/** A new maximum may not fall below the uses already made: those members have their discount. */
export function checkPromotionLimits(input: PromotionEditInput, redemptions: number): void {
  if (input.maxRedemptions !== null && input.maxRedemptions < redemptions) {
    throw new DomainError("invalid", "billingErrors:promotionMaxBelowUsed", { field: "maxRedemptions" });
  }
}

/**
 * Checks a promotion can be used for a checkout in `currency` at `now`, and returns it.
 * `null` means the code was looked up and not found.
 */
export function validatePromotion(promotion: Promotion | null | undefined, { now, currency }: { now: Date; currency: string }): Promotion {
  if (!promotion) throw new DomainError("invalid", "billingErrors:promotionUnknown", PROMOTION_FIELD);
  if (promotion.deactivatedAt) throw new DomainError("invalid", "billingErrors:promotionInactive", PROMOTION_FIELD);
  if (promotion.expiresAt && now.getTime() >= promotion.expiresAt.getTime()) {
    throw new DomainError("invalid", "billingErrors:promotionExpired", PROMOTION_FIELD);
  }
  if (promotion.maxRedemptions !== null && promotion.redemptions >= promotion.maxRedemptions) {
    throw new DomainError("invalid", "billingErrors:promotionUsedUp", PROMOTION_FIELD);
  }
  if (promotion.kind === "amount" && promotion.currency !== currency.toUpperCase()) {
    throw new DomainError("invalid", "billingErrors:promotionWrongCurrency", {
      ...PROMOTION_FIELD,
      values: { currency: promotion.currency },
    });
  }
  return promotion;
}

/** `numerator / 100` for a non-negative integer numerator, rounded half away from zero, in integers only. */
function divideBy100Rounded(numerator: number): number {
  const remainder = numerator % 100;
  return (numerator - remainder) / 100 + (remainder >= 50 ? 1 : 0);
}

/**
 * The discount and what is left to pay, in minor units. Never negative; a percentage is rounded
 * half away from zero to a whole minor unit (12.5 cents → 13 cents, 0.5 dong → 1 dong).
 */
export function applyPromotion(
  amountMinorToPay: number,
  promotion: Promotion,
  currency: string,
): { discountMinor: number; totalMinor: number } {
  if (!Number.isSafeInteger(amountMinorToPay) || amountMinorToPay < 0) throw new DomainError("invalid", "errors:amount.invalid");
  let discountMinor: number;
  if (promotion.kind === "percent") {
    const percent = Math.min(100, Math.max(0, Math.trunc(promotion.percentOff)));
    discountMinor = divideBy100Rounded(amountMinorToPay * percent);
  } else {
    if (promotion.currency !== currency.toUpperCase()) {
      throw new DomainError("invalid", "billingErrors:promotionWrongCurrency", {
        ...PROMOTION_FIELD,
        values: { currency: promotion.currency },
      });
    }
    discountMinor = Math.max(0, promotion.amountOffMinor);
  }
  discountMinor = Math.min(discountMinor, amountMinorToPay);
  return { discountMinor, totalMinor: amountMinorToPay - discountMinor };
}
