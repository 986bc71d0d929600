import { z } from "zod";
import { badgeIconNames } from "./icons";
import { badgeRuleSchema } from "./rule";

const text = (max: number) =>
  z
    .string({ required_error: "badges:admin.errors.required" })
    .trim()
    .min(1, "badges:admin.errors.required")
    .max(max, "badges:admin.errors.tooLong");

/** The admin's badge form: texts in both languages, icon, the rule as JSON (validated by badgeRuleSchema), active. */
export const badgeEditSchema = z.object({
  nameEn: text(80),
  nameVi: text(80),
  descriptionEn: text(300),
  descriptionVi: text(300),
  icon: z.enum(badgeIconNames, { errorMap: () => ({ message: "badges:admin.errors.icon" }) }),
  rule: z
    .string({ required_error: "badges:admin.errors.rule" })
    .transform((value, ctx) => {
      try {
        return JSON.parse(value) as unknown;
      } catch {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: "badges:admin.errors.rule" });
        return z.NEVER;
      }
    })
    .pipe(badgeRuleSchema),
  active: z.preprocess((v) => v === "on" || v === "true", z.boolean()),
});

export const badgeKeySchema = z
  .string({ required_error: "badges:admin.errors.key" })
  .trim()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "badges:admin.errors.key")
  .max(60, "badges:admin.errors.key");

/** A new badge: its key (fixed from then on) and everything the edit form holds; it starts as a draft. */
export const badgeCreateSchema = badgeEditSchema.omit({ active: true }).extend({ key: badgeKeySchema });
