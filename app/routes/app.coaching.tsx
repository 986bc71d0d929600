import { getFormProps } from "@conform-to/react";
import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { UpgradeRequiredBoundary } from "~/components/billing/upgrade-required";
import { FormErrors, SelectField, TextareaField } from "~/components/ui/field";
import { ButtonForm, IntentButton, useIntentForm } from "~/components/ui/form";
import { SuccessMessage } from "~/components/ui/form-status";
import { db } from "#db/client.server";
import { formatDateTime } from "~/lib/format";
import { resolveLocale } from "~/lib/i18n";
import { intent, typedAction } from "~/lib/typed-action";
import { ownCoachRequest, requestCoach, withdrawCoachRequest } from "~/modules/billing/billing.server";
import { requireEntitlement } from "~/modules/billing/entitlements.server";

export const handle = { i18n: ["billing"] };

export const meta: MetaFunction = () => [{ title: "Personal coach · QuitPath" }];

/** "Ask for a personal coach": premium (coach-chat), checked on the server for the page and each action. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireEntitlement(request, "coach-chat");
  const locale = resolveLocale(request, user.locale);
  const current = await ownCoachRequest(db(), user.id);
  return {
    locale,
    request: current
      ? {
          status: current.request.status,
          note: current.request.note,
          coachName: current.coachName,
          createdAt: formatDateTime(current.request.createdAt, locale, user.timeZone),
        }
      : null,
  };
}

const requestSchema = z.object({
  note: z
    .string({ required_error: "billing:coaching.errors.noteRequired" })
    .trim()
    .min(1, "billing:coaching.errors.noteRequired")
    .max(500, "billing:coaching.errors.noteTooLong"),
  preferredLanguage: z.enum(["en", "vi"], { errorMap: () => ({ message: "billing:coaching.errors.languageInvalid" }) }),
});

export const action = typedAction({
  guard: ({ request }) => requireEntitlement(request, "coach-chat"),
  intents: ({ user }) => ({
    "request-coach": intent(requestSchema, async (input) => {
      await requestCoach(db(), user.id, input);
      return { messageKey: "billing:coaching.requested" };
    }),
    withdraw: intent(z.object({}), async () => {
      await withdrawCoachRequest(db(), user.id);
      return { messageKey: "billing:coaching.withdrawn" };
    }),
  }),
});

export const ErrorBoundary = UpgradeRequiredBoundary;

export default function CoachingPage() {
  const { t } = useTranslation("billing");
  const { request, locale } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <section className="mx-auto max-w-2xl">
      <h1 className="text-2xl font-bold">{t("coaching.title")}</h1>
      <p className="mt-2 text-slate-700">{t("coaching.intro")}</p>
      <div className="mt-4">
        <SuccessMessage messageKey={actionData?.ok ? actionData.result.messageKey : null} />
      </div>
      {request ? (
        <div className="mt-6 rounded-lg border border-slate-200 bg-white p-4">
          <p className="font-semibold">
            {request.status === "accepted" ? t("coaching.acceptedBy", { name: request.coachName ?? "" }) : t("coaching.waiting")}
          </p>
          <p className="mt-2 text-sm whitespace-pre-line text-slate-700">{request.note}</p>
          <p className="mt-1 text-xs text-slate-600">{request.createdAt}</p>
          {request.status === "waiting" ? (
            <ButtonForm answer={actionData} intent="withdraw" variant="secondary" formClassName="mt-3">
              {t("coaching.withdraw")}
            </ButtonForm>
          ) : null}
        </div>
      ) : (
        <CoachRequestForm locale={locale} />
      )}
    </section>
  );
}

function CoachRequestForm({ locale }: { locale: string }) {
  const { t } = useTranslation("billing");
  const [form, fields] = useIntentForm({
    answer: useActionData<typeof action>(),
    intent: "request-coach",
    schema: requestSchema,
    defaultValue: { preferredLanguage: locale },
  });
  return (
    <Form method="post" {...getFormProps(form)} className="mt-6 space-y-4">
      <TextareaField field={fields.note} label={t("coaching.note")} hint={t("coaching.noteHint")} rows={4} />
      <SelectField
        field={fields.preferredLanguage}
        label={t("coaching.language")}
        options={[
          { value: "vi", label: t("common:languages.vi") },
          { value: "en", label: t("common:languages.en") },
        ]}
      />
      <FormErrors id={form.errorId} errors={form.errors} />
      <IntentButton intent="request-coach">{t("coaching.submit")}</IntentButton>
    </Form>
  );
}
