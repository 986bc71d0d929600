import { and, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  adminAudit,
  checkoutSessions,
  erasureReceipts,
  packagePrices,
  payments,
  promotionRedemptions,
  promotions,
  pushSubscriptions,
  subscriptions,
} from "#db/schema";
import { createSignedInUser } from "#db/seed/factories";
import { MomoStandIn, momoRaw } from "../../setup/momo-standin";
import { Browser, startTestServer } from "../../setup/app";
import { testDb } from "../../setup/db";
import { hmacSha512, phpUrlencode, VnpayStandIn, vnpayHashData } from "../../setup/vnpay-standin";
import { seedPackages } from "./helpers";

// This file's server takes VNPay and MoMo through loopback stand-ins that sign and verify as the providers do.
const VNPAY_SECRET = "QUITPATHVNPAYSANDBOXSECRET000001";
const vnpay = await new VnpayStandIn("QPTEST01", VNPAY_SECRET).start();
const momo = await new MomoStandIn("MOMOQP01", "qpaccesskey01", "QUITPATHMOMOSANDBOXSECRETKEY0001").start();
delete process.env.STRIPE_SECRET_KEY;
Object.assign(process.env, {
  VNPAY_TMN_CODE: vnpay.tmnCode,
  VNPAY_HASH_SECRET: VNPAY_SECRET,
  VNPAY_MODE: "sandbox",
  VNPAY_PAY_URL: vnpay.payUrl,
  VNPAY_API_URL: vnpay.apiUrl,
  MOMO_PARTNER_CODE: momo.partnerCode,
  MOMO_ACCESS_KEY: momo.accessKey,
  MOMO_SECRET_KEY: momo.secretKey,
  MOMO_MODE: "sandbox",
  MOMO_API_URL: momo.url,
  PAYMENT_RECONCILE_AFTER_MINUTES: "1",
});

let server: Awaited<ReturnType<typeof startTestServer>>;
let prices: Awaited<ReturnType<typeof seedPackages>>;
let vndYearly: typeof packagePrices.$inferSelect;
beforeAll(async () => {
  server = await startTestServer();
  vnpay.ipnUrl = `${server.url}/webhooks/vnpay`;
  momo.ipnOrigin = server.url;
  prices = await seedPackages(testDb());
  vndYearly = (
    await testDb()
      .select()
      .from(packagePrices)
      .where(and(eq(packagePrices.packageId, prices.premium.id), eq(packagePrices.currency, "VND"), eq(packagePrices.period, "yearly")))
  )[0]!;
});
afterAll(async () => {
  await server.close();
  await vnpay.stop();
  await momo.stop();
});

const DAY = 24 * 3600 * 1000;

async function member() {
  const { user, cookie } = await createSignedInUser(testDb(), { locale: "vi" });
  return { user, browser: new Browser(server.url, cookie) };
}

/** The member chooses a way to pay on our checkout page; returns the attempt and the provider URL we sent them to. */
async function checkout(browser: Browser, priceId: string, method: "vnpay" | "momo", promotionCode?: string) {
  const response = await browser.post(`/app/billing/checkout?price=${priceId}`, {
    intent: "start",
    priceId,
    method,
    acceptTerms: "on",
    ...(promotionCode ? { promotionCode } : {}),
  });
  expect(response.status).toBe(302);
  const location = response.headers.get("location")!;
  const reference =
    method === "vnpay" ? new URL(location).searchParams.get("vnp_TxnRef")! : decodeURIComponent(location.split("/pay/")[1]!);
  const [attempt] = await testDb().select().from(checkoutSessions).where(eq(checkoutSessions.providerSessionId, reference));
  return { location, reference, attempt: attempt! };
}

/** The browser opens the provider's page (the stand-in verifies our signature there). */
async function openVnpayPage(location: string) {
  const page = await fetch(location);
  expect(page.status).toBe(200);
}

const liveSubscription = async (userId: string) =>
  (
    await testDb()
      .select()
      .from(subscriptions)
      .where(and(eq(subscriptions.userId, userId), sql`${subscriptions.status} in ('active','past_due')`))
  )[0];
const paymentsOf = (userId: string) => testDb().select().from(payments).where(eq(payments.userId, userId));

