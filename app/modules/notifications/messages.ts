import type { AppLocale } from "~/lib/i18n";
import { formatMoney, formatNumber, minorUnitDigits } from "~/lib/format";
import en from "~/locales/en/notifications";
import vi from "~/locales/vi/notifications";

export type Money = { amountMinor: number; currency: string };

/**
 * What a message may mention. {{days}} renders with its unit ("7 days", "1 day", "7 ngày"),
 * {{money}} as money in the member's currency, other numbers as numbers, strings as given.
 */
export type MessageValues = {
  name?: string | null;
  days?: number | null;
  money?: Money | null;
  cravings?: number | null;
  checkIns?: number | null;
  badge?: string | null;
  milestone?: string | null;
  plan?: string | null;
  link?: string | null;
};

export type RenderTarget = "text" | "sms";

const PLACEHOLDER = /\{\{\s*([A-Za-z]+)\s*\}\}/g;
const intlLocale: Record<AppLocale, string> = { en: "en-US", vi: "vi-VN" };

function formatDays(days: number, locale: AppLocale): string {
  return new Intl.NumberFormat(intlLocale[locale], { style: "unit", unit: "day", unitDisplay: "long" }).format(days);
}

const plainSpaces = (text: string) => text.replace(/[\u00A0\u202F]/g, " ");

// A symbol outside the GSM alphabet (₫) would make the whole SMS UCS-2 and cut it to 70 characters; use the code instead.
function formatSmsMoney(money: Money, locale: AppLocale): string {
  const withSymbol = plainSpaces(formatMoney(money.amountMinor, money.currency, locale));
  if (smsSize(withSymbol).encoding === "gsm-7") return withSymbol;
  const digits = minorUnitDigits(money.currency);
  const withCode = new Intl.NumberFormat(intlLocale[locale], {
    style: "currency",
    currency: money.currency,
    currencyDisplay: "code",
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(money.amountMinor / 10 ** digits);
  return plainSpaces(withCode);
}

function formatValue(name: string, values: MessageValues, locale: AppLocale, target: RenderTarget): string | null {
  if (!Object.hasOwn(values, name)) return null;
  const value = values[name as keyof MessageValues];
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return value.trim() || null;
  if (typeof value === "number") return name === "days" ? formatDays(value, locale) : formatNumber(value, locale);
  return target === "sms" ? formatSmsMoney(value, locale) : formatMoney(value.amountMinor, value.currency, locale);
}

/** Removes the traces a left-out placeholder leaves: doubled spaces, a space or comma before punctuation. */
function tidy(text: string): string {
  return text
    .replace(/[ \t]{2,}/g, " ")
    .replace(/[ \t]+([,.!?;:)])/g, "$1")
    .replace(/,([.!?])/g, "$1")
    .replace(/\(\)/g, "")
    .replace(/^[ \t,;:]+/gm, "")
    .replace(/[ \t]+$/gm, "")
    .trim();
}

/**
 * Fills a message template in one pass, so a value containing "{{...}}" is never expanded.
 * Placeholders without a value (or unknown to us) are left out. The result is plain text:
 * HTML email must still escape it.
 */
export function renderMotivation(template: string, values: MessageValues, locale: AppLocale, target: RenderTarget = "text"): string {
  let leftOut = false;
  const filled = template.replace(PLACEHOLDER, (_, name: string) => {
    const value = formatValue(name, values, locale, target);
    if (value === null) leftOut = true;
    return value ?? "";
  });
  const text = leftOut ? tidy(filled) : filled;
  // Intl's non-breaking spaces are outside the GSM alphabet.
  return target === "sms" ? plainSpaces(text) : text;
}

/** The placeholder names a template uses. */
export function placeholdersIn(template: string): string[] {
  return [...new Set(Array.from(template.matchAll(PLACEHOLDER), (match) => match[1]!))];
}

export type EncouragementMessage = { key: string; text: Record<AppLocale, string> };

/** The built-in encouragement library, seeded into the admin-managed table. */
export const seedEncouragementMessages: EncouragementMessage[] = (Object.keys(en.encouragement) as (keyof typeof en.encouragement)[]).map(
  (key) => ({
    key,
    text: { en: en.encouragement[key], vi: vi.encouragement[key] },
  }),
);

function hasMeaningfulValue(name: string, values: MessageValues): boolean {
  const value = values[name as keyof MessageValues];
  if (value === null || value === undefined) return false;
  if (typeof value === "number") return value > 0;
  if (typeof value === "string") return value.trim() !== "";
  return value.amountMinor > 0;
}

function hash(seed: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    h ^= seed.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * Chooses today's message: only one whose numbers the member can be proud of (no "0 days"),
 * the same choice for the same seed (a retried job sends the same text), e.g. seed = `${userId}:${localDate}`.
 * {{name}} is optional everywhere, so it never rules a message out.
 */
export function pickEncouragement<T extends EncouragementMessage>(
  library: readonly T[],
  values: MessageValues,
  locale: AppLocale,
  seed: string,
): T | null {
  const usable = library.filter((message) =>
    placeholdersIn(message.text[locale]).every((name) => name === "name" || hasMeaningfulValue(name, values)),
  );
  if (usable.length === 0) return null;
  return usable[hash(seed) % usable.length]!;
}

const notificationTexts = { en, vi };

/** Messages sent through every channel; each has a subject (email), title (in-app), body, action and sms. */
export const notificationMessages = ["checkInReminder", "weeklySummary", "milestoneReached", "paymentFailed"] as const;
export type NotificationMessage = (typeof notificationMessages)[number];
export type NotificationTextPart = "subject" | "title" | "body" | "action" | "sms";

/** The i18next key, for UI code that translates with t(). */
export function notificationTextKey(message: NotificationMessage, part: NotificationTextPart) {
  return `notifications:${message}.${part}` as const;
}

/** A message part in the member's language, filled in. SMS parts are rendered for SMS (GSM-friendly money, plain spaces). */
export function renderNotificationText(
  message: NotificationMessage,
  part: NotificationTextPart,
  values: MessageValues,
  locale: AppLocale,
): string {
  return renderMotivation(notificationTexts[locale][message][part], values, locale, part === "sms" ? "sms" : "text");
}

const GSM_BASIC =
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
const GSM_EXTENDED = "^{}\\[~]|€\f";

/** How an SMS is encoded and billed: GSM-7 (160 a segment, 153 when split) or UCS-2 (70, 67). */
export function smsSize(text: string): { encoding: "gsm-7" | "ucs-2"; length: number; segments: number } {
  let gsmLength = 0;
  for (const char of text) {
    if (GSM_BASIC.includes(char)) gsmLength += 1;
    else if (GSM_EXTENDED.includes(char)) gsmLength += 2;
    else {
      const length = [...text].reduce((n, c) => n + (c.codePointAt(0)! > 0xffff ? 2 : 1), 0);
      return { encoding: "ucs-2", length, segments: length <= 70 ? 1 : Math.ceil(length / 67) };
    }
  }
  return { encoding: "gsm-7", length: gsmLength, segments: gsmLength <= 160 ? 1 : Math.ceil(gsmLength / 153) };
}
