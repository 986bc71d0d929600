import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { reportsDb } from "#db/client.server";
import { PeriodPicker, ReportBody, type ReportQueryValues } from "~/components/analytics/report-view";
import { orErrorPage } from "~/lib/http";
import { resolveLocale } from "~/lib/i18n";
import { coachOwnReport } from "~/modules/analytics/dashboard.server";
import { readCoachReportQuery } from "~/modules/analytics/exports.server";
import { requireRole } from "~/modules/identity/auth.server";

export const handle = { i18n: ["reports"] };

export const meta: MetaFunction = () => [{ title: "My reports · QuitPath" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const coach = await requireRole(request, "coach");
  const locale = resolveLocale(request, coach.locale);
  const url = new URL(request.url);
  const now = new Date();
  const query = await orErrorPage(readCoachReportQuery(coach.id, url.searchParams, now.toISOString().slice(0, 10)));
  const values = { from: url.searchParams.get("from") ?? "", to: url.searchParams.get("to") ?? "", package: "", coach: "", language: "" };
  if (!query.ok) return data({ page: null, issues: query.issues, values, locale, timeZone: coach.timeZone }, { status: 400 });
  const page = await coachOwnReport(reportsDb(), coach.id, query.period, now, locale);
  return {
    coachId: coach.id,
    page,
    issues: [],
    values: { ...values, from: query.period.from, to: query.period.to },
    locale,
    timeZone: coach.timeZone,
  };
}

export default function CoachReports() {
  const { t } = useTranslation();
  const loaded = useLoaderData<typeof loader>();
  const { page, issues, values, locale, timeZone } = loaded;
  const coachId = "coachId" in loaded ? loaded.coachId : "";
  return (
    <section>
      <h1 className="text-2xl font-bold">{t("reports:coachTitle")}</h1>
      <p className="mt-1 text-sm text-slate-700">{t("reports:coachIntro")}</p>
      <PeriodPicker values={values} options={null} issues={issues} />
      {page ? (
        <ReportBody
          scope={coachId}
          page={page}
          locale={locale}
          timeZone={timeZone}
          csvBase="/coach/reports/csv"
          query={values as ReportQueryValues}
        />
      ) : null}
    </section>
  );
}
