/**
 * What a member may use, and the one decision of whether their subscription still grants it.
 * Pure: callers pass the subscription row and the clock.
 */
import type { SubscriptionStatus } from "./subscription-statuses";

export const ENTITLEMENT_FEATURES = ["coach-chat", "video-sessions", "ai-coach", "premium-content"] as const;
export type EntitlementFeature = (typeof ENTITLEMENT_FEATURES)[number];

export const ENTITLEMENT_LIMITS = ["aiCoachMessagesPerDay", "videoSessionsPerMonth"] as const;
export type EntitlementLimit = (typeof ENTITLEMENT_LIMITS)[number];

/** What a package grants: a set of features plus numeric limits. */
export type Entitlements = {
  features: readonly EntitlementFeature[];
  aiCoachMessagesPerDay: number;
  videoSessionsPerMonth: number;
};

export { SUBSCRIPTION_STATUSES, type SubscriptionStatus } from "./subscription-statuses";

export const BASIC_PACKAGE_SLUG = "basic";

/**
 * Basic, the free package every member gets: none of the premium features and no AI coach
 * messages (the AI coach is a premium feature; a limit without the feature would be meaningless).
 * Everything outside this list — quit plan, craving log, progress, community — is free for all.
 */
export const BASIC_ENTITLEMENTS: Entitlements = Object.freeze({
  features: Object.freeze([]) as readonly EntitlementFeature[],
  aiCoachMessagesPerDay: 0,
  videoSessionsPerMonth: 0,
});

export type EntitlementCatalogueEntry =
  | { kind: "feature"; key: EntitlementFeature; labelKey: string; descriptionKey: string }
  | { kind: "limit"; key: EntitlementLimit; labelKey: string; descriptionKey: string; requires: EntitlementFeature };

/** Every entitlement in the order the pricing page and admin forms show them. */
export const ENTITLEMENT_CATALOGUE: readonly EntitlementCatalogueEntry[] = [
  {
    kind: "feature",
    key: "coach-chat",
    labelKey: "pricing:entitlements.coachChat.label",
    descriptionKey: "pricing:entitlements.coachChat.description",
  },
  {
    kind: "feature",
    key: "video-sessions",
    labelKey: "pricing:entitlements.videoSessions.label",
    descriptionKey: "pricing:entitlements.videoSessions.description",
  },
  {
    kind: "limit",
    key: "videoSessionsPerMonth",
    labelKey: "pricing:entitlements.videoSessionsPerMonth.label",
    descriptionKey: "pricing:entitlements.videoSessionsPerMonth.description",
    requires: "video-sessions",
  },
  {
    kind: "feature",
    key: "ai-coach",
    labelKey: "pricing:entitlements.aiCoach.label",
    descriptionKey: "pricing:entitlements.aiCoach.description",
  },
  {
    kind: "limit",
    key: "aiCoachMessagesPerDay",
    labelKey: "pricing:entitlements.aiCoachMessagesPerDay.label",
    descriptionKey: "pricing:entitlements.aiCoachMessagesPerDay.description",
    requires: "ai-coach",
  },
  {
    kind: "feature",
    key: "premium-content",
    labelKey: "pricing:entitlements.premiumContent.label",
    descriptionKey: "pricing:entitlements.premiumContent.description",
  },
];

/**
 * The features a route delivers today (each behind `requireEntitlement`). Only these are sold: the
 * pricing page, the upgrade page and the package form offer nothing else. A feature joins this list
 * in the change that ships it; until then packages may carry its key but nobody is told it exists.
 */
export const DELIVERED_FEATURES = ["coach-chat", "video-sessions", "ai-coach"] as const satisfies readonly EntitlementFeature[];

export function isDelivered(entry: EntitlementCatalogueEntry): boolean {
  const feature = entry.kind === "feature" ? entry.key : entry.requires;
  return (DELIVERED_FEATURES as readonly EntitlementFeature[]).includes(feature);
}

/** The catalogue as sold: delivered features and their limits, in display order. */
export const OFFERED_CATALOGUE: readonly EntitlementCatalogueEntry[] = ENTITLEMENT_CATALOGUE.filter(isDelivered);

