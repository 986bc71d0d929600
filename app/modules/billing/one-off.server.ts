import { and, desc, eq, gt, inArray, lt, lte, sql } from "drizzle-orm";
import {
  adminAudit,
  billingEvents,
  checkoutSessions,
  packagePrices,
  packages,
  payments,
  promotionRedemptions,
  promotions,
  subscriptions,
  users,
  type Payment,
} from "#db/schema";
import type { Database } from "#db/client.server";
import { DomainError } from "~/lib/domain-error";
import { appUrl, env } from "~/lib/env.server";
import { formatDate, formatMoney } from "~/lib/format";
import { isLocale, type AppLocale } from "~/lib/i18n";
import { getFixedT } from "~/lib/i18n.server";
import { logger } from "~/lib/logger.server";
import { audit, type AuditEntry } from "~/modules/audit/audit.server";
import { enqueueDeliveries } from "~/lib/queue.server";
import { loadRecipients, noDeliveries, notifyMember } from "~/modules/notifications/deliver.server";
import { notify } from "~/modules/notifications/notify.server";
import { getGraceDays } from "./catalogue.server";
import { addPeriod, createCheckout, type CheckoutRequest } from "./checkout.server";
import { graceEndsAt } from "./entitlements";
import { LIVE_STATUSES } from "./entitlements.server";
import { newReceiptNumber } from "./fulfilment.server";
import { MOMO_IPN_FIELDS, momoOutcome, verifyMomo } from "./momo";
import {
  isOneOffProvider,
  momoConfig,
  ONE_OFF_PROVIDERS,
  oneOffProvider,
  vnpayConfig,
  type OneOffProviderId,
  type ProviderReport,
} from "./one-off-providers.server";
import { validateRefund } from "./revenue";
import { fromVnpayAmount, parseVnpayDate, VNPAY_IPN_ANSWERS, verifyVnpayParams, vnpayOutcome, type VnpayIpnAnswer } from "./vnpay";

/**
 * One-off payments (VNPay, MoMo): each checkout row is one attempt, with OUR amount, currency and
 * term. An attempt is fulfilled exactly once, from the provider's verified IPN or from the
 * reconciliation job asking the provider; the browser's return never grants anything. A paid term
 * extends the member's premium from the later of now and its current end, serialised per member.
 */

export type SettleResult = "fulfilled" | "already-fulfilled" | "unknown" | "mismatch" | "failed" | "pending";

type Attempt = typeof checkoutSessions.$inferSelect;

/** An entry in the admin audit log written by the system itself (no admin did it): admins read it on the billing page. */
async function systemAudit(tx: Database, entry: Omit<AuditEntry, "adminId">): Promise<void> {
  await tx
    .insert(adminAudit)
    .values({ adminId: null, ...entry, targetId: entry.targetId ?? null, reason: entry.reason ?? null, details: entry.details ?? {} });
}

async function recordMismatch(tx: Database, attempt: Attempt, report: ProviderReport, source: string): Promise<void> {
  // Never fulfilled: the admin sees it in the audit log (and the payments screen) and decides.
  logger.warn(
    { provider: report.provider, reference: report.reference, expected: attempt.totalMinor, got: report.amountMinor, source },
    "billing: one-off payment amount or currency differs from our attempt, refused",
  );
  await systemAudit(tx, {
    action: "payment.mismatch",
    targetType: "checkout",
    targetId: attempt.id,
    reason: `${report.provider} reported ${report.amountMinor} ${report.currency}, our attempt is ${attempt.totalMinor} ${attempt.currency}`,
    details: {
      provider: report.provider,
      reference: report.reference,
      expectedMinor: attempt.totalMinor,
      reportedMinor: report.amountMinor,
      currency: report.currency,
      source,
    },
  });
}

