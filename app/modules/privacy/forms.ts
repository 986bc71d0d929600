import { z } from "zod";

const password = z.string({ required_error: "privacy:errors.passwordRequired" }).min(1, "privacy:errors.passwordRequired").max(200);

/** "Download my data": the password again, so a borrowed browser cannot take everything. */
export const exportRequestSchema = z.object({ password });

/** "Delete my account": the password, the member's choice for their posts, and that they understood. */
export const erasureRequestSchema = z.object({
  password,
  keepPosts: z.boolean().default(false),
  understood: z.boolean({ required_error: "privacy:errors.mustUnderstand" }).refine((v) => v, { message: "privacy:errors.mustUnderstand" }),
});

/** Profile visibility in the community and who may open shared badges; unchecked boxes arrive as absent. */
export const visibilitySchema = z.object({
  nameShown: z.enum(["full", "initials"], { errorMap: () => ({ message: "privacy:errors.choose" }) }),
  avatarShown: z.boolean().default(false),
  smokeFreeDaysShown: z.boolean().default(false),
  badgeShareAudience: z.enum(["link", "members", "nobody"], { errorMap: () => ({ message: "privacy:errors.choose" }) }),
});
