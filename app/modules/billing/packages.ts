import { z } from "zod";
import { DomainError } from "~/lib/domain-error";
import type { AppLocale } from "~/lib/i18n";
import { DELIVERED_FEATURES, type Entitlements } from "./entitlements";
import { MAX_AMOUNT_MINOR, parseMoneyInput } from "~/lib/money-input";
import { BILLING_PERIODS, type PackagePrice } from "./pricing";

export const PACKAGE_STATUSES = ["draft", "published", "retired"] as const;
export type PackageStatus = (typeof PACKAGE_STATUSES)[number];

/** Every paid package can be bought in these, so Vietnamese and international visitors both see a price. */
export const REQUIRED_CURRENCIES = ["VND", "USD"] as const;

const isoCurrencies = new Set(Intl.supportedValuesOf("currency"));

/** FormData sends "" for an empty field; that must read as missing, never as 0. */
function emptyToUndefined(value: unknown): unknown {
  return typeof value === "string" && value.trim() === "" ? undefined : value;
}

/** A whole number from a form field or JSON; "150000" is accepted, "1.5" and "abc" are not. */
function wholeNumber(messages: { required: string; invalid: string }) {
  return z.preprocess(
    (value) => {
      const present = emptyToUndefined(value);
      return typeof present === "string" && /^\s*\d+\s*$/.test(present) ? Number(present) : present;
    },
    z.number({ required_error: messages.required, invalid_type_error: messages.invalid }).int(messages.invalid),
  );
}

export const currencyCode = z.preprocess(
  (value) => (typeof value === "string" ? value.trim().toUpperCase() : value),
  z.string({ required_error: "billingErrors:currencyInvalid" }).refine((code) => isoCurrencies.has(code), "billingErrors:currencyInvalid"),
);

export const amountMinor = wholeNumber({ required: "errors:amount.required", invalid: "errors:amount.invalid" }).pipe(
  z.number().min(0, "errors:amount.invalid").max(MAX_AMOUNT_MINOR, "errors:amount.tooLarge"),
);

export const billingPeriod = z.enum(BILLING_PERIODS, { errorMap: () => ({ message: "billingErrors:periodInvalid" }) });
export const packageStatus = z.enum(PACKAGE_STATUSES, { errorMap: () => ({ message: "billingErrors:statusInvalid" }) });

export const packageSlug = z
  .string({ required_error: "billingErrors:slugRequired" })
  .trim()
  .toLowerCase()
  .min(2, "billingErrors:slugInvalid")
  .max(48, "billingErrors:slugInvalid")
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "billingErrors:slugInvalid");

function localizedText(max: number, requiredKey: string) {
  const text = z.string({ required_error: requiredKey }).trim().min(1, requiredKey).max(max, "billingErrors:textTooLong");
  return z.object({ en: text, vi: text });
}

export const packagePriceSchema = z.object({ currency: currencyCode, amountMinor, period: billingPeriod });
/** A price as an admin types it, in major units of the currency ("99.000" VND, "9.99" USD), converted exactly. */
export function packagePriceInputSchema(locale: AppLocale) {
  return z
    .object({ currency: currencyCode, amount: z.string({ required_error: "errors:amount.required" }), period: billingPeriod })
    .transform((price, ctx): PackagePrice => {
      try {
        return { currency: price.currency, period: price.period, amountMinor: parseMoneyInput(price.amount, price.currency, locale) };
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["amount"], message: error.message });
        return z.NEVER;
      }
    });
}

const limit = (max: number) =>
  wholeNumber({ required: "billingErrors:limitInvalid", invalid: "billingErrors:limitInvalid" }).pipe(
    z.number().min(0, "billingErrors:limitInvalid").max(max, "billingErrors:limitInvalid"),
  );

export const entitlementsSchema = z.object({
  // A form with one checkbox ticked sends a single string, with none ticked sends nothing.
  features: z
    .preprocess(
      (value) => (value === undefined || value === "" ? [] : Array.isArray(value) ? value : [value]),
      // Only what a route delivers can be sold.
      z.array(z.enum(DELIVERED_FEATURES, { errorMap: () => ({ message: "billingErrors:entitlementInvalid" }) })),
    )
    .transform((features) => [...new Set(features)]),
  aiCoachMessagesPerDay: z.preprocess((value) => emptyToUndefined(value) ?? 0, limit(1000)),
  videoSessionsPerMonth: z.preprocess((value) => emptyToUndefined(value) ?? 0, limit(31)),
}) satisfies z.ZodType<Entitlements, z.ZodTypeDef, unknown>;

