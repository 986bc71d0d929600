import { getFormProps } from "@conform-to/react";
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CheckboxField, FormErrors } from "~/components/ui/field";
import { ButtonForm, IntentButton, useIntentForm } from "~/components/ui/form";
import { formatDateTime } from "~/lib/format";
import type { AppLocale } from "~/lib/i18n";
import { coachMayEditPlanSchema } from "~/modules/coaching/forms";
import type { PlanChanges } from "~/modules/coaching/plan-proposals";
import { ProposalSummary } from "./proposal-summary";

type Answer = { intent: string | null; ok: boolean };

/** Open proposals from the member's coach on their plan page, each with accept and decline. */
export function PlanProposals<A extends Answer>({
  proposals,
  answer,
  locale,
}: {
  proposals: readonly { id: string; coachName: string | null; changes: PlanChanges; note: string | null }[];
  answer: A | undefined;
  locale: AppLocale;
}) {
  const { t } = useTranslation("caseload");
  if (proposals.length === 0) return null;
  return (
    <>
      {proposals.map((p) => (
        <section key={p.id} aria-labelledby={`proposal-${p.id}`} className="rounded-xl border border-sky-300 bg-sky-50 p-6">
          <h2 id={`proposal-${p.id}`} className="text-lg font-semibold">
            {t("proposal.fromCoach", { name: p.coachName ?? t("proposal.formerCoach") })}
          </h2>
          <ProposalSummary changes={p.changes} note={p.note} locale={locale} />
          <div className="mt-3 flex gap-3">
            <ButtonForm answer={answer} intent={"accept-proposal" as NonNullable<A["intent"]>} values={{ proposalId: p.id }}>
              {t("proposal.accept")}
            </ButtonForm>
            <ButtonForm
              answer={answer}
              intent={"decline-proposal" as NonNullable<A["intent"]>}
              values={{ proposalId: p.id }}
              variant="secondary"
            >
              {t("proposal.decline")}
            </ButtonForm>
          </div>
        </section>
      ))}
    </>
  );
}

/** The member's coaching settings on their account page: whether their coach may change the plan directly. */
export function CoachSettings<A extends Answer>({
  coach,
  answer,
}: {
  coach: { coachName: string; coachMayEditPlan: boolean } | null;
  answer: A | undefined;
}) {
  const { t } = useTranslation("caseload");
  const [form, fields] = useIntentForm({
    answer,
    intent: "coach-may-edit-plan" as NonNullable<A["intent"]>,
    schema: coachMayEditPlanSchema,
    defaultValue: { coachMayEditPlan: coach?.coachMayEditPlan ? "on" : undefined },
  });
  if (!coach) return null;
  return (
    <section aria-labelledby="coach-settings-heading" className="space-y-3">
      <h2 id="coach-settings-heading" className="text-xl font-semibold">
        {t("settings.title")}
      </h2>
      <p className="text-slate-800">{t("settings.coach", { name: coach.coachName })}</p>
      <Form method="post" {...getFormProps(form)} className="space-y-3">
        <CheckboxField field={fields.coachMayEditPlan} label={t("settings.mayEdit")} />
        <FormErrors id={form.errorId} errors={form.errors} />
        <IntentButton intent="coach-may-edit-plan" variant="secondary">
          {t("settings.save")}
        </IntentButton>
      </Form>
    </section>
  );
}

/** Who read the member's health data: newest first, a page at a time. */
export function HealthDataAccessLog({
  log,
  locale,
  timeZone,
  paged,
}: {
  log: { entries: readonly { id: string; at: string; what: string; viewerRole: string; viewerName: string | null }[]; next: string | null };
  locale: AppLocale;
  timeZone: string;
  paged: boolean;
}) {
  const { t } = useTranslation("caseload");
  return (
    <section aria-labelledby="access-heading" className="space-y-3" id="access-log">
      <h2 id="access-heading" className="text-xl font-semibold">
        {t("access.title")}
      </h2>
      <p className="text-sm text-slate-700">{t("access.intro")}</p>
      {log.entries.length === 0 ? (
        <p className="text-slate-800">{t("access.none")}</p>
      ) : (
        <ul className="space-y-1 text-sm">
          {log.entries.map((e) => (
            <li key={e.id}>
              {t("access.line", {
                name: e.viewerName ?? "—",
                role: t(`access.roles.${e.viewerRole}`, { defaultValue: e.viewerRole }),
                what: t(`access.what.${e.what}`, { defaultValue: e.what }),
                when: formatDateTime(e.at, locale, timeZone),
              })}
            </li>
          ))}
        </ul>
      )}
      <nav className="flex gap-4 text-sm font-semibold">
        {paged ? (
          <Link to="?#access-log" className="text-emerald-800 underline">
            {t("access.first")}
          </Link>
        ) : null}
        {log.next ? (
          <Link to={`?access=${log.next}#access-log`} className="text-emerald-800 underline">
            {t("access.more")}
          </Link>
        ) : null}
      </nav>
    </section>
  );
}
