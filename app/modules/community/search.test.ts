import { describe, expect, test } from "vitest";
import { foldAccents } from "~/lib/fold";
import { MAX_SEARCH_QUERY_LENGTH, MAX_SEARCH_TERMS, buildSearchDocument, buildSearchQuery } from "./search";

describe("foldAccents", () => {
  test("cai thuoc, cai thuốc and CAI THUỐC fold to the same words", () => {
    expect(foldAccents("cai thuoc")).toBe("cai thuoc");
    expect(foldAccents("cai thuốc")).toBe("cai thuoc");
    expect(foldAccents("CAI THUỐC")).toBe("cai thuoc");
  });

  test("đ and Đ become d", () => {
    expect(foldAccents("đường")).toBe("duong");
    expect(foldAccents("ĐÀ NẴNG")).toBe("da nang");
  });

  test("text typed in decomposed form (macOS) folds the same as composed", () => {
    expect(foldAccents("thuốc lá".normalize("NFD"))).toBe(foldAccents("thuốc lá".normalize("NFC")));
  });

  test("other Latin accents and full-width letters fold too", () => {
    expect(foldAccents("Café Naïve ＡＢＣ")).toBe("cafe naive abc");
  });
});

describe("buildSearchDocument", () => {
  test("joins the post's words and tags, folded, punctuation removed", () => {
    expect(buildSearchDocument(["Tôi đã **cai thuốc** được 30 ngày!", "milestones"])).toBe("toi da cai thuoc duoc 30 ngay milestones");
  });
});

describe("buildSearchQuery", () => {
  test("folds a query so it matches folded documents", () => {
    expect(buildSearchQuery("  Cai   THUỐC  ")).toBe("cai thuoc");
  });

  test("keeps phrases and exclusions, which websearch_to_tsquery understands", () => {
    expect(buildSearchQuery('"cai thuốc" -vape')).toBe('"cai thuoc" -vape');
  });

  test("tsquery operators and SQL-looking input become plain words", () => {
    expect(buildSearchQuery("craving & (tips | !sleep) :* '; drop table posts; --")).toBe("craving tips sleep drop table posts");
  });

  test.each(["", "   ", "!!! ??? &|", "-", '""'])("%j has nothing to search for", (input) => {
    expect(buildSearchQuery(input)).toBeNull();
  });

  test("is capped in length and in number of terms", () => {
    expect(buildSearchQuery("word ".repeat(100))!.split(" ")).toHaveLength(MAX_SEARCH_TERMS);
    expect(buildSearchQuery("a".repeat(1000))).toBeNull();
    expect(buildSearchQuery(`short ${"b".repeat(1000)}`)).toBe("short");
    expect(buildSearchQuery("x".repeat(MAX_SEARCH_QUERY_LENGTH))).toHaveLength(MAX_SEARCH_QUERY_LENGTH);
  });
});
