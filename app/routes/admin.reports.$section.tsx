import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { reportsDb } from "#db/client.server";
import { reportBodyHtml } from "~/components/analytics/report-body.server";
import { PeriodPicker, REPORT_BODY_ID, ReportBodyHtml, ReportNav, type ReportQueryValues } from "~/components/analytics/report-view";
import { invariantResponse } from "~/lib/http";
import { resolveLocale } from "~/lib/i18n";
import { serverHtmlFor } from "~/lib/server-html";
import { reportPage } from "~/modules/analytics/dashboard.server";
import { defaultPeriodDays, readReportQuery } from "~/modules/analytics/exports.server";
import { REPORT_SECTIONS, SECTION_FILTERS, type ReportSection } from "~/modules/analytics/report-page";
import { pickerOptions } from "~/modules/analytics/reports.server";
import { requireRole } from "~/modules/identity/auth.server";

export const handle = { i18n: ["reports"] };

export const meta: MetaFunction = () => [{ title: "Reports · QuitPath" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const section = params.section as ReportSection;
  invariantResponse(REPORT_SECTIONS.includes(section), "Not found", { status: 404 });
  const locale = resolveLocale(request, admin.locale);
  const url = new URL(request.url);
  const now = new Date();
  const query = await readReportQuery(reportsDb(), url.searchParams, now.toISOString().slice(0, 10), defaultPeriodDays(section));
  const options = await pickerOptions(reportsDb(), locale);
  const values = Object.fromEntries(["from", "to", "package", "coach", "language"].map((k) => [k, url.searchParams.get(k) ?? ""]));
  if (!query.ok) return data({ section, body: null, issues: query.issues, options, values }, { status: 400 });
  const page = await reportPage(reportsDb(), section, query.period, now, locale);
  const shown = { ...values, from: query.period.from, to: query.period.to };
  const html = reportBodyHtml({
    scope: "admin",
    page,
    locale,
    timeZone: admin.timeZone,
    csvBase: `/admin/reports/${section}/csv`,
    query: shown as ReportQueryValues,
  });
  const body = serverHtmlFor(context, REPORT_BODY_ID, html);
  return { section, body, issues: [], options, values: shown };
}

export default function ReportSectionPage() {
  const { t } = useTranslation();
  const { section, body, issues, options, values } = useLoaderData<typeof loader>();
  const { search } = useLocation();
  return (
    <section>
      <h1 className="text-2xl font-bold">{t("reports:title")}</h1>
      <ReportNav search={search} />
      <h2 className="mt-4 text-xl font-semibold">{t(`reports:sections.${section}`)}</h2>
      <PeriodPicker values={values as never} options={options} issues={issues} applies={SECTION_FILTERS[section]} />
      {issues.length > 0 ? null : <ReportBodyHtml html={body} />}
    </section>
  );
}
