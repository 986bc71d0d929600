import { z } from "zod";
import { FEEDBACK_CATEGORIES, FEEDBACK_STATUSES } from "./words";
import type { WeeklyHours } from "./slots";

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;
const hhmm = z.string().regex(HHMM, "sessions:errors.time");
const minutesOf = (value: string) => Number(value.slice(0, 2)) * 60 + Number(value.slice(3, 5));

/** Weekly hours as the availability form posts them: one optional start–end per weekday. */
export const weeklyHoursFormSchema = z
  .object(
    Object.fromEntries(
      ["1", "2", "3", "4", "5", "6", "7"].flatMap((d) => [
        [`start${d}`, hhmm.optional()],
        [`end${d}`, hhmm.optional()],
      ]),
    ) as Record<string, z.ZodOptional<typeof hhmm>>,
  )
  .superRefine((value, ctx) => {
    for (const d of ["1", "2", "3", "4", "5", "6", "7"]) {
      const start = value[`start${d}`];
      const end = value[`end${d}`];
      if (!start && !end) continue;
      if (!start || !end || minutesOf(start) >= minutesOf(end)) {
        ctx.addIssue({ code: "custom", path: [`end${d}`], message: "sessions:errors.hoursOrder" });
      }
    }
  });

export function weeklyHoursFromForm(value: Record<string, string | undefined>): WeeklyHours {
  const hours: WeeklyHours = {};
  for (const d of ["1", "2", "3", "4", "5", "6", "7"] as const) {
    const start = value[`start${d}`];
    const end = value[`end${d}`];
    if (start && end) hours[d] = [{ start, end }];
  }
  return hours;
}

const instant = z
  .string({ required_error: "sessions:errors.slotRequired" })
  .refine((value) => !Number.isNaN(Date.parse(value)), "sessions:errors.slotRequired")
  .transform((value) => new Date(value));

export const bookSchema = z.object({
  coachId: z.string().uuid("errors:notFound.title"),
  startsAt: instant,
  topic: z.string().trim().max(500, "sessions:errors.topicTooLong").default(""),
});

export const rescheduleSchema = z.object({ startsAt: instant });
export const cancelSchema = z.object({ reason: z.string().trim().max(500, "sessions:errors.topicTooLong").default("") });
export const coachCancelSchema = z.object({
  sessionId: z.string().uuid("errors:notFound.title"),
  reason: z
    .string({ required_error: "sessions:errors.reasonRequired" })
    .trim()
    .min(1, "sessions:errors.reasonRequired")
    .max(500, "sessions:errors.topicTooLong"),
});
export const sessionIdSchema = z.object({ sessionId: z.string().uuid("errors:notFound.title") });

const minutes = (min: number, max: number) =>
  z.coerce
    .number({ invalid_type_error: "sessions:errors.minutes" })
    .int("sessions:errors.minutes")
    .min(min, "sessions:errors.minutes")
    .max(max, "sessions:errors.minutes");

export const availabilitySchema = z
  .object({
    sessionMinutes: minutes(15, 180),
    bufferMinutes: minutes(0, 120),
    noticeMinutes: minutes(0, 10080),
    autoConfirm: z.preprocess((v) => v === "on" || v === "true", z.boolean()).default(false),
  })
  .and(weeklyHoursFormSchema);

const clock = z.string({ required_error: "sessions:errors.time" }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, "sessions:errors.time");
export const exceptionSchema = z.object({
  kind: z.enum(["time-off", "extra"], { errorMap: () => ({ message: "sessions:errors.category" }) }),
  date: z.string({ required_error: "sessions:errors.dateInvalid" }).regex(/^\d{4}-\d{2}-\d{2}$/, "sessions:errors.dateInvalid"),
  start: clock,
  end: clock,
  note: z.string().trim().max(200, "sessions:errors.contactTooLong").default(""),
});

export const feedbackSchema = z.object({
  category: z.enum(FEEDBACK_CATEGORIES, { errorMap: () => ({ message: "sessions:errors.category" }) }),
  message: z
    .string({ required_error: "sessions:errors.messageRequired" })
    .trim()
    .min(1, "sessions:errors.messageRequired")
    .max(5000, "sessions:errors.messageTooLong"),
  contact: z.string().trim().max(200, "sessions:errors.contactTooLong").optional(),
});

export const respondSchema = z.object({
  feedbackId: z.string().uuid("errors:notFound.title"),
  status: z.enum(FEEDBACK_STATUSES, { errorMap: () => ({ message: "sessions:errors.category" }) }),
  response: z.string().trim().max(5000, "sessions:errors.messageTooLong").optional(),
});

export const helpfulSchema = z.object({
  subject: z.enum(["article", "plan-task", "motivation-message"]),
  subjectId: z.string().trim().min(1).max(100),
  helpful: z.enum(["yes", "no"]).transform((v) => v === "yes"),
  comment: z.string().trim().max(1000, "sessions:errors.commentTooLong").default(""),
});

export const remindersSchema = z.object({
  lastReminderInQuietHours: z.preprocess((v) => v === "on" || v === "true", z.boolean()).default(false),
});
