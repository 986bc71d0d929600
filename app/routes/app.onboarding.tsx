import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formValues, HiddenValues, RadioGroup, SelectInput, TextInput, type FieldErrors } from "~/components/journey/inputs";
import { PlanView } from "~/components/journey/plan-view";
import { StatusButton } from "~/components/ui/button";
import { ErrorList } from "~/components/ui/field";
import { useIsSubmitting } from "~/components/ui/form-status";
import { formatMoney, formatNumber } from "~/lib/format";
import { resolveLocale } from "~/lib/i18n";
import { intent, typedAction } from "~/lib/typed-action";
import { db } from "#db/client.server";
import { cachedJourneyState } from "~/modules/journey/journey-cache.server";
import { ASSESSMENT_SOURCES } from "~/modules/journey/assessment";
import { localDate } from "~/lib/local-date";
import { acceptPlanSchema, onboardingStepSchemas, type OnboardingStep } from "~/modules/journey/forms";
import { grantConsent } from "~/modules/journey/consent.server";
import { startAttempt } from "~/modules/journey/plan.server";
import { saveProfile } from "~/modules/journey/profile.server";
import { adjustPlan, proposedPlanFor } from "~/modules/journey/proposal";
import { journeyState } from "~/modules/journey/state.server";
import { consentSchema, CONSENT_PURPOSE_VERSION, FIRST_CIGARETTE_ANSWERS, profileResults } from "~/modules/journey/profile";
import { TRIGGERS } from "~/modules/journey/triggers";
import { formatMoneyInput } from "~/lib/money-input";
import { CURRENCIES } from "~/lib/currencies";
import { requireUser } from "~/modules/identity/auth.server";

export const meta: MetaFunction = () => [{ title: "Getting started · QuitPath" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const locale = resolveLocale(request, user.locale);
  const state = await cachedJourneyState(db(), user);
  const editing = new URL(request.url).searchParams.get("edit") === "1";
  const today = localDate(new Date(), user.timeZone);
  if (state.consented && state.profile && !editing) {
    if (state.attempt) throw redirect("/app");
    if (state.endedAttempt) throw redirect("/app/new-attempt");
  }
  const profile = state.profile;
  const step: "consent" | "profile" | "results" = !state.consented ? "consent" : !profile || editing ? "profile" : "results";
  const saved: Record<string, string | string[]> | null = profile
    ? {
        cigarettesPerDay: String(profile.cigarettesPerDay),
        yearsSmoked: String(profile.yearsSmoked),
        cigarettesPerPack: String(profile.cigarettesPerPack),
        packPrice: formatMoneyInput(profile.packPriceMinor, profile.currency, locale),
        currency: profile.currency,
        brand: profile.brand ?? "",
        triggers: profile.triggers,
        customTriggers: profile.customTriggers,
        reasons: profile.reasons,
        ...Object.fromEntries(
          Object.entries(profile.ftndAnswers).map(([k, v]) => [k, typeof v === "boolean" ? (v ? "yes" : "no") : String(v)]),
        ),
      }
    : null;
  return {
    step,
    locale,
    consentWithdrawn: state.consentWithdrawn,
    defaultCurrency: user.currency,
    saved,
    today,
    results: step === "results" && profile ? { ...profileResults(profile), currency: profile.currency } : null,
    plan: step === "results" && profile ? proposedPlanFor(profile, today) : null,
  };
}

export async function action(args: ActionFunctionArgs) {
  const user = await requireUser(args.request);
  const locale = resolveLocale(args.request, user.locale);
  const today = localDate(new Date(), user.timeZone);
  const steps = onboardingStepSchemas(locale);
  return typedAction({
    consent: intent(consentSchema, async () => {
      await grantConsent(db(), user.id);
      return redirect("/app/onboarding");
    }),
    "profile-habits": intent(steps.habits, (_input, { formData }) => ({
      next: "triggers" as OnboardingStep,
      values: formValues(formData),
    })),
    "profile-triggers": intent(steps.triggers, (_input, { formData }) => ({
      next: "dependence" as OnboardingStep,
      values: formValues(formData),
    })),
    "save-profile": intent(steps.dependence, async (input) => {
      await saveProfile(db(), user.id, input);
      return redirect("/app/onboarding");
    }),
    "accept-plan": intent(acceptPlanSchema(today), async (input) => {
      const state = await journeyState(db(), user.id);
      if (!state.profile) return redirect("/app/onboarding");
      const proposed = proposedPlanFor(state.profile, today);
      const plan = adjustPlan(proposed, { ...input, today, cigarettesPerDay: state.profile.cigarettesPerDay });
      await startAttempt(db(), user.id, { plan, changeNote: "accepted" });
      return redirect("/app");
    }),
  })(args);
}

export default function Onboarding() {
  const { t } = useTranslation("journey");
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <h1 className="text-2xl font-bold">{t("onboarding.title")}</h1>
      <ol className="flex flex-wrap gap-2 text-sm" aria-label={t("onboarding.progress")}>
        {(["consent", "profile", "results"] as const).map((s) => (
          <li
            key={s}
            aria-current={s === data.step ? "step" : undefined}
            className={`rounded-full px-3 py-1 ${s === data.step ? "bg-emerald-700 text-white" : "bg-slate-200 text-slate-800"}`}
          >
            {t(`onboarding.steps.${s}`)}
          </li>
        ))}
      </ol>
      {data.step === "consent" ? (
        <ConsentStep withdrawn={data.consentWithdrawn} errors={actionData && !actionData.ok ? actionData.submission.error : undefined} />
      ) : null}
      {data.step === "profile" ? <ProfileSteps /> : null}
      {data.step === "results" ? <ResultsStep /> : null}
    </div>
  );
}

