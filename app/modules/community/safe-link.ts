import { CONTROLS_AND_SPACES, EDGE_CONTROLS_AND_SPACES, hasControlCharacter } from "./control-characters";
import { decodeEntities } from "./html";

const ALLOWED_PROTOCOLS = new Set(["http:", "https:", "mailto:"]);
const MAX_HREF_LENGTH = 2048;
// Only used to resolve root-relative paths; never appears in output.
const OWN_ORIGIN = "https://quitpath.invalid";
// After the URL parser, international names are punycode; anything else in a host is a trick.
const PLAIN_HOSTNAME = /^(?:[a-z0-9-]+\.)*[a-z0-9-]+\.?$|^\[[0-9a-f:.]+\]$/;
const SCRIPT_SCHEME_ANYWHERE = /\b(?:javascript|vbscript|livescript):/i;

/**
 * The href a member's link may have, or null when it must not become a link.
 *
 * Decisions:
 * - Absolute http:, https: and mailto: URLs only, judged by the WHATWG URL parser (the one the
 *   browser uses) after Markdown escapes and HTML entities are decoded and tabs/newlines/control
 *   characters are removed, so `jav&#x09;ascript:`, `\tjavascript:` and `JaVaScRiPt:` all fail.
 *   The returned value is the parser's own serialisation, so the browser sees what we checked.
 * - Protocol-relative `//host/path` (and `/\host`, which browsers read the same) becomes
 *   explicit `https://host/path`.
 * - Root-relative `/path` stays a link within the site; other relative references (`page`,
 *   `../x`, `?q`, `#x`) are dropped, since a post is shown on several pages.
 * - URLs with credentials (`https://bank.com@evil.com`) are dropped: a phishing pattern, and
 *   so are hosts with characters no real host name has (`x.com"onmouseover=…`).
 * - Anything mentioning a script scheme anywhere (even in a query string) is dropped.
 */
export function safeHref(destination: string): string | null {
  let candidate = decodeEntities(destination.replace(/\\([!-/:-@[-`{-~])/g, "$1"))
    .replace(/[\t\n\r]/g, "")
    .replace(EDGE_CONTROLS_AND_SPACES, "");
  if (candidate === "" || candidate.length > MAX_HREF_LENGTH) return null;
  if (hasControlCharacter(candidate)) return null;

  if (/^[\\/]{2}/.test(candidate)) candidate = `https:${candidate}`;
  else if (candidate.startsWith("/")) return rootRelative(candidate);

  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return null;
  }
  if (!ALLOWED_PROTOCOLS.has(url.protocol)) return null;
  if (url.username !== "" || url.password !== "") return null;
  if (url.protocol !== "mailto:" && !PLAIN_HOSTNAME.test(url.hostname)) return null;
  if (mentionsScriptScheme(url.href)) return null;
  return url.href;
}

function rootRelative(path: string): string | null {
  let url: URL;
  try {
    url = new URL(path, OWN_ORIGIN);
  } catch {
    return null;
  }
  if (url.origin !== OWN_ORIGIN) return null;
  const href = url.pathname + url.search + url.hash;
  return mentionsScriptScheme(href) ? null : href;
}

function mentionsScriptScheme(href: string): boolean {
  let decoded = href;
  try {
    decoded = decodeURIComponent(href);
  } catch {
    // Malformed percent-encoding: judge the raw text.
  }
  return SCRIPT_SCHEME_ANYWHERE.test(decoded.replace(CONTROLS_AND_SPACES, ""));
}
