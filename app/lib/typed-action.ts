import { type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs } from "@remix-run/node";

type Answer<T> = ReturnType<typeof data<T>>;
import { type z } from "zod";
import { DomainError } from "./domain-error";

/** The hidden field bots fill in and people never see. */
export const HONEYPOT_FIELD = "website";
export const INTENT_FIELD = "intent";

type HandlerArgs = ActionFunctionArgs & { formData: FormData; headers: Headers };

export type Intent<S extends z.ZodTypeAny, R> = {
  schema: S;
  honeypot: boolean;
  handler: (input: z.output<S>, args: HandlerArgs) => Promise<R> | R;
};

/** Declares one named intent: its input schema and what it does with valid input. */
export function intent<S extends z.ZodTypeAny, R>(
  schema: S,
  handler: (input: z.output<S>, args: HandlerArgs) => Promise<R> | R,
  options: { honeypot?: boolean } = {},
): Intent<S, R> {
  return { schema, handler, honeypot: options.honeypot ?? false };
}

type Success<K, R> = { intent: K; ok: true; result: Exclude<R, Response> };
type Failure<K> = { intent: K; ok: false; submission: SubmissionResult<string[]> };

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyIntents = Record<string, Intent<any, any>>;

export type TypedActionResult<I extends AnyIntents> =
  { [K in keyof I & string]: Success<K, Awaited<ReturnType<I[K]["handler"]>>> | Failure<K> }[keyof I & string] | Failure<null>;

function failure<K extends string | null>(intentName: K, submission: SubmissionResult<string[]>, status: number, headers?: HeadersInit) {
  return data({ intent: intentName, ok: false as const, submission }, { status, headers });
}

/**
 * Turns named intents into a Remix action. Form data is parsed with conform + zod; invalid input
 * gets field errors (400) and never reaches a handler; a DomainError becomes its 4xx status;
 * an unknown intent is a 400. The body is read from a clone, so handlers may still read the request.
 */
export function typedAction<I extends AnyIntents>(intents: I): (args: ActionFunctionArgs) => Promise<Answer<TypedActionResult<I>>> {
  return async (args: ActionFunctionArgs): Promise<Answer<TypedActionResult<I>>> => {
    let formData: FormData;
    try {
      formData = await args.request.clone().formData();
    } catch {
      return failure(null, { status: "error", error: { "": ["errors:unknownIntent"] } }, 400);
    }
    const name = formData.get(INTENT_FIELD);
    const chosen = typeof name === "string" && Object.hasOwn(intents, name) ? intents[name] : undefined;
    if (!chosen || typeof name !== "string") {
      return failure(null, { status: "error", error: { "": ["errors:unknownIntent"] } }, 400);
    }
    const submission = parseWithZod(formData, { schema: chosen.schema });
    if (chosen.honeypot && formData.get(HONEYPOT_FIELD)) {
      return failure(
        name,
        submission.reply({ formErrors: ["errors:badRequest.title"], hideFields: ["password", "newPassword", "currentPassword"] }),
        400,
      );
    }
    if (submission.status !== "success") {
      return failure(name, submission.reply({ hideFields: ["password", "newPassword", "currentPassword"] }), 400);
    }
    const headers = new Headers();
    try {
      const result = await chosen.handler(submission.value, { ...args, formData, headers });
      // A handler may answer with a redirect (or any Response); Remix passes it through untouched.
      if (result instanceof Response) throw result;
      return data({ intent: name, ok: true as const, result }, { headers });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const reply = error.options.field
        ? submission.reply({
            fieldErrors: { [error.options.field]: [error.message] },
            hideFields: ["password", "newPassword", "currentPassword"],
          })
        : submission.reply({ formErrors: [error.message], hideFields: ["password", "newPassword", "currentPassword"] });
      const retry = error.options.retryAfterSeconds;
      return failure(name, reply, error.status, retry ? { "Retry-After": String(retry) } : undefined);
    }
  };
}
