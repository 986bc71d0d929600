import { boundedCache } from "~/lib/cache";
import { CONTROL_CHARACTERS } from "./control-characters";
import { escapeHtml } from "./html";
import { safeHref } from "./safe-link";

/**
 * The Markdown members may write: paragraphs, line breaks, **bold**, *italic* / _italic_,
 * `inline code`, fenced code blocks, bullet and numbered lists, > blockquotes, [links](url)
 * and bare http(s):// autolinks. Everything else — raw HTML included — is shown as text.
 *
 * Every character of member text leaves through escapeHtml; the only tags in the output are
 * the ones written below (p br strong em code pre ul ol li blockquote a), and the only
 * attributes are href and rel on <a>.
 */
export function renderMarkdown(text: string): string {
  return rendered.getOrCreate(text, () => renderBlocks(splitLines(text), 0));
}

// The same posts are rendered for every reader of the feed: remember recent ones (a pure function of the text).
const rendered = boundedCache<string, string>("post-markdown", 2_000);

export const LINK_REL = "nofollow ugc noopener";
const MAX_QUOTE_DEPTH = 4;
const MAX_EMPHASIS_DEPTH = 6;
const MAX_LABEL_LENGTH = 1000;
const MAX_DESTINATION_LENGTH = 2048;

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})([^`]*)$/;
const QUOTE = /^ {0,3}> ?(.*)$/;
const BULLET_ITEM = /^ {0,3}[-*+][ \t]+(\S.*)$/;
const NUMBERED_ITEM = /^ {0,3}\d{1,9}[.)][ \t]+(\S.*)$/;
const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/;
const WORD_CHARACTER = /[\p{L}\p{N}]/u;

function splitLines(text: string): string[] {
  return text.replace(/\r\n?/g, "\n").replace(CONTROL_CHARACTERS, "\ufffd").split("\n");
}

const isBlank = (line: string) => line.trim() === "";

function startsBlock(line: string, quoteDepth: number): boolean {
  return FENCE_OPEN.test(line) || BULLET_ITEM.test(line) || NUMBERED_ITEM.test(line) || (quoteDepth < MAX_QUOTE_DEPTH && QUOTE.test(line));
}

function renderBlocks(lines: string[], quoteDepth: number): string {
  const html: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (isBlank(line)) {
      i++;
      continue;
    }

    const fence = FENCE_OPEN.exec(line);
    if (fence) {
      const marker = fence[1]!;
      const closing = new RegExp(`^ {0,3}${marker[0] === "`" ? "`" : "~"}{${marker.length},}[ \\t]*$`);
      const code: string[] = [];
      i++;
      while (i < lines.length && !closing.test(lines[i]!)) code.push(lines[i++]!);
      i++; // the closing fence, or past the end when it was never closed
      html.push(`<pre><code>${escapeHtml(code.join("\n"))}</code></pre>`);
      continue;
    }

    if (quoteDepth < MAX_QUOTE_DEPTH && QUOTE.test(line)) {
      const quoted: string[] = [];
      while (i < lines.length) {
        const match = QUOTE.exec(lines[i]!);
        if (!match) break;
        quoted.push(match[1]!);
        i++;
      }
      html.push(`<blockquote>${renderBlocks(quoted, quoteDepth + 1)}</blockquote>`);
      continue;
    }

    const listPattern = BULLET_ITEM.test(line) ? BULLET_ITEM : NUMBERED_ITEM.test(line) ? NUMBERED_ITEM : null;
    if (listPattern) {
      const items: string[][] = [];
      while (i < lines.length) {
        const current = lines[i]!;
        const item = listPattern.exec(current);
        if (item) items.push([item[1]!]);
        else if (!isBlank(current) && /^[ \t]/.test(current) && !startsBlock(current, quoteDepth)) items.at(-1)!.push(current.trim());
        else break;
        i++;
      }
      const tag = listPattern === BULLET_ITEM ? "ul" : "ol";
      html.push(`<${tag}>${items.map((item) => `<li>${renderInline(item.join("\n"))}</li>`).join("")}</${tag}>`);
      continue;
    }

    const paragraph: string[] = [];
    while (i < lines.length && !isBlank(lines[i]!) && (paragraph.length === 0 || !startsBlock(lines[i]!, quoteDepth))) {
      paragraph.push(lines[i++]!.trim());
    }
    html.push(`<p>${renderInline(paragraph.join("\n"))}</p>`);
  }
  return html.join("");
}

// Characters a paragraph may spend looking for link ends; legitimate text uses a tiny fraction,
// while "[[[[…" or "[a](" repeated would otherwise cost quadratic time on every feed render.
const LINK_SCAN_BUDGET = 50_000;

type InlineContext = { links: boolean; depth: number; linkScanBudget: { remaining: number } };
type InlineLink = { label: string; destination: string; end: number };

function renderInline(
  text: string,
  context: InlineContext = { links: true, depth: 0, linkScanBudget: { remaining: LINK_SCAN_BUDGET } },
): string {
  return new InlineRenderer(text, context).render();
}

/** One pass over a paragraph's text; remembers failed searches so hostile input stays linear-ish. */
class InlineRenderer {
  private readonly unclosedCodeRuns = new Set<number>();
  private readonly unclosedEmphasis = new Set<string>();

  constructor(
    private readonly text: string,
    private readonly context: InlineContext,
  ) {}

  render(): string {
    const { text, context } = this;
    let html = "";
    let i = 0;
    while (i < text.length) {
      const ch = text[i]!;

      if (ch === "\\" && i + 1 < text.length && ASCII_PUNCTUATION.test(text[i + 1]!)) {
        html += escapeHtml(text[i + 1]!);
        i += 2;
        continue;
      }
      if (ch === "\n") {
        html += "<br>";
        i++;
        continue;
      }
      if (ch === "`") {
        const span = this.codeSpan(i);
        if (span) {
          html += `<code>${escapeHtml(span.content)}</code>`;
          i = span.end;
        } else {
          const run = backtickRunLength(text, i);
          html += escapeHtml(text.slice(i, i + run));
          i += run;
        }
        continue;
      }
      if (ch === "[" && context.links) {
        const link = inlineLink(text, i, context.linkScanBudget);
        if (link) {
          html += this.renderLink(link);
          i = link.end;
          continue;
        }
      }
      if ((ch === "*" || ch === "_") && context.depth < MAX_EMPHASIS_DEPTH) {
        const emphasis = this.emphasis(i);
        if (emphasis) {
          const inner = renderInline(emphasis.content, { ...context, depth: context.depth + 1 });
          html += `<${emphasis.tag}>${inner}</${emphasis.tag}>`;
          i = emphasis.end;
          continue;
        }
      }
      if ((ch === "h" || ch === "H") && context.links && !WORD_CHARACTER.test(text[i - 1] ?? " ")) {
        const autolink = bareUrlAt(text, i);
        const href = autolink ? safeHref(autolink) : null;
        if (autolink && href) {
          html += anchor(href, escapeHtml(autolink));
          i += autolink.length;
          continue;
        }
      }
      html += escapeHtml(ch);
      i++;
    }
    return html;
  }

  private renderLink(link: InlineLink): string {
    const label = renderInline(link.label, { ...this.context, links: false });
    const href = safeHref(link.destination);
    if (!href) return label; // a refused destination leaves only its words behind
    return anchor(href, label === "" ? escapeHtml(href) : label);
  }

  private codeSpan(start: number): { content: string; end: number } | null {
    const { text } = this;
    const run = backtickRunLength(text, start);
    if (this.unclosedCodeRuns.has(run)) return null;
    let j = start + run;
    while (j < text.length) {
      if (text[j] === "`") {
        const closing = backtickRunLength(text, j);
        if (closing === run) {
          let content = text.slice(start + run, j).replace(/\n/g, " ");
          if (/^ .*[^ ].* $|^ [^ ] $/s.test(content)) content = content.slice(1, -1);
          return { content, end: j + run };
        }
        j += closing;
      } else j++;
    }
    this.unclosedCodeRuns.add(run);
    return null;
  }

  private emphasis(start: number): { tag: "strong" | "em"; content: string; end: number } | null {
    const { text } = this;
    const ch = text[start]!;
    const delimiter = text[start + 1] === ch ? ch + ch : ch;
    if (this.unclosedEmphasis.has(delimiter)) return null;
    const after = text[start + delimiter.length];
    if (after === undefined || /\s/.test(after)) return null;
    if (ch === "_" && WORD_CHARACTER.test(text[start - 1] ?? " ")) return null; // snake_case stays text

    let j = start + delimiter.length + 1;
    while (j < text.length) {
      const c = text[j]!;
      if (c === "\\") {
        j += 2;
        continue;
      }
      if (c === "`") {
        const span = this.codeSpan(j);
        j = span ? span.end : j + backtickRunLength(text, j);
        continue;
      }
      if (c === "[" && this.context.links) {
        const link = inlineLink(text, j, this.context.linkScanBudget);
        if (link) {
          j = link.end;
          continue;
        }
      }
      if (text.startsWith(delimiter, j) && !/\s/.test(text[j - 1]!)) {
        const next = text[j + delimiter.length];
        const closesWord = ch !== "_" || !WORD_CHARACTER.test(next ?? " ");
        const isLoneStar = delimiter.length === 2 || next !== ch;
        if (closesWord && isLoneStar) {
          return {
            tag: delimiter.length === 2 ? "strong" : "em",
            content: text.slice(start + delimiter.length, j),
            end: j + delimiter.length,
          };
        }
      }
      j += text[j] === ch && text[j + 1] === ch && delimiter.length === 1 ? 2 : 1;
    }
    this.unclosedEmphasis.add(delimiter);
    return null;
  }
}

