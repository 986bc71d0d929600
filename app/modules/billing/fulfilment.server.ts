import { randomBytes } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import {
  billingEvents,
  checkoutSessions,
  packagePrices,
  packages,
  payments,
  promotionRedemptions,
  promotions,
  subscriptions,
  users,
  type Subscription,
} from "#db/schema";
import type { Database } from "#db/client.server";
import { appUrl } from "~/lib/env.server";
import { formatDate, formatMoney } from "~/lib/format";
import { isLocale, type AppLocale } from "~/lib/i18n";
import { getFixedT } from "~/lib/i18n.server";
import { logger } from "~/lib/logger.server";
import { sendEmail } from "~/modules/notifications/email.server";
import { notify } from "~/modules/notifications/notify.server";
import { escapeHtml } from "~/modules/notifications/templates";
import { getGraceDays } from "./catalogue.server";
import { graceEndsAt, type SubscriptionStatus } from "./entitlements";
import { pastDueSinceFor, type SubscriptionState } from "./subscription-state";

/**
 * The one fulfilment path. Stripe webhooks and the built-in test provider both turn what happened
 * into a BillingEvent carrying the provider's CURRENT objects (never the event's stale payload),
 * and only this module changes subscriptions and payments. Access changes only from here.
 */
export type PaymentProvider = "stripe" | "test";

export type SubscriptionSnapshot = {
  provider: PaymentProvider;
  providerSubscriptionId: string;
  providerCustomerId: string | null;
  /** Our checkout id, carried in the provider's metadata, which ties the subscription to a member and price. */
  checkoutId: string | null;
  /** null: the provider's subscription never started (first payment still incomplete). */
  state: SubscriptionState | null;
  /** The provider price now on the subscription, to follow upgrades and downgrades. */
  providerPriceId?: string | null;
  /** Our price id, when the provider knows it directly (the test provider's plan changes). */
  priceId?: string | null;
};

export type InvoiceSnapshot = {
  provider: PaymentProvider;
  providerInvoiceId: string;
  providerSubscriptionId: string | null;
  providerPaymentIntentId: string | null;
  status: "paid" | "failed" | "open" | "void";
  amountMinor: number;
  discountMinor: number;
  currency: string;
  periodStart: Date | null;
  periodEnd: Date | null;
  createdAt: Date;
  cardLast4: string | null;
  /** When the provider will try the card again (failed invoices). */
  nextAttemptAt?: Date | null;
};

export type RefundSnapshot = { provider: PaymentProvider; providerPaymentIntentId: string; refundedMinor: number };

export type BillingEvent = {
  provider: PaymentProvider;
  eventId: string;
  type: string;
  subscription?: SubscriptionSnapshot | null;
  invoice?: InvoiceSnapshot | null;
  refund?: RefundSnapshot | null;
};

export type ApplyResult = {
  outcome: "applied" | "duplicate";
  /** A second live subscription the unique index refused; the provider side should be cancelled. */
  refusedSubscriptionId?: string;
};

const LIVE: readonly SubscriptionStatus[] = ["active", "trialing", "past_due", "cancelled_at_period_end"];

export async function eventAlreadyHandled(db: Database, eventId: string): Promise<boolean> {
  const [row] = await db.select({ id: billingEvents.id }).from(billingEvents).where(eq(billingEvents.providerEventId, eventId));
  return Boolean(row);
}

/** Applies one event exactly once: the event id is recorded in the same transaction as its effects. */
export async function applyBillingEvent(db: Database, event: BillingEvent, now = new Date()): Promise<ApplyResult> {
  return db.transaction(async (tx) => {
    const [recorded] = await tx
      .insert(billingEvents)
      .values({ provider: event.provider, providerEventId: event.eventId, type: event.type })
      .onConflictDoNothing()
      .returning({ id: billingEvents.id });
    if (!recorded) return { outcome: "duplicate" as const };
    const result: ApplyResult = { outcome: "applied" };
    if (event.subscription) {
      const synced = await syncSubscription(tx, event.subscription, now, event.invoice ?? null);
      if (synced.refused) result.refusedSubscriptionId = event.subscription.providerSubscriptionId;
    }
    if (event.invoice) await recordInvoice(tx, event.invoice, now);
    if (event.refund) await recordRefund(tx, event.refund, now);
    return result;
  });
}

function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: string; cause?: { code?: string } })?.code ?? (error as { cause?: { code?: string } })?.cause?.code;
  return code === "23505";
}

