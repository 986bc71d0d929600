import { z } from "zod";

/** Browsers send "" for an empty field; treat it as absent. */
function blankToUndefined(value: unknown): unknown {
  if (typeof value === "string" && value.trim() === "") return undefined;
  return value;
}

/** A number typed into a form ("12"), or already a number. */
export function formNumber(messageKey: string, bounds: { min: number; max: number; integer?: boolean }) {
  let number = z
    .number({ required_error: messageKey, invalid_type_error: messageKey })
    .finite(messageKey)
    .min(bounds.min, messageKey)
    .max(bounds.max, messageKey);
  if (bounds.integer) number = number.int(messageKey);
  return z.preprocess((value) => {
    const present = blankToUndefined(value);
    return typeof present === "string" ? Number(present.trim()) : present;
  }, number);
}

/** A checkbox: "on" (or true) when ticked, absent when not. */
export const formCheckbox = z.preprocess((value) => value === true || value === "on" || value === "true", z.boolean());

/** A yes/no question that must be answered (radio buttons "yes"/"no"). */
export function formYesNo(messageKey: string) {
  return z.preprocess(
    (value) => {
      if (value === true || value === "yes" || value === "true" || value === "on") return true;
      if (value === false || value === "no" || value === "false") return false;
      return undefined;
    },
    z.boolean({ required_error: messageKey, invalid_type_error: messageKey }),
  );
}

/** Optional free text: trimmed, "" is absent. */
export function formOptionalText(maxLength: number, messageKey: string) {
  return z.preprocess(
    (value) => (typeof value === "string" ? blankToUndefined(value.trim()) : value),
    z.string({ invalid_type_error: messageKey }).max(maxLength, messageKey).optional(),
  );
}

/** A list from repeated form fields: one value arrives as a string, none as nothing. Blank entries are dropped. */
export function formList<T extends z.ZodTypeAny>(item: T, size: { min?: number; max: number; messageKey: string }) {
  return z.preprocess(
    (value) => {
      const list = value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];
      return list.map((entry) => (typeof entry === "string" ? entry.trim() : entry)).filter((entry) => entry !== "");
    },
    z
      .array(item)
      .min(size.min ?? 0, size.messageKey)
      .max(size.max, size.messageKey),
  );
}
