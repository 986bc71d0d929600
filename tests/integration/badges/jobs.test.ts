import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { badgeAwards, emailOutbox, notifications } from "#db/schema";
import { createUser } from "#db/seed/factories";
import { startQuitAttempt } from "#db/seed/journey-state";
import { afterJourneyEvent } from "~/modules/journey/events.server";
import { startJobs, type JobsHandle } from "~/modules/jobs/worker.server";
import { createSignedInUser } from "#db/seed/factories";
import { sendEmail } from "~/modules/notifications/email.server";
import { Browser, startTestServer } from "../../setup/app";
import { freePort } from "../../setup/processes";
import { testDb } from "../../setup/db";

// Email "configured" to a port nothing listens on: every SMTP attempt fails.
process.env.SMTP_URL = `smtp://127.0.0.1:${await freePort()}`;

let jobs: JobsHandle;
let web: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  web = await startTestServer();
  jobs = await startJobs(testDb(), process.env.DATABASE_URL!, { workers: true });
});
afterAll(async () => {
  await jobs.stop();
  await web.close();
});

async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!ok(value) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 250));
    value = await read();
  }
  return value;
}

describe("badge evaluation through the job queue", () => {
  it("a journey event queues one evaluation per member that awards and notifies once", async () => {
    const db = testDb();
    const member = await createUser(db, { timeZone: "UTC" });
    await startQuitAttempt(db, member.id, {
      quitDate: new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10),
      currency: "USD",
      packPriceMinor: 100,
    });
    // A burst of events (a check-in, a craving, a plan change) coalesces into one queued evaluation.
    await Promise.all([afterJourneyEvent(db, member.id), afterJourneyEvent(db, member.id), afterJourneyEvent(db, member.id)]);
    const [queued] = (await db.execute(
      sql`select count(*)::int as n from pgboss.job where name = 'evaluate-member' and singleton_key = ${member.id} and state = 'created'`,
    )) as unknown as { n: number }[];
    expect(queued!.n).toBe(1);
    const awards = await eventually(
      () => db.select().from(badgeAwards).where(eq(badgeAwards.userId, member.id)),
      (rows) => rows.length >= 2,
    );
    expect(awards.length).toBe(2); // 1 day and 3 days smoke-free
    const notes = await db.select().from(notifications).where(eq(notifications.userId, member.id));
    expect(notes).toHaveLength(2);
  });

  it("a delivery that keeps failing lands in the dead-letter queue, visible to admins, and is never marked sent", async () => {
    const db = testDb();
    const row = await sendEmail(db, {
      to: "nobody@example.test",
      kind: "milestones",
      subject: "Hello",
      text: "Hello",
      html: "<p>Hello</p>",
      deliveryKey: "dead-letter-test",
    });
    expect(row).not.toBeNull();
    // No retries for this one job, so the test does not wait through the backoff.
    await jobs.boss.send("deliver-email", { outboxId: row!.id }, { retryLimit: 0 });
    const dead = await eventually(
      async () =>
        (await db.execute(sql`select data from pgboss.job where name = 'dead-letter' and data->>'outboxId' = ${row!.id}`)) as unknown as {
          data: { outboxId: string };
        }[],
      (rows) => rows.length > 0,
    );
    expect(dead).toHaveLength(1);
    const [outbox] = await db.select().from(emailOutbox).where(eq(emailOutbox.id, row!.id));
    expect(outbox!.status).toBe("pending");
    expect(outbox!.sentAt).toBeNull();
    expect(outbox!.lastError).toBeTruthy();
    const { cookie } = await createSignedInUser(db, { role: "admin" });
    const page = await (await new Browser(web.url, cookie).get("/admin/jobs")).text();
    expect(page).toContain(row!.id);
  });
});
