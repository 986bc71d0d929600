import { data, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ContentCard, JsonLd } from "~/components/content/content-parts";
import { db } from "#db/client.server";
import { contentVersion, publishedList, searchPublishedContent } from "~/modules/content/content.server";
import { ARTICLE_TOPICS } from "~/modules/content/document";
import { contentLocaleParam, sectionPath, CONTENT_LOCALE_PREFIX } from "~/modules/content/paths";
import { contentPageHeaders, publicContentHeaders } from "~/modules/content/public-cache.server";
import { breadcrumbLd, languageLinks, organizationLd, pageMeta, serializeJsonLd } from "~/modules/content/seo";
import { contentCard } from "~/modules/content/views";
import { getFixedT } from "~/lib/i18n.server";
import { supportedLocales } from "~/lib/i18n";

/** Complete as HTML: anonymous visitors get it without the app's JavaScript (root.tsx). */
export const handle = { i18n: ["content"], hydrate: "signed-in" };

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const locale = contentLocaleParam(params.lang);
  if (!locale) throw new Response("Not found", { status: 404 });
  const url = new URL(request.url);
  const query = (url.searchParams.get("q") ?? "").trim().slice(0, 200);
  const topicParam = url.searchParams.get("topic");
  const topic = (ARTICLE_TOPICS as readonly string[]).includes(topicParam ?? "") ? topicParam : null;
  const [version, found, articles, roadmaps] = await Promise.all([
    contentVersion(db()),
    query ? searchPublishedContent(db(), locale, query) : Promise.resolve(null),
    query ? Promise.resolve([]) : publishedList(db(), ["article"], locale, { topic }),
    query || topic ? Promise.resolve([]) : publishedList(db(), ["roadmap"], locale),
  ]);
  const origin = url.origin;
  const path = sectionPath("/learn", locale);
  const byTopic = ARTICLE_TOPICS.map((key) => ({
    key,
    cards: articles.filter((a) => a.topic === key).map((a) => contentCard(a, locale)),
  })).filter((group) => group.cards.length > 0);
  const t = getFixedT(locale);
  const headers = await publicContentHeaders(request, context, ["learn-index", version, locale, query, topic]);
  return data(
    {
      locale,
      origin,
      path,
      title: t("content:hub.metaTitle"),
      description: t("content:hub.description"),
      query,
      topic,
      results: found ? found.map((r) => contentCard(r, locale)) : null,
      byTopic,
      roadmaps: roadmaps.map((r) => contentCard(r, locale)),
      jsonLd: serializeJsonLd([organizationLd(origin), breadcrumbLd(origin, [{ name: t("content:hub.title"), path }])]),
    },
    { headers },
  );
}

export const headers: HeadersFunction = contentPageHeaders;

export const meta: MetaFunction<typeof loader> = ({ data: page }) => {
  if (!page) return [];
  return [
    ...pageMeta({ title: page.title, description: page.description, url: page.origin + page.path, type: "website", locale: page.locale }),
    // Search results and topic filters are views of this page, not pages of their own.
    ...(page.query || page.topic ? [{ name: "robots", content: "noindex, follow" }] : []),
    ...languageLinks(
      page.origin,
      page.path,
      supportedLocales.map((l) => ({ locale: l, path: `${CONTENT_LOCALE_PREFIX[l]}/learn` })),
    ),
  ];
};

export default function LearnIndex() {
  const page = useLoaderData<typeof loader>();
  const { t } = useTranslation("content");
  return (
    <section className="mx-auto max-w-5xl space-y-8 px-4 py-10">
      <header className="space-y-3">
        <h1 className="text-3xl font-bold">{t("hub.title")}</h1>
        <p className="text-lg text-slate-700">{t("hub.intro")}</p>
        <form method="get" action={page.path} role="search" className="flex max-w-xl gap-2">
          <label htmlFor="hub-search" className="sr-only">
            {t("hub.searchLabel")}
          </label>
          <input
            id="hub-search"
            type="search"
            name="q"
            defaultValue={page.query}
            placeholder={t("hub.searchLabel")}
            className="w-full rounded-md border border-slate-400 px-3 py-2"
          />
          <button type="submit" className="rounded-md bg-emerald-700 px-4 py-2 font-semibold text-white hover:bg-emerald-800">
            {t("hub.searchButton")}
          </button>
        </form>
        <ul className="flex flex-wrap gap-2" aria-label={t("hub.title")}>
          {ARTICLE_TOPICS.map((key) => (
            <li key={key}>
              <a
                href={`${page.path}?topic=${key}`}
                aria-current={page.topic === key ? "page" : undefined}
                className="inline-block rounded-full bg-white px-3 py-1 text-sm text-slate-800 ring-1 ring-slate-300 hover:bg-emerald-50"
              >
                {t(`topics.${key}`)}
              </a>
            </li>
          ))}
        </ul>
      </header>
      {page.results ? (
        <section aria-labelledby="results-heading" className="space-y-4">
          <h2 id="results-heading" className="text-2xl font-bold">
            {t("hub.resultsFor", { query: page.query })}
          </h2>
          {page.results.length === 0 ? <p>{t("hub.noResults")}</p> : null}
          <ul className="grid gap-4 sm:grid-cols-2">
            {page.results.map((card) => (
              <ContentCard key={card.path} card={card} />
            ))}
          </ul>
        </section>
      ) : null}
      {page.roadmaps.length > 0 ? (
        <section aria-labelledby="roadmaps-heading" className="space-y-4">
          <h2 id="roadmaps-heading" className="text-2xl font-bold">
            {t("hub.roadmaps")}
          </h2>
          <ul className="grid gap-4 sm:grid-cols-3">
            {page.roadmaps.map((card) => (
              <ContentCard key={card.path} card={card} />
            ))}
          </ul>
        </section>
      ) : null}
      {page.byTopic.map((group) => (
        <section key={group.key} aria-labelledby={`topic-${group.key}`} className="space-y-4">
          <h2 id={`topic-${group.key}`} className="text-2xl font-bold">
            {t(`topics.${group.key}`)}
          </h2>
          <ul className="grid gap-4 sm:grid-cols-2">
            {group.cards.map((card) => (
              <ContentCard key={card.path} card={card} />
            ))}
          </ul>
        </section>
      ))}
      <JsonLd json={page.jsonLd} />
    </section>
  );
}
