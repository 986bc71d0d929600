import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { TextInput, type FieldErrors } from "~/components/journey/inputs";
import { formatLocalDate } from "~/components/journey/plan-text";
import { PlanView } from "~/components/journey/plan-view";
import { StatusButton } from "~/components/ui/button";
import { ErrorList } from "~/components/ui/field";
import { SuccessMessage, useIsSubmitting } from "~/components/ui/form-status";
import { formatDate } from "~/lib/format";
import { resolveLocale } from "~/lib/i18n";
import { intent, typedAction } from "~/lib/typed-action";
import { db } from "#db/client.server";
import { cachedJourneyState } from "~/modules/journey/journey-cache.server";
import { localDate } from "~/lib/local-date";
import { editPlanSchema } from "~/modules/journey/forms";
import { planRevisionList, revisePlan } from "~/modules/journey/plan.server";
import { slipReflectionsFor } from "~/modules/journey/slips.server";
import { journeyState, onboardingRedirect } from "~/modules/journey/state.server";
import { applyPlanEdits } from "~/modules/journey/plan-edit";
import { requireUser } from "~/modules/identity/auth.server";

export const meta: MetaFunction = () => [{ title: "Your quit plan · QuitPath" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const state = await cachedJourneyState(db(), user);
  const to = onboardingRedirect(state);
  if (to) throw redirect(to);
  const attempt = state.attempt!;
  const [revisions, slips] = await Promise.all([
    planRevisionList(db(), user.id, attempt.id),
    slipReflectionsFor(db(), user.id, attempt.id),
  ]);
  return {
    locale: resolveLocale(request, user.locale),
    timeZone: user.timeZone,
    attemptId: attempt.id,
    plan: state.plan!,
    revision: state.planRevision,
    revisions: revisions.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })),
    slips,
    saved: new URL(request.url).searchParams.get("saved"),
  };
}

export async function action(args: ActionFunctionArgs) {
  const user = await requireUser(args.request);
  const today = localDate(new Date(), user.timeZone);
  return typedAction({
    "edit-plan": intent(editPlanSchema(today), async ({ changeNote, ...edits }) => {
      const state = await journeyState(db(), user.id);
      if (!state.attempt || !state.plan) return redirect("/app/onboarding");
      const plan = applyPlanEdits(state.plan, edits, { today, baselinePerDay: state.attempt.baselinePerDay });
      await revisePlan(db(), user.id, state.attempt.id, plan, changeNote ?? null);
      return redirect("/app/plan?saved=plan");
    }),
  })(args);
}

export default function PlanPage() {
  const { t } = useTranslation("journey");
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors: FieldErrors | undefined = actionData && !actionData.ok ? (actionData.submission.error ?? undefined) : undefined;
  const pending = useIsSubmitting("edit-plan");
  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-bold">{t("plan.title")}</h1>
      <SuccessMessage messageKey={data.saved ? `journey:plan.saved.${data.saved === "slip" ? "slip" : "plan"}` : null} />
      <section aria-labelledby="current-heading" className="rounded-xl border border-slate-200 bg-white p-6">
        <h2 id="current-heading" className="sr-only">
          {t("plan.current")}
        </h2>
        <p className="mb-4 text-sm text-slate-700">{t("plan.revision", { revision: data.revision })}</p>
        <PlanView plan={data.plan} locale={data.locale} slipStrategies={data.slips} />
      </section>

      <section aria-labelledby="edit-heading" className="rounded-xl border border-slate-200 bg-white p-6">
        <h2 id="edit-heading" className="text-lg font-semibold">
          {t("plan.edit")}
        </h2>
        <p className="text-sm text-slate-700">{t("plan.editIntro")}</p>
        <Form method="post" className="mt-4 space-y-4" key={data.revision}>
          <div>
            <label htmlFor="reasons" className="block text-sm font-medium">
              {t("plan.reasonsField")}
            </label>
            <textarea
              id="reasons"
              name="reasons"
              rows={4}
              defaultValue={data.plan.reasons.join("\n")}
              className="mt-1 block w-full rounded-md border border-slate-400 px-3 py-2"
            />
            <ErrorList errors={errors?.reasons} />
          </div>
          <TextInput
            name="quitDate"
            type="date"
            label={t("plan.quitDateField")}
            hint={t("plan.quitDateHint")}
            defaultValue={data.plan.quitDate}
            required
            errors={errors}
          />
          <fieldset>
            <legend className="text-sm font-medium">{t("plan.stageStarts")}</legend>
            <div className="mt-2 grid gap-3 sm:grid-cols-2">
              {data.plan.stages.map((s, i) => (
                <TextInput
                  key={s.key}
                  formId={`stage${i}`}
                  name="stageStarts"
                  type="date"
                  label={t(`stages.${s.key}`)}
                  defaultValue={s.startDate}
                  required
                />
              ))}
            </div>
            <ErrorList errors={errors?.stageStarts} />
          </fieldset>
          {data.plan.dailyTargets.length > 0 ? (
            <fieldset>
              <legend className="text-sm font-medium">{t("plan.targets")}</legend>
              <div className="mt-2 grid grid-cols-2 gap-3 sm:grid-cols-4">
                {data.plan.dailyTargets.map((d, i) => (
                  <TextInput
                    key={d.date}
                    formId={`target${i}`}
                    name="targets"
                    type="number"
                    min={0}
                    max={200}
                    label={formatLocalDate(d.date, data.locale)}
                    defaultValue={d.target}
                    required
                  />
                ))}
              </div>
              <ErrorList errors={errors?.targets} />
            </fieldset>
          ) : null}
          <TextInput name="changeNote" label={t("plan.changeNote")} maxLength={200} errors={errors} />
          <ErrorList errors={errors?.[""]} />
          <StatusButton name="intent" value="edit-plan" pending={pending}>
            {t("plan.save")}
          </StatusButton>
        </Form>
      </section>

      <section aria-labelledby="revisions-heading" className="rounded-xl border border-slate-200 bg-white p-6">
        <h2 id="revisions-heading" className="text-lg font-semibold">
          {t("plan.revisions")}
        </h2>
        <ul className="mt-2 space-y-1 text-sm">
          {data.revisions.map((r) => (
            <li key={r.revision}>
              {t("plan.revisionLine", { revision: r.revision, when: formatDate(r.createdAt, data.locale, data.timeZone) })}
              {r.changeNote && !["accepted", "after-relapse"].includes(r.changeNote)
                ? `: ${r.changeNote}`
                : r.changeNote
                  ? ` (${t(`plan.notes.${r.changeNote}`)})`
                  : ""}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
