import { and, asc, eq, inArray, sql } from "drizzle-orm";
import {
  billingSettings,
  packagePrices,
  packages,
  promotions,
  subscriptions,
  type Package,
  type PackagePriceRow,
  type PromotionRow,
} from "#db/schema";
import type { Database } from "#db/client.server";
import { DomainError } from "~/lib/domain-error";
import { audit } from "~/modules/audit/audit.server";
import { BASIC_PACKAGE } from "./basic-package";
import { BASIC_PACKAGE_SLUG } from "./entitlements";
import { assertCanTransition, type PackageDefinition, type PackageStatus } from "./packages";
import { checkPromotionLimits, normalizePromotionCode, type Promotion, type PromotionInput, type PromotionEditInput } from "./promotions";

export type PackageWithPrices = Package & { prices: PackagePriceRow[] };

export { BASIC_PACKAGE };

export async function ensureBasicPackage(db: Database): Promise<void> {
  await db.insert(packages).values(BASIC_PACKAGE).onConflictDoNothing();
}

async function withPrices(db: Database, rows: Package[], { activeOnly = true } = {}): Promise<PackageWithPrices[]> {
  if (rows.length === 0) return [];
  const prices = await db
    .select()
    .from(packagePrices)
    .where(
      and(
        inArray(
          packagePrices.packageId,
          rows.map((r) => r.id),
        ),
        activeOnly ? eq(packagePrices.active, true) : undefined,
      ),
    )
    .orderBy(asc(packagePrices.currency), asc(packagePrices.period));
  return rows.map((row) => ({ ...row, prices: prices.filter((p) => p.packageId === row.id) }));
}

/** Published packages with their active prices, in one statement (the pricing page reads it on every view). */
async function publishedWithPrices(db: Database): Promise<PackageWithPrices[]> {
  const rows = await db
    .select({ pkg: packages, price: packagePrices })
    .from(packages)
    .leftJoin(packagePrices, and(eq(packagePrices.packageId, packages.id), eq(packagePrices.active, true)))
    .where(eq(packages.status, "published"))
    .orderBy(asc(packages.sortOrder), asc(packages.createdAt), asc(packages.id), asc(packagePrices.currency), asc(packagePrices.period));
  const byId = new Map<string, PackageWithPrices>();
  for (const { pkg, price } of rows) {
    let entry = byId.get(pkg.id);
    if (!entry) byId.set(pkg.id, (entry = { ...pkg, prices: [] }));
    if (price) entry.prices.push(price);
  }
  return [...byId.values()];
}

/** Published packages, Basic first; creates the Basic row the first time it is missing. */
export async function listPublishedPackages(db: Database): Promise<PackageWithPrices[]> {
  const published = await publishedWithPrices(db);
  if (published.some((pkg) => pkg.slug === BASIC_PACKAGE_SLUG)) return published;
  await ensureBasicPackage(db);
  return publishedWithPrices(db);
}

export async function listAllPackages(db: Database): Promise<(PackageWithPrices & { subscribers: number })[]> {
  await ensureBasicPackage(db);
  const rows = await db.select().from(packages).orderBy(asc(packages.sortOrder), asc(packages.createdAt));
  const counts = await db
    .select({ packageId: subscriptions.packageId, n: sql<number>`count(*)::int` })
    .from(subscriptions)
    .where(inArray(subscriptions.status, ["active", "trialing", "past_due", "cancelled_at_period_end"]))
    .groupBy(subscriptions.packageId);
  return (await withPrices(db, rows)).map((row) => ({ ...row, subscribers: counts.find((c) => c.packageId === row.id)?.n ?? 0 }));
}

export async function getPackage(db: Database, id: string): Promise<PackageWithPrices> {
  const [row] = await db.select().from(packages).where(eq(packages.id, id));
  if (!row) throw new DomainError("not-found", "errors:notFound.title");
  return (await withPrices(db, [row]))[0]!;
}

/** A price a member may buy now: active, of a published paid package. */
export async function getPurchasablePrice(db: Database, priceId: string): Promise<{ price: PackagePriceRow; pkg: Package }> {
  const [row] = await db
    .select({ price: packagePrices, pkg: packages })
    .from(packagePrices)
    .innerJoin(packages, eq(packages.id, packagePrices.packageId))
    .where(and(eq(packagePrices.id, priceId), eq(packagePrices.active, true)));
  if (!row || row.pkg.status !== "published" || row.price.amountMinor <= 0)
    throw new DomainError("invalid", "billingErrors:packageUnavailable");
  return row;
}

/**
 * Creates or updates a package. A changed price retires the old price row and adds a new one, so
 * current subscribers keep paying what they signed up for.
 */
