import type { TFunction } from "i18next";
import { boundedCache } from "~/lib/cache";
import { formatMoney, formatNumber } from "~/lib/format";
import type { AppLocale } from "~/lib/i18n";

/** Cohorts smaller than this are shown greyed with their size, not as a bare percentage. */
export const SMALL_COHORT = 20;

/** The change from the previous period as a fraction (null when there is nothing to compare with). */
export function change(current: number | null, previous: number | null): number | null {
  if (current === null || previous === null || previous === 0) return null;
  return (current - previous) / Math.abs(previous);
}

/** What a report page shows, as plain data: the page renders it, and the CSV export writes the same tables. */
export type Cell =
  | { kind: "text"; value: string }
  | { kind: "label"; key: string }
  | { kind: "count"; value: number }
  /** A fraction of a cohort of `of` members; small cohorts are shown greyed with their size. */
  | { kind: "rate"; value: number | null; of: number }
  | { kind: "money"; minor: number; currency: string }
  | { kind: "minutes"; value: number | null }
  | { kind: "decimal"; value: number | null }
  | { kind: "day"; value: string }
  | { kind: "month"; value: string };

export type ReportTable = { id: string; title: string; note?: string; columns: string[]; rows: Cell[][] };

export type Figure = {
  label: string;
  current: Cell;
  previous: Cell | null;
  target?: { cell: Cell; met: boolean | null };
  note?: string;
};

export type ChartSeries = { label: string; points: { day: string; value: number }[] };
export type Chart = { id: string; title: string; description: string; series: ChartSeries[]; currency?: string };

export type ReportSection = "growth" | "revenue" | "success" | "coaches" | "community" | "platform";
export const REPORT_SECTIONS: readonly ReportSection[] = ["growth", "revenue", "success", "coaches", "community", "platform"];

export type ReportFilterName = "package" | "coach" | "language";

/** The filters each section's figures are split by; the picker disables (and explains) the others. */
export const SECTION_FILTERS: Record<ReportSection, readonly ReportFilterName[]> = {
  growth: ["package", "coach", "language"],
  revenue: ["package"],
  success: ["package", "coach", "language"],
  coaches: ["coach"],
  // Posts and comments by their author's package, coach and language; reports, moderation and reads are not split (the page says so).
  community: ["package", "coach", "language"],
  // The servers' counters belong to no package, coach or language.
  platform: [],
};

export type ReportPage = {
  section: ReportSection;
  figures: Figure[];
  charts: Chart[];
  tables: ReportTable[];
  computedAt: string | null;
};

// Charts format every day of a period: building an Intl formatter per cell cost most of a page's render time.
const calendarFormats = boundedCache<string, Intl.DateTimeFormat>("report-calendar-formats", 8, { evenWhenCachesOff: true });
const calendarFormat = (kind: "day" | "month", locale: AppLocale) =>
  calendarFormats.getOrCreate(`${kind}|${locale}`, () =>
    kind === "day"
      ? new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" })
      : new Intl.DateTimeFormat(locale, { year: "numeric", month: "short", timeZone: "UTC" }),
  );

export const isSmall = (cell: Cell) => cell.kind === "rate" && cell.value !== null && cell.of < SMALL_COHORT;

/** One cell as text in the viewer's language; `csv` spells out a small cohort's size instead of greying it. */
export function formatCell(cell: Cell, t: TFunction, locale: AppLocale, options: { csv?: boolean } = {}): string {
  switch (cell.kind) {
    case "text":
      return cell.value;
    case "label":
      return t(cell.key);
    case "count":
      return formatNumber(cell.value, locale);
    case "rate": {
      const percent = cell.value === null ? "—" : formatNumber(cell.value, locale, { style: "percent", maximumFractionDigits: 1 });
      return options.csv && isSmall(cell) ? `${percent} (${t("reports:smallCohort", { count: cell.of })})` : percent;
    }
    case "money":
      return formatMoney(cell.minor, cell.currency, locale);
    case "minutes":
      return cell.value === null ? "—" : t("reports:minutes", { count: Math.round(cell.value) });
    case "decimal":
      return cell.value === null ? "—" : formatNumber(cell.value, locale, { maximumFractionDigits: 1 });
    case "day":
      return calendarFormat("day", locale).format(new Date(`${cell.value}T00:00:00Z`));
    case "month":
      return calendarFormat("month", locale).format(new Date(`${cell.value}-01T00:00:00Z`));
  }
}
