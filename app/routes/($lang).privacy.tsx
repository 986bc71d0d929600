import { data, type HeadersFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { SitePageView, sitePageMeta } from "~/components/content/site-page";
import { contentPageHeaders } from "~/modules/content/public-cache.server";
import { orErrorPage } from "~/lib/http";
import { sitePageView } from "~/modules/content/site-page.server";

export const handle = { i18n: ["content"] };

export async function loader(args: LoaderFunctionArgs) {
  const { page, headers } = await orErrorPage(sitePageView(args, "privacy"));
  return data(page, { headers });
}

export const headers: HeadersFunction = contentPageHeaders;

export const meta = sitePageMeta;

export default SitePageView;
