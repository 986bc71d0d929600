import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ButtonForm } from "~/components/ui/form";
import { SuccessMessage } from "~/components/ui/form-status";
import { formatDateTime } from "~/lib/format";
import { resolveLocale } from "~/lib/i18n";
import { intent, typedAction } from "~/lib/typed-action";
import { db } from "#db/client.server";
import { consentStatus, deleteCollectedHealthData, withdrawConsent } from "~/modules/journey/consent.server";
import { requireUser } from "~/modules/identity/auth.server";

export const handle = { i18n: ["journey"] };

export const meta: MetaFunction = () => [{ title: "Health data consent · QuitPath" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const consent = await consentStatus(db(), user.id);
  return {
    locale: resolveLocale(request, user.locale),
    timeZone: user.timeZone,
    withdrawnNow: new URL(request.url).searchParams.get("withdrawn") === "1",
    consent: consent
      ? {
          purposeVersion: consent.purposeVersion,
          grantedAt: consent.grantedAt.toISOString(),
          withdrawnAt: consent.withdrawnAt?.toISOString() ?? null,
        }
      : null,
  };
}

export const action = typedAction({
  guard: ({ request }) => requireUser(request),
  intents: (user) => ({
    "withdraw-consent": intent(z.object({}), async () => {
      await withdrawConsent(db(), user.id);
      return redirect("/app/consent?withdrawn=1");
    }),
    "delete-health-data": intent(z.object({}), async () => {
      await deleteCollectedHealthData(db(), user.id);
      return { messageKey: "journey:consent.healthDataDeleted" };
    }),
  }),
});

export default function ConsentPage() {
  const { t } = useTranslation("journey");
  const { consent, locale, timeZone, withdrawnNow } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const live = consent && !consent.withdrawnAt;
  return (
    <section aria-labelledby="consent-page-heading" className="mx-auto max-w-2xl space-y-4 rounded-xl border border-slate-200 bg-white p-6">
      <h1 id="consent-page-heading" className="text-2xl font-bold">
        {t("consent.pageTitle")}
      </h1>
      <SuccessMessage
        messageKey={
          actionData?.ok && "messageKey" in actionData.result
            ? actionData.result.messageKey
            : withdrawnNow
              ? "journey:consent.withdrawnDone"
              : null
        }
      />
      {live ? (
        <>
          <p>{t("consent.given", { version: consent.purposeVersion, when: formatDateTime(consent.grantedAt, locale, timeZone) })}</p>
          <p className="text-slate-700">{t("consent.withdrawExplained")}</p>
          <ButtonForm answer={actionData} intent="withdraw-consent" variant="danger">
            {t("consent.withdrawButton")}
          </ButtonForm>
        </>
      ) : (
        <>
          <p>{consent ? t("consent.withdrawnAt", { when: formatDateTime(consent.withdrawnAt!, locale, timeZone) }) : t("consent.none")}</p>
          <Link to="/app/onboarding" className="font-semibold text-emerald-800 underline">
            {t("consent.giveAgain")}
          </Link>
          {consent ? (
            <div className="space-y-2 border-t border-slate-200 pt-4">
              <p className="text-slate-700">{t("consent.deleteExplained")}</p>
              <ButtonForm answer={actionData} intent="delete-health-data" variant="danger">
                {t("consent.deleteButton")}
              </ButtonForm>
            </div>
          ) : null}
        </>
      )}
    </section>
  );
}
