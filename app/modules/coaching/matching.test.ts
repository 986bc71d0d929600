import { describe, expect, it } from "vitest";
import { bestCoach, rankCoaches, type MatchCandidate } from "./matching";

const coach = (coachId: string, over: Partial<MatchCandidate> = {}): MatchCandidate => ({
  coachId,
  languages: ["en"],
  specialties: [],
  capacity: 10,
  activeMembers: 0,
  ...over,
});

describe("matching a member with a coach", () => {
  it("never offers a coach whose places are all taken, or one with no capacity", () => {
    const full = coach("a", { capacity: 2, activeMembers: 2 });
    const none = coach("b", { capacity: 0 });
    const free = coach("c", { capacity: 2, activeMembers: 1 });
    expect(rankCoaches([full, none, free], { languages: [], specialties: [] }).map((c) => c.coachId)).toEqual(["c"]);
    expect(bestCoach([full, none], { languages: [], specialties: [] })).toBeNull();
  });

  it("requires a shared language when the member names one", () => {
    const english = coach("en", { languages: ["en"] });
    const bilingual = coach("both", { languages: ["vi", "en"], activeMembers: 9 });
    expect(bestCoach([english, bilingual], { languages: ["vi"], specialties: [] })?.coachId).toBe("both");
    expect(bestCoach([english], { languages: ["vi"], specialties: [] })).toBeNull();
  });

  it("prefers more of the member's specialties over a lighter load", () => {
    const light = coach("light", { activeMembers: 0 });
    const expert = coach("expert", { specialties: ["pregnancy", "stress"], activeMembers: 8 });
    const partial = coach("partial", { specialties: ["stress"], activeMembers: 1 });
    const ranked = rankCoaches([light, expert, partial], { languages: ["en"], specialties: ["pregnancy", "stress"] });
    expect(ranked.map((c) => c.coachId)).toEqual(["expert", "partial", "light"]);
  });

  it("among equals, the lowest share of places taken wins, then fewer members, then a stable order", () => {
    const half = coach("half", { capacity: 10, activeMembers: 5 });
    const quarter = coach("quarter", { capacity: 40, activeMembers: 10 });
    const small = coach("small", { capacity: 4, activeMembers: 1 });
    expect(rankCoaches([half, quarter, small], { languages: [], specialties: [] }).map((c) => c.coachId)).toEqual([
      "small",
      "quarter",
      "half",
    ]);
    const x = coach("x");
    const y = coach("y");
    expect(rankCoaches([y, x], { languages: [], specialties: [] }).map((c) => c.coachId)).toEqual(["x", "y"]);
  });
});
