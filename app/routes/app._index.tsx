import { getFormProps } from "@conform-to/react";
import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useActionData, useFetcher } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { RememberedCharts, RememberedStageAndHealth, RememberedStreakFigures } from "~/components/journey/dashboard-figures";
import { ContentCard } from "~/components/content/content-parts";
import { SmokeFreeTimer } from "~/components/journey/smoke-free-timer";
import { formatLocalDate } from "~/components/journey/plan-text";
import { ChoiceField, Field, FormErrors } from "~/components/ui/field";
import { ButtonForm, IntentButton, useIntentForm } from "~/components/ui/form";
import { SuccessMessage } from "~/components/ui/form-status";
import { resolveLocale } from "~/lib/i18n";
import { intent, typedAction } from "~/lib/typed-action";
import { db } from "#db/client.server";
import { cachedDashboardAggregates, cachedJourneyState } from "~/modules/journey/journey-cache.server";
import { daysBetween, localDate } from "~/lib/local-date";
import { suggestionsForMember } from "~/modules/content/content.server";
import { contentCard } from "~/modules/content/views";
import { dashboardView } from "~/modules/journey/dashboard";
import { chartPeriod, chartPeriods, followUpSchema } from "~/modules/journey/forms";
import { answerFollowUp } from "~/modules/journey/follow-ups.server";
import { onboardingRedirect } from "~/modules/journey/state.server";
import { requireMemberDay, requireUser } from "~/modules/identity/auth.server";
import { type action as checkInAction } from "./app.check-in";

export const handle = { i18n: ["content", "journey"] };

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
  const reading = await suggestionsForMember(db(), locale, {
    userId: user.id,
    journeyVersion: user.journeyVersion,
    triggers: state.profile?.triggers ?? [],
    daysSinceQuit: daysBetween(attempt.quitDate, today),
  });
  return {
    kind: "dashboard" as const,
    reading: reading.map((r) => contentCard(r, locale)),
    locale,
    displayName: user.displayName,
    now: now.toISOString(),
    today,
    period,
    checkedIn: url.searchParams.get("checkedIn") === "1",
    ...dashboardView({ now, today, locale, attempt, plan: state.plan!, aggregates, answeredFollowUps: state.answeredFollowUps }),
  };
}

export const action = typedAction({
  guard: ({ request }) => requireMemberDay(request),
  intents: ({ user, today }) => ({
    "answer-follow-up": intent(followUpSchema, async (input) => {
      await answerFollowUp(db(), user.id, today, input);
      return { messageKey: "journey:followUps.thanks" };
    }),
  }),
});

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

function SuggestedReading({ cards }: { cards: DashboardData["reading"] }) {
  const { t } = useTranslation("content");
  return (
    <section aria-labelledby="reading-heading" className="space-y-3" data-suggested-reading="">
      <h2 id="reading-heading" className="text-xl font-bold">
        {t("suggestions.title")}
      </h2>
      <p className="text-slate-700">{t("suggestions.intro")}</p>
      <ul className="grid gap-4 md:grid-cols-3">
        {cards.map((card) => (
          <ContentCard key={card.path} card={card} />
        ))}
      </ul>
    </section>
  );
}

type DashboardData = Extract<ReturnType<typeof useLoaderData<typeof loader>>, { kind: "dashboard" }>;

function Dashboard({ data }: { data: DashboardData }) {
  const { t } = useTranslation("journey");
  const actionData = useActionData<typeof action>();
  const checkIn = useFetcher<typeof checkInAction>();
  const checkedInNow =
    data.todayTotals.checkedIn || data.checkedIn || (checkIn.state !== "idle" && checkIn.formData?.get("intent") === "check-in");

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
            <ButtonForm answer={checkIn.data} intent="check-in" action="/app/check-in" fetcher={checkIn}>
              {t("checkIn.noneToday")}
            </ButtonForm>
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
        <FollowUpForm key={key} followUp={key} />
      ))}

      <RememberedStageAndHealth figures={data.stageAndHealth} />

      {data.reading.length > 0 ? <SuggestedReading cards={data.reading} /> : null}

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
        <ButtonForm answer={undefined} intent="smoking-again" action="/app/new-attempt" variant="secondary" formClassName="mt-3">
          {t("relapse.smokingAgain")}
        </ButtonForm>
      </section>
    </div>
  );
}

function FollowUpForm({ followUp }: { followUp: string }) {
  const { t } = useTranslation("journey");
  const [form, fields] = useIntentForm({
    answer: useActionData<typeof action>(),
    intent: "answer-follow-up",
    schema: followUpSchema,
    id: `follow-up-${followUp}`,
    match: { followUp },
    defaultValue: { cigarettesSinceDay14: 0 },
  });
  const yesNo = [
    { value: "yes", label: t("questions.yes") },
    { value: "no", label: t("questions.no") },
  ];
  return (
    <section aria-labelledby={`fu-${followUp}`} className="rounded-xl border border-sky-300 bg-sky-50 p-6">
      <h2 id={`fu-${followUp}`} className="text-lg font-semibold">
        {t(`followUps.${followUp}`)}
      </h2>
      <Form method="post" {...getFormProps(form)} className="mt-3 space-y-3">
        <input type="hidden" name="followUp" value={followUp} />
        <ChoiceField field={fields.smokedSinceDay14} type="radio" legend={t("followUps.smokedSinceDay14")} options={yesNo} />
        <ChoiceField field={fields.smokedPast7Days} type="radio" legend={t("followUps.smokedPast7Days")} options={yesNo} />
        <Field field={fields.cigarettesSinceDay14} type="number" label={t("followUps.cigarettesSinceGrace")} className="max-w-40" />
        <FormErrors id={form.errorId} errors={[...(form.errors ?? []), ...(fields.followUp.errors ?? [])]} />
        <IntentButton intent="answer-follow-up" values={{ followUp }}>
          {t("followUps.submit")}
        </IntentButton>
      </Form>
    </section>
  );
}
