import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessions, users } from "#db/schema";
import { createSignedInUser, createUser, DEFAULT_TEST_PASSWORD } from "#db/seed/factories";
import { Browser, startTestServer } from "../../setup/app";
import { startCognitoLocal, type CognitoLocal } from "../../setup/cognito-local";
import { testDb } from "../../setup/db";

let cognito: CognitoLocal;
let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  cognito = await startCognitoLocal();
  // Before the app reads its environment: this file's server runs with AUTH_PROVIDER=cognito.
  Object.assign(process.env, cognito.env);
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
  await cognito?.stop();
});

const PASSWORD = "a long enough passphrase";

function signUpForm(email: string, password = PASSWORD) {
  return { intent: "sign-up", acceptTerms: "on", email, password, displayName: "Lan", locale: "vi", timeZone: "Asia/Ho_Chi_Minh" };
}
const signIn = (browser: Browser, email: string, password = PASSWORD) =>
  browser.post("/login", { intent: "sign-in", email, password, redirectTo: "" });

async function signUpAndConfirm(email: string) {
  const browser = new Browser(server.url);
  expect((await browser.post("/signup", signUpForm(email))).status).toBe(302);
  expect((await browser.post("/confirm-email", { intent: "confirm-email", email, code: cognito.codeFor(email) })).status).toBe(302);
  return browser;
}

