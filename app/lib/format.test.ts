import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, formatMoney, minorUnitDigits } from "./format";

describe("formatting with shared formatters", () => {
  const at = new Date("2026-03-04T23:30:00Z");

  it("writes dates and times exactly as Intl does for the reader's language and zone, however often it is asked", () => {
    for (let i = 0; i < 2; i++) {
      expect(formatDate(at, "en", "Asia/Ho_Chi_Minh")).toBe(
        new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "Asia/Ho_Chi_Minh" }).format(at),
      );
      expect(formatDate(at, "vi", "UTC")).toBe(new Intl.DateTimeFormat("vi-VN", { dateStyle: "medium", timeZone: "UTC" }).format(at));
      expect(formatDateTime(at.toISOString(), "vi", "America/New_York")).toBe(
        new Intl.DateTimeFormat("vi-VN", { dateStyle: "medium", timeStyle: "short", timeZone: "America/New_York" }).format(at),
      );
      expect(formatDateTime(at, "en", "UTC", { timeStyle: "short" })).toBe(
        new Intl.DateTimeFormat("en-US", { timeStyle: "short", timeZone: "UTC" }).format(at),
      );
    }
    // the zone is part of the answer: the same instant is the 5th in Saigon and the 4th in UTC
    expect(formatDate(at, "en", "Asia/Ho_Chi_Minh")).not.toBe(formatDate(at, "en", "UTC"));
  });

  it("writes money in the currency's own minor units and the reader's notation", () => {
    expect(minorUnitDigits("VND")).toBe(0);
    expect(minorUnitDigits("USD")).toBe(2);
    for (let i = 0; i < 2; i++) {
      expect(formatMoney(123456, "USD", "en")).toBe(new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" }).format(1234.56));
      expect(formatMoney(99000, "VND", "vi")).toBe(new Intl.NumberFormat("vi-VN", { style: "currency", currency: "VND" }).format(99000));
      expect(formatMoney(99000, "VND", "en")).toBe(new Intl.NumberFormat("en-US", { style: "currency", currency: "VND" }).format(99000));
    }
    expect(() => formatMoney(100, "NOPE!", "en")).toThrow(RangeError);
  });
});
