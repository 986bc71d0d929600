import { getFormProps } from "@conform-to/react";
import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FormErrors, SelectField, TextareaField } from "~/components/ui/field";
import { IntentButton, useIntentForm } from "~/components/ui/form";
import { db } from "#db/client.server";
import { intent, typedAction } from "~/lib/typed-action";
import { badgeCreateSchema } from "~/modules/badges/admin";
import { createBadge } from "~/modules/badges/admin.server";
import { badgeIconNames } from "~/modules/badges/icons";
import { requireRole } from "~/modules/identity/auth.server";

export const handle = { i18n: ["badges"] };

export const meta: MetaFunction = () => [{ title: "New badge · QuitPath" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  return null;
}

export const action = typedAction({
  guard: ({ request }) => requireRole(request, "admin"),
  intents: {
    "create-badge": intent(badgeCreateSchema, async (input) => redirect(`/admin/badges/${await createBadge(db(), input)}`)),
  },
});

export default function NewBadge() {
  const { t } = useTranslation();
  const [form, fields] = useIntentForm({
    answer: useActionData<typeof action>(),
    intent: "create-badge",
    schema: badgeCreateSchema,
    defaultValue: { icon: badgeIconNames[0], rule: '{"kind":"smoke-free-days","days":7}' },
  });
  return (
    <section className="space-y-4">
      <Link to="/admin/badges" className="text-sm font-semibold text-emerald-800 underline">
        {t("badges:admin.title")}
      </Link>
      <h1 className="text-2xl font-bold">{t("badges:admin.newBadge")}</h1>
      <p className="text-slate-700">{t("badges:admin.draftHint")}</p>
      <Form method="post" {...getFormProps(form)} className="grid gap-4 sm:grid-cols-2">
        <Field field={fields.key} label={t("badges:admin.key")} hint={t("badges:admin.keyHint")} className="sm:col-span-2" />
        <Field field={fields.nameEn} label={t("badges:admin.nameEn")} />
        <Field field={fields.nameVi} label={t("badges:admin.nameVi")} lang="vi" />
        <TextareaField field={fields.descriptionEn} label={t("badges:admin.descriptionEn")} rows={2} />
        <TextareaField field={fields.descriptionVi} label={t("badges:admin.descriptionVi")} rows={2} lang="vi" />
        <SelectField
          field={fields.icon}
          label={t("badges:admin.icon")}
          options={badgeIconNames.map((icon) => ({ value: icon, label: icon }))}
        />
        <TextareaField
          field={fields.rule}
          label={t("badges:admin.rule")}
          hint={t("badges:admin.ruleHint")}
          rows={4}
          className="sm:col-span-2"
          inputClassName="font-mono text-sm"
        />
        <FormErrors id={form.errorId} errors={form.errors} className="sm:col-span-2" />
        <div className="sm:col-span-2">
          <IntentButton intent="create-badge">{t("badges:admin.create")}</IntentButton>
        </div>
      </Form>
    </section>
  );
}
