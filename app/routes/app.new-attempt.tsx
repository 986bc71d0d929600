import { getFormProps } from "@conform-to/react";
import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { formatLocalDate } from "~/components/journey/plan-text";
import { PlanView } from "~/components/journey/plan-view";
import { CheckboxField, Field, FormErrors } from "~/components/ui/field";
import { IntentButton, useIntentForm } from "~/components/ui/form";
import { resolveLocale } from "~/lib/i18n";
import { intent, typedAction } from "~/lib/typed-action";
import { db } from "#db/client.server";
import { cachedJourneyState } from "~/modules/journey/journey-cache.server";
import { localDate } from "~/lib/local-date";
import { newAttemptSchema } from "~/modules/journey/forms";
import { startAttempt } from "~/modules/journey/plan.server";
import { adjustPlan, newAttemptProposal } from "~/modules/journey/proposal";
import { relapseTriggers, reportSmokingAgain } from "~/modules/journey/relapse.server";
import { journeyState } from "~/modules/journey/state.server";
import { isTrigger } from "~/modules/journey/triggers";
import { requireMemberDay, requireUser } from "~/modules/identity/auth.server";

export const handle = { i18n: ["account", "auth", "journey"] };

export const meta: MetaFunction = () => [{ title: "Start again · QuitPath" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const state = await cachedJourneyState(db(), user);
  if (!state.consented || !state.profile) throw redirect("/app/onboarding");
  if (state.attempt) throw redirect("/app");
  if (!state.endedAttempt) throw redirect("/app/onboarding");
  const today = localDate(new Date(), user.timeZone);
  const triggers = await relapseTriggers(db(), user.id, state.endedAttempt);
  const plan = newAttemptProposal({ endedPlan: state.endedPlan, profile: state.profile, triggers, today });
  return {
    locale: resolveLocale(request, user.locale),
    today,
    ended: {
      attemptNumber: state.endedAttempt.attemptNumber,
      quitDate: state.endedAttempt.quitDate,
      endedOn: state.endedAttempt.endedOn,
      longestStreakDays: state.endedAttempt.longestStreakDays,
    },
    triggers,
    plan,
    cigarettesPerDay: state.profile.cigarettesPerDay,
  };
}

export const action = typedAction({
  guard: ({ request }) => requireMemberDay(request),
  intents: ({ user, today }) => ({
    "smoking-again": intent(z.object({}), async () => {
      await reportSmokingAgain(db(), user.id, today);
      return redirect("/app/new-attempt");
    }),
    "start-again": intent(newAttemptSchema(today), async (input) => {
      const state = await journeyState(db(), user.id);
      if (state.attempt) return redirect("/app");
      if (!state.profile || !state.endedAttempt) return redirect("/app/onboarding");
      const triggers = await relapseTriggers(db(), user.id, state.endedAttempt);
      const proposal = newAttemptProposal({
        endedPlan: state.endedPlan,
        profile: state.profile,
        triggers,
        today,
        cigarettesPerDay: input.cigarettesPerDay,
      });
      const plan = adjustPlan(proposal, {
        quitDate: input.quitDate,
        reduceFirst: input.reduceFirst,
        today,
        cigarettesPerDay: input.cigarettesPerDay,
      });
      await startAttempt(db(), user.id, { plan, cigarettesPerDay: input.cigarettesPerDay, changeNote: "after-relapse" });
      return redirect("/app");
    }),
  }),
});

export default function NewAttempt() {
  const { t } = useTranslation("journey");
  const data = useLoaderData<typeof loader>();
  const [form, fields] = useIntentForm({
    answer: useActionData<typeof action>(),
    intent: "start-again",
    schema: newAttemptSchema(data.today),
    defaultValue: {
      quitDate: data.plan.quitDate,
      cigarettesPerDay: data.cigarettesPerDay,
      reduceFirst: data.plan.approach === "reduce-then-quit",
    },
  });
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <h1 className="text-2xl font-bold">{t("newAttempt.title")}</h1>
      <p className="text-slate-800">
        {t("newAttempt.ended", {
          number: data.ended.attemptNumber,
          from: formatLocalDate(data.ended.quitDate, data.locale),
          to: data.ended.endedOn ? formatLocalDate(data.ended.endedOn, data.locale) : "",
          count: data.ended.longestStreakDays,
        })}
      </p>
      <p className="text-slate-800">{t("newAttempt.encouragement")}</p>
      {data.triggers.length > 0 ? (
        <p className="text-slate-800">
          {t("newAttempt.triggers", { triggers: data.triggers.map((x) => (isTrigger(x) ? t(`triggers.${x}`) : x)).join(", ") })}
        </p>
      ) : null}
      <section aria-labelledby="new-plan-heading" className="rounded-xl border border-slate-200 bg-white p-6">
        <h2 id="new-plan-heading" className="text-lg font-semibold">
          {t("newAttempt.proposal")}
        </h2>
        <div className="mt-3">
          <PlanView plan={data.plan} locale={data.locale} />
        </div>
        <Form method="post" {...getFormProps(form)} className="mt-6 space-y-4 border-t border-slate-200 pt-4">
          <Field field={fields.quitDate} type="date" label={t("newAttempt.quitDate")} />
          <Field field={fields.cigarettesPerDay} type="number" label={t("newAttempt.cigarettesPerDay")} />
          <CheckboxField field={fields.reduceFirst} label={t("results.reduceFirst")} />
          <FormErrors id={form.errorId} errors={form.errors} />
          <IntentButton intent="start-again">{t("newAttempt.start")}</IntentButton>
        </Form>
      </section>
    </div>
  );
}
