import { randomUUID } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import { checkoutSessions, promotions, subscriptions, users, type Subscription } from "#db/schema";
import type { Database } from "#db/client.server";
import { DomainError } from "~/lib/domain-error";
import { findPromotion, getPurchasablePrice, toPromotion } from "./catalogue.server";
import { LIVE_STATUSES } from "./entitlements.server";
import { applyBillingEvent, type SubscriptionSnapshot } from "./fulfilment.server";
import { MONTHS_IN_PERIOD, type BillingPeriod } from "./pricing";
import { applyPromotion, validatePromotion } from "./promotions";
import { attemptReference, configuredOneOffProviders, isOneOffProvider, type OneOffProviderId } from "./one-off-providers.server";
import { chargeTestCard, lastFourDigits, type TestCardInput } from "./test-provider";

export type CheckoutRequest = { priceId: string; promotionCode?: string | null; acceptTerms: boolean };

/** A second live subscription is refused; a one-off term may be bought ahead while a one-off term runs (it extends it). */
async function assertNoLiveSubscription(db: Database, userId: string, provider: CheckoutProvider = "test"): Promise<void> {
  const [live] = await db
    .select({ id: subscriptions.id, provider: subscriptions.provider })
    .from(subscriptions)
    .where(and(eq(subscriptions.userId, userId), inArray(subscriptions.status, [...LIVE_STATUSES])));
  if (live && !(isOneOffProvider(provider) && isOneOffProvider(live.provider)))
    throw new DomainError("conflict", "billingErrors:alreadySubscribed");
}

export type CheckoutProvider = "stripe" | "test" | OneOffProviderId;

/**
 * Opens a checkout: the amount is fixed here from our price and a validated promotion, never from the
 * browser. The same row backs Stripe Checkout (its id travels in Stripe's metadata) and the test provider.
 */
export async function createCheckout(db: Database, userId: string, input: CheckoutRequest, provider: CheckoutProvider, now = new Date()) {
  await assertNoLiveSubscription(db, userId, provider);
  const { price, pkg } = await getPurchasablePrice(db, input.priceId);
  if (isOneOffProvider(provider) && !oneOffProvidersFor(price).includes(provider))
    throw new DomainError("invalid", "billingErrors:providerNotOffered", { field: "provider" });
  if (!input.acceptTerms) throw new DomainError("invalid", "billingErrors:termsNotAccepted", { field: "acceptTerms" });
  let promotionId: string | null = null;
  let discountMinor = 0;
  if (input.promotionCode) {
    const row = await findPromotion(db, input.promotionCode);
    const promotion = validatePromotion(row ? toPromotion(row) : null, { now, currency: price.currency });
    discountMinor = applyPromotion(price.amountMinor, promotion, price.currency).discountMinor;
    promotionId = row!.id;
  }
  const id = randomUUID();
  const [checkout] = await db
    .insert(checkoutSessions)
    .values({
      id,
      // One-off providers carry this reference (vnp_TxnRef, MoMo orderId): one per attempt.
      providerSessionId: isOneOffProvider(provider) ? attemptReference(id) : null,
      userId,
      priceId: price.id,
      promotionId,
      subtotalMinor: price.amountMinor,
      discountMinor,
      totalMinor: price.amountMinor - discountMinor,
      currency: price.currency,
      acceptedTermsVersion: pkg.termsVersion,
      provider,
    })
    .returning();
  return { checkout: checkout!, price, pkg };
}

/** The one-off providers a price offers: enabled by an admin on the price, configured here, taking its currency. */
export function oneOffProvidersFor(price: { currency: string; oneOffProviders: string[] }): OneOffProviderId[] {
  return configuredOneOffProviders().filter((id) => price.oneOffProviders.includes(id) && price.currency.toUpperCase() === "VND");
}

export async function getOwnCheckout(db: Database, userId: string, checkoutId: string) {
  const [row] = await db
    .select()
    .from(checkoutSessions)
    .where(and(eq(checkoutSessions.id, checkoutId), eq(checkoutSessions.userId, userId)));
  if (!row) throw new DomainError("not-found", "errors:notFound.title");
  return row;
}

