import { useEffect } from "react";

/** Where an article page reports that it was read (app/routes/resources.article-reads.tsx). */
export const READ_BEACON_PATH = "/resources/article-reads";

/**
 * Tells the server once, after the page has loaded in a browser, that the article was read. Pages
 * may come from an HTTP cache, so the loader cannot count. Anonymous visitors get the article
 * without the app's JavaScript (root.tsx), so a small script of its own (public/read-beacon.js)
 * sends the read with the document and marks itself sent; after a client-side navigation (React
 * does not run the scripts it inserts) the effect sends it instead. Without JavaScript a read goes
 * uncounted.
 */
export function ReadBeacon({ articleId }: { articleId: string }) {
  useEffect(() => {
    const script = document.querySelector(`script[data-read-beacon="${CSS.escape(articleId)}"]`);
    if (script instanceof HTMLScriptElement && script.dataset.sent === "1") return;
    const body = new FormData();
    body.set("intent", "read");
    body.set("articleId", articleId);
    if (typeof navigator.sendBeacon === "function" && navigator.sendBeacon(READ_BEACON_PATH, body)) return;
    void fetch(READ_BEACON_PATH, { method: "POST", body, keepalive: true, credentials: "same-origin" }).catch(() => undefined);
  }, [articleId]);
  // The script marks itself sent, which hydration must leave alone.
  return <script src="/read-beacon.js" data-read-beacon={articleId} suppressHydrationWarning />;
}
