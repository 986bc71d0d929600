import { Form, Link, NavLink, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { supportedLocales } from "~/lib/i18n";
import { NotificationBell } from "~/components/notifications/notification-bell";
import type { Role } from "#db/schema";

type HeaderUser = { displayName: string; role: Role } | null;

const navLinkClass = ({ isActive }: { isActive: boolean }) =>
  `rounded-md px-3 py-2 text-sm font-medium ${isActive ? "bg-emerald-50 text-emerald-900" : "text-slate-700 hover:text-slate-900"}`;

export function SiteHeader({ user, locale, unreadNotifications = 0 }: { user: HeaderUser; locale: string; unreadNotifications?: number }) {
  const { t } = useTranslation();
  return (
    <header className="border-b border-slate-200 bg-white">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:m-2 focus:rounded focus:bg-white focus:p-2">
        {t("skipToContent")}
      </a>
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-2 px-4 py-3">
        <Link to={user ? "/app" : "/"} className="text-lg font-bold text-emerald-800">
          {t("appName")}
        </Link>
        <nav aria-label={t("nav.main")} className="flex flex-wrap items-center gap-1">
          <NavLink to="/pricing" className={navLinkClass}>
            {t("billing:nav.pricing")}
          </NavLink>
          {user ? (
            <>
              <NavLink to="/app" end className={navLinkClass}>
                {t("nav.dashboard")}
              </NavLink>
              <NavLink to="/app/community" className={navLinkClass}>
                {t("community:feed.title")}
              </NavLink>
              {user.role !== "member" ? (
                <NavLink to="/coach" className={navLinkClass}>
                  {t("nav.coach")}
                </NavLink>
              ) : null}
              {user.role === "admin" ? (
                <NavLink to="/admin" className={navLinkClass}>
                  {t("nav.admin")}
                </NavLink>
              ) : null}
              <NavLink to="/app/badges" className={navLinkClass}>
                {t("badges:page.title")}
              </NavLink>
              <NotificationBell initialCount={unreadNotifications} />
              <NavLink to="/app/billing" className={navLinkClass}>
                {t("billing:nav.billing")}
              </NavLink>
              {user.role === "member" ? (
                <Form method="post" action="/app/check-in">
                  <button
                    type="submit"
                    name="intent"
                    value="check-in"
                    className="rounded-md border border-emerald-700 px-3 py-1.5 text-sm font-semibold text-emerald-900 hover:bg-emerald-50"
                  >
                    {t("journey:checkIn.noneToday")}
                  </button>
                </Form>
              ) : null}
              <NavLink to="/app/account" className={navLinkClass}>
                {t("nav.account")}
              </NavLink>
              <Form method="post" action="/logout">
                <button type="submit" className="rounded-md px-3 py-2 text-sm font-medium text-slate-700 hover:text-slate-900">
                  {t("nav.signOut")}
                </button>
              </Form>
            </>
          ) : (
            <>
              <NavLink to="/login" className={navLinkClass}>
                {t("nav.signIn")}
              </NavLink>
              <Link to="/signup" className="rounded-md bg-emerald-700 px-3 py-2 text-sm font-semibold text-white hover:bg-emerald-800">
                {t("nav.signUp")}
              </Link>
            </>
          )}
          <LanguageSwitcher locale={locale} />
        </nav>
      </div>
    </header>
  );
}

/** A plain form: works without JavaScript, and the root loader re-renders the page in the new language. */
export function LanguageSwitcher({ locale }: { locale: string }) {
  const { t } = useTranslation();
  const location = useLocation();
  return (
    <Form method="post" action="/resources/locale" className="flex items-center gap-1" aria-label={t("switchLanguage")}>
      <input type="hidden" name="intent" value="switch-language" />
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      {supportedLocales.map((lng) => (
        <button
          key={lng}
          type="submit"
          name="locale"
          value={lng}
          lang={lng}
          aria-pressed={lng === locale}
          className={`rounded-md px-2 py-1 text-sm ${lng === locale ? "font-bold text-emerald-900 underline" : "text-slate-700 hover:text-slate-900"}`}
        >
          {t(`languages.${lng}`)}
        </button>
      ))}
    </Form>
  );
}

export function SiteFooter() {
  const { t } = useTranslation();
  return (
    <footer className="border-t border-slate-200 bg-white">
      <div className="mx-auto max-w-6xl px-4 py-6 text-sm text-slate-700">
        <p>{t("footer.rights")}</p>
        <p>{t("footer.madeFor")}</p>
      </div>
    </footer>
  );
}
