import { z } from "zod";
import type { ReactionType } from "#db/schema";

/** The database enum's values (community_reaction_type), spelled out: importing the schema would ship Drizzle to the browser. */
export const REACTION_TYPES = ["support", "celebrate", "hug"] as const satisfies readonly ReactionType[];

const reactionType = z.enum(REACTION_TYPES, { errorMap: () => ({ message: "community:errors.reactionInvalid" }) });

/**
 * A reaction button says which reaction it adds or takes back (`add=hug` or `remove=hug`), so a
 * double-submitted click asks for the same state twice rather than toggling back.
 */
export const reactionChoiceSchema = z
  .object({ add: reactionType.optional(), remove: reactionType.optional() })
  .refine((choice) => (choice.add === undefined) !== (choice.remove === undefined), {
    message: "community:errors.reactionInvalid",
    path: ["add"],
  })
  .transform((choice) => (choice.add ? { type: choice.add, on: true } : { type: choice.remove!, on: false }));
