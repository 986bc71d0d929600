import type { Database } from "#db/client.server";
import { formatMoney } from "~/lib/format";
import type { AppLocale } from "~/lib/i18n";
import { getFixedT } from "~/lib/i18n.server";
import { localDate } from "~/lib/local-date";
import { stageOn, type PlanTask } from "~/modules/journey/plan";
import { memberProgressSnapshots } from "~/modules/journey/progress.server";
import { journeyState } from "~/modules/journey/state.server";
import { isTrigger } from "~/modules/journey/triggers";
import type { CoachContext } from "./provider";

/**
 * What the AI coach knows of a member: their journey figures and plan, in their language. Never
 * their name, contact details, community posts or coach chat. Two statements.
 */
export async function coachContext(db: Database, userId: string, locale: AppLocale, timeZone: string, now: Date): Promise<CoachContext> {
  const [state, snapshots] = await Promise.all([journeyState(db, userId), memberProgressSnapshots(db, [userId], now)]);
  const t = getFixedT(locale);
  const trigger = (key: string) => (isTrigger(key) ? (t(`journey:triggers.${key}`) as string).toLowerCase() : key);
  const snapshot = snapshots.get(userId);
  const plan = state.attempt ? state.plan : null;
  const today = localDate(now, timeZone);
  const taskText = (task: PlanTask) => {
    const values: Record<string, string | number> = { ...task.params };
    if (typeof task.params.trigger === "string") values.trigger = trigger(task.params.trigger);
    if (typeof task.params.strategy === "string") values.strategy = t(`journey:strategies.${task.params.strategy}.title`) as string;
    return t(task.key, values) as string;
  };
  return {
    hasAttempt: !!state.attempt,
    beforeQuitDate: !!state.attempt && state.attempt.quitDate > today,
    smokeFreeDays: snapshot?.smokeFreeStreakDays ?? 0,
    moneySaved: snapshot && state.attempt ? formatMoney(snapshot.moneySavedMinor, snapshot.currency, locale) : null,
    cravingsResisted: snapshot?.cravingsResisted ?? 0,
    triggers: plan ? [...plan.basis.triggers, ...plan.basis.customTriggers].map(trigger) : [],
    coping: plan
      ? plan.copingStrategies.map((c) => ({
          trigger: trigger(c.trigger),
          strategy: t(`journey:strategies.${c.strategyKey}.title`) as string,
          description: t(`journey:strategies.${c.strategyKey}.description`) as string,
        }))
      : [],
    stage: plan ? (t(`journey:stages.${stageOn(plan, today).key}`, { defaultValue: "" }) as string) || null : null,
    todayTasks: plan ? stageOn(plan, today).tasks.map(taskText) : [],
  };
}
