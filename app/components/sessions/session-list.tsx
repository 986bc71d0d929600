import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

export type SessionRow = { id: string; status: string; when: string; name: string; topic: string; stars: number | null };

/** Sessions as a list: when, with whom, state, and a link to the session. */
export function SessionList({ items, empty, hrefOf }: { items: SessionRow[]; empty: string; hrefOf?: (id: string) => string }) {
  const { t } = useTranslation();
  if (items.length === 0) return <p className="mt-2 text-slate-700">{empty}</p>;
  return (
    <ul className="mt-2 divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white">
      {items.map((s) => (
        <li key={s.id} className="flex flex-wrap items-center justify-between gap-2 p-3" data-session={s.id}>
          <div>
            <p className="font-medium">{s.when}</p>
            <p className="text-sm text-slate-700">
              {t("sessions:withName", { name: s.name })} · <span data-status={s.status}>{t(`sessions:status.${s.status}`)}</span>
              {s.stars !== null ? ` · ${t("sessions:rate.yours", { stars: s.stars })}` : null}
            </p>
          </div>
          {hrefOf ? (
            <Link to={hrefOf(s.id)} className="text-sm font-semibold text-emerald-800 underline">
              {t("sessions:open")}
            </Link>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
