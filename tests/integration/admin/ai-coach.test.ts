import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, asc, eq } from "drizzle-orm";
import { aiCoachMessages } from "#db/schema";
import { createSignedInUser } from "#db/seed/factories";
import { recordEvalRun } from "~/modules/ai-coach/report.server";
import { Browser, startTestServer } from "../../setup/app";
import { testDb } from "../../setup/db";
import { aiCoachMember, demoKnowledgeHub } from "../ai-coach/helpers";

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  await demoKnowledgeHub(testDb());
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

async function member(perDay: number, consent: Record<string, string>) {
  const signedIn = await aiCoachMember(testDb(), perDay);
  const browser = new Browser(server.url, signedIn.cookie);
  expect((await browser.post("/app/ai-coach", { intent: "consent", ...consent })).status).toBe(302);
  return { ...signedIn, browser };
}

async function rateFirstAnswerDown(m: Awaited<ReturnType<typeof member>>) {
  const [answer] = await testDb()
    .select({ id: aiCoachMessages.id })
    .from(aiCoachMessages)
    .where(and(eq(aiCoachMessages.userId, m.user.id), eq(aiCoachMessages.kind, "answer")))
    .orderBy(asc(aiCoachMessages.createdAt));
  expect((await m.browser.post("/app/ai-coach.data", { intent: "rate", answerId: answer!.id, rating: "not-helped" })).status).toBe(200);
}

describe("/admin/ai-coach", () => {
  it("is for admins only, and is in the admin menu", async () => {
    const plain = await createSignedInUser(testDb(), {});
    expect((await new Browser(server.url, plain.cookie).get("/admin/ai-coach")).status).toBe(403);
    const admin = await createSignedInUser(testDb(), { role: "admin" });
    const page = await (await new Browser(server.url, admin.cookie).get("/admin/ai-coach")).text();
    expect(page).toContain('href="/admin/ai-coach"');
    expect(page).toContain("The offline coach");
    expect(page).toContain("No evaluation run is stored");
  });

  it("shows usage, quota hits, safety outcomes, handoffs and the last eval run; rated-down text only with the member's review consent", async () => {
    const reviewable = await member(1, { shareForReview: "on" });
    const privateOne = await member(5, {});
    expect(
      (await reviewable.browser.post("/app/ai-coach", { intent: "ask", question: "What helps with a craving after dinner?" })).status,
    ).toBe(302);
    // Past the quota of one: refused, and counted as a quota hit.
    expect((await reviewable.browser.post("/app/ai-coach", { intent: "ask", question: "And after lunch?" })).status).toBe(429);
    expect(
      (await privateOne.browser.post("/app/ai-coach", { intent: "ask", question: "Does my secret hobby of knitting help with cravings?" }))
        .status,
    ).toBe(302);
    expect((await privateOne.browser.post("/app/ai-coach", { intent: "ask", question: "I want to end my life" })).status).toBe(302);
    await rateFirstAnswerDown(reviewable);
    await rateFirstAnswerDown(privateOne);
    await recordEvalRun(testDb(), { provider: "openai", model: "loop-1", cases: 102, passed: 99 });

    const admin = await createSignedInUser(testDb(), { role: "admin" });
    const response = await new Browser(server.url, admin.cookie).get("/admin/ai-coach");
    expect(response.status).toBe(200);
    const page = await response.text();
    const section = (testId: string) => {
      const at = page.indexOf(`data-testid="${testId}"`);
      expect(at).toBeGreaterThan(0);
      return page.slice(at, page.indexOf("</table>", at) > 0 ? page.indexOf("</table>", at) : at + 2000);
    };
    // Usage today: 2 questions counted (the crisis takes no quota), 2 members, 1 refusal by 1 member.
    expect(section("ai-admin-usage").replace(/<!-- -->/g, "")).toMatch(/<td[^>]*>2<\/td><td[^>]*>2<\/td><td[^>]*>1<\/td><td[^>]*>1<\/td>/);
    expect(page).toMatch(/data-testid="ai-admin-crisis">1</);
    expect(section("ai-admin-handoffs")).toMatch(/data-reason="crisis"><td[^>]*>Crisis<\/td><td[^>]*>1<\/td><td[^>]*>1<\/td>/);
    expect(page).toContain("99 of 102 questions passed");
    // The offline coach costs nothing; with no AI_PRICE_* set the page says so instead of guessing.
    expect(page.replace(/<!-- -->/g, "")).toMatch(/offline · templates-v1<\/td>.*?data-testid="ai-admin-cost">free \(offline coach\)</s);
    expect(page).toContain("No price configured: set AI_PRICE_INPUT_PER_MILLION and AI_PRICE_OUTPUT_PER_MILLION");

    const worst = page.slice(page.indexOf('data-testid="ai-admin-worst"'));
    expect(worst.match(/data-testid="ai-admin-worst-answer"/g)).toHaveLength(2);
    expect(worst).toContain("What helps with a craving after dinner?");
    expect(worst).not.toContain("knitting");
    expect(worst).toContain('data-testid="ai-admin-withheld"');
  });
});
