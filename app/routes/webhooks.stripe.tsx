import { type ActionFunctionArgs } from "@remix-run/node";
import { db } from "#db/client.server";
import { logger } from "~/lib/logger.server";
import { billingProvider, handleStripeWebhook, WebhookSignatureError } from "~/modules/billing/stripe.server";

const text = (body: string, status: number) =>
  new Response(body, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });

export async function loader() {
  return text("Method not allowed", 405);
}

/** Stripe webhooks: the raw body is verified against the signature before anything is read or written. */
export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return text("Method not allowed", 405);
  if (billingProvider() !== "stripe") return text("Stripe is not configured", 404);
  const rawBody = await request.text();
  try {
    const result = await handleStripeWebhook(db(), rawBody, request.headers.get("Stripe-Signature"));
    return text(result.outcome, 200);
  } catch (error) {
    if (error instanceof WebhookSignatureError) {
      logger.warn("billing: webhook refused (bad signature, changed body or stale timestamp)");
      return text("Invalid signature", 400);
    }
    // Anything else (provider unreachable, database busy): 500 so Stripe retries later.
    logger.error({ err: error instanceof Error ? error.message : String(error) }, "billing: webhook failed");
    return text("Try again later", 500);
  }
}
