import { z } from "zod";
import { blankToUndefined, characterCount, cleanMemberText } from "./member-text";

export const REPORT_REASONS = ["spam", "harassment", "self-harm", "misinformation", "other"] as const;
export const MAX_REPORT_DETAIL = 500;

export type ReportReason = (typeof REPORT_REASONS)[number];

export const reportSchema = z.object({
  reason: z.enum(REPORT_REASONS, { errorMap: () => ({ message: "community:errors.reasonInvalid" }) }),
  detail: z.preprocess(
    (value) => blankToUndefined(typeof value === "string" ? cleanMemberText(value) : value),
    z
      .string({ invalid_type_error: "community:errors.detailTooLong" })
      .refine((detail) => characterCount(detail) <= MAX_REPORT_DETAIL, "community:errors.detailTooLong")
      .optional(),
  ),
});

export type ReportInput = z.output<typeof reportSchema>;
