import { describe, expect, test } from "vitest";
import { parseSourceLines, readingMinutes, safeParseContentBody, slugify, splitSections } from "./document";

describe("splitSections", () => {
  test("splits at ## and ### headings with explicit or derived ids, the text before them is the intro", () => {
    const sections = splitSections(
      "Opening words.\n\n## Delay, then distract {#delay}\nWait.\n\n### Đi bộ nhanh\nWalk.\n\n## Delay, then distract\nAgain.",
    );
    expect(sections.map((s) => [s.id, s.heading, s.level])).toEqual([
      ["intro", null, 2],
      ["delay", "Delay, then distract", 2],
      ["di-bo-nhanh", "Đi bộ nhanh", 3],
      ["delay-then-distract", "Delay, then distract", 2],
    ]);
    expect(sections[1]!.markdown).toBe("Wait.");
  });

  test("ids stay unique, and headings inside code fences are text", () => {
    const sections = splitSections("## Same\na\n## Same\nb\n```\n## not a heading\n```");
    expect(sections.map((s) => s.id)).toEqual(["same", "same-2"]);
    expect(sections[1]!.markdown).toContain("## not a heading");
  });

  test("a heading called intro does not take the intro's id", () => {
    expect(splitSections("Lead.\n## Intro\nx").map((s) => s.id)).toEqual(["intro", "intro-2"]);
  });
});

describe("slugs, reading time, sources and the body document", () => {
  test("slugify folds Vietnamese to plain Latin", () => {
    expect(slugify("Vượt qua cơn thèm thuốc!")).toBe("vuot-qua-con-them-thuoc");
    expect(slugify("Đường  về  nhà")).toBe("duong-ve-nha");
  });

  test("reading time is about 200 words a minute, at least one", () => {
    expect(readingMinutes("word ".repeat(50))).toBe(1);
    expect(readingMinutes("word ".repeat(1000))).toBe(5);
  });

  test("source lines parse, and the first bad line is named", () => {
    expect(parseSourceLines("Tobacco | WHO | 2023 | https://www.who.int/x\n\n")).toEqual({
      sources: [{ title: "Tobacco", publisher: "WHO", year: 2023, url: "https://www.who.int/x" }],
    });
    expect(parseSourceLines("A | B | 2020 | https://a.example\nno pipes here")).toEqual({ badLine: 2 });
    expect(parseSourceLines("A | B | 2020 | javascript:alert(1)")).toEqual({ badLine: 1 });
    expect(parseSourceLines("A | B | 2020 | http://insecure.example")).toEqual({ badLine: 1 });
  });

  test("bodies are versioned: an unknown version is refused with a message key", () => {
    expect(safeParseContentBody({ version: 1, markdown: "x" }).success).toBe(true);
    const future = safeParseContentBody({ version: 9, markdown: "x" });
    expect(future.success).toBe(false);
    expect(future.error?.issues[0]?.message).toBe("content:errors.unsupportedBody");
  });
});
