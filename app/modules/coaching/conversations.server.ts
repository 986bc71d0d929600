import { and, asc, desc, eq, gt, isNull, lt, sql } from "drizzle-orm";
import {
  coachAssignments,
  coachProfiles,
  conversations,
  messages,
  users,
  type Conversation,
  type ConversationRecord,
  type Message,
  type WorkingHours,
} from "#db/schema";
import { preparedRows, type Database } from "#db/client.server";
import { DomainError } from "~/lib/domain-error";
import { isUuid } from "~/lib/uuid";
import { renderMarkdown } from "~/modules/community/markdown";
import { coachingUnreadCount } from "~/modules/identity/session.server";
import { activeAssignment, coachAssignmentOf, ensureConversation, recordHealthDataAccess } from "./access.server";
import { MESSAGES_PAGE_SIZE, type ChatMessage, type ChatSide } from "./messages";
import { businessHoursOf, type BusinessHours } from "./sla";

/** The channel every process LISTENs on for chat. Payloads are ids and sequence numbers only, never text. */
export const CHAT_CHANNEL = "quitpath_chat";

/** What a chat NOTIFY carries (JSON): which conversation, which seq, whose. */
export type ChatSignal =
  | { k: "message" | "edit"; c: string; s: number; mem: string; co: string }
  | { k: "read"; c: string; side: ChatSide; s: number; mem: string; co: string }
  | { k: "typing"; c: string; side: ChatSide; mem: string; co: string };

/**
 * A conversation as one participant sees it; `coachHours` (the coach's business hours, the clock
 * of a member's message) when the access check read them, so a send need not read them again.
 */
export type ConversationAccess = { conversation: Conversation; side: ChatSide; viewerId: string; coachHours?: BusinessHours };

export function parseChatSignal(payload: string): ChatSignal | null {
  try {
    const value = JSON.parse(payload) as Partial<ChatSignal> | null;
    if (
      !value ||
      typeof value !== "object" ||
      typeof value.c !== "string" ||
      typeof value.mem !== "string" ||
      typeof value.co !== "string"
    ) {
      return null;
    }
    return ["message", "edit", "read", "typing"].includes(value.k as string) ? (value as ChatSignal) : null;
  } catch {
    return null;
  }
}

/** Tells every process (delivered when the surrounding transaction commits; a rollback tells no one). */
export async function signalChat(db: Database, signal: ChatSignal): Promise<void> {
  await db.execute(sql`select pg_notify(${CHAT_CHANNEL}, ${JSON.stringify(signal)})`);
}

export function signalBase(conversation: Pick<Conversation, "id" | "memberId" | "coachId">) {
  return { c: conversation.id, mem: conversation.memberId, co: conversation.coachId };
}

/** The member's conversation with their coach now, with the coach's name; null without an active coach. */
export async function memberChat(db: Database, memberId: string): Promise<(ConversationAccess & { counterpartName: string }) | null> {
  const assignment = await activeAssignment(db, memberId);
  if (!assignment) return null;
  const conversation = await ensureConversation(db, assignment);
  const [coach] = await db.select({ displayName: users.displayName }).from(users).where(eq(users.id, assignment.coachId));
  return { conversation, side: "member", viewerId: memberId, counterpartName: coach?.displayName ?? "" };
}

/** A coach's conversation with one of their members; anyone else's member is not found (404). Logged as a read of the member's data. */
export async function coachChat(
  db: Database,
  coachId: string,
  memberId: string,
): Promise<ConversationAccess & { counterpartName: string }> {
  if (!isUuid(memberId)) throw new DomainError("not-found", "errors:notFound.title");
  const assignment = await coachAssignmentOf(db, coachId, memberId);
  const conversation = await ensureConversation(db, assignment);
  const [member] = await db.select({ displayName: users.displayName }).from(users).where(eq(users.id, memberId));
  await recordHealthDataAccess(db, { memberId, viewerId: coachId, viewerRole: "coach", what: "chat" });
  return { conversation, side: "coach", viewerId: coachId, counterpartName: member?.displayName ?? "" };
}

