import { type FieldMetadata } from "@conform-to/react";
import { type ReactNode } from "react";
import { useTranslation } from "react-i18next";

/**
 * The one field kit: every form field is a labelled control bound to conform's field metadata,
 * at least 44 px tall on a phone (inputs and selects by the base rule in tailwind.css, a checkbox or
 * radio button through its label, which is the target a finger aims at),
 * with its hint and its translated errors linked through aria-describedby, and marked
 * aria-invalid while it has errors. Errors arrive as translation keys from the same zod schema on
 * the server and in the browser.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Meta = FieldMetadata<any, any, string[]>;

const controlClass =
  "mt-1 block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-slate-900 shadow-sm focus:border-emerald-700 focus:ring-2 focus:ring-emerald-700 focus:outline-none aria-[invalid]:border-red-700";
const labelClass = "block text-sm font-medium text-slate-800";
const hintClass = "text-sm text-slate-600";
const boxClass = "size-4 shrink-0 accent-emerald-700";

/** Our messages are "namespace:key"; anything else (a library's default wording) reads as a generic one. */
function useMessages(errors: readonly string[]): string[] {
  const { t } = useTranslation();
  return errors.map((error) => (/^[a-z][a-zA-Z]*:[\w.-]+$/.test(error) ? t(error) : t("errors:fieldInvalid")));
}

/** The distinct non-empty messages: most fields have none, and then no translation hook runs at all. */
function shownErrors(errors: readonly (string | null | undefined)[] | null | undefined): string[] {
  if (!errors || errors.length === 0) return [];
  return [...new Set(errors.filter((e): e is string => typeof e === "string" && e !== ""))];
}

function MessageItems({ errors, ...list }: { errors: string[] } & React.HTMLAttributes<HTMLUListElement>) {
  const messages = useMessages(errors);
  return (
    <ul {...list}>
      {messages.map((message) => (
        <li key={message}>{message}</li>
      ))}
    </ul>
  );
}

/**
 * A field's errors. With an id it is always in the page, a polite live region the field points
 * to, so messages that appear as the member leaves a field are read out.
 */
export function ErrorList({ id, errors }: { id?: string; errors?: readonly (string | null | undefined)[] | null }) {
  const shown = shownErrors(errors);
  if (shown.length === 0 && !id) return null;
  return (
    <div id={id} aria-live="polite">
      {shown.length > 0 ? <MessageItems errors={shown} className="mt-1 space-y-1 text-sm text-red-700" /> : null}
    </div>
  );
}

/** Errors about the whole form (a wrong password, a rule broken): announced at once. */
export function FormErrors({
  id,
  errors,
  className = "",
}: {
  id?: string;
  errors?: readonly (string | null | undefined)[] | null;
  className?: string;
}) {
  const shown = shownErrors(errors);
  if (shown.length === 0) return null;
  return (
    <MessageItems
      id={id}
      role="alert"
      errors={shown}
      className={`space-y-1 rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800 ${className}`}
    />
  );
}

type Labelled = { label: ReactNode; hint?: ReactNode; className?: string; inputClassName?: string };

/** A field's own errors and those of its parts (a JSON rule's keys, a list's entries). */
function errorsOf(field: Meta): string[] {
  return Object.values(field.allErrors).flat();
}

type InputType = "text" | "email" | "password" | "number" | "date" | "time" | "search" | "tel" | "url" | "file";
type ControlKind = InputType | "box" | "select" | "textarea";

/** The constraints (from the zod schema) that apply to a kind of control: HTML ignores the others on it. */
function constraintsOf(field: Meta, kind: ControlKind) {
  switch (kind) {
    case "box":
      return {};
    case "select":
      return { multiple: field.multiple };
    case "textarea":
      return { minLength: field.minLength, maxLength: field.maxLength };
    case "number":
    case "date":
    case "time":
      return { min: field.min, max: field.max, step: field.step };
    case "file":
      return { accept: field.accept, multiple: field.multiple };
    case "email":
      return { minLength: field.minLength, maxLength: field.maxLength, pattern: field.pattern, multiple: field.multiple };
    default:
      return { minLength: field.minLength, maxLength: field.maxLength, pattern: field.pattern };
  }
}

/**
 * A field's metadata read once per render. conform builds a field's metadata afresh on every
 * property read (a Proxy over a dozen getters, each read recorded as a subscription), and its
 * getInputProps reads a field 15 times: a list of five radio buttons read it 85 times. The kit reads
 * what those helpers read, once each (so conform re-renders a field on the same changes), and only
 * the constraints that apply to the control, and builds the same attributes from them; a radio or
 * checkbox list shares one read.
 */
