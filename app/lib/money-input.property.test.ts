import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DomainError } from "./domain-error";
import { minorUnitDigits } from "./format";
import { formatMoneyInput, MAX_AMOUNT_MINOR, parseMoneyInput } from "./money-input";

const currencies = fc.constantFrom("USD", "VND", "EUR", "GBP", "KRW", "JPY", "SGD", "BHD");
const locales = fc.constantFrom("en" as const, "vi" as const);
const amounts = fc.oneof(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: MAX_AMOUNT_MINOR }));

describe("money typed in a form (properties)", () => {
  it("what the form shows parses back to the same minor units, in every currency and language", () => {
    fc.assert(
      fc.property(amounts, currencies, locales, (amount, currency, locale) => {
        expect(parseMoneyInput(formatMoneyInput(amount, currency, locale), currency, locale)).toBe(amount);
      }),
    );
  });

  it("any text is either refused with a field error or read as a whole number of minor units within the limit", () => {
    const typed = fc.oneof(fc.string(), fc.stringMatching(/^[\d.,\s-]{0,20}$/), fc.stringMatching(/^\d{1,16}([.,]\d{0,4})?$/));
    fc.assert(
      fc.property(typed, currencies, locales, (text, currency, locale) => {
        try {
          const amount = parseMoneyInput(text, currency, locale);
          expect(Number.isSafeInteger(amount)).toBe(true);
          expect(amount).toBeGreaterThanOrEqual(0);
          expect(amount).toBeLessThanOrEqual(MAX_AMOUNT_MINOR);
        } catch (error) {
          expect(error).toBeInstanceOf(DomainError);
          expect((error as DomainError).options.field).toBe("amount");
        }
      }),
      { numRuns: 2_000 },
    );
  });

  it("more digits typed never mean less money (appending a digit multiplies by ten)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 99_999_999 }), fc.integer({ min: 0, max: 9 }), currencies, (whole, digit, currency) => {
        const shorter = parseMoneyInput(String(whole), currency, "en");
        const longer = parseMoneyInput(`${whole}${digit}`, currency, "en");
        expect(longer).toBe(shorter * 10 + digit * 10 ** minorUnitDigits(currency));
      }),
    );
  });
});