/** Applies what a provider reported about one attempt, in one transaction. Idempotent. */
export async function settleOneOffAttempt(
  db: Database,
  report: ProviderReport,
  source: "ipn" | "reconciliation",
  now = new Date(),
): Promise<SettleResult> {
  return db.transaction(async (tx) => {
    const [attempt] = await tx
      .select()
      .from(checkoutSessions)
      .where(and(eq(checkoutSessions.provider, report.provider), eq(checkoutSessions.providerSessionId, report.reference)))
      .for("update");
    if (!attempt) {
      logger.warn({ provider: report.provider, reference: report.reference, source }, "billing: report for an unknown payment attempt");
      return "unknown";
    }
    if (attempt.fulfilledAt) return "already-fulfilled";
    if (report.outcome === "pending" || report.outcome === "not-found") return "pending";
    if (report.outcome !== "paid") {
      if (attempt.status === "open")
        await tx
          .update(checkoutSessions)
          .set({ status: "failed", failureCode: `${report.provider}_${report.code}`.slice(0, 40) })
          .where(eq(checkoutSessions.id, attempt.id));
      return "failed";
    }
    if (report.amountMinor !== attempt.totalMinor || report.currency.toUpperCase() !== attempt.currency.toUpperCase()) {
      await recordMismatch(tx, attempt, report, source);
      return "mismatch";
    }
    await fulfilPaidAttempt(tx, attempt, report, now);
    return "fulfilled";
  });
}

async function fulfilPaidAttempt(tx: Database, attempt: Attempt, report: ProviderReport, now: Date): Promise<void> {
  // Serialises every term a member pays for, so two paid checkouts extend one after the other.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`billing-term:${attempt.userId}`}, 0))`);
  const [price] = await tx.select().from(packagePrices).where(eq(packagePrices.id, attempt.priceId));
  const [live] = await tx
    .select()
    .from(subscriptions)
    .where(and(eq(subscriptions.userId, attempt.userId), inArray(subscriptions.status, [...LIVE_STATUSES])))
    .for("update");
  let subscriptionId: string;
  let periodStart: Date;
  let periodEnd: Date;
  if (live && isOneOffProvider(live.provider)) {
    periodStart = live.currentPeriodEnd.getTime() > now.getTime() ? live.currentPeriodEnd : now;
    periodEnd = addPeriod(periodStart, price!.period);
    await tx
      .update(subscriptions)
      .set({
        status: "active",
        currentPeriodEnd: periodEnd,
        pastDueSince: null,
        priceId: price!.id,
        packageId: price!.packageId,
        acceptedTermsVersion: attempt.acceptedTermsVersion,
        updatedAt: now,
      })
      .where(eq(subscriptions.id, live.id));
    subscriptionId = live.id;
  } else if (live) {
    // The member meanwhile holds a card subscription: the money is recorded for a refund, the term is not added twice.
    logger.warn({ attemptId: attempt.id }, "billing: one-off payment for a member with a card subscription; needs a refund");
    await systemAudit(tx, {
      action: "payment.needs-refund",
      targetType: "checkout",
      targetId: attempt.id,
      reason: "paid while a card subscription was live",
      details: { provider: report.provider, reference: report.reference },
    });
    subscriptionId = live.id;
    periodStart = now;
    periodEnd = now;
  } else {
    periodStart = now;
    periodEnd = addPeriod(now, price!.period);
    const [created] = await tx
      .insert(subscriptions)
      .values({
        userId: attempt.userId,
        packageId: price!.packageId,
        priceId: price!.id,
        status: "active",
        provider: report.provider,
        providerSubscriptionId: `${report.provider}_${attempt.providerSessionId}`,
        checkoutId: attempt.id,
        promotionId: attempt.promotionId,
        currentPeriodEnd: periodEnd,
        acceptedTermsVersion: attempt.acceptedTermsVersion,
      })
      .returning({ id: subscriptions.id });
    subscriptionId = created!.id;
  }
  if (attempt.promotionId) {
    // Counted when the payment is confirmed, as for a card; each paid term is its own redemption (once per attempt).
    const counted = await tx
      .update(promotions)
      .set({ redemptions: sql`${promotions.redemptions} + 1` })
      .where(
        and(
          eq(promotions.id, attempt.promotionId),
          sql`(${promotions.maxRedemptions} is null or ${promotions.redemptions} < ${promotions.maxRedemptions})`,
        ),
      )
      .returning({ id: promotions.id });
    if (counted.length === 0)
      logger.warn({ promotionId: attempt.promotionId }, "billing: promotion redeemed past its limit by a concurrent checkout");
    await tx
      .insert(promotionRedemptions)
      .values({ promotionId: attempt.promotionId, userId: attempt.userId, subscriptionId, checkoutId: attempt.id })
      .onConflictDoNothing();
  }
  await tx.insert(payments).values({
    userId: attempt.userId,
    subscriptionId,
    packageId: price!.packageId,
    provider: report.provider,
    providerInvoiceId: `${report.provider}_${attempt.providerSessionId}`,
    providerPaymentIntentId: report.transactionId,
    amountMinor: attempt.totalMinor,
    discountMinor: attempt.discountMinor,
    currency: attempt.currency,
    status: "paid",
    receiptNumber: newReceiptNumber(now),
    periodStart,
    periodEnd,
    paidAt: report.paidAt ?? now,
    createdAt: now,
  });
  await tx
    .update(checkoutSessions)
    .set({ status: "completed", fulfilledAt: now, providerTransactionId: report.transactionId, failureCode: null })
    .where(eq(checkoutSessions.id, attempt.id));
  await tx
    .insert(billingEvents)
    .values({ provider: report.provider, providerEventId: `${report.provider}:${attempt.providerSessionId}:paid`, type: "payment.paid" })
    .onConflictDoNothing();
}

