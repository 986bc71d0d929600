import { describe, expect, it } from "vitest";
import {
  applyQuietHours,
  isDueForDailyMessage,
  isWithinQuietHours,
  localDate,
  localWeekday,
  nextLocalSendTime,
  zonedTime,
} from "./schedule";

const HCM = "Asia/Ho_Chi_Minh";
const NY = "America/New_York";
const at = (iso: string) => new Date(iso);

describe("nextLocalSendTime", () => {
  it("gives a member in Ho Chi Minh City and one in New York 08:00 on their own morning", () => {
    const now = at("2026-06-10T00:00:00Z"); // 07:00 in Ho Chi Minh City, 20:00 the evening before in New York
    expect(nextLocalSendTime(now, HCM, 8)).toEqual(at("2026-06-10T01:00:00Z"));
    expect(nextLocalSendTime(now, NY, 8)).toEqual(at("2026-06-10T12:00:00Z"));
  });

  it("moves to tomorrow once today's time has passed, and never returns now itself", () => {
    expect(nextLocalSendTime(at("2026-06-10T01:00:00Z"), HCM, 8)).toEqual(at("2026-06-11T01:00:00Z"));
    expect(nextLocalSendTime(at("2026-06-10T05:00:00Z"), HCM, 8, 30)).toEqual(at("2026-06-11T01:30:00Z"));
  });

  it("keeps 08:00 local across the spring-forward day in New York", () => {
    // Clocks go from 02:00 EST to 03:00 EDT on 8 March 2026.
    expect(nextLocalSendTime(at("2026-03-07T14:00:00Z"), NY, 8)).toEqual(at("2026-03-08T12:00:00Z")); // 08:00 EDT
    expect(nextLocalSendTime(at("2026-03-07T12:00:00Z"), NY, 8)).toEqual(at("2026-03-07T13:00:00Z")); // 08:00 EST the day before
  });

  it("keeps 08:00 local across the fall-back day in New York", () => {
    // Clocks go from 02:00 EDT back to 01:00 EST on 1 November 2026.
    expect(nextLocalSendTime(at("2026-10-31T13:00:00Z"), NY, 8)).toEqual(at("2026-11-01T13:00:00Z")); // 08:00 EST
    expect(nextLocalSendTime(at("2026-11-01T13:00:00Z"), NY, 8)).toEqual(at("2026-11-02T13:00:00Z"));
  });

  it("sends a time that does not exist on the spring-forward day an hour later, and a repeated time the first time", () => {
    expect(nextLocalSendTime(at("2026-03-08T05:00:00Z"), NY, 2, 30)).toEqual(at("2026-03-08T07:30:00Z")); // 03:30 EDT
    expect(nextLocalSendTime(at("2026-11-01T04:00:00Z"), NY, 1, 30)).toEqual(at("2026-11-01T05:30:00Z")); // first 01:30, EDT
  });

  it("refuses a time of day that cannot exist", () => {
    expect(() => nextLocalSendTime(at("2026-06-10T00:00:00Z"), HCM, 24)).toThrow(RangeError);
    expect(() => nextLocalSendTime(at("2026-06-10T00:00:00Z"), HCM, 8, 60)).toThrow(RangeError);
  });
});

describe("zonedTime and localDate", () => {
  it("round-trip a member's wall-clock time", () => {
    expect(zonedTime({ year: 2026, month: 12, day: 31, hour: 23, minute: 59 }, HCM)).toEqual(at("2026-12-31T16:59:00Z"));
    expect(localDate(at("2026-12-31T17:00:00Z"), HCM)).toBe("2027-01-01");
    expect(localDate(at("2026-12-31T17:00:00Z"), NY)).toBe("2026-12-31");
  });
});

