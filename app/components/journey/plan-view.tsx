import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { AppLocale } from "~/lib/i18n";
import type { QuitPlan } from "~/modules/journey/plan";
import { isTrigger } from "~/modules/journey/triggers";
import { formatLocalDate, taskValues } from "./plan-text";

export function NrtNotice() {
  const { t } = useTranslation("journey");
  return (
    <aside className="rounded-lg border border-amber-400 bg-amber-50 p-4" aria-labelledby="nrt-heading">
      <h3 id="nrt-heading" className="font-semibold">
        {t("nrt.title")}
      </h3>
      <p className="mt-1 text-slate-800">{t("nrt.suggestion")}</p>
      <p className="mt-2 text-sm text-slate-700">{t("nrt.disclaimer")}</p>
    </aside>
  );
}

/** A plan read back to the member: approach and why, stages with goals and tasks, coping strategies, reasons. */
export function PlanView({
  plan,
  locale,
  slipStrategies = [],
  stageReading = {},
}: {
  plan: QuitPlan;
  locale: AppLocale;
  slipStrategies?: { trigger: string | null; copingStrategy: string | null; localDate: string }[];
  /** Roadmaps and articles linked from each stage (the member's plan page). */
  stageReading?: Record<string, { path: string; title: string; locale: string }[]>;
}) {
  const { t } = useTranslation("journey");
  const triggerLabel = (trigger: string) => (isTrigger(trigger) ? t(`triggers.${trigger}`) : trigger);
  return (
    <div className="space-y-6">
      <div>
        <p className="text-lg font-semibold">
          {t(`approach.${plan.approach}`)} · {t("plan.quitDate", { date: formatLocalDate(plan.quitDate, locale) })}
        </p>
        <p className="text-slate-800">{t(plan.approachReasonKey)}</p>
      </div>
      {plan.suggestNrt ? <NrtNotice /> : null}
      {plan.dailyTargets.length > 0 ? (
        <div>
          <h3 className="font-semibold">{t("plan.targets")}</h3>
          <ol className="mt-1 flex flex-wrap gap-2 text-sm">
            {plan.dailyTargets.map((d) => (
              <li key={d.date} className="rounded border border-slate-300 px-2 py-1">
                {formatLocalDate(d.date, locale)}: {t("plan.targetCount", { count: d.target })}
              </li>
            ))}
          </ol>
        </div>
      ) : null}
      <ol className="space-y-4">
        {plan.stages.map((stage) => (
          <li key={stage.key} className="rounded-lg border border-slate-200 p-4">
            <h3 className="font-semibold">
              {t(`stages.${stage.key}`)}{" "}
              <span className="text-sm font-normal text-slate-700">
                {stage.endDate
                  ? t("plan.stageDates", { from: formatLocalDate(stage.startDate, locale), to: formatLocalDate(stage.endDate, locale) })
                  : t("plan.stageFrom", { from: formatLocalDate(stage.startDate, locale) })}
              </span>
            </h3>
            <ul className="mt-1 list-disc pl-6">
              {stage.goals.map((g) => (
                <li key={g}>{t(g)}</li>
              ))}
            </ul>
            <ul className="mt-1 list-[circle] pl-6 text-slate-800">
              {stage.tasks.map((task, i) => (
                <li key={i}>{t(task.key, taskValues(task.params, t, locale))}</li>
              ))}
            </ul>
            {stageReading[stage.key]?.length ? (
              <p className="mt-2 text-sm">
                {t("plan.stageReading")}{" "}
                {stageReading[stage.key]!.map((r, i) => (
                  <span key={r.path}>
                    {i > 0 ? " · " : null}
                    <Link to={r.path} hrefLang={r.locale} className="text-emerald-800 underline">
                      {r.title}
                    </Link>
                  </span>
                ))}
              </p>
            ) : null}
          </li>
        ))}
      </ol>
      {plan.copingStrategies.length > 0 || slipStrategies.length > 0 ? (
        <div>
          <h3 className="font-semibold">{t("plan.coping")}</h3>
          <ul className="mt-1 space-y-2">
            {plan.copingStrategies.map((c) => (
              <li key={c.trigger}>
                <strong>{triggerLabel(c.trigger)}:</strong> {t(`strategies.${c.strategyKey}.title`)} —{" "}
                {t(`strategies.${c.strategyKey}.description`)}
              </li>
            ))}
            {slipStrategies.map((s, i) =>
              s.copingStrategy ? (
                <li key={`slip-${i}`}>
                  <strong>{s.trigger ? triggerLabel(s.trigger) : t("slip.noTrigger")}</strong> (
                  {t("plan.fromSlip", { date: formatLocalDate(s.localDate, locale) })}): {t(`strategies.${s.copingStrategy}.title`)} —{" "}
                  {t(`strategies.${s.copingStrategy}.description`)}
                </li>
              ) : null,
            )}
          </ul>
        </div>
      ) : null}
      <div>
        <h3 className="font-semibold">{t("plan.reasons")}</h3>
        <ul className="mt-1 list-disc pl-6">
          {plan.reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      </div>
    </div>
  );
}
