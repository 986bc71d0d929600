import { describe, expect, it } from "vitest";
import { formatDateTime } from "~/lib/format";
import { formatPostTime } from "./clock";

describe("formatPostTime", () => {
  it("formats like the shared formatter, on the reader's own clock", () => {
    const at = "2026-11-22T02:30:00.000Z";
    expect(formatPostTime(at, "en", "Asia/Ho_Chi_Minh")).toBe(formatDateTime(at, "en", "Asia/Ho_Chi_Minh"));
    expect(formatPostTime(at, "vi", "America/New_York")).toBe(formatDateTime(at, "vi", "America/New_York"));
    expect(formatPostTime(at, "en", "Asia/Ho_Chi_Minh")).toContain("9:30");
  });
});
