import { avatarTone, initialsOf } from "~/modules/community/avatar";

/**
 * A member's initials on a colour of their own (no upload, nothing to leak); anonymous members get
 * a neutral one. A span with a palette class rather than an SVG: the feed shows twenty of them.
 */
export function Avatar({ name, seed, size = "medium" }: { name: string | null; seed: string; size?: "small" | "medium" | "large" }) {
  const tone = name ? ` avatar-${avatarTone(seed)}` : "";
  return (
    <span aria-hidden="true" className={`avatar${tone}${size === "medium" ? "" : ` avatar-${size}`}`}>
      {name ? initialsOf(name) : "?"}
    </span>
  );
}
