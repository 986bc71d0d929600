import type { AppLocale } from "~/lib/i18n";
import type { LocalDate } from "~/lib/local-date";
import { healthTimeline, type HealthSource } from "./health-timeline";
import { dueFollowUps, type FollowUpKey } from "./outcomes";
import { stageOn, type PlanStage, type QuitPlan } from "./plan";
import { lifeRegainedMinutes } from "./progress";
import type { DashboardAggregates } from "./progress.server";

export type DashboardAttempt = {
  quitDate: LocalDate;
  attemptNumber: number;
  baselinePerDay: number;
  currency: string;
};

/** What the dashboard shows of one member's active attempt, worked out from its plan and the day's aggregates. */
export type DashboardView = {
  attempt: { quitDate: LocalDate; attemptNumber: number };
  beforeQuitDate: boolean;
  /** When the current smoke-free time began (the timer counts from here), or null while smoking. */
  smokeFreeSince: string | null;
  todayTotals: DashboardAggregates["today"];
  todayTarget: number | null;
  streakFigures: {
    locale: AppLocale;
    currency: string;
    streakDays: number;
    longestStreakDays: number;
    checkInStreakDays: number;
    cigarettesAvoided: number;
    moneySavedMinor: number;
    lifeRegainedMinutes: number;
  };
  stageAndHealth: {
    locale: AppLocale;
    stage: PlanStage;
    stagesCompleted: number;
    totalStages: number;
    reasons: string[];
    timeline: {
      reached: { key: string; source: HealthSource }[];
      next: { key: string; source: HealthSource } | null;
      progressPercent: number;
    };
  };
  charts: {
    smoked: { firstDay: LocalDate; values: number[] };
    cravings: { firstDay: LocalDate; values: number[] };
    baselinePerDay: number;
    targets: Record<LocalDate, number>;
    topTriggers: { trigger: string; count: number }[];
  };
  dueFollowUps: FollowUpKey[];
};

/**
 * Smoke-free since the last cigarette's logged time when it has one (never later than now),
 * else since the day the streak began; null when there is no streak.
 */
export function smokeFreeSince(a: { now: Date; streakStart: string | null; lastCigaretteAt: string | null }): Date | null {
  if (!a.streakStart) return null;
  const since = a.lastCigaretteAt ? Date.parse(a.lastCigaretteAt) : Date.parse(a.streakStart);
  return new Date(Math.min(a.now.getTime(), since));
}

export function dashboardView(a: {
  now: Date;
  today: LocalDate;
  locale: AppLocale;
  attempt: DashboardAttempt;
  plan: QuitPlan;
  aggregates: DashboardAggregates;
  answeredFollowUps: readonly FollowUpKey[];
}): DashboardView {
  const { now, today, locale, attempt, plan, aggregates } = a;
  const since = smokeFreeSince({ now, streakStart: aggregates.smokeFreeStreakStart, lastCigaretteAt: aggregates.lastCigaretteAt });
  const smokeFreeMinutes = since ? Math.max(0, Math.floor((now.getTime() - since.getTime()) / 60_000)) : 0;
  const timeline = healthTimeline(smokeFreeMinutes);
  // Only what the page shows travels to the browser: targets inside the chart's window, and each day's two counts.
  const firstDay = aggregates.days[0]?.date ?? today;
  const targets = Object.fromEntries(plan.dailyTargets.filter((d) => d.date >= firstDay && d.date <= today).map((d) => [d.date, d.target]));
  return {
    attempt: { quitDate: attempt.quitDate, attemptNumber: attempt.attemptNumber },
    beforeQuitDate: attempt.quitDate > today,
    smokeFreeSince: since?.toISOString() ?? null,
    todayTotals: aggregates.today,
    todayTarget: targets[today] ?? null,
    streakFigures: {
      locale,
      currency: attempt.currency,
      streakDays: aggregates.smokeFreeStreakDays,
      longestStreakDays: aggregates.longestStreakDays,
      checkInStreakDays: aggregates.checkInStreakDays,
      cigarettesAvoided: aggregates.cigarettesAvoided,
      moneySavedMinor: aggregates.moneySavedMinor,
      lifeRegainedMinutes: lifeRegainedMinutes(aggregates.cigarettesAvoided),
    },
    stageAndHealth: {
      locale,
      stage: stageOn(plan, today),
      stagesCompleted: plan.stages.filter((s) => s.endDate !== null && s.endDate < today).length,
      totalStages: plan.stages.length,
      reasons: plan.reasons,
      timeline: {
        reached: timeline.reached.map(({ key, source }) => ({ key, source })),
        next: timeline.next ? { key: timeline.next.key, source: timeline.next.source } : null,
        progressPercent: Math.round(timeline.progressToNext * 100),
      },
    },
    charts: {
      smoked: { firstDay, values: aggregates.days.map((d) => d.cigarettes) },
      cravings: { firstDay, values: aggregates.days.map((d) => d.cravings) },
      baselinePerDay: attempt.baselinePerDay,
      targets,
      topTriggers: aggregates.topTriggers,
    },
    dueFollowUps: dueFollowUps(attempt.quitDate, today, a.answeredFollowUps).map((f) => f.key),
  };
}
