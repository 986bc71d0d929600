import { randomUUID } from "node:crypto";
import { and, desc, eq, ilike, inArray, or, sql } from "drizzle-orm";
import { packagePrices, packages, payments, subscriptions, users } from "#db/schema";
import type { Database } from "#db/client.server";
import { containing } from "#db/patterns";
import { DomainError } from "~/lib/domain-error";
import type { ListCursor } from "~/lib/list-cursor";
import type { AppLocale } from "~/lib/i18n";
import { parseMoneyInput } from "~/lib/money-input";
import { audit } from "~/modules/audit/audit.server";
import { getGraceDays } from "./catalogue.server";
import { graceEndsAt, type SubscriptionStatus } from "./entitlements";
import { applyBillingEvent } from "./fulfilment.server";
import { monthlyRecurringRevenue, monthlyRecurringRevenueByPackage, validateRefund } from "./revenue";
import { refundOneOffPayment } from "./one-off.server";
import { isOneOffProvider } from "./one-off-providers.server";
import { refundStripePayment } from "./stripe.server";

/** A member's payments, newest first (ownership in the query). */
export async function paymentHistory(db: Database, userId: string) {
  return db
    .select({ payment: payments, packageNameEn: packages.nameEn, packageNameVi: packages.nameVi })
    .from(payments)
    .leftJoin(packages, eq(packages.id, payments.packageId))
    .where(eq(payments.userId, userId))
    .orderBy(desc(payments.createdAt));
}

export async function ownReceipt(db: Database, userId: string, paymentId: string) {
  const [row] = await db
    .select({
      payment: payments,
      packageNameEn: packages.nameEn,
      packageNameVi: packages.nameVi,
      email: users.email,
      displayName: users.displayName,
    })
    .from(payments)
    .innerJoin(users, eq(users.id, payments.userId))
    .leftJoin(packages, eq(packages.id, payments.packageId))
    .where(and(eq(payments.id, paymentId), eq(payments.userId, userId)));
  if (!row) throw new DomainError("not-found", "errors:notFound.title");
  return row;
}

const LIVE = ["active", "trialing", "past_due", "cancelled_at_period_end"] as const;

type ListPage = { before?: ListCursor | null; limit?: number };

