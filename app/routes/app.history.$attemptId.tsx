import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { formatLocalDate } from "~/components/journey/plan-text";
import { formatDate } from "~/lib/format";
import { invariantResponse, orErrorPage } from "~/lib/http";
import { resolveLocale } from "~/lib/i18n";
import { db } from "#db/client.server";
import { attemptById } from "~/modules/journey/attempts.server";
import { planRevisionList } from "~/modules/journey/plan.server";
import { slipReflectionsFor } from "~/modules/journey/slips.server";
import { requireUser } from "~/modules/identity/auth.server";

export const handle = { i18n: ["journey"] };

export const meta: MetaFunction = () => [{ title: "An attempt · QuitPath" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const id = z.string().uuid().safeParse(params.attemptId);
  invariantResponse(id.success, "Not found", { status: 404 });
  // Ownership is part of the query: another member's attempt is simply not found.
  const attempt = await orErrorPage(attemptById(db(), user.id, id.data));
  const [revisions, slips] = await Promise.all([
    planRevisionList(db(), user.id, attempt.id),
    slipReflectionsFor(db(), user.id, attempt.id),
  ]);
  return {
    locale: resolveLocale(request, user.locale),
    timeZone: user.timeZone,
    attempt: {
      attemptNumber: attempt.attemptNumber,
      quitDate: attempt.quitDate,
      endedOn: attempt.endedOn,
      status: attempt.status,
      longestStreakDays: attempt.longestStreakDays,
    },
    revisions: revisions.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })),
    slips,
  };
}

export default function AttemptPage() {
  const { t } = useTranslation("journey");
  const { attempt, revisions, slips, locale, timeZone } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">
        {t("history.attempt", { number: attempt.attemptNumber })} · {t(`history.status.${attempt.status}`)}
      </h1>
      <p>
        {t("history.quitDate")}: {formatLocalDate(attempt.quitDate, locale)} · {t("history.endedOn")}:{" "}
        {attempt.endedOn ? formatLocalDate(attempt.endedOn, locale) : t("history.ongoing")} · {t("history.longestStreak")}:{" "}
        {t("dashboard.days", { count: attempt.longestStreakDays })}
      </p>
      <section>
        <h2 className="text-lg font-semibold">{t("plan.revisions")}</h2>
        <ul className="list-disc pl-6">
          {revisions.map((r) => (
            <li key={r.revision}>{t("plan.revisionLine", { revision: r.revision, when: formatDate(r.createdAt, locale, timeZone) })}</li>
          ))}
        </ul>
      </section>
      {slips.length > 0 ? (
        <section>
          <h2 className="text-lg font-semibold">{t("plan.coping")}</h2>
          <ul className="list-disc pl-6">
            {slips.map((s, i) => (
              <li key={i}>
                {formatLocalDate(s.localDate, locale)}: {s.copingStrategy ? t(`strategies.${s.copingStrategy}.title`) : ""}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <Link to="/app/history" className="font-semibold text-emerald-800 underline">
        {t("nav.history")}
      </Link>
    </div>
  );
}
