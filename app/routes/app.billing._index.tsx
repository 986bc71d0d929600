import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { buttonClass, textLinkClass } from "~/components/ui/button";
import { ButtonForm } from "~/components/ui/form";
import { SuccessMessage } from "~/components/ui/form-status";
import { db } from "#db/client.server";
import { DomainError } from "~/lib/domain-error";
import { formatDate, formatMoney } from "~/lib/format";
import { resolveLocale } from "~/lib/i18n";
import { intent, typedAction } from "~/lib/typed-action";
import { paymentHistory } from "~/modules/billing/billing.server";
import { getPurchasablePrice, listPublishedPackages } from "~/modules/billing/catalogue.server";
import {
  changeTestPlan,
  endTestSubscription,
  getOwnLiveSubscription,
  setTestCancelAtPeriodEnd,
  simulateTestRenewal,
} from "~/modules/billing/checkout.server";
import { MONTHS_IN_PERIOD } from "~/modules/billing/pricing";
import { accessForMember, liveSubscriptionFor } from "~/modules/billing/entitlements.server";
import { billingProvider, changeStripePrice, createStripePortalSession, setStripeCancelAtPeriodEnd } from "~/modules/billing/stripe.server";
import { requireUser } from "~/modules/identity/auth.server";

export const handle = { i18n: ["billing", "billingErrors", "pricing"] };