function readField(field: Meta, kind: ControlKind) {
  return {
    id: field.id,
    name: field.name,
    form: field.formId,
    errorId: field.errorId,
    invalid: !field.valid,
    errors: errorsOf(field),
    initialValue: field.initialValue as unknown,
    required: field.required || undefined,
    constraint: constraintsOf(field, kind),
  };
}
type ReadField = ReturnType<typeof readField>;

/** The attributes conform's prop helpers give a control (with `ariaInvalid: "allErrors"`), undefined ones left out. */
function controlProps(read: ReadField, describedBy: string | undefined) {
  const props: Record<string, unknown> = { id: read.id, name: read.name, form: read.form, required: read.required, ...read.constraint };
  if (read.invalid) {
    props["aria-invalid"] = true;
    props["aria-describedby"] = `${read.errorId} ${describedBy ?? ""}`.trim();
  } else props["aria-describedby"] = describedBy;
  for (const key in props) if (props[key] === undefined) delete props[key];
  return props;
}

/** The starting value of a text input, select or textarea, as conform's helpers set it. */
function initialText(value: unknown, kind: "input" | "select" | "textarea"): string | string[] | undefined {
  if (kind === "input") return typeof value === "string" ? value : undefined;
  if (kind === "select" && Array.isArray(value)) return value.map((item) => `${item ?? ""}`);
  return value === undefined || value === null ? undefined : String(value);
}

/** A checkbox or radio button of a field: checked when the field's value is (or holds) this one. */
function boxProps(read: ReadField, type: "checkbox" | "radio", value: string | undefined, describedBy?: string) {
  const posted = value ?? "on";
  return {
    ...controlProps(read, describedBy),
    type,
    value: posted,
    defaultChecked: Array.isArray(read.initialValue) ? read.initialValue.includes(value) : read.initialValue === posted,
  };
}

function Hint({ id, hint }: { id?: string; hint?: ReactNode }) {
  return hint ? (
    <p id={id} className={hintClass}>
      {hint}
    </p>
  ) : null;
}

/** One of several inputs posted under one name (reasons 1 to 3): its own id and value, the list's errors. */
function itemValue(value: unknown, item: number): string | undefined {
  if (Array.isArray(value)) return typeof value[item] === "string" ? value[item] : undefined;
  return item === 0 && typeof value === "string" ? value : undefined;
}

export function Field({
  label,
  hint,
  field,
  type = "text",
  item,
  className,
  inputClassName = "",
  ...rest
}: Labelled & {
  field: Meta;
  type?: InputType;
  /** For repeated inputs of one list field; the list shows its errors once, beside the group. */
  item?: number;
} & Omit<React.InputHTMLAttributes<HTMLInputElement>, "type" | "name" | "id" | "form">) {
  const read = readField(field, type);
  const id = item === undefined ? read.id : `${read.id}-${item}`;
  const hintId = hint ? `${id}-hint` : undefined;
  const defaultValue = item === undefined ? initialText(read.initialValue, "input") : itemValue(read.initialValue, item);
  return (
    <div className={className}>
      <label htmlFor={id} className={labelClass}>
        {label}
      </label>
      <Hint id={hintId} hint={hint} />
      <input
        {...controlProps(read, hintId)}
        type={type}
        defaultValue={defaultValue}
        id={id}
        {...rest}
        className={`${type === "file" ? "mt-1 block text-sm" : controlClass} ${inputClassName}`}
      />
      {item === undefined ? <ErrorList id={read.errorId} errors={read.errors} /> : null}
    </div>
  );
}

export function TextareaField({
  label,
  hint,
  field,
  className,
  inputClassName = "",
  ...rest
}: Labelled & { field: Meta } & Omit<React.TextareaHTMLAttributes<HTMLTextAreaElement>, "name" | "id" | "form">) {
  const read = readField(field, "textarea");
  const hintId = hint ? `${read.id}-hint` : undefined;
  return (
    <div className={className}>
      <label htmlFor={read.id} className={labelClass}>
        {label}
      </label>
      <Hint id={hintId} hint={hint} />
      <textarea
        {...controlProps(read, hintId)}
        defaultValue={initialText(read.initialValue, "textarea")}
        {...rest}
        className={`${controlClass} ${inputClassName}`}
      />
      <ErrorList id={read.errorId} errors={read.errors} />
    </div>
  );
}

