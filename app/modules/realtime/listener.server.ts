import type postgres from "postgres";
import { connect } from "#db/connect.server";
import { remember } from "~/lib/remember.server";
import { NOTIFICATION_CHANNEL } from "~/modules/notifications/notify.server";

type Subscriber = (userId: string) => void;

type Listener = { sql: postgres.Sql | null; started: Promise<void> | null; subscribers: Map<string, Set<Subscriber>> };

/** One LISTEN connection per process; every SSE stream of this process subscribes here by member id. */
const listener = remember("realtime:listener", (): Listener => ({ sql: null, started: null, subscribers: new Map() }));

function start(): Promise<void> {
  if (listener.started) return listener.started;
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set");
  const sql = connect(url, { max: 1, onnotice: () => {}, connection: { application_name: "quitpath-listen" }, fetch_types: false });
  listener.sql = sql;
  listener.started = sql
    .listen(NOTIFICATION_CHANNEL, (userId) => {
      for (const fn of listener.subscribers.get(userId) ?? []) fn(userId);
    })
    .then(() => undefined)
    .catch((error: unknown) => {
      listener.started = null;
      listener.sql = null;
      throw error;
    });
  return listener.started;
}

/** Calls `fn` whenever a notification for the member commits, in any process. Returns the unsubscribe. */
export async function subscribeToMember(userId: string, fn: Subscriber): Promise<() => void> {
  let set = listener.subscribers.get(userId);
  if (!set) listener.subscribers.set(userId, (set = new Set()));
  set.add(fn);
  await start();
  return () => {
    set.delete(fn);
    if (set.size === 0) listener.subscribers.delete(userId);
  };
}

/** For shutdown: closes the LISTEN connection. */
export async function stopListening(): Promise<void> {
  const sql = listener.sql;
  listener.sql = null;
  listener.started = null;
  if (sql) await sql.end({ timeout: 2 });
}
