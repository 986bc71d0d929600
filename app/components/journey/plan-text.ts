import type { AppLocale } from "~/lib/i18n";
import { isTrigger } from "~/modules/journey/triggers";

/** A member-local calendar day (YYYY-MM-DD) in the reader's language; the day never shifts with a clock. */
export function formatLocalDate(date: string, locale: AppLocale): string {
  let formatter = dayFormatters.get(locale);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale === "vi" ? "vi-VN" : "en-US", { dateStyle: "medium", timeZone: "UTC" });
    dayFormatters.set(locale, formatter);
  }
  return formatter.format(new Date(`${date}T12:00:00Z`));
}
// Building an Intl formatter costs far more than using one; there are only two languages.
const dayFormatters = new Map<AppLocale, Intl.DateTimeFormat>();

/** Task parameters that are keys (triggers, strategies, dates) shown in the reader's words. */
export function taskValues(
  params: Record<string, string | number>,
  t: (key: string) => string,
  locale: AppLocale = "en",
): Record<string, string | number> {
  const out: Record<string, string | number> = { ...params };
  if (typeof params.trigger === "string")
    out.trigger = isTrigger(params.trigger) ? t(`journey:triggers.${params.trigger}`).toLowerCase() : params.trigger;
  if (typeof params.strategy === "string") out.strategy = t(`journey:strategies.${params.strategy}.title`);
  if (typeof params.date === "string") out.date = formatLocalDate(params.date, locale);
  return out;
}
