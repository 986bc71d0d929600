import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, daysBetween, fromDayNumber, isLocalDate, localDate, startOfLocalDay, toDayNumber } from "./local-date";

/** Any calendar day from year 1000 to 9999, as `YYYY-MM-DD`. */
const anyDay = fc.integer({ min: toDayNumber("1000-01-01"), max: toDayNumber("9999-12-31") }).map(fromDayNumber);
/** Recent and coming days (no time zone here skipped a whole day in this range). */
const recentDay = fc.integer({ min: toDayNumber("2012-01-01"), max: toDayNumber("2040-12-31") }).map(fromDayNumber);
const zones = fc.constantFrom(
  "UTC",
  "Asia/Ho_Chi_Minh",
  "America/New_York",
  "America/Havana",
  "America/Santiago",
  "Asia/Kathmandu",
  "Australia/Lord_Howe",
  "Pacific/Kiritimati",
  "Pacific/Pago_Pago",
  "Europe/London",
);

describe("local dates (properties)", () => {
  it("a day survives the trip to its day number and back", () => {
    fc.assert(fc.property(anyDay, (day) => fromDayNumber(toDayNumber(day)) === day && isLocalDate(day)));
  });

  it("adding n days then −n days is the same day, and daysBetween measures the n", () => {
    fc.assert(
      fc.property(recentDay, fc.integer({ min: -40_000, max: 40_000 }), (day, n) => {
        expect(addDays(addDays(day, n), -n)).toBe(day);
        expect(daysBetween(day, addDays(day, n))).toBe(n);
      }),
    );
  });

  it("refuses every impossible day of a month (2026-02-30, 2025-04-31 …), whatever the year", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1000, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 40 }), (y, m, d) => {
        const text = `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
        const daysInMonth = new Date(Date.UTC(y, m, 0)).getUTCDate();
        expect(isLocalDate(text)).toBe(d <= daysInMonth);
      }),
    );
  });

  it("a day begins at an instant that is that day in the zone, and the instant before is an earlier day", () => {
    fc.assert(
      fc.property(recentDay, zones, (day, zone) => {
        const start = startOfLocalDay(day, zone);
        expect(localDate(start, zone)).toBe(day);
        expect(toDayNumber(localDate(new Date(start.getTime() - 1), zone))).toBeLessThan(toDayNumber(day));
      }),
      { numRuns: 200 },
    );
  });

  it("local days never go backwards as time moves forward", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("2000-01-01"), max: new Date("2040-01-01"), noInvalidDate: true }),
        fc.nat(10 * 86_400_000),
        zones,
        (at, later, zone) => {
          expect(toDayNumber(localDate(new Date(at.getTime() + later), zone))).toBeGreaterThanOrEqual(toDayNumber(localDate(at, zone)));
        },
      ),
      { numRuns: 300 },
    );
  });
});
