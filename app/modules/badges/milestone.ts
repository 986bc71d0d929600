import type { AppLocale } from "~/lib/i18n";
import { formatMoney, formatNumber } from "~/lib/format";
import en from "~/locales/en/badges";
import vi from "~/locales/vi/badges";
import type { BadgeRule } from "./rule";

const milestoneTexts = { en: en.milestone, vi: vi.milestone };
type CountedMilestone = "smokeFreeDays" | "cravingsResisted" | "checkInStreak" | "planStages" | "communityPosts" | "helpfulComments";

function counted(name: CountedMilestone, count: number, locale: AppLocale): string {
  const plural = new Intl.PluralRules(locale).select(count) === "one" ? "one" : "other";
  const template = milestoneTexts[locale][`${name}_${plural}`];
  return template.replace("{{count}}", formatNumber(count, locale));
}

/**
 * The milestone a badge marks, in words ("7 days smoke-free", "₫500.000 saved").
 * For a money badge it names the member's currency, or null when that currency has no threshold.
 */
export function milestoneText(rule: BadgeRule, locale: AppLocale, currency: string): string | null {
  switch (rule.kind) {
    case "smoke-free-days":
      return counted("smokeFreeDays", rule.days, locale);
    case "money-saved": {
      const threshold = rule.thresholdMinor[currency.toUpperCase()];
      if (threshold === undefined) return null;
      return milestoneTexts[locale].moneySaved.replace("{{money}}", formatMoney(threshold, currency.toUpperCase(), locale));
    }
    case "cravings-resisted":
      return counted("cravingsResisted", rule.count, locale);
    case "check-in-streak":
      return counted("checkInStreak", rule.days, locale);
    case "plan-stages":
      return rule.stages === "all" ? milestoneTexts[locale].planAllStages : counted("planStages", rule.stages, locale);
    case "community-posts":
      return counted("communityPosts", rule.count, locale);
    case "helpful-comments":
      return counted("helpfulComments", rule.count, locale);
    case "graduated":
      return milestoneTexts[locale].graduated;
  }
}
