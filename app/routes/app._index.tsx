import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useActionData, useFetcher } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { RememberedCharts, RememberedStageAndHealth, RememberedStreakFigures } from "~/components/journey/dashboard-figures";
import { allErrors } from "~/components/journey/inputs";
import { SmokeFreeTimer } from "~/components/journey/smoke-free-timer";
import { formatLocalDate } from "~/components/journey/plan-text";
import { StatusButton } from "~/components/ui/button";
import { ErrorList } from "~/components/ui/field";
import { SuccessMessage } from "~/components/ui/form-status";
import { resolveLocale } from "~/lib/i18n";
import { intent, typedAction } from "~/lib/typed-action";
import { db } from "#db/client.server";
import { cachedDashboardAggregates, cachedJourneyState } from "~/modules/journey/journey-cache.server";
import { localDate } from "~/lib/local-date";
import { dashboardView } from "~/modules/journey/dashboard";
import { chartPeriod, chartPeriods, followUpSchema } from "~/modules/journey/forms";
import { answerFollowUp } from "~/modules/journey/follow-ups.server";
import { onboardingRedirect } from "~/modules/journey/state.server";
import { requireUser } from "~/modules/identity/auth.server";

export const meta: MetaFunction = () => [{ title: "Your journey · QuitPath" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const state = await cachedJourneyState(db(), user);
  const to = onboardingRedirect(state);
  // A member not yet set up is greeted here and led into onboarding; a relapsed one goes to the new-attempt flow.
  if (to === "/app/onboarding") return { kind: "setup" as const, displayName: user.displayName, consentWithdrawn: state.consentWithdrawn };
  if (to) throw redirect(to);
  const attempt = state.attempt!;
  const now = new Date();
  const today = localDate(now, user.timeZone);
  const url = new URL(request.url);
  const period = chartPeriod(url.searchParams.get("days"));
  const aggregates = await cachedDashboardAggregates(db(), user, {
    quitDate: attempt.quitDate,
    baselinePerDay: attempt.baselinePerDay,
    packPriceMinor: attempt.packPriceMinor,
    cigarettesPerPack: attempt.cigarettesPerPack,
    today,
    timeZone: user.timeZone,
    period,
  });
  const locale = resolveLocale(request, user.locale);
  return {
    kind: "dashboard" as const,
    locale,
    displayName: user.displayName,
    now: now.toISOString(),
    today,
    period,
    checkedIn: url.searchParams.get("checkedIn") === "1",
    ...dashboardView({ now, today, locale, attempt, plan: state.plan!, aggregates, answeredFollowUps: state.answeredFollowUps }),
  };
}

export async function action(args: LoaderFunctionArgs) {
  const user = await requireUser(args.request);
  const today = localDate(new Date(), user.timeZone);
  return typedAction({
    "answer-follow-up": intent(followUpSchema, async (input) => {
      await answerFollowUp(db(), user.id, today, input);
      return { messageKey: "journey:followUps.thanks" };
    }),
  })(args);
}

export default function MemberHome() {
  const data = useLoaderData<typeof loader>();
  return data.kind === "setup" ? (
    <Welcome displayName={data.displayName} consentWithdrawn={data.consentWithdrawn} />
  ) : (
    <Dashboard data={data} />
  );
}

function Welcome({ displayName, consentWithdrawn }: { displayName: string; consentWithdrawn: boolean }) {
  const { t } = useTranslation("journey");
  return (
    <section className="mx-auto max-w-2xl space-y-4 rounded-xl border border-emerald-200 bg-white p-8">
      <h1 className="text-2xl font-bold">{t("common:member.welcome", { name: displayName })}</h1>
      <p className="text-slate-800">{consentWithdrawn ? t("consent.withdrawnNotice") : t("welcome.intro")}</p>
      <Link to="/app/onboarding" className="inline-block rounded-md bg-emerald-700 px-4 py-2 font-semibold text-white hover:bg-emerald-800">
        {t("welcome.start")}
      </Link>
    </section>
  );
}

type DashboardData = Extract<ReturnType<typeof useLoaderData<typeof loader>>, { kind: "dashboard" }>;

function Dashboard({ data }: { data: DashboardData }) {
  const { t } = useTranslation("journey");
  const actionData = useActionData<typeof action>();
  const checkIn = useFetcher<{ ok: boolean }>();
  const checkedInNow =
    data.todayTotals.checkedIn || data.checkedIn || (checkIn.state !== "idle" && checkIn.formData?.get("intent") === "check-in");
  const formErrors = actionData && !actionData.ok ? allErrors(actionData.submission.error) : null;

  return (
    <div className="space-y-8">
      <header className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-bold">{t("dashboard.title", { name: data.displayName })}</h1>
          <p className="text-slate-700">
            {t("dashboard.attempt", { number: data.attempt.attemptNumber, date: formatLocalDate(data.attempt.quitDate, data.locale) })}
          </p>
        </div>
        <nav aria-label={t("dashboard.journeyNav")} className="flex flex-wrap gap-3 text-sm font-semibold">
          <Link className="text-emerald-800 underline" to="/app/log">
            {t("nav.log")}
          </Link>
          <Link className="text-emerald-800 underline" to="/app/plan">
            {t("nav.plan")}
          </Link>
          <Link className="text-emerald-800 underline" to="/app/history">
            {t("nav.history")}
          </Link>
        </nav>
      </header>

      <SuccessMessage messageKey={data.checkedIn ? "journey:checkIn.done" : actionData?.ok ? actionData.result.messageKey : null} />
      <ErrorList errors={formErrors} />

      <section aria-labelledby="today-heading" className="rounded-xl border border-emerald-200 bg-white p-6">
        <h2 id="today-heading" className="text-lg font-semibold">
          {t("dashboard.today")}
        </h2>
        <div className="mt-3 flex flex-wrap items-center gap-4">
          {checkedInNow ? (
            <p className="font-semibold text-emerald-900" role="status">
              {t("checkIn.done")}
            </p>
          ) : data.todayTotals.cigarettes > 0 ? (
            <p className="text-slate-800">{t("dashboard.smokedToday", { count: data.todayTotals.cigarettes })}</p>
          ) : (
            <checkIn.Form method="post" action="/app/check-in">
              <StatusButton name="intent" value="check-in" pending={checkIn.state !== "idle"}>
                {t("checkIn.noneToday")}
              </StatusButton>
            </checkIn.Form>
          )}
          <Link to="/app/log" className="font-semibold text-emerald-800 underline">
            {t("dashboard.logSomething")}
          </Link>
        </div>
        {data.todayTarget !== null ? (
          <p className="mt-2 text-slate-800">{t("dashboard.todayTarget", { count: data.todayTarget })}</p>
        ) : null}
      </section>

      <section aria-labelledby="smoke-free-heading" className="grid gap-4 md:grid-cols-3">
        <div className="rounded-xl border border-slate-200 bg-white p-6 md:col-span-3">
          <h2 id="smoke-free-heading" className="text-sm font-semibold text-slate-700">
            {t("dashboard.smokeFree")}
          </h2>
          {data.beforeQuitDate || !data.smokeFreeSince ? (
            <p className="text-xl font-semibold">
              {t("dashboard.quitDateAhead", { date: formatLocalDate(data.attempt.quitDate, data.locale) })}
            </p>
          ) : (
            <SmokeFreeTimer since={data.smokeFreeSince} now={data.now} />
          )}
        </div>
        <RememberedStreakFigures figures={data.streakFigures} />
      </section>

      {data.dueFollowUps.map((key) => (
        <section key={key} aria-labelledby={`fu-${key}`} className="rounded-xl border border-sky-300 bg-sky-50 p-6">
          <h2 id={`fu-${key}`} className="text-lg font-semibold">
            {t(`followUps.${key}`)}
          </h2>
          <Form method="post" className="mt-3 space-y-3">
            <input type="hidden" name="followUp" value={key} />
            <YesNo name="smokedSinceDay14" legend={t("followUps.smokedSinceDay14")} />
            <YesNo name="smokedPast7Days" legend={t("followUps.smokedPast7Days")} />
            <label className="block text-sm font-medium">
              {t("followUps.cigarettesSinceGrace")}
              <input
                name="cigarettesSinceDay14"
                type="number"
                min={0}
                max={100000}
                required
                defaultValue={0}
                className="mt-1 block w-40 rounded-md border border-slate-400 px-3 py-2"
              />
            </label>
            <StatusButton name="intent" value="answer-follow-up">
              {t("followUps.submit")}
            </StatusButton>
          </Form>
        </section>
      ))}

      <RememberedStageAndHealth figures={data.stageAndHealth} />

      <section aria-labelledby="charts-heading" className="rounded-xl border border-slate-200 bg-white p-6">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id="charts-heading" className="text-lg font-semibold">
            {t("dashboard.charts.title")}
          </h2>
          <nav aria-label={t("dashboard.charts.period")} className="flex gap-2">
            {chartPeriods.map((p) => (
              <Link
                key={p}
                to={`?days=${p}`}
                preventScrollReset
                aria-current={p === data.period ? "page" : undefined}
                className={`rounded-md px-3 py-1 text-sm ${p === data.period ? "bg-emerald-700 font-semibold text-white" : "border border-slate-400 text-slate-800"}`}
              >
                {t("dashboard.charts.days", { count: p })}
              </Link>
            ))}
          </nav>
        </div>
        <RememberedCharts figures={data.charts} />
      </section>

      <section aria-labelledby="again-heading" className="rounded-xl border border-slate-200 bg-white p-6">
        <h2 id="again-heading" className="text-lg font-semibold">
          {t("relapse.title")}
        </h2>
        <p className="text-slate-800">{t("relapse.intro")}</p>
        <Form method="post" action="/app/new-attempt" className="mt-3">
          <StatusButton name="intent" value="smoking-again" variant="secondary">
            {t("relapse.smokingAgain")}
          </StatusButton>
        </Form>
      </section>
    </div>
  );
}

function YesNo({ name, legend }: { name: string; legend: string }) {
  const { t } = useTranslation("journey");
  return (
    <fieldset>
      <legend className="text-sm font-medium">{legend}</legend>
      <label className="mr-4">
        <input type="radio" name={name} value="yes" required /> {t("questions.yes")}
      </label>
      <label>
        <input type="radio" name={name} value="no" /> {t("questions.no")}
      </label>
    </fieldset>
  );
}
