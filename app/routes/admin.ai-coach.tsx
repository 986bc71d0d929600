import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { db } from "#db/client.server";
import { formatDate, formatDateTime, formatNumber } from "~/lib/format";
import { resolveLocale } from "~/lib/i18n";
import { aiCoachReport } from "~/modules/ai-coach/report.server";
import { requireRole } from "~/modules/identity/auth.server";

export const handle = { i18n: ["aiCoachAdmin"] };

export const meta: MetaFunction = () => [{ title: "AI coach · QuitPath admin" }];

export const headers = () => ({ "Cache-Control": "private, no-store" });

// Answers cost fractions of a cent: four decimals keep one answer's cost visible.
const usd = { style: "currency", currency: "USD", minimumFractionDigits: 2, maximumFractionDigits: 4 } as const;

/** The AI coach for admins: usage, quota hits, safety outcomes, handoffs, ratings, providers and the answers rated down. */
export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const locale = resolveLocale(request, admin.locale);
  const report = await aiCoachReport(db());
  const rated = report.ratings.helped + report.ratings.notHelped;
  return {
    ...report,
    helpedShare: rated ? formatNumber(report.ratings.helped / rated, locale, { style: "percent" }) : null,
    evalRun: report.evalRun
      ? {
          ...report.evalRun,
          rate: formatNumber(report.evalRun.passed / Math.max(1, report.evalRun.cases), locale, {
            style: "percent",
            maximumFractionDigits: 1,
          }),
          ranAt: formatDateTime(report.evalRun.ranAt, locale, admin.timeZone),
        }
      : null,
    answers: report.answers.map(({ cost, ...a }) => ({
      ...a,
      cost: cost.kind === "priced" ? { kind: cost.kind, usd: formatNumber(cost.usd, locale, usd) } : cost,
    })),
    price: report.price
      ? {
          model: report.price.model,
          input: formatNumber(report.price.inputPerMillion, locale, usd),
          output: formatNumber(report.price.outputPerMillion, locale, usd),
        }
      : null,
    usage: report.usage.map((d) => ({ ...d, label: formatDate(`${d.day}T12:00:00Z`, locale, "UTC") })),
    worst: report.worst.map((w) => ({ ...w, createdAt: formatDateTime(w.createdAt, locale, admin.timeZone) })),
  };
}

const cell = "border-t border-slate-100 py-1 pr-3";

