import { type ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { db } from "#db/client.server";
import { DomainError } from "~/lib/domain-error";
import { readJsonBody } from "~/lib/http";
import { getFixedT } from "~/lib/i18n.server";
import { resolveLocale } from "~/lib/i18n";
import { IMAGE_TYPES, MAX_IMAGE_BYTES } from "~/modules/community/images";
import { requireUser } from "~/modules/identity/auth.server";
import { createUploadTicket } from "~/modules/storage/direct-uploads.server";
import { filesBucket, fileStorage } from "~/modules/storage/storage.server";

const ticketRequest = z.object({ contentType: z.string().max(100) }).strict();

/**
 * With STORAGE=s3: a presigned POST for one photo (POST JSON { contentType }), which the browser
 * sends straight to the bucket; the post form then names the key and the server checks the bytes.
 * Without S3 there is nothing to ask for (404): photos come in the form itself.
 */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  if (fileStorage(db()).kind !== "s3") throw new Response("Not found", { status: 404 });
  const t = getFixedT(resolveLocale(request, user.locale));
  try {
    const parsed = ticketRequest.safeParse(await readJsonBody(request, 1024));
    if (!parsed.success) return Response.json({ ok: false as const, error: t("errors:badRequest.title") }, { status: 400 });
    const ticket = await createUploadTicket(db(), filesBucket(), user.id, parsed.data.contentType, {
      types: IMAGE_TYPES,
      maxBytes: MAX_IMAGE_BYTES,
    });
    return Response.json({ ok: true as const, ticket }, { headers: { "Cache-Control": "private, no-store" } });
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const retry = error.options.retryAfterSeconds;
    return Response.json(
      { ok: false as const, error: t(error.message, error.options.values) },
      { status: error.status, headers: retry ? { "Retry-After": String(retry) } : undefined },
    );
  }
}

export function loader() {
  throw new Response("Not found", { status: 404 });
}
