import { describe, expect, it } from "vitest";
import { caseloadPage, caseloadQuery, type CaseloadEntry } from "./caseload";
import { riskLevel } from "./risk";

function entry(i: number, over: Partial<CaseloadEntry> = {}): CaseloadEntry {
  const score = [0, 2, 4, 6][i % 4]!;
  return {
    memberId: `00000000-0000-0000-0000-${String(i).padStart(12, "0")}`,
    displayName: `Member ${String.fromCharCode(65 + (i % 26))}`,
    smokeFreeDays: i % 5 === 0 ? null : i % 9,
    checkInStreakDays: 0,
    lastCheckIn: null,
    lastMessageAt: i % 3 === 0 ? null : new Date(Date.UTC(2025, 0, 1 + (i % 7))).toISOString(),
    unread: i % 4,
    risk: { score, level: riskLevel(score), reasons: [] },
    ...over,
  };
}
const all = Array.from({ length: 103 }, (_, i) => entry(i));

function everyPage(sort: "risk" | "last-message" | "smoke-free" | "name", extra: Record<string, string> = {}) {
  const seen: CaseloadEntry[] = [];
  let after: string | undefined;
  for (let guard = 0; guard < 50; guard++) {
    const page = caseloadPage(all, caseloadQuery(new URLSearchParams({ sort, ...extra, ...(after ? { after } : {}) })), 10);
    seen.push(...page.entries);
    if (!page.next) return seen;
    after = page.next;
  }
  throw new Error("pages never ended");
}

describe("caseload pages", () => {
  it.each(["risk", "last-message", "smoke-free", "name"] as const)("sorted by %s, the pages list every member exactly once", (sort) => {
    const seen = everyPage(sort);
    expect(seen).toHaveLength(all.length);
    expect(new Set(seen.map((e) => e.memberId)).size).toBe(all.length);
  });

  it("puts high risk first, then medium, then low", () => {
    const levels = everyPage("risk").map((e) => e.risk.level);
    expect(levels.indexOf("medium")).toBeGreaterThan(levels.lastIndexOf("high"));
    expect(levels.indexOf("low")).toBeGreaterThan(levels.lastIndexOf("medium"));
  });

  it("orders by most recent message with silent members last, and fewest smoke-free days first", () => {
    const byMessage = everyPage("last-message");
    const times = byMessage.map((e) => (e.lastMessageAt ? Date.parse(e.lastMessageAt) : -Infinity));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const days = everyPage("smoke-free").map((e) => e.smokeFreeDays ?? Infinity);
    expect(days).toEqual([...days].sort((a, b) => a - b));
  });

  it("filters by risk level and unread, and counts levels over the whole caseload", () => {
    const high = everyPage("name", { risk: "high" });
    expect(high.length).toBe(all.filter((e) => e.risk.level === "high").length);
    expect(high.every((e) => e.risk.level === "high")).toBe(true);
    const unread = everyPage("name", { unread: "1" });
    expect(unread.every((e) => e.unread > 0)).toBe(true);
    expect(unread.length).toBe(all.filter((e) => e.unread > 0).length);
    const page = caseloadPage(all, caseloadQuery(new URLSearchParams({ risk: "low" })));
    expect(page.counts.high + page.counts.medium + page.counts.low).toBe(all.length);
  });

  it("a member who leaves between pages shifts nobody into a gap or a repeat", () => {
    const first = caseloadPage(all, caseloadQuery(new URLSearchParams({ sort: "name" })), 10);
    const without = all.filter((e) => e.memberId !== first.entries[0]!.memberId);
    const second = caseloadPage(without, caseloadQuery(new URLSearchParams({ sort: "name", after: first.next! })), 10);
    const fromFull = caseloadPage(all, caseloadQuery(new URLSearchParams({ sort: "name", after: first.next! })), 10);
    expect(second.entries.map((e) => e.memberId)).toEqual(fromFull.entries.map((e) => e.memberId));
  });

  it("reads bad query values as the defaults instead of failing", () => {
    expect(caseloadQuery(new URLSearchParams({ sort: "drop table", risk: "extreme", after: "%%%" }))).toEqual({
      sort: "risk",
      risk: undefined,
      unread: false,
      after: "%%%",
    });
    expect(caseloadPage(all, caseloadQuery(new URLSearchParams({ after: "not-a-cursor" })), 10).entries).toHaveLength(10);
  });
});
