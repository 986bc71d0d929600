import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { db } from "#db/client.server";
import { CACHE_CONTROL } from "~/lib/cache-control";
import { formatDateTime } from "~/lib/format";
import { resolveLocale } from "~/lib/i18n";
import { adminContentList } from "~/modules/content/content.server";
import { CONTENT_KINDS } from "~/modules/content/document";
import { requireRole } from "~/modules/identity/auth.server";

export const handle = { i18n: ["contentAdmin", "content"] };

export const meta: MetaFunction = () => [{ title: "Content · QuitPath" }, { name: "robots", content: "noindex" }];

const STATUSES = ["draft", "scheduled", "published", "unpublished"] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "editor");
  const url = new URL(request.url);
  const kindParam = url.searchParams.get("kind");
  const statusParam = url.searchParams.get("status");
  const kind = CONTENT_KINDS.find((k) => k === kindParam) ?? null;
  const status = STATUSES.find((s) => s === statusParam) ?? null;
  const q = (url.searchParams.get("q") ?? "").slice(0, 200);
  return {
    locale: resolveLocale(request, user.locale),
    timeZone: user.timeZone,
    filter: { q, kind, status },
    items: await adminContentList(db(), { q, kind, status }),
  };
}

export const headers = () => ({ "Cache-Control": CACHE_CONTROL.private });

export default function AdminContentList() {
  const { t } = useTranslation("contentAdmin");
  const { items, filter, locale, timeZone } = useLoaderData<typeof loader>();
  return (
    <section className="mx-auto w-full max-w-6xl space-y-6 px-4 py-8">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold">{t("list.title")}</h1>
        <Link to="/admin/content/new" className="rounded-md bg-emerald-700 px-4 py-2 font-semibold text-white hover:bg-emerald-800">
          {t("list.new")}
        </Link>
      </div>
      <form method="get" className="flex flex-wrap items-end gap-3" role="search">
        <label className="text-sm">
          <span className="block font-medium">{t("list.search")}</span>
          <input type="search" name="q" defaultValue={filter.q} className="rounded-md border border-slate-400 px-3 py-2" />
        </label>
        <label className="text-sm">
          <span className="block font-medium">{t("list.kind")}</span>
          <select name="kind" defaultValue={filter.kind ?? ""} className="rounded-md border border-slate-400 px-3 py-2">
            <option value="">{t("list.all")}</option>
            {CONTENT_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`kinds.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          <span className="block font-medium">{t("list.status")}</span>
          <select name="status" defaultValue={filter.status ?? ""} className="rounded-md border border-slate-400 px-3 py-2">
            <option value="">{t("list.all")}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`statuses.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="rounded-md border border-slate-400 px-4 py-2 font-semibold">
          {t("list.filter")}
        </button>
      </form>
      {items.length === 0 ? <p>{t("list.empty")}</p> : null}
      <table className="w-full text-left text-sm">
        <thead>
          <tr className="border-b border-slate-300">
            <th className="py-2">{t("list.titleColumn")}</th>
            <th>{t("list.kind")}</th>
            <th>{t("list.status")}</th>
            <th>{t("list.updated")}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.id} className="border-b border-slate-200" data-content-id={item.id}>
              <td className="py-2">
                <Link to={`/admin/content/${item.id}`} className="font-medium text-emerald-800 underline">
                  {item.titles.map((x) => x.title).join(" / ") || t("list.untitled")}
                </Link>
                {item.needsReview ? (
                  <span className="ml-2 rounded bg-amber-100 px-2 text-xs text-amber-900">{t("list.needsReview")}</span>
                ) : null}
              </td>
              <td>{t(`kinds.${item.kind}`)}</td>
              <td>
                {t(`statuses.${item.status}`)}
                {item.status === "scheduled" && item.publishAt ? ` · ${formatDateTime(item.publishAt, locale, timeZone)}` : null}
              </td>
              <td>{formatDateTime(item.updatedAt, locale, timeZone)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
