import { getFormProps } from "@conform-to/react";
import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { Field, FormErrors } from "~/components/ui/field";
import { ButtonForm, IntentButton, openOnRequest, submissionFor, useIntentForm } from "~/components/ui/form";
import { SuccessMessage } from "~/components/ui/form-status";
import { db } from "#db/client.server";
import { formatDate, formatDateTime, formatMoney, formatMoneyInputSafe } from "~/modules/billing/admin-format";
import { resolveLocale } from "~/lib/i18n";
import { intent, typedAction } from "~/lib/typed-action";
import { adminPayments, adminSubscriptions, failedPayments, refundTypedAmount, revenueReport } from "~/modules/billing/billing.server";
import { getBillingSettings, setGraceDays } from "~/modules/billing/catalogue.server";
import { SUBSCRIPTION_STATUSES } from "~/modules/billing/subscription-statuses";
import { searchAudit } from "~/modules/audit/audit.server";
import { requireRole } from "~/modules/identity/auth.server";
import { reconciliationReport } from "~/modules/billing/one-off.server";
import { ONE_OFF_PROVIDERS } from "~/modules/billing/one-off-providers.server";
import { pricesWithPaymentMethods, setPricePaymentMethod, setVatBasisPoints, vatIncluded } from "~/modules/billing/payment-methods.server";
import { decodeCursor, encodeCursor, type ListCursor } from "~/lib/list-cursor";

export const handle = { i18n: ["billingAdmin", "billingErrors"] };

export const meta: MetaFunction = () => [{ title: "Billing · Administration · QuitPath" }];

