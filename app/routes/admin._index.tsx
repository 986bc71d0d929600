import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { reportsDb } from "#db/client.server";
import { reportBodyHtml } from "~/components/analytics/report-body.server";
import { PeriodPicker, REPORT_BODY_ID, ReportBodyHtml, ReportNav, type ReportQueryValues } from "~/components/analytics/report-view";
import { resolveLocale } from "~/lib/i18n";
import { serverHtmlFor } from "~/lib/server-html";
import { reportPage } from "~/modules/analytics/dashboard.server";
import { readReportQuery } from "~/modules/analytics/exports.server";
import { pickerOptions } from "~/modules/analytics/reports.server";
import { requireRole } from "~/modules/identity/auth.server";

export const handle = { i18n: ["reports"] };

export const meta: MetaFunction = () => [{ title: "Administration · QuitPath" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const locale = resolveLocale(request, admin.locale);
  const url = new URL(request.url);
  const now = new Date();
  const query = await readReportQuery(reportsDb(), url.searchParams, now.toISOString().slice(0, 10));
  const options = await pickerOptions(reportsDb(), locale);
  const values = Object.fromEntries(["from", "to", "package", "coach", "language"].map((k) => [k, url.searchParams.get(k) ?? ""]));
  if (!query.ok) return data({ body: null, issues: query.issues, options, values }, { status: 400 });
  const page = await reportPage(reportsDb(), "growth", query.period, now, locale);
  const shown = { ...values, from: query.period.from, to: query.period.to };
  const html = reportBodyHtml({
    scope: "admin",
    page,
    locale,
    timeZone: admin.timeZone,
    csvBase: "/admin/reports/growth/csv",
    query: shown as ReportQueryValues,
  });
  const body = serverHtmlFor(context, REPORT_BODY_ID, html);
  return { body, issues: [], options, values: shown };
}

export default function AdminDashboard() {
  const { t } = useTranslation();
  const { body, issues, options, values } = useLoaderData<typeof loader>();
  const { search } = useLocation();
  return (
    <section>
      <h1 className="text-2xl font-bold">{t("reports:title")}</h1>
      <ReportNav search={search} />
      <h2 className="mt-4 text-xl font-semibold">{t("reports:sections.growth")}</h2>
      <PeriodPicker values={values as never} options={options} issues={issues} />
      {issues.length > 0 ? null : <ReportBodyHtml html={body} />}
    </section>
  );
}
