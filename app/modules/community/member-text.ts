import { CONTROL_CHARACTERS } from "./control-characters";
import { z } from "zod";

/**
 * Text as members type it, made storable: NFC (so search and word lists see one spelling of
 * "thuốc"), CRLF → LF, trimmed, and without control characters — Postgres JSONB cannot hold
 * \u0000 at all, so one would otherwise turn a post into a 500.
 */
export function cleanMemberText(text: string): string {
  return text.normalize("NFC").replace(/\r\n?/g, "\n").replace(CONTROL_CHARACTERS, "").trim();
}

/** Counts what a person counts: an emoji is one character, not two UTF-16 units. */
export function characterCount(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

export function memberText(options: { max: number; required: string; tooLong: string }) {
  return z
    .string({ required_error: options.required, invalid_type_error: options.required })
    .transform(cleanMemberText)
    .refine((text) => text.length > 0, options.required)
    .refine((text) => characterCount(text) <= options.max, options.tooLong);
}

/** A list from form data: repeated fields, comma-separated strings, or an array; blanks dropped. */
export function formList(value: unknown): unknown {
  if (value === undefined || value === null) return [];
  const values = Array.isArray(value) ? value : [value];
  return values
    .flatMap((item) => (typeof item === "string" ? item.split(",") : [item]))
    .map((item) => (typeof item === "string" ? item.trim() : item))
    .filter((item) => item !== "");
}

/** Empty form fields arrive as "", which means "not given". */
export function blankToUndefined(value: unknown): unknown {
  return typeof value === "string" && value.trim() === "" ? undefined : value;
}

export function isUnique(values: readonly unknown[]): boolean {
  return new Set(values).size === values.length;
}
