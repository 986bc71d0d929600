import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { AppLocale } from "~/lib/i18n";
import type { PeriodIssue } from "~/modules/analytics/period";
import {
  change,
  formatCell,
  isSmall,
  type Cell,
  type Chart,
  type Figure,
  type ReportPage,
  type ReportTable,
} from "~/modules/analytics/report-page";
import { formatDateTime } from "~/lib/format";
import { ServerHtml } from "~/lib/server-html";

const COLOURS = ["#047857", "#1d4ed8", "#b45309", "#7c3aed"];

/** A server-rendered SVG line chart: readable without JavaScript, titled and described for screen readers, with the numbers in a table beside it. */
export function TrendChart({ chart, locale }: { chart: Chart; locale: AppLocale }) {
  const { t } = useTranslation();
  // Chart ids are unique on a page; useId is unavailable in the body (the server renders it on its own).
  const id = `chart-${chart.id}`;
  const width = 640;
  const height = 180;
  const pad = { left: 48, right: 12, top: 12, bottom: 28 };
  const days = chart.series[0]?.points ?? [];
  const max = Math.max(1, ...chart.series.flatMap((s) => s.points.map((p) => p.value)));
  const x = (i: number) => pad.left + (days.length <= 1 ? 0 : (i / (days.length - 1)) * (width - pad.left - pad.right));
  const y = (v: number) => pad.top + (1 - v / max) * (height - pad.top - pad.bottom);
  const label = (key: string) => (key.includes(":") ? t(key) : key);
  const valueText = (v: number) =>
    chart.currency
      ? formatCell({ kind: "money", minor: v, currency: chart.currency }, t, locale)
      : formatCell({ kind: "count", value: v }, t, locale);
  const title = `${t(chart.title)}${chart.currency ? ` (${chart.currency})` : ""}`;
  return (
    <figure className="rounded-lg border border-slate-200 bg-white p-4" data-chart={chart.id}>
      <figcaption className="text-sm font-semibold">{title}</figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${id}-t ${id}-d`} className="mt-2 h-auto w-full">
        <title id={`${id}-t`}>{title}</title>
        <desc id={`${id}-d`}>{t(chart.description)}</desc>
        <line x1={pad.left} x2={width - pad.right} y1={y(0)} y2={y(0)} stroke="#cbd5e1" />
        <line x1={pad.left} x2={width - pad.right} y1={y(max)} y2={y(max)} stroke="#e2e8f0" strokeDasharray="4 4" />
        <text x={pad.left - 4} y={y(max) + 4} textAnchor="end" fontSize="10" fill="#475569">
          {valueText(max)}
        </text>
        <text x={pad.left - 4} y={y(0) + 4} textAnchor="end" fontSize="10" fill="#475569">
          0
        </text>
        {days.length > 0 ? (
          <>
            <text x={x(0)} y={height - 8} fontSize="10" fill="#475569">
              {formatCell({ kind: "day", value: days[0]!.day }, t, locale)}
            </text>
            <text x={x(days.length - 1)} y={height - 8} fontSize="10" textAnchor="end" fill="#475569">
              {formatCell({ kind: "day", value: days.at(-1)!.day }, t, locale)}
            </text>
          </>
        ) : null}
        {chart.series.map((s, i) => (
          <polyline
            key={s.label}
            fill="none"
            stroke={COLOURS[i % COLOURS.length]}
            strokeWidth="2"
            points={s.points.map((p, j) => `${x(j).toFixed(1)},${y(p.value).toFixed(1)}`).join(" ")}
          />
        ))}
      </svg>
      {chart.series.length > 1 ? (
        <ul className="mt-1 flex gap-4 text-xs">
          {chart.series.map((s, i) => (
            <li key={s.label} className="flex items-center gap-1">
              <span aria-hidden="true" className="inline-block h-2 w-4" style={{ background: COLOURS[i % COLOURS.length] }} />
              {label(s.label)}
            </li>
          ))}
        </ul>
      ) : null}
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer text-slate-700">{t("reports:chartTable")}</summary>
        <table className="mt-2 w-full text-left text-xs">
          <caption className="sr-only">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{t("reports:columns.day")}</th>
              {chart.series.map((s) => (
                <th key={s.label} scope="col">
                  {label(s.label)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {days.map((d, j) => (
              <tr key={d.day}>
                <th scope="row" className="font-normal">
                  {formatCell({ kind: "day", value: d.day }, t, locale)}
                </th>
                {chart.series.map((s) => (
                  <td key={s.label}>{valueText(s.points[j]?.value ?? 0)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

function CellView({ cell, locale }: { cell: Cell; locale: AppLocale }) {
  const { t } = useTranslation();
  if (isSmall(cell) && cell.kind === "rate") {
    return (
      <span className="text-slate-400" data-small-cohort={cell.of}>
        {formatCell(cell, t, locale)} <span className="text-xs">({t("reports:smallCohort", { count: cell.of })})</span>
      </span>
    );
  }
  return <>{formatCell(cell, t, locale)}</>;
}

function FigureCard({ figure, locale }: { figure: Figure; locale: AppLocale }) {
  const { t } = useTranslation();
  const numeric = (c: Cell | null) =>
    c === null ? null : c.kind === "count" ? c.value : c.kind === "rate" || c.kind === "decimal" || c.kind === "minutes" ? c.value : null;
  const delta = change(numeric(figure.current), numeric(figure.previous));
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4">
      <dt className="text-sm text-slate-700">{t(figure.label)}</dt>
      <dd className="text-2xl font-bold">
        <CellView cell={figure.current} locale={locale} />
      </dd>
      {figure.previous ? (
        <dd className="text-xs text-slate-600">
          {t("reports:previous")}: <CellView cell={figure.previous} locale={locale} />
          {delta !== null
            ? ` (${delta >= 0 ? "+" : ""}${formatCell({ kind: "rate", value: delta, of: Number.MAX_SAFE_INTEGER }, t, locale)})`
            : ""}
        </dd>
      ) : null}
      {figure.target ? (
        <dd className={`text-xs ${figure.target.met === false ? "text-red-700" : "text-emerald-800"}`}>
          {t("reports:target")}: {formatCell(figure.target.cell, t, locale)}
          {figure.target.met === null ? "" : ` · ${t(figure.target.met ? "reports:targetMet" : "reports:targetMissed")}`}
        </dd>
      ) : null}
      {figure.note ? <dd className="text-xs text-slate-500">{t(figure.note)}</dd> : null}
    </div>
  );
}

export function TableView({ table, locale, csvHref }: { table: ReportTable; locale: AppLocale; csvHref: string }) {
  const { t } = useTranslation();
  return (
    <section className="mt-6" aria-labelledby={`table-${table.id}`}>
      <div className="flex items-baseline justify-between gap-4">
        <h3 id={`table-${table.id}`} className="font-semibold">
          {t(table.title)}
        </h3>
        <a href={csvHref} className="text-sm text-emerald-800 underline" download>
          {t("reports:downloadCsv")}
        </a>
      </div>
      {table.note ? <p className="text-xs text-slate-600">{t(table.note)}</p> : null}
      {table.rows.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">{t("reports:empty")}</p>
      ) : (
        <div className="mt-2 overflow-x-auto">
          <table className="w-full text-left text-sm" data-table={table.id}>
            <thead>
              <tr className="border-b border-slate-200">
                {table.columns.map((c) => (
                  <th key={c} scope="col" className="px-2 py-1 font-semibold">
                    {t(c)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((row, i) => (
                <tr key={i} className="border-b border-slate-100">
                  {row.map((cell, j) => (
                    <td key={j} className="px-2 py-1">
                      <CellView cell={cell} locale={locale} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export type PickerValues = { from: string; to: string; package: string; coach: string; language: string };

export function PeriodPicker({
  values,
  options,
  issues,
  applies = ["package", "coach", "language"],
}: {
  values: PickerValues;
  options: { packages: { id: string; name: string }[]; coaches: { id: string; name: string }[] } | null;
  issues: PeriodIssue[];
  /** The filters this page is split by; the others are shown disabled, with a note saying why. */
  applies?: readonly ("package" | "coach" | "language")[];
}) {
  const { t } = useTranslation();
  const off = (name: "package" | "coach" | "language") => !applies.includes(name);
  const unused = (["package", "coach", "language"] as const).filter(off);
  const issueFor = (field: string) => issues.filter((i) => i.field === field).map((i) => t(i.message));
  const input = "mt-1 block rounded-md border border-slate-300 px-2 py-1 text-sm";
  return (
    <Form method="get" className="mt-4 flex flex-wrap items-end gap-3" aria-label={t("reports:picker")}>
      <label className="text-sm">
        {t("reports:from")}
        <input type="date" name="from" defaultValue={values.from} className={input} aria-invalid={issueFor("from").length > 0} />
      </label>
      <label className="text-sm">
        {t("reports:to")}
        <input type="date" name="to" defaultValue={values.to} className={input} aria-invalid={issueFor("to").length > 0} />
      </label>
      {options ? (
        <>
          <label className="text-sm">
            {t("reports:columns.package")}
            <select name="package" defaultValue={off("package") ? "" : values.package} disabled={off("package")} className={input}>
              <option value="">{t("reports:all")}</option>
              <option value="basic">{t("reports:basic")}</option>
              {options.packages.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
          <label className="text-sm">
            {t("reports:columns.coach")}
            <select name="coach" defaultValue={off("coach") ? "" : values.coach} disabled={off("coach")} className={input}>
              <option value="">{t("reports:all")}</option>
              {options.coaches.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
          <label className="text-sm">
            {t("reports:language")}
            <select name="language" defaultValue={off("language") ? "" : values.language} disabled={off("language")} className={input}>
              <option value="">{t("reports:all")}</option>
              <option value="en">English</option>
              <option value="vi">Tiếng Việt</option>
            </select>
          </label>
        </>
      ) : null}
      <button type="submit" className="rounded-md bg-emerald-700 px-3 py-1.5 text-sm font-semibold text-white">
        {t("reports:apply")}
      </button>
      {options && unused.length > 0 ? (
        <p className="w-full text-sm text-slate-700" data-testid="filters-not-used">
          {t("reports:filtersNotUsed", { filters: unused.map((f) => t(`reports:filterNames.${f}`)).join(", ") })}
        </p>
      ) : null}
      {issues.length > 0 ? (
        <ul role="alert" className="w-full text-sm text-red-700">
          {issues.map((i) => (
            <li key={`${i.field}-${i.message}`}>{t(i.message)}</li>
          ))}
        </ul>
      ) : null}
    </Form>
  );
}

export function ReportNav({ search }: { search: string }) {
  const { t } = useTranslation();
  const sections = [
    ["/admin", "reports:sections.growth"],
    ["/admin/reports/revenue", "reports:sections.revenue"],
    ["/admin/reports/success", "reports:sections.success"],
    ["/admin/reports/coaches", "reports:sections.coaches"],
    ["/admin/reports/community", "reports:sections.community"],
    ["/admin/reports/platform", "reports:sections.platform"],
  ] as const;
  return (
    <nav aria-label={t("reports:sectionsNav")} className="mt-4 flex flex-wrap gap-2">
      {sections.map(([to, key]) => (
        <Link key={to} to={`${to}${search}`} className="rounded-md border border-slate-300 px-3 py-1 text-sm hover:bg-slate-100">
          {t(key)}
        </Link>
      ))}
    </nav>
  );
}

/** The CSV links' query: the period and filters the page shows, so a download holds exactly the page's figures. */
export function reportQueryString(period: ReportQueryValues): string {
  const entries = Object.entries(period).filter(([, value]) => value);
  return new URLSearchParams(entries).toString();
}

export type ReportQueryValues = { from: string; to: string; package: string; coach: string; language: string };

export type ReportBodyProps = {
  /** Whose figures these are ("admin", or the coach's id): part of the key, so one coach never sees another's HTML. */
  scope: string;
  page: ReportPage;
  locale: AppLocale;
  timeZone: string;
  csvBase: string;
  query: ReportQueryValues;
};

/**
 * The figures, charts and tables of one report page as the HTML the server rendered for it
 * (app/components/analytics/report-body.server.tsx), sent once (app/lib/server-html.tsx): not the
 * page's thousands of cells in its data, which cost more to encode than the HTML did to render.
 * It holds no links or handlers for the browser to wire up, so the HTML is all it needs.
 */
export function ReportBodyHtml({ html }: { html: string | null }) {
  return <ServerHtml id={REPORT_BODY_ID} html={html} />;
}

export const REPORT_BODY_ID = "report-body";

export function ReportBodyContent({ page, locale, timeZone, csvBase, query: values }: ReportBodyProps) {
  const { t } = useTranslation();
  const query = reportQueryString(values);
  return (
    <div>
      <p className="mt-2 text-xs text-slate-600" data-computed-at={page.computedAt ?? ""}>
        {page.computedAt
          ? t("reports:computedAt", { when: formatDateTime(new Date(page.computedAt), locale, timeZone) })
          : t("reports:notComputed")}
      </p>
      <dl className="mt-4 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        {page.figures.map((f) => (
          <FigureCard key={f.label} figure={f} locale={locale} />
        ))}
      </dl>
      <div className="mt-6 grid gap-4 lg:grid-cols-2">
        {page.charts.map((c) => (
          <TrendChart key={c.id} chart={c} locale={locale} />
        ))}
      </div>
      {page.tables.map((table) => (
        <TableView key={table.id} table={table} locale={locale} csvHref={`${csvBase}/${table.id}.csv${query ? `?${query}` : ""}`} />
      ))}
    </div>
  );
}
