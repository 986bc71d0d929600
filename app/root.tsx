import { type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useMatches,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { Suspense } from "react";
import { useTranslation } from "react-i18next";
import { SiteFooter, SiteHeader } from "~/components/site-chrome";
import { fallbackLocale, isLocale, resolveLocale, type AppLocale } from "~/lib/i18n";
import { useNonce } from "~/lib/nonce";
import { PageTranslations, TranslationsScript } from "~/lib/translations";
import { localeFromContentPath } from "~/modules/content/paths";
import { manifestHref } from "~/modules/phone-app/manifest-link";
import { getOptionalUser } from "~/modules/identity/auth.server";
import stylesheet from "~/tailwind.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  // Public content URLs name their language (/vi/learn/…): the page around the article speaks it too.
  const locale = localeFromContentPath(new URL(request.url).pathname) ?? resolveLocale(request, user?.locale);
  return {
    locale,
    requestId: context.requestId,
    user: user ? { displayName: user.displayName, role: user.role, currency: user.currency, timeZone: user.timeZone } : null,
    unreadNotifications: user?.unreadNotifications ?? 0,
    coachingUnread: user?.coachingUnread ?? 0,
  };
}

export type RootData = Awaited<ReturnType<typeof loader>>;

export function useRootData(): RootData | undefined {
  return useRouteLoaderData<typeof loader>("root");
}

/**
 * Public content pages are complete as HTML, their links and forms plain: a route whose handle says
 * `hydrate: "signed-in"` reaches an anonymous visitor without the app's JavaScript, route data or
 * translations (a phone on a slow network paints it sooner), and a signed-in one with all of it
 * (the header's live counts).
 */
function useScripts(signedIn: boolean): boolean {
  const matches = useMatches();
  return signedIn || !matches.some((match) => (match.handle as { hydrate?: string } | undefined)?.hydrate === "signed-in");
}

/** The install manifest, in the page's language, for the pages whose route handle asks for it (the member layout). */
function useManifestHref(locale: AppLocale): string | undefined {
  const matches = useMatches();
  return matches.some((match) => (match.handle as { appManifest?: boolean } | undefined)?.appManifest) ? manifestHref(locale) : undefined;
}

function Document({ locale, scripts, children }: { locale: AppLocale; scripts: boolean; children: React.ReactNode }) {
  const nonce = useNonce();
  const manifest = useManifestHref(locale);
  return (
    <html lang={locale} className="h-full">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover" />
        <meta name="theme-color" content="#047857" />
        <Meta />
        <Links />
        {manifest ? <link rel="manifest" href={manifest} /> : null}
      </head>
      <body className="flex min-h-full flex-col bg-slate-50 text-slate-900 antialiased">
        {/* Only a navigation that needs translations the browser lacks suspends, inside a transition: the page stays. */}
        <Suspense fallback={null}>
          <PageTranslations locale={locale}>{children}</PageTranslations>
        </Suspense>
        {scripts ? (
          <>
            <TranslationsScript locale={locale} />
            <ScrollRestoration nonce={nonce} />
            <Scripts nonce={nonce} />
          </>
        ) : null}
      </body>
    </html>
  );
}

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const scripts = useScripts(Boolean(data?.user));
  return (
    <Document locale={isLocale(data?.locale) ? data.locale : fallbackLocale} scripts={scripts}>
      {children}
    </Document>
  );
}

export default function App() {
  const { locale, user, unreadNotifications, coachingUnread } = useLoaderData<typeof loader>();
  return (
    <>
      <SiteHeader user={user} locale={locale} unreadNotifications={unreadNotifications} coachingUnread={coachingUnread} />
      <main id="main" className="flex-1">
        <Outlet />
      </main>
      <SiteFooter />
    </>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const data = useRouteLoaderData<typeof loader>("root");
  return (
    <>
      <SiteHeader user={data?.user ?? null} locale={data?.locale ?? "en"} />
      <main id="main" className="flex-1">
        <ErrorMessage error={error} requestId={data?.requestId} />
      </main>
      <SiteFooter />
    </>
  );
}

export function ErrorMessage({ error, requestId }: { error: unknown; requestId?: string }) {
  const { t } = useTranslation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const key =
    status === 404
      ? "notFound"
      : status === 403
        ? "forbidden"
        : status === 401
          ? "unauthorized"
          : status === 429
            ? "tooMany"
            : status === 503
              ? "unavailable"
              : status < 500
                ? "badRequest"
                : "server";
  return (
    <section className="mx-auto max-w-xl px-4 py-16 text-center">
      <p className="text-sm font-semibold text-emerald-800">{status}</p>
      <h1 className="mt-2 text-3xl font-bold">{t(`errors:${key}.title`)}</h1>
      <p className="mt-4 text-slate-700">{t(`errors:${key}.body`)}</p>
      {key === "server" && requestId ? <p className="mt-2 text-sm text-slate-600">{t("errors:reference", { requestId })}</p> : null}
      <a href="/" className="mt-8 inline-block font-semibold text-emerald-800 underline">
        {t("errors:goHome")}
      </a>
    </section>
  );
}
