import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Conversation } from "~/components/coaching/conversation";
import { db } from "#db/client.server";
import { orErrorPage } from "~/lib/http";
import { resolveLocale } from "~/lib/i18n";
import { conversationPanel } from "~/modules/coaching/chat.server";
import { coachChat } from "~/modules/coaching/conversations.server";
import { requireRole } from "~/modules/identity/auth.server";

// A minimal coach-side page for the chat; the caseload work's member view replaces it and embeds the same panel.
export const handle = { i18n: ["chat"] };

export const meta: MetaFunction = () => [{ title: "Member · QuitPath" }];

/** One of the coach's members (anyone else's member is a 404), with the conversation. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const coach = await requireRole(request, "coach");
  const chat = await orErrorPage(coachChat(db(), coach.id, params.memberId ?? ""));
  return {
    locale: resolveLocale(request, coach.locale),
    timeZone: coach.timeZone,
    panel: await conversationPanel(db(), chat, new URL(request.url)),
  };
}

export default function CoachMemberPage() {
  const { panel, locale, timeZone } = useLoaderData<typeof loader>();
  return <Conversation {...panel} locale={locale} timeZone={timeZone} />;
}
