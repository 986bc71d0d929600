import { redirect } from "@remix-run/node";
import { Link, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormErrors } from "~/components/ui/field";
import { DomainError } from "~/lib/domain-error";
import { intent, typedAction } from "~/lib/typed-action";
import { db } from "#db/client.server";
import { checkIn } from "~/modules/journey/logs.server";
import { checkInSchema } from "~/modules/journey/profile";
import { requireMemberDay } from "~/modules/identity/auth.server";

export const handle = { i18n: ["journey"] };

/** The one-tap check-in posted from the header and the dashboard; answers with the dashboard. */
export async function loader() {
  return redirect("/app");
}

export const action = typedAction({
  guard: ({ request }) => requireMemberDay(request),
  intents: ({ user, today }) => ({
    "check-in": intent(checkInSchema(today), async (input) => {
      try {
        await checkIn(db(), user.id, input.date);
      } catch (error) {
        // Without consent the member belongs in onboarding, which explains why.
        if (error instanceof DomainError && error.kind === "forbidden") return redirect("/app/onboarding");
        throw error;
      }
      return redirect("/app?checkedIn=1");
    }),
  }),
});

export default function CheckInAnswer() {
  const { t } = useTranslation("journey");
  const data = useActionData<typeof action>();
  const errors = data && !data.ok ? Object.values(data.submission.error ?? {}).flat() : [];
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-bold">{t("checkIn.title")}</h1>
      <FormErrors errors={errors} />
      <Link to="/app" className="font-semibold text-emerald-800 underline">
        {t("nav.dashboard")}
      </Link>
    </section>
  );
}
