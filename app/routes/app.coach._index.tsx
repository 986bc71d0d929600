import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { UpgradeRequiredBoundary } from "~/components/billing/upgrade-required";
import { Conversation } from "~/components/coaching/conversation";
import { db } from "#db/client.server";
import { resolveLocale } from "~/lib/i18n";
import { requireEntitlement } from "~/modules/billing/entitlements.server";
import { conversationPanel } from "~/modules/coaching/chat.server";
import { memberChat } from "~/modules/coaching/conversations.server";

export const handle = { i18n: ["chat", "pricing"] };

export const meta: MetaFunction = () => [{ title: "Your coach · QuitPath" }];

export const headers = () => ({ "Cache-Control": "private, no-store" });

/** The member's chat with their coach (premium: coach-chat); without a coach yet, the way to choose one. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireEntitlement(request, "coach-chat");
  const locale = resolveLocale(request, user.locale);
  const chat = await memberChat(db(), user.id);
  return { locale, timeZone: user.timeZone, panel: chat ? await conversationPanel(db(), chat, new URL(request.url)) : null };
}

export const ErrorBoundary = UpgradeRequiredBoundary;

export default function MemberCoachPage() {
  const { t } = useTranslation("chat");
  const { panel, locale, timeZone } = useLoaderData<typeof loader>();
  return (
    <section className="mx-auto w-full max-w-3xl px-4 py-8">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="mt-2 text-slate-700">{t("intro")}</p>
      <div className="mt-6">
        {panel ? (
          <Conversation {...panel} locale={locale} timeZone={timeZone} />
        ) : (
          <div className="rounded-lg border border-slate-200 bg-white p-4">
            <p>{t("noCoach")}</p>
            <a href="/app/coach/choose" className="mt-3 inline-block font-semibold text-emerald-800 underline">
              {t("chooseCoach")}
            </a>
          </div>
        )}
      </div>
    </section>
  );
}
