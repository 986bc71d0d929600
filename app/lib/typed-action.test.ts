import { redirect } from "@remix-run/node";
import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { oncePerRequest, requestScope, type RequestScope } from "#db/client.server";
import { DomainError } from "./domain-error";
import { anyone, intent, INTENT_CATALOGUE, typedAction, type IntentCatalogue } from "./typed-action";

function post(fields: Record<string, string>, url = "http://localhost/test") {
  const request = new Request(url, { method: "POST", body: new URLSearchParams(fields) });
  return { request, params: {}, context: { cspNonce: "", requestId: "t" } };
}

type Answer = {
  data: {
    intent: string | null;
    ok: boolean;
    result?: unknown;
    submission?: { error?: Record<string, string[]>; initialValue?: Record<string, unknown> };
  };
  init: { status?: number; headers?: HeadersInit } | null;
};

async function thrown(promise: Promise<unknown>): Promise<Response> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
  throw new Error("expected the action to throw a Response");
}

describe("typedAction", () => {
  const logCraving = vi.fn(async (input: { intensity: number; resisted: boolean }) => ({ saved: input.intensity }));
  const action = typedAction({
    guard: anyone,
    intents: {
      "log-craving": intent(
        z.object({ intensity: z.coerce.number().int().min(1).max(10), resisted: z.enum(["yes", "no"]).transform((v) => v === "yes") }),
        logCraving,
      ),
      "always-conflicts": intent(z.object({}), () => {
        throw new DomainError("conflict", "journey:errors.alreadyLogged", { field: "date" });
      }),
      pay: intent(z.object({ cardNumber: z.string(), expiry: z.string().regex(/^\d\d\/\d\d$/) }), () => ({ paid: true }), {
        hideFields: ["cardNumber"],
      }),
    },
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

  it("refuses text with a NUL byte on its field (Postgres cannot store it: it was a 500), before the handler", async () => {
    logCraving.mockClear();
    const answer = (await action(post({ intent: "log-craving", intensity: "7", resisted: "yes", note: "a\u0000b" }))) as unknown as Answer;
    expect(logCraving).not.toHaveBeenCalled();
    expect(answer.init?.status).toBe(400);
    expect(answer.data.submission?.error).toEqual({ note: ["errors:controlCharacter"] });
  });

  it("lists its intents for tests that enumerate every action, behind its guard", async () => {
    const catalogue = (action as unknown as Record<symbol, IntentCatalogue>)[INTENT_CATALOGUE]!;
    expect(Object.keys(action)).toEqual([]);
    expect(catalogue.multipart).toBe(false);
    expect(Object.keys(await catalogue.intentsFor(post({})))).toEqual(["log-craving", "always-conflicts", "pay"]);
  });

  it("maps a domain error to its status and puts the message on the field", async () => {
    const answer = (await action(post({ intent: "always-conflicts" }))) as unknown as Answer;
    expect(answer.init?.status).toBe(409);
    expect(answer.data.submission?.error?.date).toEqual(["journey:errors.alreadyLogged"]);
  });

  it("never echoes passwords or the fields an intent hides", async () => {
    const answer = (await action(post({ intent: "pay", cardNumber: "4242424242424242", expiry: "soon" }))) as unknown as Answer;
    expect(answer.init?.status).toBe(400);
    expect(JSON.stringify(answer.data)).not.toContain("4242");
    expect(answer.data.submission?.initialValue?.expiry).toBe("soon");
  });
});

describe("the guard", () => {
  const handler = vi.fn(() => ({ saved: true }));
  const toSignIn = () => {
    throw redirect("/login?redirectTo=%2Ftest");
  };
  const forbidden = () => {
    throw new Response("Forbidden", { status: 403 });
  };
  const schema = z.object({ count: z.coerce.number().int().min(1) });

  it("runs before the body is read: bad input from someone who may not post is their redirect, not a 400", async () => {
    const action = typedAction({ guard: toSignIn, intents: { save: intent(schema, handler) } });
    const response = await thrown(action(post({ intent: "save", count: "not a number" })));
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/login?redirectTo=%2Ftest");
    expect(handler).not.toHaveBeenCalled();
  });

  it("answers a signed-in user without the role with its 403, whatever they sent", async () => {
    const action = typedAction({ guard: forbidden, intents: { save: intent(schema, handler) } });
    for (const fields of [{ intent: "save", count: "-1" }, { intent: "nonsense" }, {}] as Record<string, string>[]) {
      expect((await thrown(action(post(fields)))).status).toBe(403);
    }
    expect(handler).not.toHaveBeenCalled();
  });

  it("answers 403 before validation for an intent the guard's user may not use", async () => {
    const action = typedAction({
      guard: () => ({ role: "coach" }),
      intents: (user) => ({ "save-words": intent(schema, handler, { allowed: user.role === "admin" }) }),
    });
    expect((await thrown(action(post({ intent: "save-words", count: "x" })))).status).toBe(403);
    expect(handler).not.toHaveBeenCalled();
  });
});

describe("intents built from what the guard returned", () => {
  const action = typedAction({
    guard: ({ request }) => ({ today: new URL(request.url).searchParams.get("today") ?? "" }),
    intents: ({ today }) => ({
      "log-day": intent(z.object({ date: z.string().refine((date) => date <= today, "journey:errors.dateInFuture") }), (input) => ({
        logged: input.date,
        today,
      })),
    }),
  });

  it("validates against the member's own today", async () => {
    const early = (await action(
      post({ intent: "log-day", date: "2030-01-02" }, "http://localhost/t?today=2030-01-01"),
    )) as unknown as Answer;
    expect(early.init?.status).toBe(400);
    expect(early.data.submission?.error?.date).toEqual(["journey:errors.dateInFuture"]);
    const later = (await action(
      post({ intent: "log-day", date: "2030-01-02" }, "http://localhost/t?today=2030-01-02"),
    )) as unknown as Answer;
    expect(later.data).toEqual({ intent: "log-day", ok: true, result: { logged: "2030-01-02", today: "2030-01-02" } });
  });
});

describe("reading a body that is not a plain form", () => {
  it("turns a DomainError from the reader into a failed submission with its status, on its field", async () => {
    const action = typedAction({
      guard: anyone,
      readForm: async () => {
        throw new DomainError("too-large", "community:errors.imageTooLarge", { field: "images" });
      },
      intents: { "create-post": intent(z.object({}), () => ({ posted: true })) },
    });
    const answer = (await action(post({ intent: "create-post" }))) as unknown as Answer;
    expect(answer.init?.status).toBe(413);
    expect(answer.data.submission?.error).toEqual({ images: ["community:errors.imageTooLarge"] });
  });
});

describe("the request's memo", () => {
  const inRequest = async <T>(run: (scope: RequestScope) => Promise<T>) => {
    const scope: RequestScope = { queries: 0, memo: new Map() };
    return requestScope.run(scope, () => run(scope));
  };
  const action = typedAction({
    guard: () => oncePerRequest("session-user:test", async () => ({ name: "before" })),
    intents: {
      rename: intent(z.object({ name: z.string().min(1) }), (input) => ({ renamed: input.name })),
      refuse: intent(z.object({}), () => {
        throw new DomainError("conflict", "journey:errors.alreadyLogged");
      }),
    },
  });

  it("is forgotten once a handler has run, so loaders after the action read the write", async () => {
    await inRequest(async (scope) => {
      await action(post({ intent: "rename", name: "after" }));
      expect(scope.memo.size).toBe(0);
    });
    await inRequest(async (scope) => {
      await action(post({ intent: "refuse" }));
      expect(scope.memo.size).toBe(0);
    });
  });

  it("is kept when the input never reached a handler", async () => {
    await inRequest(async (scope) => {
      await action(post({ intent: "rename", name: "" }));
      expect([...scope.memo.keys()]).toEqual(["session-user:test"]);
    });
  });
});
