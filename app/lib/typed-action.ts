import { type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs } from "@remix-run/node";
import { type z } from "zod";
import { forgetRequestMemo } from "#db/client.server";
import { DomainError } from "./domain-error";

type Answer<T> = ReturnType<typeof data<T>>;

/** The hidden field bots fill in and people never see. */
export const HONEYPOT_FIELD = "website";
export const INTENT_FIELD = "intent";

/** Never echoed back to the page in a failed submission. */
const SECRET_FIELDS = ["password", "newPassword", "currentPassword"];

export type HandlerArgs = ActionFunctionArgs & { formData: FormData; headers: Headers };

export type Intent<S extends z.ZodTypeAny, R> = {
  schema: S;
  handler: (input: z.output<S>, args: HandlerArgs) => Promise<R> | R;
  honeypot: boolean;
  allowed: boolean;
  hideFields: string[];
};

export type IntentOptions = {
  /** Answer 400 when the hidden honeypot field is filled in (public forms). */
  honeypot?: boolean;
  /** False when the route's guard lets this user in but not to this intent: a 403 before the input is read. */
  allowed?: boolean;
  /** More fields (beyond passwords) the reply must not echo back, such as card numbers. */
  hideFields?: string[];
};

/** Declares one named intent: its input schema and what it does with valid input. */
export function intent<S extends z.ZodTypeAny, R>(
  schema: S,
  handler: (input: z.output<S>, args: HandlerArgs) => Promise<R> | R,
  options: IntentOptions = {},
): Intent<S, R> {
  return {
    schema,
    handler,
    honeypot: options.honeypot ?? false,
    allowed: options.allowed ?? true,
    hideFields: [...SECRET_FIELDS, ...(options.hideFields ?? [])],
  };
}

/**
 * Who may post to a route, checked before the body is read: it throws (a redirect to sign-in, a
 * 403) or returns what the intents need (the signed-in user, their locale, their today).
 */
export type Guard<C> = (args: ActionFunctionArgs) => Promise<C> | C;

/** The guard of the forms anyone may post: sign-in, sign-up, password reset. */
export const anyone: Guard<null> = () => null;

type Success<K, R> = { intent: K; ok: true; result: Exclude<R, Response> };
type Failure<K> = { intent: K; ok: false; submission: SubmissionResult<string[]> };

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyIntents = Record<string, Intent<any, any>>;

export type TypedActionResult<I extends AnyIntents> =
  { [K in keyof I & string]: Success<K, Awaited<ReturnType<I[K]["handler"]>>> | Failure<K> }[keyof I & string] | Failure<null>;

export type TypedAction<I extends AnyIntents> = (args: ActionFunctionArgs) => Promise<Answer<TypedActionResult<I>>>;

export type TypedActionDefinition<C, I extends AnyIntents> = {
  guard: Guard<C>;
  /** The intents, or a factory that builds them from what the guard returned (schemas that need today's date). */
  intents: I | ((context: C) => I);
  /**
   * Reads a body that is not a plain form (multipart with size limits). A DomainError it throws
   * becomes a failed submission with its status, on its field.
   */
  readForm?: (request: Request) => Promise<FormData>;
};

/**
 * What a typed action accepts, for tests that enumerate every intent (the fuzz test): a symbol
 * shared across module copies, so it is found on the action of the server build too.
 */
export const INTENT_CATALOGUE = Symbol.for("quitpath.typed-action.intents");
export type IntentCatalogue = {
  /** The action reads its own body (multipart). */
  multipart: boolean;
  /** Runs the guard (throwing as the action would) and returns the intents it builds for that user. */
  intentsFor: (args: ActionFunctionArgs) => Promise<AnyIntents>;
};

function failure<K extends string | null>(intentName: K, submission: SubmissionResult<string[]>, status: number, headers?: HeadersInit) {
  return data({ intent: intentName, ok: false as const, submission }, { status, headers });
}

type ReplyErrors = { fieldErrors?: Record<string, string[]>; formErrors?: string[] };

function domainReply(error: DomainError, reply: (errors: ReplyErrors) => SubmissionResult<string[]>) {
  return error.options.field ? reply({ fieldErrors: { [error.options.field]: [error.message] } }) : reply({ formErrors: [error.message] });
}

function retryHeaders(error: DomainError): HeadersInit | undefined {
  const retry = error.options.retryAfterSeconds;
  return retry ? { "Retry-After": String(retry) } : undefined;
}

const unknownIntent = (): SubmissionResult<string[]> => ({ status: "error", error: { "": ["errors:unknownIntent"] } });

/**
 * The first field whose text holds a NUL (U+0000): Postgres stores no NUL in text or jsonb, so
 * such a value would fail in the database (a 500) wherever it was written. Refused at the edge.
 */
