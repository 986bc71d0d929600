import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useFetcher, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ButtonForm } from "~/components/ui/form";
import { SuccessMessage } from "~/components/ui/form-status";
import { db } from "#db/client.server";
import { formatDateTime } from "~/lib/format";
import { resolveLocale } from "~/lib/i18n";
import { intent, typedAction } from "~/lib/typed-action";
import { requireUser } from "~/modules/identity/auth.server";
import { listNotifications, markAllRead, markRead, parseCursor } from "~/modules/notifications/centre.server";
import { WeekChart } from "~/components/notifications/week-chart";

export const handle = { i18n: ["notifications"] };

export const meta: MetaFunction = () => [{ title: "Notifications · QuitPath" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const url = new URL(request.url);
  const unreadOnly = url.searchParams.get("filter") === "unread";
  const page = await listNotifications(db(), user.id, { before: parseCursor(url.searchParams.get("before")), unreadOnly });
  return {
    locale: resolveLocale(request, user.locale),
    timeZone: user.timeZone,
    unreadOnly,
    next: page.next,
    items: page.items.map((n) => ({
      id: n.id,
      kind: n.kind,
      payload: n.payload,
      read: n.readAt !== null,
      createdAt: n.createdAt.toISOString(),
    })),
  };
}

export const action = typedAction({
  guard: ({ request }) => requireUser(request),
  intents: (user) => ({
    "mark-read": intent(z.object({ id: z.string().uuid() }), async ({ id }) => {
      await markRead(db(), user.id, id);
      return { messageKey: null };
    }),
    "mark-all-read": intent(z.object({}), async () => {
      const count = await markAllRead(db(), user.id);
      return { messageKey: "notifications:centre.markedAllRead", count };
    }),
  }),
});

function NotificationItem({
  item,
  locale,
  timeZone,
}: {
  item: ReturnType<typeof useLoaderData<typeof loader>>["items"][number];
  locale: "en" | "vi";
  timeZone: string;
}) {
  const { t } = useTranslation();
  const fetcher = useFetcher<typeof action>();
  const read = item.read || fetcher.state !== "idle";
  const values = item.payload.values ?? {};
  const chart = typeof values.chart === "string" && values.chart ? values.chart.split(",").map(Number) : null;
  return (
    <li
      className={`flex flex-wrap items-start justify-between gap-3 rounded-lg border p-4 ${read ? "border-slate-200 bg-white" : "border-emerald-300 bg-emerald-50"}`}
    >
      <div className="min-w-0 flex-1">
        <p className="font-semibold">
          {read ? null : <span className="sr-only">{t("notifications:centre.unreadLabel")} </span>}
          {item.payload.href ? (
            <Link to={item.payload.href} className="underline decoration-emerald-700 underline-offset-2">
              {t(item.payload.messageKey, values)}
            </Link>
          ) : (
            t(item.payload.messageKey, values)
          )}
        </p>
        {typeof values.body === "string" ? <p className="mt-1 text-slate-700">{values.body}</p> : null}
        {chart ? <WeekChart values={chart} start={String(values.chartStart ?? "")} locale={locale} /> : null}
        <p className="mt-1 text-xs text-slate-600">
          {t(`notifications:kinds.${item.kind}`, { defaultValue: item.kind })} · {formatDateTime(item.createdAt, locale, timeZone)}
        </p>
      </div>
      {read ? null : (
        <ButtonForm answer={fetcher.data} intent="mark-read" values={{ id: item.id }} fetcher={fetcher} variant="secondary">
          {t("notifications:centre.markRead")}
        </ButtonForm>
      )}
    </li>
  );
}

export default function NotificationsPage() {
  const { t } = useTranslation();
  const { items, next, locale, timeZone, unreadOnly } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const marked = actionData?.ok && actionData.intent === "mark-all-read" ? actionData.result : null;
  const [params] = useSearchParams();
  const filterLink = (filter: string | null) => (filter ? `?filter=${filter}` : "?");
  return (
    <section className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold">{t("notifications:centre.title")}</h1>
        <div className="flex flex-wrap items-center gap-3">
          <Link to="/app/notifications/preferences" className="text-sm font-semibold text-emerald-800 underline">
            {t("notifications:centre.preferencesLink")}
          </Link>
          <ButtonForm answer={actionData} intent="mark-all-read" variant="secondary">
            {t("notifications:centre.markAllRead")}
          </ButtonForm>
        </div>
      </div>
      <SuccessMessage messageKey={marked?.messageKey} values={marked ? { count: marked.count } : undefined} />
      <nav aria-label={t("notifications:centre.filterLabel")} className="flex gap-2">
        <Link
          to={filterLink(null)}
          aria-current={!unreadOnly ? "page" : undefined}
          className={`rounded-md px-3 py-1 text-sm ${!unreadOnly ? "bg-emerald-700 text-white" : "bg-white text-slate-800 border border-slate-300"}`}
        >
          {t("notifications:centre.filterAll")}
        </Link>
        <Link
          to={filterLink("unread")}
          aria-current={unreadOnly ? "page" : undefined}
          className={`rounded-md px-3 py-1 text-sm ${unreadOnly ? "bg-emerald-700 text-white" : "bg-white text-slate-800 border border-slate-300"}`}
        >
          {t("notifications:centre.filterUnread")}
        </Link>
      </nav>
      {items.length === 0 ? (
        <div className="rounded-lg border border-slate-200 bg-white p-6 text-slate-700">
          <p className="font-semibold">{unreadOnly ? t("notifications:centre.emptyUnread") : t("notifications:centre.empty")}</p>
          {unreadOnly ? null : <p>{t("notifications:centre.emptyHint")}</p>}
        </div>
      ) : (
        <ul className="space-y-3">
          {items.map((item) => (
            <NotificationItem key={item.id} item={item} locale={locale} timeZone={timeZone} />
          ))}
        </ul>
      )}
      {next ? (
        <Link
          to={`?${new URLSearchParams({ ...(params.get("filter") ? { filter: params.get("filter")! } : {}), before: next })}`}
          className="inline-block font-semibold text-emerald-800 underline"
        >
          {t("notifications:centre.loadOlder")}
        </Link>
      ) : null}
    </section>
  );
}
