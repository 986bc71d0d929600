import { avatarColour, initialsOf } from "~/modules/community/avatar";

/** An initials avatar drawn as SVG (no upload, nothing to leak); anonymous members get a neutral one. */
export function Avatar({ name, seed, size = 40 }: { name: string | null; seed: string; size?: number }) {
  const initials = name ? initialsOf(name) : "?";
  const fill = name ? avatarColour(seed) : "#475569";
  return (
    <svg width={size} height={size} viewBox="0 0 40 40" aria-hidden="true" className="shrink-0 rounded-full">
      <circle cx="20" cy="20" r="20" fill={fill} />
      <text x="20" y="25" textAnchor="middle" fontSize="15" fontWeight="700" fill="#ffffff" fontFamily="system-ui, sans-serif">
        {initials}
      </text>
    </svg>
  );
}
