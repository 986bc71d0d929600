import { and, asc, eq } from "drizzle-orm";
import { billingSettings, packagePrices, packages } from "#db/schema";
import type { Database } from "#db/client.server";
import { DomainError } from "~/lib/domain-error";
import { audit } from "~/modules/audit/audit.server";
import { configuredOneOffProviders, type OneOffProviderId } from "./one-off-providers.server";

/** Every live price with the one-off providers enabled on it, and which of those this server is configured for. */
export async function pricesWithPaymentMethods(db: Database) {
  const rows = await db
    .select({ price: packagePrices, pkg: packages })
    .from(packagePrices)
    .innerJoin(packages, eq(packages.id, packagePrices.packageId))
    .where(eq(packagePrices.active, true))
    .orderBy(asc(packages.sortOrder), asc(packagePrices.currency), asc(packagePrices.period));
  return { rows, configured: configuredOneOffProviders() };
}

/** An admin turns a one-off provider on or off for one price (VNPay and MoMo take VND only). */
export async function setPricePaymentMethod(
  db: Database,
  adminId: string,
  input: { priceId: string; provider: OneOffProviderId; enabled: boolean },
): Promise<void> {
  await db.transaction(async (tx) => {
    const [price] = await tx
      .select()
      .from(packagePrices)
      .where(and(eq(packagePrices.id, input.priceId), eq(packagePrices.active, true)))
      .for("update");
    if (!price) throw new DomainError("not-found", "errors:notFound.title");
    if (input.enabled && price.currency !== "VND") throw new DomainError("invalid", "billingErrors:providerNeedsVnd");
    const next = input.enabled
      ? [...new Set([...price.oneOffProviders, input.provider])]
      : price.oneOffProviders.filter((p) => p !== input.provider);
    await tx.update(packagePrices).set({ oneOffProviders: next }).where(eq(packagePrices.id, price.id));
    await audit(tx, {
      adminId,
      action: input.enabled ? "price.provider-enabled" : "price.provider-disabled",
      targetType: "price",
      targetId: price.id,
      details: { provider: input.provider, currency: price.currency, period: price.period },
    });
  });
}

/** VAT included in prices (basis points) for the e-invoice data. */
export async function setVatBasisPoints(db: Database, adminId: string, vatBasisPoints: number): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .insert(billingSettings)
      .values({ id: 1, vatBasisPoints })
      .onConflictDoUpdate({ target: billingSettings.id, set: { vatBasisPoints, updatedAt: new Date() } });
    await audit(tx, { adminId, action: "billing.vat", targetType: "billing_settings", targetId: "1", details: { vatBasisPoints } });
  });
}

/** The VAT part of a VAT-inclusive amount, rounded to the currency's minor unit. */
export function vatIncluded(amountMinor: number, vatBasisPoints: number): { netMinor: number; vatMinor: number } {
  const netMinor = Math.round((amountMinor * 10_000) / (10_000 + vatBasisPoints));
  return { netMinor, vatMinor: amountMinor - netMinor };
}
