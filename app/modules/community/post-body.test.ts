import { parseWithZod } from "@conform-to/zod";
import { describe, expect, test } from "vitest";
import { DomainError } from "~/lib/domain-error";
import { parsePostBody, postFormSchema, safeParsePostBody } from "./post-body";

const imageId = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
const awardId = "16fd2706-8baf-433b-82eb-8c7fada847da";
const messages = (result: { success: boolean; error?: { issues: { message: string; path: (string | number)[] }[] } }) =>
  result.error?.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`) ?? [];

describe("a stored post body", () => {
  test("a valid v1 body parses, with lists defaulting to empty", () => {
    expect(parsePostBody({ version: 1, kind: "question", text: "  How do you handle mornings?  " })).toEqual({
      version: 1,
      kind: "question",
      text: "How do you handle mornings?",
      imageIds: [],
      tags: [],
    });
  });

  test("a badge share carries its award; no other kind may", () => {
    expect(parsePostBody({ version: 1, kind: "badge-share", text: "30 days!", badge: { awardId } }).badge).toEqual({ awardId });
    expect(messages(safeParsePostBody({ version: 1, kind: "badge-share", text: "30 days!" }))).toEqual([
      "badge: community:errors.badgeRequired",
    ]);
    expect(messages(safeParsePostBody({ version: 1, kind: "post", text: "hi", badge: { awardId } }))).toEqual([
      "badge: community:errors.badgeNotAllowed",
    ]);
  });

  test.each([
    [{ text: "   " }, "text: community:errors.textRequired"],
    [{ text: "a".repeat(5001) }, "text: community:errors.textTooLong"],
    [{ kind: "ad" }, "kind: community:errors.kindInvalid"],
    [{ tags: ["cravings", "cravings"] }, "tags: community:errors.tagDuplicate"],
    [{ tags: ["cravings", "tips", "support", "stories", "questions", "milestones"] }, "tags: community:errors.tooManyTags"],
    [{ tags: ["<script>"] }, "tags.0: community:errors.tagInvalid"],
    [{ imageIds: [imageId, imageId] }, "imageIds: community:errors.imageDuplicate"],
    [{ imageIds: ["../../etc/passwd"] }, "imageIds.0: community:errors.imageInvalid"],
    [{ version: 7 }, "version: community:errors.bodyVersionUnsupported"],
  ])("%j is refused with a translated message", (change, expected) => {
    expect(messages(safeParsePostBody({ version: 1, kind: "post", text: "hello", ...change }))).toContain(expected);
  });

  test("five images is one too many", () => {
    const five = ["1", "2", "3", "4", "5"].map((n) => `7c9e6679-7425-40de-944b-e07fc1f90ae${n}`);
    expect(messages(safeParsePostBody({ version: 1, kind: "post", text: "x", imageIds: five }))).toEqual([
      "imageIds: community:errors.tooManyImages",
    ]);
  });

  test("length counts characters as people do: 5000 emoji fit", () => {
    expect(parsePostBody({ version: 1, kind: "post", text: "💪".repeat(5000) }).text).toHaveLength(10000);
  });

  test("control characters JSONB cannot store are removed, and text is NFC", () => {
    const nfd = "thuốc".normalize("NFD");
    expect(parsePostBody({ version: 1, kind: "post", text: `a\u0000b\r\n${nfd}` }).text).toBe("ab\nthuốc");
  });

  test("parsePostBody throws a DomainError naming the field", () => {
    expect(() => parsePostBody({ version: 1, kind: "post", text: "" })).toThrowError(
      expect.objectContaining({ kind: "invalid", message: "community:errors.textRequired", options: { field: "text" } }),
    );
    expect(() => parsePostBody("not an object")).toThrow(DomainError);
  });
});

describe("the new-post form", () => {
  test("accepts repeated and comma-separated tags, deduplicated and lower-cased, and builds a v1 body", () => {
    const result = postFormSchema.parse({ text: "Day 3", tags: ["Cravings", "tips, cravings", ""], imageIds: imageId });
    expect(result).toEqual({ version: 1, kind: "post", text: "Day 3", tags: ["cravings", "tips"], imageIds: [imageId] });
  });

  test("an empty award field means no badge", () => {
    expect(postFormSchema.parse({ kind: "story", text: "My story", awardId: "" })).not.toHaveProperty("badge");
  });

  test("a badge share sent from the form has its award, with errors on the form's field", () => {
    expect(postFormSchema.parse({ kind: "badge-share", text: "Look!", awardId }).badge).toEqual({ awardId });
    expect(messages(postFormSchema.safeParse({ kind: "badge-share", text: "Look!" }))).toEqual(["awardId: community:errors.badgeRequired"]);
  });

  test("works through conform with real FormData: repeated tag fields, blank award", () => {
    const formData = new FormData();
    formData.append("kind", "story");
    formData.append("text", "  30 ngày không hút thuốc!  ");
    formData.append("tags", "milestones");
    formData.append("tags", "stories");
    formData.append("imageIds", imageId);
    formData.append("awardId", "");
    const submission = parseWithZod(formData, { schema: postFormSchema });
    expect(submission.status).toBe("success");
    expect(submission.status === "success" && submission.value).toEqual({
      version: 1,
      kind: "story",
      text: "30 ngày không hút thuốc!",
      tags: ["milestones", "stories"],
      imageIds: [imageId],
    });
  });

  test("through conform, an empty text is a field error with its translation key", () => {
    const formData = new FormData();
    formData.append("text", "");
    const submission = parseWithZod(formData, { schema: postFormSchema });
    expect(submission.reply().error).toEqual({ text: ["community:errors.textRequired"] });
  });

  test("the form's output is a valid stored body", () => {
    const body = postFormSchema.parse({ kind: "question", text: "Tips?", tags: "questions" });
    expect(parsePostBody(JSON.parse(JSON.stringify(body)))).toEqual(body);
  });
});
