import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { BadgeIcon } from "~/components/badges/badge-icon";
import { db } from "#db/client.server";
import { formatDate, formatMoney, formatNumber } from "~/lib/format";
import { resolveLocale } from "~/lib/i18n";
import { memberBadges } from "~/modules/badges/badges.server";
import { requireUser } from "~/modules/identity/auth.server";

export const handle = { i18n: ["badges"] };

export const meta: MetaFunction = () => [{ title: "Badges · QuitPath" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const locale = resolveLocale(request, user.locale);
  return { locale, timeZone: user.timeZone, ...(await memberBadges(db(), user, locale, new Date())) };
}

export default function BadgesPage() {
  const { t } = useTranslation();
  const { earned, upcoming, total, locale, timeZone, currency } = useLoaderData<typeof loader>();
  const amount = (kind: string, value: number) =>
    kind === "money-saved" ? formatMoney(value, currency, locale) : formatNumber(value, locale);
  return (
    <section className="space-y-8">
      <div>
        <h1 className="text-2xl font-bold">{t("badges:page.title")}</h1>
        <p className="text-slate-700">{t("badges:page.intro")}</p>
        <p className="mt-1 text-sm font-medium">{t("badges:page.earnedCount", { earned: earned.length, total })}</p>
      </div>
      <section aria-labelledby="earned-heading">
        <h2 id="earned-heading" className="text-lg font-semibold">
          {t("badges:page.earned")}
        </h2>
        {earned.length === 0 ? (
          <p className="mt-2 text-slate-700">{t("badges:page.empty")}</p>
        ) : (
          <ul className="mt-3 grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
            {earned.map((b) => (
              <li key={b.awardId}>
                <Link
                  to={`/app/badges/${b.awardId}`}
                  className="flex items-center gap-3 rounded-xl border border-slate-200 bg-white p-4 hover:border-emerald-700"
                >
                  <BadgeIcon icon={b.icon} />
                  <span>
                    <span className="block font-semibold">{b.name}</span>
                    {b.milestone ? <span className="block text-sm text-slate-700">{b.milestone}</span> : null}
                    <span className="block text-xs text-slate-600">
                      {t("badges:page.earnedOn", { date: formatDate(b.awardedAt, locale, timeZone) })}
                    </span>
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="upcoming-heading">
        <h2 id="upcoming-heading" className="text-lg font-semibold">
          {t("badges:page.locked")}
        </h2>
        <ul className="mt-3 grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {upcoming.map((b) => (
            <li key={b.badgeId} className="flex items-center gap-3 rounded-xl border border-slate-200 bg-white p-4">
              <BadgeIcon icon={b.icon} earned={false} />
              <div className="min-w-0 flex-1">
                <p className="font-semibold">{b.name}</p>
                {b.milestone ? <p className="text-sm text-slate-700">{b.milestone}</p> : null}
                <progress
                  className="mt-2 h-2 w-full accent-emerald-700"
                  value={b.current}
                  max={b.target}
                  aria-label={t("badges:page.progressLabel", { badge: b.name })}
                />
                <p className="text-xs text-slate-600">
                  {t("badges:page.progress", { current: amount(b.kind, b.current), target: amount(b.kind, b.target) })}
                </p>
              </div>
            </li>
          ))}
        </ul>
      </section>
    </section>
  );
}
