import { getFormProps } from "@conform-to/react";
import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CheckboxField, Field, FormErrors, SelectField, TextareaField } from "~/components/ui/field";
import { IntentButton, useIntentForm } from "~/components/ui/form";
import { SuccessMessage } from "~/components/ui/form-status";
import { db } from "#db/client.server";
import { orErrorPage } from "~/lib/http";
import { intent, typedAction } from "~/lib/typed-action";
import { badgeEditSchema } from "~/modules/badges/admin";
import { badgeForEditing, saveBadge } from "~/modules/badges/admin.server";
import { badgeIconNames } from "~/modules/badges/icons";
import { requireRole } from "~/modules/identity/auth.server";

export const handle = { i18n: ["badges"] };

export const meta: MetaFunction = () => [{ title: "Edit badge · QuitPath" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const badge = await orErrorPage(badgeForEditing(db(), params.badgeId));
  return { badge: { ...badge, rule: JSON.stringify(badge.rule, null, 2) } };
}

export const action = typedAction({
  guard: ({ request }) => requireRole(request, "admin"),
  intents: {
    "save-badge": intent(badgeEditSchema, async (input, { params }) => {
      await saveBadge(db(), params.badgeId, input);
      return { messageKey: "common:saved" };
    }),
  },
});

export default function EditBadge() {
  const { t } = useTranslation();
  const { badge } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useIntentForm({
    answer: actionData,
    intent: "save-badge",
    schema: badgeEditSchema,
    defaultValue: {
      nameEn: badge.nameEn,
      nameVi: badge.nameVi,
      descriptionEn: badge.descriptionEn,
      descriptionVi: badge.descriptionVi,
      icon: badge.icon,
      active: badge.active,
      rule: badge.rule,
    },
  });
  return (
    <section className="space-y-4">
      <Link to="/admin/badges" className="text-sm font-semibold text-emerald-800 underline">
        {t("badges:admin.title")}
      </Link>
      <h1 className="text-2xl font-bold">
        {t("badges:admin.editBadge")}: <span className="font-mono text-lg">{badge.key}</span>
      </h1>
      <SuccessMessage messageKey={actionData?.ok ? actionData.result.messageKey : null} />
      <Form method="post" {...getFormProps(form)} className="grid gap-4 sm:grid-cols-2">
        <Field field={fields.nameEn} label={t("badges:admin.nameEn")} />
        <Field field={fields.nameVi} label={t("badges:admin.nameVi")} lang="vi" />
        <TextareaField field={fields.descriptionEn} label={t("badges:admin.descriptionEn")} rows={2} />
        <TextareaField field={fields.descriptionVi} label={t("badges:admin.descriptionVi")} rows={2} lang="vi" />
        <SelectField
          field={fields.icon}
          label={t("badges:admin.icon")}
          options={badgeIconNames.map((icon) => ({ value: icon, label: icon }))}
        />
        <CheckboxField field={fields.active} label={t("badges:admin.active")} className="self-end" />
        <TextareaField
          field={fields.rule}
          label={t("badges:admin.rule")}
          hint={t("badges:admin.ruleHint")}
          rows={6}
          className="sm:col-span-2"
          inputClassName="font-mono text-sm"
        />
        <FormErrors id={form.errorId} errors={form.errors} className="sm:col-span-2" />
        <div className="sm:col-span-2">
          <IntentButton intent="save-badge">{t("common:actions.save")}</IntentButton>
        </div>
      </Form>
    </section>
  );
}
