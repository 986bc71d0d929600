import type { AppLocale } from "~/lib/i18n";
import { supportedLocales } from "~/lib/i18n";

export const ORGANIZATION_NAME = "QuitPath";

export type Alternate = { locale: AppLocale; path: string };

/** Remix meta descriptors: canonical, one hreflang per language that exists, and x-default (English, else the first). */
export function languageLinks(origin: string, canonicalPath: string, alternates: readonly Alternate[]) {
  const sorted = [...alternates].sort((a, b) => supportedLocales.indexOf(a.locale) - supportedLocales.indexOf(b.locale));
  const fallback = sorted.find((a) => a.locale === "en") ?? sorted[0];
  return [
    { tagName: "link", rel: "canonical", href: `${origin}${canonicalPath}` },
    ...sorted.map((a) => ({ tagName: "link", rel: "alternate", hrefLang: a.locale, href: `${origin}${a.path}` })),
    ...(fallback ? [{ tagName: "link", rel: "alternate", hrefLang: "x-default", href: `${origin}${fallback.path}` }] : []),
  ];
}

export function pageMeta(input: { title: string; description: string; url: string; type: "website" | "article"; locale: AppLocale }) {
  return [
    { title: input.title },
    { name: "description", content: input.description },
    { property: "og:title", content: input.title },
    { property: "og:description", content: input.description },
    { property: "og:type", content: input.type },
    { property: "og:url", content: input.url },
    { property: "og:site_name", content: ORGANIZATION_NAME },
    { property: "og:locale", content: input.locale === "vi" ? "vi_VN" : "en_US" },
    { name: "twitter:card", content: "summary" },
  ];
}

/** The head of one article or blog post: its title, summary, Open Graph, canonical and language links (or "not found"). */
export function articleMeta(
  page: { title: string; summary: string; origin: string; path: string; locale: AppLocale; alternates: readonly Alternate[] } | undefined,
) {
  if (!page) return [{ title: "Not found · QuitPath" }];
  return [
    ...pageMeta({
      title: `${page.title} · QuitPath`,
      description: page.summary,
      url: page.origin + page.path,
      type: "article",
      locale: page.locale,
    }),
    ...languageLinks(page.origin, page.path, page.alternates),
  ];
}

/** JSON for a `<script type="application/ld+json">`: `<`, `>` and `&` escaped so editor text cannot close the element. */
export function serializeJsonLd(data: unknown): string {
  return JSON.stringify(data).replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026");
}

export function organizationLd(origin: string) {
  return {
    "@context": "https://schema.org",
    "@type": "Organization",
    name: ORGANIZATION_NAME,
    url: `${origin}/`,
    logo: `${origin}/favicon.svg`,
  };
}

export function breadcrumbLd(origin: string, trail: readonly { name: string; path: string }[]) {
  return {
    "@context": "https://schema.org",
    "@type": "BreadcrumbList",
    itemListElement: trail.map((step, i) => ({ "@type": "ListItem", position: i + 1, name: step.name, item: `${origin}${step.path}` })),
  };
}

export function articleLd(input: {
  origin: string;
  path: string;
  locale: AppLocale;
  headline: string;
  description: string;
  publishedAt: string | null;
  modifiedAt: string;
  authorName: string | null;
  reviewedOn: string | null;
  reviewerName: string | null;
  sources: readonly { title: string; url: string }[];
  kind: "Article" | "BlogPosting";
}) {
  return {
    "@context": "https://schema.org",
    "@type": input.kind,
    headline: input.headline.slice(0, 110),
    description: input.description,
    inLanguage: input.locale,
    mainEntityOfPage: `${input.origin}${input.path}`,
    ...(input.publishedAt ? { datePublished: input.publishedAt } : {}),
    dateModified: input.modifiedAt,
    author: input.authorName ? { "@type": "Person", name: input.authorName } : { "@type": "Organization", name: ORGANIZATION_NAME },
    publisher: { "@type": "Organization", name: ORGANIZATION_NAME, logo: { "@type": "ImageObject", url: `${input.origin}/favicon.svg` } },
    ...(input.reviewedOn ? { lastReviewed: input.reviewedOn } : {}),
    ...(input.reviewerName ? { reviewedBy: { "@type": "Person", name: input.reviewerName } } : {}),
    ...(input.sources.length > 0 ? { citation: input.sources.map((s) => ({ "@type": "CreativeWork", name: s.title, url: s.url })) } : {}),
  };
}

export function faqLd(entries: readonly { question: string; answerText: string }[]) {
  return {
    "@context": "https://schema.org",
    "@type": "FAQPage",
    mainEntity: entries.map((e) => ({ "@type": "Question", name: e.question, acceptedAnswer: { "@type": "Answer", text: e.answerText } })),
  };
}

const xmlEscapes: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };
export const escapeXml = (text: string) => text.replace(/[&<>"']/g, (c) => xmlEscapes[c]!);

export type SitemapEntry = { alternates: Alternate[]; lastModified: string };

/** One `<url>` per language version, each listing every language version (Google's hreflang-in-sitemap form). */
export function sitemapXml(origin: string, entries: readonly SitemapEntry[]): string {
  const urls = entries.flatMap((entry) =>
    entry.alternates.map(
      (version) =>
        `<url><loc>${escapeXml(origin + version.path)}</loc><lastmod>${escapeXml(entry.lastModified)}</lastmod>` +
        entry.alternates.map((a) => `<xhtml:link rel="alternate" hreflang="${a.locale}" href="${escapeXml(origin + a.path)}"/>`).join("") +
        `</url>`,
    ),
  );
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">` +
    urls.join("") +
    `</urlset>\n`
  );
}

export function robotsTxt(origin: string): string {
  return [
    "User-agent: *",
    "Allow: /",
    "Disallow: /app",
    "Disallow: /admin",
    "Disallow: /coach",
    "Disallow: /resources/",
    "",
    `Sitemap: ${origin}/sitemap.xml`,
    "",
  ].join("\n");
}

export function atomFeed(input: {
  origin: string;
  selfPath: string;
  title: string;
  locale: AppLocale;
  updated: string;
  entries: readonly { title: string; path: string; summary: string; publishedAt: string; updatedAt: string; authorName: string | null }[];
}): string {
  const entries = input.entries
    .map(
      (e) =>
        `<entry><title>${escapeXml(e.title)}</title><link href="${escapeXml(input.origin + e.path)}"/>` +
        `<id>${escapeXml(input.origin + e.path)}</id><published>${e.publishedAt}</published><updated>${e.updatedAt}</updated>` +
        `<author><name>${escapeXml(e.authorName ?? ORGANIZATION_NAME)}</name></author><summary>${escapeXml(e.summary)}</summary></entry>`,
    )
    .join("");
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${input.locale}">` +
    `<title>${escapeXml(input.title)}</title><id>${escapeXml(input.origin + input.selfPath)}</id>` +
    `<link rel="self" href="${escapeXml(input.origin + input.selfPath)}"/><updated>${input.updated}</updated>${entries}</feed>\n`
  );
}
