import { z } from "zod";

/** The "Was this helpful?" form: yes or no, and an optional comment. */
export const helpfulSchema = z.object({
  answer: z.enum(["yes", "no"], { message: "content:helpful.chooseOne" }),
  comment: z.string().trim().max(500, "content:helpful.commentTooLong").optional(),
});
