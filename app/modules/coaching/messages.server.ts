import { and, eq, sql } from "drizzle-orm";
import {
  coachAssignments,
  coachProfiles,
  coachResponses,
  conversations,
  messages,
  users,
  type Conversation,
  type Message,
} from "#db/schema";
import { preparedRows, type Database } from "#db/client.server";
import { boundedCache } from "~/lib/cache";
import { DomainError } from "~/lib/domain-error";
import { rateLimitCountSql, rateLimitHitSql, retryAfterSeconds } from "~/lib/rate-limit.server";
import { logger } from "~/lib/logger.server";
import { isUuid } from "~/lib/uuid";
import { enqueueDeliveries } from "~/lib/queue.server";
import { queueCoachReplyPush } from "~/modules/notifications/push.server";
import { fileStorage } from "~/modules/storage/storage.server";
import { CHAT_CHANNEL, chatMessageOf, signalBase, signalChat, type ConversationAccess } from "./conversations.server";
import { isSendableBody, MAX_MESSAGE_LENGTH, withinEditWindow, type ChatMessage, type ChatSide } from "./messages";
import { businessHoursOf, responseDueAt, type BusinessHours } from "./sla";

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
  /** The coach's business hours if the caller has them (the access check reads them); read here otherwise. */
  coachHours?: BusinessHours;
};

/** The coach's business hours (a member's message starts the clock on them), for a send whose access check did not read them. */
async function coachHoursOf(db: Database, coachId: string): Promise<BusinessHours> {
  const [coach] = await db
    .select({ timeZone: users.timeZone, workingHours: coachProfiles.workingHours })
    .from(users)
    .leftJoin(coachProfiles, eq(coachProfiles.coachId, users.id))
    .where(eq(users.id, coachId));
  return businessHoursOf(coach?.workingHours, coach?.timeZone);
}

type SendRow = {
  allowed: boolean;
  sends: number | null;
  window_sends: number | null;
  previous_sends: number | null;
  created: boolean | null;
  id: string | null;
  seq: number | null;
  sender_id: string | null;
  client_id: string | null;
  body: string | null;
  attachment_id: string | null;
  edited_at: string | null;
  deleted_at: string | null;
  created_at: string | null;
};

type SendOutcome =
  | { kind: "sent" | "stored"; message: Message }
  | { kind: "not-found" }
  | { kind: "rate-limited"; retryAfterSeconds: number }
  | { kind: "raced" };

const timestampOf = (value: string | Date | null) => (value === null ? null : new Date(value));

/**
 * A send in one statement (one round trip, one transaction on its own). Compare-and-swap on the
 * conversation: it reads the conversation (and, for the access check, the active assignment) in
 * its snapshot, then takes the next seq only if `last_seq` is still what it read. Only sends bump
 * last_seq, insert messages and open or answer responses, so when the swap succeeds nothing those
 * reads depend on (a stored client id, an open response) changed since the snapshot; when a
 * concurrent send got there first the row's lock makes it wait, the re-check fails, nothing is
 * written but the rate-limit count, and the outcome is "raced". Under the row lock until commit,
 * so seqs are gapless and commit in order. NOTIFY queues in the statement's transaction and
 * Postgres delivers it only when that commits, so listeners never read ahead of the commit.
 */
