import { describe, expect, it } from "vitest";
import { safetyFixturesEn } from "../../../tests/fixtures/ai-safety/en";
import { heldOutEn, heldOutVi } from "../../../tests/fixtures/ai-safety/held-out";
import { HARD_NEGATIVE_KINDS, type SafetyFixture } from "../../../tests/fixtures/ai-safety/types";
import { safetyFixturesVi } from "../../../tests/fixtures/ai-safety/vi";
import { assessSafety } from "./safety";

type Figures = {
  messages: number;
  explicitRecall: number;
  overallRecall: number;
  hardNegativeCrisisRate: number;
  categoryAgreement: number;
  levelAgreement: number;
  misses: string[];
  falseAlarms: string[];
};

function measure(fixtures: readonly SafetyFixture[], locale: "en" | "vi"): Figures {
  const results = fixtures.map(([level, kind, text, category]) => ({
    level,
    kind,
    text,
    category,
    got: assessSafety(text, locale),
  }));
  const crisis = results.filter((r) => r.level === "crisis");
  const explicit = crisis.filter((r) => r.kind === "explicit");
  const hard = results.filter((r) => HARD_NEGATIVE_KINDS.includes(r.kind) && r.level !== "crisis");
  const caught = crisis.filter((r) => r.got.level === "crisis");
  const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);
  return {
    messages: results.length,
    explicitRecall: ratio(explicit.filter((r) => r.got.level === "crisis").length, explicit.length),
    overallRecall: ratio(caught.length, crisis.length),
    hardNegativeCrisisRate: ratio(hard.filter((r) => r.got.level === "crisis").length, hard.length),
    categoryAgreement: ratio(caught.filter((r) => r.category && r.got.categories.includes(r.category)).length, caught.length),
    levelAgreement: ratio(results.filter((r) => r.got.level === r.level).length, results.length),
    misses: crisis.filter((r) => r.got.level !== "crisis").map((r) => `[${r.kind}] ${r.text}`),
    falseAlarms: hard.filter((r) => r.got.level === "crisis").map((r) => `[${r.kind}] ${r.text} → ${r.got.reasons.join(",")}`),
  };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

describe.each([
  ["en", safetyFixturesEn],
  ["vi", safetyFixturesVi],
] as const)("assessSafety over the labelled %s set", (locale, fixtures) => {
  const figures = measure(fixtures, locale);
  console.warn(
    `assessSafety ${locale}: ${figures.messages} messages; crisis recall explicit ${pct(figures.explicitRecall)}, overall ${pct(figures.overallRecall)}; ` +
      `crisis on hard negatives ${pct(figures.hardNegativeCrisisRate)}; category agreement ${pct(figures.categoryAgreement)}; exact level ${pct(figures.levelAgreement)}` +
      (figures.misses.length ? `\n  missed: ${figures.misses.join("\n          ")}` : "") +
      (figures.falseAlarms.length ? `\n  false alarms: ${figures.falseAlarms.join("\n          ")}` : ""),
  );

  it("holds at least 300 labelled messages", () => {
    expect(figures.messages).toBeGreaterThanOrEqual(300);
  });
  it("recognises every explicit crisis", () => {
    expect(figures.misses.filter((m) => m.startsWith("[explicit]"))).toEqual([]);
    expect(figures.explicitRecall).toBe(1);
  });
  it("recognises at least 95% of all crises (indirect, typos, no accents)", () => {
    expect(figures.overallRecall).toBeGreaterThanOrEqual(0.95);
  });
  it("calls at most 5% of idioms, denials and everyday questions a crisis", () => {
    expect(figures.hardNegativeCrisisRate).toBeLessThanOrEqual(0.05);
  });
});

describe("assessSafety on held-out messages it was never tuned on", () => {
  // Reported, not asserted: asserting here would invite fitting the rules to these rows too.
  it.each([
    ["en", heldOutEn],
    ["vi", heldOutVi],
  ] as const)("%s", (locale, fixtures) => {
    const figures = measure(fixtures, locale);
    console.warn(
      `assessSafety held-out ${locale}: ${figures.messages} messages; crisis recall ${pct(figures.overallRecall)}, crisis on hard negatives ${pct(figures.hardNegativeCrisisRate)}` +
        (figures.misses.length ? `\n  missed: ${figures.misses.join("\n          ")}` : "") +
        (figures.falseAlarms.length ? `\n  false alarms: ${figures.falseAlarms.join("\n          ")}` : ""),
    );
    expect(figures.messages).toBeGreaterThan(0);
  });
});

