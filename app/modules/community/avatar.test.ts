import { describe, expect, it } from "vitest";
import { AVATAR_TONES, avatarTone, initialsOf } from "./avatar";

describe("avatar", () => {
  it("takes the first letters of the first and last names, accents kept", () => {
    expect(initialsOf("Nguyễn Văn An")).toBe("NA");
    expect(initialsOf("  emily ")).toBe("E");
    expect(initialsOf("Đặng Quốc Khánh")).toBe("ĐK");
    expect(initialsOf("")).toBe("?");
  });
  it("gives the same member the same colour every time", () => {
    expect(avatarTone("Linh")).toBe(avatarTone("Linh"));
    const tones = new Set(Array.from({ length: 200 }, (_, i) => avatarTone(`member-${i}`)));
    expect([...tones].sort()).toEqual(Array.from({ length: AVATAR_TONES }, (_, i) => i));
  });
});
