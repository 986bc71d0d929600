import { type LoaderFunctionArgs } from "@remix-run/node";
import { db, reportsDb } from "#db/client.server";
import { invariantResponse, orErrorPage } from "~/lib/http";
import { resolveLocale } from "~/lib/i18n";
import { getFixedT } from "~/lib/i18n.server";
import { reportPage } from "~/modules/analytics/dashboard.server";
import { defaultPeriodDays, exportReportTable, readReportQuery } from "~/modules/analytics/exports.server";
import { REPORT_SECTIONS, type ReportSection } from "~/modules/analytics/report-page";
import { requireRole } from "~/modules/identity/auth.server";

// A table of an admin report as CSV, streamed in the admin's language and time zone; every export is audited.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const section = params.section as ReportSection;
  invariantResponse(REPORT_SECTIONS.includes(section), "Not found", { status: 404 });
  const now = new Date();
  const query = await readReportQuery(
    reportsDb(),
    new URL(request.url).searchParams,
    now.toISOString().slice(0, 10),
    defaultPeriodDays(section),
  );
  const locale = resolveLocale(request, admin.locale);
  invariantResponse(query.ok, query.ok ? "" : query.issues.map((i) => getFixedT(locale)(i.message)).join("\n"), { status: 400 });
  const page = await reportPage(reportsDb(), section, query.period, now, locale);
  const csv = await orErrorPage(
    exportReportTable(db(), {
      page,
      // The page links "<table>.csv", so a saved file has its type in its name.
      tableId: (params.table ?? "").replace(/\.csv$/, ""),
      period: query.period,
      viewer: { id: admin.id, locale, timeZone: admin.timeZone },
    }),
  );
  return new Response(csv.body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${csv.filename}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
