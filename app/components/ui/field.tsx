import { getInputProps, getSelectProps, getTextareaProps, type FieldMetadata } from "@conform-to/react";
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
  type?: "text" | "email" | "password" | "number" | "date" | "time" | "search" | "tel" | "url" | "file";
  /** For repeated inputs of one list field; the list shows its errors once, beside the group. */
  item?: number;
} & Omit<React.InputHTMLAttributes<HTMLInputElement>, "type" | "name" | "id" | "form">) {
  const id = item === undefined ? field.id : `${field.id}-${item}`;
  const hintId = hint ? `${id}-hint` : undefined;
  const { key, ...props } = getInputProps(field, { type, ariaDescribedBy: hintId, ariaInvalid: "allErrors" });
  if (item !== undefined) props.defaultValue = itemValue(field.initialValue, item);
  return (
    <div className={className}>
      <label htmlFor={id} className={labelClass}>
        {label}
      </label>
      <Hint id={hintId} hint={hint} />
      <input
        key={key}
        {...props}
        id={id}
        {...rest}
        className={`${type === "file" ? "mt-1 block text-sm" : controlClass} ${inputClassName}`}
      />
      {item === undefined ? <ErrorList id={field.errorId} errors={errorsOf(field)} /> : null}
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
  const hintId = hint ? `${field.id}-hint` : undefined;
  const { key, ...props } = getTextareaProps(field, { ariaDescribedBy: hintId, ariaInvalid: "allErrors" });
  return (
    <div className={className}>
      <label htmlFor={field.id} className={labelClass}>
        {label}
      </label>
      <Hint id={hintId} hint={hint} />
      <textarea key={key} {...props} {...rest} className={`${controlClass} ${inputClassName}`} />
      <ErrorList id={field.errorId} errors={errorsOf(field)} />
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
  const hintId = hint ? `${field.id}-hint` : undefined;
  const { key, ...props } = getSelectProps(field, { ariaDescribedBy: hintId, ariaInvalid: "allErrors" });
  return (
    <div className={className}>
      <label htmlFor={field.id} className={labelClass}>
        {label}
      </label>
      <Hint id={hintId} hint={hint} />
      <select key={key} {...props} {...rest} className={`${controlClass} ${inputClassName}`}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <ErrorList id={field.errorId} errors={errorsOf(field)} />
    </div>
  );
}

/** A single yes/no box. `required` only where the form cannot be sent without it (consent, terms). */
export function CheckboxField({ label, hint, field, className, required = false }: Labelled & { field: Meta; required?: boolean }) {
  const hintId = hint ? `${field.id}-hint` : undefined;
  const { key, ...props } = getInputProps(field, { type: "checkbox", ariaDescribedBy: hintId, ariaInvalid: "allErrors" });
  return (
    <div className={className}>
      <div className="flex items-start gap-2">
        <input key={key} {...props} required={required || undefined} className={`mt-0.5 ${boxClass}`} />
        <label htmlFor={field.id} className="text-sm text-slate-800 touch:min-h-11">
          {label}
          {hint ? (
            <span id={hintId} className="block text-slate-600">
              {hint}
            </span>
          ) : null}
        </label>
      </div>
      <ErrorList id={field.errorId} errors={errorsOf(field)} />
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
  const { key, ...props } = getInputProps(field, { type, value, ariaInvalid: "allErrors" });
  const id = `${field.id}-${value}`;
  return (
    <label
      htmlFor={id}
      className={`inline-flex items-center gap-2 text-sm touch:min-h-11 touch:min-w-11 ${hideLabel ? "justify-center" : ""}`}
    >
      {/* A checkbox list is never required box by box; a radio group is answered by one of them. */}
      <input key={key} {...props} id={id} required={type === "radio" ? props.required : undefined} {...rest} className={boxClass} />
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
  const hintId = hint ? `${field.id}-hint` : undefined;
  return (
    <fieldset className={className} aria-describedby={hintId}>
      <legend className={labelClass}>{legend}</legend>
      <Hint id={hintId} hint={hint} />
      <div className={optionsClassName}>
        {options.map((option) => (
          <ChoiceBox key={option.value} field={field} type={type} value={option.value} label={option.label} />
        ))}
      </div>
      <ErrorList id={field.errorId} errors={errorsOf(field)} />
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
