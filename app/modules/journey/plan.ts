import { DomainError } from "~/lib/domain-error";
import type { FtndBand } from "./assessment";
import { MAX_CIGARETTES_PER_DAY, requireInRange } from "./bounds";
import { addDays, daysBetween, toDayNumber, type LocalDate } from "~/lib/local-date";
import { strategyFor, type CopingStrategy } from "./triggers";

export type Approach = "quit-on-date" | "reduce-then-quit";
export type StageKey = "preparation" | "quit-day" | "first-two-weeks" | "weeks-3-12" | "months-4-6" | "graduated";
export type PlanTask = { key: string; params: Record<string, string | number> };
export type PlanStage = { key: StageKey; startDate: LocalDate; endDate: LocalDate | null; goals: string[]; tasks: PlanTask[] };
export type CopingPlan = { trigger: string; strategyKey: CopingStrategy; emphasised: boolean };

export type PlanInput = {
  cigarettesPerDay: number;
  ftndScore: number;
  ftndBand: FtndBand;
  triggers: string[];
  customTriggers: string[];
  reasons: string[];
  /** The member's local today. */
  today: LocalDate;
};

export type QuitPlan = {
  approach: Approach;
  /** Translation key explaining why this approach and length were proposed. */
  approachReasonKey: string;
  quitDate: LocalDate;
  reductionDays: number;
  dailyTargets: { date: LocalDate; target: number }[];
  stages: PlanStage[];
  copingStrategies: CopingPlan[];
  suggestNrt: boolean;
  reasons: string[];
  /** What the proposal was built from, so a relapse can be re-planned from it. */
  basis: Omit<PlanInput, "today" | "reasons">;
};

/**
 * How we choose the approach and its length. Abrupt quitting on a set date works at least as
 * well as cutting down first (Lindson et al., Cochrane 2019), so lighter, less dependent
 * smokers get a quit date a week away to prepare. More dependence means more withdrawal, so:
 * moderate dependence or 21–30 a day gets two weeks of preparation; high dependence cuts down
 * over 14 days to the quit date; very high dependence or more than 30 a day over 21 days.
 */
function chooseApproach(cigarettesPerDay: number, band: FtndBand): { approach: Approach; daysToQuit: number; reasonKey: string } {
  if (band === "very-high" || cigarettesPerDay > 30)
    return { approach: "reduce-then-quit", daysToQuit: 21, reasonKey: "journey:approach.reduceLong" };
  if (band === "high") return { approach: "reduce-then-quit", daysToQuit: 14, reasonKey: "journey:approach.reduce" };
  if (band === "moderate" || cigarettesPerDay > 20)
    return { approach: "quit-on-date", daysToQuit: 14, reasonKey: "journey:approach.quitAfterPreparation" };
  return { approach: "quit-on-date", daysToQuit: 7, reasonKey: "journey:approach.quitSoon" };
}

/** Targets fall in equal steps from the usual number to 0 on the quit date. */
function reductionTargets(cigarettesPerDay: number, today: LocalDate, days: number): { date: LocalDate; target: number }[] {
  return Array.from({ length: days }, (_, i) => {
    const day = i + 1;
    return { date: addDays(today, day), target: Math.round((cigarettesPerDay * (days - day)) / days) };
  });
}

const NRT_BANDS: readonly FtndBand[] = ["moderate", "high", "very-high"];

// Stage boundaries in days after the quit date: the 14-day grace period, week 12, week 26.
const FIRST_TWO_WEEKS_START = 1;
const WEEKS_3_12_START = 14;
const MONTHS_4_6_START = 84;
const GRADUATED_START = 182;

function copingTasks(coping: CopingPlan[]): PlanTask[] {
  return coping.map(({ trigger, strategyKey }) => ({ key: "journey:tasks.practiseStrategy", params: { trigger, strategy: strategyKey } }));
}

function buildStages(a: {
  today: LocalDate;
  quitDate: LocalDate;
  approach: Approach;
  suggestNrt: boolean;
  coping: CopingPlan[];
  afterRelapse: boolean;
}): PlanStage[] {
  const { today, quitDate } = a;
  const day = (n: number) => addDays(quitDate, n);
  const stages: PlanStage[] = [];
  if (daysBetween(today, quitDate) > 0) {
    const tasks: PlanTask[] = [
      { key: "journey:tasks.tellSomeone", params: {} },
      ...copingTasks(a.coping),
      { key: "journey:tasks.removeCigarettes", params: { date: day(-1) } },
    ];
    if (a.approach === "reduce-then-quit") tasks.unshift({ key: "journey:tasks.followDailyTarget", params: {} });
    if (a.suggestNrt) tasks.push({ key: "journey:tasks.talkToPharmacist", params: {} });
    const goals = ["journey:goals.knowYourTriggers", "journey:goals.readyForQuitDay"];
    if (a.approach === "reduce-then-quit") goals.unshift("journey:goals.cutDown");
    if (a.afterRelapse) goals.unshift("journey:goals.learnFromRelapse");
    stages.push({ key: "preparation", startDate: today, endDate: day(-1), goals, tasks });
  }
  stages.push(
    {
      key: "quit-day",
      startDate: quitDate,
      endDate: quitDate,
      goals: ["journey:goals.noCigarettesToday"],
      tasks: [
        { key: "journey:tasks.checkIn", params: {} },
        { key: "journey:tasks.readReasons", params: {} },
      ],
    },
    {
      key: "first-two-weeks",
      startDate: day(FIRST_TWO_WEEKS_START),
      endDate: day(WEEKS_3_12_START - 1),
      goals: ["journey:goals.notAPuff", "journey:goals.rideOutCravings"],
      tasks: [{ key: "journey:tasks.checkIn", params: {} }, { key: "journey:tasks.logCravings", params: {} }, ...copingTasks(a.coping)],
    },
    {
      key: "weeks-3-12",
      startDate: day(WEEKS_3_12_START),
      endDate: day(MONTHS_4_6_START - 1),
      goals: ["journey:goals.fourWeekQuit", "journey:goals.newRoutines"],
      tasks: [
        { key: "journey:tasks.checkIn", params: {} },
        { key: "journey:tasks.answerFollowUp", params: { weeks: 4 } },
        { key: "journey:tasks.spendSavings", params: {} },
      ],
    },
    {
      key: "months-4-6",
      startDate: day(MONTHS_4_6_START),
      endDate: day(GRADUATED_START - 1),
      goals: ["journey:goals.stayAlert", "journey:goals.sixMonths"],
      tasks: [
        { key: "journey:tasks.planForRiskySituations", params: {} },
        { key: "journey:tasks.answerFollowUp", params: { weeks: 26 } },
      ],
    },
    {
      key: "graduated",
      startDate: day(GRADUATED_START),
      endDate: null,
      goals: ["journey:goals.smokeFreeForGood"],
      tasks: [{ key: "journey:tasks.answerFollowUp", params: { weeks: 52 } }],
    },
  );
  return stages;
}

