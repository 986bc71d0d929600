import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

function parts(ms: number) {
  const total = Math.max(0, Math.floor(ms / 1000));
  return {
    days: Math.floor(total / 86400),
    hours: Math.floor((total % 86400) / 3600),
    minutes: Math.floor((total % 3600) / 60),
    seconds: total % 60,
  };
}

/** Time since `since`, correct from the server at `now`; with JavaScript it ticks every second. */
export function SmokeFreeTimer({ since, now }: { since: string; now: string }) {
  const { t } = useTranslation("journey");
  const start = new Date(since).getTime();
  const [current, setCurrent] = useState(() => new Date(now).getTime());
  useEffect(() => {
    setCurrent(Date.now());
    const timer = setInterval(() => setCurrent(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const p = parts(current - start);
  return (
    <p className="text-3xl font-bold tabular-nums text-emerald-900" data-testid="smoke-free-time" aria-live="off">
      {t("dashboard.duration", p)}
    </p>
  );
}
