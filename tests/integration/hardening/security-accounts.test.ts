import * as argon2 from "@node-rs/argon2";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { communityPosts, sessions, users } from "#db/schema";
import { createSignedInUser, createUser, DEFAULT_TEST_PASSWORD } from "#db/seed/factories";
import { Browser, startTestServer } from "../../setup/app";
import { testDb } from "../../setup/db";
import { clearRateLimits, member, writePost } from "../community/helpers";

// A pass-through spy on the argon2 library (not our code): it shows which hashes each request verifies against.
vi.mock("@node-rs/argon2", async (original) => {
  const actual = await original<typeof argon2>();
  return { ...actual, verify: vi.fn(actual.verify), hash: vi.fn(actual.hash) };
});

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server.close());
beforeEach(async () => {
  await clearRateLimits();
  vi.mocked(argon2.verify).mockClear();
  vi.mocked(argon2.hash).mockClear();
});

const signUpFields = (email: string, extra: Record<string, string> = {}) => ({
  intent: "sign-up",
  acceptTerms: "on",
  email,
  password: "a long enough passphrase",
  displayName: "Visitor",
  locale: "en",
  timeZone: "UTC",
  ...extra,
});

/** A page without what differs per request by design: nonces, request ids, and the email the visitor typed (echoed back). */
async function comparable(response: Response, typedEmail: string): Promise<string> {
  return (await response.text())
    .replaceAll(typedEmail, "<email>")
    .replace(/nonce="[^"]*"/g, 'nonce=""')
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, "<uuid>");
}

/** The argon2 parameters (`$argon2id$v=19$m=…,t=…,p=…`) of each hash a request verified a password against. */
function verifiedAgainst(): string[] {
  return vi.mocked(argon2.verify).mock.calls.map(([hashed]) => String(hashed).split("$").slice(0, 4).join("$"));
}

describe("account enumeration", () => {
  it("sign-in answers an unknown email exactly like a known one with a wrong password, after the same argon2 work", async () => {
    await createUser(testDb(), { email: "known-one@example.test" });
    const unknown = await new Browser(server.url).post("/login", {
      intent: "sign-in",
      email: "nobody-here@example.test",
      password: "a guess",
    });
    const unknownWork = verifiedAgainst();
    vi.mocked(argon2.verify).mockClear();
    const wrong = await new Browser(server.url).post("/login", { intent: "sign-in", email: "known-one@example.test", password: "a guess" });
    const knownWork = verifiedAgainst();
    expect([unknown.status, wrong.status]).toEqual([401, 401]);
    expect(unknown.headers.getSetCookie()).toEqual(wrong.headers.getSetCookie());
    expect(await comparable(unknown, "nobody-here@example.test")).toBe(await comparable(wrong, "known-one@example.test"));
    // One verification each, against a hash with the production parameters: the unknown email checks a decoy.
    expect(unknownWork).toHaveLength(1);
    expect(unknownWork).toEqual(knownWork);
    expect(knownWork[0]).toBe("$argon2id$v=19$m=19456,t=2,p=1");
  });

  it("password reset answers an unknown email exactly like a known one, and emails only the account", async () => {
    await createUser(testDb(), { email: "has-account@example.test" });
    const known = await new Browser(server.url).post("/forgot-password", { intent: "request-reset", email: "has-account@example.test" });
    const unknown = await new Browser(server.url).post("/forgot-password", { intent: "request-reset", email: "no-account@example.test" });
    expect([known.status, unknown.status]).toEqual([200, 200]);
    expect(await comparable(unknown, "no-account@example.test")).toBe(await comparable(known, "has-account@example.test"));
    const mailed = await testDb().execute<{ to: string }>(
      sql`select to_address as to from email_outbox where to_address like '%account@example.test'`,
    );
    expect(mailed.map((m) => m.to)).toEqual(["has-account@example.test"]);
  });

  it("sign-up hashes the password before it learns whether the email is taken, so both answers cost the same", async () => {
    // Sign-up signs the new member in at once, so a taken email cannot get the same answer (see docs/security.md);
    // what it can do is spend the same argon2 work and sit behind the per-address sign-up limit.
    await createUser(testDb(), { email: "taken-already@example.test" });
    const taken = await new Browser(server.url).post("/signup", signUpFields("taken-already@example.test"));
    const takenHashes = vi.mocked(argon2.hash).mock.calls.length;
    vi.mocked(argon2.hash).mockClear();
    const fresh = await new Browser(server.url).post("/signup", signUpFields("brand-new@example.test"));
    expect(taken.status).toBe(409);
    expect(fresh.status).toBe(302);
    expect(takenHashes).toBe(1);
    expect(vi.mocked(argon2.hash).mock.calls.length).toBe(1);
  });
});

