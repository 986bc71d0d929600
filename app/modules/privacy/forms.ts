import { z } from "zod";

const password = z.string({ required_error: "privacy:errors.passwordRequired" }).min(1, "privacy:errors.passwordRequired").max(200);

/** "Download my data": the password again, so a borrowed browser cannot take everything. */
export const exportRequestSchema = z.object({ password });

/** "Delete my account": the password, the member's choice for their posts and coaching chats, and that they understood. */
export const erasureRequestSchema = z.object({
  password,
  keepPosts: z.boolean().default(false),
  keepMessages: z.boolean().default(false),
  understood: z.boolean({ required_error: "privacy:errors.mustUnderstand" }).refine((v) => v, { message: "privacy:errors.mustUnderstand" }),
});

/** One consent withdrawn from the privacy centre (the purposes listed in consents.server.ts). */
export const withdrawConsentSchema = z.object({
  purpose: z.enum(["health-data", "ai-coach", "external-ai-provider", "coach-access", "email", "sms"], {
    errorMap: () => ({ message: "privacy:errors.choose" }),
  }),
});

/** Profile visibility in the community and who may open shared badges; unchecked boxes arrive as absent. */
export const visibilitySchema = z.object({
  nameShown: z.enum(["full", "initials"], { errorMap: () => ({ message: "privacy:errors.choose" }) }),
  avatarShown: z.boolean().default(false),
  smokeFreeDaysShown: z.boolean().default(false),
  badgeShareAudience: z.enum(["link", "members", "nobody"], { errorMap: () => ({ message: "privacy:errors.choose" }) }),
});

/** How an admin confirmed that a request by email or letter comes from the member themself. */
export const IDENTITY_CHECKS = ["id-document", "account-email-reply", "signed-letter", "video-call"] as const;
export type IdentityCheck = (typeof IDENTITY_CHECKS)[number];

/** A data request an admin handles on a member's behalf: who, what, how their identity was checked, and why. */
export const dataRequestSchema = z.object({
  email: z
    .string({ required_error: "privacy:errors.emailRequired" })
    .trim()
    .email("privacy:errors.emailRequired")
    .max(320, "privacy:errors.emailRequired"),
  request: z.enum(["export", "erase"], { errorMap: () => ({ message: "privacy:errors.choose" }) }),
  identityCheck: z.enum(IDENTITY_CHECKS, { errorMap: () => ({ message: "privacy:errors.choose" }) }),
  reason: z
    .string({ required_error: "privacy:errors.reasonRequired" })
    .trim()
    .min(5, "privacy:errors.reasonRequired")
    .max(500, "privacy:errors.reasonTooLong"),
  keepPosts: z.boolean().default(false),
  keepMessages: z.boolean().default(false),
});
export type DataRequestInput = z.infer<typeof dataRequestSchema>;
