import { type ReactNode } from "react";
import { ErrorList } from "~/components/ui/field";

/** Field errors of a typed-action failure, by field name. */
export type FieldErrors = Record<string, string[] | null | undefined>;

const inputClass =
  "mt-1 block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-slate-900 focus:border-emerald-700 focus:ring-2 focus:ring-emerald-700 focus:outline-none aria-[invalid]:border-red-700";

/** A labelled input that works without JavaScript and shows its translated errors. */
export function TextInput({
  name,
  label,
  errors,
  hint,
  formId = "",
  ...rest
}: { name: string; label: ReactNode; errors?: FieldErrors; hint?: ReactNode; formId?: string } & Omit<
  React.InputHTMLAttributes<HTMLInputElement>,
  "name"
>) {
  const id = `${formId}${name}`;
  const fieldErrors = errors?.[name];
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
      <input
        id={id}
        name={name}
        aria-invalid={fieldErrors?.length ? true : undefined}
        aria-describedby={[hint ? `${id}-hint` : "", fieldErrors?.length ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined}
        className={inputClass}
        {...rest}
      />
      <ErrorList id={`${id}-error`} errors={fieldErrors} />
    </div>
  );
}

export function SelectInput({
  name,
  label,
  errors,
  options,
  defaultValue,
  formId = "",
}: {
  name: string;
  label: ReactNode;
  errors?: FieldErrors;
  options: { value: string; label: string }[];
  defaultValue?: string;
  formId?: string;
}) {
  const id = `${formId}${name}`;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <select
        id={id}
        name={name}
        defaultValue={defaultValue}
        className={inputClass}
        aria-invalid={errors?.[name]?.length ? true : undefined}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <ErrorList errors={errors?.[name]} />
    </div>
  );
}

export function RadioGroup({
  name,
  legend,
  options,
  defaultValue,
  errors,
}: {
  name: string;
  legend: ReactNode;
  options: { value: string; label: string }[];
  defaultValue?: string;
  errors?: FieldErrors;
}) {
  return (
    <fieldset>
      <legend className="text-sm font-medium text-slate-800">{legend}</legend>
      <div className="mt-1 flex flex-wrap gap-4">
        {options.map((o) => (
          <label key={o.value} className="inline-flex items-center gap-2">
            <input type="radio" name={name} value={o.value} defaultChecked={defaultValue === o.value} />
            {o.label}
          </label>
        ))}
      </div>
      <ErrorList errors={errors?.[name]} />
    </fieldset>
  );
}

/** Hidden copies of earlier answers, so a multi-step form needs no JavaScript and no draft row. */
export function HiddenValues({ values, skip = [] }: { values: Record<string, string | string[]>; skip?: string[] }) {
  return (
    <>
      {Object.entries(values).flatMap(([name, value]) =>
        skip.includes(name) || name === "intent"
          ? []
          : (Array.isArray(value) ? value : [value]).map((v, i) => <input key={`${name}-${i}`} type="hidden" name={name} value={v} />),
      )}
    </>
  );
}

/** Form values as posted: repeated names become lists. */
export function formValues(formData: FormData): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of formData) {
    if (typeof value !== "string" || name === "intent") continue;
    const existing = out[name];
    out[name] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return out;
}

/** Every message of a failed submission (form-level and per field), for pages that show them together. */
export function allErrors(error: Record<string, (string | null)[] | null> | null | undefined): string[] {
  return Object.values(error ?? {})
    .flat()
    .filter((e): e is string => typeof e === "string");
}
