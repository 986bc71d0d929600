import { boundedCache } from "~/lib/cache";
import type { AppLocale } from "~/lib/i18n";

const intlLocale: Record<AppLocale, string> = { en: "en-US", vi: "vi-VN" };
const formatters = boundedCache<string, Intl.DateTimeFormat>("post-time-formats", 500, { evenWhenCachesOff: true });

/**
 * A post's date and time on the reader's clock. Building an Intl.DateTimeFormat with a time
 * zone costs far more than using one, and a feed page shows twenty, so formatters are reused.
 */
export function formatPostTime(value: string, locale: AppLocale, timeZone: string): string {
  const formatter = formatters.getOrCreate(
    `${locale}|${timeZone}`,
    () => new Intl.DateTimeFormat(intlLocale[locale], { dateStyle: "medium", timeStyle: "short", timeZone }),
  );
  return formatter.format(new Date(value));
}
