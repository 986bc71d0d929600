import { DomainError } from "~/lib/domain-error";

/** Limits past which an answer is a typo or an attack, not a smoker. */
export const MAX_CIGARETTES_PER_DAY = 200;
export const MAX_YEARS_SMOKED = 90;
export const MAX_MINUTES_TO_FIRST_CIGARETTE = 24 * 60;
export const MAX_CIGARETTES_PER_PACK = 100;

/** Throws a DomainError unless `value` is a finite number in [min, max] (and whole, if asked). */
export function requireInRange(
  value: number,
  min: number,
  max: number,
  messageKey: string,
  options: { integer?: boolean; field?: string } = {},
): number {
  const ok =
    typeof value === "number" && Number.isFinite(value) && value >= min && value <= max && (!options.integer || Number.isInteger(value));
  if (!ok) throw new DomainError("invalid", messageKey, options.field ? { field: options.field } : {});
  return value;
}
