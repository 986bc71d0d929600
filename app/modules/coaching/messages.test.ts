import { describe, expect, it } from "vitest";
import { renderMarkdown } from "~/modules/community/markdown";
import { explainUnsafeHtml, xssPayloads } from "../../../tests/fixtures/xss-payloads";
import { EDIT_WINDOW_MS, editMessageSchema, mergeMessages, parseAfterSeq, sendMessageSchema, withinEditWindow } from "./messages";

const clientId = "7f1d3b8e-4c2a-4d6e-9f0a-1b2c3d4e5f60";

describe("chat message bodies", () => {
  it("accepts text up to the limit, trimmed, and refuses longer text and control characters", () => {
    expect(sendMessageSchema.parse({ clientId, body: "  hello\r\nthere  " })).toEqual({ clientId, body: "hello\nthere" });
    expect(sendMessageSchema.safeParse({ clientId, body: "x".repeat(4001) }).error?.issues[0]?.message).toBe("chat:errors.bodyTooLong");
    expect(sendMessageSchema.safeParse({ clientId, body: "a\u0000b" }).error?.issues[0]?.message).toBe("chat:errors.bodyInvalid");
    expect(sendMessageSchema.safeParse({ clientId: "1", body: "hi" }).error?.issues[0]?.message).toBe("chat:errors.clientIdInvalid");
    expect(editMessageSchema.safeParse({ messageId: clientId, body: "   " }).error?.issues[0]?.message).toBe("chat:errors.bodyRequired");
  });

  it("renders every payload of the XSS corpus inert through the community renderer", () => {
    for (const payload of xssPayloads) {
      const body = sendMessageSchema.safeParse({ clientId, body: payload });
      if (!body.success) continue; // refused outright (too long, control characters) is safe too
      expect(explainUnsafeHtml(renderMarkdown(body.data.body)), payload).toEqual([]);
    }
  });
});

describe("the edit window", () => {
  const sent = new Date("2026-03-04T10:00:00Z");
  it("lets the sender change a message for 15 minutes, never a deleted one", () => {
    expect(withinEditWindow({ createdAt: sent, deletedAt: null }, new Date(sent.getTime() + EDIT_WINDOW_MS))).toBe(true);
    expect(withinEditWindow({ createdAt: sent, deletedAt: null }, new Date(sent.getTime() + EDIT_WINDOW_MS + 1))).toBe(false);
    expect(withinEditWindow({ createdAt: sent, deletedAt: sent }, sent)).toBe(false);
  });
});

describe("merging messages by sequence number", () => {
  it("keeps one copy per seq in order, and drops the optimistic copy once the server's arrives", () => {
    const m = (seq: number, id = `c${seq}`, text = "") => ({ seq, clientId: id, text });
    const merged = mergeMessages([m(1), m(3), m(0, "pending")], [m(2), m(3, "c3", "edited"), m(4, "pending")]);
    expect(merged.map((x) => [x.seq, x.clientId, x.text])).toEqual([
      [1, "c1", ""],
      [2, "c2", ""],
      [3, "c3", "edited"],
      [4, "pending", ""],
    ]);
  });

  it("reads Last-Event-ID defensively", () => {
    expect(parseAfterSeq("42")).toBe(42);
    expect(parseAfterSeq("-1")).toBe(0);
    expect(parseAfterSeq("1e3")).toBe(0);
    expect(parseAfterSeq(null)).toBe(0);
  });
});