async function sendStatement(
  db: Database,
  input: NewMessage,
  side: ChatSide,
  now: Date,
  options: { dueAt: Date | null; counted: boolean },
): Promise<SendOutcome> {
  const conversationId = input.conversation.id;
  const person = side === "member" ? sql.raw("member_id") : sql.raw("coach_id");
  const readSeq = side === "member" ? sql.raw("member_read_seq") : sql.raw("coach_read_seq");
  const key = `chat-send:${input.senderId}`;
  const at = now.toISOString();
  const hit = options.counted
    ? rateLimitCountSql(key, SEND_LIMIT, now)
    : rateLimitHitSql(key, SEND_LIMIT, now, sql`not exists (select 1 from existing) and exists (select 1 from seen)`);
  // A member's message opens the coach's response when none is open; the coach's answers the open one.
  const sla =
    side === "member"
      ? sql`insert into ${coachResponses} (conversation_id, coach_id, kind, asked_seq, asked_at, due_at)
          select i.conversation_id, s.coach_id,
            (case when exists (select 1 from ${coachResponses} r where r.conversation_id = ${conversationId}) then 'next' else 'first' end)::coach_response_kind,
            i.seq, ${at}::timestamptz, ${options.dueAt?.toISOString() ?? at}::timestamptz
          from inserted i cross join seen s
          where not exists (select 1 from ${coachResponses} r where r.conversation_id = ${conversationId} and r.answered_at is null)`
      : sql`update ${coachResponses} r set answered_seq = i.seq, answered_at = ${at}::timestamptz
          from inserted i where r.conversation_id = ${conversationId} and r.answered_at is null`;
  const columns = sql.raw("id, seq, sender_id, client_id, body, attachment_id, edited_at, deleted_at, created_at");
  const [row] = await preparedRows<SendRow>(
    db,
    sql`
    with seen as (
      select c.id, c.last_seq, c.member_id, c.coach_id from ${conversations} c
      join ${coachAssignments} a on a.id = c.assignment_id and a.status = 'active'
      where c.id = ${conversationId} and c.${person} = ${input.senderId}
    ),
    existing as (select ${columns} from ${messages} where conversation_id = ${conversationId} and client_id = ${input.clientId}),
    hit as (${hit}),
    taken as (
      update ${conversations} c
      set last_seq = c.last_seq + 1, last_message_at = ${at}::timestamptz,
        ${readSeq} = case when c.${readSeq} >= c.last_seq then c.last_seq + 1 else c.${readSeq} end
      from seen s
      where c.id = s.id and c.last_seq = s.last_seq
        and not exists (select 1 from existing) and coalesce((select count from hit), 0) <= ${SEND_LIMIT.limit}
      returning c.last_seq as seq
    ),
    inserted as (
      insert into ${messages} (conversation_id, seq, sender_id, client_id, body, attachment_id, created_at)
      select ${conversationId}, t.seq, ${input.senderId}, ${input.clientId}, ${input.body}, ${input.attachmentId ?? null}, ${at}::timestamptz
      from taken t
      returning ${columns}, conversation_id
    ),
    sla as (${sla})
    select exists (select 1 from seen) as allowed, (select count from hit) as sends,
      (select current from hit) as window_sends, (select previous from hit) as previous_sends, m.*,
      (select count(pg_notify(${CHAT_CHANNEL}, json_build_object('k', 'message', 'c', i.conversation_id, 's', i.seq, 'mem', s.member_id, 'co', s.coach_id)::text))
         from inserted i cross join seen s) as notified
    from (select 1) as one
    left join (
      select ${columns}, true as created from inserted
      union all
      select ${columns}, false as created from existing
    ) m on true`,
  );
  if (row?.id && row.created !== null) {
    const message: Message = {
      id: row.id,
      conversationId,
      seq: Number(row.seq),
      senderId: row.sender_id,
      clientId: row.client_id!,
      body: row.body!,
      attachmentId: row.attachment_id,
      fromAiCoach: false,
      editedAt: timestampOf(row.edited_at),
      deletedAt: timestampOf(row.deleted_at),
      createdAt: timestampOf(row.created_at)!,
    };
    return { kind: row.created ? "sent" : "stored", message };
  }
  if (!row?.allowed) return { kind: "not-found" };
  if (row.sends !== null && Number(row.sends) > SEND_LIMIT.limit) {
    return {
      kind: "rate-limited",
      retryAfterSeconds: retryAfterSeconds(SEND_LIMIT, now, Number(row.window_sends), Number(row.previous_sends)),
    };
  }
  return { kind: "raced" };
}

/**
 * Sends a message: takes the conversation's next sequence number, stores the message (a client id
 * seen before returns the stored message instead: a retried send never duplicates), counts the
 * sender's rate limit, moves the conversation on, opens or answers the coach's response (SLA), and
 * tells every process by id; the sender's own read position follows their message when they had
 * read everything before it. One statement; only when a concurrent send in the same conversation
 * won the race, again after taking the conversation's lock (then it cannot lose).
 */
