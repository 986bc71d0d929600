import { requireInRange } from "./bounds";

export type HealthSource = "who" | "who-emro";

export const HEALTH_SOURCES: Record<HealthSource, string> = {
  who: 'WHO, "Tobacco: health benefits of smoking cessation"',
  "who-emro": "WHO Regional Office for the Eastern Mediterranean (EMRO)",
};

export type Milestone = {
  /** Translation key suffix: journey:health.<key>. */
  key: string;
  /** Minutes into a smoke-free streak when the change is reached (the start of a published range). */
  afterMinutes: number;
  /** End of a published range (e.g. "2–12 weeks"), for display only. */
  untilMinutes: number | null;
  source: HealthSource;
};

const HOUR = 60;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
// Months as 30 days and years as 365 days: the sources give round figures, not calendar spans.
const MONTH = 30 * DAY;
const YEAR = 365 * DAY;

export const HEALTH_MILESTONES: readonly Milestone[] = [
  { key: "heartRate", afterMinutes: 20, untilMinutes: null, source: "who" },
  { key: "nicotineFalls", afterMinutes: 8 * HOUR, untilMinutes: null, source: "who-emro" },
  { key: "carbonMonoxide", afterMinutes: 12 * HOUR, untilMinutes: null, source: "who" },
  { key: "nicotineGone", afterMinutes: 24 * HOUR, untilMinutes: null, source: "who-emro" },
  { key: "tasteAndSmell", afterMinutes: 48 * HOUR, untilMinutes: 72 * HOUR, source: "who-emro" },
  { key: "circulation", afterMinutes: 2 * WEEK, untilMinutes: 12 * WEEK, source: "who" },
  { key: "breathing", afterMinutes: 1 * MONTH, untilMinutes: 9 * MONTH, source: "who" },
  { key: "heartDiseaseHalved", afterMinutes: 1 * YEAR, untilMinutes: null, source: "who" },
  { key: "strokeRisk", afterMinutes: 5 * YEAR, untilMinutes: 15 * YEAR, source: "who" },
  { key: "lungCancerHalved", afterMinutes: 10 * YEAR, untilMinutes: null, source: "who" },
  { key: "heartDiseaseNonSmoker", afterMinutes: 15 * YEAR, untilMinutes: null, source: "who" },
];

/** What the body has recovered after `smokeFreeMinutes` of the current streak, and what comes next. */
export function healthTimeline(smokeFreeMinutes: number): { reached: Milestone[]; next: Milestone | null; progressToNext: number } {
  requireInRange(smokeFreeMinutes, 0, Number.MAX_SAFE_INTEGER, "journey:errors.durationInvalid");
  const reached = HEALTH_MILESTONES.filter((m) => m.afterMinutes <= smokeFreeMinutes);
  const next = HEALTH_MILESTONES[reached.length] ?? null;
  if (!next) return { reached, next, progressToNext: 1 };
  const from = reached.at(-1)?.afterMinutes ?? 0;
  const progressToNext = Math.min(1, Math.max(0, (smokeFreeMinutes - from) / (next.afterMinutes - from)));
  return { reached, next, progressToNext };
}
