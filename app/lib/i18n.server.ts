/* eslint-disable */ // EXPERIMENT
import { type i18n as I18n, type TFunction } from "i18next";
import { resources } from "~/locales";
import { boundedCache } from "./cache";
import { createI18n, type AppLocale, type Namespace } from "./i18n";

const instances = new Map<AppLocale, I18n>();
/** One instance per language with every namespace, shared by every server render (the server never changes language on it). */
export function i18nFor(lng: AppLocale): I18n {
  let instance = instances.get(lng);
  if (!instance) {
    instance = createI18n(lng, resources[lng]);
    if (process.env.I18N_MEMO === "on") memoizePlainLookups(instance); // EXPERIMENT
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
 * The JSON of one language's namespaces, to embed in a page (app/components/translations.tsx).
 * `<` is escaped so the text cannot close the script element it is placed in.
 */
export function translationsPayload(lng: AppLocale, namespaces: readonly Namespace[]): string {
  const key = `${lng}|${namespaces.join(",")}`;
  return payloads.getOrCreate(key, () => {
    const picked: Record<string, unknown> = {};
    for (const ns of namespaces) picked[ns] = resources[lng][ns];
    return JSON.stringify({ lng, resources: picked }).replace(/</g, "\\u003c");
  });
}

// EXPERIMENT
const MAX_TEXTS_PER_SCOPE = 20_000;

function rememberKey(lng: string, key: unknown, rest: unknown[]): string | null {
  if (typeof key !== "string" || rest.length > 1) return null;
  if (rest.length === 0) return `${lng}|${key}`;
  const options = rest[0];
  if (typeof options !== "object" || options === null) return null;
  for (const value of Object.values(options)) {
    const type = typeof value;
    if (type !== "string" && type !== "number" && type !== "boolean") return null;
  }
  return `${lng}|${key}|${JSON.stringify(options)}`;
}

function memoizePlainLookups(instance: I18n) {
  const getFixedT = instance.getFixedT.bind(instance) as unknown as (...args: unknown[]) => TFunction;
  const textsByScope = new Map<string, Map<string, string>>();
  instance.getFixedT = ((lng: string | readonly string[] | null, ns?: string | readonly string[] | null, keyPrefix?: string) => {
    const fixed = getFixedT(lng, ns, keyPrefix) as unknown as (...args: unknown[]) => unknown;
    const scope = `${String(ns)}|${keyPrefix ?? ""}`;
    let texts = textsByScope.get(scope);
    if (!texts) {
      texts = new Map();
      textsByScope.set(scope, texts);
    }
    const known = texts;
    // A new function each call, as i18next does: react-i18next re-renders when it changes.
    const t = ((key: unknown, ...rest: unknown[]) => {
      // Without a fixed language the text follows the instance's current one (the browser switches).
      const cacheKey = rememberKey(String(lng ?? instance.language), key, rest);
      if (cacheKey === null) return fixed(key, ...rest);
      let text = known.get(cacheKey);
      if (text === undefined) {
        const result = fixed(key, ...rest);
        if (typeof result !== "string") return result;
        if (known.size >= MAX_TEXTS_PER_SCOPE) known.clear();
        known.set(cacheKey, (text = result));
      }
      return text;
    }) as unknown as TFunction;
    // react-i18next reads lng, ns and keyPrefix off the function it is given.
    return Object.assign(t, { ...(fixed as unknown as Record<string, unknown>) });
  }) as I18n["getFixedT"];
}