// The stand-ins share no code with app/; before they judge our signing, they are checked against what
// the providers (and an SDK) publish. The vectors' sources are cited in app/modules/billing/signing-vectors.test.ts.
describe("the stand-ins sign as published", () => {
  it("VNPay: the vnpay package's return-URL hash and the query string of VNPay's own guide URL", () => {
    const returned = {
      vnp_Amount: "1000000",
      vnp_BankCode: "NCB",
      vnp_BankTranNo: "VNP14422574",
      vnp_CardType: "ATM",
      vnp_OrderInfo: "Thanh toan don hang 2024-05-21T02:17:31.249Z",
      vnp_PayDate: "20240521091806",
      vnp_ResponseCode: "00",
      vnp_TmnCode: "TEST_TMN_CODE",
      vnp_TransactionNo: "14422574",
      vnp_TransactionStatus: "00",
      vnp_TxnRef: "1716257871703",
    };
    expect(hmacSha512("test_secret", vnpayHashData(returned))).toBe(
      "649982421beb422556a1374713c74e58e716ecbd05007c0c0e1f7effdfaf361dbf146889ca446139afe11b9954c4d5c486e99e3b86fcfab6957f29eb0be72895",
    );
    const guide = new URL(
      "https://sandbox.vnpayment.vn/paymentv2/vpcpay.html?vnp_Amount=1806000&vnp_Command=pay&vnp_CreateDate=20210801153333" +
        "&vnp_CurrCode=VND&vnp_IpAddr=127.0.0.1&vnp_Locale=vn&vnp_OrderInfo=Thanh+toan+don+hang+%3A5&vnp_OrderType=other" +
        "&vnp_ReturnUrl=https%3A%2F%2Fdomainmerchant.vn%2FReturnUrl&vnp_TmnCode=DEMOV210&vnp_TxnRef=5&vnp_Version=2.1.0" +
        "&vnp_SecureHash=3e0d61a0c0534b2e36680b3f7277743e8784cc4e1d68fa7d276e79c23be7d6318d338b477910a27992f5057bb1582bd44bd82ae8009ffaf6d141219218625c42",
    );
    expect(vnpayHashData(Object.fromEntries(guide.searchParams))).toBe(guide.search.slice(1).split("&vnp_SecureHash=")[0]);
    // PHP's urlencode, as VNPay's PHP demo applies it.
    expect(phpUrlencode("Thanh toán (1) *~")).toBe("Thanh+to%C3%A1n+%281%29+%2A%7E");
  });

  it("MoMo: the raw strings of the documented templates", () => {
    expect(momoRaw("query", { accessKey: "K", orderId: "1527246478428", partnerCode: "123456", requestId: "1527246504579" })).toBe(
      "accessKey=K&orderId=1527246478428&partnerCode=123456&requestId=1527246504579",
    );
    expect(
      momoRaw("refund", {
        accessKey: "K",
        amount: 350000,
        orderId: "1527297954700",
        partnerCode: "MOMO",
        requestId: "1527314064527",
        transId: 144492817,
      }),
    ).toBe("accessKey=K&amount=350000&description=&orderId=1527297954700&partnerCode=MOMO&requestId=1527314064527&transId=144492817");
  });
});

