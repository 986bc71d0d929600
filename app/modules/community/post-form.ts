import { z } from "zod";
import { postFormSchema } from "./post-body";

const checkbox = z.preprocess((value) => value === "on" || value === "true" || value === true, z.boolean());

/** The whole post form: the body (versioned schema) plus who may see the author and the story. */
export const postSubmissionSchema = postFormSchema.and(z.object({ anonymous: checkbox, publicConsent: checkbox }));
export type PostSubmission = z.output<typeof postSubmissionSchema>;

/** Splits a validated submission into the stored body and the flags. */
export function splitSubmission(submission: PostSubmission, extraImageIds: string[] = []) {
  const { anonymous, publicConsent, ...body } = submission;
  return { body: { ...body, imageIds: [...body.imageIds, ...extraImageIds] }, anonymous, publicConsent };
}
