import { PassThrough } from "node:stream";
import { createReadableStreamFromReadable, type EntryContext, type HandleErrorFunction } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderToPipeableStream } from "react-dom/server";
import { RenderedFragmentsContext } from "~/components/remembered";
import { i18nFor, translationsPayload } from "~/lib/i18n.server";
import { logger } from "~/lib/logger.server";
import { NonceProvider } from "~/lib/nonce";
import { renderedFragments } from "~/lib/rendered-fragments.server";
import { TranslationsContext, type Translations } from "~/lib/translations";

/** The server has every namespace of both languages: nothing to load, and the page gets the ones it uses. */
const serverTranslations: Translations = { payload: translationsPayload, instance: i18nFor, load: () => null };

export const streamTimeout = 5_000;

/** `REMEMBERED=off` (benchmarks): every `<Remembered>` renders its children in place, as in the browser. */
const fragments = process.env.REMEMBERED === "off" ? null : renderedFragments;
/** `PAGE_SINK=stream` (benchmarks): the page goes out as a stream, the way Remix's default entry sends it. */
const streamed = process.env.PAGE_SINK === "stream";

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: { cspNonce?: string },
) {
  const nonce = loadContext.cspNonce ?? "";
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <TranslationsContext.Provider value={serverTranslations}>
          <RenderedFragmentsContext.Provider value={fragments}>
            <RemixServer context={remixContext} url={request.url} nonce={nonce} />
          </RenderedFragmentsContext.Provider>
        </TranslationsContext.Provider>
      </NonceProvider>,
      {
        nonce,
        // Loaders have all resolved before rendering (nothing is deferred), so the whole page is
        // ready at once: collect it and send one body instead of hundreds of small writes.
        onAllReady() {
          shellRendered = true;
          if (streamed) {
            clearTimeout(deadline);
            const body = new PassThrough();
            responseHeaders.set("Content-Type", "text/html; charset=utf-8");
            resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }));
            pipe(body);
            return;
          }
          // React writes 2 KB chunks into whatever it is piped to; a stream.Writable would
          // schedule callbacks per chunk, so this sink only collects them and answers at the end.
          const chunks: Uint8Array[] = [];
          const sink = {
            write(chunk: Uint8Array) {
              chunks.push(chunk);
              return true;
            },
            end() {
              clearTimeout(deadline);
              responseHeaders.set("Content-Type", "text/html; charset=utf-8");
              resolve(new Response(Buffer.concat(chunks), { headers: responseHeaders, status: responseStatusCode }));
            },
            on() {
              return sink;
            },
          };
          pipe(sink as unknown as NodeJS.WritableStream);
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
