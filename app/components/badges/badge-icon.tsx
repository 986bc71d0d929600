import { badgeIcons, type BadgeIconName } from "~/modules/badges/icons";

export function BadgeIcon({ icon, earned = true, className = "size-16" }: { icon: BadgeIconName; earned?: boolean; className?: string }) {
  return (
    <svg
      aria-hidden="true"
      viewBox="0 0 24 24"
      className={`${className} shrink-0 rounded-full p-3 ${earned ? "bg-emerald-700 text-white" : "bg-slate-200 text-slate-600"}`}
      fill="none"
      stroke="currentColor"
      strokeWidth="1.6"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <path d={badgeIcons[icon]} />
    </svg>
  );
}
