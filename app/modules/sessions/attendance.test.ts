import { describe, expect, it } from "vitest";
import { attendanceOutcome, timeTogetherMs } from "./attendance";

const start = new Date("2026-03-30T08:00:00Z");
const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000);
const session = { endsAt: at(45) };
const after = at(120);

describe("attendance", () => {
  it("is completed when both were connected together for 5 minutes, counting reconnects", () => {
    const records = [
      { role: "member" as const, joinedAt: at(0), leftAt: at(3) },
      { role: "member" as const, joinedAt: at(4), leftAt: at(7) },
      { role: "coach" as const, joinedAt: at(1), leftAt: null },
    ];
    expect(timeTogetherMs(records, at(60))).toBe(5 * 60_000);
    expect(attendanceOutcome(session, records, after)).toEqual({ status: "completed", missedBy: null });
  });

  it("is missed by whoever never joined, or 'short' when they were never together long enough", () => {
    expect(attendanceOutcome(session, [{ role: "coach", joinedAt: at(0), leftAt: at(40) }], after)).toEqual({
      status: "missed",
      missedBy: "member",
    });
    expect(attendanceOutcome(session, [{ role: "member", joinedAt: at(0), leftAt: null }], after)).toEqual({
      status: "missed",
      missedBy: "coach",
    });
    expect(attendanceOutcome(session, [], after)).toEqual({ status: "missed", missedBy: "both" });
    expect(
      attendanceOutcome(
        session,
        [
          { role: "member", joinedAt: at(0), leftAt: at(10) },
          { role: "coach", joinedAt: at(10), leftAt: at(40) },
        ],
        after,
      ),
    ).toEqual({ status: "missed", missedBy: "short" });
  });

  it("is not decided until 15 minutes after the end", () => {
    expect(attendanceOutcome(session, [], at(59))).toBeNull();
    expect(attendanceOutcome(session, [], at(60))).not.toBeNull();
  });
});
