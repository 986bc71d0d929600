import { describe, expect, it } from "vitest";
import { getFixedT } from "~/lib/i18n.server";
import { renderMarkdown } from "~/modules/community/markdown";
import { handoffSummary, SHARED_MESSAGES } from "./handoff-summary";

const thread = (n: number) => ({
  title: "Cravings [after](javascript:alert(1)) coffee",
  notHelped: 2,
  messages: Array.from({ length: n }, (_, i) => ({
    role: i % 2 === 0 ? ("member" as const) : ("coach" as const),
    kind: i % 2 === 0 ? ("question" as const) : ("answer" as const),
    body: `message ${i} **bold** <b>x</b>`,
  })),
});

describe("handoffSummary", () => {
  it("says why, summarises, and quotes the last messages as plain text when shared", () => {
    const text = handoffSummary(getFixedT("en"), { reason: "low-ratings", categories: [], thread: thread(12), shared: true });
    expect(text).toContain("Handed over by the AI coach");
    expect(text).toContain("two of the AI coach's answers didn't help");
    expect(text).toContain("6 questions in this conversation, 2 answers rated not helpful");
    expect(text.match(/^> \*\*/gm)).toHaveLength(SHARED_MESSAGES);
    expect(text).not.toContain("message 3 ");
    const html = renderMarkdown(text);
    // The member's Markdown and HTML stay text: no link, no bold, no tag of theirs.
    expect(html).not.toContain("<a ");
    expect(html).toContain("**bold**");
    expect(html).toContain("&lt;b&gt;x&lt;/b&gt;");
  });

  it("sends no words of the member when the thread is not shared, and names crisis categories in Vietnamese", () => {
    const text = handoffSummary(getFixedT("vi"), { reason: "crisis", categories: ["self-harm"], thread: thread(2), shared: false });
    expect(text).toContain("tự làm hại bản thân");
    expect(text).toContain("không chia sẻ");
    expect(text).not.toContain("message 0");
    expect(text).not.toContain("Cravings");
  });
});
