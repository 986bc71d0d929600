import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ButtonForm } from "~/components/ui/form";
import { SuccessMessage } from "~/components/ui/form-status";
import { db } from "#db/client.server";
import { formatDateTime } from "~/lib/format";
import { resolveLocale } from "~/lib/i18n";
import { intent, typedAction } from "~/lib/typed-action";
import { announceAwards, ensureBadgeCatalogue, evaluateMembers } from "~/modules/badges/awards.server";
import { requireRole } from "~/modules/identity/auth.server";
import { jobsOverview } from "~/modules/jobs/admin.server";
import { enqueue, enqueueDeliveries } from "~/lib/queue.server";
import { sendScheduledMotivation } from "~/modules/notifications/motivation.server";

export const handle = { i18n: ["notifications"] };

export const meta: MetaFunction = () => [{ title: "Background jobs · QuitPath" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireRole(request, "admin");
  return { overview: await jobsOverview(db()), locale: resolveLocale(request, admin.locale), timeZone: admin.timeZone };
}

export const action = typedAction({
  guard: ({ request }) => requireRole(request, "admin"),
  intents: {
    /** Queues the sweep for the workers; where this process runs no job queue, sweeps here and now. */
    "run-sweep": intent(z.object({}), async () => {
      if (await enqueue("nightly-sweep", {})) return { messageKey: "notifications:jobs.sweepQueued", count: 0 };
      await ensureBadgeCatalogue(db());
      const now = new Date();
      const { awarded } = await evaluateMembers(db(), "all-active", now);
      await enqueueDeliveries(
        await announceAwards(
          db(),
          awarded.map((a) => a.id),
          now,
        ),
      );
      return { messageKey: "notifications:jobs.sweepDone", count: awarded.length };
    }),
    "run-motivation": intent(z.object({}), async () => {
      if (await enqueue("send-scheduled-motivation", {})) return { messageKey: "notifications:jobs.motivationQueued", count: 0 };
      const sent = await sendScheduledMotivation(db(), new Date());
      return { messageKey: "notifications:jobs.motivationDone", count: sent.encouragement + sent.reminders + sent.summaries };
    }),
  },
});

export default function AdminJobs() {
  const { t } = useTranslation();
  const { overview, locale, timeZone } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <section className="space-y-6">
      <h1 className="text-2xl font-bold">{t("notifications:jobs.title")}</h1>
      <SuccessMessage
        messageKey={actionData?.ok ? actionData.result.messageKey : null}
        values={actionData?.ok ? { count: actionData.result.count } : undefined}
      />
      <div className="flex flex-wrap gap-3">
        <ButtonForm answer={actionData} intent="run-sweep">
          {t("notifications:jobs.runSweep")}
        </ButtonForm>
        <ButtonForm answer={actionData} intent="run-motivation" variant="secondary">
          {t("notifications:jobs.runMotivation")}
        </ButtonForm>
      </div>
      {!overview.installed ? (
        <p>{t("notifications:jobs.notInstalled")}</p>
      ) : (
        <>
          <section aria-labelledby="queues-heading">
            <h2 id="queues-heading" className="text-lg font-semibold">
              {t("notifications:jobs.queues")}
            </h2>
            <table className="mt-2 text-left text-sm">
              <thead>
                <tr>
                  <th scope="col" className="pr-6">
                    {t("notifications:jobs.queue")}
                  </th>
                  <th scope="col" className="pr-6">
                    {t("notifications:jobs.state")}
                  </th>
                  <th scope="col">{t("notifications:jobs.count")}</th>
                </tr>
              </thead>
              <tbody>
                {overview.counts.map((c) => (
                  <tr key={`${c.name}-${c.state}`}>
                    <td className="pr-6 font-mono">{c.name}</td>
                    <td className="pr-6">{c.state}</td>
                    <td>{c.count}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <section aria-labelledby="dead-heading">
            <h2 id="dead-heading" className="text-lg font-semibold">
              {t("notifications:jobs.deadLetter")}
            </h2>
            {overview.deadLetters.length === 0 ? <p className="text-slate-700">{t("notifications:jobs.deadLetterEmpty")}</p> : null}
            <ul className="mt-2 space-y-2 text-sm">
              {overview.deadLetters.map((d) => (
                <li key={d.id} className="rounded border border-slate-200 bg-white p-2">
                  <span className="font-mono">{d.data}</span> · {d.state} · {formatDateTime(d.createdAt, locale, timeZone)}
                </li>
              ))}
            </ul>
          </section>
          <section aria-labelledby="failed-heading">
            <h2 id="failed-heading" className="text-lg font-semibold">
              {t("notifications:jobs.failures")}
            </h2>
            <ul className="mt-2 space-y-2 text-sm">
              {overview.failures.map((f) => (
                <li key={f.id} className="rounded border border-slate-200 bg-white p-2">
                  <span className="font-mono">{f.name}</span> · {t("notifications:jobs.retries", { count: f.retries })} · {f.error}
                  {f.at ? ` · ${formatDateTime(f.at, locale, timeZone)}` : ""}
                </li>
              ))}
            </ul>
          </section>
        </>
      )}
    </section>
  );
}
