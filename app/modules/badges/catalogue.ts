import type { BadgeIconName } from "./icons";
import type { BadgeRule } from "./rule";

export type BadgeDefinition = { key: string; rule: BadgeRule; icon: BadgeIconName };

/** The badge as the engine sees it: a catalogue row, which admins may switch off. */
export type CatalogueBadge = { key: string; rule: BadgeRule; active: boolean };

const smokeFree = (key: string, days: number, icon: BadgeIconName): BadgeDefinition => ({
  key,
  rule: { kind: "smoke-free-days", days },
  icon,
});

/** The badges every new installation starts with; admins edit them afterwards. */
export const seedBadgeCatalogue: readonly BadgeDefinition[] = [
  smokeFree("smoke-free-1-day", 1, "sunrise"),
  smokeFree("smoke-free-3-days", 3, "sunrise"),
  smokeFree("smoke-free-1-week", 7, "calendar"),
  smokeFree("smoke-free-2-weeks", 14, "calendar"),
  smokeFree("smoke-free-1-month", 30, "leaf"),
  smokeFree("smoke-free-3-months", 90, "leaf"),
  smokeFree("smoke-free-6-months", 182, "shield"),
  smokeFree("smoke-free-1-year", 365, "trophy"),
  { key: "money-saved-tier-1", rule: { kind: "money-saved", thresholdMinor: { VND: 100_000, USD: 500 } }, icon: "coins" },
  { key: "money-saved-tier-2", rule: { kind: "money-saved", thresholdMinor: { VND: 500_000, USD: 2_500 } }, icon: "coins" },
  { key: "money-saved-tier-3", rule: { kind: "money-saved", thresholdMinor: { VND: 1_000_000, USD: 5_000 } }, icon: "coins" },
  { key: "cravings-resisted-10", rule: { kind: "cravings-resisted", count: 10 }, icon: "flame" },
  { key: "cravings-resisted-50", rule: { kind: "cravings-resisted", count: 50 }, icon: "flame" },
  { key: "cravings-resisted-100", rule: { kind: "cravings-resisted", count: 100 }, icon: "flame" },
  { key: "check-in-streak-3", rule: { kind: "check-in-streak", days: 3 }, icon: "check-circle" },
  { key: "check-in-streak-7", rule: { kind: "check-in-streak", days: 7 }, icon: "check-circle" },
  { key: "check-in-streak-30", rule: { kind: "check-in-streak", days: 30 }, icon: "check-circle" },
  { key: "plan-first-stage", rule: { kind: "plan-stages", stages: 1 }, icon: "steps" },
  { key: "plan-all-stages", rule: { kind: "plan-stages", stages: "all" }, icon: "flag" },
  { key: "first-community-post", rule: { kind: "community-posts", count: 1 }, icon: "message" },
  { key: "helping-others-5", rule: { kind: "helpful-comments", count: 5 }, icon: "heart" },
  { key: "alumni", rule: { kind: "graduated" }, icon: "trophy" },
];

export const badgeNameKey = (key: string) => `badges:badges.${key}.name` as const;
export const badgeDescriptionKey = (key: string) => `badges:badges.${key}.description` as const;
