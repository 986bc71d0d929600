import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { buttonClass } from "~/components/ui/button";
import { requireUser } from "~/modules/identity/auth.server";

export const handle = { i18n: ["billing", "billingErrors"] };

export const meta: MetaFunction = () => [{ title: "Checkout cancelled · QuitPath" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return null;
}

export default function CheckoutCancelled() {
  const { t } = useTranslation("billing");
  return (
    <section className="mx-auto max-w-xl text-center">
      <h1 className="text-3xl font-bold">{t("checkout.cancelled.title")}</h1>
      <p className="mt-4 text-slate-700">{t("checkout.cancelled.body")}</p>
      <Link to="/pricing" className={`${buttonClass("primary")} mt-6`}>
        {t("checkout.cancelled.retry")}
      </Link>
    </section>
  );
}
