import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createUser, DEFAULT_TEST_PASSWORD } from "#db/seed/factories";
import { parseEnv, SESSION_SECRET_FILE } from "~/lib/env.server";
import { Browser } from "../../setup/app";
import { testDb } from "../../setup/db";
import { startServerProcess, type ServerProcess } from "../../setup/processes";

const folders: string[] = [];
function dataFolder(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "quitpath-data-"));
  folders.push(dir);
  return dir;
}
const servers: ServerProcess[] = [];
async function server(env: Record<string, string>): Promise<ServerProcess> {
  const started = await startServerProcess({ NODE_ENV: "production", ...env });
  servers.push(started);
  return started;
}
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

async function signIn(browser: Browser): Promise<Response> {
  const user = await createUser(testDb());
  const response = await browser.post("/login", { intent: "sign-in", email: user.email, password: DEFAULT_TEST_PASSWORD, redirectTo: "" });
  expect(response.status).toBe(302);
  return response;
}

describe("the production server", () => {
  it("defaults to production, and takes https from APP_URL rather than from NODE_ENV", () => {
    const dir = dataFolder();
    expect(parseEnv({ DATA_DIR: dir }).NODE_ENV).toBe("production");
    expect(parseEnv({ DATA_DIR: dir, NODE_ENV: "production" }).isHttps).toBe(false);
    expect(parseEnv({ DATA_DIR: dir, NODE_ENV: "production", APP_URL: "http://localhost:3000" }).isHttps).toBe(false);
    expect(parseEnv({ DATA_DIR: dir, NODE_ENV: "development", APP_URL: "https://quitpath.example" }).isHttps).toBe(true);
  });

  it("on an http APP_URL sets a session cookie without Secure and sends no HSTS, so the demo works on http://localhost", async () => {
    const app = await server({ APP_URL: "" });
    const browser = new Browser(app.url);
    const [cookie] = (await signIn(browser)).headers.getSetCookie();
    expect(cookie).toMatch(/^qp_session=/);
    expect(cookie).not.toMatch(/;\s*Secure/i);
    const home = await browser.get("/");
    expect(home.headers.get("strict-transport-security")).toBeNull();
    expect(home.headers.get("content-security-policy")).not.toContain("upgrade-insecure-requests");
    expect((await browser.get("/app/account")).status).toBe(200);
  });

  it("on an https APP_URL sets a Secure __Host- cookie, HSTS and upgrade-insecure-requests", async () => {
    const app = await server({ APP_URL: "https://quitpath.example" });
    const browser = new Browser(app.url);
    const [cookie] = (await signIn(browser)).headers.getSetCookie();
    expect(cookie).toMatch(/^__Host-qp_session=/);
    expect(cookie).toMatch(/;\s*Secure/i);
    expect(cookie).toMatch(/;\s*Path=\//i);
    expect(cookie).not.toMatch(/;\s*Domain=/i);
    const home = await browser.get("/");
    expect(home.headers.get("strict-transport-security")).toBe("max-age=63072000; includeSubDomains");
    expect(home.headers.get("content-security-policy")).toContain("upgrade-insecure-requests");
  });

  it("without SESSION_SECRET generates one, keeps it in DATA_DIR (0600) and reuses it, so sessions survive a restart", async () => {
    const dir = dataFolder();
    const first = await server({ SESSION_SECRET: "", DATA_DIR: dir });
    const file = path.join(dir, SESSION_SECRET_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const secret = readFileSync(file, "utf8").trim();
    expect(secret.length).toBeGreaterThanOrEqual(32);
    const browser = new Browser(first.url);
    await signIn(browser);
    expect((await browser.get("/app/account")).status).toBe(200);
    await first.stop();

    const restarted = await server({ SESSION_SECRET: "", DATA_DIR: dir });
    expect(readFileSync(file, "utf8").trim()).toBe(secret);
    const returning = new Browser(restarted.url, browser.cookieHeader);
    expect((await returning.get("/app/account")).status).toBe(200);

    // The kept secret is what signs the cookie: another data folder means another secret, and the cookie is refused.
    const elsewhere = await server({ SESSION_SECRET: "", DATA_DIR: dataFolder() });
    const stranger = new Browser(elsewhere.url, browser.cookieHeader);
    const refused = await stranger.get("/app/account");
    expect(refused.status).toBe(302);
    expect(refused.headers.get("location")).toMatch(/^\/login/);
  });
});
