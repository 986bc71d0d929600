import { createECDH, createPublicKey, createDecipheriv, hkdfSync, randomBytes, verify } from "node:crypto";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { type IncomingHttpHeaders } from "node:http";
import { createServer, type Server } from "node:https";
import { tmpdir } from "node:os";
import path from "node:path";
import { type AddressInfo } from "node:net";
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pushOutbox, pushSubscriptions, users, webPushKeys } from "#db/schema";
import { createSignedInUser } from "#db/seed/factories";
import { startQuitAttempt } from "#db/seed/journey-state";
import enNotifications from "~/locales/en/notifications";
import viNotifications from "~/locales/vi/notifications";
import { announceAwards, ensureBadgeCatalogue, evaluateMembers } from "~/modules/badges/awards.server";
import { defaultNotificationPreferences, type NotificationPreferences } from "~/modules/notifications/preferences";
import { sendMessage } from "~/modules/coaching/messages.server";
import { outboxPage } from "~/modules/notifications/outbox.server";
import { deliverPush, queuePush } from "~/modules/notifications/push.server";
import { saveNotificationSettings } from "~/modules/notifications/settings.server";
import { Browser, startTestServer } from "../../setup/app";
import { pairWithCoach, signedInCoach } from "../coaching/helpers";
import { testDb } from "../../setup/db";

// The push service below listens on loopback https with its own certificate, which the app is told to trust (tests only).
const certDir = mkdtempSync(path.join(tmpdir(), "push-service-"));
execFileSync(
  "openssl",
  [
    "req",
    "-x509",
    "-newkey",
    "ec",
    "-pkeyopt",
    "ec_paramgen_curve:prime256v1",
    "-nodes",
    "-days",
    "1",
    "-subj",
    "/CN=127.0.0.1",
    "-addext",
    "subjectAltName=IP:127.0.0.1",
    "-keyout",
    path.join(certDir, "key.pem"),
    "-out",
    path.join(certDir, "cert.pem"),
  ],
  { stdio: "ignore" },
);
process.env.PUSH_ALLOW_LOOPBACK = "on";
process.env.PUSH_TEST_CA_FILE = path.join(certDir, "cert.pem");

type Received = { path: string; headers: IncomingHttpHeaders; body: Buffer };
let server: Awaited<ReturnType<typeof startTestServer>>;
let pushService: Server;
let pushUrl: string;
const received: Received[] = [];

