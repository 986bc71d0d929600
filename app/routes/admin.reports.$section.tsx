import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { reportsDb } from "#db/client.server";
import { PeriodPicker, ReportBody, type ReportQueryValues, ReportNav } from "~/components/analytics/report-view";
import { invariantResponse } from "~/lib/http";
import { resolveLocale } from "~/lib/i18n";
import { reportPage } from "~/modules/analytics/dashboard.server";
import { defaultPeriodDays, readReportQuery } from "~/modules/analytics/exports.server";
import { REPORT_SECTIONS, SECTION_FILTERS, type ReportSection } from "~/modules/analytics/report-page";
import { pickerOptions } from "~/modules/analytics/reports.server";
import { requireRole } from "~/modules/identity/auth.server";

export const handle = { i18n: ["reports"] };

export const meta: MetaFunction = () => [{ title: "Reports · QuitPath" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const section = params.section as ReportSection;
  invariantResponse(REPORT_SECTIONS.includes(section), "Not found", { status: 404 });
  const locale = resolveLocale(request, admin.locale);
  const url = new URL(request.url);
  const now = new Date();
  const query = await readReportQuery(reportsDb(), url.searchParams, now.toISOString().slice(0, 10), defaultPeriodDays(section));
  const options = await pickerOptions(reportsDb(), locale);
  const values = Object.fromEntries(["from", "to", "package", "coach", "language"].map((k) => [k, url.searchParams.get(k) ?? ""]));
  if (!query.ok)
    return data({ section, page: null, issues: query.issues, options, values, locale, timeZone: admin.timeZone }, { status: 400 });
  const page = await reportPage(reportsDb(), section, query.period, now, locale);
  return {
    section,
    page,
    issues: [],
    options,
    values: { ...values, from: query.period.from, to: query.period.to },
    locale,
    timeZone: admin.timeZone,
  };
}

export default function ReportSectionPage() {
  const { t } = useTranslation();
  const { section, page, issues, options, values, locale, timeZone } = useLoaderData<typeof loader>();
  const { search } = useLocation();
  return (
    <section>
      <h1 className="text-2xl font-bold">{t("reports:title")}</h1>
      <ReportNav search={search} />
      <h2 className="mt-4 text-xl font-semibold">{t(`reports:sections.${section}`)}</h2>
      <PeriodPicker values={values as never} options={options} issues={issues} applies={SECTION_FILTERS[section]} />
      {page ? (
        <ReportBody
          scope="admin"
          page={page}
          locale={locale}
          timeZone={timeZone}
          csvBase={`/admin/reports/${section}/csv`}
          query={values as ReportQueryValues}
        />
      ) : null}
    </section>
  );
}
