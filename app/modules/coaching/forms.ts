import { z } from "zod";
import { formCheckbox, formOptionalText } from "~/modules/journey/form-input";

/** A case note as typed: plain text (shown as text, never as HTML), 1 to 4,000 characters. */
export const caseNoteSchema = z.object({
  body: z.preprocess(
    (v) => (typeof v === "string" ? v.trim() : v),
    z
      .string({ required_error: "caseload:errors.noteRequired" })
      .min(1, "caseload:errors.noteRequired")
      .max(4000, "caseload:errors.caseNoteTooLong"),
  ),
});

/** The graduation step: the coach must confirm; before six months the coach and member must also agree (checked on the server). */
export const graduationSchema = z.object({
  agreed: formCheckbox,
  confirm: formCheckbox.refine((v) => v, "caseload:errors.confirmRequired"),
  note: formOptionalText(500, "caseload:errors.noteTooLong"),
});

export const proposalDecisionSchema = z.object({ proposalId: z.string().uuid("errors:notFound.title") });

export const coachMayEditPlanSchema = z.object({ coachMayEditPlan: formCheckbox });