describe("session fixation and cookies", () => {
  it("a session cookie planted before sign-in (even a valid one of the attacker's) is replaced and ends", async () => {
    const attacker = await createSignedInUser(testDb(), { email: "planter@example.test" });
    const victim = await createUser(testDb(), { email: "victim@example.test" });
    const browser = new Browser(server.url, attacker.cookie);
    const signedIn = await browser.post("/login", { intent: "sign-in", email: victim.email, password: DEFAULT_TEST_PASSWORD });
    expect(signedIn.status).toBe(302);
    expect(browser.cookieHeader).not.toBe(attacker.cookie);
    // The planted session is gone, so the attacker's copy opens nothing, and it never became the victim's.
    expect(await testDb().select().from(sessions).where(eq(sessions.id, attacker.sessionId))).toHaveLength(0);
    expect((await new Browser(server.url, attacker.cookie).get("/app")).status).toBe(302);
    const [victimSession] = await testDb().select().from(sessions).where(eq(sessions.userId, victim.id));
    expect(victimSession!.id).not.toBe(attacker.sessionId);
    expect(await (await browser.get("/app")).text()).toContain(victim.displayName);
  });

  it("a forged or unsigned session cookie is ignored, and sign-in issues a fresh token of 256 random bits", async () => {
    const user = await createUser(testDb(), { email: "forged@example.test" });
    const forged = new Browser(server.url, "qp_session=attacker-chosen-token-value-1234567890");
    expect((await forged.get("/app")).status).toBe(302);
    const response = await forged.post("/login", { intent: "sign-in", email: user.email, password: DEFAULT_TEST_PASSWORD });
    const [cookie] = response.headers.getSetCookie();
    expect(cookie).not.toContain("attacker-chosen");
    const token = JSON.parse(Buffer.from(decodeURIComponent(cookie!.split(";")[0]!.split("=")[1]!).split(".")[0]!, "base64").toString());
    expect(Buffer.from(token as string, "base64url")).toHaveLength(32);
  });

  it("the session cookie is HttpOnly, SameSite=Lax and host-wide, never readable by scripts or sent cross-site", async () => {
    const user = await createUser(testDb(), { email: "flags@example.test" });
    const response = await new Browser(server.url).post("/login", {
      intent: "sign-in",
      email: user.email,
      password: DEFAULT_TEST_PASSWORD,
    });
    const [cookie] = response.headers.getSetCookie();
    const attributes = cookie!.split(";").map((a) => a.trim().toLowerCase());
    expect(attributes).toContain("httponly");
    expect(attributes).toContain("samesite=lax");
    expect(attributes).toContain("path=/");
    expect(attributes.some((a) => a.startsWith("domain="))).toBe(false);
    // (Secure and the __Host- name on an https APP_URL: platform/production-server.test.ts.)
  });
});

describe("mass assignment", () => {
  it("sign-up ignores role, id and state fields it does not declare", async () => {
    const other = await createUser(testDb(), { email: "existing-member@example.test" });
    const response = await new Browser(server.url).post(
      "/signup",
      signUpFields("wants-admin@example.test", {
        role: "admin",
        id: other.id,
        userId: other.id,
        suspendedAt: "",
        emailVerifiedAt: new Date().toISOString(),
        createdAt: "2000-01-01T00:00:00Z",
        currency: "EUR",
      }),
    );
    expect(response.status).toBe(302);
    const [created] = await testDb().select().from(users).where(eq(users.email, "wants-admin@example.test"));
    expect(created!.role).toBe("member");
    expect(created!.id).not.toBe(other.id);
    expect(created!.currency).toBe("USD");
    expect(created!.createdAt.getFullYear()).toBeGreaterThan(2020);
  });

  it("a profile update cannot change the role, the email or another member's row", async () => {
    const { user, cookie } = await createSignedInUser(testDb(), { email: "updater@example.test" });
    const other = await createUser(testDb(), { email: "bystander@example.test", displayName: "Bystander" });
    const response = await new Browser(server.url, cookie).post("/app/account", {
      intent: "update-profile",
      displayName: "New Name",
      locale: "en",
      currency: "USD",
      timeZone: "UTC",
      role: "admin",
      email: "hijack@example.test",
      id: other.id,
      userId: other.id,
      passwordHash: "x",
    });
    expect(response.status).toBe(200);
    const [me] = await testDb().select().from(users).where(eq(users.id, user.id));
    expect(me).toMatchObject({ displayName: "New Name", role: "member", email: "updater@example.test", passwordHash: user.passwordHash });
    const [bystander] = await testDb().select().from(users).where(eq(users.id, other.id));
    expect(bystander).toMatchObject({ displayName: "Bystander", email: "bystander@example.test" });
  });

  it("a community post is always the poster's own, whatever author field is posted", async () => {
    const poster = await member(server.url);
    const other = await member(server.url);
    const { id } = await writePost(poster.browser, {
      text: "Mine, not theirs",
      authorId: other.user.id,
      userId: other.user.id,
      status: "visible",
    });
    expect(id).not.toBeNull();
    const [post] = await testDb().select().from(communityPosts).where(eq(communityPosts.id, id!));
    expect(post!.authorId).toBe(poster.user.id);
  });
});