/** One page of subscriptions, most recently changed first, optionally of one status or matching a member's email or name. */
export async function adminSubscriptions(
  db: Database,
  { status = null, q = null, before = null, limit = 25 }: ListPage & { status?: SubscriptionStatus | null; q?: string | null } = {},
) {
  const rows = await db
    .select({
      subscription: {
        id: subscriptions.id,
        status: subscriptions.status,
        provider: subscriptions.provider,
        createdAt: subscriptions.createdAt,
        updatedAt: subscriptions.updatedAt,
      },
      email: users.email,
      displayName: users.displayName,
      packageNameEn: packages.nameEn,
      packageNameVi: packages.nameVi,
      price: { amountMinor: packagePrices.amountMinor, currency: packagePrices.currency, period: packagePrices.period },
    })
    .from(subscriptions)
    .innerJoin(users, eq(users.id, subscriptions.userId))
    .innerJoin(packages, eq(packages.id, subscriptions.packageId))
    .innerJoin(packagePrices, eq(packagePrices.id, subscriptions.priceId))
    .where(
      and(
        status ? eq(subscriptions.status, status) : undefined,
        q ? or(ilike(users.email, containing(q)), ilike(users.displayName, containing(q))) : undefined,
        before
          ? sql`(${subscriptions.updatedAt}, ${subscriptions.id}) < (${before.at.toISOString()}::timestamptz, ${before.id}::uuid)`
          : undefined,
      ),
    )
    .orderBy(desc(subscriptions.updatedAt), desc(subscriptions.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { rows: page, next: rows.length > limit && last ? { at: last.subscription.updatedAt, id: last.subscription.id } : null };
}

/** One page of payments, newest first, optionally matching a receipt number, provider reference, email or name. */
export async function adminPayments(db: Database, { q = null, before = null, limit = 20 }: ListPage & { q?: string | null } = {}) {
  const rows = await db
    .select({
      payment: {
        id: payments.id,
        provider: payments.provider,
        providerPaymentIntentId: payments.providerPaymentIntentId,
        providerInvoiceId: payments.providerInvoiceId,
        receiptNumber: payments.receiptNumber,
        amountMinor: payments.amountMinor,
        refundedMinor: payments.refundedMinor,
        currency: payments.currency,
        status: payments.status,
        paidAt: payments.paidAt,
        createdAt: payments.createdAt,
      },
      email: users.email,
      displayName: users.displayName,
    })
    .from(payments)
    .innerJoin(users, eq(users.id, payments.userId))
    .where(
      and(
        q
          ? or(
              eq(payments.receiptNumber, q),
              eq(payments.providerPaymentIntentId, q),
              eq(payments.providerInvoiceId, q),
              ilike(users.email, containing(q)),
              ilike(users.displayName, containing(q)),
            )
          : undefined,
        before ? sql`(${payments.createdAt}, ${payments.id}) < (${before.at.toISOString()}::timestamptz, ${before.id}::uuid)` : undefined,
      ),
    )
    .orderBy(desc(payments.createdAt), desc(payments.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { rows: page, next: rows.length > limit && last ? { at: last.payment.createdAt, id: last.payment.id } : null };
}

/** What a page that asks several billing questions at once has read already (the grace period: one statement, not one per question). */
type Known = { graceDays?: number | Promise<number>; now?: Date };

/** Monthly recurring revenue: the counted subscriptions are selected in SQL, the arithmetic is revenue.ts's. */
export async function revenueReport(db: Database, { graceDays: known, now = new Date() }: Known = {}) {
  const graceDays = await (known ?? getGraceDays(db));
  const rows = await db
    .select({
      status: subscriptions.status,
      pastDueSince: subscriptions.pastDueSince,
      currentPeriodEnd: subscriptions.currentPeriodEnd,
      amountMinor: packagePrices.amountMinor,
      currency: packagePrices.currency,
      period: packagePrices.period,
      packageSlug: packages.slug,
    })
    .from(subscriptions)
    .innerJoin(packagePrices, eq(packagePrices.id, subscriptions.priceId))
    .innerJoin(packages, eq(packages.id, subscriptions.packageId))
    .where(inArray(subscriptions.status, [...LIVE]));
  const input = rows.map((r) => ({ ...r, status: r.status as SubscriptionStatus, graceDays }));
  return { byCurrency: monthlyRecurringRevenue(input, now), byPackage: monthlyRecurringRevenueByPackage(input, now), graceDays };
}

export async function failedPayments(db: Database, { graceDays: known, now = new Date() }: Known = {}) {
  const graceDays = await (known ?? getGraceDays(db));
  const rows = await db
    .select({
      subscription: { id: subscriptions.id, pastDueSince: subscriptions.pastDueSince },
      email: users.email,
      displayName: users.displayName,
      packageNameEn: packages.nameEn,
    })
    .from(subscriptions)
    .innerJoin(users, eq(users.id, subscriptions.userId))
    .innerJoin(packages, eq(packages.id, subscriptions.packageId))
    .where(eq(subscriptions.status, "past_due"))
    .orderBy(subscriptions.pastDueSince);
  return rows.map((row) => ({ ...row, graceEndsAt: graceEndsAt(row.subscription.pastDueSince ?? now, graceDays) }));
}

/**
 * A full or partial refund through the provider, with the admin and reason audited. With Stripe the
 * payment row is updated from the provider's charge (charge.refunded); the test provider emits that event itself.
 */
export async function refundPayment(
  db: Database,
  adminId: string,
  paymentId: string,
  amountMinor: number,
  reason: string,
  now = new Date(),
): Promise<void> {
  const [payment] = await db.select().from(payments).where(eq(payments.id, paymentId));
  if (!payment) throw new DomainError("not-found", "errors:notFound.title");
  if (payment.status !== "paid" && payment.status !== "partially_refunded")
    throw new DomainError("conflict", "billingErrors:refundNothingLeft", { field: "amount" });
  validateRefund(amountMinor, { paidMinor: payment.amountMinor, alreadyRefundedMinor: payment.refundedMinor });
  const key = `refund-${payment.id}-${payment.refundedMinor}-${amountMinor}`;
  if (isOneOffProvider(payment.provider)) {
    const [admin] = await db.select({ id: users.id, email: users.email }).from(users).where(eq(users.id, adminId));
    await refundOneOffPayment(db, admin ?? { id: adminId, email: "admin" }, payment, amountMinor, reason, now);
    return;
  }
  if (payment.provider === "stripe") {
    await refundStripePayment(payment, amountMinor, key);
    await audit(db, {
      adminId,
      action: "payment.refund",
      targetType: "payment",
      targetId: payment.id,
      reason,
      details: { amountMinor, currency: payment.currency, receipt: payment.receiptNumber },
    });
    return;
  }
  await db.transaction(async (tx) => {
    await audit(tx, {
      adminId,
      action: "payment.refund",
      targetType: "payment",
      targetId: payment.id,
      reason,
      details: { amountMinor, currency: payment.currency, receipt: payment.receiptNumber },
    });
  });
  await applyBillingEvent(
    db,
    {
      provider: "test",
      eventId: `test_evt_${randomUUID()}`,
      type: "charge.refunded",
      refund: {
        provider: "test",
        providerPaymentIntentId: payment.providerPaymentIntentId!,
        refundedMinor: payment.refundedMinor + amountMinor,
      },
    },
    now,
  );
}

/** The admin's refund form: the amount is read in the payment's own currency, written the way the admin's language writes it. */
export async function refundTypedAmount(
  db: Database,
  adminId: string,
  paymentId: string,
  typed: { amount: string; locale: AppLocale; reason: string },
): Promise<void> {
  const [payment] = await db.select({ currency: payments.currency }).from(payments).where(eq(payments.id, paymentId));
  if (!payment) throw new DomainError("not-found", "errors:notFound.title");
  await refundPayment(db, adminId, paymentId, parseMoneyInput(typed.amount, payment.currency, typed.locale), typed.reason);
}
