import { z } from "zod";
import type { smokingProfiles } from "#db/schema";
import { CURRENCIES } from "~/lib/currencies";
import { MAX_CIGARETTES_PER_DAY, MAX_CIGARETTES_PER_PACK, MAX_YEARS_SMOKED } from "./bounds";
import { daysBetween, isLocalDate, type LocalDate } from "~/lib/local-date";
import { formCheckbox, formList, formNumber, formOptionalText, formYesNo } from "./form-input";
import { MAX_PACK_PRICE_MINOR, smokingSpendMinor } from "./progress";
import { TRIGGERS } from "./triggers";
import { brinkmanIndex, packYears, scoreFtnd, scoreHsi, type FtndAnswers } from "./assessment";

/** Bump when the consent text changes; members then consent again before new health data is kept. */
export const CONSENT_PURPOSE_VERSION = "2026-11-health-data-v1";

export const consentSchema = z.object({
  purposeVersion: z.literal(CONSENT_PURPOSE_VERSION, { errorMap: () => ({ message: "journey:errors.consentOutdated" }) }),
  agree: formCheckbox.refine((agreed) => agreed, "journey:errors.consentRequired"),
});

/** FTND item 1 answer options, each with minutes that fall inside its band. */
export const FIRST_CIGARETTE_ANSWERS = {
  "within-5": 5,
  "6-30": 30,
  "31-60": 60,
  "after-60": 90,
} as const;
export type FirstCigaretteAnswer = keyof typeof FIRST_CIGARETTE_ANSWERS;

const firstCigaretteAnswer = z.enum(Object.keys(FIRST_CIGARETTE_ANSWERS) as [FirstCigaretteAnswer, ...FirstCigaretteAnswer[]], {
  errorMap: () => ({ message: "journey:errors.answerRequired" }),
});

export const trigger = z.enum(TRIGGERS, { errorMap: () => ({ message: "journey:errors.triggerInvalid" }) });
const customTrigger = z.string().max(60, "journey:errors.customTriggerTooLong");
const reason = z.string().max(200, "journey:errors.reasonTooLong");

export const smokingProfileSchema = z.object({
  cigarettesPerDay: formNumber("journey:errors.cigarettesPerDayInvalid", { min: 1, max: MAX_CIGARETTES_PER_DAY, integer: true }),
  // Fractional years are allowed: "18 months" is 1.5.
  yearsSmoked: formNumber("journey:errors.yearsSmokedInvalid", { min: 0, max: MAX_YEARS_SMOKED }),
  cigarettesPerPack: z.preprocess(
    (value) => (value === undefined || value === "" ? 20 : value),
    formNumber("journey:errors.cigarettesPerPackInvalid", { min: 1, max: MAX_CIGARETTES_PER_PACK, integer: true }),
  ),
  packPriceMinor: formNumber("journey:errors.packPriceInvalid", { min: 1, max: MAX_PACK_PRICE_MINOR, integer: true }),
  currency: z.enum(CURRENCIES, { errorMap: () => ({ message: "journey:errors.currencyInvalid" }) }),
  brand: formOptionalText(80, "journey:errors.brandTooLong"),
  triggers: formList(trigger, { max: TRIGGERS.length, messageKey: "journey:errors.triggerInvalid" }).refine(
    (list) => new Set(list).size === list.length,
    "journey:errors.triggerInvalid",
  ),
  customTriggers: formList(customTrigger, { max: 5, messageKey: "journey:errors.customTriggersTooMany" }),
  reasons: formList(reason, { min: 1, max: 10, messageKey: "journey:errors.reasonsCount" }),
  minutesToFirstCigarette: firstCigaretteAnswer,
  difficultToRefrain: formYesNo("journey:errors.answerRequired"),
  hatesToGiveUp: z.enum(["first-morning", "other"], { errorMap: () => ({ message: "journey:errors.answerRequired" }) }),
  smokesMoreInMorning: formYesNo("journey:errors.answerRequired"),
  smokesWhenIll: formYesNo("journey:errors.answerRequired"),
});
export type SmokingProfile = z.infer<typeof smokingProfileSchema>;

/** The profile's answers in the shape scoreFtnd takes. */
export function ftndAnswers(profile: SmokingProfile): FtndAnswers {
  return {
    minutesToFirstCigarette: FIRST_CIGARETTE_ANSWERS[profile.minutesToFirstCigarette],
    difficultToRefrain: profile.difficultToRefrain,
    hatesToGiveUp: profile.hatesToGiveUp,
    cigarettesPerDay: profile.cigarettesPerDay,
    smokesMoreInMorning: profile.smokesMoreInMorning,
    smokesWhenIll: profile.smokesWhenIll,
  };
}

export type ProfileRow = typeof smokingProfiles.$inferSelect;

