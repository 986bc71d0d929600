import { z } from "zod";
import type { Role } from "#db/schema";

/** The forms and filters of /admin/members, shared by the route, the module and the browser. */

export const PEOPLE_PAGE_SIZE = 25;
export const ROLES = ["member", "coach", "editor", "admin"] as const satisfies readonly Role[];

const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "people:errors.badDate")
  .refine(
    (day) => !Number.isNaN(Date.parse(`${day}T00:00:00Z`)) && new Date(`${day}T00:00:00Z`).toISOString().startsWith(day),
    "people:errors.badDate",
  );

const blankToUndefined = (value: unknown) => (value === "" || value === null ? undefined : value);

export const peopleFilterSchema = z
  .object({
    q: z.preprocess(blankToUndefined, z.string().trim().max(200, "people:errors.queryTooLong").optional()),
    role: z.preprocess(blankToUndefined, z.enum(ROLES, { message: "people:errors.badRole" }).optional()),
    status: z.preprocess(blankToUndefined, z.enum(["active", "suspended"], { message: "people:errors.badStatus" }).optional()),
    plan: z.preprocess(blankToUndefined, z.enum(["premium", "basic"], { message: "people:errors.badPlan" }).optional()),
    coached: z.preprocess(blankToUndefined, z.enum(["yes", "no"], { message: "people:errors.badCoached" }).optional()),
    from: z.preprocess(blankToUndefined, isoDay.optional()),
    to: z.preprocess(blankToUndefined, isoDay.optional()),
    after: z.preprocess(blankToUndefined, z.string().max(200).optional()),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { message: "people:errors.reversedRange", path: ["to"] });

export type PeopleFilter = z.infer<typeof peopleFilterSchema>;

const reason = z
  .string({ required_error: "people:errors.reasonRequired" })
  .trim()
  .min(3, "people:errors.reasonRequired")
  .max(500, "people:errors.reasonTooLong");

export const suspendSchema = z.object({ reason });
export const restoreSchema = z.object({ reason });
export const signOutSchema = z.object({ reason });
export const roleSchema = z.object({ role: z.enum(ROLES, { message: "people:errors.badRole" }), reason });
export const compSchema = z.object({
  packageId: z.string({ required_error: "people:errors.badPackage" }).uuid("people:errors.badPackage"),
  months: z.coerce
    .number({ invalid_type_error: "people:errors.badMonths" })
    .int("people:errors.badMonths")
    .min(1, "people:errors.badMonths")
    .max(12, "people:errors.badMonths"),
  reason,
});
