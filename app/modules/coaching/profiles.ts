import { z } from "zod";
import type { AppLocale } from "~/lib/i18n";

/** What a coach may say they specialise in: a fixed list, so members can filter on it and every label is translated. */
export const COACH_SPECIALTIES = [
  "heavy-smokers",
  "pregnancy",
  "relapse",
  "young-adults",
  "stress",
  "vaping",
  "weight-worries",
  "first-attempt",
] as const;
export type CoachSpecialty = (typeof COACH_SPECIALTIES)[number];

/** The languages a coach can coach in: the product's own languages. */
export const COACH_LANGUAGES = ["vi", "en"] as const;
export type CoachLanguage = (typeof COACH_LANGUAGES)[number];

export const specialtyLabelKey = (specialty: CoachSpecialty) => `coaching:specialties.${specialty}` as const;
export const languageLabelKey = (language: CoachLanguage) => `common:languages.${language}` as const;

export function isSpecialty(value: unknown): value is CoachSpecialty {
  return typeof value === "string" && (COACH_SPECIALTIES as readonly string[]).includes(value);
}
export function isCoachLanguage(value: unknown): value is CoachLanguage {
  return typeof value === "string" && (COACH_LANGUAGES as readonly string[]).includes(value);
}

export const MAX_BIO = 2000;
export const MAX_HEADLINE = 120;
export const MAX_CAPACITY = 1000;

// A checkbox group posts nothing, one string, or several strings.
const listOf = <T extends readonly [string, ...string[]]>(values: T, message: string) =>
  z.preprocess(
    (value) => (value === undefined || value === null || value === "" ? [] : Array.isArray(value) ? value : [value]),
    z.array(z.enum(values, { errorMap: () => ({ message }) })).transform((list) => [...new Set(list)]),
  );

// An empty text field is not posted at all (conform drops empty strings): absent means "".
export const optionalText = (max: number, message: string) =>
  z
    .string()
    .trim()
    .max(max, message)
    .optional()
    .transform((value) => value ?? "");

/** The coach's profile form (the photo is a separate file part, checked by the storage path). */
export const coachProfileSchema = z
  .object({
    headline: z
      .string({ required_error: "coaching:errors.headlineRequired" })
      .trim()
      .min(3, "coaching:errors.headlineRequired")
      .max(MAX_HEADLINE, "coaching:errors.headlineTooLong"),
    bioEn: optionalText(MAX_BIO, "coaching:errors.bioTooLong"),
    bioVi: optionalText(MAX_BIO, "coaching:errors.bioTooLong"),
    languages: listOf(COACH_LANGUAGES, "coaching:errors.languageInvalid").refine((l) => l.length > 0, "coaching:errors.languageRequired"),
    specialties: listOf(COACH_SPECIALTIES, "coaching:errors.specialtyInvalid"),
    yearsExperience: z.coerce
      .number({ invalid_type_error: "coaching:errors.yearsInvalid" })
      .int("coaching:errors.yearsInvalid")
      .min(0, "coaching:errors.yearsInvalid")
      .max(80, "coaching:errors.yearsInvalid"),
    // The photo is read and checked by its bytes on the server (profiles.server.ts), not here.
    photo: z.unknown().optional(),
  })
  .superRefine((form, ctx) => {
    if (!form.bioEn && !form.bioVi) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["bioEn"], message: "coaching:errors.bioRequired" });
  });
export type CoachProfileInput = z.output<typeof coachProfileSchema>;

/** What the directory filters on (GET parameters); anything unknown is ignored, not an error. */
export function directoryFilter(params: URLSearchParams): { language: CoachLanguage | null; specialty: CoachSpecialty | null } {
  const language = params.get("language");
  const specialty = params.get("specialty");
  return { language: isCoachLanguage(language) ? language : null, specialty: isSpecialty(specialty) ? specialty : null };
}

/** The bio a member reads: in their language, else the other one the coach wrote. */
export function bioFor(bio: { en?: string; vi?: string }, locale: AppLocale): { text: string; locale: AppLocale } | null {
  const own = bio[locale]?.trim();
  if (own) return { text: own, locale };
  const other: AppLocale = locale === "vi" ? "en" : "vi";
  const fallback = bio[other]?.trim();
  return fallback ? { text: fallback, locale: other } : null;
}

/** "Answers within N hours": minutes rounded up to whole hours, at least 1; null (a new coach) when nothing was answered. */
export function answerHours(medianMinutes: number | null): number | null {
  return medianMinutes === null || !Number.isFinite(medianMinutes) ? null : Math.max(1, Math.ceil(medianMinutes / 60));
}

/** "Match me": the languages the member can be coached in (at least one), specialties that matter to them, a note. */
export const matchRequestSchema = z.object({
  languages: listOf(COACH_LANGUAGES, "coaching:errors.languageInvalid").refine((l) => l.length > 0, "coaching:errors.languageRequired"),
  specialties: listOf(COACH_SPECIALTIES, "coaching:errors.specialtyInvalid"),
  note: optionalText(500, "coaching:errors.noteTooLong"),
});

/** Capacity an admin sets. */
export const capacitySchema = z.object({
  coachId: z.string().uuid(),
  capacity: z.coerce
    .number({ invalid_type_error: "coaching:errors.capacityInvalid" })
    .int("coaching:errors.capacityInvalid")
    .min(0, "coaching:errors.capacityInvalid")
    .max(MAX_CAPACITY, "coaching:errors.capacityInvalid"),
});

/** An admin's decision on a profile waiting for review; a rejection needs a note the coach can act on. */
export const reviewSchema = z
  .object({
    coachId: z.string().uuid(),
    decision: z.enum(["approve", "reject"], { errorMap: () => ({ message: "coaching:errors.decisionInvalid" }) }),
    note: optionalText(500, "coaching:errors.noteTooLong"),
  })
  .superRefine((form, ctx) => {
    if (form.decision === "reject" && form.note.length < 3)
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["note"], message: "coaching:errors.rejectNoteRequired" });
  });
