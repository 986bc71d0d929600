import { z } from "zod";

const version = z.coerce.number().int().positive().max(1_000_000).optional();

/** The versions a member was shown and accepts (only those that changed), and where they were. */
export const acceptDocumentsSchema = z.object({ terms: version, privacy: version, redirectTo: z.string().max(2000).optional() });
