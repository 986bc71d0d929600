import { z } from "zod";

/** ISO 4217 codes Intl knows, so a threshold can always be formatted. */
const currencyCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{3}$/, "badges:admin.errors.currency")
  .refine((code) => {
    try {
      new Intl.NumberFormat("en", { style: "currency", currency: code });
      return true;
    } catch {
      return false;
    }
  }, "badges:admin.errors.currency");

// Form fields arrive as strings; coerce, but never let "" become 0.
const positiveCount = z.preprocess((value) => (value === "" ? undefined : value), z.coerce.number().int().min(1).max(100_000));

/**
 * A badge's rule. Stored as JSONB and edited by admins, so it is plain JSON
 * and validated by this schema on every write.
 */
export const badgeRuleSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("smoke-free-days"), days: positiveCount }),
  z.object({
    kind: z.literal("money-saved"),
    thresholdMinor: z
      .record(
        currencyCode,
        z.preprocess((value) => (value === "" ? undefined : value), z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER)),
      )
      .refine((thresholds) => Object.keys(thresholds).length > 0, "badges:admin.errors.thresholdRequired"),
  }),
  z.object({ kind: z.literal("cravings-resisted"), count: positiveCount }),
  z.object({ kind: z.literal("check-in-streak"), days: positiveCount }),
  z.object({ kind: z.literal("plan-stages"), stages: z.union([z.literal("all"), positiveCount]) }),
  z.object({ kind: z.literal("community-posts"), count: positiveCount }),
  z.object({ kind: z.literal("helpful-comments"), count: positiveCount }),
  // Graduated from coaching (a coach closed a successful attempt together with the member).
  z.object({ kind: z.literal("graduated") }),
]);

export type BadgeRule = z.infer<typeof badgeRuleSchema>;
export type BadgeRuleKind = BadgeRule["kind"];
export const badgeRuleKinds = badgeRuleSchema.options.map((option) => option.shape.kind.value);
