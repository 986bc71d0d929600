/** What the service worker may keep: the member pages worth having offline, nothing of staff, payments or other members. */
export const OFFLINE_PAGES = ["/app", "/app/plan", "/app/craving"] as const;

export const PAGES_CACHE = "qp-member-pages";
export const SHELL_CACHE_PREFIX = "qp-shell-";

/** Where the member pages post the logs that may wait on the device (the page's own forms, with JavaScript or without). */
export const QUEUEABLE_ACTIONS = ["/app/check-in", "/app/log", "/app/craving"] as const;

/**
 * The saved copies last served instead of the network, by page: when the copy was saved, and whether the
 * network could not be reached at all (the page then says it is offline, whatever `navigator.onLine` says)
 * or only answered too slowly (it says the copy may be out of date).
 */
export const SERVED_COPIES_KEY = "/__quitpath/served-copies";
export type ServedCopy = { savedAt: string; unreachable: boolean };
export type ServedCopies = Record<string, ServedCopy>;

export type WorkerMessage = { type: "member"; memberKey: string; warm: readonly string[] } | { type: "sign-out" };

/** The page a request is for: Remix single-fetch data requests (`/app/plan.data`) count as their page. */
export function pageOf(url: URL): { page: string; data: boolean } {
  const data = url.pathname.endsWith(".data");
  const path = (data ? url.pathname.slice(0, -".data".length) : url.pathname).replace(/\/+$/, "");
  return { page: path === "/_root" ? "/" : path || "/", data };
}

/** A member page saved for offline use: the dashboard, the plan and the craving screen (documents and their data requests). */
export function cacheablePage(url: URL): boolean {
  return (OFFLINE_PAGES as readonly string[]).includes(pageOf(url).page);
}

/** One saved copy per page document (query strings like ?checkedIn=1 share it); data requests keep which routes they asked for. */
export function pageCacheKey(url: URL): string {
  const { page, data } = pageOf(url);
  if (!data) return page;
  const routes = url.searchParams.get("_routes");
  return `${url.pathname}${url.searchParams.has("index") ? "?index" : ""}${routes ? `${url.searchParams.has("index") ? "&" : "?"}_routes=${routes}` : ""}`;
}

/** A post of a form whose log may be queued when the network fails or is too slow (its document or single-fetch request). */
export function queueablePost(url: URL): boolean {
  return (QUEUEABLE_ACTIONS as readonly string[]).includes(pageOf(url).page);
}
