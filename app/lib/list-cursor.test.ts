import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor } from "./list-cursor";

describe("list cursors", () => {
  const cursor = { at: new Date("2026-11-30T08:15:00.123Z"), id: "0b7d2a8e-5a55-4c4b-9d0e-2f0c8a3e6d11" };

  it("round-trip through a URL parameter", () => {
    const param = new URLSearchParams({ after: encodeCursor(cursor) }).toString();
    expect(decodeCursor(new URLSearchParams(param).get("after"))).toEqual(cursor);
  });

  it("refuse what the app did not write", () => {
    for (const bad of [
      undefined,
      null,
      "",
      "yesterday_0b7d2a8e-5a55-4c4b-9d0e-2f0c8a3e6d11",
      "2026-02-30T00:00:00.000Z_0b7d2a8e-5a55-4c4b-9d0e-2f0c8a3e6d11",
      `${encodeCursor(cursor)}x`,
      "2026-11-30T08:15:00.123Z_'; drop table users;--",
    ])
      expect(decodeCursor(bad)).toBeNull();
  });
});
