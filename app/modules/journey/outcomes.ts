import { requireInRange } from "./bounds";
import { addDays, daysBetween, type LocalDate } from "~/lib/local-date";

export const OUTCOME_SOURCES = {
  fourWeekQuit: "NCSCT, NHS stop-smoking services",
  russellStandard: "West et al., 2005, Addiction 100:299–303",
  pointPrevalence: "Hughes et al., 2003, SRNT",
} as const;

/** Carbon monoxide below this (ppm) confirms abstinence. */
export const CO_ABSTINENT_BELOW_PPM = 10;
export const GRACE_PERIOD_DAYS = 14;
export const RUSSELL_STANDARD_MAX_CIGARETTES = 5;

export type FollowUpKey = "4-weeks" | "12-weeks" | "26-weeks" | "52-weeks";
export type FollowUp = { key: FollowUpKey; weeks: number; windowStartDay: number; windowEndDay: number };

/**
 * When each follow-up may be answered, in days after the quit date. The 4-week window
 * (day 25–42) is NCSCT's; the later windows are ours: from a week before the target date
 * to a span that grows with the interval, so a busy member can still answer.
 */
export const FOLLOW_UPS: readonly FollowUp[] = [
  { key: "4-weeks", weeks: 4, windowStartDay: 25, windowEndDay: 42 },
  { key: "12-weeks", weeks: 12, windowStartDay: 77, windowEndDay: 105 },
  { key: "26-weeks", weeks: 26, windowStartDay: 175, windowEndDay: 217 },
  { key: "52-weeks", weeks: 52, windowStartDay: 357, windowEndDay: 413 },
];

export type ScheduledFollowUp = FollowUp & { opensOn: LocalDate; closesOn: LocalDate };

export function followUpSchedule(quitDate: LocalDate): ScheduledFollowUp[] {
  return FOLLOW_UPS.map((f) => ({ ...f, opensOn: addDays(quitDate, f.windowStartDay), closesOn: addDays(quitDate, f.windowEndDay) }));
}

/** Follow-ups whose window is open today and that the member has not answered. */
export function dueFollowUps(quitDate: LocalDate, today: LocalDate, answered: readonly FollowUpKey[]): ScheduledFollowUp[] {
  const day = daysBetween(quitDate, today);
  return followUpSchedule(quitDate).filter((f) => day >= f.windowStartDay && day <= f.windowEndDay && !answered.includes(f.key));
}

/** An unanswered question (null/undefined) always counts as smoking: intention to treat. */
type Unknown = null | undefined;

function coConfirms(coPpm: number | Unknown): boolean {
  if (coPpm === null || coPpm === undefined) return true;
  requireInRange(coPpm, 0, 1000, "journey:errors.coReadingInvalid", { field: "coPpm" });
  return coPpm < CO_ABSTINENT_BELOW_PPM;
}

/** NCSCT 4-week quit: not a puff since day 14 after the quit date, CO-verified where a reading exists. */
export function fourWeekQuit(answers: { smokedSinceDay14: boolean | Unknown; coPpm?: number | Unknown }): boolean {
  return answers.smokedSinceDay14 === false && coConfirms(answers.coPpm);
}

/** Russell Standard sustained abstinence: at most 5 cigarettes since the grace period ended. */
export function russellStandard(answers: { cigarettesSinceGrace: number | Unknown; coPpm?: number | Unknown }): boolean {
  if (answers.cigarettesSinceGrace === null || answers.cigarettesSinceGrace === undefined) return false;
  requireInRange(answers.cigarettesSinceGrace, 0, 1_000_000, "journey:errors.cigaretteCountInvalid", {
    integer: true,
    field: "cigarettesSinceGrace",
  });
  return answers.cigarettesSinceGrace <= RUSSELL_STANDARD_MAX_CIGARETTES && coConfirms(answers.coPpm);
}

/** 7-day point prevalence: "Have you smoked, even a puff, in the past 7 days?" — no means abstinent. */
export function sevenDayPointPrevalence(answers: { smokedPast7Days: boolean | Unknown; coPpm?: number | Unknown }): boolean {
  return answers.smokedPast7Days === false && coConfirms(answers.coPpm);
}

/**
 * Success rate with intention to treat: everyone who set a quit date is in the denominator,
 * and anyone whose outcome is unknown counts as smoking. No one in the cohort: no rate.
 */
export function cohortSuccessRate(records: readonly { abstinent: boolean | Unknown }[]): {
  numerator: number;
  denominator: number;
  rate: number | null;
} {
  const numerator = records.filter((r) => r.abstinent === true).length;
  const denominator = records.length;
  return { numerator, denominator, rate: denominator === 0 ? null : numerator / denominator };
}
