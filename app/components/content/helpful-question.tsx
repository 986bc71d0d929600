import { getFormProps } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ChoiceField, FormErrors, TextareaField } from "~/components/ui/field";
import { IntentButton, useIntentForm } from "~/components/ui/form";
import { helpfulSchema } from "~/modules/sessions/helpful";

type Answer = { intent: "helpful" | null; ok: boolean };

/**
 * "Was this helpful?" under an article. Anyone sees it (the anonymous page is cached for all);
 * answering asks a visitor to sign in first, and a member sees the answer they gave.
 */
export function HelpfulQuestion({ answer, previous }: { answer: Answer | undefined; previous: boolean | null }) {
  const { t } = useTranslation("content");
  const [form, fields] = useIntentForm({
    answer,
    intent: "helpful",
    schema: helpfulSchema,
    defaultValue: previous === null ? {} : { answer: previous ? "yes" : "no" },
  });
  if (answer?.ok) {
    return (
      <p role="status" className="rounded-lg bg-emerald-50 p-4 text-emerald-900">
        {t("content:helpful.thanks")}
      </p>
    );
  }
  return (
    <section aria-labelledby="helpful-heading" className="rounded-xl border border-slate-200 bg-white p-4">
      <h2 id="helpful-heading" className="font-semibold">
        {t("content:helpful.question")}
      </h2>
      <Form method="post" {...getFormProps(form)} className="mt-2 space-y-3">
        <ChoiceField
          legend={<span className="sr-only">{t("content:helpful.question")}</span>}
          field={fields.answer}
          type="radio"
          options={[
            { value: "yes", label: t("content:helpful.yes") },
            { value: "no", label: t("content:helpful.no") },
          ]}
        />
        <TextareaField field={fields.comment} label={t("content:helpful.comment")} rows={2} maxLength={500} />
        <FormErrors id={form.errorId} errors={form.errors} />
        <IntentButton intent="helpful" variant="secondary">
          {t("content:helpful.send")}
        </IntentButton>
        {previous !== null ? <p className="text-sm text-slate-700">{t("content:helpful.answered")}</p> : null}
      </Form>
    </section>
  );
}