// --- Checkout and return -------------------------------------------------------------------

/** Opens an attempt with our amount and term, and the provider's URL to send the member to. */
export async function startOneOffPayment(
  db: Database,
  user: { id: string },
  input: CheckoutRequest,
  provider: OneOffProviderId,
  ctx: { ipAddr: string; locale: AppLocale },
  now = new Date(),
): Promise<{ url: string; attemptId: string }> {
  const { checkout, pkg, price } = await createCheckout(db, user.id, input, provider, now);
  const orderInfo = `QuitPath ${pkg.slug} ${price.period} ${checkout.providerSessionId}`;
  const url = await oneOffProvider(provider).startPayment(checkout, { ipAddr: ctx.ipAddr, locale: ctx.locale, orderInfo }, now);
  return { url, attemptId: checkout.id };
}

/**
 * What the return page shows for the member's own attempt. It reads our record only: the browser's
 * query string is not trusted to grant anything, so an unfulfilled attempt shows "pending".
 */
export async function ownAttemptByReference(db: Database, userId: string, provider: OneOffProviderId, reference: string) {
  const [row] = await db
    .select({ attempt: checkoutSessions, periodEnd: subscriptions.currentPeriodEnd })
    .from(checkoutSessions)
    .leftJoin(subscriptions, and(eq(subscriptions.userId, checkoutSessions.userId), inArray(subscriptions.status, [...LIVE_STATUSES])))
    .where(
      and(eq(checkoutSessions.provider, provider), eq(checkoutSessions.providerSessionId, reference), eq(checkoutSessions.userId, userId)),
    );
  if (!row) throw new DomainError("not-found", "errors:notFound.title");
  const state = row.attempt.fulfilledAt ? "paid" : row.attempt.status === "open" ? "pending" : "failed";
  return { state, attemptId: row.attempt.id, priceId: row.attempt.priceId, periodEnd: state === "paid" ? row.periodEnd : null } as const;
}

// --- IPN ------------------------------------------------------------------------------------

