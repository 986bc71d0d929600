import { getFormProps } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FormErrors, SelectField, TextareaField } from "~/components/ui/field";
import { IntentButton, useIntentForm } from "~/components/ui/form";
import { Honeypot } from "~/components/ui/honeypot";
import { feedbackSchema } from "~/modules/sessions/forms";
import { FEEDBACK_CATEGORIES } from "~/modules/sessions/words";

type Answer = { intent: string | null; ok: boolean };

/** The general feedback form (members and visitors); visitors' copy carries the honeypot. */
export function FeedbackForm<A extends Answer>({ answer, honeypot }: { answer: A | undefined; honeypot: boolean }) {
  const { t } = useTranslation();
  const [form, fields] = useIntentForm({
    answer,
    intent: "send-feedback" as NonNullable<A["intent"]>,
    schema: feedbackSchema,
    defaultValue: { category: "idea" },
  });
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-4 rounded-xl border border-slate-200 bg-white p-4">
      <FormErrors id={form.errorId} errors={form.errors} />
      <SelectField
        field={fields.category}
        label={t("sessions:feedback.category")}
        options={FEEDBACK_CATEGORIES.map((c) => ({ value: c, label: t(`sessions:feedback.categories.${c}`) }))}
      />
      <TextareaField field={fields.message} label={t("sessions:feedback.message")} rows={5} />
      <Field field={fields.contact} label={t("sessions:feedback.contact")} hint={t("sessions:feedback.contactHint")} />
      {honeypot ? <Honeypot /> : null}
      <IntentButton intent="send-feedback">{t("sessions:feedback.submit")}</IntentButton>
    </Form>
  );
}
