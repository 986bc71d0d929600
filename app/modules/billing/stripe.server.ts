import Stripe from "stripe";
import { eq } from "drizzle-orm";
import {
  billingCustomers,
  checkoutSessions,
  packagePrices,
  type payments,
  promotions,
  type Package,
  type PackagePriceRow,
  type Subscription,
} from "#db/schema";
import type { Database } from "#db/client.server";
import { DomainError } from "~/lib/domain-error";
import { appUrl, env } from "~/lib/env.server";
import { logger } from "~/lib/logger.server";
import { toProviderSubscription, fromProviderSubscription } from "./subscription-state";
import {
  applyBillingEvent,
  eventAlreadyHandled,
  type ApplyResult,
  type BillingEvent,
  type InvoiceSnapshot,
  type SubscriptionSnapshot,
} from "./fulfilment.server";
import type { BillingPeriod } from "./pricing";

/** Which provider this process uses: Stripe when a secret key is configured, else the built-in test provider. */
export function billingProvider(): "stripe" | "test" {
  return env().STRIPE_SECRET_KEY ? "stripe" : "test";
}

let cachedClient: { key: string; client: Stripe } | undefined;

/** One Stripe client per process; STRIPE_API_URL points it at another host (a loopback stand-in in tests). */
export function stripeClient(): Stripe {
  const { STRIPE_SECRET_KEY: key, STRIPE_API_URL: apiUrl, PROVIDER_TIMEOUT_MS: timeout } = env();
  if (!key) throw new Error("STRIPE_SECRET_KEY is not set");
  if (cachedClient?.key === key) return cachedClient.client;
  const url = apiUrl ? new URL(apiUrl) : null;
  const client = new Stripe(key, stripeNetworkSettings(timeout, url));
  cachedClient = { key, client };
  return client;
}

/**
 * The member waits on Stripe at checkout: each call gives up after `timeout` and is tried once more
 * (the SDK reuses its Idempotency-Key, so a retry never creates a second object), so a silent Stripe
 * answers "try again" within about two timeouts, well before a proxy's 30 s limit turns it into a 504.
 */
export function stripeNetworkSettings(timeout: number | undefined, url: URL | null = null): Stripe.StripeConfig {
  return {
    maxNetworkRetries: 1,
    timeout: timeout ?? 10_000,
    ...(url
      ? {
          host: url.hostname,
          port: Number(url.port || (url.protocol === "https:" ? 443 : 80)),
          protocol: url.protocol.replace(":", "") as "http" | "https",
        }
      : {}),
  };
}

function providerError(error: unknown): never {
  if (error instanceof DomainError) throw error;
  logger.error({ err: error instanceof Error ? error.message : String(error) }, "billing: Stripe request failed");
  throw new DomainError("conflict", "billingErrors:providerUnavailable");
}

const INTERVALS: Record<BillingPeriod, { interval: "month" | "year"; interval_count: number }> = {
  monthly: { interval: "month", interval_count: 1 },
  quarterly: { interval: "month", interval_count: 3 },
  yearly: { interval: "year", interval_count: 1 },
};

/** A stable key per price row: an edited price is a new row, so it gets a new Stripe price. */
export function lookupKeyFor(pkg: Pick<Package, "slug">, price: Pick<PackagePriceRow, "period" | "currency" | "amountMinor">): string {
  return `quitpath_${pkg.slug}_${price.period}_${price.currency.toLowerCase()}_${price.amountMinor}`;
}

/** Finds the Stripe price for our price by lookup_key, creating it once; stores its id. */
export async function syncStripePrice(db: Database, stripe: Stripe, pkg: Package, price: PackagePriceRow): Promise<string> {
  if (price.providerPriceId) return price.providerPriceId;
  const lookupKey = lookupKeyFor(pkg, price);
  const found = await stripe.prices.list({ lookup_keys: [lookupKey], limit: 1 });
  const stripePrice =
    found.data[0] ??
    (await stripe.prices.create(
      {
        currency: price.currency.toLowerCase(),
        unit_amount: price.amountMinor,
        recurring: INTERVALS[price.period],
        lookup_key: lookupKey,
        product_data: { name: pkg.nameEn, metadata: { packageId: pkg.id, slug: pkg.slug } },
        metadata: { priceId: price.id, packageId: pkg.id },
      },
      { idempotencyKey: `price-${price.id}` },
    ));
  await db.update(packagePrices).set({ providerPriceId: stripePrice.id }).where(eq(packagePrices.id, price.id));
  return stripePrice.id;
}

