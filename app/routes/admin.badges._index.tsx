import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { BadgeIcon } from "~/components/badges/badge-icon";
import { ButtonForm } from "~/components/ui/form";
import { SuccessMessage } from "~/components/ui/form-status";
import { db } from "#db/client.server";
import { resolveLocale } from "~/lib/i18n";
import { intent, typedAction } from "~/lib/typed-action";
import { adminBadgeCatalogue, publishBadge, setBadgeActive } from "~/modules/badges/admin.server";
import { requireRole } from "~/modules/identity/auth.server";

export const handle = { i18n: ["badges"] };

export const meta: MetaFunction = () => [{ title: "Badge catalogue · QuitPath" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const catalogue = await adminBadgeCatalogue(db(), resolveLocale(request, admin.locale));
  return { badges: catalogue.map((badge) => ({ ...badge, rule: JSON.stringify(badge.rule) })) };
}

export const action = typedAction({
  guard: ({ request }) => requireRole(request, "admin"),
  intents: {
    "set-active": intent(z.object({ id: z.string().uuid(), active: z.enum(["true", "false"]) }), async ({ id, active }) => {
      await setBadgeActive(db(), id, active === "true");
      return { messageKey: "common:saved" };
    }),
    publish: intent(z.object({ id: z.string().uuid() }), async ({ id }) => {
      await publishBadge(db(), id);
      return { messageKey: "common:saved" };
    }),
  },
});

export default function AdminBadges() {
  const { t } = useTranslation();
  const { badges: rows } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <section className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-bold">{t("badges:admin.title")}</h1>
        <Link to="/admin/badges/new" className="font-semibold text-emerald-800 underline">
          {t("badges:admin.newBadge")}
        </Link>
      </div>
      <SuccessMessage messageKey={actionData?.ok ? actionData.result.messageKey : null} />
      <table className="w-full text-left text-sm">
        <thead>
          <tr className="border-b border-slate-200">
            <th scope="col" className="py-2">
              {t("badges:admin.badge")}
            </th>
            <th scope="col">{t("badges:admin.rule")}</th>
            <th scope="col">{t("badges:admin.awarded")}</th>
            <th scope="col">{t("badges:admin.status")}</th>
            <th scope="col">{t("badges:admin.active")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((b) => (
            <tr key={b.id} className="border-b border-slate-100">
              <td className="py-2">
                <Link to={`/admin/badges/${b.id}`} className="flex items-center gap-2 font-semibold text-emerald-800 underline">
                  <BadgeIcon icon={b.icon} earned={b.active} className="size-8" />
                  {b.name}
                </Link>
                <span className="text-xs text-slate-600">{b.key}</span>
              </td>
              <td className="max-w-xs truncate font-mono text-xs">{b.rule}</td>
              <td>{b.awarded}</td>
              <td>
                {b.draft ? (
                  <div className="flex items-center gap-2">
                    <span className="rounded bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-900">{t("badges:admin.draft")}</span>
                    <ButtonForm
                      answer={actionData}
                      intent="publish"
                      values={{ id: b.id }}
                      variant="secondary"
                      label={t("badges:admin.publishBadge", { badge: b.name })}
                    >
                      {t("badges:admin.publish")}
                    </ButtonForm>
                  </div>
                ) : (
                  t("badges:admin.published")
                )}
              </td>
              <td>
                <ButtonForm
                  answer={actionData}
                  intent="set-active"
                  values={{ id: b.id, active: b.active ? "false" : "true" }}
                  variant="secondary"
                  label={t(b.active ? "badges:admin.deactivateBadge" : "badges:admin.activateBadge", { badge: b.name })}
                >
                  {b.active ? t("badges:admin.deactivate") : t("badges:admin.activate")}
                </ButtonForm>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
