import { createServer } from "node:http";
import { type AddressInfo } from "node:net";
import { and, eq, sql } from "drizzle-orm";
import PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { aiCoachMessages, checkoutSessions, communityPosts, smsOutbox, storedFiles, subscriptions } from "#db/schema";
import { createSignedInUser, createUser } from "#db/seed/factories";
import { deliverSms, sendSms } from "~/modules/notifications/sms.server";
import { s3Bucket } from "~/modules/storage/s3.server";
import { Browser, startTestServer } from "../../setup/app";
import { testDb } from "../../setup/db";
import { startServerProcess, type ServerProcess } from "../../setup/processes";
import { startS3 } from "../../setup/s3";
import { aiCoachMember, askStreamed, demoKnowledgeHub, readEvents, startLoopbackModel } from "../ai-coach/helpers";
import { FakeStripe } from "../billing/fake-stripe";
import { seedPackages, WEBHOOK_SECRET } from "../billing/helpers";
import { member } from "../community/helpers";
import { photoWithLocation, postWithPhoto } from "../storage/photos";
import { faultyProxy, timed, waitFor } from "./faults-helpers";

// SMS, Stripe, S3 and the AI model, each a loopback stand-in behind a proxy that makes it hang, refuse or answer
// too late. Every call to them gives up after PROVIDER_TIMEOUT_MS (short here, so the file stays fast).
const TIMEOUT_MS = 700;

// A loopback SMS provider that honours Idempotency-Key as real ones do: a repeated key is not a second text.
const smsRequests: { key: string; to: string }[] = [];
const smsDelivered = new Map<string, string>();
const smsProvider = createServer((req, res) => {
  let raw = "";
  req.on("data", (chunk: Buffer) => (raw += chunk.toString("utf8")));
  req.on("end", () => {
    const key = String(req.headers["idempotency-key"]);
    const { to } = JSON.parse(raw) as { to: string };
    smsRequests.push({ key, to });
    if (!smsDelivered.has(key)) smsDelivered.set(key, to);
    res.writeHead(202, { "Content-Type": "application/json" }).end("{}");
  });
});
await new Promise<void>((resolve) => smsProvider.listen(0, "127.0.0.1", () => resolve()));
const sms = await faultyProxy(`http://127.0.0.1:${(smsProvider.address() as AddressInfo).port}`, 2 * TIMEOUT_MS);
const stripe = await new FakeStripe().start();
const stripeProxy = await faultyProxy(stripe.url, 3 * TIMEOUT_MS);
const model = await startLoopbackModel();
const modelProxy = await faultyProxy(model.baseURL);
const s3 = await startS3();
const s3Proxy = await faultyProxy(s3.settings.endpoint!);

// Before anything reads the environment: this file's app uses all four through their proxies.
Object.assign(process.env, {
  PROVIDER_TIMEOUT_MS: String(TIMEOUT_MS),
  SMS_URL: `${sms.url}/messages`,
  SMS_TOKEN: "sms-test-token",
  STRIPE_SECRET_KEY: "sk_test_quitpath_faults",
  STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
  STRIPE_API_URL: stripeProxy.url,
  AI_BASE_URL: `${modelProxy.url}/v1`,
  AI_API_KEY: "sk-loopback",
  AI_MODEL: "loop-1",
  ...s3.env,
  S3_ENDPOINT: s3Proxy.url,
});

let web: Awaited<ReturnType<typeof startTestServer>>;
let boss: PgBoss;
const workers: ServerProcess[] = [];
beforeAll(async () => {
  web = await startTestServer();
  // Queues jobs as a web process would (and as the worker's crons would, when the test cannot wait a minute).
  boss = new PgBoss({ connectionString: process.env.DATABASE_URL!, max: 1, supervise: false, schedule: false });
  await boss.start();
});
afterAll(async () => {
  for (const worker of workers) await worker.stop("SIGKILL");
  await boss?.stop({ graceful: false });
  await web?.close();
  for (const proxy of [sms, stripeProxy, modelProxy, s3Proxy]) await proxy.close();
  await new Promise<void>((resolve) => smsProvider.close(() => resolve()));
  await Promise.all([stripe.stop(), model.close(), s3.close()]);
});