/** A chat an erased member left to their coach's records: when it began and ended, and how many messages it holds. */
export type FormerMemberChat = { conversationId: string; startedAt: string; lastMessageAt: string | null; messageCount: number };

/**
 * The coach's chats with members who have since erased their account and chose to leave the chat
 * to the coach's records ("a former member": no member, no assignment), newest first. Read-only.
 */
export async function formerMemberChats(db: Database, coachId: string): Promise<FormerMemberChat[]> {
  const rows = await db
    .select({
      conversationId: conversations.id,
      startedAt: conversations.createdAt,
      lastMessageAt: conversations.lastMessageAt,
      messageCount: conversations.lastSeq,
    })
    .from(conversations)
    .where(and(eq(conversations.coachId, coachId), isNull(conversations.memberId)))
    .orderBy(desc(sql`coalesce(${conversations.lastMessageAt}, ${conversations.createdAt})`), desc(conversations.id))
    .limit(FORMER_MEMBER_CHATS_LIMIT);
  return rows.map((r) => ({
    conversationId: r.conversationId,
    startedAt: r.startedAt.toISOString(),
    lastMessageAt: r.lastMessageAt?.toISOString() ?? null,
    messageCount: r.messageCount,
  }));
}

const FORMER_MEMBER_CHATS_LIMIT = 200;

/**
 * One former member's chat for its coach's records (any other coach's, or a live one, is not
 * found): the same page of messages as a live conversation, with no one to answer.
 */
export async function formerMemberChat(
  db: Database,
  coachId: string,
  conversationId: string,
  options: { before?: number | null } = {},
): Promise<ConversationView> {
  if (!isUuid(conversationId)) throw new DomainError("not-found", "errors:notFound.title");
  const [row] = await db
    .select()
    .from(conversations)
    .where(and(eq(conversations.id, conversationId), eq(conversations.coachId, coachId), isNull(conversations.memberId)));
  if (!row) throw new DomainError("not-found", "errors:notFound.title");
  return conversationView(db, { conversation: row, side: "coach", counterpartName: "" }, options);
}

/** The conversation if `userId` is its member or its coach while the assignment is active; otherwise not found. */
export async function conversationFor(db: Database, userId: string, conversationId: string): Promise<ConversationAccess> {
  if (!isUuid(conversationId)) throw new DomainError("not-found", "errors:notFound.title");
  // Prepared: it guards every send and stream of a conversation.
  const [row] = await preparedRows<ConversationRow & { timeZone: string | null; workingHours: WorkingHours | null }>(
    db,
    sql`select ${conversationColumns}, u.time_zone as "timeZone", p.working_hours as "workingHours"
      from ${conversations} c
      join ${coachAssignments} a on a.id = c.assignment_id and a.status = 'active'
      join ${users} u on u.id = c.coach_id
      left join ${coachProfiles} p on p.coach_id = c.coach_id
      where c.id = ${conversationId} and (c.member_id = ${userId} or c.coach_id = ${userId})`,
  );
  if (!row) throw new DomainError("not-found", "errors:notFound.title");
  const conversation = conversationOf(row);
  return {
    conversation,
    side: conversation.memberId === userId ? "member" : "coach",
    viewerId: userId,
    coachHours: businessHoursOf(row.workingHours, row.timeZone),
  };
}