describe("Cognito as the identity provider", () => {
  it("signs a member up with an emailed code, then signs them in to our own session", async () => {
    const email = "cognito.member@example.test";
    const browser = new Browser(server.url);
    const signedUp = await browser.post("/signup", signUpForm("Cognito.Member@Example.test"));
    expect(signedUp.status).toBe(302);
    expect(signedUp.headers.get("location")).toBe(`/confirm-email?email=${encodeURIComponent(email)}`);
    expect(signedUp.headers.getSetCookie()).toHaveLength(0);
    const [user] = await testDb().select().from(users).where(eq(users.email, email));
    expect(user?.cognitoSub).toMatch(/^[0-9a-f-]{36}$/);
    expect(user?.passwordHash).toBeNull();
    expect(user?.currency).toBe("VND");

    const early = await signIn(browser, email);
    expect(early.status).toBe(403);
    expect(await early.text()).toContain("Confirm your email first");

    const page = await browser.get(`/confirm-email?email=${encodeURIComponent(email)}`);
    expect(await page.text()).toContain("Code from the email");
    const wrongCode = await browser.post("/confirm-email", {
      intent: "confirm-email",
      email,
      code: "000000" === cognito.codeFor(email) ? "111111" : "000000",
    });
    expect(wrongCode.status).toBe(422);
    expect(await wrongCode.text()).toContain("That code is wrong or has expired");
    const confirmed = await browser.post("/confirm-email", { intent: "confirm-email", email, code: cognito.codeFor(email) });
    expect(confirmed.status).toBe(302);
    expect(confirmed.headers.get("location")).toBe("/login?confirmed=1");

    const signedIn = await signIn(browser, email);
    expect(signedIn.status).toBe(302);
    expect(signedIn.headers.get("location")).toBe("/app");
    const app = await browser.get("/app");
    expect(app.status).toBe(200);
    expect(await app.text()).toContain("Lan");
    // Our session row, with the provider's refresh token sealed, never stored as Cognito issued it.
    const [session] = await testDb().select().from(sessions).where(eq(sessions.userId, user!.id));
    const [refreshToken] = cognito.refreshTokens(email);
    expect(refreshToken).toBeTruthy();
    expect(session?.providerToken).toMatch(/^v1\./);
    expect(session?.providerToken).not.toContain(refreshToken!);
  });

  it("signing out ends our session and revokes the Cognito refresh token", async () => {
    const email = "signs.out@example.test";
    const browser = await signUpAndConfirm(email);
    expect((await signIn(browser, email)).status).toBe(302);
    expect(cognito.refreshTokens(email)).toHaveLength(1);
    const cookie = browser.cookieHeader;
    expect((await browser.post("/logout", {})).status).toBe(302);
    expect(cognito.refreshTokens(email)).toHaveLength(0);
    const replay = await new Browser(server.url, cookie).get("/app");
    expect(replay.status).toBe(302);
  });

  it("refuses a second sign-up with the same email and a common password, writing nothing", async () => {
    const email = "twice@example.test";
    await signUpAndConfirm(email);
    const again = await new Browser(server.url).post("/signup", signUpForm(email, "another fine passphrase"));
    expect(again.status).toBe(409);
    const common = await new Browser(server.url).post("/signup", signUpForm("common@example.test", "password123"));
    expect(common.status).toBe(422);
    expect(await testDb().select().from(users).where(eq(users.email, "common@example.test"))).toHaveLength(0);
  });

  it("resets a password with the code Cognito emails, signing out every session", async () => {
    const email = "forgetful@example.test";
    const browser = await signUpAndConfirm(email);
    expect((await signIn(browser, email)).status).toBe(302);
    const [user] = await testDb().select().from(users).where(eq(users.email, email));

    const anonymous = new Browser(server.url);
    const requested = await anonymous.post("/forgot-password", { intent: "request-reset", email });
    expect(requested.status).toBe(302);
    expect(requested.headers.get("location")).toBe(`/reset-password?email=${encodeURIComponent(email)}`);
    // Unknown accounts get the same answer.
    const unknown = await anonymous.post("/forgot-password", { intent: "request-reset", email: "ghost@example.test" });
    expect(unknown.headers.get("location")).toBe(`/reset-password?email=${encodeURIComponent("ghost@example.test")}`);

    const page = await anonymous.get(`/reset-password?email=${encodeURIComponent(email)}`);
    expect(await page.text()).toContain("Code from the email");
    const code = cognito.codeFor(email);
    const wrong = await anonymous.post("/reset-password", {
      intent: "reset-with-code",
      email,
      code: code === "000000" ? "111111" : "000000",
      password: "a brand new passphrase",
    });
    expect(wrong.status).toBe(422);
    const reset = await anonymous.post("/reset-password", { intent: "reset-with-code", email, code, password: "a brand new passphrase" });
    expect(reset.status).toBe(302);
    expect(reset.headers.get("location")).toBe("/login?reset=done");
    expect(await testDb().select().from(sessions).where(eq(sessions.userId, user!.id))).toHaveLength(0);
    // Cognito no longer honours the refresh token of the session the reset ended.
    expect(cognito.refreshTokens(email)).toHaveLength(0);
    expect((await signIn(new Browser(server.url), email)).status).toBe(401);
    expect((await signIn(new Browser(server.url), email, "a brand new passphrase")).status).toBe(302);
  });

  it("links an existing local account to the Cognito identity of the same, verified email", async () => {
    const local = await createUser(testDb(), { email: "long.time.member@example.test", displayName: "Minh" });
    const browser = new Browser(server.url);
    const signedUp = await browser.post("/signup", signUpForm(local.email));
    expect(signedUp.headers.get("location")).toBe(`/confirm-email?email=${encodeURIComponent(local.email)}`);
    expect(await testDb().select().from(users).where(eq(users.email, local.email))).toHaveLength(1);
    expect(
      (await browser.post("/confirm-email", { intent: "confirm-email", email: local.email, code: cognito.codeFor(local.email) })).status,
    ).toBe(302);

    // Without a verified email the sign-in proves a password, not the address: no link.
    const unverified = await signIn(browser, local.email);
    expect(unverified.status).toBe(409);
    const [stillLocal] = await testDb().select().from(users).where(eq(users.id, local.id));
    expect(stillLocal?.cognitoSub).toBeNull();

    await cognito.markEmailVerified(local.email);
    const linked = await signIn(browser, local.email);
    expect(linked.status).toBe(302);
    const [after] = await testDb().select().from(users).where(eq(users.id, local.id));
    expect(after?.cognitoSub).toMatch(/^[0-9a-f-]{36}$/);
    const app = await browser.get("/app");
    expect(await app.text()).toContain("Minh");
    // The local password no longer signs in: Cognito is the authority now.
    expect((await signIn(new Browser(server.url), local.email, DEFAULT_TEST_PASSWORD)).status).toBe(401);
  });

  it("re-authenticates a grave step through Cognito (the privacy page's password check)", async () => {
    const email = "grave.step@example.test";
    const browser = await signUpAndConfirm(email);
    expect((await signIn(browser, email)).status).toBe(302);
    const wrong = await browser.post("/app/privacy", { intent: "request-export", password: "not my password" });
    expect(wrong.status).toBe(422);
    const tokensBefore = cognito.refreshTokens(email).length;
    const right = await browser.post("/app/privacy", { intent: "request-export", password: PASSWORD });
    expect(right.status).toBeLessThan(400);
    // The check's own tokens are revoked at once.
    expect(cognito.refreshTokens(email)).toHaveLength(tokensBefore);
  });

  it("changes the password through Cognito on the account page, keeping this browser and signing out the others", async () => {
    const email = "changes.password@example.test";
    const browser = await signUpAndConfirm(email);
    expect((await signIn(browser, email)).status).toBe(302);
    const elsewhere = new Browser(server.url);
    expect((await signIn(elsewhere, email)).status).toBe(302);
    const change = (currentPassword: string, newPassword: string) =>
      browser.post("/app/account", { intent: "change-password", currentPassword, newPassword });

    const wrong = await change("not my password", "a fresh new passphrase");
    expect(wrong.status).toBe(422);
    // The member signed up in Vietnamese: the page answers in it.
    expect(await wrong.text()).toContain("Mật khẩu hiện tại không đúng.");
    const common = await change(PASSWORD, "password123");
    expect(common.status).toBe(422);
    // Neither attempt changed anything: the old password still signs in (a third browser).
    expect((await signIn(new Browser(server.url), email)).status).toBe(302);
    const tokensBefore = cognito.refreshTokens(email).length;

    const changed = await change(PASSWORD, "a fresh new passphrase");
    expect(changed.status).toBe(200);
    expect(await changed.text()).toContain("Mật khẩu của bạn đã được đổi.");
    // The other browsers are signed out on Cognito's side too, and the check of the current password
    // leaves no token behind: only this browser's refresh token is still honoured.
    expect(tokensBefore).toBe(3);
    expect(cognito.refreshTokens(email)).toHaveLength(1);
    expect((await elsewhere.get("/app")).status).toBe(302);
    expect((await browser.get("/app/account")).status).toBe(200);
    // Cognito holds the new password; nothing of it is kept in our database.
    const [user] = await testDb().select().from(users).where(eq(users.email, email));
    expect(user?.passwordHash).toBeNull();
    expect((await signIn(new Browser(server.url), email)).status).toBe(401);
    expect((await signIn(new Browser(server.url), email, "a fresh new passphrase")).status).toBe(302);
  });

  it("a local account without a Cognito identity cannot sign in with its old password", async () => {
    const { user } = await createSignedInUser(testDb(), { email: "not.migrated@example.test" });
    expect((await signIn(new Browser(server.url), user.email, DEFAULT_TEST_PASSWORD)).status).toBe(401);
  });
  // Last: it spends this address's sign-in failures for the minute.
  it("answers a wrong password like an unknown account, and counts it against the same rate limit", async () => {
    const email = "wrong.password@example.test";
    await signUpAndConfirm(email);
    const wrong = await signIn(new Browser(server.url), email, "not the password at all");
    const unknown = await signIn(new Browser(server.url), "nobody.here@example.test", "whatever it is");
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await wrong.text()).toContain("That email and password do not match an account.");
    for (let i = 0; i < 9; i++) await signIn(new Browser(server.url), email, "still not it");
    const limited = await signIn(new Browser(server.url), email);
    expect(limited.status).toBe(429);
  });
});