describe("SMS provider down or slow", () => {
  it("gives up within the timeout, keeps the text pending and sends it once when the provider answers, even after an answer came too late", async () => {
    const db = testDb();
    const someone = await createUser(db);
    const queued = (await sendSms(db, { to: "+84900000001", body: "Day 3 without a cigarette.", kind: "test", userId: someone.id }))!;

    for (const mode of ["hang", "refuse"] as const) {
      sms.set(mode);
      const { ms } = await timed(() => expect(deliverSms(db, queued.id)).rejects.toThrow());
      expect(ms).toBeLessThan(TIMEOUT_MS + 1_000);
    }
    // The provider takes the text but answers after we gave up: we do not know it went, so it is tried again,
    // with the same Idempotency-Key, which is what keeps it from reaching the member twice.
    sms.set("slow");
    await expect(deliverSms(db, queued.id)).rejects.toThrow(/timeout|abort/i);
    const [pending] = await db.select().from(smsOutbox).where(eq(smsOutbox.id, queued.id));
    expect(pending).toMatchObject({ status: "pending", attempts: 3, lockedUntil: null });
    expect(pending!.lastError).toBeTruthy();

    sms.set("pass");
    expect(await deliverSms(db, queued.id)).toBe("sent");
    expect(await deliverSms(db, queued.id)).toBe("skipped");
    const mine = smsRequests.filter((r) => r.key === queued.id);
    expect(mine.length).toBe(2);
    expect([...smsDelivered.values()].filter((to) => to === "+84900000001")).toHaveLength(1);
  });

  it("has a worker retry with backoff, shows the exhausted job to the admin as a dead letter, and loses nothing", async () => {
    const db = testDb();
    const someone = await createUser(db);
    const queued = (await sendSms(db, { to: "+84900000002", body: "One week smoke-free.", kind: "test", userId: someone.id }))!;
    sms.set("hang");
    const worker = await startServerProcess(
      { WORKERS: "on", SMS_URL: `${sms.url}/messages`, SMS_TOKEN: "sms-test-token", PROVIDER_TIMEOUT_MS: String(TIMEOUT_MS) },
      { args: ["--worker"] },
    );
    workers.push(worker);
    const jobId = (await boss.send("deliver-sms", { outboxId: queued.id }, { singletonKey: queued.id }))!;
    type Job = { state: string; retry_count: number; retry_limit: number; wait: number };
    const job = async () =>
      (
        (await db.execute(sql`
        select state::text, retry_count, retry_limit, extract(epoch from start_after - now())::float as wait from pgboss.job where id = ${jobId}
      `)) as unknown as Job[]
      )[0]!;

    // The first attempt gives up; pg-boss holds the retry back by the queue's backoff: 30-60 s (30 s, with jitter) …
    await waitFor(async () => (await job()).state === "retry", 15_000, "the first attempt to fail");
    const first = await job();
    expect(first.wait).toBeGreaterThan(25);
    expect(first.wait).toBeLessThanOrEqual(61);
    const [afterOne] = await db.select().from(smsOutbox).where(eq(smsOutbox.id, queued.id));
    expect(afterOne).toMatchObject({ status: "pending", attempts: 1, lockedUntil: null });
    // … and, the retry brought forward (the test cannot wait it out) and failing too, 60-120 s: the wait doubles.
    await db.execute(sql`update pgboss.job set start_after = now() where id = ${jobId}`);
    await waitFor(
      async () => {
        const now = await job();
        return now.state === "retry" && now.retry_count > first.retry_count;
      },
      15_000,
      "the second attempt to fail",
    );
    expect((await job()).wait).toBeGreaterThan(55);

    // On to the last retry: it fails too, and the job is a dead letter.
    await db.execute(sql`update pgboss.job set retry_count = retry_limit, start_after = now() where id = ${jobId}`);
    await waitFor(async () => (await job()).state === "failed", 15_000, "the last retry to fail");
    const admin = await createSignedInUser(db, { role: "admin" });
    const page = await (await new Browser(web.url, admin.cookie).get("/admin/jobs")).text();
    expect(page).toContain(queued.id);
    expect(page).toMatch(/timeout|abort/i);

    // Nothing is lost: the text is still pending, and the outbox sweep hands it to the worker again once SMS answers.
    const [dead] = await db.select().from(smsOutbox).where(eq(smsOutbox.id, queued.id));
    expect(dead).toMatchObject({ status: "pending", attempts: 3 });
    sms.set("pass");
    await boss.send("dispatch-outbox", {});
    await waitFor(
      async () => (await db.select().from(smsOutbox).where(eq(smsOutbox.id, queued.id)))[0]!.status === "sent",
      15_000,
      "the text to go",
    );
    expect(smsRequests.filter((r) => r.key === queued.id)).toHaveLength(1);
  }, 45_000);
});

