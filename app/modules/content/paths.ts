import type { AppLocale } from "~/lib/i18n";
import type { ContentKindName } from "./document";

/**
 * Public content URLs carry their language: English at `/learn/…`, Vietnamese at `/vi/learn/…`,
 * so each language version has its own URL for hreflang, and a CDN caches it without a language key.
 */
export const CONTENT_LOCALE_PREFIX: Record<AppLocale, string> = { en: "", vi: "/vi" };

const SECTION: Record<ContentKindName, string> = { article: "/learn", roadmap: "/learn", "blog-post": "/blog", faq: "/faq", page: "" };

export function contentPath(kind: ContentKindName, locale: AppLocale, slug: string): string {
  if (kind === "faq") return `${CONTENT_LOCALE_PREFIX[locale]}/faq#${slug}`;
  return `${CONTENT_LOCALE_PREFIX[locale]}${SECTION[kind]}/${slug}`;
}

export function sectionPath(section: "/learn" | "/blog" | "/faq" | "/blog/feed.xml", locale: AppLocale): string {
  return `${CONTENT_LOCALE_PREFIX[locale]}${section}`;
}

const CONTENT_PATHS = /^\/(?:learn|blog|faq|about|terms|privacy)(?:\/|$)/;

/**
 * The language a public content path is written in, or null for any other path (whose language
 * comes from the account, cookie or browser). `/vi/…` is Vietnamese; the unprefixed content
 * paths are English.
 */
export function localeFromContentPath(pathname: string): AppLocale | null {
  if (pathname.startsWith("/vi/") && CONTENT_PATHS.test(pathname.slice(3))) return "vi";
  return CONTENT_PATHS.test(pathname) ? "en" : null;
}

/** A `($lang)` route param: absent is English, `vi` is Vietnamese, anything else is not a page. */
export function contentLocaleParam(lang: string | undefined): AppLocale | null {
  if (lang === undefined) return "en";
  return lang === "vi" ? "vi" : null;
}

/** A site link in the reader's language: content paths get their language prefix, other pages are one URL for both. */
export function publicPath(pathname: string, locale: AppLocale): string {
  return CONTENT_PATHS.test(pathname) ? `${CONTENT_LOCALE_PREFIX[locale]}${pathname}` : pathname;
}

/** The same path in the other language (the header's language switch on a content page). */
export function switchContentPath(pathname: string, to: AppLocale): string {
  const bare = pathname.startsWith("/vi/") ? pathname.slice(3) : pathname;
  return `${CONTENT_LOCALE_PREFIX[to]}${bare}`;
}
