import { getFormProps } from "@conform-to/react";
import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { UpgradeRequiredBoundary } from "~/components/billing/upgrade-required";
import { FormErrors, SelectField, TextareaField } from "~/components/ui/field";
import { IntentButton, useIntentForm } from "~/components/ui/form";
import { SuccessMessage } from "~/components/ui/form-status";
import { db } from "#db/client.server";
import { formatDateTime } from "~/lib/format";
import { orErrorPage } from "~/lib/http";
import { resolveLocale } from "~/lib/i18n";
import { intent, typedAction } from "~/lib/typed-action";
import { requireEntitlement } from "~/modules/billing/entitlements.server";
import { coachAvailability } from "~/modules/sessions/availability.server";
import { cancelSession, memberSession } from "~/modules/sessions/booking.server";
import { cancelSchema } from "~/modules/sessions/forms";
import { ratingEditableUntil, ratingSchema } from "~/modules/sessions/ratings";
import { rateSession } from "~/modules/sessions/ratings.server";
import { sessionView } from "~/modules/sessions/view.server";
import { textLinkClass } from "~/components/ui/button";

export const handle = { i18n: ["sessions", "pricing"] };

export const meta: MetaFunction = () => [{ title: "Coaching session · QuitPath" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requireEntitlement(request, "video-sessions");
  const locale = resolveLocale(request, user.locale);
  const { session, coachName, rating } = await orErrorPage(memberSession(db(), user.id, params.sessionId ?? ""));
  const { noticeMinutes } = await coachAvailability(db(), session.coachId);
  const now = new Date();
  const live = session.status === "requested" || session.status === "confirmed";
  return {
    session: sessionView(session, locale, user.timeZone),
    coachName,
    noticeHours: Math.round((noticeMinutes / 60) * 10) / 10,
    changeable: live && session.startsAt.getTime() - now.getTime() >= noticeMinutes * 60_000,
    rateable: session.status === "completed" && (!rating || now <= ratingEditableUntil(rating.createdAt)),
    rating: rating
      ? {
          stars: rating.stars,
          comment: rating.comment,
          editableUntil: formatDateTime(ratingEditableUntil(rating.createdAt), locale, user.timeZone),
        }
      : null,
  };
}

export const action = typedAction({
  guard: ({ request }) => requireEntitlement(request, "video-sessions"),
  intents: ({ user }) => ({
    cancel: intent(cancelSchema, async ({ reason }, { params }) => {
      await cancelSession(db(), { id: user.id, role: "member" }, params.sessionId ?? "", reason, new Date());
      return { messageKey: "sessions:detail.cancelled" };
    }),
    rate: intent(ratingSchema, async (input, { params }) => {
      await rateSession(db(), user.id, params.sessionId ?? "", input, new Date());
      return { messageKey: "sessions:rate.saved" };
    }),
  }),
});

export const ErrorBoundary = UpgradeRequiredBoundary;

export default function SessionDetailPage() {
  const { t } = useTranslation();
  const { session, coachName, noticeHours, changeable, rateable, rating } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const [cancelForm, cancelFields] = useIntentForm({ answer, intent: "cancel", schema: cancelSchema });
  const [rateForm, rateFields] = useIntentForm({
    answer,
    intent: "rate",
    schema: ratingSchema,
    defaultValue: { stars: String(rating?.stars ?? 5), comment: rating?.comment ?? "" },
  });
  return (
    <section className="space-y-6">
      <p>
        <Link to="/app/coach/sessions" className={`${textLinkClass} text-sm font-semibold text-emerald-800 underline`}>
          {t("sessions:detail.back")}
        </Link>
      </p>
      <h1 className="text-2xl font-bold">{t("sessions:detail.title")}</h1>
      <SuccessMessage messageKey={answer?.ok ? answer.result.messageKey : null} />
      <dl className="grid gap-2 sm:grid-cols-[10rem_1fr]">
        <dt className="font-semibold">{t("sessions:detail.when")}</dt>
        <dd>{session.when}</dd>
        <dt className="font-semibold">{t("sessions:withName", { name: coachName })}</dt>
        <dd data-status={session.status}>{t(`sessions:status.${session.status}`)}</dd>
        <dt className="font-semibold">{t("sessions:detail.topic")}</dt>
        <dd className="whitespace-pre-wrap">{session.topic || t("sessions:detail.noTopic")}</dd>
      </dl>
      {session.cancelReason ? <p>{t("sessions:detail.cancelledBy", { reason: session.cancelReason })}</p> : null}
      {changeable ? (
        <section className="space-y-3 rounded-xl border border-slate-200 bg-white p-4">
          <p className="text-sm text-slate-700">{t("sessions:detail.noticeRule", { hours: noticeHours })}</p>
          <Link to={`/app/coach/sessions/${session.id}/reschedule`} className="font-semibold text-emerald-800 underline">
            {t("sessions:detail.reschedule")}
          </Link>
          <Form method="post" {...getFormProps(cancelForm)} className="space-y-3">
            <h2 className="text-lg font-semibold">{t("sessions:detail.cancelTitle")}</h2>
            <FormErrors id={cancelForm.errorId} errors={cancelForm.errors} />
            <TextareaField field={cancelFields.reason} label={t("sessions:detail.cancelReason")} rows={2} />
            <IntentButton intent="cancel" variant="danger">
              {t("sessions:detail.cancel")}
            </IntentButton>
          </Form>
        </section>
      ) : null}
      {rating ? <p>{t("sessions:rate.yours", { stars: rating.stars })}</p> : null}
      {rateable ? (
        <Form method="post" {...getFormProps(rateForm)} className="space-y-3 rounded-xl border border-slate-200 bg-white p-4">
          <h2 className="text-lg font-semibold">{t("sessions:rate.title")}</h2>
          {rating ? <p className="text-sm text-slate-700">{t("sessions:rate.editableUntil", { date: rating.editableUntil })}</p> : null}
          <FormErrors id={rateForm.errorId} errors={rateForm.errors} />
          <SelectField
            field={rateFields.stars}
            label={t("sessions:rate.stars")}
            options={[5, 4, 3, 2, 1].map((n) => ({ value: String(n), label: t("sessions:rate.starOption", { count: n }) }))}
          />
          <TextareaField field={rateFields.comment} label={t("sessions:rate.comment")} rows={3} />
          <IntentButton intent="rate">{t("sessions:rate.submit")}</IntentButton>
        </Form>
      ) : null}
    </section>
  );
}