export const meta: MetaFunction = () => [{ title: "Billing · QuitPath" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const locale = resolveLocale(request, user.locale);
  const [live, access, history] = await Promise.all([
    liveSubscriptionFor(db(), user.id),
    accessForMember(db(), user.id),
    paymentHistory(db(), user.id),
  ]);
  const date = (d: Date) => formatDate(d, locale, user.timeZone);
  const published = live ? await listPublishedPackages(db()) : [];
  const perMonth = (p: { amountMinor: number; period: keyof typeof MONTHS_IN_PERIOD }) => p.amountMinor / MONTHS_IN_PERIOD[p.period];
  const planOptions = live
    ? published.flatMap((pkg) =>
        pkg.prices
          .filter((p) => p.amountMinor > 0 && p.currency === live.price.currency && p.id !== live.price.id)
          .map((p) => ({
            priceId: p.id,
            name: locale === "vi" ? pkg.nameVi : pkg.nameEn,
            period: p.period,
            price: formatMoney(p.amountMinor, p.currency, locale),
            direction: perMonth(p) > perMonth(live.price) ? ("upgrade" as const) : ("downgrade" as const),
          })),
      )
    : [];
  return {
    planOptions,
    provider: billingProvider(),
    access: { reason: access.reason, graceEndsAt: access.graceEndsAt ? date(access.graceEndsAt) : null },
    plan: live
      ? {
          name: locale === "vi" ? live.pkg.nameVi : live.pkg.nameEn,
          status: live.subscription.status,
          price: formatMoney(live.price.amountMinor, live.price.currency, locale),
          period: live.price.period,
          periodEnd: date(live.subscription.currentPeriodEnd),
          termsVersion: live.subscription.acceptedTermsVersion,
          termsAcceptedAt: date(live.subscription.acceptedTermsAt),
          provider: live.subscription.provider,
          priceId: live.subscription.priceId,
        }
      : null,
    history: history.map(({ payment, packageNameEn, packageNameVi }) => ({
      id: payment.id,
      date: date(payment.paidAt ?? payment.createdAt),
      description: (locale === "vi" ? packageNameVi : packageNameEn) ?? "",
      amount: formatMoney(payment.amountMinor, payment.currency, locale),
      refunded: payment.refundedMinor > 0 ? formatMoney(payment.refundedMinor, payment.currency, locale) : null,
      status: payment.status,
      receipt: payment.status !== "failed" && payment.status !== "open",
    })),
  };
}

export const action = typedAction({
  guard: ({ request }) => requireUser(request),
  intents: (user) => {
    // A complimentary plan is the admin's to change: nothing to cancel, resume or switch.
    const ownSubscription = () =>
      getOwnLiveSubscription(db(), user.id).then((sub) => {
        if (sub.provider === "comp") throw new DomainError("conflict", "billing:account.complimentaryNoChange");
        // A VNPay/MoMo term is paid already and does not renew by itself: nothing to cancel, resume or switch.
        if (sub.provider === "vnpay" || sub.provider === "momo") throw new DomainError("conflict", "billing:oneOff.noChange");
        return sub;
      });
    return {
      cancel: intent(z.object({}), async () => {
        const sub = await ownSubscription();
        if (sub.provider === "stripe") await setStripeCancelAtPeriodEnd(db(), sub, true);
        else await setTestCancelAtPeriodEnd(db(), sub, true);
        return { messageKey: "billing:account.cancelledShort" };
      }),
      resume: intent(z.object({}), async () => {
        const sub = await ownSubscription();
        if (sub.provider === "stripe") await setStripeCancelAtPeriodEnd(db(), sub, false);
        else await setTestCancelAtPeriodEnd(db(), sub, false);
        return { messageKey: "billing:account.resumed" };
      }),
      "change-plan": intent(z.object({ priceId: z.string().uuid() }), async ({ priceId }) => {
        const sub = await ownSubscription();
        if (sub.provider === "stripe") {
          const { pkg, price } = await getPurchasablePrice(db(), priceId);
          await changeStripePrice(db(), sub, pkg, price);
        } else await changeTestPlan(db(), sub, priceId);
        return { messageKey: "billing:account.planChanged" };
      }),
      portal: intent(z.object({}), async () => redirect(await createStripePortalSession(db(), user.id))),
      // Test provider only: lets `npm start` show dunning (a failed renewal, then the retry) without waiting a month.
      "simulate-renewal": intent(z.object({ outcome: z.enum(["failed", "paid", "ended"]) }), async ({ outcome }) => {
        const sub = await ownSubscription();
        if (sub.provider !== "test" || billingProvider() !== "test") throw new Response("Not found", { status: 404 });
        if (outcome === "ended") {
          await endTestSubscription(db(), sub);
          return { messageKey: "billing:dunning.notifications.accessEnded.title" };
        }
        await simulateTestRenewal(db(), sub, outcome);
        return {
          messageKey:
            outcome === "paid" ? "billing:dunning.notifications.retrySucceeded.title" : "billing:dunning.notifications.paymentFailed.title",
        };
      }),
    };
  },
});

export default function BillingPage() {
  const { t } = useTranslation("billing");
  const { plan, history, access, provider, planOptions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <section className="space-y-8">
      <h1 className="text-2xl font-bold">{t("account.title")}</h1>
      <SuccessMessage messageKey={actionData?.ok ? actionData.result.messageKey : null} />
      <div className="rounded-lg border border-slate-200 bg-white p-6">
        <h2 className="text-lg font-semibold">{t("account.currentPackage")}</h2>
        {plan ? (
          <>
            <p className="mt-2 text-xl font-bold">{plan.name}</p>
            <p className="text-slate-700">
              {t(`status.${plan.status}`)} · {t(`pricing:perPeriod.${plan.period}`, { amount: plan.price })}
            </p>
            {plan.provider === "vnpay" || plan.provider === "momo" ? (
              <p className="text-sm text-slate-700">
                {t("oneOff.paidUntil", { date: plan.periodEnd })}{" "}
                <Link to={`/app/billing/checkout?price=${plan.priceId}`} className="underline">
                  {t("oneOff.renewNow")}
                </Link>
              </p>
            ) : plan.status === "active" ? (
              <p className="text-sm text-slate-700">{t("status.renewsOn", { date: plan.periodEnd })}</p>
            ) : null}
            {plan.provider === "comp" ? (
              <p className="text-sm text-slate-700">{t("account.complimentary", { date: plan.periodEnd })}</p>
            ) : plan.status === "cancelled_at_period_end" ? (
              <p className="text-sm text-slate-700">{t("account.cancelled", { date: plan.periodEnd })}</p>
            ) : null}
            {plan.status === "past_due" && access.reason === "grace" ? (
              <p role="alert" className="mt-2 rounded-md bg-amber-50 p-3 text-amber-950">
                {t("dunning.banner.paymentFailed", { date: access.graceEndsAt })}
              </p>
            ) : null}
            {plan.status === "past_due" && access.reason !== "grace" ? (
              <p role="alert" className="mt-2 rounded-md bg-red-50 p-3 text-red-900">
                {t("pricing:upgrade.pastDueNote")}
              </p>
            ) : null}
            <p className="mt-2 text-xs text-slate-600">
              {t("account.acceptedTerms", { version: plan.termsVersion, date: plan.termsAcceptedAt })}
            </p>
            <div
              className="mt-4 flex flex-wrap gap-3"
              hidden={plan.provider === "comp" || plan.provider === "vnpay" || plan.provider === "momo"}
            >
              {plan.provider === "stripe" ? (
                <ButtonForm answer={actionData} intent="portal" variant="secondary">
                  {t("account.manage")}
                </ButtonForm>
              ) : null}
              {plan.status === "cancelled_at_period_end" ? (
                <ButtonForm answer={actionData} intent="resume">
                  {t("account.resume")}
                </ButtonForm>
              ) : plan.status !== "past_due" ? (
                <ButtonForm answer={actionData} intent="cancel" variant="danger">
                  {t("account.cancel")}
                </ButtonForm>
              ) : null}
            </div>
            {planOptions.length > 0 &&
            plan.status !== "past_due" &&
            plan.provider !== "comp" &&
            plan.provider !== "vnpay" &&
            plan.provider !== "momo" ? (
              <div className="mt-6">
                <h3 className="font-semibold">{t("account.changePackage")}</h3>
                <p className="text-sm text-slate-600">{t("account.changeNote")}</p>
                <ul className="mt-2 space-y-2">
                  {planOptions.map((option) => (
                    <li key={option.priceId} className="flex flex-wrap items-center gap-3">
                      <span>
                        {option.name} · {t(`pricing:perPeriod.${option.period}`, { amount: option.price })}
                      </span>
                      <ButtonForm answer={actionData} intent="change-plan" values={{ priceId: option.priceId }} variant="secondary">
                        {option.direction === "upgrade"
                          ? t("account.upgrade")
                          : t("account.downgrade", { name: `${option.name} (${t(`pricing:periods.${option.period}`)})` })}
                      </ButtonForm>
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
            {provider === "test" && plan.provider === "test" ? (
              <div className="mt-6 rounded-md border border-amber-400 bg-amber-50 p-3">
                <p className="text-sm font-semibold text-amber-950">{t("checkout.testMode.banner")}</p>
                <p className="text-sm text-amber-950">{t("account.simulateHint")}</p>
                <div className="mt-2 flex flex-wrap gap-2">
                  {(
                    [
                      ["failed", "account.simulateFailed"],
                      ["paid", "account.simulatePaid"],
                      ["ended", "account.simulateEnded"],
                    ] as const
                  ).map(([outcome, label]) => (
                    <ButtonForm key={outcome} answer={actionData} intent="simulate-renewal" values={{ outcome }} variant="secondary">
                      {t(label)}
                    </ButtonForm>
                  ))}
                </div>
              </div>
            ) : null}
          </>
        ) : (
          <>
            <p className="mt-2 text-xl font-bold">{t("status.basic")}</p>
            {access.reason === "ended" ? <p className="text-sm text-slate-700">{t("pricing:upgrade.endedShort")}</p> : null}
            <Link to="/pricing" className={`${buttonClass("primary")} mt-4`}>
              {t("account.upgrade")}
            </Link>
          </>
        )}
      </div>
      <div>
        <h2 className="text-lg font-semibold">{t("history.title")}</h2>
        {history.length === 0 ? (
          <p className="mt-2 text-slate-700">{t("history.empty")}</p>
        ) : (
          /* A receipt link is a 44 px target on a phone: the cells keep less padding, and a table still wider scrolls by itself, not the page. */
          <div className="mt-2 overflow-x-auto">
            <table className="w-full bg-white text-left text-sm">
              <thead>
                <tr>
                  {(["date", "description", "amount", "status", "receipt"] as const).map((c) => (
                    <th key={c} scope="col" className="border-b border-slate-200 p-2 touch:px-1">
                      {t(`history.columns.${c}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {history.map((row) => (
                  <tr key={row.id}>
                    <td className="border-b border-slate-100 p-2 touch:px-1">{row.date}</td>
                    <td className="border-b border-slate-100 p-2 touch:px-1">{row.description}</td>
                    <td className="border-b border-slate-100 p-2 touch:px-1">
                      {row.amount}
                      {row.refunded ? (
                        <span className="block text-xs text-slate-600">{t("history.refundedAmount", { amount: row.refunded })}</span>
                      ) : null}
                    </td>
                    <td className="border-b border-slate-100 p-2 touch:px-1">{t(`history.invoiceStatus.${row.status}`)}</td>
                    <td className="border-b border-slate-100 p-2 touch:px-1">
                      {row.receipt ? (
                        <Link to={`/app/billing/receipts/${row.id}`} className={`${textLinkClass} underline`}>
                          {t("history.downloadReceipt")}
                        </Link>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </section>
  );
}
