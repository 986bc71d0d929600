/* global FormData, navigator, fetch, document */
// An article page's read, sent once with the document (app/components/content/read-beacon.tsx):
// anonymous visitors get articles without the app's JavaScript, so this small file does it.
(function (script) {
  var body = new FormData();
  body.set("intent", "read");
  body.set("articleId", script.dataset.readBeacon);
  if (!(navigator.sendBeacon && navigator.sendBeacon("/resources/article-reads", body)))
    fetch("/resources/article-reads", { method: "POST", body: body, keepalive: true, credentials: "same-origin" }).catch(function () {});
  script.dataset.sent = "1";
})(document.currentScript);
