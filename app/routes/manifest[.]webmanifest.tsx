import { type LoaderFunctionArgs } from "@remix-run/node";
import { CACHE_CONTROL } from "~/lib/cache-control";
import { fallbackLocale, isLocale, localeFromAcceptLanguage, type AppLocale } from "~/lib/i18n";
import { getFixedT } from "~/lib/i18n.server";
import { appManifest } from "~/modules/phone-app/manifest";

/**
 * The install manifest in the language its address names (`?lang=vi`, what the member layout links:
 * see manifestHref). Browsers fetch a manifest without cookies, so the member's language cannot come
 * from their session or language cookie; with it in the URL, a cache keys on the URL alone. An
 * address without it (an older link) answers in the browser's languages.
 */
export function loader({ request }: LoaderFunctionArgs) {
  const named = new URL(request.url).searchParams.get("lang");
  if (isLocale(named)) return manifest(named, {});
  return manifest(localeFromAcceptLanguage(request.headers.get("Accept-Language")) ?? fallbackLocale, { Vary: "Accept-Language" });
}

function manifest(locale: AppLocale, vary: Record<string, string>) {
  return new Response(JSON.stringify(appManifest(locale, getFixedT(locale))), {
    headers: {
      "Content-Type": "application/manifest+json; charset=utf-8",
      "Cache-Control": CACHE_CONTROL.appManifest,
      ...vary,
    },
  });
}