export function isEntitlementFeature(value: unknown): value is EntitlementFeature {
  return typeof value === "string" && (ENTITLEMENT_FEATURES as readonly string[]).includes(value);
}

/** The subscription fields the access decision reads. */
export type SubscriptionAccessInput = {
  status: SubscriptionStatus;
  currentPeriodEnd: Date;
  pastDueSince: Date | null;
  /** Days of access an admin lets a past-due member keep while the provider retries the card. */
  graceDays: number;
  entitlements: Entitlements;
};

/**
 * Why a member has the access they have:
 * - `active`: paying, trialing, or cancelled but still inside the paid period;
 * - `grace`: a payment failed and the grace period has not run out (`graceEndsAt` says when it will);
 * - `ended`: they had a subscription that no longer grants access (ended, or grace ran out);
 * - `basic`: they never had a paid subscription.
 * Only `active` and `grace` grant the package's entitlements; the others get Basic.
 */
export type AccessReason = "active" | "grace" | "ended" | "basic";

export type Access = {
  reason: AccessReason;
  graceEndsAt?: Date;
  entitlements: Entitlements;
  has(feature: EntitlementFeature): boolean;
  limit(limit: EntitlementLimit): number;
};

const DAY_MS = 24 * 60 * 60 * 1000;

/** When a past-due subscription's grace runs out. Negative or fractional days count as whole days ≥ 0. */
export function graceEndsAt(pastDueSince: Date, graceDays: number): Date {
  const days = Number.isFinite(graceDays) ? Math.max(0, Math.floor(graceDays)) : 0;
  return new Date(pastDueSince.getTime() + days * DAY_MS);
}

/** The reason alone, for callers (revenue, admin lists) that do not need entitlements. */
export function accessReasonFor(
  sub: Pick<SubscriptionAccessInput, "status" | "currentPeriodEnd" | "pastDueSince" | "graceDays"> | null,
  now: Date,
): { reason: AccessReason; graceEndsAt?: Date } {
  if (!sub) return { reason: "basic" };
  switch (sub.status) {
    case "active":
    case "trialing":
      return { reason: "active" };
    case "cancelled_at_period_end":
      return now.getTime() < sub.currentPeriodEnd.getTime() ? { reason: "active" } : { reason: "ended" };
    case "past_due": {
      // A past-due row without a start date is treated as failing since the period ended.
      const endsAt = graceEndsAt(sub.pastDueSince ?? sub.currentPeriodEnd, sub.graceDays);
      return now.getTime() < endsAt.getTime() ? { reason: "grace", graceEndsAt: endsAt } : { reason: "ended", graceEndsAt: endsAt };
    }
    case "ended":
      return { reason: "ended" };
  }
}

/** The one access decision: which entitlements a member has right now, and why. */
export function accessFor(sub: SubscriptionAccessInput | null, now: Date): Access {
  const { reason, graceEndsAt: endsAt } = accessReasonFor(sub, now);
  const entitlements = sub && (reason === "active" || reason === "grace") ? sub.entitlements : BASIC_ENTITLEMENTS;
  return {
    reason,
    ...(endsAt ? { graceEndsAt: endsAt } : {}),
    entitlements,
    has: (feature) => entitlements.features.includes(feature),
    limit: (limit) => {
      const requires = ENTITLEMENT_CATALOGUE.find((entry) => entry.kind === "limit" && entry.key === limit);
      if (requires?.kind === "limit" && !entitlements.features.includes(requires.requires)) return 0;
      return Math.max(0, entitlements[limit]);
    },
  };
}

/** The premium features a package adds over Basic, for the upgrade page ("what premium adds"). */
export function featuresAddedOverBasic(entitlements: Entitlements): EntitlementCatalogueEntry[] {
  return OFFERED_CATALOGUE.filter((entry) =>
    entry.kind === "feature"
      ? entitlements.features.includes(entry.key) && !BASIC_ENTITLEMENTS.features.includes(entry.key)
      : entitlements.features.includes(entry.requires) && entitlements[entry.key] > BASIC_ENTITLEMENTS[entry.key],
  );
}
