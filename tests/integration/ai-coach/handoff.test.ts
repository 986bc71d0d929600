import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, asc, eq } from "drizzle-orm";
import { aiCoachHandoffs, aiCoachMessages, coachAssignments, coachResponses, conversations, messages } from "#db/schema";
import { createSignedInUser } from "#db/seed/factories";
import { caseloadMembers } from "~/modules/coaching/caseload.server";
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

/** A member with the AI coach, a human coach, and a consent that shares (or not) the thread with that coach. */
async function coachedMember(share: boolean) {
  const coach = await createSignedInUser(testDb(), { role: "coach" });
  const member = await aiCoachMember(testDb(), 20);
  await testDb().insert(coachAssignments).values({ memberId: member.user.id, coachId: coach.user.id, source: "admin" });
  const browser = new Browser(server.url, member.cookie);
  const consent = await browser.post("/app/ai-coach", share ? { intent: "consent", shareWithCoach: "on" } : { intent: "consent" });
  expect(consent.status).toBe(302);
  return { coach, member, browser, coachBrowser: new Browser(server.url, coach.cookie) };
}

async function answersOf(userId: string) {
  return testDb()
    .select({ id: aiCoachMessages.id, threadId: aiCoachMessages.threadId })
    .from(aiCoachMessages)
    .where(and(eq(aiCoachMessages.userId, userId), eq(aiCoachMessages.kind, "answer")))
    .orderBy(asc(aiCoachMessages.createdAt));
}

async function aiCoachChatMessages(memberId: string) {
  return testDb()
    .select({ body: messages.body, senderId: messages.senderId, seq: messages.seq, fromAiCoach: messages.fromAiCoach })
    .from(messages)
    .innerJoin(conversations, eq(conversations.id, messages.conversationId))
    .where(and(eq(conversations.memberId, memberId), eq(messages.fromAiCoach, true)));
}

