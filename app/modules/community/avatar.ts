/** Initials for the avatar: "Nguyễn Văn An" → "NA", "emily" → "E". */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return "?";
  const first = [...words[0]!][0] ?? "";
  const last = words.length > 1 ? ([...words.at(-1)!][0] ?? "") : "";
  return (first + last).toUpperCase();
}

/** How many avatar colours there are: `.avatar-0` … `.avatar-7` in app/tailwind.css, each dark enough for white initials. */
export const AVATAR_TONES = 8;

/** A stable colour (its number in the palette) for a member's avatar. */
export function avatarTone(seed: string): number {
  let hash = 0;
  for (const char of seed) hash = (hash * 31 + char.codePointAt(0)!) >>> 0;
  return hash % AVATAR_TONES;
}

/** A name shown as initials only, when the member chose so: "Nguyễn Văn An" → "N.A.". */
export function initialsName(name: string): string {
  const initials = initialsOf(name);
  return initials === "?" ? initials : `${[...initials].join(".")}.`;
}
