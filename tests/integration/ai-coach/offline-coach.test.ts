import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { aiCoachMessages, aiCoachUsage, escalations } from "#db/schema";
import { Browser, startTestServer } from "../../setup/app";
import { testDb } from "../../setup/db";
import { aiCoachMember, demoKnowledgeHub } from "./helpers";

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  await demoKnowledgeHub(testDb());
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

async function consented(perDay: number, seed: { locale?: "en" | "vi" } = {}) {
  const member = await aiCoachMember(testDb(), perDay, seed);
  const browser = new Browser(server.url, member.cookie);
  expect((await browser.post("/app/ai-coach", { intent: "consent" })).status).toBe(302);
  return { member, browser };
}

describe("the offline AI coach (no configuration)", () => {
  it("says it is the offline coach, and a Basic member gets the upgrade page", async () => {
    const { browser } = await consented(5);
    expect(await (await browser.get("/app/ai-coach")).text()).toContain('data-testid="ai-provider"');
    const basic = await aiCoachMember(testDb(), 0);
    const page = await new Browser(server.url, basic.cookie).post("/app/ai-coach", { intent: "consent" });
    // A package with the feature but no daily number: the consent is fine, every question is refused.
    expect(page.status).toBe(302);
  });

  it("answers a question without JavaScript on the next page, citing the knowledge hub", async () => {
    const { member, browser } = await consented(5);
    const asked = await browser.post("/app/ai-coach", { intent: "ask", question: "I'm having a strong craving right now, what do I do?" });
    expect(asked.status).toBe(302);
    const page = await (await browser.get(asked.headers.get("location")!)).text();
    expect(page).toContain("/learn/getting-through-a-craving#");
    const [answer] = await testDb()
      .select()
      .from(aiCoachMessages)
      .where(and(eq(aiCoachMessages.userId, member.user.id), eq(aiCoachMessages.role, "coach")));
    expect(answer).toMatchObject({ status: "complete", kind: "answer", provider: "offline" });
    expect(answer!.latencyMs).not.toBeNull();
  });

  it("answers in Vietnamese from the Vietnamese articles, accents or not", async () => {
    const { member, browser } = await consented(5, { locale: "vi" });
    await browser.post("/app/ai-coach", { intent: "ask", question: "them thuoc qua phai lam sao" });
    const [answer] = await testDb()
      .select()
      .from(aiCoachMessages)
      .where(and(eq(aiCoachMessages.userId, member.user.id), eq(aiCoachMessages.role, "coach")));
    expect(answer!.locale).toBe("vi");
    expect(answer!.citations.map((c) => c.slug)).toContain("vuot-qua-con-them-thuoc");
  });

  it("holds the daily quota under concurrent questions, and still answers a crisis past it", async () => {
    const { member, browser } = await consented(3);
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        browser.post("/app/ai-coach.data", { intent: "ask", question: `How long do cravings last? (${i})`, stream: "1" }),
      ),
    );
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(3);
    expect(statuses.filter((s) => s === 429)).toHaveLength(5);
    const [usage] = await testDb().select().from(aiCoachUsage).where(eq(aiCoachUsage.userId, member.user.id));
    expect(usage!.questions).toBe(3);
    const questions = await testDb()
      .select()
      .from(aiCoachMessages)
      .where(and(eq(aiCoachMessages.userId, member.user.id), eq(aiCoachMessages.kind, "question")));
    expect(questions).toHaveLength(3);

    const crisis = await browser.post("/app/ai-coach", { intent: "ask", question: "I want to kill myself" });
    expect(crisis.status).toBe(302);
    expect(await (await browser.get(crisis.headers.get("location")!)).text()).toContain('data-testid="crisis-resources"');
    // The admins see it on the escalations queue at once, not at the next gathering.
    const queued = await testDb().select().from(escalations).where(eq(escalations.memberId, member.user.id));
    expect(queued).toMatchObject([{ kind: "crisis", resolvedAt: null }]);
  });

  it("rates an answer, refuses someone else's, and deletes a thread and then all of them", async () => {
    const { member, browser } = await consented(5);
    const other = await consented(5);
    const asked = await browser.post("/app/ai-coach", { intent: "ask", question: "How much money have I saved?" });
    const threadId = new URL(asked.headers.get("location")!, server.url).searchParams.get("thread")!;
    const [answer] = await testDb()
      .select()
      .from(aiCoachMessages)
      .where(and(eq(aiCoachMessages.userId, member.user.id), eq(aiCoachMessages.role, "coach")));
    expect((await other.browser.post("/app/ai-coach", { intent: "rate", answerId: answer!.id, rating: "helped" })).status).toBe(404);
    expect((await other.browser.get(`/app/ai-coach?thread=${threadId}`)).status).toBe(404);
    expect((await browser.post("/app/ai-coach", { intent: "rate", answerId: answer!.id, rating: "not-helped" })).status).toBe(200);
    const [rated] = await testDb().select().from(aiCoachMessages).where(eq(aiCoachMessages.id, answer!.id));
    expect(rated!.rating).toBe("not-helped");
    expect((await browser.post("/app/ai-coach", { intent: "rate", answerId: answer!.id, rating: "meh" })).status).toBe(400);

    expect((await other.browser.post("/app/ai-coach", { intent: "delete-thread", threadId })).status).toBe(404);
    expect((await browser.post("/app/ai-coach", { intent: "delete-thread", threadId })).status).toBe(302);
    await browser.post("/app/ai-coach", { intent: "ask", question: "How do I stay smoke-free at parties?" });
    expect((await browser.post("/app/ai-coach", { intent: "delete-all" })).status).toBe(302);
    expect(await testDb().select().from(aiCoachMessages).where(eq(aiCoachMessages.userId, member.user.id))).toHaveLength(0);
  });

  it("rejects an empty or overlong question with a clear error, never a 500", async () => {
    const { browser } = await consented(5);
    expect((await browser.post("/app/ai-coach", { intent: "ask", question: "   " })).status).toBe(400);
    expect((await browser.post("/app/ai-coach", { intent: "ask", question: "x".repeat(1001) })).status).toBe(400);
    expect((await browser.post("/app/ai-coach", { intent: "ask", question: "hi", threadId: "not-a-uuid" })).status).toBe(400);
  });
});
