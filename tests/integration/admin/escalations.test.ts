import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { adminAudit, coachResponses, escalations, subscriptions } from "#db/schema";
import { createSignedInUser } from "#db/seed/factories";
import { gatherEscalations } from "~/modules/escalations/escalations.server";
import { Browser, startTestServer } from "../../setup/app";
import { testDb } from "../../setup/db";
import { pairWithCoach, signedInCoach } from "../coaching/helpers";

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server.close());

describe("the escalations queue", () => {
  it("gathers a member waiting past the reply target and a payment in grace once, lets an admin take and resolve them, and closes what cleared by itself", async () => {
    const db = testDb();
    const coach = await signedInCoach(db);
    const { member, conversation } = await pairWithCoach(db, coach);
    const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000);
    const [response] = await db
      .insert(coachResponses)
      .values({ conversationId: conversation.id, coachId: coach.id, kind: "first", askedSeq: 1, askedAt: hoursAgo(5), dueAt: hoursAgo(3) })
      .returning();
    await db
      .update(subscriptions)
      .set({ status: "past_due", pastDueSince: hoursAgo(30) })
      .where(eq(subscriptions.userId, member.id));

    await gatherEscalations(db);
    await gatherEscalations(db);
    const items = await db.select().from(escalations).where(eq(escalations.memberId, member.id));
    expect(items.map((i) => i.kind).sort()).toEqual(["payment-grace", "sla-missed"]);

    const { user: admin, cookie } = await createSignedInUser(db, { role: "admin" });
    const browser = new Browser(server.url, cookie);
    const page = await (await browser.get("/admin/escalations")).text();
    expect(page).toContain("Member waiting past the reply target");
    expect(page).toContain("Payment failed, in grace");
    expect((await new Browser(server.url, coach.cookie).get("/admin/escalations")).status).toBe(403);

    const grace = items.find((i) => i.kind === "payment-grace")!;
    expect((await browser.post("/admin/escalations", { intent: "take", id: grace.id })).status).toBe(200);
    expect((await browser.post("/admin/escalations", { intent: "resolve", id: grace.id, resolution: "" })).status).toBe(400);
    expect(
      (await browser.post("/admin/escalations", { intent: "resolve", id: grace.id, resolution: "Called the member; card updated" })).status,
    ).toBe(200);
    const [resolved] = await db.select().from(escalations).where(eq(escalations.id, grace.id));
    expect(resolved).toMatchObject({ assigneeId: admin.id, resolvedBy: admin.id, resolution: "Called the member; card updated" });
    expect(
      await db
        .select()
        .from(adminAudit)
        .where(and(eq(adminAudit.action, "escalation.resolve"), eq(adminAudit.targetId, member.id))),
    ).toHaveLength(1);
    expect((await browser.post("/admin/escalations", { intent: "resolve", id: grace.id, resolution: "Twice" })).status).toBe(404);

    // The coach answers: the item closes by itself on the next gathering, and is not reopened.
    await db.update(coachResponses).set({ answeredAt: new Date(), answeredSeq: 2 }).where(eq(coachResponses.id, response!.id));
    expect(await gatherEscalations(db)).toMatchObject({ cleared: 1 });
    const [sla] = await db.select().from(escalations).where(eq(escalations.subjectId, response!.id));
    expect(sla).toMatchObject({ resolution: "cleared", resolvedBy: null });
    expect(await (await browser.get("/admin/escalations")).text()).toContain("Member waiting past the reply target (0)");
  });
});
