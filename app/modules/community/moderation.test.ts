import { describe, expect, test } from "vitest";
import { DEFAULT_BLOCKED_WORDS, checkForReview, findBlockedWords, linkedSites } from "./moderation";

const blockedWords = [...DEFAULT_BLOCKED_WORDS.en, ...DEFAULT_BLOCKED_WORDS.vi, "ass"];
const established = { blockedWords, accountAgeHours: 24 * 30 };

describe("checkForReview: blocked words", () => {
  test("an ordinary post goes straight through", () => {
    expect(checkForReview("Day 12 without a cigarette. Tôi đã cai thuốc được 12 ngày!", established)).toEqual({
      hold: false,
      reasons: [],
      matchedWords: [],
    });
  });

  test("a listed word or phrase holds the post, in any case", () => {
    expect(checkForReview("Best CASINO bonus here", established)).toEqual({
      hold: true,
      reasons: ["blocked-word"],
      matchedWords: ["casino"],
    });
    expect(checkForReview("Need a Payday   Loan?", established).matchedWords).toEqual(["payday loan"]);
  });

  test("whole words only: class, passing and casinos-adjacent words are fine", () => {
    expect(findBlockedWords("My yoga class helps; passing the urge; assessment done", blockedWords)).toEqual([]);
    expect(findBlockedWords("what an ass", blockedWords)).toEqual(["ass"]);
  });

  test("Vietnamese phrases match with accents, without accents, and in capitals", () => {
    expect(findBlockedWords("Chỗ này vay tiền nhanh lắm", blockedWords)).toEqual(["vay tiền nhanh"]);
    expect(findBlockedWords("cho nay vay tien nhanh lam", blockedWords)).toEqual(["vay tiền nhanh"]);
    expect(findBlockedWords("VAY TIỀN NHANH", blockedWords)).toEqual(["vay tiền nhanh"]);
    expect(findBlockedWords("Vào nhà cái uy tín, cá độ bóng đá", blockedWords)).toEqual(["nhà cái", "cá độ"]);
    expect(findBlockedWords("vay tiền nhanh".normalize("NFD"), blockedWords)).toEqual(["vay tiền nhanh"]);
  });

  test("a differently accented Vietnamese word is a different word", () => {
    expect(findBlockedWords("Cả đó đều tốt, lo để dành tiền, cá đỏ", blockedWords)).toEqual([]);
  });

  test("an entry written without accents matches every spelling", () => {
    expect(findBlockedWords("thuốc lá điện tử giá rẻ", ["thuoc la dien tu"])).toEqual(["thuoc la dien tu"]);
  });

  test("the words of a phrase must be adjacent", () => {
    expect(findBlockedWords("payday is Friday, loan paid", blockedWords)).toEqual([]);
  });
});

describe("checkForReview: link spam", () => {
  test("a couple of links from an established account are fine", () => {
    expect(checkForReview("Read https://who.int/tobacco and [this](https://cdc.gov/quit)", established).hold).toBe(false);
  });

  test("more than three links is held", () => {
    const text = "https://a.example https://b.example https://c.example https://d.example";
    expect(checkForReview(text, established)).toMatchObject({ hold: true, reasons: ["link-spam"] });
  });

  test("the same site three times is held, www. or not", () => {
    expect(checkForReview("https://shop.example/1 www.shop.example/2 http://shop.example/3", established).reasons).toEqual(["link-spam"]);
  });

  test("any link from an account younger than a day is held, but words alone are not", () => {
    expect(checkForReview("see https://who.int", { blockedWords, accountAgeHours: 2 }).reasons).toEqual(["link-spam"]);
    expect(checkForReview("see example.com", { blockedWords, accountAgeHours: 2 }).reasons).toEqual(["link-spam"]);
    expect(checkForReview("hello everyone, day one", { blockedWords, accountAgeHours: 0 }).hold).toBe(false);
  });

  test("both reasons are reported together", () => {
    expect(checkForReview("casino https://x.example", { blockedWords, accountAgeHours: 1 }).reasons).toEqual(["blocked-word", "link-spam"]);
  });

  test("linkedSites finds scheme, www. and bare-domain links", () => {
    expect(linkedSites("a https://WWW.Example.com/x b www.foo.org c bar.vn/path d 3.5 and e.g. nothing")).toEqual([
      "example.com",
      "foo.org",
      "bar.vn",
    ]);
  });
});
