import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessions, users } from "#db/schema";
import { createSignedInUser, createUser, DEFAULT_TEST_PASSWORD } from "#db/seed/factories";
import { Browser, startTestServer } from "../../setup/app";
import { testDb } from "../../setup/db";

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server.close());

async function signIn(browser: Browser, email: string, password = DEFAULT_TEST_PASSWORD, redirectTo = "") {
  return browser.post("/login", { intent: "sign-in", email, password, redirectTo });
}

describe("accounts and sessions", () => {
  it("signs a new member up, stores an argon2id hash and lands them in /app", async () => {
    const browser = new Browser(server.url);
    const response = await browser.post("/signup", {
      intent: "sign-up",
      acceptTerms: "on",
      email: "New.Member@Example.test",
      password: "a long enough passphrase",
      displayName: "Lan",
      locale: "vi",
      timeZone: "Asia/Ho_Chi_Minh",
    });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/app");
    const [user] = await testDb().select().from(users).where(eq(users.email, "new.member@example.test"));
    expect(user?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(user?.currency).toBe("VND");
    const app = await browser.get("/app");
    expect(app.status).toBe(200);
    expect(await app.text()).toContain("Lan");
  });

  it("refuses a common password and a duplicate email with field messages and writes nothing", async () => {
    const existing = await createUser(testDb(), { email: "taken@example.test" });
    const browser = new Browser(server.url);
    const before = await testDb()
      .select({ n: sql<number>`count(*)::int` })
      .from(users);
    const common = await browser.post("/signup", {
      intent: "sign-up",
      acceptTerms: "on",
      email: "x@example.test",
      password: "password123",
      displayName: "X",
      locale: "en",
      timeZone: "UTC",
    });
    expect(common.status).toBe(422);
    expect(await common.text()).toContain("That password is one of the most common ones");
    const duplicate = await browser.post("/signup", {
      intent: "sign-up",
      acceptTerms: "on",
      email: existing.email.toUpperCase(),
      password: "another fine passphrase",
      displayName: "X",
      locale: "en",
      timeZone: "UTC",
    });
    expect(duplicate.status).toBe(409);
    const short = await browser.post("/signup", {
      intent: "sign-up",
      acceptTerms: "on",
      email: "y@example.test",
      password: "short",
      displayName: "Y",
      locale: "en",
      timeZone: "Mars/Base",
    });
    expect(short.status).toBe(400);
    const after = await testDb()
      .select({ n: sql<number>`count(*)::int` })
      .from(users);
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it("rotates the session at sign-in: the cookie from before no longer works", async () => {
    const { user, cookie, sessionId } = await createSignedInUser(testDb(), { email: "rotate@example.test" });
    const browser = new Browser(server.url, cookie);
    const response = await signIn(browser, user.email);
    expect(response.status).toBe(302);
    expect(browser.cookieHeader).not.toBe(cookie);
    expect(await testDb().select().from(sessions).where(eq(sessions.id, sessionId))).toHaveLength(0);
    const stale = new Browser(server.url, cookie);
    expect((await stale.get("/app")).status).toBe(302);
    expect((await browser.get("/app")).status).toBe(200);
  });

  it("answers an unknown email and a wrong password the same way", async () => {
    await createUser(testDb(), { email: "known@example.test" });
    const unknown = await signIn(new Browser(server.url), "nobody@example.test", "whatever it is");
    const wrong = await signIn(new Browser(server.url), "known@example.test", "not the password");
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    const [a, b] = [await unknown.text(), await wrong.text()];
    expect(a).toContain("That email and password do not match an account.");
    expect(b).toContain("That email and password do not match an account.");
  });

  it("signing out ends the session: the same cookie no longer opens /app", async () => {
    const { cookie } = await createSignedInUser(testDb());
    const browser = new Browser(server.url, cookie);
    expect((await browser.get("/app")).status).toBe(200);
    const out = await browser.post("/logout", {});
    expect(out.status).toBe(302);
    const replay = new Browser(server.url, cookie);
    const response = await replay.get("/app");
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/login?redirectTo=%2Fapp");
  });

  it("'sign out everywhere' ends the other sessions and keeps this one", async () => {
    const { user, cookie } = await createSignedInUser(testDb());
    const other = await signIn(new Browser(server.url), user.email);
    expect(other.status).toBe(302);
    const here = new Browser(server.url, cookie);
    const response = await here.post("/app/account", { intent: "revoke-other-sessions" });
    expect(response.status).toBe(200);
    const remaining = await testDb().select().from(sessions).where(eq(sessions.userId, user.id));
    expect(remaining).toHaveLength(1);
    expect((await here.get("/app")).status).toBe(200);
  });

  it("only follows local redirectTo paths after sign-in", async () => {
    const { user } = await createSignedInUser(testDb());
    for (const target of ["https://elsewhere.example", "//elsewhere.example", "/\\elsewhere.example"]) {
      const response = await signIn(new Browser(server.url), user.email, DEFAULT_TEST_PASSWORD, target);
      expect(response.status).toBe(302);
      expect(response.headers.get("location")).toBe("/app");
    }
    const local = await signIn(new Browser(server.url), user.email, DEFAULT_TEST_PASSWORD, "/app/account");
    expect(local.headers.get("location")).toBe("/app/account");
  });

  it("resets a password through the emailed one-time link", async () => {
    const user = await createUser(testDb(), { email: "forgetful@example.test", locale: "vi" });
    const browser = new Browser(server.url);
    const requested = await browser.post("/forgot-password", { intent: "request-reset", email: user.email });
    expect(requested.status).toBe(200);
    const unknown = await browser.post("/forgot-password", { intent: "request-reset", email: "ghost@example.test" });
    expect(unknown.status).toBe(200);
    const outbox = await testDb().execute<{ text_body: string; subject: string }>(
      sql`select text_body, subject from email_outbox where to_address = ${user.email}`,
    );
    expect(outbox).toHaveLength(1);
    expect(outbox[0]!.subject).toBe("Đặt lại mật khẩu QuitPath");
    const token = outbox[0]!.text_body.match(/token=([\w-]+)/)![1]!;
    const reset = await browser.post("/reset-password", { intent: "reset-password", token, password: "a brand new passphrase" });
    expect(reset.status).toBe(302);
    const again = await browser.post("/reset-password", { intent: "reset-password", token, password: "yet another passphrase" });
    expect(again.status).toBe(422);
    expect((await signIn(new Browser(server.url), user.email, "a brand new passphrase")).status).toBe(302);
  });

  it("changing the password needs the current one", async () => {
    const { cookie } = await createSignedInUser(testDb());
    const browser = new Browser(server.url, cookie);
    const wrong = await browser.post("/app/account", {
      intent: "change-password",
      currentPassword: "nope nope nope",
      newPassword: "a brand new passphrase",
    });
    expect(wrong.status).toBe(422);
    const right = await browser.post("/app/account", {
      intent: "change-password",
      currentPassword: DEFAULT_TEST_PASSWORD,
      newPassword: "a brand new passphrase",
    });
    expect(right.status).toBe(200);
  });
});
