import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "~/lib/format";
import type { AppLocale } from "~/lib/i18n";
import type { CaseloadEntry } from "~/modules/coaching/caseload";
import { CASELOAD_SORTS, type CaseloadQuery } from "~/modules/coaching/caseload-query";
import { RiskBadge, RiskReasons } from "./risk-badge";

const controlClass = "mt-1 block rounded-md border border-slate-400 bg-white px-3 py-2 text-sm";

/** The sort and filter form: a plain GET, so it works without JavaScript and every view has a URL. */
export function CaseloadFilters({ query, coachParam }: { query: CaseloadQuery; coachParam: string | null }) {
  const { t } = useTranslation("caseload");
  return (
    <Form method="get" className="flex flex-wrap items-end gap-4" aria-label={t("filters.legend")}>
      {coachParam ? <input type="hidden" name="coach" value={coachParam} /> : null}
      <label className="text-sm font-semibold text-slate-800">
        {t("filters.sort")}
        <select name="sort" defaultValue={query.sort} className={controlClass}>
          {CASELOAD_SORTS.map((s) => (
            <option key={s} value={s}>
              {t(`sorts.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="text-sm font-semibold text-slate-800">
        {t("filters.risk")}
        <select name="risk" defaultValue={query.risk ?? ""} className={controlClass}>
          <option value="">{t("filters.anyRisk")}</option>
          {(["high", "medium", "low"] as const).map((l) => (
            <option key={l} value={l}>
              {t(`levels.${l}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="flex items-center gap-2 text-sm text-slate-800">
        <input type="checkbox" name="unread" value="1" defaultChecked={query.unread} className="h-4 w-4" />
        {t("filters.unreadOnly")}
      </label>
      <button type="submit" className="rounded-md border border-slate-400 px-3 py-2 text-sm font-semibold">
        {t("filters.apply")}
      </button>
    </Form>
  );
}

export function CaseloadTable({
  entries,
  locale,
  timeZone,
}: {
  entries: readonly Omit<CaseloadEntry, "riskInput">[];
  locale: AppLocale;
  timeZone: string;
}) {
  const { t } = useTranslation("caseload");
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse text-left text-sm">
        <thead>
          <tr className="border-b border-slate-300">
            <th scope="col" className="py-2 pr-3">
              {t("columns.member")}
            </th>
            <th scope="col" className="py-2 pr-3">
              {t("columns.risk")}
            </th>
            <th scope="col" className="py-2 pr-3">
              {t("columns.smokeFree")}
            </th>
            <th scope="col" className="py-2 pr-3">
              {t("columns.streak")}
            </th>
            <th scope="col" className="py-2 pr-3">
              {t("columns.lastCheckIn")}
            </th>
            <th scope="col" className="py-2 pr-3">
              {t("columns.lastMessage")}
            </th>
            <th scope="col" className="py-2 pr-3">
              {t("columns.unread")}
            </th>
            <th scope="col" className="py-2 pr-3">
              {t("columns.nextSession")}
            </th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.memberId} className="border-b border-slate-200 align-top" data-member-id={e.memberId}>
              <th scope="row" className="py-2 pr-3 font-semibold">
                <Link to={`/coach/members/${e.memberId}`} className="text-emerald-800 underline">
                  {e.displayName}
                </Link>
              </th>
              <td className="py-2 pr-3">
                <RiskBadge level={e.risk.level} />
                <div className="mt-1">
                  <RiskReasons reasons={e.risk.reasons} />
                </div>
              </td>
              <td className="py-2 pr-3">{e.smokeFreeDays === null ? t("noAttempt") : t("days", { count: e.smokeFreeDays })}</td>
              <td className="py-2 pr-3">{t("days", { count: e.checkInStreakDays })}</td>
              <td className="py-2 pr-3">
                {e.lastCheckIn ? formatDateTime(`${e.lastCheckIn}T12:00:00Z`, locale, "UTC", { dateStyle: "medium" }) : t("never")}
              </td>
              <td className="py-2 pr-3">{e.lastMessageAt ? formatDateTime(e.lastMessageAt, locale, timeZone) : t("never")}</td>
              <td className="py-2 pr-3" data-unread={e.unread}>
                {e.unread > 0 ? <span className="rounded bg-sky-100 px-2 py-0.5 font-semibold text-sky-900">{e.unread}</span> : "0"}
              </td>
              {/* Sessions are a later issue; until then there is nothing to show. */}
              <td className="py-2 pr-3">—</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
