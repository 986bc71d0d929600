import { eq } from "drizzle-orm";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emailOutbox } from "#db/schema";
import { createUser } from "#db/seed/factories";
import { deliverEmail, sendEmail, SMTP_TIMEOUTS } from "~/modules/notifications/email.server";
import { testDb } from "../../setup/db";
import { freePort } from "../../setup/processes";

// Already covered: SMTP refusing connections then back (notifications/delivery.test.ts), the AI provider
// cutting an answer off (ai-coach/openai-provider.test.ts), a Stripe event delivered five times
// (billing/stripe-webhooks.test.ts). This file: a provider that takes the message and then says nothing.

// A loopback SMTP server that, while `hanging`, takes a message and never answers it (no 250).
let hanging = true;
const accepted: string[] = [];
let smtp: SMTPServer;
const smtpPort = await freePort();
process.env.SMTP_URL = `smtp://127.0.0.1:${smtpPort}`;

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      stream.on("data", () => undefined);
      stream.on("end", () => {
        if (hanging) return;
        accepted.push(...session.envelope.rcptTo.map((r) => r.address));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(smtpPort, "127.0.0.1", () => resolve()));
});

afterAll(async () => {
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

describe("a provider that hangs", () => {
  it("fails an email's delivery within the row's lock, records why, and sends it once when SMTP answers again", async () => {
    // The send gives up before the two-minute claim on the row lapses, so no second job can send it meanwhile
    // (nodemailer's own default waits an hour on a silent server).
    expect(Math.max(...Object.values(SMTP_TIMEOUTS))).toBeLessThan(2 * 60_000);
    const db = testDb();
    const member = await createUser(db);
    const queued = await sendEmail(db, {
      to: member.email,
      userId: member.id,
      kind: "test",
      subject: "Day 3",
      text: "Three days without a cigarette.",
      html: "<p>Three days without a cigarette.</p>",
    });

    await expect(deliverEmail(db, queued!.id)).rejects.toThrow(/timeout/i);
    const [failed] = await db.select().from(emailOutbox).where(eq(emailOutbox.id, queued!.id));
    expect(failed).toMatchObject({ status: "pending", attempts: 1, lockedUntil: null });
    expect(failed!.lastError).toMatch(/timeout/i);

    // The provider answers again: the retry sends it, once.
    hanging = false;
    expect(await deliverEmail(db, queued!.id)).toBe("sent");
    expect(await deliverEmail(db, queued!.id)).toBe("skipped");
    expect(accepted.filter((to) => to === member.email)).toHaveLength(1);
  }, 55_000);
});