describe("assessSafety", () => {
  it("is deterministic and returns only rule ids as reasons, never the member's words", () => {
    const text = "I want to kill myself tonight";
    const a = assessSafety(text, "en");
    expect(assessSafety(text, "en")).toEqual(a);
    expect(a.level).toBe("crisis");
    expect(a.categories).toContain("self-harm");
    for (const reason of a.reasons) expect(reason).toMatch(/^(en|vi)\.[a-z-]+\.[a-z-]+$/);
  });

  it("tells the idioms from the crises in both languages", () => {
    expect(assessSafety("dying for a cigarette", "en").level).toBe("none");
    expect(assessSafety("this craving is killing me", "en").level).toBe("none");
    expect(assessSafety("mệt muốn chết", "vi").level).toBe("none");
    expect(assessSafety("thèm thuốc chết đi được", "vi").level).toBe("none");
    expect(assessSafety("Tôi muốn chết", "vi").level).toBe("crisis");
  });

  it("keeps the tone that tells 'tự tử' from 'từ từ' and 'tư vấn'", () => {
    expect(assessSafety("Tôi muốn tự tử", "vi").level).toBe("crisis");
    expect(assessSafety("Cứ từ từ rồi sẽ bỏ được", "vi").level).toBe("none");
    expect(assessSafety("Tôi muốn được tư vấn về miếng dán", "vi").level).toBe("none");
  });

  it("says concern for distress without danger, with the distress category", () => {
    const result = assessSafety("I feel hopeless and alone", "en");
    expect(result).toMatchObject({ level: "concern", categories: ["distress"] });
  });

  it("handles an empty or punctuation-only message", () => {
    expect(assessSafety("", "en")).toEqual({ level: "none", categories: [], reasons: [] });
    expect(assessSafety("?!…", "vi")).toEqual({ level: "none", categories: [], reasons: [] });
  });
});

describe("assessSafety's word families (a few words of slack between the act and its object)", () => {
  const level = (text: string, locale: "en" | "vi" = "en") => assessSafety(text, locale).level;

  it("meets the act and its object across a few words, in both languages", () => {
    expect(level("I keep thinking I should just quietly end my life")).toBe("crisis");
    expect(level("I want to hurt really badly myself")).toBe("crisis");
    expect(level("I'm going to swallow the whole bottle of sleeping pills")).toBe("crisis");
    expect(level("my chest is so heavy and tight right now")).toBe("crisis");
    expect(level("my little girl was chewing on one of my nicotine pouches")).toBe("crisis");
    expect(level("Tôi định sẽ kết liễu mình")).toBe("crisis");
    expect(level("ngực em bị bóp rất chặt", "vi")).toBe("crisis");
    expect(level("be nha em vua nuot phai mieng dan nicotine", "vi")).toBe("crisis");
  });

  it("does not let the slack cross a neutralised idiom or denial", () => {
    expect(level("Tôi không muốn chết, tôi muốn sống khỏe cho con", "vi")).not.toBe("crisis");
    expect(level("I'm not suicidal at all, I'm proud of myself")).not.toBe("crisis");
  });

  it("calls a symptom that is easing no emergency, unless it says it is not", () => {
    expect(level("my chest feels less tight since I quit")).toBe("none");
    expect(level("my chest hurts and it's not getting better")).toBe("crisis");
    expect(level("I can't breathe anymore")).toBe("crisis");
    expect(level("Ngực không đau nữa, thở dễ hơn rồi", "vi")).toBe("none");
    expect(level("đau ngực quá, không đỡ chút nào", "vi")).toBe("crisis");
    expect(level("Tôi không thở được nữa", "vi")).toBe("crisis");
  });

  it("keeps everyday words that share letters with the families apart", () => {
    expect(level("Ngày thứ 3 rồi, tôi cáu kỉnh quá", "vi")).not.toBe("crisis");
    expect(level("Con tôi không nuốt gì cả, nhưng cất miếng dán ở đâu cho an toàn?", "vi")).not.toBe("crisis");
    expect(level("Cai thuốc có làm đau ngực không?", "vi")).not.toBe("crisis");
    // "bao nhiêu" (how many) is not "nhiều thuốc" (a lot of pills).
    expect(level("Mỗi ngày nên nhai bao nhiêu viên kẹo nicotine?", "vi")).not.toBe("crisis");
  });
});
