import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { DomainError } from "./domain-error";
import { intent, typedAction } from "./typed-action";

function post(fields: Record<string, string>) {
  const request = new Request("http://localhost/test", { method: "POST", body: new URLSearchParams(fields) });
  return { request, params: {}, context: { cspNonce: "", requestId: "t" } };
}

type Answer = {
  data: { intent: string | null; ok: boolean; result?: unknown; submission?: { error?: Record<string, string[]> } };
  init: { status?: number; headers?: HeadersInit } | null;
};

describe("typedAction", () => {
  const logCraving = vi.fn(async (input: { intensity: number; resisted: boolean }) => ({ saved: input.intensity }));
  const action = typedAction({
    "log-craving": intent(
      z.object({ intensity: z.coerce.number().int().min(1).max(10), resisted: z.enum(["yes", "no"]).transform((v) => v === "yes") }),
      logCraving,
    ),
    "always-conflicts": intent(z.object({}), () => {
      throw new DomainError("conflict", "journey:errors.alreadyLogged", { field: "date" });
    }),
  });

  it("hands valid input to the handler, parsed and typed", async () => {
    const answer = (await action(post({ intent: "log-craving", intensity: "7", resisted: "yes" }))) as unknown as Answer;
    expect(logCraving).toHaveBeenCalledWith({ intensity: 7, resisted: true }, expect.anything());
    expect(answer.data).toEqual({ intent: "log-craving", ok: true, result: { saved: 7 } });
    expect(answer.init?.status ?? 200).toBe(200);
  });

  it("never calls the handler with invalid input, and answers 400 with field errors", async () => {
    logCraving.mockClear();
    const answer = (await action(post({ intent: "log-craving", intensity: "11", resisted: "maybe" }))) as unknown as Answer;
    expect(logCraving).not.toHaveBeenCalled();
    expect(answer.init?.status).toBe(400);
    expect(Object.keys(answer.data.submission?.error ?? {}).sort()).toEqual(["intensity", "resisted"]);
  });

  it("answers an unknown or missing intent with 400", async () => {
    for (const fields of [{ intent: "drop-tables" }, {}, { intent: "toString" }] as Record<string, string>[]) {
      const answer = (await action(post(fields))) as unknown as Answer;
      expect(answer.init?.status).toBe(400);
      expect(answer.data.intent).toBeNull();
    }
  });

  it("maps a domain error to its status and puts the message on the field", async () => {
    const answer = (await action(post({ intent: "always-conflicts" }))) as unknown as Answer;
    expect(answer.init?.status).toBe(409);
    expect(answer.data.submission?.error?.date).toEqual(["journey:errors.alreadyLogged"]);
  });
});
