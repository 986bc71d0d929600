import { and, eq, isNull, sql } from "drizzle-orm";
import { coachProfiles, coachResponses, conversations, messages, users, type Conversation, type Message } from "#db/schema";
import type { Database } from "#db/client.server";
import { boundedCache } from "~/lib/cache";
import { DomainError } from "~/lib/domain-error";
import { hitRateLimit } from "~/lib/rate-limit.server";
import { isUuid } from "~/lib/uuid";
import { chatMessageOf, signalBase, signalChat, type ConversationAccess } from "./conversations.server";
import { isSendableBody, withinEditWindow, type ChatMessage, type ChatSide } from "./messages";
import { businessHoursOf, responseDueAt } from "./sla";

/** Sends per sender per minute, counted in Postgres so every server process shares the limit. */
export const SEND_LIMIT = { limit: 30, windowSeconds: 60 };
/** At most one typing signal per sender per conversation in this long; the receiver hides it after TYPING_EXPIRES_MS. */
export const TYPING_THROTTLE_MS = 3_000;
export const TYPING_EXPIRES_MS = 6_000;

export type NewMessage = {
  conversation: Pick<Conversation, "id" | "memberId" | "coachId">;
  senderId: string;
  clientId: string;
  body: string;
  attachmentId?: string | null;
};

async function byClientId(db: Database, conversationId: string, clientId: string): Promise<Message | null> {
  const [row] = await db
    .select()
    .from(messages)
    .where(and(eq(messages.conversationId, conversationId), eq(messages.clientId, clientId)));
  return row ?? null;
}

/**
 * Sends a message: under the conversation row's lock it takes the next sequence number, stores the
 * message (a client id seen before returns the stored message instead: a retried send never
 * duplicates), moves the conversation on, opens or answers the coach's response (SLA), and tells
 * every process by id. The sender's own read position follows their message when they had read
 * everything before it.
 */
export async function sendMessage(db: Database, input: NewMessage, now = new Date()): Promise<{ message: ChatMessage; created: boolean }> {
  const { conversation } = input;
  const side: ChatSide = input.senderId === conversation.memberId ? "member" : "coach";
  if (side === "coach" && input.senderId !== conversation.coachId) throw new DomainError("not-found", "errors:notFound.title");
  if (!isUuid(input.clientId)) throw new DomainError("invalid", "chat:errors.clientIdInvalid", { field: "clientId" });
  if (!input.body && !input.attachmentId) throw new DomainError("invalid", "chat:errors.bodyRequired", { field: "body" });
  if (!isSendableBody(input.body)) throw new DomainError("invalid", "chat:errors.bodyInvalid", { field: "body" });

  const earlier = await byClientId(db, conversation.id, input.clientId);
  if (earlier) return { message: chatMessageOf(earlier, conversation), created: false };
  const [limit] = await hitRateLimit(db, [`chat-send:${input.senderId}`], SEND_LIMIT, now);
  if (limit?.limited) throw new DomainError("rate-limited", "chat:errors.tooFast", { retryAfterSeconds: limit.retryAfterSeconds });

  return db.transaction(async (tx) => {
    const [locked] = await tx.select().from(conversations).where(eq(conversations.id, conversation.id)).for("update");
    if (!locked) throw new DomainError("not-found", "errors:notFound.title");
    // A concurrent retry that committed while we waited for the lock.
    const raced = await byClientId(tx, conversation.id, input.clientId);
    if (raced) return { message: chatMessageOf(raced, locked), created: false };

    const seq = locked.lastSeq + 1;
    const [message] = await tx
      .insert(messages)
      .values({
        conversationId: conversation.id,
        seq,
        senderId: input.senderId,
        clientId: input.clientId,
        body: input.body,
        attachmentId: input.attachmentId ?? null,
        createdAt: now,
      })
      .returning();
    const readColumn = side === "member" ? conversations.memberReadSeq : conversations.coachReadSeq;
    const ownRead = sql`case when ${readColumn} >= ${locked.lastSeq} then ${seq}::int else ${readColumn} end`;
    await tx
      .update(conversations)
      .set({ lastSeq: seq, lastMessageAt: now, ...(side === "member" ? { memberReadSeq: ownRead } : { coachReadSeq: ownRead }) })
      .where(eq(conversations.id, conversation.id));

    if (side === "member") await openResponse(tx, locked, seq, now);
    else {
      await tx
        .update(coachResponses)
        .set({ answeredSeq: seq, answeredAt: now })
        .where(and(eq(coachResponses.conversationId, conversation.id), isNull(coachResponses.answeredAt)));
    }
    await signalChat(tx, { k: "message", s: seq, ...signalBase(locked) });
    return { message: chatMessageOf(message!, locked), created: true };
  });
}

