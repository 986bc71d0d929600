import type { Database } from "#db/client.server";
import { DomainError } from "~/lib/domain-error";
import { audit } from "~/modules/audit/audit.server";
import { formatDateTime } from "~/lib/format";
import type { AppLocale } from "~/lib/i18n";
import { getFixedT } from "~/lib/i18n.server";
import type { LocalDate } from "~/lib/local-date";
import { csvStream } from "./csv";
import { parseReportQuery, type PeriodIssue, type ReportPeriod } from "./period";
import { formatCell, type ReportPage } from "./report-page";
import { checkFilterIds } from "./reports.server";

/** Quit success needs follow-up windows that have passed: its page opens on the last year, the others on the last 30 days. */
export const defaultPeriodDays = (section: string) => (section === "success" ? 365 : 30);

/** The picker's query, with the package and coach checked against the database: every problem is an issue for a 400. */
export async function readReportQuery(
  db: Database,
  search: URLSearchParams,
  today: LocalDate,
  defaultDays = 30,
): Promise<{ ok: true; period: ReportPeriod } | { ok: false; issues: PeriodIssue[] }> {
  const parsed = parseReportQuery(search, today, defaultDays);
  if (!parsed.ok) return parsed;
  try {
    await checkFilterIds(db, parsed.period);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return { ok: false, issues: [{ field: error.options.field ?? "period", message: error.message }] };
  }
  return parsed;
}

/** The coach's own report takes only the period (and, at most, their own id as the coach filter: another coach's is a 404). */
export async function readCoachReportQuery(
  coachId: string,
  search: URLSearchParams,
  today: LocalDate,
): Promise<{ ok: true; period: ReportPeriod } | { ok: false; issues: PeriodIssue[] }> {
  const parsed = parseReportQuery(search, today);
  if (parsed.ok && parsed.period.coachId !== null && parsed.period.coachId !== coachId) {
    throw new DomainError("not-found", "reports:errors.coachUnknown");
  }
  return parsed;
}

/**
 * One table of a report page as a CSV stream in the viewer's language and time zone, written to the
 * admin audit log first (who exported which figures for which period). A table the page lacks: 404.
 */
export async function exportReportTable(
  db: Database,
  a: { page: ReportPage; tableId: string; period: ReportPeriod; viewer: { id: string; locale: AppLocale; timeZone: string } },
): Promise<{ filename: string; body: ReadableStream<Uint8Array> }> {
  const table = a.page.tables.find((t) => t.id === a.tableId);
  if (!table) throw new DomainError("not-found", "reports:errors.tableUnknown");
  const t = getFixedT(a.viewer.locale);
  await audit(db, {
    adminId: a.viewer.id,
    action: "report.export",
    targetType: "report",
    targetId: `${a.page.section}/${table.id}`,
    details: {
      from: a.period.from,
      to: a.period.to,
      package: a.period.packageId ?? null,
      coach: a.period.coachId ?? null,
      language: a.period.language ?? null,
      rows: table.rows.length,
    },
  });
  const header = table.columns.map((c) => t(c));
  const rows = (function* () {
    for (const row of table.rows) yield row.map((cell) => formatCell(cell, t, a.viewer.locale, { csv: true }));
    yield [];
    yield [
      t("reports:computedAtCsv"),
      a.page.computedAt ? formatDateTime(new Date(a.page.computedAt), a.viewer.locale, a.viewer.timeZone) : t("reports:notComputed"),
      a.viewer.timeZone,
    ];
  })();
  return { filename: `quitpath-${a.page.section}-${table.id}-${a.period.from}-${a.period.to}.csv`, body: csvStream(header, rows) };
}
