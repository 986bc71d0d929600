// The service worker, bundled to build/service-worker.js; /sw.js serves it behind the build's asset list (app/modules/phone-app/service-worker.server.ts).
import { encode } from "turbo-stream";
import { flushQueue, QUEUED_INTENTS, saveQueuedLog, SYNC_TAG, type QueuedIntent } from "./offline-queue";
import {
  cacheablePage,
  pageCacheKey,
  pageOf,
  PAGES_CACHE,
  queueablePost,
  SERVED_COPIES_KEY,
  SHELL_CACHE_PREFIX,
  type ServedCopies,
  type ServedCopy,
  type WorkerMessage,
} from "./policy";

// Only the members of ServiceWorkerGlobalScope this file uses: the webworker lib cannot share a program with the DOM lib.
type ExtendableEvent = Event & { waitUntil(promise: Promise<unknown>): void };
type FetchEvent = ExtendableEvent & { request: Request; respondWith(response: Promise<Response> | Response): void };
type SyncEvent = ExtendableEvent & { tag: string };
type MessageEvent = ExtendableEvent & { data: WorkerMessage };
type PushEvent = ExtendableEvent & { data: { json(): unknown } | null };
type NotificationClickEvent = ExtendableEvent & { notification: { data: unknown; close(): void } };
type WorkerScope = {
  __QP_BUILD: string;
  __QP_PRECACHE: string[];
  location: Location;
  skipWaiting(): Promise<void>;
  clients: {
    claim(): Promise<void>;
    matchAll(): Promise<{ postMessage(message: unknown): void }[]>;
    openWindow(url: string): Promise<unknown>;
  };
  addEventListener(type: "install" | "activate", listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: "fetch", listener: (event: FetchEvent) => void): void;
  addEventListener(type: "sync", listener: (event: SyncEvent) => void): void;
  addEventListener(type: "message", listener: (event: MessageEvent) => void): void;
  addEventListener(type: "push", listener: (event: PushEvent) => void): void;
  addEventListener(type: "notificationclick", listener: (event: NotificationClickEvent) => void): void;
  registration: {
    sync?: { register(tag: string): Promise<void> };
    showNotification(title: string, options: { body: string; tag: string; data: unknown; icon: string; badge: string }): Promise<void>;
  };
};
const worker = self as unknown as WorkerScope;

const SHELL_CACHE = `${SHELL_CACHE_PREFIX}${worker.__QP_BUILD}`;
const NETWORK_TIMEOUT_MS = 3000;
/** A log's post waits longer than a page before it is kept on the device instead (the server may be slow, not gone). */
const POST_TIMEOUT_MS = 5000;
const OWNER_KEY = "/__quitpath/member";
const SAVED_AT = "X-QuitPath-Saved-At";

worker.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(SHELL_CACHE)
      .then((cache) => cache.addAll(worker.__QP_PRECACHE))
      .then(() => worker.skipWaiting()),
  );
});

worker.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(names.filter((name) => name.startsWith(SHELL_CACHE_PREFIX) && name !== SHELL_CACHE).map((name) => caches.delete(name))),
      )
      .then(() => worker.clients.claim()),
  );
});

async function currentMember(): Promise<string | null> {
  // caches.open would create the cache again right after sign-out dropped it.
  if (!(await caches.has(PAGES_CACHE))) return null;
  const owner = await (await caches.open(PAGES_CACHE)).match(OWNER_KEY);
  return owner ? owner.text() : null;
}

/** Forgets every saved member page (sign-out, or another member on this device). */
async function forgetPages(): Promise<void> {
  await caches.delete(PAGES_CACHE);
}

async function savePage(key: string, response: Response): Promise<void> {
  const headers = new Headers(response.headers);
  headers.set(SAVED_AT, new Date().toISOString());
  const copy = new Response(await response.blob(), { status: response.status, statusText: response.statusText, headers });
  await (await caches.open(PAGES_CACHE)).put(key, copy);
}

/** Remembers which pages were last shown from their saved copy (and when it was saved), so the page can say so. */
async function noteServedCopy(page: string, served: ServedCopy | null): Promise<void> {
  if (!(await caches.has(PAGES_CACHE))) return;
  const cache = await caches.open(PAGES_CACHE);
  const copies = ((await (await cache.match(SERVED_COPIES_KEY))?.json()) ?? {}) as ServedCopies;
  const known = copies[page];
  if (served === null ? !known : known?.savedAt === served.savedAt && known.unreachable === served.unreachable) return;
  if (served === null) delete copies[page];
  else copies[page] = served;
  await cache.put(SERVED_COPIES_KEY, new Response(JSON.stringify(copies), { headers: { "Content-Type": "application/json" } }));
  await tellPages({ type: "served-copy" });
}

/** Network first; after a short wait, or without a network, the last copy saved on this device. */
async function networkFirst(request: Request, key: string): Promise<Response> {
  const { page } = pageOf(new URL(request.url));
  const network = fetch(request).then(async (response) => {
    if (response.ok && !response.redirected && response.type === "basic" && (await currentMember())) {
      await savePage(key, response.clone());
      await noteServedCopy(page, null);
    }
    return response;
  });
  const saved = async () => ((await caches.has(PAGES_CACHE)) ? (await caches.open(PAGES_CACHE)).match(key) : undefined);
  const served = async (copy: Response, unreachable: boolean) => {
    await noteServedCopy(page, { savedAt: copy.headers.get(SAVED_AT) ?? "", unreachable });
    return copy;
  };
  const timeout = new Promise<{ copy: Response | undefined }>((resolve) =>
    setTimeout(() => void saved().then((copy) => resolve({ copy })), NETWORK_TIMEOUT_MS),
  );
  try {
    const first = await Promise.race([network, timeout]);
    if (first instanceof Response) return first;
    if (first.copy) {
      network.catch(() => undefined);
      return await served(first.copy, false);
    }
    return await network;
  } catch (error) {
    // The network could not be reached at all (no connection, the server gone): the member is offline.
    const copy = await saved();
    if (copy) return served(copy, true);
    throw error;
  }
}

