import type { AppLoadContext } from "@remix-run/node";
import { CACHE_CONTROL } from "~/lib/cache-control";
import { getOptionalUser } from "~/modules/identity/auth.server";
import { strongEtag } from "./etag.server";

/**
 * Headers for a public content page. Anonymous visitors share one cacheable copy with a strong
 * ETag (the content's state, the language and the build); a signed-in visitor's page shows their
 * header and is never stored. `Vary: Cookie` keeps the two apart in browsers and CDNs.
 */
export async function publicContentHeaders(
  request: Request,
  context: AppLoadContext,
  etagParts: readonly (string | number | null)[],
): Promise<Record<string, string>> {
  const user = await getOptionalUser(request);
  if (user) return { "Cache-Control": CACHE_CONTROL.private, Vary: "Cookie" };
  return {
    "Cache-Control": CACHE_CONTROL.publicContent,
    ETag: strongEtag([...etagParts, context.buildVersion ?? "dev"]),
    Vary: "Cookie",
  };
}

/** The route `headers` export of every public content page: the loader's policy, or private when it set none. */
export function contentPageHeaders({ loaderHeaders }: { loaderHeaders: Headers }): Record<string, string> {
  const out: Record<string, string> = { "Cache-Control": loaderHeaders.get("Cache-Control") ?? CACHE_CONTROL.private };
  const etag = loaderHeaders.get("ETag");
  if (etag) out.ETag = etag;
  const vary = loaderHeaders.get("Vary");
  if (vary) out.Vary = vary;
  return out;
}
