/**
 * Rules every answer obeys whichever provider wrote it: sensitive topics get a clinician line,
 * and a finished (or growing) answer is checked for doses, diagnoses, claims to be human and
 * leaks of the system prompt; a failing answer is replaced by the safe fallback.
 */
import { foldAccents } from "~/lib/fold";

export type SensitiveTopic = "medication" | "pregnancy" | "vaping" | "heart";

const TOPIC_PATTERNS: Record<SensitiveTopic, RegExp> = {
  medication:
    /\b(nrt|nicotine replacement|patch(es)?|gum|lozenges?|inhalator|spray|varenicline|champix|chantix|bupropion|zyban|cytisine?|tabex|medication|medicine|pills?|tablets?|dose|dosage|mieng dan|keo (cao su )?nicotine|vien ngam|thuoc (cai|ho tro|ke don)|lieu)\b/,
  pregnancy: /\b(pregnan\w*|expecting a baby|unborn|baby|breastfeed\w*|mang thai|co thai|co bau|bau bi|thai nhi|em be|cho con bu)\b/,
  vaping: /\b(vap(e|es|ing)|e[ -]?cig\w*|e[ -]?liquid|juul|pods?|heated tobacco|iqos|thuoc la dien tu|tinh dau|thuoc la nung nong)\b/,
  heart: /\b(heart|cardiac|blood pressure|hypertension|angina|arrhythmia|stroke|tim mach|benh tim|huyet ap|dot quy|nhoi mau)\b/,
};

/** Which sensitive topics a question (or a retrieved passage) touches. */
export function sensitiveTopics(text: string): SensitiveTopic[] {
  const folded = foldAccents(text);
  return (Object.keys(TOPIC_PATTERNS) as SensitiveTopic[]).filter((topic) => TOPIC_PATTERNS[topic].test(folded));
}

const DOSE_PATTERNS: RegExp[] = [
  /\b\d+(?:[.,]\d+)?\s?(mg|milligrams?|mcg|µg|micrograms?|ml|millilit(er|re)s?)\b/i,
  /\b(take|use|chew|apply|wear|start on|dung|uong|nhai|dan|ngam)\b[^.\n]{0,30}\b(\d+|one|two|three|four|five|mot|hai|ba|bon|nam)\s*(pieces?|patch(es)?|tablets?|pills?|lozenges?|capsules?|times|vien|mieng|lan)\b/i,
  /\b(once|twice|three times|\d+ times) (a|per) day\b/i,
  /\b(\d+|mot|hai|ba) lan (mot|moi) ngay\b/i,
];

const DIAGNOSIS_PATTERNS: RegExp[] = [
  /\byou (have|probably have|likely have|are suffering from|must have) (cancer|copd|emphysema|heart disease|a heart condition|depression|an anxiety disorder|lung disease)\b/i,
  /\bban (bi|mac|co the bi) (ung thu|benh phoi tac nghen|khi phe thung|benh tim|tram cam|roi loan lo au)\b/i,
];

const HUMAN_CLAIM = [
  /\b(i am|i'm|im) (a )?(real )?(human|person|doctor|nurse)\b/i,
  /\btoi (la|cung la) (nguoi that|con nguoi|bac si|y ta)\b/i,
];

export type AnswerCheck = { ok: true } | { ok: false; reasons: string[] };

/**
 * Checks an answer. `secrets` are strings that must never appear (the system prompt's canary,
 * its rule lines); matching is on the accent-folded text so a rephrased copy with accents dropped
 * still fails.
 */
export function checkAnswer(answer: string, secrets: readonly string[] = []): AnswerCheck {
  const folded = foldAccents(answer);
  const reasons: string[] = [];
  if (DOSE_PATTERNS.some((re) => re.test(folded))) reasons.push("dose");
  if (DIAGNOSIS_PATTERNS.some((re) => re.test(folded))) reasons.push("diagnosis");
  if (HUMAN_CLAIM.some((re) => re.test(folded))) reasons.push("claims-human");
  if (/system prompt|my instructions (are|say)|loi nhac he thong/.test(folded)) reasons.push("prompt-talk");
  for (const secret of secrets) {
    const s = foldAccents(secret).trim();
    if (s.length >= 12 && folded.includes(s)) {
      reasons.push("leak");
      break;
    }
  }
  return reasons.length === 0 ? { ok: true } : { ok: false, reasons };
}

/** Drops sentences that state a dose, so a quoted passage never carries one into an answer. */
export function withoutDoses(text: string): string {
  return text
    .split(/(?<=[.!?])\s+/)
    .filter((sentence) => !DOSE_PATTERNS.some((re) => re.test(foldAccents(sentence))))
    .join(" ");
}

/** Email addresses, phone numbers and the member's own names are replaced before text leaves for an external provider. */
export function redactContact(text: string, names: readonly string[]): string {
  let out = text.replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, "[email]").replace(/(\+?\d[\d\s().-]{7,}\d)/g, "[phone]");
  for (const name of names) {
    for (const part of name.split(/\s+/).filter((p) => p.length >= 2)) {
      out = out.replace(new RegExp(`(?<![\\p{L}])${part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![\\p{L}])`, "giu"), "[name]");
    }
  }
  return out;
}
