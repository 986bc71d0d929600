// Shared by the page (app/components/phone-app) and the service worker bundle (scripts/build-server.mjs): one queue, one way to send it.

/** The logs a member may make offline: the same intents the pages post. */
export const QUEUED_INTENTS = ["check-in", "log-cigarette", "log-craving"] as const;
export type QueuedIntent = (typeof QUEUED_INTENTS)[number];

export type QueuedLog = {
  /** Sent with the log; the server stores one row per client id, so a retried send never duplicates. */
  clientId: string;
  intent: QueuedIntent;
  /** The member's local day the log is for. */
  date: string;
  fields: Record<string, string>;
  /** Which member queued it (a hash, never the id): another member signed in on this device never sends it. */
  memberKey: string;
  queuedAt: string;
  status: "pending" | "synced" | "rejected" | "signed-out";
  /** The server's reasons, in the member's language, when it refused the log. */
  reasons?: string[];
};

/** The member's local day (YYYY-MM-DD) for a log made offline without a date field. */
export function todayIn(timeZone: string, now = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

export const SYNC_TAG = "qp-logs";
export const OFFLINE_LOGS_URL = "/resources/offline-logs";
const DB_NAME = "quitpath-offline";
const STORE = "logs";

function openQueue(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: "clientId" });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function inStore<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await openQueue();
  try {
    return await new Promise<T>((resolve, reject) => {
      const request = work(db.transaction(STORE, mode).objectStore(STORE));
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  } finally {
    db.close();
  }
}

export function saveQueuedLog(log: QueuedLog): Promise<IDBValidKey> {
  return inStore("readwrite", (store) => store.put(log));
}

export function forgetQueuedLog(clientId: string): Promise<undefined> {
  return inStore("readwrite", (store) => store.delete(clientId));
}

/** One member's queued logs, oldest first. */
export async function queuedLogs(memberKey: string): Promise<QueuedLog[]> {
  const all = (await inStore("readonly", (store) => store.getAll())) as QueuedLog[];
  return all.filter((log) => log.memberKey === memberKey).sort((a, b) => a.queuedAt.localeCompare(b.queuedAt));
}

type SendAnswer = { status: "saved" | "rejected"; reasons?: string[] };

/**
 * Sends the member's waiting logs one by one. A network failure stops the round (the rest wait for
 * the next one); a refusal is kept with its reasons, never dropped; a redirect means the session ended.
 */
export async function flushQueue(memberKey: string, send: typeof fetch = fetch): Promise<{ sent: number; offline: boolean }> {
  let sent = 0;
  for (const log of await queuedLogs(memberKey)) {
    if (log.status !== "pending" && log.status !== "signed-out") continue;
    let response: Response;
    try {
      response = await send(OFFLINE_LOGS_URL, {
        method: "POST",
        credentials: "same-origin",
        redirect: "manual",
        headers: { Accept: "application/json" },
        body: new URLSearchParams({ ...log.fields, intent: log.intent, clientId: log.clientId, date: log.date }),
      });
    } catch {
      return { sent, offline: true };
    }
    const answer = response.headers.get("Content-Type")?.includes("application/json") ? ((await response.json()) as SendAnswer) : null;
    if (!answer) {
      // A sign-in redirect (opaque when manual) or a server error: keep it for the next round.
      if (response.type === "opaqueredirect" || (response.status >= 300 && response.status < 400) || response.status === 401)
        await saveQueuedLog({ ...log, status: "signed-out" });
      continue;
    }
    await saveQueuedLog(
      answer.status === "saved"
        ? { ...log, status: "synced", reasons: undefined }
        : { ...log, status: "rejected", reasons: answer.reasons ?? [] },
    );
    sent += 1;
  }
  return { sent, offline: false };
}