const conversationColumns = sql.raw(
  `c.id, c.assignment_id as "assignmentId", c.member_id as "memberId", c.coach_id as "coachId", c.last_seq as "lastSeq", ` +
    `c.member_read_seq as "memberReadSeq", c.coach_read_seq as "coachReadSeq", c.last_message_at as "lastMessageAt", c.created_at as "createdAt"`,
);
type ConversationRow = Omit<Conversation, "lastMessageAt" | "createdAt"> & { lastMessageAt: string | null; createdAt: string };
const conversationOf = ({ lastMessageAt, createdAt, ...row }: ConversationRow): Conversation => ({
  id: row.id,
  assignmentId: row.assignmentId,
  memberId: row.memberId,
  coachId: row.coachId,
  lastSeq: Number(row.lastSeq),
  memberReadSeq: Number(row.memberReadSeq),
  coachReadSeq: Number(row.coachReadSeq),
  lastMessageAt: lastMessageAt === null ? null : new Date(lastMessageAt),
  createdAt: new Date(createdAt),
});

/** A stored message as pages and the live stream carry it. */
export function chatMessageOf(message: Message, conversation: Pick<Conversation, "coachId">): ChatMessage {
  const deleted = message.deletedAt !== null;
  return {
    id: message.id,
    seq: message.seq,
    clientId: message.clientId,
    // The coach's own lines are the coach's; the rest is the member's (after an erasure their sender is gone).
    side: !message.fromAiCoach && message.senderId === conversation.coachId ? "coach" : "member",
    fromAiCoach: message.fromAiCoach,
    body: deleted ? "" : message.body,
    html: deleted ? "" : renderMarkdown(message.body),
    photoUrl: !deleted && message.attachmentId ? `/resources/chat-photos/${message.id}` : null,
    createdAt: message.createdAt.toISOString(),
    editedAt: message.editedAt?.toISOString() ?? null,
    deleted,
  };
}

export type ConversationView = {
  conversationId: string;
  side: ChatSide;
  counterpartName: string;
  messages: ChatMessage[];
  /** Pass as `before` for the previous page; null at the start of the conversation. */
  olderBefore: number | null;
  lastSeq: number;
  ownReadSeq: number;
  otherReadSeq: number;
};

/** A page of the conversation (the newest, or the one before seq `before`), oldest first: keyset on seq. */
export async function conversationView(
  db: Database,
  chat: {
    conversation: Pick<ConversationRecord, "id" | "coachId" | "lastSeq" | "memberReadSeq" | "coachReadSeq">;
    side: ChatSide;
    counterpartName: string;
  },
  options: { before?: number | null } = {},
): Promise<ConversationView> {
  const { conversation, side } = chat;
  const rows = await db
    .select()
    .from(messages)
    .where(and(eq(messages.conversationId, conversation.id), options.before ? lt(messages.seq, options.before) : undefined))
    .orderBy(desc(messages.seq))
    .limit(MESSAGES_PAGE_SIZE + 1);
  const page = rows.slice(0, MESSAGES_PAGE_SIZE).reverse();
  return {
    conversationId: conversation.id,
    side,
    counterpartName: chat.counterpartName,
    messages: page.map((m) => chatMessageOf(m, conversation)),
    olderBefore: rows.length > MESSAGES_PAGE_SIZE && page[0] ? page[0].seq : null,
    lastSeq: conversation.lastSeq,
    ownReadSeq: side === "member" ? conversation.memberReadSeq : conversation.coachReadSeq,
    otherReadSeq: side === "member" ? conversation.coachReadSeq : conversation.memberReadSeq,
  };
}

/**
 * Messages after `afterSeq`, in order, while the conversation's assignment is still active (a
 * coach removed from the member stops receiving at once). For the live stream's catch-up.
 */
export async function messagesAfter(db: Database, conversationId: string, afterSeq: number, limit = 200): Promise<ChatMessage[]> {
  const rows = await db
    .select({ message: messages, coachId: conversations.coachId })
    .from(messages)
    .innerJoin(conversations, eq(conversations.id, messages.conversationId))
    .innerJoin(coachAssignments, and(eq(coachAssignments.id, conversations.assignmentId), eq(coachAssignments.status, "active")))
    .where(and(eq(messages.conversationId, conversationId), gt(messages.seq, afterSeq)))
    .orderBy(asc(messages.seq))
    .limit(limit);
  return rows.map((r) => chatMessageOf(r.message, { coachId: r.coachId }));
}

