import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import PgBoss from "pg-boss";
import { createUser, DEFAULT_TEST_PASSWORD } from "#db/seed/factories";
import { startQuitAttempt } from "#db/seed/journey-state";
import { Browser } from "../../setup/app";
import { testDb } from "../../setup/db";
import { pairWithCoach, PROCESS_SESSION_SECRET, signedInCoach, type Person } from "../coaching/helpers";
import { nginxAvailable, startCluster } from "../../../scripts/cluster.mjs";

// Sessions created here must verify in the server processes, which sign with this secret.
process.env.SESSION_SECRET = PROCESS_SESSION_SECRET;

type Managed = { name: string; port: number; output: () => string };
type Cluster = {
  url: string;
  proxy: string;
  web: Managed[];
  worker: Managed;
  rollingRestart: () => Promise<(number | null)[]>;
  stop: () => Promise<void>;
};

// nginx when this machine has it (.ci/run installs Debian's), otherwise our round-robin proxy; CLUSTER_PROXY=node forces the latter.
const proxy = (process.env.CLUSTER_PROXY ?? (nginxAvailable() ? "nginx" : "node")) as "nginx" | "node";
let cluster: Cluster;
beforeAll(async () => {
  cluster = (await startCluster({
    web: 2,
    proxy,
    exposeUpstream: true,
    env: { DATABASE_URL: process.env.DATABASE_URL, SESSION_SECRET: PROCESS_SESSION_SECRET, SEED_DEMO_DATA: "off", LOG_LEVEL: "warn" },
  })) as Cluster;
});
afterAll(async () => {
  await cluster?.stop();
});

/** A request through the load balancer on a connection of its own, so the proxy picks the next process. */
async function viaProxy(path: string, init: RequestInit = {}): Promise<{ status: number; upstream: string | null; text: string }> {
  const response = await fetch(new URL(path, cluster.url), {
    redirect: "manual",
    ...init,
    headers: { Connection: "close", ...init.headers },
  });
  return { status: response.status, upstream: response.headers.get("x-upstream"), text: await response.text() };
}

const form = (cookie: string, fields: Record<string, string>): RequestInit => ({
  method: "POST",
  body: new URLSearchParams(fields),
  headers: { Cookie: cookie, Origin: cluster.url, "Sec-Fetch-Site": "same-origin", "Content-Type": "application/x-www-form-urlencoded" },
});

