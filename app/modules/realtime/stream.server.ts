import type { Database } from "#db/client.server";
import {
  coachingUnread,
  conversationUnread,
  messageAt,
  messagesAfter,
  readPositions,
  type ConversationAccess,
} from "~/modules/coaching/conversations.server";
import { TYPING_EXPIRES_MS } from "~/modules/coaching/messages.server";
import { otherSide } from "~/modules/coaching/messages";
import { countUnread } from "~/modules/notifications/centre.server";
import { callSignalFor, joinCall, type CallAccess } from "~/modules/sessions/call.server";
import { onShutdown, subscribeToUser, type LiveSignal } from "./listener.server";

const HEARTBEAT_MS = 25_000;
/** At shutdown the client is told to come back after this long (EventSource reconnects by itself when a stream ends). */
const SHUTDOWN_RETRY_MS = 1_000;
const CATCH_UP_PAGE = 200;

export type LiveStreamOptions = {
  userId: string;
  /** The conversation this tab shows, access already checked; its messages after `afterSeq` are sent, then live ones. */
  chat?: ConversationAccess | null;
  afterSeq?: number;
  /** The session call this tab is in, access and window already checked: its signalling arrives as `call`, and the stream's life is the attendance. */
  call?: CallAccess | null;
  signal: AbortSignal;
};

/**
 * One stream per tab, carrying typed Server-Sent Events:
 * `unread` (notification count), `coach-unread` (coaching unread count, JSON), and for the tab's
 * conversation `message` (id = seq: a reconnect with Last-Event-ID resumes after it), `edit`,
 * `read` (the other side's read seq) and `typing` (ephemeral); `handoff` (the coach's AI-coach handoffs
 * changed); for the tab's call, `call` (signalling from the other participant, and `{ kind: "ready" }`
 * once this stream hears them). Signals carry ids; every event's content is read from the database
 * here, so this process sends only what it may show this user.
 */
export function liveEvents(db: Database, options: LiveStreamOptions): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const { userId, chat, call } = options;
  let cleanup = () => {};
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      let closed = false;
      let lastNotifications = -1;
      let lastCoaching = -1;
      let lastSent = options.afterSeq ?? 0;
      // Database reads for events run one after another, so messages leave in seq order, once.
      let queue: Promise<void> = Promise.resolve();
      const later = (work: () => Promise<void>) => {
        queue = queue.then(work).catch(() => {
          // The database is briefly unreachable: the next signal, or the client's reconnect, catches up.
        });
      };
      const send = (text: string) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          closed = true;
        }
      };
      const event = (type: string, data: unknown, id?: number) =>
        send(`${id !== undefined ? `id: ${id}\n` : ""}event: ${type}\ndata: ${typeof data === "number" ? data : JSON.stringify(data)}\n\n`);

      const pushNotifications = async () => {
        const count = await countUnread(db, userId);
        if (count !== lastNotifications) event("unread", (lastNotifications = count));
      };
      const pushCoaching = async (signal?: LiveSignal) => {
        const total = await coachingUnread(db, userId);
        if (total === lastCoaching) return;
        lastCoaching = total;
        const perConversation =
          signal &&
          signal.k !== "notifications" &&
          signal.k !== "handoff" &&
          signal.k !== "resync" &&
          signal.k !== "call" &&
          signal.co === userId
            ? { conversationId: signal.c, memberId: signal.mem, unread: await conversationUnread(db, signal.c, "coach") }
            : {};
        event("coach-unread", { total, ...perConversation });
      };
      const pullMessages = async () => {
        if (!chat) return;
        for (;;) {
          const batch = await messagesAfter(db, chat.conversation.id, lastSent, CATCH_UP_PAGE);
          for (const message of batch) {
            if (message.seq <= lastSent) continue;
            lastSent = message.seq;
            event("message", message, message.seq);
          }
          if (batch.length < CATCH_UP_PAGE) return;
        }
      };

      const onSignal = (signal: LiveSignal) => {
        if (signal.k === "notifications") return later(pushNotifications);
        // The process's LISTEN connection is back after an outage: read again what its NOTIFYs would have said.
        if (signal.k === "resync") {
          later(pushNotifications);
          later(() => pushCoaching());
          if (chat) later(pullMessages);
          return;
        }
        // An AI coach handoff for this coach (or the admins' queue): the caseload reloads its list.
        if (signal.k === "handoff") return event("handoff", {});
        if (signal.k === "call") {
          if (call && signal.s === call.session.id)
            later(async () => {
              const message = await callSignalFor(db, signal.id, userId, call.session.id);
              if (message) event("call", message);
            });
          return;
        }
        const mine = chat && signal.c === chat.conversation.id;
        if (signal.k === "typing") {
          if (mine && signal.side !== chat.side) event("typing", { side: signal.side, expiresInMs: TYPING_EXPIRES_MS });
          return;
        }
        if (signal.k === "message") {
          if (mine) later(pullMessages);
          return later(() => pushCoaching(signal));
        }
        if (signal.k === "edit") {
          if (mine)
            later(async () => {
              if (signal.s > lastSent) return pullMessages();
              const message = await messageAt(db, chat.conversation.id, signal.s);
              if (message) event("edit", message);
            });
          return;
        }
        // read: the other side's position is "seen" for this tab; our own (another tab) changes our count.
        if (mine && signal.k === "read" && signal.side === otherSide(chat.side)) event("read", { seq: signal.s });
        later(() => pushCoaching(signal));
      };

      send("retry: 3000\n\n");
      // Subscribe before reading, so nothing committed from here on is missed.
      const unsubscribe = await subscribeToUser(userId, onSignal);
      const heartbeat = setInterval(() => send(": keep-alive\n\n"), HEARTBEAT_MS);
      const attendance = call ? await joinCall(db, call) : null;
      // Subscribed and present: the page may announce itself to the other side now, before the catch-up reads.
      if (call) event("call", { kind: "ready" });
      let cleaned = false;
      // The server is stopping: reconnect soon (the load balancer sends the new stream to another process), missing nothing after lastSent.
      const forgetFarewell = onShutdown(() => {
        send(`retry: ${SHUTDOWN_RETRY_MS}\nevent: reconnect\ndata: {}\n\n`);
        cleanup();
      });
      cleanup = () => {
        // A failed write may have marked the stream closed already: the unsubscribe and the leave still happen, once.
        if (cleaned) return;
        cleaned = true;
        closed = true;
        forgetFarewell();
        clearInterval(heartbeat);
        unsubscribe();
        attendance?.leave().catch(() => {
          // The database is unreachable: the join stays open and counts until the session is settled.
        });
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      };
      options.signal.addEventListener("abort", () => cleanup(), { once: true });
      if (options.signal.aborted) cleanup(); // gone while we were subscribing: the leave is still recorded
      later(pushNotifications);
      later(() => pushCoaching());
      if (chat) {
        later(async () => {
          const positions = await readPositions(db, chat.conversation.id);
          if (positions) event("read", { seq: chat.side === "member" ? positions.coachReadSeq : positions.memberReadSeq });
        });
        later(pullMessages);
      }
      await queue;
    },
    cancel() {
      cleanup();
    },
  });
}
