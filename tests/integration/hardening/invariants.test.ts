import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { seedDemoData } from "#db/seed/demo";
import { testDb } from "../../setup/db";
import { INVARIANTS, invariantViolations, oversizedText } from "../../setup/invariants";

/** The checks the fuzz relies on hold on the demo installation, and each one catches the breakage it names. */
describe("database invariants", () => {
  beforeAll(async () => {
    await seedDemoData(testDb());
  }, 300_000);

  it("hold on the demo installation", async () => {
    expect(await invariantViolations(testDb())).toEqual([]);
    expect(await oversizedText(testDb(), 20_000)).toEqual([]);
  });

  it("catch a counter, a rollup and a sequence out of step, and an over-long value inside jsonb", async () => {
    const db = testDb();
    await db.execute(sql`update community_posts set comment_count = comment_count + 1
      where id = (select id from community_posts order by created_at limit 1)`);
    await db.execute(sql`update community_posts set hug_count = hug_count + 1
      where id = (select id from community_posts order by created_at desc limit 1)`);
    await db.execute(sql`update daily_totals set cigarettes = cigarettes + 1
      where (user_id, local_date) = (select user_id, local_date from daily_totals order by local_date limit 1)`);
    await db.execute(sql`update conversations set last_seq = last_seq + 1 where id = (select id from conversations limit 1)`);
    await db.execute(sql`update community_posts set body = jsonb_set(body, '{smuggled}', to_jsonb(${"x".repeat(20_001)}::text))
      where id = (select id from community_posts order by created_at limit 1)`);
    const broken = (await invariantViolations(db)).map((v) => v.invariant);
    expect(broken).toEqual(
      expect.arrayContaining([
        "community_posts.comment_count equals its comments",
        "community_posts reaction counters equal their reactions",
        "daily_totals equal the sums of the day's logs",
        "conversations.last_seq is its newest message and sequence numbers are gapless",
      ]),
    );
    expect(broken.length).toBeLessThan(INVARIANTS.length);
    expect(await oversizedText(db, 20_000)).toEqual([expect.objectContaining({ table: "community_posts", column: "body" })]);
  });
});
