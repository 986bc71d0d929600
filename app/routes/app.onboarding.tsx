import { getFormProps } from "@conform-to/react";
import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PlanView } from "~/components/journey/plan-view";
import { CheckboxField, ChoiceField, Field, FormErrors, ListField, SelectField } from "~/components/ui/field";
import { formValues, HiddenValues, IntentButton, useIntentForm } from "~/components/ui/form";
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
import { requireMemberDay, requireUser } from "~/modules/identity/auth.server";

export const handle = { i18n: ["account", "auth", "journey"] };

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

export const action = typedAction({
  guard: ({ request }) => requireMemberDay(request),
  intents: ({ user, locale, today }) => {
    const steps = onboardingStepSchemas(locale);
    return {
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
    };
  },
});

export default function Onboarding() {
  const { t } = useTranslation("journey");
  const data = useLoaderData<typeof loader>();
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
      {data.step === "consent" ? <ConsentStep withdrawn={data.consentWithdrawn} /> : null}
      {data.step === "profile" ? <ProfileSteps /> : null}
      {data.step === "results" ? <ResultsStep /> : null}
    </div>
  );
}

function ConsentStep({ withdrawn }: { withdrawn: boolean }) {
  const { t } = useTranslation("journey");
  const [form, fields] = useIntentForm({ answer: useActionData<typeof action>(), intent: "consent", schema: consentSchema });
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
      <Form method="post" {...getFormProps(form)} className="mt-4 space-y-3">
        <input type="hidden" name="purposeVersion" value={CONSENT_PURPOSE_VERSION} />
        <CheckboxField field={fields.agree} label={t("consent.agree", { version: CONSENT_PURPOSE_VERSION })} required />
        <FormErrors id={form.errorId} errors={[...(form.errors ?? []), ...(fields.purposeVersion.errors ?? [])]} />
        <IntentButton intent="consent">{t("consent.submit")}</IntentButton>
      </Form>
    </section>
  );
}

const STEP_INTENTS = { habits: "profile-habits", triggers: "profile-triggers", dependence: "save-profile" } as const;
const STEP_FIELDS = {
  habits: ["cigarettesPerDay", "yearsSmoked", "cigarettesPerPack", "packPrice", "currency", "brand"],
  triggers: ["triggers", "customTriggers", "reasons"],
  dependence: [],
} as const;

function ProfileSteps() {
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
  return <ProfileStep key={step} step={step} values={values} />;
}

