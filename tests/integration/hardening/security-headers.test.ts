import { readdirSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser, DEFAULT_TEST_PASSWORD } from "#db/seed/factories";
import type { Role } from "#db/schema";
import { Browser } from "../../setup/app";
import { testDb } from "../../setup/db";
import { startServerProcess, type ServerProcess } from "../../setup/processes";

// The production server as deployed behind TLS (APP_URL https): NODE_ENV=production, so error pages are the real ones.
let app: ServerProcess;
beforeAll(async () => {
  app = await startServerProcess({ NODE_ENV: "production", APP_URL: "https://quitpath.example" });
});
afterAll(async () => app?.stop());

async function signedIn(role: Role): Promise<Browser> {
  const user = await createUser(testDb(), { role });
  const browser = new Browser(app.url);
  const response = await browser.post("/login", { intent: "sign-in", email: user.email, password: DEFAULT_TEST_PASSWORD });
  expect(response.status).toBe(302);
  return browser;
}

/** A stack frame, a module path, SQL or a driver's error text: what a production answer must never show. */
const LEAKS = [
  /\n\s+at [\w.<>]+ \(/,
  /\bat (?:async )?[\w.]+ \((?:file:|\/)/,
  /node_modules\//,
  /(?:file:\/\/|\/(?:work|root|home|usr|opt|srv)\/)[\w/.@-]+\.(?:js|mjs|cjs|ts|tsx):\d+/,
  /\bselect\b[\s\S]{1,200}?\bfrom\s+"?\w+"?\s+(?:where|join|order|limit)\b/i,
  /\binsert into\b|\bupdate "?\w+"? set\b|\bdelete from\b/i,
  /PostgresError|invalid byte sequence|syntax error at or near|violates (?:not-null|unique|foreign key|check) constraint|relation "\w+" does not exist/i,
  /\b(?:TypeError|ReferenceError|RangeError|SyntaxError): /,
];

function expectSecurityHeaders(response: { status: number; headers: Headers }, what: string) {
  const h = response.headers;
  const csp = h.get("content-security-policy") ?? "";
  // Express's own last-resort answer (a path it cannot decode) replaces ours with a stricter policy that allows nothing.
  if (csp === "default-src 'none'") expect(response.status, what).toBe(400);
  else expectOurPolicy(csp, what);
  expect(h.get("content-security-policy-report-only"), what).toBeNull();
  expect(h.get("x-frame-options"), `X-Frame-Options on ${what}`).toBe("DENY");
  expect(h.get("x-content-type-options"), `nosniff on ${what}`).toBe("nosniff");
  expect(h.get("referrer-policy"), what).toBe("strict-origin-when-cross-origin");
  expect(h.get("strict-transport-security"), `HSTS on ${what}`).toBe("max-age=63072000; includeSubDomains");
  expect(h.get("cross-origin-opener-policy"), what).toBe("same-origin");
  expect(h.get("x-powered-by"), what).toBeNull();
}

function expectOurPolicy(csp: string, what: string) {
  expect(csp, `CSP on ${what}`).toContain("default-src 'self'");
  const scriptSrc = csp.split(";").find((d) => d.trim().startsWith("script-src")) ?? "";
  expect(scriptSrc, `script-src on ${what}`).toMatch(/^\s*script-src 'self' 'nonce-[A-Za-z0-9+/=]+'\s*$/);
  expect(csp, what).toContain("frame-ancestors 'none'");
  expect(csp, what).toContain("object-src 'none'");
  expect(csp, what).toContain("base-uri 'self'");
  expect(csp, what).toContain("form-action 'self'");
}

async function expectNoLeak(response: Response, what: string): Promise<string> {
  const body = await response.text();
  for (const leak of LEAKS) expect(body, `${what} (${response.status}) shows ${leak}`).not.toMatch(leak);
  return body;
}

/** Every <script> on an HTML page carries the response's nonce, so nothing inline runs without it. */
function expectNoncedScripts(response: Response, body: string, what: string) {
  if (!(response.headers.get("content-type") ?? "").includes("text/html")) return;
  const nonce = response.headers.get("content-security-policy")?.match(/'nonce-([^']+)'/)?.[1];
  // (Data blocks, application/json and application/ld+json, never run, so CSP does not govern them.)
  const scripts = (body.match(/<script\b[^>]*>/g) ?? []).filter((tag) => !/type="application\/(?:ld\+)?json"/.test(tag));
  for (const tag of scripts) expect(tag, what).toContain(`nonce="${nonce}"`);
  // No inline event handlers or javascript: URLs for the policy to have to allow.
  expect(body, what).not.toMatch(/<[a-z]+[^>]*\son[a-z]+\s*=/i);
  expect(body, what).not.toMatch(/(?:href|src|action)\s*=\s*"\s*javascript:/i);
}

const built = readdirSync("public/build").find((f) => f.startsWith("entry.client-"))!;
const stylesheet = readdirSync("public/build/_assets").find((f) => f.endsWith(".css"))!;

describe("security headers on every kind of response (production, https)", () => {
  it("pages for anonymous visitors, members, coaches, editors and admins", async () => {
    const visitor = new Browser(app.url);
    const member = await signedIn("member");
    const coach = await signedIn("coach");
    const editor = await signedIn("editor");
    const admin = await signedIn("admin");
    const pages: [Browser, string, number][] = [
      [visitor, "/", 200],
      [visitor, "/learn", 200],
      [visitor, "/vi/learn", 200],
      [visitor, "/faq", 200],
      [visitor, "/blog", 200],
      [visitor, "/stories", 200],
      [visitor, "/pricing", 200],
      [visitor, "/feedback", 200],
      [visitor, "/login", 200],
      [visitor, "/signup", 200],
      [visitor, "/forgot-password", 200],
      [visitor, "/reset-password?token=x", 200],
      [visitor, "/bare", 200],
      [member, "/app", 200],
      [member, "/app/community", 200],
      [member, "/app/account", 200],
      [member, "/app/privacy", 200],
      [member, "/app/ai-coach", 403], // the upgrade page, for a Basic member
      [member, "/learn", 200],
      [coach, "/coach", 200],
      [coach, "/coach/reports", 200],
      [editor, "/admin/content", 200],
      [admin, "/admin", 200],
      [admin, "/admin/members", 200],
      [admin, "/admin/jobs", 200],
    ];
    for (const [browser, path, status] of pages) {
      const response = await browser.get(path);
      expect(response.status, path).toBe(status);
      expectSecurityHeaders(response, path);
      expectNoncedScripts(response, await expectNoLeak(response, path), path);
    }
  });

  it("error answers: 400, 403, 404, 405 and refused cross-origin posts, in production words only", async () => {
    const visitor = new Browser(app.url);
    const member = await signedIn("member");
    const answers: [string, () => Promise<Response>, number][] = [
      ["unknown page", () => visitor.get("/definitely/not/here"), 404],
      ["unknown article", () => visitor.get("/learn/no-such-article"), 404],
      // A NUL byte reached Postgres as a slug and was a 500 (regression).
      ["NUL in a slug", () => visitor.get("/learn/%00"), 404],
      ["NUL in a Vietnamese blog slug", () => visitor.get("/vi/blog/a%00b"), 404],
      ["malformed escape", () => visitor.get("/%E0%A4%A"), 400],
      ["bad percent", () => visitor.get("/app/%"), 400],
      ["foreign id", () => member.get("/app/community/00000000-0000-0000-0000-000000000000"), 404],
      ["not a uuid", () => member.get("/app/community/1'%20or%201=1--"), 404],
      ["member at /admin", () => member.get("/admin"), 403],
      ["member at /coach", () => member.get("/coach"), 403],
      ["POST to a page without an action", () => visitor.post("/bare", {}), 405],
      ["DELETE", () => fetch(`${app.url}/`, { method: "DELETE", headers: { Origin: app.url, "Sec-Fetch-Site": "same-origin" } }), 405],
      ["cross-origin post", () => visitor.post("/signup", {}, { Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" }), 403],
      ["unknown intent", () => member.post("/app/account", { intent: "drop-table-users" }), 400],
      ["broken JSON", () => jsonPost(member, "/resources/offline-logs", "{not json"), 400],
      ["unknown _data route", () => member.get("/app?_data=routes%2Fnope"), 403],
      ["missing static file", () => visitor.get("/build/no-such-chunk.js"), 404],
      ["unknown image", () => member.get("/resources/images/00000000-0000-0000-0000-000000000000"), 404],
    ];
    for (const [what, send, status] of answers) {
      const response = await send();
      expect(response.status, what).toBe(status);
      expectSecurityHeaders(response, what);
      await expectNoLeak(response, what);
    }
  });

  it("TRACE is refused and echoes nothing back, with the same headers", async () => {
    const { status, headers, body } = await new Promise<{ status: number; headers: Headers; body: string }>((resolve, reject) => {
      const req = httpRequest(`${app.url}/`, { method: "TRACE", headers: { Cookie: "qp_session=secret-cookie-value" } }, (res) => {
        let text = "";
        res.on("data", (chunk) => (text += chunk));
        const h = new Headers();
        for (const [k, v] of Object.entries(res.headers)) if (typeof v === "string") h.set(k, v);
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: h, body: text }));
      });
      req.on("error", reject);
      req.end();
    });
    // Not a safe method without our Origin: the cross-origin guard refuses it before anything else.
    expect(status).toBe(403);
    expect(body).not.toContain("secret-cookie-value");
    expectSecurityHeaders({ status, headers }, "TRACE /");
  });

  it("static files under /build and public/, resource routes and the operations endpoints", async () => {
    const visitor = new Browser(app.url);
    const paths: [string, number][] = [
      [`/build/${built}`, 200],
      [`/build/_assets/${stylesheet}`, 200],
      ["/favicon.svg", 200],
      ["/read-beacon.js", 200],
      ["/robots.txt", 200],
      ["/sitemap.xml", 200],
      ["/manifest.webmanifest", 200],
      ["/sw.js", 200],
      ["/healthz", 200],
      ["/readyz", 200],
      ["/metrics", 404],
    ];
    for (const [path, status] of paths) {
      const response = await visitor.get(path);
      expect(response.status, path).toBe(status);
      expectSecurityHeaders(response, path);
      await expectNoLeak(response, path);
    }
  });
});

function jsonPost(browser: Browser, path: string, body: string) {
  return fetch(new URL(path, browser.baseUrl), {
    method: "POST",
    body,
    redirect: "manual",
    headers: { Cookie: browser.cookieHeader, Origin: browser.baseUrl, "Sec-Fetch-Site": "same-origin", "Content-Type": "application/json" },
  });
}
