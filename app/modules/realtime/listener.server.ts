import type postgres from "postgres";
import { reconnectBackoff } from "#db/client.server";
import { connect } from "#db/connect.server";
import { remember } from "~/lib/remember.server";
import { HANDOFF_CHANNEL } from "~/modules/ai-coach/handoffs.server";
import { CHAT_CHANNEL, parseChatSignal, type ChatSignal } from "~/modules/coaching/conversations.server";
import { NOTIFICATION_CHANNEL } from "~/modules/notifications/notify.server";
import { CALL_CHANNEL, parseCallNotice, type CallNotice } from "~/modules/sessions/call.server";

/**
 * What one process hears for one user: their notification count changed, an AI-coach handoff, something happened in one of their conversations, or a call message for them;
 * `resync`: the LISTEN connection was lost and is back (Postgres restarted), so whatever was NOTIFYed meanwhile must be read again.
 */
export type LiveSignal = { k: "notifications" } | { k: "handoff" } | { k: "resync" } | ChatSignal | CallNotice;
type Subscriber = (signal: LiveSignal) => void;

type Listener = { sql: postgres.Sql | null; started: Promise<void> | null; subscribers: Map<string, Set<Subscriber>> };

/** One LISTEN connection per process (every channel); every SSE stream of this process subscribes here by user id. */
const listener = remember("realtime:listener", (): Listener => ({ sql: null, started: null, subscribers: new Map() }));

function deliver(userId: string, signal: LiveSignal) {
  for (const fn of listener.subscribers.get(userId) ?? []) fn(signal);
}

let resyncTimer: ReturnType<typeof setTimeout> | null = null;
/** Every stream of this process reads its state again (once, however many channels re-subscribed). */
function resyncAll() {
  if (resyncTimer) return;
  resyncTimer = setTimeout(() => {
    resyncTimer = null;
    for (const userId of listener.subscribers.keys()) deliver(userId, { k: "resync" });
  }, 100);
  resyncTimer.unref();
}

/**
 * postgres.js re-subscribes a channel when its connection comes back and calls `onlisten` each
 * time; every call after the first follows a lost connection, during which NOTIFYs were missed.
 */
function onRelisten(): () => void {
  let first = true;
  return () => {
    if (first) first = false;
    else resyncAll();
  };
}

function start(): Promise<void> {
  if (listener.started) return listener.started;
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set");
  const sql = connect(url, {
    max: 1,
    onnotice: () => {},
    connection: { application_name: "quitpath-listen" },
    fetch_types: false,
    // Back within a second of Postgres, rather than after postgres.js's backoff of up to 20 s.
    backoff: reconnectBackoff,
  });
  listener.sql = sql;
  listener.started = Promise.all([
    sql.listen(NOTIFICATION_CHANNEL, (userId) => deliver(userId, { k: "notifications" }), onRelisten()),
    sql.listen(HANDOFF_CHANNEL, (staffId) => deliver(staffId, { k: "handoff" }), onRelisten()),
    sql.listen(
      CHAT_CHANNEL,
      (payload) => {
        const signal = parseChatSignal(payload);
        if (!signal) return;
        deliver(signal.mem, signal);
        if (signal.co !== signal.mem) deliver(signal.co, signal);
      },
      onRelisten(),
    ),
    sql.listen(
      CALL_CHANNEL,
      (payload) => {
        const notice = parseCallNotice(payload);
        if (notice) deliver(notice.to, notice);
      },
      onRelisten(),
    ),
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
  // Once the set is empty it is dropped; only the set still registered for the user may drop it
  // (a second unsubscribe must not drop a newer stream's set).
  const unsubscribe = () => {
    set.delete(fn);
    if (set.size === 0 && listener.subscribers.get(userId) === set) listener.subscribers.delete(userId);
  };
  try {
    await start();
  } catch (error) {
    unsubscribe();
    throw error;
  }
  return unsubscribe;
}

/** Live streams open in this process (each stream subscribes once), for /metrics. */
export function liveSubscriberCount(): number {
  let count = 0;
  for (const set of listener.subscribers.values()) count += set.size;
  return count;
}

/** How each open stream of this process says goodbye (shared through globalThis: server.ts ends the Remix build's streams). */
const farewells = remember("realtime:farewells", () => new Set<() => void>());

/** A stream registers how to end itself politely at shutdown; returns the unregister. */
export function onShutdown(farewell: () => void): () => void {
  farewells.add(farewell);
  return () => farewells.delete(farewell);
}

/** For shutdown: tells every open stream's client to reconnect (to another process) and ends the stream; returns how many. */
export function endLiveStreams(): number {
  const count = farewells.size;
  for (const farewell of [...farewells]) farewell();
  farewells.clear();
  return count;
}

/** For shutdown: closes the LISTEN connection. */
export async function stopListening(): Promise<void> {
  const sql = listener.sql;
  listener.sql = null;
  listener.started = null;
  if (sql) await sql.end({ timeout: 2 });
}
