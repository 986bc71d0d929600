import { describe, expect, it } from "vitest";
import { cardExpiresAt, chargeTestCard, lastFourDigits, passesLuhn, TEST_CARDS } from "./test-provider";

const now = new Date("2026-03-10T12:00:00Z");
const card = (cardNumber: string, overrides: { expiry?: string; cvc?: string } = {}) =>
  chargeTestCard({ cardNumber, expiry: "12/30", cvc: "123", ...overrides }, now);

describe("chargeTestCard", () => {
  it("4242 4242 4242 4242 succeeds, with or without spaces", () => {
    expect(card("4242 4242 4242 4242")).toEqual({ ok: true });
    expect(card("4242424242424242")).toEqual({ ok: true });
    expect(card("4242-4242-4242-4242")).toEqual({ ok: true });
  });

  it("4000 0000 0000 0002 is declined", () => {
    expect(card("4000 0000 0000 0002")).toEqual({
      ok: false,
      code: "card_declined",
      messageKey: "billing:checkout.testErrors.card_declined",
      field: "cardNumber",
    });
  });

  it("4000 0000 0000 9995 fails for insufficient funds", () => {
    expect(card("4000 0000 0000 9995")).toMatchObject({
      ok: false,
      code: "insufficient_funds",
      messageKey: "billing:checkout.testErrors.insufficient_funds",
    });
  });

  it("refuses a real-looking number that is not a test card", () => {
    expect(card("5555 5555 5555 4444")).toMatchObject({ ok: false, code: "unknown_test_card", field: "cardNumber" });
  });

  it("refuses a number that fails the Luhn check or is not digits", () => {
    expect(card("4242 4242 4242 4241")).toMatchObject({ ok: false, code: "invalid_number" });
    expect(card("4242 abcd")).toMatchObject({ ok: false, code: "invalid_number" });
    expect(card("")).toMatchObject({ ok: false, code: "invalid_number" });
  });

  it("accepts a card through the end of its expiry month and refuses it after", () => {
    expect(card("4242424242424242", { expiry: "03/26" })).toEqual({ ok: true });
    expect(chargeTestCard({ cardNumber: "4242424242424242", expiry: "03/26", cvc: "123" }, new Date("2026-04-01T00:00:00Z"))).toMatchObject(
      { ok: false, code: "expired_card", field: "expiry" },
    );
    expect(card("4242424242424242", { expiry: "02/26" })).toMatchObject({ ok: false, code: "expired_card" });
  });

  it("refuses a malformed expiry", () => {
    for (const expiry of ["13/30", "00/30", "1/30", "12/2030", "soon"])
      expect(card("4242424242424242", { expiry }), expiry).toMatchObject({ ok: false, code: "invalid_expiry" });
  });

  it("needs a CVC of 3 or 4 digits", () => {
    expect(card("4242424242424242", { cvc: "1234" })).toEqual({ ok: true });
    for (const cvc of ["12", "12345", "abc", ""])
      expect(card("4242424242424242", { cvc }), cvc).toMatchObject({ ok: false, code: "invalid_cvc", field: "cvc" });
  });

  it("a declined test card is only declined once the form is valid", () => {
    expect(card("4000000000000002", { expiry: "01/20" })).toMatchObject({ code: "expired_card" });
  });
});

describe("card helpers", () => {
  it("every listed test card passes Luhn", () => {
    for (const testCard of TEST_CARDS) expect(passesLuhn(testCard.number)).toBe(true);
    expect(passesLuhn("79927398713")).toBe(true);
    expect(passesLuhn("79927398710")).toBe(false);
  });

  it("reads MM/YY as the first moment after the month", () => {
    expect(cardExpiresAt("12/30")).toEqual(new Date("2031-01-01T00:00:00Z"));
    expect(cardExpiresAt(" 03 / 26 ")).toEqual(new Date("2026-04-01T00:00:00Z"));
  });

  it("keeps only the last four digits for a receipt", () => {
    expect(lastFourDigits("4242 4242 4242 4242")).toBe("4242");
  });
});
