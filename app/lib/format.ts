import type { AppLocale } from "./i18n";

const intlLocale: Record<AppLocale, string> = { en: "en-US", vi: "vi-VN" };

/** How many minor units a currency has (VND 0, USD 2), per ISO 4217 as Intl knows it. */
export function minorUnitDigits(currency: string): number {
  return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/** Formats integer minor units (cents, dong) as money in the reader's language. */
export function formatMoney(amountMinor: number, currency: string, locale: AppLocale): string {
  const digits = minorUnitDigits(currency);
  return new Intl.NumberFormat(intlLocale[locale], { style: "currency", currency, minimumFractionDigits: digits, maximumFractionDigits: digits }).format(
    amountMinor / 10 ** digits,
  );
}

export function formatNumber(value: number, locale: AppLocale, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(intlLocale[locale], options).format(value);
}

/** A date and time as the member sees it on their own clock. */
export function formatDateTime(value: Date | string, locale: AppLocale, timeZone: string, options: Intl.DateTimeFormatOptions = { dateStyle: "medium", timeStyle: "short" }): string {
  return new Intl.DateTimeFormat(intlLocale[locale], { ...options, timeZone }).format(new Date(value));
}

export function formatDate(value: Date | string, locale: AppLocale, timeZone: string): string {
  return formatDateTime(value, locale, timeZone, { dateStyle: "medium" });
}
