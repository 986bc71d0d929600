import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "#db/seed/factories";
import { SIGN_IN_FAILURES } from "~/modules/identity/auth.server";
import { hitRateLimit, peekRateLimit } from "~/lib/rate-limit.server";
import { Browser } from "../../setup/app";
import { testDb } from "../../setup/db";
import { startServerProcess, type ServerProcess } from "../../setup/processes";

let first: ServerProcess;
let second: ServerProcess;
beforeAll(async () => {
  [first, second] = await Promise.all([startServerProcess({}), startServerProcess({})]);
});
afterAll(async () => {
  await Promise.all([first?.stop(), second?.stop()]);
});

describe("failed sign-in limits", () => {
  it("answers the 11th failed sign-in in a minute with 429 even when attempts alternate between two server processes", async () => {
    const user = await createUser(testDb(), { email: "target@example.test" });
    const statuses: number[] = [];
    for (let attempt = 1; attempt <= 11; attempt++) {
      const server = attempt % 2 === 0 ? second : first;
      const response = await new Browser(server.url).post("/login", {
        intent: "sign-in",
        email: user.email,
        password: `wrong guess ${attempt}`,
      });
      statuses.push(response.status);
      if (attempt === 11) {
        expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
        expect(await response.text()).toContain("Too many attempts");
      }
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses[10]).toBe(429);
  });

  it("keeps refusing even the right password while the account is locked for the minute", async () => {
    const user = await createUser(testDb(), { email: "locked@example.test", password: "the right passphrase" });
    for (let attempt = 0; attempt < 10; attempt++) {
      await new Browser(first.url).post("/login", { intent: "sign-in", email: user.email, password: "wrong" });
    }
    const right = await new Browser(second.url).post("/login", { intent: "sign-in", email: user.email, password: "the right passphrase" });
    expect(right.status).toBe(429);
  });

  it("still counts ten failures in one minute when they straddle the turn of the clock minute", async () => {
    const key = "sign-in:account:straddle@example.test";
    const minute = Date.UTC(2026, 11, 1, 14, 0, 0);
    for (let i = 0; i < 6; i++) await hitRateLimit(testDb(), [key], SIGN_IN_FAILURES, new Date(minute - 900 + i * 100));
    for (let i = 0; i < 4; i++) await hitRateLimit(testDb(), [key], SIGN_IN_FAILURES, new Date(minute + 100 + i * 100));
    const now = new Date(minute + 600);
    const state = await peekRateLimit(testDb(), key, SIGN_IN_FAILURES, now);
    expect(state).toMatchObject({ count: 10, limited: true });
    expect(state.retryAfterSeconds).toBeGreaterThan(0);
    // Once enough of the earlier minute has slid out, one more attempt is allowed.
    const later = await peekRateLimit(testDb(), key, SIGN_IN_FAILURES, new Date(now.getTime() + state.retryAfterSeconds * 1000));
    expect(later.limited).toBe(false);
  });
});
