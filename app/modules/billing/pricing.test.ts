import { describe, expect, it } from "vitest";
import { BASIC_ENTITLEMENTS } from "./entitlements";
import { comparePackages, currencyForLocale, savingsPercent, type PricingPackageInput } from "./pricing";

const basic: PricingPackageInput = {
  slug: "basic",
  name: { en: "Basic", vi: "Cơ bản" },
  description: { en: "Free", vi: "Miễn phí" },
  prices: [],
  entitlements: BASIC_ENTITLEMENTS,
};
const premium: PricingPackageInput = {
  slug: "premium",
  name: { en: "Premium", vi: "Cao cấp" },
  description: { en: "With a coach", vi: "Có huấn luyện viên" },
  prices: [
    { currency: "USD", amountMinor: 9999, period: "yearly" },
    { currency: "USD", amountMinor: 999, period: "monthly" },
    { currency: "VND", amountMinor: 150000, period: "monthly" },
    { currency: "VND", amountMinor: 400000, period: "quarterly" },
    { currency: "VND", amountMinor: 1500000, period: "yearly" },
  ],
  entitlements: { features: ["coach-chat", "ai-coach", "premium-content"], aiCoachMessagesPerDay: 50, videoSessionsPerMonth: 4 },
};
const dollarsOnly: PricingPackageInput = { ...premium, slug: "intl", prices: [{ currency: "USD", amountMinor: 1500, period: "monthly" }] };

describe("currencyForLocale", () => {
  it("Vietnamese readers see dong, everyone else dollars", () => {
    expect(currencyForLocale("vi")).toBe("VND");
    expect(currencyForLocale("en")).toBe("USD");
  });
});

describe("comparePackages", () => {
  it("shows prices in dong to a Vietnamese visitor, with monthly equivalents", () => {
    const { columns } = comparePackages([basic, premium], { locale: "vi" });
    expect(columns[0]).toMatchObject({ slug: "basic", name: "Cơ bản", isFree: true, currency: null, prices: [] });
    const [monthly, quarterly, yearly] = columns[1]!.prices;
    expect(monthly).toMatchObject({ period: "monthly", currency: "VND", amountMinor: 150000, monthlyEquivalentMinor: 150000 });
    expect(quarterly).toMatchObject({ period: "quarterly", amountMinor: 400000, monthlyEquivalentMinor: 133333 });
    expect(yearly).toMatchObject({ period: "yearly", amountMinor: 1500000, monthlyEquivalentMinor: 125000 });
    expect(monthly!.formatted.replace(/\s/g, " ")).toBe("150.000 ₫");
  });

  it("shows dollars to an English visitor, periods in order, monthly equivalent rounded half up", () => {
    const { columns } = comparePackages([premium], { locale: "en" });
    expect(columns[0]!.prices.map((price) => [price.period, price.amountMinor, price.monthlyEquivalentMinor])).toEqual([
      ["monthly", 999, 999],
      ["yearly", 9999, 833], // 833.25 cents
    ]);
    expect(columns[0]!.prices[1]!.formattedMonthlyEquivalent).toBe("$8.33");
  });

  it("falls back to dollars when a package has no price in the visitor's currency", () => {
    const { columns } = comparePackages([dollarsOnly], { locale: "vi" });
    expect(columns[0]).toMatchObject({ currency: "USD", prices: [{ amountMinor: 1500, currency: "USD" }] });
  });

  it("honours an explicit currency choice", () => {
    expect(comparePackages([premium], { locale: "en", currency: "vnd" }).columns[0]!.currency).toBe("VND");
  });

  it("marks which package has which feature, and the limits each grants", () => {
    const { rows } = comparePackages([basic, premium], { locale: "en" });
    const row = (key: string) => rows.find((r) => r.key === key)!;
    expect(row("coach-chat").cells).toEqual([
      { slug: "basic", included: false },
      { slug: "premium", included: true },
    ]);
  });

  it("compares only features a route delivers, even when a package row carries others", () => {
    const { rows } = comparePackages([basic, premium], { locale: "en" });
    // premium-content is on the row but no route delivers it.
    expect(rows.map((r) => r.key)).toEqual(["coach-chat", "video-sessions", "videoSessionsPerMonth", "ai-coach", "aiCoachMessagesPerDay"]);
  });
});

describe("savingsPercent", () => {
  it("says how much a longer period saves, never overstating it", () => {
    expect(savingsPercent(150000, { amountMinor: 1500000, period: "yearly" })).toBe(16); // 16.67%
    expect(savingsPercent(999, { amountMinor: 999, period: "monthly" })).toBe(0);
    expect(savingsPercent(100, { amountMinor: 500, period: "quarterly" })).toBe(0);
  });
});