function ConsentStep({ withdrawn, errors }: { withdrawn: boolean; errors?: FieldErrors | null }) {
  const { t } = useTranslation("journey");
  const pending = useIsSubmitting("consent");
  return (
    <section aria-labelledby="consent-heading" className="rounded-xl border border-slate-200 bg-white p-6">
      <h2 id="consent-heading" className="text-lg font-semibold">
        {t("consent.title")}
      </h2>
      {withdrawn ? <p className="mt-2 rounded-md bg-amber-50 p-3 text-slate-800">{t("consent.withdrawnNotice")}</p> : null}
      <p className="mt-2 text-slate-800">{t("consent.purpose")}</p>
      <ul className="mt-2 list-disc pl-6 text-slate-800">
        <li>{t("consent.what")}</li>
        <li>{t("consent.who")}</li>
        <li>{t("consent.withdraw")}</li>
      </ul>
      <Form method="post" className="mt-4 space-y-3">
        <input type="hidden" name="purposeVersion" value={CONSENT_PURPOSE_VERSION} />
        <label className="flex items-start gap-2">
          <input type="checkbox" name="agree" className="mt-1" />
          <span>{t("consent.agree", { version: CONSENT_PURPOSE_VERSION })}</span>
        </label>
        <ErrorList errors={[...(errors?.agree ?? []), ...(errors?.purposeVersion ?? []), ...(errors?.[""] ?? [])]} />
        <StatusButton name="intent" value="consent" pending={pending}>
          {t("consent.submit")}
        </StatusButton>
      </Form>
    </section>
  );
}