/** The member's Stripe customer, created once and stored. */
export async function ensureStripeCustomer(
  db: Database,
  stripe: Stripe,
  user: { id: string; email: string; displayName: string },
): Promise<string> {
  const [existing] = await db.select().from(billingCustomers).where(eq(billingCustomers.userId, user.id));
  if (existing) return existing.providerCustomerId;
  const customer = await stripe.customers.create(
    { email: user.email, name: user.displayName, metadata: { userId: user.id } },
    { idempotencyKey: `customer-${user.id}` },
  );
  await db.insert(billingCustomers).values({ userId: user.id, providerCustomerId: customer.id }).onConflictDoNothing();
  const [stored] = await db.select().from(billingCustomers).where(eq(billingCustomers.userId, user.id));
  return stored!.providerCustomerId;
}

/** Our promotion as a Stripe coupon (id derived from the code), created once. */
async function ensureStripeCoupon(db: Database, stripe: Stripe, promotionId: string): Promise<string> {
  const [promotion] = await db.select().from(promotions).where(eq(promotions.id, promotionId));
  if (!promotion) throw new DomainError("invalid", "billingErrors:promotionUnknown", { field: "promotionCode" });
  if (promotion.providerCouponId) return promotion.providerCouponId;
  const coupon = await stripe.coupons.create(
    {
      id: `quitpath_${promotion.code}`.toLowerCase(),
      name: promotion.code,
      duration: "once",
      ...(promotion.kind === "percent"
        ? { percent_off: promotion.percentOff! }
        : { amount_off: promotion.amountOffMinor!, currency: promotion.currency!.toLowerCase() }),
    },
    { idempotencyKey: `coupon-${promotion.id}` },
  );
  await db.update(promotions).set({ providerCouponId: coupon.id }).where(eq(promotions.id, promotion.id));
  return coupon.id;
}

/** Creates the Stripe Checkout Session for one of our checkouts; the price and discount come from our rows. */
export async function createStripeCheckoutSession(
  db: Database,
  user: { id: string; email: string; displayName: string; locale: string },
  checkout: typeof checkoutSessions.$inferSelect,
  pkg: Package,
  price: PackagePriceRow,
): Promise<string> {
  const stripe = stripeClient();
  try {
    const stripePriceId = await syncStripePrice(db, stripe, pkg, price);
    const customer = await ensureStripeCustomer(db, stripe, user);
    const coupon = checkout.promotionId ? await ensureStripeCoupon(db, stripe, checkout.promotionId) : null;
    const metadata = { checkoutId: checkout.id, userId: user.id, priceId: price.id, termsVersion: String(checkout.acceptedTermsVersion) };
    const session = await stripe.checkout.sessions.create(
      {
        mode: "subscription",
        customer,
        client_reference_id: user.id,
        line_items: [{ price: stripePriceId, quantity: 1 }],
        ...(coupon ? { discounts: [{ coupon }] } : {}),
        locale: user.locale === "vi" ? "vi" : "en",
        metadata,
        subscription_data: { metadata },
        success_url: `${appUrl()}/app/billing/success?checkout=${checkout.id}`,
        cancel_url: `${appUrl()}/app/billing/cancelled?checkout=${checkout.id}`,
      },
      { idempotencyKey: `checkout-${checkout.id}` },
    );
    await db.update(checkoutSessions).set({ providerSessionId: session.id }).where(eq(checkoutSessions.id, checkout.id));
    if (!session.url) throw new Error("Stripe returned a session without a URL");
    return session.url;
  } catch (error) {
    providerError(error);
  }
}

export async function createStripePortalSession(db: Database, userId: string): Promise<string> {
  const [customer] = await db.select().from(billingCustomers).where(eq(billingCustomers.userId, userId));
  if (!customer) throw new DomainError("not-found", "errors:notFound.title");
  try {
    const portal = await stripeClient().billingPortal.sessions.create({
      customer: customer.providerCustomerId,
      return_url: `${appUrl()}/app/billing`,
    });
    return portal.url;
  } catch (error) {
    providerError(error);
  }
}

