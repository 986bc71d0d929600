import { useTranslation } from "react-i18next";
import { CigarettesChart, CravingsChart, TriggersChart, type DailySeries } from "~/components/journey/charts";
import { taskValues } from "~/components/journey/plan-text";
import { Remembered } from "~/components/remembered";
import { formatMoney, formatNumber } from "~/lib/format";
import type { AppLocale } from "~/lib/i18n";
import { HEALTH_SOURCES } from "~/modules/journey/health-timeline";
import { PROGRESS_SOURCES } from "~/modules/journey/progress";
import type { DashboardView } from "~/modules/journey/dashboard";
import { isTrigger } from "~/modules/journey/triggers";

/*
 * The parts of the dashboard that only change when the member's figures do. Each is a pure
 * function of its props and the page's language, so the server renders it once per change and
 * reuses the HTML on every other visit (<Remembered>); the live parts (the smoke-free timer, the
 * check-in and follow-up forms, the chart period links) stay in the page.
 */

export type StreakFigures = {
  locale: AppLocale;
  currency: string;
  streakDays: number;
  longestStreakDays: number;
  checkInStreakDays: number;
  cigarettesAvoided: number;
  moneySavedMinor: number;
  lifeRegainedMinutes: number;
};

/** The figure cards, laid out as items of the grid they sit in. */
export function RememberedStreakFigures({ figures }: { figures: StreakFigures }) {
  return (
    <Remembered className="contents" rememberAs={`dashboard-figures|${JSON.stringify(figures)}`}>
      <StreakFigureCards figures={figures} />
    </Remembered>
  );
}

function StreakFigureCards({ figures: f }: { figures: StreakFigures }) {
  const { t } = useTranslation("journey");
  const days = Math.floor(f.lifeRegainedMinutes / 1440);
  const hours = Math.floor((f.lifeRegainedMinutes % 1440) / 60);
  const lifeRegained =
    days > 0 ? t("dashboard.daysHours", { days, hours }) : t("dashboard.hoursMinutes", { hours, minutes: f.lifeRegainedMinutes % 60 });
  return (
    <>
      <Figure label={t("dashboard.currentStreak")} value={t("dashboard.days", { count: f.streakDays })} testId="current-streak" />
      <Figure label={t("dashboard.longestStreak")} value={t("dashboard.days", { count: f.longestStreakDays })} />
      <Figure label={t("dashboard.checkInStreak")} value={t("dashboard.days", { count: f.checkInStreakDays })} />
      <Figure label={t("dashboard.avoided")} value={formatNumber(f.cigarettesAvoided, f.locale)} testId="cigarettes-avoided" />
      <Figure label={t("dashboard.moneySaved")} value={formatMoney(f.moneySavedMinor, f.currency, f.locale)} testId="money-saved" />
      <Figure
        label={t("dashboard.lifeRegained")}
        value={lifeRegained}
        hint={t("figures.source", { source: PROGRESS_SOURCES.lifeRegained })}
      />
    </>
  );
}

function Figure({ label, value, hint, testId }: { label: string; value: string; hint?: string; testId?: string }) {
  return (
    <div className="rounded-xl border border-slate-200 bg-white p-5">
      <p className="text-sm font-semibold text-slate-700">{label}</p>
      <p className="mt-1 text-2xl font-bold tabular-nums" data-testid={testId}>
        {value}
      </p>
      {hint ? <p className="mt-1 text-xs text-slate-700">{hint}</p> : null}
    </div>
  );
}

/** Progress to the next milestone is in whole percent, so the HTML changes as it moves, not every minute. */
export type StageAndHealth = DashboardView["stageAndHealth"];

/** Today's plan stage with its tasks and the member's reasons, then the health timeline. */
export function RememberedStageAndHealth({ figures }: { figures: StageAndHealth }) {
  return (
    <Remembered className="space-y-8" rememberAs={`dashboard-stage|${JSON.stringify(figures)}`}>
      <StageAndHealthSections figures={figures} />
    </Remembered>
  );
}

