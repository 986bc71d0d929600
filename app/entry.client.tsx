import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { browserTranslations } from "~/lib/translations.client";
import { TRANSLATIONS_ELEMENT_ID, TranslationsContext } from "~/lib/translations";

// The namespaces the server embedded for this page; the rest load when a page first needs them.
const translations = browserTranslations(document.getElementById(TRANSLATIONS_ELEMENT_ID)?.textContent ?? "");

startTransition(() => {
  hydrateRoot(
    document,
    <TranslationsContext.Provider value={translations}>
      <StrictMode>
        <RemixBrowser />
      </StrictMode>
    </TranslationsContext.Provider>,
  );
});
