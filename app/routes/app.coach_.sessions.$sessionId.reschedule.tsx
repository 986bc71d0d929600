import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { UpgradeRequiredBoundary } from "~/components/billing/upgrade-required";
import { SlotPicker } from "~/components/sessions/slot-picker";
import { db } from "#db/client.server";
import { orErrorPage } from "~/lib/http";
import { resolveLocale } from "~/lib/i18n";
import { intent, typedAction } from "~/lib/typed-action";
import { requireEntitlement } from "~/modules/billing/entitlements.server";
import { memberSession, rescheduleSession } from "~/modules/sessions/booking.server";
import { rescheduleSchema } from "~/modules/sessions/forms";
import { sessionView, slotPicker } from "~/modules/sessions/view.server";
import { textLinkClass } from "~/components/ui/button";

export const handle = { i18n: ["sessions", "pricing"] };

export const meta: MetaFunction = () => [{ title: "Move a session · QuitPath" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requireEntitlement(request, "video-sessions");
  const locale = resolveLocale(request, user.locale);
  const { session } = await orErrorPage(memberSession(db(), user.id, params.sessionId ?? ""));
  const day = new URL(request.url).searchParams.get("day");
  const picker = await slotPicker(db(), session.coachId, { locale, timeZone: user.timeZone }, day, new Date(), {
    ignoreSessionId: session.id,
  });
  return { session: sessionView(session, locale, user.timeZone), picker };
}

export const action = typedAction({
  guard: ({ request }) => requireEntitlement(request, "video-sessions"),
  intents: ({ user }) => ({
    reschedule: intent(rescheduleSchema, async ({ startsAt }, { params }) => {
      const moved = await rescheduleSession(db(), user.id, params.sessionId ?? "", startsAt, new Date());
      return redirect(`/app/coach/sessions/${moved.id}`);
    }),
  }),
});

export const ErrorBoundary = UpgradeRequiredBoundary;

export default function ReschedulePage() {
  const { t } = useTranslation();
  const { session, picker } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  return (
    <section className="space-y-6">
      <p>
        <Link to={`/app/coach/sessions/${session.id}`} className={`${textLinkClass} text-sm font-semibold text-emerald-800 underline`}>
          {t("sessions:detail.title")}
        </Link>
      </p>
      <h1 className="text-2xl font-bold">{t("sessions:detail.rescheduleTitle")}</h1>
      <p>{session.when}</p>
      <SlotPicker picker={picker} answer={answer} intent="reschedule" submitLabel={t("sessions:detail.rescheduleSubmit")} />
    </section>
  );
}
