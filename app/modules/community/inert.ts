import { CONTROLS_AND_SPACES } from "./control-characters";
import { decodeEntities } from "./html";

const MEMBER_TAGS = ["p", "br", "strong", "em", "code", "pre", "ul", "ol", "li", "blockquote", "a"];
const MEMBER_ATTRIBUTES: Record<string, ReadonlySet<string>> = { a: new Set(["href", "rel"]), code: new Set(["class"]) };
const HEADING_ID = new Set(["id"]);

/** What member content may contain, and what articles add to it (headings with ids, tables, strikethrough, rules). */
export const ALLOW_LISTS = {
  member: { tags: new Set(MEMBER_TAGS), attributes: MEMBER_ATTRIBUTES },
  article: {
    tags: new Set([...MEMBER_TAGS, "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "s", "hr"]),
    attributes: { ...MEMBER_ATTRIBUTES, h2: HEADING_ID, h3: HEADING_ID, h4: HEADING_ID, h5: HEADING_ID, h6: HEADING_ID },
  },
} as const;
type AllowList = (typeof ALLOW_LISTS)[keyof typeof ALLOW_LISTS];
// An id the page's own code could be confused by (DOM clobbering) is refused: ours are slugs under a section id.
const SAFE_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const WELL_FORMED_TAG = /^<(\/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s+[^\s=>/"']+(?:="[^"<>]*")?)*)\s*\/?>/;
const ATTRIBUTE = /\s+([^\s=>/"']+)(?:="([^"<>]*)")?/g;
const SAFE_HREF = /^(?:https?:|mailto:|\/(?![/\\]))/i;
const SCRIPT_SCHEME = /(?:java|vb|live)script:|data:text\/html/i;

/**
 * Why a fragment of member-content HTML could run script, or [] when it cannot. Pass the
 * rendered fragment (renderMarkdown's output, or the inner HTML of a post body), not a whole
 * page — pages carry the app's own scripts.
 *
 * Every `<` must open a well-formed tag from the allow-list with allowed attributes only: no
 * script/iframe/svg/img/style/math, no on* handlers, no comments or CDATA, hrefs only
 * http(s)/mailto/root-relative after entity decoding, and no script scheme in any attribute.
 */
export function explainUnsafeHtml(html: string, allowList: AllowList = ALLOW_LISTS.member): string[] {
  const problems: string[] = [];
  if (html.includes("\u0000")) problems.push("contains a null byte");

  for (let at = html.indexOf("<"); at !== -1; at = html.indexOf("<", at + 1)) {
    const tag = WELL_FORMED_TAG.exec(html.slice(at));
    if (!tag) {
      problems.push(`unexpected markup at ${at}: ${JSON.stringify(html.slice(at, at + 40))}`);
      continue;
    }
    const name = tag[2]!.toLowerCase();
    if (!allowList.tags.has(name)) problems.push(`disallowed tag <${name}>`);
    if (tag[1] === "/") continue;

    for (const [, rawName, rawValue] of tag[3]!.matchAll(ATTRIBUTE)) {
      const attribute = rawName!.toLowerCase();
      const value = decodeEntities(rawValue ?? "").replace(CONTROLS_AND_SPACES, "");
      if (attribute.startsWith("on")) problems.push(`event handler attribute ${attribute} on <${name}>`);
      else if (!(allowList.attributes as Record<string, ReadonlySet<string>>)[name]?.has(attribute))
        problems.push(`disallowed attribute ${attribute} on <${name}>`);
      if (attribute === "id" && !SAFE_ID.test(rawValue ?? "")) problems.push(`unsafe id ${JSON.stringify(rawValue)} on <${name}>`);
      if (SCRIPT_SCHEME.test(value)) problems.push(`script scheme in ${attribute} on <${name}>: ${JSON.stringify(rawValue)}`);
      if (attribute === "href" && !SAFE_HREF.test(value)) problems.push(`unsafe href ${JSON.stringify(rawValue)}`);
    }
  }
  return problems;
}

export function isInertHtml(html: string): boolean {
  return explainUnsafeHtml(html).length === 0;
}
