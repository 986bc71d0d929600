import type { LoaderFunctionArgs } from "@remix-run/node";
import { db } from "#db/client.server";
import { DomainError } from "~/lib/domain-error";
import { publishedPage } from "./content.server";
import { splitSections, type SitePage } from "./document";
import { CONTENT_LOCALE_PREFIX, contentLocaleParam } from "./paths";
import { publicContentHeaders } from "./public-cache.server";
import { renderSections } from "./render";
import { organizationLd, serializeJsonLd } from "./seo";

/** What /about, /terms, /privacy (and /vi/…) show: the page's published text, in the URL's language or else the other. */
export async function sitePageView({ request, params, context }: LoaderFunctionArgs, key: SitePage) {
  const locale = contentLocaleParam(params.lang);
  if (!locale) throw new DomainError("not-found", "content:errors.notFound");
  const page = await publishedPage(db(), key, locale);
  const origin = new URL(request.url).origin;
  const pathFor = (l: string) => `${CONTENT_LOCALE_PREFIX[l as "en" | "vi"]}/${key}`;
  return {
    page: {
      locale,
      written: page.locale,
      origin,
      path: pathFor(locale),
      title: page.title,
      summary: page.summary,
      updatedAt: page.updatedAt,
      alternates: page.alternates.map((a) => ({ locale: a.locale, path: pathFor(a.locale) })),
      sections: renderSections(splitSections(page.markdown)),
      jsonLd: serializeJsonLd(organizationLd(origin)),
    },
    headers: await publicContentHeaders(request, context, ["page", key, page.id, page.revision, page.updatedAt, locale]),
  };
}
export type SitePageData = Awaited<ReturnType<typeof sitePageView>>["page"];
