import { useForm, type DefaultValue, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form, type FetcherWithComponents } from "@remix-run/react";
import { type ReactNode } from "react";
import { z } from "zod";
import { StatusButton } from "./button";
import { FormErrors } from "./field";
import { useIsSubmitting } from "./form-status";

/** What a typed action answers, as `useActionData<typeof action>()` or `fetcher.data` sees it. */
type Answer = { intent: string | null; ok: boolean };

/**
 * The failed submission meant for one form: its intent (or a failure no intent could be read
 * from), and, for one of several forms with the same intent, the row whose values it carried.
 */
export function submissionFor<A extends Answer>(
  answer: A | undefined,
  intent: NonNullable<A["intent"]>,
  match: Record<string, string> = {},
): SubmissionResult<string[]> | undefined {
  if (!answer || answer.ok || !("submission" in answer)) return undefined;
  const submission = answer.submission as SubmissionResult<string[]>;
  if (answer.intent === null) return Object.keys(match).length === 0 ? submission : undefined;
  if (answer.intent !== intent) return undefined;
  const sent = submission.initialValue ?? {};
  return Object.entries(match).every(([name, value]) => (sent[name] ?? "") === value) ? submission : undefined;
}

/**
 * Whether a form that opens on request (a link such as `?edit=…`, so it works without JavaScript)
 * shows: while asked for, and after a refusal of its intent to show why; a successful save closes it.
 */
export function openOnRequest<A extends Answer>(answer: A | undefined, intent: NonNullable<A["intent"]>, requested: boolean): boolean {
  return submissionFor(answer, intent) !== undefined || (requested && !(answer?.ok && answer.intent === intent));
}

const NO_INPUT = z.object({});

/** A schema's HTML constraints (required, min, max…), worked out once per schema object. */
const constraints = new WeakMap<z.ZodTypeAny, ReturnType<typeof getZodConstraint>>();
function constraintOf(schema: z.ZodTypeAny) {
  let constraint = constraints.get(schema);
  if (!constraint) constraints.set(schema, (constraint = getZodConstraint(schema)));
  return constraint;
}

/**
 * conform's useForm, set up the one way every form here uses it: the intent's zod schema
 * validates in the browser (on blur, then as the member types) with the same translated messages
 * the server answers with; the server's last answer for this form is shown again (with or without
 * JavaScript); the first invalid field gets focus.
 */
export function useIntentForm<A extends Answer, S extends z.ZodTypeAny = typeof NO_INPUT>(options: {
  /** The route's `useActionData<typeof action>()`, or a fetcher's `data`. */
  answer: A | undefined;
  intent: NonNullable<A["intent"]>;
  schema?: S;
  /** Unique on the page; defaults to the intent. */
  id?: string;
  /** For one of several forms with this intent: the hidden values that tell its answer apart. */
  match?: Record<string, string>;
  /** Values before anything is posted; numbers and booleans are written as the form would post them. */
  defaultValue?: Record<string, unknown>;
}) {
  const schema = (options.schema ?? NO_INPUT) as S;
  const [form, fields] = useForm<z.input<S>, z.output<S>, string[]>({
    id: options.id ?? options.intent,
    lastResult: submissionFor(options.answer, options.intent, options.match),
    defaultValue: options.defaultValue as DefaultValue<z.input<S>>,
    constraint: constraintOf(schema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  // conform re-renders only for what the last render read. React may re-render this component and
  // bail out of its field components, dropping what they read; reading every error here keeps a
  // message from being reported to nobody.
  void form.allErrors;
  return [form, fields] as const;
}

/** The submit button of an intent's form: it posts the intent and shows progress while that form is in flight. */
export function IntentButton({
  intent,
  values,
  fetcher,
  ...rest
}: {
  intent: string;
  /** For one row of many with this intent: the hidden values that tell it apart. */
  values?: Record<string, string>;
  fetcher?: { state: string };
} & Omit<React.ComponentProps<typeof StatusButton>, "name" | "value" | "pending" | "type">) {
  const navigating = useIsSubmitting(intent, values);
  return <StatusButton {...rest} name="intent" value={intent} pending={fetcher ? fetcher.state !== "idle" : navigating} />;
}

/**
 * A form that is one button and a few hidden values (delete, mark as read, publish, accept): the
 * same typed action, answer and error display as any form, and it works without JavaScript. It has
 * no field to validate in the browser, so it skips conform's form state: pages list dozens of them.
 */
export function ButtonForm<A extends Answer>({
  answer,
  intent,
  values = {},
  action,
  fetcher,
  variant,
  className,
  formClassName,
  pendingLabel,
  label,
  children,
}: {
  answer: A | undefined;
  intent: NonNullable<A["intent"]>;
  values?: Record<string, string>;
  /** Another route's action (the check-in button posts to /app/check-in). */
  action?: string;
  fetcher?: FetcherWithComponents<unknown>;
  variant?: "primary" | "secondary" | "danger" | "link";
  className?: string;
  formClassName?: string;
  pendingLabel?: string;
  /** An accessible name when the visible text alone is ambiguous (which badge, which row). */
  label?: string;
  children: ReactNode;
}) {
  const id = [intent, ...Object.values(values)].join("-").replace(/[^\w-]/g, "_");
  const errors = Object.values(submissionFor(answer, intent, values)?.error ?? {}).flat();
  const FormElement = fetcher ? fetcher.Form : Form;
  return (
    <FormElement
      method="post"
      action={action}
      id={id}
      className={formClassName}
      aria-describedby={errors.length > 0 ? `${id}-error` : undefined}
    >
      {Object.entries(values).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <IntentButton
        intent={intent}
        values={values}
        fetcher={fetcher}
        pendingLabel={pendingLabel}
        variant={variant}
        className={className}
        aria-label={label}
      >
        {children}
      </IntentButton>
      <FormErrors id={`${id}-error`} errors={errors} />
    </FormElement>
  );
}

/** Hidden copies of earlier answers, so a form in several steps needs no JavaScript and no draft row. */
export function HiddenValues({ values, only }: { values: Record<string, string | string[]>; only: readonly string[] }) {
  return (
    <>
      {only.flatMap((name) => {
        const value = values[name];
        if (value === undefined) return [];
        return (Array.isArray(value) ? value : [value]).map((v, i) => <input key={`${name}-${i}`} type="hidden" name={name} value={v} />);
      })}
    </>
  );
}

/** Form values as posted (repeated names become lists), to hand back to the next step of a form. */
export function formValues(formData: FormData): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of formData) {
    if (typeof value !== "string" || name === "intent") continue;
    const existing = out[name];
    out[name] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return out;
}
