import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { db } from "#db/client.server";
import { formatDateTime } from "~/lib/format";
import { resolveLocale } from "~/lib/i18n";
import { requireRole } from "~/modules/identity/auth.server";
import { parseCursor } from "~/modules/notifications/centre.server";
import { smtpConfigured } from "~/modules/notifications/email.server";
import { OUTBOX_CHANNELS, outboxPage, type OutboxChannel } from "~/modules/notifications/outbox.server";
import { smsConfigured } from "~/modules/notifications/sms.server";

export const handle = { i18n: ["notifications"] };

export const meta: MetaFunction = () => [{ title: "Outbox · QuitPath" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const url = new URL(request.url);
  const named = url.searchParams.get("channel");
  const channel: OutboxChannel = OUTBOX_CHANNELS.find((c) => c === named) ?? "email";
  const { messages, next } = await outboxPage(db(), channel, parseCursor(url.searchParams.get("before")));
  return {
    channel,
    locale: resolveLocale(request, admin.locale),
    timeZone: admin.timeZone,
    // Push always has its provider: the browsers' own push services, with our VAPID keys.
    provider: channel === "sms" ? smsConfigured() : channel === "push" ? true : smtpConfigured(),
    next,
    messages: messages.map((m) => ({ ...m, createdAt: m.createdAt.toISOString(), notBefore: m.notBefore.toISOString() })),
  };
}

export const headers = () => ({ "Cache-Control": "private, no-store" });

export default function AdminOutbox() {
  const { t } = useTranslation();
  const { channel, messages, next, locale, timeZone, provider } = useLoaderData<typeof loader>();
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-bold">{t("notifications:outbox.title")}</h1>
      <p className="text-slate-700">
        {channel === "push"
          ? t("notifications:outbox.pushProvider")
          : provider
            ? t("notifications:outbox.providerConfigured")
            : t("notifications:outbox.noProvider")}
      </p>
      <nav aria-label={t("notifications:outbox.channels")} className="flex gap-2">
        {OUTBOX_CHANNELS.map((c) => (
          <Link
            key={c}
            to={`?channel=${c}`}
            aria-current={c === channel ? "page" : undefined}
            className={`rounded-md px-3 py-1 text-sm ${c === channel ? "bg-emerald-700 text-white" : "border border-slate-300 bg-white"}`}
          >
            {t(`notifications:channels.${c}`)}
          </Link>
        ))}
      </nav>
      {messages.length === 0 ? <p>{t("notifications:outbox.empty")}</p> : null}
      <ul className="space-y-3">
        {messages.map((m) => (
          <li key={m.id} data-outbox-message={m.status} className="rounded-lg border border-slate-200 bg-white p-4">
            <details>
              <summary className="cursor-pointer">
                <span className="font-semibold">{m.subject ?? m.body.slice(0, 80)}</span> · {m.to} · {m.kind} ·{" "}
                {t(`notifications:outbox.status.${m.status}`)} · {t("notifications:outbox.attempts", { count: m.attempts })} ·{" "}
                {formatDateTime(m.createdAt, locale, timeZone)}
              </summary>
              {m.failing ? (
                <p className="mt-2 text-sm" data-outbox-failing="">
                  {t("notifications:outbox.failing")}{" "}
                  <Link to="/admin/jobs" className="font-semibold text-emerald-800 underline">
                    {t("notifications:outbox.deadLetter")}
                  </Link>
                </p>
              ) : null}
              {m.notBefore > m.createdAt ? (
                <p className="mt-2 text-sm">
                  {t("notifications:outbox.notBefore", { when: formatDateTime(m.notBefore, locale, timeZone) })}
                </p>
              ) : null}
              {m.lastError ? <p className="mt-2 text-sm text-red-800">{m.lastError}</p> : null}
              {Object.keys(m.headers).length > 0 ? (
                <pre className="mt-2 overflow-x-auto text-xs">
                  {Object.entries(m.headers)
                    .map(([k, v]) => `${k}: ${v}`)
                    .join("\n")}
                </pre>
              ) : null}
              <pre className="mt-2 whitespace-pre-wrap text-sm">{m.body}</pre>
            </details>
          </li>
        ))}
      </ul>
      {next ? (
        <Link to={`?${new URLSearchParams({ channel, before: next })}`} className="font-semibold text-emerald-800 underline">
          {t("notifications:outbox.older")}
        </Link>
      ) : null}
    </section>
  );
}
