// Usage: npm run build && npx tsx tests/bench/ai-eval.ts   (a quick run: BENCH_ROUNDS=3 BENCH_SECONDS=3)
// The AI coach: the evaluation set (tests/fixtures/ai-eval.ts) through the real ask-and-stream path
// against a loopback OpenAI-compatible server, against a real endpoint when OPENAI_API_KEY is set
// (OPENAI_BASE_URL, OPENAI_MODEL), and against the offline coach, printing pass rates; the offline
// answer latency p50/p99 over the demo knowledge hub (target p99 < 300 ms); and /app/ai-coach's
// throughput as a ratio to the external reference app in the same rounds.
import "./env";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { loadavg } from "node:os";
import { createDb } from "#db/client.server";
import { seedDemoData } from "#db/seed/demo";
import { askQuestion, giveConsent } from "~/modules/ai-coach/coach.server";
import type { CoachProvider } from "~/modules/ai-coach/provider";
import { offlineProvider, openAiProvider } from "~/modules/ai-coach/providers.server";
import { recordEvalRun } from "~/modules/ai-coach/report.server";
import { aiEvalCases } from "../fixtures/ai-eval";
import { runEvalSet } from "../fixtures/ai-eval-run";
import { aiCoachMember } from "../integration/ai-coach/helpers";
import { pendingSchemaChanges } from "../setup/schema-drift";
import { heading, measurePages, method, pagesTable, recordResults, startBenchDatabase, startPageServers, type Page } from "./harness";

const TARGET_P99_MS = 300;
const loadAtStart = loadavg()
  .map((l) => l.toFixed(2))
  .join(", ");

/**
 * A loopback server speaking the chat-completions streaming protocol whose "model" follows the
 * system prompt's rules mechanically: it answers in the asked language, cites the first passage,
 * and adds the doctor-or-pharmacist line when the prompt says the question touches a medical
 * topic. It measures our pipeline (retrieval, prompt, citations, post-checks), not a model.
 */
