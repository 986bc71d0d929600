import { getFormProps } from "@conform-to/react";
import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { UpgradeRequiredBoundary } from "~/components/billing/upgrade-required";
import { CalendarFeed } from "~/components/sessions/calendar-feed";
import { SessionList } from "~/components/sessions/session-list";
import { SlotPicker } from "~/components/sessions/slot-picker";
import { CheckboxField } from "~/components/ui/field";
import { IntentButton, useIntentForm } from "~/components/ui/form";
import { SuccessMessage } from "~/components/ui/form-status";
import { db } from "#db/client.server";
import { formatDate } from "~/lib/format";
import { resolveLocale } from "~/lib/i18n";
import { intent, typedAction } from "~/lib/typed-action";
import { requireEntitlement } from "~/modules/billing/entitlements.server";
import { activeAssignment } from "~/modules/coaching/access.server";
import { bookSession, memberSessions } from "~/modules/sessions/booking.server";
import { calendarFeedStatus, createCalendarFeed, revokeCalendarFeed } from "~/modules/sessions/calendar-feed.server";
import { bookSchema, remindersSchema } from "~/modules/sessions/forms";
import { saveSessionPreferences, sessionPreferencesOf } from "~/modules/sessions/reminders.server";
import { sessionView } from "~/modules/sessions/view.server";
import { slotPicker } from "~/modules/sessions/view.server";
import { z } from "zod";

export const handle = { i18n: ["sessions", "pricing"] };

export const meta: MetaFunction = () => [{ title: "Coaching sessions · QuitPath" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireEntitlement(request, "video-sessions");
  const locale = resolveLocale(request, user.locale);
  const now = new Date();
  const assignment = await activeAssignment(db(), user.id);
  const [sessions, feed, preferences] = await Promise.all([
    memberSessions(db(), user.id, now),
    calendarFeedStatus(db(), user.id),
    sessionPreferencesOf(db(), user.id),
  ]);
  const day = new URL(request.url).searchParams.get("day");
  const picker = assignment ? await slotPicker(db(), assignment.coachId, { locale, timeZone: user.timeZone }, day, now) : null;
  const view = (items: typeof sessions.upcoming) =>
    items.map((i) => ({ ...sessionView(i.session, locale, user.timeZone), name: i.otherName, stars: i.rating?.stars ?? null }));
  return {
    timeZone: user.timeZone,
    picker,
    upcoming: view(sessions.upcoming),
    past: view(sessions.past),
    feedSince: feed ? formatDate(feed.createdAt, locale, user.timeZone) : null,
    preferences,
  };
}

export const action = typedAction({
  guard: ({ request }) => requireEntitlement(request, "video-sessions"),
  intents: ({ user }) => ({
    book: intent(bookSchema, async (input) => {
      const session = await bookSession(db(), user.id, input, new Date());
      return { messageKey: "sessions:book.booked", sessionId: session.id };
    }),
    "save-reminders": intent(remindersSchema, async (input) => {
      await saveSessionPreferences(db(), user.id, input);
      return { messageKey: "sessions:reminders.saved" };
    }),
    "create-feed": intent(z.object({}), async () => ({ messageKey: null, feedUrl: (await createCalendarFeed(db(), user.id)).url })),
    "revoke-feed": intent(z.object({}), async () => {
      await revokeCalendarFeed(db(), user.id);
      return { messageKey: "sessions:feed.revoked" };
    }),
  }),
});

export const ErrorBoundary = UpgradeRequiredBoundary;

export default function MemberSessionsPage() {
  const { t } = useTranslation();
  const { timeZone, picker, upcoming, past, feedSince, preferences } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const [remindersForm, reminderFields] = useIntentForm({
    answer,
    intent: "save-reminders",
    schema: remindersSchema,
    defaultValue: { lastReminderInQuietHours: preferences.lastReminderInQuietHours ? "on" : undefined },
  });
  const result = answer?.ok ? answer.result : null;
  return (
    <section className="space-y-8">
      <header>
        <h1 className="text-2xl font-bold">{t("sessions:title")}</h1>
        <p className="mt-2 text-slate-700">{t("sessions:intro")}</p>
        <p className="mt-1 text-sm text-slate-600">{t("sessions:timesIn", { timeZone })}</p>
      </header>
      <SuccessMessage messageKey={result && "messageKey" in result ? result.messageKey : null} />
      <section>
        <h2 className="text-lg font-semibold">{t("sessions:upcoming")}</h2>
        <SessionList items={upcoming} empty={t("sessions:noUpcoming")} hrefOf={(id) => `/app/coach/sessions/${id}`} />
      </section>
      <section className="rounded-xl border border-slate-200 bg-white p-4">
        <h2 className="mb-3 text-lg font-semibold">{t("sessions:book.title")}</h2>
        {picker ? (
          <SlotPicker picker={picker} answer={answer} intent="book" submitLabel={t("sessions:book.submit")} />
        ) : (
          <p>
            {t("sessions:noCoach")}{" "}
            <Link to="/app/coach/choose" className="font-semibold text-emerald-800 underline">
              {t("sessions:chooseCoach")}
            </Link>
          </p>
        )}
      </section>
      <section>
        <h2 className="text-lg font-semibold">{t("sessions:past")}</h2>
        <SessionList items={past} empty={t("sessions:noPast")} hrefOf={(id) => `/app/coach/sessions/${id}`} />
      </section>
      <section className="rounded-xl border border-slate-200 bg-white p-4">
        <h2 className="text-lg font-semibold">{t("sessions:reminders.title")}</h2>
        <p className="mt-1 text-sm text-slate-700">{t("sessions:reminders.intro")}</p>
        <Form method="post" {...getFormProps(remindersForm)} className="mt-3 space-y-3">
          <CheckboxField field={reminderFields.lastReminderInQuietHours} label={t("sessions:reminders.lastInQuiet")} />
          <IntentButton intent="save-reminders" variant="secondary">
            {t("sessions:reminders.save")}
          </IntentButton>
        </Form>
      </section>
      <CalendarFeed answer={answer} activeSince={feedSince} createdUrl={result && "feedUrl" in result ? result.feedUrl : null} />
    </section>
  );
}
