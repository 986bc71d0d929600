import { describe, expect, it } from "vitest";
import { parseEnv } from "~/lib/env.server";
import { estimateCost, tokenCost } from "./cost";

const price = { provider: "openai", model: "gpt-x", inputPerMillion: 2.5, outputPerMillion: 10 };

describe("AI coach cost estimates", () => {
  it("prices prompt and completion tokens separately, per million", () => {
    expect(tokenCost(1_000_000, 0, price)).toBe(2.5);
    expect(tokenCost(0, 1_000_000, price)).toBe(10);
    // 321 prompt + 17 completion tokens: 0.0008025 + 0.00017.
    expect(tokenCost(321, 17, price)).toBeCloseTo(0.0009725, 10);
    expect(tokenCost(0, 0, price)).toBe(0);
  });

  it("prices the configured model, says free for the offline coach and unpriced for anything else", () => {
    const totals = { provider: "openai", model: "gpt-x", promptTokens: 3_000, completionTokens: 500 };
    expect(estimateCost(totals, price)).toEqual({ kind: "priced", usd: 0.0125 });
    expect(estimateCost({ ...totals, provider: "offline", model: "templates-v1" }, price)).toEqual({ kind: "free" });
    expect(estimateCost({ ...totals, provider: "offline", model: "templates-v1" }, null)).toEqual({ kind: "free" });
    expect(estimateCost(totals, null)).toEqual({ kind: "unpriced" });
    expect(estimateCost({ ...totals, model: "an-older-model" }, price)).toEqual({ kind: "unpriced" });
  });
});

describe("AI_PRICE_INPUT_PER_MILLION and AI_PRICE_OUTPUT_PER_MILLION", () => {
  const base = { SESSION_SECRET: "x".repeat(32), AI_BASE_URL: "http://127.0.0.1:9/v1", AI_MODEL: "gpt-x" };
  it("read as numbers, both or neither, for a configured model", () => {
    const config = parseEnv({ ...base, AI_PRICE_INPUT_PER_MILLION: "2.5", AI_PRICE_OUTPUT_PER_MILLION: "10" });
    expect([config.AI_PRICE_INPUT_PER_MILLION, config.AI_PRICE_OUTPUT_PER_MILLION]).toEqual([2.5, 10]);
    expect(parseEnv(base).AI_PRICE_INPUT_PER_MILLION).toBeUndefined();
    expect(() => parseEnv({ ...base, AI_PRICE_INPUT_PER_MILLION: "2.5" })).toThrow(/set together/);
    expect(() => parseEnv({ ...base, AI_PRICE_INPUT_PER_MILLION: "-1", AI_PRICE_OUTPUT_PER_MILLION: "10" })).toThrow(
      /AI_PRICE_INPUT_PER_MILLION/,
    );
    expect(() => parseEnv({ ...base, AI_PRICE_INPUT_PER_MILLION: "cheap", AI_PRICE_OUTPUT_PER_MILLION: "10" })).toThrow(
      /AI_PRICE_INPUT_PER_MILLION/,
    );
    expect(() => parseEnv({ SESSION_SECRET: "x".repeat(32), AI_PRICE_INPUT_PER_MILLION: "1", AI_PRICE_OUTPUT_PER_MILLION: "2" })).toThrow(
      /AI_MODEL, which is unset/,
    );
  });
});
