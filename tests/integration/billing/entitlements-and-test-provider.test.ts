import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminAudit, checkoutSessions, coachMatchRequests, packages, payments, promotions, subscriptions } from "#db/schema";
import { createSignedInUser } from "#db/seed/factories";
import { Browser, startTestServer } from "../../setup/app";
import { testDb } from "../../setup/db";
import { seedPackages } from "./helpers";

// No STRIPE_SECRET_KEY: this file runs the built-in test provider.
delete process.env.STRIPE_SECRET_KEY;

let server: Awaited<ReturnType<typeof startTestServer>>;
let prices: Awaited<ReturnType<typeof seedPackages>>;
beforeAll(async () => {
  server = await startTestServer();
  prices = await seedPackages(testDb());
});
afterAll(async () => server.close());

const DAY = 24 * 3600 * 1000;
type MemberState = "basic" | "premium" | "past-due in grace" | "past-due beyond grace" | "ended";

/** A signed-in member whose subscription is in `state` (arranged directly, as a provider event would leave it). */
async function memberIn(state: MemberState) {
  const { user, cookie } = await createSignedInUser(testDb());
  if (state !== "basic") {
    const now = Date.now();
    const status = state === "premium" ? "active" : state === "ended" ? "ended" : "past_due";
    await testDb()
      .insert(subscriptions)
      .values({
        userId: user.id,
        packageId: prices.premium.id,
        priceId: prices.usdMonthly.id,
        status,
        provider: "test",
        providerSubscriptionId: `test_sub_arranged_${user.id}`,
        currentPeriodEnd: new Date(now + (status === "active" ? 20 : -3) * DAY),
        pastDueSince:
          state === "past-due in grace" ? new Date(now - 2 * DAY) : state === "past-due beyond grace" ? new Date(now - 30 * DAY) : null,
        endedAt: status === "ended" ? new Date(now - DAY) : null,
        acceptedTermsVersion: 1,
      });
  }
  return { user, browser: new Browser(server.url, cookie) };
}

// coach-chat and video-sessions are the entitlements routes deliver today (the AI coach and premium content are not sold).
// "match-me" with no coach offered leaves a waiting request, which the test counts.
const PREMIUM_ROUTES: { name: string; run: (b: Browser) => Promise<Response>; allowed: number }[] = [
  { name: "GET /app/coach/choose", run: (b) => b.get("/app/coach/choose"), allowed: 200 },
  { name: "GET /app/coach/sessions", run: (b) => b.get("/app/coach/sessions"), allowed: 200 },
  { name: "GET /app/coaching", run: (b) => b.get("/app/coaching"), allowed: 302 },
  {
    name: "POST /app/coach/choose match-me",
    run: (b) => b.post("/app/coach/choose", { intent: "match-me", languages: "vi", note: "I smoke most after lunch." }),
    allowed: 200,
  },
  {
    name: "POST /app/coach/choose choose",
    run: (b) => b.post("/app/coach/choose", { intent: "choose", coachId: "00000000-0000-4000-8000-000000000000" }),
    allowed: 404,
  },
];

const EXPECTED: Record<MemberState, "allowed" | 403> = {
  basic: 403,
  premium: "allowed",
  "past-due in grace": "allowed",
  "past-due beyond grace": 403,
  ended: 403,
};

describe("entitlement matrix: every premium route and action × member state", () => {
  for (const [state, expected] of Object.entries(EXPECTED) as [MemberState, "allowed" | 403][]) {
    it(`${state} → ${expected === "allowed" ? "allowed" : "403 upgrade page"}`, async () => {
      const { user, browser } = await memberIn(state);
      for (const route of PREMIUM_ROUTES) {
        const response = await route.run(browser);
        expect(response.status, `${state}: ${route.name}`).toBe(expected === "allowed" ? route.allowed : 403);
        if (expected === 403 && route.name.startsWith("GET")) {
          const html = await response.text();
          expect(html).toContain("This is part of premium");
          expect(html).toContain("What premium adds");
          expect(html).toContain("Chat with a coach");
          if (state === "past-due beyond grace") {
            expect(html).toContain("Your last payment did not go through, so premium is paused.");
            expect(html).toContain('href="/app/billing"');
          } else expect(html).toContain('href="/pricing"');
        }
      }
      const requests = await testDb().select().from(coachMatchRequests).where(eq(coachMatchRequests.memberId, user.id));
      expect(requests.length).toBe(expected === "allowed" ? 1 : 0);
    });
  }
});

