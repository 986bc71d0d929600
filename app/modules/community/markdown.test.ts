import { describe, expect, test } from "vitest";
import { explainUnsafeHtml, xssPayloads } from "../../../tests/fixtures/xss-payloads";
import { plainTextExcerpt } from "./excerpt";
import { renderMarkdown } from "./markdown";

describe("renderMarkdown: what members can format", () => {
  test("paragraphs are separated by blank lines and single newlines become line breaks", () => {
    expect(renderMarkdown("Day one.\nStill going.\n\nDay two.")).toBe("<p>Day one.<br>Still going.</p><p>Day two.</p>");
  });

  test("bold, italic with either marker, and inline code", () => {
    expect(renderMarkdown("**strong** and *soft* and _soft_ and `code`")).toBe(
      "<p><strong>strong</strong> and <em>soft</em> and <em>soft</em> and <code>code</code></p>",
    );
  });

  test("emphasis nests and snake_case words stay as written", () => {
    expect(renderMarkdown("**very *proud* today**")).toBe("<p><strong>very <em>proud</em> today</strong></p>");
    expect(renderMarkdown("my_quit_date")).toBe("<p>my_quit_date</p>");
    expect(renderMarkdown("2 * 3 * 4")).toBe("<p>2 * 3 * 4</p>");
  });

  test("fenced code blocks keep their text verbatim, escaped, with no formatting inside", () => {
    expect(renderMarkdown("```\n**not bold** <b>\n```")).toBe("<pre><code>**not bold** &lt;b&gt;</code></pre>");
    expect(renderMarkdown("~~~\nunclosed")).toBe("<pre><code>unclosed</code></pre>");
  });

  test("bullet and numbered lists", () => {
    expect(renderMarkdown("Tips:\n- drink water\n* walk\n\n1. day one\n2. day two")).toBe(
      "<p>Tips:</p><ul><li>drink water</li><li>walk</li></ul><ol><li>day one</li><li>day two</li></ol>",
    );
  });

  test("blockquotes contain blocks, and deep nesting stops at a limit", () => {
    expect(renderMarkdown("> I did it\n> **30 days**")).toBe("<blockquote><p>I did it<br><strong>30 days</strong></p></blockquote>");
    const deep = renderMarkdown(">>>>>>>> deep");
    expect(deep.match(/<blockquote>/g)).toHaveLength(4);
    expect(deep).toContain("&gt;&gt;&gt;&gt; deep");
  });

  test("links get rel=nofollow ugc noopener and their label is formatted", () => {
    expect(renderMarkdown("[**help**](https://example.com/quit?a=1&b=2)")).toBe(
      '<p><a href="https://example.com/quit?a&#61;1&amp;b&#61;2" rel="nofollow ugc noopener"><strong>help</strong></a></p>',
    );
  });

  test("mailto links, root-relative links, and protocol-relative links made explicit https", () => {
    expect(renderMarkdown("[mail](mailto:coach@example.com)")).toContain('href="mailto:coach@example.com"');
    expect(renderMarkdown("[stories](/stories)")).toContain('href="/stories"');
    expect(renderMarkdown("[x](//example.com/a)")).toContain('href="https://example.com/a"');
  });

  test("bare https URLs become links without swallowing trailing punctuation", () => {
    expect(renderMarkdown("See https://example.com/a_(b).")).toBe(
      '<p>See <a href="https://example.com/a_(b)" rel="nofollow ugc noopener">https://example.com/a_(b)</a>.</p>',
    );
    expect(renderMarkdown("(https://example.com)")).toBe(
      '<p>(<a href="https://example.com/" rel="nofollow ugc noopener">https://example.com</a>)</p>',
    );
  });

  test("a refused link keeps only its label, as text", () => {
    expect(renderMarkdown("[click me](javascript:alert(1))")).toBe("<p>click me</p>");
    expect(renderMarkdown("[relative](page.html)")).toBe("<p>relative</p>");
    expect(renderMarkdown("[creds](https://bank.example@evil.example)")).toBe("<p>creds</p>");
  });

  test("headings, images and raw HTML are plain text", () => {
    expect(renderMarkdown("# Title")).toBe("<p># Title</p>");
    expect(renderMarkdown("<b>hi</b>")).toBe("<p>&lt;b&gt;hi&lt;/b&gt;</p>");
    expect(renderMarkdown("![cat](https://example.com/cat.png)")).toBe(
      '<p>!<a href="https://example.com/cat.png" rel="nofollow ugc noopener">cat</a></p>',
    );
  });

  test("backslash escapes show the punctuation itself", () => {
    expect(renderMarkdown("\\*not italic\\*")).toBe("<p>*not italic*</p>");
  });

  test("every quote, backtick and equals sign is escaped", () => {
    expect(renderMarkdown(`a"b'c=d&e`)).toBe("<p>a&quot;b&#39;c&#61;d&amp;e</p>");
  });

  test("Vietnamese text passes through untouched", () => {
    expect(renderMarkdown("Tôi đã **cai thuốc** được 30 ngày")).toBe("<p>Tôi đã <strong>cai thuốc</strong> được 30 ngày</p>");
  });

  test("a long post full of ordinary links keeps every one of them", () => {
    const html = renderMarkdown("Read [this](https://example.com/a) and **that**. ".repeat(100));
    expect(html.match(/<a href="https:\/\/example.com\/a" rel="nofollow ugc noopener">this<\/a>/g)).toHaveLength(100);
  });

  test("hostile nesting and unclosed markers finish and stay inert", () => {
    const hostile = "*[`_".repeat(1250) + "**".repeat(500) + "[".repeat(1000) + "](".repeat(500);
    expect(explainUnsafeHtml(renderMarkdown(hostile))).toEqual([]);
  });
});

