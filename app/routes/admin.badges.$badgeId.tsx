import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { StatusButton } from "~/components/ui/button";
import { ErrorList } from "~/components/ui/field";
import { SuccessMessage, useIsSubmitting } from "~/components/ui/form-status";
import { db } from "#db/client.server";
import { orErrorPage } from "~/lib/http";
import { intent, typedAction } from "~/lib/typed-action";
import { badgeEditSchema } from "~/modules/badges/admin";
import { badgeForEditing, saveBadge } from "~/modules/badges/admin.server";
import { badgeIconNames } from "~/modules/badges/icons";
import { requireRole } from "~/modules/identity/auth.server";

export const meta: MetaFunction = () => [{ title: "Edit badge · QuitPath" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const badge = await orErrorPage(badgeForEditing(db(), params.badgeId));
  return { badge: { ...badge, rule: JSON.stringify(badge.rule, null, 2) } };
}

export const action = typedAction({
  "save-badge": intent(badgeEditSchema, async (input, { request, params }) => {
    await requireRole(request, "admin");
    await saveBadge(db(), params.badgeId, input);
    return { messageKey: "common:saved" };
  }),
});

export default function EditBadge() {
  const { t } = useTranslation();
  const { badge } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const saving = useIsSubmitting("save-badge");
  const errors = actionData?.ok === false ? (actionData.submission.error ?? {}) : {};
  const input = (name: "nameEn" | "nameVi" | "descriptionEn" | "descriptionVi", label: string, multiline = false) => (
    <div>
      <label htmlFor={name} className="block text-sm font-medium">
        {label}
      </label>
      {multiline ? (
        <textarea
          id={name}
          name={name}
          defaultValue={badge[name]}
          rows={2}
          required
          aria-invalid={errors[name] ? true : undefined}
          className="mt-1 w-full rounded-md border border-slate-400 px-3 py-2"
        />
      ) : (
        <input
          id={name}
          name={name}
          defaultValue={badge[name]}
          required
          aria-invalid={errors[name] ? true : undefined}
          className="mt-1 w-full rounded-md border border-slate-400 px-3 py-2"
        />
      )}
      <ErrorList errors={errors[name]} />
    </div>
  );
  return (
    <section className="space-y-4">
      <Link to="/admin/badges" className="text-sm font-semibold text-emerald-800 underline">
        {t("badges:admin.title")}
      </Link>
      <h1 className="text-2xl font-bold">
        {t("badges:admin.editBadge")}: <span className="font-mono text-lg">{badge.key}</span>
      </h1>
      <SuccessMessage messageKey={actionData?.ok ? actionData.result.messageKey : null} />
      <Form method="post" className="grid gap-4 sm:grid-cols-2">
        {input("nameEn", t("badges:admin.nameEn"))}
        {input("nameVi", t("badges:admin.nameVi"))}
        {input("descriptionEn", t("badges:admin.descriptionEn"), true)}
        {input("descriptionVi", t("badges:admin.descriptionVi"), true)}
        <div>
          <label htmlFor="icon" className="block text-sm font-medium">
            {t("badges:admin.icon")}
          </label>
          <select id="icon" name="icon" defaultValue={badge.icon} className="mt-1 w-full rounded-md border border-slate-400 px-3 py-2">
            {badgeIconNames.map((icon) => (
              <option key={icon} value={icon}>
                {icon}
              </option>
            ))}
          </select>
          <ErrorList errors={errors.icon} />
        </div>
        <label className="flex items-center gap-2 self-end">
          <input type="checkbox" name="active" defaultChecked={badge.active} className="size-4 accent-emerald-700" />
          {t("badges:admin.active")}
        </label>
        <div className="sm:col-span-2">
          <label htmlFor="rule" className="block text-sm font-medium">
            {t("badges:admin.rule")}
          </label>
          <textarea
            id="rule"
            name="rule"
            defaultValue={badge.rule}
            rows={6}
            aria-describedby="rule-hint"
            className="mt-1 w-full rounded-md border border-slate-400 px-3 py-2 font-mono text-sm"
          />
          <p id="rule-hint" className="text-xs text-slate-600">
            {t("badges:admin.ruleHint")}
          </p>
          <ErrorList
            errors={Object.entries(errors)
              .filter(([k]) => k.startsWith("rule"))
              .flatMap(([, v]) => v ?? [])}
          />
        </div>
        <div className="sm:col-span-2">
          <StatusButton name="intent" value="save-badge" pending={saving}>
            {t("common:actions.save")}
          </StatusButton>
        </div>
      </Form>
    </section>
  );
}
