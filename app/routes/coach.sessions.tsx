import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { CalendarFeed } from "~/components/sessions/calendar-feed";
import { FormErrors } from "~/components/ui/field";
import { ButtonForm, IntentButton, submissionFor } from "~/components/ui/form";
import { SuccessMessage } from "~/components/ui/form-status";
import { db } from "#db/client.server";
import { formatDate, formatNumber } from "~/lib/format";
import { resolveLocale } from "~/lib/i18n";
import { intent, typedAction } from "~/lib/typed-action";
import { requireRole } from "~/modules/identity/auth.server";
import { cancelSession, coachSessions, confirmSession } from "~/modules/sessions/booking.server";
import { calendarFeedStatus, createCalendarFeed, revokeCalendarFeed } from "~/modules/sessions/calendar-feed.server";
import { coachCancelSchema, sessionIdSchema } from "~/modules/sessions/forms";
import { coachRatings } from "~/modules/sessions/ratings.server";
import { sessionView } from "~/modules/sessions/view.server";

export const handle = { i18n: ["sessions"] };

export const meta: MetaFunction = () => [{ title: "Sessions · QuitPath coach" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const coach = await requireRole(request, "coach");
  const locale = resolveLocale(request, coach.locale);
  const [sessions, feed, ratings] = await Promise.all([
    coachSessions(db(), coach.id, new Date()),
    calendarFeedStatus(db(), coach.id),
    coachRatings(db(), [coach.id]),
  ]);
  const view = (items: typeof sessions.requested) =>
    items.map((i) => ({
      ...sessionView(i.session, locale, coach.timeZone),
      name: i.otherName,
      stars: i.rating?.stars ?? null,
      comment: i.rating?.comment ?? "",
    }));
  const mine = ratings.get(coach.id);
  return {
    requested: view(sessions.requested),
    upcoming: view(sessions.upcoming),
    past: view(sessions.past),
    feedSince: feed ? formatDate(feed.createdAt, locale, coach.timeZone) : null,
    rating:
      mine && mine.average !== null
        ? { average: formatNumber(mine.average, locale, { maximumFractionDigits: 1 }), count: mine.count }
        : null,
  };
}

export const action = typedAction({
  guard: ({ request }) => requireRole(request, "coach"),
  intents: (coach) => ({
    confirm: intent(sessionIdSchema, async ({ sessionId }) => {
      await confirmSession(db(), coach.id, sessionId, new Date());
      return { messageKey: "sessions:coach.confirmed" };
    }),
    decline: intent(coachCancelSchema, async ({ sessionId, reason }) => {
      await cancelSession(db(), { id: coach.id, role: "coach" }, sessionId, reason, new Date());
      return { messageKey: "sessions:coach.declined" };
    }),
    cancel: intent(coachCancelSchema, async ({ sessionId, reason }) => {
      await cancelSession(db(), { id: coach.id, role: "coach" }, sessionId, reason, new Date());
      return { messageKey: "sessions:coach.cancelled" };
    }),
    "create-feed": intent(z.object({}), async () => ({ messageKey: null, feedUrl: (await createCalendarFeed(db(), coach.id)).url })),
    "revoke-feed": intent(z.object({}), async () => {
      await revokeCalendarFeed(db(), coach.id);
      return { messageKey: "sessions:feed.revoked" };
    }),
  }),
});

type Row = ReturnType<typeof useLoaderData<typeof loader>>["requested"][number];
type Answer = ReturnType<typeof useActionData<typeof action>>;

/** A request or confirmed session with the coach's message box: one small form per row, no conform state. */
function WithReason({ row, intentName, label, answer }: { row: Row; intentName: "decline" | "cancel"; label: string; answer: Answer }) {
  const { t } = useTranslation();
  const failed = submissionFor(answer, intentName, { sessionId: row.id });
  const errors = Object.values(failed?.error ?? {}).flat();
  const id = `${intentName}-${row.id}`;
  return (
    <Form method="post" className="flex flex-wrap items-end gap-2" aria-describedby={errors.length ? `${id}-error` : undefined}>
      <input type="hidden" name="sessionId" value={row.id} />
      <label className="text-sm">
        <span className="block">{t("sessions:coach.reason")}</span>
        <input name="reason" id={`${id}-reason`} className="mt-1 rounded-md border border-slate-300 px-2 py-1" maxLength={500} />
      </label>
      <IntentButton intent={intentName} values={{ sessionId: row.id }} variant="secondary">
        {label}
      </IntentButton>
      <FormErrors id={`${id}-error`} errors={errors} />
    </Form>
  );
}

export default function CoachSessionsPage() {
  const { t } = useTranslation();
  const { requested, upcoming, past, feedSince, rating } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const result = answer?.ok ? answer.result : null;
  const item = (row: Row, actions: React.ReactNode) => (
    <li key={row.id} className="space-y-2 p-3" data-session={row.id}>
      <p className="font-medium">
        {row.when} · {row.name} · <span data-status={row.status}>{t(`sessions:status.${row.status}`)}</span>
      </p>
      {row.topic ? <p className="whitespace-pre-wrap text-sm text-slate-700">{t("sessions:coach.topic", { topic: row.topic })}</p> : null}
      {row.stars !== null ? (
        <p className="text-sm">
          {t("sessions:coach.rating", { stars: row.stars })}
          {row.comment ? ` — ${row.comment}` : ""}
        </p>
      ) : null}
      {actions}
    </li>
  );
  return (
    <section className="space-y-8">
      <header className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-bold">{t("sessions:coach.title")}</h1>
        <Link to="/coach/availability" className="font-semibold text-emerald-800 underline">
          {t("sessions:coach.availability")}
        </Link>
      </header>
      <p>{rating ? t("sessions:coach.yourRating", rating) : t("sessions:coach.noRatings")}</p>
      <SuccessMessage messageKey={result && "messageKey" in result ? result.messageKey : null} />
      <section>
        <h2 className="text-lg font-semibold">{t("sessions:coach.requests")}</h2>
        {requested.length === 0 ? (
          <p className="text-slate-700">{t("sessions:coach.noRequests")}</p>
        ) : (
          <ul className="mt-2 divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white">
            {requested.map((row) =>
              item(
                row,
                <div className="flex flex-wrap items-end gap-4">
                  <ButtonForm answer={answer} intent="confirm" values={{ sessionId: row.id }}>
                    {t("sessions:coach.confirm")}
                  </ButtonForm>
                  <WithReason row={row} intentName="decline" label={t("sessions:coach.decline")} answer={answer} />
                </div>,
              ),
            )}
          </ul>
        )}
      </section>
      <section>
        <h2 className="text-lg font-semibold">{t("sessions:coach.upcoming")}</h2>
        {upcoming.length === 0 ? (
          <p className="text-slate-700">{t("sessions:coach.noUpcoming")}</p>
        ) : (
          <ul className="mt-2 divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white">
            {upcoming.map((row) =>
              item(row, <WithReason row={row} intentName="cancel" label={t("sessions:coach.cancel")} answer={answer} />),
            )}
          </ul>
        )}
      </section>
      <section>
        <h2 className="text-lg font-semibold">{t("sessions:coach.past")}</h2>
        {past.length === 0 ? (
          <p className="text-slate-700">{t("sessions:coach.noPast")}</p>
        ) : (
          <ul className="mt-2 divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white">
            {past.map((row) => item(row, null))}
          </ul>
        )}
      </section>
      <CalendarFeed answer={answer} activeSince={feedSince} createdUrl={result && "feedUrl" in result ? result.feedUrl : null} />
    </section>
  );
}
