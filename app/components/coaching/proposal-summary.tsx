import { useTranslation } from "react-i18next";
import { formatLocalDate, taskValues } from "~/components/journey/plan-text";
import type { AppLocale } from "~/lib/i18n";
import type { PlanChanges } from "~/modules/coaching/plan-proposals";

/** A coach's proposed plan changes in words, as both the coach and the member read them. */
export function ProposalSummary({ changes, note, locale }: { changes: PlanChanges; note: string | null; locale: AppLocale }) {
  const { t } = useTranslation(["caseload", "journey"]);
  const coping = changes.coping ? taskValues({ trigger: changes.coping.trigger, strategy: changes.coping.strategyKey }, t, locale) : null;
  return (
    <div className="space-y-1 text-sm">
      <ul className="list-disc pl-5">
        {changes.quitDate ? <li>{t("caseload:proposal.newQuitDate", { date: formatLocalDate(changes.quitDate, locale) })}</li> : null}
        {changes.targets ? <li>{t("caseload:proposal.newTargets", { targets: changes.targets.join(", ") })}</li> : null}
        {coping ? <li>{t("caseload:proposal.newCoping", coping)}</li> : null}
        {changes.extraTask ? <li>{t("caseload:proposal.newTask", { text: changes.extraTask })}</li> : null}
      </ul>
      {note ? <p className="whitespace-pre-wrap text-slate-800">{note}</p> : null}
    </div>
  );
}
