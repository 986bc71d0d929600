import { describe, expect, it } from "vitest";
import { cacheablePage, pageCacheKey } from "./policy";

const url = (path: string) => new URL(path, "https://quitpath.test");

describe("what the service worker keeps", () => {
  it("keeps the dashboard, the plan and the craving screen, as documents and as data", () => {
    for (const path of [
      "/app",
      "/app/",
      "/app?checkedIn=1",
      "/app/plan",
      "/app/craving",
      "/app.data",
      "/app/plan.data?_routes=routes%2Fapp.plan",
    ]) {
      expect(cacheablePage(url(path)), path).toBe(true);
    }
  });

  it("never keeps staff, payment, chat or other pages", () => {
    for (const path of [
      "/admin",
      "/coach",
      "/coach/members/1",
      "/app/billing",
      "/app/billing/checkout",
      "/app/coach",
      "/app/account",
      "/app/log",
      "/",
      "/login",
    ]) {
      expect(cacheablePage(url(path)), path).toBe(false);
    }
  });

  it("one copy per page document; data requests keep which routes they asked for", () => {
    expect(pageCacheKey(url("/app?checkedIn=1"))).toBe("/app");
    expect(pageCacheKey(url("/app/plan/"))).toBe("/app/plan");
    expect(pageCacheKey(url("/app/plan.data?_routes=routes%2Fapp.plan&x=1"))).toBe("/app/plan.data?_routes=routes/app.plan");
  });
});

describe("a log made offline without a date", () => {
  it("is for the member's own day, not the device's", async () => {
    const { todayIn } = await import("./offline-queue");
    const instant = new Date("2026-12-01T20:30:00Z");
    expect(todayIn("UTC", instant)).toBe("2026-12-01");
    expect(todayIn("Asia/Ho_Chi_Minh", instant)).toBe("2026-12-02");
    expect(todayIn("America/Los_Angeles", new Date("2026-12-01T05:00:00Z"))).toBe("2026-11-30");
  });
});