type LiveEvent = { event: string; data: string };
/** An SSE stream through the proxy, collecting its events. */
async function openStream(path: string, cookie: string) {
  const controller = new AbortController();
  const response = await fetch(new URL(path, cluster.url), { headers: { Cookie: cookie }, signal: controller.signal });
  const events: LiveEvent[] = [];
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  void (async () => {
    let buffer = "";
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.+)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event) events.push({ event, data: data ?? "" });
        }
      }
    } catch {
      // aborted
    }
  })();
  return {
    upstream: response.headers.get("x-upstream"),
    status: response.status,
    events,
    async until(check: (events: LiveEvent[]) => boolean, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      while (!check(events)) {
        if (Date.now() > deadline) throw new Error(`timed out; events so far: ${JSON.stringify(events)}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    close: () => controller.abort(),
  };
}

describe(`two web processes and a worker behind ${proxy}`, () => {
  it("keeps a session on every process", async () => {
    const user = await createUser(testDb());
    const signIn = await fetch(new URL("/login", cluster.url), {
      ...form("", { intent: "sign-in", email: user.email, password: DEFAULT_TEST_PASSWORD, redirectTo: "" }),
      redirect: "manual",
    });
    expect(signIn.status).toBe(302);
    const cookie = signIn.headers.getSetCookie()[0]!.split(";")[0]!;
    const answers = await Promise.all(Array.from({ length: 6 }, () => viaProxy("/app/account", { headers: { Cookie: cookie } })));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(new Set(answers.map((a) => a.upstream)).size).toBe(2);
  });

  it("delivers notifications and chat to a stream on whichever process holds it", async () => {
    const db = testDb();
    const coach = await signedInCoach(db);
    const pair = await pairWithCoach(db, coach);
    const member: Person = pair.member;
    // Two streams for the member: through round robin they sit on different processes.
    const streams = [
      await openStream(`/resources/stream?conversation=${pair.conversation.id}`, member.cookie),
      await openStream(`/resources/stream?conversation=${pair.conversation.id}`, member.cookie),
    ];
    expect(streams.map((s) => s.status)).toEqual([200, 200]);
    expect(new Set(streams.map((s) => s.upstream)).size).toBe(2);
    for (const stream of streams) await stream.until((events) => events.some((e) => e.event === "coach-unread"));
    // The coach writes through the proxy, i.e. through one of the two processes.
    const sent = await viaProxy(
      `/resources/conversations/${pair.conversation.id}?live=1`,
      form(coach.cookie, { intent: "send-message", clientId: randomUUID(), body: "Across processes" }),
    );
    expect(sent.status).toBe(200);
    for (const stream of streams)
      await stream.until((events) => events.some((e) => e.event === "message" && e.data.includes("Across processes")));
    for (const stream of streams) stream.close();
  });

  it("delivers a notification raised by the worker's job to streams on both processes", async () => {
    const db = testDb();
    const member = await createUser(db, { timeZone: "UTC" });
    await startQuitAttempt(db, member.id, { quitDate: new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10) });
    const admin = await createUser(db, { role: "admin" });
    const signIn = async (email: string) => {
      const browser = new Browser(cluster.url);
      expect((await browser.post("/login", { intent: "sign-in", email, password: DEFAULT_TEST_PASSWORD })).status).toBe(302);
      return browser.cookieHeader;
    };
    const memberCookie = await signIn(member.email);
    const streams = [await openStream("/resources/stream", memberCookie), await openStream("/resources/stream", memberCookie)];
    expect(new Set(streams.map((s) => s.upstream)).size).toBe(2);
    for (const stream of streams) await stream.until((events) => events.some((e) => e.event === "unread"));
    // Queued on a web process, run by the worker process, heard by both web processes.
    expect((await viaProxy("/admin/jobs", form(await signIn(admin.email), { intent: "run-sweep" }))).status).toBe(200);
    for (const stream of streams) await stream.until((events) => events.some((e) => e.event === "unread" && Number(e.data) > 0), 20_000);
    for (const stream of streams) stream.close();
  });

  it("runs each queued job once, in the worker process only", async () => {
    const boss = new PgBoss({ connectionString: process.env.DATABASE_URL!, max: 1, supervise: false, schedule: false });
    await boss.start();
    try {
      const member = await createUser(testDb());
      const ids: string[] = [];
      for (let i = 0; i < 6; i++) ids.push((await boss.send("evaluate-member", { userId: member.id }, { singletonKey: randomUUID() }))!);
      await expect
        .poll(
          async () => {
            const jobs = await Promise.all(ids.map((id) => boss.getJobById("evaluate-member", id)));
            return jobs.filter((job) => job?.state === "completed").length;
          },
          { timeout: 50_000, interval: 250 },
        )
        .toBe(6);
      const jobs = await Promise.all(ids.map((id) => boss.getJobById("evaluate-member", id)));
      // Started once each: no retry, no second start.
      expect(jobs.every((job) => job!.retryCount === 0)).toBe(true);
    } finally {
      await boss.stop({ graceful: false });
    }
    // The web processes have no job workers: nothing ran there.
    for (const web of cluster.web) expect(web.output()).not.toContain("job failed");
  }, 60_000);

  it("loses no request while every web process is restarted in turn under load", async () => {
    const member = await createUser(testDb());
    const browser = new Browser(cluster.url);
    expect((await browser.post("/login", { intent: "sign-in", email: member.email, password: DEFAULT_TEST_PASSWORD })).status).toBe(302);
    const cookie = browser.cookieHeader;
    let running = true;
    const outcomes = { ok: 0, failed: [] as string[] };
    const paths = ["/", "/pricing", "/app/account", "/healthz"];
    const client = async (n: number) => {
      for (let i = n; running; i++) {
        const path = paths[i % paths.length]!;
        try {
          const response = await fetch(new URL(path, cluster.url), { redirect: "manual", headers: { Cookie: cookie } });
          await response.arrayBuffer();
          if (response.status === 200) outcomes.ok++;
          else outcomes.failed.push(`${path} ${response.status}`);
        } catch (error) {
          outcomes.failed.push(`${path} ${String(error)}`);
        }
      }
    };
    const clients = Array.from({ length: 8 }, (_, n) => client(n));
    const codes = await cluster.rollingRestart();
    // A little more load on the new processes before stopping.
    await new Promise((resolve) => setTimeout(resolve, 500));
    running = false;
    await Promise.all(clients);
    expect(codes).toEqual([0, 0]);
    expect(outcomes.failed).toEqual([]);
    expect(outcomes.ok).toBeGreaterThan(50);
  }, 120_000);

  // Last: its failures count against this machine's address (127.0.0.1 behind the proxy), which the other tests sign in from.
  it("holds the sign-in rate limit across processes: the 11th failure in a minute is refused", async () => {
    const user = await createUser(testDb());
    const statuses: number[] = [];
    const upstreams = new Set<string | null>();
    for (let i = 0; i < 11; i++) {
      const answer = await viaProxy(
        "/login",
        form("", { intent: "sign-in", email: user.email, password: "not-the-password-1", redirectTo: "" }),
      );
      statuses.push(answer.status);
      upstreams.add(answer.upstream);
    }
    expect(upstreams.size).toBe(2);
    expect(statuses.slice(0, 10).every((s) => s !== 429)).toBe(true);
    expect(statuses[10]).toBe(429);
  });
});
