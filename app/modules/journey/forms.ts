import { z } from "zod";
import { DomainError } from "~/lib/domain-error";
import type { AppLocale } from "~/lib/i18n";
import { parseMoneyInput } from "~/lib/money-input";
import { isLocalDate, type LocalDate } from "~/lib/local-date";
import { boundedCache } from "~/lib/cache";
import { formCheckbox, formList, formNumber, formOptionalText, formYesNo } from "./form-input";
import { cigaretteLogSchema, cravingLogSchema, moodLogSchema, optionalClientId, smokingProfileSchema, validateQuitDate } from "./profile";
import { MAX_PACK_PRICE_MINOR } from "./progress";
import { COPING_STRATEGIES } from "./triggers";

/** The three onboarding steps; each posts every earlier answer again, so no step needs JavaScript or a draft row. */
export const ONBOARDING_STEPS = ["habits", "triggers", "dependence"] as const;
export type OnboardingStep = (typeof ONBOARDING_STEPS)[number];

const base = smokingProfileSchema.omit({ packPriceMinor: true }).shape;

/** The pack price typed in major units ("1.25" USD, "35.000" VND), checked exactly in the reader's locale below. */
const packPriceField = z.string({ required_error: "journey:errors.packPriceInvalid" }).trim().min(1, "journey:errors.packPriceInvalid");

function withPrice<T extends z.ZodRawShape>(shape: T, locale: AppLocale) {
  return z
    .object({ ...shape, packPrice: packPriceField, currency: base.currency })
    .superRefine((value, ctx) => {
      try {
        const minor = parseMoneyInput(value.packPrice as string, value.currency as string, locale);
        if (minor < 1 || minor > MAX_PACK_PRICE_MINOR) throw new DomainError("invalid", "journey:errors.packPriceInvalid");
      } catch {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["packPrice"], message: "journey:errors.packPriceInvalid" });
      }
    })
    .transform(({ packPrice, ...rest }) => ({
      ...rest,
      packPriceMinor: parseMoneyInput(packPrice as string, rest.currency as string, locale),
    }));
}

const habits = {
  cigarettesPerDay: base.cigarettesPerDay,
  yearsSmoked: base.yearsSmoked,
  cigarettesPerPack: base.cigarettesPerPack,
  brand: base.brand,
};
const triggers = { triggers: base.triggers, customTriggers: base.customTriggers, reasons: base.reasons };
const dependence = {
  minutesToFirstCigarette: base.minutesToFirstCigarette,
  difficultToRefrain: base.difficultToRefrain,
  hatesToGiveUp: base.hatesToGiveUp,
  smokesMoreInMorning: base.smokesMoreInMorning,
  smokesWhenIll: base.smokesWhenIll,
};

/** What each step validates: its own answers plus everything before it. */
export function onboardingStepSchemas(locale: AppLocale) {
  return {
    habits: withPrice(habits, locale),
    triggers: withPrice({ ...habits, ...triggers }, locale),
    dependence: withPrice({ ...habits, ...triggers, ...dependence }, locale),
  };
}

/** Reasons typed one per line in a textarea. */
const reasonLines = z.preprocess(
  (value) => (typeof value === "string" ? value.split(/\r?\n/) : value),
  formList(z.string().max(200, "journey:errors.reasonTooLong"), { min: 1, max: 10, messageKey: "journey:errors.reasonsCount" }),
);

function quitDateField(today: LocalDate) {
  return z.string({ required_error: "journey:errors.dateInvalid" }).superRefine((date, ctx) => {
    const problem = validateQuitDate(date, today);
    if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
  });
}

/** Accepting the proposed plan: the member may move the quit date and choose to cut down first. */
export function acceptPlanSchema(today: LocalDate) {
  return z.object({ quitDate: quitDateField(today), reduceFirst: formCheckbox });
}

const stageDate = z.string().refine(isLocalDate, "journey:errors.dateInvalid");

/** Editing the current plan: reasons, quit date, each stage's start date and each daily target. */
export function editPlanSchema(today: LocalDate) {
  return z.object({
    reasons: reasonLines,
    quitDate: quitDateField(today),
    stageStarts: formList(stageDate, { min: 1, max: 6, messageKey: "journey:errors.dateInvalid" }),
    targets: z.preprocess(
      (value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]),
      z.array(formNumber("journey:errors.targetInvalid", { min: 0, max: 200, integer: true })).max(60, "journey:errors.targetInvalid"),
    ),
    changeNote: formOptionalText(200, "journey:errors.noteTooLong"),
  });
}

/** The recovery step after a slip. */
export const slipReflectionSchema = z.object({
  date: z.string().refine(isLocalDate, "journey:errors.dateInvalid"),
  trigger: formOptionalText(60, "journey:errors.customTriggerTooLong"),
  whatHappened: formOptionalText(500, "journey:errors.noteTooLong"),
  copingStrategy: z.enum(COPING_STRATEGIES, { errorMap: () => ({ message: "journey:errors.copingRequired" }) }),
});

export const followUpSchema = z.object({
  followUp: z.enum(["4-weeks", "12-weeks", "26-weeks", "52-weeks"], { errorMap: () => ({ message: "journey:errors.answerRequired" }) }),
  smokedSinceDay14: formYesNo("journey:errors.answerRequired"),
  smokedPast7Days: formYesNo("journey:errors.answerRequired"),
  cigarettesSinceDay14: formNumber("journey:errors.cigaretteTotalInvalid", { min: 0, max: 100_000, integer: true }),
});

/** Starting again after a relapse. */
export function newAttemptSchema(today: LocalDate) {
  return z.object({
    quitDate: quitDateField(today),
    reduceFirst: formCheckbox,
    cigarettesPerDay: formNumber("journey:errors.cigarettesPerDayInvalid", { min: 1, max: 200, integer: true }),
  });
}

const logId = z.object({ id: z.string().uuid("errors:notFound.title") });

/** Schemas depend only on the day, and the log page asks for them once per form per render. */
const logSchemasByDay = boundedCache<LocalDate, ReturnType<typeof buildLogFormSchemas>>("log-form-schemas", 64, {
  evenWhenCachesOff: true,
});

/** The log page's forms on the member's `today`: new and edited cigarettes and cravings, moods, deletions. */
export function logFormSchemas(today: LocalDate) {
  return logSchemasByDay.getOrCreate(today, () => buildLogFormSchemas(today));
}

function buildLogFormSchemas(today: LocalDate) {
  return {
    "log-cigarette": cigaretteLogSchema(today).extend({ clientId: optionalClientId }),
    "update-cigarette": cigaretteLogSchema(today).merge(logId),
    "log-craving": cravingLogSchema(today).extend({ clientId: optionalClientId }),
    "update-craving": cravingLogSchema(today).merge(logId),
    "log-mood": moodLogSchema(today).extend({ note: formOptionalText(1000, "journey:errors.noteTooLong") }),
    "delete-log": logId.extend({ kind: z.enum(["cigarette", "craving", "mood"]) }),
  };
}

export const chartPeriods = [7, 30, 90] as const;
export type ChartPeriod = (typeof chartPeriods)[number];
export function chartPeriod(value: string | null): ChartPeriod {
  const n = Number(value);
  return (chartPeriods as readonly number[]).includes(n) ? (n as ChartPeriod) : 30;
}
