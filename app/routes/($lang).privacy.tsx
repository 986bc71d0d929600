import { data, type HeadersFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { SitePageView, sitePageMeta } from "~/components/content/site-page";
import { contentPageHeaders } from "~/modules/content/public-cache.server";
import { orErrorPage } from "~/lib/http";
import { sitePageView } from "~/modules/content/site-page.server";

/** Complete as HTML: anonymous visitors get it without the app's JavaScript (root.tsx). */
export const handle = { i18n: ["content"], hydrate: "signed-in" };

export async function loader(args: LoaderFunctionArgs) {
  const { page, headers } = await orErrorPage(sitePageView(args, "privacy"));
  return data(page, { headers });
}

export const headers: HeadersFunction = contentPageHeaders;

export const meta = sitePageMeta;

export default SitePageView;