/** VNPay's IPN (GET with the signed vnp_ parameters): the answer is the JSON VNPay expects. */
export async function handleVnpayIpn(db: Database, query: URLSearchParams, now = new Date()): Promise<VnpayIpnAnswer> {
  const config = vnpayConfig();
  if (!config) return VNPAY_IPN_ANSWERS.unknownError;
  const params: Record<string, string> = {};
  for (const [key, value] of query) if (key.startsWith("vnp_")) params[key] = value;
  if (!verifyVnpayParams(params, config.hashSecret) || params.vnp_TmnCode !== config.tmnCode) {
    logger.warn({ provider: "vnpay", reference: params.vnp_TxnRef }, "billing: IPN refused (bad signature)");
    return VNPAY_IPN_ANSWERS.invalidSignature;
  }
  const reference = params.vnp_TxnRef ?? "";
  const [attempt] = await db
    .select()
    .from(checkoutSessions)
    .where(and(eq(checkoutSessions.provider, "vnpay"), eq(checkoutSessions.providerSessionId, reference)));
  if (!attempt) return VNPAY_IPN_ANSWERS.orderNotFound;
  const report: ProviderReport = {
    provider: "vnpay",
    reference,
    outcome: vnpayOutcome(params.vnp_ResponseCode, params.vnp_TransactionStatus),
    amountMinor: fromVnpayAmount(params.vnp_Amount),
    currency: "VND",
    transactionId: params.vnp_TransactionNo || null,
    code: params.vnp_ResponseCode ?? "",
    paidAt: parseVnpayDate(params.vnp_PayDate),
  };
  if (report.amountMinor !== attempt.totalMinor) {
    await db.transaction((tx) => recordMismatch(tx, attempt, report, "ipn"));
    return VNPAY_IPN_ANSWERS.invalidAmount;
  }
  // An attempt the reconciliation job let lapse is still fulfilled when VNPay says it was paid after all.
  if (attempt.fulfilledAt || (attempt.status !== "open" && attempt.status !== "expired")) return VNPAY_IPN_ANSWERS.alreadyConfirmed;
  const result = await settleOneOffAttempt(db, report, "ipn", now);
  if (result === "already-fulfilled") return VNPAY_IPN_ANSWERS.alreadyConfirmed;
  return VNPAY_IPN_ANSWERS.confirmed;
}

export type MomoIpnResult = { status: 204 | 400; outcome: SettleResult | "bad-signature" | "malformed" };

/** MoMo's IPN (POST JSON): 204 once handled (MoMo's documented acknowledgement), 400 when it is not MoMo's. */
export async function handleMomoIpn(db: Database, body: unknown, now = new Date()): Promise<MomoIpnResult> {
  const config = momoConfig();
  if (!config || typeof body !== "object" || body === null) return { status: 400, outcome: "malformed" };
  const ipn = body as Record<string, string | number | undefined>;
  if (typeof ipn.orderId !== "string" || ipn.resultCode === undefined || ipn.amount === undefined)
    return { status: 400, outcome: "malformed" };
  const signed = verifyMomo(MOMO_IPN_FIELDS, { ...ipn, accessKey: config.accessKey }, config.secretKey, String(ipn.signature ?? ""));
  if (!signed || ipn.partnerCode !== config.partnerCode) {
    logger.warn({ provider: "momo", reference: ipn.orderId }, "billing: IPN refused (bad signature)");
    return { status: 400, outcome: "bad-signature" };
  }
  const outcome = await settleOneOffAttempt(
    db,
    {
      provider: "momo",
      reference: ipn.orderId,
      outcome: momoOutcome(Number(ipn.resultCode)),
      amountMinor: Number(ipn.amount),
      currency: "VND",
      transactionId: ipn.transId === undefined ? null : String(ipn.transId),
      code: String(ipn.resultCode),
      paidAt: typeof ipn.responseTime === "number" ? new Date(ipn.responseTime) : null,
    },
    "ipn",
    now,
  );
  return { status: 204, outcome };
}

// --- Account erasure -----------------------------------------------------------------------

/**
 * Ends a member's VNPay/MoMo term now, for an account erasure. A term is prepaid and recurs nowhere,
 * so there is nothing to cancel at the provider; but a payment the member may have made that no IPN
 * has settled yet is asked about first (whatever its age: the erasure comes weeks after the member's
 * last visit, past the reconciliation job's week), so a paid one is recorded and kept, anonymised,
 * with the other payments. A provider error is thrown: the erasure job retries rather than
 * lose a payment. Then the term ends without grace, notice or provider event. Idempotent.
 */
