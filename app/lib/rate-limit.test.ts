import { describe, expect, it } from "vitest";
import { retryAfterSeconds, slidingCount } from "./rate-limit.server";

const rule = { limit: 10, windowSeconds: 60 };
const at = (secondsIntoWindow: number) => new Date(Date.UTC(2026, 11, 1, 13, 50, 0) + secondsIntoWindow * 1000);

describe("the sliding rate-limit window", () => {
  it("counts a burst that straddles the boundary as one burst", () => {
    // Six failures just before 13:50:00 and four just after: ten within two seconds.
    expect(slidingCount(rule, at(1), 4, 6)).toBe(10);
  });

  it("lets the previous window slide out in proportion to the time passed", () => {
    expect(slidingCount(rule, at(30), 0, 10)).toBe(5);
    expect(slidingCount(rule, at(54), 0, 10)).toBe(1);
    expect(slidingCount(rule, at(0), 3, 0)).toBe(3);
  });

  it("rounds the previous window up, so an estimate never undercounts", () => {
    expect(slidingCount(rule, at(59), 0, 10)).toBe(1);
    expect(slidingCount(rule, at(6), 0, 10)).toBe(9);
  });

  it("says how long until one more is allowed", () => {
    // Ten at the end of the last window: one more is allowed once the estimate is nine, six seconds in.
    expect(retryAfterSeconds(rule, at(1), 0, 10)).toBe(5);
    expect(slidingCount(rule, at(6), 0, 10)).toBeLessThan(rule.limit);
    // Ten in this window: they still count early in the next one, until six seconds into it.
    expect(retryAfterSeconds(rule, at(20), 10, 0)).toBe(46);
    expect(slidingCount(rule, at(66), 0, 10)).toBeLessThan(rule.limit);
    // Never zero, so a client does not retry at once.
    expect(retryAfterSeconds(rule, at(59.9), 9, 0)).toBe(1);
  });
});
