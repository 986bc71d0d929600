import { type i18n as I18n } from "i18next";
import { createI18n, splitPart, type AppLocale, type Namespace } from "./i18n";
import type { Translations, TranslationsPayload } from "./translations";

type Loader = (lng: AppLocale, ns: Namespace) => Promise<object>;

// The map of every language's namespace chunks is a chunk of its own, fetched the first time a page
// needs a namespace the server did not embed: a page that hydrates with what it was sent never loads it.
const importNamespace: Loader = async (lng, ns) => {
  const { namespaceLoaders } = await import("~/locales/load");
  return (await namespaceLoaders[lng][ns]()).default;
};

/**
 * The browser's translations: the namespaces and sections the server embedded in the page (`payload`,
 * rendered back unchanged so hydration matches), and any other namespace or language loaded when a
 * page first needs it (a page wanting a section the browser lacks loads its whole namespace). One
 * i18next instance per language, so switching language swaps instances.
 */
export function browserTranslations(payload: string, loadNamespace: Loader = importNamespace): Translations {
  const embedded = JSON.parse(payload || "{}") as TranslationsPayload;
  const instances = new Map<AppLocale, I18n>();
  // What each language's instance holds: whole namespaces and sections (journey:log).
  const held = new Map<AppLocale, Set<string>>();
  const loading = new Map<string, Promise<void>>();
  const instance = (lng: AppLocale) => {
    let found = instances.get(lng);
    if (!found) {
      const resources = (lng === embedded.lng && embedded.resources) || {};
      found = createI18n(lng, resources);
      instances.set(lng, found);
      held.set(lng, new Set(lng === embedded.lng ? (embedded.parts ?? Object.keys(resources)) : []));
    }
    return found;
  };
  return {
    payload: () => payload,
    instance,
    load(lng, parts) {
      const target = instance(lng);
      const has = held.get(lng)!;
      const missing = [
        ...new Set(parts.filter((part) => !has.has(part) && !has.has(splitPart(part)[0])).map((part) => splitPart(part)[0])),
      ];
      if (missing.length === 0) return null;
      const key = `${lng}|${missing.join(",")}`;
      let pending = loading.get(key);
      if (!pending) {
        pending = Promise.all(
          missing.map(async (ns) => {
            target.addResourceBundle(lng, ns, await loadNamespace(lng, ns), true, true);
            has.add(ns);
          }),
        ).then(
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
