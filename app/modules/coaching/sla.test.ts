import { describe, expect, it } from "vitest";
import { aboutToMiss, businessHoursOf, businessMillisBetween, responseDueAt, responseState, zonedInstant, type BusinessHours } from "./sla";

const weekdays = (start: string, end: string) => Object.fromEntries(["1", "2", "3", "4", "5"].map((d) => [d, [{ start, end }]]));

describe("response due times", () => {
  it("is two hours later around the clock when the coach sets no working hours", () => {
    const asked = new Date("2026-03-07T23:30:00Z");
    expect(responseDueAt(asked, null).toISOString()).toBe("2026-03-08T01:30:00.000Z");
    expect(businessHoursOf({}, "Asia/Ho_Chi_Minh")).toBeNull();
    expect(businessHoursOf(weekdays("09:00", "17:00"), null)).toBeNull();
  });

  it("counts only the coach's working hours in their own time zone", () => {
    const hours = businessHoursOf(weekdays("09:00", "17:00"), "Asia/Ho_Chi_Minh");
    // Monday 16:00 in Hanoi (09:00Z): one hour left today, one hour from Tuesday 09:00 → Tuesday 10:00 local (03:00Z).
    expect(responseDueAt(new Date("2026-03-02T09:00:00Z"), hours).toISOString()).toBe("2026-03-03T03:00:00.000Z");
    // Friday 18:00 local: nothing until Monday 09:00 → due Monday 11:00 local.
    expect(responseDueAt(new Date("2026-03-06T11:00:00Z"), hours).toISOString()).toBe("2026-03-09T04:00:00.000Z");
    // Inside the day: plain two hours.
    expect(responseDueAt(new Date("2026-03-04T03:00:00Z"), hours).toISOString()).toBe("2026-03-04T05:00:00.000Z");
  });

  it("follows daylight saving time: 09:00 New York is 14:00Z in winter and 13:00Z in summer", () => {
    const hours = businessHoursOf(weekdays("09:00", "17:00"), "America/New_York");
    // Friday 6 March 2026 after hours (EST) → Monday 9 March, after the clocks went forward on Sunday 8 March.
    expect(responseDueAt(new Date("2026-03-06T23:00:00Z"), hours).toISOString()).toBe("2026-03-09T15:00:00.000Z");
    // The same wait a week earlier, all in EST.
    expect(responseDueAt(new Date("2026-02-27T23:00:00Z"), hours).toISOString()).toBe("2026-03-02T16:00:00.000Z");
    // Autumn: Friday 30 October (EDT) → Monday 2 November (EST).
    expect(responseDueAt(new Date("2026-10-30T22:00:00Z"), hours).toISOString()).toBe("2026-11-02T16:00:00.000Z");
  });

  it("maps wall-clock times on the days the clocks change", () => {
    // 02:30 does not exist on 8 March 2026 in New York: shifted forward by the gap, to 03:30 EDT.
    expect(new Date(zonedInstant("2026-03-08", 150, "America/New_York")).toISOString()).toBe("2026-03-08T07:30:00.000Z");
    // 01:30 happens twice on 1 November 2026: the first one (EDT).
    expect(new Date(zonedInstant("2026-11-01", 90, "America/New_York")).toISOString()).toBe("2026-11-01T05:30:00.000Z");
  });

  it("spans split days and ranges that end at midnight", () => {
    const hours: BusinessHours = {
      timeZone: "Europe/Berlin",
      workingHours: {
        "6": [
          { start: "08:00", end: "09:00" },
          { start: "22:30", end: "24:00" },
        ],
        "7": [{ start: "10:00", end: "11:00" }],
      },
    };
    // Saturday 7 March 2026 07:00 Berlin (06:00Z): 1 h in the morning, then from 22:30 another hour → 23:30 local.
    expect(responseDueAt(new Date("2026-03-07T06:00:00Z"), hours).toISOString()).toBe("2026-03-07T22:30:00.000Z");
    // Saturday 23:00: 1 h until midnight, then Sunday 10:00–11:00 for the rest → Sunday 11:00 local (10:00Z).
    expect(responseDueAt(new Date("2026-03-07T22:00:00Z"), hours).toISOString()).toBe("2026-03-08T10:00:00.000Z");
  });

  it("ignores ranges it cannot read, and falls back to around the clock when none is left", () => {
    expect(businessHoursOf({ "1": [{ start: "25:00", end: "26:00" }] }, "UTC")).toBeNull();
    expect(businessHoursOf({ "1": [{ start: "10:00", end: "09:00" }] }, "UTC")).toBeNull();
    expect(businessHoursOf(weekdays("09:00", "17:00"), "Not/AZone")).toBeNull();
  });

  it("measures working time between a message and its answer", () => {
    const hours = businessHoursOf(weekdays("09:00", "17:00"), "UTC");
    // Friday 16:00 → Monday 10:00: one hour Friday, one hour Monday.
    expect(businessMillisBetween(new Date("2026-03-06T16:00:00Z"), new Date("2026-03-09T10:00:00Z"), hours)).toBe(2 * 3_600_000);
    expect(businessMillisBetween(new Date("2026-03-06T16:00:00Z"), new Date("2026-03-09T10:00:00Z"), null)).toBe(66 * 3_600_000);
  });
});

describe("response states as time passes", () => {
  const dueAt = new Date("2026-03-04T05:00:00Z");
  it("is active until the due time, then missed; answered in time it is met, late it is missed", () => {
    expect(responseState({ dueAt, answeredAt: null }, new Date("2026-03-04T04:00:00Z"))).toBe("active");
    expect(aboutToMiss({ dueAt, answeredAt: null }, new Date("2026-03-04T04:00:00Z"))).toBe(false);
    expect(aboutToMiss({ dueAt, answeredAt: null }, new Date("2026-03-04T04:45:00Z"))).toBe(true);
    expect(responseState({ dueAt, answeredAt: null }, new Date("2026-03-04T05:00:01Z"))).toBe("missed");
    expect(aboutToMiss({ dueAt, answeredAt: null }, new Date("2026-03-04T05:00:01Z"))).toBe(false);
    expect(responseState({ dueAt, answeredAt: new Date("2026-03-04T05:00:00Z") }, new Date("2026-03-05T00:00:00Z"))).toBe("met");
    expect(responseState({ dueAt, answeredAt: new Date("2026-03-04T05:01:00Z") }, new Date("2026-03-04T05:01:00Z"))).toBe("missed");
  });
});
