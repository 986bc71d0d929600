import { z } from "zod";

export const takeSchema = z.object({ id: z.string().uuid() });
export const resolveSchema = z.object({
  id: z.string().uuid(),
  resolution: z
    .string({ required_error: "escalations:errors.resolutionRequired" })
    .trim()
    .min(3, "escalations:errors.resolutionRequired")
    .max(1000, "escalations:errors.resolutionTooLong"),
});
