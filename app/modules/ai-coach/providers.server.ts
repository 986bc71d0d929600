import OpenAI from "openai";
import { env } from "~/lib/env.server";
import { getFixedT } from "~/lib/i18n.server";
import type { ModelPrice } from "./cost";
import { composeOfflineAnswer } from "./offline";
import { systemPrompt, type CoachInput, type CoachProvider, type CoachUsage } from "./provider";

/** A per-process marker at the top of the system prompt: if it ever shows in an answer, the prompt leaked. */
export const PROMPT_CANARY = `QP-RULES-${Math.random().toString(36).slice(2, 10)}`;

/** Rough token count for the offline coach's report (about four characters a token). */
const approxTokens = (text: string) => Math.ceil(text.length / 4);

export const offlineProvider: CoachProvider = {
  name: "offline",
  model: "templates-v1",
  external: false,
  async *answer(input: CoachInput): AsyncGenerator<string, CoachUsage, void> {
    const t = getFixedT(input.locale);
    const text = composeOfflineAnswer(input, (key, values) => t(key, values ?? {}) as string);
    // Paragraph by paragraph, so the page streams the offline coach the same way as a model.
    const paragraphs = text.split("\n\n");
    for (const [i, paragraph] of paragraphs.entries()) yield i === 0 ? paragraph : `\n\n${paragraph}`;
    return {
      promptTokens: approxTokens(input.question + input.passages.map((p) => p.text).join(" ")),
      completionTokens: approxTokens(text),
    };
  },
};

export function openAiProvider(config: { baseURL: string; apiKey: string; model: string; timeoutMs?: number }): CoachProvider {
  const timeout = config.timeoutMs ?? 60_000;
  const client = new OpenAI({ baseURL: config.baseURL, apiKey: config.apiKey, maxRetries: 0, timeout });
  return {
    name: "openai",
    model: config.model,
    external: true,
    async *answer(input: CoachInput, memberLeft: AbortSignal): AsyncGenerator<string, CoachUsage, void> {
      // The SDK's timeout ends when the answer's headers arrive; a model that then stops sending would hold the
      // member's stream open for ever. `stalled` gives up when no piece came for `timeout`.
      const stalled = new AbortController();
      let timer = setTimeout(() => stalled.abort(), timeout);
      const waitAgain = () => {
        clearTimeout(timer);
        timer = setTimeout(() => stalled.abort(), timeout);
      };
      const signal = AbortSignal.any([memberLeft, stalled.signal]);
      try {
        return yield* streamAnswer(input, signal, waitAgain);
      } finally {
        clearTimeout(timer);
      }
    },
  };

  async function* streamAnswer(input: CoachInput, signal: AbortSignal, onPiece: () => void): AsyncGenerator<string, CoachUsage, void> {
    const stream = await client.chat.completions.create(
      {
        model: config.model,
        stream: true,
        stream_options: { include_usage: true },
        temperature: 0.3,
        messages: [
          { role: "system", content: systemPrompt(input, PROMPT_CANARY) },
          ...input.history.map((m) => ({ role: m.role === "member" ? ("user" as const) : ("assistant" as const), content: m.text })),
          { role: "user", content: input.question },
        ],
      },
      { signal },
    );
    let usage: CoachUsage = { promptTokens: 0, completionTokens: 0 };
    let finished = false;
    for await (const chunk of stream) {
      onPiece();
      const piece = chunk.choices[0]?.delta?.content;
      if (piece) yield piece;
      if (chunk.choices[0]?.finish_reason) finished = true;
      if (chunk.usage) usage = { promptTokens: chunk.usage.prompt_tokens, completionTokens: chunk.usage.completion_tokens };
    }
    // A stream that ends without a finish reason was cut off (the connection dropped mid-answer).
    if (!finished) throw new Error("the provider's stream ended before the answer finished");
    return usage;
  }
}

/** The configured provider: the OpenAI-compatible endpoint when AI_BASE_URL and AI_MODEL are set, else the offline coach. */
export function coachProvider(): CoachProvider {
  const config = env();
  if (config.AI_BASE_URL && config.AI_MODEL)
    return openAiProvider({
      baseURL: config.AI_BASE_URL,
      apiKey: config.AI_API_KEY ?? "unset",
      model: config.AI_MODEL,
      timeoutMs: config.PROVIDER_TIMEOUT_MS,
    });
  return offlineProvider;
}

/** What the member is told about where answers come from: "offline" or the external host. */
export function providerLabel(): string {
  const config = env();
  return config.AI_BASE_URL && config.AI_MODEL ? new URL(config.AI_BASE_URL).host : "offline";
}

/** The configured model's prices (AI_PRICE_*_PER_MILLION), or null when none were given. */
export function configuredPrice(): ModelPrice | null {
  const config = env();
  if (!config.AI_BASE_URL || !config.AI_MODEL) return null;
  if (config.AI_PRICE_INPUT_PER_MILLION === undefined || config.AI_PRICE_OUTPUT_PER_MILLION === undefined) return null;
  return {
    provider: "openai",
    model: config.AI_MODEL,
    inputPerMillion: config.AI_PRICE_INPUT_PER_MILLION,
    outputPerMillion: config.AI_PRICE_OUTPUT_PER_MILLION,
  };
}
