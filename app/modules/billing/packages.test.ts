import { describe, expect, it } from "vitest";
import { DomainError } from "~/lib/domain-error";
import {
  acceptsNewSubscribers,
  assertCanTransition,
  canTransition,
  entitlementsSchema,
  isPaid,
  keepsExistingSubscribers,
  packageFormSchema,
  packageSchema,
  PACKAGE_STATUSES,
} from "./packages";

const premium = {
  slug: "Premium-Monthly",
  name: { en: "Premium", vi: "Cao cấp" },
  description: { en: "A coach at your side", vi: "Có huấn luyện viên đồng hành" },
  prices: [
    { currency: "VND", amountMinor: "150000", period: "monthly" },
    { currency: "usd", amountMinor: 999, period: "monthly" },
  ],
  entitlements: { features: ["coach-chat"], aiCoachMessagesPerDay: "", videoSessionsPerMonth: "" },
  terms: { version: "2", text: { en: "Terms", vi: "Điều khoản" } },
};

function messages(result: { success: boolean; error?: { issues: { message: string }[] } }): string[] {
  return result.success ? [] : (result.error?.issues.map((issue) => issue.message) ?? []);
}

describe("packageSchema", () => {
  it("accepts a package as a form sends it: numbers as strings, codes in any case", () => {
    const parsed = packageSchema.parse(premium);
    expect(parsed.slug).toBe("premium-monthly");
    expect(parsed.prices).toEqual([
      { currency: "VND", amountMinor: 150000, period: "monthly" },
      { currency: "USD", amountMinor: 999, period: "monthly" },
    ]);
    expect(parsed.entitlements).toEqual({ features: ["coach-chat"], aiCoachMessagesPerDay: 0, videoSessionsPerMonth: 0 });
    expect(parsed.terms.version).toBe(2);
  });

  it("never reads an empty price as free", () => {
    const result = packageSchema.safeParse({ ...premium, prices: [{ currency: "VND", amountMinor: "", period: "monthly" }] });
    expect(messages(result)).toContain("errors:amount.required");
  });

  it("refuses fractional, negative and non-numeric minor amounts", () => {
    for (const amountMinor of ["9.99", "-1", "abc", 1.5, -100]) {
      const result = packageSchema.safeParse({
        ...premium,
        prices: [{ currency: "USD", amountMinor, period: "monthly" }, premium.prices[0]],
      });
      expect(messages(result), String(amountMinor)).toContain("errors:amount.invalid");
    }
  });

  it("a paid package must be priced in both VND and USD for each period it is sold for", () => {
    expect(messages(packageSchema.safeParse({ ...premium, prices: [premium.prices[1]] }))).toEqual(["billingErrors:pricesNeedVndAndUsd"]);
    const yearlyOnlyInUsd = [...premium.prices, { currency: "USD", amountMinor: 9900, period: "yearly" }];
    expect(messages(packageSchema.safeParse({ ...premium, prices: yearlyOnlyInUsd }))).toEqual(["billingErrors:pricesNeedVndAndUsd"]);
  });

  it("a free package needs no prices", () => {
    const basic = packageSchema.parse({ ...premium, slug: "basic", prices: [], entitlements: {} });
    expect(isPaid(basic.prices)).toBe(false);
    expect(basic.entitlements).toEqual({ features: [], aiCoachMessagesPerDay: 0, videoSessionsPerMonth: 0 });
  });

  it("allows one price per currency and period", () => {
    const result = packageSchema.safeParse({
      ...premium,
      prices: [...premium.prices, { currency: "VND", amountMinor: 120000, period: "monthly" }],
    });
    expect(messages(result)).toEqual(["billingErrors:priceDuplicate"]);
    expect(
      packageSchema.safeParse({
        ...premium,
        prices: [
          ...premium.prices,
          { currency: "VND", amountMinor: 400000, period: "quarterly" },
          { currency: "USD", amountMinor: 2500, period: "quarterly" },
        ],
      }).success,
    ).toBe(true);
  });

  it("refuses unknown currencies, periods, features and slugs with translation keys", () => {
    expect(messages(packageSchema.safeParse({ ...premium, prices: [{ currency: "XYZ", amountMinor: 1, period: "monthly" }] }))).toContain(
      "billingErrors:currencyInvalid",
    );
    expect(messages(packageSchema.safeParse({ ...premium, prices: [{ ...premium.prices[0], period: "weekly" }] }))).toContain(
      "billingErrors:periodInvalid",
    );
    expect(messages(packageSchema.safeParse({ ...premium, entitlements: { features: ["free-cigarettes"] } }))).toContain(
      "billingErrors:entitlementInvalid",
    );
    expect(messages(packageSchema.safeParse({ ...premium, slug: "no spaces!" }))).toContain("billingErrors:slugInvalid");
  });

  it("needs the name, description and terms in both languages and a positive terms version", () => {
    const result = packageSchema.safeParse({ ...premium, name: { en: "Premium", vi: " " }, terms: { version: "0", text: { en: "x" } } });
    expect(messages(result)).toEqual(
      expect.arrayContaining(["billingErrors:nameRequired", "billingErrors:termsVersionInvalid", "billingErrors:termsRequired"]),
    );
  });
});