async function syncSubscription(
  tx: Database,
  snap: SubscriptionSnapshot,
  now: Date,
  invoice: InvoiceSnapshot | null,
): Promise<{ refused: boolean }> {
  const [existing] = await tx
    .select()
    .from(subscriptions)
    .where(eq(subscriptions.providerSubscriptionId, snap.providerSubscriptionId))
    .for("update");
  const state = snap.state;
  if (!existing) {
    if (!state || !snap.checkoutId) return { refused: false };
    const [checkout] = await tx.select().from(checkoutSessions).where(eq(checkoutSessions.id, snap.checkoutId)).for("update");
    if (!checkout) {
      logger.warn({ providerSubscriptionId: snap.providerSubscriptionId }, "billing: subscription without a known checkout");
      return { refused: false };
    }
    const [price] = await tx.select().from(packagePrices).where(eq(packagePrices.id, checkout.priceId));
    let created: Subscription | undefined;
    try {
      // A savepoint, so a refused second live subscription leaves the rest of the event applied.
      created = await tx.transaction(async (sp) => {
        const [row] = await sp
          .insert(subscriptions)
          .values({
            userId: checkout.userId,
            packageId: price!.packageId,
            priceId: checkout.priceId,
            status: state.status,
            provider: snap.provider,
            providerCustomerId: snap.providerCustomerId,
            providerSubscriptionId: snap.providerSubscriptionId,
            checkoutId: checkout.id,
            promotionId: checkout.promotionId,
            currentPeriodEnd: state.currentPeriodEnd,
            cancelAtPeriodEnd: state.status === "cancelled_at_period_end",
            pastDueSince: pastDueSinceFor(state, null, now),
            endedAt: state.endedAt,
            acceptedTermsVersion: checkout.acceptedTermsVersion,
          })
          .returning();
        return row;
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      await tx
        .update(checkoutSessions)
        .set({ status: "refused", failureCode: "already_subscribed" })
        .where(eq(checkoutSessions.id, checkout.id));
      logger.warn({ checkoutId: checkout.id }, "billing: refused a second live subscription for the same member");
      return { refused: true };
    }
    await tx.update(checkoutSessions).set({ status: "completed" }).where(eq(checkoutSessions.id, checkout.id));
    if (checkout.promotionId && created) {
      // Counted when the payment is confirmed. The member has paid by now, so a race past the limit is logged, not refused.
      const counted = await tx
        .update(promotions)
        .set({ redemptions: sql`${promotions.redemptions} + 1` })
        .where(
          and(
            eq(promotions.id, checkout.promotionId),
            sql`(${promotions.maxRedemptions} is null or ${promotions.redemptions} < ${promotions.maxRedemptions})`,
          ),
        )
        .returning({ id: promotions.id });
      if (counted.length === 0)
        logger.warn({ promotionId: checkout.promotionId }, "billing: promotion redeemed past its limit by a concurrent checkout");
      await tx
        .insert(promotionRedemptions)
        .values({ promotionId: checkout.promotionId, userId: checkout.userId, subscriptionId: created.id })
        .onConflictDoNothing();
    }
    return { refused: false };
  }

  // An ended subscription never comes back (the provider cannot revive a cancelled one either).
  if (existing.status === "ended" || !state) return { refused: false };
  const pastDueSince = pastDueSinceFor(state, existing, now);
  let priceId = existing.priceId;
  let packageId = existing.packageId;
  if (snap.priceId || snap.providerPriceId) {
    const [moved] = await tx
      .select()
      .from(packagePrices)
      .where(snap.priceId ? eq(packagePrices.id, snap.priceId) : eq(packagePrices.providerPriceId, snap.providerPriceId!));
    if (moved && moved.id !== existing.priceId) {
      priceId = moved.id;
      packageId = moved.packageId;
    }
  }
  await tx
    .update(subscriptions)
    .set({
      status: state.status,
      currentPeriodEnd: state.currentPeriodEnd,
      cancelAtPeriodEnd: state.status === "cancelled_at_period_end",
      pastDueSince,
      endedAt: state.status === "ended" ? (state.endedAt ?? now) : null,
      priceId,
      packageId,
      updatedAt: now,
    })
    .where(eq(subscriptions.id, existing.id));
  await sendLifecycleMessages(tx, existing, { status: state.status, pastDueSince, currentPeriodEnd: state.currentPeriodEnd }, invoice, now);
  return { refused: false };
}

export function newReceiptNumber(now: Date): string {
  return `QP-${now.getUTCFullYear()}-${randomBytes(4).toString("hex").toUpperCase()}`;
}

async function recordInvoice(tx: Database, inv: InvoiceSnapshot, now: Date): Promise<void> {
  const [sub] = inv.providerSubscriptionId
    ? await tx.select().from(subscriptions).where(eq(subscriptions.providerSubscriptionId, inv.providerSubscriptionId))
    : [];
  if (!sub) {
    logger.warn({ providerInvoiceId: inv.providerInvoiceId }, "billing: invoice for an unknown subscription");
    return;
  }
  const status = inv.status;
  const [existing] = await tx.select().from(payments).where(eq(payments.providerInvoiceId, inv.providerInvoiceId)).for("update");
  if (existing) {
    // A paid or refunded payment never goes back to failed, whatever order events arrive in.
    const settled = existing.status === "paid" || existing.status === "refunded" || existing.status === "partially_refunded";
    if (settled) return;
    await tx
      .update(payments)
      .set({
        status,
        paidAt: status === "paid" ? inv.createdAt : null,
        providerPaymentIntentId: inv.providerPaymentIntentId ?? existing.providerPaymentIntentId,
        cardLast4: inv.cardLast4 ?? existing.cardLast4,
      })
      .where(eq(payments.id, existing.id));
    return;
  }
  await tx.insert(payments).values({
    userId: sub.userId,
    subscriptionId: sub.id,
    packageId: sub.packageId,
    provider: inv.provider,
    providerInvoiceId: inv.providerInvoiceId,
    providerPaymentIntentId: inv.providerPaymentIntentId,
    amountMinor: inv.amountMinor,
    discountMinor: inv.discountMinor,
    currency: inv.currency.toUpperCase(),
    status,
    receiptNumber: newReceiptNumber(now),
    cardLast4: inv.cardLast4,
    periodStart: inv.periodStart,
    periodEnd: inv.periodEnd,
    paidAt: status === "paid" ? inv.createdAt : null,
    createdAt: inv.createdAt,
  });
}

async function recordRefund(tx: Database, refund: RefundSnapshot, now: Date): Promise<void> {
  const [payment] = await tx
    .select()
    .from(payments)
    .where(and(eq(payments.providerPaymentIntentId, refund.providerPaymentIntentId), eq(payments.provider, refund.provider)))
    .for("update");
  if (!payment) return;
  // The provider's running total is the truth; it only grows, so a late or repeated event cannot undo a refund.
  const refundedMinor = Math.min(payment.amountMinor, Math.max(payment.refundedMinor, refund.refundedMinor));
  if (refundedMinor === payment.refundedMinor) return;
  await tx
    .update(payments)
    .set({ refundedMinor, status: refundedMinor >= payment.amountMinor ? "refunded" : "partially_refunded", refundedAt: now })
    .where(eq(payments.id, payment.id));
}

type LifecycleNext = { status: SubscriptionStatus; pastDueSince: Date | null; currentPeriodEnd: Date };

/** Email and in-app messages for a failed payment, a successful retry and the end of access; deduplicated per occurrence. */
async function sendLifecycleMessages(
  tx: Database,
  before: Subscription,
  next: LifecycleNext,
  invoice: InvoiceSnapshot | null,
  now: Date,
): Promise<void> {
  const wasLive = LIVE.includes(before.status as SubscriptionStatus);
  let message: "paymentFailed" | "retrySucceeded" | "accessEnded" | null = null;
  if (next.status === "past_due" && before.status !== "past_due") message = "paymentFailed";
  else if (before.status === "past_due" && (next.status === "active" || next.status === "trialing")) message = "retrySucceeded";
  else if (next.status === "ended" && wasLive) message = "accessEnded";
  if (!message) return;

  const [row] = await tx
    .select({ user: users, pkg: packages, price: packagePrices })
    .from(users)
    .innerJoin(packages, eq(packages.id, before.packageId))
    .innerJoin(packagePrices, eq(packagePrices.id, before.priceId))
    .where(eq(users.id, before.userId));
  if (!row) return;
  const locale: AppLocale = isLocale(row.user.locale) ? row.user.locale : "en";
  const t = getFixedT(locale);
  const packageName = locale === "vi" ? row.pkg.nameVi : row.pkg.nameEn;
  const graceDays = await getGraceDays(tx);
  const accessUntil =
    message === "paymentFailed"
      ? graceEndsAt(next.pastDueSince ?? now, graceDays)
      : message === "accessEnded"
        ? now
        : next.currentPeriodEnd;
  const values = {
    name: row.user.displayName,
    package: packageName,
    amount: formatMoney(invoice?.amountMinor ?? row.price.amountMinor, invoice?.currency ?? row.price.currency, locale),
    date: formatDate(accessUntil, locale, row.user.timeZone),
    url: `${appUrl()}/app/billing`,
  };
  const occurrence = `${before.id}:${message}:${(next.pastDueSince ?? now).toISOString()}`;
  await notify(tx, {
    userId: row.user.id,
    kind: `billing.${message}`,
    messageKey: `billing:dunning.notifications.${message}.body`,
    values,
    href: "/app/billing",
    dedupeKey: `billing:${occurrence}`,
  });
  const subject = t(`billing:dunning.email.${message}.subject`);
  const text = t(`billing:dunning.email.${message}.body`, values);
  const html = `<!doctype html><html lang="${locale}"><body style="font-family:system-ui,sans-serif;color:#1f2937;line-height:1.5;max-width:560px;margin:0 auto;padding:24px"><h1 style="color:#047857;font-size:20px">QuitPath</h1>${text
    .split("\n\n")
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, "<br>")}</p>`)
    .join("")}</body></html>`;
  await sendEmail(tx, { to: row.user.email, userId: row.user.id, kind: `billing.${message}`, subject, text, html });
}

/** Checkout ids still open for a member (the success page waits on these). */
export async function checkoutStatus(db: Database, userId: string, checkoutId: string) {
  const [row] = await db
    .select({ checkout: checkoutSessions, subscriptionId: subscriptions.id, subscriptionStatus: subscriptions.status })
    .from(checkoutSessions)
    .leftJoin(subscriptions, eq(subscriptions.checkoutId, checkoutSessions.id))
    .where(and(eq(checkoutSessions.id, checkoutId), eq(checkoutSessions.userId, userId)));
  return row ?? null;
}
