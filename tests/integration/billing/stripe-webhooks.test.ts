import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminAudit, billingCustomers, billingEvents, checkoutSessions, payments, subscriptions } from "#db/schema";
import { createSignedInUser } from "#db/seed/factories";
import { Browser, startTestServer } from "../../setup/app";
import { testDb } from "../../setup/db";
import { FakeStripe } from "./fake-stripe";
import { seedPackages, signedDelivery, stripeEvent, WEBHOOK_SECRET } from "./helpers";

// Stripe mode for this file's server: the SDK talks to the loopback stand-in instead of api.stripe.com.
const stripe = await new FakeStripe().start();
process.env.STRIPE_SECRET_KEY = "sk_test_quitpath_integration";
process.env.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET;
process.env.STRIPE_API_URL = stripe.url;

let server: Awaited<ReturnType<typeof startTestServer>>;
let prices: Awaited<ReturnType<typeof seedPackages>>;
beforeAll(async () => {
  server = await startTestServer();
  prices = await seedPackages(testDb());
});
afterAll(async () => {
  await server.close();
  await stripe.stop();
});

async function deliver(event: object, options: { timestamp?: number; tamper?: boolean } = {}) {
  const { payload, header } = signedDelivery(event, options);
  const body = options.tamper ? payload.replace('"type":"', '"type":"x') : payload;
  return fetch(`${server.url}/webhooks/stripe`, {
    method: "POST",
    body,
    headers: { "Content-Type": "application/json", "Stripe-Signature": header },
  });
}

/** A member starts a checkout through our page; returns the checkout id Stripe carries in metadata. */
async function startCheckout(browser: Browser, priceId: string, extra: Record<string, string> = {}) {
  const response = await browser.post(`/app/billing/checkout?price=${priceId}`, { intent: "start", priceId, acceptTerms: "on", ...extra });
  return response;
}

async function latestCheckoutFor(userId: string) {
  const rows = await testDb()
    .select()
    .from(checkoutSessions)
    .where(eq(checkoutSessions.userId, userId))
    .orderBy(sql`${checkoutSessions.createdAt} desc`);
  return rows[0]!;
}

const liveCount = async (userId: string) =>
  (
    await testDb()
      .select({ n: sql<number>`count(*)::int` })
      .from(subscriptions)
      .where(
        and(eq(subscriptions.userId, userId), sql`${subscriptions.status} in ('active','trialing','past_due','cancelled_at_period_end')`),
      )
  )[0]!.n;

