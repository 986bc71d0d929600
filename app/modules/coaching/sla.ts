import { addDays, localDate, toDayNumber, type LocalDate } from "~/lib/local-date";
import type { WorkingHours } from "#db/schema";

/** The business flows' target: a coach answers a member within two hours (of their working time). */
export const RESPONSE_TARGET_MINUTES = 120;
/** An open response due within this long is "about to be missed" (top of the caseload). */
export const ABOUT_TO_MISS_MS = 30 * 60 * 1000;

export type ResponseState = "active" | "met" | "missed";

/** Business hours: the coach's weekly ranges in their IANA time zone; null means around the clock. */
export type BusinessHours = { timeZone: string; workingHours: WorkingHours } | null;

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
// A week with no working time at all would never reach a due time; beyond this, count around the clock.
const MAX_DAYS_AHEAD = 60;
const TIME = /^([01]\d|2[0-4]):([0-5]\d)$/;

/** The coach's hours, or null (around the clock) when no valid range is set. */
export function businessHoursOf(workingHours: WorkingHours | null | undefined, timeZone: string | null | undefined): BusinessHours {
  if (!workingHours || !timeZone) return null;
  const any = Object.values(workingHours).some((ranges) => (ranges ?? []).some((r) => rangeMinutes(r) !== null));
  if (!any) return null;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
  } catch {
    return null;
  }
  return { timeZone, workingHours };
}

function minutesOf(text: string): number | null {
  const match = TIME.exec(text);
  if (!match) return null;
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  return minutes <= 24 * 60 ? minutes : null;
}

function rangeMinutes(range: { start: string; end: string }): [number, number] | null {
  const start = minutesOf(range.start);
  const end = minutesOf(range.end);
  return start !== null && end !== null && end > start ? [start, end] : null;
}

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();
/** The zone's offset from UTC at an instant, in milliseconds. */
function offsetAt(instant: number, timeZone: string): number {
  let format = offsetFormatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    offsetFormatters.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
  const asUtc = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant a local wall-clock time happens in the zone (DST-correct). A time that happens twice
 * (fall back) is its first occurrence; a time the clocks skip (spring forward) is shifted forward by the gap.
 */
export function zonedInstant(date: LocalDate, minutes: number, timeZone: string): number {
  const wall = toDayNumber(date) * DAY + minutes * MINUTE;
  const first = wall - offsetAt(wall, timeZone);
  const second = wall - offsetAt(first, timeZone);
  if (second + offsetAt(second, timeZone) === wall) return second;
  // In a gap neither reading shows this wall time: take the later one (the clocks moved forward).
  return Math.max(first, second);
}

/** The working intervals [start, end) in UTC milliseconds of one local day. */
function intervalsOn(date: LocalDate, hours: NonNullable<BusinessHours>): [number, number][] {
  const weekday = String((((toDayNumber(date) % 7) + 7 + 3) % 7) + 1) as keyof WorkingHours; // day 0 (1970-01-01) was a Thursday
  return (hours.workingHours[weekday] ?? [])
    .map(rangeMinutes)
    .filter((r): r is [number, number] => r !== null)
    .sort((a, b) => a[0] - b[0])
    .map(([start, end]) => [zonedInstant(date, start, hours.timeZone), zonedInstant(date, end, hours.timeZone)] as [number, number])
    .filter(([start, end]) => end > start);
}

/** When a response to a member's message asked at `askedAt` is due: `targetMinutes` of the coach's working time later. */
export function responseDueAt(askedAt: Date, hours: BusinessHours, targetMinutes = RESPONSE_TARGET_MINUTES): Date {
  const asked = askedAt.getTime();
  if (!hours) return new Date(asked + targetMinutes * MINUTE);
  let remaining = targetMinutes * MINUTE;
  // Start a day early: the previous local day's late range may still be running in UTC terms.
  let day = addDays(localDate(askedAt, hours.timeZone), -1);
  for (let i = 0; i < MAX_DAYS_AHEAD; i++, day = addDays(day, 1)) {
    for (const [start, end] of intervalsOn(day, hours)) {
      const from = Math.max(start, asked);
      if (end <= from) continue;
      if (end - from >= remaining) return new Date(from + remaining);
      remaining -= end - from;
    }
  }
  return new Date(asked + targetMinutes * MINUTE);
}

/** Working time between two instants, in milliseconds (all of it when around the clock). */
export function businessMillisBetween(from: Date, to: Date, hours: BusinessHours): number {
  const a = from.getTime();
  const b = to.getTime();
  if (b <= a) return 0;
  if (!hours) return b - a;
  let total = 0;
  let day = addDays(localDate(from, hours.timeZone), -1);
  const last = localDate(to, hours.timeZone);
  for (let i = 0; i < 400 && toDayNumber(day) <= toDayNumber(last); i++, day = addDays(day, 1)) {
    for (const [start, end] of intervalsOn(day, hours)) total += Math.max(0, Math.min(end, b) - Math.max(start, a));
  }
  return total;
}

/** Where a response stands at `now`: met (answered by its due time), missed (answered late, or not answered and overdue), else active. */
export function responseState(response: { dueAt: Date; answeredAt: Date | null }, now: Date): ResponseState {
  if (response.answeredAt) return response.answeredAt.getTime() <= response.dueAt.getTime() ? "met" : "missed";
  return now.getTime() > response.dueAt.getTime() ? "missed" : "active";
}

/** An open response that will be missed within ABOUT_TO_MISS_MS unless the coach answers. */
export function aboutToMiss(response: { dueAt: Date; answeredAt: Date | null }, now: Date): boolean {
  return responseState(response, now) === "active" && response.dueAt.getTime() - now.getTime() <= ABOUT_TO_MISS_MS;
}
