import { type i18n as I18n, type TFunction } from "i18next";
import { resources } from "~/locales";
import { boundedCache } from "./cache";
import { createI18n, splitPart, type AppLocale, type TranslationPart } from "./i18n";

const instances = new Map<AppLocale, I18n>();
/** One instance per language with every namespace, shared by every server render (the server never changes language on it). */
export function i18nFor(lng: AppLocale): I18n {
  let instance = instances.get(lng);
  if (!instance) {
    instance = createI18n(lng, resources[lng]);
    instances.set(lng, instance);
  }
  return instance;
}

/** A translation function for a language, for code outside React (emails, actions, loaders). */
export function getFixedT(lng: AppLocale): TFunction {
  return i18nFor(lng).t;
}

// Keyed by language and a route set's namespaces: bounded by construction, but the helper counts hits.
const payloads = boundedCache<string, string>("i18n-payloads", 200);

/**
 * The JSON of one language's translations for a page (app/components/translations.tsx): whole
 * namespaces, and for a section only that part of its namespace; `parts` tells the browser which
 * were sent. `<` is escaped so the text cannot close the script element it is placed in.
 */
export function translationsPayload(lng: AppLocale, parts: readonly TranslationPart[]): string {
  const key = `${lng}|${parts.join(",")}`;
  return payloads.getOrCreate(key, () => {
    const picked: Record<string, Record<string, unknown>> = {};
    for (const part of parts) {
      const [ns, section] = splitPart(part);
      const all = resources[lng][ns] as Record<string, unknown>;
      if (section === null) picked[ns] = all;
      else if (section in all) (picked[ns] ??= {})[section] = all[section];
    }
    return JSON.stringify({ lng, parts, resources: picked }).replace(/</g, "\\u003c");
  });
}
