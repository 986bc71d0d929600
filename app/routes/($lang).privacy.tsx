import type { HeadersFunction, LoaderFunctionArgs } from "@remix-run/node";
import { SitePageView, sitePageMeta } from "~/components/content/site-page";
import { contentPageHeaders } from "~/modules/content/public-cache.server";
import { loadSitePage } from "~/modules/content/site-page.server";

export const handle = { i18n: ["content"] };

export const loader = (args: LoaderFunctionArgs) => loadSitePage(args, "privacy");

export const headers: HeadersFunction = contentPageHeaders;

export const meta = sitePageMeta;

export default SitePageView;
