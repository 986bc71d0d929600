import type { AppLocale } from "~/lib/i18n";

const intlLocale: Record<AppLocale, string> = { en: "en-US", vi: "vi-VN" };
const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * A post's date and time on the reader's clock. Building an Intl.DateTimeFormat with a time
 * zone costs far more than using one, and a feed page shows twenty, so formatters are reused.
 */
export function formatPostTime(value: string, locale: AppLocale, timeZone: string): string {
  const key = `${locale}|${timeZone}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(intlLocale[locale], { dateStyle: "medium", timeStyle: "short", timeZone });
    if (formatters.size > 500) formatters.clear();
    formatters.set(key, formatter);
  }
  return formatter.format(new Date(value));
}