export function SelectField({
  label,
  hint,
  field,
  options,
  className,
  inputClassName = "",
  ...rest
}: Labelled & { field: Meta; options: readonly { value: string; label: string }[] } & Omit<
    React.SelectHTMLAttributes<HTMLSelectElement>,
    "name" | "id" | "form"
  >) {
  const read = readField(field, "select");
  const hintId = hint ? `${read.id}-hint` : undefined;
  return (
    <div className={className}>
      <label htmlFor={read.id} className={labelClass}>
        {label}
      </label>
      <Hint id={hintId} hint={hint} />
      <select
        {...controlProps(read, hintId)}
        defaultValue={initialText(read.initialValue, "select")}
        {...rest}
        className={`${controlClass} ${inputClassName}`}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <ErrorList id={read.errorId} errors={read.errors} />
    </div>
  );
}

/** A single yes/no box. `required` only where the form cannot be sent without it (consent, terms). */
export function CheckboxField({ label, hint, field, className, required = false }: Labelled & { field: Meta; required?: boolean }) {
  const read = readField(field, "box");
  const hintId = hint ? `${read.id}-hint` : undefined;
  return (
    <div className={className}>
      <div className="flex items-start gap-2">
        <input {...boxProps(read, "checkbox", undefined, hintId)} required={required || undefined} className={`mt-0.5 ${boxClass}`} />
        <label htmlFor={read.id} className="text-sm text-slate-800 touch:min-h-11">
          {label}
          {hint ? (
            <span id={hintId} className="block text-slate-600">
              {hint}
            </span>
          ) : null}
        </label>
      </div>
      <ErrorList id={read.errorId} errors={read.errors} />
    </div>
  );
}

/** One option of a radio or checkbox list on its own (a cell in a grid of checkboxes). */
export function ChoiceBox({
  field,
  type = "checkbox",
  value,
  label,
  hideLabel = false,
  ...rest
}: {
  field: Meta;
  type?: "radio" | "checkbox";
  value: string;
  label: ReactNode;
  hideLabel?: boolean;
} & Pick<React.InputHTMLAttributes<HTMLInputElement>, "disabled" | "title" | "defaultChecked">) {
  return <Choice read={readField(field, "box")} type={type} value={value} label={label} hideLabel={hideLabel} {...rest} />;
}

function Choice({
  read,
  type,
  value,
  label,
  hideLabel,
  ...rest
}: { read: ReadField; type: "radio" | "checkbox"; value: string; label: ReactNode; hideLabel: boolean } & Pick<
  React.InputHTMLAttributes<HTMLInputElement>,
  "disabled" | "title" | "defaultChecked"
>) {
  const props = boxProps(read, type, value);
  const id = `${read.id}-${value}`;
  return (
    <label
      htmlFor={id}
      className={`inline-flex items-center gap-2 text-sm touch:min-h-11 touch:min-w-11 ${hideLabel ? "justify-center" : ""}`}
    >
      {/* A checkbox list is never required box by box; a radio group is answered by one of them. */}
      <input {...props} id={id} required={type === "radio" ? read.required : undefined} {...rest} className={boxClass} />
      <span className={hideLabel ? "sr-only" : undefined}>{label}</span>
    </label>
  );
}

/** A group of radio buttons (one answer) or checkboxes (any number), under one legend. */
export function ChoiceField({
  legend,
  hint,
  field,
  type,
  options,
  className,
  optionsClassName = "mt-1 flex flex-wrap gap-x-4 gap-y-2",
}: {
  legend: ReactNode;
  hint?: ReactNode;
  field: Meta;
  type: "radio" | "checkbox";
  options: readonly { value: string; label: ReactNode }[];
  className?: string;
  optionsClassName?: string;
}) {
  const read = readField(field, "box");
  const hintId = hint ? `${read.id}-hint` : undefined;
  return (
    <fieldset className={className} aria-describedby={hintId}>
      <legend className={labelClass}>{legend}</legend>
      <Hint id={hintId} hint={hint} />
      <div className={optionsClassName}>
        {options.map((option) => (
          <Choice key={option.value} read={read} type={type} value={option.value} label={option.label} hideLabel={false} />
        ))}
      </div>
      <ErrorList id={read.errorId} errors={read.errors} />
    </fieldset>
  );
}

/** Repeated inputs posted under one name (stage dates, daily targets, reasons), with the list's errors once. */
export function ListField({
  legend,
  field,
  className,
  children,
}: {
  legend: ReactNode;
  field: Meta;
  className?: string;
  children: ReactNode;
}) {
  const errors = errorsOf(field);
  return (
    <fieldset className={className} aria-describedby={errors.length > 0 ? field.errorId : undefined}>
      <legend className={labelClass}>{legend}</legend>
      {children}
      <ErrorList id={field.errorId} errors={errors} />
    </fieldset>
  );
}
