import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { db } from "#db/client.server";
import { formatDate, formatMoney } from "~/lib/format";
import { invariantResponse, orErrorPage } from "~/lib/http";
import { resolveLocale } from "~/lib/i18n";
import { ownReceipt } from "~/modules/billing/billing.server";
import { requireUser } from "~/modules/identity/auth.server";

export const handle = { i18n: ["billing", "billingErrors"] };

export const meta: MetaFunction = () => [{ title: "Receipt · QuitPath" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  invariantResponse(z.string().uuid().safeParse(params.paymentId).success, "Not found", { status: 404 });
  const row = await orErrorPage(ownReceipt(db(), user.id, params.paymentId!));
  const locale = resolveLocale(request, user.locale);
  const p = row.payment;
  const money = (minor: number) => formatMoney(minor, p.currency, locale);
  const date = (d: Date | null) => (d ? formatDate(d, locale, user.timeZone) : "");
  return {
    number: p.receiptNumber,
    issuedOn: date(p.paidAt ?? p.createdAt),
    billedTo: `${row.displayName} <${row.email}>`,
    item: (locale === "vi" ? row.packageNameVi : row.packageNameEn) ?? "",
    periodStart: date(p.periodStart),
    periodEnd: date(p.periodEnd),
    subtotal: money(p.amountMinor + p.discountMinor),
    discount: p.discountMinor > 0 ? money(p.discountMinor) : null,
    total: money(p.amountMinor),
    refunded:
      p.refundedMinor > 0 ? { amount: money(p.refundedMinor), on: date(p.refundedAt), net: money(p.amountMinor - p.refundedMinor) } : null,
    last4: p.cardLast4,
    test: p.provider === "test",
  };
}

/** An HTML receipt, laid out to print or save as PDF from the browser. */
export default function ReceiptPage() {
  const { t } = useTranslation("billing");
  const r = useLoaderData<typeof loader>();
  return (
    <article className="mx-auto max-w-2xl rounded-lg border border-slate-200 bg-white p-8 print:border-0">
      <h1 className="text-2xl font-bold">{t("receipt.title")}</h1>
      <p className="mt-1 text-slate-700">{t("receipt.number", { number: r.number })}</p>
      <p className="text-slate-700">{t("receipt.issuedOn", { date: r.issuedOn })}</p>
      {r.test ? <p className="mt-2 font-semibold text-amber-900">{t("receipt.testPayment")}</p> : null}
      <h2 className="mt-6 font-semibold">{t("receipt.billedTo")}</h2>
      <p>{r.billedTo}</p>
      <table className="mt-6 w-full text-left">
        <thead>
          <tr>
            <th scope="col" className="border-b py-2">
              {t("receipt.item")}
            </th>
            <th scope="col" className="border-b py-2 text-right">
              {t("receipt.subtotal")}
            </th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td className="py-2">
              {r.item}
              {r.periodStart ? (
                <span className="block text-sm text-slate-600">{t("receipt.period", { start: r.periodStart, end: r.periodEnd })}</span>
              ) : null}
            </td>
            <td className="py-2 text-right">{r.subtotal}</td>
          </tr>
          {r.discount ? (
            <tr>
              <td className="py-1">{t("checkout.discount")}</td>
              <td className="py-1 text-right">−{r.discount}</td>
            </tr>
          ) : null}
          <tr>
            <th scope="row" className="border-t py-2 text-left">
              {t("receipt.total")}
            </th>
            <td className="border-t py-2 text-right font-bold">{r.total}</td>
          </tr>
          {r.refunded ? (
            <>
              <tr>
                <td className="py-1">{t("receipt.refunded", { date: r.refunded.on })}</td>
                <td className="py-1 text-right">−{r.refunded.amount}</td>
              </tr>
              <tr>
                <th scope="row" className="py-1 text-left">
                  {t("receipt.netTotal")}
                </th>
                <td className="py-1 text-right font-bold">{r.refunded.net}</td>
              </tr>
            </>
          ) : null}
        </tbody>
      </table>
      {r.last4 ? <p className="mt-4 text-sm text-slate-700">{t("receipt.paymentMethod", { last4: r.last4 })}</p> : null}
      <p className="mt-6">{t("receipt.thanks")}</p>
      <p className="mt-2 text-xs text-slate-600">{t("receipt.footer")}</p>
    </article>
  );
}
