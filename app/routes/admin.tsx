import { type LoaderFunctionArgs } from "@remix-run/node";
import { NavLink, Outlet } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "~/modules/identity/auth.server";

export const handle = { i18n: [] };

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  return null;
}

export const headers = () => ({ "Cache-Control": "private, no-store" });

export default function AdminLayout() {
  const { t } = useTranslation();
  const linkClass = ({ isActive }: { isActive: boolean }) =>
    `block rounded-md px-3 py-2 text-sm ${isActive ? "bg-emerald-50 font-semibold text-emerald-900" : "text-slate-700 hover:bg-slate-100"}`;
  return (
    <div className="mx-auto grid w-full max-w-6xl gap-6 px-4 py-8 md:grid-cols-[12rem_1fr]">
      <nav aria-label={t("nav.admin")}>
        <NavLink to="/admin" end className={linkClass}>
          {t("admin.overview")}
        </NavLink>
        <NavLink to="/admin/members" className={linkClass}>
          {t("admin.members")}
        </NavLink>
        <NavLink to="/admin/escalations" className={linkClass}>
          {t("admin.escalations")}
        </NavLink>
        <NavLink to="/admin/audit" className={linkClass}>
          {t("admin.audit")}
        </NavLink>
        <NavLink to="/admin/badges" className={linkClass}>
          {t("admin.menu.badges")}
        </NavLink>
        <NavLink to="/admin/messages" className={linkClass}>
          {t("admin.menu.messages")}
        </NavLink>
        <NavLink to="/admin/outbox" className={linkClass}>
          {t("admin.menu.outbox")}
        </NavLink>
        <NavLink to="/admin/jobs" className={linkClass}>
          {t("admin.menu.jobs")}
        </NavLink>
        <NavLink to="/admin/packages" className={linkClass}>
          {t("admin.menu.packages")}
        </NavLink>
        <NavLink to="/admin/billing" className={linkClass}>
          {t("admin.menu.billing")}
        </NavLink>
        <NavLink to="/admin/coaches" className={linkClass}>
          {t("admin.coaches")}
        </NavLink>
        <NavLink to="/admin/ai-coach" className={linkClass}>
          {t("admin.menu.aiCoach")}
        </NavLink>
        <NavLink to="/admin/moderation" className={linkClass}>
          {t("admin.menu.moderation")}
        </NavLink>
        <NavLink to="/admin/privacy" className={linkClass}>
          {t("admin.menu.privacy")}
        </NavLink>
      </nav>
      <div>
        <Outlet />
      </div>
    </div>
  );
}
