import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor, feedHref, parseFeedQuery } from "./feed";

describe("feed cursors", () => {
  it("round-trips the last post's position with microseconds", () => {
    const cursor = { score: 12, createdAt: "2026-11-22 02:40:01.123456+00", id: "0b7d2a8e-5a55-4c4b-9d0e-2f0c8a3e6d11" };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
  });
  it("refuses cursors it did not make", () => {
    expect(decodeCursor("not-base64-at-all!!")).toBeNull();
    expect(decodeCursor(Buffer.from("1|yesterday|x").toString("base64url"))).toBeNull();
    expect(decodeCursor(Buffer.from("-1|2026-11-22 02:40:01+00|0b7d2a8e-5a55-4c4b-9d0e-2f0c8a3e6d11").toString("base64url"))).toBeNull();
    expect(decodeCursor(Buffer.from("1|2026-11-22 02:40:01+00|0b7d2a8e-5a55-4c4b-9d0e-2f0c8a3e6d11|x").toString("base64url"))).toBeNull();
    expect(decodeCursor(undefined)).toBeNull();
  });
});

describe("feed query", () => {
  it("falls back to defaults for unknown sorts and tags", () => {
    expect(parseFeedQuery(new URLSearchParams("sort=oldest&tag=nope&q=cai%20thuoc"))).toEqual({
      sort: "newest",
      tag: undefined,
      q: "cai thuoc",
      cursor: undefined,
    });
  });
  it("keeps sort, tag and search in links", () => {
    expect(feedHref({ sort: "active", tag: "tips", q: "cai thuoc" }, "abc")).toBe("?sort=active&tag=tips&q=cai+thuoc&cursor=abc");
    expect(feedHref({ sort: "newest" })).toBe("");
  });
});
