import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { aiCoachHandoffs, aiCoachMessages, aiCoachSafetyEvents, coachAssignments } from "#db/schema";
import { createSignedInUser } from "#db/seed/factories";
import { Browser } from "../../setup/app";
import { startServerProcess, type ServerProcess } from "../../setup/processes";
import { testDb } from "../../setup/db";
import { PROCESS_SESSION_SECRET } from "../coaching/helpers";
import { aiCoachMember, askStreamed, demoKnowledgeHub, readEvents, startLoopbackModel } from "./helpers";

// Sessions created here must verify in the server processes, which sign with this secret.
process.env.SESSION_SECRET = PROCESS_SESSION_SECRET;

let model: Awaited<ReturnType<typeof startLoopbackModel>>;
let a: ServerProcess;
let b: ServerProcess;

beforeAll(async () => {
  model = await startLoopbackModel();
  await demoKnowledgeHub(testDb());
  const aiEnv = { AI_BASE_URL: model.baseURL, AI_API_KEY: "sk-loopback", AI_MODEL: "loop-1", LOG_LEVEL: "info" };
  [a, b] = await Promise.all([startServerProcess(aiEnv), startServerProcess(aiEnv)]);
});
afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop(), model?.close()]);
});

async function consentedMember(seed: { displayName?: string; email?: string } = {}) {
  const member = await aiCoachMember(testDb(), 20, seed);
  const browser = new Browser(a.url, member.cookie);
  expect((await browser.post("/app/ai-coach", { intent: "consent" })).status).toBe(302);
  return { member, browser };
}

