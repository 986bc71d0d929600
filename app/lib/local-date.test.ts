import { describe, expect, it } from "vitest";
import { DomainError } from "~/lib/domain-error";
import { addDays, daysBetween, isLocalDate, localDate, startOfLocalDay } from "./local-date";

describe("member-local days", () => {
  it("a late evening in New York is already the next morning in Ho Chi Minh City", () => {
    const instant = new Date("2026-03-10T23:30:00-04:00");
    expect(localDate(instant, "America/New_York")).toBe("2026-03-10");
    expect(localDate(instant, "Asia/Ho_Chi_Minh")).toBe("2026-03-11");
  });

  it("Ho Chi Minh City days begin at 17:00 UTC the day before", () => {
    expect(startOfLocalDay("2026-01-01", "Asia/Ho_Chi_Minh").toISOString()).toBe("2025-12-31T17:00:00.000Z");
    expect(localDate(new Date("2025-12-31T16:59:59.999Z"), "Asia/Ho_Chi_Minh")).toBe("2025-12-31");
    expect(localDate(new Date("2025-12-31T17:00:00Z"), "Asia/Ho_Chi_Minh")).toBe("2026-01-01");
  });

  it("New York days start at the right instant on both sides of the spring-forward change", () => {
    expect(startOfLocalDay("2026-03-07", "America/New_York").toISOString()).toBe("2026-03-07T05:00:00.000Z");
    expect(startOfLocalDay("2026-03-08", "America/New_York").toISOString()).toBe("2026-03-08T05:00:00.000Z");
    expect(startOfLocalDay("2026-03-09", "America/New_York").toISOString()).toBe("2026-03-09T04:00:00.000Z");
    // The day of the change has only 23 hours.
    const length =
      startOfLocalDay("2026-03-09", "America/New_York").getTime() - startOfLocalDay("2026-03-08", "America/New_York").getTime();
    expect(length).toBe(23 * 3_600_000);
  });

  it("the fall-back day in New York has 25 hours", () => {
    const start = startOfLocalDay("2026-11-01", "America/New_York");
    const next = startOfLocalDay("2026-11-02", "America/New_York");
    expect(start.toISOString()).toBe("2026-11-01T04:00:00.000Z");
    expect(next.getTime() - start.getTime()).toBe(25 * 3_600_000);
    // 01:30 happens twice that night; both are still 1 November.
    expect(localDate(new Date("2026-11-01T05:30:00Z"), "America/New_York")).toBe("2026-11-01");
    expect(localDate(new Date("2026-11-01T06:30:00Z"), "America/New_York")).toBe("2026-11-01");
  });

  it("where DST skips midnight, the day starts at the first instant that exists", () => {
    // Santiago springs forward at 24:00 → 01:00 on the first Sunday of September.
    const start = startOfLocalDay("2026-09-06", "America/Santiago");
    expect(localDate(start, "America/Santiago")).toBe("2026-09-06");
    expect(localDate(new Date(start.getTime() - 1), "America/Santiago")).toBe("2026-09-05");
  });

  it("adds days across month, year and leap-day boundaries", () => {
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2027-02-28", 1)).toBe("2027-03-01");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(addDays("2026-03-08", 1)).toBe("2026-03-09");
  });

  it("counts whole days between dates, negative when going back", () => {
    expect(daysBetween("2026-01-01", "2026-12-31")).toBe(364);
    expect(daysBetween("2026-03-09", "2026-03-07")).toBe(-2);
    expect(daysBetween("2026-03-07", "2026-03-09")).toBe(2);
  });

  it("rejects dates that are not real calendar days", () => {
    expect(() => addDays("2026-02-30", 1)).toThrow(DomainError);
    expect(() => daysBetween("2026-1-1", "2026-01-02")).toThrow("journey:errors.dateInvalid");
    expect(isLocalDate("2026-13-01")).toBe(false);
    expect(isLocalDate("2026-12-01")).toBe(true);
  });

  it("rejects an unknown time zone with a clear error", () => {
    expect(() => localDate(new Date(), "Mars/Olympus_Mons")).toThrow("journey:errors.timeZoneInvalid");
  });
});
