/**
 * Cost estimates for the admin report: recorded token counts times the configured prices (USD per
 * million tokens). The offline coach costs nothing; a model with no configured price gets no
 * figure rather than an invented one. Prices apply to the configured model only, since older
 * answers may come from a model whose price nobody gave us.
 */

export type ModelPrice = { provider: string; model: string; inputPerMillion: number; outputPerMillion: number };
export type TokenTotals = { provider: string; model: string; promptTokens: number; completionTokens: number };
export type CostEstimate = { kind: "free" } | { kind: "unpriced" } | { kind: "priced"; usd: number };

/** USD for a number of prompt and completion tokens at per-million prices. */
export function tokenCost(
  promptTokens: number,
  completionTokens: number,
  price: Pick<ModelPrice, "inputPerMillion" | "outputPerMillion">,
): number {
  return (promptTokens * price.inputPerMillion + completionTokens * price.outputPerMillion) / 1_000_000;
}

export function estimateCost(totals: TokenTotals, price: ModelPrice | null): CostEstimate {
  if (totals.provider === "offline") return { kind: "free" };
  if (!price || price.provider !== totals.provider || price.model !== totals.model) return { kind: "unpriced" };
  return { kind: "priced", usd: tokenCost(totals.promptTokens, totals.completionTokens, price) };
}
