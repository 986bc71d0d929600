import { eq, sql } from "drizzle-orm";
import PgBoss from "pg-boss";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { badgeAwards, emailOutbox, notificationSettings } from "#db/schema";
import { createUser } from "#db/seed/factories";
import { startQuitAttempt } from "#db/seed/journey-state";
import { defaultNotificationPreferences } from "~/modules/notifications/preferences";
import { testDb } from "../../setup/db";
import { freePort, startServerProcess, type ServerProcess } from "../../setup/processes";
import { waitFor } from "./faults-helpers";

// A loopback SMTP server that holds the first message it is given without answering it: the
// worker is then in the middle of the delivery job, waiting for the server's 250.
type Mail = { to: string[]; messageId: string };
const accepted: Mail[] = [];
const held: Mail[] = [];
let smtp: SMTPServer;
let smtpPort: number;
let boss: PgBoss;
const workers: ServerProcess[] = [];

beforeAll(async () => {
  smtpPort = await freePort();
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      let raw = "";
      stream.on("data", (chunk: Buffer) => (raw += chunk.toString("utf8")));
      stream.on("end", () => {
        const mail = { to: session.envelope.rcptTo.map((r) => r.address), messageId: /^Message-ID: (.+)$/im.exec(raw)?.[1]?.trim() ?? "" };
        if (held.length === 0) return void held.push(mail); // never answered: the sender cannot count it as sent
        accepted.push(mail);
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(smtpPort, "127.0.0.1", () => resolve()));
  // Queues jobs as a web process would (and as the worker's crons would, when the test cannot wait a minute).
  boss = new PgBoss({ connectionString: process.env.DATABASE_URL!, max: 1, supervise: false, schedule: false });
  await boss.start();
});

afterAll(async () => {
  for (const worker of workers) await worker.stop("SIGKILL");
  await boss?.stop({ graceful: false });
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

const worker = async () => {
  const started = await startServerProcess(
    { WORKERS: "on", SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, LOG_LEVEL: "warn" },
    { args: ["--worker"] },
  );
  workers.push(started);
  return started;
};

describe("a worker killed in the middle of a job", () => {
  it("has the work done again by the next worker, and its effect happens once: one badge, one email", async () => {
    const db = testDb();
    const member = await createUser(db, { timeZone: "UTC" });
    await db
      .insert(notificationSettings)
      .values({ userId: member.id, preferences: { ...defaultNotificationPreferences, quietHours: null } });
    await startQuitAttempt(db, member.id, { quitDate: new Date(Date.now() - 86_400_000).toISOString().slice(0, 10) });

    const first = await worker();
    await boss.send("evaluate-member", { userId: member.id });
    // Evaluated, awarded, announced, and now the email is on the wire, unanswered.
    await waitFor(() => held.some((m) => m.to.includes(member.email)), 30_000, "the badge email to reach SMTP");
    expect(await first.stop("SIGKILL")).toBeNull();

    const awards = () => db.select().from(badgeAwards).where(eq(badgeAwards.userId, member.id));
    const outbox = () => db.select().from(emailOutbox).where(eq(emailOutbox.userId, member.id));
    expect(await awards()).toHaveLength(1);
    const [interrupted] = await outbox();
    expect(interrupted).toMatchObject({ status: "pending", attempts: 1 });

    // The dead worker's claim on the row lasts two minutes; here they have passed.
    await db
      .update(emailOutbox)
      .set({ lockedUntil: sql`now() - interval '1 second'` })
      .where(eq(emailOutbox.id, interrupted!.id));

    await worker();
    // What the every-minute dispatcher does, and what a retried evaluation would do: both run again.
    await boss.send("dispatch-outbox", {});
    const again = (await boss.send("evaluate-member", { userId: member.id }))!;
    await waitFor(() => accepted.some((m) => m.to.includes(member.email)), 30_000, "the email to be delivered after the restart");
    await waitFor(async () => (await boss.getJobById("evaluate-member", again))?.state === "completed", 30_000, "the second evaluation");
    // A second dispatch finds nothing left to send.
    const dispatched = (await boss.send("dispatch-outbox", {}, { singletonKey: "second" }))!;
    await waitFor(async () => (await boss.getJobById("dispatch-outbox", dispatched))?.state === "completed", 30_000, "the second dispatch");

    expect(await awards()).toHaveLength(1);
    const rows = await outbox();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: "sent", attempts: 2 });
    const mine = accepted.filter((m) => m.to.includes(member.email));
    expect(mine).toHaveLength(1);
    // The retry is the same message (a receiving server could drop a duplicate by its Message-ID).
    expect(mine[0]!.messageId).toBe(held[0]!.messageId);
  }, 90_000);
});
