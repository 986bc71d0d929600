import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoData } from "#db/seed/demo";
import { createSession } from "~/modules/identity/session.server";
import { Browser, startTestServer } from "../../setup/app";
import { testDb } from "../../setup/db";

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server.close());

describe("demo data", () => {
  it("gives demo members profiles, plans, slips, a relapse with a second attempt and weeks of logs, only once", async () => {
    const db = testDb();
    const first = await seedDemoData(db);
    expect(first.seededNow).toBe(true);
    await seedDemoData(db);
    // A later start (as `npm start` seeds) finds the data and still lists the demo logins to print.
    const later = await seedDemoData(db, { onlyIfEmpty: true });
    expect(later.seededNow).toBe(false);
    expect(later.logins.map((l) => l.email)).toEqual(first.logins.map((l) => l.email));
    expect(later.logins.map((l) => l.email)).toContain("member@quitpath.test");
    const [counts] = await db.execute<{
      profiles: number;
      active: number;
      relapsed: number;
      slips: number;
      days: number;
      rollup_off: number;
    }>(sql`
      select (select count(*) from smoking_profiles)::int as profiles,
             (select count(*) from quit_attempts where status = 'active')::int as active,
             (select count(*) from quit_attempts where status = 'relapsed')::int as relapsed,
             (select count(*) from slip_reflections)::int as slips,
             (select count(*) from daily_totals)::int as days,
             (select count(*) from daily_totals d where d.cigarettes <> coalesce((select sum(count) from cigarette_logs c where c.user_id = d.user_id and c.local_date = d.local_date), 0))::int as rollup_off`);
    expect(counts!.profiles).toBe(20);
    expect(counts!.active).toBe(20);
    expect(counts!.relapsed).toBe(1);
    expect(counts!.slips).toBeGreaterThan(0);
    expect(counts!.days).toBeGreaterThan(20 * 21);
    expect(counts!.rollup_off).toBe(0);

    const [member] = await db.execute<{ id: string }>(sql`select id from users where email = 'member@quitpath.test'`);
    const session = await createSession(db, member!.id, "test");
    const home = await new Browser(server.url, session.setCookie.split(";")[0]).get("/app");
    expect(home.status).toBe(200);
  });
});
