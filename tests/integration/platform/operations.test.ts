import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { createUser, DEFAULT_TEST_PASSWORD } from "#db/seed/factories";
import { Browser } from "../../setup/app";
import { testDb } from "../../setup/db";
import { startServerProcess, type ServerProcess } from "../../setup/processes";

const TOKEN = "metrics-token-for-the-operations-test";
const servers: ServerProcess[] = [];
async function server(env: Record<string, string>): Promise<ServerProcess> {
  const started = await startServerProcess(env);
  servers.push(started);
  return started;
}
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
});

/** A GET whose body is read to the end, so the server has finished (and counted) the response. */
async function get(url: string, headers: Record<string, string> = {}): Promise<number> {
  const response = await fetch(url, { headers });
  await response.arrayBuffer();
  return response.status;
}

const scrape = async (url: string, token = TOKEN) => fetch(`${url}/metrics`, { headers: { Authorization: `Bearer ${token}` } });

/** The value of one series in a Prometheus text exposition (0 when absent). */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  let total = 0;
  for (const line of text.split("\n")) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (wanted.every((pair) => line.includes(pair))) total += Number(line.slice(line.lastIndexOf(" ") + 1));
  }
  return total;
}

async function signedIn(url: string): Promise<Browser> {
  const user = await createUser(testDb());
  const browser = new Browser(url);
  const response = await browser.post("/login", { intent: "sign-in", email: user.email, password: DEFAULT_TEST_PASSWORD, redirectTo: "" });
  expect(response.status).toBe(302);
  return browser;
}

describe("operations endpoints", () => {
  it("answers /healthz and /readyz, and has no /metrics unless a token is configured", async () => {
    const app = await server({});
    const health = await fetch(`${app.url}/healthz`);
    expect(health.status).toBe(200);
    expect(health.headers.get("cache-control")).toBe("no-store");
    const ready = await fetch(`${app.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ready: true, checks: { database: true, migrations: true, draining: false } });
    expect((await scrape(app.url)).status).toBe(404);
  });

  it("requires the bearer token, counts responses by route id (never by URL) and shows no secret", async () => {
    const sessionSecret = "operations-test-session-secret-0123456789";
    const app = await server({ METRICS_TOKEN: TOKEN, SESSION_SECRET: sessionSecret });
    expect((await fetch(`${app.url}/metrics`)).status).toBe(401);
    expect((await scrape(app.url, "wrong-token-wrong-token-wrong")).status).toBe(401);
    expect((await scrape(app.url, TOKEN.slice(0, -1))).status).toBe(401);

    for (let i = 0; i < 3; i++) expect(await get(`${app.url}/`)).toBe(200);
    const strayId = randomUUID();
    expect(await get(`${app.url}/stories/${strayId}`)).toBe(404);
    expect(await get(`${app.url}/no-such-page-${strayId}`)).toBe(404);
    expect(await get(`${app.url}/_root.data`)).toBe(200);

    const response = await scrape(app.url);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/plain");
    const text = await response.text();
    expect(sample(text, "quitpath_http_requests_total", { route: "routes/_index", method: "GET", status: "200" })).toBe(4);
    expect(sample(text, "quitpath_http_request_duration_seconds_count", { route: "routes/_index", method: "GET" })).toBe(4);
    expect(sample(text, "quitpath_http_requests_total", { route: "routes/stories.$id", status: "404" })).toBe(1);
    // The catch-all route answers unknown URLs: one series for all of them.
    expect(sample(text, "quitpath_http_requests_total", { route: "routes/$", status: "404" })).toBe(1);
    expect(text).not.toContain(strayId);
    expect(text).toMatch(/^quitpath_job_queue_depth|^# TYPE quitpath_job_queue_depth gauge/m);
    expect(sample(text, "quitpath_db_connections", { application: "quitpath" })).toBeGreaterThan(0);
    expect(sample(text, "quitpath_db_pool_max")).toBe(10);
    const password = new URL(process.env.DATABASE_URL!).password;
    for (const secret of [sessionSecret, TOKEN, password, process.env.DATABASE_URL!]) expect(text).not.toContain(secret);
  });

  it("counts open live streams", async () => {
    const app = await server({ METRICS_TOKEN: TOKEN });
    const browser = await signedIn(app.url);
    const controller = new AbortController();
    const stream = await fetch(`${app.url}/resources/stream`, { headers: { Cookie: browser.cookieHeader }, signal: controller.signal });
    expect(stream.status).toBe(200);
    const reader = stream.body!.getReader();
    await reader.read();
    expect(sample(await (await scrape(app.url)).text(), "quitpath_live_streams")).toBe(1);
    controller.abort();
    await reader.cancel().catch(() => {});
    await expect.poll(async () => sample(await (await scrape(app.url)).text(), "quitpath_live_streams")).toBe(0);
  });

  it("adds up the HTTP processes of a cluster in one scrape", async () => {
    const app = await server({ METRICS_TOKEN: TOKEN, WEB_CONCURRENCY: "2" });
    const before = sample(await (await scrape(app.url)).text(), "quitpath_http_requests_total", { route: "routes/_index" });
    // New connections each time, so the primary hands them to both processes in turn.
    for (let i = 0; i < 10; i++) expect(await get(`${app.url}/`, { Connection: "close" })).toBe(200);
    const text = await (await scrape(app.url)).text();
    expect(sample(text, "quitpath_http_requests_total", { route: "routes/_index" }) - before).toBe(10);
    // Two HTTP processes and the primary each report their pool.
    expect(sample(text, "quitpath_db_pool_max")).toBe(30);
  });

  it("answers /readyz 503 while it drains, still serving pages, then stops", async () => {
    const app = await server({ SHUTDOWN_DRAIN_SECONDS: "2" });
    expect((await fetch(`${app.url}/readyz`)).status).toBe(200);
    const exited = app.stop();
    await expect.poll(async () => (await fetch(`${app.url}/readyz`)).status, { interval: 50 }).toBe(503);
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
    expect(await get(`${app.url}/`)).toBe(200);
    expect(await exited).toBe(0);
  });
});