/** The figures shown back after the profile, with what they mean. */
export function profileResults(profile: ProfileRow) {
  const answers = profile.ftndAnswers as Record<string, unknown>;
  const input = { ...answers, cigarettesPerDay: profile.cigarettesPerDay } as Parameters<typeof ftndAnswers>[0];
  const ftnd = scoreFtnd(ftndAnswers(input));
  return {
    ftnd,
    hsi: scoreHsi(ftndAnswers(input)),
    brinkman: brinkmanIndex(profile.cigarettesPerDay, profile.yearsSmoked),
    packYears: packYears(profile.cigarettesPerDay, profile.yearsSmoked),
    spend: smokingSpendMinor({
      cigarettesPerDay: profile.cigarettesPerDay,
      pricePerPackMinor: profile.packPriceMinor,
      cigarettesPerPack: profile.cigarettesPerPack,
    }),
  };
}

export const LOG_BACKFILL_DAYS = 7;
export const QUIT_DATE_MAX_DAYS_BACK = 365;
export const QUIT_DATE_MAX_DAYS_AHEAD = 90;

/** Null when a member may log for `date` on their local `today`, else the message key. */
export function validateLogDate(date: string, today: LocalDate): string | null {
  if (!isLocalDate(date)) return "journey:errors.dateInvalid";
  const ahead = daysBetween(today, date);
  if (ahead > 0) return "journey:errors.logDateInFuture";
  if (ahead < -LOG_BACKFILL_DAYS) return "journey:errors.logDateTooOld";
  return null;
}

/** Null when `date` can be a quit date on the member's local `today`, else the message key. */
export function validateQuitDate(date: string, today: LocalDate): string | null {
  if (!isLocalDate(date)) return "journey:errors.dateInvalid";
  const ahead = daysBetween(today, date);
  if (ahead > QUIT_DATE_MAX_DAYS_AHEAD) return "journey:errors.quitDateTooFar";
  if (ahead < -QUIT_DATE_MAX_DAYS_BACK) return "journey:errors.quitDateTooOld";
  return null;
}

function dateField(today: LocalDate, validate: (date: string, today: LocalDate) => string | null, defaultToday: boolean) {
  return z.preprocess(
    (value) => (defaultToday && (value === undefined || value === "") ? today : value),
    z
      .string({ required_error: "journey:errors.dateInvalid", invalid_type_error: "journey:errors.dateInvalid" })
      .superRefine((date, ctx) => {
        const problem = validate(date, today);
        if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
      }),
  );
}

/** A log's day: the member's today unless they back-fill one of the last 7 days. */
export function logDate(today: LocalDate) {
  return dateField(today, validateLogDate, true);
}

export function quitDateSchema(today: LocalDate) {
  return z.object({ quitDate: dateField(today, validateQuitDate, false) });
}

const moodScore = formNumber("journey:errors.moodInvalid", { min: 1, max: 5, integer: true });
/** A known trigger key or the member's own words. */
const logTrigger = formOptionalText(60, "journey:errors.customTriggerTooLong");

/** Sent by the member pages with a new log (a fresh one per post), so the same post queued on the device and landing late stores one row. */
export const optionalClientId = z.string().uuid("errors:badRequest.title").optional();

export function cigaretteLogSchema(today: LocalDate) {
  return z.object({
    date: logDate(today),
    count: formNumber("journey:errors.cigaretteLogCountInvalid", { min: 1, max: 100, integer: true }),
    time: formOptionalText(5, "journey:errors.timeInvalid").refine(
      (time) => time === undefined || /^([01]\d|2[0-3]):[0-5]\d$/.test(time),
      "journey:errors.timeInvalid",
    ),
    trigger: logTrigger,
    place: formOptionalText(60, "journey:errors.placeTooLong"),
    mood: moodScore.optional(),
  });
}

export function cravingLogSchema(today: LocalDate) {
  return z.object({
    date: logDate(today),
    intensity: formNumber("journey:errors.intensityInvalid", { min: 1, max: 10, integer: true }),
    trigger: logTrigger,
    resisted: formCheckbox,
    // A strategy key from the plan, or what the member did in their own words.
    copingStrategy: formOptionalText(120, "journey:errors.copingTooLong"),
  });
}

export function moodLogSchema(today: LocalDate) {
  return z.object({ date: logDate(today), mood: moodScore });
}

export function noteSchema(today: LocalDate) {
  return z.object({
    date: logDate(today),
    note: z.preprocess(
      (value) => (typeof value === "string" ? value.trim() : value),
      z
        .string({ required_error: "journey:errors.noteRequired" })
        .min(1, "journey:errors.noteRequired")
        .max(1000, "journey:errors.noteTooLong"),
    ),
  });
}

/** The one-tap "no cigarettes today" check-in: the day is all it needs. */
export function checkInSchema(today: LocalDate) {
  return z.object({ date: logDate(today) });
}
