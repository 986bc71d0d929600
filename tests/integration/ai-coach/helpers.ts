import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { and, desc, eq } from "drizzle-orm";
import { aiCoachMessages, packagePrices, packages, subscriptions } from "#db/schema";
import type { Database } from "#db/client.server";
import { createSignedInUser, createUser, type UserSeed } from "#db/seed/factories";
import { seedDemoContent } from "#db/seed/content";

const DAY = 86_400_000;

/**
 * A package that grants the AI coach with a daily number: a draft, never offered, so tests need
 * not depend on what the Premium seed sells.
 */
export async function aiCoachPackage(db: Database, perDay: number) {
  const slug = `ai-coach-test-${perDay}`;
  const [existing] = await db.select().from(packages).where(eq(packages.slug, slug));
  const pkg =
    existing ??
    (
      await db
        .insert(packages)
        .values({
          slug,
          nameEn: "AI coach (test)",
          nameVi: "Huấn luyện viên AI (thử nghiệm)",
          descriptionEn: "Not sold: grants the AI coach to test members.",
          descriptionVi: "Không bán: cấp huấn luyện viên AI cho thành viên thử nghiệm.",
          status: "draft",
          entitlements: { features: ["coach-chat", "ai-coach"], aiCoachMessagesPerDay: perDay, videoSessionsPerMonth: 0 },
        })
        .returning()
    )[0]!;
  const [price] =
    (await db.select().from(packagePrices).where(eq(packagePrices.packageId, pkg.id))).at(0) !== undefined
      ? await db.select().from(packagePrices).where(eq(packagePrices.packageId, pkg.id))
      : await db.insert(packagePrices).values({ packageId: pkg.id, currency: "USD", amountMinor: 1500, period: "monthly" }).returning();
  return { pkg, price: price! };
}

/** A signed-in member whose subscription grants the AI coach with `perDay` questions a day. */
export async function aiCoachMember(db: Database, perDay: number, seed: UserSeed = {}) {
  const { pkg, price } = await aiCoachPackage(db, perDay);
  const signedIn = await createSignedInUser(db, seed);
  await db.insert(subscriptions).values({
    userId: signedIn.user.id,
    packageId: pkg.id,
    priceId: price.id,
    status: "active",
    provider: "test",
    providerSubscriptionId: `test_sub_ai_${signedIn.user.id}`,
    currentPeriodEnd: new Date(Date.now() + 20 * DAY),
    acceptedTermsVersion: 1,
  });
  return signedIn;
}

/** The demo knowledge hub (published articles in en and vi), as the offline coach answers from it. */
export async function demoKnowledgeHub(db: Database) {
  const editor = await createUser(db, { role: "editor" });
  const reviewer = await createUser(db, { role: "editor" });
  await seedDemoContent(db, editor.id, reviewer.id);
}

export type LoopbackMode = "answer" | "cut" | "dose" | "stall";

/**
 * A loopback server speaking the OpenAI chat-completions streaming protocol (SSE chunks, a usage
 * chunk, `[DONE]`). It records every request body; `mode` makes it cut the stream mid-answer, stop
 * sending mid-answer with the connection open (`stall`), or answer with a dose, to test what happens then.
 */
export async function startLoopbackModel() {
  const requests: { path: string; body: { messages: { role: string; content: string }[]; model: string; stream: boolean } }[] = [];
  let mode: LoopbackMode = "answer";
  const readBody = async (req: IncomingMessage) => {
    let text = "";
    for await (const chunk of req) text += chunk;
    return text;
  };
  const server: Server = createServer(async (req, res) => {
    const body = JSON.parse((await readBody(req)) || "{}");
    requests.push({ path: req.url ?? "", body });
    if (req.url !== "/v1/chat/completions") {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "Content-Type": "text/event-stream", "Cache-Control": "no-cache" });
    const chunk = (delta: object, finish: string | null = null) =>
      res.write(
        `data: ${JSON.stringify({ id: "chatcmpl-loop", object: "chat.completion.chunk", created: 1, model: body.model, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`,
      );
    const system = String(body.messages?.[0]?.content ?? "");
    const marker = /\[(p\d+)\]/.exec(system)?.[1] ?? "p1";
    chunk({ role: "assistant", content: "" });
    if (mode === "dose") {
      chunk({ content: "Use one 21 mg patch each morning " });
      chunk({ content: `and add gum [${marker}].` });
    } else {
      chunk({ content: "A craving passes in a few minutes. " });
      chunk({ content: "Breathe slowly and keep your hands busy " });
      if (mode === "stall") {
        // Headers and two pieces sent, then nothing: the connection stays open until the caller gives up.
        await new Promise((r) => res.on("close", r));
        return;
      }
      if (mode === "cut") {
        // The connection drops mid-answer: no finish reason, no [DONE].
        await new Promise((r) => setTimeout(r, 20));
        res.socket?.destroy();
        return;
      }
      chunk({ content: `until it fades [${marker}].` });
    }
    chunk({}, "stop");
    res.write(
      `data: ${JSON.stringify({ id: "chatcmpl-loop", object: "chat.completion.chunk", created: 1, model: body.model, choices: [], usage: { prompt_tokens: 321, completion_tokens: 17, total_tokens: 338 } })}\n\n`,
    );
    res.write("data: [DONE]\n\n");
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    setMode: (next: LoopbackMode) => (mode = next),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

type LiveEvent = { event: string; data: string };

/** Reads an SSE response to its end (or until `until` says stop), returning the events. */
export async function readEvents(response: Response, until?: (e: LiveEvent) => boolean, timeoutMs = 10_000): Promise<LiveEvent[]> {
  const events: LiveEvent[] = [];
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  const deadline = Date.now() + timeoutMs;
  try {
    while (Date.now() < deadline) {
      const next = await Promise.race([reader.read(), new Promise<null>((r) => setTimeout(() => r(null), deadline - Date.now()))]);
      if (!next || next.done) break;
      buffer += decoder.decode(next.value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event: LiveEvent = { event: "message", data: "" };
        for (const line of block.split("\n")) {
          if (line.startsWith("event: ")) event.event = line.slice(7);
          else if (line.startsWith("data: ")) event.data = line.slice(6);
        }
        if (block.startsWith(":") || block.startsWith("retry:")) continue;
        events.push(event);
        if (until?.(event)) return events;
      }
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
  return events;
}

/**
 * Asks as the page's script does (single fetch, `stream=1`): the action only stores the question
 * and a pending answer; returns that answer's id and thread, read back from the database.
 */
export async function askStreamed(
  db: Database,
  browser: { post: (path: string, fields: Record<string, string>) => Promise<Response> },
  userId: string,
  question: string,
) {
  const response = await browser.post("/app/ai-coach.data", { intent: "ask", question, stream: "1" });
  if (response.status !== 200) throw new Error(`ask answered ${response.status}: ${await response.text()}`);
  const [pending] = await db
    .select({ id: aiCoachMessages.id, threadId: aiCoachMessages.threadId })
    .from(aiCoachMessages)
    .where(and(eq(aiCoachMessages.userId, userId), eq(aiCoachMessages.status, "pending")))
    .orderBy(desc(aiCoachMessages.createdAt))
    .limit(1);
  if (!pending) throw new Error("no pending answer was stored");
  return { answerId: pending.id, threadId: pending.threadId };
}
