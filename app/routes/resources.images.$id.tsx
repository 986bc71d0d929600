import { type LoaderFunctionArgs } from "@remix-run/node";
import { db } from "#db/client.server";
import { CACHE_CONTROL } from "~/lib/cache-control";
import { fileStorage } from "~/modules/storage/storage.server";

const SERVABLE = new Set(["image/jpeg", "image/png", "image/webp"]);

/**
 * Uploaded images by generated id: the bytes never change under an id, so they cache forever.
 * server.ts (helmet) adds X-Content-Type-Options: nosniff to every response, this one included.
 */
export async function loader({ params }: LoaderFunctionArgs) {
  const file = await fileStorage(db()).get(params.id ?? "");
  if (!file || !SERVABLE.has(file.contentType)) {
    return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  return new Response(new Uint8Array(file.bytes), {
    headers: {
      "Content-Type": file.contentType,
      "Content-Length": String(file.bytes.length),
      "Cache-Control": CACHE_CONTROL.immutable,
      "Content-Disposition": "inline",
    },
  });
}
