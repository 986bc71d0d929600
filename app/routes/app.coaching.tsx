import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { UpgradeRequiredBoundary } from "~/components/billing/upgrade-required";
import { StatusButton } from "~/components/ui/button";
import { ErrorList } from "~/components/ui/field";
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
  "request-coach": intent(requestSchema, async (input, { request }) => {
    const { user } = await requireEntitlement(request, "coach-chat");
    await requestCoach(db(), user.id, input);
    return { messageKey: "billing:coaching.requested" };
  }),
  withdraw: intent(z.object({}), async (_input, { request }) => {
    const { user } = await requireEntitlement(request, "coach-chat");
    await withdrawCoachRequest(db(), user.id);
    return { messageKey: "billing:coaching.withdrawn" };
  }),
});

export const ErrorBoundary = UpgradeRequiredBoundary;

export default function CoachingPage() {
  const { t } = useTranslation("billing");
  const { request, locale } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failure = actionData && !actionData.ok ? actionData.submission : undefined;
  const busy = useNavigation().state !== "idle";
  return (
    <section className="mx-auto max-w-2xl">
      <h1 className="text-2xl font-bold">{t("coaching.title")}</h1>
      <p className="mt-2 text-slate-700">{t("coaching.intro")}</p>
      {actionData?.ok ? (
        <p role="status" className="mt-4 rounded-md bg-emerald-50 p-3 text-emerald-900">
          {t(actionData.result.messageKey)}
        </p>
      ) : null}
      <ErrorList errors={failure?.error?.[""]} />
      {request ? (
        <div className="mt-6 rounded-lg border border-slate-200 bg-white p-4">
          <p className="font-semibold">
            {request.status === "accepted" ? t("coaching.acceptedBy", { name: request.coachName ?? "" }) : t("coaching.waiting")}
          </p>
          <p className="mt-2 text-sm whitespace-pre-line text-slate-700">{request.note}</p>
          <p className="mt-1 text-xs text-slate-600">{request.createdAt}</p>
          {request.status === "waiting" ? (
            <Form method="post" className="mt-3">
              <input type="hidden" name="intent" value="withdraw" />
              <StatusButton variant="secondary" pending={busy}>
                {t("coaching.withdraw")}
              </StatusButton>
            </Form>
          ) : null}
        </div>
      ) : (
        <Form method="post" className="mt-6 space-y-4">
          <input type="hidden" name="intent" value="request-coach" />
          <div>
            <label htmlFor="note" className="block text-sm font-medium">
              {t("coaching.note")}
            </label>
            <p id="note-hint" className="text-sm text-slate-600">
              {t("coaching.noteHint")}
            </p>
            <textarea
              id="note"
              name="note"
              rows={4}
              maxLength={500}
              required
              aria-describedby="note-hint note-error"
              className="mt-1 block w-full rounded-md border border-slate-400 px-3 py-2"
            />
            <ErrorList id="note-error" errors={failure?.error?.note} />
          </div>
          <div>
            <label htmlFor="preferredLanguage" className="block text-sm font-medium">
              {t("coaching.language")}
            </label>
            <select
              id="preferredLanguage"
              name="preferredLanguage"
              defaultValue={locale}
              className="mt-1 block rounded-md border border-slate-400 px-3 py-2"
            >
              <option value="vi">{t("common:languages.vi")}</option>
              <option value="en">{t("common:languages.en")}</option>
            </select>
          </div>
          <StatusButton pending={busy}>{t("coaching.submit")}</StatusButton>
        </Form>
      )}
    </section>
  );
}
