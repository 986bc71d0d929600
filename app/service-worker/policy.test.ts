import { describe, expect, it } from "vitest";
import { cacheablePage, pageCacheKey, queueablePost } from "./policy";

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

describe("posts the worker may keep on the device when the network fails", () => {
  it("are the check-in and log forms' posts, as documents or single-fetch requests, and nothing else", () => {
    for (const path of ["/app/check-in", "/app/check-in.data", "/app/log.data", "/app/craving", "/app/craving.data"])
      expect(queueablePost(url(path)), path).toBe(true);
    for (const path of ["/app", "/app/plan.data", "/app/account", "/app/coach.data", "/logout", "/resources/offline-logs"])
      expect(queueablePost(url(path)), path).toBe(false);
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
