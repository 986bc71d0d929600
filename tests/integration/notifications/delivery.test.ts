import { and, eq } from "drizzle-orm";
import { createServer } from "node:http";
import { type AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emailOutbox, notificationSettings } from "#db/schema";
import { createUser } from "#db/seed/factories";
import { startQuitAttempt } from "#db/seed/journey-state";
import { announceAwards, ensureBadgeCatalogue, evaluateMembers } from "~/modules/badges/awards.server";
import { unsubscribeSecret } from "~/modules/notifications/deliver.server";
import { deliverEmail } from "~/modules/notifications/email.server";
import { deliverSms } from "~/modules/notifications/sms.server";
import { createUnsubscribeToken } from "~/modules/notifications/unsubscribe";
import { defaultNotificationPreferences } from "~/modules/notifications/preferences";
import { zonedTime } from "~/modules/notifications/schedule";
import { Browser, startTestServer } from "../../setup/app";
import { freePort } from "../../setup/processes";
import { testDb } from "../../setup/db";

type Received = { from: string; to: string[]; raw: string };
const received: Received[] = [];
let smtp: SMTPServer;

function startSmtp(port: number): Promise<SMTPServer> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      let raw = "";
      stream.on("data", (chunk: Buffer) => (raw += chunk.toString("utf8")));
      stream.on("end", () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
        });
        callback();
      });
    },
  });
  return new Promise((resolve) => server.listen(port, "127.0.0.1", () => resolve(server)));
}

// Set before anything reads the environment: this file's emails go to the loopback SMTP server.
const smtpPort = await freePort();
process.env.SMTP_URL = `smtp://127.0.0.1:${smtpPort}`;

// A loopback SMS provider: records what it is asked to send.
type SmsRequest = { authorization: string | undefined; idempotencyKey: string | undefined; body: { to: string; body: string } };
const smsRequests: SmsRequest[] = [];
const smsProvider = createServer((req, res) => {
  let raw = "";
  req.on("data", (chunk: Buffer) => (raw += chunk.toString("utf8")));
  req.on("end", () => {
    smsRequests.push({
      authorization: req.headers.authorization,
      idempotencyKey: req.headers["idempotency-key"] as string | undefined,
      body: JSON.parse(raw) as SmsRequest["body"],
    });
    res.writeHead(202, { "Content-Type": "application/json" }).end("{}");
  });
});
await new Promise<void>((resolve) => smsProvider.listen(0, "127.0.0.1", () => resolve()));
process.env.SMS_URL = `http://127.0.0.1:${(smsProvider.address() as AddressInfo).port}/messages`;
process.env.SMS_TOKEN = "sms-test-token";

let web: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  smtp = await startSmtp(smtpPort);
  await ensureBadgeCatalogue(testDb());
  web = await startTestServer();
});
afterAll(async () => {
  await web.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  await new Promise<void>((resolve) => smsProvider.close(() => resolve()));
});

const quitDaysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

async function earnFirstDay(userId: string, now = new Date()) {
  const { awarded } = await evaluateMembers(testDb(), [userId], now);
  return announceAwards(
    testDb(),
    awarded.map((a) => a.id),
    now,
  );
}

