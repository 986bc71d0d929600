import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { StatusButton } from "~/components/ui/button";
import { ErrorList } from "~/components/ui/field";
import { db } from "#db/client.server";
import { DomainError } from "~/lib/domain-error";
import { invariantResponse, orErrorPage } from "~/lib/http";
import { resolveLocale } from "~/lib/i18n";
import { getPackage, savePackage } from "~/modules/billing/catalogue.server";
import { ENTITLEMENT_CATALOGUE, ENTITLEMENT_FEATURES } from "~/modules/billing/entitlements";
import { formatMoneyInput } from "~/lib/money-input";
import { BILLING_PERIODS, packageFormSchema, REQUIRED_CURRENCIES } from "~/modules/billing/packages";
import { requireRole } from "~/modules/identity/auth.server";

export const meta: MetaFunction = () => [{ title: "Package · Administration · QuitPath" }];

const PRICE_SLOTS = REQUIRED_CURRENCIES.flatMap((currency) => BILLING_PERIODS.map((period) => ({ currency, period })));

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

/** Price slots left empty are not sold; the rest are renumbered before the package schema parses them. */
function withoutEmptyPrices(form: FormData): FormData {
  const next = new FormData();
  for (const [key, value] of form) if (!key.startsWith("slot.")) next.append(key, value);
  let index = 0;
  PRICE_SLOTS.forEach((slot, i) => {
    const amount = form.get(`slot.${i}.amount`);
    if (typeof amount === "string" && amount.trim() !== "") {
      next.append(`prices[${index}].currency`, slot.currency);
      next.append(`prices[${index}].period`, slot.period);
      next.append(`prices[${index}].amount`, amount);
      index++;
    }
  });
  return next;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const locale = resolveLocale(request, admin.locale);
  const form = withoutEmptyPrices(await request.formData());
  const submission = parseWithZod(form, { schema: packageFormSchema(locale) });
  if (submission.status !== "success") return data({ submission: submission.reply() }, { status: 400 });
  try {
    const id = await savePackage(db(), admin.id, params.packageId === "new" ? null : params.packageId!, submission.value);
    return redirect(`/admin/packages/${id}?saved=1`);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const reply = error.options.field
      ? submission.reply({ fieldErrors: { [error.options.field]: [error.message] } })
      : submission.reply({ formErrors: [error.message] });
    return data({ submission: reply }, { status: error.status });
  }
}

function TextInput({
  id,
  name,
  label,
  defaultValue,
  multiline,
  errors,
}: {
  id: string;
  name: string;
  label: string;
  defaultValue?: string | number;
  multiline?: boolean;
  errors?: string[] | null;
}) {
  const cls = "mt-1 block w-full rounded-md border border-slate-400 px-3 py-2";
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      {multiline ? (
        <textarea id={id} name={name} defaultValue={defaultValue} rows={3} className={cls} />
      ) : (
        <input id={id} name={name} defaultValue={defaultValue} className={cls} />
      )}
      <ErrorList errors={errors} />
    </div>
  );
}

