import { randomBytes, randomUUID } from "node:crypto";
import { rmSync } from "node:fs";
import path from "node:path";
import { inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "#db/client.server";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "#db/embedded.server";
import { messages } from "#db/schema";
import { freePort, startServerProcess, type ServerProcess } from "../../setup/processes";
import { pairWithCoach, PROCESS_SESSION_SECRET, signedInCoach } from "../coaching/helpers";
import { openStream, waitFor } from "./faults-helpers";

// Sessions made here must verify in the server process, which signs with this secret.
process.env.SESSION_SECRET = PROCESS_SESSION_SECRET;

// A Postgres of this file's own, which the test stops and starts again under the running server.
const dir = path.resolve(".data", `faults-pg-${randomBytes(4).toString("hex")}`);
let port: number;
let pg: EmbeddedDatabase;
let server: ServerProcess;
let db: Db;

beforeAll(async () => {
  port = await freePort();
  pg = await startEmbeddedPostgres({ dir, port, fsync: false });
  // The server migrates the empty database itself, as a first deployment would.
  server = await startServerProcess({ DATABASE_URL: pg.url, WORKERS: "off", DATABASE_POOL_SIZE: "4" });
  db = createDb(pg.url, 2);
}, 90_000);

afterAll(async () => {
  await server?.stop();
  await db?.$client.end({ timeout: 1 });
  await pg?.stop().catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
});

type Outcome = { phase: "before" | "outage" | "after"; path: string; status: number | string; body: string };

describe("Postgres restarted under load", () => {
  it("answers 503 fast during the outage, recovers, resumes live streams and loses no acknowledged write", async () => {
    const coach = await signedInCoach(db);
    const pair = await pairWithCoach(db, coach);
    const stream = await openStream(server.url, `/resources/stream?conversation=${pair.conversation.id}`, pair.member.cookie);
    expect(stream.status).toBe(200);
    await stream.until((events) => events.some((e) => e.event === "unread"));

    let phase: Outcome["phase"] = "before";
    let running = true;
    const outcomes: Outcome[] = [];
    const acknowledged: string[] = [];
    // The load writes as the member and the last message below comes from the coach: the load can
    // reach the sender's limit of SEND_LIMIT messages a minute (a 429 is a correct answer to it),
    // and the coach's one message must not share that budget.
    const send = async () => {
      const clientId = randomUUID();
      const at = phase;
      const response = await fetch(`${server.url}/resources/conversations/${pair.conversation.id}?live=1`, {
        method: "POST",
        redirect: "manual",
        body: new URLSearchParams({ intent: "send-message", clientId, body: `under load ${clientId}` }),
        headers: { Cookie: pair.member.cookie, Origin: server.url, "Content-Type": "application/x-www-form-urlencoded" },
      });
      const body = await response.text();
      if (response.status === 200) acknowledged.push(clientId);
      outcomes.push({ phase: at, path: "send-message", status: response.status, body });
    };
    const read = async (pathname: string) => {
      const at = phase;
      const response = await fetch(`${server.url}${pathname}`, { redirect: "manual", headers: { Cookie: pair.member.cookie } });
      outcomes.push({ phase: at, path: pathname, status: response.status, body: await response.text() });
    };
    const client = async (n: number) => {
      for (let i = 0; running; i++) {
        try {
          if (n % 2 === 0) await send();
          else await read(i % 2 === 0 ? "/app/account" : "/");
        } catch (error) {
          outcomes.push({ phase, path: "?", status: String(error), body: "" });
        }
      }
    };
    const clients = Array.from({ length: 4 }, (_, n) => client(n));
    const answeredIn = (p: Outcome["phase"]) => outcomes.filter((o) => o.phase === p).length;
    await waitFor(() => answeredIn("before") >= 20, 20_000, "load before the outage");

    phase = "outage";
    await pg.stop();
    // Requests keep being answered while the database is down: a hang would stop the clients here.
    await waitFor(() => answeredIn("outage") >= 20, 10_000, "answers during the outage").catch((error: unknown) => {
      throw new Error(`${String(error)}: ${JSON.stringify(countBy(outcomes.map((o) => `${o.phase} ${o.path} ${o.status}`)))}`);
    });

    pg = await startEmbeddedPostgres({ dir, port, fsync: false });
    phase = "after";
    const back = Date.now();
    let probe = "";
    await waitFor(
      async () => {
        const response = await fetch(`${server.url}/app/account`, {
          redirect: "manual",
          headers: { Cookie: pair.member.cookie },
          signal: AbortSignal.timeout(2_000),
        });
        probe = `${response.status} after ${Date.now() - back} ms: ${(await response.text()).slice(0, 200)}`;
        return response.status === 200;
      },
      // Here it is back in 0.1–0.5 s (also with the CPUs busy); the bound leaves room for a CI host
      // running every test file at once, and a miss says what the server last answered.
      10_000,
      "the server answering 200 again within 10 s of Postgres being back",
    ).catch((error: unknown) => {
      throw new Error(`${String(error)}; last answer ${probe}; server said ${server.output().slice(-1500)}`);
    });
    await waitFor(() => outcomes.filter((o) => o.phase === "after" && o.status === 200).length >= 10, 20_000, "load after recovery");
    running = false;
    await Promise.all(clients);

    // A send refused by the sender's limit (counted just before the database went) is a correct answer in any phase.
    const limited = (o: Outcome) => o.path === "send-message" && o.status === 429;
    const during = outcomes.filter((o) => o.phase === "outage");
    for (const o of during.filter((o) => o.status !== 200 && !limited(o))) {
      expect(o.status, `${o.path}: ${o.body.slice(0, 300)}`).toBe(503);
      expect(o.body).not.toMatch(/\n\s+at |ECONNREFUSED|ENOENT|postgres/i);
    }
    // A page says so in the member's words (the error boundary), not as an unexpected error.
    expect(during.some((o) => o.path === "/" && o.status === 503 && o.body.includes("Back in a moment"))).toBe(true);
    expect(during.some((o) => o.path === "send-message" && o.status === 503)).toBe(true);
    expect(outcomes.filter((o) => o.phase !== "outage" && o.status !== 200 && o.status !== 503 && !limited(o))).toEqual([]);

    // The stream held through the outage hears a message written after it.
    const marker = `after the restart ${randomUUID()}`;
    const sent = await fetch(`${server.url}/resources/conversations/${pair.conversation.id}?live=1`, {
      method: "POST",
      body: new URLSearchParams({ intent: "send-message", clientId: randomUUID(), body: marker }),
      headers: { Cookie: coach.cookie, Origin: server.url, "Content-Type": "application/x-www-form-urlencoded" },
    });
    expect(sent.status).toBe(200);
    await stream.until((events) => events.some((e) => e.event === "message" && e.data.includes(marker)), 10_000);
    stream.close();

    // Every write that was answered 200 is in the database.
    const stored = await db.select({ clientId: messages.clientId }).from(messages).where(inArray(messages.clientId, acknowledged));
    expect(acknowledged.length).toBeGreaterThan(5);
    expect(new Set(stored.map((s) => s.clientId))).toEqual(new Set(acknowledged));
  }, 120_000);
});

function countBy(values: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const v of values) counts[v] = (counts[v] ?? 0) + 1;
  return counts;
}