/** A member's message after the coach's last reply starts the clock on the coach's response (first or next). */
async function openResponse(tx: Database, conversation: Conversation, askedSeq: number, now: Date): Promise<void> {
  const [open] = await tx
    .select({ id: coachResponses.id })
    .from(coachResponses)
    .where(and(eq(coachResponses.conversationId, conversation.id), isNull(coachResponses.answeredAt)));
  if (open) return;
  const [earlier] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(coachResponses)
    .where(eq(coachResponses.conversationId, conversation.id));
  const [coach] = await tx
    .select({ timeZone: users.timeZone, workingHours: coachProfiles.workingHours })
    .from(users)
    .leftJoin(coachProfiles, eq(coachProfiles.coachId, users.id))
    .where(eq(users.id, conversation.coachId));
  await tx.insert(coachResponses).values({
    conversationId: conversation.id,
    coachId: conversation.coachId,
    kind: (earlier?.n ?? 0) === 0 ? "first" : "next",
    askedSeq,
    askedAt: now,
    dueAt: responseDueAt(now, businessHoursOf(coach?.workingHours, coach?.timeZone)),
  });
}

async function ownMessage(db: Database, chat: ConversationAccess, messageId: string): Promise<Message> {
  if (!isUuid(messageId)) throw new DomainError("not-found", "chat:errors.messageNotFound");
  const [row] = await db
    .select()
    .from(messages)
    .where(and(eq(messages.id, messageId), eq(messages.conversationId, chat.conversation.id), eq(messages.senderId, chat.viewerId)));
  if (!row) throw new DomainError("not-found", "chat:errors.messageNotFound");
  return row;
}

/** Changes the text of one's own message within the edit window; the other side gets the new version live. */
export async function editMessage(db: Database, chat: ConversationAccess, messageId: string, body: string, now = new Date()) {
  if (!body || !isSendableBody(body)) throw new DomainError("invalid", "chat:errors.bodyInvalid", { field: "body" });
  const message = await ownMessage(db, chat, messageId);
  if (!withinEditWindow(message, now)) throw new DomainError("conflict", "chat:errors.editWindowOver");
  return db.transaction(async (tx) => {
    const [row] = await tx.update(messages).set({ body, editedAt: now }).where(eq(messages.id, message.id)).returning();
    await signalChat(tx, { k: "edit", s: message.seq, ...signalBase(chat.conversation) });
    return chatMessageOf(row!, chat.conversation);
  });
}

/** Deletes one's own message within the edit window: a tombstone keeps its place (seq, "seen"); text and photo go. */
export async function deleteMessage(db: Database, chat: ConversationAccess, messageId: string, now = new Date()) {
  const message = await ownMessage(db, chat, messageId);
  if (!withinEditWindow(message, now)) throw new DomainError("conflict", "chat:errors.editWindowOver");
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(messages)
      .set({ body: "", attachmentId: null, deletedAt: now })
      .where(eq(messages.id, message.id))
      .returning();
    await signalChat(tx, { k: "edit", s: message.seq, ...signalBase(chat.conversation) });
    return chatMessageOf(row!, chat.conversation);
  });
}

// Per process: with several processes a sender may signal once per process per window, which is still bounded.
const lastTyping = boundedCache<string, number>("chat-typing", 10_000, { evenWhenCachesOff: true });

/** "Is typing…" for the other side: never stored, at most one per TYPING_THROTTLE_MS per sender. Returns whether it was sent. */
export async function signalTyping(db: Database, chat: ConversationAccess, now = new Date()): Promise<boolean> {
  const key = `${chat.conversation.id}:${chat.side}`;
  const last = lastTyping.get(key);
  if (last !== undefined && now.getTime() - last < TYPING_THROTTLE_MS) return false;
  lastTyping.set(key, now.getTime());
  await signalChat(db, { k: "typing", side: chat.side, ...signalBase(chat.conversation) });
  return true;
}