describe("entitlementsSchema", () => {
  it("accepts a single ticked checkbox and drops duplicates", () => {
    expect(entitlementsSchema.parse({ features: "coach-chat" }).features).toEqual(["coach-chat"]);
    expect(entitlementsSchema.parse({ features: ["coach-chat", "coach-chat"] }).features).toEqual(["coach-chat"]);
    // Nothing a route does not deliver can be sold.
    expect(entitlementsSchema.safeParse({ features: ["ai-coach"] }).success).toBe(true);
    expect(entitlementsSchema.safeParse({ features: ["premium-content"] }).success).toBe(false);
    expect(entitlementsSchema.safeParse({ features: ["video-sessions"] }).success).toBe(true);
  });

  it("bounds the limits", () => {
    expect(entitlementsSchema.safeParse({ aiCoachMessagesPerDay: "5000" }).success).toBe(false);
    expect(entitlementsSchema.safeParse({ aiCoachMessagesPerDay: "-1" }).success).toBe(false);
  });
});

describe("packageFormSchema", () => {
  it("converts prices typed in major units in the admin's language", () => {
    const form = {
      ...premium,
      prices: [
        { currency: "VND", amount: "150.000", period: "monthly" },
        { currency: "USD", amount: "9,99", period: "monthly" },
      ],
    };
    expect(packageFormSchema("vi").parse(form).prices).toEqual([
      { currency: "VND", amountMinor: 150000, period: "monthly" },
      { currency: "USD", amountMinor: 999, period: "monthly" },
    ]);
  });

  it("shows a too-many-decimals message on the amount field", () => {
    const form = {
      ...premium,
      prices: [
        { currency: "VND", amount: "150.5", period: "monthly" },
        { currency: "USD", amount: "19.99", period: "monthly" },
      ],
    };
    const result = packageFormSchema("en").safeParse(form);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ path: ["prices", 0, "amount"], message: "errors:amount.tooManyDecimals" });
  });
});

describe("package status", () => {
  it("moves draft → published → retired and never back", () => {
    const allowed = PACKAGE_STATUSES.flatMap((from) =>
      PACKAGE_STATUSES.filter((to) => canTransition(from, to)).map((to) => `${from}→${to}`),
    );
    expect(allowed).toEqual(["draft→published", "published→retired"]);
  });

  it("refuses a forbidden change with a conflict naming both states", () => {
    expect(() => assertCanTransition("draft", "published")).not.toThrow();
    try {
      assertCanTransition("retired", "published");
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).kind).toBe("conflict");
      expect((error as DomainError).message).toBe("billingErrors:statusTransition");
      expect((error as DomainError).options.values).toEqual({ from: "retired", to: "published" });
    }
  });

  it("a retired package takes no new subscribers but keeps the ones it has", () => {
    expect(acceptsNewSubscribers("published")).toBe(true);
    expect(acceptsNewSubscribers("retired")).toBe(false);
    expect(acceptsNewSubscribers("draft")).toBe(false);
    expect(keepsExistingSubscribers("retired")).toBe(true);
  });
});
