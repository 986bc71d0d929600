import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { Link, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { allErrors } from "~/components/journey/inputs";
import { ErrorList } from "~/components/ui/field";
import { DomainError } from "~/lib/domain-error";
import { intent, typedAction } from "~/lib/typed-action";
import { db } from "#db/client.server";
import { localDate } from "~/lib/local-date";
import { checkIn } from "~/modules/journey/logs.server";
import { checkInSchema } from "~/modules/journey/profile";
import { requireUser } from "~/modules/identity/auth.server";

/** The one-tap check-in posted from the header and the dashboard; answers with the dashboard. */
export async function loader() {
  return redirect("/app");
}

export async function action(args: ActionFunctionArgs) {
  const user = await requireUser(args.request);
  const today = localDate(new Date(), user.timeZone);
  return typedAction({
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
  })(args);
}

export default function CheckInAnswer() {
  const { t } = useTranslation("journey");
  const data = useActionData<typeof action>();
  const errors = data && !data.ok ? allErrors(data.submission.error) : [];
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-bold">{t("checkIn.title")}</h1>
      <ErrorList errors={errors} />
      <Link to="/app" className="font-semibold text-emerald-800 underline">
        {t("nav.dashboard")}
      </Link>
    </section>
  );
}
