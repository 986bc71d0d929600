import type { AppLocale } from "~/lib/i18n";
import type { ContentKindName } from "./document";
import { contentPath } from "./paths";
import type { Alternate } from "./seo";

type Listed = { kind: ContentKindName; locale: AppLocale; slug: string; title: string; summary: string; readingMinutes: number };

/** What a list shows of an item: never its body. */
export function contentCard(item: Listed, pageLocale: AppLocale) {
  return {
    path: contentPath(item.kind, item.locale, item.slug),
    title: item.title,
    summary: item.summary,
    readingMinutes: item.readingMinutes,
    locale: item.locale,
    pageLocale,
  };
}

export function alternatesOf(item: { kind: ContentKindName; alternates: readonly { locale: AppLocale; slug: string }[] }): Alternate[] {
  return item.alternates.map((a) => ({ locale: a.locale, path: contentPath(item.kind, a.locale, a.slug) }));
}

/** Plain text of Markdown for descriptions and the FAQ's JSON-LD answers. */
export function plainText(markdown: string, maxChars = 5000): string {
  const text = markdown
    .replace(/!\[[^\]]*\]\([^)]*\)/g, "")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/^#{1,6}\s+/gm, "")
    .replace(/[*_`>]/g, "")
    .replace(/\s+/g, " ")
    .trim();
  return text.length > maxChars ? `${text.slice(0, maxChars - 1).trimEnd()}…` : text;
}
