/**
 * The offline coach: no network, no model. It answers from the retrieved knowledge-hub passages
 * and the member's own figures through a small set of templates (locale namespace `aiCoach`),
 * citing the passages it quotes. Pure: the caller passes the translation function.
 */
import { withoutDoses, type SensitiveTopic } from "./guardrails";
import { questionIntent } from "./intent";
import type { CoachInput } from "./provider";

export type Translate = (key: string, values?: Record<string, string | number>) => string;

const EXCERPT_CHARS = 320;

/** The first sentences of a passage, up to about EXCERPT_CHARS, without any sentence that states a dose. */
export function excerpt(text: string): string {
  const clean = withoutDoses(text.replace(/\s+/g, " ").trim());
  if (clean.length <= EXCERPT_CHARS) return clean;
  const cut = clean.slice(0, EXCERPT_CHARS);
  const end = Math.max(cut.lastIndexOf(". "), cut.lastIndexOf("! "), cut.lastIndexOf("? "));
  return end > 80 ? cut.slice(0, end + 1) : `${cut.slice(0, cut.lastIndexOf(" "))}…`;
}

export function composeOfflineAnswer(input: CoachInput, t: Translate): string {
  const { context: c } = input;
  const parts: string[] = [];
  if (input.concern) parts.push(t("aiCoach:offline.concern"));

  const intent = questionIntent(input.question);
  if (c.hasAttempt && !c.beforeQuitDate) {
    parts.push(
      c.moneySaved
        ? t("aiCoach:offline.figures", { days: c.smokeFreeDays, money: c.moneySaved })
        : t("aiCoach:offline.figuresDays", { days: c.smokeFreeDays }),
    );
  } else if (c.beforeQuitDate) parts.push(t("aiCoach:offline.beforeQuitDate"));

  const firstCoping = c.coping[0];
  if (intent === "craving") {
    parts.push(t("aiCoach:offline.craving"));
    if (firstCoping) parts.push(t("aiCoach:offline.copingPlan", firstCoping));
  } else if (intent === "slip") {
    parts.push(t("aiCoach:offline.slip", { days: c.smokeFreeDays }));
  } else if (intent === "money") {
    parts.push(c.moneySaved ? t("aiCoach:offline.money", { money: c.moneySaved }) : t("aiCoach:offline.moneyNone"));
  } else if (intent === "withdrawal") {
    parts.push(t("aiCoach:offline.withdrawal"));
  } else if (intent === "progress" && c.hasAttempt) {
    parts.push(t("aiCoach:offline.progress", { cravings: c.cravingsResisted }));
  }

  if (input.passages.length > 0) {
    parts.push(t("aiCoach:offline.fromHub"));
    for (const p of input.passages.slice(0, 2)) {
      const heading = p.heading ? `${p.title} — ${p.heading}` : p.title;
      parts.push(`${heading}: ${excerpt(p.text)} [${p.marker}]`);
    }
  } else {
    parts.push(t("aiCoach:offline.nothingFound"));
  }

  const topics: readonly SensitiveTopic[] = input.topics;
  if (topics.length > 0) parts.push(t("aiCoach:offline.clinician"));
  if (c.todayTasks.length > 0 && (intent === "craving" || intent === "progress" || intent === "general"))
    parts.push(t("aiCoach:offline.today", { tasks: c.todayTasks.slice(0, 2).join("; ") }));
  return parts.join("\n\n");
}
