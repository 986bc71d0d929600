import { describe, expect, it } from "vitest";
import { DomainError } from "~/lib/domain-error";
import { formatMoneyInput, parseMoneyInput } from "./money-input";

function errorKey(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error.message;
    throw error;
  }
  return undefined;
}

describe("parseMoneyInput", () => {
  it("reads dollars and cents exactly", () => {
    expect(parseMoneyInput("19.99", "USD", "en")).toBe(1999);
    expect(parseMoneyInput("9.99", "USD", "en")).toBe(999);
    expect(parseMoneyInput("0.29", "USD", "en")).toBe(29); // 0.29 * 100 is 28.999999999999996 in floats
    expect(parseMoneyInput("1.1", "USD", "en")).toBe(110);
    expect(parseMoneyInput("12", "USD", "en")).toBe(1200);
    expect(parseMoneyInput("1,234.50", "USD", "en")).toBe(123450);
    expect(parseMoneyInput("  0 ", "USD", "en")).toBe(0);
  });

  it("reads dong the Vietnamese way, with dots grouping thousands", () => {
    expect(parseMoneyInput("150.000", "VND", "vi")).toBe(150000);
    expect(parseMoneyInput("99.000", "VND", "vi")).toBe(99000);
    expect(parseMoneyInput("1.500.000", "VND", "vi")).toBe(1500000);
    expect(parseMoneyInput("150000", "VND", "vi")).toBe(150000);
  });

  it("reads dollars typed in Vietnamese with a decimal comma", () => {
    expect(parseMoneyInput("9,99", "USD", "vi")).toBe(999);
    expect(parseMoneyInput("1.234,5", "USD", "vi")).toBe(123450);
  });

  it("refuses more decimals than the currency has, even zeros", () => {
    expect(errorKey(() => parseMoneyInput("19.999", "USD", "en"))).toBe("errors:amount.tooManyDecimals");
    expect(errorKey(() => parseMoneyInput("150.000", "VND", "en"))).toBe("errors:amount.tooManyDecimals");
    expect(errorKey(() => parseMoneyInput("150.000,5", "VND", "vi"))).toBe("errors:amount.tooManyDecimals");
  });

  it("refuses text that is not an amount", () => {
    for (const input of ["abc", "-5", "1e3", "1.2.3", "12.", "1,23.00", "9.99", "$5", "5 000"]) {
      const locale = input === "9.99" ? "vi" : "en";
      expect(
        errorKey(() => parseMoneyInput(input, "USD", locale)),
        input,
      ).toBe("errors:amount.invalid");
    }
    expect(errorKey(() => parseMoneyInput("   ", "USD", "en"))).toBe("errors:amount.required");
  });

  it("refuses absurdly large amounts instead of losing precision", () => {
    expect(errorKey(() => parseMoneyInput("99999999999999999999", "VND", "en"))).toBe("errors:amount.tooLarge");
    expect(parseMoneyInput("1000000000000", "VND", "en")).toBe(1_000_000_000_000);
  });

  it("names the field so the form can show the message beside it", () => {
    try {
      parseMoneyInput("x", "USD", "en");
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).options.field).toBe("amount");
    }
  });
});

describe("formatMoneyInput", () => {
  it("writes what parseMoneyInput reads", () => {
    expect(formatMoneyInput(150000, "VND", "vi")).toBe("150.000");
    expect(formatMoneyInput(999, "USD", "en")).toBe("9.99");
    expect(formatMoneyInput(5, "USD", "en")).toBe("0.05");
    expect(formatMoneyInput(123450, "USD", "vi")).toBe("1.234,50");
    for (const [amount, currency, locale] of [
      [1999, "USD", "en"],
      [1500000, "VND", "vi"],
      [7, "USD", "vi"],
      [0, "VND", "en"],
    ] as const) {
      expect(parseMoneyInput(formatMoneyInput(amount, currency, locale), currency, locale)).toBe(amount);
    }
  });
});
