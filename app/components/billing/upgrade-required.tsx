import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { buttonClass } from "~/components/ui/button";
import { formatMoney } from "~/lib/format";
import { isLocale } from "~/lib/i18n";
import type { UpgradeRequired } from "~/modules/billing/entitlements.server";
import { ErrorMessage } from "~/root";

const FEATURE_LABEL: Record<string, string> = {
  "coach-chat": "pricing:entitlements.coachChat.label",
  "video-sessions": "pricing:entitlements.videoSessions.label",
  "ai-coach": "pricing:entitlements.aiCoach.label",
  "premium-content": "pricing:entitlements.premiumContent.label",
};

/** The 403 page of a premium feature: what premium adds, and the way to upgrade. Never a blank error. */
export function UpgradeRequiredPage({ info }: { info: UpgradeRequired }) {
  const { t, i18n } = useTranslation();
  const locale = isLocale(i18n.language) ? i18n.language : "en";
  const currency = locale === "vi" ? "VND" : "USD";
  const monthly = info.offer?.monthly.find((p) => p.currency === currency) ?? info.offer?.monthly[0];
  return (
    <section className="mx-auto max-w-2xl px-4 py-12" aria-labelledby="upgrade-title">
      <p className="text-sm font-semibold text-emerald-800">403</p>
      <h1 id="upgrade-title" className="mt-1 text-3xl font-bold">
        {t("pricing:upgrade.title")}
      </h1>
      <p className="mt-3 text-slate-700">
        {t("pricing:upgrade.intro", { feature: t(FEATURE_LABEL[info.feature] ?? "pricing:entitlements.coachChat.label") })}
      </p>
      {info.reason === "ended" ? (
        <p className="mt-3 rounded-md bg-amber-50 p-3 text-amber-900">
          {info.pastDue ? t("pricing:upgrade.pastDueNote") : t("pricing:upgrade.endedShort")}
        </p>
      ) : null}
      {info.adds.length > 0 ? (
        <>
          <h2 className="mt-6 text-lg font-semibold">{t("pricing:upgrade.whatPremiumAdds")}</h2>
          <ul className="mt-2 space-y-2">
            {info.adds.map((entry) => (
              <li key={entry.key} className="rounded-md border border-slate-200 bg-white p-3">
                <p className="font-medium">✓ {t(entry.labelKey)}</p>
                <p className="text-sm text-slate-700">{t(entry.descriptionKey)}</p>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <p className="mt-4 text-sm text-slate-700">{t("pricing:upgrade.basicKeeps")}</p>
      {monthly ? (
        <p className="mt-4 font-semibold">
          {t("pricing:upgrade.fromPrice", { amount: formatMoney(monthly.amountMinor, monthly.currency, locale) })}
        </p>
      ) : null}
      <div className="mt-6 flex flex-wrap gap-3">
        {info.pastDue ? (
          <Link to="/app/billing" className={buttonClass("primary")}>
            {t("pricing:upgrade.updateCard")}
          </Link>
        ) : (
          <Link to="/pricing" className={buttonClass("primary")}>
            {t("pricing:upgrade.cta", { name: info.offer ? info.offer.name[locale] : "Premium" })}
          </Link>
        )}
        <Link to="/app" className={buttonClass("secondary")}>
          {t("pricing:upgrade.notNow")}
        </Link>
      </div>
    </section>
  );
}

export function isUpgradeRequired(value: unknown): value is UpgradeRequired {
  return typeof value === "object" && value !== null && (value as { kind?: unknown }).kind === "upgrade-required";
}

/** Export as a premium route's ErrorBoundary. */
export function UpgradeRequiredBoundary() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 403 && isUpgradeRequired(error.data))
    return <UpgradeRequiredPage info={error.data} />;
  return <ErrorMessage error={error} />;
}