export default function AdminAiCoachPage() {
  const { t } = useTranslation("aiCoachAdmin");
  const data = useLoaderData<typeof loader>();
  return (
    <section className="space-y-8">
      <header>
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <p className="mt-1 text-slate-700">{t("intro", { days: data.days })}</p>
      </header>

      <section aria-labelledby="ai-provider" data-testid="ai-admin-provider">
        <h2 id="ai-provider" className="text-lg font-semibold">
          {t("provider.title")}
        </h2>
        <p>
          {data.provider.name === "offline"
            ? t("provider.offline", { model: data.provider.model })
            : t("provider.external", { host: data.provider.host, model: data.provider.model })}
        </p>
        <p data-testid="ai-admin-eval">
          {data.evalRun ? t("provider.eval", { ...data.evalRun, rate: data.evalRun.rate, when: data.evalRun.ranAt }) : t("provider.noEval")}
        </p>
      </section>

      <section aria-labelledby="ai-safety" className="grid gap-4 sm:grid-cols-2">
        <div>
          <h2 id="ai-safety" className="text-lg font-semibold">
            {t("safety.title")}
          </h2>
          <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 text-sm" data-testid="ai-admin-safety">
            <dt>{t("safety.crisis")}</dt>
            <dd data-testid="ai-admin-crisis">{data.safety.crisis}</dd>
            <dt>{t("safety.concern")}</dt>
            <dd>{data.safety.concern}</dd>
            <dt>{t("ratings.helped")}</dt>
            <dd>{data.ratings.helped}</dd>
            <dt>{t("ratings.notHelped")}</dt>
            <dd>{data.ratings.notHelped}</dd>
            <dt>{t("ratings.share")}</dt>
            <dd>{data.helpedShare ?? "–"}</dd>
          </dl>
        </div>
        <div>
          <h2 className="text-lg font-semibold">{t("handoffs.title")}</h2>
          <table className="mt-2 text-left text-sm" data-testid="ai-admin-handoffs">
            <thead>
              <tr>
                <th scope="col">{t("handoffs.reason")}</th>
                <th scope="col">{t("handoffs.total")}</th>
                <th scope="col">{t("handoffs.open")}</th>
              </tr>
            </thead>
            <tbody>
              {data.handoffs.map((h) => (
                <tr key={h.reason} data-reason={h.reason}>
                  <td className={cell}>{t(`handoffs.reasons.${h.reason}`)}</td>
                  <td className={cell}>{h.total}</td>
                  <td className={cell}>{h.open}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="ai-usage">
        <h2 id="ai-usage" className="text-lg font-semibold">
          {t("usage.title")}
        </h2>
        {data.usage.length === 0 ? (
          <p className="text-slate-700">{t("usage.none")}</p>
        ) : (
          <table className="mt-2 text-left text-sm" data-testid="ai-admin-usage">
            <thead>
              <tr>
                <th scope="col">{t("usage.day")}</th>
                <th scope="col">{t("usage.questions")}</th>
                <th scope="col">{t("usage.members")}</th>
                <th scope="col">{t("usage.refused")}</th>
                <th scope="col">{t("usage.limited")}</th>
              </tr>
            </thead>
            <tbody>
              {data.usage.map((d) => (
                <tr key={d.day}>
                  <td className={cell}>{d.label}</td>
                  <td className={cell}>{d.questions}</td>
                  <td className={cell}>{d.members}</td>
                  <td className={cell}>{d.refused}</td>
                  <td className={cell}>{d.limited}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="ai-answers">
        <h2 id="ai-answers" className="text-lg font-semibold">
          {t("answers.title")}
        </h2>
        {data.answers.length === 0 ? (
          <p className="text-slate-700">{t("answers.none")}</p>
        ) : (
          <table className="mt-2 text-left text-sm">
            <thead>
              <tr>
                <th scope="col">{t("answers.provider")}</th>
                <th scope="col">{t("answers.count")}</th>
                <th scope="col">{t("answers.fallbacks")}</th>
                <th scope="col">{t("answers.interrupted")}</th>
                <th scope="col">{t("answers.latency")}</th>
                <th scope="col">{t("answers.tokens")}</th>
                <th scope="col">{t("answers.cost")}</th>
              </tr>
            </thead>
            <tbody>
              {data.answers.map((a) => (
                <tr key={`${a.provider}/${a.model}`}>
                  <td className={cell}>
                    {a.provider} · {a.model}
                  </td>
                  <td className={cell}>{a.answers}</td>
                  <td className={cell}>{a.fallbacks}</td>
                  <td className={cell}>{a.interrupted}</td>
                  <td className={cell}>{a.p50Ms === null ? "–" : t("answers.ms", { p50: a.p50Ms, p95: a.p95Ms })}</td>
                  <td className={cell}>{t("answers.tokenCounts", { prompt: a.promptTokens, completion: a.completionTokens })}</td>
                  <td className={cell} data-testid="ai-admin-cost">
                    {a.cost.kind === "priced" ? a.cost.usd : a.cost.kind === "free" ? t("answers.free") : t("answers.unpriced")}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <p className="mt-2 text-sm text-slate-700" data-testid="ai-admin-prices">
          {data.price ? t("answers.prices", data.price) : t("answers.noPrices")}
        </p>
      </section>

      <section aria-labelledby="ai-worst">
        <h2 id="ai-worst" className="text-lg font-semibold">
          {t("worst.title")}
        </h2>
        <p className="text-sm text-slate-700">{t("worst.privacy")}</p>
        {data.worst.length === 0 ? (
          <p className="text-slate-700">{t("worst.none")}</p>
        ) : (
          <ul className="mt-2 space-y-3" data-testid="ai-admin-worst">
            {data.worst.map((w) => (
              <li key={w.id} className="rounded border border-slate-200 p-3 text-sm" data-testid="ai-admin-worst-answer">
                <p className="text-xs text-slate-600">
                  {w.createdAt} · {w.provider ?? "–"} · {w.locale}
                  {w.kind === "fallback" ? ` · ${t("worst.fallback", { rules: w.guardrail ?? "" })}` : ""}
                </p>
                {w.text ? (
                  <>
                    <p className="mt-1">
                      <span className="font-semibold">{t("worst.question")}</span>{" "}
                      <span className="whitespace-pre-wrap">{w.text.question}</span>
                    </p>
                    <p className="mt-1">
                      <span className="font-semibold">{t("worst.answer")}</span>{" "}
                      <span className="whitespace-pre-wrap">{w.text.answer}</span>
                    </p>
                  </>
                ) : (
                  <p className="mt-1 text-slate-600 italic" data-testid="ai-admin-withheld">
                    {t("worst.withheld")}
                  </p>
                )}
                <p className="mt-1 text-xs text-slate-600">
                  {t("worst.sources")}: {w.sources.length > 0 ? w.sources.join(", ") : t("worst.noSources")}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </section>
  );
}
