import { getFormProps } from "@conform-to/react";
import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { Field, FormErrors } from "~/components/ui/field";
import { IntentButton, useIntentForm } from "~/components/ui/form";
import { SuccessMessage } from "~/components/ui/form-status";
import { db } from "#db/client.server";
import { formatMoney } from "~/lib/format";
import { invariantResponse, orErrorPage } from "~/lib/http";
import { resolveLocale } from "~/lib/i18n";
import { intent, typedAction } from "~/lib/typed-action";
import { getPromotion, updatePromotionLimits } from "~/modules/billing/catalogue.server";
import { promotionEditSchema } from "~/modules/billing/promotions";
import { requireRole } from "~/modules/identity/auth.server";

export const handle = { i18n: ["billing", "billingErrors", "pricing"] };

export const meta: MetaFunction = () => [{ title: "Promotion code · Administration · QuitPath" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const locale = resolveLocale(request, admin.locale);
  invariantResponse(z.string().uuid().safeParse(params.promotionId).success, "Not found", { status: 404 });
  const promotion = await orErrorPage(getPromotion(db(), params.promotionId!));
  return {
    code: promotion.code,
    discount:
      promotion.kind === "percent"
        ? { key: "admin.promotions.percentOff" as const, values: { percent: promotion.percentOff ?? 0 } }
        : {
            key: "admin.promotions.amountOff" as const,
            values: { amount: formatMoney(promotion.amountOffMinor ?? 0, promotion.currency ?? "USD", locale) },
          },
    redemptions: promotion.redemptions,
    active: promotion.deactivatedAt === null,
    // The form's date input holds a UTC day, as the create form wrote it.
    expiresAt: promotion.expiresAt ? promotion.expiresAt.toISOString().slice(0, 10) : "",
    maxRedemptions: promotion.maxRedemptions === null ? "" : String(promotion.maxRedemptions),
  };
}

export const action = typedAction({
  guard: ({ request }) => requireRole(request, "admin"),
  intents: (admin) => ({
    "update-promotion": intent(promotionEditSchema, async (input, { params }) => {
      invariantResponse(z.string().uuid().safeParse(params.promotionId).success, "Not found", { status: 404 });
      await updatePromotionLimits(db(), admin.id, params.promotionId!, input);
      return redirect(`/admin/promotions/${params.promotionId}?saved=1`);
    }),
  }),
});

export default function EditPromotion() {
  const { t } = useTranslation("billing");
  const promotion = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const [form, fields] = useIntentForm({
    answer: useActionData<typeof action>(),
    intent: "update-promotion",
    schema: promotionEditSchema,
    defaultValue: { expiresAt: promotion.expiresAt, maxRedemptions: promotion.maxRedemptions },
  });
  return (
    <section className="space-y-4">
      <Link to="/admin/packages" className="text-sm underline">
        {t("admin.promotions.back")}
      </Link>
      <h1 className="text-2xl font-bold">{t("admin.promotions.editTitle", { code: promotion.code })}</h1>
      <p className="text-slate-700">
        {t(promotion.discount.key, promotion.discount.values)} ·{" "}
        {t("admin.promotions.redemptionsUnlimited", { count: promotion.redemptions })}
        {promotion.active ? null : ` · ${t("admin.promotions.inactive")}`}
      </p>
      <p className="text-sm text-slate-700">{t("admin.promotions.editIntro")}</p>
      <SuccessMessage messageKey={searchParams.get("saved") ? "billing:admin.promotions.saved" : null} />
      <Form method="post" {...getFormProps(form)} className="grid max-w-xl gap-3 md:grid-cols-2">
        <FormErrors id={form.errorId} errors={form.errors} className="md:col-span-2" />
        <Field
          field={fields.expiresAt}
          type="date"
          label={t("admin.promotions.fields.expiresAt")}
          hint={t("admin.promotions.fields.expiresAtHint")}
        />
        <Field
          field={fields.maxRedemptions}
          inputMode="numeric"
          label={t("admin.promotions.fields.maxRedemptions")}
          hint={t("admin.promotions.fields.maxRedemptionsHint")}
        />
        <div>
          <IntentButton intent="update-promotion">{t("admin.promotions.save")}</IntentButton>
        </div>
      </Form>
    </section>
  );
}
