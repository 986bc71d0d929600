import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FeedbackForm } from "~/components/sessions/feedback-form";
import { SuccessMessage } from "~/components/ui/form-status";
import { db } from "#db/client.server";
import { formatDate } from "~/lib/format";
import { resolveLocale } from "~/lib/i18n";
import { intent, typedAction } from "~/lib/typed-action";
import { requireUser } from "~/modules/identity/auth.server";
import { memberFeedback, submitFeedback } from "~/modules/sessions/feedback.server";
import { feedbackSchema } from "~/modules/sessions/forms";

export const handle = { i18n: ["sessions", "auth"] };

export const meta: MetaFunction = () => [{ title: "Feedback · QuitPath" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const locale = resolveLocale(request, user.locale);
  const items = await memberFeedback(db(), user.id);
  return {
    items: items.map((i) => ({
      id: i.id,
      category: i.category,
      status: i.status,
      message: i.message,
      response: i.response,
      date: formatDate(i.createdAt, locale, user.timeZone),
    })),
  };
}

export const action = typedAction({
  guard: ({ request }) => requireUser(request),
  intents: (user) => ({
    "send-feedback": intent(
      feedbackSchema,
      async (input, { request }) => {
        await submitFeedback(db(), { userId: user.id, rateKey: `user:${user.id}`, locale: resolveLocale(request, user.locale) }, input);
        return { messageKey: "sessions:feedback.thanks" };
      },
      { honeypot: true },
    ),
  }),
});

export default function MemberFeedbackPage() {
  const { t } = useTranslation();
  const { items } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  return (
    <section className="space-y-6">
      <h1 className="text-2xl font-bold">{t("sessions:feedback.title")}</h1>
      <p className="text-slate-700">{t("sessions:feedback.intro")}</p>
      <SuccessMessage messageKey={answer?.ok ? answer.result.messageKey : null} />
      <FeedbackForm answer={answer} honeypot />
      {items.length > 0 ? (
        <section>
          <h2 className="text-lg font-semibold">{t("sessions:feedback.yours")}</h2>
          <ul className="mt-2 divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white">
            {items.map((i) => (
              <li key={i.id} className="p-3 text-sm">
                <p className="text-slate-600">
                  {i.date} · {t(`sessions:feedback.categories.${i.category}`)} · {t(`sessions:feedback.statuses.${i.status}`)}
                </p>
                <p className="whitespace-pre-wrap">{i.message}</p>
                {i.response ? (
                  <p className="mt-1 whitespace-pre-wrap font-medium">{t("sessions:feedback.answer", { response: i.response })}</p>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </section>
  );
}
