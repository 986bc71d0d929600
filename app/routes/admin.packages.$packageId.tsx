import { getFormProps } from "@conform-to/react";
import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ChoiceField, ErrorList, Field, FormErrors, TextareaField } from "~/components/ui/field";
import { IntentButton, useIntentForm } from "~/components/ui/form";
import { db } from "#db/client.server";
import { invariantResponse, orErrorPage } from "~/lib/http";
import { resolveLocale } from "~/lib/i18n";
import { intent, typedAction } from "~/lib/typed-action";
import { getPackage, savePackage } from "~/modules/billing/catalogue.server";
import { DELIVERED_FEATURES, ENTITLEMENT_CATALOGUE, OFFERED_CATALOGUE } from "~/modules/billing/entitlements";
import { formatMoneyInput } from "~/lib/money-input";
import { packageGridFormSchema, PRICE_SLOTS } from "~/modules/billing/packages";
import { requireRole } from "~/modules/identity/auth.server";

export const handle = { i18n: ["billing", "billingErrors", "pricing"] };

export const meta: MetaFunction = () => [{ title: "Package · Administration · QuitPath" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const locale = resolveLocale(request, admin.locale);
  if (params.packageId === "new") return { locale, pkg: null };
  invariantResponse(z.string().uuid().safeParse(params.packageId).success, "Not found", { status: 404 });
  const pkg = await orErrorPage(getPackage(db(), params.packageId!));
  invariantResponse(pkg.slug !== "basic", "Basic is built in", { status: 403 });
  return {
    locale,
    pkg: {
      slug: pkg.slug,
      name: { en: pkg.nameEn, vi: pkg.nameVi },
      description: { en: pkg.descriptionEn, vi: pkg.descriptionVi },
      features: pkg.entitlements.features,
      aiCoachMessagesPerDay: pkg.entitlements.aiCoachMessagesPerDay,
      videoSessionsPerMonth: pkg.entitlements.videoSessionsPerMonth,
      terms: { version: pkg.termsVersion, en: pkg.termsEn, vi: pkg.termsVi },
      prices: Object.fromEntries(pkg.prices.map((p) => [`${p.currency}/${p.period}`, formatMoneyInput(p.amountMinor, p.currency, locale)])),
    },
  };
}

export const action = typedAction({
  guard: ({ request }) => requireRole(request, "admin"),
  intents: (admin) => ({
    "save-package": intent(packageGridFormSchema(admin.locale), async (input, { params }) => {
      const id = await savePackage(db(), admin.id, params.packageId === "new" ? null : params.packageId!, input);
      return redirect(`/admin/packages/${id}?saved=1`);
    }),
  }),
});

export default function EditPackage() {
  const { t } = useTranslation("billing");
  const { pkg, locale } = useLoaderData<typeof loader>();
  const [form, fields] = useIntentForm({
    answer: useActionData<typeof action>(),
    intent: "save-package",
    schema: packageGridFormSchema(locale),
    defaultValue: {
      slug: pkg?.slug,
      name: pkg?.name,
      description: pkg?.description,
      slot: Object.fromEntries(PRICE_SLOTS.map((slot, i) => [i, { amount: pkg?.prices[`${slot.currency}/${slot.period}`] ?? "" }])),
      entitlements: {
        features: pkg?.features ?? [],
        aiCoachMessagesPerDay: pkg?.aiCoachMessagesPerDay ?? 0,
        videoSessionsPerMonth: pkg?.videoSessionsPerMonth ?? 0,
      },
      terms: { version: pkg?.terms.version ?? 1, text: { en: pkg?.terms.en, vi: pkg?.terms.vi } },
    },
  });
  const name = fields.name.getFieldset();
  const description = fields.description.getFieldset();
  const entitlements = fields.entitlements.getFieldset();
  const terms = fields.terms.getFieldset();
  const termsText = terms.text.getFieldset();
  const slots = fields.slot.getFieldset();
  const priceErrors = Object.entries(form.allErrors)
    .filter(([key]) => key.startsWith("prices"))
    .flatMap(([, messages]) => messages);
  return (
    <section>
      <h1 className="text-2xl font-bold">{pkg ? t("admin.packages.edit") : t("admin.packages.new")}</h1>
      <Form method="post" {...getFormProps(form)} className="mt-6 space-y-6">
        <FormErrors id={form.errorId} errors={form.errors} />
        <Field field={fields.slug} label={t("admin.packages.fields.slug")} />
        <div className="grid gap-4 md:grid-cols-2">
          <Field field={name.en} label={t("admin.packages.fields.nameEn")} />
          <Field field={name.vi} label={t("admin.packages.fields.nameVi")} lang="vi" />
          <TextareaField field={description.en} label={t("admin.packages.fields.descriptionEn")} rows={3} />
          <TextareaField field={description.vi} label={t("admin.packages.fields.descriptionVi")} rows={3} lang="vi" />
        </div>
        <fieldset aria-describedby="prices-hint">
          <legend className="font-semibold">{t("admin.packages.fields.prices")}</legend>
          <p id="prices-hint" className="text-sm text-slate-600">
            {t("admin.packages.fields.pricesHint")}
          </p>
          <div className="mt-2 grid gap-3 md:grid-cols-3">
            {PRICE_SLOTS.map((slot, i) => (
              <Field
                key={`${slot.currency}/${slot.period}`}
                field={slots[String(i)]!.getFieldset().amount}
                inputMode="decimal"
                label={`${slot.currency} · ${t(`pricing:periods.${slot.period}`)}`}
              />
            ))}
          </div>
          <ErrorList id={`${form.id}-prices-error`} errors={priceErrors} />
        </fieldset>
        <fieldset className="space-y-2">
          <legend className="font-semibold">{t("admin.packages.fields.entitlements")}</legend>
          <ChoiceField
            field={entitlements.features}
            type="checkbox"
            legend={t("admin.packages.fields.entitlements")}
            options={DELIVERED_FEATURES.map((feature) => ({
              value: feature,
              label: t(ENTITLEMENT_CATALOGUE.find((e) => e.key === feature)!.labelKey),
            }))}
            optionsClassName="mt-1 flex flex-col gap-1"
          />
          {/* A limit is offered only with its feature, once a route delivers it. */}
          <div className="mt-2 grid gap-4 md:grid-cols-2">
            {OFFERED_CATALOGUE.some((e) => e.key === "aiCoachMessagesPerDay") ? (
              <Field
                field={entitlements.aiCoachMessagesPerDay}
                inputMode="numeric"
                label={t("admin.packages.fields.aiCoachMessagesPerDay")}
              />
            ) : null}
            {OFFERED_CATALOGUE.some((e) => e.key === "videoSessionsPerMonth") ? (
              <Field
                field={entitlements.videoSessionsPerMonth}
                inputMode="numeric"
                label={t("admin.packages.fields.videoSessionsPerMonth")}
              />
            ) : null}
          </div>
        </fieldset>
        <fieldset className="space-y-3">
          <legend className="font-semibold">{t("admin.packages.fields.termsVersion")}</legend>
          <p className="text-sm text-slate-600">{t("admin.packages.fields.termsHint")}</p>
          <Field field={terms.version} inputMode="numeric" label={t("admin.packages.fields.termsVersion")} />
          <TextareaField field={termsText.en} label={t("admin.packages.fields.termsEn")} rows={3} />
          <TextareaField field={termsText.vi} label={t("admin.packages.fields.termsVi")} rows={3} lang="vi" />
        </fieldset>
        <IntentButton intent="save-package">{t("admin.packages.actions.save")}</IntentButton>
      </Form>
    </section>
  );
}