export const packageTermsSchema = z.object({
  version: wholeNumber({ required: "billingErrors:termsVersionInvalid", invalid: "billingErrors:termsVersionInvalid" }).pipe(
    z.number().min(1, "billingErrors:termsVersionInvalid"),
  ),
  text: localizedText(20_000, "billingErrors:termsRequired"),
});

function pricesSchema<T extends z.ZodType<PackagePrice, z.ZodTypeDef, unknown>>(price: T) {
  return z
    .array(price)
    .max(30, "billingErrors:tooManyPrices")
    .superRefine((prices, ctx) => {
      const seen = new Set<string>();
      prices.forEach((p, index) => {
        const key = `${p.currency}/${p.period}`;
        if (seen.has(key))
          ctx.addIssue({ code: z.ZodIssueCode.custom, path: [index, "currency"], message: "billingErrors:priceDuplicate" });
        seen.add(key);
      });
      if (!isPaid(prices)) return;
      // Each period a paid package is sold for must be priced in every required currency.
      for (const period of new Set(prices.map((p) => p.period))) {
        for (const currency of REQUIRED_CURRENCIES) {
          if (!prices.some((p) => p.period === period && p.currency === currency)) {
            ctx.addIssue({ code: z.ZodIssueCode.custom, message: "billingErrors:pricesNeedVndAndUsd", params: { period, currency } });
          }
        }
      }
    });
}

function packageSchemaWith<T extends z.ZodType<PackagePrice, z.ZodTypeDef, unknown>>(price: T) {
  return z.object({
    slug: packageSlug,
    name: localizedText(60, "billingErrors:nameRequired"),
    description: localizedText(500, "billingErrors:descriptionRequired"),
    prices: pricesSchema(price),
    entitlements: entitlementsSchema,
    terms: packageTermsSchema,
  });
}

/** A package as stored and sent as JSON: prices in minor units. The status changes through its own intent. */
export const packageSchema = packageSchemaWith(packagePriceSchema);
export type PackageDefinition = z.infer<typeof packageSchema>;

/** The admin form's version: prices typed in major units in the admin's language. */
export function packageFormSchema(locale: AppLocale) {
  return packageSchemaWith(packagePriceInputSchema(locale));
}

/** The admin form's price grid: one box per required currency and period; a box left empty is not sold. */
export const PRICE_SLOTS = REQUIRED_CURRENCIES.flatMap((currency) => BILLING_PERIODS.map((period) => ({ currency, period })));

type PackageGridInput = Omit<z.input<ReturnType<typeof packageFormSchema>>, "prices"> & { slot?: Record<string, { amount?: string }> };

/** The admin package form as posted (`slot.<n>.amount` boxes), read into packageFormSchema's prices. */
export function packageGridFormSchema(
  locale: AppLocale,
): z.ZodType<z.output<ReturnType<typeof packageFormSchema>>, z.ZodTypeDef, PackageGridInput> {
  return (
    z
      .object({ slot: z.record(z.object({ amount: z.unknown() }).partial()).optional() })
      .passthrough()
      .transform(({ slot = {}, ...rest }) => ({
        ...rest,
        prices: PRICE_SLOTS.flatMap((price, i) => {
          const amount = slot[i]?.amount;
          return typeof amount === "string" && amount.trim() !== "" ? [{ ...price, amount }] : [];
        }),
      }))
      // Typed by the form's own shape, so the page's field metadata knows name.en, slot.<n>.amount and the rest.
      .pipe(packageFormSchema(locale)) as unknown as z.ZodType<
      z.output<ReturnType<typeof packageFormSchema>>,
      z.ZodTypeDef,
      PackageGridInput
    >
  );
}

/** A package is paid when any of its prices is above zero; Basic has none. */
export function isPaid(prices: readonly Pick<PackagePrice, "amountMinor">[]): boolean {
  return prices.some((p) => p.amountMinor > 0);
}

const transitions: Record<PackageStatus, readonly PackageStatus[]> = {
  draft: ["published"],
  published: ["retired"],
  retired: [],
};

/** Draft → published → retired, one way only. */
export function canTransition(from: PackageStatus, to: PackageStatus): boolean {
  return transitions[from].includes(to);
}

export function assertCanTransition(from: PackageStatus, to: PackageStatus): void {
  if (!canTransition(from, to))
    throw new DomainError("conflict", "billingErrors:statusTransition", { field: "status", values: { from, to } });
}

/** Only a published package can be bought; a retired one keeps its current subscribers but takes no new ones. */
export function acceptsNewSubscribers(status: PackageStatus): boolean {
  return status === "published";
}

/** Retiring never cancels anyone: subscribers keep the package until they cancel or their subscription ends. */
export function keepsExistingSubscribers(status: PackageStatus): boolean {
  return status === "published" || status === "retired";
}
