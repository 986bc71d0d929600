import { CONTROL_CHARACTERS } from "./control-characters";

/**
 * Plain text for previews and meta descriptions: Markdown markers removed, whitespace
 * collapsed, cut at a word boundary with "…". Not escaped — React (or the caller) escapes it.
 */
export function plainTextExcerpt(text: string, maxChars: number): string {
  const plain = text
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .filter((line) => !/^ {0,3}(`{3,}|~{3,})/.test(line))
    .map((line) => line.replace(/^(?: {0,3}> ?)+/, "").replace(/^ {0,3}(?:[-*+]|\d{1,9}[.)])[ \t]+/, ""))
    .join(" ")
    .replace(/!?\[([^\]]*)\]\([^)\s]*\)/g, "$1")
    .replace(/`+([^`]*)`+/g, "$1")
    .replace(/(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g, "$2")
    .replace(/(\*|_)(?=\S)(.+?)(?<=\S)\1/g, "$2")
    .replace(/\\([!-/:-@[-`{-~])/g, "$1")
    .replace(CONTROL_CHARACTERS, " ")
    .replace(/\s+/g, " ")
    .trim();

  const characters = Array.from(plain);
  if (characters.length <= maxChars) return plain;
  const cut = characters.slice(0, Math.max(0, maxChars - 1)).join("");
  const lastSpace = cut.lastIndexOf(" ");
  const wordBoundary = lastSpace > cut.length * 0.6 ? cut.slice(0, lastSpace) : cut;
  return `${wordBoundary.replace(/[\s.,;:!?-]+$/, "")}…`;
}