/** The grace period and VAT rate forms open on request (a link, so it works without JavaScript); the page shows what is set. */
const SETTINGS = ["grace", "vat"] as const;
type Setting = (typeof SETTINGS)[number];
const SETTING_INTENT = { grace: "grace-days", vat: "vat" } as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const locale = resolveLocale(request, admin.locale);
  const tz = admin.timeZone;
  const url = new URL(request.url);
  const filter = SUBSCRIPTION_STATUSES.find((s) => s === url.searchParams.get("status")) ?? null;
  // Free text is only ever a bound parameter; a cursor the app did not write starts the list from the top.
  const memberQuery = (url.searchParams.get("member") ?? "").trim().slice(0, 200) || null;
  const paymentQuery = (url.searchParams.get("payment") ?? "").trim().slice(0, 200) || null;
  const editing = SETTINGS.find((setting) => setting === url.searchParams.get("edit")) ?? null;
  /** The same page with one choice changed, every other kept. */
  const samePageWith = (key: string, value: string) => {
    const params = new URLSearchParams(url.search);
    params.set(key, value);
    return `?${params}`;
  };
  const settings = getBillingSettings(db());
  const graceDays = settings.then((s) => s.graceDays);
  const [revenue, subs, failed, recent, audits, methods, { vatBasisPoints }] = await Promise.all([
    revenueReport(db(), { graceDays }),
    adminSubscriptions(db(), { status: filter, q: memberQuery, before: decodeCursor(url.searchParams.get("subscriptionsAfter")) }),
    failedPayments(db(), { graceDays }),
    adminPayments(db(), { q: paymentQuery, before: decodeCursor(url.searchParams.get("paymentsAfter")) }),
    searchAudit(db(), { limit: 10 }).then((page) => page.rows),
    pricesWithPaymentMethods(db()),
    settings,
  ]);
  const nextPage = (key: string, cursor: ListCursor | null) => (cursor ? samePageWith(key, encodeCursor(cursor)) : null);
  // One refund form on the page, for the payment the admin chose (a link per row, so it works without JavaScript).
  const refunding = url.searchParams.get("refund");
  return {
    editing,
    editHrefs: { grace: samePageWith("edit", "grace"), vat: samePageWith("edit", "vat") },
    filter,
    memberQuery,
    paymentQuery,
    subscriptionsNext: nextPage("subscriptionsAfter", subs.next),
    paymentsNext: nextPage("paymentsAfter", recent.next),
    paged: url.searchParams.has("subscriptionsAfter") || url.searchParams.has("paymentsAfter"),
    graceDays: revenue.graceDays,
    mrrByCurrency: revenue.byCurrency.map((l) => ({
      currency: l.currency,
      mrr: formatMoney(l.mrrMinor, l.currency, locale),
      subscriptions: l.subscriptions,
    })),
    mrrByPackage: revenue.byPackage.map((l) => ({
      key: `${l.packageSlug}/${l.currency}`,
      packageSlug: l.packageSlug,
      mrr: formatMoney(l.mrrMinor, l.currency, locale),
      subscriptions: l.subscriptions,
    })),
    subscriptions: subs.rows.map((s) => ({
      id: s.subscription.id,
      member: `${s.displayName} <${s.email}>`,
      packageName: locale === "vi" ? s.packageNameVi : s.packageNameEn,
      status: s.subscription.status,
      amount: formatMoney(s.price.amountMinor, s.price.currency, locale),
      period: s.price.period,
      since: formatDate(s.subscription.createdAt, locale, tz),
      provider: s.subscription.provider,
    })),
    failed: failed.map((f) => ({
      id: f.subscription.id,
      member: `${f.displayName} <${f.email}>`,
      packageName: f.packageNameEn,
      pastDueSince: f.subscription.pastDueSince ? formatDate(f.subscription.pastDueSince, locale, tz) : "",
      graceEndsAt: formatDate(f.graceEndsAt, locale, tz),
    })),
    configuredProviders: methods.configured,
    prices: methods.rows.map(({ price, pkg }) => ({
      id: price.id,
      packageName: locale === "vi" ? pkg.nameVi : pkg.nameEn,
      amount: formatMoney(price.amountMinor, price.currency, locale),
      currency: price.currency,
      period: price.period,
      enabled: price.oneOffProviders,
    })),
    vatBasisPoints,
    payments: recent.rows.map(({ payment: p, displayName, email }) => ({
      id: p.id,
      provider: p.provider,
      reference: p.providerPaymentIntentId ?? p.providerInvoiceId ?? "",
      invoice: {
        buyer: `${displayName} <${email}>`,
        net: formatMoney(vatIncluded(p.amountMinor - p.refundedMinor, vatBasisPoints).netMinor, p.currency, locale),
        vat:
          vatBasisPoints > 0
            ? formatMoney(vatIncluded(p.amountMinor - p.refundedMinor, vatBasisPoints).vatMinor, p.currency, locale)
            : null,
        rate: vatBasisPoints / 100,
      },
      member: `${displayName} <${email}>`,
      receipt: p.receiptNumber,
      date: formatDate(p.paidAt ?? p.createdAt, locale, tz),
      amount: formatMoney(p.amountMinor, p.currency, locale),
      refunded: formatMoney(p.refundedMinor, p.currency, locale),
      refundable:
        p.status === "paid" || p.status === "partially_refunded"
          ? formatMoneyInputSafe(p.amountMinor - p.refundedMinor, p.currency, locale)
          : null,
      currency: p.currency,
      status: p.status,
      refunding: p.id === refunding,
      refundHref: `${samePageWith("refund", p.id)}#refund-${p.id}`,
    })),
    audit: audits.map(({ entry, adminName }) => ({
      id: entry.id,
      at: formatDateTime(entry.createdAt, locale, tz),
      admin: adminName ?? "",
      action: entry.action,
      reason: entry.reason,
      details: JSON.stringify(entry.details),
    })),
  };
}

const refundSchema = z.object({
  paymentId: z.string().uuid(),
  amount: z.string({ required_error: "billingErrors:refundAmountInvalid" }).max(40),
  reason: z
    .string({ required_error: "billingErrors:refundReasonRequired" })
    .trim()
    .min(3, "billingErrors:refundReasonRequired")
    .max(500, "billingErrors:textTooLong"),
});

const graceDaysSchema = z.object({
  graceDays: z.coerce
    .number({ invalid_type_error: "billingErrors:graceDaysInvalid" })
    .int("billingErrors:graceDaysInvalid")
    .min(0, "billingErrors:graceDaysInvalid")
    .max(60, "billingErrors:graceDaysInvalid"),
  reason: z.string().trim().max(500, "billingErrors:textTooLong").optional(),
});

const methodSchema = z.object({
  priceId: z.string().uuid(),
  provider: z.enum(ONE_OFF_PROVIDERS),
  enabled: z.enum(["on", "off"]),
});

const vatSchema = z.object({
  vatPercent: z.coerce
    .number({ invalid_type_error: "billingErrors:vatInvalid" })
    .min(0, "billingErrors:vatInvalid")
    .max(100, "billingErrors:vatInvalid"),
});

