import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { payments, subscriptions } from "#db/schema";
import { createSignedInUser } from "#db/seed/factories";
import { Browser, startTestServer } from "../../setup/app";
import { testDb } from "../../setup/db";
import { seedPackages } from "./helpers";

delete process.env.STRIPE_SECRET_KEY;

let server: Awaited<ReturnType<typeof startTestServer>>;
let admin: Browser;
const MINUTE = 60_000;
const base = Date.parse("2026-11-01T09:00:00Z");

/** 45 members, each with a subscription and a payment a minute apart (member 0 the oldest). */
beforeAll(async () => {
  server = await startTestServer();
  const prices = await seedPackages(testDb());
  for (let i = 0; i < 45; i++) {
    const { user } = await createSignedInUser(testDb(), {
      email: `payer${String(i).padStart(2, "0")}@lists.test`,
      displayName: `Payer ${i}`,
    });
    const at = new Date(base + i * MINUTE);
    const [sub] = await testDb()
      .insert(subscriptions)
      .values({
        userId: user.id,
        packageId: prices.premium.id,
        priceId: prices.usdMonthly.id,
        status: "active",
        provider: "test",
        providerSubscriptionId: `test_sub_lists_${i}`,
        currentPeriodEnd: new Date(at.getTime() + 30 * 24 * 60 * MINUTE),
        acceptedTermsVersion: 1,
        createdAt: at,
        updatedAt: at,
      })
      .returning();
    await testDb()
      .insert(payments)
      .values({
        userId: user.id,
        subscriptionId: sub!.id,
        packageId: prices.premium.id,
        provider: "test",
        providerPaymentIntentId: `pi_lists_${i}`,
        amountMinor: 999,
        currency: "USD",
        status: "paid",
        receiptNumber: `QP-LISTS-${String(i).padStart(4, "0")}`,
        paidAt: at,
        createdAt: at,
      });
  }
  const { cookie } = await createSignedInUser(testDb(), { role: "admin" });
  admin = new Browser(server.url, cookie);
});
afterAll(async () => server.close());

const section = (html: string, id: string, next: string) => html.slice(html.indexOf(`id="${id}"`), html.indexOf(`id="${next}"`));
const receipts = (html: string) => [...html.matchAll(/<span class="font-mono">QP-LISTS-(\d{4})<\/span>/g)].map((m) => Number(m[1]));
const olderLink = (html: string) => {
  const href = /<a[^>]*href="([^"]*)"[^>]*>Older<\/a>/.exec(html)?.[1];
  return href ? href.replaceAll("&amp;", "&") : null;
};

describe("the billing admin's lists", () => {
  it("pages payments newest first, twenty at a time, each payment once, with a refund link for each payment shown", async () => {
    const seen: number[] = [];
    let href: string | null = "/admin/billing";
    let pages = 0;
    while (href) {
      const response = await admin.get(href);
      expect(response.status).toBe(200);
      const list = section(await response.text(), "payments", "audit");
      const page = receipts(list);
      expect(page.length).toBeLessThanOrEqual(20);
      // One link per payment opens the refund form for it; no form is rendered until one is chosen.
      expect((list.match(/href="[^"]*[?&](?:amp;)?refund=[0-9a-f-]+#refund-[0-9a-f-]+"/g) ?? []).length).toBe(page.length);
      expect(list).not.toContain('name="intent" value="refund"');
      seen.push(...page);
      href = olderLink(list);
      pages++;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(Array.from({ length: 45 }, (_, i) => 44 - i));
  });

  it("opens the one refund form for the payment chosen, keeping the page's other choices", async () => {
    const list = section(await (await admin.get("/admin/billing?status=active")).text(), "payments", "audit");
    const href = /href="([^"]*refund=([0-9a-f-]+)#refund-[0-9a-f-]+)"/.exec(list);
    expect(href).not.toBeNull();
    const [, link, paymentId] = href!;
    const url = link!.replaceAll("&amp;", "&");
    expect(new URL(url, "http://x").searchParams.get("status")).toBe("active");
    const chosen = section(await (await admin.get(url.split("#")[0]!)).text(), "payments", "audit");
    expect((chosen.match(/name="intent" value="refund"/g) ?? []).length).toBe(1);
    expect(chosen).toContain(`id="refund-${paymentId}"`);
    expect(chosen).toContain(`name="paymentId" value="${paymentId}"`);
    // Posted without JavaScript and refused: the answer shows that payment's form again, with its message.
    const refused = section(
      await (await admin.post("/admin/billing", { intent: "refund", paymentId: paymentId!, amount: "1", reason: "" })).text(),
      "payments",
      "audit",
    );
    expect(refused).toContain(`id="refund-${paymentId}"`);
    expect(refused).toContain("Give a reason for the refund.");
  });

  it("finds a payment by receipt number, provider reference, email or name", async () => {
    for (const q of ["QP-LISTS-0007", "pi_lists_7", "payer07@lists", "Payer 7"]) {
      const html = await (await admin.get(`/admin/billing?payment=${encodeURIComponent(q)}`)).text();
      expect(receipts(section(html, "payments", "audit")), q).toEqual([7]);
    }
    const none = await (await admin.get("/admin/billing?payment=%25")).text();
    expect(receipts(section(none, "payments", "audit"))).toEqual([]);
    expect(none).toContain("No payments match.");
  });

  it("pages subscriptions twenty-five at a time and keeps the status filter and search on the next page", async () => {
    const first = section(await (await admin.get("/admin/billing?status=active")).text(), "subs", "methods");
    const emails = (html: string) => [...html.matchAll(/payer(\d\d)@lists\.test/g)].map((m) => Number(m[1]));
    expect(emails(first)).toEqual(Array.from({ length: 25 }, (_, i) => 44 - i));
    const next = olderLink(first);
    expect(next).toContain("status=active");
    const second = section(await (await admin.get(next!)).text(), "subs", "methods");
    expect(emails(second)).toEqual(Array.from({ length: 20 }, (_, i) => 19 - i));
    expect(olderLink(second)).toBeNull();
    const searched = section(await (await admin.get("/admin/billing?member=payer3")).text(), "subs", "methods");
    expect(emails(searched).sort((a, b) => a - b)).toEqual([30, 31, 32, 33, 34, 35, 36, 37, 38, 39]);
  });

  it("starts from the top when the cursor in the address is not one it wrote", async () => {
    const html = await (await admin.get("/admin/billing?paymentsAfter=2026-02-30T00:00:00.000Z_not-a-uuid")).text();
    expect(receipts(section(html, "payments", "audit"))[0]).toBe(44);
  });
});
