import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { StatusButton } from "~/components/ui/button";
import { ErrorList } from "~/components/ui/field";
import { db } from "#db/client.server";
import { formatMoney } from "~/lib/format";
import { invariantResponse, orErrorPage } from "~/lib/http";
import { resolveLocale } from "~/lib/i18n";
import { getPurchasablePrice } from "~/modules/billing/catalogue.server";
import { getOwnCheckout, payTestCheckout } from "~/modules/billing/checkout.server";
import { billingProvider } from "~/modules/billing/stripe.server";
import { TEST_CARDS } from "~/modules/billing/test-provider";
import { requireUser } from "~/modules/identity/auth.server";
import { DomainError } from "~/lib/domain-error";

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
  intent: z.literal("pay"),
  checkoutId: z.string().uuid(),
  cardNumber: z.string({ required_error: "billing:checkout.testErrors.invalid_number" }).max(40),
  expiry: z.string({ required_error: "billing:checkout.testErrors.invalid_expiry" }).max(10),
  cvc: z.string({ required_error: "billing:checkout.testErrors.invalid_cvc" }).max(10),
});

const CARD_FIELDS = ["cardNumber", "expiry", "cvc"];

/**
 * Written out rather than through typedAction so the card fields are never echoed back in the
 * reply (hideFields): the number lives only in this request's memory, checked by chargeTestCard.
 */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  if (billingProvider() !== "test") throw new Response("Not found", { status: 404 });
  const submission = parseWithZod(await request.formData(), { schema: paySchema });
  if (submission.status !== "success") return data({ submission: submission.reply({ hideFields: CARD_FIELDS }) }, { status: 400 });
  try {
    await payTestCheckout(db(), user.id, submission.value.checkoutId, {
      cardNumber: submission.value.cardNumber,
      expiry: submission.value.expiry,
      cvc: submission.value.cvc,
    });
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const reply = error.options.field
      ? submission.reply({ fieldErrors: { [error.options.field]: [error.message] }, hideFields: CARD_FIELDS })
      : submission.reply({ formErrors: [error.message], hideFields: CARD_FIELDS });
    return data({ submission: reply }, { status: error.status });
  }
  return redirect(`/app/billing/success?checkout=${submission.value.checkoutId}`);
}

export default function TestCheckoutPage() {
  const { t } = useTranslation("billing");
  const view = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failure = actionData?.submission;
  const navigation = useNavigation();
  const failed = Boolean(failure?.error && Object.keys(failure.error).length > 0);
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
          {view.packageName} · {t(`pricing.periods.${view.period}`)}
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
      <Form method="post" className="mt-6 space-y-4" autoComplete="off">
        <input type="hidden" name="intent" value="pay" />
        <input type="hidden" name="checkoutId" value={view.checkoutId} />
        <div>
          <label htmlFor="cardNumber" className="block text-sm font-medium">
            {t("checkout.testMode.cardNumber")}
          </label>
          <input
            id="cardNumber"
            name="cardNumber"
            inputMode="numeric"
            autoComplete="off"
            required
            aria-describedby="cardNumber-error"
            className="mt-1 block w-full rounded-md border border-slate-400 px-3 py-2 font-mono"
          />
          <ErrorList id="cardNumber-error" errors={failure?.error?.cardNumber} />
        </div>
        <div className="grid grid-cols-2 gap-4">
          <div>
            <label htmlFor="expiry" className="block text-sm font-medium">
              {t("checkout.testMode.expiry")}
            </label>
            <input
              id="expiry"
              name="expiry"
              placeholder={t("checkout.testMode.expiryPlaceholder")}
              autoComplete="off"
              required
              aria-describedby="expiry-error"
              className="mt-1 block w-full rounded-md border border-slate-400 px-3 py-2"
            />
            <ErrorList id="expiry-error" errors={failure?.error?.expiry} />
          </div>
          <div>
            <label htmlFor="cvc" className="block text-sm font-medium">
              {t("checkout.testMode.cvc")}
            </label>
            <input
              id="cvc"
              name="cvc"
              inputMode="numeric"
              autoComplete="off"
              required
              aria-describedby="cvc-error"
              className="mt-1 block w-full rounded-md border border-slate-400 px-3 py-2"
            />
            <ErrorList id="cvc-error" errors={failure?.error?.cvc} />
          </div>
        </div>
        <ErrorList errors={failure?.error?.[""]} />
        <p className="text-sm text-slate-700">{t("checkout.testMode.postsToServer")}</p>
        <StatusButton pending={navigation.state !== "idle"} pendingLabel={t("checkout.processing")}>
          {t("checkout.pay", { amount: view.total })}
        </StatusButton>
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
