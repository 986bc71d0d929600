import type { MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDate } from "~/lib/format";
import type { SitePageData } from "~/modules/content/site-page.server";
import { languageLinks, pageMeta } from "~/modules/content/seo";
import { ContentSections, JsonLd } from "./content-parts";

export const sitePageMeta: MetaFunction = ({ data }) => {
  const page = data as SitePageData | undefined;
  if (!page) return [{ title: "Not found · QuitPath" }];
  return [
    ...pageMeta({
      title: `${page.title} · QuitPath`,
      description: page.summary,
      url: page.origin + page.path,
      type: "website",
      locale: page.locale,
    }),
    ...languageLinks(page.origin, page.path, page.alternates),
  ];
};

export function SitePageView() {
  const page = useLoaderData() as SitePageData;
  const { t } = useTranslation(["content", "common"]);
  return (
    <article className="mx-auto max-w-3xl space-y-6 px-4 py-10" lang={page.written}>
      <h1 className="text-3xl font-bold">{page.title}</h1>
      {page.written !== page.locale ? (
        <p className="rounded-lg bg-amber-50 p-3 text-amber-950" lang={page.locale}>
          {t("content:article.notInLanguage", { language: t(`common:languages.${page.locale}`) })}
        </p>
      ) : null}
      <p className="text-sm text-slate-700">{formatDate(page.updatedAt, page.locale, "UTC")}</p>
      <ContentSections sections={page.sections} />
      <JsonLd json={page.jsonLd} />
    </article>
  );
}
