import { useEffect } from "react";
import { useNonce } from "~/lib/nonce";

/** Where an article page reports that it was read (app/routes/resources.article-reads.tsx). */
export const READ_BEACON_PATH = "/resources/article-reads";

/** The browser side of a read: sendBeacon, or a keepalive fetch where it is missing. */
function sendRead(articleId: string) {
  const body = new FormData();
  body.set("intent", "read");
  body.set("articleId", articleId);
  if (typeof navigator.sendBeacon === "function" && navigator.sendBeacon(READ_BEACON_PATH, body)) return;
  void fetch(READ_BEACON_PATH, { method: "POST", body, keepalive: true, credentials: "same-origin" }).catch(() => undefined);
}

/**
 * Tells the server once, after the page has loaded in a browser, that the article was read. Pages
 * may come from an HTTP cache, so the loader cannot count. Anonymous visitors get the article
 * without the app's JavaScript (root.tsx), so a small inline script sends the read with the
 * document and marks itself sent; after a client-side navigation (inline scripts React inserts do
 * not run) the effect sends it instead. Without JavaScript at all a read goes uncounted.
 */
export function ReadBeacon({ articleId }: { articleId: string }) {
  const nonce = useNonce();
  useEffect(() => {
    const inline = document.querySelector(`script[data-read-beacon="${CSS.escape(articleId)}"]`);
    if (inline instanceof HTMLScriptElement && inline.dataset.sent === "1") return;
    sendRead(articleId);
  }, [articleId]);
  // The same as sendRead, written out: the inline script runs before (and without) the app's modules.
  const path = JSON.stringify(READ_BEACON_PATH);
  const script =
    `(function(b){b.set("intent","read");b.set("articleId",${JSON.stringify(articleId)});` +
    `if(!(navigator.sendBeacon&&navigator.sendBeacon(${path},b)))` +
    `fetch(${path},{method:"POST",body:b,keepalive:true,credentials:"same-origin"}).catch(function(){})})(new FormData());` +
    `document.currentScript.dataset.sent="1";`;
  return (
    <script
      nonce={nonce}
      data-read-beacon={articleId}
      // The browser hides nonces from the DOM, and the script marks itself sent.
      suppressHydrationWarning
      dangerouslySetInnerHTML={{ __html: script }}
    />
  );
}
