import { describe, expect, test } from "vitest";
import { ALLOW_LISTS, explainUnsafeHtml, xssPayloads } from "../../../tests/fixtures/xss-payloads";
import { splitSections } from "./document";
import { renderSectionHtml, renderSections, storedImageIds } from "./render";

const IMAGE_ID = "0f8fad5b-d9cb-469f-a165-70867728950e";
// The one construct articles add to the members' allow-list, in exactly the form the renderer writes it.
const OUR_FIGURE = new RegExp(
  `<figure><img src="/resources/images/[0-9a-f-]{36}" alt="[^"<>]*" loading="lazy" decoding="async"></figure>`,
  "g",
);

const renderArticle = (markdown: string) =>
  renderSections(splitSections(markdown))
    .map((s) => s.html)
    .join("");
const unsafe = (html: string) => explainUnsafeHtml(html.replace(OUR_FIGURE, ""), ALLOW_LISTS.article);

describe("article rendering", () => {
  test("sections render through the members' renderer: lists, quotes (callouts), links", () => {
    const html = renderArticle("## Steps\n- one\n- two\n\n> Remember this.\n\n[WHO](https://www.who.int)");
    expect(html).toContain("<ul><li>one</li><li>two</li></ul>");
    expect(html).toContain("<blockquote><p>Remember this.</p></blockquote>");
    expect(html).toContain('<a href="https://www.who.int/" rel="nofollow ugc noopener">WHO</a>');
  });

  test("a stored image on its own line becomes a figure with escaped alt text", () => {
    const html = renderSectionHtml({
      id: "x",
      heading: null,
      level: 2,
      markdown: `Before\n![A "calm" <walk>](/resources/images/${IMAGE_ID})\nAfter`,
    });
    expect(html).toBe(
      `<p>Before</p><figure><img src="/resources/images/${IMAGE_ID}" alt="A &quot;calm&quot; &lt;walk&gt;" loading="lazy" decoding="async"></figure><p>After</p>`,
    );
    expect(storedImageIds(`![](/resources/images/${IMAGE_ID})`)).toEqual([IMAGE_ID]);
  });

  test.each([
    "![x](https://evil.example/track.png)",
    "![x](javascript:alert(1))",
    `![x](/resources/images/${IMAGE_ID}" onerror="alert(1))`,
    `![x" onerror="alert(1)](/resources/images/${IMAGE_ID})`,
    `![x](/resources/images/${IMAGE_ID}?a=<script>)`,
    "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "| a | b |\n|---|---|\n| <script>alert(1)</script> | <img src=x onerror=alert(1)> |",
    "| [x](javascript:alert(1)) | ![y](https://evil.example/y.png) |",
  ])("image and table tricks stay text: %j", (payload) => {
    const html = renderArticle(payload);
    expect(unsafe(html)).toEqual([]);
    expect(html).not.toMatch(/<img(?! src="\/resources\/images\/[0-9a-f-]{36}" alt="[^"<>]*" loading)/);
  });

  test("the whole XSS corpus renders inert as article text, as headings, and next to an image", () => {
    expect(xssPayloads.length).toBeGreaterThanOrEqual(40);
    for (const payload of xssPayloads) {
      for (const markdown of [payload, `## ${payload}\n${payload}`, `![${payload}](/resources/images/${IMAGE_ID})\n${payload}`]) {
        expect(unsafe(renderArticle(markdown)), markdown).toEqual([]);
      }
    }
  });

  test("articles add tables, strikethrough, rules and headings with ids scoped to their section", () => {
    const [section] = splitSections(
      "## Costs {#costs}\n| item | per week |\n|:--|--:|\n| **cigarettes** | 350,000 ₫ |\n\n#### Per year\n~~later~~\n\n---\n\n#### Per year",
    );
    const html = renderSectionHtml(section!);
    expect(html).toBe(
      "<table><thead><tr><th>item</th><th>per week</th></tr></thead><tbody><tr><td><strong>cigarettes</strong></td><td>350,000 ₫</td></tr></tbody></table>" +
        '<h4 id="costs-per-year">Per year</h4><p><s>later</s></p><hr><h4 id="costs-per-year-2">Per year</h4>',
    );
    expect(unsafe(html)).toEqual([]);
  });

  test("a # heading inside a section is not a second page title, and setext underlines are not headings", () => {
    expect(renderArticle("# Big\nText\n===")).toBe('<h2 id="intro-big">Big</h2><p>Text<br>&#61;&#61;&#61;</p>');
  });

  test.each([
    "#### <img src=x onerror=alert(1)>",
    '#### x" onmouseover="alert(1)',
    "#### [x](javascript:alert(1))",
    "#### `<script>`",
    "| a |\n|---|\n| <iframe src=//evil.example> |",
    "| a | b |\n|---|---|\n| `</td><script>alert(1)</script>` | x |",
    '| a |\n|---|\n| [x](https://ok.example/" onclick="alert(1)) |',
    "| a |\n|---|\n| ![x](/resources/images/0f8fad5b-d9cb-469f-a165-70867728950e) |",
    "~~<script>alert(1)</script>~~",
    "<table><tr><td onclick=alert(1)>x</td></tr></table>",
    '<h2 id="__proto__">x</h2>',
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    '<https://ok.example/"onmouseover=alert(1)>',
    "[x](<javascript:alert(1)>)",
    "[x]: javascript:alert(1)\n\n[x]",
    "```html\n<script>alert(1)</script>\n```",
    "    <script>alert(1)</script>",
    "> ".repeat(50) + "<script>alert(1)</script>",
    "- ".repeat(200) + "[x](javascript:alert(1))",
    "|".repeat(5000) + "\n" + "|-".repeat(2500),
  ])("hostile article Markdown stays inert: %j", (payload) => {
    const html = renderArticle(payload);
    expect(unsafe(html)).toEqual([]);
    expect(html).not.toMatch(/<(?:script|iframe|img(?! src="\/resources))/i);
  });

  test("headings are data, not HTML: React escapes them where they are shown", () => {
    expect(splitSections("## <script>alert(1)</script>")[0]!.heading).toBe("<script>alert(1)</script>");
  });
});
