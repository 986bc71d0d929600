import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { users } from "#db/schema";
import { createSignedInUser } from "#db/seed/factories";
import { Browser, startTestServer } from "../../setup/app";
import { testDb } from "../../setup/db";

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server.close());

const countUsers = async () =>
  (
    await testDb()
      .select({ n: sql<number>`count(*)::int` })
      .from(users)
  )[0]!.n;

describe("request security", () => {
  it("refuses a cross-origin POST and changes nothing", async () => {
    const before = await countUsers();
    const browser = new Browser(server.url);
    const fields = {
      intent: "sign-up",
      acceptTerms: "on",
      email: "csrf@example.test",
      password: "a long enough passphrase",
      displayName: "X",
      locale: "en",
      timeZone: "UTC",
    };
    const foreign = await browser.post("/signup", fields, { Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" });
    expect(foreign.status).toBe(403);
    const sameSiteOtherOrigin = await browser.post("/signup", fields, { Origin: "https://evil.example", "Sec-Fetch-Site": "same-site" });
    expect(sameSiteOtherOrigin.status).toBe(403);
    const noOrigin = await fetch(`${server.url}/signup`, { method: "POST", body: new URLSearchParams(fields), redirect: "manual" });
    expect(noOrigin.status).toBe(403);
    expect(await countUsers()).toBe(before);
    const sameOrigin = await browser.post("/signup", fields);
    expect(sameOrigin.status).toBe(302);
    expect(await countUsers()).toBe(before + 1);
  });

  it("refuses a cross-origin sign-out, so another site cannot end a member's session", async () => {
    const { cookie } = await createSignedInUser(testDb());
    const browser = new Browser(server.url, cookie);
    const response = await browser.post("/logout", {}, { Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" });
    expect(response.status).toBe(403);
    expect((await browser.get("/app")).status).toBe(200);
  });

  it("sends an enforced CSP with a fresh nonce, and every script on the page carries it", async () => {
    const browser = new Browser(server.url);
    const nonces = new Set<string>();
    // (Anonymous visitors get the public content pages, "/" among them, with no script at all: root.tsx.)
    for (const path of ["/bare", "/login", "/signup", "/no-such-page"]) {
      const response = await browser.get(path);
      const csp = response.headers.get("content-security-policy");
      expect(response.headers.get("content-security-policy-report-only")).toBeNull();
      const nonce = csp?.match(/script-src 'self' 'nonce-([^']+)'/)?.[1];
      expect(nonce, `CSP on ${path}`).toBeTruthy();
      expect(csp).not.toContain("unsafe-inline' 'self'");
      nonces.add(nonce!);
      const html = await response.text();
      const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
      expect(scripts.length).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    }
    expect(nonces.size).toBe(4);
  });

  it("answers an unknown page with a 404 in the page's words, leaking nothing", async () => {
    const response = await new Browser(server.url).get("/definitely/not/here", { "Accept-Language": "vi" });
    expect(response.status).toBe(404);
    const html = await response.text();
    expect(html).toContain("Không tìm thấy trang");
    expect(html).not.toMatch(/at .*\.(js|ts):\d+/);
  });

  it("keeps members and coaches out of /admin with a 403, and anonymous visitors at sign-in", async () => {
    const member = await createSignedInUser(testDb(), { role: "member" });
    const coach = await createSignedInUser(testDb(), { role: "coach" });
    const admin = await createSignedInUser(testDb(), { role: "admin" });
    expect((await new Browser(server.url, member.cookie).get("/admin")).status).toBe(403);
    expect((await new Browser(server.url, coach.cookie).get("/admin")).status).toBe(403);
    expect((await new Browser(server.url, member.cookie).get("/coach")).status).toBe(403);
    expect((await new Browser(server.url, coach.cookie).get("/coach")).status).toBe(200);
    expect((await new Browser(server.url, admin.cookie).get("/admin")).status).toBe(200);
    const anonymous = await new Browser(server.url).get("/app/account");
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toBe("/login?redirectTo=%2Fapp%2Faccount");
  });

  it("picks the language from the account, then the cookie, then Accept-Language", async () => {
    const browser = new Browser(server.url);
    expect(await (await browser.get("/", { "Accept-Language": "vi-VN,vi;q=0.9,en;q=0.5" })).text()).toContain('lang="vi"');
    await browser.post("/resources/locale", { intent: "switch-language", locale: "en", redirectTo: "/" });
    expect(await (await browser.get("/", { "Accept-Language": "vi" })).text()).toContain('lang="en"');
    const { cookie } = await createSignedInUser(testDb(), { locale: "vi" });
    expect(await (await new Browser(server.url, cookie).get("/app", { "Accept-Language": "en" })).text()).toContain('lang="vi"');
  });
});
