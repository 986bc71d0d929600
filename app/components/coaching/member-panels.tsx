import { getFormProps } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CheckboxField, Field, FormErrors, SelectField, TextareaField } from "~/components/ui/field";
import { IntentButton, useIntentForm } from "~/components/ui/form";
import { formatDateTime } from "~/lib/format";
import type { AppLocale } from "~/lib/i18n";
import { caseNoteSchema, graduationSchema } from "~/modules/coaching/forms";
import { planProposalSchema } from "~/modules/coaching/plan-proposals";
import { COPING_STRATEGIES } from "~/modules/journey/triggers";

type Answer = { intent: string | null; ok: boolean };

export function CaseNotes<A extends Answer>({
  notes,
  answer,
  locale,
  timeZone,
}: {
  notes: readonly { id: string; body: string; createdAt: string; authorName: string | null }[];
  answer: A | undefined;
  locale: AppLocale;
  timeZone: string;
}) {
  const { t } = useTranslation("caseload");
  const [form, fields] = useIntentForm({ answer, intent: "add-note" as NonNullable<A["intent"]>, schema: caseNoteSchema });
  return (
    <section aria-labelledby="notes-heading" className="rounded-xl border border-slate-300 bg-slate-50 p-6">
      <h2 id="notes-heading" className="text-lg font-semibold">
        {t("notes.title")}
      </h2>
      <p className="text-sm text-slate-700">{t("notes.private")}</p>
      <Form method="post" {...getFormProps(form)} className="mt-3 space-y-3" key={notes.length}>
        <TextareaField field={fields.body} label={t("notes.body")} rows={3} />
        <FormErrors id={form.errorId} errors={form.errors} />
        <IntentButton intent="add-note">{t("notes.add")}</IntentButton>
      </Form>
      {notes.length === 0 ? (
        <p className="mt-4 text-sm text-slate-700">{t("notes.none")}</p>
      ) : (
        <ul className="mt-4 space-y-3">
          {notes.map((n) => (
            <li key={n.id} className="rounded border border-slate-200 bg-white p-3">
              <p className="whitespace-pre-wrap text-slate-900">{n.body}</p>
              <p className="mt-1 text-xs text-slate-600">
                {t("notes.by", { name: n.authorName ?? "—", when: formatDateTime(n.createdAt, locale, timeZone) })}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function ProposalForm<A extends Answer>({
  answer,
  direct,
  currentTargets,
  triggers,
  revision,
}: {
  answer: A | undefined;
  direct: boolean;
  currentTargets: number[];
  triggers: string[];
  revision: number;
}) {
  const { t } = useTranslation(["caseload", "journey"]);
  const [form, fields] = useIntentForm({ answer, intent: "propose-plan" as NonNullable<A["intent"]>, schema: planProposalSchema });
  return (
    <section aria-labelledby="proposal-heading" className="rounded-xl border border-slate-200 bg-white p-6">
      <h2 id="proposal-heading" className="text-lg font-semibold">
        {t("caseload:proposal.title")}
      </h2>
      <p className="text-sm text-slate-700">{t(direct ? "caseload:proposal.introDirect" : "caseload:proposal.intro")}</p>
      <Form method="post" {...getFormProps(form)} className="mt-3 grid gap-3 sm:grid-cols-2" key={revision}>
        <Field field={fields.quitDate} type="date" label={t("caseload:proposal.quitDate")} />
        {currentTargets.length > 0 ? (
          <Field
            field={fields.targets}
            label={t("caseload:proposal.targets")}
            hint={t("caseload:proposal.targetsHint", { targets: currentTargets.join(", ") })}
          />
        ) : null}
        <Field field={fields.copingTrigger} label={t("caseload:proposal.copingTrigger")} list="coach-triggers" />
        <datalist id="coach-triggers">
          {triggers.map((tr) => (
            <option key={tr} value={tr} />
          ))}
        </datalist>
        <SelectField
          field={fields.copingStrategy}
          label={t("caseload:proposal.copingStrategy")}
          options={[
            { value: "", label: t("caseload:proposal.noStrategy") },
            ...COPING_STRATEGIES.map((s) => ({ value: s, label: t(`journey:strategies.${s}.title`) })),
          ]}
        />
        <Field field={fields.extraTask} label={t("caseload:proposal.extraTask")} className="sm:col-span-2" />
        <TextareaField field={fields.note} label={t("caseload:proposal.note")} rows={2} className="sm:col-span-2" />
        <div className="sm:col-span-2">
          <FormErrors id={form.errorId} errors={form.errors} />
          <IntentButton intent="propose-plan">{t("caseload:proposal.submit")}</IntentButton>
        </div>
      </Form>
    </section>
  );
}

export function GraduationForm<A extends Answer>({
  answer,
  smokeFreeDays,
  onFigures,
}: {
  answer: A | undefined;
  smokeFreeDays: number;
  onFigures: boolean;
}) {
  const { t } = useTranslation("caseload");
  const [form, fields] = useIntentForm({ answer, intent: "graduate" as NonNullable<A["intent"]>, schema: graduationSchema });
  return (
    <section aria-labelledby="graduation-heading" className="rounded-xl border border-emerald-300 bg-emerald-50 p-6">
      <h2 id="graduation-heading" className="text-lg font-semibold">
        {t("graduation.title")}
      </h2>
      <p className="text-sm text-slate-800">{t(onFigures ? "graduation.ready" : "graduation.notYet", { days: smokeFreeDays })}</p>
      <Form method="post" {...getFormProps(form)} className="mt-3 space-y-3">
        {onFigures ? null : <CheckboxField field={fields.agreed} label={t("graduation.agreed")} />}
        <CheckboxField field={fields.confirm} label={t("graduation.confirm")} />
        <Field field={fields.note} label={t("graduation.note")} />
        <FormErrors id={form.errorId} errors={form.errors} />
        <IntentButton intent="graduate" variant="secondary">
          {t("graduation.submit")}
        </IntentButton>
      </Form>
    </section>
  );
}
