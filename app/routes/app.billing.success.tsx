import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { buttonClass } from "~/components/ui/button";
import { db } from "#db/client.server";
import { invariantResponse } from "~/lib/http";
import { checkoutStatus } from "~/modules/billing/fulfilment.server";
import { requireUser } from "~/modules/identity/auth.server";

export const handle = { i18n: ["billing", "billingErrors"] };

export const meta: MetaFunction = () => [{ title: "Thank you · QuitPath" }];

/** Shows "confirming…" until a verified event has created the subscription; it never grants access itself. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const checkoutId = new URL(request.url).searchParams.get("checkout") ?? "";
  invariantResponse(z.string().uuid().safeParse(checkoutId).success, "Not found", { status: 404 });
  const row = await checkoutStatus(db(), user.id, checkoutId);
  invariantResponse(row, "Not found", { status: 404 });
  const confirmed = Boolean(row.subscriptionId) && row.subscriptionStatus !== "ended";
  return { confirmed, refused: row.checkout.status === "refused" };
}

export default function CheckoutSuccess() {
  const { t } = useTranslation("billing");
  const { confirmed, refused } = useLoaderData<typeof loader>();
  const revalidator = useRevalidator();
  useEffect(() => {
    if (confirmed || refused) return;
    const timer = setInterval(() => revalidator.state === "idle" && revalidator.revalidate(), 2000);
    return () => clearInterval(timer);
  }, [confirmed, refused, revalidator]);
  return (
    <section className="mx-auto max-w-xl text-center" aria-live="polite">
      {/* Without JavaScript the page refreshes itself until the payment is confirmed. */}
      {!confirmed && !refused ? <meta httpEquiv="refresh" content="3" /> : null}
      <h1 className="text-3xl font-bold">{t("checkout.success.title")}</h1>
      {refused ? (
        <p className="mt-4 text-slate-700">{t("billingErrors:alreadySubscribed")}</p>
      ) : confirmed ? (
        <>
          <p className="mt-4 text-slate-700">{t("checkout.success.confirmed")}</p>
          <Link to="/app/coach/choose" className={`${buttonClass("primary")} mt-6`}>
            {t("checkout.success.start")}
          </Link>
        </>
      ) : (
        <p className="mt-4 text-slate-700">{t("checkout.success.confirming")}</p>
      )}
      <p className="mt-6">
        <Link to="/app/billing" className="underline">
          {t("account.title")}
        </Link>
      </p>
    </section>
  );
}