export async function sendMessage(db: Database, input: NewMessage, now = new Date()): Promise<{ message: ChatMessage; created: boolean }> {
  const { conversation } = input;
  const side: ChatSide = input.senderId === conversation.memberId ? "member" : "coach";
  if (side === "coach" && input.senderId !== conversation.coachId) throw new DomainError("not-found", "errors:notFound.title");
  if (!isUuid(input.clientId)) throw new DomainError("invalid", "chat:errors.clientIdInvalid", { field: "clientId" });
  if (!input.body && !input.attachmentId) throw new DomainError("invalid", "chat:errors.bodyRequired", { field: "body" });
  if (!isSendableBody(input.body)) throw new DomainError("invalid", "chat:errors.bodyInvalid", { field: "body" });

  const dueAt =
    side === "member"
      ? responseDueAt(now, input.coachHours !== undefined ? input.coachHours : await coachHoursOf(db, conversation.coachId))
      : null;
  let outcome = await sendStatement(db, input, side, now, { dueAt, counted: false });
  if (outcome.kind === "raced") {
    // Already counted against the rate limit: the second try only checks it.
    outcome = await db.transaction(async (tx) => {
      await tx.select({ id: conversations.id }).from(conversations).where(eq(conversations.id, conversation.id)).for("update");
      return sendStatement(tx, input, side, now, { dueAt, counted: true });
    });
  }
  if (outcome.kind === "sent" && side === "coach") {
    // The coach's message is stored: a push that cannot be queued is logged, never turned into a failed send.
    const { id: messageId, body } = outcome.message;
    await queueCoachReplyPush(db, { memberId: conversation.memberId, messageId, body, now })
      .then((queued) => queued && enqueueDeliveries({ email: [], sms: [], push: [queued] }))
      .catch((error: unknown) =>
        logger.error({ err: error instanceof Error ? error.message : String(error) }, "coach reply push not queued"),
      );
  }
  switch (outcome.kind) {
    case "sent":
    case "stored":
      return { message: chatMessageOf(outcome.message, conversation), created: outcome.kind === "sent" };
    case "not-found":
      throw new DomainError("not-found", "errors:notFound.title");
    case "rate-limited":
      throw new DomainError("rate-limited", "chat:errors.tooFast", { retryAfterSeconds: outcome.retryAfterSeconds });
    case "raced":
      throw new Error("sendMessage: lost the race while holding the conversation's lock");
  }
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
  const deleted = await db.transaction(async (tx) => {
    const [row] = await tx
      .update(messages)
      .set({ body: "", attachmentId: null, deletedAt: now })
      .where(eq(messages.id, message.id))
      .returning();
    await signalChat(tx, { k: "edit", s: message.seq, ...signalBase(chat.conversation) });
    return chatMessageOf(row!, chat.conversation);
  });
  // After the commit: the photo's bytes (Postgres or S3) go with the message, and no store call runs inside a transaction.
  if (message.attachmentId) await fileStorage(db).delete(message.attachmentId);
  return deleted;
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

/**
 * A message the AI coach posts into the member's chat when it hands them over: no sender, the
 * next seq under the conversation's lock, and it starts the coach's response clock as a member's
 * message does. Idempotent by `clientId` (the handoff's id). Call inside the handoff's transaction:
 * the live signal is delivered when it commits. Returns when the coach's answer is due.
 */
export async function postAiCoachHandoff(
  tx: Database,
  conversation: Pick<Conversation, "id" | "memberId" | "coachId">,
  a: { clientId: string; body: string; now?: Date },
): Promise<{ dueAt: Date }> {
  const now = a.now ?? new Date();
  const [locked] = await tx
    .select({ lastSeq: conversations.lastSeq })
    .from(conversations)
    .where(eq(conversations.id, conversation.id))
    .for("update");
  if (!locked) throw new DomainError("not-found", "errors:notFound.title");
  const [open] = await tx
    .select({ dueAt: coachResponses.dueAt })
    .from(coachResponses)
    .where(and(eq(coachResponses.conversationId, conversation.id), sql`${coachResponses.answeredAt} is null`));
  const [stored] = await tx
    .select({ id: messages.id })
    .from(messages)
    .where(and(eq(messages.conversationId, conversation.id), eq(messages.clientId, a.clientId)));
  const dueAt = open?.dueAt ?? responseDueAt(now, await coachHoursOf(tx, conversation.coachId));
  if (stored) return { dueAt };
  const seq = locked.lastSeq + 1;
  await tx.update(conversations).set({ lastSeq: seq, lastMessageAt: now }).where(eq(conversations.id, conversation.id));
  const body = a.body.slice(0, MAX_MESSAGE_LENGTH);
  await tx
    .insert(messages)
    .values({ conversationId: conversation.id, seq, senderId: null, clientId: a.clientId, body, fromAiCoach: true, createdAt: now });
  if (!open) {
    const [answered] = await tx
      .select({ id: coachResponses.id })
      .from(coachResponses)
      .where(eq(coachResponses.conversationId, conversation.id))
      .limit(1);
    await tx.insert(coachResponses).values({
      conversationId: conversation.id,
      coachId: conversation.coachId,
      kind: answered ? "next" : "first",
      askedSeq: seq,
      askedAt: now,
      dueAt,
    });
  }
  await signalChat(tx, { k: "message", s: seq, ...signalBase(conversation) });
  return { dueAt };
}
