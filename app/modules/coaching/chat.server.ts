import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Database } from "#db/client.server";
import { intent } from "~/lib/typed-action";
import { conversationView, markRead, type ConversationAccess } from "./conversations.server";
import { deleteMessageSchema, editMessageSchema, markReadSchema, parseAfterSeq, sendMessageSchema } from "./messages";
import { deleteMessage, editMessage, sendMessage, signalTyping } from "./messages.server";
import { chatDirectUpload, storeChatPhoto } from "./photos.server";

/** Where each side reads a conversation: the member's chat page, or the coach's page of that member. */
export function conversationPagePath(chat: Pick<ConversationAccess, "side" | "conversation">): string {
  return chat.side === "member" ? "/app/coach" : `/coach/members/${chat.conversation.memberId}`;
}

/** Everything one participant can do in a conversation, as typed-action intents (the conversation's resource route). */
export function conversationIntents(db: Database, chat: ConversationAccess) {
  return {
    "send-message": intent(sendMessageSchema, async (input, { formData }) => {
      const attachmentId = await storeChatPhoto(db, chat.viewerId, formData);
      const sent = await sendMessage(db, {
        conversation: chat.conversation,
        senderId: chat.viewerId,
        clientId: input.clientId,
        body: input.body,
        attachmentId,
        coachHours: chat.coachHours,
      });
      return { message: sent.message, created: sent.created };
    }),
    "edit-message": intent(editMessageSchema, async (input) => ({ message: await editMessage(db, chat, input.messageId, input.body) })),
    "delete-message": intent(deleteMessageSchema, async (input) => ({ message: await deleteMessage(db, chat, input.messageId) })),
    "mark-read": intent(markReadSchema, async (input) => ({ readSeq: await markRead(db, chat, input.seq) })),
    typing: intent(z.object({}), async () => ({ sent: await signalTyping(db, chat) })),
  };
}

const ERROR_KEY = /^(chat:errors|errors:[a-zA-Z]+)\.[a-zA-Z.]+$/;

/**
 * What a page embedding <Conversation> loads (the member's /app/coach, the coach's member page):
 * the newest messages (or the page before `?before=`), marked read since the page shows them, a
 * client id for the form without JavaScript, the error a plain form post came back with, and
 * whether a photo goes straight to the bucket (S3).
 */
export async function conversationPanel(db: Database, chat: ConversationAccess & { counterpartName: string }, url: URL, now = new Date()) {
  const before = parseAfterSeq(url.searchParams.get("before")) || null;
  const view = await conversationView(db, chat, { before });
  if (!before && view.lastSeq > view.ownReadSeq) view.ownReadSeq = await markRead(db, chat, view.lastSeq);
  const errorKey = url.searchParams.get("chatError");
  return {
    view,
    clientId: randomUUID(),
    errorKey: errorKey && ERROR_KEY.test(errorKey) ? errorKey : null,
    now: now.toISOString(),
    directUpload: chatDirectUpload(db),
  };
}
