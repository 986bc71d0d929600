import type { BadgeRule } from "./rule";
import type { MemberProgress } from "./rules";

/** How far a member is towards a badge: current and target in the rule's own unit (null when it cannot apply, e.g. no threshold in their currency). */
export function progressTowards(rule: BadgeRule, progress: MemberProgress): { current: number; target: number } | null {
  switch (rule.kind) {
    case "smoke-free-days":
      return { current: Math.min(progress.smokeFreeStreakDays, rule.days), target: rule.days };
    case "money-saved": {
      const target = rule.thresholdMinor[progress.currency.toUpperCase()];
      return target === undefined ? null : { current: Math.min(progress.moneySavedMinor, target), target };
    }
    case "cravings-resisted":
      return { current: Math.min(progress.cravingsResisted, rule.count), target: rule.count };
    case "check-in-streak":
      return { current: Math.min(progress.checkInStreakDays, rule.days), target: rule.days };
    case "plan-stages": {
      const target = rule.stages === "all" ? progress.totalStages : rule.stages;
      return target > 0 ? { current: Math.min(progress.stagesCompleted, target), target } : null;
    }
    case "community-posts":
      return { current: Math.min(progress.communityPosts, rule.count), target: rule.count };
    case "helpful-comments":
      return { current: Math.min(progress.helpfulComments, rule.count), target: rule.count };
    case "graduated":
      return { current: progress.graduated ? 1 : 0, target: 1 };
  }
}
