import { eq, inArray } from "drizzle-orm";
import { packagePrices, packages, payments, promotions, subscriptions, users } from "../schema";
import type { Database } from "../client.server";
import { BASIC_PACKAGE } from "../../app/modules/billing/basic-package";

const DAY = 24 * 3600 * 1000;

export const PREMIUM_PACKAGE = {
  slug: "premium",
  nameEn: "Premium",
  nameVi: "Cao cấp",
  descriptionEn:
    "Your own quit coach: choose a trained coach who knows your plan, chat with them whenever you need, and meet them by video.",
  descriptionVi:
    "Huấn luyện viên cai thuốc của riêng bạn: chọn một huấn luyện viên hiểu kế hoạch của bạn, nhắn tin bất cứ khi nào bạn cần và gặp nhau qua video.",
  status: "published" as const,
  entitlements: {
    // Only what is delivered today is sold (DELIVERED_FEATURES).
    features: ["coach-chat", "video-sessions", "ai-coach"] as const,
    aiCoachMessagesPerDay: 20,
    videoSessionsPerMonth: 4,
  },
  termsVersion: 1,
  termsEn:
    "Premium renews automatically each period until you cancel. Cancel any time; you keep premium until the end of the period you paid for. Refunds on request within 14 days.",
  termsVi:
    "Gói Cao cấp tự động gia hạn mỗi kỳ cho đến khi bạn huỷ. Bạn có thể huỷ bất cứ lúc nào và vẫn dùng đến hết kỳ đã thanh toán. Hoàn tiền theo yêu cầu trong vòng 14 ngày.",
  sortOrder: 10,
};

export const PREMIUM_PRICES = [
  { currency: "VND", period: "monthly", amountMinor: 149_000 },
  { currency: "VND", period: "yearly", amountMinor: 1_490_000 },
  { currency: "USD", period: "monthly", amountMinor: 999 },
  { currency: "USD", period: "yearly", amountMinor: 9_900 },
] as const;

/** Basic, Premium (monthly and yearly in VND and USD), a promotion, and a few premium demo members with history. Idempotent. */
export async function seedBillingDemo(db: Database, now = new Date()): Promise<void> {
  await db.insert(packages).values(BASIC_PACKAGE).onConflictDoNothing();
  const [created] = await db
    .insert(packages)
    .values({ ...PREMIUM_PACKAGE, entitlements: { ...PREMIUM_PACKAGE.entitlements, features: [...PREMIUM_PACKAGE.entitlements.features] } })
    .onConflictDoNothing()
    .returning({ id: packages.id });
  if (!created) return;
  const prices = await db
    .insert(packagePrices)
    // VND prices offer VNPay and MoMo where the server is configured for them (the checkout shows only configured ones).
    .values(PREMIUM_PRICES.map((p) => ({ ...p, packageId: created.id, oneOffProviders: p.currency === "VND" ? ["vnpay", "momo"] : [] })))
    .returning();
  await db
    .insert(promotions)
    .values([
      { code: "QUIT2026", kind: "percent", percentOff: 20, expiresAt: new Date(now.getTime() + 180 * DAY), maxRedemptions: 500 },
      { code: "WELCOME10", kind: "amount", amountOffMinor: 1000, currency: "USD", expiresAt: null, maxRedemptions: null },
    ])
    .onConflictDoNothing();

  const demo = [
    { email: "member2@quitpath.test", currency: "VND", period: "monthly", status: "active" as const, months: 3 },
    { email: "member3@quitpath.test", currency: "VND", period: "yearly", status: "active" as const, months: 12 },
    { email: "member13@quitpath.test", currency: "USD", period: "monthly", status: "active" as const, months: 2 },
    { email: "member4@quitpath.test", currency: "VND", period: "monthly", status: "past_due" as const, months: 2 },
    // Coached (db/seed/coaching.ts): member14 and member19 with Sam; member6 waits for a Vietnamese-speaking coach.
    { email: "member6@quitpath.test", currency: "VND", period: "monthly", status: "active" as const, months: 1 },
    { email: "member14@quitpath.test", currency: "USD", period: "monthly", status: "active" as const, months: 2 },
    { email: "member19@quitpath.test", currency: "USD", period: "yearly", status: "active" as const, months: 12 },
  ];
  const people = await db
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(
      inArray(
        users.email,
        demo.map((d) => d.email),
      ),
    );
  for (const [index, d] of demo.entries()) {
    const user = people.find((p) => p.email === d.email);
    const price = prices.find((p) => p.currency === d.currency && p.period === d.period);
    if (!user || !price) continue;
    const existing = await db.select({ id: subscriptions.id }).from(subscriptions).where(eq(subscriptions.userId, user.id));
    if (existing.length > 0) continue;
    const periodMs = (d.period === "yearly" ? 365 : 30) * DAY;
    const startedAt = new Date(now.getTime() - (d.period === "yearly" ? 20 : d.months * 30 - 10) * DAY);
    const periodEnd =
      d.status === "past_due"
        ? new Date(now.getTime() - 2 * DAY)
        : new Date(startedAt.getTime() + Math.ceil((now.getTime() - startedAt.getTime()) / periodMs) * periodMs);
    const [sub] = await db
      .insert(subscriptions)
      .values({
        userId: user.id,
        packageId: created.id,
        priceId: price.id,
        status: d.status,
        provider: "test",
        providerCustomerId: `demo_cus_${index}`,
        providerSubscriptionId: `demo_sub_${index}`,
        currentPeriodEnd: periodEnd,
        pastDueSince: d.status === "past_due" ? new Date(now.getTime() - 2 * DAY) : null,
        acceptedTermsVersion: 1,
        acceptedTermsAt: startedAt,
        createdAt: startedAt,
      })
      .returning();
    const paidPeriods = d.period === "yearly" ? 1 : d.months - (d.status === "past_due" ? 1 : 0);
    const rows = Array.from({ length: paidPeriods }, (_, i) => {
      const start = new Date(startedAt.getTime() + i * periodMs);
      return {
        userId: user.id,
        subscriptionId: sub!.id,
        packageId: created.id,
        provider: "test" as const,
        providerInvoiceId: `demo_in_${index}_${i}`,
        providerPaymentIntentId: `demo_pi_${index}_${i}`,
        amountMinor: price.amountMinor,
        currency: price.currency,
        status: "paid" as const,
        receiptNumber: `QP-DEMO-${index}${i}`,
        cardLast4: "4242",
        periodStart: start,
        periodEnd: new Date(start.getTime() + periodMs),
        paidAt: start,
        createdAt: start,
      };
    });
    if (d.status === "past_due") {
      rows.push({
        ...rows[0]!,
        providerInvoiceId: `demo_in_${index}_failed`,
        providerPaymentIntentId: `demo_pi_${index}_failed`,
        status: "failed" as never,
        receiptNumber: `QP-DEMO-${index}F`,
        paidAt: null as never,
        periodStart: periodEnd,
        periodEnd: new Date(periodEnd.getTime() + periodMs),
        createdAt: periodEnd,
      });
    }
    await db.insert(payments).values(rows).onConflictDoNothing();
  }
}
