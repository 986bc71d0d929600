import { type LoaderFunctionArgs } from "@remix-run/node";
import { db } from "#db/client.server";
import { SSE_HEADERS } from "~/lib/http";
import { requireUser } from "~/modules/identity/auth.server";
import { liveEvents } from "~/modules/realtime/stream.server";

/** The live stream without a conversation (kept for older tabs): the same events as /resources/stream. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return new Response(liveEvents(db(), { userId: user.id, signal: request.signal }), { headers: SSE_HEADERS });
}