function ProfileStep({ step, values }: { step: OnboardingStep; values: Record<string, string | string[]> }) {
  const { t } = useTranslation("journey");
  const data = useLoaderData<typeof loader>();
  const intentName = STEP_INTENTS[step];
  const [form, fields] = useIntentForm({
    answer: useActionData<typeof action>(),
    intent: intentName,
    schema: onboardingStepSchemas(data.locale)[step],
    id: intentName,
    defaultValue: values,
  });
  const yesNo = [
    { value: "yes", label: t("questions.yes") },
    { value: "no", label: t("questions.no") },
  ];
  // Answers of the steps before this one travel along as hidden fields.
  const earlier = step === "habits" ? [] : step === "triggers" ? STEP_FIELDS.habits : [...STEP_FIELDS.habits, ...STEP_FIELDS.triggers];
  return (
    <section aria-labelledby="profile-heading" className="rounded-xl border border-slate-200 bg-white p-6">
      <h2 id="profile-heading" className="text-lg font-semibold">
        {t(`onboarding.profileSteps.${step}`)}{" "}
        <span className="text-sm font-normal text-slate-700">
          {t("onboarding.stepOf", { step: ["habits", "triggers", "dependence"].indexOf(step) + 1, total: 3 })}
        </span>
      </h2>
      <Form method="post" {...getFormProps(form)} className="mt-4 space-y-4">
        <FormErrors id={form.errorId} errors={form.errors} />
        <HiddenValues values={values} only={earlier} />
        {step === "habits" ? (
          <div className="grid gap-4 sm:grid-cols-2">
            <Field field={fields.cigarettesPerDay} type="number" inputMode="numeric" label={t("questions.cigarettesPerDay")} />
            <Field field={fields.yearsSmoked} type="number" inputMode="decimal" step="0.5" label={t("profile.yearsSmoked")} />
            <Field field={fields.cigarettesPerPack} type="number" inputMode="numeric" label={t("profile.cigarettesPerPack")} />
            <Field field={fields.packPrice} inputMode="decimal" label={t("profile.packPrice")} hint={t("profile.packPriceHint")} />
            <SelectField field={fields.currency} label={t("profile.currency")} options={CURRENCIES.map((c) => ({ value: c, label: c }))} />
            <Field field={fields.brand} label={t("profile.brand")} />
          </div>
        ) : null}
        {step === "triggers" ? (
          <>
            <ChoiceField
              field={fields.triggers}
              type="checkbox"
              legend={t("profile.triggers")}
              options={TRIGGERS.map((trigger) => ({ value: trigger, label: t(`triggers.${trigger}`) }))}
              optionsClassName="mt-2 grid gap-2 sm:grid-cols-2"
            />
            <ListField field={fields.customTriggers} legend={t("profile.customTriggers")}>
              <div className="grid gap-2 sm:grid-cols-2">
                {[0, 1].map((i) => (
                  <Field key={i} field={fields.customTriggers} item={i} label={t("profile.customTrigger", { n: i + 1 })} maxLength={60} />
                ))}
              </div>
            </ListField>
            <ListField field={fields.reasons} legend={t("profile.reasons")} className="space-y-2">
              {[0, 1, 2].map((i) => (
                <Field
                  key={i}
                  field={fields.reasons}
                  item={i}
                  label={t("profile.reason", { n: i + 1 })}
                  maxLength={200}
                  required={i === 0}
                />
              ))}
            </ListField>
          </>
        ) : null}
        {step === "dependence" ? (
          <div className="space-y-4">
            <ChoiceField
              field={fields.minutesToFirstCigarette}
              type="radio"
              legend={t("questions.minutesToFirstCigarette.label")}
              options={Object.keys(FIRST_CIGARETTE_ANSWERS).map((k) => ({ value: k, label: t(`questions.minutesToFirstCigarette.${k}`) }))}
            />
            <ChoiceField field={fields.difficultToRefrain} type="radio" legend={t("questions.difficultToRefrain")} options={yesNo} />
            <ChoiceField
              field={fields.hatesToGiveUp}
              type="radio"
              legend={t("questions.hatesToGiveUp.label")}
              options={[
                { value: "first-morning", label: t("questions.hatesToGiveUp.first-morning") },
                { value: "other", label: t("questions.hatesToGiveUp.other") },
              ]}
            />
            <ChoiceField field={fields.smokesMoreInMorning} type="radio" legend={t("questions.smokesMoreInMorning")} options={yesNo} />
            <ChoiceField field={fields.smokesWhenIll} type="radio" legend={t("questions.smokesWhenIll")} options={yesNo} />
          </div>
        ) : null}
        <IntentButton intent={intentName}>{step === "dependence" ? t("onboarding.seeResults") : t("common:actions.continue")}</IntentButton>
      </Form>
    </section>
  );
}

function ResultsStep() {
  const { t } = useTranslation("journey");
  const data = useLoaderData<typeof loader>();
  const results = data.results!;
  const plan = data.plan!;
  const [form, fields] = useIntentForm({
    answer: useActionData<typeof action>(),
    intent: "accept-plan",
    schema: acceptPlanSchema(data.today),
    defaultValue: { quitDate: plan.quitDate, reduceFirst: plan.approach === "reduce-then-quit" },
  });
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
        <Form method="post" {...getFormProps(form)} className="mt-6 space-y-4 border-t border-slate-200 pt-4">
          <Field field={fields.quitDate} type="date" label={t("results.quitDate")} />
          <CheckboxField field={fields.reduceFirst} label={t("results.reduceFirst")} />
          <FormErrors id={form.errorId} errors={form.errors} />
          <IntentButton intent="accept-plan">{t("results.accept")}</IntentButton>
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
