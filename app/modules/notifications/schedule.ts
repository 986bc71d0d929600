import { boundedCache } from "~/lib/cache";
import { localDate } from "~/lib/local-date";
/** Wall-clock time somewhere: what a member's own clock shows. */
export type LocalDateTime = { year: number; month: number; day: number; hour: number; minute: number; second: number };

export type QuietHours = { start: string; end: string };

const MINUTE = 60_000;
const DAY = 86_400_000;

// Cron runs over every member; one formatter per time zone, not per call.
const formatters = boundedCache<string, Intl.DateTimeFormat>("member-clock-formats", 1_000, { evenWhenCachesOff: true });
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  return formatters.getOrCreate(
    timeZone,
    () =>
      new Intl.DateTimeFormat("en-US", {
        timeZone,
        hourCycle: "h23",
        year: "numeric",
        month: "numeric",
        day: "numeric",
        hour: "numeric",
        minute: "numeric",
        second: "numeric",
      }),
  );
}

export function localDateTime(at: Date, timeZone: string): LocalDateTime {
  const parts = formatterFor(timeZone).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return {
    year: part("year"),
    month: part("month"),
    day: part("day"),
    hour: part("hour") % 24,
    minute: part("minute"),
    second: part("second"),
  };
}

/** The member's calendar day as YYYY-MM-DD (what a `date` column stores). */
/** The member's calendar day at an instant: one definition, the journey's. */
export { localDate };

/** Minutes the zone is ahead of UTC at that instant (Ho Chi Minh City +420, New York −300 or −240). */
function offsetMinutes(at: number, timeZone: string): number {
  const local = localDateTime(new Date(at), timeZone);
  const asUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second);
  return Math.round((asUtc - Math.floor(at / 1000) * 1000) / MINUTE);
}

/**
 * The instant a wall-clock time happens in a zone. A time skipped by a spring-forward
 * change happens as late as the gap (02:30 → 03:30); a time repeated in autumn happens the first time.
 */
export function zonedTime(local: Omit<LocalDateTime, "second">, timeZone: string): Date {
  const wall = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
  const before = wall - offsetMinutes(wall - DAY, timeZone) * MINUTE;
  const after = wall - offsetMinutes(wall + DAY, timeZone) * MINUTE;
  const matches = [before, after].filter((candidate) => {
    const seen = localDateTime(new Date(candidate), timeZone);
    return Date.UTC(seen.year, seen.month - 1, seen.day, seen.hour, seen.minute) === wall;
  });
  return new Date(matches.length > 0 ? Math.min(...matches) : before);
}

function addDays(local: { year: number; month: number; day: number }, days: number) {
  const date = new Date(Date.UTC(local.year, local.month - 1, local.day + days));
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

/** The next instant, strictly after `now`, at which the member's clock shows localHour:localMinute. */
export function nextLocalSendTime(now: Date, timeZone: string, localHour: number, localMinute = 0): Date {
  if (
    !Number.isInteger(localHour) ||
    localHour < 0 ||
    localHour > 23 ||
    !Number.isInteger(localMinute) ||
    localMinute < 0 ||
    localMinute > 59
  ) {
    throw new RangeError(`Not a time of day: ${localHour}:${localMinute}`);
  }
  const today = localDateTime(now, timeZone);
  for (let days = 0; days <= 2; days++) {
    const candidate = zonedTime({ ...addDays(today, days), hour: localHour, minute: localMinute }, timeZone);
    if (candidate.getTime() > now.getTime()) return candidate;
  }
  throw new Error("unreachable: a time of day always recurs within two days");
}

function parseClock(value: string): { hour: number; minute: number } {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(value);
  if (!match) throw new RangeError(`Not an HH:MM time: ${value}`);
  return { hour: Number(match[1]), minute: Number(match[2]) };
}

/** Whether `at` falls within quiet hours on the member's clock; the window may wrap midnight (22:00–07:00). */
export function isWithinQuietHours(at: Date, quiet: QuietHours | null, timeZone: string): boolean {
  if (!quiet) return false;
  const start = parseClock(quiet.start);
  const end = parseClock(quiet.end);
  const startMinute = start.hour * 60 + start.minute;
  const endMinute = end.hour * 60 + end.minute;
  if (startMinute === endMinute) return false;
  const local = localDateTime(at, timeZone);
  const minute = local.hour * 60 + local.minute;
  return startMinute < endMinute ? minute >= startMinute && minute < endMinute : minute >= startMinute || minute < endMinute;
}

/** When a message meant for `at` may go out: `at` itself, or the end of the member's quiet hours. */
export function applyQuietHours(at: Date, quiet: QuietHours | null, timeZone: string): Date {
  if (!quiet || !isWithinQuietHours(at, quiet, timeZone)) return at;
  const end = parseClock(quiet.end);
  return nextLocalSendTime(at, timeZone, end.hour, end.minute);
}

/**
 * For a cron that runs every few minutes: true once the member's clock has reached the
 * send time today and nothing was sent on their today yet. Store localDate(now) after sending.
 */
export function isDueForDailyMessage(
  lastSentLocalDate: string | null,
  now: Date,
  timeZone: string,
  localHour: number,
  localMinute = 0,
): boolean {
  const local = localDateTime(now, timeZone);
  // ">=" as well: a member who moved west may already have had "tomorrow's" message.
  if (lastSentLocalDate !== null && lastSentLocalDate >= localDate(now, timeZone)) return false;
  return local.hour * 60 + local.minute >= localHour * 60 + localMinute;
}

/** The member's day of the week, 0 = Sunday … 6 = Saturday. */
export function localWeekday(at: Date, timeZone: string): number {
  const { year, month, day } = localDateTime(at, timeZone);
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}
