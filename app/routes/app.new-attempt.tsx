import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { TextInput, type FieldErrors } from "~/components/journey/inputs";
import { formatLocalDate } from "~/components/journey/plan-text";
import { PlanView } from "~/components/journey/plan-view";
import { StatusButton } from "~/components/ui/button";
import { ErrorList } from "~/components/ui/field";
import { useIsSubmitting } from "~/components/ui/form-status";
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
import { requireUser } from "~/modules/identity/auth.server";

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

export async function action(args: ActionFunctionArgs) {
  const user = await requireUser(args.request);
  const today = localDate(new Date(), user.timeZone);
  return typedAction({
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
  })(args);
}

export default function NewAttempt() {
  const { t } = useTranslation("journey");
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors: FieldErrors | undefined = actionData && !actionData.ok ? (actionData.submission.error ?? undefined) : undefined;
  const pending = useIsSubmitting("start-again");
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
        <Form method="post" className="mt-6 space-y-4 border-t border-slate-200 pt-4">
          <TextInput
            name="quitDate"
            type="date"
            label={t("newAttempt.quitDate")}
            defaultValue={data.plan.quitDate}
            required
            errors={errors}
          />
          <TextInput
            name="cigarettesPerDay"
            type="number"
            min={1}
            max={200}
            label={t("newAttempt.cigarettesPerDay")}
            defaultValue={data.cigarettesPerDay}
            required
            errors={errors}
          />
          <label className="flex items-center gap-2">
            <input type="checkbox" name="reduceFirst" defaultChecked={data.plan.approach === "reduce-then-quit"} />{" "}
            {t("results.reduceFirst")}
          </label>
          <ErrorList errors={errors?.[""]} />
          <StatusButton name="intent" value="start-again" pending={pending}>
            {t("newAttempt.start")}
          </StatusButton>
        </Form>
      </section>
    </div>
  );
}