describe("VNPay", () => {
  it("signs the payment URL as VNPay 2.1.0 does: amount ×100, VND, our return URL, one vnp_TxnRef per attempt", async () => {
    const { browser } = await member();
    const first = await checkout(browser, prices.vndMonthly.id, "vnpay");
    const second = await checkout(browser, prices.vndMonthly.id, "vnpay");
    const params = new URL(first.location).searchParams;
    expect(params.get("vnp_Amount")).toBe(String(149_000 * 100));
    expect(params.get("vnp_CurrCode")).toBe("VND");
    expect(params.get("vnp_Version")).toBe("2.1.0");
    expect(params.get("vnp_Locale")).toBe("vn");
    expect(params.get("vnp_ReturnUrl")).toMatch(/\/app\/billing\/return\/vnpay$/);
    expect(first.reference).not.toBe(second.reference);
    expect(first.attempt.totalMinor).toBe(149_000);
    await openVnpayPage(first.location);
    // A URL changed after signing is refused by VNPay's page.
    const tampered = first.location.replace(`vnp_Amount=${149_000 * 100}`, "vnp_Amount=100");
    expect((await fetch(tampered)).status).toBe(400);
  });

  it("a paid attempt fulfils once: the return comes first (pending), then the IPN twice", async () => {
    const { user, browser } = await member();
    const { location, reference } = await checkout(browser, prices.vndMonthly.id, "vnpay");
    await openVnpayPage(location);
    const returnUrl = await vnpay.finish(reference, "paid", { deliverIpn: false });
    const returned = await browser.get(new URL(returnUrl).pathname + new URL(returnUrl).search);
    expect(returned.status).toBe(200);
    expect(await returned.text()).toContain("Đang xác nhận thanh toán");
    expect(await liveSubscription(user.id)).toBeUndefined();

    expect(await vnpay.deliverIpn(reference)).toEqual({ RspCode: "00", Message: "Confirm Success" });
    expect(await vnpay.deliverIpn(reference)).toEqual({ RspCode: "02", Message: "Order already confirmed" });
    const sub = await liveSubscription(user.id);
    expect(sub?.provider).toBe("vnpay");
    expect(sub!.currentPeriodEnd.getTime()).toBeGreaterThan(Date.now() + 27 * DAY);
    const paid = await paymentsOf(user.id);
    expect(paid).toHaveLength(1);
    expect(paid[0]).toMatchObject({ provider: "vnpay", amountMinor: 149_000, currency: "VND", status: "paid" });
    expect(paid[0]!.providerPaymentIntentId).toMatch(/^\d+$/);
    expect(await (await browser.get(new URL(returnUrl).pathname + new URL(returnUrl).search)).text()).toContain("Đã nhận thanh toán");
  });

  it("refuses an IPN with a changed amount (04), a forged signature (97) or an unknown reference (01), changing nothing", async () => {
    const { user, browser } = await member();
    const { location, reference, attempt } = await checkout(browser, prices.vndMonthly.id, "vnpay");
    await openVnpayPage(location);
    await vnpay.finish(reference, "paid", { deliverIpn: false });
    // Signed by VNPay but for another amount than our record of the attempt.
    expect(await vnpay.deliverIpn(reference, vnpay.resultParams(reference, { vnp_Amount: "100000" }))).toEqual({
      RspCode: "04",
      Message: "invalid amount",
    });
    const forged: Record<string, string> = { ...vnpay.resultParams(reference), vnp_Amount: String(149_000 * 100) };
    forged.vnp_SecureHash = "0".repeat(128);
    expect((await vnpay.deliverIpn(reference, forged)).RspCode).toBe("97");
    const changedAfterSigning = { ...vnpay.resultParams(reference), vnp_ResponseCode: "00", vnp_TxnRef: "QP" + "f".repeat(32) };
    expect((await vnpay.deliverIpn(reference, changedAfterSigning)).RspCode).toBe("97");
    vnpay.transactions.set("QP" + "e".repeat(32), { ...vnpay.transactions.get(reference)!, txnRef: "QP" + "e".repeat(32) });
    expect((await vnpay.deliverIpn("QP" + "e".repeat(32))).RspCode).toBe("01");

    expect(await liveSubscription(user.id)).toBeUndefined();
    expect(await paymentsOf(user.id)).toHaveLength(0);
    const [after] = await testDb().select().from(checkoutSessions).where(eq(checkoutSessions.id, attempt.id));
    expect(after!.status).toBe("open");
    const mismatches = await testDb()
      .select()
      .from(adminAudit)
      .where(and(eq(adminAudit.action, "payment.mismatch"), eq(adminAudit.targetId, attempt.id)));
    expect(mismatches).toHaveLength(1);
    expect(mismatches[0]!.details).toMatchObject({ expectedMinor: 149_000, reportedMinor: 1000 });
  });

  it("a cancelled payment marks the attempt failed and grants nothing; a replay of it changes nothing", async () => {
    const { user, browser } = await member();
    const { location, reference, attempt } = await checkout(browser, prices.vndMonthly.id, "vnpay");
    await openVnpayPage(location);
    await vnpay.finish(reference, "cancelled");
    expect(vnpay.ipnAnswers.at(-1)!.answer.RspCode).toBe("00");
    expect((await vnpay.deliverIpn(reference)).RspCode).toBe("02");
    const [after] = await testDb().select().from(checkoutSessions).where(eq(checkoutSessions.id, attempt.id));
    expect(after).toMatchObject({ status: "failed", failureCode: "vnpay_24" });
    expect(await liveSubscription(user.id)).toBeUndefined();
  });

  it("reconciliation fulfils an attempt whose IPN never came, through querydr", async () => {
    const { user, browser } = await member();
    const { location, reference, attempt } = await checkout(browser, prices.vndMonthly.id, "vnpay");
    await openVnpayPage(location);
    await vnpay.finish(reference, "paid", { deliverIpn: false });
    // Not yet due: the job asks only about attempts older than the timeout.
    const { reconcilePendingAttempts } = await import("~/modules/billing/one-off.server");
    await reconcilePendingAttempts(testDb(), new Date());
    expect(await liveSubscription(user.id)).toBeUndefined();
    await reconcilePendingAttempts(testDb(), new Date(attempt.createdAt.getTime() + 2 * 60_000));
    const query = vnpay.apiCalls.find((c) => c.vnp_Command === "querydr" && c.vnp_TxnRef === reference);
    expect(query).toBeDefined();
    expect((await liveSubscription(user.id))?.provider).toBe("vnpay");
    expect(await paymentsOf(user.id)).toHaveLength(1);
    // The IPN arriving late afterwards changes nothing.
    expect((await vnpay.deliverIpn(reference)).RspCode).toBe("02");
    expect(await paymentsOf(user.id)).toHaveLength(1);
  });

  it("concurrent checkouts of two terms extend one after the other, never double", async () => {
    const { user, browser } = await member();
    const monthly = await checkout(browser, prices.vndMonthly.id, "vnpay");
    const yearly = await checkout(browser, vndYearly.id, "vnpay");
    await openVnpayPage(monthly.location);
    await openVnpayPage(yearly.location);
    await vnpay.finish(monthly.reference, "paid", { deliverIpn: false });
    await vnpay.finish(yearly.reference, "paid", { deliverIpn: false });
    const before = Date.now();
    const answers = await Promise.all([
      vnpay.deliverIpn(monthly.reference),
      vnpay.deliverIpn(yearly.reference),
      vnpay.deliverIpn(monthly.reference),
    ]);
    expect(answers.filter((a) => a.RspCode === "00")).toHaveLength(2);
    const subs = await testDb().select().from(subscriptions).where(eq(subscriptions.userId, user.id));
    expect(subs).toHaveLength(1);
    const months = (subs[0]!.currentPeriodEnd.getTime() - before) / (30.44 * DAY);
    expect(Math.round(months)).toBe(13);
    expect(await paymentsOf(user.id)).toHaveLength(2);
  });

  it("an admin's full refund goes through VNPay's refund API and takes the term back", async () => {
    const { user, browser } = await member();
    const { location, reference } = await checkout(browser, prices.vndMonthly.id, "vnpay");
    await openVnpayPage(location);
    await vnpay.finish(reference, "paid");
    const [payment] = await paymentsOf(user.id);
    const { cookie } = await createSignedInUser(testDb(), { role: "admin", locale: "en" });
    const admin = new Browser(server.url, cookie);
    const page = await admin.get("/admin/billing");
    const html = await page.text();
    expect(html).toContain(payment!.providerPaymentIntentId!);
    const refund = await admin.post("/admin/billing", {
      intent: "refund",
      paymentId: payment!.id,
      amount: "149000",
      reason: "Member asked",
    });
    expect(refund.status).toBe(200);
    const call = vnpay.apiCalls.find((c) => c.vnp_Command === "refund" && c.vnp_TxnRef === reference);
    expect(call).toMatchObject({
      vnp_TransactionType: "02",
      vnp_Amount: String(149_000 * 100),
      vnp_TransactionNo: payment!.providerPaymentIntentId,
    });
    const [after] = await paymentsOf(user.id);
    expect(after).toMatchObject({ status: "refunded", refundedMinor: 149_000 });
    const [sub] = await testDb().select().from(subscriptions).where(eq(subscriptions.userId, user.id));
    expect(sub!.status).toBe("ended");
  });

  it("a refund of an extension moves the end back by that term only", async () => {
    const { user, browser } = await member();
    const first = await checkout(browser, prices.vndMonthly.id, "vnpay");
    await openVnpayPage(first.location);
    await vnpay.finish(first.reference, "paid");
    const second = await checkout(browser, vndYearly.id, "vnpay");
    await openVnpayPage(second.location);
    await vnpay.finish(second.reference, "paid");
    const extended = (await liveSubscription(user.id))!;
    const yearlyPayment = (await paymentsOf(user.id)).find((p) => p.amountMinor === 1_490_000)!;
    const { user: adminUser } = await createSignedInUser(testDb(), { role: "admin" });
    const { refundPayment } = await import("~/modules/billing/billing.server");
    await refundPayment(testDb(), adminUser.id, yearlyPayment.id, 1_490_000, "Bought twice by mistake");
    const after = (await liveSubscription(user.id))!;
    expect(after.status).toBe("active");
    const removed = extended.currentPeriodEnd.getTime() - after.currentPeriodEnd.getTime();
    expect(removed).toBe(yearlyPayment.periodEnd!.getTime() - yearlyPayment.periodStart!.getTime());
    expect(after.currentPeriodEnd.getTime()).toBeGreaterThan(Date.now() + 27 * DAY);
  });

  it("the IPN endpoint answers only GET, and without VNPay's signature nothing is read", async () => {
    const post = await fetch(`${server.url}/webhooks/vnpay`, { method: "POST", body: "x" });
    expect(post.status).toBe(405);
    const bare = await fetch(`${server.url}/webhooks/vnpay?vnp_TxnRef=QP${"a".repeat(32)}&vnp_ResponseCode=00`);
    expect(await bare.json()).toEqual({ RspCode: "97", Message: "Invalid signature" });
  });
});

