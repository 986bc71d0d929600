import type { ArticleTopic } from "./document";

export type MemberSituation = { daysSinceQuit: number | null; recentSlip: boolean; triggers: readonly string[] };

/** The topics that fit where a member is, most pressing first: a slip, then the stage of the quit. */
export function topicsFor(situation: MemberSituation): ArticleTopic[] {
  const topics: ArticleTopic[] = [];
  if (situation.recentSlip) topics.push("relapse");
  const days = situation.daysSinceQuit;
  if (days === null || days < 0) topics.push("medication", "cravings");
  else if (days <= 14) topics.push("withdrawal", "cravings");
  else if (days <= 90) topics.push("cravings", "money");
  else topics.push("health-recovery", "money");
  return [...new Set(topics)];
}
