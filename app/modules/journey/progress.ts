import { MAX_CIGARETTES_PER_DAY, MAX_CIGARETTES_PER_PACK, requireInRange } from "./bounds";
import { addDays, daysBetween, fromDayNumber, toDayNumber, type LocalDate } from "~/lib/local-date";

export const PROGRESS_SOURCES = {
  lifeRegained: "Jackson et al., Addiction, 2025 (UCL)",
  relapse: "Hughes et al., 2003, SRNT (after Ossip-Klein et al., 1986)",
} as const;

/** Jackson et al. 2025: 17 minutes for men, 22 for women, 20 on average. */
export const MINUTES_REGAINED_PER_CIGARETTE = 20;

/** Money is whole minor units; this is far above any real pack and keeps products exact. */
export const MAX_PACK_PRICE_MINOR = 1_000_000_000;

function checkDailyCount(count: number, field: string): number {
  return requireInRange(count, 0, MAX_CIGARETTES_PER_DAY, "journey:errors.cigaretteCountInvalid", { integer: true, field });
}

/** Cigarettes not smoked: Σ max(0, baseline − smoked); a day is never negative. */
export function cigarettesAvoided(baselinePerDay: number, smokedByDay: readonly number[]): number {
  checkDailyCount(baselinePerDay, "baselinePerDay");
  return smokedByDay.reduce((sum, smoked) => sum + Math.max(0, baselinePerDay - checkDailyCount(smoked, "smokedByDay")), 0);
}

/** numerator ÷ denominator rounded half away from zero, exactly. */
function divideRounded(numerator: bigint, denominator: bigint): bigint {
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const rounded = (2n * n + d) / (2n * d);
  return negative ? -rounded : rounded;
}

function checkPrice(pricePerPackMinor: number, cigarettesPerPack: number): void {
  requireInRange(pricePerPackMinor, 0, MAX_PACK_PRICE_MINOR, "journey:errors.packPriceInvalid", { integer: true, field: "packPriceMinor" });
  requireInRange(cigarettesPerPack, 1, MAX_CIGARETTES_PER_PACK, "journey:errors.cigarettesPerPackInvalid", {
    integer: true,
    field: "cigarettesPerPack",
  });
}

/**
 * Money not spent, in integer minor units of the member's currency: avoided cigarettes ×
 * pack price ÷ cigarettes per pack, rounded once at the end (half away from zero).
 */
export function moneySavedMinor(a: {
  baselinePerDay: number;
  pricePerPackMinor: number;
  cigarettesPerPack: number;
  smokedByDay: number[];
}): number {
  checkPrice(a.pricePerPackMinor, a.cigarettesPerPack);
  const avoided = cigarettesAvoided(a.baselinePerDay, a.smokedByDay);
  return Number(divideRounded(BigInt(avoided) * BigInt(a.pricePerPackMinor), BigInt(a.cigarettesPerPack)));
}

/** What smoking `cigarettesPerDay` costs over `days` days, in minor units, rounded once. */
export function smokingCostMinor(a: {
  cigarettesPerDay: number;
  pricePerPackMinor: number;
  cigarettesPerPack: number;
  days: number;
}): number {
  checkPrice(a.pricePerPackMinor, a.cigarettesPerPack);
  checkDailyCount(a.cigarettesPerDay, "cigarettesPerDay");
  requireInRange(a.days, 0, 366 * 100, "journey:errors.dayCountInvalid", { integer: true });
  return Number(divideRounded(BigInt(a.cigarettesPerDay) * BigInt(a.days) * BigInt(a.pricePerPackMinor), BigInt(a.cigarettesPerPack)));
}

/** Spending per 365-day year and per average month (a twelfth of it), each rounded once. */
export function smokingSpendMinor(a: { cigarettesPerDay: number; pricePerPackMinor: number; cigarettesPerPack: number }): {
  perMonth: number;
  perYear: number;
} {
  const perYear = smokingCostMinor({ ...a, days: 365 });
  const perMonth = Number(
    divideRounded(BigInt(a.cigarettesPerDay) * 365n * BigInt(a.pricePerPackMinor), BigInt(a.cigarettesPerPack) * 12n),
  );
  return { perMonth, perYear };
}