beforeAll(async () => {
  await ensureBadgeCatalogue(testDb());
  server = await startTestServer();
  // A stand-in push service: 201 for a live subscription, 410 / 404 for ones the browser dropped, 503 while it is "down".
  pushService = createServer(
    { key: readFileSync(path.join(certDir, "key.pem")), cert: readFileSync(path.join(certDir, "cert.pem")) },
    (req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        received.push({ path: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks) });
        res.statusCode = req.url?.startsWith("/gone")
          ? 410
          : req.url?.startsWith("/missing")
            ? 404
            : req.url?.startsWith("/down")
              ? 503
              : 201;
        res.end();
      });
    },
  );
  await new Promise<void>((resolve) => pushService.listen(0, "127.0.0.1", resolve));
  pushUrl = `https://127.0.0.1:${(pushService.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await server.close();
  await new Promise((resolve) => pushService.close(resolve));
});

/** A browser's side of a subscription: its P-256 key pair and auth secret. */
function browserKeys() {
  const ecdh = createECDH("prime256v1");
  ecdh.generateKeys();
  return { ecdh, auth: randomBytes(16) };
}

/** RFC 8291 (aes128gcm, RFC 8188) decryption, as the browser does it. */
function decryptPush(body: Buffer, keys: ReturnType<typeof browserKeys>): string {
  const salt = body.subarray(0, 16);
  const recordSize = body.readUInt32BE(16);
  const idLength = body[20]!;
  const senderPublic = body.subarray(21, 21 + idLength);
  const ciphertext = body.subarray(21 + idLength);
  expect(idLength).toBe(65);
  expect(ciphertext.length).toBeLessThanOrEqual(recordSize);
  const receiverPublic = keys.ecdh.getPublicKey();
  const shared = keys.ecdh.computeSecret(senderPublic);
  const keyInfo = Buffer.concat([Buffer.from("WebPush: info\0"), receiverPublic, senderPublic]);
  const ikm = Buffer.from(hkdfSync("sha256", shared, keys.auth, keyInfo, 32));
  const cek = Buffer.from(hkdfSync("sha256", ikm, salt, Buffer.from("Content-Encoding: aes128gcm\0"), 16));
  const nonce = Buffer.from(hkdfSync("sha256", ikm, salt, Buffer.from("Content-Encoding: nonce\0"), 12));
  const decipher = createDecipheriv("aes-128-gcm", cek, nonce);
  decipher.setAuthTag(ciphertext.subarray(ciphertext.length - 16));
  const padded = Buffer.concat([decipher.update(ciphertext.subarray(0, ciphertext.length - 16)), decipher.final()]);
  // The last record ends with the delimiter 0x02, then zero padding.
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end--;
  expect(padded[end]).toBe(2);
  return padded.subarray(0, end).toString("utf8");
}

/** Checks the VAPID Authorization header (RFC 8292): an ES256 JWT for the push service's origin, signed by the key it names. */
function verifyVapid(headers: IncomingHttpHeaders, audience: string): { publicKey: string; claims: Record<string, unknown> } {
  const match = /^vapid t=([\w-]+\.[\w-]+\.[\w-]+), k=([\w-]+)$/.exec(String(headers.authorization));
  expect(match, String(headers.authorization)).not.toBeNull();
  const [, jwt, k] = match!;
  const [header, payload, signature] = jwt!.split(".") as [string, string, string];
  expect(JSON.parse(Buffer.from(header, "base64url").toString())).toEqual({ typ: "JWT", alg: "ES256" });
  const raw = Buffer.from(k!, "base64url");
  expect(raw.length).toBe(65);
  const key = createPublicKey({
    key: { kty: "EC", crv: "P-256", x: raw.subarray(1, 33).toString("base64url"), y: raw.subarray(33).toString("base64url") },
    format: "jwk",
  });
  const signed = verify(
    "sha256",
    Buffer.from(`${header}.${payload}`),
    { key, dsaEncoding: "ieee-p1363" },
    Buffer.from(signature, "base64url"),
  );
  expect(signed).toBe(true);
  const claims = JSON.parse(Buffer.from(payload, "base64url").toString()) as Record<string, unknown>;
  expect(claims.aud).toBe(audience);
  expect(claims.sub).toMatch(/^mailto:|^https:/);
  const expiresIn = Number(claims.exp) - Date.now() / 1000;
  expect(expiresIn).toBeGreaterThan(0);
  expect(expiresIn).toBeLessThanOrEqual(24 * 3600);
  return { publicKey: k!, claims };
}

async function memberWithDevice(
  path: string,
  options: {
    lockScreenDetails: boolean;
    quietHours?: { start: string; end: string } | null;
    channels?: Partial<NotificationPreferences["channels"]>;
    locale?: "en" | "vi";
  },
) {
  const { user, cookie } = await createSignedInUser(testDb(), { timeZone: "UTC", ...(options.locale ? { locale: options.locale } : {}) });
  await saveNotificationSettings(
    testDb(),
    user.id,
    {
      ...defaultNotificationPreferences,
      channels: { ...defaultNotificationPreferences.channels, ...options.channels },
      quietHours: options.quietHours ?? null,
    },
    null,
  );
  const browser = new Browser(server.url, cookie);
  return { user, browser, ...(await subscribeDevice(browser, user.id, path, options.lockScreenDetails)) };
}

/** Subscribes the signed-in browser as a device whose endpoint is on the loopback push service. */
async function subscribeDevice(browser: Browser, userId: string, path: string, lockScreenDetails: boolean) {
  const keys = browserKeys();
  const endpoint = `${pushUrl}${path}/${userId}`;
  const subscribed = await browser.post("/resources/push-subscriptions", {
    intent: "subscribe",
    endpoint,
    p256dh: keys.ecdh.getPublicKey().toString("base64url"),
    auth: keys.auth.toString("base64url"),
    ...(lockScreenDetails ? { lockScreenDetails: "on" } : {}),
  });
  expect(subscribed.status).toBe(200);
  return { keys, endpoint };
}

const sentTo = (endpoint: string) => received.filter((r) => `${pushUrl}${r.path}` === endpoint);

describe("web push", () => {
  it("a test notification reaches the device encrypted per RFC 8291 and signed with the server's VAPID key", async () => {
    const { browser, keys, endpoint } = await memberWithDevice("/live", { lockScreenDetails: true });
    const answer = await browser.post("/resources/push-subscriptions", { intent: "send-test" });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ ok: true, result: { sent: 1, messageKey: "notifications:push.testSent" } });
    const [request] = sentTo(endpoint);
    expect(request!.headers["content-encoding"]).toBe("aes128gcm");
    expect(Number(request!.headers.ttl)).toBeGreaterThan(0);
    expect(JSON.parse(decryptPush(request!.body, keys))).toEqual({
      title: enNotifications.push.testTitle,
      body: enNotifications.push.testBody,
      href: "/app/notifications/preferences",
      tag: "test",
    });
    // The embedded default: one key pair generated and kept in Postgres, the one the browser is given.
    const { publicKey } = verifyVapid(request!.headers, pushUrl);
    const [stored] = await testDb().select().from(webPushKeys);
    expect(stored!.publicKey).toBe(publicKey);
    const offered = (await (await browser.get("/resources/push-subscriptions")).json()) as { publicKey: string };
    expect(offered.publicKey).toBe(publicKey);
  });

  it("without lock-screen details the device is sent a neutral line, no health data", async () => {
    const { browser, keys, endpoint } = await memberWithDevice("/live", { lockScreenDetails: false });
    await browser.post("/resources/push-subscriptions", { intent: "send-test" });
    const payload = JSON.parse(decryptPush(sentTo(endpoint)[0]!.body, keys)) as { title: string; body: string };
    expect(payload).toMatchObject({ title: "QuitPath", body: enNotifications.push.neutral });
  });

  it("in quiet hours nothing is sent, and the member is told when it could be", async () => {
    const hour = new Date().getUTCHours();
    const clock = (h: number) => `${String((h + 24) % 24).padStart(2, "0")}:00`;
    const { browser, endpoint } = await memberWithDevice("/live", {
      lockScreenDetails: true,
      quietHours: { start: clock(hour - 1), end: clock(hour + 2) },
    });
    const answer = await browser.post("/resources/push-subscriptions", { intent: "send-test" });
    expect(await answer.json()).toMatchObject({ ok: true, result: { sent: 0, messageKey: "notifications:push.heldForQuietHours" } });
    expect(sentTo(endpoint)).toHaveLength(0);
  });

  for (const [path, status] of [
    ["/gone", 410],
    ["/missing", 404],
  ] as const) {
    it(`a ${status} from the push service removes that subscription`, async () => {
      const { user, browser, endpoint } = await memberWithDevice(path, { lockScreenDetails: true });
      const answer = await browser.post("/resources/push-subscriptions", { intent: "send-test" });
      expect(await answer.json()).toMatchObject({ ok: true, result: { sent: 0, removed: 1 } });
      expect(sentTo(endpoint)).toHaveLength(1);
      expect(await testDb().select().from(pushSubscriptions).where(eq(pushSubscriptions.userId, user.id))).toHaveLength(0);
    });
  }

  it("refuses endpoints that are not https push addresses, and another member's endpoint is not theirs to remove", async () => {
    const { browser, endpoint } = await memberWithDevice("/live", { lockScreenDetails: false });
    const keys = browserKeys();
    const device = { p256dh: keys.ecdh.getPublicKey().toString("base64url"), auth: keys.auth.toString("base64url") };
    for (const bad of [
      "http://push.example.com/x",
      "ftp://push.example.com/x",
      "javascript:alert(1)",
      "https://user:pw@push.example.com/x",
      "not a url",
    ]) {
      const answer = await browser.post("/resources/push-subscriptions", { intent: "subscribe", endpoint: bad, ...device });
      expect(answer.status, bad).toBe(400);
    }
    const other = await createSignedInUser(testDb());
    const removing = await new Browser(server.url, other.cookie).post("/resources/push-subscriptions", { intent: "unsubscribe", endpoint });
    expect(removing.status).toBe(404);
    expect(await testDb().select().from(pushSubscriptions).where(eq(pushSubscriptions.endpoint, endpoint))).toHaveLength(1);
  });
});

const quitDaysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
const clock = (h: number) => `${String((h + 24) % 24).padStart(2, "0")}:00`;
const pushForMilestones = { milestones: ["in-app", "push"] } as Partial<NotificationPreferences["channels"]>;

/** Earns the member the first-day badge and announces it, as the announce-awards job does. */
async function earnFirstDay(userId: string, now = new Date()) {
  await startQuitAttempt(testDb(), userId, { quitDate: quitDaysAgo(1) });
  const { awarded } = await evaluateMembers(testDb(), [userId], now);
  expect(awarded).not.toHaveLength(0);
  const awardIds = awarded.map((a) => a.id);
  return { awardIds, deliveries: await announceAwards(testDb(), awardIds, now) };
}

describe("push as a delivery channel", () => {
  it("a badge award reaches a device that shows details with the badge text and a link to the badge", async () => {
    const { user, keys, endpoint } = await memberWithDevice("/live", { lockScreenDetails: true, channels: pushForMilestones });
    const { awardIds, deliveries } = await earnFirstDay(user.id);
    expect(deliveries.push).toHaveLength(1);
    expect(await deliverPush(testDb(), deliveries.push[0]!.id)).toBe("sent");
    const payload = JSON.parse(decryptPush(sentTo(endpoint)[0]!.body, keys)) as Record<string, string>;
    expect(payload.title).toMatch(/badge/i);
    expect(payload.title).not.toBe("QuitPath");
    expect(payload.body).not.toBe(enNotifications.push.neutral);
    expect(payload.body).toContain("1 day");
    expect(payload.href).toBe(`/app/badges/${awardIds[0]}`);
    verifyVapid(sentTo(endpoint)[0]!.headers, pushUrl);
  });

  it("without lock-screen details the badge push is the neutral line in the member's language, still opening the badge", async () => {
    const { user, keys, endpoint } = await memberWithDevice("/live", {
      lockScreenDetails: false,
      channels: pushForMilestones,
      locale: "vi",
    });
    const { awardIds, deliveries } = await earnFirstDay(user.id);
    await deliverPush(testDb(), deliveries.push[0]!.id);
    const payload = JSON.parse(decryptPush(sentTo(endpoint)[0]!.body, keys)) as Record<string, string>;
    expect(payload).toMatchObject({ title: "QuitPath", body: viNotifications.push.neutral, href: `/app/badges/${awardIds[0]}` });
    expect(JSON.stringify(payload)).not.toMatch(/day|ngày/i);
  });

  it("a kind without push chosen sends nothing, and neither does a member without a device", async () => {
    const { user, endpoint } = await memberWithDevice("/live", { lockScreenDetails: true });
    const { deliveries } = await earnFirstDay(user.id);
    expect(deliveries.push).toHaveLength(0);
    expect(await testDb().select().from(pushOutbox).where(eq(pushOutbox.userId, user.id))).toHaveLength(0);
    expect(sentTo(endpoint)).toHaveLength(0);

    const { user: deviceless } = await createSignedInUser(testDb(), { timeZone: "UTC" });
    await saveNotificationSettings(
      testDb(),
      deviceless.id,
      {
        ...defaultNotificationPreferences,
        channels: { ...defaultNotificationPreferences.channels, ...pushForMilestones },
        quietHours: null,
      },
      null,
    );
    expect((await earnFirstDay(deviceless.id)).deliveries.push).toHaveLength(0);
  });

  it("in quiet hours the push is held until they end, then sent", async () => {
    const now = new Date();
    const { user, keys, endpoint } = await memberWithDevice("/live", {
      lockScreenDetails: true,
      channels: pushForMilestones,
      quietHours: { start: clock(now.getUTCHours() - 1), end: clock(now.getUTCHours() + 2) },
    });
    const { deliveries } = await earnFirstDay(user.id, now);
    const held = deliveries.push[0]!;
    expect(held.notBefore.getTime()).toBeGreaterThan(now.getTime() + 3600_000);
    expect(held.notBefore.getUTCMinutes()).toBe(0);
    expect(await deliverPush(testDb(), held.id, now)).toBe("skipped");
    expect(sentTo(endpoint)).toHaveLength(0);
    const [row] = await testDb().select().from(pushOutbox).where(eq(pushOutbox.id, held.id));
    expect(row!.status).toBe("pending");
    expect(await deliverPush(testDb(), held.id, held.notBefore)).toBe("sent");
    expect(JSON.parse(decryptPush(sentTo(endpoint)[0]!.body, keys))).toMatchObject({ body: expect.stringContaining("1 day") });
  });

  it("a retried announcement or delivery job pushes once", async () => {
    const { user, endpoint } = await memberWithDevice("/live", { lockScreenDetails: true, channels: pushForMilestones });
    const { awardIds, deliveries } = await earnFirstDay(user.id);
    const again = await announceAwards(testDb(), awardIds, new Date());
    expect(again.push).toHaveLength(0);
    const id = deliveries.push[0]!.id;
    const results = await Promise.all([deliverPush(testDb(), id), deliverPush(testDb(), id)]);
    expect(results.sort()).toEqual(["sent", "skipped"]);
    expect(await deliverPush(testDb(), id)).toBe("skipped");
    expect(sentTo(endpoint)).toHaveLength(1);
    const [row] = await testDb().select().from(pushOutbox).where(eq(pushOutbox.id, id));
    expect(row).toMatchObject({ status: "sent", attempts: 1 });
  });

  it("a push the service refuses stays pending with its error and is retried; the admin's outbox lists pushes with status and attempts", async () => {
    const down = await memberWithDevice("/down", { lockScreenDetails: true });
    const live = await memberWithDevice("/live", { lockScreenDetails: true });
    const now = new Date();
    const queue = (userId: string, key: string) =>
      queuePush(testDb(), {
        userId,
        kind: "reminder",
        title: `Check in ${key}`,
        details: "A minute for your plan",
        href: "/app",
        deliveryKey: `outbox-test:${key}`,
        notBefore: now,
        holdInQuietHours: false,
      });
    const failing = (await queue(down.user.id, "down"))!;
    const sent = (await queue(live.user.id, "live"))!;
    // The job fails (pg-boss retries it, then dead-letters it), the row is left for the next try.
    await expect(deliverPush(testDb(), failing.id)).rejects.toThrow(/No push service accepted/);
    await expect(deliverPush(testDb(), failing.id)).rejects.toThrow(/No push service accepted/);
    expect(await deliverPush(testDb(), sent.id)).toBe("sent");
    expect(sentTo(down.endpoint)).toHaveLength(2);
    const [row] = await testDb().select().from(pushOutbox).where(eq(pushOutbox.id, failing.id));
    expect(row).toMatchObject({
      status: "pending",
      attempts: 2,
      lockedUntil: null,
      lastError: expect.stringContaining("1 device(s) failed"),
    });

    const { messages } = await outboxPage(testDb(), "push", null);
    const shown = (id: string) => messages.find((m) => m.id === id);
    expect(shown(failing.id)).toMatchObject({
      to: down.user.email,
      subject: "Check in down",
      status: "pending",
      attempts: 2,
      failing: true,
    });
    expect(shown(sent.id)).toMatchObject({ to: live.user.email, status: "sent", attempts: 1, failing: false, lastError: null });

    const { cookie } = await createSignedInUser(testDb(), { role: "admin" });
    const admin = new Browser(server.url, cookie);
    const html = await (await admin.get("/admin/outbox?channel=push")).text();
    // One list item per message.
    const item = (key: string) => html.split("<li ").find((part) => part.includes(`Check in ${key}`)) ?? "";
    expect(item("down")).toContain(down.user.email);
    expect(item("down")).toContain(enNotifications.outbox.status.pending);
    expect(item("down")).toContain(enNotifications.outbox.attempts_other.replace("{{count}}", "2"));
    expect(item("down")).toContain("1 device(s) failed");
    expect(item("down")).toContain('href="/admin/jobs"');
    expect(item("live")).toContain(enNotifications.outbox.attempts_one.replace("{{count}}", "1"));
    expect(item("live")).not.toContain("data-outbox-failing");
    // Members may not read it.
    expect((await live.browser.get("/admin/outbox?channel=push")).status).toBe(403);
  });

  it("a coach's reply reaches the member's device with its text, or held through quiet hours that began after it was queued", async () => {
    const coach = await signedInCoach(testDb());
    const { member, conversation } = await pairWithCoach(testDb(), coach);
    await testDb().update(users).set({ timeZone: "UTC" }).where(eq(users.id, member.id));
    const coachingByPush = { coaching: ["in-app", "email", "push"] } as Partial<NotificationPreferences["channels"]>;
    const prefs = { ...defaultNotificationPreferences, channels: { ...defaultNotificationPreferences.channels, ...coachingByPush } };
    await saveNotificationSettings(testDb(), member.id, { ...prefs, quietHours: null }, null);
    const { keys, endpoint } = await subscribeDevice(new Browser(server.url, member.cookie), member.id, "/live", true);

    const reply = async (body: string) => {
      const { message } = await sendMessage(testDb(), { conversation, senderId: coach.id, clientId: randomUUID(), body });
      const [row] = await testDb()
        .select()
        .from(pushOutbox)
        .where(eq(pushOutbox.deliveryKey, `chat:${message.id}:push`));
      return row!;
    };
    const first = await reply("Great work today, keep the water bottle close.");
    expect(await deliverPush(testDb(), first.id)).toBe("sent");
    expect(JSON.parse(decryptPush(sentTo(endpoint)[0]!.body, keys))).toEqual({
      title: enNotifications.push.coachReplyTitle,
      body: "Great work today, keep the water bottle close.",
      href: "/app/coach",
      tag: first.id,
    });

    // The member's own messages push nothing.
    await sendMessage(testDb(), { conversation, senderId: member.id, clientId: randomUUID(), body: "thanks!" });
    expect(await testDb().select().from(pushOutbox).where(eq(pushOutbox.userId, member.id))).toHaveLength(1);

    const second = await reply("Call me tomorrow.");
    // After the reply: its row is due from the moment it was written, so "now" must not come before it.
    const now = new Date(second.notBefore.getTime() + 1);
    await saveNotificationSettings(
      testDb(),
      member.id,
      { ...prefs, quietHours: { start: clock(now.getUTCHours() - 1), end: clock(now.getUTCHours() + 2) } },
      null,
    );
    const held = await deliverPush(testDb(), second.id, now);
    expect(held).toEqual({ held: expect.any(Date) });
    const until = (held as { held: Date }).held;
    expect(until.getTime()).toBeGreaterThan(now.getTime() + 3600_000);
    const [stillPending] = await testDb().select().from(pushOutbox).where(eq(pushOutbox.id, second.id));
    expect(stillPending).toMatchObject({ status: "pending", notBefore: until, lockedUntil: null });
    expect(sentTo(endpoint)).toHaveLength(1);
    expect(await deliverPush(testDb(), second.id, until)).toBe("sent");
    expect(sentTo(endpoint)).toHaveLength(2);
  });
});