describe("email delivery", () => {
  it("delivers a badge email to a real SMTP server once, multipart, with one-click unsubscribe headers, and retries when SMTP is down", async () => {
    const db = testDb();
    const member = await createUser(db, { displayName: "Lan <script>alert(1)</script>", locale: "vi", timeZone: "UTC" });
    await db
      .insert(notificationSettings)
      .values({ userId: member.id, preferences: { ...defaultNotificationPreferences, quietHours: null } });
    await startQuitAttempt(db, member.id, { quitDate: quitDaysAgo(1) });
    const deliveries = await earnFirstDay(member.id);
    expect(deliveries.email).toHaveLength(1);
    const id = deliveries.email[0]!.id;

    expect(await deliverEmail(db, id)).toBe("sent");
    expect(await deliverEmail(db, id)).toBe("skipped");
    const mine = received.filter((m) => m.to.includes(member.email));
    expect(mine).toHaveLength(1);
    // Unfold long header lines (RFC 5322) before reading them.
    const raw = mine[0]!.raw.replace(/\r\n[ \t]+/g, " ");
    expect(raw).toMatch(/^List-Unsubscribe: <http:\/\/localhost:\d+\/unsubscribe\?token=[^>]+>/m);
    expect(raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click/m);
    expect(raw).toMatch(/multipart\/alternative/);
    expect(raw).toContain("text/plain");
    expect(raw).toContain("text/html");
    const [row] = await db.select().from(emailOutbox).where(eq(emailOutbox.id, id));
    expect(row!.status).toBe("sent");
    expect(row!.subject).toContain("Huy hiệu mới");
    expect(row!.htmlBody).toContain("Lan &lt;script&gt;");
    expect(row!.htmlBody).not.toContain("<script>");

    // SMTP goes down: the attempt fails, is recorded, and nothing is marked sent; back up, the retry delivers once.
    const other = await createUser(db, { timeZone: "UTC" });
    await db
      .insert(notificationSettings)
      .values({ userId: other.id, preferences: { ...defaultNotificationPreferences, quietHours: null } });
    await startQuitAttempt(db, other.id, { quitDate: quitDaysAgo(1), currency: "USD", packPriceMinor: 100 });
    const next = (await earnFirstDay(other.id)).email[0]!.id;
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    await expect(deliverEmail(db, next)).rejects.toThrow();
    const [failed] = await db.select().from(emailOutbox).where(eq(emailOutbox.id, next));
    expect(failed!.status).toBe("pending");
    expect(failed!.lastError).toBeTruthy();
    smtp = await startSmtp(smtpPort);
    expect(await deliverEmail(db, next)).toBe("sent");
    expect(await deliverEmail(db, next)).toBe("skipped");
    expect(received.filter((m) => m.to.includes(other.email))).toHaveLength(1);
  });

  it("one-click unsubscribe stops that kind of email; a forged or expired link changes nothing and says so", async () => {
    const db = testDb();
    const member = await createUser(db, { timeZone: "UTC" });
    await db
      .insert(notificationSettings)
      .values({ userId: member.id, preferences: { ...defaultNotificationPreferences, quietHours: null } });
    await startQuitAttempt(db, member.id, { quitDate: quitDaysAgo(4), currency: "USD", packPriceMinor: 100 });
    const first = (await earnFirstDay(member.id, new Date(Date.now() - 2 * 86_400_000))).email[0]!.id;
    const [row] = await db.select().from(emailOutbox).where(eq(emailOutbox.id, first));
    const link = new URL(/^<(.+)>$/.exec(row!.headers["List-Unsubscribe"]!)![1]!);
    const browser = new Browser(web.url);

    const forged = await browser.get(`/unsubscribe?token=${link.searchParams.get("token")!.slice(0, -2)}xx`);
    expect(await forged.text()).toContain("This link is not valid");
    const stale = createUnsubscribeToken(
      { userId: member.id, kind: "milestones", channel: "email" },
      unsubscribeSecret(),
      new Date(Date.now() - 1000),
    );
    const expired = await browser.get(`/unsubscribe?${new URLSearchParams({ token: stale })}`);
    expect(await expired.text()).toContain("This link has expired");
    const [unchanged] = await db.select().from(notificationSettings).where(eq(notificationSettings.userId, member.id));
    expect((unchanged!.preferences as { channels: Record<string, string[]> }).channels.milestones).toContain("email");

    // A mail provider's RFC 8058 POST: no cookie, no Origin.
    const oneClick = await fetch(`${web.url}/unsubscribe${link.search}`, {
      method: "POST",
      body: "List-Unsubscribe=One-Click",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    expect(oneClick.status).toBe(200);
    const page = await browser.get(`/unsubscribe${link.search}`);
    expect(await page.text()).toContain("You are unsubscribed");

    const later = await earnFirstDay(member.id);
    const milestoneEmails = await db
      .select()
      .from(emailOutbox)
      .where(and(eq(emailOutbox.userId, member.id), eq(emailOutbox.kind, "milestones")));
    expect(later.email).toHaveLength(0);
    expect(milestoneEmails).toHaveLength(1);
  });

  it("holds an email that falls in quiet hours until they end on the member's clock", async () => {
    const db = testDb();
    const member = await createUser(db, { timeZone: "Asia/Ho_Chi_Minh" });
    await db
      .insert(notificationSettings)
      .values({ userId: member.id, preferences: { ...defaultNotificationPreferences, quietHours: { start: "22:00", end: "07:00" } } });
    await startQuitAttempt(db, member.id, { quitDate: "2026-05-01", currency: "USD", packPriceMinor: 100 });
    const lateEvening = zonedTime({ year: 2026, month: 5, day: 2, hour: 23, minute: 10 }, "Asia/Ho_Chi_Minh");
    const { email } = await earnFirstDay(member.id, lateEvening);
    expect(email).toHaveLength(1);
    const morning = zonedTime({ year: 2026, month: 5, day: 3, hour: 7, minute: 0 }, "Asia/Ho_Chi_Minh");
    expect(email[0]!.notBefore.toISOString()).toBe(morning.toISOString());
    expect(await deliverEmail(db, email[0]!.id, lateEvening)).toBe("skipped");
    expect(await deliverEmail(db, email[0]!.id, new Date(morning.getTime() - 60_000))).toBe("skipped");
    expect(received.filter((m) => m.to.includes(member.email))).toHaveLength(0);
    expect(await deliverEmail(db, email[0]!.id, morning)).toBe("sent");
    expect(received.filter((m) => m.to.includes(member.email))).toHaveLength(1);
  });

  it("texts a badge through the HTTP SMS provider once, short and in the member's language", async () => {
    const db = testDb();
    const member = await createUser(db, { locale: "vi", timeZone: "UTC" });
    await db.insert(notificationSettings).values({
      userId: member.id,
      phone: "+84912345678",
      preferences: {
        ...defaultNotificationPreferences,
        quietHours: null,
        channels: { ...defaultNotificationPreferences.channels, milestones: ["in-app", "sms"] },
      },
    });
    await startQuitAttempt(db, member.id, { quitDate: quitDaysAgo(1) });
    const { sms, email } = await earnFirstDay(member.id);
    expect(email).toHaveLength(0);
    expect(sms).toHaveLength(1);
    expect(await deliverSms(db, sms[0]!.id)).toBe("sent");
    expect(await deliverSms(db, sms[0]!.id)).toBe("skipped");
    const sent = smsRequests.filter((r) => r.body.to === "+84912345678");
    expect(sent).toHaveLength(1);
    expect(sent[0]!.authorization).toBe("Bearer sms-test-token");
    expect(sent[0]!.idempotencyKey).toMatch(/^badge:.+:sms$/);
    expect(sent[0]!.body.body).toContain("Chúc mừng");
    expect(sent[0]!.body.body.length).toBeLessThanOrEqual(160);
  });

  it("sends the password-reset email through the same delivery", async () => {
    const db = testDb();
    const member = await createUser(db, { email: "reset-me@example.test" });
    const response = await new Browser(web.url).post("/forgot-password", { intent: "request-reset", email: member.email });
    expect(response.status).toBeLessThan(500);
    const [row] = await db
      .select()
      .from(emailOutbox)
      .where(and(eq(emailOutbox.userId, member.id), eq(emailOutbox.kind, "password-reset")));
    expect(row!.status).toBe("pending");
    expect(await deliverEmail(db, row!.id)).toBe("sent");
    const mail = received.find((m) => m.to.includes(member.email));
    expect(mail?.raw).toContain("reset-password?token=");
  });
});
