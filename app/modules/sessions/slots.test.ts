import { describe, expect, it } from "vitest";
import { freeSlots, slotsByDay, workingWindows } from "./slots";

const week = { "1": [{ start: "09:00", end: "12:00" }], "5": [{ start: "09:00", end: "12:00" }] };
const rules = (overrides = {}) => ({
  weeklyHours: week,
  timeZone: "Europe/London",
  sessionMinutes: 45,
  bufferMinutes: 15,
  extra: [],
  timeOff: [],
  busy: [],
  ...overrides,
});
const iso = (d: Date) => d.toISOString();

describe("free slots", () => {
  it("follow the coach's wall clock across the March change: 09:00 is 09:00 UTC on Friday, 08:00 UTC on Monday", () => {
    const slots = freeSlots(rules(), new Date("2026-03-27T00:00:00Z"), new Date("2026-03-31T00:00:00Z"));
    expect(slots.map((s) => iso(s.startsAt))).toEqual([
      "2026-03-27T09:00:00.000Z",
      "2026-03-27T10:00:00.000Z",
      "2026-03-27T11:00:00.000Z",
      "2026-03-30T08:00:00.000Z",
      "2026-03-30T09:00:00.000Z",
      "2026-03-30T10:00:00.000Z",
    ]);
  });

  it("shown on a Ho Chi Minh City member's clock, the same 09:00 moves from 16:00 to 15:00 in March and back in October", () => {
    const hcm = (d: Date) =>
      new Intl.DateTimeFormat("en-GB", { timeZone: "Asia/Ho_Chi_Minh", hour: "2-digit", minute: "2-digit" }).format(d);
    const march = freeSlots(rules(), new Date("2026-03-27T00:00:00Z"), new Date("2026-03-31T00:00:00Z"));
    expect([hcm(march[0]!.startsAt), hcm(march[3]!.startsAt)]).toEqual(["16:00", "15:00"]);
    const october = freeSlots(rules(), new Date("2026-10-23T00:00:00Z"), new Date("2026-10-27T00:00:00Z"));
    expect([hcm(october[0]!.startsAt), hcm(october[3]!.startsAt)]).toEqual(["15:00", "16:00"]);
    expect(slotsByDay(october, "Asia/Ho_Chi_Minh").map((d) => d.day)).toEqual(["2026-10-23", "2026-10-26"]);
  });

  it("leave out time off, anything within a buffer of a booked session, and times before the window", () => {
    const slots = freeSlots(
      rules({
        timeOff: [{ startsAt: new Date("2026-03-27T09:30:00Z"), endsAt: new Date("2026-03-27T09:40:00Z") }],
        busy: [{ startsAt: new Date("2026-03-30T08:00:00Z"), endsAt: new Date("2026-03-30T08:50:00Z") }],
      }),
      new Date("2026-03-27T10:30:00Z"),
      new Date("2026-03-31T00:00:00Z"),
    );
    // Friday 09:00 is off, 10:00 is before the window; Monday 09:00 (08:00Z) is taken and 09:00Z starts within 15 minutes of its end.
    expect(slots.map((s) => iso(s.startsAt))).toEqual(["2026-03-27T11:00:00.000Z", "2026-03-30T10:00:00.000Z"]);
  });

  it("add extra hours outside the weekly ones, and ignore malformed hours", () => {
    const slots = freeSlots(
      rules({
        weeklyHours: { "6": [{ start: "9am", end: "noon" }] },
        extra: [{ startsAt: new Date("2026-03-28T14:00:00Z"), endsAt: new Date("2026-03-28T15:00:00Z") }],
      }),
      new Date("2026-03-27T00:00:00Z"),
      new Date("2026-03-31T00:00:00Z"),
    );
    expect(slots.map((s) => iso(s.startsAt))).toEqual(["2026-03-28T14:00:00.000Z"]);
  });

  it("a Sunday is ISO weekday 7", () => {
    const windows = workingWindows(
      { weeklyHours: { "7": [{ start: "10:00", end: "11:00" }] }, timeZone: "UTC" },
      new Date("2026-03-29T00:00:00Z"),
      new Date("2026-03-29T23:00:00Z"),
    );
    expect(windows.map((w) => iso(w.startsAt))).toEqual(["2026-03-29T10:00:00.000Z"]);
  });
});
