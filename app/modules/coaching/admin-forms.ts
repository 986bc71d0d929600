import { z } from "zod";
import { optionalText } from "./profiles";

/** The forms of /admin/coaches. A member is named by their email (what an admin has in front of them). */

const memberEmail = z
  .string({ required_error: "coaching:errors.memberEmailRequired" })
  .trim()
  .email("coaching:errors.memberEmailRequired")
  .max(320, "coaching:errors.memberEmailRequired");
const coachId = z.string({ required_error: "coaching:errors.coachRequired" }).uuid("coaching:errors.coachRequired");
const reason = z
  .string({ required_error: "coaching:errors.reasonRequired" })
  .trim()
  .min(3, "coaching:errors.reasonRequired")
  .max(500, "coaching:errors.noteTooLong");

export const assignSchema = z.object({
  memberEmail,
  coachId,
  reason: optionalText(500, "coaching:errors.noteTooLong"),
});
export const reassignSchema = z.object({ memberEmail, coachId, reason });
export const endSchema = z.object({ memberEmail, reason });
