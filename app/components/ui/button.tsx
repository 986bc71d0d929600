import { type ButtonHTMLAttributes } from "react";

const variants = {
  primary: "bg-emerald-700 text-white hover:bg-emerald-800 focus-visible:outline-emerald-700",
  secondary: "bg-white text-slate-900 border border-slate-400 hover:bg-slate-50 focus-visible:outline-emerald-700",
  danger: "bg-red-700 text-white hover:bg-red-800 focus-visible:outline-red-700",
  link: "text-emerald-800 underline hover:text-emerald-950 px-0 py-0",
} as const;

/**
 * A link alone on its line ("Back to sessions", "Forgot your password?", a footer entry): inline-flex,
 * so on a phone the base rule in tailwind.css gives it a 44 px target. A link inside a sentence stays
 * a plain inline link (WCAG 2.5.8 exempts it).
 */
export const textLinkClass = "inline-flex items-center";

export function buttonClass(variant: keyof typeof variants = "primary") {
  return `inline-flex items-center justify-center gap-2 rounded-md px-4 py-2 text-sm font-semibold focus-visible:outline-2 focus-visible:outline-offset-2 disabled:opacity-60 ${variants[variant]}`;
}

/** A submit button that shows progress while its form is in flight. */
export function StatusButton({
  pending = false,
  pendingLabel,
  variant = "primary",
  children,
  className = "",
  ...rest
}: ButtonHTMLAttributes<HTMLButtonElement> & { pending?: boolean; pendingLabel?: string; variant?: keyof typeof variants }) {
  return (
    <button
      type="submit"
      {...rest}
      aria-busy={pending || undefined}
      disabled={pending || rest.disabled}
      className={`${buttonClass(variant)} ${className}`}
    >
      {pending ? (
        <span className="size-4 animate-spin rounded-full border-2 border-current border-t-transparent" aria-hidden="true" />
      ) : null}
      {pending && pendingLabel ? pendingLabel : children}
    </button>
  );
}
