import i18next, { type i18n as I18n, type Resource } from "i18next";
import type { Namespace } from "~/locales";

export type { Namespace } from "~/locales";

export const supportedLocales = ["en", "vi"] as const;
export type AppLocale = (typeof supportedLocales)[number];
export const fallbackLocale: AppLocale = "en";
export const LOCALE_COOKIE = "qp_lang";

export function isLocale(value: unknown): value is AppLocale {
  return typeof value === "string" && (supportedLocales as readonly string[]).includes(value);
}

/**
 * Every namespace, so a route's `handle.i18n` can be checked. The browser loads one language's
 * namespace files on demand (app/locales/load.ts); the server has them all (i18n.server.ts).
 */
export const namespaces = [
  "common",
  "auth",
  "account",
  "home",
  "errors",
  "email",
  "journey",
  "badges",
  "notifications",
  "community",
  "billing",
  "billingAdmin",
  "billingErrors",
  "pricing",
  "coaching",
  "chat",
  "caseload",
  "content",
  "contentAdmin",
  "sessions",
  "people",
  "escalations",
  "aiCoach",
  "aiCoachAdmin",
  "reports",
  "call",
  "privacy",
  "phoneApp",
] as const satisfies readonly Namespace[];

/** What the root layout, the header, the footer and every error page use, on every page. */
export const shellNamespaces = ["common", "errors"] as const satisfies readonly Namespace[];

function isNamespace(value: unknown): value is Namespace {
  return typeof value === "string" && (namespaces as readonly string[]).includes(value);
}

/**
 * What a route asks to be sent: a namespace, or one top-level section of one (journey:log), for
 * a page that shows a few sections of a large namespace (app/locales/route-namespaces.test.ts checks
 * that a route naming sections names every section its page uses).
 */
export type TranslationPart = Namespace | `${Namespace}:${string}`;

/** The namespace a part belongs to, and its section (null for a whole namespace). */
export function splitPart(part: TranslationPart): [Namespace, string | null] {
  const at = part.indexOf(":");
  return at < 0 ? [part as Namespace, null] : [part.slice(0, at) as Namespace, part.slice(at + 1)];
}

function isPart(value: unknown): value is TranslationPart {
  if (typeof value !== "string") return false;
  const [ns, section] = splitPart(value as TranslationPart);
  return isNamespace(ns) && (section === null || /^\w+$/.test(section));
}

/**
 * The translations a page needs: the shell's namespaces, and what its matched routes declare in
 * their `handle` (`export const handle = { i18n: ["journey"] };`), sorted so equal sets compare
 * equal; a namespace wanted whole leaves out its sections.
 */
export function namespacesFor(matches: readonly { handle?: unknown }[]): TranslationPart[] {
  const needed = new Set<TranslationPart>(shellNamespaces);
  for (const match of matches) {
    const declared = (match.handle as { i18n?: unknown } | undefined)?.i18n;
    if (Array.isArray(declared)) for (const part of declared) if (isPart(part)) needed.add(part);
  }
  return [...needed].filter((part) => splitPart(part)[1] === null || !needed.has(splitPart(part)[0])).sort();
}

/** An i18next instance for one language, holding the namespaces given (more can be added later). */
export function createI18n(lng: AppLocale, resources: Resource[string]): I18n {
  const instance = i18next.createInstance();
  void instance.init({
    resources: { [lng]: resources },
    lng,
    fallbackLng: false,
    supportedLngs: [...supportedLocales],
    defaultNS: "common",
    ns: Object.keys(resources),
    // Named explicitly, i18next skips testing every key for natural-language text (a third of a lookup's time).
    nsSeparator: ":",
    keySeparator: ".",
    interpolation: { escapeValue: false },
    returnNull: false,
    initImmediate: false,
  });
  return instance;
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

const localeCookiePattern = new RegExp(`(?:^|;\\s*)${LOCALE_COOKIE}=([a-z]{2})`);

export function localeFromCookie(cookieHeader: string | null): AppLocale | null {
  const match = cookieHeader?.match(localeCookiePattern);
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
