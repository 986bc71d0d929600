import { z } from "zod";
import { addDays, daysBetween, isLocalDate, type LocalDate } from "~/lib/local-date";

/** The longest period a report covers at once (a year and a day, so "the last year" always fits). */
export const MAX_PERIOD_DAYS = 367;

const day = z
  .string()
  .refine((value) => isLocalDate(value), "reports:errors.dateInvalid")
  .optional();

/** What the period picker sends: dates as local days, optional package, coach and language filters (ids checked against the database later). */
export const reportQuerySchema = z
  .object({
    from: day,
    to: day,
    package: z.union([z.literal("basic"), z.string().uuid("reports:errors.packageUnknown")]).optional(),
    coach: z.string().uuid("reports:errors.coachUnknown").optional(),
    language: z.enum(["en", "vi"], { message: "reports:errors.languageUnknown" }).optional(),
  })
  .strict();

export type ReportFilter = {
  from: LocalDate;
  to: LocalDate;
  packageId: string | null;
  coachId: string | null;
  language: "en" | "vi" | null;
};

export type ReportPeriod = ReportFilter & { previous: { from: LocalDate; to: LocalDate }; days: number };

export type PeriodIssue = { field: string; message: string };

/**
 * Reads the picker's query string: by default the `defaultDays` (30) days up to `today`. A reversed or too long
 * range, a malformed date or an id that is not one are issues (a 400), never a guess.
 */
export function parseReportQuery(
  search: URLSearchParams,
  today: LocalDate,
  defaultDays = 30,
): { ok: true; period: ReportPeriod } | { ok: false; issues: PeriodIssue[] } {
  const raw = Object.fromEntries([...search.entries()].filter(([key, value]) => value !== "" && key !== "table"));
  const parsed = reportQuerySchema.safeParse(raw);
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.map((issue) => ({
        field: String(issue.path[0] ?? "period"),
        message:
          issue.code === "unrecognized_keys"
            ? "reports:errors.unknownFilter"
            : issue.message.startsWith("reports:")
              ? issue.message
              : "reports:errors.filterInvalid",
      })),
    };
  }
  const to = parsed.data.to ?? today;
  const from = parsed.data.from ?? addDays(to, -(defaultDays - 1));
  if (daysBetween(from, to) < 0) return { ok: false, issues: [{ field: "to", message: "reports:errors.periodReversed" }] };
  const days = daysBetween(from, to) + 1;
  if (days > MAX_PERIOD_DAYS) return { ok: false, issues: [{ field: "from", message: "reports:errors.periodTooLong" }] };
  return {
    ok: true,
    period: {
      from,
      to,
      days,
      packageId: parsed.data.package ?? null,
      coachId: parsed.data.coach ?? null,
      language: parsed.data.language ?? null,
      previous: { from: addDays(from, -days), to: addDays(from, -1) },
    },
  };
}