describe("Stripe checkout and webhooks", () => {
  it("creates the Checkout Session with our price, the member's one customer and our metadata", async () => {
    const { user, cookie } = await createSignedInUser(testDb());
    const browser = new Browser(server.url, cookie);
    const first = await startCheckout(browser, prices.usdMonthly.id);
    expect(first.status).toBe(302);
    expect(first.headers.get("location")).toMatch(/^https:\/\/checkout\.stripe\.test\/pay\/cs_/);
    const checkout = await latestCheckoutFor(user.id);

    const [priceCreate] = stripe.calls("POST", "/v1/prices");
    expect(priceCreate!.form.get("unit_amount")).toBe("999");
    expect(priceCreate!.form.get("currency")).toBe("usd");
    expect(priceCreate!.form.get("recurring[interval]")).toBe("month");
    expect(priceCreate!.form.get("lookup_key")).toBe("quitpath_premium_monthly_usd_999");

    const [session] = stripe.calls("POST", "/v1/checkout/sessions").slice(-1);
    const [customer] = await testDb().select().from(billingCustomers).where(eq(billingCustomers.userId, user.id));
    expect(session!.form.get("mode")).toBe("subscription");
    expect(session!.form.get("customer")).toBe(customer!.providerCustomerId);
    expect(session!.form.get("line_items[0][price]")).toMatch(/^price_/);
    expect(session!.form.get("line_items[0][quantity]")).toBe("1");
    expect(session!.form.get("metadata[checkoutId]")).toBe(checkout.id);
    expect(session!.form.get("metadata[userId]")).toBe(user.id);
    expect(session!.form.get("subscription_data[metadata][checkoutId]")).toBe(checkout.id);
    expect(session!.form.get("success_url")).toContain(`/app/billing/success?checkout=${checkout.id}`);
    // Nothing the browser sends can set the amount: only our price id goes to Stripe.
    const tampered = await startCheckout(browser, prices.usdMonthly.id, { amount: "1", unit_amount: "1" });
    expect(tampered.status).toBe(302);
    const [again] = stripe.calls("POST", "/v1/checkout/sessions").slice(-1);
    expect([...again!.form.keys()].some((k) => k.includes("unit_amount") || k.includes("amount"))).toBe(false);
    // The customer is created once per member, and the Stripe price is looked up by lookup_key, not created again.
    expect(stripe.calls("POST", "/v1/customers").filter((c) => c.form.get("metadata[userId]") === user.id)).toHaveLength(1);
    expect(stripe.calls("POST", "/v1/prices")).toHaveLength(1);
  });

  it("refuses a bad signature, a body changed after signing and a stale timestamp with 400, changing nothing", async () => {
    const before = (
      await testDb()
        .select({ n: sql<number>`count(*)::int` })
        .from(billingEvents)
    )[0]!.n;
    const event = stripeEvent("evt_sig_1", "customer.subscription.updated", { id: "sub_missing" });
    const wrongSecret = signedDelivery(event, { secret: "whsec_someone_else" });
    const bad = await fetch(`${server.url}/webhooks/stripe`, {
      method: "POST",
      body: wrongSecret.payload,
      headers: { "Stripe-Signature": wrongSecret.header },
    });
    expect(bad.status).toBe(400);
    expect((await deliver(event, { tamper: true })).status).toBe(400);
    expect((await deliver(event, { timestamp: Math.floor(Date.now() / 1000) - 10 * 60 })).status).toBe(400);
    const unsigned = await fetch(`${server.url}/webhooks/stripe`, { method: "POST", body: JSON.stringify(event) });
    expect(unsigned.status).toBe(400);
    expect(
      (
        await testDb()
          .select({ n: sql<number>`count(*)::int` })
          .from(billingEvents)
      )[0]!.n,
    ).toBe(before);
  });

  it("activates once when the same checkout.session.completed is delivered five times", async () => {
    const { user, cookie } = await createSignedInUser(testDb());
    const browser = new Browser(server.url, cookie);
    expect((await browser.get("/app/coach/choose")).status).toBe(403);
    await startCheckout(browser, prices.usdMonthly.id);
    const checkout = await latestCheckoutFor(user.id);
    const sub = stripe.putSubscription({
      status: "active",
      checkoutId: checkout.id,
      latestInvoice: { status: "paid", created: Math.floor(Date.now() / 1000) },
    });
    const event = stripeEvent("evt_completed_5x", "checkout.session.completed", {
      id: "cs_x",
      object: "checkout.session",
      subscription: sub.id,
      metadata: { checkoutId: checkout.id },
    });
    // The success page waits for the event: it never grants access itself.
    expect(await (await browser.get(`/app/billing/success?checkout=${checkout.id}`)).text()).toContain("We are confirming your payment");
    const statuses = await Promise.all(Array.from({ length: 5 }, () => deliver(event).then((r) => r.status)));
    expect(statuses.every((s) => s === 200)).toBe(true);
    expect(await liveCount(user.id)).toBe(1);
    expect(await testDb().select().from(billingEvents).where(eq(billingEvents.providerEventId, "evt_completed_5x"))).toHaveLength(1);
    expect(await (await browser.get(`/app/billing/success?checkout=${checkout.id}`)).text()).toContain("Your payment is confirmed");
    expect((await browser.get("/app/coach/choose")).status).toBe(200);

    // Cards and cancellation live in Stripe's customer portal; cancelling here goes through Stripe too.
    const portal = await browser.post("/app/billing", { intent: "portal" });
    expect(portal.headers.get("location")).toBe("https://billing.stripe.test/session");
    expect((await browser.post("/app/billing", { intent: "cancel" })).status).toBe(200);
    expect(stripe.calls("POST", `/v1/subscriptions/${sub.id}`).at(-1)!.form.get("cancel_at_period_end")).toBe("true");
    const [cancelled] = await testDb()
      .select()
      .from(subscriptions)
      .where(eq(subscriptions.providerSubscriptionId, String(sub.id)));
    expect(cancelled!.status).toBe("cancelled_at_period_end");
    expect((await browser.get("/app/coach/choose")).status).toBe(200);
  });

  it("ends with access revoked when customer.subscription.deleted arrives before invoice.paid", async () => {
    const { user, cookie } = await createSignedInUser(testDb());
    const browser = new Browser(server.url, cookie);
    await startCheckout(browser, prices.usdMonthly.id);
    const checkout = await latestCheckoutFor(user.id);
    const sub = stripe.putSubscription({ status: "active", checkoutId: checkout.id });
    expect((await deliver(stripeEvent("evt_order_1", "checkout.session.completed", { id: "cs_o", subscription: sub.id }))).status).toBe(
      200,
    );
    expect((await browser.get("/app/coach/choose")).status).toBe(200);
    const invoice = stripe.putInvoice({
      subscription: String(sub.id),
      status: "paid",
      amount: 999,
      currency: "usd",
      paymentIntent: "pi_order_1",
    });
    // The member cancels at Stripe; the deletion is delivered first, the older invoice.paid last.
    stripe.putSubscription({ id: String(sub.id), status: "canceled", checkoutId: checkout.id });
    expect((await deliver(stripeEvent("evt_order_deleted", "customer.subscription.deleted", { id: sub.id }))).status).toBe(200);
    expect((await deliver(stripeEvent("evt_order_paid", "invoice.paid", { id: invoice.id }))).status).toBe(200);
    const [row] = await testDb()
      .select()
      .from(subscriptions)
      .where(eq(subscriptions.providerSubscriptionId, String(sub.id)));
    expect(row!.status).toBe("ended");
    expect((await browser.get("/app/coach/choose")).status).toBe(403);
    expect(
      await testDb()
        .select()
        .from(payments)
        .where(eq(payments.providerInvoiceId, String(invoice.id))),
    ).toHaveLength(1);
  });

  it("a failed payment keeps access in grace and messages the member; the retry restores it", async () => {
    const { user, cookie } = await createSignedInUser(testDb());
    const browser = new Browser(server.url, cookie);
    await startCheckout(browser, prices.usdMonthly.id);
    const checkout = await latestCheckoutFor(user.id);
    const sub = stripe.putSubscription({ status: "active", checkoutId: checkout.id });
    await deliver(stripeEvent("evt_dun_1", "checkout.session.completed", { id: "cs_d", subscription: sub.id }));
    const now = Math.floor(Date.now() / 1000);
    const failed = stripe.putInvoice({
      subscription: String(sub.id),
      status: "open",
      amount: 999,
      currency: "usd",
      paymentIntent: "pi_dun_1",
    });
    stripe.putSubscription({
      id: String(sub.id),
      status: "past_due",
      checkoutId: checkout.id,
      latestInvoice: { status: "open", created: now },
    });
    expect((await deliver(stripeEvent("evt_dun_failed", "invoice.payment_failed", { id: failed.id }))).status).toBe(200);
    const [pastDue] = await testDb()
      .select()
      .from(subscriptions)
      .where(eq(subscriptions.providerSubscriptionId, String(sub.id)));
    expect(pastDue!.status).toBe("past_due");
    expect((await browser.get("/app/coach/choose")).status).toBe(200);
    const outbox = await testDb().execute<{ kind: string }>(sql`select kind from email_outbox where user_id = ${user.id}`);
    expect(outbox.map((r) => r.kind)).toContain("billing.paymentFailed");
    const inApp = await testDb().execute<{ kind: string }>(sql`select kind from notifications where user_id = ${user.id}`);
    expect(inApp.map((r) => r.kind)).toContain("billing.paymentFailed");

    stripe.putInvoice({
      id: String(failed.id),
      subscription: String(sub.id),
      status: "paid",
      amount: 999,
      currency: "usd",
      paymentIntent: "pi_dun_1",
    });
    stripe.putSubscription({
      id: String(sub.id),
      status: "active",
      checkoutId: checkout.id,
      latestInvoice: { status: "paid", created: now },
    });
    await deliver(stripeEvent("evt_dun_paid", "invoice.paid", { id: failed.id }));
    const [recovered] = await testDb()
      .select()
      .from(subscriptions)
      .where(eq(subscriptions.providerSubscriptionId, String(sub.id)));
    expect(recovered!.status).toBe("active");
    expect(recovered!.pastDueSince).toBeNull();
    const [payment] = await testDb()
      .select()
      .from(payments)
      .where(eq(payments.providerInvoiceId, String(failed.id)));
    expect(payment!.status).toBe("paid");
    const after = await testDb().execute<{ kind: string }>(sql`select kind from email_outbox where user_id = ${user.id}`);
    expect(after.map((r) => r.kind)).toContain("billing.retrySucceeded");
  });

  it("a refund through the provider, with a reason, is audited and updates the member's history", async () => {
    const { user, cookie } = await createSignedInUser(testDb());
    const browser = new Browser(server.url, cookie);
    await startCheckout(browser, prices.usdMonthly.id);
    const checkout = await latestCheckoutFor(user.id);
    const sub = stripe.putSubscription({ status: "active", checkoutId: checkout.id });
    const invoice = stripe.putInvoice({
      subscription: String(sub.id),
      status: "paid",
      amount: 999,
      currency: "usd",
      paymentIntent: "pi_refund_1",
    });
    await deliver(stripeEvent("evt_ref_paid", "invoice.paid", { id: invoice.id }));
    const [payment] = await testDb()
      .select()
      .from(payments)
      .where(eq(payments.providerInvoiceId, String(invoice.id)));
    expect(payment!.status).toBe("paid");

    const { cookie: adminCookie } = await createSignedInUser(testDb(), { role: "admin" });
    const admin = new Browser(server.url, adminCookie);
    const noReason = await admin.post("/admin/billing", { intent: "refund", paymentId: payment!.id, amount: "4.00", reason: "" });
    expect(noReason.status).toBe(400);
    const tooMuch = await admin.post("/admin/billing", {
      intent: "refund",
      paymentId: payment!.id,
      amount: "20.00",
      reason: "Customer asked",
    });
    expect(tooMuch.status).toBe(422);
    const refund = await admin.post("/admin/billing", {
      intent: "refund",
      paymentId: payment!.id,
      amount: "4.00",
      reason: "Two days of service missed",
    });
    expect(refund.status).toBe(200);
    const [sent] = stripe.calls("POST", "/v1/refunds").slice(-1);
    expect(sent!.form.get("payment_intent")).toBe("pi_refund_1");
    expect(sent!.form.get("amount")).toBe("400");
    const [entry] = await testDb().select().from(adminAudit).where(eq(adminAudit.targetId, payment!.id));
    expect(entry!.reason).toBe("Two days of service missed");

    const charge = stripe.putCharge({ paymentIntent: "pi_refund_1", amount: 999, amountRefunded: 400 });
    expect((await deliver(stripeEvent("evt_refunded", "charge.refunded", { id: charge.id }))).status).toBe(200);
    const [refunded] = await testDb().select().from(payments).where(eq(payments.id, payment!.id));
    expect(refunded!.refundedMinor).toBe(400);
    expect(refunded!.status).toBe("partially_refunded");
    const history = await (await browser.get("/app/billing")).text();
    expect(history).toContain("Partly refunded");
    expect(history).toContain("$4.00 refunded");
  });

  it("two checkouts completed at once by one member leave one live subscription and cancel the other at Stripe", async () => {
    const { user, cookie } = await createSignedInUser(testDb());
    const browser = new Browser(server.url, cookie);
    await Promise.all([startCheckout(browser, prices.usdMonthly.id), startCheckout(browser, prices.vndMonthly.id)]);
    const checkouts = await testDb().select().from(checkoutSessions).where(eq(checkoutSessions.userId, user.id));
    expect(checkouts).toHaveLength(2);
    const subs = checkouts.map((c) => stripe.putSubscription({ status: "active", checkoutId: c.id }));
    const results = await Promise.all(
      subs.map((s, i) => deliver(stripeEvent(`evt_race_${i}`, "checkout.session.completed", { id: `cs_race_${i}`, subscription: s.id }))),
    );
    expect(results.map((r) => r.status)).toEqual([200, 200]);
    expect(await liveCount(user.id)).toBe(1);
    const after = await testDb().select().from(checkoutSessions).where(eq(checkoutSessions.userId, user.id));
    expect(after.map((c) => c.status).sort()).toEqual(["completed", "refused"]);
    expect(stripe.calls("DELETE", /^\/v1\/subscriptions\//)).toHaveLength(1);
  });

  it("applies our validated promotion as a Stripe coupon, follows a plan change made at Stripe, and ignores other event types", async () => {
    const { user, cookie } = await createSignedInUser(testDb());
    const browser = new Browser(server.url, cookie);
    expect((await startCheckout(browser, prices.usdMonthly.id, { promotionCode: "quit2026" })).status).toBe(302);
    const [session] = stripe.calls("POST", "/v1/checkout/sessions").slice(-1);
    expect(session!.form.get("discounts[0][coupon]")).toBe("quitpath_quit2026");
    const [coupon] = stripe.calls("POST", "/v1/coupons");
    expect(coupon!.form.get("percent_off")).toBe("20");
    const checkout = await latestCheckoutFor(user.id);
    expect(checkout).toMatchObject({ subtotalMinor: 999, discountMinor: 200, totalMinor: 799 });
    // The test provider's page does not exist when Stripe is configured.
    expect((await browser.get(`/app/billing/test-checkout?checkout=${checkout.id}`)).status).toBe(404);

    const monthlyStripePrice = (
      await testDb().execute<{ provider_price_id: string }>(
        sql`select provider_price_id from package_prices where id = ${prices.usdMonthly.id}`,
      )
    )[0]!.provider_price_id;
    const sub = stripe.putSubscription({ status: "active", checkoutId: checkout.id, priceId: monthlyStripePrice });
    await deliver(stripeEvent("evt_promo_done", "checkout.session.completed", { id: "cs_p", subscription: sub.id }));
    // The member switches to yearly in Stripe's portal; Stripe's price id for it is known to us.
    const yearly = (
      await testDb().execute<{ id: string }>(
        sql`select id from package_prices where package_id = ${prices.premium.id} and currency = 'USD' and period = 'yearly' and active`,
      )
    )[0]!;
    await testDb().execute(sql`update package_prices set provider_price_id = 'price_yearly_usd' where id = ${yearly.id}`);
    stripe.putSubscription({ id: String(sub.id), status: "active", checkoutId: checkout.id, priceId: "price_yearly_usd" });
    expect((await deliver(stripeEvent("evt_plan_change", "customer.subscription.updated", { id: sub.id }))).status).toBe(200);
    const [row] = await testDb()
      .select()
      .from(subscriptions)
      .where(eq(subscriptions.providerSubscriptionId, String(sub.id)));
    expect(row!.priceId).toBe(yearly.id);

    const other = await deliver(stripeEvent("evt_other", "customer.created", { id: "cus_other" }));
    expect(other.status).toBe(200);
    expect(await other.text()).toBe("ignored");
  });
});
