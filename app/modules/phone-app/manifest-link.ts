import { type AppLocale } from "~/lib/i18n";

/**
 * The manifest's address in one language. A browser fetches the manifest without cookies (and an
 * installed app re-reads it from the home screen), so the language is in the URL: a Vietnamese member
 * installs "QuitPath: bỏ thuốc lá mãi mãi" whatever the phone's own languages are.
 */
export function manifestHref(locale: AppLocale): string {
  return `/manifest.webmanifest?lang=${locale}`;
}
