import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { aiCoachMessages } from "#db/schema";
import { createSignedInUser } from "#db/seed/factories";
import { Browser } from "../../setup/app";
import { startServerProcess, type ServerProcess } from "../../setup/processes";
import { testDb } from "../../setup/db";
import { PROCESS_SESSION_SECRET } from "../coaching/helpers";
import { aiCoachMember, askStreamed, demoKnowledgeHub, readEvents, startLoopbackModel } from "../ai-coach/helpers";

// Sessions created here must verify in the server process, which signs with this secret.
process.env.SESSION_SECRET = PROCESS_SESSION_SECRET;

let model: Awaited<ReturnType<typeof startLoopbackModel>>;
let server: ServerProcess;

beforeAll(async () => {
  model = await startLoopbackModel();
  await demoKnowledgeHub(testDb());
  server = await startServerProcess({
    AI_BASE_URL: model.baseURL,
    AI_API_KEY: "sk-loopback",
    AI_MODEL: "loop-1",
    AI_PRICE_INPUT_PER_MILLION: "10",
    AI_PRICE_OUTPUT_PER_MILLION: "30",
  });
});
afterAll(async () => {
  await Promise.all([server?.stop(), model?.close()]);
});

async function answered(browser: Browser, userId: string, question: string) {
  const { answerId } = await askStreamed(testDb(), browser, userId, question);
  await readEvents(await browser.get(`/resources/ai-coach/answers/${answerId}`), (e) => e.event === "done");
  return answerId;
}

describe("/admin/ai-coach cost estimates", () => {
  it("prices the configured model's recorded tokens, and gives no figure for a model without a price", async () => {
    const member = await aiCoachMember(testDb(), 20);
    const browser = new Browser(server.url, member.cookie);
    expect((await browser.post("/app/ai-coach", { intent: "consent" })).status).toBe(302);
    await answered(browser, member.user.id, "How long do cravings last?");
    const older = await answered(browser, member.user.id, "What helps after dinner?");
    // As if answered before the model was switched: no price is configured for that one.
    await testDb().update(aiCoachMessages).set({ model: "loop-0" }).where(eq(aiCoachMessages.id, older));

    const admin = await createSignedInUser(testDb(), { role: "admin" });
    const page = (await (await new Browser(server.url, admin.cookie).get("/admin/ai-coach")).text()).replace(/<!-- -->/g, "");
    // The loopback reports 321 prompt and 17 answer tokens: 321 × $10 + 17 × $30 per million = $0.00372.
    expect(page).toMatch(
      /openai · loop-1<\/td>(<td[^>]*>[^<]*<\/td>){4}<td[^>]*>321 \/ 17<\/td><td[^>]*data-testid="ai-admin-cost">\$0\.0037<\/td>/,
    );
    expect(page).toMatch(/openai · loop-0<\/td>(<td[^>]*>[^<]*<\/td>){5}<td[^>]*data-testid="ai-admin-cost">no price configured<\/td>/);
    expect(page).toContain("Priced at $10.00 per million prompt tokens and $30.00 per million answer tokens for loop-1");
  });
});
