import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { users } from "#db/schema";
import { seedDemoData } from "#db/seed/demo";
import { matchWaitingMembers } from "~/modules/coaching/assignments.server";
import { caseloadMembers } from "~/modules/coaching/caseload.server";
import { createSession } from "~/modules/identity/session.server";
import { Browser, startTestServer } from "../../setup/app";
import { testDb } from "../../setup/db";

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

describe("coaching demo data", () => {
  it("seeds approved coaches with their members (each with a conversation), an alumnus and one waiting member, once", async () => {
    const load = (await testDb().execute(sql`
      select u.email, p.status, p.capacity,
        (select count(*)::int from coach_assignments a where a.coach_id = u.id and a.status = 'active') as active,
        (select count(*)::int from conversations c where c.coach_id = u.id) as conversations
      from coach_profiles p join users u on u.id = p.coach_id order by u.email
    `)) as unknown as { email: string; status: string; capacity: number; active: number; conversations: number }[];
    expect(load).toEqual([
      { email: "coach.mai@quitpath.test", status: "approved", capacity: 3, active: 3, conversations: 4 },
      { email: "coach.sam@quitpath.test", status: "approved", capacity: 4, active: 3, conversations: 3 },
    ]);
    const [alumni] = (await testDb().execute(
      sql`select count(*)::int as n from graduations g join coach_assignments a on a.id = g.assignment_id where a.status = 'graduated'`,
    )) as unknown as { n: number }[];
    expect(alumni!.n).toBe(1);
    // Every coached member is premium (a live subscription).
    const [unpaid] = (await testDb().execute(sql`
      select count(*)::int as n from coach_assignments a where a.status = 'active'
        and not exists (select 1 from subscriptions s where s.user_id = a.member_id and s.status in ('active', 'past_due'))
    `)) as unknown as { n: number }[];
    expect(unpaid!.n).toBe(0);
  });

  it("puts one of coach.mai's members at high risk, for the slips she had this week", async () => {
    const [mai] = await testDb().select().from(users).where(eq(users.email, "coach.mai@quitpath.test"));
    const members = await caseloadMembers(testDb(), mai!.id, new Date());
    const high = members.filter((m) => m.risk.level === "high");
    expect(high.map((m) => m.displayName)).toHaveLength(1);
    expect(high[0]!.risk.reasons.map((r) => r.key)).toContain("slips");
  });

  it("the waiting member stays waiting (the one coach with a place does not speak Vietnamese) and sees the directory", async () => {
    expect(await matchWaitingMembers(testDb())).toEqual({ assigned: 0, stillWaiting: 1 });
    const waiting = await browserFor("member6@quitpath.test");
    const page = await waiting.get("/app/coach/choose");
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html.includes("Coach Sam Rivera")).toBe(true);
    expect(html.includes("Coach Mai Anh")).toBe(false);
    expect(html.includes("Chúng tôi sẽ ghép bạn ngay khi có huấn luyện viên còn chỗ")).toBe(true);
    const admin = await browserFor("admin@quitpath.test");
    const adminPage = await admin.get("/admin/coaches");
    expect(adminPage.status).toBe(200);
    const adminHtml = await adminPage.text();
    expect(adminHtml.includes("member6@quitpath.test")).toBe(true);
    expect(adminHtml.includes("3 / 3")).toBe(true);
  });
});
