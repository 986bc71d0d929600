import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { renderMarkdown } from "./markdown";

/** The member allow-list (posts, comments, chat messages): nothing else may reach the page. */
const MEMBER_TAGS = new Set(["p", "br", "strong", "em", "code", "pre", "ul", "ol", "li", "blockquote", "a"]);

/** Text a member might type, heavy on Markdown and HTML syntax. */
const markdownish = fc
  .array(
    fc.oneof(
      fc.string(),
      fc.constantFrom(
        "**",
        "*",
        "_",
        "`",
        "```",
        "\n",
        "\n\n",
        "> ",
        "- ",
        "1. ",
        "[",
        "](",
        ")",
        "<",
        ">",
        "&",
        '"',
        "'",
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "javascript:alert(1)",
        "data:text/html,x",
        "https://example.test/a?b=1&c=<2>",
        "mailto:x@example.test",
        "\u0000",
        "\u202e",
        '<a href="javascript:x">',
        "&lt;",
        "&#x3C;script",
      ),
    ),
    { maxLength: 30 },
  )
  .map((parts) => parts.join(""));

describe("member Markdown (properties)", () => {
  it("emits only allow-listed tags, links only to http(s) or mailto, and no event handler or script", () => {
    fc.assert(
      fc.property(markdownish, (text) => {
        const html = renderMarkdown(text);
        for (const [, name] of html.matchAll(/<\/?([a-zA-Z0-9]+)/g)) expect(MEMBER_TAGS).toContain(name!.toLowerCase());
        for (const [, href] of html.matchAll(/href="([^"]*)"/g)) expect(href).toMatch(/^(https?:|mailto:)/i);
        expect(html).not.toMatch(/<[^>]*\son\w+=/i);
        // Every attribute is one the emitter writes.
        for (const [, attribute] of html.matchAll(/\s([a-zA-Z-]+)="/g)) expect(["href", "rel", "start", "class"]).toContain(attribute);
        expect(html).not.toContain("\u0000");
      }),
      { numRuns: 500 },
    );
  });

  it("keeps every letter and digit of the text (nothing the author wrote silently disappears)", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-zA-Z0-9 ]{1,80}$/), (text) => {
        const visible = renderMarkdown(text).replace(/<[^>]+>/g, "");
        expect(visible.replace(/\s+/g, "")).toBe(text.replace(/\s+/g, ""));
      }),
    );
  });
});