export function addPeriod(from: Date, period: BillingPeriod): Date {
  const next = new Date(from);
  next.setUTCMonth(next.getUTCMonth() + MONTHS_IN_PERIOD[period]);
  return next;
}

/**
 * The built-in TEST provider's payment: checks the card with chargeTestCard, then emits the same
 * events a Stripe webhook would (checkout completed, invoice paid) through applyBillingEvent.
 * The card number is used here in memory only; at most its last four digits are kept.
 */
export async function payTestCheckout(
  db: Database,
  userId: string,
  checkoutId: string,
  card: TestCardInput,
  now = new Date(),
): Promise<void> {
  const checkout = await getOwnCheckout(db, userId, checkoutId);
  if (checkout.provider !== "test") throw new DomainError("invalid", "billingErrors:packageUnavailable");
  if (checkout.status === "completed") return;
  if (checkout.status !== "open") throw new DomainError("conflict", "billingErrors:alreadySubscribed");
  const { price } = await getPurchasablePrice(db, checkout.priceId);
  await assertNoLiveSubscription(db, userId);
  if (checkout.promotionId) {
    // Re-checked at payment time: the code may have expired or been used up since the checkout opened.
    const [row] = await db.select().from(promotions).where(eq(promotions.id, checkout.promotionId));
    validatePromotion(row ? toPromotion(row) : null, { now, currency: checkout.currency });
  }
  const result = chargeTestCard(card, now);
  if (!result.ok) {
    await db.update(checkoutSessions).set({ failureCode: result.code }).where(eq(checkoutSessions.id, checkout.id));
    throw new DomainError("invalid", result.messageKey, { field: result.field ?? "cardNumber" });
  }
  const providerSubscriptionId = `test_sub_${checkout.id}`;
  const periodEnd = addPeriod(now, price.period);
  const subscription: SubscriptionSnapshot = {
    provider: "test",
    providerSubscriptionId,
    providerCustomerId: `test_cus_${userId}`,
    checkoutId: checkout.id,
    state: { status: "active", currentPeriodEnd: periodEnd, cancelledAt: null, endedAt: null, pastDueSince: null },
  };
  const completed = await applyBillingEvent(
    db,
    { provider: "test", eventId: `test_evt_checkout_${checkout.id}`, type: "checkout.session.completed", subscription },
    now,
  );
  if (completed.refusedSubscriptionId) throw new DomainError("conflict", "billingErrors:alreadySubscribed");
  await applyBillingEvent(
    db,
    {
      provider: "test",
      eventId: `test_evt_invoice_${checkout.id}`,
      type: "invoice.paid",
      subscription,
      invoice: {
        provider: "test",
        providerInvoiceId: `test_in_${checkout.id}`,
        providerSubscriptionId,
        providerPaymentIntentId: `test_pi_${checkout.id}`,
        status: "paid",
        amountMinor: checkout.totalMinor,
        discountMinor: checkout.discountMinor,
        currency: checkout.currency,
        periodStart: now,
        periodEnd,
        createdAt: now,
        cardLast4: lastFourDigits(card.cardNumber),
      },
    },
    now,
  );
}

export async function getOwnLiveSubscription(db: Database, userId: string): Promise<Subscription> {
  const [sub] = await db
    .select()
    .from(subscriptions)
    .where(and(eq(subscriptions.userId, userId), inArray(subscriptions.status, [...LIVE_STATUSES])));
  if (!sub) throw new DomainError("not-found", "errors:notFound.title");
  return sub;
}

function snapshotOf(
  sub: Subscription,
  changes: Partial<Pick<Subscription, "status" | "currentPeriodEnd" | "pastDueSince">>,
): SubscriptionSnapshot {
  const status = (changes.status ?? sub.status) as Exclude<Subscription["status"], "incomplete">;
  return {
    provider: "test",
    providerSubscriptionId: sub.providerSubscriptionId!,
    providerCustomerId: sub.providerCustomerId,
    checkoutId: sub.checkoutId,
    state: {
      status,
      currentPeriodEnd: changes.currentPeriodEnd ?? sub.currentPeriodEnd,
      cancelledAt: null,
      endedAt: status === "ended" ? new Date() : null,
      pastDueSince: changes.pastDueSince === undefined ? sub.pastDueSince : changes.pastDueSince,
    },
  };
}

