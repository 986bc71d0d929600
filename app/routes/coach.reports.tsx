import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { reportsDb } from "#db/client.server";
import { reportBodyHtml } from "~/components/analytics/report-body.server";
import { PeriodPicker, REPORT_BODY_ID, ReportBodyHtml } from "~/components/analytics/report-view";
import { orErrorPage } from "~/lib/http";
import { resolveLocale } from "~/lib/i18n";
import { serverHtmlFor } from "~/lib/server-html";
import { coachOwnReport } from "~/modules/analytics/dashboard.server";
import { readCoachReportQuery } from "~/modules/analytics/exports.server";
import { requireRole } from "~/modules/identity/auth.server";

export const handle = { i18n: ["reports"] };

export const meta: MetaFunction = () => [{ title: "My reports · QuitPath" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const coach = await requireRole(request, "coach");
  const locale = resolveLocale(request, coach.locale);
  const url = new URL(request.url);
  const now = new Date();
  const query = await orErrorPage(readCoachReportQuery(coach.id, url.searchParams, now.toISOString().slice(0, 10)));
  const values = { from: url.searchParams.get("from") ?? "", to: url.searchParams.get("to") ?? "", package: "", coach: "", language: "" };
  if (!query.ok) return data({ body: null, issues: query.issues, values }, { status: 400 });
  const page = await coachOwnReport(reportsDb(), coach.id, query.period, now, locale);
  const shown = { ...values, from: query.period.from, to: query.period.to };
  const html = reportBodyHtml({ scope: coach.id, page, locale, timeZone: coach.timeZone, csvBase: "/coach/reports/csv", query: shown });
  const body = serverHtmlFor(context, REPORT_BODY_ID, html);
  return { body, issues: [], values: shown };
}

export default function CoachReports() {
  const { t } = useTranslation();
  const { body, issues, values } = useLoaderData<typeof loader>();
  return (
    <section>
      <h1 className="text-2xl font-bold">{t("reports:coachTitle")}</h1>
      <p className="mt-1 text-sm text-slate-700">{t("reports:coachIntro")}</p>
      <PeriodPicker values={values} options={null} issues={issues} />
      {issues.length > 0 ? null : <ReportBodyHtml html={body} />}
    </section>
  );
}
