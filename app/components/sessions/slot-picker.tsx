import { getFormProps } from "@conform-to/react";
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ChoiceField, FormErrors, TextareaField } from "~/components/ui/field";
import { IntentButton, useIntentForm } from "~/components/ui/form";
import { bookSchema, rescheduleSchema } from "~/modules/sessions/forms";

export type SlotPickerView = {
  coachId: string;
  days: { day: string; label: string; count: number }[];
  day: string | null;
  slots: { value: string; label: string }[];
};

type Answer = { intent: string | null; ok: boolean };

/** Days with free times as links (?day=), then the chosen day's times as one radio group, posted with the intent. */
export function SlotPicker<A extends Answer>({
  picker,
  answer,
  intent,
  submitLabel,
}: {
  picker: SlotPickerView;
  answer: A | undefined;
  intent: "book" | "reschedule";
  submitLabel: string;
}) {
  const { t } = useTranslation();
  const schema = intent === "book" ? bookSchema : rescheduleSchema;
  const [form, fields] = useIntentForm({ answer, intent: intent as NonNullable<A["intent"]>, schema });
  if (picker.days.length === 0) return <p className="text-slate-700">{t("sessions:book.noSlots")}</p>;
  const f = fields as unknown as Record<string, Parameters<typeof ChoiceField>[0]["field"]>;
  return (
    <div className="space-y-4">
      <nav aria-label={t("sessions:book.days")} className="flex flex-wrap gap-2">
        {picker.days.map((d) => (
          <Link
            key={d.day}
            to={`?day=${d.day}`}
            preventScrollReset
            aria-current={d.day === picker.day ? "date" : undefined}
            className={`rounded-md border px-3 py-1 text-sm ${d.day === picker.day ? "border-emerald-700 bg-emerald-50 font-semibold" : "border-slate-300"}`}
          >
            {d.label}
          </Link>
        ))}
      </nav>
      <Form method="post" {...getFormProps(form)} className="space-y-4">
        <FormErrors id={form.errorId} errors={form.errors} />
        {intent === "book" ? <input type="hidden" name="coachId" value={picker.coachId} /> : null}
        <ChoiceField legend={t("sessions:book.slot")} type="radio" field={f.startsAt!} options={picker.slots} />
        {intent === "book" ? <TextareaField field={f.topic!} label={t("sessions:book.topic")} rows={2} /> : null}
        <IntentButton intent={intent}>{submitLabel}</IntentButton>
      </Form>
    </div>
  );
}
