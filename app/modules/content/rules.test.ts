import { describe, expect, test } from "vitest";
import { lineDiff } from "./diff";
import { contentFormSchema } from "./editor-form";
import { ifNoneMatchHits, strongEtag } from "./etag.server";
import { contentLocaleParam, contentPath, localeFromContentPath, publicPath, switchContentPath } from "./paths";
import { publishBlocker, scheduleOutcome } from "./publishing";
import { topicsFor } from "./suggestions";

describe("publishing rules", () => {
  test("a medical item publishes only when the approval covers its current revision", () => {
    expect(publishBlocker({ medical: true, revision: 3, approvedRevision: 2, translations: 1 })).toBe("contentAdmin:errors.needsReview");
    expect(publishBlocker({ medical: true, revision: 3, approvedRevision: 3, translations: 1 })).toBeNull();
    expect(publishBlocker({ medical: false, revision: 3, approvedRevision: null, translations: 1 })).toBeNull();
    expect(publishBlocker({ medical: false, revision: 1, approvedRevision: null, translations: 0 })).toBe(
      "contentAdmin:errors.noTranslation",
    );
  });

  test("a publish time that has come publishes at once; a later one schedules", () => {
    const now = new Date("2026-03-01T10:00:00Z");
    expect(scheduleOutcome(new Date("2026-03-01T09:00:00Z"), now)).toBe("published");
    expect(scheduleOutcome(now, now)).toBe("published");
    expect(scheduleOutcome(new Date("2026-03-01T10:00:01Z"), now)).toBe("scheduled");
  });
});

describe("ETags", () => {
  test("strong, stable for the same parts and different when anything changes", () => {
    const a = strongEtag(["learn", "id", 3, "en"]);
    expect(a).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    expect(strongEtag(["learn", "id", 3, "en"])).toBe(a);
    expect(strongEtag(["learn", "id", 4, "en"])).not.toBe(a);
    expect(strongEtag(["learn", "id", 3, "vi"])).not.toBe(a);
  });

  test("If-None-Match matches the tag in a list, weak or strong, and *", () => {
    expect(ifNoneMatchHits(`"x", "abc"`, `"abc"`)).toBe(true);
    expect(ifNoneMatchHits(`W/"abc"`, `"abc"`)).toBe(true);
    expect(ifNoneMatchHits("*", `"abc"`)).toBe(true);
    expect(ifNoneMatchHits(`"abd"`, `"abc"`)).toBe(false);
    expect(ifNoneMatchHits(null, `"abc"`)).toBe(false);
  });
});

describe("content paths carry their language", () => {
  test("English unprefixed, Vietnamese under /vi", () => {
    expect(contentPath("article", "en", "a")).toBe("/learn/a");
    expect(contentPath("roadmap", "vi", "b")).toBe("/vi/learn/b");
    expect(contentPath("blog-post", "vi", "c")).toBe("/vi/blog/c");
    expect(localeFromContentPath("/vi/learn/x")).toBe("vi");
    expect(localeFromContentPath("/learn")).toBe("en");
    expect(localeFromContentPath("/app")).toBeNull();
    expect(localeFromContentPath("/vi/app")).toBeNull();
    expect(contentLocaleParam(undefined)).toBe("en");
    expect(contentLocaleParam("vi")).toBe("vi");
    expect(contentLocaleParam("en")).toBeNull();
    expect(switchContentPath("/vi/faq", "en")).toBe("/faq");
    expect(switchContentPath("/faq", "vi")).toBe("/vi/faq");
  });
});

describe("the editor's form", () => {
  const base = { kind: "article", topic: "cravings", tags: "Stress, coffee", sources: "", authorName: "" };

  test("a written language becomes a translation with a slug from its title; health topics need review", () => {
    const parsed = contentFormSchema.parse({ ...base, topic: "withdrawal", title_vi: "Hội chứng cai", markdown_vi: "Nội dung" });
    expect(parsed.translations).toEqual([
      { locale: "vi", slug: "hoi-chung-cai", title: "Hội chứng cai", summary: "", markdown: "Nội dung" },
    ]);
    expect(parsed.medical).toBe(true);
    expect(parsed.tags).toEqual(["stress", "coffee"]);
  });

  test("nothing written, a bad slug, a bad topic or a bad source line are field errors", () => {
    const none = contentFormSchema.safeParse(base);
    expect(none.error?.issues.map((i) => i.message)).toContain("contentAdmin:errors.oneLanguage");
    const bad = contentFormSchema.safeParse({
      ...base,
      topic: "astrology",
      title_en: "T",
      markdown_en: "x",
      slug_en: "Not OK",
      sources: "only a title",
    });
    expect(bad.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["topic", "contentAdmin:errors.topic"],
      ["sources", "contentAdmin:errors.sourceLine"],
      ["slug_en", "contentAdmin:errors.slug"],
    ]);
  });
});

describe("revision diff and suggestions", () => {
  test("lineDiff keeps common lines and marks the rest", () => {
    expect(lineDiff("a\nb\nc", "a\nx\nc")).toEqual([
      { op: "same", text: "a" },
      { op: "removed", text: "b" },
      { op: "added", text: "x" },
      { op: "same", text: "c" },
    ]);
  });

  test("a recent slip comes first; the stage decides the rest", () => {
    expect(topicsFor({ daysSinceQuit: 5, recentSlip: true, triggers: [] })).toEqual(["relapse", "withdrawal", "cravings"]);
    expect(topicsFor({ daysSinceQuit: -3, recentSlip: false, triggers: [] })).toEqual(["medication", "cravings"]);
    expect(topicsFor({ daysSinceQuit: 200, recentSlip: false, triggers: [] })).toEqual(["health-recovery", "money"]);
  });
});

describe("publicPath", () => {
  test("puts content links in the reader's language and leaves every other page one URL", () => {
    expect(publicPath("/learn", "vi")).toBe("/vi/learn");
    expect(publicPath("/privacy", "vi")).toBe("/vi/privacy");
    expect(publicPath("/learn", "en")).toBe("/learn");
    expect(publicPath("/pricing", "vi")).toBe("/pricing");
    expect(publicPath("/stories", "vi")).toBe("/stories");
  });
});