export async function endOneOffTermsNow(db: Database, userId: string, now = new Date(), ipAddr = "127.0.0.1"): Promise<number> {
  const open = await db
    .select()
    .from(checkoutSessions)
    .where(
      and(
        eq(checkoutSessions.userId, userId),
        eq(checkoutSessions.status, "open"),
        inArray(checkoutSessions.provider, [...ONE_OFF_PROVIDERS]),
      ),
    );
  for (const attempt of open) {
    const report = await oneOffProvider(attempt.provider as OneOffProviderId).query(attempt, ipAddr, now);
    await settleOneOffAttempt(db, report, "reconciliation", now);
  }
  const ended = await db
    .update(subscriptions)
    .set({ status: "ended", endedAt: now, cancelAtPeriodEnd: false, updatedAt: now })
    .where(
      and(
        eq(subscriptions.userId, userId),
        inArray(subscriptions.provider, [...ONE_OFF_PROVIDERS]),
        inArray(subscriptions.status, [...LIVE_STATUSES]),
      ),
    )
    .returning({ id: subscriptions.id });
  return ended.length;
}

// --- Reconciliation -------------------------------------------------------------------------

/** Open one-off attempts older than the timeout (at most a week): asks each provider, settles what it says. */
export async function reconcilePendingAttempts(db: Database, now = new Date(), ipAddr = "127.0.0.1") {
  const after = new Date(now.getTime() - env().PAYMENT_RECONCILE_AFTER_MINUTES * 60_000);
  const oldest = new Date(now.getTime() - 7 * 24 * 60 * 60_000);
  const open = await db
    .select()
    .from(checkoutSessions)
    .where(
      and(
        eq(checkoutSessions.status, "open"),
        inArray(checkoutSessions.provider, [...ONE_OFF_PROVIDERS]),
        lt(checkoutSessions.createdAt, after),
        gt(checkoutSessions.createdAt, oldest),
      ),
    )
    .orderBy(checkoutSessions.createdAt)
    .limit(100);
  const counts: Record<SettleResult | "expired" | "error", number> = {
    fulfilled: 0,
    "already-fulfilled": 0,
    unknown: 0,
    mismatch: 0,
    failed: 0,
    pending: 0,
    expired: 0,
    error: 0,
  };
  for (const attempt of open) {
    const provider = attempt.provider as OneOffProviderId;
    try {
      const report = await oneOffProvider(provider).query(attempt, ipAddr, now);
      const result = await settleOneOffAttempt(db, report, "reconciliation", now);
      // Never reached the provider an hour on: the attempt lapses (a new checkout is a new attempt).
      if (result === "pending" && report.outcome === "not-found" && attempt.createdAt.getTime() < now.getTime() - 60 * 60_000) {
        await db
          .update(checkoutSessions)
          .set({ status: "expired" })
          .where(and(eq(checkoutSessions.id, attempt.id), eq(checkoutSessions.status, "open")));
        counts.expired++;
      } else counts[result]++;
    } catch (error) {
      counts.error++;
      logger.warn(
        { attemptId: attempt.id, err: error instanceof Error ? error.message : String(error) },
        "billing: reconciliation query failed",
      );
    }
  }
  return counts;
}

export type ReconciliationRow = {
  attemptId: string;
  provider: OneOffProviderId;
  reference: string;
  ours: { status: string; amountMinor: number; currency: string };
  theirs: { outcome: string; amountMinor: number | null } | null;
  agrees: boolean;
};

/** The admin's reconciliation report: our recent one-off attempts beside what each provider's query API says. */
export async function reconciliationReport(db: Database, now = new Date(), limit = 30): Promise<ReconciliationRow[]> {
  const configured = ONE_OFF_PROVIDERS.filter((id) => (id === "vnpay" ? vnpayConfig() : momoConfig()));
  if (configured.length === 0) return [];
  const attempts = await db
    .select()
    .from(checkoutSessions)
    .where(inArray(checkoutSessions.provider, configured))
    .orderBy(desc(checkoutSessions.createdAt))
    .limit(limit);
  const rows: ReconciliationRow[] = [];
  for (const attempt of attempts) {
    const provider = attempt.provider as OneOffProviderId;
    const ours = { status: attempt.status, amountMinor: attempt.totalMinor, currency: attempt.currency };
    try {
      const report = await oneOffProvider(provider).query(attempt, "127.0.0.1", now);
      const theirsPaid = report.outcome === "paid";
      const oursPaid = attempt.status === "completed";
      rows.push({
        attemptId: attempt.id,
        provider,
        reference: attempt.providerSessionId ?? "",
        ours,
        theirs: { outcome: report.outcome, amountMinor: report.amountMinor },
        agrees: theirsPaid === oursPaid && (!theirsPaid || report.amountMinor === attempt.totalMinor),
      });
    } catch {
      rows.push({ attemptId: attempt.id, provider, reference: attempt.providerSessionId ?? "", ours, theirs: null, agrees: false });
    }
  }
  return rows;
}