/** One message by seq (an edit or a delete pushed to the other side). */
export async function messageAt(db: Database, conversationId: string, seq: number): Promise<ChatMessage | null> {
  const [row] = await messagesAfter(db, conversationId, seq - 1, 1);
  return row && row.seq === seq ? row : null;
}

/** Both read positions (the stream tells a sender what the other side has seen). */
export async function readPositions(db: Database, conversationId: string) {
  const [row] = await db
    .select({ memberReadSeq: conversations.memberReadSeq, coachReadSeq: conversations.coachReadSeq, lastSeq: conversations.lastSeq })
    .from(conversations)
    .where(eq(conversations.id, conversationId));
  return row ?? null;
}

/**
 * Moves the reader's position up to `seq` (never backwards, never past the last message) and tells
 * the other side ("seen") and the reader's other tabs (the header count). Returns the position.
 */
export async function markRead(db: Database, chat: ConversationAccess, seq: number): Promise<number> {
  const column = chat.side === "member" ? conversations.memberReadSeq : conversations.coachReadSeq;
  const target = sql`least(${seq}::int, ${conversations.lastSeq})`;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(conversations)
      .set(chat.side === "member" ? { memberReadSeq: target } : { coachReadSeq: target })
      .where(and(eq(conversations.id, chat.conversation.id), lt(column, target)))
      .returning({ memberReadSeq: conversations.memberReadSeq, coachReadSeq: conversations.coachReadSeq });
    if (!row) {
      const current = await readPositions(tx, chat.conversation.id);
      return (chat.side === "member" ? current?.memberReadSeq : current?.coachReadSeq) ?? 0;
    }
    const position = chat.side === "member" ? row.memberReadSeq : row.coachReadSeq;
    await signalChat(tx, { k: "read", side: chat.side, s: position, ...signalBase(chat.conversation) });
    return position;
  });
}

/** The coaching unread count of the header (the same figure the session lookup carries). */
export async function coachingUnread(db: Database, userId: string): Promise<number> {
  // Prepared: every live stream runs it on every message of its person's conversations.
  const [row] = await preparedRows<{ n: number }>(db, sql`select ${coachingUnreadCount(userId)}::int as n`);
  return Number(row?.n ?? 0);
}

/** Unread messages from the other side in one conversation, for the reader on `side` (the caseload's per-member count). */
export async function conversationUnread(db: Database, conversationId: string, side: ChatSide): Promise<number> {
  const readSeq = side === "member" ? sql.raw("member_read_seq") : sql.raw("coach_read_seq");
  const person = side === "member" ? sql.raw("member_id") : sql.raw("coach_id");
  const [row] = await db.execute<{ n: number }>(sql`
    select count(*)::int as n from ${conversations} c
    join ${messages} m on m.conversation_id = c.id and m.seq > c.${readSeq} and m.sender_id is distinct from c.${person} and m.deleted_at is null
    where c.id = ${conversationId}`);
  return Number(row?.n ?? 0);
}

/** Per member, a coach's unread count and last message time over their active conversations (for the caseload). */
export async function caseloadChatSummary(db: Database, coachId: string) {
  const rows = await db.execute<{ member_id: string; conversation_id: string; unread: number; last_message_at: string | null }>(sql`
    select c.member_id, c.id as conversation_id, c.last_message_at,
      (select count(*)::int from ${messages} m where m.conversation_id = c.id and m.seq > c.coach_read_seq
         and m.sender_id is distinct from c.coach_id and m.deleted_at is null) as unread
    from ${conversations} c
    join ${coachAssignments} a on a.id = c.assignment_id and a.status = 'active'
    where c.coach_id = ${coachId}`);
  return rows.map((r) => ({
    memberId: r.member_id,
    conversationId: r.conversation_id,
    unread: Number(r.unread),
    lastMessageAt: r.last_message_at ? new Date(r.last_message_at) : null,
  }));
}
