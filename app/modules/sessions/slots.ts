import { addDays, localDate } from "~/lib/local-date";
import { zonedTime } from "~/modules/notifications/schedule";

/** Weekly working hours per ISO weekday ("1" Monday … "7" Sunday) in the coach's own zone (coach_profiles.working_hours). */
export type WeeklyHours = Partial<Record<"1" | "2" | "3" | "4" | "5" | "6" | "7", { start: string; end: string }[]>>;
export type TimeRange = { startsAt: Date; endsAt: Date };
export type Slot = TimeRange;

export type SlotRules = {
  weeklyHours: WeeklyHours;
  /** The coach's IANA zone: working hours and exceptions are wall-clock times there. */
  timeZone: string;
  sessionMinutes: number;
  bufferMinutes: number;
  extra: TimeRange[];
  timeOff: TimeRange[];
  /** Requested and confirmed sessions of the coach. */
  busy: TimeRange[];
};

const MINUTE = 60_000;
const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

function minutesOf(hhmm: string): number {
  const [, h, m] = HHMM.exec(hhmm) ?? [];
  return Number(h) * 60 + Number(m);
}

function wallClock(date: string, minutes: number, timeZone: string): Date {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  // 24:00 is the next day's midnight.
  const next = minutes >= 24 * 60 ? addDays(date, 1).split("-").map(Number) : [year, month, day];
  const m = minutes % (24 * 60);
  return zonedTime({ year: next[0]!, month: next[1]!, day: next[2]!, hour: Math.floor(m / 60), minute: m % 60 }, timeZone);
}

function overlaps(a: TimeRange, b: TimeRange, padMs = 0): boolean {
  return a.startsAt.getTime() < b.endsAt.getTime() + padMs && b.startsAt.getTime() - padMs < a.endsAt.getTime();
}

/** Slots laid end to end (each followed by the buffer) through one window of working time. */
function slotsIn(window: TimeRange, lengthMs: number, stepMs: number): Slot[] {
  const slots: Slot[] = [];
  for (let start = window.startsAt.getTime(); start + lengthMs <= window.endsAt.getTime(); start += stepMs) {
    slots.push({ startsAt: new Date(start), endsAt: new Date(start + lengthMs) });
  }
  return slots;
}

/** The coach's working windows between two instants: each local day's weekly hours, as instants (DST included). */
export function workingWindows(rules: Pick<SlotRules, "weeklyHours" | "timeZone">, from: Date, to: Date): TimeRange[] {
  const windows: TimeRange[] = [];
  const last = localDate(to, rules.timeZone);
  for (let day = addDays(localDate(from, rules.timeZone), -1); day <= last; day = addDays(day, 1)) {
    const weekday = String(new Date(`${day}T00:00:00Z`).getUTCDay() || 7) as keyof WeeklyHours;
    for (const range of rules.weeklyHours[weekday] ?? []) {
      if (!HHMM.test(range.start) || !(HHMM.test(range.end) || range.end === "24:00")) continue;
      const startsAt = wallClock(day, minutesOf(range.start), rules.timeZone);
      const endsAt = wallClock(day, range.end === "24:00" ? 24 * 60 : minutesOf(range.end), rules.timeZone);
      if (startsAt < endsAt) windows.push({ startsAt, endsAt });
    }
  }
  return windows;
}

/**
 * The free slots a member may book between `from` and `to`: the coach's weekly hours and extra
 * hours cut into session-plus-buffer steps, minus time off and minus anything within a buffer of
 * a booked session. Instants, so each member shows them on their own clock.
 */
export function freeSlots(rules: SlotRules, from: Date, to: Date): Slot[] {
  const lengthMs = rules.sessionMinutes * MINUTE;
  const stepMs = (rules.sessionMinutes + rules.bufferMinutes) * MINUTE;
  const bufferMs = rules.bufferMinutes * MINUTE;
  const windows = [...workingWindows(rules, from, to), ...rules.extra];
  const seen = new Set<number>();
  const slots: Slot[] = [];
  for (const window of windows) {
    for (const slot of slotsIn(window, lengthMs, stepMs)) {
      const at = slot.startsAt.getTime();
      if (at < from.getTime() || at >= to.getTime() || seen.has(at)) continue;
      if (rules.timeOff.some((off) => overlaps(slot, off))) continue;
      if (rules.busy.some((booked) => overlaps(slot, booked, bufferMs))) continue;
      seen.add(at);
      slots.push(slot);
    }
  }
  return slots.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
}

/** Slots grouped by the local day a viewer sees them on, in order. */
export function slotsByDay(slots: Slot[], timeZone: string): { day: string; slots: Slot[] }[] {
  const days = new Map<string, Slot[]>();
  for (const slot of slots) {
    const day = localDate(slot.startsAt, timeZone);
    days.set(day, [...(days.get(day) ?? []), slot]);
  }
  return [...days].map(([day, list]) => ({ day, slots: list }));
}

/** Whether a zone name is one the runtime knows (the IANA list). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
