import { describe, expect, it } from "vitest";
import { reactionTypeEnum } from "#db/schema";
import { REACTION_TYPES, reactionChoiceSchema } from "./reaction";

describe("reaction choice", () => {
  it("knows exactly the reactions the database enum allows", () => {
    expect([...REACTION_TYPES]).toEqual(reactionTypeEnum.enumValues);
  });

  it("adds or takes back one named reaction", () => {
    expect(reactionChoiceSchema.parse({ add: "hug" })).toEqual({ type: "hug", on: true });
    expect(reactionChoiceSchema.parse({ remove: "celebrate" })).toEqual({ type: "celebrate", on: false });
  });
  it("refuses an unknown reaction, none, or both at once", () => {
    for (const input of [{ add: "love" }, {}, { add: "hug", remove: "hug" }, { remove: "" }]) {
      const result = reactionChoiceSchema.safeParse(input);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toBe("community:errors.reactionInvalid");
    }
  });
});