function ProfileSteps() {
  const { t } = useTranslation("journey");
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failed = actionData && !actionData.ok ? actionData : null;
  const moved = actionData?.ok && "next" in actionData.result ? actionData.result : null;
  // Which step to show: the one just passed leads to the next; a failed step shows itself again.
  const step: OnboardingStep = moved
    ? moved.next
    : failed?.intent === "profile-triggers"
      ? "triggers"
      : failed?.intent === "save-profile"
        ? "dependence"
        : "habits";
  const values: Record<string, string | string[]> = moved?.values ??
    (failed?.submission.initialValue as Record<string, string | string[]> | undefined) ??
    data.saved ?? { currency: data.defaultCurrency, cigarettesPerPack: "20" };
  const errors = failed?.submission.error ?? undefined;
  const v = (name: string) => (typeof values[name] === "string" ? (values[name] as string) : undefined);
  const list = (name: string) =>
    Array.isArray(values[name]) ? (values[name] as string[]) : typeof values[name] === "string" ? [values[name] as string] : [];
  const yesNo = [
    { value: "yes", label: t("questions.yes") },
    { value: "no", label: t("questions.no") },
  ];
  const habitsFields = ["cigarettesPerDay", "yearsSmoked", "cigarettesPerPack", "packPrice", "currency", "brand"];
  const triggerFields = ["triggers", "customTriggers", "reasons"];
  const reasons = list("reasons");
  const customTriggers = list("customTriggers");
  return (
    <section aria-labelledby="profile-heading" className="rounded-xl border border-slate-200 bg-white p-6">
      <h2 id="profile-heading" className="text-lg font-semibold">
        {t(`onboarding.profileSteps.${step}`)}{" "}
        <span className="text-sm font-normal text-slate-700">
          {t("onboarding.stepOf", { step: ["habits", "triggers", "dependence"].indexOf(step) + 1, total: 3 })}
        </span>
      </h2>
      <Form method="post" className="mt-4 space-y-4" key={step}>
        <ErrorList errors={errors?.[""]} />
        {step === "habits" ? (
          <div className="grid gap-4 sm:grid-cols-2">
            <TextInput
              name="cigarettesPerDay"
              label={t("questions.cigarettesPerDay")}
              type="number"
              inputMode="numeric"
              min={1}
              max={200}
              required
              defaultValue={v("cigarettesPerDay")}
              errors={errors}
            />
            <TextInput
              name="yearsSmoked"
              label={t("profile.yearsSmoked")}
              type="number"
              inputMode="decimal"
              step="0.5"
              min={0}
              max={90}
              required
              defaultValue={v("yearsSmoked")}
              errors={errors}
            />
            <TextInput
              name="cigarettesPerPack"
              label={t("profile.cigarettesPerPack")}
              type="number"
              inputMode="numeric"
              min={1}
              max={100}
              defaultValue={v("cigarettesPerPack")}
              errors={errors}
            />
            <TextInput
              name="packPrice"
              label={t("profile.packPrice")}
              hint={t("profile.packPriceHint")}
              inputMode="decimal"
              required
              defaultValue={v("packPrice")}
              errors={errors}
            />
            <SelectInput
              name="currency"
              label={t("profile.currency")}
              options={CURRENCIES.map((c) => ({ value: c, label: c }))}
              defaultValue={v("currency") ?? data.defaultCurrency}
              errors={errors}
            />
            <TextInput name="brand" label={t("profile.brand")} maxLength={80} defaultValue={v("brand")} errors={errors} />
          </div>
        ) : (
          <HiddenValues values={Object.fromEntries(Object.entries(values).filter(([k]) => habitsFields.includes(k)))} />
        )}
        {step === "triggers" ? (
          <>
            <fieldset>
              <legend className="text-sm font-medium">{t("profile.triggers")}</legend>
              <div className="mt-2 grid gap-2 sm:grid-cols-2">
                {TRIGGERS.map((trigger) => (
                  <label key={trigger} className="inline-flex items-center gap-2">
                    <input type="checkbox" name="triggers" value={trigger} defaultChecked={list("triggers").includes(trigger)} />{" "}
                    {t(`triggers.${trigger}`)}
                  </label>
                ))}
              </div>
              <ErrorList errors={errors?.triggers} />
            </fieldset>
            <div className="grid gap-2 sm:grid-cols-2">
              {[0, 1].map((i) => (
                <TextInput
                  key={i}
                  formId={`ct${i}`}
                  name="customTriggers"
                  label={t("profile.customTrigger", { n: i + 1 })}
                  maxLength={60}
                  defaultValue={customTriggers[i]}
                  errors={i === 0 ? errors : undefined}
                />
              ))}
            </div>
            <div className="space-y-2">
              <p className="text-sm font-medium">{t("profile.reasons")}</p>
              {[0, 1, 2].map((i) => (
                <TextInput
                  key={i}
                  formId={`r${i}`}
                  name="reasons"
                  label={t("profile.reason", { n: i + 1 })}
                  maxLength={200}
                  required={i === 0}
                  defaultValue={reasons[i]}
                  errors={i === 0 ? errors : undefined}
                />
              ))}
            </div>
          </>
        ) : step === "dependence" ? (
          <HiddenValues values={Object.fromEntries(Object.entries(values).filter(([k]) => triggerFields.includes(k)))} />
        ) : null}
        {step === "dependence" ? (
          <div className="space-y-4">
            <RadioGroup
              name="minutesToFirstCigarette"
              legend={t("questions.minutesToFirstCigarette.label")}
              options={Object.keys(FIRST_CIGARETTE_ANSWERS).map((k) => ({ value: k, label: t(`questions.minutesToFirstCigarette.${k}`) }))}
              defaultValue={v("minutesToFirstCigarette")}
              errors={errors}
            />
            <RadioGroup
              name="difficultToRefrain"
              legend={t("questions.difficultToRefrain")}
              options={yesNo}
              defaultValue={v("difficultToRefrain")}
              errors={errors}
            />
            <RadioGroup
              name="hatesToGiveUp"
              legend={t("questions.hatesToGiveUp.label")}
              options={[
                { value: "first-morning", label: t("questions.hatesToGiveUp.first-morning") },
                { value: "other", label: t("questions.hatesToGiveUp.other") },
              ]}
              defaultValue={v("hatesToGiveUp")}
              errors={errors}
            />
            <RadioGroup
              name="smokesMoreInMorning"
              legend={t("questions.smokesMoreInMorning")}
              options={yesNo}
              defaultValue={v("smokesMoreInMorning")}
              errors={errors}
            />
            <RadioGroup
              name="smokesWhenIll"
              legend={t("questions.smokesWhenIll")}
              options={yesNo}
              defaultValue={v("smokesWhenIll")}
              errors={errors}
            />
          </div>
        ) : null}
        <StatusButton
          name="intent"
          value={step === "habits" ? "profile-habits" : step === "triggers" ? "profile-triggers" : "save-profile"}
        >
          {step === "dependence" ? t("onboarding.seeResults") : t("common:actions.continue")}
        </StatusButton>
      </Form>
    </section>
  );
}

