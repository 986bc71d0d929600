import { type LoaderFunctionArgs } from "@remix-run/node";
import { CACHE_CONTROL } from "~/lib/cache-control";
import { resolveLocale } from "~/lib/i18n";
import { getFixedT } from "~/lib/i18n.server";
import { appManifest } from "~/modules/phone-app/manifest";

/** The install manifest in the visitor's language (their cookie, else Accept-Language; `?lang=` for a link that names it). */
export function loader({ request }: LoaderFunctionArgs) {
  const named = new URL(request.url).searchParams.get("lang");
  const locale = named === "en" || named === "vi" ? named : resolveLocale(request);
  return new Response(JSON.stringify(appManifest(locale, getFixedT(locale))), {
    headers: {
      "Content-Type": "application/manifest+json; charset=utf-8",
      "Cache-Control": CACHE_CONTROL.appManifest,
      Vary: "Cookie, Accept-Language",
    },
  });
}