describe("quiet hours", () => {
  const night = { start: "22:00", end: "07:00" };

  it("holds a late-evening message until 07:00 the next morning", () => {
    // 23:30 in Ho Chi Minh City on 10 June.
    expect(applyQuietHours(at("2026-06-10T16:30:00Z"), night, HCM)).toEqual(at("2026-06-11T00:00:00Z"));
  });

  it("holds an early-morning message until 07:00 the same morning", () => {
    // 05:15 in New York on 10 June.
    expect(applyQuietHours(at("2026-06-10T09:15:00Z"), night, NY)).toEqual(at("2026-06-10T11:00:00Z"));
  });

  it("lets a message outside quiet hours go at once, including at the exact end", () => {
    expect(applyQuietHours(at("2026-06-10T12:00:00Z"), night, NY)).toEqual(at("2026-06-10T12:00:00Z"));
    expect(applyQuietHours(at("2026-06-10T11:00:00Z"), night, NY)).toEqual(at("2026-06-10T11:00:00Z"));
    expect(applyQuietHours(at("2026-06-10T16:30:00Z"), null, HCM)).toEqual(at("2026-06-10T16:30:00Z"));
  });

  it("starts quiet hours exactly at their start", () => {
    expect(isWithinQuietHours(at("2026-06-10T14:59:00Z"), night, HCM)).toBe(false); // 21:59
    expect(isWithinQuietHours(at("2026-06-10T15:00:00Z"), night, HCM)).toBe(true); // 22:00
  });

  it("handles a daytime window that does not wrap midnight", () => {
    const afternoon = { start: "13:00", end: "14:30" };
    expect(applyQuietHours(at("2026-06-10T06:10:00Z"), afternoon, HCM)).toEqual(at("2026-06-10T07:30:00Z")); // 13:10 → 14:30
    expect(applyQuietHours(at("2026-06-10T08:00:00Z"), afternoon, HCM)).toEqual(at("2026-06-10T08:00:00Z")); // 15:00
  });

  it("treats a window that starts and ends at the same minute as no quiet hours", () => {
    expect(isWithinQuietHours(at("2026-06-10T15:00:00Z"), { start: "22:00", end: "22:00" }, HCM)).toBe(false);
  });
});

describe("isDueForDailyMessage", () => {
  it("is due once the member's clock reaches the hour, once per local day", () => {
    expect(isDueForDailyMessage("2026-06-09", at("2026-06-10T00:55:00Z"), HCM, 8)).toBe(false); // 07:55
    expect(isDueForDailyMessage("2026-06-09", at("2026-06-10T01:05:00Z"), HCM, 8)).toBe(true); // 08:05
    expect(isDueForDailyMessage("2026-06-10", at("2026-06-10T01:10:00Z"), HCM, 8)).toBe(false);
    expect(isDueForDailyMessage(null, at("2026-06-10T01:05:00Z"), HCM, 8)).toBe(true);
  });

  it("at the same instant is due in Ho Chi Minh City and not yet in New York", () => {
    const now = at("2026-06-10T01:05:00Z");
    expect(isDueForDailyMessage("2026-06-09", now, HCM, 8)).toBe(true);
    expect(isDueForDailyMessage("2026-06-09", now, NY, 8)).toBe(false); // 21:05 on the 9th, already sent that morning
    expect(isDueForDailyMessage("2026-06-09", at("2026-06-10T12:05:00Z"), NY, 8)).toBe(true);
  });

  it("still fires on the spring-forward day when the hour was skipped", () => {
    expect(isDueForDailyMessage("2026-03-07", at("2026-03-08T07:00:00Z"), NY, 2, 30)).toBe(true); // 03:00 EDT
  });

  it("does not send twice to a member who moved west after today's message", () => {
    // Sent at 08:00 in Ho Chi Minh City on the 11th (01:00Z), then the member moved to New York, where an hour later it is still the 10th.
    expect(isDueForDailyMessage("2026-06-11", at("2026-06-11T02:00:00Z"), NY, 8)).toBe(false); // 22:00 on the 10th in New York
  });
});

describe("localWeekday", () => {
  it("is the member's own day of the week", () => {
    const mondayMorningInHanoi = at("2026-06-08T01:00:00Z");
    expect(localWeekday(mondayMorningInHanoi, HCM)).toBe(1);
    expect(localWeekday(mondayMorningInHanoi, NY)).toBe(0); // still Sunday evening
  });
});
