import { MAX_CIGARETTES_PER_DAY, MAX_MINUTES_TO_FIRST_CIGARETTE, MAX_YEARS_SMOKED, requireInRange } from "./bounds";

export type FtndBand = "very-low" | "low" | "moderate" | "high" | "very-high";
export type HsiBand = "low" | "moderate" | "high";
export type BrinkmanBand = "below-400" | "400-599" | "600-1199" | "1200-plus";

export type FtndAnswers = {
  minutesToFirstCigarette: number;
  difficultToRefrain: boolean;
  hatesToGiveUp: "first-morning" | "other";
  cigarettesPerDay: number;
  smokesMoreInMorning: boolean;
  smokesWhenIll: boolean;
};

/** Short citations the UI shows next to each figure (see docs/clinical-references.md). */
export const ASSESSMENT_SOURCES = {
  ftnd: "Heatherton et al., 1991, Br J Addict 86:1119–1127",
  hsi: "Heatherton et al., 1989, Br J Addict 84:791–799",
  brinkman: "Brinkman & Coates, 1963",
  packYears: "US National Cancer Institute",
} as const;

function checkCigarettesPerDay(cigarettesPerDay: number): number {
  return requireInRange(cigarettesPerDay, 0, MAX_CIGARETTES_PER_DAY, "journey:errors.cigarettesPerDayInvalid", {
    field: "cigarettesPerDay",
  });
}

function checkYearsSmoked(yearsSmoked: number): number {
  return requireInRange(yearsSmoked, 0, MAX_YEARS_SMOKED, "journey:errors.yearsSmokedInvalid", { field: "yearsSmoked" });
}

/** FTND item 1, also HSI item 1: within 5 min → 3; 6–30 → 2; 31–60 → 1; after 60 → 0. */
export function firstCigarettePoints(minutesToFirstCigarette: number): number {
  requireInRange(minutesToFirstCigarette, 0, MAX_MINUTES_TO_FIRST_CIGARETTE, "journey:errors.minutesToFirstCigaretteInvalid", {
    field: "minutesToFirstCigarette",
  });
  if (minutesToFirstCigarette <= 5) return 3;
  if (minutesToFirstCigarette <= 30) return 2;
  if (minutesToFirstCigarette <= 60) return 1;
  return 0;
}

/** FTND item 4, also HSI item 2: 10 or fewer → 0; 11–20 → 1; 21–30 → 2; 31 or more → 3. */
export function cigarettesPerDayPoints(cigarettesPerDay: number): number {
  checkCigarettesPerDay(cigarettesPerDay);
  if (cigarettesPerDay <= 10) return 0;
  if (cigarettesPerDay <= 20) return 1;
  if (cigarettesPerDay <= 30) return 2;
  return 3;
}

export function ftndBand(score: number): FtndBand {
  if (score <= 2) return "very-low";
  if (score <= 4) return "low";
  if (score === 5) return "moderate";
  if (score <= 7) return "high";
  return "very-high";
}

export function scoreFtnd(a: FtndAnswers): { score: number; band: FtndBand } {
  const score =
    firstCigarettePoints(a.minutesToFirstCigarette) +
    (a.difficultToRefrain ? 1 : 0) +
    (a.hatesToGiveUp === "first-morning" ? 1 : 0) +
    cigarettesPerDayPoints(a.cigarettesPerDay) +
    (a.smokesMoreInMorning ? 1 : 0) +
    (a.smokesWhenIll ? 1 : 0);
  return { score, band: ftndBand(score) };
}

export function hsiBand(score: number): HsiBand {
  if (score <= 2) return "low";
  if (score <= 4) return "moderate";
  return "high";
}

export function scoreHsi(a: { minutesToFirstCigarette: number; cigarettesPerDay: number }): { score: number; band: HsiBand } {
  const score = firstCigarettePoints(a.minutesToFirstCigarette) + cigarettesPerDayPoints(a.cigarettesPerDay);
  return { score, band: hsiBand(score) };
}

export function brinkmanBand(index: number): BrinkmanBand {
  if (index < 400) return "below-400";
  if (index < 600) return "400-599";
  if (index < 1200) return "600-1199";
  return "1200-plus";
}

export function brinkmanIndex(cigarettesPerDay: number, yearsSmoked: number): { index: number; band: BrinkmanBand } {
  checkCigarettesPerDay(cigarettesPerDay);
  checkYearsSmoked(yearsSmoked);
  const index = cigarettesPerDay * yearsSmoked;
  return { index, band: brinkmanBand(index) };
}

/** (cigarettes per day ÷ 20) × years; rounded to 2 decimals so 0.1-style float noise never shows. */
export function packYears(cigarettesPerDay: number, yearsSmoked: number): number {
  checkCigarettesPerDay(cigarettesPerDay);
  checkYearsSmoked(yearsSmoked);
  return Math.round(((cigarettesPerDay * yearsSmoked) / 20) * 100) / 100;
}
