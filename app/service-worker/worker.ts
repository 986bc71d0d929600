// The service worker, bundled to build/service-worker.js; /sw.js serves it behind the build's asset list (app/modules/phone-app/service-worker.server.ts).
import { flushQueue, SYNC_TAG } from "./offline-queue";
import { cacheablePage, pageCacheKey, PAGES_CACHE, SHELL_CACHE_PREFIX, type WorkerMessage } from "./policy";

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
    showNotification(title: string, options: { body: string; tag: string; data: unknown; icon: string; badge: string }): Promise<void>;
  };
};
const worker = self as unknown as WorkerScope;

const SHELL_CACHE = `${SHELL_CACHE_PREFIX}${worker.__QP_BUILD}`;
const NETWORK_TIMEOUT_MS = 3000;
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

/** Network first; after a short wait, or without a network, the last copy saved on this device. */
async function networkFirst(request: Request, key: string): Promise<Response> {
  const network = fetch(request).then(async (response) => {
    if (response.ok && !response.redirected && response.type === "basic" && (await currentMember())) await savePage(key, response.clone());
    return response;
  });
  const saved = async () => ((await caches.has(PAGES_CACHE)) ? (await caches.open(PAGES_CACHE)).match(key) : undefined);
  const timeout = new Promise<Response | undefined>((resolve) => setTimeout(() => resolve(saved()), NETWORK_TIMEOUT_MS));
  try {
    const first = await Promise.race([network, timeout]);
    if (first) return first;
    return await network;
  } catch (error) {
    const copy = await saved();
    if (copy) return copy;
    throw error;
  }
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
