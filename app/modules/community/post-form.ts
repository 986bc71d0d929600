import { z } from "zod";
import { postFormSchema } from "./post-body";

const checkbox = z.preprocess((value) => value === "on" || value === "true" || value === true, z.boolean());

/**
 * The whole post form: the body (versioned schema), who may see the author and the story, and the
 * photos chosen in the file input (read and checked from the multipart body on the server).
 */
export const postSubmissionSchema = postFormSchema.and(
  z.object({ anonymous: checkbox, publicConsent: checkbox, images: z.unknown().optional() }),
);
export type PostSubmission = z.output<typeof postSubmissionSchema>;

/** Splits a validated submission into the stored body and the flags. */
export function splitSubmission(submission: PostSubmission, extraImageIds: string[] = []) {
  const { anonymous, publicConsent, images: _photos, ...body } = submission;
  return { body: { ...body, imageIds: [...body.imageIds, ...extraImageIds] }, anonymous, publicConsent };
}
