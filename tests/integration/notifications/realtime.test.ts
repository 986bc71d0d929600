import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser, DEFAULT_TEST_PASSWORD } from "#db/seed/factories";
import { startQuitAttempt } from "#db/seed/journey-state";
import { Browser } from "../../setup/app";
import { startServerProcess, type ServerProcess } from "../../setup/processes";
import { testDb } from "../../setup/db";

let a: ServerProcess;
let b: ServerProcess;
beforeAll(async () => {
  // A: web only. B: web + workers, so the sweep an admin queues on B runs in B's worker.
  [a, b] = await Promise.all([startServerProcess({ WORKERS: "off" }), startServerProcess({ WORKERS: "on" })]);
});
afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
});

/** Reads `event: unread` values from an SSE response until `want` arrives. */
async function readUntil(body: ReadableStream<Uint8Array>, want: (count: number) => boolean, timeoutMs: number): Promise<number[]> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const seen: number[] = [];
  let buffer = "";
  const deadline = Date.now() + timeoutMs;
  try {
    while (Date.now() < deadline) {
      const chunk = await Promise.race([reader.read(), new Promise<null>((r) => setTimeout(() => r(null), deadline - Date.now()))]);
      if (!chunk || chunk.done) break;
      buffer += decoder.decode(chunk.value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const event = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = /^event: unread\ndata: (\d+)$/m.exec(event);
        if (data) {
          seen.push(Number(data[1]));
          if (want(Number(data[1]))) return seen;
        }
      }
    }
    return seen;
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}

describe("live notification count", () => {
  it("a notification written by one server process reaches an SSE stream opened on another", async () => {
    const db = testDb();
    const member = await createUser(db, { timeZone: "UTC" });
    await startQuitAttempt(db, member.id, { quitDate: new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10) });
    const admin = await createUser(db, { role: "admin" });
    // Sign in through the processes themselves (they sign cookies with their own secret).
    const onA = new Browser(a.url);
    expect((await onA.post("/login", { intent: "sign-in", email: member.email, password: DEFAULT_TEST_PASSWORD })).status).toBe(302);
    const cookie = onA.cookieHeader;
    const adminOnB = new Browser(b.url);
    expect((await adminOnB.post("/login", { intent: "sign-in", email: admin.email, password: DEFAULT_TEST_PASSWORD })).status).toBe(302);

    const stream = await fetch(`${a.url}/resources/notifications/stream`, { headers: { Cookie: cookie } });
    expect(stream.status).toBe(200);
    expect(stream.headers.get("content-type")).toContain("text/event-stream");
    const counts = readUntil(stream.body!, (n) => n > 0, 20_000);

    const queued = await adminOnB.post("/admin/jobs", { intent: "run-sweep" });
    expect(queued.status).toBe(200);
    const seen = await counts;
    expect(seen[0]).toBe(0);
    // 1-day badge (and, after two days, nothing else): one new unread notification.
    expect(seen.at(-1)).toBeGreaterThanOrEqual(1);

    // Without JavaScript the next page load shows the same count.
    const page = await onA.get("/app/notifications");
    const html = await page.text();
    expect(html).toMatch(/data-testid="unread-count"[^>]*>\s*[1-9]/);
  });

  it("refuses the stream to visitors who are not signed in", async () => {
    const response = await fetch(`${a.url}/resources/notifications/stream`, { redirect: "manual" });
    expect(response.status).toBe(302);
  });
});
