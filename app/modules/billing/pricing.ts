import { formatMoney } from "~/lib/format";
import type { AppLocale } from "~/lib/i18n";
import { OFFERED_CATALOGUE, type EntitlementCatalogueEntry, type Entitlements } from "./entitlements";

export const BILLING_PERIODS = ["monthly", "quarterly", "yearly"] as const;
export type BillingPeriod = (typeof BILLING_PERIODS)[number];

export const MONTHS_IN_PERIOD: Record<BillingPeriod, number> = { monthly: 1, quarterly: 3, yearly: 12 };

export type PackagePrice = { currency: string; amountMinor: number; period: BillingPeriod };

/** Visitors reading Vietnamese see dong, everyone else dollars. */
export function currencyForLocale(locale: AppLocale): "VND" | "USD" {
  return locale === "vi" ? "VND" : "USD";
}

export const FALLBACK_CURRENCY = "USD";

export type PricingPackageInput = {
  slug: string;
  name: { en: string; vi: string };
  description: { en: string; vi: string };
  prices: readonly PackagePrice[];
  entitlements: Entitlements;
};

export type PricingPrice = {
  period: BillingPeriod;
  currency: string;
  amountMinor: number;
  /** The price spread over its months, rounded half up to a whole minor unit; for display only. */
  monthlyEquivalentMinor: number;
  formatted: string;
  formattedMonthlyEquivalent: string;
};

export type PricingColumn = {
  slug: string;
  name: string;
  description: string;
  isFree: boolean;
  /** The currency shown: the visitor's, or USD when the package has no price in it. */
  currency: string | null;
  prices: PricingPrice[];
};

export type PricingRow =
  | {
      kind: "feature";
      key: EntitlementCatalogueEntry["key"];
      labelKey: string;
      descriptionKey: string;
      cells: { slug: string; included: boolean }[];
    }
  | {
      kind: "limit";
      key: EntitlementCatalogueEntry["key"];
      labelKey: string;
      descriptionKey: string;
      cells: { slug: string; value: number }[];
    };

export type PricingMatrix = { columns: PricingColumn[]; rows: PricingRow[] };

/** `amount / months`, rounded half up, in integers only. */
function perMonth(amountMinor: number, months: number): number {
  const remainder = amountMinor % months;
  return (amountMinor - remainder) / months + (remainder * 2 >= months ? 1 : 0);
}

function pricesFor(pkg: PricingPackageInput, currency: string, locale: AppLocale): { currency: string | null; prices: PricingPrice[] } {
  const shown = [currency, FALLBACK_CURRENCY].find((code) => pkg.prices.some((price) => price.currency === code)) ?? null;
  if (!shown) return { currency: null, prices: [] };
  const prices = pkg.prices
    .filter((price) => price.currency === shown)
    .sort((a, b) => BILLING_PERIODS.indexOf(a.period) - BILLING_PERIODS.indexOf(b.period))
    .map((price) => {
      const monthlyEquivalentMinor = perMonth(price.amountMinor, MONTHS_IN_PERIOD[price.period]);
      return {
        period: price.period,
        currency: shown,
        amountMinor: price.amountMinor,
        monthlyEquivalentMinor,
        formatted: formatMoney(price.amountMinor, shown, locale),
        formattedMonthlyEquivalent: formatMoney(monthlyEquivalentMinor, shown, locale),
      };
    });
  return { currency: shown, prices };
}

/**
 * The public pricing page's table: one column per package (in the order given — pass the
 * published ones), one row per entitlement, prices in the visitor's currency.
 */
export function comparePackages(
  packages: readonly PricingPackageInput[],
  { locale, currency }: { locale: AppLocale; currency?: string },
): PricingMatrix {
  const visitorCurrency = (currency ?? currencyForLocale(locale)).toUpperCase();
  const columns = packages.map((pkg): PricingColumn => {
    const { currency: shown, prices } = pricesFor(pkg, visitorCurrency, locale);
    return {
      slug: pkg.slug,
      name: pkg.name[locale],
      description: pkg.description[locale],
      isFree: !pkg.prices.some((price) => price.amountMinor > 0),
      currency: shown,
      prices,
    };
  });
  const rows = OFFERED_CATALOGUE.map((entry): PricingRow => {
    const { labelKey, descriptionKey } = entry;
    if (entry.kind === "feature") {
      return {
        kind: "feature",
        key: entry.key,
        labelKey,
        descriptionKey,
        cells: packages.map((pkg) => ({ slug: pkg.slug, included: pkg.entitlements.features.includes(entry.key) })),
      };
    }
    return {
      kind: "limit",
      key: entry.key,
      labelKey,
      descriptionKey,
      cells: packages.map((pkg) => ({
        slug: pkg.slug,
        value: pkg.entitlements.features.includes(entry.requires) ? pkg.entitlements[entry.key] : 0,
      })),
    };
  });
  return { columns, rows };
}

/** How much a longer period saves over paying monthly, in whole percent (rounded down, so never overstated). */
export function savingsPercent(monthlyMinor: number, price: Pick<PackagePrice, "amountMinor" | "period">): number {
  const months = MONTHS_IN_PERIOD[price.period];
  const full = monthlyMinor * months;
  if (full <= 0 || price.amountMinor >= full) return 0;
  return Math.floor(((full - price.amountMinor) * 100) / full);
}
