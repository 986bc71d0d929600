import { getFormProps } from "@conform-to/react";
import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { CheckboxField, Field, FormErrors } from "~/components/ui/field";
import { IntentButton, useIntentForm } from "~/components/ui/form";
import { db } from "#db/client.server";
import { formatMoney } from "~/lib/format";
import { invariantResponse } from "~/lib/http";
import { resolveLocale } from "~/lib/i18n";
import { intent, typedAction } from "~/lib/typed-action";
import { getPurchasablePrice } from "~/modules/billing/catalogue.server";
import { createCheckout, oneOffProvidersFor } from "~/modules/billing/checkout.server";
import { startOneOffPayment } from "~/modules/billing/one-off.server";
import { ProviderMark } from "~/components/billing/provider-mark";
import { clientIpOf } from "~/lib/request.server";
import { billingProvider, createStripeCheckoutSession } from "~/modules/billing/stripe.server";
import { requireUser } from "~/modules/identity/auth.server";
import { DomainError } from "~/lib/domain-error";

export const handle = { i18n: ["billing", "billingErrors", "pricing"] };

export const meta: MetaFunction = () => [{ title: "Checkout · QuitPath" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const priceId = new URL(request.url).searchParams.get("price");
  invariantResponse(priceId && z.string().uuid().safeParse(priceId).success, "Not found", { status: 404 });
  const { price, pkg } = await getPurchasablePrice(db(), priceId).catch((error) => {
    if (error instanceof DomainError) throw new Response("Not found", { status: 404 });
    throw error;
  });
  const locale = resolveLocale(request, user.locale);
  return {
    priceId: price.id,
    packageName: locale === "vi" ? pkg.nameVi : pkg.nameEn,
    period: price.period,
    formattedPrice: formatMoney(price.amountMinor, price.currency, locale),
    termsVersion: pkg.termsVersion,
    terms: locale === "vi" ? pkg.termsVi : pkg.termsEn,
    provider: billingProvider(),
    // The card provider always; VNPay / MoMo where the admin enabled them on this price and they are configured.
    methods: ["card", ...oneOffProvidersFor(price)] as ("card" | "vnpay" | "momo")[],
  };
}

const startSchema = z.object({
  priceId: z.string().uuid(),
  promotionCode: z.string().max(40).optional(),
  method: z.enum(["card", "vnpay", "momo"]).default("card"),
  acceptTerms: z.literal("on", { errorMap: () => ({ message: "billingErrors:termsNotAccepted" }) }),
});

export const action = typedAction({
  guard: ({ request }) => requireUser(request),
  intents: (user) => ({
    start: intent(startSchema, async (input, { request }) => {
      if (input.method !== "card") {
        const { url } = await startOneOffPayment(
          db(),
          user,
          { priceId: input.priceId, promotionCode: input.promotionCode?.trim() || null, acceptTerms: true },
          input.method,
          { ipAddr: clientIpOf(request), locale: resolveLocale(request, user.locale) },
        );
        return redirect(url);
      }
      const provider = billingProvider();
      const { checkout, price, pkg } = await createCheckout(
        db(),
        user.id,
        { priceId: input.priceId, promotionCode: input.promotionCode?.trim() || null, acceptTerms: true },
        provider,
      );
      if (provider === "test") return redirect(`/app/billing/test-checkout?checkout=${checkout.id}`);
      const url = await createStripeCheckoutSession(
        db(),
        { id: user.id, email: user.email, displayName: user.displayName, locale: user.locale },
        checkout,
        pkg,
        price,
      );
      return redirect(url);
    }),
  }),
});

export default function CheckoutPage() {
  const { t } = useTranslation("billing");
  const data = useLoaderData<typeof loader>();
  const [form, fields] = useIntentForm({ answer: useActionData<typeof action>(), intent: "start", schema: startSchema });
  return (
    <section className="mx-auto max-w-xl">
      <h1 className="text-2xl font-bold">{t("checkout.title")}</h1>
      <h2 className="mt-6 text-lg font-semibold">{t("checkout.summary")}</h2>
      <dl className="mt-2 grid grid-cols-2 gap-2 rounded-md border border-slate-200 bg-white p-4">
        <dt className="text-slate-700">{t("checkout.package")}</dt>
        <dd className="font-medium">{data.packageName}</dd>
        <dt className="text-slate-700">{t("checkout.period")}</dt>
        <dd>{t(`pricing:periods.${data.period}`)}</dd>
        <dt className="text-slate-700">{t("checkout.price")}</dt>
        <dd className="font-semibold">{data.formattedPrice}</dd>
      </dl>
      <Form method="post" {...getFormProps(form)} className="mt-6 space-y-4">
        <input type="hidden" name="priceId" value={data.priceId} />
        <FormErrors id={form.errorId} errors={[...(form.errors ?? []), ...(fields.priceId.errors ?? [])]} />
        <Field field={fields.promotionCode} label={t("checkout.promotionCode")} placeholder={t("checkout.promotionPlaceholder")} />
        <details className="rounded-md border border-slate-200 bg-white p-3">
          <summary className="cursor-pointer text-sm font-medium">{t("checkout.terms.view")}</summary>
          <p className="mt-2 text-sm whitespace-pre-line text-slate-700">{data.terms}</p>
        </details>
        {data.methods.length > 1 ? (
          <fieldset className="space-y-2">
            <legend className="text-sm font-medium">{t("oneOff.method.legend")}</legend>
            {data.methods.map((method, index) => (
              <label key={method} className="flex items-center gap-3 rounded-md border border-slate-200 bg-white p-3">
                <input type="radio" name={fields.method.name} value={method} defaultChecked={index === 0} />
                <ProviderMark provider={method} />
                <span>
                  <span className="block font-medium">{t(`oneOff.method.${method}.label`)}</span>
                  <span className="block text-sm text-slate-600">{t(`oneOff.method.${method}.hint`)}</span>
                </span>
              </label>
            ))}
          </fieldset>
        ) : null}
        <CheckboxField field={fields.acceptTerms} label={t("checkout.terms.accept", { version: data.termsVersion })} required />
        <p className="text-sm text-slate-600">{data.provider === "stripe" ? t("checkout.secureNote") : t("checkout.testMode.banner")}</p>
        <div className="flex gap-3">
          <IntentButton intent="start" pendingLabel={t("checkout.redirecting")}>
            {t("checkout.subscribe")}
          </IntentButton>
          <Link to="/pricing" className="self-center text-sm underline">
            {t("checkout.backToPricing")}
          </Link>
        </div>
      </Form>
    </section>
  );
}
