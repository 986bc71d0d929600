import { getFormProps } from "@conform-to/react";
import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatLocalDate } from "~/components/journey/plan-text";
import { PlanView } from "~/components/journey/plan-view";
import { Field, FormErrors, ListField, TextareaField } from "~/components/ui/field";
import { IntentButton, useIntentForm } from "~/components/ui/form";
import { SuccessMessage } from "~/components/ui/form-status";
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
import { requireMemberDay, requireUser } from "~/modules/identity/auth.server";
import { PlanProposals } from "~/components/coaching/member-coaching";
import { proposalDecisionSchema } from "~/modules/coaching/forms";
import { readingForStages } from "~/modules/content/content.server";
import { acceptPlanProposal, declinePlanProposal, planProposalsFor } from "~/modules/coaching/plan-proposals.server";

export const handle = { i18n: ["account", "auth", "journey", "caseload"] };

export const meta: MetaFunction = () => [{ title: "Your quit plan · QuitPath" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const state = await cachedJourneyState(db(), user);
  const to = onboardingRedirect(state);
  if (to) throw redirect(to);
  const attempt = state.attempt!;
  const locale = resolveLocale(request, user.locale);
  const [revisions, slips, proposals, stageReading] = await Promise.all([
    planRevisionList(db(), user.id, attempt.id),
    slipReflectionsFor(db(), user.id, attempt.id),
    planProposalsFor(db(), user.id, { openOnly: true }),
    readingForStages(
      db(),
      locale,
      state.plan!.stages.map((s) => s.key),
    ),
  ]);
  return {
    locale,
    stageReading,
    timeZone: user.timeZone,
    today: localDate(new Date(), user.timeZone),
    attemptId: attempt.id,
    plan: state.plan!,
    revision: state.planRevision,
    revisions: revisions.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })),
    slips,
    proposals,
    saved: new URL(request.url).searchParams.get("saved"),
  };
}

export const action = typedAction({
  guard: ({ request }) => requireMemberDay(request),
  intents: ({ user, today }) => ({
    "edit-plan": intent(editPlanSchema(today), async ({ changeNote, ...edits }) => {
      const state = await journeyState(db(), user.id);
      if (!state.attempt || !state.plan) return redirect("/app/onboarding");
      const plan = applyPlanEdits(state.plan, edits, { today, baselinePerDay: state.attempt.baselinePerDay });
      await revisePlan(db(), user.id, state.attempt.id, plan, changeNote ?? null);
      return redirect("/app/plan?saved=plan");
    }),
    "accept-proposal": intent(proposalDecisionSchema, async ({ proposalId }) => {
      await acceptPlanProposal(db(), user.id, proposalId, today);
      return { messageKey: "caseload:proposal.accepted" };
    }),
    "decline-proposal": intent(proposalDecisionSchema, async ({ proposalId }) => {
      await declinePlanProposal(db(), user.id, proposalId);
      return { messageKey: "caseload:proposal.declined" };
    }),
  }),
});

export default function PlanPage() {
  const { t } = useTranslation("journey");
  const data = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const decided = answer?.ok && "messageKey" in answer.result ? answer.result.messageKey : null;
  const [form, fields] = useIntentForm({
    answer,
    intent: "edit-plan",
    schema: editPlanSchema(data.today),
    id: `edit-plan-${data.revision}`,
    defaultValue: {
      reasons: data.plan.reasons.join("\n"),
      quitDate: data.plan.quitDate,
      stageStarts: data.plan.stages.map((s) => s.startDate),
      targets: data.plan.dailyTargets.map((d) => String(d.target)),
    },
  });
  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-bold">{t("plan.title")}</h1>
      <SuccessMessage messageKey={decided ?? (data.saved ? `journey:plan.saved.${data.saved === "slip" ? "slip" : "plan"}` : null)} />
      <PlanProposals proposals={data.proposals} answer={answer} locale={data.locale} />
      <section aria-labelledby="current-heading" className="rounded-xl border border-slate-200 bg-white p-6">
        <h2 id="current-heading" className="sr-only">
          {t("plan.current")}
        </h2>
        <p className="mb-4 text-sm text-slate-700">{t("plan.revision", { revision: data.revision })}</p>
        <PlanView plan={data.plan} locale={data.locale} slipStrategies={data.slips} stageReading={data.stageReading} />
      </section>

      <section aria-labelledby="edit-heading" className="rounded-xl border border-slate-200 bg-white p-6">
        <h2 id="edit-heading" className="text-lg font-semibold">
          {t("plan.edit")}
        </h2>
        <p className="text-sm text-slate-700">{t("plan.editIntro")}</p>
        <Form method="post" {...getFormProps(form)} className="mt-4 space-y-4" key={data.revision}>
          <TextareaField field={fields.reasons} label={t("plan.reasonsField")} rows={4} />
          <Field field={fields.quitDate} type="date" label={t("plan.quitDateField")} hint={t("plan.quitDateHint")} />
          <ListField field={fields.stageStarts} legend={t("plan.stageStarts")}>
            <div className="mt-2 grid gap-3 sm:grid-cols-2">
              {data.plan.stages.map((s, i) => (
                <Field key={s.key} field={fields.stageStarts} item={i} type="date" label={t(`stages.${s.key}`)} required />
              ))}
            </div>
          </ListField>
          {data.plan.dailyTargets.length > 0 ? (
            <ListField field={fields.targets} legend={t("plan.targets")}>
              <div className="mt-2 grid grid-cols-2 gap-3 sm:grid-cols-4">
                {data.plan.dailyTargets.map((d, i) => (
                  <Field
                    key={d.date}
                    field={fields.targets}
                    item={i}
                    type="number"
                    min={0}
                    max={200}
                    label={formatLocalDate(d.date, data.locale)}
                    required
                  />
                ))}
              </div>
            </ListField>
          ) : null}
          <Field field={fields.changeNote} label={t("plan.changeNote")} />
          <FormErrors id={form.errorId} errors={form.errors} />
          <IntentButton intent="edit-plan">{t("plan.save")}</IntentButton>
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
