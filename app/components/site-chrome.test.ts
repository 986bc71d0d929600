import { describe, expect, it } from "vitest";
import { isActivePath } from "./site-chrome";

describe("the header's active link", () => {
  it("is the page itself or a page inside it, as NavLink decides", () => {
    expect(isActivePath("/app/community", "/app/community")).toBe(true);
    expect(isActivePath("/app/community/123", "/app/community")).toBe(true);
    expect(isActivePath("/app/communityx", "/app/community")).toBe(false);
    expect(isActivePath("/pricing", "/app")).toBe(false);
  });

  it("with `end`, only the page itself", () => {
    expect(isActivePath("/app", "/app", true)).toBe(true);
    expect(isActivePath("/app/log", "/app", true)).toBe(false);
    expect(isActivePath("/app/log", "/app")).toBe(true);
  });
});
