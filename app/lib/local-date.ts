import { boundedCache } from "~/lib/cache";
import { DomainError } from "~/lib/domain-error";

/** A calendar day as the member lives it, `YYYY-MM-DD`. */
export type LocalDate = string;

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 for a calendar date; calendar arithmetic runs on UTC days so no clock shift can move it. */
export function toDayNumber(date: LocalDate): number {
  const match = ISO_DATE.exec(date);
  if (!match) throw new DomainError("invalid", "journey:errors.dateInvalid");
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const ms = Date.UTC(y, m - 1, d);
  const roundTrip = new Date(ms);
  if (roundTrip.getUTCFullYear() !== y || roundTrip.getUTCMonth() !== m - 1 || roundTrip.getUTCDate() !== d) {
    throw new DomainError("invalid", "journey:errors.dateInvalid");
  }
  return ms / DAY_MS;
}

export function fromDayNumber(day: number): LocalDate {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function isLocalDate(value: unknown): value is LocalDate {
  if (typeof value !== "string") return false;
  try {
    toDayNumber(value);
    return true;
  } catch {
    return false;
  }
}

export function addDays(date: LocalDate, n: number): LocalDate {
  if (!Number.isInteger(n)) throw new DomainError("invalid", "journey:errors.dateInvalid");
  return fromDayNumber(toDayNumber(date) + n);
}

/** Whole days from `a` to `b` (positive when `b` is later). */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return toDayNumber(b) - toDayNumber(a);
}

const formatters = boundedCache<string, Intl.DateTimeFormat>("local-day-formats", 1_000, { evenWhenCachesOff: true });
function dayFormatter(timeZone: string): Intl.DateTimeFormat {
  return formatters.getOrCreate(timeZone, () => {
    try {
      return new Intl.DateTimeFormat("en-US", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    } catch {
      throw new DomainError("invalid", "journey:errors.timeZoneInvalid");
    }
  });
}

/** The member's calendar day at an instant, in their IANA time zone. */
export function localDate(instant: Date, timeZone: string): LocalDate {
  if (Number.isNaN(instant.getTime())) throw new DomainError("invalid", "journey:errors.dateInvalid");
  const parts = dayFormatter(timeZone).formatToParts(instant);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("year").padStart(4, "0")}-${part("month")}-${part("day")}`;
}

/**
 * The instant the member's day begins. Usually local midnight; where a DST change skips
 * midnight (e.g. America/Havana, America/Santiago) it is the first instant that exists.
 */
export function startOfLocalDay(date: LocalDate, timeZone: string): Date {
  const utcMidnight = toDayNumber(date) * DAY_MS;
  const day = toDayNumber(date);
  // Every real UTC offset lies between −12 h and +14 h, so the start is inside this bracket.
  let before = utcMidnight - 15 * 3_600_000;
  let atOrAfter = utcMidnight + 13 * 3_600_000;
  while (atOrAfter - before > 1) {
    const middle = Math.floor((before + atOrAfter) / 2);
    if (toDayNumber(localDate(new Date(middle), timeZone)) >= day) atOrAfter = middle;
    else before = middle;
  }
  return new Date(atOrAfter);
}
