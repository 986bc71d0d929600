import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { HandoffList } from "~/components/ai-coach/handoff-list";
import { useTranslation } from "react-i18next";
import { CaseloadFilters, CaseloadTable } from "~/components/coaching/caseload-table";
import { db } from "#db/client.server";
import { formatDateTime } from "~/lib/format";
import { resolveLocale } from "~/lib/i18n";
import { isUuid } from "~/lib/uuid";
import { caseloadQuery } from "~/modules/coaching/caseload-query";
import { caseload, responsesAboutToMiss } from "~/modules/coaching/caseload.server";
import { requireRole } from "~/modules/identity/auth.server";
import { acknowledgeHandoff, openHandoffsFor } from "~/modules/ai-coach/handoffs.server";
import { intent, typedAction } from "~/lib/typed-action";

export const handle = { i18n: ["caseload"] };

export const meta: MetaFunction = () => [{ title: "Caseload · QuitPath" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireRole(request, "coach");
  const url = new URL(request.url);
  // An admin may look at any coach's caseload with ?coach=<id>; a coach always sees their own.
  const asked = url.searchParams.get("coach");
  const coachParam = viewer.role === "admin" && isUuid(asked) ? asked : null;
  const coachId = coachParam ?? viewer.id;
  const query = caseloadQuery(url.searchParams);
  const now = new Date();
  const locale = resolveLocale(request, viewer.locale);
  const [page, atRisk, handoffs] = await Promise.all([
    caseload(db(), coachId, query, now),
    responsesAboutToMiss(db(), coachId, now),
    openHandoffsFor(db(), coachParam ? { id: coachId, role: "coach" } : viewer),
  ]);
  const when = (iso: string) => formatDateTime(iso, locale, viewer.timeZone);
  return {
    locale,
    timeZone: viewer.timeZone,
    coachParam,
    query,
    total: page.total,
    counts: page.counts,
    next: page.next,
    entries: page.entries.map(({ riskInput: _input, timeZone: _zone, today: _today, ...entry }) => entry),
    atRisk: atRisk.map((r) => ({ ...r, asked: when(r.askedAt), due: when(r.dueAt) })),
    handoffs: handoffs.map((h) => ({ ...h, when: when(h.createdAt.toISOString()) })),
  };
}

export const action = typedAction({
  guard: ({ request }) => requireRole(request, "coach"),
  intents: (viewer) => ({
    "acknowledge-handoff": intent(z.object({ handoffId: z.string().uuid() }), async ({ handoffId }) => {
      await acknowledgeHandoff(db(), viewer, handoffId);
      return { acknowledged: handoffId };
    }),
  }),
});

export default function CaseloadPage() {
  const { t } = useTranslation("caseload");
  const data = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const params = (after: string | null) => {
    const p = new URLSearchParams();
    if (data.coachParam) p.set("coach", data.coachParam);
    p.set("sort", data.query.sort);
    if (data.query.risk) p.set("risk", data.query.risk);
    if (data.query.unread) p.set("unread", "1");
    if (after) p.set("after", after);
    return `?${p}`;
  };
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <p className="mt-1 text-slate-700">{t("intro")}</p>
      </header>

      <HandoffList handoffs={data.handoffs} answer={answer} />

      <section aria-labelledby="sla-heading" className="rounded-xl border border-amber-300 bg-amber-50 p-4">
        <h2 id="sla-heading" className="font-semibold">
          {t("sla.title")}
        </h2>
        {data.atRisk.length === 0 ? (
          <p className="text-sm text-slate-800">{t("sla.none")}</p>
        ) : (
          <ul className="mt-2 space-y-1 text-sm">
            {data.atRisk.map((r) => (
              <li key={`${r.memberId}-${r.dueAt}`}>
                <Link
                  to={`/coach/members/${r.memberId}`}
                  className={`underline ${r.overdue ? "font-semibold text-red-900" : "text-slate-900"}`}
                >
                  {t(r.overdue ? "sla.overdue" : "sla.dueSoon", { name: r.displayName, asked: r.asked, due: r.due })}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>

      <CaseloadFilters query={data.query} coachParam={data.coachParam} />
      <p className="text-sm text-slate-700">
        {t("total", { count: data.total })} · {t("counts", data.counts)}
      </p>
      {data.entries.length === 0 ? (
        <p className="text-slate-800">{data.counts.high + data.counts.medium + data.counts.low === 0 ? t("empty") : t("noneMatch")}</p>
      ) : (
        <CaseloadTable entries={data.entries} locale={data.locale} timeZone={data.timeZone} />
      )}
      <nav className="flex gap-4 text-sm font-semibold">
        {data.query.after ? (
          <Link to={params(null)} className="text-emerald-800 underline">
            {t("first")}
          </Link>
        ) : null}
        {data.next ? (
          <Link to={params(data.next)} className="text-emerald-800 underline" rel="next">
            {t("more")}
          </Link>
        ) : null}
      </nav>
      <p className="text-sm">
        <Link to="/coach/former-members" className="text-emerald-800 underline">
          {t("formerMembersLink")}
        </Link>
      </p>
    </div>
  );
}