const idOf = (value: string | { id: string } | null | undefined): string | null =>
  value == null ? null : typeof value === "string" ? value : value.id;

/** The provider's current subscription as a snapshot (always fetched, never taken from an event). */
export async function fetchSubscriptionSnapshot(stripe: Stripe, subscriptionId: string): Promise<SubscriptionSnapshot> {
  const subscription = await stripe.subscriptions.retrieve(subscriptionId, { expand: ["latest_invoice"] });
  return {
    provider: "stripe",
    providerSubscriptionId: subscription.id,
    providerCustomerId: idOf(subscription.customer),
    checkoutId: subscription.metadata?.checkoutId ?? null,
    state: fromProviderSubscription(toProviderSubscription(subscription)),
    providerPriceId: subscription.items.data[0]?.price.id ?? null,
  };
}

function invoiceSubscriptionId(invoice: Stripe.Invoice): string | null {
  const legacy = (invoice as unknown as { subscription?: string | { id: string } | null }).subscription;
  return idOf(invoice.parent?.subscription_details?.subscription ?? legacy ?? null);
}

function invoicePaymentIntentId(invoice: Stripe.Invoice): string | null {
  const first = invoice.payments?.data?.find((p) => p.status === "paid") ?? invoice.payments?.data?.[0];
  const legacy = (invoice as unknown as { payment_intent?: string | { id: string } | null }).payment_intent;
  return idOf(first?.payment.payment_intent ?? first?.payment.charge ?? legacy ?? null);
}

export async function fetchInvoiceSnapshot(stripe: Stripe, invoiceId: string, failed: boolean): Promise<InvoiceSnapshot> {
  const invoice = await stripe.invoices.retrieve(invoiceId, { expand: ["payments"] });
  const line = invoice.lines?.data?.[0];
  const discountMinor = (invoice.total_discount_amounts ?? []).reduce((sum, d) => sum + d.amount, 0);
  const status: InvoiceSnapshot["status"] =
    invoice.status === "paid"
      ? "paid"
      : invoice.status === "void" || invoice.status === "uncollectible"
        ? "void"
        : failed || (invoice.attempt_count ?? 0) > 0
          ? "failed"
          : "open";
  return {
    provider: "stripe",
    providerInvoiceId: invoice.id!,
    providerSubscriptionId: invoiceSubscriptionId(invoice),
    providerPaymentIntentId: invoicePaymentIntentId(invoice),
    status,
    amountMinor: status === "paid" ? invoice.amount_paid : invoice.amount_due,
    discountMinor,
    currency: invoice.currency.toUpperCase(),
    periodStart: line?.period ? new Date(line.period.start * 1000) : null,
    periodEnd: line?.period ? new Date(line.period.end * 1000) : null,
    createdAt: new Date(invoice.created * 1000),
    cardLast4: null,
    nextAttemptAt: invoice.next_payment_attempt ? new Date(invoice.next_payment_attempt * 1000) : null,
  };
}

export const HANDLED_STRIPE_EVENTS = [
  "checkout.session.completed",
  "invoice.paid",
  "invoice.payment_failed",
  "customer.subscription.updated",
  "customer.subscription.deleted",
  "charge.refunded",
] as const;

/** Turns a verified Stripe event into our BillingEvent by fetching the objects it names. */
export async function billingEventFromStripe(stripe: Stripe, event: Stripe.Event): Promise<BillingEvent | null> {
  const base = { provider: "stripe" as const, eventId: event.id, type: event.type };
  switch (event.type) {
    case "checkout.session.completed": {
      const subscriptionId = idOf(event.data.object.subscription);
      if (!subscriptionId) return { ...base };
      return { ...base, subscription: await fetchSubscriptionSnapshot(stripe, subscriptionId) };
    }
    case "invoice.paid":
    case "invoice.payment_failed": {
      const invoice = await fetchInvoiceSnapshot(stripe, event.data.object.id!, event.type === "invoice.payment_failed");
      const subscription = invoice.providerSubscriptionId ? await fetchSubscriptionSnapshot(stripe, invoice.providerSubscriptionId) : null;
      return { ...base, invoice, subscription };
    }
    case "customer.subscription.updated":
    case "customer.subscription.deleted":
      return { ...base, subscription: await fetchSubscriptionSnapshot(stripe, event.data.object.id) };
    case "charge.refunded": {
      const charge = await stripe.charges.retrieve(event.data.object.id);
      const paymentIntentId = idOf(charge.payment_intent) ?? charge.id;
      return { ...base, refund: { provider: "stripe", providerPaymentIntentId: paymentIntentId, refundedMinor: charge.amount_refunded } };
    }
    default:
      return null;
  }
}

