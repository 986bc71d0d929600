import { type LoaderFunctionArgs } from "@remix-run/node";
import { db } from "#db/client.server";
import { CACHE_CONTROL } from "~/lib/cache-control";
import { supportedLocales } from "~/lib/i18n";
import { contentVersion, sitemapContent } from "~/modules/content/content.server";
import { strongEtag } from "~/modules/content/etag.server";
import { CONTENT_LOCALE_PREFIX, sectionPath } from "~/modules/content/paths";
import { sitemapXml, type SitemapEntry } from "~/modules/content/seo";
import { alternatesOf } from "~/modules/content/views";

export async function loader({ request }: LoaderFunctionArgs) {
  const [version, items] = await Promise.all([contentVersion(db()), sitemapContent(db())]);
  const origin = new URL(request.url).origin;
  const now = new Date().toISOString().slice(0, 10);
  const sections: SitemapEntry[] = (["/learn", "/blog", "/faq"] as const).map((section) => ({
    alternates: supportedLocales.map((l) => ({ locale: l, path: sectionPath(section, l) })),
    lastModified: now,
  }));
  const entries: SitemapEntry[] = [
    { alternates: [{ locale: "en", path: "/" }], lastModified: now },
    ...sections,
    ...items.map((item) => ({
      alternates:
        item.kind === "page"
          ? item.alternates.map((a) => ({ locale: a.locale, path: `${CONTENT_LOCALE_PREFIX[a.locale]}/${item.topic}` }))
          : alternatesOf(item),
      lastModified: item.updatedAt.slice(0, 10),
    })),
  ];
  return new Response(sitemapXml(origin, entries), {
    headers: {
      "Content-Type": "application/xml; charset=utf-8",
      "Cache-Control": CACHE_CONTROL.publicContent,
      ETag: strongEtag(["sitemap", version, origin]),
    },
  });
}
