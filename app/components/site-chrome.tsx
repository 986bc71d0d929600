import { useLocation, useNavigate, useSubmit } from "@remix-run/react";
import { type MouseEvent, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { isLocale, supportedLocales } from "~/lib/i18n";
import { publicPath } from "~/modules/content/paths";
import { CoachingLink } from "~/components/coaching/coaching-link";
import { NotificationBell } from "~/components/notifications/notification-bell";
import type { Role } from "#db/schema";
import { textLinkClass } from "~/components/ui/button";

type HeaderUser = { displayName: string; role: Role } | null;

const linkClass = (active: boolean) =>
  `rounded-md px-3 py-2 text-sm font-medium ${active ? "bg-emerald-50 text-emerald-900" : "text-slate-700 hover:text-slate-900"}`;

/** Whether `pathname` is `to` or inside it (`end`: only `to` itself), as NavLink decides. */
export function isActivePath(pathname: string, to: string, end = false): boolean {
  if (pathname === to) return true;
  return !end && pathname.startsWith(to.endsWith("/") ? to : `${to}/`);
}

/**
 * The header's links and forms are plain elements; one click and one submit handler on the header
 * hand them to the router, as `Link` and `Form` would each do on their own. The header is on every
 * page, and a dozen router-aware links cost more to render than the rest of a bare page.
 * `data-discover` lets Remix learn their routes ahead of a click, as for its own links.
 */
function useHeaderNavigation() {
  const navigate = useNavigate();
  const submit = useSubmit();
  return {
    onClick(event: MouseEvent<HTMLElement>) {
      const link = (event.target as Element).closest?.("a[data-discover]");
      if (!(link instanceof HTMLAnchorElement) || event.defaultPrevented) return;
      if (event.button !== 0 || event.metaKey || event.altKey || event.ctrlKey || event.shiftKey) return;
      if (link.origin !== window.location.origin || (link.target && link.target !== "_self")) return;
      event.preventDefault();
      const to = link.pathname + link.search + link.hash;
      navigate(to, { replace: to === window.location.pathname + window.location.search + window.location.hash });
    },
    onSubmit(event: FormEvent<HTMLElement>) {
      const form = event.target;
      if (!(form instanceof HTMLFormElement) || event.defaultPrevented || !form.hasAttribute("data-discover")) return;
      event.preventDefault();
      const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
      submit(submitter ?? form, { method: "post", action: form.getAttribute("action") ?? undefined });
    },
  };
}

export function SiteHeader({
  user,
  locale,
  unreadNotifications = 0,
  coachingUnread = 0,
}: {
  user: HeaderUser;
  locale: string;
  unreadNotifications?: number;
  coachingUnread?: number;
}) {
  const { t } = useTranslation();
  const { pathname, search } = useLocation();
  const { onClick, onSubmit } = useHeaderNavigation();
  const link = (to: string, label: string, end = false) => {
    const active = isActivePath(pathname, to, end);
    return (
      <a href={to} data-discover="true" aria-current={active ? "page" : undefined} className={linkClass(active)}>
        {label}
      </a>
    );
  };
  return (
    <header className="border-b border-slate-200 bg-white pt-[env(safe-area-inset-top)]" onClick={onClick} onSubmit={onSubmit}>
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:m-2 focus:rounded focus:bg-white focus:p-2">
        {t("skipToContent")}
      </a>
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-2 px-4 py-3">
        <a href={user ? "/app" : "/"} data-discover="true" className="text-lg font-bold text-emerald-800">
          {t("appName")}
        </a>
        <nav aria-label={t("nav.main")} className="flex flex-wrap items-center gap-1">
          {link(publicPath("/learn", isLocale(locale) ? locale : "en"), t("nav.learn"))}
          {link("/stories", t("nav.stories"))}
          {link("/pricing", t("nav.pricing"))}
          {user ? (
            <>
              {link("/app", t("nav.dashboard"), true)}
              {link("/app/community", t("nav.community"))}
              {user.role === "member" ? (
                <CoachingLink
                  to="/app/coach"
                  label={t("nav.myCoach")}
                  initialCount={coachingUnread}
                  active={isActivePath(pathname, "/app/coach")}
                />
              ) : user.role === "coach" || user.role === "admin" ? (
                <CoachingLink to="/coach" label={t("nav.coach")} initialCount={coachingUnread} active={isActivePath(pathname, "/coach")} />
              ) : null}
              {user.role === "admin" ? link("/admin", t("nav.admin")) : null}
              {user.role === "admin" || user.role === "editor" ? link("/admin/content", t("nav.content")) : null}
              {link("/app/badges", t("nav.badges"))}
              <NotificationBell initialCount={unreadNotifications} active={isActivePath(pathname, "/app/notifications")} />
              {link("/app/billing", t("nav.billing"))}
              {user.role === "member" ? (
                <form method="post" action="/app/check-in" data-discover="true">
                  <button
                    type="submit"
                    name="intent"
                    value="check-in"
                    className="rounded-md border border-emerald-700 px-3 py-1.5 text-sm font-semibold text-emerald-900 hover:bg-emerald-50"
                  >
                    {t("nav.checkIn")}
                  </button>
                </form>
              ) : null}
              {link("/app/account", t("nav.account"))}
              <form method="post" action="/logout" data-discover="true">
                <button type="submit" className="rounded-md px-3 py-2 text-sm font-medium text-slate-700 hover:text-slate-900">
                  {t("nav.signOut")}
                </button>
              </form>
            </>
          ) : (
            <>
              {link("/login", t("nav.signIn"))}
              <a
                href="/signup"
                data-discover="true"
                className="rounded-md bg-emerald-700 px-3 py-2 text-sm font-semibold text-white hover:bg-emerald-800"
              >
                {t("nav.signUp")}
              </a>
            </>
          )}
          <LanguageSwitcher locale={locale} redirectTo={pathname + search} />
        </nav>
      </div>
    </header>
  );
}

/** A plain form: works without JavaScript, and the root loader re-renders the page in the new language. */
export function LanguageSwitcher({ locale, redirectTo }: { locale: string; redirectTo: string }) {
  const { t } = useTranslation();
  return (
    <form
      method="post"
      action="/resources/locale"
      data-discover="true"
      className="flex items-center gap-1"
      aria-label={t("switchLanguage")}
    >
      <input type="hidden" name="intent" value="switch-language" />
      <input type="hidden" name="redirectTo" value={redirectTo} />
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
    </form>
  );
}

export function SiteFooter() {
  const { t, i18n } = useTranslation();
  const locale = isLocale(i18n.language) ? i18n.language : "en";
  return (
    <footer className="border-t border-slate-200 bg-white pb-[env(safe-area-inset-bottom)]">
      <div className="mx-auto max-w-6xl px-4 py-6 text-sm text-slate-700">
        <nav aria-label={t("footer.site")} className="mb-3">
          <ul className="flex flex-wrap gap-x-4 gap-y-1">
            {(
              [
                ["/learn", t("nav.learn")],
                ["/blog", t("nav.blog")],
                ["/faq", t("nav.faq")],
                ["/stories", t("nav.stories")],
                ["/pricing", t("nav.pricing")],
                ["/about", t("footer.about")],
                ["/terms", t("footer.terms")],
                ["/privacy", t("footer.privacy")],
              ] as const
            ).map(([href, label]) => (
              <li key={href}>
                <a href={publicPath(href, locale)} className={`${textLinkClass} underline hover:text-slate-900`}>
                  {label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <p>{t("footer.rights")}</p>
        <p>{t("footer.madeFor")}</p>
      </div>
    </footer>
  );
}