function checkInput(input: PlanInput): void {
  requireInRange(input.cigarettesPerDay, 1, MAX_CIGARETTES_PER_DAY, "journey:errors.cigarettesPerDayInvalid", {
    integer: true,
    field: "cigarettesPerDay",
  });
  requireInRange(input.ftndScore, 0, 10, "journey:errors.ftndScoreInvalid", { integer: true });
  toDayNumber(input.today);
}

function copingFor(triggers: string[], emphasised: readonly string[]): CopingPlan[] {
  const unique = [...new Set(triggers.map((t) => t.trim()).filter(Boolean))];
  // Triggers that led to a relapse come first so the member meets them first.
  unique.sort((x, y) => Number(emphasised.includes(y)) - Number(emphasised.includes(x)));
  return unique.map((trigger) => ({ trigger, strategyKey: strategyFor(trigger), emphasised: emphasised.includes(trigger) }));
}

function assemble(
  input: PlanInput,
  choice: { approach: Approach; daysToQuit: number; reasonKey: string },
  emphasised: readonly string[],
): QuitPlan {
  checkInput(input);
  const quitDate = addDays(input.today, choice.daysToQuit);
  const reductionDays = choice.approach === "reduce-then-quit" ? choice.daysToQuit : 0;
  const copingStrategies = copingFor([...input.triggers, ...input.customTriggers, ...emphasised], emphasised);
  const suggestNrt = NRT_BANDS.includes(input.ftndBand);
  return {
    approach: choice.approach,
    approachReasonKey: choice.reasonKey,
    quitDate,
    reductionDays,
    dailyTargets: reductionDays > 0 ? reductionTargets(input.cigarettesPerDay, input.today, reductionDays) : [],
    stages: buildStages({
      today: input.today,
      quitDate,
      approach: choice.approach,
      suggestNrt,
      coping: copingStrategies,
      afterRelapse: emphasised.length > 0,
    }),
    copingStrategies,
    suggestNrt,
    reasons: [...input.reasons],
    basis: {
      cigarettesPerDay: input.cigarettesPerDay,
      ftndScore: input.ftndScore,
      ftndBand: input.ftndBand,
      triggers: [...input.triggers],
      customTriggers: [...input.customTriggers],
    },
  };
}

/** A first plan the member can accept or edit. */
export function proposePlan(input: PlanInput): QuitPlan {
  return assemble(input, chooseApproach(input.cigarettesPerDay, input.ftndBand), []);
}

/** The stage a plan is in on a date; before the plan starts, its first stage. */
export function stageOn(plan: Pick<QuitPlan, "stages">, date: LocalDate): PlanStage {
  const day = toDayNumber(date);
  const first = plan.stages[0];
  if (!first) throw new DomainError("invalid", "journey:errors.planInvalid");
  return (
    plan.stages.find((s) => toDayNumber(s.startDate) <= day && (s.endDate === null || day <= toDayNumber(s.endDate))) ??
    (day < toDayNumber(first.startDate) ? first : plan.stages.at(-1)!)
  );
}

/**
 * A new attempt after a relapse. The triggers that led to it come first in the coping plan
 * and the preparation. Abrupt quitting has now been tried, so anyone with moderate or higher
 * dependence is offered 14 days of cutting down; others get a week to prepare. Relapse is
 * common and most people need several attempts; the new plan keeps the member's reasons.
 */
export function planAfterRelapse(
  previousPlan: QuitPlan,
  relapseInfo: { triggersThatLedToRelapse: string[]; today: LocalDate; cigarettesPerDay?: number },
): QuitPlan {
  const cigarettesPerDay = relapseInfo.cigarettesPerDay ?? previousPlan.basis.cigarettesPerDay;
  const usual = chooseApproach(cigarettesPerDay, previousPlan.basis.ftndBand);
  const choice =
    usual.approach === "reduce-then-quit"
      ? usual
      : NRT_BANDS.includes(previousPlan.basis.ftndBand)
        ? { approach: "reduce-then-quit" as const, daysToQuit: 14, reasonKey: "journey:approach.reduceAfterRelapse" }
        : { approach: "quit-on-date" as const, daysToQuit: 7, reasonKey: "journey:approach.quitAfterRelapse" };
  const emphasised = [...new Set(relapseInfo.triggersThatLedToRelapse.map((t) => t.trim()).filter(Boolean))];
  return assemble({ ...previousPlan.basis, cigarettesPerDay, reasons: previousPlan.reasons, today: relapseInfo.today }, choice, emphasised);
}
