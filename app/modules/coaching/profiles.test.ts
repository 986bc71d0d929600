import { describe, expect, it } from "vitest";
import { answerHours, bioFor, coachProfileSchema, directoryFilter, matchRequestSchema, reviewSchema } from "./profiles";

const valid = {
  headline: "Quit coach for busy parents",
  bioEn: "Ten years helping people quit.",
  bioVi: "",
  languages: ["vi", "en"],
  specialties: ["stress", "relapse"],
  yearsExperience: "10",
};

describe("the coach profile form", () => {
  it("accepts a complete profile and reads one checkbox as a list", () => {
    const parsed = coachProfileSchema.parse({ ...valid, languages: "vi", specialties: "stress" });
    expect(parsed).toMatchObject({ languages: ["vi"], specialties: ["stress"], yearsExperience: 10 });
  });

  it("needs a headline, a language and a bio in at least one language", () => {
    const result = coachProfileSchema.safeParse({ ...valid, headline: " ", languages: undefined, bioEn: "" });
    expect(result.success).toBe(false);
    const messages = result.error!.issues.map((i) => i.message);
    expect(messages).toEqual(
      expect.arrayContaining(["coaching:errors.headlineRequired", "coaching:errors.languageRequired", "coaching:errors.bioRequired"]),
    );
  });

  it("refuses a specialty or language outside the catalogue and an impossible experience", () => {
    expect(coachProfileSchema.safeParse({ ...valid, specialties: ["astrology"] }).success).toBe(false);
    expect(coachProfileSchema.safeParse({ ...valid, languages: ["fr"] }).success).toBe(false);
    expect(coachProfileSchema.safeParse({ ...valid, yearsExperience: "-1" }).success).toBe(false);
    expect(coachProfileSchema.safeParse({ ...valid, yearsExperience: "2.5" }).success).toBe(false);
    expect(coachProfileSchema.safeParse({ ...valid, bioVi: "x".repeat(2001) }).success).toBe(false);
  });

  it("a rejection needs a note; an approval does not", () => {
    const coachId = "7f1c3a52-3b3e-4f53-9a0a-7f1c3a523b3e";
    expect(reviewSchema.safeParse({ coachId, decision: "approve" }).success).toBe(true);
    expect(reviewSchema.safeParse({ coachId, decision: "reject", note: "" }).success).toBe(false);
    expect(reviewSchema.safeParse({ coachId, decision: "reject", note: "Add a photo, please." }).success).toBe(true);
  });
});

describe("what the directory shows", () => {
  it("shows the bio in the member's language, or the other one", () => {
    expect(bioFor({ en: "Hello", vi: "Xin chào" }, "vi")).toEqual({ text: "Xin chào", locale: "vi" });
    expect(bioFor({ en: "Hello" }, "vi")).toEqual({ text: "Hello", locale: "en" });
    expect(bioFor({}, "en")).toBeNull();
  });

  it("ignores filters it does not know", () => {
    expect(directoryFilter(new URLSearchParams("language=vi&specialty=stress"))).toEqual({ language: "vi", specialty: "stress" });
    expect(directoryFilter(new URLSearchParams("language=<script>&specialty=x"))).toEqual({ language: null, specialty: null });
  });

  it("answers within the median in whole hours, rounded up; a coach with no answers is new", () => {
    expect(answerHours(null)).toBeNull();
    expect(answerHours(10)).toBe(1);
    expect(answerHours(90)).toBe(2);
    expect(answerHours(120)).toBe(2);
  });

  it("match me needs at least one language", () => {
    expect(matchRequestSchema.safeParse({ languages: "vi", specialties: ["pregnancy"] }).success).toBe(true);
    expect(matchRequestSchema.safeParse({ specialties: ["pregnancy"] }).success).toBe(false);
  });
});
