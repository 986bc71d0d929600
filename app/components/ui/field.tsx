import { type FieldMetadata, getInputProps, getSelectProps } from "@conform-to/react";
import { useId, type ReactNode } from "react";
import { useTranslation } from "react-i18next";

/** Shows translated error messages (they arrive as translation keys) for one field or the form. */
export function ErrorList({ id, errors }: { id?: string; errors?: string[] | null }) {
  const { t } = useTranslation();
  const shown = errors?.filter(Boolean) ?? [];
  if (shown.length === 0) return null;
  return (
    <ul id={id} className="mt-1 space-y-1 text-sm text-red-700" role="alert">
      {shown.map((error) => (
        <li key={error}>{t(error)}</li>
      ))}
    </ul>
  );
}

type BaseProps = { label: ReactNode; hint?: ReactNode; className?: string };

export function Field({
  label,
  hint,
  field,
  type = "text",
  className,
  ...rest
}: BaseProps & {
  field: FieldMetadata<string | number | undefined | null>;
  type?: "text" | "email" | "password" | "number" | "date" | "time" | "search" | "tel" | "url";
} & Omit<React.InputHTMLAttributes<HTMLInputElement>, "type" | "name" | "id" | "form">) {
  const fallbackId = useId();
  const id = field.id ?? fallbackId;
  const hintId = hint ? `${id}-hint` : undefined;
  const props = getInputProps(field, { type, ariaDescribedBy: hintId });
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {hint ? (
        <p id={hintId} className="text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
      <input
        {...props}
        {...rest}
        key={props.key}
        className="mt-1 block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-slate-900 shadow-sm focus:border-emerald-700 focus:ring-2 focus:ring-emerald-700 focus:outline-none aria-[invalid]:border-red-700"
      />
      <ErrorList id={field.errorId} errors={field.errors} />
    </div>
  );
}

export function SelectField({
  label,
  hint,
  field,
  options,
  className,
}: BaseProps & { field: FieldMetadata<string | undefined | null>; options: { value: string; label: string }[] }) {
  const props = getSelectProps(field);
  return (
    <div className={className}>
      <label htmlFor={field.id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {hint ? <p className="text-sm text-slate-600">{hint}</p> : null}
      <select
        {...props}
        key={props.key}
        className="mt-1 block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-slate-900 focus:border-emerald-700 focus:ring-2 focus:ring-emerald-700 focus:outline-none"
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <ErrorList id={field.errorId} errors={field.errors} />
    </div>
  );
}
