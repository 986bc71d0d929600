import { describe, expect, it } from "vitest";
import { avatarColour, initialsOf } from "./avatar";

describe("avatar", () => {
  it("takes the first letters of the first and last names, accents kept", () => {
    expect(initialsOf("Nguyễn Văn An")).toBe("NA");
    expect(initialsOf("  emily ")).toBe("E");
    expect(initialsOf("Đặng Quốc Khánh")).toBe("ĐK");
    expect(initialsOf("")).toBe("?");
  });
  it("gives the same member the same colour every time", () => {
    expect(avatarColour("Linh")).toBe(avatarColour("Linh"));
    expect(avatarColour("Linh")).toMatch(/^#[0-9a-f]{6}$/);
  });
});
