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

/** The topics whose articles and roadmaps a plan stage links to, most useful first. */
export const STAGE_TOPICS: Record<string, readonly ArticleTopic[]> = {
  preparation: ["medication", "cravings"],
  "quit-day": ["withdrawal", "cravings"],
  "first-two-weeks": ["withdrawal", "cravings"],
  "weeks-3-12": ["cravings", "relapse", "money"],
  "months-4-6": ["health-recovery", "money"],
  graduated: ["health-recovery", "helping-someone"],
};

export type StageReading = { path: string; title: string; kind: "article" | "roadmap"; locale: "en" | "vi" };

/** Per stage, up to `perStage` items: roadmaps first, then by the stage's topic order. */
export function pickStageReading(
  stages: readonly string[],
  items: readonly (StageReading & { topic: string | null })[],
  perStage = 2,
): Record<string, StageReading[]> {
  const out: Record<string, StageReading[]> = {};
  for (const stage of stages) {
    const topics = STAGE_TOPICS[stage] ?? [];
    const rank = (topic: string | null) => topics.indexOf(topic as ArticleTopic);
    out[stage] = items
      .filter((i) => rank(i.topic) >= 0)
      .sort(
        (a, b) =>
          (a.kind === b.kind ? 0 : a.kind === "roadmap" ? -1 : 1) || rank(a.topic) - rank(b.topic) || a.title.localeCompare(b.title),
      )
      .slice(0, perStage)
      .map(({ path, title, kind, locale }) => ({ path, title, kind, locale }));
  }
  return out;
}
