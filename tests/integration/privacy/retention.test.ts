import { inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dataExports, emailOutbox, rateLimitCounters, sessions, smsOutbox, storedFiles } from "#db/schema";
import { createSignedInUser, createUser } from "#db/seed/factories";
import { applyRetention, type RetentionPolicy } from "~/modules/privacy/retention.server";
import { fileStorage } from "~/modules/storage/storage.server";
import { Browser, startTestServer } from "../../setup/app";
import { testDb } from "../../setup/db";

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server.close());

const NOW = new Date("2030-06-15T12:00:00Z");
const daysBefore = (days: number) => new Date(NOW.getTime() - days * 86_400_000);
// Inactive accounts, audit records and AI threads have their own test (retention-inactivity.test.ts): kept out of reach here.
const POLICY: RetentionPolicy = {
  expiredExports: 90,
  sessions: 7,
  rateLimits: 2,
  deliveredOutbox: 30,
  inactiveAccounts: 7300,
  inactivityWarning: 30,
  auditLog: 7300,
  aiThreads: 3650,
};
const NOTHING_ELSE = { inactivityWarnings: 0, inactiveAccountsScheduled: 0, auditLog: 0, aiThreads: 0 };

describe("the privacy-retention job", () => {
  it("deletes exactly the rows past their period, changes nothing when run again, and the admin sees the policy and the last run", async () => {
    const db = testDb();
    // This file has its own database: every row the cut-offs can reach is made here.
    const member = await createUser(db);
    const at = (days: number) => daysBefore(days);

    await db.insert(sessions).values([
      { id: "retention-old", userId: member.id, expiresAt: at(7.5) },
      { id: "retention-recent", userId: member.id, expiresAt: at(6.5) },
      { id: "retention-live", userId: member.id, expiresAt: at(-10) },
    ]);
    await db.insert(rateLimitCounters).values([
      { key: "retention:old", windowStart: at(2.1), count: 3 },
      { key: "retention:recent", windowStart: at(1.9), count: 3 },
    ]);
    const email = (subject: string, status: "pending" | "sent" | "outbox", sentDaysAgo: number | null, createdDaysAgo: number) => ({
      toAddress: "someone@example.com",
      kind: "test",
      subject,
      textBody: "x",
      htmlBody: "x",
      status,
      sentAt: sentDaysAgo === null ? null : at(sentDaysAgo),
      createdAt: at(createdDaysAgo),
    });
    await db
      .insert(emailOutbox)
      .values([
        email("retention sent old", "sent", 31, 31),
        email("retention sent recent", "sent", 29, 40),
        email("retention outbox old", "outbox", null, 31),
        email("retention pending old", "pending", null, 60),
      ]);
    await db.insert(smsOutbox).values([
      { kind: "test", toNumber: "+84900000000", body: "retention old", status: "sent", sentAt: at(30.5), createdAt: at(31) },
      { kind: "test", toNumber: "+84900000000", body: "retention recent", status: "sent", sentAt: at(29.5), createdAt: at(30) },
    ]);
    const file = await fileStorage(db).put({ ownerId: member.id, contentType: "application/zip", bytes: Buffer.from("zip") });
    const exports = await db
      .insert(dataExports)
      .values([
        { userId: member.id, status: "ready", expiresAt: at(91), fileId: file.id, requestedAt: at(98) },
        { userId: member.id, status: "ready", expiresAt: at(89), requestedAt: at(96) },
        { userId: member.id, status: "failed", requestedAt: at(400) },
      ])
      .returning({ id: dataExports.id });

    const first = await applyRetention(db, NOW, POLICY);
    expect(first).toEqual({ expiredExports: 1, sessions: 1, rateLimits: 1, emailOutbox: 2, smsOutbox: 1, ...NOTHING_ELSE });

    const left = async () => ({
      sessions: (
        await db
          .select({ id: sessions.id })
          .from(sessions)
          .where(sql`${sessions.id} like 'retention-%'`)
      )
        .map((r) => r.id)
        .sort(),
      counters: (
        await db
          .select({ key: rateLimitCounters.key })
          .from(rateLimitCounters)
          .where(sql`${rateLimitCounters.key} like 'retention:%'`)
      )
        .map((r) => r.key)
        .sort(),
      emails: (
        await db
          .select({ s: emailOutbox.subject })
          .from(emailOutbox)
          .where(sql`${emailOutbox.subject} like 'retention %'`)
      )
        .map((r) => r.s)
        .sort(),
      sms: (
        await db
          .select({ b: smsOutbox.body })
          .from(smsOutbox)
          .where(sql`${smsOutbox.body} like 'retention %'`)
      ).map((r) => r.b),
      exports: (
        await db
          .select({ id: dataExports.id })
          .from(dataExports)
          .where(
            inArray(
              dataExports.id,
              exports.map((e) => e.id),
            ),
          )
      ).length,
      files: (
        await db
          .select({ id: storedFiles.id })
          .from(storedFiles)
          .where(inArray(storedFiles.id, [file.id]))
      ).length,
    });
    const expected = {
      sessions: ["retention-live", "retention-recent"],
      counters: ["retention:recent"],
      emails: ["retention pending old", "retention sent recent"],
      sms: ["retention recent"],
      exports: 2,
      files: 0,
    };
    expect(await left()).toEqual(expected);

    // A retried or doubled run removes nothing more, and is recorded too.
    expect(await applyRetention(db, NOW, POLICY)).toEqual({
      expiredExports: 0,
      sessions: 0,
      rateLimits: 0,
      emailOutbox: 0,
      smsOutbox: 0,
      ...NOTHING_ELSE,
    });
    expect(await left()).toEqual(expected);
    const [runs] = await db.execute<{ n: number }>(sql`select count(*)::int as n from retention_runs`);
    expect(runs!.n).toBe(2);

    const nextDay = await applyRetention(db, new Date(NOW.getTime() + 86_400_000), POLICY);
    // A day later the session that expired 6.5 days before NOW is past its 7 days.
    expect(nextDay.sessions).toBe(1);

    const admin = await createSignedInUser(db, { role: "admin" });
    const html = await (await new Browser(server.url, admin.cookie).get("/admin/privacy")).text();
    expect(html).toContain("Signed-in sessions: deleted 7 days after they expired");
    expect(html).toContain("Sent emails and SMS: deleted 30 days after sending");
    expect(html).toMatch(/Last run: [^<]*2030/);
    expect(html).toContain("1 session");
  });
});
