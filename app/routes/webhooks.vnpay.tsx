import { type LoaderFunctionArgs } from "@remix-run/node";
import { db } from "#db/client.server";
import { logger } from "~/lib/logger.server";
import { handleVnpayIpn } from "~/modules/billing/one-off.server";

const json = (body: object, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" },
  });

/** VNPay's IPN: a GET with the signed vnp_ parameters; the answer is the {RspCode, Message} JSON VNPay reads. */
export async function loader({ request }: LoaderFunctionArgs) {
  try {
    return json(await handleVnpayIpn(db(), new URL(request.url).searchParams));
  } catch (error) {
    logger.error({ err: error instanceof Error ? error.message : String(error) }, "billing: VNPay IPN failed");
    // 99: VNPay retries the IPN later.
    return json({ RspCode: "99", Message: "Unknow error" });
  }
}

export async function action() {
  return new Response("Method not allowed", { status: 405, headers: { Allow: "GET" } });
}