export async function savePackage(db: Database, adminId: string, id: string | null, input: PackageDefinition): Promise<string> {
  return db.transaction(async (tx) => {
    const values = {
      slug: input.slug,
      nameEn: input.name.en,
      nameVi: input.name.vi,
      descriptionEn: input.description.en,
      descriptionVi: input.description.vi,
      entitlements: {
        features: [...input.entitlements.features],
        aiCoachMessagesPerDay: input.entitlements.aiCoachMessagesPerDay,
        videoSessionsPerMonth: input.entitlements.videoSessionsPerMonth,
      },
      termsVersion: input.terms.version,
      termsEn: input.terms.text.en,
      termsVi: input.terms.text.vi,
      updatedAt: new Date(),
    };
    let packageId: string;
    if (id) {
      const [existing] = await tx.select().from(packages).where(eq(packages.id, id)).for("update");
      if (!existing) throw new DomainError("not-found", "errors:notFound.title");
      if (input.terms.version < existing.termsVersion)
        throw new DomainError("invalid", "billingErrors:termsVersionInvalid", { field: "terms.version" });
      const [clash] = await tx
        .select({ id: packages.id })
        .from(packages)
        .where(and(eq(packages.slug, input.slug), sql`${packages.id} <> ${id}`));
      if (clash) throw new DomainError("conflict", "billingErrors:slugTaken", { field: "slug" });
      await tx.update(packages).set(values).where(eq(packages.id, id));
      packageId = id;
    } else {
      const [created] = await tx
        .insert(packages)
        .values({ ...values, status: "draft" })
        .onConflictDoNothing()
        .returning({ id: packages.id });
      if (!created) throw new DomainError("conflict", "billingErrors:slugTaken", { field: "slug" });
      packageId = created.id;
    }
    const current = await tx
      .select()
      .from(packagePrices)
      .where(and(eq(packagePrices.packageId, packageId), eq(packagePrices.active, true)));
    for (const old of current) {
      const same = input.prices.find((p) => p.currency === old.currency && p.period === old.period && p.amountMinor === old.amountMinor);
      if (!same) await tx.update(packagePrices).set({ active: false }).where(eq(packagePrices.id, old.id));
    }
    for (const price of input.prices) {
      const kept = current.find(
        (old) => old.currency === price.currency && old.period === price.period && old.amountMinor === price.amountMinor,
      );
      // A re-priced row keeps the one-off providers the admin enabled for that currency and period.
      const replaced = current.find((old) => old.currency === price.currency && old.period === price.period);
      if (!kept)
        await tx.insert(packagePrices).values({
          packageId,
          currency: price.currency,
          period: price.period,
          amountMinor: price.amountMinor,
          oneOffProviders: replaced?.oneOffProviders ?? [],
        });
    }
    await audit(tx, {
      adminId,
      action: id ? "package.update" : "package.create",
      targetType: "package",
      targetId: packageId,
      details: { slug: input.slug, termsVersion: input.terms.version },
    });
    return packageId;
  });
}

export async function setPackageStatus(db: Database, adminId: string, id: string, to: PackageStatus): Promise<void> {
  await db.transaction(async (tx) => {
    const [pkg] = await tx.select().from(packages).where(eq(packages.id, id)).for("update");
    if (!pkg) throw new DomainError("not-found", "errors:notFound.title");
    if (pkg.slug === BASIC_PACKAGE_SLUG) throw new DomainError("conflict", "billingErrors:basicIsPermanent");
    assertCanTransition(pkg.status, to);
    await tx.update(packages).set({ status: to, updatedAt: new Date() }).where(eq(packages.id, id));
    await audit(tx, {
      adminId,
      action: `package.${to}`,
      targetType: "package",
      targetId: id,
      details: { slug: pkg.slug, from: pkg.status, to },
    });
  });
}

export function toPromotion(row: PromotionRow): Promotion {
  const limits = {
    code: row.code,
    expiresAt: row.expiresAt,
    maxRedemptions: row.maxRedemptions,
    redemptions: row.redemptions,
    deactivatedAt: row.deactivatedAt,
  };
  return row.kind === "percent"
    ? { ...limits, kind: "percent", percentOff: row.percentOff ?? 0 }
    : { ...limits, kind: "amount", amountOffMinor: row.amountOffMinor ?? 0, currency: row.currency ?? "" };
}

export async function findPromotion(db: Database, code: string): Promise<PromotionRow | null> {
  const [row] = await db
    .select()
    .from(promotions)
    .where(eq(promotions.code, normalizePromotionCode(code)));
  return row ?? null;
}