// --- Refunds --------------------------------------------------------------------------------

/**
 * Refunds a one-off payment through its provider, then records it: a full refund takes back the term
 * it bought (the member's end moves back by it; nothing left means access ends now).
 */
export async function refundOneOffPayment(
  db: Database,
  admin: { id: string; email: string },
  payment: Payment,
  amountMinor: number,
  reason: string,
  now = new Date(),
): Promise<void> {
  if (!isOneOffProvider(payment.provider)) throw new DomainError("invalid", "billingErrors:packageUnavailable");
  validateRefund(amountMinor, { paidMinor: payment.amountMinor, alreadyRefundedMinor: payment.refundedMinor });
  const reference = payment.providerInvoiceId!.slice(payment.provider.length + 1);
  const [attempt] = await db
    .select()
    .from(checkoutSessions)
    .where(and(eq(checkoutSessions.provider, payment.provider), eq(checkoutSessions.providerSessionId, reference)));
  if (!attempt) throw new DomainError("not-found", "errors:notFound.title");
  const refundedMinor = payment.refundedMinor + amountMinor;
  const full = refundedMinor >= payment.amountMinor;
  await oneOffProvider(payment.provider).refund(
    {
      attempt,
      payment,
      amountMinor,
      full: payment.refundedMinor === 0 && full,
      by: admin.email.slice(0, 250),
      key: `R${payment.id}${payment.refundedMinor}`,
      ipAddr: "127.0.0.1",
    },
    now,
  );
  await db.transaction(async (tx) => {
    const [locked] = await tx.select().from(payments).where(eq(payments.id, payment.id)).for("update");
    if (!locked || locked.refundedMinor !== payment.refundedMinor) return;
    await tx
      .update(payments)
      .set({ refundedMinor, status: full ? "refunded" : "partially_refunded", refundedAt: now })
      .where(eq(payments.id, payment.id));
    if (full && payment.subscriptionId && payment.periodStart && payment.periodEnd) {
      const [sub] = await tx.select().from(subscriptions).where(eq(subscriptions.id, payment.subscriptionId)).for("update");
      if (sub && sub.status !== "ended" && isOneOffProvider(sub.provider)) {
        const bought = payment.periodEnd.getTime() - payment.periodStart.getTime();
        const end = new Date(sub.currentPeriodEnd.getTime() - bought);
        if (end.getTime() <= now.getTime())
          await tx
            .update(subscriptions)
            .set({ status: "ended", endedAt: now, currentPeriodEnd: now, updatedAt: now })
            .where(eq(subscriptions.id, sub.id));
        else await tx.update(subscriptions).set({ currentPeriodEnd: end, updatedAt: now }).where(eq(subscriptions.id, sub.id));
      }
    }
    await audit(tx, {
      adminId: admin.id,
      action: "payment.refund",
      targetType: "payment",
      targetId: payment.id,
      reason,
      details: { amountMinor, currency: payment.currency, receipt: payment.receiptNumber, provider: payment.provider },
    });
  });
}

// --- Terms: reminders, grace, end of access -------------------------------------------------

const REMIND_DAYS_BEFORE = 7;

/**
 * One-off terms do not renew by themselves: a reminder a week before the end with a one-tap renewal
 * link, in-app and on the member's own channels for billing messages (email always; SMS and push when
 * they chose them, after quiet hours); at the end the grace period runs as for a failed card renewal,
 * then access ends. Each message goes once (its in-app row's dedupe key gates the other channels).
 */