describe("MoMo", () => {
  it("creates the payment with MoMo's signature, fulfils once from the IPN (204) and ignores a replay", async () => {
    const { user, browser } = await member();
    const { reference } = await checkout(browser, prices.vndMonthly.id, "momo");
    expect(momo.orders.get(reference)).toMatchObject({ amount: 149_000 });
    expect(new URL(momo.orders.get(reference)!.ipnUrl).pathname).toBe("/webhooks/momo");
    await momo.finish(reference, "paid");
    expect(momo.ipnStatuses.at(-1)!.status).toBe(204);
    expect(await momo.deliverIpn(reference)).toBe(204);
    expect((await liveSubscription(user.id))?.provider).toBe("momo");
    expect(await paymentsOf(user.id)).toHaveLength(1);
  });

  it("refuses a forged IPN (400) and a changed amount, changing nothing", async () => {
    const { user, browser } = await member();
    const { reference, attempt } = await checkout(browser, prices.vndMonthly.id, "momo");
    await momo.finish(reference, "paid", { deliverIpn: false });
    const forged = { ...momo.ipnBody(reference), amount: 1000 };
    expect(await momo.deliverIpn(reference, forged)).toBe(400);
    expect(await momo.deliverIpn(reference, momo.ipnBody(reference, { amount: 1000 }))).toBe(204);
    expect(await liveSubscription(user.id)).toBeUndefined();
    const mismatches = await testDb()
      .select()
      .from(adminAudit)
      .where(and(eq(adminAudit.action, "payment.mismatch"), eq(adminAudit.targetId, attempt.id)));
    expect(mismatches).toHaveLength(1);
    expect((await fetch(`${server.url}/webhooks/momo`)).status).toBe(405);
  });

  it("reconciliation fulfils through MoMo's query API, and a refund goes through MoMo's refund API", async () => {
    const { user, browser } = await member();
    const { reference, attempt } = await checkout(browser, prices.vndMonthly.id, "momo");
    await momo.finish(reference, "paid", { deliverIpn: false });
    const { reconcilePendingAttempts } = await import("~/modules/billing/one-off.server");
    await reconcilePendingAttempts(testDb(), new Date(attempt.createdAt.getTime() + 2 * 60_000));
    expect((await liveSubscription(user.id))?.provider).toBe("momo");
    const [payment] = await paymentsOf(user.id);
    const { user: adminUser } = await createSignedInUser(testDb(), { role: "admin" });
    const { refundPayment } = await import("~/modules/billing/billing.server");
    await refundPayment(testDb(), adminUser.id, payment!.id, 49_000, "Partial goodwill refund");
    expect(momo.orders.get(reference)!.refunded).toBe(49_000);
    const [after] = await paymentsOf(user.id);
    expect(after).toMatchObject({ status: "partially_refunded", refundedMinor: 49_000 });
    expect((await liveSubscription(user.id))?.status).toBe("active");
  });
});