function StageAndHealthSections({ figures: f }: { figures: StageAndHealth }) {
  const { t } = useTranslation("journey");
  const progress = f.timeline.progressPercent;
  return (
    <>
      <section aria-labelledby="stage-heading" className="rounded-xl border border-slate-200 bg-white p-6">
        <h2 id="stage-heading" className="text-lg font-semibold">
          {t("dashboard.stage", { stage: t(`stages.${f.stage.key}`), done: f.stagesCompleted, total: f.totalStages })}
        </h2>
        <ul className="mt-2 list-disc pl-6 text-slate-800">
          {f.stage.goals.map((goal) => (
            <li key={goal}>{t(goal)}</li>
          ))}
        </ul>
        <h3 className="mt-4 font-semibold">{t("dashboard.tasks")}</h3>
        <ul className="mt-1 list-disc pl-6 text-slate-800">
          {f.stage.tasks.map((task, i) => (
            <li key={i}>{t(task.key, taskValues(task.params, t, f.locale))}</li>
          ))}
        </ul>
        {f.reasons.length > 0 ? (
          <>
            <h3 className="mt-4 font-semibold">{t("plan.reasons")}</h3>
            <ul className="mt-1 list-disc pl-6 text-slate-800">
              {f.reasons.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          </>
        ) : null}
      </section>

      <section aria-labelledby="health-heading" className="rounded-xl border border-slate-200 bg-white p-6">
        <h2 id="health-heading" className="text-lg font-semibold">
          {t("dashboard.health")}
        </h2>
        {f.timeline.next ? (
          <div className="mt-3">
            <p className="text-slate-800">{t("dashboard.nextMilestone", { text: t(`health.${f.timeline.next.key}`) })}</p>
            <progress className="mt-2 h-3 w-full accent-emerald-700" max={100} value={progress} aria-label={t("dashboard.progressToNext")}>
              {progress}%
            </progress>
            <p className="text-xs text-slate-700">{t("figures.source", { source: HEALTH_SOURCES[f.timeline.next.source] })}</p>
          </div>
        ) : null}
        <ul className="mt-4 space-y-2">
          {f.timeline.reached.map((m) => (
            <li key={m.key} className="text-slate-800">
              <span aria-hidden="true">✓ </span>
              {t(`health.${m.key}`)}{" "}
              <span className="text-xs text-slate-700">({t("figures.source", { source: HEALTH_SOURCES[m.source] })})</span>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

export type ChartFigures = {
  smoked: DailySeries;
  cravings: DailySeries;
  baselinePerDay: number;
  targets: Record<string, number>;
  topTriggers: { trigger: string; count: number }[];
};

/** The three charts of the progress section, below its heading and period links. */
export function RememberedCharts({ figures }: { figures: ChartFigures }) {
  return (
    <Remembered rememberAs={`dashboard-charts|${JSON.stringify(figures)}`}>
      <Charts figures={figures} />
    </Remembered>
  );
}

function Charts({ figures: f }: { figures: ChartFigures }) {
  const { t } = useTranslation("journey");
  const triggerLabel = (trigger: string) => (isTrigger(trigger) ? t(`triggers.${trigger}`) : trigger);
  return (
    <>
      <h3 className="mt-4 font-semibold">{t("dashboard.charts.cigarettes")}</h3>
      <CigarettesChart smoked={f.smoked} baseline={f.baselinePerDay} targets={f.targets} title={t("dashboard.charts.cigarettes")} />
      <h3 className="mt-6 font-semibold">{t("dashboard.charts.cravings")}</h3>
      <CravingsChart cravings={f.cravings} title={t("dashboard.charts.cravings")} />
      <h3 className="mt-6 font-semibold">{t("dashboard.charts.triggers")}</h3>
      <TriggersChart
        label={t("dashboard.charts.triggers")}
        triggers={f.topTriggers.map((x) => ({ label: triggerLabel(x.trigger), count: x.count }))}
      />
    </>
  );
}
