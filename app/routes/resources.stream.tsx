import { type LoaderFunctionArgs } from "@remix-run/node";
import { db } from "#db/client.server";
import { orErrorPage, SSE_HEADERS } from "~/lib/http";
import { requireEntitlement } from "~/modules/billing/entitlements.server";
import { conversationFor } from "~/modules/coaching/conversations.server";
import { parseAfterSeq } from "~/modules/coaching/messages";
import { requireUser } from "~/modules/identity/auth.server";
import { liveEvents } from "~/modules/realtime/stream.server";
import { callAccess } from "~/modules/sessions/call.server";

/**
 * The tab's one live stream (Server-Sent Events): notification and coaching counts, and with
 * `?conversation=<id>` that conversation's messages, read receipts and typing. A conversation the
 * user is not in (or no longer coaches) is a 404; a member without premium gets the 403.
 * A reconnect's Last-Event-ID (or `?after=`) is the last message seq the tab has. With
 * `?call=<session id>` the tab is in that session's call: only its two participants, only while the
 * call is open (404 otherwise).
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const conversationId = url.searchParams.get("conversation");
  const callId = url.searchParams.get("call");
  const user = conversationId ? (await requireEntitlement(request, "coach-chat")).user : await requireUser(request);
  if (callId) await requireEntitlement(request, "video-sessions");
  const chat = conversationId ? await orErrorPage(conversationFor(db(), user.id, conversationId)) : null;
  const call = callId ? await orErrorPage(callAccess(db(), user.id, callId, new Date(), { open: true })) : null;
  const afterSeq = parseAfterSeq(request.headers.get("Last-Event-ID") ?? url.searchParams.get("after"));
  return new Response(liveEvents(db(), { userId: user.id, chat, afterSeq, call, signal: request.signal }), { headers: SSE_HEADERS });
}
