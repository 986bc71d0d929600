import { and, eq } from "drizzle-orm";
import Stripe from "stripe";
import { packagePrices, packages } from "#db/schema";
import type { Database } from "#db/client.server";
import { seedBillingDemo } from "#db/seed/billing";

/** Basic and Premium as the demo seeds them (no demo members exist in a test database). */
export async function seedPackages(db: Database) {
  await seedBillingDemo(db);
  const [premium] = await db.select().from(packages).where(eq(packages.slug, "premium"));
  const price = async (currency: string, period: "monthly" | "yearly") =>
    (
      await db
        .select()
        .from(packagePrices)
        .where(and(eq(packagePrices.packageId, premium!.id), eq(packagePrices.currency, currency), eq(packagePrices.period, period)))
    )[0]!;
  return { premium: premium!, usdMonthly: await price("USD", "monthly"), vndMonthly: await price("VND", "monthly") };
}

export const WEBHOOK_SECRET = "whsec_test_quitpath_integration_secret";

/** A webhook delivery signed the way Stripe signs it. */
export function signedDelivery(event: object, options: { timestamp?: number; secret?: string } = {}) {
  const payload = JSON.stringify(event);
  const header = Stripe.webhooks.generateTestHeaderString({
    payload,
    secret: options.secret ?? WEBHOOK_SECRET,
    timestamp: options.timestamp ?? Math.floor(Date.now() / 1000),
  });
  return { payload, header };
}

export function stripeEvent(id: string, type: string, object: Record<string, unknown>) {
  return {
    id,
    object: "event",
    api_version: "2025-08-27.basil",
    created: Math.floor(Date.now() / 1000),
    type,
    data: { object },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
  };
}
