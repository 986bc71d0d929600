import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { StatusButton } from "~/components/ui/button";
import { ErrorList } from "~/components/ui/field";
import { db } from "#db/client.server";
import { formatMoney } from "~/lib/format";
import { invariantResponse } from "~/lib/http";
import { resolveLocale } from "~/lib/i18n";
import { intent, typedAction } from "~/lib/typed-action";
import { getPurchasablePrice } from "~/modules/billing/catalogue.server";
import { createCheckout } from "~/modules/billing/checkout.server";
import { billingProvider, createStripeCheckoutSession } from "~/modules/billing/stripe.server";
import { requireUser } from "~/modules/identity/auth.server";
import { DomainError } from "~/lib/domain-error";

export const handle = { i18n: ["billing"] };

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
  };
}

const startSchema = z.object({
  priceId: z.string().uuid(),
  promotionCode: z.string().max(40).optional(),
  acceptTerms: z.literal("on", { errorMap: () => ({ message: "billing:errors.termsNotAccepted" }) }),
});

export const action = typedAction({
  start: intent(startSchema, async (input, { request }) => {
    const user = await requireUser(request);
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
});

export default function CheckoutPage() {
  const { t } = useTranslation("billing");
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failure = actionData && !actionData.ok ? actionData.submission : undefined;
  const navigation = useNavigation();
  return (
    <section className="mx-auto max-w-xl">
      <h1 className="text-2xl font-bold">{t("checkout.title")}</h1>
      <h2 className="mt-6 text-lg font-semibold">{t("checkout.summary")}</h2>
      <dl className="mt-2 grid grid-cols-2 gap-2 rounded-md border border-slate-200 bg-white p-4">
        <dt className="text-slate-700">{t("checkout.package")}</dt>
        <dd className="font-medium">{data.packageName}</dd>
        <dt className="text-slate-700">{t("checkout.period")}</dt>
        <dd>{t(`pricing.periods.${data.period}`)}</dd>
        <dt className="text-slate-700">{t("checkout.price")}</dt>
        <dd className="font-semibold">{data.formattedPrice}</dd>
      </dl>
      <Form method="post" className="mt-6 space-y-4">
        <input type="hidden" name="intent" value="start" />
        <input type="hidden" name="priceId" value={data.priceId} />
        <ErrorList errors={failure?.error?.[""]} />
        <div>
          <label htmlFor="promotionCode" className="block text-sm font-medium">
            {t("checkout.promotionCode")}
          </label>
          <input
            id="promotionCode"
            name="promotionCode"
            placeholder={t("checkout.promotionPlaceholder")}
            aria-describedby="promotionCode-error"
            className="mt-1 block w-full rounded-md border border-slate-400 px-3 py-2"
          />
          <ErrorList id="promotionCode-error" errors={failure?.error?.promotionCode} />
        </div>
        <details className="rounded-md border border-slate-200 bg-white p-3">
          <summary className="cursor-pointer text-sm font-medium">{t("checkout.terms.view")}</summary>
          <p className="mt-2 text-sm whitespace-pre-line text-slate-700">{data.terms}</p>
        </details>
        <div className="flex items-start gap-2">
          <input id="acceptTerms" name="acceptTerms" type="checkbox" className="mt-1" aria-describedby="acceptTerms-error" />
          <label htmlFor="acceptTerms" className="text-sm">
            {t("checkout.terms.accept", { version: data.termsVersion })}
          </label>
        </div>
        <ErrorList id="acceptTerms-error" errors={failure?.error?.acceptTerms} />
        <p className="text-sm text-slate-600">{data.provider === "stripe" ? t("checkout.secureNote") : t("checkout.testMode.banner")}</p>
        <div className="flex gap-3">
          <StatusButton pending={navigation.state !== "idle"} pendingLabel={t("checkout.redirecting")}>
            {t("checkout.subscribe")}
          </StatusButton>
          <Link to="/pricing" className="self-center text-sm underline">
            {t("checkout.backToPricing")}
          </Link>
        </div>
      </Form>
    </section>
  );
}
