import { z } from "zod";
import { checkInSchema, cigaretteLogSchema, cravingLogSchema } from "~/modules/journey/profile";
import { type LocalDate } from "~/lib/local-date";

const clientId = z.string({ required_error: "errors:badRequest.title" }).uuid("errors:badRequest.title");

/** The logs a phone may queue offline: the pages' own schemas, each with the browser's client id. */
export function offlineLogSchemas(today: LocalDate) {
  return {
    "check-in": checkInSchema(today).extend({ clientId }),
    "log-cigarette": cigaretteLogSchema(today).extend({ clientId }),
    "log-craving": cravingLogSchema(today).extend({ clientId }),
  };
}

/** The message keys of a refused submission, form-level first, for the member's queue list. */
export function refusalKeys(error: Record<string, string[] | null> | undefined): string[] {
  return Object.values(error ?? {})
    .flatMap((messages) => messages ?? [])
    .filter((key, i, all) => all.indexOf(key) === i);
}
