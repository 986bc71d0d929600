import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useLiveEvent } from "~/components/realtime/live-stream";

/**
 * The header's link to coaching (the member's chat, or a coach's workspace) with the count of
 * unread messages from the other side: rendered by the server, kept live by the tab's stream.
 */
export function CoachingLink({ to, label, initialCount, active }: { to: string; label: string; initialCount: number; active: boolean }) {
  const { t } = useTranslation();
  const [count, setCount] = useState(initialCount);
  useEffect(() => setCount(initialCount), [initialCount]);
  useLiveEvent("coach-unread", (data) => {
    const total = (JSON.parse(data) as { total?: unknown }).total;
    if (typeof total === "number" && Number.isInteger(total) && total >= 0) setCount(total);
  });
  return (
    <a
      href={to}
      data-discover="true"
      aria-current={active ? "page" : undefined}
      aria-label={count > 0 ? t("nav.coachingUnread", { label, count }) : undefined}
      className={`rounded-md px-3 py-2 text-sm font-medium ${active ? "bg-emerald-50 text-emerald-900" : "text-slate-700 hover:text-slate-900"}`}
    >
      {label}
      <span
        data-testid="coaching-unread"
        data-count={count}
        hidden={count === 0}
        className="ml-1 rounded-full bg-red-700 px-1.5 text-xs font-bold text-white"
      >
        {count}
      </span>
    </a>
  );
}