export async function advanceOneOffTerms(db: Database, now = new Date()) {
  const graceDays = await getGraceDays(db);
  const remindBefore = new Date(now.getTime() + REMIND_DAYS_BEFORE * 24 * 60 * 60_000);
  const due = await db
    .select({ subscription: subscriptions, user: users, pkg: packages, price: packagePrices })
    .from(subscriptions)
    .innerJoin(users, eq(users.id, subscriptions.userId))
    .innerJoin(packages, eq(packages.id, subscriptions.packageId))
    .innerJoin(packagePrices, eq(packagePrices.id, subscriptions.priceId))
    .where(
      and(
        inArray(subscriptions.provider, [...ONE_OFF_PROVIDERS]),
        inArray(subscriptions.status, ["active", "past_due", "cancelled_at_period_end"]),
        lte(subscriptions.currentPeriodEnd, remindBefore),
      ),
    );
  let reminded = 0;
  let lapsed = 0;
  let ended = 0;
  const recipients = await loadRecipients(db, [...new Set(due.map((row) => row.user.id))]);
  const deliveries = noDeliveries();
  for (const row of due) {
    const sub = row.subscription;
    const locale: AppLocale = isLocale(row.user.locale) ? row.user.locale : "en";
    const t = getFixedT(locale);
    const renewUrl = `${appUrl()}/app/billing/checkout?price=${sub.priceId}`;
    const values = {
      name: row.user.displayName,
      package: locale === "vi" ? row.pkg.nameVi : row.pkg.nameEn,
      amount: formatMoney(row.price.amountMinor, row.price.currency, locale),
      date: formatDate(
        sub.status === "past_due" ? graceEndsAt(sub.pastDueSince ?? now, graceDays) : sub.currentPeriodEnd,
        locale,
        row.user.timeZone,
      ),
      url: renewUrl,
    };
    let message: "renewalDue" | "termEnded" | "accessEnded" | null = null;
    if (sub.status === "cancelled_at_period_end") {
      // Cancelled by the member (or an admin): no reminder, and no grace at the end.
      if (sub.currentPeriodEnd.getTime() > now.getTime()) continue;
      await db.update(subscriptions).set({ status: "ended", endedAt: now, updatedAt: now }).where(eq(subscriptions.id, sub.id));
      ended++;
      message = "accessEnded";
    } else if (sub.status === "active" && sub.currentPeriodEnd.getTime() > now.getTime()) message = "renewalDue";
    else if (sub.status === "active") {
      await db
        .update(subscriptions)
        .set({ status: "past_due", pastDueSince: sub.currentPeriodEnd, updatedAt: now })
        .where(eq(subscriptions.id, sub.id));
      lapsed++;
      message = "termEnded";
    } else if (sub.status === "past_due" && graceEndsAt(sub.pastDueSince ?? sub.currentPeriodEnd, graceDays).getTime() <= now.getTime()) {
      await db.update(subscriptions).set({ status: "ended", endedAt: now, updatedAt: now }).where(eq(subscriptions.id, sub.id));
      ended++;
      message = "accessEnded";
    }
    if (!message) continue;
    const dedupeKey = `billing:${sub.id}:${message}:${sub.currentPeriodEnd.toISOString()}`;
    const href = message === "accessEnded" ? "/pricing" : `/app/billing/checkout?price=${sub.priceId}`;
    const created = await notify(db, {
      userId: row.user.id,
      kind: `billing.${message}`,
      messageKey: `billing:oneOff.notifications.${message}`,
      values,
      href,
      dedupeKey,
    });
    if (!created) continue;
    if (message === "renewalDue") reminded++;
    const recipient = recipients.get(row.user.id);
    if (!recipient) continue;
    await notifyMember(
      db,
      recipient,
      {
        kind: "billing",
        dedupeKey,
        now,
        inApp: null,
        content: {
          subject: t(`billing:oneOff.email.${message}.subject`),
          paragraphs: [t(`billing:oneOff.email.${message}.body`, values)],
          action: { label: t("billing:oneOff.renewNow"), href: `${appUrl()}${href}` },
          sms: t(`billing:oneOff.notifications.${message}`, { ...values, url: `${appUrl()}${href}` }),
        },
      },
      deliveries,
    );
  }
  await enqueueDeliveries(deliveries);
  return { reminded, lapsed, ended };
}
