import type postgres from "postgres";
import { connect } from "#db/connect.server";
import { remember } from "~/lib/remember.server";
import { HANDOFF_CHANNEL } from "~/modules/ai-coach/handoffs.server";
import { CHAT_CHANNEL, parseChatSignal, type ChatSignal } from "~/modules/coaching/conversations.server";
import { NOTIFICATION_CHANNEL } from "~/modules/notifications/notify.server";
import { CALL_CHANNEL, parseCallNotice, type CallNotice } from "~/modules/sessions/call.server";

/** What one process hears for one user: their notification count changed, an AI-coach handoff, something happened in one of their conversations, or a call message for them. */
export type LiveSignal = { k: "notifications" } | { k: "handoff" } | ChatSignal | CallNotice;
type Subscriber = (signal: LiveSignal) => void;

type Listener = { sql: postgres.Sql | null; started: Promise<void> | null; subscribers: Map<string, Set<Subscriber>> };

/** One LISTEN connection per process (every channel); every SSE stream of this process subscribes here by user id. */
const listener = remember("realtime:listener", (): Listener => ({ sql: null, started: null, subscribers: new Map() }));

function deliver(userId: string, signal: LiveSignal) {
  for (const fn of listener.subscribers.get(userId) ?? []) fn(signal);
}

function start(): Promise<void> {
  if (listener.started) return listener.started;
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set");
  const sql = connect(url, { max: 1, onnotice: () => {}, connection: { application_name: "quitpath-listen" }, fetch_types: false });
  listener.sql = sql;
  listener.started = Promise.all([
    sql.listen(NOTIFICATION_CHANNEL, (userId) => deliver(userId, { k: "notifications" })),
    sql.listen(HANDOFF_CHANNEL, (staffId) => deliver(staffId, { k: "handoff" })),
    sql.listen(CHAT_CHANNEL, (payload) => {
      const signal = parseChatSignal(payload);
      if (!signal) return;
      deliver(signal.mem, signal);
      if (signal.co !== signal.mem) deliver(signal.co, signal);
    }),
    sql.listen(CALL_CHANNEL, (payload) => {
      const notice = parseCallNotice(payload);
      if (notice) deliver(notice.to, notice);
    }),
  ])
    .then(() => undefined)
    .catch((error: unknown) => {
      listener.started = null;
      listener.sql = null;
      throw error;
    });
  return listener.started;
}

/** Calls `fn` with every signal for the user (notifications, their conversations), from any process. Returns the unsubscribe. */
export async function subscribeToUser(userId: string, fn: Subscriber): Promise<() => void> {
  let set = listener.subscribers.get(userId);
  if (!set) listener.subscribers.set(userId, (set = new Set()));
  set.add(fn);
  await start();
  return () => {
    set.delete(fn);
    if (set.size === 0) listener.subscribers.delete(userId);
  };
}

/** Live streams open in this process (each stream subscribes once), for /metrics. */
export function liveSubscriberCount(): number {
  let count = 0;
  for (const set of listener.subscribers.values()) count += set.size;
  return count;
}

/** For shutdown: closes the LISTEN connection. */
export async function stopListening(): Promise<void> {
  const sql = listener.sql;
  listener.sql = null;
  listener.started = null;
  if (sql) await sql.end({ timeout: 2 });
}