describe("the AI coach with an OpenAI-compatible provider", () => {
  it("sends nothing before consent, and says the text goes to the external host", async () => {
    const member = await aiCoachMember(testDb(), 20);
    const browser = new Browser(a.url, member.cookie);
    const page = await (await browser.get("/app/ai-coach")).text();
    expect(page).toContain("127.0.0.1");
    const before = model.requests.length;
    const asked = await browser.post("/app/ai-coach", { intent: "ask", question: "How long do cravings last?" });
    expect(asked.status).toBe(409);
    expect(model.requests.length).toBe(before);
  });

  it("answers from the knowledge hub over the stream, citing a passage as a link, and sends no name or contact details", async () => {
    const { member, browser } = await consentedMember({ displayName: "Lan Nguyen", email: "lan.nguyen@example.test" });
    const before = model.requests.length;
    const { answerId, threadId } = await askStreamed(
      testDb(),
      browser,
      member.user.id,
      "I'm Lan Nguyen (lan.nguyen@example.test, +84 912 345 678): how do I get through a craving?",
    );
    const events = await readEvents(await browser.get(`/resources/ai-coach/answers/${answerId}`), (e) => e.event === "done");
    expect(events.filter((e) => e.event === "delta").length).toBeGreaterThan(1);
    expect(JSON.parse(events.at(-1)!.data)).toEqual({ status: "complete" });

    expect(model.requests.length).toBe(before + 1);
    const sent = JSON.stringify(model.requests.at(-1)!.body);
    expect(sent).not.toContain("Lan");
    expect(sent).not.toContain("Nguyen");
    expect(sent).not.toContain("lan.nguyen@example.test");
    expect(sent).not.toContain("912 345 678");
    expect(sent).toContain("[p1]");

    const [stored] = await testDb().select().from(aiCoachMessages).where(eq(aiCoachMessages.id, answerId));
    expect(stored).toMatchObject({
      status: "complete",
      kind: "answer",
      provider: "openai",
      model: "loop-1",
      promptTokens: 321,
      completionTokens: 17,
    });
    expect(stored!.citations.length).toBe(1);
    const page = await (await browser.get(`/app/ai-coach?thread=${threadId}`)).text();
    expect(page).toContain(`/learn/${stored!.citations[0]!.slug}#${stored!.citations[0]!.sectionId}`);
    // No message text in the logs, only ids and figures.
    expect(a.output()).not.toContain("craving passes");
    expect(a.output()).not.toContain("get through a craving");
  });

  it("never calls the model on a crisis: resources first, a handoff for the coach pushed live to another process, an audit row", async () => {
    const coach = await createSignedInUser(testDb(), { role: "coach" });
    const { member, browser } = await consentedMember();
    await testDb().insert(coachAssignments).values({ memberId: member.user.id, coachId: coach.user.id, source: "admin" });
    // The coach's live stream is on the other process.
    const coachStream = await fetch(`${b.url}/resources/stream`, { headers: { Cookie: coach.cookie } });
    // Both arrive live: the caseload's handoff list and the chat message that carries the summary.
    const seen = new Set<string>();
    const handoffEvent = readEvents(coachStream, (e) => {
      if (e.event === "handoff") seen.add("handoff");
      if (e.event === "coach-unread" && JSON.parse(e.data).memberId === member.user.id) seen.add("chat");
      return seen.size === 2;
    });
    await new Promise((r) => setTimeout(r, 300));

    const before = model.requests.length;
    const asked = await browser.post("/app/ai-coach", { intent: "ask", question: "I don't want to live anymore, I have the pills ready" });
    expect(asked.status).toBe(302);
    expect(model.requests.length).toBe(before);

    const page = await (await browser.get(asked.headers.get("location")!)).text();
    const resourcesAt = page.indexOf('data-testid="crisis-resources"');
    expect(resourcesAt).toBeGreaterThan(0);
    expect(page).toContain("115");
    // In the conversation the resources come before the member's own message.
    expect(page.indexOf('data-kind="question"')).toBeGreaterThan(0);
    expect(resourcesAt).toBeLessThan(page.indexOf('data-kind="question"'));

    await handoffEvent;
    expect([...seen].sort()).toEqual(["chat", "handoff"]);
    const [handoff] = await testDb().select().from(aiCoachHandoffs).where(eq(aiCoachHandoffs.userId, member.user.id));
    expect(handoff).toMatchObject({ coachId: coach.user.id, reason: "crisis", status: "open" });
    expect(handoff!.categories).toContain("self-harm");
    const [audit] = await testDb().select().from(aiCoachSafetyEvents).where(eq(aiCoachSafetyEvents.userId, member.user.id));
    expect(audit).toMatchObject({ level: "crisis", handoffId: handoff!.id });

    const caseload = await (await new Browser(b.url, coach.cookie).get("/coach")).text();
    expect(caseload.indexOf('data-testid="handoffs"')).toBeGreaterThan(0);
    expect(caseload.indexOf('data-testid="handoffs"')).toBeLessThan(caseload.indexOf("sla-heading"));
    expect(caseload).toContain(member.user.displayName);
  });

  it("leaves a cut-off answer interrupted with what arrived, and a retry writes it again", async () => {
    const { member, browser } = await consentedMember();
    model.setMode("cut");
    try {
      const { answerId, threadId } = await askStreamed(testDb(), browser, member.user.id, "What helps with a craving after meals?");
      const events = await readEvents(await browser.get(`/resources/ai-coach/answers/${answerId}`), (e) => e.event === "done");
      expect(JSON.parse(events.at(-1)!.data)).toEqual({ status: "interrupted" });
      const [stored] = await testDb().select().from(aiCoachMessages).where(eq(aiCoachMessages.id, answerId));
      expect(stored!.status).toBe("interrupted");
      expect(stored!.body).toContain("A craving passes");
      const page = await (await browser.get(`/app/ai-coach?thread=${threadId}`)).text();
      expect(page).toContain('data-testid="answer-interrupted"');

      model.setMode("answer");
      const retried = await browser.post("/app/ai-coach", { intent: "retry", answerId });
      expect(retried.status).toBe(302);
      const [after] = await testDb().select().from(aiCoachMessages).where(eq(aiCoachMessages.id, answerId));
      expect(after).toMatchObject({ status: "complete", kind: "answer" });
      expect(after!.body).toContain("until it fades");
    } finally {
      model.setMode("answer");
    }
  });

  it("replaces an answer that states a dose with the safe fallback", async () => {
    const { member, browser } = await consentedMember();
    model.setMode("dose");
    try {
      const asked = await browser.post("/app/ai-coach", { intent: "ask", question: "How should I use nicotine patches?" });
      expect(asked.status).toBe(302);
    } finally {
      model.setMode("answer");
    }
    const [stored] = await testDb()
      .select()
      .from(aiCoachMessages)
      .where(and(eq(aiCoachMessages.userId, member.user.id), eq(aiCoachMessages.role, "coach")));
    expect(stored).toMatchObject({ kind: "fallback", status: "complete", guardrail: "dose" });
    expect(stored!.body).not.toMatch(/21 ?mg/);
  });

  it("sends nothing more once consent is withdrawn", async () => {
    const { browser } = await consentedMember();
    expect((await browser.post("/app/ai-coach", { intent: "withdraw" })).status).toBe(200);
    const before = model.requests.length;
    const asked = await browser.post("/app/ai-coach", { intent: "ask", question: "How long do cravings last?" });
    expect(asked.status).toBe(409);
    expect(model.requests.length).toBe(before);
  });

  it("also refuses to write a pending answer whose member withdrew consent after asking", async () => {
    const { member, browser } = await consentedMember();
    const { answerId } = await askStreamed(testDb(), browser, member.user.id, "How long do cravings last?");
    await browser.post("/app/ai-coach", { intent: "withdraw" });
    const before = model.requests.length;
    const events = await readEvents(await browser.get(`/resources/ai-coach/answers/${answerId}`), (e) => e.event === "done");
    expect(JSON.parse(events.at(-1)!.data)).toEqual({ status: "interrupted" });
    expect(model.requests.length).toBe(before);
  });
});
