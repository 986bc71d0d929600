import { useTranslation } from "react-i18next";
import { addDays, type LocalDate } from "~/lib/local-date";

/** A value per day for consecutive days from `firstDay`: what the charts plot, as compact as it travels. */
export type DailySeries = { firstDay: LocalDate; values: number[] };

const W = 640;
const H = 200;
const PAD = { left: 36, right: 12, top: 12, bottom: 28 };

function scaleY(value: number, max: number): number {
  return PAD.top + (H - PAD.top - PAD.bottom) * (1 - value / Math.max(1, max));
}

function niceMax(values: number[]): number {
  const max = Math.max(1, ...values);
  const step = max <= 5 ? 1 : max <= 20 ? 5 : max <= 50 ? 10 : 20;
  return Math.ceil(max / step) * step;
}

/** Cigarettes per day as bars, the baseline as a line and the plan's daily targets as a dashed line: plain SVG from the server. */
export function CigarettesChart({
  smoked,
  baseline,
  targets,
  title,
}: {
  smoked: DailySeries;
  baseline: number;
  targets: Record<string, number>;
  title: string;
}) {
  const { t } = useTranslation("journey");
  const days = smoked.values;
  const max = niceMax([baseline, ...days]);
  const innerW = W - PAD.left - PAD.right;
  const slot = innerW / Math.max(1, days.length);
  const barW = Math.max(1, slot * 0.7);
  const baselineY = scaleY(baseline, max);
  const targetPoints = days
    .map((_, i) => {
      const target = targets[addDays(smoked.firstDay, i)];
      return target === undefined ? null : `${PAD.left + i * slot + slot / 2},${scaleY(target, max)}`;
    })
    .filter(Boolean)
    .join(" ");
  const total = days.reduce((s, n) => s + n, 0);
  return (
    <figure>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby="cig-chart-title cig-chart-desc" className="h-auto w-full">
        <title id="cig-chart-title">{title}</title>
        <desc id="cig-chart-desc">{t("dashboard.charts.cigarettesDesc", { total, days: days.length, baseline })}</desc>
        <Axis max={max} />
        <path d={barsPath(days, max, slot, barW)} className="fill-amber-600" />
        <line x1={PAD.left} x2={W - PAD.right} y1={baselineY} y2={baselineY} className="stroke-slate-500" strokeWidth={1.5} />
        <text x={W - PAD.right} y={baselineY - 4} textAnchor="end" className="fill-slate-700 text-[11px]">
          {t("dashboard.charts.baseline", { count: baseline })}
        </text>
        {targetPoints ? (
          <polyline points={targetPoints} fill="none" className="stroke-emerald-700" strokeWidth={2} strokeDasharray="6 4" />
        ) : null}
        <DateLabels series={smoked} slot={slot} />
      </svg>
      <figcaption className="mt-1 flex flex-wrap gap-4 text-xs text-slate-700">
        <span>
          <span className="mr-1 inline-block size-3 bg-amber-600" aria-hidden="true" />
          {t("dashboard.charts.smoked")}
        </span>
        <span>
          <span className="mr-1 inline-block h-0.5 w-4 bg-slate-500 align-middle" aria-hidden="true" />
          {t("dashboard.charts.baselineLegend")}
        </span>
        {targetPoints ? (
          <span>
            <span className="mr-1 inline-block h-0.5 w-4 border-t-2 border-dashed border-emerald-700 align-middle" aria-hidden="true" />
            {t("dashboard.charts.targets")}
          </span>
        ) : null}
      </figcaption>
    </figure>
  );
}

export function CravingsChart({ cravings, title }: { cravings: DailySeries; title: string }) {
  const { t } = useTranslation("journey");
  const days = cravings.values;
  const max = niceMax(days);
  const innerW = W - PAD.left - PAD.right;
  const slot = innerW / Math.max(1, days.length);
  const barW = Math.max(1, slot * 0.7);
  const total = days.reduce((s, n) => s + n, 0);
  return (
    <figure>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby="crave-chart-title crave-chart-desc" className="h-auto w-full">
        <title id="crave-chart-title">{title}</title>
        <desc id="crave-chart-desc">{t("dashboard.charts.cravingsDesc", { total, days: days.length })}</desc>
        <Axis max={max} />
        <path d={barsPath(days, max, slot, barW)} className="fill-sky-700" />
        <DateLabels series={cravings} slot={slot} />
      </svg>
    </figure>
  );
}

export function TriggersChart({ triggers, label }: { triggers: { label: string; count: number }[]; label: string }) {
  const { t } = useTranslation("journey");
  if (triggers.length === 0) return <p className="text-sm text-slate-700">{t("dashboard.charts.noTriggers")}</p>;
  const max = Math.max(...triggers.map((x) => x.count));
  const rowH = 28;
  const height = triggers.length * rowH + 4;
  return (
    <svg viewBox={`0 0 ${W} ${height}`} role="img" aria-label={label} className="h-auto w-full">
      {triggers.map((x, i) => {
        const width = ((W - 260) * x.count) / max;
        return (
          <g key={x.label} transform={`translate(0 ${i * rowH})`}>
            <text x={0} y={18} className="fill-slate-800 text-[13px]">
              {x.label}
            </text>
            <rect x={200} y={4} width={Math.max(2, width)} height={18} className="fill-violet-700" />
            <text x={206 + width} y={18} className="fill-slate-800 text-[13px]">
              {x.count}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** Every bar of a chart as one path: a few hundred bytes instead of an element per day. */
function barsPath(values: number[], max: number, slot: number, barW: number): string {
  const bottom = H - PAD.bottom;
  let d = "";
  values.forEach((value, i) => {
    if (value <= 0) return;
    const y = scaleY(value, max);
    d += `M${(PAD.left + i * slot + (slot - barW) / 2).toFixed(1)} ${y.toFixed(1)}h${barW.toFixed(1)}V${bottom}h${(-barW).toFixed(1)}Z`;
  });
  return d;
}

function Axis({ max }: { max: number }) {
  const ticks = [0, max / 2, max];
  return (
    <g>
      {ticks.map((tick) => (
        <g key={tick}>
          <line x1={PAD.left} x2={W - PAD.right} y1={scaleY(tick, max)} y2={scaleY(tick, max)} className="stroke-slate-200" />
          <text x={PAD.left - 6} y={scaleY(tick, max) + 4} textAnchor="end" className="fill-slate-700 text-[11px]">
            {Math.round(tick)}
          </text>
        </g>
      ))}
    </g>
  );
}

function DateLabels({ series, slot }: { series: DailySeries; slot: number }) {
  const count = series.values.length;
  const every = Math.ceil(count / 7);
  const labelled = series.values.map((_, i) => i).filter((i) => i % every === 0 || i === count - 1);
  return (
    <g>
      {labelled.map((i) => {
        const date = addDays(series.firstDay, i);
        return (
          <text key={date} x={PAD.left + i * slot + slot / 2} y={H - 8} textAnchor="middle" className="fill-slate-700 text-[11px]">
            {date.slice(5)}
          </text>
        );
      })}
    </g>
  );
}