export async function listPromotions(db: Database): Promise<PromotionRow[]> {
  return db.select().from(promotions).orderBy(asc(promotions.createdAt));
}

export async function createPromotion(db: Database, adminId: string, input: PromotionInput): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(promotions)
      .values({
        code: input.code,
        kind: input.kind,
        percentOff: input.kind === "percent" ? input.percentOff : null,
        amountOffMinor: input.kind === "amount" ? input.amountOffMinor : null,
        currency: input.kind === "amount" ? input.currency : null,
        expiresAt: input.expiresAt,
        maxRedemptions: input.maxRedemptions,
      })
      .onConflictDoNothing()
      .returning({ id: promotions.id });
    if (!row) throw new DomainError("conflict", "billingErrors:promotionCodeTaken", { field: "code" });
    await audit(tx, { adminId, action: "promotion.create", targetType: "promotion", targetId: row.id, details: { code: input.code } });
  });
}

export async function getPromotion(db: Database, id: string): Promise<PromotionRow> {
  const [row] = await db.select().from(promotions).where(eq(promotions.id, id));
  if (!row) throw new DomainError("not-found", "billingErrors:promotionUnknown");
  return row;
}

/** Changes a code's expiry and maximum uses, audited with the values before and after; saving the same values changes nothing. */
export async function updatePromotionLimits(db: Database, adminId: string, id: string, input: PromotionEditInput): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx.select().from(promotions).where(eq(promotions.id, id)).for("update");
    if (!row) throw new DomainError("not-found", "billingErrors:promotionUnknown");
    checkPromotionLimits(input, row.redemptions);
    const before = { expiresAt: row.expiresAt?.toISOString() ?? null, maxRedemptions: row.maxRedemptions };
    const after = { expiresAt: input.expiresAt?.toISOString() ?? null, maxRedemptions: input.maxRedemptions };
    if (before.expiresAt === after.expiresAt && before.maxRedemptions === after.maxRedemptions) return;
    await tx.update(promotions).set({ expiresAt: input.expiresAt, maxRedemptions: input.maxRedemptions }).where(eq(promotions.id, id));
    await audit(tx, {
      adminId,
      action: "promotion.update",
      targetType: "promotion",
      targetId: id,
      details: {
        code: row.code,
        expiresAtBefore: before.expiresAt,
        expiresAtAfter: after.expiresAt,
        maxRedemptionsBefore: before.maxRedemptions,
        maxRedemptionsAfter: after.maxRedemptions,
      },
    });
  });
}

/** Deactivates or reactivates a code, audited; asking for the state it is already in changes nothing. */
export async function setPromotionActive(db: Database, adminId: string, id: string, active: boolean): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx.select().from(promotions).where(eq(promotions.id, id)).for("update");
    if (!row) throw new DomainError("not-found", "billingErrors:promotionUnknown");
    if ((row.deactivatedAt === null) === active) return;
    await tx
      .update(promotions)
      .set({ deactivatedAt: active ? null : sql`now()` })
      .where(eq(promotions.id, id));
    await audit(tx, {
      adminId,
      action: active ? "promotion.reactivate" : "promotion.deactivate",
      targetType: "promotion",
      targetId: id,
      details: { code: row.code },
    });
  });
}

/** Grace days when no admin has set them. */
export const DEFAULT_GRACE_DAYS = 7;

export async function getGraceDays(db: Database): Promise<number> {
  const [row] = await db.select({ graceDays: billingSettings.graceDays }).from(billingSettings).where(eq(billingSettings.id, 1));
  return row?.graceDays ?? DEFAULT_GRACE_DAYS;
}

/** The admin-set billing settings in one read: grace days and the VAT rate invoices show (basis points, 0 until set). */
export async function getBillingSettings(db: Database): Promise<{ graceDays: number; vatBasisPoints: number }> {
  const [row] = await db
    .select({ graceDays: billingSettings.graceDays, vatBasisPoints: billingSettings.vatBasisPoints })
    .from(billingSettings)
    .where(eq(billingSettings.id, 1));
  return { graceDays: row?.graceDays ?? DEFAULT_GRACE_DAYS, vatBasisPoints: row?.vatBasisPoints ?? 0 };
}

export async function setGraceDays(db: Database, adminId: string, graceDays: number, reason: string | null): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .insert(billingSettings)
      .values({ id: 1, graceDays })
      .onConflictDoUpdate({ target: billingSettings.id, set: { graceDays, updatedAt: new Date() } });
    await audit(tx, {
      adminId,
      action: "settings.grace_days",
      targetType: "billing_settings",
      targetId: "1",
      reason,
      details: { graceDays },
    });
  });
}
