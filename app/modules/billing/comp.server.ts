import { and, asc, desc, eq, inArray, ne } from "drizzle-orm";
import { packagePrices, packages, payments, subscriptions, users } from "#db/schema";
import type { Database } from "#db/client.server";
import { DomainError } from "~/lib/domain-error";
import { audit } from "~/modules/audit/audit.server";
import { BASIC_PACKAGE_SLUG } from "./entitlements";
import { LIVE_STATUSES } from "./entitlements.server";

function addMonths(from: Date, months: number): Date {
  const next = new Date(from);
  next.setUTCMonth(next.getUTCMonth() + months);
  return next;
}

/**
 * Complimentary months, given by an admin with a reason. A member on a test or complimentary
 * plan gets their period extended; a member with no plan gets the package as a `comp`
 * subscription that ends at its period end (no payment, no renewal). A member paying through
 * Stripe is refused: their next invoice is Stripe's to move, and we do not extend it behind its back.
 */
export async function compMembership(
  db: Database,
  adminId: string,
  input: { memberId: string; packageId: string; months: number; reason: string },
  now = new Date(),
): Promise<{ until: Date }> {
  return db.transaction(async (tx) => {
    const [member] = await tx
      .select({ id: users.id, currency: users.currency })
      .from(users)
      .where(eq(users.id, input.memberId))
      .for("update");
    if (!member) throw new DomainError("not-found", "errors:notFound.title");
    const [live] = await tx
      .select()
      .from(subscriptions)
      .where(and(eq(subscriptions.userId, member.id), inArray(subscriptions.status, [...LIVE_STATUSES])))
      .for("update");
    if (live) {
      if (live.provider === "stripe") throw new DomainError("conflict", "people:errors.compStripe");
      const from = live.currentPeriodEnd > now ? live.currentPeriodEnd : now;
      const until = addMonths(from, input.months);
      await tx.update(subscriptions).set({ currentPeriodEnd: until, updatedAt: now }).where(eq(subscriptions.id, live.id));
      await audit(tx, {
        adminId,
        action: "subscription.comp",
        targetType: "user",
        targetId: member.id,
        reason: input.reason,
        details: { subscriptionId: live.id, months: input.months, from: from.toISOString(), until: until.toISOString() },
      });
      return { until };
    }
    const [pkg] = await tx
      .select({ id: packages.id, termsVersion: packages.termsVersion })
      .from(packages)
      .where(and(eq(packages.id, input.packageId), eq(packages.status, "published"), ne(packages.slug, BASIC_PACKAGE_SLUG)));
    if (!pkg) throw new DomainError("invalid", "people:errors.badPackage", { field: "packageId" });
    // The row needs a price; the member's own currency when the package has one, so reports file it there.
    const [price] = await tx
      .select({ id: packagePrices.id, currency: packagePrices.currency })
      .from(packagePrices)
      .where(eq(packagePrices.packageId, pkg.id))
      .orderBy(desc(eq(packagePrices.currency, member.currency)), asc(packagePrices.amountMinor));
    if (!price) throw new DomainError("invalid", "people:errors.badPackage", { field: "packageId" });
    const until = addMonths(now, input.months);
    const [created] = await tx
      .insert(subscriptions)
      .values({
        userId: member.id,
        packageId: pkg.id,
        priceId: price.id,
        status: "cancelled_at_period_end",
        cancelAtPeriodEnd: true,
        provider: "comp",
        currentPeriodEnd: until,
        acceptedTermsVersion: pkg.termsVersion,
        acceptedTermsAt: now,
      })
      .returning({ id: subscriptions.id });
    await audit(tx, {
      adminId,
      action: "subscription.comp",
      targetType: "user",
      targetId: member.id,
      reason: input.reason,
      details: { subscriptionId: created!.id, months: input.months, until: until.toISOString() },
    });
    return { until };
  });
}

/** Every subscription and payment of one member, newest first, for the admin's member page. */
export async function subscriptionHistory(db: Database, memberId: string) {
  const [subs, paid] = await Promise.all([
    db
      .select({ subscription: subscriptions, packageNameEn: packages.nameEn, packageNameVi: packages.nameVi })
      .from(subscriptions)
      .innerJoin(packages, eq(packages.id, subscriptions.packageId))
      .where(eq(subscriptions.userId, memberId))
      .orderBy(desc(subscriptions.createdAt)),
    db.select().from(payments).where(eq(payments.userId, memberId)).orderBy(desc(payments.createdAt)).limit(50),
  ]);
  return { subscriptions: subs, payments: paid };
}

/** Packages an admin may comp (published, not Basic). */
export async function compablePackages(db: Database) {
  return db
    .select({ id: packages.id, nameEn: packages.nameEn, nameVi: packages.nameVi })
    .from(packages)
    .where(and(eq(packages.status, "published"), ne(packages.slug, BASIC_PACKAGE_SLUG)))
    .orderBy(asc(packages.nameEn));
}
