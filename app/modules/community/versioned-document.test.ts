import { describe, expect, test } from "vitest";
import { z } from "zod";
import { versionedDocument } from "./versioned-document";

// A made-up history: v1 had `body`, v2 renamed it to `text`, v3 added `tags`.
const v1 = z.object({ version: z.literal(1), body: z.string() });
const v2 = z.object({ version: z.literal(2), text: z.string() });
const v3 = z.object({ version: z.literal(3), text: z.string(), tags: z.array(z.string()) });
const parse = versionedDocument({
  current: { version: 3, schema: v3 },
  older: {
    1: { schema: v1, upgrade: (doc: z.infer<typeof v1>) => ({ version: 2, text: doc.body }) },
    2: { schema: v2, upgrade: (doc: z.infer<typeof v2>) => ({ version: 3, text: doc.text, tags: [] }) },
  },
  unsupportedMessage: "unsupported",
});

describe("versionedDocument", () => {
  test("a current document is validated as is", () => {
    expect(parse({ version: 3, text: "hi", tags: ["a"] })).toEqual({ success: true, data: { version: 3, text: "hi", tags: ["a"] } });
  });

  test("an old stored document is upgraded one step at a time to the current version", () => {
    expect(parse({ version: 1, body: "old" })).toEqual({ success: true, data: { version: 3, text: "old", tags: [] } });
  });

  test("an old document that does not match its own version's schema fails", () => {
    const result = parse({ version: 1, text: "wrong shape" });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(["body"]);
  });

  test.each([[{ version: 9, text: "x" }], [{ text: "no version" }], [{ version: "1" }], [null], ["text"]])(
    "%j has no version we know",
    (document) => {
      const result = parse(document);
      expect(result.success).toBe(false);
      expect(result.error?.issues).toEqual([expect.objectContaining({ path: ["version"], message: "unsupported" })]);
    },
  );
});
