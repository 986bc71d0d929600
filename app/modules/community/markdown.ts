import markdownIt, { type MarkdownIt, type StateBlock, type Token } from "markdown-it";
import { boundedCache } from "~/lib/cache";
import { CONTROL_CHARACTERS } from "./control-characters";
import { escapeHtml } from "./html";
import { safeHref } from "./safe-link";

/**
 * Markdown is parsed by markdown-it (CommonMark) and written out by our own emitter below, which
 * knows only the tags of the allow-list: every character of the author's text leaves through
 * escapeHtml, and no markdown-it renderer rule (nor raw HTML, which the parser keeps as text)
 * can put markup on the page. Two allow-lists:
 *
 * - members (posts, comments, messages): paragraphs, line breaks, **bold**, *italic*, `code`,
 *   fenced code, bullet and numbered lists, > quotes, [links](url) and bare http(s) URLs;
 * - articles add headings (#### … with ids; ## and ### are the article's sections), tables,
 *   ~~strikethrough~~ and horizontal rules. Stored images are added by content/render.ts.
 *
 * Links are judged by safeHref (the parser's own link check is switched off so that a refused
 * link keeps its words) and always carry rel="nofollow ugc noopener".
 */
export function renderMarkdown(text: string): string {
  return rendered.getOrCreate(text, () => emit(memberParser.parse(clean(text), {}), { headingId: null }));
}

export type ArticleMarkdownOptions = {
  /** Gives each heading inside a section its id (unique on the page), from the heading's plain text. */
  headingId: (text: string) => string;
};

/** An article's Markdown (one section of it) with the article allow-list. */
export function renderArticleMarkdown(text: string, options: ArticleMarkdownOptions): string {
  return emit(articleParser.parse(clean(text), {}), options);
}

// The same posts are rendered for every reader of the feed: remember recent ones (a pure function of the text).
const rendered = boundedCache<string, string>("post-markdown", 2_000);

export const LINK_REL = "nofollow ugc noopener";
const MAX_QUOTE_DEPTH = 4;

function clean(text: string): string {
  return text.replace(/\r\n?/g, "\n").replace(CONTROL_CHARACTERS, "\ufffd");
}

function createParser(kind: "member" | "article"): MarkdownIt {
  const md = markdownIt("default", { html: false, linkify: true, breaks: true, typographer: false, maxNesting: 20 });
  md.disable(["image", "reference", "code", "lheading", "html_block", "html_inline"]);
  if (kind === "member") md.disable(["heading", "table", "strikethrough", "hr"]);
  // Only http(s) and mailto become links on their own; "www.x" and "//x" stay text, as typed.
  md.linkify.set({ fuzzyLink: false, fuzzyEmail: false, fuzzyIP: false }).add("ftp:", null).add("//", null);
  // Every link reaches the emitter, where safeHref decides; a refused one is shown as its label.
  md.validateLink = () => true;
  limitQuoteDepth(md);
  return md;
}

type BlockRule = (state: StateBlock, start: number, end: number, silent: boolean) => boolean;

/** Quotes nest at most MAX_QUOTE_DEPTH deep; deeper `>` markers are shown as text. */
function limitQuoteDepth(md: MarkdownIt) {
  const rules = (md.block.ruler as unknown as { __rules__: { name: string; fn: BlockRule; alt: string[] }[] }).__rules__;
  const original = rules.find((rule) => rule.name === "blockquote");
  if (!original) throw new Error("markdown-it has no blockquote rule");
  const quote = original.fn;
  let depth = 0;
  md.block.ruler.at(
    "blockquote",
    (state, start, end, silent) => {
      if (depth >= MAX_QUOTE_DEPTH) return false;
      depth++;
      try {
        return quote(state, start, end, silent);
      } finally {
        depth--;
      }
    },
    { alt: original.alt },
  );
}

const memberParser = createParser("member");
const articleParser = createParser("article");

type EmitOptions = { headingId: ((text: string) => string) | null };

const BLOCK_TAGS: Record<string, string> = {
  paragraph_open: "<p>",
  paragraph_close: "</p>",
  blockquote_open: "<blockquote>",
  blockquote_close: "</blockquote>",
  bullet_list_open: "<ul>",
  bullet_list_close: "</ul>",
  ordered_list_open: "<ol>",
  ordered_list_close: "</ol>",
  list_item_open: "<li>",
  list_item_close: "</li>",
  table_open: "<table>",
  table_close: "</table>",
  thead_open: "<thead>",
  thead_close: "</thead>",
  tbody_open: "<tbody>",
  tbody_close: "</tbody>",
  tr_open: "<tr>",
  tr_close: "</tr>",
  th_open: "<th>",
  th_close: "</th>",
  td_open: "<td>",
  td_close: "</td>",
  hr: "<hr>",
};

const INLINE_TAGS: Record<string, string> = {
  strong_open: "<strong>",
  strong_close: "</strong>",
  em_open: "<em>",
  em_close: "</em>",
  s_open: "<s>",
  s_close: "</s>",
};

function emit(tokens: Token[], options: EmitOptions): string {
  let html = "";
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const next = tokens[i + 1];
    switch (token.type) {
      case "inline":
        html += emitInline(token.children ?? []);
        break;
      case "fence":
        html += `<pre><code>${escapeHtml(token.content.replace(/\n$/, ""))}</code></pre>`;
        break;
      case "heading_open": {
        const level = Math.max(2, Number(token.tag.slice(1)));
        const text = plainText(next?.children ?? []);
        const id = options.headingId ? options.headingId(text) : "";
        html += `<h${level} id="${escapeHtml(id)}">`;
        break;
      }
      case "heading_close":
        html += `</h${Math.max(2, Number(token.tag.slice(1)))}>`;
        break;
      case "paragraph_open":
      case "paragraph_close":
        if (!token.hidden) html += BLOCK_TAGS[token.type];
        break;
      case "bullet_list_close":
      case "ordered_list_close":
        // "- a" then "* b" (or "1." then "2)") are two lists to CommonMark, one list to the person writing them.
        if (next?.type === token.type.replace("_close", "_open")) i++;
        else html += BLOCK_TAGS[token.type];
        break;
      default:
        // Anything without a tag of its own (html_block if it were ever enabled) shows as text.
        html += BLOCK_TAGS[token.type] ?? escapeHtml(token.content);
    }
  }
  return html;
}

function emitInline(children: Token[]): string {
  let html = "";
  // For each open link: whether it became <a> (its close must be written too).
  const links: boolean[] = [];
  for (let i = 0; i < children.length; i++) {
    const token = children[i]!;
    switch (token.type) {
      case "text":
      case "text_special":
        html += escapeHtml(token.content);
        break;
      case "softbreak":
      case "hardbreak":
        html += "<br>";
        break;
      case "code_inline":
        html += `<code>${escapeHtml(token.content)}</code>`;
        break;
      case "link_open": {
        const href = safeHref(String(token.attrGet("href") ?? ""));
        links.push(href !== null);
        if (href === null) break; // a refused destination leaves only its words behind
        html += `<a href="${escapeHtml(href)}" rel="${LINK_REL}">`;
        if (children[i + 1]?.type === "link_close") html += escapeHtml(href);
        break;
      }
      case "link_close":
        if (links.pop()) html += "</a>";
        break;
      default:
        html += INLINE_TAGS[token.type] ?? escapeHtml(token.content);
    }
  }
  return html;
}

function plainText(children: Token[]): string {
  return children.map((c) => (c.type === "text" || c.type === "text_special" || c.type === "code_inline" ? c.content : "")).join("");
}
