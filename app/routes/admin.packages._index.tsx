import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { buttonClass, StatusButton } from "~/components/ui/button";
import { ErrorList } from "~/components/ui/field";
import { db } from "#db/client.server";
import { formatDate, formatMoney } from "~/lib/format";
import { resolveLocale } from "~/lib/i18n";
import { intent, typedAction } from "~/lib/typed-action";
import { createPromotion, listAllPackages, listPromotions, setPackageStatus } from "~/modules/billing/catalogue.server";
import { packageStatus } from "~/modules/billing/packages";
import { promotionSchema } from "~/modules/billing/promotions";
import { requireRole } from "~/modules/identity/auth.server";

export const handle = { i18n: ["billing"] };

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
    })),
  };
}

export const action = typedAction({
  "set-status": intent(z.object({ packageId: z.string().uuid(), status: packageStatus }), async (input, { request }) => {
    const admin = await requireRole(request, "admin");
    await setPackageStatus(db(), admin.id, input.packageId, input.status);
    return { messageKey: input.status === "published" ? "billing:admin.packages.published" : "billing:admin.packages.retired" };
  }),
  "create-promotion": intent(promotionSchema, async (input, { request }) => {
    const admin = await requireRole(request, "admin");
    await createPromotion(db(), admin.id, input);
    return { messageKey: "billing:admin.promotions.created" };
  }),
});

export default function AdminPackages() {
  const { t } = useTranslation("billing");
  const { packages, promotions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const promoErrors = actionData && !actionData.ok && actionData.intent === "create-promotion" ? actionData.submission.error : undefined;
  return (
    <section className="space-y-8">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-bold">{t("admin.packages.title")}</h1>
        <Link to="/admin/packages/new" className={buttonClass("primary")}>
          {t("admin.packages.new")}
        </Link>
      </div>
      <p className="text-slate-700">{t("admin.packages.intro")}</p>
      {actionData?.ok ? (
        <p role="status" className="rounded-md bg-emerald-50 p-3 text-emerald-900">
          {t(actionData.result.messageKey)}
        </p>
      ) : actionData && actionData.intent !== "create-promotion" ? (
        <ErrorList errors={[...(actionData.submission.error?.[""] ?? []), ...(actionData.submission.error?.status ?? [])]} />
      ) : null}
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
              <td className="border-b border-slate-100 p-2">{pkg.prices.join(", ") || t("pricing.free")}</td>
              <td className="border-b border-slate-100 p-2">{t("admin.packages.subscribers", { count: pkg.subscribers })}</td>
              <td className="border-b border-slate-100 p-2">{pkg.updated}</td>
              <td className="border-b border-slate-100 p-2">
                {pkg.isBasic ? null : (
                  <div className="flex flex-wrap gap-2">
                    <Link to={`/admin/packages/${pkg.id}`} className="underline">
                      {t("admin.packages.edit")}
                    </Link>
                    {pkg.status !== "retired" ? (
                      <Form method="post">
                        <input type="hidden" name="intent" value="set-status" />
                        <input type="hidden" name="packageId" value={pkg.id} />
                        <input type="hidden" name="status" value={pkg.status === "draft" ? "published" : "retired"} />
                        <StatusButton variant="secondary" pending={busy}>
                          {pkg.status === "draft" ? t("admin.packages.actions.publish") : t("admin.packages.actions.retire")}
                        </StatusButton>
                      </Form>
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
            <li key={p.id} className="rounded-md border border-slate-200 bg-white p-2">
              <span className="font-mono font-semibold">{p.code}</span> ·{" "}
              {p.discount.key === "admin.promotions.percentOff"
                ? t("admin.promotions.percentOff", { percent: p.discount.percent })
                : t("admin.promotions.amountOff", { amount: p.discount.amount })}{" "}
              · {p.expired ? t("admin.promotions.expired") : (p.expires ?? t("admin.promotions.noExpiry"))} ·{" "}
              {p.max !== null
                ? t("admin.promotions.redemptions", { count: p.redemptions, max: p.max })
                : t("admin.promotions.redemptionsUnlimited", { count: p.redemptions })}
            </li>
          ))}
        </ul>
        <h3 className="mt-4 font-semibold">{t("admin.promotions.new")}</h3>
        <Form method="post" className="mt-2 grid gap-3 md:grid-cols-3">
          <input type="hidden" name="intent" value="create-promotion" />
          <ErrorList errors={promoErrors?.[""]} />
          <PromotionInput id="promo-code" name="code" label={t("admin.promotions.fields.code")} required errors={promoErrors?.code} />
          <div>
            <label htmlFor="promo-kind" className="block text-sm font-medium">
              {t("admin.promotions.fields.kind")}
            </label>
            <select id="promo-kind" name="kind" className="mt-1 block w-full rounded-md border border-slate-400 px-3 py-2">
              <option value="percent">{t("admin.promotions.fields.percent")}</option>
              <option value="amount">{t("admin.promotions.fields.amount")}</option>
            </select>
          </div>
          <PromotionInput
            id="promo-percent"
            name="percentOff"
            label={t("admin.promotions.fields.percentOff")}
            inputMode="numeric"
            errors={promoErrors?.percentOff}
          />
          <PromotionInput
            id="promo-amount"
            name="amountOffMinor"
            label={`${t("admin.promotions.fields.amountOff")} (${t("admin.promotions.minorUnits")})`}
            inputMode="numeric"
            errors={promoErrors?.amountOffMinor}
          />
          <div>
            <label htmlFor="promo-currency" className="block text-sm font-medium">
              {t("admin.promotions.fields.currency")}
            </label>
            <select id="promo-currency" name="currency" className="mt-1 block w-full rounded-md border border-slate-400 px-3 py-2">
              <option value="VND">VND</option>
              <option value="USD">USD</option>
            </select>
          </div>
          <PromotionInput
            id="promo-expires"
            name="expiresAt"
            label={t("admin.promotions.fields.expiresAt")}
            type="date"
            errors={promoErrors?.expiresAt}
          />
          <PromotionInput
            id="promo-max"
            name="maxRedemptions"
            label={t("admin.promotions.fields.maxRedemptions")}
            inputMode="numeric"
            errors={promoErrors?.maxRedemptions}
          />
          <div className="self-end">
            <StatusButton pending={busy}>{t("admin.promotions.create")}</StatusButton>
          </div>
        </Form>
      </section>
    </section>
  );
}

/** One labelled input of the promotion form, with its field errors. */
function PromotionInput({
  id,
  label,
  errors,
  ...input
}: { id: string; name: string; label: string; errors?: string[] | null } & React.InputHTMLAttributes<HTMLInputElement>) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <input id={id} {...input} className="mt-1 block w-full rounded-md border border-slate-400 px-3 py-2" />
      <ErrorList errors={errors} />
    </div>
  );
}
