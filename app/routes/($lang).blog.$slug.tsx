import { data, redirect, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Breadcrumbs, ContentSections, JsonLd } from "~/components/content/content-parts";
import { db } from "#db/client.server";
import { formatDate } from "~/lib/format";
import { orErrorPage } from "~/lib/http";
import { getFixedT } from "~/lib/i18n.server";
import { publishedContent, translationForSlug } from "~/modules/content/content.server";
import { splitSections } from "~/modules/content/document";
import { contentLocaleParam, contentPath, sectionPath } from "~/modules/content/paths";
import { contentPageHeaders, publicContentHeaders } from "~/modules/content/public-cache.server";
import { renderSections } from "~/modules/content/render";
import { articleLd, articleMeta, breadcrumbLd, serializeJsonLd } from "~/modules/content/seo";
import { alternatesOf } from "~/modules/content/views";

/** Complete as HTML: anonymous visitors get it without the app's JavaScript (root.tsx). */
export const handle = { i18n: ["content"], hydrate: "signed-in" };

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const locale = contentLocaleParam(params.lang);
  if (!locale) throw new Response("Not found", { status: 404 });
  const post = await publishedContent(db(), ["blog-post"], locale, params.slug ?? "").catch(async (error) => {
    const other = await translationForSlug(db(), ["blog-post"], locale, params.slug ?? "");
    if (other) throw redirect(contentPath("blog-post", other.locale, other.slug));
    return orErrorPage(Promise.reject(error));
  });
  const origin = new URL(request.url).origin;
  const path = contentPath("blog-post", locale, post.slug);
  const t = getFixedT(locale);
  const trail = [
    { name: t("content:blog.title"), path: sectionPath("/blog", locale) },
    { name: post.title, path },
  ];
  return data(
    {
      locale,
      origin,
      path,
      title: post.title,
      summary: post.summary,
      authorName: post.authorName,
      publishedAt: post.publishedAt,
      trail,
      alternates: alternatesOf(post),
      sections: renderSections(splitSections(post.markdown)),
      sources: post.sources,
      jsonLd: serializeJsonLd([
        articleLd({
          origin,
          path,
          locale,
          headline: post.title,
          description: post.summary,
          publishedAt: post.publishedAt,
          modifiedAt: post.updatedAt,
          authorName: post.authorName,
          reviewedOn: null,
          reviewerName: null,
          sources: post.sources,
          kind: "BlogPosting",
        }),
        breadcrumbLd(origin, trail),
      ]),
    },
    { headers: await publicContentHeaders(request, context, ["blog", post.id, post.revision, post.updatedAt, locale]) },
  );
}

export const headers: HeadersFunction = contentPageHeaders;

export const meta: MetaFunction<typeof loader> = ({ data }) => articleMeta(data);

export default function BlogPost() {
  const page = useLoaderData<typeof loader>();
  const { t } = useTranslation(["content", "common"]);
  const other = page.alternates.find((a) => a.locale !== page.locale);
  return (
    <article className="mx-auto max-w-3xl space-y-6 px-4 py-10">
      <Breadcrumbs trail={page.trail} />
      <header className="space-y-2">
        <h1 className="text-3xl font-bold">{page.title}</h1>
        <p className="text-sm text-slate-700">
          {page.authorName ? `${t("content:article.by", { author: page.authorName })} · ` : null}
          {page.publishedAt ? t("content:article.published", { date: formatDate(page.publishedAt, page.locale, "UTC") }) : null}
        </p>
        {other ? (
          <p className="text-sm">
            <a href={other.path} hrefLang={other.locale} lang={other.locale} className="text-emerald-800 underline">
              {t("content:article.alsoIn", { language: t(`common:languages.${other.locale}`) })}
            </a>
          </p>
        ) : null}
      </header>
      <ContentSections sections={page.sections} />
      {page.sources.length > 0 ? (
        <section aria-labelledby="sources-heading" className="border-t border-slate-200 pt-6">
          <h2 id="sources-heading" className="text-xl font-bold">
            {t("content:article.sources")}
          </h2>
          <ol className="mt-3 list-decimal space-y-2 pl-6">
            {page.sources.map((s) => (
              <li key={s.url}>
                <a href={s.url} rel="noopener" className="text-emerald-800 underline">
                  {s.title}
                </a>
                . {s.publisher}, {s.year}.
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      <JsonLd json={page.jsonLd} />
    </article>
  );
}
