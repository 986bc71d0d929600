import { type LoaderFunctionArgs } from "@remix-run/node";
import { db } from "#db/client.server";
import { CACHE_CONTROL } from "~/lib/cache-control";
import { getFixedT } from "~/lib/i18n.server";
import { publishedList } from "~/modules/content/content.server";
import { contentLocaleParam, contentPath, sectionPath } from "~/modules/content/paths";
import { atomFeed } from "~/modules/content/seo";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = contentLocaleParam(params.lang);
  if (!locale) return new Response("Not found", { status: 404 });
  const posts = (await publishedList(db(), ["blog-post"], locale, { limit: 30 })).filter((p) => p.locale === locale);
  const origin = new URL(request.url).origin;
  const xml = atomFeed({
    origin,
    selfPath: sectionPath("/blog/feed.xml", locale),
    title: `QuitPath · ${getFixedT(locale)("content:blog.title")}`,
    locale,
    updated: posts[0]?.updatedAt ?? new Date(0).toISOString(),
    entries: posts.map((p) => ({
      title: p.title,
      path: contentPath("blog-post", locale, p.slug),
      summary: p.summary,
      publishedAt: p.publishedAt ?? p.updatedAt,
      updatedAt: p.updatedAt,
      authorName: p.authorName,
    })),
  });
  return new Response(xml, {
    headers: { "Content-Type": "application/atom+xml; charset=utf-8", "Cache-Control": CACHE_CONTROL.publicContent },
  });
}
