import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { buttonClass } from "~/components/ui/button";
import { db } from "#db/client.server";
import { formatDateTime } from "~/lib/format";
import { CACHE_CONTROL } from "~/lib/cache-control";
import { resolveLocale } from "~/lib/i18n";
import { isUuid } from "~/lib/uuid";
import { searchAudit } from "~/modules/audit/audit.server";
import { requireRole } from "~/modules/identity/auth.server";

export const handle = { i18n: ["people"] };

export const meta: MetaFunction = () => [{ title: "Audit log · Administration · QuitPath" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const locale = resolveLocale(request, admin.locale);
  const url = new URL(request.url);
  // Free text is only ever a bound parameter; anything unreadable in the cursor or target is ignored.
  const q = (url.searchParams.get("q") ?? "").trim().slice(0, 200);
  const target = url.searchParams.get("target");
  const beforeAt = url.searchParams.get("beforeAt");
  const beforeId = url.searchParams.get("beforeId");
  const before =
    beforeAt && isUuid(beforeId) && !Number.isNaN(Date.parse(beforeAt)) ? { createdAt: new Date(beforeAt), id: beforeId } : null;
  const page = await searchAudit(db(), { q: q || null, targetId: isUuid(target) ? target : null, before });
  const next = page.next
    ? `?${new URLSearchParams([...(q ? [["q", q]] : []), ...(isUuid(target) ? [["target", target]] : []), ["beforeAt", page.next.createdAt.toISOString()], ["beforeId", page.next.id]])}`
    : null;
  return {
    q,
    target: isUuid(target) ? target : null,
    rows: page.rows.map(({ entry, adminName }) => ({
      id: entry.id,
      when: formatDateTime(entry.createdAt, locale, admin.timeZone),
      adminName,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId,
      reason: entry.reason,
      details: Object.entries(entry.details)
        .map(([key, value]) => `${key}: ${value}`)
        .join(", "),
    })),
    next,
  };
}

export const headers = () => ({ "Cache-Control": CACHE_CONTROL.private });

const th = "border-b border-slate-200 p-2";
const td = "border-b border-slate-100 p-2 align-top";

export default function AdminAudit() {
  const { t } = useTranslation("people");
  const data = useLoaderData<typeof loader>();
  return (
    <section className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold">{t("audit.title")}</h1>
        <p className="mt-1 text-slate-700">{t("audit.intro")}</p>
      </div>
      <Form method="get" role="search" className="flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor="audit-q" className="block text-sm font-medium text-slate-800">
            {t("audit.search")}
          </label>
          <input
            id="audit-q"
            type="search"
            name="q"
            defaultValue={data.q}
            maxLength={200}
            className="mt-1 rounded-md border border-slate-400 px-3 py-2"
          />
        </div>
        {data.target ? <input type="hidden" name="target" value={data.target} /> : null}
        <button type="submit" className={buttonClass("secondary")}>
          {t("audit.search")}
        </button>
      </Form>
      {data.rows.length === 0 ? (
        <p className="text-slate-700">{t("audit.none")}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full bg-white text-left text-sm">
            <thead>
              <tr>
                {(["when", "who", "what", "target", "why", "details"] as const).map((column) => (
                  <th key={column} scope="col" className={th}>
                    {t(`audit.${column}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.rows.map((row) => (
                <tr key={row.id}>
                  <td className={td}>{row.when}</td>
                  <td className={td}>{row.adminName ?? t("audit.unknownAdmin")}</td>
                  <td className={td}>
                    <code>{row.action}</code>
                  </td>
                  <td className={td}>
                    {row.targetType === "user" && row.targetId ? (
                      <Link to={`/admin/members/${row.targetId}`} className="text-emerald-800 underline">
                        {row.targetType}
                      </Link>
                    ) : (
                      row.targetType
                    )}
                  </td>
                  <td className={td}>{row.reason}</td>
                  <td className={`${td} text-slate-600`}>{row.details}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {data.next ? (
        <Link to={data.next} className="text-sm text-emerald-800 underline">
          {t("audit.more")}
        </Link>
      ) : null}
    </section>
  );
}
