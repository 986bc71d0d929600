import { type i18n as I18n } from "i18next";
import { createI18n, type AppLocale, type Namespace } from "./i18n";
import type { Translations, TranslationsPayload } from "./translations";

type Loader = (lng: AppLocale, ns: Namespace) => Promise<object>;

// The map of every language's namespace chunks is a chunk of its own, fetched the first time a page
// needs a namespace the server did not embed: a page that hydrates with what it was sent never loads it.
const importNamespace: Loader = async (lng, ns) => {
  const { namespaceLoaders } = await import("~/locales/load");
  return (await namespaceLoaders[lng][ns]()).default;
};

/**
 * The browser's translations: the namespaces the server embedded in the page (`payload`, rendered
 * back unchanged so hydration matches), and any other namespace or language loaded when a page
 * first needs it. One i18next instance per language, so switching language swaps instances.
 */
export function browserTranslations(payload: string, loadNamespace: Loader = importNamespace): Translations {
  const embedded = JSON.parse(payload || "{}") as TranslationsPayload;
  const instances = new Map<AppLocale, I18n>();
  const loading = new Map<string, Promise<void>>();
  const instance = (lng: AppLocale) => {
    let found = instances.get(lng);
    if (!found) {
      found = createI18n(lng, (lng === embedded.lng && embedded.resources) || {});
      instances.set(lng, found);
    }
    return found;
  };
  return {
    payload: () => payload,
    instance,
    load(lng, namespaces) {
      const target = instance(lng);
      const missing = namespaces.filter((ns) => !target.hasResourceBundle(lng, ns));
      if (missing.length === 0) return null;
      const key = `${lng}|${missing.join(",")}`;
      let pending = loading.get(key);
      if (!pending) {
        pending = Promise.all(missing.map(async (ns) => target.addResourceBundle(lng, ns, await loadNamespace(lng, ns), true, true))).then(
          () => undefined,
          // As Remix does when a route module fails to load: the server renders the page instead.
          () => {
            window.location.reload();
            return new Promise<void>(() => {});
          },
        );
        loading.set(key, pending);
      }
      return pending;
    },
  };
}
