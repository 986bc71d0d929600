import type Stripe from "stripe";
import type { SubscriptionStatus } from "./entitlements";

/**
 * How a provider's subscription becomes ours.
 *
 * The webhook handler never trusts an event's payload or the order events arrive in: for every
 * event it fetches the provider's CURRENT subscription and maps it here. So a
 * `customer.subscription.deleted` that arrives before a late `invoice.paid` still ends with the
 * subscription ended, and a duplicate delivery maps to the same state again.
 */

export const PROVIDER_SUBSCRIPTION_STATUSES = [
  "active",
  "trialing",
  "past_due",
  "unpaid",
  "canceled",
  "incomplete",
  "incomplete_expired",
  "paused",
] as const;
export type ProviderSubscriptionStatus = (typeof PROVIDER_SUBSCRIPTION_STATUSES)[number];

/** The few fields we read from a provider subscription (Stripe's names; times in unix seconds). */
export type ProviderSubscription = {
  status: ProviderSubscriptionStatus;
  cancel_at_period_end: boolean;
  current_period_end: number;
  canceled_at: number | null;
  ended_at: number | null;
  /** The latest invoice, when the provider expanded it. */
  latest_invoice: { paid: boolean; created: number } | null;
};

export type SubscriptionState = {
  status: SubscriptionStatus;
  currentPeriodEnd: Date;
  cancelledAt: Date | null;
  endedAt: Date | null;
  /** When the unpaid invoice was raised, as the provider says; null unless past due. */
  pastDueSince: Date | null;
};

const fromUnix = (seconds: number) => new Date(seconds * 1000);

/**
 * Our state for a provider subscription, or `null` for one that never started (`incomplete`: the
 * first payment has not gone through, so there is nothing to record and the member stays on Basic).
 */
export function fromProviderSubscription(s: ProviderSubscription): SubscriptionState | null {
  const status = statusFor(s);
  if (!status) return null;
  const unpaidInvoice = s.latest_invoice && !s.latest_invoice.paid ? s.latest_invoice : null;
  return {
    status,
    currentPeriodEnd: fromUnix(s.current_period_end),
    cancelledAt: s.canceled_at === null ? null : fromUnix(s.canceled_at),
    endedAt: s.ended_at === null ? (status === "ended" ? fromUnix(s.canceled_at ?? s.current_period_end) : null) : fromUnix(s.ended_at),
    pastDueSince: status === "past_due" && unpaidInvoice ? fromUnix(unpaidInvoice.created) : null,
  };
}

function statusFor(s: ProviderSubscription): SubscriptionStatus | null {
  switch (s.status) {
    case "active":
    case "trialing":
      return s.cancel_at_period_end ? "cancelled_at_period_end" : s.status;
    // `unpaid` is Stripe's state once retries are exhausted; the grace period decides access either way.
    case "past_due":
    case "unpaid":
      return "past_due";
    // A paused subscription grants nothing; resuming it sends an event and we fetch it again.
    case "canceled":
    case "incomplete_expired":
    case "paused":
      return "ended";
    case "incomplete":
      return null;
  }
}

/**
 * The start of the grace period to store. It is kept from the first failure: later failed retries
 * do not restart the clock. It is cleared as soon as the subscription is no longer past due.
 */
export function pastDueSinceFor(
  next: { status: SubscriptionStatus; pastDueSince: Date | null },
  stored: { pastDueSince: Date | null } | null,
  now: Date,
): Date | null {
  if (next.status !== "past_due") return null;
  const candidates = [stored?.pastDueSince, next.pastDueSince].filter((date): date is Date => date instanceof Date);
  if (candidates.length === 0) return now;
  return new Date(Math.min(...candidates.map((date) => date.getTime())));
}

/**
 * What a failed renewal payment does to a subscription (used by the built-in test provider, which
 * has no provider object to fetch). An ended subscription stays ended.
 */
export function nextStatusAfterPaymentFailed(
  current: { status: SubscriptionStatus; pastDueSince: Date | null },
  now: Date,
): { status: SubscriptionStatus; pastDueSince: Date | null } {
  if (current.status === "ended") return { status: "ended", pastDueSince: null };
  return { status: "past_due", pastDueSince: current.pastDueSince ?? now };
}

/** A successful payment makes a past-due or trialing subscription active and stops the grace clock. */
export function nextStatusAfterPaymentSucceeded(current: { status: SubscriptionStatus }): {
  status: SubscriptionStatus;
  pastDueSince: null;
} {
  return { status: current.status === "past_due" || current.status === "trialing" ? "active" : current.status, pastDueSince: null };
}

/**
 * Reads the fields we need from a Stripe subscription. Since API version 2025-03-31 the billing
 * period lives on each item, so the latest item's period end is the subscription's.
 */
export function toProviderSubscription(subscription: Stripe.Subscription): ProviderSubscription {
  const periodEnds = subscription.items.data.map((item) => item.current_period_end);
  const invoice = typeof subscription.latest_invoice === "object" ? subscription.latest_invoice : null;
  return {
    status: subscription.status,
    cancel_at_period_end: subscription.cancel_at_period_end,
    current_period_end: periodEnds.length > 0 ? Math.max(...periodEnds) : subscription.billing_cycle_anchor,
    canceled_at: subscription.canceled_at,
    ended_at: subscription.ended_at,
    latest_invoice: invoice ? { paid: invoice.status === "paid", created: invoice.created } : null,
  };
}
