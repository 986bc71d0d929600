import { daysBetween, localDate } from "~/lib/local-date";
import type { CatalogueBadge } from "./catalogue";
import type { BadgeRule } from "./rule";

/** Everything the rules look at, computed for one member by the caller. */
export type MemberProgress = {
  /** Full days of the current streak, counted in the member's time zone (see smokeFreeDaysAt). */
  smokeFreeStreakDays: number;
  moneySavedMinor: number;
  currency: string;
  cravingsResisted: number;
  checkInStreakDays: number;
  stagesCompleted: number;
  totalStages: number;
  communityPosts: number;
  helpfulComments: number;
  /** A coach has graduated the member (graduations row). */
  graduated: boolean;
};

export function isRuleMet(rule: BadgeRule, progress: MemberProgress): boolean {
  switch (rule.kind) {
    case "smoke-free-days":
      return progress.smokeFreeStreakDays >= rule.days;
    case "money-saved": {
      const threshold = rule.thresholdMinor[progress.currency.toUpperCase()];
      return threshold !== undefined && progress.moneySavedMinor >= threshold;
    }
    case "cravings-resisted":
      return progress.cravingsResisted >= rule.count;
    case "check-in-streak":
      return progress.checkInStreakDays >= rule.days;
    case "plan-stages":
      return rule.stages === "all"
        ? progress.totalStages > 0 && progress.stagesCompleted >= progress.totalStages
        : progress.stagesCompleted >= rule.stages;
    case "community-posts":
      return progress.communityPosts >= rule.count;
    case "helpful-comments":
      return progress.helpfulComments >= rule.count;
    case "graduated":
      return progress.graduated;
  }
}

/** Keys of every active badge the member qualifies for; awarding them twice is the caller's ON CONFLICT's job. */
export function evaluateBadges(progress: MemberProgress, catalogue: readonly CatalogueBadge[]): string[] {
  return catalogue.filter((badge) => badge.active && isRuleMet(badge.rule, progress)).map((badge) => badge.key);
}

/** How many of the member's local midnights have passed since the streak started. */
export function smokeFreeDaysAt(streakStart: Date, now: Date, timeZone: string): number {
  if (now.getTime() <= streakStart.getTime()) return 0;
  return Math.max(0, daysBetween(localDate(streakStart, timeZone), localDate(now, timeZone)));
}