describe("terms without card storage", () => {
  it("reminds before the end with a renewal link, then grace, then the end of access", async () => {
    const { user } = await member();
    // Arrange the simplest case: a paid VNPay term ending in three days.
    const [created] = await testDb()
      .insert(subscriptions)
      .values({
        userId: user.id,
        packageId: prices.premium.id,
        priceId: prices.vndMonthly.id,
        status: "active",
        provider: "vnpay",
        providerSubscriptionId: `vnpay_arranged_${user.id}`,
        currentPeriodEnd: new Date(Date.now() + 3 * DAY),
        acceptedTermsVersion: 1,
      })
      .returning();
    const { advanceOneOffTerms } = await import("~/modules/billing/one-off.server");
    const now = new Date();
    expect((await advanceOneOffTerms(testDb(), now)).reminded).toBeGreaterThanOrEqual(1);
    expect((await advanceOneOffTerms(testDb(), now)).reminded).toBe(0);
    const notes = await testDb().execute<{ kind: string; payload: { href: string } }>(
      sql`select kind, payload from notifications where user_id = ${user.id}`,
    );
    expect(notes.map((n) => n.kind)).toContain("billing.renewalDue");
    expect(notes.find((n) => n.kind === "billing.renewalDue")!.payload.href).toBe(`/app/billing/checkout?price=${prices.vndMonthly.id}`);
    await advanceOneOffTerms(testDb(), new Date(now.getTime() + 4 * DAY));
    const [lapsed] = await testDb().select().from(subscriptions).where(eq(subscriptions.id, created!.id));
    expect(lapsed).toMatchObject({ status: "past_due" });
    await advanceOneOffTerms(testDb(), new Date(now.getTime() + 20 * DAY));
    const [ended] = await testDb().select().from(subscriptions).where(eq(subscriptions.id, created!.id));
    expect(ended!.status).toBe("ended");
  });
});

