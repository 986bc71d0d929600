import { type ActionFunctionArgs } from "@remix-run/node";
import { db } from "#db/client.server";
import { logger } from "~/lib/logger.server";
import { handleMomoIpn } from "~/modules/billing/one-off.server";

export async function loader() {
  return new Response("Method not allowed", { status: 405, headers: { Allow: "POST" } });
}

/** MoMo's IPN: a POST of signed JSON; 204 No Content acknowledges it (MoMo's documented answer). */
export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return new Response("Method not allowed", { status: 405, headers: { Allow: "POST" } });
  let body: unknown;
  try {
    body = JSON.parse(await request.text());
  } catch {
    return new Response("Invalid JSON", { status: 400 });
  }
  try {
    const result = await handleMomoIpn(db(), body);
    return new Response(result.status === 204 ? null : result.outcome, { status: result.status, headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    logger.error({ err: error instanceof Error ? error.message : String(error) }, "billing: MoMo IPN failed");
    return new Response("Try again later", { status: 500 });
  }
}
