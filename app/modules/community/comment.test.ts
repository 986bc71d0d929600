import { describe, expect, test } from "vitest";
import { commentSchema } from "./comment";

describe("a comment", () => {
  test("is trimmed text with an optional parent comment", () => {
    expect(commentSchema.parse({ text: " You can do it! ", parentId: "" })).toEqual({ text: "You can do it!", parentId: undefined });
    const parentId = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
    expect(commentSchema.parse({ text: "Agreed", parentId }).parentId).toBe(parentId);
  });

  test.each([
    [{ text: "" }, "community:errors.commentRequired"],
    [{}, "community:errors.commentRequired"],
    [{ text: "a".repeat(2001) }, "community:errors.commentTooLong"],
    [{ text: "ok", parentId: "1" }, "community:errors.parentInvalid"],
  ])("%j is refused with %s", (input, message) => {
    const result = commentSchema.safeParse(input);
    expect(result.error?.issues.map((issue) => issue.message)).toEqual([message]);
  });
});