describe("AI coach handoffs to a human coach", () => {
  it("hands over once on the second answer that didn't help, posting the shared thread into the coach's chat", async () => {
    const { coach, member, browser, coachBrowser } = await coachedMember(true);
    const first = await browser.post("/app/ai-coach", { intent: "ask", question: "What can I do about cravings after coffee?" });
    const threadId = new URL(first.headers.get("location")!, server.url).searchParams.get("thread")!;
    await browser.post("/app/ai-coach", { intent: "ask", question: "And what about cravings at work?", threadId });
    await browser.post("/app/ai-coach", { intent: "ask", question: "Anything for evenings?", threadId });
    const [a1, a2, a3] = await answersOf(member.user.id);

    const once = await browser.post("/app/ai-coach.data", { intent: "rate", answerId: a1!.id, rating: "not-helped" });
    expect(once.status).toBe(200);
    expect(await testDb().select().from(aiCoachHandoffs).where(eq(aiCoachHandoffs.userId, member.user.id))).toHaveLength(0);

    // Two more at once: the thread's lock lets exactly one of them open the handoff.
    await Promise.all([
      browser.post("/app/ai-coach.data", { intent: "rate", answerId: a2!.id, rating: "not-helped" }),
      browser.post("/app/ai-coach.data", { intent: "rate", answerId: a3!.id, rating: "not-helped" }),
    ]);
    const handoffs = await testDb().select().from(aiCoachHandoffs).where(eq(aiCoachHandoffs.userId, member.user.id));
    expect(handoffs).toHaveLength(1);
    expect(handoffs[0]).toMatchObject({ reason: "low-ratings", coachId: coach.user.id, threadId, status: "open" });

    const posted = await aiCoachChatMessages(member.user.id);
    expect(posted).toHaveLength(1);
    expect(posted[0]!.senderId).toBeNull();
    expect(posted[0]!.body).toContain("Handed over by the AI coach");
    expect(posted[0]!.body).toContain("didn't help");
    expect(posted[0]!.body).toContain("cravings at work");
    // The post starts the coach's response clock like a member's message.
    const [response] = await testDb()
      .select()
      .from(coachResponses)
      .innerJoin(conversations, eq(conversations.id, coachResponses.conversationId))
      .where(eq(conversations.memberId, member.user.id));
    expect(response!.coach_responses).toMatchObject({ askedSeq: posted[0]!.seq, answeredAt: null });

    // The coach sees it in the member's chat, marked as the AI coach's, and in their caseload.
    const chat = await (await coachBrowser.get(`/coach/members/${member.user.id}`)).text();
    expect(chat).toContain("data-from-ai-coach");
    expect(chat).toContain("cravings at work");
    const caseload = await (await coachBrowser.get("/coach")).text();
    expect(caseload.indexOf('data-testid="handoffs"')).toBeGreaterThan(0);
    expect(caseload).toContain("Asked the AI coach for a human");
    const [entry] = await caseloadMembers(testDb(), coach.user.id, new Date(), member.user.id);
    expect(entry!.risk.reasons.map((r) => r.key)).toContain("askedForHuman");
    expect(entry!.risk.level).toBe("high");
    // A week later the input is stale and no longer raises the member.
    const [later] = await caseloadMembers(testDb(), coach.user.id, new Date(Date.now() + 8 * 86_400_000), member.user.id);
    expect(later!.risk.reasons.map((r) => r.key)).not.toContain("askedForHuman");

    // A later thumbs-down in the same thread does not hand over again.
    const fourth = await browser.post("/app/ai-coach", { intent: "ask", question: "What about weekends?", threadId });
    expect(fourth.status).toBe(302);
    const [, , , a4] = await answersOf(member.user.id);
    await browser.post("/app/ai-coach.data", { intent: "rate", answerId: a4!.id, rating: "not-helped" });
    expect(await testDb().select().from(aiCoachHandoffs).where(eq(aiCoachHandoffs.userId, member.user.id))).toHaveLength(1);
  });

  it("shows the member who will answer and by when", async () => {
    const { coach, browser } = await coachedMember(true);
    const asked = await browser.post("/app/ai-coach", { intent: "ask", question: "How long do cravings last?" });
    const threadId = new URL(asked.headers.get("location")!, server.url).searchParams.get("thread")!;
    const handed = await browser.post(`/app/ai-coach?thread=${threadId}`, { intent: "handoff", threadId });
    expect(handed.status).toBe(200);
    const page = await handed.text();
    expect(page).toContain('data-testid="handoff-notice"');
    expect(page).toContain(`${coach.user.displayName} has been told and will answer in your chat by`);
  });

  it("sends only the summary, not the member's words, when their consent does not share the thread", async () => {
    const { member, browser, coachBrowser } = await coachedMember(false);
    const asked = await browser.post("/app/ai-coach", { intent: "ask", question: "My sister keeps smoking around me" });
    const threadId = new URL(asked.headers.get("location")!, server.url).searchParams.get("thread")!;
    expect((await browser.post("/app/ai-coach", { intent: "handoff", threadId })).status).toBe(200);
    const [posted] = await aiCoachChatMessages(member.user.id);
    expect(posted!.body).toContain("asked to talk to you");
    expect(posted!.body).toContain("chose not to share");
    expect(posted!.body).not.toContain("sister");
    expect(await (await coachBrowser.get(`/coach/members/${member.user.id}`)).text()).not.toContain("sister");
  });

  it("a crisis posts its safety categories to the coach's chat, and someone else's answer cannot be rated", async () => {
    const { member, browser } = await coachedMember(true);
    const asked = await browser.post("/app/ai-coach", { intent: "ask", question: "I want to kill myself tonight" });
    expect(asked.status).toBe(302);
    const [posted] = await aiCoachChatMessages(member.user.id);
    expect(posted!.body).toContain("self-harm");
    expect(posted!.body).toContain("emergency contacts shown");

    const other = await coachedMember(true);
    await other.browser.post("/app/ai-coach", { intent: "ask", question: "How long do cravings last?" });
    const [theirs] = await answersOf(other.member.user.id);
    const refused = await browser.post("/app/ai-coach.data", { intent: "rate", answerId: theirs!.id, rating: "not-helped" });
    expect(refused.status).toBe(404);
  });
});
