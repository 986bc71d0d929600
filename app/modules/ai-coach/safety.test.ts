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
