import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { db } from "#db/client.server";
import { formatDateTime } from "~/lib/format";
import { resolveLocale } from "~/lib/i18n";
import { formerMemberChats } from "~/modules/coaching/conversations.server";
import { requireRole } from "~/modules/identity/auth.server";

export const handle = { i18n: ["chat"] };

export const meta: MetaFunction = () => [{ title: "Former members · QuitPath coach" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const coach = await requireRole(request, "coach");
  const locale = resolveLocale(request, coach.locale);
  const when = (iso: string) => formatDateTime(iso, locale, coach.timeZone);
  const chats = await formerMemberChats(db(), coach.id);
  return {
    chats: chats.map((c) => ({ ...c, started: when(c.startedAt), last: c.lastMessageAt ? when(c.lastMessageAt) : null })),
  };
}

export default function FormerMembersPage() {
  const { t } = useTranslation("chat");
  const { chats } = useLoaderData<typeof loader>();
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-bold">{t("formerMembers.title")}</h1>
      <p className="text-slate-700">{t("formerMembers.intro")}</p>
      {chats.length === 0 ? <p className="text-slate-700">{t("formerMembers.none")}</p> : null}
      <ul className="divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white">
        {chats.map((c) => (
          <li key={c.conversationId} className="p-4">
            <p className="font-medium">{t("formerMembers.formerMember")}</p>
            <p className="text-sm text-slate-700">
              {t("formerMembers.started", { when: c.started })}
              {c.last ? ` · ${t("formerMembers.lastMessage", { when: c.last })}` : null} ·{" "}
              {t("formerMembers.messages", { count: c.messageCount })}
            </p>
            <Link to={`/coach/former-members/${c.conversationId}`} className="text-sm font-semibold text-emerald-800 underline">
              {t("formerMembers.open")}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