function anchor(href: string, labelHtml: string): string {
  return `<a href="${escapeHtml(href)}" rel="${LINK_REL}">${labelHtml}</a>`;
}

function backtickRunLength(text: string, start: number): number {
  let end = start;
  while (text[end] === "`") end++;
  return end - start;
}

/** `[label](destination)` starting at `start`, with balanced brackets and parentheses; no titles. */
function inlineLink(text: string, start: number, budget: { remaining: number }): InlineLink | null {
  if (budget.remaining <= 0) return null;
  const link = scanLink(text, start);
  budget.remaining -= link.scanned;
  return link.found;
}

function scanLink(text: string, start: number): { found: InlineLink | null; scanned: number } {
  let depth = 0;
  let j = start;
  const labelLimit = Math.min(text.length, start + MAX_LABEL_LENGTH);
  for (; j < labelLimit; j++) {
    const c = text[j];
    if (c === "\\") j++;
    else if (c === "[") depth++;
    else if (c === "]" && --depth === 0) break;
  }
  if (depth !== 0 || text[j + 1] !== "(") return { found: null, scanned: j - start };
  const label = text.slice(start + 1, j);

  let k = j + 2;
  while (text[k] === " " || text[k] === "\t") k++;
  const destinationStart = k;
  let parens = 0;
  const destinationLimit = Math.min(text.length, k + MAX_DESTINATION_LENGTH);
  for (; k < destinationLimit; k++) {
    const c = text[k]!;
    if (c === "\\" && ASCII_PUNCTUATION.test(text[k + 1] ?? "")) k++;
    else if (/\s/.test(c)) break;
    else if (c === "(") parens++;
    else if (c === ")") {
      if (parens === 0) break;
      parens--;
    }
  }
  const destination = text.slice(destinationStart, k);
  while (text[k] === " " || text[k] === "\t") k++;
  if (text[k] !== ")") return { found: null, scanned: k - start };
  return { found: { label, destination, end: k + 1 }, scanned: k - start };
}

