import type Stripe from "stripe";
import { describe, expect, it } from "vitest";
import {
  fromProviderSubscription,
  nextStatusAfterPaymentFailed,
  nextStatusAfterPaymentSucceeded,
  pastDueSinceFor,
  PROVIDER_SUBSCRIPTION_STATUSES,
  toProviderSubscription,
  type ProviderSubscription,
} from "./subscription-state";

const periodEnd = Date.UTC(2026, 3, 1) / 1000;
const invoiceCreated = Date.UTC(2026, 2, 1, 9) / 1000;

function provider(overrides: Partial<ProviderSubscription>): ProviderSubscription {
  return {
    status: "active",
    cancel_at_period_end: false,
    current_period_end: periodEnd,
    canceled_at: null,
    ended_at: null,
    latest_invoice: { paid: true, created: invoiceCreated },
    ...overrides,
  };
}

describe("fromProviderSubscription", () => {
  it("maps an active subscription with its period end", () => {
    expect(fromProviderSubscription(provider({}))).toEqual({
      status: "active",
      currentPeriodEnd: new Date("2026-04-01T00:00:00Z"),
      cancelledAt: null,
      endedAt: null,
      pastDueSince: null,
    });
  });

  it("maps every provider status to ours", () => {
    const mapped = Object.fromEntries(
      PROVIDER_SUBSCRIPTION_STATUSES.map((status) => [status, fromProviderSubscription(provider({ status }))?.status ?? null]),
    );
    expect(mapped).toEqual({
      active: "active",
      trialing: "trialing",
      past_due: "past_due",
      unpaid: "past_due",
      canceled: "ended",
      incomplete: null,
      incomplete_expired: "ended",
      paused: "ended",
    });
  });

  it("a subscription set to cancel at period end keeps its end date", () => {
    const cancelledAt = Date.UTC(2026, 2, 15) / 1000;
    const state = fromProviderSubscription(provider({ cancel_at_period_end: true, canceled_at: cancelledAt }));
    expect(state).toMatchObject({
      status: "cancelled_at_period_end",
      currentPeriodEnd: new Date("2026-04-01T00:00:00Z"),
      cancelledAt: new Date("2026-03-15T00:00:00Z"),
    });
    expect(fromProviderSubscription(provider({ status: "trialing", cancel_at_period_end: true }))?.status).toBe("cancelled_at_period_end");
  });

  it("a past-due subscription counts its grace from when the unpaid invoice was raised", () => {
    const state = fromProviderSubscription(provider({ status: "past_due", latest_invoice: { paid: false, created: invoiceCreated } }));
    expect(state?.pastDueSince).toEqual(new Date("2026-03-01T09:00:00Z"));
    expect(fromProviderSubscription(provider({ status: "past_due", latest_invoice: null }))?.pastDueSince).toBeNull();
  });

  it("a payment problem outranks a pending cancellation", () => {
    expect(fromProviderSubscription(provider({ status: "past_due", cancel_at_period_end: true }))?.status).toBe("past_due");
  });

  it("an ended subscription records when it ended", () => {
    const endedAt = Date.UTC(2026, 2, 20) / 1000;
    expect(fromProviderSubscription(provider({ status: "canceled", canceled_at: endedAt, ended_at: endedAt }))?.endedAt).toEqual(
      new Date("2026-03-20T00:00:00Z"),
    );
    expect(fromProviderSubscription(provider({ status: "canceled", canceled_at: endedAt, ended_at: null }))?.endedAt).toEqual(
      new Date("2026-03-20T00:00:00Z"),
    );
  });

  it("mapping the same current object twice gives the same state, whatever events came before", () => {
    const current = provider({ status: "canceled", ended_at: periodEnd });
    expect(fromProviderSubscription(current)).toEqual(fromProviderSubscription(structuredClone(current)));
  });
});

describe("pastDueSinceFor", () => {
  const now = new Date("2026-03-05T00:00:00Z");
  const firstFailure = new Date("2026-03-01T09:00:00Z");

  it("keeps the first failure: a failed retry does not restart the grace period", () => {
    expect(
      pastDueSinceFor({ status: "past_due", pastDueSince: new Date("2026-03-04T00:00:00Z") }, { pastDueSince: firstFailure }, now),
    ).toEqual(firstFailure);
  });

  it("takes the provider's date when we had none", () => {
    expect(pastDueSinceFor({ status: "past_due", pastDueSince: firstFailure }, { pastDueSince: null }, now)).toEqual(firstFailure);
  });

  it("falls back to now when nobody knows", () => {
    expect(pastDueSinceFor({ status: "past_due", pastDueSince: null }, null, now)).toEqual(now);
  });

  it("clears once the subscription is no longer past due", () => {
    expect(pastDueSinceFor({ status: "active", pastDueSince: null }, { pastDueSince: firstFailure }, now)).toBeNull();
    expect(pastDueSinceFor({ status: "ended", pastDueSince: null }, { pastDueSince: firstFailure }, now)).toBeNull();
  });
});

describe("payment results on the built-in test provider", () => {
  const now = new Date("2026-03-05T00:00:00Z");

  it("a failed payment makes an active subscription past due from now", () => {
    expect(nextStatusAfterPaymentFailed({ status: "active", pastDueSince: null }, now)).toEqual({ status: "past_due", pastDueSince: now });
  });

  it("a second failure keeps the original start of the grace period", () => {
    const first = new Date("2026-03-01T00:00:00Z");
    expect(nextStatusAfterPaymentFailed({ status: "past_due", pastDueSince: first }, now)).toEqual({
      status: "past_due",
      pastDueSince: first,
    });
  });

  it("a failure on an ended subscription changes nothing", () => {
    expect(nextStatusAfterPaymentFailed({ status: "ended", pastDueSince: null }, now)).toEqual({ status: "ended", pastDueSince: null });
  });

  it("a successful payment restores a past-due subscription", () => {
    expect(nextStatusAfterPaymentSucceeded({ status: "past_due" })).toEqual({ status: "active", pastDueSince: null });
    expect(nextStatusAfterPaymentSucceeded({ status: "cancelled_at_period_end" }).status).toBe("cancelled_at_period_end");
    expect(nextStatusAfterPaymentSucceeded({ status: "ended" }).status).toBe("ended");
  });
});

describe("toProviderSubscription", () => {
  it("reads the period end from the subscription's items and the expanded latest invoice", () => {
    const stripeSubscription = {
      status: "past_due",
      cancel_at_period_end: false,
      canceled_at: null,
      ended_at: null,
      billing_cycle_anchor: 1,
      items: { data: [{ current_period_end: periodEnd - 10 }, { current_period_end: periodEnd }] },
      latest_invoice: { status: "open", created: invoiceCreated },
    } as unknown as Stripe.Subscription;
    expect(toProviderSubscription(stripeSubscription)).toEqual(
      provider({ status: "past_due", latest_invoice: { paid: false, created: invoiceCreated } }),
    );
  });

  it("ignores a latest invoice that was not expanded", () => {
    const stripeSubscription = {
      status: "active",
      cancel_at_period_end: false,
      canceled_at: null,
      ended_at: null,
      billing_cycle_anchor: 1,
      items: { data: [{ current_period_end: periodEnd }] },
      latest_invoice: "in_123",
    } as unknown as Stripe.Subscription;
    expect(toProviderSubscription(stripeSubscription).latest_invoice).toBeNull();
  });
});
