import { data } from "@remix-run/node";
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { billingSettings, packagePrices, packages, subscriptions } from "#db/schema";
import { db as defaultDb, oncePerRequest, type Database } from "#db/client.server";
import { requireUser } from "~/modules/identity/auth.server";
import type { SessionUser } from "~/modules/identity/session.server";
import { DEFAULT_GRACE_DAYS, listPublishedPackages } from "./catalogue.server";
import { accessFor, featuresAddedOverBasic, type Access, type EntitlementFeature, type SubscriptionStatus } from "./entitlements";
import { MONTHS_IN_PERIOD } from "./pricing";

/** Statuses that may still grant access (whether they do is accessFor's decision). */
export const LIVE_STATUSES = ["active", "trialing", "past_due", "cancelled_at_period_end"] as const;

/** The member's live subscription with its package and price, or null (Basic); with the grace days, so access costs one round trip. */
export async function liveSubscriptionFor(db: Database, userId: string) {
  const [row] = await db
    .select({
      subscription: subscriptions,
      pkg: packages,
      price: packagePrices,
      graceDays: sql<number | null>`(select ${billingSettings.graceDays} from ${billingSettings} where ${billingSettings.id} = 1)`,
    })
    .from(subscriptions)
    .innerJoin(packages, eq(packages.id, subscriptions.packageId))
    .innerJoin(packagePrices, eq(packagePrices.id, subscriptions.priceId))
    .where(and(eq(subscriptions.userId, userId), inArray(subscriptions.status, [...LIVE_STATUSES])))
    .orderBy(desc(subscriptions.createdAt))
    .limit(1);
  return row ?? null;
}

/** The latest subscription of any status (to tell "ended" from "never had one"). */
export async function latestSubscriptionFor(db: Database, userId: string) {
  const [row] = await db
    .select()
    .from(subscriptions)
    .where(eq(subscriptions.userId, userId))
    .orderBy(desc(subscriptions.updatedAt))
    .limit(1);
  return row ?? null;
}

/** A member's entitlements now: accessFor(their live subscription) or Basic. */
export async function accessForMember(db: Database, userId: string, now = new Date()): Promise<Access> {
  const live = await liveSubscriptionFor(db, userId);
  if (!live) {
    const latest = await latestSubscriptionFor(db, userId);
    const basic = accessFor(null, now);
    return latest ? { ...basic, reason: "ended" } : basic;
  }
  return accessFor(
    {
      status: live.subscription.status as SubscriptionStatus,
      currentPeriodEnd: live.subscription.currentPeriodEnd,
      pastDueSince: live.subscription.pastDueSince,
      graceDays: live.graceDays ?? DEFAULT_GRACE_DAYS,
      entitlements: live.pkg.entitlements,
    },
    now,
  );
}

export type UpgradeRequired = {
  kind: "upgrade-required";
  feature: EntitlementFeature;
  reason: Access["reason"];
  /** Premium lapsed because a payment failed and grace ran out (the card needs updating), not a plain end. */
  pastDue: boolean;
  adds: { key: string; labelKey: string; descriptionKey: string }[];
  offer: { name: { en: string; vi: string }; monthly: { amountMinor: number; currency: string }[] } | null;
};

/** What the 403 page shows: what the cheapest premium package granting `feature` adds, and its monthly price. */
export async function upgradeOfferFor(
  db: Database,
  feature: EntitlementFeature,
  reason: Access["reason"],
  pastDue = false,
): Promise<UpgradeRequired> {
  const published = await listPublishedPackages(db);
  const candidates = published
    .filter((pkg) => pkg.entitlements.features.includes(feature) && pkg.prices.some((p) => p.amountMinor > 0))
    .map((pkg) => ({
      pkg,
      cheapest: Math.min(...pkg.prices.filter((p) => p.currency === "USD").map((p) => p.amountMinor / MONTHS_IN_PERIOD[p.period])),
    }))
    .sort((a, b) => a.cheapest - b.cheapest);
  const best = candidates[0]?.pkg;
  return {
    kind: "upgrade-required",
    feature,
    reason,
    pastDue,
    adds: best
      ? featuresAddedOverBasic(best.entitlements).map(({ key, labelKey, descriptionKey }) => ({ key, labelKey, descriptionKey }))
      : [],
    offer: best
      ? {
          name: { en: best.nameEn, vi: best.nameVi },
          monthly: best.prices.filter((p) => p.period === "monthly").map((p) => ({ amountMinor: p.amountMinor, currency: p.currency })),
        }
      : null,
  };
}

/**
 * The one server-side gate for premium features. Returns the signed-in member and their access, or
 * throws a 403 whose data explains what premium adds (rendered by <UpgradeRequiredBoundary>).
 * Coaches and admins are staff, not customers: they pass without a subscription lookup (access null).
 */
export async function requireEntitlement(
  request: Request,
  feature: EntitlementFeature,
): Promise<{ user: SessionUser; access: Access | null }> {
  const user = await requireUser(request);
  if (user.role !== "member") return { user, access: null };
  const access = await oncePerRequest(`access:${user.id}`, () => accessForMember(defaultDb(), user.id));
  if (!access.has(feature)) {
    throw data(await upgradeOfferFor(defaultDb(), feature, access.reason, Boolean(access.graceEndsAt)), {
      status: 403,
      headers: { "Cache-Control": "private, no-store" },
    });
  }
  return { user, access };
}
