import { CONTROLS_AND_SPACES } from "./control-characters";
import { decodeEntities } from "./html";

const ALLOWED_TAGS = new Set(["p", "br", "strong", "em", "code", "pre", "ul", "ol", "li", "blockquote", "a"]);
const ALLOWED_ATTRIBUTES: Record<string, ReadonlySet<string>> = { a: new Set(["href", "rel"]), code: new Set(["class"]) };
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
export function explainUnsafeHtml(html: string): string[] {
  const problems: string[] = [];
  if (html.includes("\u0000")) problems.push("contains a null byte");

  for (let at = html.indexOf("<"); at !== -1; at = html.indexOf("<", at + 1)) {
    const tag = WELL_FORMED_TAG.exec(html.slice(at));
    if (!tag) {
      problems.push(`unexpected markup at ${at}: ${JSON.stringify(html.slice(at, at + 40))}`);
      continue;
    }
    const name = tag[2]!.toLowerCase();
    if (!ALLOWED_TAGS.has(name)) problems.push(`disallowed tag <${name}>`);
    if (tag[1] === "/") continue;

    for (const [, rawName, rawValue] of tag[3]!.matchAll(ATTRIBUTE)) {
      const attribute = rawName!.toLowerCase();
      const value = decodeEntities(rawValue ?? "").replace(CONTROLS_AND_SPACES, "");
      if (attribute.startsWith("on")) problems.push(`event handler attribute ${attribute} on <${name}>`);
      else if (!ALLOWED_ATTRIBUTES[name]?.has(attribute)) problems.push(`disallowed attribute ${attribute} on <${name}>`);
      if (SCRIPT_SCHEME.test(value)) problems.push(`script scheme in ${attribute} on <${name}>: ${JSON.stringify(rawValue)}`);
      if (attribute === "href" && !SAFE_HREF.test(value)) problems.push(`unsafe href ${JSON.stringify(rawValue)}`);
    }
  }
  return problems;
}

export function isInertHtml(html: string): boolean {
  return explainUnsafeHtml(html).length === 0;
}
