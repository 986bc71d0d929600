import type { HeadersFunction } from "@remix-run/node";
import { DomainError } from "./domain-error";

/** Throws a Response with `status` unless `condition` holds. */
export function invariantResponse(condition: unknown, message: string, init: { status: number } = { status: 400 }): asserts condition {
  if (!condition) throw new Response(message, { status: init.status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

/**
 * For loaders: a module's DomainError becomes the error page of its status (a missing or foreign
 * row is a 404), so routes never catch and rebuild responses by hand.
 */
export async function orErrorPage<T>(pending: Promise<T>): Promise<T> {
  try {
    return await pending;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    throw new Response(error.message, { status: error.status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
}

/** Only same-site paths are accepted as a place to go after signing in. */
export function safeRedirectPath(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  try {
    const url = new URL(to, "http://local.invalid");
    if (url.origin !== "http://local.invalid") return fallback;
    const path = url.pathname + url.search + url.hash;
    // Dot segments can normalise "/.//evil.example" into "//evil.example", which a browser reads as another host.
    return path.startsWith("//") || path.startsWith("/\\") ? fallback : path;
  } catch {
    return fallback;
  }
}

/**
 * For routes whose actions answer 429: Remix keeps only cookies from action headers on
 * document requests unless the route passes other headers on.
 */
export function headersWithRetryAfter({ actionHeaders, loaderHeaders }: { actionHeaders: Headers; loaderHeaders: Headers }): Headers {
  const headers = new Headers();
  const retryAfter = actionHeaders.get("Retry-After") ?? loaderHeaders.get("Retry-After");
  if (retryAfter) headers.set("Retry-After", retryAfter);
  return headers;
}

/** For pages under a layout with its own policy: keeps the parent's headers (no-store) and passes an action's Retry-After (429) on. */
export const headersKeepingParent: HeadersFunction = ({ parentHeaders, actionHeaders, loaderHeaders }) => {
  const headers = new Headers(parentHeaders);
  const retryAfter = actionHeaders.get("Retry-After") ?? loaderHeaders.get("Retry-After");
  if (retryAfter) headers.set("Retry-After", retryAfter);
  return headers;
};

/** Server-Sent Events: never cached or transformed, never buffered by a proxy. */
export const SSE_HEADERS = {
  "Content-Type": "text/event-stream; charset=utf-8",
  "Cache-Control": "no-store, no-transform",
  Connection: "keep-alive",
  "X-Accel-Buffering": "no",
} as const;

/**
 * Reads a JSON request body of at most `maxBytes` (counted as it arrives, whatever Content-Length
 * claims): too large is a "too-large" DomainError (413), unreadable JSON "malformed" (400).
 */
export async function readJsonBody(request: Request, maxBytes: number): Promise<unknown> {
  const tooLarge = () => new DomainError("too-large", "errors:body.tooLarge", { values: { kb: Math.floor(maxBytes / 1024) } });
  const declared = Number(request.headers.get("Content-Length") ?? "0");
  if (declared > maxBytes) throw tooLarge();
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw tooLarge();
      }
      chunks.push(value);
    }
  }
  const body = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) body.set(chunk, (at += chunk.byteLength) - chunk.byteLength);
  const text = new TextDecoder().decode(body);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new DomainError("malformed", "errors:body.notJson");
  }
}