describe("erasing a member on a VNPay or MoMo term", () => {
  it("ends the prepaid term without a provider event or a notice, settles a MoMo payment no IPN announced, and keeps both payments anonymised", async () => {
    const { requestErasure, eraseMember, ERASURE_GRACE_DAYS } = await import("~/modules/privacy/erasure.server");
    const { user, browser } = await member();
    const first = await checkout(browser, prices.vndMonthly.id, "vnpay");
    await openVnpayPage(first.location);
    await vnpay.finish(first.reference, "paid");
    expect((await liveSubscription(user.id))?.provider).toBe("vnpay");
    // A second term paid at MoMo while the member waited out the grace period: its IPN never came.
    const second = await checkout(browser, prices.vndMonthly.id, "momo");
    await momo.finish(second.reference, "paid", { deliverIpn: false });
    const before = await testDb().execute<{ n: number }>(sql`select count(*)::int as n from billing_events where provider = 'test'`);

    await requestErasure(testDb(), user.id, { keepPosts: false });
    const erasedAt = new Date(Date.now() + (ERASURE_GRACE_DAYS + 1) * DAY);
    const erased = await eraseMember(testDb(), user.id, erasedAt);
    expect(erased).not.toBeNull();

    // Nothing to cancel at VNPay or MoMo: no refund, no call beyond the query of the open attempt.
    expect(momo.orders.get(second.reference)!.refunded ?? 0).toBe(0);
    const [receipt] = await testDb().select().from(erasureReceipts).where(eq(erasureReceipts.id, erased!.receiptId));
    expect(receipt!.counts.subscriptions_ended_at_provider).toBe(1);
    expect(receipt!.paymentIds).toHaveLength(2);
    const kept = await testDb().select().from(payments).where(inArray(payments.id, receipt!.paymentIds));
    expect(kept.map((p) => [p.provider, p.amountMinor, p.currency, p.userId, p.subscriptionId, p.providerInvoiceId]).sort()).toEqual([
      ["momo", 149_000, "VND", null, null, null],
      ["vnpay", 149_000, "VND", null, null, null],
    ]);
    // The test provider's path is not taken for them: no fake 'test' event, no "access ended" email to the person being erased.
    const after = await testDb().execute<{ n: number }>(sql`select count(*)::int as n from billing_events where provider = 'test'`);
    expect(after[0]!.n).toBe(before[0]!.n);
    expect(await testDb().execute(sql`select 1 from email_outbox where to_address = ${user.email}`)).toHaveLength(0);
    expect(await testDb().select().from(subscriptions).where(eq(subscriptions.userId, user.id))).toHaveLength(0);
    // A late IPN for the erased member's attempt finds nothing to fulfil.
    expect(await vnpay.deliverIpn(first.reference)).toMatchObject({ RspCode: "01" });
  });

  it("ends the term before the erasure (idempotent) and a MoMo query failure leaves the member for the retry", async () => {
    const { endOneOffTermsNow } = await import("~/modules/billing/one-off.server");
    const { user, browser } = await member();
    const { location, reference } = await checkout(browser, prices.vndMonthly.id, "vnpay");
    await openVnpayPage(location);
    await vnpay.finish(reference, "paid");
    const now = new Date();
    expect(await endOneOffTermsNow(testDb(), user.id, now)).toBe(1);
    expect(await endOneOffTermsNow(testDb(), user.id, now)).toBe(0);
    const [ended] = await testDb().select().from(subscriptions).where(eq(subscriptions.userId, user.id));
    expect(ended).toMatchObject({ status: "ended", provider: "vnpay" });
    expect(ended!.endedAt!.getTime()).toBe(now.getTime());

    const open = await checkout(browser, prices.vndMonthly.id, "momo");
    // MoMo unreachable for a moment (the configuration is read again once the overlay changes).
    const { setSecretOverlay } = await import("~/lib/env.server");
    setSecretOverlay({ MOMO_API_URL: "http://127.0.0.1:9" });
    try {
      await expect(endOneOffTermsNow(testDb(), user.id, now)).rejects.toThrow();
    } finally {
      setSecretOverlay({});
    }
    const [attempt] = await testDb().select().from(checkoutSessions).where(eq(checkoutSessions.providerSessionId, open.reference));
    expect(attempt!.status).toBe("open");
  });
});

