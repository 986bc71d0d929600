import { type MetaFunction } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FeedbackForm } from "~/components/sessions/feedback-form";
import { SuccessMessage } from "~/components/ui/form-status";
import { db } from "#db/client.server";
import { resolveLocale } from "~/lib/i18n";
import { clientIpOf } from "~/lib/request.server";
import { anyone, intent, typedAction } from "~/lib/typed-action";
import { submitFeedback } from "~/modules/sessions/feedback.server";
import { feedbackSchema } from "~/modules/sessions/forms";

export const handle = { i18n: ["sessions", "auth"] };

export const meta: MetaFunction = () => [{ title: "Feedback · QuitPath" }];

export const action = typedAction({
  guard: anyone,
  intents: {
    "send-feedback": intent(
      feedbackSchema,
      async (input, { request }) => {
        await submitFeedback(db(), { userId: null, rateKey: `ip:${clientIpOf(request)}`, locale: resolveLocale(request) }, input);
        return { messageKey: "sessions:feedback.thanks" };
      },
      { honeypot: true },
    ),
  },
});

export default function VisitorFeedbackPage() {
  const { t } = useTranslation();
  const answer = useActionData<typeof action>();
  return (
    <section className="mx-auto w-full max-w-2xl space-y-6 px-4 py-8">
      <h1 className="text-2xl font-bold">{t("sessions:feedback.title")}</h1>
      <p className="text-slate-700">{t("sessions:feedback.intro")}</p>
      <SuccessMessage messageKey={answer?.ok ? answer.result.messageKey : null} />
      {answer?.ok ? null : <FeedbackForm answer={answer} honeypot />}
    </section>
  );
}