describe("renderMarkdown: the parser's own features stay outside the members' allow-list", () => {
  test.each([
    ["| a |\n|---|\n| b |", "<p>| a |<br>|---|<br>| b |</p>"],
    ["~~gone~~", "<p>~~gone~~</p>"],
    ["Day one\n---", "<p>Day one<br>---</p>"],
    ["    indented", "<p>indented</p>"],
    [
      "[x]: https://evil.example\n\n[x]",
      '<p>[x]: <a href="https://evil.example/" rel="nofollow ugc noopener">https://evil.example</a></p><p>[x]</p>',
    ],
    ["www.example.com and //example.com", "<p>www.example.com and //example.com</p>"],
  ])("%j", (markdown, html) => {
    expect(renderMarkdown(markdown)).toBe(html);
  });

  test.each([
    "<javascript:alert(1)>",
    "[x](&#106;avascript:alert(1))",
    "[x](&amp;#106;avascript:alert(1))",
    "[x](<javascript:alert(1)>)",
    "[x](java\\script:alert(1))",
    '[x](https://ok.example "title" onclick=alert(1))',
    '<https://ok.example/"onmouseover=alert(1)>',
    "[](javascript:alert(1))",
    "mailto:x@example.com?body=<script>",
  ])("links the parser accepts are judged by safeHref: %j", (markdown) => {
    const html = renderMarkdown(markdown);
    expect(explainUnsafeHtml(html)).toEqual([]);
    expect(html).not.toMatch(/href="[^"]*script/i);
  });

  test("an empty label shows the destination it links to", () => {
    expect(renderMarkdown("[](https://example.com)")).toBe(
      '<p><a href="https://example.com/" rel="nofollow ugc noopener">https://example.com/</a></p>',
    );
  });
});

describe("renderMarkdown: nothing a member types can run as script", () => {
  test("the corpus has at least 40 payloads", () => {
    expect(xssPayloads.length).toBeGreaterThanOrEqual(40);
  });

  test.each(xssPayloads.map((payload) => [payload]))("%j renders inert", (payload) => {
    const html = renderMarkdown(payload);
    expect(explainUnsafeHtml(html)).toEqual([]);
    for (const link of html.matchAll(/<a [^>]*>/g)) expect(link[0]).toContain('rel="nofollow ugc noopener"');
  });

  test("every payload also renders inert inside every block and inline construct", () => {
    for (const payload of xssPayloads) {
      for (const wrapped of [`**${payload}**`, `> ${payload}`, `- ${payload}`, `[${payload}](https://ok.example)`, `_${payload}_`]) {
        expect(explainUnsafeHtml(renderMarkdown(wrapped)), wrapped).toEqual([]);
      }
    }
  });
});

describe("plainTextExcerpt", () => {
  test("strips Markdown down to the words", () => {
    expect(plainTextExcerpt("> **Day 30**\n- [my story](https://x.example) and `code`\n```\nfenced\n```", 200)).toBe(
      "Day 30 my story and code fenced",
    );
  });

  test("cuts at a word boundary with an ellipsis, never beyond the limit", () => {
    const excerpt = plainTextExcerpt("one two three four five six seven", 20);
    expect(excerpt).toBe("one two three four…");
    expect(Array.from(excerpt).length).toBeLessThanOrEqual(20);
  });

  test("leaves short text alone and does not escape (React does)", () => {
    expect(plainTextExcerpt("<b> & Đà Lạt", 50)).toBe("<b> & Đà Lạt");
  });
});
