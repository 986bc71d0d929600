import { request } from "node:http";
import { describe, expect, it } from "vitest";
import { createSignedInUser, DEFAULT_TEST_PASSWORD } from "#db/seed/factories";
import { startServerProcess } from "../../setup/processes";
import { testDb } from "../../setup/db";
import { PROCESS_SESSION_SECRET } from "../coaching/helpers";
import { openStream, waitFor } from "./faults-helpers";

// Sessions made here must verify in the server process, which signs with this secret.
process.env.SESSION_SECRET = PROCESS_SESSION_SECRET;

/** A sign-in whose body arrives in two parts, `gapMs` apart: in flight for that long. */
function slowSignIn(url: string, email: string, gapMs: number): Promise<number> {
  const body = new URLSearchParams({ intent: "sign-in", email, password: DEFAULT_TEST_PASSWORD }).toString();
  return new Promise<number>((resolve, reject) => {
    const req = request(
      {
        host: "127.0.0.1",
        port: new URL(url).port,
        method: "POST",
        path: "/login",
        headers: { Origin: url, "Content-Type": "application/x-www-form-urlencoded", "Content-Length": Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", reject);
    req.write(body.slice(0, 10));
    setTimeout(() => req.end(body.slice(10)), gapMs);
  });
}

describe("SIGTERM under load", () => {
  // Already covered elsewhere: one in-flight sign-in finishing (platform/startup.test.ts), /readyz 503 while
  // draining (platform/operations.test.ts), every web process restarted in turn behind the load balancer
  // losing no request (platform/scale-out.test.ts). This adds load, live streams and the exit code together.
  it("finishes every in-flight request, tells live streams to reconnect, and exits 0", async () => {
    const server = await startServerProcess({ LOG_LEVEL: "info" });
    const db = testDb();
    const members = await Promise.all(Array.from({ length: 3 }, () => createSignedInUser(db)));
    const streams = await Promise.all(members.map((m) => openStream(server.url, "/resources/stream", m.cookie)));
    for (const stream of streams) await stream.until((events) => events.some((e) => e.event === "unread"));

    // Load: pages requested back to back until the server stops accepting connections.
    let accepting = true;
    const pages: { status: number | string; started: "before" | "after" }[] = [];
    let signalled = false;
    const client = async (cookie: string) => {
      for (let i = 0; accepting; i++) {
        const started = signalled ? "after" : "before";
        try {
          const response = await fetch(`${server.url}${i % 2 ? "/app/account" : "/"}`, {
            headers: { Cookie: cookie, Connection: "close" },
          });
          await response.arrayBuffer();
          pages.push({ status: response.status, started });
        } catch (error) {
          // Refused once the listener closed: the load balancer's cue to use another process.
          if (started === "after") accepting = false;
          else pages.push({ status: String(error), started });
        }
      }
    };
    const clients = members.map((m) => client(m.cookie));
    await waitFor(() => pages.length >= 10, 20_000, "load before the signal");

    // Three sign-ins still sending their bodies when the signal comes.
    const inFlight = members.map((m) => slowSignIn(server.url, m.user.email, 800));
    await new Promise((resolve) => setTimeout(resolve, 200));
    signalled = true;
    const code = server.stop("SIGTERM");

    expect(await Promise.all(inFlight)).toEqual([302, 302, 302]);
    expect(await code).toBe(0);
    accepting = false;
    await Promise.all(clients);

    // Every page started before the signal was answered in full.
    expect(pages.filter((p) => p.started === "before" && p.status !== 200)).toEqual([]);
    // Each stream was told to come back soon and then ended cleanly (not cut off).
    for (const stream of streams) {
      expect(stream.events.some((e) => e.event === "reconnect" && e.retry === 1000)).toBe(true);
      await waitFor(() => stream.state.ended, 5_000, "the stream to end");
      expect(stream.state.error).toBeNull();
    }
    expect(server.output()).toContain("live streams told to reconnect");
    expect(server.output()).toContain("stopped");
  }, 60_000);
});
