import { data, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { JsonLd } from "~/components/content/content-parts";
import { db } from "#db/client.server";
import { supportedLocales } from "~/lib/i18n";
import { getFixedT } from "~/lib/i18n.server";
import { contentVersion, publishedList } from "~/modules/content/content.server";
import { FAQ_CATEGORIES, splitSections } from "~/modules/content/document";
import { contentLocaleParam, sectionPath } from "~/modules/content/paths";
import { contentPageHeaders, publicContentHeaders } from "~/modules/content/public-cache.server";
import { renderSections } from "~/modules/content/render";
import { breadcrumbLd, faqLd, languageLinks, pageMeta, serializeJsonLd } from "~/modules/content/seo";
import { plainText } from "~/modules/content/views";

/** Complete as HTML: anonymous visitors get it without the app's JavaScript (root.tsx). */
export const handle = { i18n: ["content"], hydrate: "signed-in" };

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const locale = contentLocaleParam(params.lang);
  if (!locale) throw new Response("Not found", { status: 404 });
  const [version, entries] = await Promise.all([contentVersion(db()), publishedList(db(), ["faq"], locale)]);
  // An FAQ page lists the questions written in its language; the other language has its own page.
  const inLanguage = entries.filter((e) => e.locale === locale);
  const origin = new URL(request.url).origin;
  const path = sectionPath("/faq", locale);
  const t = getFixedT(locale);
  const categories = FAQ_CATEGORIES.map((key) => ({
    key,
    entries: inLanguage
      .filter((e) => e.topic === key)
      .map((e) => ({
        id: e.slug,
        question: e.title,
        html: renderSections(splitSections(e.markdown))
          .map((s) => s.html)
          .join(""),
      })),
  })).filter((c) => c.entries.length > 0);
  return data(
    {
      locale,
      origin,
      path,
      title: t("content:faq.metaTitle"),
      description: t("content:faq.description"),
      categories,
      jsonLd: serializeJsonLd([
        faqLd(inLanguage.map((e) => ({ question: e.title, answerText: plainText(e.markdown) }))),
        breadcrumbLd(origin, [{ name: t("content:faq.title"), path }]),
      ]),
    },
    { headers: await publicContentHeaders(request, context, ["faq", version, locale]) },
  );
}

export const headers: HeadersFunction = contentPageHeaders;

export const meta: MetaFunction<typeof loader> = ({ data: page }) => {
  if (!page) return [];
  return [
    ...pageMeta({ title: page.title, description: page.description, url: page.origin + page.path, type: "website", locale: page.locale }),
    ...languageLinks(
      page.origin,
      page.path,
      supportedLocales.map((l) => ({ locale: l, path: sectionPath("/faq", l) })),
    ),
  ];
};

export default function FaqPage() {
  const page = useLoaderData<typeof loader>();
  const { t } = useTranslation("content");
  return (
    <section className="mx-auto max-w-3xl space-y-8 px-4 py-10">
      <h1 className="text-3xl font-bold">{t("faq.title")}</h1>
      {page.categories.map((category) => (
        <section key={category.key} aria-labelledby={`faq-${category.key}`} className="space-y-3">
          <h2 id={`faq-${category.key}`} className="text-2xl font-bold">
            {t(`faq.categories.${category.key}`)}
          </h2>
          {category.entries.map((entry) => (
            <details key={entry.id} id={entry.id} className="rounded-xl border border-slate-200 bg-white p-4">
              <summary className="cursor-pointer font-semibold">{entry.question}</summary>
              <div className="content-body mt-3" dangerouslySetInnerHTML={{ __html: entry.html }} />
            </details>
          ))}
        </section>
      ))}
      <JsonLd json={page.jsonLd} />
    </section>
  );
}
