import { foldAccents } from "~/lib/fold";

/** What a question is mostly about, for the offline coach's templates. */
export type QuestionIntent = "craving" | "slip" | "money" | "withdrawal" | "progress" | "general";

const INTENTS: [QuestionIntent, RegExp][] = [
  [
    "slip",
    /\b(slip\w*|lapse\w*|relaps\w*|smoked (one|a|two|again)|had (one|a) (cigarette|smoke)|lo hut|hut lai|tai nghien|hut (mot|1|hai|2) dieu)\b/,
  ],
  ["craving", /\b(crav\w*|urge\w*|want(ing)? (to smoke|a cigarette|a smoke)|dying for|them( thuoc)?|con them|buon mieng)\b/],
  ["money", /\b(money|sav(e|ed|ing|ings)|cost|price|spent|tien|tiet kiem|chi phi)\b/],
  [
    "withdrawal",
    /\b(withdrawal|irritab\w*|headache|sleep\w*|insomnia|cough\w*|hungry|weight|anxious|cai nghien|cau gat|dau dau|mat ngu|ngu|ho|tang can|doi)\b/,
  ],
  ["progress", /\b(progress|how am i doing|how long|days?|streak|milestone|tien trinh|bao nhieu ngay|chuoi ngay)\b/],
];

export function questionIntent(question: string): QuestionIntent {
  const folded = ` ${foldAccents(question)} `;
  for (const [intent, re] of INTENTS) if (re.test(folded)) return intent;
  return "general";
}
