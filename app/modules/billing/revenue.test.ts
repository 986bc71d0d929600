import { describe, expect, it } from "vitest";
import { DomainError } from "~/lib/domain-error";
import {
  countsTowardRecurringRevenue,
  monthlyRecurringRevenue,
  monthlyRecurringRevenueByPackage,
  validateRefund,
  type RecurringSubscription,
} from "./revenue";

const now = new Date("2026-03-10T12:00:00Z");
const sub = (overrides: Partial<RecurringSubscription>): RecurringSubscription => ({
  amountMinor: 999,
  currency: "USD",
  period: "monthly",
  status: "active",
  ...overrides,
});

describe("monthlyRecurringRevenue", () => {
  it("sums each currency separately, never converting", () => {
    expect(monthlyRecurringRevenue([sub({}), sub({}), sub({ currency: "VND", amountMinor: 150000 })], now)).toEqual([
      { currency: "USD", mrrMinor: 1998, subscriptions: 2 },
      { currency: "VND", mrrMinor: 150000, subscriptions: 1 },
    ]);
  });

  it("counts a quarterly price as a third and a yearly price as a twelfth", () => {
    expect(monthlyRecurringRevenue([sub({ currency: "VND", amountMinor: 400000, period: "quarterly" })], now)[0]!.mrrMinor).toBe(133333);
    expect(monthlyRecurringRevenue([sub({ currency: "VND", amountMinor: 1500000, period: "yearly" })], now)[0]!.mrrMinor).toBe(125000);
    expect(monthlyRecurringRevenue([sub({ amountMinor: 9999, period: "yearly" })], now)[0]!.mrrMinor).toBe(833); // 833.25
  });

  it("rounds once per total, not once per subscription", () => {
    // Two yearly $99.99 subscriptions are 1666.5 cents a month: rounded per subscription that would be 1666.
    expect(
      monthlyRecurringRevenue([sub({ amountMinor: 9999, period: "yearly" }), sub({ amountMinor: 9999, period: "yearly" })], now)[0]!
        .mrrMinor,
    ).toBe(1667);
    // Three quarterly 100 000 ₫ subscriptions are exactly 100 000 ₫ a month.
    expect(
      monthlyRecurringRevenue(
        Array.from({ length: 3 }, () => sub({ currency: "VND", amountMinor: 100000, period: "quarterly" })),
        now,
      )[0]!.mrrMinor,
    ).toBe(100000);
  });

  it("counts active, in-grace and cancelled-at-period-end subscriptions only", () => {
    const subscriptions = [
      sub({ status: "active" }),
      sub({ status: "cancelled_at_period_end" }),
      sub({ status: "past_due", pastDueSince: new Date("2026-03-08T12:00:00Z"), graceDays: 7 }),
      sub({ status: "past_due", pastDueSince: new Date("2026-03-01T12:00:00Z"), graceDays: 7 }),
      sub({ status: "trialing" }),
      sub({ status: "ended" }),
    ];
    expect(monthlyRecurringRevenue(subscriptions, now)).toEqual([{ currency: "USD", mrrMinor: 2997, subscriptions: 3 }]);
  });

  it("a past-due subscription stops counting at the exact end of its grace", () => {
    const pastDue = sub({ status: "past_due", pastDueSince: new Date("2026-03-03T12:00:00Z"), graceDays: 7 });
    expect(countsTowardRecurringRevenue(pastDue, new Date(now.getTime() - 1))).toBe(true);
    expect(countsTowardRecurringRevenue(pastDue, now)).toBe(false);
  });

  it("is empty without paying subscribers", () => {
    expect(monthlyRecurringRevenue([], now)).toEqual([]);
  });

  it("splits by package and currency", () => {
    const lines = monthlyRecurringRevenueByPackage(
      [
        sub({ packageSlug: "premium" }),
        sub({ packageSlug: "premium", currency: "VND", amountMinor: 150000 }),
        sub({ packageSlug: "coach-plus", amountMinor: 2999 }),
        sub({ packageSlug: "premium" }),
      ],
      now,
    );
    expect(lines).toEqual([
      { packageSlug: "coach-plus", currency: "USD", mrrMinor: 2999, subscriptions: 1 },
      { packageSlug: "premium", currency: "USD", mrrMinor: 1998, subscriptions: 2 },
      { packageSlug: "premium", currency: "VND", mrrMinor: 150000, subscriptions: 1 },
    ]);
  });
});

describe("validateRefund", () => {
  function refusal(run: () => unknown): DomainError {
    try {
      run();
    } catch (error) {
      if (error instanceof DomainError) return error;
      throw error;
    }
    throw new Error("expected a refusal");
  }

  it("allows a partial refund and says what is left", () => {
    expect(validateRefund(50000, { paidMinor: 150000, alreadyRefundedMinor: 0 })).toEqual({
      refundableMinor: 150000,
      remainingAfterMinor: 100000,
      isFullRefund: false,
    });
  });

  it("allows refunding exactly what is left, as a full refund", () => {
    expect(validateRefund(499, { paidMinor: 999, alreadyRefundedMinor: 500 })).toEqual({
      refundableMinor: 499,
      remainingAfterMinor: 0,
      isFullRefund: true,
    });
  });

  it("refuses one minor unit more than is refundable, saying how much is", () => {
    const error = refusal(() => validateRefund(500, { paidMinor: 999, alreadyRefundedMinor: 500 }));
    expect(error.message).toBe("billingErrors:refundExceedsPaid");
    expect(error.options).toEqual({ field: "amount", values: { refundableMinor: 499 } });
  });

  it("refuses zero, negative and fractional amounts", () => {
    for (const amount of [0, -100, 1.5, Number.NaN])
      expect(refusal(() => validateRefund(amount, { paidMinor: 999, alreadyRefundedMinor: 0 })).message).toBe(
        "billingErrors:refundAmountInvalid",
      );
  });

  it("refuses any refund of a payment already refunded in full", () => {
    const error = refusal(() => validateRefund(1, { paidMinor: 150000, alreadyRefundedMinor: 150000 }));
    expect(error.kind).toBe("conflict");
    expect(error.message).toBe("billingErrors:refundNothingLeft");
  });
});
