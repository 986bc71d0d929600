import { data, type LoaderFunctionArgs } from "@remix-run/node";
import { db } from "#db/client.server";
import { orErrorPage } from "~/lib/http";
import { publishedPage } from "./content.server";
import { splitSections, type SitePage } from "./document";
import { CONTENT_LOCALE_PREFIX, contentLocaleParam } from "./paths";
import { publicContentHeaders } from "./public-cache.server";
import { renderSections } from "./render";
import { organizationLd, serializeJsonLd } from "./seo";

/** The loader of /about, /terms, /privacy (and /vi/…): the page's published text, in the URL's language or else the other. */
export async function loadSitePage({ request, params, context }: LoaderFunctionArgs, key: SitePage) {
  const locale = contentLocaleParam(params.lang);
  if (!locale) throw new Response("Not found", { status: 404 });
  const page = await orErrorPage(publishedPage(db(), key, locale));
  const origin = new URL(request.url).origin;
  const pathFor = (l: string) => `${CONTENT_LOCALE_PREFIX[l as "en" | "vi"]}/${key}`;
  return data(
    {
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
    { headers: await publicContentHeaders(request, context, ["page", key, page.id, page.revision, page.updatedAt, locale]) },
  );
}
export type SitePageData = Awaited<ReturnType<typeof loadSitePage>>["data"];
