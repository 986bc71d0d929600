import { type LoaderFunctionArgs } from "@remix-run/node";
import { db } from "#db/client.server";
import { CACHE_CONTROL } from "~/lib/cache-control";
import { orErrorPage } from "~/lib/http";
import { chatPhotoFor } from "~/modules/coaching/photos.server";
import { requireUser } from "~/modules/identity/auth.server";

/**
 * A chat photo, only for the member and coach of its conversation (private: never in a shared
 * cache). With S3, a redirect to a link that lives a minute, as for other images.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const photo = await orErrorPage(chatPhotoFor(db(), user.id, params.messageId ?? ""));
  if ("link" in photo)
    return new Response(null, { status: 302, headers: { Location: photo.link, "Cache-Control": CACHE_CONTROL.private } });
  const { file } = photo;
  return new Response(new Uint8Array(file.bytes), {
    headers: {
      "Content-Type": file.contentType,
      "Content-Length": String(file.bytes.length),
      "Cache-Control": CACHE_CONTROL.private,
      "Content-Disposition": "inline",
    },
  });
}
