import { useEffect } from "react";

/** Where an article page reports that it was read (app/routes/resources.article-reads.tsx). */
export const READ_BEACON_PATH = "/resources/article-reads";

/**
 * Tells the server once, after the page has loaded in a browser, that the article was read. Pages
 * may come from an HTTP cache, so the loader cannot count; without JavaScript a read goes uncounted.
 */
export function useReadBeacon(articleId: string) {
  useEffect(() => {
    const body = new FormData();
    body.set("intent", "read");
    body.set("articleId", articleId);
    if (typeof navigator.sendBeacon === "function" && navigator.sendBeacon(READ_BEACON_PATH, body)) return;
    void fetch(READ_BEACON_PATH, { method: "POST", body, keepalive: true, credentials: "same-origin" }).catch(() => undefined);
  }, [articleId]);
}
