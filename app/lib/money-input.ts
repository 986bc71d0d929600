import { DomainError } from "~/lib/domain-error";
import { minorUnitDigits } from "~/lib/format";
import type { AppLocale } from "~/lib/i18n";

/** How people write numbers: "1,234.56" in English, "1.234,56" in Vietnamese. */
const separators: Record<AppLocale, { decimal: string; group: string }> = {
  en: { decimal: ".", group: "," },
  vi: { decimal: ",", group: "." },
};

/** Large enough for any real price (a billion dollars, or a trillion dong), small enough to stay a safe integer. */
export const MAX_AMOUNT_MINOR = 1_000_000_000_000;

/**
 * Turns an amount typed in major units ("9.99" USD in English, "150.000" VND in Vietnamese) into
 * exact integer minor units, by string arithmetic — never floats.
 *
 * Group separators are optional but, when used, must group by thousands ("1.500.000"). More decimals
 * than the currency has are refused, even zeros: "150.000" VND typed in English would otherwise
 * silently mean 150 dong instead of the 150 000 the admin meant.
 */
export function parseMoneyInput(input: string, currency: string, locale: AppLocale): number {
  const field = { field: "amount" };
  const text = input.trim();
  if (text === "") throw new DomainError("invalid", "errors:amount.required", field);
  const { decimal, group } = separators[locale];
  const parts = text.split(decimal);
  if (parts.length > 2) throw new DomainError("invalid", "errors:amount.invalid", field);
  const [wholeWithGroups = "", fraction = ""] = parts;
  if (parts.length === 2 && fraction === "") throw new DomainError("invalid", "errors:amount.invalid", field);

  const groups = wholeWithGroups.split(group);
  const groupingIsValid =
    groups.length === 1
      ? /^\d+$/.test(wholeWithGroups)
      : /^\d{1,3}$/.test(groups[0] ?? "") && groups.slice(1).every((g) => /^\d{3}$/.test(g));
  if (!groupingIsValid || !/^\d*$/.test(fraction)) throw new DomainError("invalid", "errors:amount.invalid", field);

  const digits = minorUnitDigits(currency);
  if (fraction.length > digits) {
    throw new DomainError("invalid", "errors:amount.tooManyDecimals", { ...field, values: { currency, digits } });
  }
  const minorDigits = (groups.join("") + fraction.padEnd(digits, "0")).replace(/^0+(?=\d)/, "");
  if (minorDigits.length > String(MAX_AMOUNT_MINOR).length) throw new DomainError("invalid", "errors:amount.tooLarge", field);
  const amountMinor = Number(minorDigits);
  if (amountMinor > MAX_AMOUNT_MINOR) throw new DomainError("invalid", "errors:amount.tooLarge", field);
  return amountMinor;
}

/** The reverse, for pre-filling an admin form: 150000 VND → "150.000" in Vietnamese, 999 USD → "9.99" in English. */
export function formatMoneyInput(amountMinor: number, currency: string, locale: AppLocale): string {
  const { decimal, group } = separators[locale];
  const digits = minorUnitDigits(currency);
  const text = String(amountMinor).padStart(digits + 1, "0");
  const whole = text.slice(0, text.length - digits).replace(/\B(?=(\d{3})+$)/g, group);
  return digits === 0 ? whole : `${whole}${decimal}${text.slice(-digits)}`;
}
