/**
 * Card rules of the built-in TEST payment provider, used when no Stripe key is configured.
 * No money moves and nothing here talks to a bank: only the listed test numbers are accepted.
 * Card numbers are checked in memory and never stored or logged — callers keep at most the last
 * four digits for the receipt (`lastFourDigits`).
 */

export type TestCardInput = { cardNumber: string; expiry: string; cvc: string };

export const TEST_CHARGE_FAILURE_CODES = [
  "invalid_number",
  "unknown_test_card",
  "invalid_expiry",
  "expired_card",
  "invalid_cvc",
  "card_declined",
  "insufficient_funds",
] as const;
export type TestChargeFailureCode = (typeof TEST_CHARGE_FAILURE_CODES)[number];
export type TestChargeResult =
  { ok: true } | { ok: false; code: TestChargeFailureCode; messageKey: string; field?: "cardNumber" | "expiry" | "cvc" };

/** The numbers shown on the test checkout page, and what each does. */
export const TEST_CARDS = [
  { number: "4242424242424242", outcome: "succeeds", hintKey: "billing:checkout.testCards.succeeds" },
  { number: "4000000000000002", outcome: "card_declined", hintKey: "billing:checkout.testCards.declined" },
  { number: "4000000000009995", outcome: "insufficient_funds", hintKey: "billing:checkout.testCards.insufficientFunds" },
] as const;

export function normalizeCardNumber(input: string): string {
  return input.replace(/[\s-]/g, "");
}

/** The Luhn checksum every real card number satisfies; catches most typos. */
export function passesLuhn(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let index = 0; index < digits.length; index++) {
    let digit = Number(digits[digits.length - 1 - index]);
    if (index % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** A card is valid through the last moment of its expiry month (UTC). `null` when MM/YY is malformed. */
export function cardExpiresAt(expiry: string): Date | null {
  const match = /^\s*(\d{2})\s*\/\s*(\d{2})\s*$/.exec(expiry);
  if (!match) return null;
  const month = Number(match[1]);
  if (month < 1 || month > 12) return null;
  return new Date(Date.UTC(2000 + Number(match[2]), month, 1));
}

export function lastFourDigits(cardNumber: string): string {
  return normalizeCardNumber(cardNumber).slice(-4);
}

const failure = (code: TestChargeFailureCode, field?: "cardNumber" | "expiry" | "cvc"): TestChargeResult => ({
  ok: false,
  code,
  messageKey: `billing:checkout.testErrors.${code}`,
  ...(field ? { field } : {}),
});

/** What the test provider answers for a card, checked in the order a real one would: form, then bank. */
export function chargeTestCard(input: TestCardInput, now: Date): TestChargeResult {
  const number = normalizeCardNumber(input.cardNumber);
  if (!/^\d{12,19}$/.test(number) || !passesLuhn(number)) return failure("invalid_number", "cardNumber");
  const expiresAt = cardExpiresAt(input.expiry);
  if (!expiresAt) return failure("invalid_expiry", "expiry");
  if (now.getTime() >= expiresAt.getTime()) return failure("expired_card", "expiry");
  if (!/^\d{3,4}$/.test(input.cvc.trim())) return failure("invalid_cvc", "cvc");
  const card = TEST_CARDS.find((candidate) => candidate.number === number);
  if (!card) return failure("unknown_test_card", "cardNumber");
  if (card.outcome === "succeeds") return { ok: true };
  return failure(card.outcome, "cardNumber");
}
