import { describe, expect, it } from "vitest";
import { and, eq, inArray } from "drizzle-orm";
import { coachAssignments, conversations, messages, users } from "#db/schema";
import { seedChatDemo } from "#db/seed/chat";
import { seedDemoData } from "#db/seed/demo";
import { coachResponseReport } from "~/modules/coaching/sla.server";
import { testDb } from "../../setup/db";

describe("the demo chat history", () => {
  it("gives the premium demo members weeks of chat with coach.mai and coach.sam, one message about to miss its SLA; a second run adds nothing", async () => {
    const db = testDb();
    await seedDemoData(db);
    const now = new Date();
    await seedChatDemo(db, now);
    const coaches = await db
      .select()
      .from(users)
      .where(inArray(users.email, ["coach.mai@quitpath.test", "coach.sam@quitpath.test"]));
    // Conversations of the coaches' current members (the alumnus's ended with their graduation).
    const rows = (
      await db
        .select({ conversation: conversations })
        .from(conversations)
        .innerJoin(coachAssignments, and(eq(coachAssignments.id, conversations.assignmentId), eq(coachAssignments.status, "active")))
        .where(
          inArray(
            conversations.coachId,
            coaches.map((c) => c.id),
          ),
        )
    ).map((r) => r.conversation);
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(new Set(rows.map((r) => r.coachId)).size).toBe(2);
    for (const row of rows) {
      const history = await db.select().from(messages).where(eq(messages.conversationId, row.id)).orderBy(messages.seq);
      expect(history.map((m) => m.seq)).toEqual(history.map((_, i) => i + 1));
      expect(history[0]!.createdAt.getTime()).toBeLessThan(now.getTime() - 21 * 86_400_000);
      expect(row.lastSeq).toBe(history.length);
    }
    const reports = await Promise.all(
      coaches.map((c) => coachResponseReport(db, c.id, { from: new Date(now.getTime() - 60 * 86_400_000), to: now }, now)),
    );
    const open = reports.flatMap((r) => r.active);
    expect(open).toHaveLength(1);
    expect(open[0]!.aboutToMiss).toBe(true);
    expect(reports.reduce((n, r) => n + r.met, 0)).toBeGreaterThan(5);

    const before = await db.select().from(messages);
    await seedChatDemo(db, now);
    expect(await db.select().from(messages)).toHaveLength(before.length);
  });
});
