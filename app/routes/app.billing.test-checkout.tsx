import { getFormProps } from "@conform-to/react";
import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { Field, FormErrors } from "~/components/ui/field";
import { IntentButton, useIntentForm } from "~/components/ui/form";
import { db } from "#db/client.server";
import { formatMoney } from "~/lib/format";
import { invariantResponse, orErrorPage } from "~/lib/http";
import { resolveLocale } from "~/lib/i18n";
import { intent, typedAction } from "~/lib/typed-action";
import { getPurchasablePrice } from "~/modules/billing/catalogue.server";
import { getOwnCheckout, payTestCheckout } from "~/modules/billing/checkout.server";
import { billingProvider } from "~/modules/billing/stripe.server";
import { TEST_CARDS } from "~/modules/billing/test-provider";
import { requireUser } from "~/modules/identity/auth.server";

export const handle = { i18n: ["billing", "billingErrors", "pricing"] };

export const meta: MetaFunction = () => [{ title: "Test checkout · QuitPath" }, { name: "robots", content: "noindex" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  invariantResponse(billingProvider() === "test", "Not found", { status: 404 });
  const checkoutId = new URL(request.url).searchParams.get("checkout") ?? "";
  invariantResponse(z.string().uuid().safeParse(checkoutId).success, "Not found", { status: 404 });
  const checkout = await orErrorPage(getOwnCheckout(db(), user.id, checkoutId));
  if (checkout.status === "completed") throw redirect(`/app/billing/success?checkout=${checkout.id}`);
  const { price, pkg } = await getPurchasablePrice(db(), checkout.priceId);
  const locale = resolveLocale(request, user.locale);
  const money = (minor: number) => formatMoney(minor, checkout.currency, locale);
  return {
    checkoutId: checkout.id,
    packageName: locale === "vi" ? pkg.nameVi : pkg.nameEn,
    period: price.period,
    subtotal: money(checkout.subtotalMinor),
    discount: checkout.discountMinor > 0 ? money(checkout.discountMinor) : null,
    total: money(checkout.totalMinor),
  };
}

const paySchema = z.object({
  checkoutId: z.string().uuid(),
  cardNumber: z
    .string({ required_error: "billing:checkout.testErrors.invalid_number" })
    .max(40, "billing:checkout.testErrors.invalid_number"),
  expiry: z.string({ required_error: "billing:checkout.testErrors.invalid_expiry" }).max(10, "billing:checkout.testErrors.invalid_expiry"),
  cvc: z.string({ required_error: "billing:checkout.testErrors.invalid_cvc" }).max(10, "billing:checkout.testErrors.invalid_cvc"),
});

export const action = typedAction({
  guard: async ({ request }) => {
    const user = await requireUser(request);
    invariantResponse(billingProvider() === "test", "Not found", { status: 404 });
    return user;
  },
  intents: (user) => ({
    // The card fields are never echoed back: the number lives only in this request, checked by chargeTestCard.
    pay: intent(
      paySchema,
      async ({ checkoutId, ...card }) => {
        await payTestCheckout(db(), user.id, checkoutId, card);
        return redirect(`/app/billing/success?checkout=${checkoutId}`);
      },
      { hideFields: ["cardNumber", "expiry", "cvc"] },
    ),
  }),
});

export default function TestCheckoutPage() {
  const { t } = useTranslation("billing");
  const view = useLoaderData<typeof loader>();
  const [form, fields] = useIntentForm({ answer: useActionData<typeof action>(), intent: "pay", schema: paySchema });
  const failed = Object.keys(form.allErrors).length > 0;
  return (
    <section className="mx-auto max-w-xl">
      <p role="note" className="rounded-md border-2 border-amber-500 bg-amber-50 p-3 font-bold text-amber-950">
        {t("checkout.testMode.banner")}
      </p>
      <p className="mt-2 text-sm text-slate-700">{t("checkout.testMode.description")}</p>
      <h1 className="mt-6 text-2xl font-bold">{t("checkout.title")}</h1>
      <dl className="mt-4 grid grid-cols-2 gap-2 rounded-md border border-slate-200 bg-white p-4">
        <dt className="text-slate-700">{t("checkout.package")}</dt>
        <dd className="font-medium">
          {view.packageName} · {t(`pricing:periods.${view.period}`)}
        </dd>
        <dt className="text-slate-700">{t("checkout.price")}</dt>
        <dd>{view.subtotal}</dd>
        {view.discount ? (
          <>
            <dt className="text-slate-700">{t("checkout.discount")}</dt>
            <dd>−{view.discount}</dd>
          </>
        ) : null}
        <dt className="font-semibold">{t("checkout.total")}</dt>
        <dd className="font-bold">{view.total}</dd>
      </dl>
      {failed ? (
        <div role="alert" className="mt-4 rounded-md border border-red-300 bg-red-50 p-3 text-red-900">
          <p className="font-semibold">{t("checkout.failed.title")}</p>
          <p className="text-sm">{t("checkout.failed.body")}</p>
        </div>
      ) : null}
      <Form method="post" {...getFormProps(form)} className="mt-6 space-y-4" autoComplete="off">
        <input type="hidden" name="checkoutId" value={view.checkoutId} />
        <Field
          field={fields.cardNumber}
          label={t("checkout.testMode.cardNumber")}
          inputMode="numeric"
          autoComplete="off"
          inputClassName="font-mono"
        />
        <div className="grid grid-cols-2 gap-4">
          <Field
            field={fields.expiry}
            label={t("checkout.testMode.expiry")}
            placeholder={t("checkout.testMode.expiryPlaceholder")}
            autoComplete="off"
          />
          <Field field={fields.cvc} label={t("checkout.testMode.cvc")} inputMode="numeric" autoComplete="off" />
        </div>
        <FormErrors id={form.errorId} errors={[...(form.errors ?? []), ...(fields.checkoutId.errors ?? [])]} />
        <p className="text-sm text-slate-700">{t("checkout.testMode.postsToServer")}</p>
        <IntentButton intent="pay" pendingLabel={t("checkout.processing")}>
          {t("checkout.pay", { amount: view.total })}
        </IntentButton>
      </Form>
      <section className="mt-8 rounded-md border border-slate-200 bg-white p-4" aria-labelledby="test-cards">
        <h2 id="test-cards" className="font-semibold">
          {t("checkout.testCards.title")}
        </h2>
        <p className="text-sm text-slate-700">{t("checkout.testCards.intro")}</p>
        <ul className="mt-2 space-y-1 text-sm">
          {TEST_CARDS.map((card) => (
            <li key={card.number}>
              <code className="font-mono">{card.number.replace(/(\d{4})(?=\d)/g, "$1 ")}</code> — {t(card.hintKey)}
            </li>
          ))}
        </ul>
      </section>
      <Link to="/app/billing/cancelled" className="mt-6 inline-block text-sm underline">
        {t("checkout.cancelled.cancelLink")}
      </Link>
    </section>
  );
}
