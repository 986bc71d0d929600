import type { Database } from "#db/client.server";
import { DomainError } from "~/lib/domain-error";
import { env } from "~/lib/env.server";
import { formatDateTime } from "~/lib/format";
import type { AppLocale } from "~/lib/i18n";
import { conversationPanel } from "~/modules/coaching/chat.server";
import { coachChat, memberChat } from "~/modules/coaching/conversations.server";
import { callWindow } from "./call";
import type { CallAccess } from "./call.server";

/**
 * What either side's call page loads: the session on the viewer's clock, whether the room is open,
 * the STUN/TURN servers, and the chat with the other participant (the fallback inside the call).
 */
export async function callPage(db: Database, call: CallAccess, viewer: { locale: AppLocale; timeZone: string }, url: URL, now: Date) {
  const { opensAt } = callWindow(call.session);
  const chatAccess =
    call.role === "member"
      ? await memberChat(db, call.viewerId)
      : await coachChat(db, call.viewerId, call.session.memberId).catch((error: unknown) => {
          if (error instanceof DomainError && error.kind === "not-found") return null; // no longer this member's coach
          throw error;
        });
  // The chat belongs to the coaching relationship; a member whose coach changed since booking has no chat here.
  const chat =
    chatAccess && chatAccess.conversation.coachId === call.session.coachId ? await conversationPanel(db, chatAccess, url, now) : null;
  return {
    sessionId: call.session.id,
    role: call.role,
    phase: call.phase,
    peerName: call.peerName,
    when: formatDateTime(call.session.startsAt, viewer.locale, viewer.timeZone, { dateStyle: "full", timeStyle: "short" }),
    opensAt: formatDateTime(opensAt, viewer.locale, viewer.timeZone, { timeStyle: "short" }),
    iceServers: env().ICE_SERVERS,
    chat,
  };
}
