import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createSignedInUser, createUser, DEFAULT_TEST_PASSWORD } from "#db/seed/factories";
import { safeRedirectPath } from "~/lib/http";
import { SIGN_UPS_PER_ADDRESS } from "~/modules/identity/auth.server";
import { Browser, startTestServer } from "../../setup/app";
import { testDb } from "../../setup/db";
import { pairWithCoach, signedInCoach } from "../coaching/helpers";
import { clearRateLimits } from "../community/helpers";

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server.close());
beforeEach(clearRateLimits);

/** Absolute, protocol-relative, backslash, dot-segment, encoded and control-character ways out of our origin. */
const HOSTILE_TARGETS = [
  "https://evil.example/",
  "http:evil.example",
  "//evil.example",
  "///evil.example",
  "/\\evil.example",
  "\\\\evil.example",
  "/.//evil.example",
  "/./\\evil.example",
  "/a/..//evil.example",
  "/%2e//evil.example",
  "/\t/evil.example",
  "/\n/evil.example",
  " //evil.example",
  "javascript:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  "/vi//evil.example",
];

/** Where a browser would go for a Location header, from one of our pages. */
function destination(location: string | null) {
  return new URL(location ?? "", server.url);
}

function expectLocal(response: Response, target: string) {
  expect(response.status, `status for ${JSON.stringify(target)}`).toBe(302);
  const location = response.headers.get("location");
  expect(destination(location).origin, `Location ${location} for ${JSON.stringify(target)}`).toBe(server.url);
  expect(location).toMatch(/^\/(?![/\\])/);
}

describe("open redirects", () => {
  it("safeRedirectPath keeps every hostile target on our origin and local paths as they are", () => {
    for (const target of HOSTILE_TARGETS) {
      const path = safeRedirectPath(target, "/app");
      expect(new URL(path, "https://quitpath.example").origin, JSON.stringify(target)).toBe("https://quitpath.example");
      expect(path).toMatch(/^\/(?![/\\])/);
    }
    expect(safeRedirectPath("/app/account?tab=1#sessions")).toBe("/app/account?tab=1#sessions");
  });

  it("sign-in's redirectTo goes nowhere but our own pages", async () => {
    const user = await createUser(testDb(), { email: "redirected@example.test" });
    for (const target of HOSTILE_TARGETS) {
      const response = await new Browser(server.url).post("/login", {
        intent: "sign-in",
        email: user.email,
        password: DEFAULT_TEST_PASSWORD,
        redirectTo: target,
      });
      expectLocal(response, target);
      await clearRateLimits();
    }
  });

  it("sign-up's redirectTo goes nowhere but our own pages", async () => {
    for (const [i, target] of HOSTILE_TARGETS.entries()) {
      const response = await new Browser(server.url).post("/signup", {
        intent: "sign-up",
        acceptTerms: "on",
        email: `redirect-${i}@example.test`,
        password: "a long enough passphrase",
        displayName: "R",
        locale: "en",
        timeZone: "UTC",
        redirectTo: target,
      });
      expectLocal(response, target);
      await clearRateLimits();
    }
  });

  it("the language switch and the terms acceptance go back only to our own pages", async () => {
    const { cookie } = await createSignedInUser(testDb());
    for (const target of HOSTILE_TARGETS) {
      for (const browser of [new Browser(server.url), new Browser(server.url, cookie)]) {
        const response = await browser.post("/resources/locale", { intent: "switch-language", locale: "vi", redirectTo: target });
        expectLocal(response, target);
      }
      const accepted = await new Browser(server.url, cookie).post("/app/terms", { intent: "accept-documents", redirectTo: target });
      expectLocal(accepted, target);
    }
  });
});

const signUp = (browser: Browser, i: number) =>
  browser.post("/signup", {
    intent: "sign-up",
    acceptTerms: "on",
    email: `limited-${i}-${randomUUID()}@example.test`,
    password: "a long enough passphrase",
    displayName: "L",
    locale: "en",
    timeZone: "UTC",
  });

describe("rate limits on public forms", () => {
  it("sign-up: ten accounts per address in ten minutes, then 429 with Retry-After and nothing written", async () => {
    const statuses: number[] = [];
    for (let i = 0; i <= SIGN_UPS_PER_ADDRESS.limit; i++) statuses.push((await signUp(new Browser(server.url), i)).status);
    expect(statuses.slice(0, SIGN_UPS_PER_ADDRESS.limit)).toEqual(Array(SIGN_UPS_PER_ADDRESS.limit).fill(302));
    expect(statuses[SIGN_UPS_PER_ADDRESS.limit]).toBe(429);
    const refused = await new Browser(server.url).post("/signup", {
      intent: "sign-up",
      acceptTerms: "on",
      email: "one-too-many@example.test",
      password: "a long enough passphrase",
      displayName: "L",
      locale: "en",
      timeZone: "UTC",
    });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await refused.text()).toContain("Too many attempts");
    const rows = await testDb().execute(sql`select 1 from users where email = 'one-too-many@example.test'`);
    expect(rows).toHaveLength(0);
  });

  it("password reset request: five per address and per account in fifteen minutes", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      statuses.push(
        (await new Browser(server.url).post("/forgot-password", { intent: "request-reset", email: `someone-${i}@example.test` })).status,
      );
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
  });

  it("password reset with a link: ten tries per address in fifteen minutes, then 429 even for a well-formed token", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const response = await new Browser(server.url).post("/reset-password", {
        intent: "reset-password",
        token: `guessed-token-${i}-${"x".repeat(30)}`,
        password: "a brand new passphrase",
      });
      statuses.push(response.status);
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(422));
    expect(statuses[10]).toBe(429);
  });
});

describe("rate limits on expensive member actions", () => {
  it("typing the password again (change, export) is limited per account: after ten wrong tries even the right one is 429", async () => {
    const { cookie } = await createSignedInUser(testDb());
    const browser = new Browser(server.url, cookie);
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) {
      const response = await browser.post("/app/account", {
        intent: "change-password",
        currentPassword: `a wrong guess ${i}`,
        newPassword: "a brand new passphrase",
      });
      statuses.push(response.status);
    }
    expect(statuses).toEqual(Array(10).fill(422));
    const right = await browser.post("/app/account", {
      intent: "change-password",
      currentPassword: DEFAULT_TEST_PASSWORD,
      newPassword: "a brand new passphrase",
    });
    expect(right.status).toBe(429);
    const exported = await browser.post("/app/privacy", { intent: "request-export", password: DEFAULT_TEST_PASSWORD });
    expect(exported.status).toBe(429);
  });

  it("chat: thirty messages a minute per sender, then 429 and the 31st is not stored", async () => {
    const db = testDb();
    const pair = await pairWithCoach(db, await signedInCoach(db));
    const browser = new Browser(server.url, pair.member.cookie);
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) {
      const response = await browser.post(`/resources/conversations/${pair.conversation.id}?live=1`, {
        intent: "send-message",
        clientId: randomUUID(),
        body: `message ${i}`,
      });
      statuses.push(response.status);
    }
    expect(statuses.slice(0, 30).every((s) => s === 200)).toBe(true);
    expect(statuses[30]).toBe(429);
    const stored = await db.execute(sql`select count(*)::int as n from messages where conversation_id = ${pair.conversation.id}`);
    expect(stored[0]!.n).toBe(30);
  });
});