async function startRuleFollowingModel() {
  let requests = 0;
  const readBody = async (req: IncomingMessage) => {
    let text = "";
    for await (const chunk of req) text += chunk;
    return text;
  };
  const server = createServer(async (req, res) => {
    const body = JSON.parse((await readBody(req)) || "{}") as { model: string; messages: { role: string; content: string }[] };
    requests++;
    if (req.url !== "/v1/chat/completions") return void res.writeHead(404).end();
    const system = body.messages[0]?.content ?? "";
    const vi = system.includes("Reply in Vietnamese.");
    const marker = /\[(p\d+)\]/.exec(system.split("Passages:")[1] ?? "")?.[1];
    const medical = system.includes("include the doctor-or-pharmacist line");
    const pieces = [
      vi ? "Cơn thèm thường qua đi sau vài phút. " : "A craving usually passes within a few minutes. ",
      marker ? (vi ? `Theo bài viết [${marker}], hãy hít thở chậm. ` : `As the article says [${marker}], breathe slowly. `) : "",
      medical
        ? vi
          ? "Hãy hỏi bác sĩ hoặc dược sĩ về điều phù hợp với bạn."
          : "Please talk to a doctor or pharmacist about what is right for you."
        : "",
    ].filter(Boolean);
    res.writeHead(200, { "Content-Type": "text/event-stream" });
    const chunk = (delta: object, finish: string | null = null) =>
      res.write(
        `data: ${JSON.stringify({ id: "x", object: "chat.completion.chunk", created: 1, model: body.model, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`,
      );
    chunk({ role: "assistant", content: "" });
    for (const piece of pieces) chunk({ content: piece });
    chunk({}, "stop");
    res.write(
      `data: ${JSON.stringify({ id: "x", object: "chat.completion.chunk", created: 1, model: body.model, choices: [], usage: { prompt_tokens: Math.ceil(system.length / 4), completion_tokens: 30, total_tokens: 0 } })}\n\n`,
    );
    res.end("data: [DONE]\n\n");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    baseURL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    requests: () => requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;

const database = await startBenchDatabase("ai-eval");
const db = createDb(database.url, 4);
for (const statement of await pendingSchemaChanges()) await db.$client.unsafe(statement);
const seeded = Date.now();
await seedDemoData(db);
const seedMs = Date.now() - seeded;

const evalRows: string[] = [];
async function evaluate(label: string, provider: CoachProvider) {
  const run = await runEvalSet(db, provider, aiEvalCases);
  await recordEvalRun(db, { provider: provider.name, model: provider.model, cases: run.outcomes.length, passed: run.passed });
  console.log(`eval ${label}: ${run.summary}`);
  evalRows.push(
    `| ${label} | ${provider.model} | **${run.passed}/${run.outcomes.length} (${(run.rate * 100).toFixed(1)}%)** | ${run.byRule("cites")} | ${run.byRule("states")} | ${run.byRule("no clinician")} | ${run.byRule("reveals")} | ${run.byRule("treated") + run.byRule("status")} |`,
  );
  return run;
}

const loopback = await startRuleFollowingModel();
let servers: Awaited<ReturnType<typeof startPageServers>> | undefined;
try {
  await evaluate(
    "loopback OpenAI-compatible server (rule-following stub)",
    openAiProvider({ baseURL: loopback.baseURL, apiKey: "sk-loopback", model: "loopback-rules" }),
  );
  const loopbackRequests = loopback.requests();
  let realEndpoint = "not configured (set OPENAI_API_KEY, and OPENAI_BASE_URL / OPENAI_MODEL for another endpoint)";
  if (process.env.OPENAI_API_KEY) {
    const baseURL = process.env.OPENAI_BASE_URL ?? "https://api.openai.com/v1";
    const model = process.env.OPENAI_MODEL ?? "gpt-4o-mini";
    await evaluate(`real endpoint (${new URL(baseURL).host})`, openAiProvider({ baseURL, apiKey: process.env.OPENAI_API_KEY, model }));
    realEndpoint = `${new URL(baseURL).host}, model ${model}`;
  }

  // Offline: one pass to warm up (JIT, plans, the hub's statistics), then the measured pass.
  await runEvalSet(db, offlineProvider, aiEvalCases);
  const offline = await evaluate("offline coach", offlineProvider);
  const latencies = offline.outcomes.map((o) => o.latencyMs).sort((a, b) => a - b);
  const p50 = quantile(latencies, 0.5);
  const p99 = quantile(latencies, 0.99);
  console.log(`offline answer latency: p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms over ${latencies.length} questions`);

  // The page: a member with consent, one thread of four questions and answers.
  const member = await aiCoachMember(db, 1000, { displayName: "Bench Member" });
  await giveConsent(db, member.user.id, "offline");
  const m = { id: member.user.id, locale: "en" as const, timeZone: member.user.timeZone, displayName: member.user.displayName };
  let threadId: string | null = null;
  for (const question of ["How long do cravings last?", "What helps after coffee?", "I slipped yesterday", "How much have I saved?"]) {
    const asked = await askQuestion(db, m, { threadId, question, limit: 1000 });
    threadId = asked.threadId;
  }
  servers = await startPageServers("ai-coach", database.url);
  const pages: Page[] = [
    { name: "bare Remix page", path: "/bare" },
    { name: "AI coach, no thread open", path: "/app/ai-coach", cookie: member.cookie },
    { name: "AI coach, a thread of 4 questions", path: `/app/ai-coach?thread=${threadId}`, cookie: member.cookie },
  ];
  const { reference, pages: rows } = await measurePages(servers, pages);
  const loadAtEnd = loadavg()
    .map((l) => l.toFixed(2))
    .join(", ");

  const markdown = `## AI coach: evaluation set, offline latency, page throughput (issue 15)

${heading("npm run build && npx tsx tests/bench/ai-eval.ts")}
Load average at start ${loadAtStart}, at the end ${loadAtEnd}: **the machine was shared with other engineers' builds and tests during this run**, so latencies and throughputs are rougher (and likely lower) than on a quiet machine.
Data: the demo installation (\`seedDemoData\`, ${seedMs} ms) with its ${"knowledge hub"}; the evaluation set has ${aiEvalCases.length} questions with reviewed expectations (cite one of the listed articles, no dose, a doctor-or-pharmacist line where needed, no prompt leak), each asked by a fresh consented member through \`askQuestion\` + \`streamAnswer\` and checked on the stored answer.

### Evaluation set

| provider | model | **pass** | citation misses | doses | clinician line missing | prompt leaks | crisis / not complete |
|---|---|---:|---:|---:|---:|---:|---:|
${evalRows.join("\n")}

The loopback server (${loopbackRequests} requests) speaks the OpenAI chat-completions streaming protocol through the official \`openai\` SDK; its "model" mechanically follows the system prompt (cites the first passage, adds the clinician line when the prompt asks for it), so its pass rate measures our retrieval, prompt, citation parsing and post-checks — not a language model's quality. Real endpoint: ${realEndpoint}. Each run is stored (\`ai_coach_eval_runs\`) and the latest shows on /admin/ai-coach.

### Offline answer latency (in process, demo hub)

Over the ${latencies.length} questions of the measured pass (after one warm-up pass), from the question to the stored answer (safety check, quota, retrieval, context, templates, post-check, writes): **p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms** (target p99 < ${TARGET_P99_MS} ms: ${p99 < TARGET_P99_MS ? "met" : "**not met**"}).

### /app/ai-coach throughput

${method()}

${pagesTable(reference, rows)}
`;
  console.log(markdown);
  recordResults("ai-coach", markdown);
} finally {
  await servers?.stop();
  await loopback.close();
  await db.$client.end();
  await database.stop();
}