export default function EditPackage() {
  const { t } = useTranslation("billing");
  const { pkg } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.submission.error ?? {};
  const busy = useNavigation().state !== "idle";
  const pricesErrors = Object.entries(errors)
    .filter(([key]) => key.startsWith("prices"))
    .flatMap(([, value]) => value ?? []);
  return (
    <section>
      <h1 className="text-2xl font-bold">{pkg ? t("admin.packages.edit") : t("admin.packages.new")}</h1>
      <Form method="post" className="mt-6 space-y-6">
        <ErrorList errors={errors[""]} />
        <TextInput id="slug" name="slug" label={t("admin.packages.fields.slug")} defaultValue={pkg?.slug} errors={errors.slug} />
        <div className="grid gap-4 md:grid-cols-2">
          <TextInput
            id="name-en"
            name="name.en"
            label={t("admin.packages.fields.nameEn")}
            defaultValue={pkg?.name.en}
            errors={errors["name.en"]}
          />
          <TextInput
            id="name-vi"
            name="name.vi"
            label={t("admin.packages.fields.nameVi")}
            defaultValue={pkg?.name.vi}
            errors={errors["name.vi"]}
          />
          <TextInput
            id="desc-en"
            name="description.en"
            label={t("admin.packages.fields.descriptionEn")}
            defaultValue={pkg?.description.en}
            multiline
            errors={errors["description.en"]}
          />
          <TextInput
            id="desc-vi"
            name="description.vi"
            label={t("admin.packages.fields.descriptionVi")}
            defaultValue={pkg?.description.vi}
            multiline
            errors={errors["description.vi"]}
          />
        </div>
        <fieldset>
          <legend className="font-semibold">{t("admin.packages.fields.prices")}</legend>
          <p className="text-sm text-slate-600">{t("admin.packages.fields.pricesHint")}</p>
          <div className="mt-2 grid gap-3 md:grid-cols-3">
            {PRICE_SLOTS.map((slot, i) => (
              <div key={`${slot.currency}/${slot.period}`}>
                <label htmlFor={`slot-${i}`} className="block text-sm font-medium">
                  {slot.currency} · {t(`pricing.periods.${slot.period}`)}
                </label>
                <input
                  id={`slot-${i}`}
                  name={`slot.${i}.amount`}
                  inputMode="decimal"
                  defaultValue={pkg?.prices[`${slot.currency}/${slot.period}`] ?? ""}
                  className="mt-1 block w-full rounded-md border border-slate-400 px-3 py-2"
                />
              </div>
            ))}
          </div>
          <ErrorList errors={pricesErrors} />
        </fieldset>
        <fieldset>
          <legend className="font-semibold">{t("admin.packages.fields.entitlements")}</legend>
          {ENTITLEMENT_FEATURES.map((feature) => {
            const entry = ENTITLEMENT_CATALOGUE.find((e) => e.key === feature)!;
            return (
              <label key={feature} className="mt-1 flex items-center gap-2">
                <input type="checkbox" name="entitlements.features" value={feature} defaultChecked={pkg?.features.includes(feature)} />
                {t(entry.labelKey)}
              </label>
            );
          })}
          <div className="mt-2 grid gap-4 md:grid-cols-2">
            <TextInput
              id="ai"
              name="entitlements.aiCoachMessagesPerDay"
              label={t("admin.packages.fields.aiCoachMessagesPerDay")}
              defaultValue={pkg?.aiCoachMessagesPerDay ?? 0}
              errors={errors["entitlements.aiCoachMessagesPerDay"]}
            />
            <TextInput
              id="video"
              name="entitlements.videoSessionsPerMonth"
              label={t("admin.packages.fields.videoSessionsPerMonth")}
              defaultValue={pkg?.videoSessionsPerMonth ?? 0}
              errors={errors["entitlements.videoSessionsPerMonth"]}
            />
          </div>
        </fieldset>
        <fieldset className="space-y-3">
          <legend className="font-semibold">{t("admin.packages.fields.termsVersion")}</legend>
          <p className="text-sm text-slate-600">{t("admin.packages.fields.termsHint")}</p>
          <TextInput
            id="terms-version"
            name="terms.version"
            label={t("admin.packages.fields.termsVersion")}
            defaultValue={pkg?.terms.version ?? 1}
            errors={errors["terms.version"]}
          />
          <TextInput
            id="terms-en"
            name="terms.text.en"
            label={t("admin.packages.fields.termsEn")}
            defaultValue={pkg?.terms.en}
            multiline
            errors={errors["terms.text.en"]}
          />
          <TextInput
            id="terms-vi"
            name="terms.text.vi"
            label={t("admin.packages.fields.termsVi")}
            defaultValue={pkg?.terms.vi}
            multiline
            errors={errors["terms.text.vi"]}
          />
        </fieldset>
        <StatusButton pending={busy}>{t("admin.packages.actions.save")}</StatusButton>
      </Form>
    </section>
  );
}
