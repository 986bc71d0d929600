import { describe, expect, test } from "vitest";
import { articleLd, atomFeed, faqLd, languageLinks, serializeJsonLd, sitemapXml } from "./seo";

describe("structured data", () => {
  test("Article JSON-LD carries what Google's Article type needs, with review and citations", () => {
    const ld = articleLd({
      origin: "https://quitpath.example",
      path: "/vi/learn/x",
      locale: "vi",
      headline: "Tiêu đề",
      description: "Tóm tắt",
      publishedAt: "2026-01-01T00:00:00.000Z",
      modifiedAt: "2026-01-02T00:00:00.000Z",
      authorName: null,
      reviewedOn: "2026-01-15",
      reviewerName: "Dr A",
      sources: [{ title: "Tobacco", url: "https://www.who.int/x" }],
      kind: "Article",
    });
    expect(ld).toMatchObject({
      "@context": "https://schema.org",
      "@type": "Article",
      headline: "Tiêu đề",
      inLanguage: "vi",
      datePublished: "2026-01-01T00:00:00.000Z",
      dateModified: "2026-01-02T00:00:00.000Z",
      lastReviewed: "2026-01-15",
      author: { "@type": "Organization", name: "QuitPath" },
      publisher: { "@type": "Organization", name: "QuitPath" },
      citation: [{ "@type": "CreativeWork", url: "https://www.who.int/x" }],
    });
  });

  test("FAQPage lists each question with its accepted answer", () => {
    expect(faqLd([{ question: "Q?", answerText: "A." }])).toEqual({
      "@context": "https://schema.org",
      "@type": "FAQPage",
      mainEntity: [{ "@type": "Question", name: "Q?", acceptedAnswer: { "@type": "Answer", text: "A." } }],
    });
  });

  test("serialised JSON-LD cannot close its script element and parses back to the same data", () => {
    const data = { name: "</script><script>alert(1)</script> & more" };
    const json = serializeJsonLd(data);
    expect(json).not.toContain("<");
    expect(json).not.toContain(">");
    expect(JSON.parse(json)).toEqual(data);
  });
});

describe("language links, sitemap and feed", () => {
  test("canonical, one hreflang per language and x-default on English", () => {
    const links = languageLinks("https://q.example", "/vi/learn/b", [
      { locale: "vi", path: "/vi/learn/b" },
      { locale: "en", path: "/learn/a" },
    ]);
    expect(links).toEqual([
      { tagName: "link", rel: "canonical", href: "https://q.example/vi/learn/b" },
      { tagName: "link", rel: "alternate", hrefLang: "en", href: "https://q.example/learn/a" },
      { tagName: "link", rel: "alternate", hrefLang: "vi", href: "https://q.example/vi/learn/b" },
      { tagName: "link", rel: "alternate", hrefLang: "x-default", href: "https://q.example/learn/a" },
    ]);
  });

  test("the sitemap has a url per language version, each listing every version, escaped", () => {
    const xml = sitemapXml("https://q.example", [
      {
        alternates: [
          { locale: "en", path: "/learn/a&b" },
          { locale: "vi", path: "/vi/learn/c" },
        ],
        lastModified: "2026-01-02",
      },
    ]);
    expect(xml.match(/<url>/g)).toHaveLength(2);
    expect(xml).toContain("<loc>https://q.example/learn/a&amp;b</loc>");
    expect(xml.match(/hreflang="vi"/g)).toHaveLength(2);
  });

  test("the Atom feed escapes titles", () => {
    const xml = atomFeed({
      origin: "https://q.example",
      selfPath: "/blog/feed.xml",
      title: "Blog",
      locale: "en",
      updated: "2026-01-01T00:00:00.000Z",
      entries: [
        {
          title: "<b>Hi</b>",
          path: "/blog/hi",
          summary: "s",
          publishedAt: "2026-01-01T00:00:00.000Z",
          updatedAt: "2026-01-01T00:00:00.000Z",
          authorName: null,
        },
      ],
    });
    expect(xml).toContain("<title>&lt;b&gt;Hi&lt;/b&gt;</title>");
  });
});
