import { z } from "zod";

/** How many ratings' worth of the overall mean a coach starts with, so two 5-star ratings do not top the directory. */
export const PRIOR_WEIGHT = 5;
/** The mean a coach is pulled towards before anyone has rated anyone. */
export const DEFAULT_PRIOR_MEAN = 4;
export const RATING_EDIT_DAYS = 7;
/** Ratings at or below this are highlighted for admins. */
export const LOW_RATING = 2;

/** (prior weight × prior mean + sum of stars) / (prior weight + count); null for a coach nobody rated. */
export function bayesianAverage(sum: number, count: number, priorMean: number, priorWeight = PRIOR_WEIGHT): number | null {
  if (count === 0) return null;
  return (priorWeight * priorMean + sum) / (priorWeight + count);
}

export function ratingEditableUntil(createdAt: Date): Date {
  return new Date(createdAt.getTime() + RATING_EDIT_DAYS * 24 * 3600 * 1000);
}

export const ratingSchema = z.object({
  stars: z.coerce
    .number({ invalid_type_error: "sessions:errors.stars" })
    .int("sessions:errors.stars")
    .min(1, "sessions:errors.stars")
    .max(5, "sessions:errors.stars"),
  comment: z.string().trim().max(1000, "sessions:errors.commentTooLong").default(""),
});
