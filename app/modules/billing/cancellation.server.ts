import { and, eq, inArray } from "drizzle-orm";
import { subscriptions } from "#db/schema";
import type { Database } from "#db/client.server";
import { logger } from "~/lib/logger.server";
import { endTestSubscription } from "./checkout.server";
import { LIVE_STATUSES } from "./entitlements.server";
import { applyBillingEvent } from "./fulfilment.server";
import { endOneOffTermsNow } from "./one-off.server";
import { isOneOffProvider } from "./one-off-providers.server";
import { fetchSubscriptionSnapshot, stripeClient } from "./stripe.server";

/**
 * Ends every live subscription of the member now, at its provider (an account erasure: nobody is
 * billed for an account that no longer exists). Stripe cancels immediately, without proration; the
 * test provider ends its own; a VNPay/MoMo term is prepaid and recurs nowhere, so it only ends here
 * (after any payment still open at the provider is settled). Our rows follow from what the provider
 * says. Idempotent: a subscription already cancelled at Stripe is only synced. A provider error is
 * thrown, so the caller (the erasure job) retries rather than erase someone who is still being charged.
 */
export async function endLiveSubscriptionsNow(db: Database, userId: string, now = new Date()): Promise<number> {
  // First: a VNPay/MoMo payment the member made that no IPN has settled yet becomes a recorded term to end.
  const oneOffEnded = await endOneOffTermsNow(db, userId, now);
  const live = await db
    .select()
    .from(subscriptions)
    .where(and(eq(subscriptions.userId, userId), inArray(subscriptions.status, [...LIVE_STATUSES])));
  for (const sub of live) {
    if (isOneOffProvider(sub.provider)) continue;
    if (sub.provider === "stripe" && sub.providerSubscriptionId) {
      const stripe = stripeClient();
      const current = await stripe.subscriptions.retrieve(sub.providerSubscriptionId);
      if (current.status !== "canceled") await stripe.subscriptions.cancel(sub.providerSubscriptionId, { prorate: false });
      const snapshot = await fetchSubscriptionSnapshot(stripe, sub.providerSubscriptionId);
      await applyBillingEvent(
        db,
        { provider: "stripe", eventId: `erasure_${sub.id}`, type: "customer.subscription.deleted", subscription: snapshot },
        now,
      );
    } else {
      await endTestSubscription(db, sub, now);
    }
    logger.info({ subscriptionId: sub.id, provider: sub.provider }, "billing: subscription ended for an account erasure");
  }
  if (oneOffEnded > 0) logger.info({ userId, count: oneOffEnded }, "billing: one-off terms ended for an account erasure");
  return live.length + oneOffEnded;
}
