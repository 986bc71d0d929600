import type { TFunction } from "i18next";
import type { HandoffReason } from "./handoffs.server";

/** How many of the thread's last messages go to the coach, and how much of each. */
export const SHARED_MESSAGES = 8;
export const SHARED_CHARS = 400;

export type SharedMessage = { role: "member" | "coach"; kind: "question" | "answer" | "resources" | "fallback"; body: string };

const quoted = (text: string) =>
  text
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, SHARED_CHARS)
    // Keep the member's words as text in the coach's Markdown: no headings, links or quotes of their own.
    .replace(/([\\`*_[\]#>!|~<])/g, "\\$1");

/**
 * The chat message the coach receives with a handoff, in the coach's language: why, a one-line
 * summary of the thread, then the thread itself when the member agreed to share it (else a note
 * that they did not). Safety categories are named; nothing is sent that the member did not share.
 */
export function handoffSummary(
  t: TFunction,
  a: {
    reason: HandoffReason;
    categories: readonly string[];
    thread: { title: string; messages: readonly SharedMessage[]; notHelped: number } | null;
    shared: boolean;
  },
): string {
  const lines = [`**${t("aiCoach:handoffChat.title")}**`, t(`aiCoach:handoffChat.reason.${a.reason}`)];
  if (a.categories.length > 0)
    lines.push(t("aiCoach:handoffChat.categories", { list: a.categories.map((c) => t(`aiCoach:handoffChat.category.${c}`)).join(", ") }));
  if (!a.thread) {
    lines.push(t("aiCoach:handoffChat.noThread"));
    return lines.join("\n\n");
  }
  const questions = a.thread.messages.filter((m) => m.kind === "question").length;
  lines.push(t("aiCoach:handoffChat.summary", { count: questions, notHelped: a.thread.notHelped }));
  if (!a.shared) {
    lines.push(t("aiCoach:handoffChat.notShared"));
    return lines.join("\n\n");
  }
  lines.push(t("aiCoach:handoffChat.shared", { title: quoted(a.thread.title) }));
  for (const m of a.thread.messages.slice(-SHARED_MESSAGES)) {
    const who = m.role === "member" ? t("aiCoach:handoffChat.member") : t("aiCoach:handoffChat.aiCoach");
    const text = m.kind === "resources" ? t("aiCoach:handoffChat.resourcesShown") : quoted(m.body) || "…";
    lines.push(`> **${who}:** ${text}`);
  }
  return lines.join("\n\n");
}
