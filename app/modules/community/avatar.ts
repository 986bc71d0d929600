/** Initials for the avatar: "Nguyễn Văn An" → "NA", "emily" → "E". */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return "?";
  const first = [...words[0]!][0] ?? "";
  const last = words.length > 1 ? ([...words.at(-1)!][0] ?? "") : "";
  return (first + last).toUpperCase();
}

const PALETTE = ["#047857", "#1d4ed8", "#7c3aed", "#b45309", "#be123c", "#0f766e", "#4338ca", "#a16207"];

/** A stable background colour for a member's avatar (dark enough for white initials). */
export function avatarColour(seed: string): string {
  let hash = 0;
  for (const char of seed) hash = (hash * 31 + char.codePointAt(0)!) >>> 0;
  return PALETTE[hash % PALETTE.length]!;
}