describe("Stripe down or slow", () => {
  it("answers the checkout within seconds with 'nothing was charged, try again', and starts it once when Stripe answers", async () => {
    const db = testDb();
    const prices = await seedPackages(db);
    const { user, cookie } = await createSignedInUser(db);
    const browser = new Browser(web.url, cookie);
    const checkout = () =>
      browser.post(`/app/billing/checkout?price=${prices.usdMonthly.id}`, {
        intent: "start",
        priceId: prices.usdMonthly.id,
        acceptTerms: "on",
      });

    for (const mode of ["hang", "refuse", "slow"] as const) {
      stripeProxy.set(mode);
      const { ms, value: answer } = await timed(checkout);
      // One timeout and one retry (the SDK's backoff between them is under a second).
      expect(ms, mode).toBeLessThan(2 * TIMEOUT_MS + 3_000);
      expect(answer.status, mode).toBe(409);
      const page = await answer.text();
      expect(page).toContain("The payment provider did not answer. Nothing was charged");
      expect(page).not.toMatch(/at \w+ \(|StripeConnectionError|ECONN/);
    }
    stripeProxy.set("pass");
    const started = await checkout();
    expect(started.status).toBe(302);
    expect(started.headers.get("location")).toMatch(/^https:\/\/checkout\.stripe\.test\/pay\/cs_/);
    // Stripe kept one customer for the member through every failed try (the same Idempotency-Key each time),
    // and no subscription exists before Stripe says it was paid.
    const customers = new Set(stripe.calls("POST", "/v1/customers").map((r) => r.form.get("metadata[userId]")));
    expect([...customers].filter((id) => id === user.id)).toHaveLength(1);
    expect(await db.select().from(subscriptions).where(eq(subscriptions.userId, user.id))).toHaveLength(0);
    const rows = await db.select().from(checkoutSessions).where(eq(checkoutSessions.userId, user.id));
    expect(rows.filter((r) => r.providerSessionId)).toHaveLength(1);
  }, 30_000);
});

describe("the AI model down or stalled", () => {
  it("ends the member's answer as interrupted within the timeout, whether the model never answers or stops mid-answer, and a retry writes it once", async () => {
    const db = testDb();
    await demoKnowledgeHub(db);
    const signedIn = await aiCoachMember(db, 20);
    const browser = new Browser(web.url, signedIn.cookie);
    expect((await browser.post("/app/ai-coach", { intent: "consent" })).status).toBe(302);

    const answered: string[] = [];
    for (const fault of ["hang", "stall"] as const) {
      // `hang`: the request never gets an answer. `stall`: the answer starts, two pieces come, then nothing.
      modelProxy.set(fault === "hang" ? "hang" : "pass");
      model.setMode(fault === "hang" ? "answer" : "stall");
      const { answerId, threadId } = await askStreamed(db, browser, signedIn.user.id, `What helps with a craving (${fault})?`);
      const { ms, value: events } = await timed(async () =>
        readEvents(await browser.get(`/resources/ai-coach/answers/${answerId}`), (e) => e.event === "done", 10_000),
      );
      expect(events.at(-1), fault).toMatchObject({ event: "done" });
      expect(JSON.parse(events.at(-1)!.data)).toEqual({ status: "interrupted" });
      expect(ms, fault).toBeLessThan(TIMEOUT_MS + 2_000);
      const page = await (await browser.get(`/app/ai-coach?thread=${threadId}`)).text();
      expect(page).toContain('data-testid="answer-interrupted"');
      answered.push(answerId);
    }

    modelProxy.set("pass");
    model.setMode("answer");
    for (const answerId of answered) {
      expect((await browser.post("/app/ai-coach", { intent: "retry", answerId })).status).toBe(302);
      const [after] = await db.select().from(aiCoachMessages).where(eq(aiCoachMessages.id, answerId));
      expect(after).toMatchObject({ status: "complete", kind: "answer" });
      expect(after!.body.match(/until it fades/g)).toHaveLength(1);
    }
    // One answer per question, no duplicate rows from the retries.
    const answers = await db
      .select()
      .from(aiCoachMessages)
      .where(and(eq(aiCoachMessages.userId, signedIn.user.id), eq(aiCoachMessages.kind, "answer")));
    expect(answers).toHaveLength(2);
  }, 30_000);
});

describe("S3 down or slow", () => {
  it("refuses a photo post within seconds with 'could not be saved, try again' instead of hanging or a 500, and stores it once when S3 answers", async () => {
    const db = testDb();
    const author = await member(web.url);
    const photo = await photoWithLocation();
    const files = () => db.select().from(storedFiles).where(eq(storedFiles.ownerId, author.user.id));
    const posts = () => db.select().from(communityPosts).where(eq(communityPosts.authorId, author.user.id));

    for (const mode of ["hang", "refuse"] as const) {
      s3Proxy.set(mode);
      const { ms, value: answer } = await timed(() => postWithPhoto(author.browser, photo));
      // Two attempts, each giving up after the timeout.
      expect(ms, mode).toBeLessThan(2 * TIMEOUT_MS + 3_000);
      expect(answer.status, mode).toBe(409);
      const page = await answer.text();
      expect(page).toContain("Your photo could not be saved just now");
      expect(page).not.toMatch(/TimeoutError|ECONN|at \w+ \(/);
      expect(await files()).toHaveLength(0);
      expect(await posts()).toHaveLength(0);
    }

    s3Proxy.set("pass");
    const posted = await postWithPhoto(author.browser, photo);
    expect(posted.status).toBe(302);
    const stored = await files();
    expect(stored).toHaveLength(1);
    expect(await posts()).toHaveLength(1);
    const objects = await s3Bucket(s3.settings).list("files/");
    expect(objects.filter((o) => o.key === `files/${stored[0]!.id}`)).toHaveLength(1);
  }, 30_000);
});
