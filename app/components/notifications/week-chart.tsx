import { useTranslation } from "react-i18next";

/** Cigarettes per day over a week as a small server-rendered SVG bar chart (weekly summary). */
export function WeekChart({ values, start, locale }: { values: number[]; start: string; locale: "en" | "vi" }) {
  const { t } = useTranslation();
  const max = Math.max(1, ...values);
  const startMs = Date.parse(`${start}T12:00:00Z`);
  const label = (i: number) =>
    Number.isNaN(startMs)
      ? String(i + 1)
      : new Intl.DateTimeFormat(locale === "vi" ? "vi-VN" : "en-US", { weekday: "narrow", timeZone: "UTC" }).format(
          new Date(startMs + i * 86_400_000),
        );
  return (
    <figure className="mt-2">
      <svg role="img" aria-label={t("notifications:weeklySummary.chartAlt")} viewBox={`0 0 ${values.length * 28} 70`} className="h-20 w-56">
        <title>{t("notifications:weeklySummary.chartTitle")}</title>
        {values.map((v, i) => {
          const h = Math.round((v / max) * 44);
          return (
            <g key={i}>
              <rect x={i * 28 + 4} y={50 - h} width={20} height={Math.max(h, 1)} fill="#047857" />
              <text x={i * 28 + 14} y={47 - h} fontSize="9" textAnchor="middle" fill="#334155">
                {v}
              </text>
              <text x={i * 28 + 14} y={64} fontSize="9" textAnchor="middle" fill="#334155">
                {label(i)}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="text-xs text-slate-600">{t("notifications:weeklySummary.chartTitle")}</figcaption>
    </figure>
  );
}
