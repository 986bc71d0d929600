import { z } from "zod";

export const MAX_QUESTION_LENGTH = 1000;

const uuid = z.string().uuid("aiCoach:errors.notFound");

export const askSchema = z.object({
  question: z
    .string({ required_error: "aiCoach:errors.empty" })
    .trim()
    .min(1, "aiCoach:errors.empty")
    .max(MAX_QUESTION_LENGTH, "aiCoach:errors.tooLong"),
  threadId: uuid.optional(),
  /** Set by the page's script: the answer is then written over the stream instead of in this request. */
  stream: z.literal("1").optional(),
});

export const answerSchema = z.object({ answerId: uuid });
export const rateSchema = z.object({ answerId: uuid, rating: z.enum(["helped", "not-helped"]) });
export const threadSchema = z.object({ threadId: uuid });
export const handoffSchema = z.object({ threadId: uuid.optional() });

/** The consent notice's two choices (unticked boxes are not posted: false). */
export const consentSchema = z.object({
  shareWithCoach: z.boolean().optional().default(false),
  shareForReview: z.boolean().optional().default(false),
});
