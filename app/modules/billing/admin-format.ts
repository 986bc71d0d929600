import { formatMoneyInput } from "~/lib/money-input";
import type { AppLocale } from "~/lib/i18n";

export { formatDate, formatDateTime, formatMoney } from "~/lib/format";

/** Pre-fills a refund amount in the admin's notation. */
export function formatMoneyInputSafe(amountMinor: number, currency: string, locale: AppLocale): string {
  return formatMoneyInput(Math.max(0, amountMinor), currency, locale);
}
