import { useMatches } from "@remix-run/react";
import { type i18n as I18n } from "i18next";
import { createContext, useContext, type ReactNode } from "react";
import { I18nextProvider } from "react-i18next";
import { namespacesFor, type AppLocale, type TranslationPart } from "./i18n";
import { useNonce } from "./nonce";

/**
 * Where a render gets its translations. The server has every namespace of both languages and
 * embeds the ones a page uses in it; the browser starts from those and loads a namespace the
 * first time a page needs it (entry.server.tsx and entry.client.tsx provide one each).
 */
export type Translations = {
  /** The JSON of `lng`'s namespaces and sections, embedded in the document (in the browser: what the server embedded). */
  payload(lng: AppLocale, parts: readonly TranslationPart[]): string;
  /** The i18next instance of a language. */
  instance(lng: AppLocale): I18n;
  /** Null when `lng` has every one of `parts`, otherwise a promise that settles once it does. */
  load(lng: AppLocale, parts: readonly TranslationPart[]): Promise<void> | null;
};

export const TranslationsContext = createContext<Translations | null>(null);

export const TRANSLATIONS_ELEMENT_ID = "i18n-resources";

export type TranslationsPayload = { lng?: string; parts?: string[]; resources?: Record<string, object> };

function useTranslations(): Translations {
  const translations = useContext(TranslationsContext);
  if (!translations) throw new Error("TranslationsContext is not provided (entry.server.tsx / entry.client.tsx)");
  return translations;
}

/**
 * Gives the page the instance of its language. A client-side navigation to a page whose namespaces
 * the browser does not have yet suspends here until they are loaded; navigations render in a
 * transition, so the current page stays on screen meanwhile and no key shows untranslated.
 */
export function PageTranslations({ locale, children }: { locale: AppLocale; children: ReactNode }) {
  const translations = useTranslations();
  const pending = translations.load(locale, namespacesFor(useMatches()));
  if (pending) throw pending;
  return <I18nextProvider i18n={translations.instance(locale)}>{children}</I18nextProvider>;
}

/** The page's namespaces as data for the browser's first render (never executed; the nonce keeps every script tag alike). */
export function TranslationsScript({ locale }: { locale: AppLocale }) {
  const translations = useTranslations();
  const nonce = useNonce();
  const payload = translations.payload(locale, namespacesFor(useMatches()));
  return (
    <script
      id={TRANSLATIONS_ELEMENT_ID}
      type="application/json"
      nonce={nonce}
      // The browser hides nonces from the DOM, as for Remix's own scripts.
      suppressHydrationWarning
      dangerouslySetInnerHTML={{ __html: payload }}
    />
  );
}
