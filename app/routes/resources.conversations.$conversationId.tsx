import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { db } from "#db/client.server";
import { orErrorPage } from "~/lib/http";
import { typedAction, withIntentCatalogue } from "~/lib/typed-action";
import { requireEntitlement } from "~/modules/billing/entitlements.server";
import { conversationIntents, conversationPagePath } from "~/modules/coaching/chat.server";
import { conversationFor } from "~/modules/coaching/conversations.server";
import { readChatForm } from "~/modules/coaching/photos.server";

/**
 * One conversation's writes. Premium for members (the 403 upgrade page), and only the
 * conversation's member or active coach (404 for anyone else), checked before the body is read.
 * The page's script posts with `?live=1` and gets the typed result as JSON; a plain form (no
 * JavaScript) is sent back to the conversation's page (post/redirect/get), with the error's key.
 */
async function chatFor({ request, params }: ActionFunctionArgs) {
  const { user } = await requireEntitlement(request, "coach-chat");
  return orErrorPage(conversationFor(db(), user.id, params.conversationId ?? ""));
}

// Its intents are listed like every typed action's (withIntentCatalogue), for the tests that enumerate every intent.
export const action = withIntentCatalogue(
  async (args: ActionFunctionArgs) => {
    const { request } = args;
    const chat = await chatFor(args);
    const answer = await typedAction({ guard: () => chat, readForm: readChatForm, intents: conversationIntents(db(), chat) })(args);
    if (new URL(request.url).searchParams.get("live") === "1") {
      return Response.json(answer.data, { status: answer.init?.status ?? 200, headers: answer.init?.headers });
    }
    const to = conversationPagePath(chat);
    if (answer.data.ok) return redirect(`${to}#latest`);
    const key = Object.values(answer.data.submission.error ?? {})
      .flat()
      .find((message): message is string => typeof message === "string");
    return redirect(`${to}?${new URLSearchParams({ chatError: key ?? "errors:badRequest.title" })}#message-form`);
  },
  { guard: chatFor, readForm: readChatForm, intents: (chat) => conversationIntents(db(), chat) },
);