describe("a promotion code on a VNPay or MoMo term", () => {
  it("writes one redemption per paid term, once however often the IPN and reconciliation report it", async () => {
    const [promotion] = await testDb()
      .insert(promotions)
      .values({ code: "TET2026", kind: "percent", percentOff: 10, maxRedemptions: 10 })
      .returning();
    const { user, browser } = await member();
    const first = await checkout(browser, prices.vndMonthly.id, "vnpay", "tet2026");
    expect(first.attempt).toMatchObject({ promotionId: promotion!.id, totalMinor: 134_100, discountMinor: 14_900 });
    await openVnpayPage(first.location);
    await vnpay.finish(first.reference, "paid");
    expect((await vnpay.deliverIpn(first.reference)).RspCode).toBe("02");
    const { reconcilePendingAttempts, settleOneOffAttempt } = await import("~/modules/billing/one-off.server");
    await reconcilePendingAttempts(testDb(), new Date(Date.now() + 2 * 60_000));
    const { oneOffProvider } = await import("~/modules/billing/one-off-providers.server");
    expect(
      await settleOneOffAttempt(testDb(), await oneOffProvider("vnpay").query(first.attempt, "127.0.0.1", new Date()), "reconciliation"),
    ).toBe("already-fulfilled");
    const redemptions = () =>
      testDb()
        .select()
        .from(promotionRedemptions)
        .where(eq(promotionRedemptions.promotionId, promotion!.id))
        .orderBy(promotionRedemptions.createdAt);
    const sub = await liveSubscription(user.id);
    expect(await redemptions()).toMatchObject([{ userId: user.id, subscriptionId: sub!.id, checkoutId: first.attempt.id }]);
    const counter = async () => (await testDb().select().from(promotions).where(eq(promotions.id, promotion!.id)))[0]!.redemptions;
    expect(await counter()).toBe(1);

    // The next term, paid at MoMo with the same code, extends the same subscription and is its own redemption.
    const second = await checkout(browser, prices.vndMonthly.id, "momo", "TET2026");
    await momo.finish(second.reference, "paid");
    expect(await momo.deliverIpn(second.reference)).toBe(204);
    expect((await redemptions()).map((r) => [r.subscriptionId, r.checkoutId])).toEqual([
      [sub!.id, first.attempt.id],
      [sub!.id, second.attempt.id],
    ]);
    expect(await counter()).toBe(2);
    // Without a code, nothing is redeemed.
    const third = await checkout(browser, prices.vndMonthly.id, "momo");
    await momo.finish(third.reference, "paid");
    expect(await redemptions()).toHaveLength(2);
  });
});