export function lifeRegainedMinutes(cigarettesAvoided: number): number {
  requireInRange(cigarettesAvoided, 0, Number.MAX_SAFE_INTEGER / MINUTES_REGAINED_PER_CIGARETTE, "journey:errors.cigaretteCountInvalid", {
    integer: true,
  });
  return cigarettesAvoided * MINUTES_REGAINED_PER_CIGARETTE;
}

/**
 * Smoke-free streaks over consecutive days (oldest first, the last is today). A day with any
 * cigarette is a slip and restarts the current streak.
 */
export function smokeFreeStreaks(smokedByDay: readonly number[]): { current: number; longest: number } {
  let current = 0;
  let longest = 0;
  for (const smoked of smokedByDay) {
    checkDailyCount(smoked, "smokedByDay");
    current = smoked === 0 ? current + 1 : 0;
    longest = Math.max(longest, current);
  }
  return { current, longest };
}

/** Distinct smoking days on or after the quit date, as day numbers, ascending. */
function smokingDaysAfterQuit(quitDate: LocalDate, smokedDates: readonly string[]): number[] {
  const quitDay = toDayNumber(quitDate);
  const days = new Set<number>();
  for (const date of smokedDates) {
    const day = toDayNumber(date);
    if (day >= quitDay) days.add(day);
  }
  return [...days].sort((x, y) => x - y);
}

export const RELAPSE_CONSECUTIVE_DAYS = 7;

/**
 * The date the relapse definition is first met (Hughes et al., 2003): the 7th consecutive
 * smoking day, or the first smoking day of the second of two consecutive weeks with smoking
 * (week 0 is the quit date and the six days after it). Null while it has not been met.
 */
export function detectRelapse(a: { quitDate: string; smokedDates: string[] }): string | null {
  const quitDay = toDayNumber(a.quitDate);
  const days = smokingDaysAfterQuit(a.quitDate, a.smokedDates);
  const weeksWithSmoking = new Set(days.map((day) => Math.floor((day - quitDay) / 7)));
  let run = 0;
  for (let i = 0; i < days.length; i++) {
    const day = days[i]!;
    run = i > 0 && days[i - 1] === day - 1 ? run + 1 : 1;
    const week = Math.floor((day - quitDay) / 7);
    // Days are ascending, so the first hit is the earliest date either rule is met.
    if (run >= RELAPSE_CONSECUTIVE_DAYS || weeksWithSmoking.has(week - 1)) return fromDayNumber(day);
  }
  return null;
}

export type SmokingStatus =
  | { status: "smoke-free" }
  | { status: "lapsed"; firstSlipDate: string; lastSlipDate: string }
  | { status: "relapsed"; firstSlipDate: string; relapseDate: string };

/**
 * Where an attempt stands: any smoking after the quit date is a lapse (slip) and the attempt
 * continues; once the relapse definition is met the attempt has ended.
 */
export function classifySmoking(a: { quitDate: string; smokedDates: string[] }): SmokingStatus {
  const days = smokingDaysAfterQuit(a.quitDate, a.smokedDates);
  if (days.length === 0) return { status: "smoke-free" };
  const firstSlipDate = fromDayNumber(days[0]!);
  const relapseDate = detectRelapse(a);
  if (relapseDate) return { status: "relapsed", firstSlipDate, relapseDate };
  return { status: "lapsed", firstSlipDate, lastSlipDate: fromDayNumber(days[days.length - 1]!) };
}

/** Full smoke-free days between smoking days on/after the quit date, up to `until`: the attempt's longest streak. */
export function longestStreak(quitDate: LocalDate, smokedDates: LocalDate[], until: LocalDate): number {
  let longest = 0;
  let previous = addDays(quitDate, -1);
  for (const date of smokedDates) {
    longest = Math.max(longest, daysBetween(previous, date) - 1);
    previous = date;
  }
  return Math.max(longest, daysBetween(previous, until) - 1, 0);
}