/** A bare http(s) URL at `start`, without trailing sentence punctuation or an unmatched `)`. */
function bareUrlAt(text: string, start: number): string | null {
  const match = /^https?:\/\/[^\s<>"'`]+/i.exec(text.slice(start, start + MAX_DESTINATION_LENGTH));
  if (!match) return null;
  let url = match[0];
  for (;;) {
    const last = url.at(-1)!;
    if (/[.,:;!?*_~]/.test(last)) url = url.slice(0, -1);
    else if (last === ")" && count(url, "(") < count(url, ")")) url = url.slice(0, -1);
    else break;
  }
  return /^https?:\/\/[^/?#]/i.test(url) ? url : null;
}

function count(text: string, ch: string): number {
  return text.split(ch).length - 1;
}

/**
 * Plain text for previews and meta descriptions: Markdown markers removed, whitespace
 * collapsed, cut at a word boundary with "…". Not escaped — React (or the caller) escapes it.
 */
export function plainTextExcerpt(text: string, maxChars: number): string {
  const plain = text
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .filter((line) => !/^ {0,3}(`{3,}|~{3,})/.test(line))
    .map((line) => line.replace(/^(?: {0,3}> ?)+/, "").replace(/^ {0,3}(?:[-*+]|\d{1,9}[.)])[ \t]+/, ""))
    .join(" ")
    .replace(/!?\[([^\]]*)\]\([^)\s]*\)/g, "$1")
    .replace(/`+([^`]*)`+/g, "$1")
    .replace(/(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g, "$2")
    .replace(/(\*|_)(?=\S)(.+?)(?<=\S)\1/g, "$2")
    .replace(/\\([!-/:-@[-`{-~])/g, "$1")
    .replace(CONTROL_CHARACTERS, " ")
    .replace(/\s+/g, " ")
    .trim();

  const characters = Array.from(plain);
  if (characters.length <= maxChars) return plain;
  const cut = characters.slice(0, Math.max(0, maxChars - 1)).join("");
  const lastSpace = cut.lastIndexOf(" ");
  const wordBoundary = lastSpace > cut.length * 0.6 ? cut.slice(0, lastSpace) : cut;
  return `${wordBoundary.replace(/[\s.,;:!?-]+$/, "")}…`;
}