describe("renewal reminders on the member's channels", () => {
  it("go in-app, by email, and by SMS and push when the member chose them for billing, once each", async () => {
    const { saveNotificationSettings } = await import("~/modules/notifications/settings.server");
    const { defaultNotificationPreferences } = await import("~/modules/notifications/preferences");
    const { advanceOneOffTerms } = await import("~/modules/billing/one-off.server");
    const arrangeTerm = async (userId: string) =>
      testDb()
        .insert(subscriptions)
        .values({
          userId,
          packageId: prices.premium.id,
          priceId: prices.vndMonthly.id,
          status: "active",
          provider: "momo",
          providerSubscriptionId: `momo_arranged_${userId}`,
          currentPeriodEnd: new Date(Date.now() + 3 * DAY),
          acceptedTermsVersion: 1,
        });
    const { user: everywhere } = await member();
    await saveNotificationSettings(
      testDb(),
      everywhere.id,
      {
        ...defaultNotificationPreferences,
        quietHours: null,
        channels: { ...defaultNotificationPreferences.channels, billing: ["in-app", "email", "sms", "push"] },
      },
      "+84901234567",
    );
    await testDb().insert(pushSubscriptions).values({
      userId: everywhere.id,
      endpoint: "https://push.example.com/device-1",
      p256dh: "BPn0XqVf3Yc9p6lHQ5T0ZJ6A8l4c1Xk0r2vK2jN7t6m8s1Q4d3w5e6r7t8y9u0i1o2p3a4s5d6f7g8h9j0k1l2z3",
      auth: "c2VjcmV0LWF1dGgtMTY",
    });
    await arrangeTerm(everywhere.id);
    const { user: byDefault } = await member();
    await arrangeTerm(byDefault.id);

    const now = new Date();
    await advanceOneOffTerms(testDb(), now);
    await advanceOneOffTerms(testDb(), now);
    const renewal = `/app/billing/checkout?price=${prices.vndMonthly.id}`;
    const rows = async (table: "email_outbox" | "sms_outbox" | "push_outbox", userId: string) =>
      (await testDb().execute<Record<string, string>>(
        sql`select * from ${sql.identifier(table)} where user_id = ${userId}::uuid`,
      )) as Record<string, string>[];

    const emails = await rows("email_outbox", everywhere.id);
    expect(emails).toHaveLength(1);
    expect(emails[0]!.kind).toBe("billing");
    expect(emails[0]!.to_address).toBe(everywhere.email);
    expect(emails[0]!.text_body).toContain(renewal);
    const texts = await rows("sms_outbox", everywhere.id);
    expect(texts).toHaveLength(1);
    expect(texts[0]!.to_number).toBe("+84901234567");
    expect(texts[0]!.body).toContain(renewal);
    const pushes = await rows("push_outbox", everywhere.id);
    expect(pushes).toHaveLength(1);
    expect(pushes[0]!.href).toBe(renewal);
    const inApp = await testDb().execute<{ kind: string }>(sql`select kind from notifications where user_id = ${everywhere.id}::uuid`);
    expect(inApp.map((n) => n.kind)).toEqual(["billing.renewalDue"]);

    // The defaults: in-app and email only (billing email cannot be turned off).
    expect(await rows("email_outbox", byDefault.id)).toHaveLength(1);
    expect(await rows("sms_outbox", byDefault.id)).toHaveLength(0);
    expect(await rows("push_outbox", byDefault.id)).toHaveLength(0);
  });
});