/** What Remix's single fetch reads as an action's redirect; `reload` makes it a document load, which the saved copies answer. */
function singleFetchRedirect(to: string): Response {
  const body = encode({ redirect: to, status: 303, revalidate: false, reload: true, replace: false });
  return new Response(body, { status: 202, headers: { "Content-Type": "text/x-script", "X-Remix-Response": "yes" } });
}

/**
 * A check-in or log posted on a network that fails or answers too slowly is kept on the device, like one made offline:
 * the page already gave it a client id (and the member's day), so if the slow post lands after all, the queued copy
 * stores nothing more. The member is sent back to a page the device keeps.
 */
async function postOrQueue(request: Request): Promise<Response> {
  const copy = request.clone();
  const network = fetch(request);
  const timedOut = new Promise<null>((resolve) => setTimeout(() => resolve(null), POST_TIMEOUT_MS));
  const answer = await Promise.race([network, timedOut]).catch(() => null);
  if (answer) return answer;
  network.catch(() => undefined);
  const member = await currentMember();
  const form = await copy.formData().catch(() => null);
  const intent = String(form?.get("intent") ?? "");
  const clientId = String(form?.get("clientId") ?? "");
  const date = String(form?.get("date") ?? "");
  // Without what makes a retry safe, the post goes on waiting for the network, as it would without the worker.
  if (!member || !form || !clientId || !date || !(QUEUED_INTENTS as readonly string[]).includes(intent)) return network;
  const fields: Record<string, string> = {};
  for (const [name, value] of form) if (typeof value === "string" && name !== "intent") fields[name] = value;
  await saveQueuedLog({
    clientId,
    intent: intent as QueuedIntent,
    date,
    fields,
    memberKey: member,
    queuedAt: new Date().toISOString(),
    status: "pending",
  });
  await worker.registration.sync?.register(SYNC_TAG).catch(() => undefined);
  await tellPages({ type: "queue-changed" });
  const from = request.referrer ? new URL(request.referrer) : null;
  const back = from && from.origin === worker.location.origin && cacheablePage(from) ? pageOf(from).page : "/app";
  return pageOf(new URL(request.url)).data ? singleFetchRedirect(back) : Response.redirect(back, 303);
}

async function shellFirst(request: Request): Promise<Response> {
  const cached = await caches.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await (await caches.open(SHELL_CACHE)).put(request, response.clone());
  return response;
}

worker.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (url.origin !== worker.location.origin) return;
  if (event.request.method !== "GET") {
    // Signing out on this device forgets its saved pages first (the response also sends Clear-Site-Data); Remix posts it as /logout.data.
    if (url.pathname === "/logout" || url.pathname === "/logout.data") event.respondWith(forgetPages().then(() => fetch(event.request)));
    else if (event.request.method === "POST" && queueablePost(url)) event.respondWith(postOrQueue(event.request));
    return;
  }
  if (url.pathname.startsWith("/build/") || url.pathname.startsWith("/icons/")) {
    event.respondWith(shellFirst(event.request));
    return;
  }
  if (cacheablePage(url)) event.respondWith(networkFirst(event.request, pageCacheKey(url)));
});

async function tellPages(message: unknown): Promise<void> {
  for (const client of await worker.clients.matchAll()) client.postMessage(message);
}

worker.addEventListener("message", (event) => {
  const message = event.data;
  if (message.type === "sign-out") event.waitUntil(forgetPages());
  if (message.type === "member") {
    event.waitUntil(
      (async () => {
        // Pages saved for someone else are never shown to this member.
        if ((await currentMember()) !== message.memberKey) await forgetPages();
        const cache = await caches.open(PAGES_CACHE);
        await cache.put(OWNER_KEY, new Response(message.memberKey));
        for (const path of message.warm) {
          if (await cache.match(path)) continue;
          const response = await fetch(path, { credentials: "same-origin" }).catch(() => null);
          if (response?.ok && !response.redirected) await savePage(path, response);
        }
      })(),
    );
  }
});

worker.addEventListener("sync", (event) => {
  if (event.tag !== SYNC_TAG) return;
  event.waitUntil(
    (async () => {
      const member = await currentMember();
      if (!member) return;
      const { offline } = await flushQueue(member);
      await tellPages({ type: "queue-changed" });
      // A rejected promise asks the browser to retry the sync later.
      if (offline) throw new Error("still offline");
    })(),
  );
});

/** Only our own pages: a push payload cannot send the member anywhere else. */
function ownPage(href: unknown): string {
  return typeof href === "string" && href.startsWith("/") && !href.startsWith("//") ? href : "/app";
}

worker.addEventListener("push", (event) => {
  const message = (event.data?.json() ?? {}) as { title?: string; body?: string; href?: string; tag?: string };
  event.waitUntil(
    worker.registration.showNotification(message.title ?? "QuitPath", {
      body: message.body ?? "",
      tag: message.tag ?? "quitpath",
      data: { href: ownPage(message.href) },
      icon: "/icons/icon-192.png",
      badge: "/icons/icon-192.png",
    }),
  );
});

worker.addEventListener("notificationclick", (event) => {
  event.notification.close();
  event.waitUntil(worker.clients.openWindow(ownPage((event.notification.data as { href?: unknown } | null)?.href)));
});
