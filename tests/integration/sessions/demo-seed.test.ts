import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { coachingSessions, feedbackItems, sessionRatings } from "#db/schema";
import { seedDemoData } from "#db/seed/demo";
import { seedSessionsDemo } from "#db/seed/sessions";
import { testDb } from "../../setup/db";

describe("sessions demo data", () => {
  it("gives the demo member a session today and a missed one, past rated sessions, and feedback in both languages; a second run adds nothing", async () => {
    await seedDemoData(testDb());
    await seedSessionsDemo(testDb());
    await seedSessionsDemo(testDb());
    // The coached member who stands in for the demo member (member@ has no coach in the coaching demo).
    const [today] = await testDb().select().from(coachingSessions).where(eq(coachingSessions.status, "confirmed"));
    const mine = await testDb().select().from(coachingSessions).where(eq(coachingSessions.memberId, today!.memberId));
    expect(mine.filter((s) => s.status === "missed")).toHaveLength(1);
    const upcoming = mine.filter((s) => s.status === "confirmed");
    expect(upcoming).toHaveLength(1);
    expect(upcoming[0]!.startsAt.getTime() - Date.now()).toBeLessThan(5 * 3600_000);
    const [ratings] = await testDb()
      .select({ n: sql<number>`count(*)::int` })
      .from(sessionRatings);
    expect(ratings!.n).toBeGreaterThanOrEqual(6);
    const feedback = await testDb().select().from(feedbackItems);
    expect(new Set(feedback.map((f) => f.locale))).toEqual(new Set(["en", "vi"]));
    expect(feedback).toHaveLength(3);
  });
});
