import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { payments, subscriptions, users } from "#db/schema";
import { seedDemoData } from "#db/seed/demo";
import { createSession } from "~/modules/identity/session.server";
import { Browser, startTestServer } from "../../setup/app";
import { testDb } from "../../setup/db";

delete process.env.STRIPE_SECRET_KEY;

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
  await seedDemoData(testDb());
  await seedDemoData(testDb());
});
afterAll(async () => server.close());

async function browserFor(email: string) {
  const [user] = await testDb().select().from(users).where(eq(users.email, email));
  const session = await createSession(testDb(), user!.id, "test");
  return new Browser(server.url, session.setCookie.split(";")[0]);
}

describe("billing demo data", () => {
  it("seeds Basic and Premium, premium members with history and one past due, idempotently", async () => {
    const counts = await testDb().execute<{ status: string; n: number }>(
      sql`select status, count(*)::int as n from subscriptions group by status order by status`,
    );
    expect(counts.map((c) => [c.status, c.n])).toEqual([
      ["active", 6],
      ["past_due", 1],
    ]);
    expect(
      (
        await testDb()
          .select({ n: sql<number>`count(*)::int` })
          .from(payments)
      )[0]!.n,
    ).toBeGreaterThanOrEqual(5);
    const [pastDue] = await testDb().select().from(subscriptions).where(eq(subscriptions.status, "past_due"));
    expect(pastDue!.pastDueSince).not.toBeNull();
  });

  it("shows the past-due member their grace banner, and the admin revenue and the failed payment", async () => {
    const member = await browserFor("member4@quitpath.test");
    const page = await member.get("/app/billing");
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Lần thanh toán gần nhất của bạn không thành công");
    // Still premium in grace, and still with their coach (db/seed/coaching.ts).
    const coaching = await member.get("/app/coaching");
    expect(coaching.status).toBe(302);
    expect(coaching.headers.get("location")).toBe("/app/coach");
    const admin = await browserFor("admin@quitpath.test");
    const billing = await admin.get("/admin/billing");
    expect(billing.status).toBe(200);
    const html = await billing.text();
    expect(html).toContain("member4@quitpath.test");
    expect((await admin.get("/admin/packages")).status).toBe(200);
    const pastDueOnly = await (await admin.get("/admin/billing?status=past_due")).text();
    const subscriptionsTable = pastDueOnly.slice(pastDueOnly.indexOf('id="subs"'), pastDueOnly.indexOf('id="payments"'));
    expect(subscriptionsTable).toContain("member4@quitpath.test");
    expect(subscriptionsTable).not.toContain("member2@quitpath.test");
    const basicMember = await browserFor("member@quitpath.test");
    expect((await basicMember.get("/app/coach/choose")).status).toBe(403);
  });
});
