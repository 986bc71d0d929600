import { useTranslation } from "react-i18next";
import type { RiskLevel, RiskReason } from "~/modules/coaching/risk";

const styles: Record<RiskLevel, string> = {
  high: "bg-red-100 text-red-900 border-red-300",
  medium: "bg-amber-100 text-amber-900 border-amber-300",
  low: "bg-emerald-50 text-emerald-900 border-emerald-200",
};

export function RiskBadge({ level }: { level: RiskLevel }) {
  const { t } = useTranslation("caseload");
  return <span className={`inline-block rounded border px-2 py-0.5 text-xs font-semibold ${styles[level]}`}>{t(`levels.${level}`)}</span>;
}

/** Each rule that fired, in words, with what the coach might do next. */
export function RiskReasons({ reasons, withActions = false }: { reasons: readonly RiskReason[]; withActions?: boolean }) {
  const { t } = useTranslation("caseload");
  if (reasons.length === 0) return <p className="text-sm text-slate-700">{t("risk.none")}</p>;
  return (
    <ul className="space-y-1 text-sm">
      {reasons.map((r) => (
        <li key={r.key}>
          <span className="font-semibold">{t(`risk.reasons.${r.key}`, r.values)}</span>
          {withActions ? <span className="block text-slate-700">{t(`risk.actions.${r.key}`)}</span> : null}
        </li>
      ))}
    </ul>
  );
}
