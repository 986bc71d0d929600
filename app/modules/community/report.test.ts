import { describe, expect, test } from "vitest";
import { REPORT_REASONS, reportSchema } from "./report";

describe("a report", () => {
  test.each(REPORT_REASONS.map((reason) => [reason]))("%s is a reason", (reason) => {
    expect(reportSchema.parse({ reason }).reason).toBe(reason);
  });

  test("detail is optional, trimmed, and blank means none", () => {
    expect(reportSchema.parse({ reason: "spam", detail: "  sells vapes " })).toEqual({ reason: "spam", detail: "sells vapes" });
    expect(reportSchema.parse({ reason: "other", detail: "  " })).toEqual({ reason: "other", detail: undefined });
  });

  test.each([
    [{ reason: "boring" }, "community:errors.reasonInvalid"],
    [{}, "community:errors.reasonInvalid"],
    [{ reason: "spam", detail: "x".repeat(501) }, "community:errors.detailTooLong"],
  ])("%j is refused with %s", (input, message) => {
    expect(reportSchema.safeParse(input).error?.issues.map((issue) => issue.message)).toEqual([message]);
  });
});
