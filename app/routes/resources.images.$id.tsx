import { type LoaderFunctionArgs } from "@remix-run/node";
import { db } from "#db/client.server";
import { CACHE_CONTROL } from "~/lib/cache-control";
import { getOptionalUser } from "~/modules/identity/auth.server";
import { imageAudience } from "~/modules/storage/access.server";
import { fileStorage } from "~/modules/storage/storage.server";

const SERVABLE = new Set(["image/jpeg", "image/png", "image/webp"]);
const notFound = () =>
  new Response("Not found", {
    status: 404,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": CACHE_CONTROL.private },
  });

/**
 * Uploaded images by generated id, to whoever may see them now (app/modules/storage/access.server.ts):
 * every use revalidates, so a hidden post's photo is a 404 on the next request. The bytes never
 * change under an id, so the id is the ETag. With S3, a redirect to a link that lives a minute.
 * server.ts (helmet) adds X-Content-Type-Options: nosniff to every response, this one included.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = params.id ?? "";
  const viewer = await getOptionalUser(request);
  const access = await imageAudience(db(), id, viewer && { id: viewer.id, role: viewer.role });
  if (!access || !SERVABLE.has(access.contentType)) return notFound();
  const storage = fileStorage(db());
  const direct = await storage.directUrl(id, access.contentType);
  if (direct) return new Response(null, { status: 302, headers: { Location: direct, "Cache-Control": CACHE_CONTROL.private } });
  const etag = `"${id}"`;
  const cacheControl = access.audience === "public" ? CACHE_CONTROL.publicRevalidate : CACHE_CONTROL.privateRevalidate;
  const vary = { Vary: "Cookie" };
  if (request.headers.get("If-None-Match") === etag)
    return new Response(null, { status: 304, headers: { ETag: etag, "Cache-Control": cacheControl, ...vary } });
  const file = await storage.get(id);
  if (!file) return notFound();
  return new Response(new Uint8Array(file.bytes), {
    headers: {
      "Content-Type": file.contentType,
      "Content-Length": String(file.bytes.length),
      "Cache-Control": cacheControl,
      ETag: etag,
      "Content-Disposition": "inline",
      ...vary,
    },
  });
}