function fieldWithNul(formData: FormData): string | undefined {
  for (const [name, value] of formData) if (typeof value === "string" && value.includes("\u0000")) return name;
  return undefined;
}

/**
 * The most entries (name–value pairs) a form may have. No form of ours comes near it (the longest
 * list is a plan's 60 targets). Conform gathers a repeated name by copying its list on every
 * repetition, so parsing costs the square of the repetitions and blocks the process: 10,000
 * copies of one short field (70 kB) took 1.3 s, 60,000 (420 kB) 38 s. Past this cap a form is
 * refused before it is parsed.
 */
export const MAX_FORM_ENTRIES = 1_000;

function tooManyEntries(formData: FormData): boolean {
  let entries = 0;
  for (const _ of formData.keys()) if (++entries > MAX_FORM_ENTRIES) return true;
  return false;
}

/**
 * Turns a guard and named intents into a Remix action.
 *
 * 1. The guard runs first, before the body is read: an anonymous or unauthorised post is a
 *    redirect to sign-in or a 403 whatever it contains, never a 400 that shows the form's fields.
 * 2. A form of more than MAX_FORM_ENTRIES entries is a 413, unparsed.
 *    The form is parsed with conform + zod; invalid input gets field errors (400) and never reaches
 *    a handler, nor does text with a NUL byte; an unknown intent is a 400; an intent the user may
 *    not use is a 403.
 * 3. The handler runs; a DomainError becomes its 4xx status on its field (or the form).
 * 4. Once a handler has run, the request's memo is forgotten, so the loaders Remix runs after the
 *    action in the same request (a post without JavaScript) read what it wrote.
 *
 * The body is read from a clone, so handlers may still read the request.
 */
export function typedAction<C, I extends AnyIntents>(definition: TypedActionDefinition<C, I>): TypedAction<I> {
  const action = async (args: ActionFunctionArgs): Promise<Answer<TypedActionResult<I>>> => {
    const context = await definition.guard(args);
    let formData: FormData;
    try {
      formData = definition.readForm ? await definition.readForm(args.request.clone()) : await args.request.clone().formData();
    } catch (error) {
      if (!(error instanceof DomainError)) return failure(null, unknownIntent(), 400);
      const field = error.options.field ?? "";
      return failure(null, { status: "error", error: { [field]: [error.message] } }, error.status);
    }
    if (tooManyEntries(formData)) return failure(null, { status: "error", error: { "": ["errors:tooManyFields"] } }, 413);
    const intents: I = typeof definition.intents === "function" ? (definition.intents as (context: C) => I)(context) : definition.intents;
    const name = formData.get(INTENT_FIELD);
    const chosen = typeof name === "string" && Object.hasOwn(intents, name) ? intents[name] : undefined;
    if (!chosen || typeof name !== "string") return failure(null, unknownIntent(), 400);
    if (!chosen.allowed) throw new Response("Forbidden", { status: 403, statusText: "Forbidden" });
    const submission = parseWithZod(formData, { schema: chosen.schema });
    const reply = (errors: ReplyErrors = {}) => submission.reply({ ...errors, hideFields: chosen.hideFields });
    if (chosen.honeypot && formData.get(HONEYPOT_FIELD)) return failure(name, reply({ formErrors: ["errors:badRequest.title"] }), 400);
    const nulField = fieldWithNul(formData);
    if (nulField !== undefined) return failure(name, reply({ fieldErrors: { [nulField]: ["errors:controlCharacter"] } }), 400);
    if (submission.status !== "success") return failure(name, reply(), 400);
    const headers = new Headers();
    try {
      const result = await chosen.handler(submission.value, { ...args, formData, headers });
      // A handler may answer with a redirect (or any Response); Remix passes it through untouched.
      if (result instanceof Response) throw result;
      return data({ intent: name, ok: true as const, result }, { headers });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return failure(name, domainReply(error, reply), error.status, retryHeaders(error));
    } finally {
      forgetRequestMemo();
    }
  };
  return withIntentCatalogue(action, definition);
}

/** Attaches the intent catalogue (non-enumerable) to an action; a route that builds its typed action per request attaches it itself. */
export function withIntentCatalogue<A extends object, C, I extends AnyIntents>(action: A, definition: TypedActionDefinition<C, I>): A {
  const catalogue: IntentCatalogue = {
    multipart: Boolean(definition.readForm),
    intentsFor: async (args) => {
      const context = await definition.guard(args);
      return typeof definition.intents === "function" ? (definition.intents as (context: C) => I)(context) : definition.intents;
    },
  };
  Object.defineProperty(action, INTENT_CATALOGUE, { value: catalogue, enumerable: false });
  return action;
}
