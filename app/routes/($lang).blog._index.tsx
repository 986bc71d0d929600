import { data, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ContentCard, JsonLd } from "~/components/content/content-parts";
import { db } from "#db/client.server";
import { supportedLocales } from "~/lib/i18n";
import { getFixedT } from "~/lib/i18n.server";
import { contentVersion, publishedList } from "~/modules/content/content.server";
import { contentLocaleParam, sectionPath } from "~/modules/content/paths";
import { contentPageHeaders, publicContentHeaders } from "~/modules/content/public-cache.server";
import { breadcrumbLd, languageLinks, organizationLd, pageMeta, serializeJsonLd } from "~/modules/content/seo";
import { contentCard } from "~/modules/content/views";

/** Complete as HTML: anonymous visitors get it without the app's JavaScript (root.tsx). */
export const handle = { i18n: ["content"], hydrate: "signed-in" };

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const locale = contentLocaleParam(params.lang);
  if (!locale) throw new Response("Not found", { status: 404 });
  const [version, posts] = await Promise.all([contentVersion(db()), publishedList(db(), ["blog-post"], locale, { limit: 50 })]);
  const origin = new URL(request.url).origin;
  const path = sectionPath("/blog", locale);
  const t = getFixedT(locale);
  return data(
    {
      locale,
      origin,
      path,
      title: t("content:blog.metaTitle"),
      description: t("content:blog.description"),
      feedPath: sectionPath("/blog/feed.xml", locale),
      posts: posts.map((p) => ({ ...contentCard(p, locale), publishedAt: p.publishedAt, authorName: p.authorName })),
      jsonLd: serializeJsonLd([organizationLd(origin), breadcrumbLd(origin, [{ name: t("content:blog.title"), path }])]),
    },
    { headers: await publicContentHeaders(request, context, ["blog-index", version, locale]) },
  );
}

export const headers: HeadersFunction = contentPageHeaders;

export const meta: MetaFunction<typeof loader> = ({ data: page }) => {
  if (!page) return [];
  return [
    ...pageMeta({ title: page.title, description: page.description, url: page.origin + page.path, type: "website", locale: page.locale }),
    { tagName: "link", rel: "alternate", type: "application/atom+xml", title: page.title, href: page.origin + page.feedPath },
    ...languageLinks(
      page.origin,
      page.path,
      supportedLocales.map((l) => ({ locale: l, path: sectionPath("/blog", l) })),
    ),
  ];
};

export default function BlogIndex() {
  const page = useLoaderData<typeof loader>();
  const { t } = useTranslation("content");
  return (
    <section className="mx-auto max-w-4xl space-y-6 px-4 py-10">
      <h1 className="text-3xl font-bold">{t("blog.title")}</h1>
      <p className="text-lg text-slate-700">{t("blog.description")}</p>
      <p>
        <a href={page.feedPath} className="text-sm text-emerald-800 underline">
          {t("blog.feed")}
        </a>
      </p>
      {page.posts.length === 0 ? <p>{t("blog.empty")}</p> : null}
      <ul className="grid gap-4 sm:grid-cols-2">
        {page.posts.map((post) => (
          <ContentCard key={post.path} card={post} level={2} />
        ))}
      </ul>
      <JsonLd json={page.jsonLd} />
    </section>
  );
}
