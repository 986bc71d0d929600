import { type LoaderFunctionArgs } from "@remix-run/node";
import { db } from "#db/client.server";
import { orErrorPage } from "~/lib/http";
import { requireUser } from "~/modules/identity/auth.server";
import { downloadExport } from "~/modules/privacy/export.server";

/** The member's own archive while it has not expired: anyone else's id, or an old one, is a 404. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { bytes, fileName } = await orErrorPage(downloadExport(db(), user.id, params.exportId ?? ""));
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": "application/zip",
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "Cache-Control": "private, no-store",
      "Content-Length": String(bytes.length),
    },
  });
}