export const action = typedAction({
  guard: ({ request }) => requireRole(request, "admin"),
  intents: (admin) => ({
    refund: intent(refundSchema, async (input, { request }) => {
      const locale = resolveLocale(request, admin.locale);
      await refundTypedAmount(db(), admin.id, input.paymentId, { amount: input.amount, locale, reason: input.reason });
      return { messageKey: "billingAdmin:refund.issued" };
    }),
    "payment-method": intent(methodSchema, async (input) => {
      await setPricePaymentMethod(db(), admin.id, { priceId: input.priceId, provider: input.provider, enabled: input.enabled === "on" });
      return { messageKey: "billingAdmin:methods.saved" };
    }),
    vat: intent(vatSchema, async (input) => {
      await setVatBasisPoints(db(), admin.id, Math.round(input.vatPercent * 100));
      return { messageKey: "billingAdmin:invoice.vatSaved" };
    }),
    reconcile: intent(z.object({}), async () => {
      const rows = await reconciliationReport(db());
      return {
        messageKey: "billingAdmin:reconciliation.done",
        report: rows.map((r) => ({ ...r, oursAmount: r.ours.amountMinor, theirsAmount: r.theirs?.amountMinor ?? null })),
      };
    }),
    "grace-days": intent(graceDaysSchema, async (input) => {
      await setGraceDays(db(), admin.id, input.graceDays, input.reason || null);
      return { messageKey: "billingAdmin:graceDays.saved" };
    }),
  }),
});

