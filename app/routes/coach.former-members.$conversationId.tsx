import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { db } from "#db/client.server";
import { formatDateTime } from "~/lib/format";
import { orErrorPage } from "~/lib/http";
import { resolveLocale } from "~/lib/i18n";
import { parseAfterSeq } from "~/modules/coaching/messages";
import { formerMemberChat } from "~/modules/coaching/conversations.server";
import { requireRole } from "~/modules/identity/auth.server";

export const handle = { i18n: ["chat"] };

export const meta: MetaFunction = () => [{ title: "A former member · QuitPath coach" }];

/** A former member's chat, read-only, for its own coach only (anyone else's, or a live one, is a 404). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const coach = await requireRole(request, "coach");
  const before = parseAfterSeq(new URL(request.url).searchParams.get("before")) || null;
  const view = await orErrorPage(formerMemberChat(db(), coach.id, params.conversationId ?? "", { before }));
  const locale = resolveLocale(request, coach.locale);
  return {
    olderBefore: view.olderBefore,
    messages: view.messages.map((m) => ({ ...m, sent: formatDateTime(m.createdAt, locale, coach.timeZone) })),
  };
}

export default function FormerMemberChatPage() {
  const { t } = useTranslation("chat");
  const { messages, olderBefore } = useLoaderData<typeof loader>();
  return (
    <section className="space-y-4">
      <Link to="/coach/former-members" className="text-sm font-semibold text-emerald-800 underline">
        {t("formerMembers.back")}
      </Link>
      <h1 className="text-2xl font-bold">{t("formerMembers.formerMember")}</h1>
      <p className="rounded bg-slate-100 p-3 text-slate-800">{t("formerMembers.readOnly")}</p>
      {olderBefore ? (
        <Link to={`?before=${olderBefore}`} className="text-sm underline">
          {t("loadOlder")}
        </Link>
      ) : null}
      {messages.length === 0 ? <p className="text-slate-700">{t("formerMembers.none")}</p> : null}
      <ol className="space-y-3" aria-label={t("messagesLabel", { name: t("formerMembers.formerMember") })}>
        {messages.map((m) => (
          <li key={m.id} className={m.side === "coach" ? "ml-8 rounded-lg bg-emerald-50 p-3" : "mr-8 rounded-lg bg-white p-3 shadow-sm"}>
            <p className="text-xs font-semibold text-slate-700">
              {m.side === "coach" ? t("you") : m.fromAiCoach ? t("fromAiCoach") : t("formerMembers.formerMember")} · {m.sent}
            </p>
            {m.deleted ? (
              <p className="text-sm italic text-slate-600">{t("formerMembers.deleted")}</p>
            ) : (
              <div data-testid="message-body" className="prose-sm [&_a]:underline" dangerouslySetInnerHTML={{ __html: m.html }} />
            )}
            {!m.deleted && m.photoUrl ? <img src={m.photoUrl} alt={t("photoAlt")} className="mt-2 max-h-64 rounded" /> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
