import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatLocalDate } from "~/components/journey/plan-text";
import { formatDate } from "~/lib/format";
import { resolveLocale } from "~/lib/i18n";
import { db } from "#db/client.server";
import { localDate } from "~/lib/local-date";
import { attemptHistory } from "~/modules/journey/history.server";
import { requireUser } from "~/modules/identity/auth.server";

export const handle = { i18n: ["journey"] };

export const meta: MetaFunction = () => [{ title: "Your attempts · QuitPath" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const attempts = await attemptHistory(db(), user.id, localDate(new Date(), user.timeZone));
  if (attempts.length === 0) throw redirect("/app/onboarding");
  return { locale: resolveLocale(request, user.locale), timeZone: user.timeZone, attempts };
}

export default function HistoryPage() {
  const { t } = useTranslation("journey");
  const { attempts, locale, timeZone } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">{t("history.title")}</h1>
      <p className="text-slate-700">{t("history.intro")}</p>
      <ol className="space-y-4">
        {attempts.map((a) => (
          <li key={a.id} className="rounded-xl border border-slate-200 bg-white p-6">
            <h2 className="text-lg font-semibold">
              <Link to={`/app/history/${a.id}`} className="underline">
                {t("history.attempt", { number: a.attemptNumber })}
              </Link>{" "}
              · {t(`history.status.${a.status}`)}
            </h2>
            <dl className="mt-2 grid gap-2 sm:grid-cols-4">
              <div>
                <dt className="text-sm text-slate-700">{t("history.quitDate")}</dt>
                <dd>{formatLocalDate(a.quitDate, locale)}</dd>
              </div>
              <div>
                <dt className="text-sm text-slate-700">{t("history.endedOn")}</dt>
                <dd>{a.endedOn ? formatLocalDate(a.endedOn, locale) : t("history.ongoing")}</dd>
              </div>
              <div>
                <dt className="text-sm text-slate-700">{t("history.length")}</dt>
                <dd>{t("dashboard.days", { count: a.lengthDays })}</dd>
              </div>
              <div>
                <dt className="text-sm text-slate-700">{t("history.longestStreak")}</dt>
                <dd>{t("dashboard.days", { count: a.longestStreakDays })}</dd>
              </div>
            </dl>
            {a.endReason ? (
              <p className="mt-2 text-sm text-slate-700">
                {t(`history.endReasons.${a.endReason === "member-reported" ? "memberReported" : "relapseDetected"}`)}
              </p>
            ) : null}
            {a.outcomes.length > 0 ? (
              <div className="mt-3">
                <h3 className="font-semibold">{t("history.outcomes")}</h3>
                <ul className="mt-1 list-disc pl-6 text-sm">
                  {a.outcomes.map((o) => (
                    <li key={o.followUp}>
                      {t(`followUps.${o.followUp}`)} ({formatDate(o.answeredAt, locale, timeZone)}):{" "}
                      {t("history.outcomeLine", {
                        since14: o.smokedSinceDay14 ? t("questions.yes") : t("questions.no"),
                        past7: o.smokedPast7Days ? t("questions.yes") : t("questions.no"),
                        count: o.cigarettesSinceDay14,
                      })}
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
          </li>
        ))}
      </ol>
    </div>
  );
}
