import { getFormProps } from "@conform-to/react";
import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { buttonClass } from "~/components/ui/button";
import { Field, FormErrors, SelectField } from "~/components/ui/field";
import { ButtonForm, IntentButton, useIntentForm } from "~/components/ui/form";
import { SuccessMessage } from "~/components/ui/form-status";
import { db } from "#db/client.server";
import { formatDate, formatMoney } from "~/lib/format";
import { resolveLocale } from "~/lib/i18n";
import { intent, typedAction } from "~/lib/typed-action";
import { createPromotion, listAllPackages, listPromotions, setPackageStatus, setPromotionActive } from "~/modules/billing/catalogue.server";
import { packageStatus } from "~/modules/billing/packages";
import { promotionSchema } from "~/modules/billing/promotions";
import { requireRole } from "~/modules/identity/auth.server";

export const handle = { i18n: ["billing", "billingErrors", "pricing"] };

export const meta: MetaFunction = () => [{ title: "Packages · Administration · QuitPath" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const locale = resolveLocale(request, admin.locale);
  const [all, promos] = await Promise.all([listAllPackages(db()), listPromotions(db())]);
  const now = Date.now();
  return {
    packages: all.map((pkg) => ({
      id: pkg.id,
      slug: pkg.slug,
      name: locale === "vi" ? pkg.nameVi : pkg.nameEn,
      status: pkg.status,
      subscribers: pkg.subscribers,
      isBasic: pkg.slug === "basic",
      prices: pkg.prices.map((p) => `${formatMoney(p.amountMinor, p.currency, locale)} (${p.period})`),
      updated: formatDate(pkg.updatedAt, locale, admin.timeZone),
    })),
    promotions: promos.map((p) => ({
      id: p.id,
      code: p.code,
      discount:
        p.kind === "percent"
          ? { key: "admin.promotions.percentOff", percent: p.percentOff ?? 0 }
          : { key: "admin.promotions.amountOff", amount: formatMoney(p.amountOffMinor ?? 0, p.currency ?? "USD", locale) },
      expires: p.expiresAt ? formatDate(p.expiresAt, locale, admin.timeZone) : null,
      expired: p.expiresAt ? p.expiresAt.getTime() <= now : false,
      redemptions: p.redemptions,
      max: p.maxRedemptions,
      active: p.deactivatedAt === null,
    })),
  };
}

export const action = typedAction({
  guard: ({ request }) => requireRole(request, "admin"),
  intents: (admin) => ({
    "set-status": intent(z.object({ packageId: z.string().uuid(), status: packageStatus }), async (input) => {
      await setPackageStatus(db(), admin.id, input.packageId, input.status);
      return { messageKey: input.status === "published" ? "billing:admin.packages.published" : "billing:admin.packages.retired" };
    }),
    "create-promotion": intent(promotionSchema, async (input) => {
      await createPromotion(db(), admin.id, input);
      return { messageKey: "billing:admin.promotions.created" };
    }),
    "set-promotion-active": intent(
      z.object({ promotionId: z.string().uuid(), active: z.enum(["true", "false"]).transform((v) => v === "true") }),
      async (input) => {
        await setPromotionActive(db(), admin.id, input.promotionId, input.active);
        return { messageKey: input.active ? "billing:admin.promotions.reactivated" : "billing:admin.promotions.deactivated" };
      },
    ),
  }),
});

export default function AdminPackages() {
  const { t } = useTranslation("billing");
  const { packages, promotions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <section className="space-y-8">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-bold">{t("admin.packages.title")}</h1>
        <Link to="/admin/packages/new" className={buttonClass("primary")}>
          {t("admin.packages.new")}
        </Link>
      </div>
      <p className="text-slate-700">{t("admin.packages.intro")}</p>
      <SuccessMessage messageKey={actionData?.ok ? actionData.result.messageKey : null} />
      <table className="w-full bg-white text-left text-sm">
        <thead>
          <tr>
            {(["name", "status", "prices", "subscribers", "updated"] as const).map((c) => (
              <th key={c} scope="col" className="border-b border-slate-200 p-2">
                {t(`admin.packages.columns.${c}`)}
              </th>
            ))}
            <th scope="col" className="border-b border-slate-200 p-2">
              <span className="sr-only">{t("admin.packages.edit")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {packages.map((pkg) => (
            <tr key={pkg.id}>
              <td className="border-b border-slate-100 p-2 font-medium">
                {pkg.name} <span className="text-xs text-slate-600">({pkg.slug})</span>
              </td>
              <td className="border-b border-slate-100 p-2">{t(`admin.packages.status.${pkg.status}`)}</td>
              <td className="border-b border-slate-100 p-2">{pkg.prices.join(", ") || t("pricing:free")}</td>
              <td className="border-b border-slate-100 p-2">{t("admin.packages.subscribers", { count: pkg.subscribers })}</td>
              <td className="border-b border-slate-100 p-2">{pkg.updated}</td>
              <td className="border-b border-slate-100 p-2">
                {pkg.isBasic ? null : (
                  <div className="flex flex-wrap gap-2">
                    <Link to={`/admin/packages/${pkg.id}`} className="underline">
                      {t("admin.packages.edit")}
                    </Link>
                    {pkg.status !== "retired" ? (
                      <ButtonForm
                        answer={actionData}
                        intent="set-status"
                        values={{ packageId: pkg.id, status: pkg.status === "draft" ? "published" : "retired" }}
                        variant="secondary"
                      >
                        {pkg.status === "draft" ? t("admin.packages.actions.publish") : t("admin.packages.actions.retire")}
                      </ButtonForm>
                    ) : null}
                  </div>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <section aria-labelledby="promotions-title">
        <h2 id="promotions-title" className="text-xl font-bold">
          {t("admin.promotions.title")}
        </h2>
        {promotions.length === 0 ? <p className="mt-2 text-slate-700">{t("admin.promotions.empty")}</p> : null}
        <ul className="mt-2 space-y-1 text-sm">
          {promotions.map((p) => (
            <li
              key={p.id}
              className="flex flex-wrap items-center gap-2 rounded-md border border-slate-200 bg-white p-2"
              data-promotion={p.code}
            >
              <span className="font-mono font-semibold">{p.code}</span>
              {p.active ? null : <span className="rounded bg-slate-200 px-1 text-xs">{t("admin.promotions.inactive")}</span>} ·{" "}
              {p.discount.key === "admin.promotions.percentOff"
                ? t("admin.promotions.percentOff", { percent: p.discount.percent })
                : t("admin.promotions.amountOff", { amount: p.discount.amount })}{" "}
              · {p.expired ? t("admin.promotions.expired") : (p.expires ?? t("admin.promotions.noExpiry"))} ·{" "}
              {p.max !== null
                ? t("admin.promotions.redemptions", { count: p.redemptions, max: p.max })
                : t("admin.promotions.redemptionsUnlimited", { count: p.redemptions })}
              <Link to={`/admin/promotions/${p.id}`} className="underline">
                {t("admin.promotions.edit")}
              </Link>
              <ButtonForm
                answer={actionData}
                intent="set-promotion-active"
                values={{ promotionId: p.id, active: String(!p.active) }}
                variant="secondary"
                label={`${p.active ? t("admin.promotions.deactivate") : t("admin.promotions.reactivate")} ${p.code}`}
              >
                {p.active ? t("admin.promotions.deactivate") : t("admin.promotions.reactivate")}
              </ButtonForm>
            </li>
          ))}
        </ul>
        <h3 className="mt-4 font-semibold">{t("admin.promotions.new")}</h3>
        <PromotionForm />
      </section>
    </section>
  );
}

function PromotionForm() {
  const { t } = useTranslation("billing");
  const [form, fields] = useIntentForm({
    answer: useActionData<typeof action>(),
    intent: "create-promotion",
    schema: promotionSchema,
    defaultValue: { kind: "percent", currency: "VND" },
  });
  return (
    <Form method="post" {...getFormProps(form)} className="mt-2 grid gap-3 md:grid-cols-3">
      <FormErrors id={form.errorId} errors={form.errors} className="md:col-span-3" />
      <Field field={fields.code} label={t("admin.promotions.fields.code")} />
      <SelectField
        field={fields.kind}
        label={t("admin.promotions.fields.kind")}
        options={[
          { value: "percent", label: t("admin.promotions.fields.percent") },
          { value: "amount", label: t("admin.promotions.fields.amount") },
        ]}
      />
      <Field field={fields.percentOff} inputMode="numeric" label={t("admin.promotions.fields.percentOff")} />
      <Field
        field={fields.amountOffMinor}
        inputMode="numeric"
        label={`${t("admin.promotions.fields.amountOff")} (${t("admin.promotions.minorUnits")})`}
      />
      <SelectField
        field={fields.currency}
        label={t("admin.promotions.fields.currency")}
        options={[
          { value: "VND", label: "VND" },
          { value: "USD", label: "USD" },
        ]}
      />
      <Field field={fields.expiresAt} type="date" label={t("admin.promotions.fields.expiresAt")} />
      <Field field={fields.maxRedemptions} inputMode="numeric" label={t("admin.promotions.fields.maxRedemptions")} />
      <div className="self-end">
        <IntentButton intent="create-promotion">{t("admin.promotions.create")}</IntentButton>
      </div>
    </Form>
  );
}
