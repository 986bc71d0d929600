import { describe, expect, it } from "vitest";
import { milestoneText } from "./milestone";

const money = { kind: "money-saved", thresholdMinor: { VND: 500_000, USD: 2_500 } } as const;

describe("milestoneText", () => {
  it("names a smoke-free milestone with the right plural in each language", () => {
    expect(milestoneText({ kind: "smoke-free-days", days: 1 }, "en", "USD")).toBe("1 day smoke-free");
    expect(milestoneText({ kind: "smoke-free-days", days: 7 }, "en", "USD")).toBe("7 days smoke-free");
    expect(milestoneText({ kind: "smoke-free-days", days: 7 }, "vi", "VND")).toBe("7 ngày không hút thuốc");
  });

  it("states a money milestone in the member's currency and language", () => {
    expect(milestoneText(money, "en", "USD")).toBe("$25.00 saved");
    expect(milestoneText(money, "vi", "VND")).toMatch(/^Đã tiết kiệm 500\.000\s₫$/);
    expect(milestoneText(money, "en", "EUR")).toBeNull();
  });

  it("names plan, craving and community milestones", () => {
    expect(milestoneText({ kind: "plan-stages", stages: "all" }, "en", "USD")).toBe("Quit plan completed");
    expect(milestoneText({ kind: "cravings-resisted", count: 100 }, "vi", "VND")).toBe("Đã vượt qua 100 cơn thèm");
    expect(milestoneText({ kind: "community-posts", count: 1 }, "en", "USD")).toBe("First community post");
    expect(milestoneText({ kind: "helpful-comments", count: 1000 }, "en", "USD")).toBe("1,000 helpful comments");
  });
});