describe("checkout on the built-in test provider", () => {
  async function openCheckout(browser: Browser, priceId: string, promotionCode = "") {
    const response = await browser.post(`/app/billing/checkout?price=${priceId}`, {
      intent: "start",
      priceId,
      promotionCode,
      acceptTerms: "on",
    });
    return response;
  }

  it("a declined card leaves the member on Basic with a clear message; 4242 activates premium through the same events", async () => {
    const { user, browser } = await memberIn("basic");
    const noTerms = await browser.post(`/app/billing/checkout?price=${prices.usdMonthly.id}`, {
      intent: "start",
      priceId: prices.usdMonthly.id,
    });
    expect(noTerms.status).toBe(400);
    const opened = await openCheckout(browser, prices.usdMonthly.id);
    expect(opened.status).toBe(302);
    const location = opened.headers.get("location")!;
    expect(location).toMatch(/^\/app\/billing\/test-checkout\?checkout=/);
    const checkoutId = new URL(location, server.url).searchParams.get("checkout")!;
    const page = await (await browser.get(location)).text();
    expect(page).toContain("Test mode — no real payment is taken");
    expect(page).toContain("4242 4242 4242 4242");

    const declined = await browser.post(location, {
      intent: "pay",
      checkoutId,
      cardNumber: "4000000000000002",
      expiry: "12/39",
      cvc: "123",
    });
    expect(declined.status).toBe(422);
    const declinedHtml = await declined.text();
    expect(declinedHtml).toContain("Your card was declined. You have not been charged");
    // The reply never carries the card number back (the page's hints show test numbers only with spaces).
    expect(declinedHtml).not.toContain("4000000000000002");
    expect((await browser.get("/app/coach/choose")).status).toBe(403);

    const paid = await browser.post(location, {
      intent: "pay",
      checkoutId,
      cardNumber: "4242 4242 4242 4242",
      expiry: "12/39",
      cvc: "123",
    });
    expect(paid.status).toBe(302);
    expect(paid.headers.get("location")).toBe(`/app/billing/success?checkout=${checkoutId}`);
    expect((await browser.get("/app/coach/choose")).status).toBe(200);
    const [payment] = await testDb().select().from(payments).where(eq(payments.userId, user.id));
    expect(payment).toMatchObject({ amountMinor: 999, currency: "USD", status: "paid", cardLast4: "4242", provider: "test" });
    // No card number is stored anywhere: search every text column of the billing tables.
    const leaked = await testDb().execute(
      sql`select 1 from payments p, checkout_sessions c where p.user_id = ${user.id} and (p::text like '%4242424242424242%' or c::text like '%4242424242424242%')`,
    );
    expect(leaked).toHaveLength(0);

    const receipt = await browser.get(`/app/billing/receipts/${payment!.id}`);
    expect(receipt.status).toBe(200);
    expect(await receipt.text()).toContain(payment!.receiptNumber);
    // A full refund by an admin, with a reason, shows in the member's history.
    const { cookie: adminCookie } = await createSignedInUser(testDb(), { role: "admin" });
    const admin = new Browser(server.url, adminCookie);
    expect(
      (await admin.post("/admin/billing", { intent: "refund", paymentId: payment!.id, amount: "9.99", reason: "Charged by mistake" }))
        .status,
    ).toBe(200);
    expect((await admin.post("/admin/billing", { intent: "refund", paymentId: payment!.id, amount: "0.01", reason: "Again" })).status).toBe(
      409,
    );
    const [refunded] = await testDb().select().from(payments).where(eq(payments.id, payment!.id));
    expect(refunded).toMatchObject({ status: "refunded", refundedMinor: 999 });
    expect(await (await browser.get("/app/billing")).text()).toContain("Refunded");
    const { browser: stranger } = await memberIn("basic");
    expect((await stranger.get(`/app/billing/receipts/${payment!.id}`)).status).toBe(404);
    // A second checkout while subscribed is refused.
    expect((await openCheckout(browser, prices.usdMonthly.id)).status).toBe(409);
  });

  it("refuses an expired or used-up promotion code with a clear message, and charges the discounted amount for a valid one", async () => {
    await testDb()
      .insert(promotions)
      .values([
        { code: "OLDCODE", kind: "percent", percentOff: 50, expiresAt: new Date(Date.now() - DAY) },
        { code: "ALLGONE", kind: "percent", percentOff: 50, maxRedemptions: 1, redemptions: 1 },
      ]);
    const { user, browser } = await memberIn("basic");
    const expired = await openCheckout(browser, prices.usdMonthly.id, "oldcode");
    expect(expired.status).toBe(422);
    expect(await expired.text()).toContain("This promotion code has expired.");
    const usedUp = await openCheckout(browser, prices.usdMonthly.id, "ALLGONE");
    expect(usedUp.status).toBe(422);
    expect(await usedUp.text()).toContain("This promotion code has been used the maximum number of times.");
    const unknown = await openCheckout(browser, prices.usdMonthly.id, "NOPE123");
    expect(await unknown.text()).toContain("We do not recognise this promotion code.");

    const valid = await openCheckout(browser, prices.usdMonthly.id, "quit2026");
    const location = valid.headers.get("location")!;
    const checkoutId = new URL(location, server.url).searchParams.get("checkout")!;
    expect(await (await browser.get(location)).text()).toContain("$7.99");
    await browser.post(location, { intent: "pay", checkoutId, cardNumber: "4242424242424242", expiry: "12/39", cvc: "123" });
    const [payment] = await testDb().select().from(payments).where(eq(payments.userId, user.id));
    expect(payment).toMatchObject({ amountMinor: 799, discountMinor: 200 });
    const [promotion] = await testDb().select().from(promotions).where(eq(promotions.code, "QUIT2026"));
    expect(promotion!.redemptions).toBe(1);
  });

  it("two checkouts paid at once by the same member create one live subscription", async () => {
    const { user, browser } = await memberIn("basic");
    const locations = [
      (await openCheckout(browser, prices.usdMonthly.id)).headers.get("location")!,
      (await openCheckout(browser, prices.vndMonthly.id)).headers.get("location")!,
    ];
    const results = await Promise.all(
      locations.map((location) =>
        browser.post(location, {
          intent: "pay",
          checkoutId: new URL(location, server.url).searchParams.get("checkout")!,
          cardNumber: "4242424242424242",
          expiry: "12/39",
          cvc: "123",
        }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([302, 409]);
    const live = await testDb()
      .select()
      .from(subscriptions)
      .where(and(eq(subscriptions.userId, user.id), sql`${subscriptions.status} <> 'ended'`));
    expect(live).toHaveLength(1);
    expect(await testDb().select().from(payments).where(eq(payments.userId, user.id))).toHaveLength(1);
    const checkouts = await testDb().select().from(checkoutSessions).where(eq(checkoutSessions.userId, user.id));
    expect(checkouts.filter((c) => c.status === "completed")).toHaveLength(1);
  });

  it("cancel at period end keeps premium, resume restores renewal; a failed renewal messages the member and keeps grace", async () => {
    const { user, browser } = await memberIn("basic");
    const location = (await openCheckout(browser, prices.vndMonthly.id)).headers.get("location")!;
    await browser.post(location, {
      intent: "pay",
      checkoutId: new URL(location, server.url).searchParams.get("checkout")!,
      cardNumber: "4242424242424242",
      expiry: "12/39",
      cvc: "123",
    });
    expect((await browser.post("/app/billing", { intent: "cancel" })).status).toBe(200);
    let [sub] = await testDb().select().from(subscriptions).where(eq(subscriptions.userId, user.id));
    expect(sub!.status).toBe("cancelled_at_period_end");
    expect((await browser.get("/app/coach/choose")).status).toBe(200);
    await browser.post("/app/billing", { intent: "resume" });
    [sub] = await testDb().select().from(subscriptions).where(eq(subscriptions.userId, user.id));
    expect(sub!.status).toBe("active");
    await browser.post("/app/billing", { intent: "simulate-renewal", outcome: "failed" });
    [sub] = await testDb().select().from(subscriptions).where(eq(subscriptions.userId, user.id));
    expect(sub!.status).toBe("past_due");
    expect((await browser.get("/app/coach/choose")).status).toBe(200);
    const emails = await testDb().execute<{ kind: string; text_body: string }>(
      sql`select kind, text_body from email_outbox where user_id = ${user.id}`,
    );
    expect(emails.map((e) => e.kind)).toEqual(["billing.paymentFailed"]);
    expect(await (await browser.get("/app/billing")).text()).toContain("Your last payment did not go through");
    await browser.post("/app/billing", { intent: "simulate-renewal", outcome: "paid" });
    await browser.post("/app/billing", { intent: "simulate-renewal", outcome: "failed" });
    await browser.post("/app/billing", { intent: "simulate-renewal", outcome: "ended" });
    [sub] = await testDb().select().from(subscriptions).where(eq(subscriptions.userId, user.id));
    expect(sub!.status).toBe("ended");
    expect((await browser.get("/app/coach/choose")).status).toBe(403);
    const all = await testDb().execute<{ kind: string }>(sql`select kind from email_outbox where user_id = ${user.id} order by created_at`);
    expect(all.map((e) => e.kind)).toEqual([
      "billing.paymentFailed",
      "billing.retrySucceeded",
      "billing.paymentFailed",
      "billing.accessEnded",
    ]);
    const inApp = await testDb().execute<{ kind: string }>(sql`select kind from notifications where user_id = ${user.id}`);
    expect(inApp.map((n) => n.kind)).toContain("billing.accessEnded");
  });
});

describe("plan changes and revenue", () => {
  it("a member switches from monthly to yearly; MRR counts the yearly price as a twelfth", async () => {
    const { user, browser } = await memberIn("basic");
    const location = (
      await browser.post(`/app/billing/checkout?price=${prices.usdMonthly.id}`, {
        intent: "start",
        priceId: prices.usdMonthly.id,
        acceptTerms: "on",
      })
    ).headers.get("location")!;
    await browser.post(location, {
      intent: "pay",
      checkoutId: new URL(location, server.url).searchParams.get("checkout")!,
      cardNumber: "4242424242424242",
      expiry: "12/39",
      cvc: "123",
    });
    const page = await (await browser.get("/app/billing")).text();
    expect(page).toContain("$99.00 / year");
    const yearly = (
      await testDb().execute<{ id: string }>(
        sql`select id from package_prices where package_id = ${prices.premium.id} and currency = 'USD' and period = 'yearly' and active`,
      )
    )[0]!;
    expect((await browser.post("/app/billing", { intent: "change-plan", priceId: yearly.id })).status).toBe(200);
    const [sub] = await testDb().select().from(subscriptions).where(eq(subscriptions.userId, user.id));
    expect(sub!.priceId).toBe(yearly.id);
    expect(sub!.status).toBe("active");
    // Every USD subscription that counts (active, cancelled but paid up, or past due within the 7-day grace): monthly ones count $9.99, the yearly one $99.00 / 12 = $8.25.
    const counts = await testDb().execute<{ period: string; n: number }>(
      sql`select p.period, count(*)::int as n from subscriptions s join package_prices p on p.id = s.price_id where p.currency = 'USD' and (s.status in ('active', 'cancelled_at_period_end') or (s.status = 'past_due' and s.past_due_since > now() - interval '7 days')) group by p.period`,
    );
    const monthly = counts.find((c) => c.period === "monthly")?.n ?? 0;
    const yearlyCount = counts.find((c) => c.period === "yearly")?.n ?? 0;
    expect(yearlyCount).toBe(1);
    const { cookie } = await createSignedInUser(testDb(), { role: "admin" });
    const admin = await (await new Browser(server.url, cookie).get("/admin/billing")).text();
    const expected = (monthly * 999 + 825) / 100;
    expect(admin).toContain(`$${expected.toLocaleString("en-US", { minimumFractionDigits: 2 })}`);
  });
});

describe("pricing page and admin", () => {
  it("is public and cacheable, varies by language, and shows prices in the visitor's currency", async () => {
    const en = await fetch(`${server.url}/pricing`, { headers: { "Accept-Language": "en" } });
    expect(en.status).toBe(200);
    expect(en.headers.get("cache-control")).toBe("public, max-age=60, s-maxage=300, stale-while-revalidate=600");
    expect(en.headers.get("vary")).toContain("Accept-Language");
    const enHtml = await en.text();
    expect(enHtml).toContain("$9.99 / month");
    expect(enHtml).toContain("Chat with a coach");
    const vi = await (await fetch(`${server.url}/pricing`, { headers: { "Accept-Language": "vi" } })).text();
    expect(vi).toMatch(/149\.000\s₫/);
  });

  it("an admin creates a package with money typed in their language, publishes it, and both actions are audited", async () => {
    const { user: admin, cookie } = await createSignedInUser(testDb(), { role: "admin", locale: "vi" });
    const browser = new Browser(server.url, cookie);
    const form = {
      intent: "save-package",
      slug: "coach-plus",
      "name.en": "Coach Plus",
      "name.vi": "Huấn luyện Plus",
      "description.en": "More coaching.",
      "description.vi": "Thêm huấn luyện.",
      "slot.0.amount": "199.000",
      "slot.3.amount": "19,99",
      "entitlements.features": "coach-chat",
      "entitlements.aiCoachMessagesPerDay": "0",
      "entitlements.videoSessionsPerMonth": "0",
      "terms.version": "1",
      "terms.text.en": "Terms.",
      "terms.text.vi": "Điều khoản.",
    };
    const missingUsd = await browser.post("/admin/packages/new", { ...form, "slot.3.amount": "" });
    expect(missingUsd.status).toBe(400);
    const created = await browser.post("/admin/packages/new", form);
    expect(created.status).toBe(302);
    const [pkg] = await testDb().select().from(packages).where(eq(packages.slug, "coach-plus"));
    const stored = await testDb().execute<{ currency: string; amount_minor: number }>(
      sql`select currency, amount_minor from package_prices where package_id = ${pkg!.id} order by currency`,
    );
    expect(stored.map((r) => [r.currency, Number(r.amount_minor)])).toEqual([
      ["USD", 1999],
      ["VND", 199000],
    ]);
    expect((await browser.post("/admin/packages", { intent: "set-status", packageId: pkg!.id, status: "published" })).status).toBe(200);
    expect((await browser.post("/admin/packages", { intent: "set-status", packageId: pkg!.id, status: "draft" })).status).toBe(409);
    const actions = (await testDb().select().from(adminAudit).where(eq(adminAudit.adminId, admin.id))).map((a) => a.action).sort();
    expect(actions).toEqual(["package.create", "package.published"]);
    const { cookie: memberCookie } = await createSignedInUser(testDb());
    expect((await new Browser(server.url, memberCookie).get("/admin/packages")).status).toBe(403);
    expect((await browser.get("/admin/billing")).status).toBe(200);
    // The comparison table this server rendered for the first test follows the new package: a column of its own.
    const pricing = await (await fetch(`${server.url}/pricing`, { headers: { "Accept-Language": "en" } })).text();
    expect(pricing).toMatch(/<th scope="col"[^>]*>Coach Plus<\/th>/);
  });
});