function ResultsStep() {
  const { t } = useTranslation("journey");
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const results = data.results!;
  const plan = data.plan!;
  const errors = actionData && !actionData.ok && actionData.intent === "accept-plan" ? actionData.submission.error : undefined;
  const pending = useIsSubmitting("accept-plan");
  const n = (x: number) => formatNumber(x, data.locale);
  return (
    <>
      <section aria-labelledby="results-heading" className="rounded-xl border border-slate-200 bg-white p-6">
        <h2 id="results-heading" className="text-lg font-semibold">
          {t("results.title")}
        </h2>
        <dl className="mt-4 grid gap-4 sm:grid-cols-2">
          <Figure
            title={t("figures.ftnd", { score: results.ftnd.score })}
            meaning={t(`bands.ftnd.${results.ftnd.band}`)}
            source={ASSESSMENT_SOURCES.ftnd}
            testId="ftnd"
          />
          <Figure
            title={t("figures.hsi", { score: results.hsi.score })}
            meaning={t(`bands.hsi.${results.hsi.band}`)}
            source={ASSESSMENT_SOURCES.hsi}
          />
          <Figure
            title={t("figures.brinkman", { index: n(results.brinkman.index) })}
            meaning={t(`bands.brinkman.${results.brinkman.band}`)}
            source={ASSESSMENT_SOURCES.brinkman}
          />
          <Figure
            title={t("figures.packYears", { value: n(results.packYears) })}
            meaning={t("results.packYearsMeaning")}
            source={ASSESSMENT_SOURCES.packYears}
          />
          <Figure
            title={t("figures.spendPerMonth", { amount: formatMoney(results.spend.perMonth, results.currency, data.locale) })}
            meaning={t("figures.spendPerYear", { amount: formatMoney(results.spend.perYear, results.currency, data.locale) })}
          />
        </dl>
        <a href="/app/onboarding?edit=1" className="mt-4 inline-block font-semibold text-emerald-800 underline">
          {t("results.editAnswers")}
        </a>
      </section>
      <section aria-labelledby="proposal-heading" className="rounded-xl border border-slate-200 bg-white p-6">
        <h2 id="proposal-heading" className="text-lg font-semibold">
          {t("results.proposal")}
        </h2>
        <div className="mt-3">
          <PlanView plan={plan} locale={data.locale} />
        </div>
        <Form method="post" className="mt-6 space-y-4 border-t border-slate-200 pt-4">
          <TextInput name="quitDate" type="date" label={t("results.quitDate")} defaultValue={plan.quitDate} required errors={errors} />
          <label className="flex items-center gap-2">
            <input type="checkbox" name="reduceFirst" defaultChecked={plan.approach === "reduce-then-quit"} /> {t("results.reduceFirst")}
          </label>
          <ErrorList errors={errors?.[""]} />
          <StatusButton name="intent" value="accept-plan" pending={pending}>
            {t("results.accept")}
          </StatusButton>
        </Form>
      </section>
    </>
  );
}

function Figure({ title, meaning, source, testId }: { title: string; meaning: string; source?: string; testId?: string }) {
  const { t } = useTranslation("journey");
  return (
    <div className="rounded-lg border border-slate-200 p-4" data-testid={testId}>
      <dt className="font-semibold">{title}</dt>
      <dd className="text-slate-800">{meaning}</dd>
      {source ? <dd className="mt-1 text-xs text-slate-700">{t("figures.source", { source })}</dd> : null}
    </div>
  );
}
