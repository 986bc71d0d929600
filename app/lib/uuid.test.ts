import { describe, expect, it } from "vitest";
import { isUuid } from "./uuid";

describe("telling a uuid from anything else in a URL", () => {
  it("accepts the canonical form in either case", () => {
    expect(isUuid("3f1c2a9e-8b7d-4c6e-9f01-23456789abcd")).toBe(true);
    expect(isUuid("3F1C2A9E-8B7D-4C6E-9F01-23456789ABCD")).toBe(true);
  });

  it("refuses what only looks like one: 36 hyphens or hex digits, hyphens out of place, spaces, other types", () => {
    for (const value of [
      "-".repeat(36),
      "a".repeat(36),
      "3f1c2a9e8b7d-4c6e-9f01-23456789abcd-",
      " 3f1c2a9e-8b7d-4c6e-9f01-23456789abc",
      "",
      null,
      42,
    ]) {
      expect(isUuid(value), String(value)).toBe(false);
    }
  });
});
