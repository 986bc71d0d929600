import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useLiveEvent, useLiveStatus } from "~/components/realtime/live-stream";

/**
 * The header's link to the notification centre with the unread count. The server renders the count
 * (right on every load without JavaScript); with JavaScript the tab's one live stream keeps it live.
 */
export function NotificationBell({ initialCount, active }: { initialCount: number; active: boolean }) {
  const { t } = useTranslation();
  const [count, setCount] = useState(initialCount);
  const live = useLiveStatus();
  useEffect(() => setCount(initialCount), [initialCount]);
  useLiveEvent("unread", (data) => {
    const next = Number(data);
    if (Number.isInteger(next) && next >= 0) setCount(next);
  });
  return (
    <a
      href="/app/notifications"
      data-discover="true"
      aria-label={t("nav.notifications", { count })}
      aria-current={active ? "page" : undefined}
      data-live={live ? "true" : "false"}
      className={`relative rounded-md px-3 py-2 text-sm font-medium ${active ? "bg-emerald-50 text-emerald-900" : "text-slate-700 hover:text-slate-900"}`}
    >
      <svg
        aria-hidden="true"
        viewBox="0 0 24 24"
        className="inline size-5"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.8"
        strokeLinecap="round"
        strokeLinejoin="round"
      >
        <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9 M10.3 21a1.94 1.94 0 0 0 3.4 0" />
      </svg>
      <span
        data-testid="unread-count"
        className={`ml-1 rounded-full px-1.5 text-xs font-bold ${count > 0 ? "bg-red-700 text-white" : "bg-slate-200 text-slate-800"}`}
      >
        {count}
      </span>
    </a>
  );
}
