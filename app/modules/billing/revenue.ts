import { DomainError } from "~/lib/domain-error";
import { accessReasonFor, type SubscriptionStatus } from "./entitlements";
import { MONTHS_IN_PERIOD, type BillingPeriod } from "./pricing";

export type RecurringSubscription = {
  amountMinor: number;
  currency: string;
  period: BillingPeriod;
  status: SubscriptionStatus;
  /** Needed to tell a past-due subscription in grace (counts) from one past it (does not). */
  pastDueSince?: Date | null;
  graceDays?: number;
  currentPeriodEnd?: Date;
  packageSlug?: string;
};

export type RevenueLine = { currency: string; mrrMinor: number; subscriptions: number };
export type PackageRevenueLine = RevenueLine & { packageSlug: string };

/**
 * Counts toward MRR: active, past due still in grace, and cancelled at period end (paid up until
 * then). Not counted: trialing (nothing paid yet), past due beyond grace, ended.
 */
export function countsTowardRecurringRevenue(sub: RecurringSubscription, now: Date): boolean {
  if (sub.status === "active" || sub.status === "cancelled_at_period_end") return true;
  if (sub.status !== "past_due") return false;
  return (
    accessReasonFor(
      {
        status: "past_due",
        pastDueSince: sub.pastDueSince ?? null,
        graceDays: sub.graceDays ?? 0,
        currentPeriodEnd: sub.currentPeriodEnd ?? now,
      },
      now,
    ).reason === "grace"
  );
}

/** Divides a sum of twelfths by 12, rounding half up, in integers only. */
function twelfthsToMinor(twelfths: number): number {
  const remainder = twelfths % 12;
  return (twelfths - remainder) / 12 + (remainder >= 6 ? 1 : 0);
}

function sumByKey<K extends string>(subscriptions: readonly RecurringSubscription[], now: Date, keyOf: (sub: RecurringSubscription) => K) {
  const totals = new Map<K, { twelfths: number; subscriptions: number; sample: RecurringSubscription }>();
  for (const sub of subscriptions) {
    if (!countsTowardRecurringRevenue(sub, now)) continue;
    const key = keyOf(sub);
    const total = totals.get(key) ?? { twelfths: 0, subscriptions: 0, sample: sub };
    // Summing in twelfths of a minor unit keeps every period exact; rounding happens once per total.
    total.twelfths += sub.amountMinor * (12 / MONTHS_IN_PERIOD[sub.period]);
    total.subscriptions += 1;
    totals.set(key, total);
  }
  return [...totals.entries()].sort(([a], [b]) => a.localeCompare(b));
}

/**
 * Monthly recurring revenue per currency, in minor units: monthly prices count whole, quarterly a
 * third, yearly a twelfth. Currencies are never mixed or converted.
 */
export function monthlyRecurringRevenue(subscriptions: readonly RecurringSubscription[], now: Date): RevenueLine[] {
  return sumByKey(subscriptions, now, (sub) => sub.currency.toUpperCase()).map(([currency, total]) => ({
    currency,
    mrrMinor: twelfthsToMinor(total.twelfths),
    subscriptions: total.subscriptions,
  }));
}

/** The same, split by package as well as currency, for the admin billing page. */
export function monthlyRecurringRevenueByPackage(subscriptions: readonly RecurringSubscription[], now: Date): PackageRevenueLine[] {
  return sumByKey(subscriptions, now, (sub) => `${sub.packageSlug ?? ""}\u0000${sub.currency.toUpperCase()}`).map(([, total]) => ({
    packageSlug: total.sample.packageSlug ?? "",
    currency: total.sample.currency.toUpperCase(),
    mrrMinor: twelfthsToMinor(total.twelfths),
    subscriptions: total.subscriptions,
  }));
}

/**
 * Checks a refund an admin asked for against what the payment still holds.
 * Returns what will be left refundable afterwards and whether this refunds the payment in full.
 */
export function validateRefund(
  amountMinor: number,
  { paidMinor, alreadyRefundedMinor }: { paidMinor: number; alreadyRefundedMinor: number },
): { refundableMinor: number; remainingAfterMinor: number; isFullRefund: boolean } {
  const refundableMinor = Math.max(0, paidMinor - alreadyRefundedMinor);
  if (refundableMinor === 0) throw new DomainError("conflict", "billingErrors:refundNothingLeft", { field: "amount" });
  if (!Number.isSafeInteger(amountMinor) || amountMinor <= 0)
    throw new DomainError("invalid", "billingErrors:refundAmountInvalid", { field: "amount" });
  if (amountMinor > refundableMinor) {
    throw new DomainError("invalid", "billingErrors:refundExceedsPaid", { field: "amount", values: { refundableMinor } });
  }
  return { refundableMinor, remainingAfterMinor: refundableMinor - amountMinor, isFullRefund: amountMinor === refundableMinor };
}
