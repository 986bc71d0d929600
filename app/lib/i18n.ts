import i18next, { type i18n as I18n, type TFunction } from "i18next";
import { resources } from "~/locales";

export const supportedLocales = ["en", "vi"] as const;
export type AppLocale = (typeof supportedLocales)[number];
export const fallbackLocale: AppLocale = "en";
export const LOCALE_COOKIE = "qp_lang";

export function isLocale(value: unknown): value is AppLocale {
  return typeof value === "string" && (supportedLocales as readonly string[]).includes(value);
}

export const i18nOptions = {
  resources,
  supportedLngs: [...supportedLocales],
  fallbackLng: fallbackLocale,
  defaultNS: "common",
  ns: Object.keys(resources.en),
  interpolation: { escapeValue: false },
  returnNull: false,
} as const;

/** A ready i18next instance for one language. */
export function createI18n(lng: AppLocale): I18n {
  const instance = i18next.createInstance();
  void instance.init({ ...i18nOptions, lng, initImmediate: false });
  memoizePlainLookups(instance);
  return instance;
}

/**
 * Resources never change at run time, so a key looked up with the same options (counts, names,
 * dates already formatted) always gives the same text: remember it. i18next's full resolution
 * (plural rules, interpolation) runs once per key and options instead of on every render. Only
 * options made of strings, numbers and booleans are remembered, and each scope keeps a bounded
 * number of texts.
 */
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

const shared = new Map<AppLocale, I18n>();
/** One initialised instance per language, shared by every server render (the server never changes language on it). */
export function i18nFor(lng: AppLocale): I18n {
  let instance = shared.get(lng);
  if (!instance) {
    instance = createI18n(lng);
    shared.set(lng, instance);
  }
  return instance;
}

/** A translation function for a language, for code outside React (emails, actions). */
export function getFixedT(lng: AppLocale): TFunction {
  return i18nFor(lng).t;
}

/** Picks the best supported language from an Accept-Language header. */
export function localeFromAcceptLanguage(header: string | null): AppLocale | null {
  if (!header) return null;
  const ranked = header
    .split(",")
    .map((part) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      return { tag: tag.toLowerCase(), q: q ? Number(q.slice(2)) || 0 : 1 };
    })
    .filter((entry) => entry.tag && entry.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    const base = tag.split("-")[0];
    if (isLocale(base)) return base;
  }
  return null;
}

export function localeFromCookie(cookieHeader: string | null): AppLocale | null {
  const match = cookieHeader?.match(new RegExp(`(?:^|;\\s*)${LOCALE_COOKIE}=([a-z]{2})`));
  return isLocale(match?.[1]) ? match[1] : null;
}

/** The account's preference, then the cookie, then Accept-Language, then English. */
export function resolveLocale(request: Request, accountLocale?: string | null): AppLocale {
  if (isLocale(accountLocale)) return accountLocale;
  return (
    localeFromCookie(request.headers.get("Cookie")) ?? localeFromAcceptLanguage(request.headers.get("Accept-Language")) ?? fallbackLocale
  );
}

export function localeCookie(locale: AppLocale): string {
  return `${LOCALE_COOKIE}=${locale}; Path=/; Max-Age=31536000; SameSite=Lax`;
}
