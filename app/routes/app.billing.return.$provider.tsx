import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { buttonClass } from "~/components/ui/button";
import { db } from "#db/client.server";
import { DomainError } from "~/lib/domain-error";
import { formatDate } from "~/lib/format";
import { invariantResponse } from "~/lib/http";
import { resolveLocale } from "~/lib/i18n";
import { ownAttemptByReference } from "~/modules/billing/one-off.server";
import { isOneOffProvider } from "~/modules/billing/one-off-providers.server";
import { requireUser } from "~/modules/identity/auth.server";

export const handle = { i18n: ["billing", "billingErrors"] };

export const meta: MetaFunction = () => [{ title: "Payment · QuitPath" }];

/** Where VNPay and MoMo send the member back: shows our record of the attempt; it never grants access itself. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const provider = params.provider ?? "";
  invariantResponse(isOneOffProvider(provider), "Not found", { status: 404 });
  const url = new URL(request.url);
  const reference = (provider === "vnpay" ? url.searchParams.get("vnp_TxnRef") : url.searchParams.get("orderId")) ?? "";
  invariantResponse(/^QP[0-9a-f]{32}$/.test(reference), "Not found", { status: 404 });
  const attempt = await ownAttemptByReference(db(), user.id, provider, reference).catch((error) => {
    if (error instanceof DomainError) throw new Response("Not found", { status: 404 });
    throw error;
  });
  const locale = resolveLocale(request, user.locale);
  return {
    state: attempt.state,
    priceId: attempt.priceId,
    until: attempt.periodEnd ? formatDate(attempt.periodEnd, locale, user.timeZone) : null,
  };
}

export default function OneOffReturn() {
  const { t } = useTranslation("billing");
  const { state, priceId, until } = useLoaderData<typeof loader>();
  const revalidator = useRevalidator();
  useEffect(() => {
    if (state !== "pending") return;
    const timer = setInterval(() => revalidator.state === "idle" && revalidator.revalidate(), 2000);
    return () => clearInterval(timer);
  }, [state, revalidator]);
  return (
    <section className="mx-auto max-w-xl text-center" aria-live="polite">
      {state === "pending" ? <meta httpEquiv="refresh" content="3" /> : null}
      <h1 className="text-3xl font-bold">{t(`oneOff.return.${state}.title`)}</h1>
      <p className="mt-4 text-slate-700" data-testid="payment-state">
        {t(`oneOff.return.${state}.body`, { date: until ?? "" })}
      </p>
      {state === "paid" ? (
        <Link to="/app/coach/choose" className={`${buttonClass("primary")} mt-6`}>
          {t("checkout.success.start")}
        </Link>
      ) : state === "failed" ? (
        <Link to={`/app/billing/checkout?price=${priceId}`} className={`${buttonClass("primary")} mt-6`}>
          {t("oneOff.return.tryAgain")}
        </Link>
      ) : null}
      <p className="mt-6">
        <Link to="/app/billing" className="underline">
          {t("account.title")}
        </Link>
      </p>
    </section>
  );
}
