import { Writable } from "node:stream";
import { type EntryContext, type HandleErrorFunction } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderToPipeableStream } from "react-dom/server";
import { RenderedFragmentsContext } from "~/components/remembered";
import { i18nFor, translationsPayload } from "~/lib/i18n.server";
import { logger } from "~/lib/logger.server";
import { NonceProvider } from "~/lib/nonce";
import { renderedFragments } from "~/lib/rendered-fragments.server";
import { ServerHtmlContext } from "~/lib/server-html";
import { TranslationsContext, type Translations } from "~/lib/translations";
import { ifNoneMatchHits } from "~/modules/content/etag.server";

/** The server has every namespace of both languages: nothing to load, and the page gets the ones it uses. */
const serverTranslations: Translations = { payload: translationsPayload, instance: i18nFor, load: () => null };

export const streamTimeout = 5_000;

/** `REMEMBERED=off` (benchmarks): every `<Remembered>` renders its children in place, as in the browser. */
const fragments = process.env.REMEMBERED === "off" ? null : renderedFragments;

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: { cspNonce?: string; serverHtml?: Map<string, string> },
) {
  const nonce = loadContext.cspNonce ?? "";
  // A public page that has not changed since the visitor's copy (its route set a strong ETag): no render at all.
  const etag = responseHeaders.get("ETag");
  if (responseStatusCode === 200 && etag && ifNoneMatchHits(request.headers.get("If-None-Match"), etag)) {
    return new Response(null, { status: 304, headers: responseHeaders });
  }
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <TranslationsContext.Provider value={serverTranslations}>
          <RenderedFragmentsContext.Provider value={fragments}>
            <ServerHtmlContext.Provider value={loadContext.serverHtml ?? null}>
              <RemixServer context={remixContext} url={request.url} nonce={nonce} />
            </ServerHtmlContext.Provider>
          </RenderedFragmentsContext.Provider>
        </TranslationsContext.Provider>
      </NonceProvider>,
      {
        nonce,
        // Nothing is deferred, so the page is complete once all of it is ready; waiting for that
        // lets an error anywhere still set the status code.
        onAllReady() {
          shellRendered = true;
          clearTimeout(deadline);
          // The page is complete, so it goes out as one buffer: one write to the socket, not a stream of small chunks through a web stream.
          const chunks: Buffer[] = [];
          const body = new Writable({
            // No "close" after the end: React would take it for a disconnect and end the stream a second time (an error built for nothing).
            emitClose: false,
            write(chunk: Buffer, _encoding, done) {
              chunks.push(chunk);
              done();
            },
            final(done) {
              const html = Buffer.concat(chunks);
              responseHeaders.set("Content-Type", "text/html; charset=utf-8");
              responseHeaders.set("Content-Length", String(html.byteLength));
              resolve(new Response(html, { headers: responseHeaders, status: responseStatusCode }));
              done();
            },
          });
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) logger.error({ err: error }, "render error");
        },
      },
    );
    const deadline = setTimeout(abort, streamTimeout + 1000);
  });
}

export const handleError: HandleErrorFunction = (error, { request }) => {
  if (request.signal.aborted) return;
  logger.error({ err: error, path: new URL(request.url).pathname, requestId: request.headers.get("x-request-id") }, "unhandled error");
};
