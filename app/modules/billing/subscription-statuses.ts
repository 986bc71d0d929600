/** A subscription's states, in the order lists and filters show them (apart from entitlements.ts, so a page can list them without the catalogue's pricing keys). */
export const SUBSCRIPTION_STATUSES = ["active", "trialing", "past_due", "cancelled_at_period_end", "ended"] as const;
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];