export class WebhookSignatureError extends Error {}

/**
 * Verifies and applies one webhook delivery. A bad signature, a changed body or a stale timestamp
 * throws WebhookSignatureError before anything is read or written.
 */
export async function handleStripeWebhook(
  db: Database,
  rawBody: string,
  signature: string | null,
): Promise<ApplyResult | { outcome: "ignored" }> {
  const secret = env().STRIPE_WEBHOOK_SECRET;
  if (!secret || !signature) throw new WebhookSignatureError("missing signature or secret");
  const stripe = stripeClient();
  let event: Stripe.Event;
  try {
    event = stripe.webhooks.constructEvent(rawBody, signature, secret);
  } catch (error) {
    throw new WebhookSignatureError(error instanceof Error ? error.message : "invalid signature");
  }
  if (await eventAlreadyHandled(db, event.id)) return { outcome: "duplicate" };
  const billingEvent = await billingEventFromStripe(stripe, event);
  if (!billingEvent) return { outcome: "ignored" };
  const result = await applyBillingEvent(db, billingEvent);
  if (result.refusedSubscriptionId) {
    // The member already had a live subscription: stop the second one at the provider (outside the transaction).
    await stripe.subscriptions
      .cancel(result.refusedSubscriptionId)
      .catch((error) => logger.error({ err: String(error) }, "billing: could not cancel a refused subscription"));
  }
  return result;
}

/** Cancel at period end or resume, at Stripe; our row follows from the fetched subscription. */
export async function setStripeCancelAtPeriodEnd(db: Database, sub: Subscription, cancel: boolean): Promise<void> {
  const stripe = stripeClient();
  try {
    await stripe.subscriptions.update(sub.providerSubscriptionId!, { cancel_at_period_end: cancel });
    const snapshot = await fetchSubscriptionSnapshot(stripe, sub.providerSubscriptionId!);
    await applyBillingEvent(db, {
      provider: "stripe",
      eventId: `sync_${sub.id}_${Date.now()}`,
      type: "customer.subscription.updated",
      subscription: snapshot,
    });
  } catch (error) {
    providerError(error);
  }
}

/** Switches a Stripe subscription to another price now, prorated; our row follows from the fetched subscription. */
export async function changeStripePrice(db: Database, sub: Subscription, pkg: Package, price: PackagePriceRow): Promise<void> {
  const stripe = stripeClient();
  try {
    const stripePriceId = await syncStripePrice(db, stripe, pkg, price);
    const current = await stripe.subscriptions.retrieve(sub.providerSubscriptionId!);
    const item = current.items.data[0];
    await stripe.subscriptions.update(sub.providerSubscriptionId!, {
      items: [{ id: item?.id, price: stripePriceId }],
      proration_behavior: "create_prorations",
    });
    const snapshot = await fetchSubscriptionSnapshot(stripe, sub.providerSubscriptionId!);
    await applyBillingEvent(db, {
      provider: "stripe",
      eventId: `sync_${sub.id}_${Date.now()}`,
      type: "customer.subscription.updated",
      subscription: snapshot,
    });
  } catch (error) {
    providerError(error);
  }
}

/** Asks Stripe to refund; the payment row changes when charge.refunded arrives (or now, from the fetched charge). */
export async function refundStripePayment(
  payment: typeof payments.$inferSelect,
  amountMinor: number,
  idempotencyKey: string,
): Promise<void> {
  if (!payment.providerPaymentIntentId) throw new DomainError("conflict", "billingErrors:providerUnavailable");
  try {
    const target = payment.providerPaymentIntentId.startsWith("ch_")
      ? { charge: payment.providerPaymentIntentId }
      : { payment_intent: payment.providerPaymentIntentId };
    await stripeClient().refunds.create(
      { ...target, amount: amountMinor, reason: "requested_by_customer", metadata: { paymentId: payment.id } },
      { idempotencyKey },
    );
  } catch (error) {
    providerError(error);
  }
}
