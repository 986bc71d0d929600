import { addDays, daysBetween, type LocalDate } from "~/lib/local-date";
import { fourWeekQuit } from "~/modules/journey/outcomes";

/**
 * Risk triage for a coach's caseload: plain rules over one member's own journey data, each
 * firing rule a reason the coach can read with a suggested next action. A slip and a relapse
 * mean what the journey says they mean (progress.ts, relapse.server.ts): a slip is a local day
 * with cigarettes on or after the quit date; a relapse ended the attempt.
 */

export type RiskLevel = "high" | "medium" | "low";
export const RISK_LEVELS: readonly RiskLevel[] = ["high", "medium", "low"];

export type RiskReasonKey = "slips" | "noCheckIn" | "cravingsRising" | "relapse" | "followUpSmoking" | "askedForHuman";

export type RiskReason = { key: RiskReasonKey; weight: number; values: Record<string, number> };

export type RiskInput = {
  /** The member's local today. */
  today: LocalDate;
  /** The member's active attempt, or null (none yet, or it ended). */
  attempt: { quitDate: LocalDate } | null;
  /** daily_totals rows of the last 14 local days (today included); missing days had no entries. */
  recentDays: readonly { date: LocalDate; cigarettes: number; cravings: number }[];
  /** The last local day the member checked in (any attempt), or null. */
  lastCheckIn: LocalDate | null;
  /** The most recent day an attempt of this member ended in relapse (detected or reported), or null. */
  lastRelapseOn: LocalDate | null;
  /** The active attempt's 4-week follow-up answers, when given. */
  fourWeekFollowUp: { smokedSinceDay14: boolean; smokedPast7Days: boolean } | null;
  /** When the AI coach last handed the member to a human (they asked, rated two answers down, or wrote a crisis). */
  askedForHumanAt?: Date | null;
  now?: Date;
};

export const SLIPS_WINDOW_DAYS = 7;
export const SLIPS_THRESHOLD = 3;
export const NO_CHECK_IN_DAYS = 4;
export const CRAVINGS_WINDOW_DAYS = 7;
/** Cravings rise when this week has at least this many and at least half as many again as the week before. */
export const CRAVINGS_RISING_MIN = 3;
export const CRAVINGS_RISING_FACTOR = 1.5;
export const RECENT_RELAPSE_DAYS = 14;
export const ASKED_FOR_HUMAN_DAYS = 7;

/** One strong reason alone makes a member high risk; two weaker ones together do too. */
const WEIGHTS: Record<RiskReasonKey, number> = {
  relapse: 5,
  slips: 4,
  followUpSmoking: 4,
  askedForHuman: 4,
  noCheckIn: 2,
  cravingsRising: 2,
};
export const HIGH_RISK_SCORE = 4;
export const MEDIUM_RISK_SCORE = 2;

/** Slip days (days with cigarettes on or after the quit date) within the last `SLIPS_WINDOW_DAYS` days. */
function slipDays(input: RiskInput): number {
  if (!input.attempt) return 0;
  const from = addDays(input.today, -(SLIPS_WINDOW_DAYS - 1));
  const quitDate = input.attempt.quitDate;
  return input.recentDays.filter((d) => d.cigarettes > 0 && d.date >= from && d.date <= input.today && d.date >= quitDate).length;
}

function cravingsIn(input: RiskInput, fromDaysAgo: number, toDaysAgo: number): number {
  const from = addDays(input.today, -fromDaysAgo);
  const to = addDays(input.today, -toDaysAgo);
  return input.recentDays.filter((d) => d.date >= from && d.date <= to).reduce((sum, d) => sum + d.cravings, 0);
}

export function riskReasons(input: RiskInput): RiskReason[] {
  const reasons: RiskReason[] = [];
  const add = (key: RiskReasonKey, values: Record<string, number> = {}) => reasons.push({ key, weight: WEIGHTS[key], values });

  if (input.lastRelapseOn && daysBetween(input.lastRelapseOn, input.today) <= RECENT_RELAPSE_DAYS) {
    add("relapse", { days: Math.max(0, daysBetween(input.lastRelapseOn, input.today)) });
  }
  const slips = slipDays(input);
  if (slips >= SLIPS_THRESHOLD) add("slips", { count: slips, days: SLIPS_WINDOW_DAYS });
  // Smoking at 4 weeks: not the NCSCT 4-week quit (a puff since day 14), or smoking in the past 7 days.
  const followUp = input.fourWeekFollowUp;
  if (followUp && (!fourWeekQuit({ smokedSinceDay14: followUp.smokedSinceDay14 }) || followUp.smokedPast7Days)) add("followUpSmoking");
  if (input.askedForHumanAt && input.now) {
    const days = (input.now.getTime() - input.askedForHumanAt.getTime()) / 86_400_000;
    if (days >= 0 && days <= ASKED_FOR_HUMAN_DAYS) add("askedForHuman");
  }
  // Check-ins are expected from the quit date on (before it, the member is still smoking or cutting down).
  if (input.attempt && input.attempt.quitDate <= input.today) {
    const since =
      input.lastCheckIn && input.lastCheckIn >= addDays(input.attempt.quitDate, -1)
        ? input.lastCheckIn
        : addDays(input.attempt.quitDate, -1);
    const days = daysBetween(since, input.today);
    if (days >= NO_CHECK_IN_DAYS) add("noCheckIn", { days });
  }
  const thisWeek = cravingsIn(input, CRAVINGS_WINDOW_DAYS - 1, 0);
  const lastWeek = cravingsIn(input, 2 * CRAVINGS_WINDOW_DAYS - 1, CRAVINGS_WINDOW_DAYS);
  if (thisWeek >= CRAVINGS_RISING_MIN && thisWeek >= lastWeek * CRAVINGS_RISING_FACTOR && thisWeek > lastWeek) {
    add("cravingsRising", { thisWeek, lastWeek });
  }
  return reasons.sort((a, b) => b.weight - a.weight);
}

export function riskLevel(score: number): RiskLevel {
  if (score >= HIGH_RISK_SCORE) return "high";
  if (score >= MEDIUM_RISK_SCORE) return "medium";
  return "low";
}

export type RiskAssessment = { score: number; level: RiskLevel; reasons: RiskReason[] };

export function assessRisk(input: RiskInput): RiskAssessment {
  const reasons = riskReasons(input);
  const score = reasons.reduce((sum, r) => sum + r.weight, 0);
  return { score, level: riskLevel(score), reasons };
}

/** Ordering of levels for sorting: high first. */
export function riskRank(level: RiskLevel): number {
  return RISK_LEVELS.indexOf(level);
}