/** Test provider: cancel at period end, or resume (the same subscription.updated event Stripe would send). */
export async function setTestCancelAtPeriodEnd(db: Database, sub: Subscription, cancel: boolean, now = new Date()): Promise<void> {
  if (cancel && sub.status === "past_due") throw new DomainError("conflict", "billingErrors:cannotCancelPastDue");
  const status = cancel ? "cancelled_at_period_end" : "active";
  await applyBillingEvent(
    db,
    {
      provider: "test",
      eventId: `test_evt_${randomUUID()}`,
      type: "customer.subscription.updated",
      subscription: snapshotOf(sub, { status }),
    },
    now,
  );
}

/** Test provider: a renewal attempt, failing or succeeding, as the provider's retry schedule would make it. */
export async function simulateTestRenewal(db: Database, sub: Subscription, outcome: "failed" | "paid", now = new Date()): Promise<void> {
  const [price] = await db.execute<{ period: BillingPeriod; amount_minor: number; currency: string }>(
    sql`select period, amount_minor, currency from package_prices where id = ${sub.priceId}`,
  );
  const period = price!.period;
  const invoiceId = `test_in_${sub.id}_${sub.currentPeriodEnd.getTime()}`;
  const nextEnd =
    outcome === "paid"
      ? addPeriod(sub.currentPeriodEnd.getTime() > now.getTime() ? sub.currentPeriodEnd : now, period)
      : sub.currentPeriodEnd;
  const subscription = snapshotOf(
    sub,
    outcome === "paid"
      ? { status: "active", currentPeriodEnd: nextEnd, pastDueSince: null }
      : { status: "past_due", pastDueSince: sub.pastDueSince ?? now },
  );
  await applyBillingEvent(
    db,
    {
      provider: "test",
      eventId: `test_evt_${randomUUID()}`,
      type: outcome === "paid" ? "invoice.paid" : "invoice.payment_failed",
      subscription,
      invoice: {
        provider: "test",
        providerInvoiceId: invoiceId,
        providerSubscriptionId: sub.providerSubscriptionId,
        providerPaymentIntentId: `test_pi_${sub.id}_${sub.currentPeriodEnd.getTime()}`,
        status: outcome,
        amountMinor: Number(price!.amount_minor),
        discountMinor: 0,
        currency: price!.currency,
        periodStart: sub.currentPeriodEnd,
        periodEnd: addPeriod(sub.currentPeriodEnd, period),
        createdAt: now,
        cardLast4: "4242",
      },
    },
    now,
  );
}

/** Test provider: ends a subscription now (what customer.subscription.deleted does). */
export async function endTestSubscription(db: Database, sub: Subscription, now = new Date()): Promise<void> {
  await applyBillingEvent(
    db,
    {
      provider: "test",
      eventId: `test_evt_${randomUUID()}`,
      type: "customer.subscription.deleted",
      subscription: snapshotOf(sub, { status: "ended" }),
    },
    now,
  );
}

export async function memberEmail(db: Database, userId: string) {
  const [row] = await db.select({ email: users.email, displayName: users.displayName }).from(users).where(eq(users.id, userId));
  return row!;
}

/** Test provider: switches a subscription to another price now (what a prorated Stripe update does). */
export async function changeTestPlan(db: Database, sub: Subscription, priceId: string, now = new Date()): Promise<void> {
  const { price } = await getPurchasablePrice(db, priceId);
  if (price.id === sub.priceId) return;
  if (sub.status === "past_due") throw new DomainError("conflict", "billingErrors:cannotCancelPastDue");
  await applyBillingEvent(
    db,
    {
      provider: "test",
      eventId: `test_evt_${randomUUID()}`,
      type: "customer.subscription.updated",
      subscription: { ...snapshotOf(sub, {}), priceId: price.id },
    },
    now,
  );
}