export default function AdminBilling() {
  const { t } = useTranslation("billingAdmin");
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const th = "border-b border-slate-200 p-2";
  const td = "border-b border-slate-100 p-2";
  const open = (setting: Setting) => openOnRequest(actionData, SETTING_INTENT[setting], data.editing === setting);
  return (
    <section className="space-y-10">
      <div>
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <p className="mt-1 text-slate-700">{t("intro")}</p>
      </div>
      <SuccessMessage messageKey={actionData?.ok ? actionData.result.messageKey : null} />

      <section aria-labelledby="mrr">
        <h2 id="mrr" className="text-xl font-semibold">
          {t("mrr.title")}
        </h2>
        <p className="text-sm text-slate-600">{t("mrr.note")}</p>
        <h3 className="mt-3 font-semibold">{t("mrr.byCurrency")}</h3>
        <ul className="mt-1 flex flex-wrap gap-4">
          {data.mrrByCurrency.map((l) => (
            <li key={l.currency} className="rounded-lg border border-slate-200 bg-white p-4">
              <p className="text-2xl font-bold">{l.mrr}</p>
              <p className="text-sm text-slate-700">{t("mrr.subscriptions", { count: l.subscriptions })}</p>
            </li>
          ))}
        </ul>
        <h3 className="mt-3 font-semibold">{t("mrr.byPackage")}</h3>
        <ul className="mt-1 space-y-1 text-sm">
          {data.mrrByPackage.map((l) => (
            <li key={l.key}>
              {l.packageSlug}: {l.mrr} ({t("mrr.subscriptions", { count: l.subscriptions })})
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="grace">
        <h2 id="grace" className="text-xl font-semibold">
          {t("graceDays.label")}
        </h2>
        {open("grace") ? (
          <GraceDaysForm graceDays={data.graceDays} />
        ) : (
          <SettingValue
            value={t("graceDays.value", { count: data.graceDays })}
            hint={t("graceDays.hint")}
            href={`${data.editHrefs.grace}#grace`}
            change={t("graceDays.change")}
          />
        )}
      </section>

      <section aria-labelledby="failed">
        <h2 id="failed" className="text-xl font-semibold">
          {t("failedPayments.title")}
        </h2>
        {data.failed.length === 0 ? <p className="mt-1 text-slate-700">{t("failedPayments.empty")}</p> : null}
        <ul className="mt-1 space-y-1 text-sm">
          {data.failed.map((f) => (
            <li key={f.id}>
              {f.member} · {f.packageName} · {t("columns.pastDueSince")}: {f.pastDueSince} ·{" "}
              {t("failedPayments.graceEndsAt", { date: f.graceEndsAt })}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="subs">
        <h2 id="subs" className="text-xl font-semibold">
          {t("subscriptions.title")}
        </h2>
        <Form method="get" className="mt-2 flex items-end gap-2">
          <div>
            <label htmlFor="status-filter" className="block text-sm font-medium">
              {t("subscriptions.filterStatus")}
            </label>
            <select
              id="status-filter"
              name="status"
              defaultValue={data.filter ?? ""}
              className="mt-1 rounded-md border border-slate-400 px-3 py-2"
            >
              <option value="">—</option>
              {SUBSCRIPTION_STATUSES.map((status) => (
                <option key={status} value={status}>
                  {t(`status.${status}`)}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="member-search" className="block text-sm font-medium">
              {t("subscriptions.search")}
            </label>
            <input
              id="member-search"
              type="search"
              name="member"
              defaultValue={data.memberQuery ?? ""}
              maxLength={200}
              className="mt-1 rounded-md border border-slate-400 px-3 py-2"
            />
          </div>
          {data.paymentQuery ? <input type="hidden" name="payment" value={data.paymentQuery} /> : null}
          <button type="submit" className="rounded-md border border-slate-400 bg-white px-3 py-2 text-sm font-semibold">
            {t("subscriptions.apply")}
          </button>
        </Form>
        {data.subscriptions.length === 0 ? <p className="mt-1 text-slate-700">{t("subscriptions.empty")}</p> : null}
        <div className="overflow-x-auto">
          <table className="mt-2 w-full bg-white text-left text-sm">
            <thead>
              <tr>
                {(["member", "package", "status", "amount", "period", "since", "provider"] as const).map((c) => (
                  <th key={c} scope="col" className={th}>
                    {t(`columns.${c}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.subscriptions.map((s) => (
                <tr key={s.id}>
                  <td className={td}>{s.member}</td>
                  <td className={td}>{s.packageName}</td>
                  <td className={td}>{t(`status.${s.status}`)}</td>
                  <td className={td}>{s.amount}</td>
                  <td className={td}>{t(`periods.${s.period}`)}</td>
                  <td className={td}>{s.since}</td>
                  <td className={td}>{t(`provider.${s.provider}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <MoreLink to={data.subscriptionsNext} />
      </section>

      <section aria-labelledby="methods">
        <h2 id="methods" className="text-xl font-semibold">
          {t("methods.title")}
        </h2>
        <p className="text-sm text-slate-600">{t("methods.intro")}</p>
        {data.configuredProviders.length === 0 ? <p className="mt-2 text-sm">{t("methods.noneConfigured")}</p> : null}
        <ul className="mt-2 space-y-2 text-sm">
          {data.prices
            .filter((p) => p.currency === "VND")
            .map((p) => (
              <li key={p.id} className="flex flex-wrap items-center gap-3 rounded-md border border-slate-200 bg-white p-2">
                <span>
                  {p.packageName} · {t(`periods.${p.period}`)} · {p.amount}
                </span>
                {data.configuredProviders.map((provider) => {
                  const on = p.enabled.includes(provider);
                  return (
                    <ButtonForm
                      key={provider}
                      answer={actionData}
                      intent="payment-method"
                      values={{ priceId: p.id, provider, enabled: on ? "off" : "on" }}
                      variant={on ? "secondary" : "primary"}
                      label={t(on ? "methods.disable" : "methods.enable", {
                        provider: t(`provider.${provider}`),
                        price: `${p.packageName} ${p.amount}`,
                      })}
                    >
                      {t(on ? "methods.disable" : "methods.enable", {
                        provider: t(`provider.${provider}`),
                        price: "",
                      })}
                    </ButtonForm>
                  );
                })}
              </li>
            ))}
        </ul>
      </section>

      <section aria-labelledby="reconciliation">
        <h2 id="reconciliation" className="text-xl font-semibold">
          {t("reconciliation.title")}
        </h2>
        <p className="text-sm text-slate-600">{t("reconciliation.intro")}</p>
        <ButtonForm answer={actionData} intent="reconcile" variant="secondary" className="mt-2">
          {t("reconciliation.run")}
        </ButtonForm>
        {actionData?.ok && "report" in actionData.result ? (
          <table className="mt-2 w-full text-left text-sm">
            <thead>
              <tr>
                <th className={th}>{t("columns.provider")}</th>
                <th className={th}>{t("reconciliation.reference")}</th>
                <th className={th}>{t("reconciliation.ours")}</th>
                <th className={th}>{t("reconciliation.theirs")}</th>
                <th className={th}>{t("reconciliation.agrees")}</th>
              </tr>
            </thead>
            <tbody>
              {actionData.result.report.map((r) => (
                <tr key={r.attemptId}>
                  <td className={td}>{t(`provider.${r.provider}`)}</td>
                  <td className={`${td} font-mono`}>{r.reference}</td>
                  <td className={td}>
                    {r.ours.status} · {r.oursAmount} {r.ours.currency}
                  </td>
                  <td className={td}>{r.theirs ? `${r.theirs.outcome} · ${r.theirsAmount ?? "—"}` : t("reconciliation.noAnswer")}</td>
                  <td className={td}>{r.agrees ? t("reconciliation.yes") : t("reconciliation.no")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </section>

      <section aria-labelledby="payments">
        <h2 id="payments" className="text-xl font-semibold">
          {t("refund.title")}
        </h2>
        {open("vat") ? (
          <VatForm vatPercent={data.vatBasisPoints / 100} />
        ) : (
          <SettingValue
            value={t("invoice.vatValue", { rate: data.vatBasisPoints / 100 })}
            hint={t("invoice.vatHint")}
            href={`${data.editHrefs.vat}#payments`}
            change={t("invoice.vatChange")}
          />
        )}
        <Form method="get" role="search" className="mt-3 flex flex-wrap items-end gap-2">
          <div>
            <label htmlFor="payment-search" className="block text-sm font-medium">
              {t("refund.search")}
            </label>
            <input
              id="payment-search"
              type="search"
              name="payment"
              defaultValue={data.paymentQuery ?? ""}
              maxLength={200}
              aria-describedby="payment-search-hint"
              className="mt-1 rounded-md border border-slate-400 px-3 py-2"
            />
            <p id="payment-search-hint" className="text-xs text-slate-600">
              {t("refund.searchHint")}
            </p>
          </div>
          {data.filter ? <input type="hidden" name="status" value={data.filter} /> : null}
          {data.memberQuery ? <input type="hidden" name="member" value={data.memberQuery} /> : null}
          <button type="submit" className="rounded-md border border-slate-400 bg-white px-3 py-2 text-sm font-semibold">
            {t("subscriptions.apply")}
          </button>
        </Form>
        {data.payments.length === 0 ? <p className="mt-2 text-slate-700">{t("refund.empty")}</p> : null}
        <ul className="mt-2 space-y-3">
          {data.payments.map((p) => (
            <li key={p.id} className="rounded-md border border-slate-200 bg-white p-3 text-sm">
              <p>
                <span className="font-mono">{p.receipt}</span> · {p.date} · {p.member} · {t("refund.paid", { amount: p.amount })} ·{" "}
                {t(`invoiceStatus.${p.status}`)}
                {p.status === "partially_refunded" || p.status === "refunded"
                  ? ` · ${t("refund.alreadyRefunded", { amount: p.refunded })}`
                  : ""}
              </p>
              <p className="text-xs text-slate-600" data-testid="payment-provider">
                {t(`provider.${p.provider}`)} · {t("reconciliation.reference")}: <span className="font-mono">{p.reference}</span> ·{" "}
                {t("invoice.buyer")}: {p.invoice.buyer} · {t("invoice.net")}: {p.invoice.net}
                {p.invoice.vat ? ` · ${t("invoice.vat", { rate: p.invoice.rate })}: ${p.invoice.vat}` : ""}
              </p>
              {p.refundable ? (
                p.refunding || p.id === failedRefundOf(actionData) ? (
                  <RefundForm paymentId={p.id} currency={p.currency} refundable={p.refundable} />
                ) : (
                  <Link to={p.refundHref} preventScrollReset className="mt-2 inline-block font-semibold text-red-800 underline">
                    {t("refund.open")}
                    <span className="sr-only"> {p.receipt}</span>
                  </Link>
                )
              ) : null}
            </li>
          ))}
        </ul>
        <MoreLink to={data.paymentsNext} />
      </section>

      <section aria-labelledby="audit">
        <h2 id="audit" className="text-xl font-semibold">
          {t("audit.title")}
        </h2>
        <ul className="mt-2 space-y-1 text-sm">
          {data.audit.map((a) => (
            <li key={a.id}>
              {a.at} · {a.admin} · <span className="font-mono">{a.action}</span> {a.reason ? `· “${a.reason}”` : ""}{" "}
              <span className="text-xs text-slate-600">{a.details}</span>
            </li>
          ))}
        </ul>
        <Link to="/admin/audit" className="mt-2 inline-block text-sm font-semibold text-emerald-800 underline">
          {t("audit.all")}
        </Link>
      </section>
    </section>
  );
}

/** The payment a refund that failed was for (posted without choosing it first, or its errors shown again). */
function failedRefundOf(answer: ReturnType<typeof useActionData<typeof action>>): string | null {
  const sent = submissionFor(answer, "refund")?.initialValue?.paymentId;
  return typeof sent === "string" ? sent : null;
}

/** The next page of a list, or nothing on its last page; "newest first" leads back to the top once paged. */
function MoreLink({ to }: { to: string | null }) {
  const { t } = useTranslation("billingAdmin");
  const { paged } = useLoaderData<typeof loader>();
  if (!to && !paged) return null;
  return (
    <p className="mt-2 flex gap-4 text-sm font-semibold">
      {to ? (
        <Link to={to} preventScrollReset className="text-emerald-800 underline">
          {t("older")}
        </Link>
      ) : null}
      {paged ? (
        <Link to="/admin/billing" className="text-emerald-800 underline">
          {t("newest")}
        </Link>
      ) : null}
    </p>
  );
}

/** A setting as it stands, with the link that opens its form. */
function SettingValue({ value, hint, href, change }: { value: string; hint: string; href: string; change: string }) {
  return (
    <div className="mt-2 text-sm">
      <p className="text-base font-semibold">{value}</p>
      <p className="text-slate-600">{hint}</p>
      <Link to={href} preventScrollReset className="mt-1 inline-flex min-h-11 items-center font-semibold text-emerald-800 underline">
        {change}
      </Link>
    </div>
  );
}

function VatForm({ vatPercent }: { vatPercent: number }) {
  const { t } = useTranslation("billingAdmin");
  const [form, fields] = useIntentForm({
    answer: useActionData<typeof action>(),
    intent: "vat",
    schema: vatSchema,
    defaultValue: { vatPercent },
  });
  return (
    <Form method="post" {...getFormProps(form)} className="mt-2 flex flex-wrap items-end gap-3">
      <Field field={fields.vatPercent} inputMode="decimal" label={t("invoice.vatLabel")} hint={t("invoice.vatHint")} />
      <IntentButton intent="vat">{t("save")}</IntentButton>
      <FormErrors id={form.errorId} errors={form.errors} className="w-full" />
    </Form>
  );
}

function GraceDaysForm({ graceDays }: { graceDays: number }) {
  const { t } = useTranslation("billingAdmin");
  const [form, fields] = useIntentForm({
    answer: useActionData<typeof action>(),
    intent: "grace-days",
    schema: graceDaysSchema,
    defaultValue: { graceDays },
  });
  return (
    <Form method="post" {...getFormProps(form)} className="mt-2 flex flex-wrap items-end gap-3">
      <Field field={fields.graceDays} inputMode="numeric" label={t("graceDays.label")} hint={t("graceDays.hint")} />
      <Field field={fields.reason} label={t("refund.reason")} />
      <IntentButton intent="grace-days">{t("save")}</IntentButton>
      <FormErrors id={form.errorId} errors={form.errors} className="w-full" />
    </Form>
  );
}

function RefundForm({ paymentId, currency, refundable }: { paymentId: string; currency: string; refundable: string }) {
  const { t } = useTranslation("billingAdmin");
  const [form, fields] = useIntentForm({
    answer: useActionData<typeof action>(),
    intent: "refund",
    schema: refundSchema,
    id: `refund-${paymentId}`,
    match: { paymentId },
    defaultValue: { paymentId, amount: refundable },
  });
  return (
    <Form method="post" {...getFormProps(form)} className="mt-2 flex flex-wrap items-end gap-2">
      <input type="hidden" name="paymentId" value={paymentId} />
      <Field field={fields.amount} label={`${t("refund.amount")} (${currency})`} className="w-32" />
      <Field field={fields.reason} label={t("refund.reason")} className="w-64" />
      <IntentButton intent="refund" values={{ paymentId }} variant="danger">
        {t("refund.button")}
      </IntentButton>
      <FormErrors id={form.errorId} errors={[...(form.errors ?? []), ...(fields.paymentId.errors ?? [])]} className="w-full" />
    </Form>
  );
}
