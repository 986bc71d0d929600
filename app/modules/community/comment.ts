import { z } from "zod";
import { blankToUndefined, memberText } from "./member-text";

export const MAX_COMMENT_TEXT = 2000;

/** A comment or a reply; `parentId` names the comment replied to (one level, checked with the DB). */
export const commentSchema = z.object({
  text: memberText({ max: MAX_COMMENT_TEXT, required: "community:errors.commentRequired", tooLong: "community:errors.commentTooLong" }),
  parentId: z.preprocess(
    blankToUndefined,
    z.string({ invalid_type_error: "community:errors.parentInvalid" }).uuid("community:errors.parentInvalid").optional(),
  ),
});

export type CommentInput = z.output<typeof commentSchema>;
