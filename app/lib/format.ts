import { boundedCache } from "./cache";
import type { AppLocale } from "./i18n";

const intlLocale: Record<AppLocale, string> = { en: "en-US", vi: "vi-VN" };

// Building an Intl formatter costs far more than using one; pages format dozens of values.
const numberFormats = boundedCache<string, Intl.NumberFormat>("number-formats", 500, { evenWhenCachesOff: true });
const dateTimeFormats = boundedCache<string, Intl.DateTimeFormat>("date-time-formats", 2_000, { evenWhenCachesOff: true });

/** A shared Intl.NumberFormat for these arguments. */
export function numberFormat(locale: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  return numberFormats.getOrCreate(`${locale}|${JSON.stringify(options)}`, () => new Intl.NumberFormat(locale, options));
}

/** A shared Intl.DateTimeFormat for these arguments. */
export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions = {}): Intl.DateTimeFormat {
  return dateTimeFormats.getOrCreate(`${locale}|${JSON.stringify(options)}`, () => new Intl.DateTimeFormat(locale, options));
}

// Money is formatted per row on billing pages: keyed by currency and language, not by the options' JSON.
const currencyDigits = boundedCache<string, number>("currency-digits", 200, { evenWhenCachesOff: true });
const moneyFormats = boundedCache<string, Intl.NumberFormat>("money-formats", 400, { evenWhenCachesOff: true });

/** How many minor units a currency has (VND 0, USD 2), per ISO 4217 as Intl knows it. */
export function minorUnitDigits(currency: string): number {
  return currencyDigits.getOrCreate(
    currency,
    () => numberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2,
  );
}

/** Formats integer minor units (cents, dong) as money in the reader's language. */
export function formatMoney(amountMinor: number, currency: string, locale: AppLocale): string {
  const digits = minorUnitDigits(currency);
  const format = moneyFormats.getOrCreate(`${locale}|${currency}`, () =>
    numberFormat(intlLocale[locale], { style: "currency", currency, minimumFractionDigits: digits, maximumFractionDigits: digits }),
  );
  return format.format(amountMinor / 10 ** digits);
}

export function formatNumber(value: number, locale: AppLocale, options?: Intl.NumberFormatOptions): string {
  return numberFormat(intlLocale[locale], options).format(value);
}

// The two styles list rows use, keyed by language and zone without building the options' JSON per value.
const styledDateFormats = boundedCache<string, Intl.DateTimeFormat>("styled-date-formats", 1_000, { evenWhenCachesOff: true });
function styledDateFormat(style: "date" | "dateTime", locale: AppLocale, timeZone: string): Intl.DateTimeFormat {
  return styledDateFormats.getOrCreate(`${style}|${locale}|${timeZone}`, () =>
    dateTimeFormat(
      intlLocale[locale],
      style === "date" ? { dateStyle: "medium", timeZone } : { dateStyle: "medium", timeStyle: "short", timeZone },
    ),
  );
}

/** A date and time as the member sees it on their own clock. */
export function formatDateTime(value: Date | string, locale: AppLocale, timeZone: string, options?: Intl.DateTimeFormatOptions): string {
  const format = options ? dateTimeFormat(intlLocale[locale], { ...options, timeZone }) : styledDateFormat("dateTime", locale, timeZone);
  return format.format(new Date(value));
}

export function formatDate(value: Date | string, locale: AppLocale, timeZone: string): string {
  return styledDateFormat("date", locale, timeZone).format(new Date(value));
}
