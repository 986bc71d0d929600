import { type LoaderFunctionArgs } from "@remix-run/node";
import { db, reportsDb } from "#db/client.server";
import { invariantResponse, orErrorPage } from "~/lib/http";
import { resolveLocale } from "~/lib/i18n";
import { getFixedT } from "~/lib/i18n.server";
import { coachOwnReport } from "~/modules/analytics/dashboard.server";
import { exportReportTable, readCoachReportQuery } from "~/modules/analytics/exports.server";
import { requireRole } from "~/modules/identity/auth.server";

// A table of the coach's own report as CSV; like the page, scoped to the signed-in coach in every query.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const coach = await requireRole(request, "coach");
  const now = new Date();
  const query = await orErrorPage(readCoachReportQuery(coach.id, new URL(request.url).searchParams, now.toISOString().slice(0, 10)));
  const locale = resolveLocale(request, coach.locale);
  invariantResponse(query.ok, query.ok ? "" : query.issues.map((i) => getFixedT(locale)(i.message)).join("\n"), { status: 400 });
  const page = await coachOwnReport(reportsDb(), coach.id, query.period, now, locale);
  const csv = await orErrorPage(
    exportReportTable(db(), {
      page,
      // The page links "<table>.csv", so a saved file has its type in its name.
      tableId: (params.table ?? "").replace(/\.csv$/, ""),
      period: query.period,
      viewer: { id: coach.id, locale, timeZone: coach.timeZone },
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
