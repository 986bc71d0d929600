import { getFormProps } from "@conform-to/react";
import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CheckboxField, ChoiceField, Field, FormErrors, SelectField, TextareaField } from "~/components/ui/field";
import { IntentButton, useIntentForm } from "~/components/ui/form";
import { SuccessMessage } from "~/components/ui/form-status";
import { db } from "#db/client.server";
import { formatDateTime } from "~/lib/format";
import { resolveLocale } from "~/lib/i18n";
import { intent, typedAction } from "~/lib/typed-action";
import { requireRole } from "~/modules/identity/auth.server";
import { handleDataRequest, privacyOverview, recentDataRequests } from "~/modules/privacy/admin.server";
import { dataRequestSchema, IDENTITY_CHECKS } from "~/modules/privacy/forms";
import { ERASURE_GRACE_DAYS } from "~/modules/privacy/erasure.server";
import { EXPORT_LIFETIME_DAYS } from "~/modules/privacy/export.server";
import { lastRetentionRun, RETENTION_KINDS, retentionPolicy } from "~/modules/privacy/retention.server";

export const handle = { i18n: ["privacy"] };

export const meta: MetaFunction = () => [{ title: "Privacy · Administration · QuitPath" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const locale = resolveLocale(request, admin.locale);
  const when = (d: Date) => formatDateTime(d, locale, admin.timeZone);
  const [{ pending, receipts, exports }, lastRun, requests] = await Promise.all([
    privacyOverview(db()),
    lastRetentionRun(db()),
    recentDataRequests(db()),
  ]);
  const policy = retentionPolicy();
  return {
    retention: {
      periods: RETENTION_KINDS.map((kind) => ({ kind, days: policy[kind] })),
      lastRun: lastRun ? { ranAt: when(lastRun.ranAt), removed: Object.entries(lastRun.removed) } : null,
    },
    pending: pending.map((p) => ({ ...p, requestedAt: when(p.requestedAt), eraseAfter: when(p.eraseAfter) })),
    receipts: receipts.map((r) => ({
      id: r.id,
      requestedAt: when(r.requestedAt),
      erasedAt: when(r.erasedAt),
      keptPosts: r.keptPosts,
      payments: r.paymentIds.length,
      rows: Object.values(r.counts).reduce((a, b) => a + b, 0),
    })),
    exports,
    requests: requests.map((r) => ({ ...r, createdAt: when(r.createdAt) })),
  };
}

export const action = typedAction({
  guard: ({ request }) => requireRole(request, "admin"),
  intents: (admin) => ({
    "data-request": intent(dataRequestSchema, async (input) => {
      const { request } = await handleDataRequest(db(), admin.id, input);
      return { messageKey: request === "export" ? "privacy:admin.request.exportStarted" : "privacy:admin.request.erasureScheduled" };
    }),
  }),
});

export default function AdminPrivacyPage() {
  const { t } = useTranslation("privacy");
  const { retention, pending, receipts, exports, requests } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const success = actionData?.ok && "messageKey" in actionData.result ? actionData.result : null;
  const [requestForm, requestFields] = useIntentForm({
    answer: actionData,
    intent: "data-request",
    schema: dataRequestSchema,
    defaultValue: { request: "export", identityCheck: "id-document" },
  });
  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-bold">{t("admin.title")}</h1>
      <SuccessMessage messageKey={success?.messageKey} />

      <section aria-labelledby="request-heading" className="rounded-xl border border-slate-200 bg-white p-6">
        <h2 id="request-heading" className="text-lg font-semibold">
          {t("admin.request.title")}
        </h2>
        <p className="text-sm text-slate-700">{t("admin.request.intro")}</p>
        <Form method="post" {...getFormProps(requestForm)} className="mt-4 grid max-w-xl gap-4">
          <Field label={t("admin.request.email")} field={requestFields.email} type="email" autoComplete="off" required />
          <ChoiceField
            legend={t("admin.request.kind")}
            field={requestFields.request}
            type="radio"
            options={[
              { value: "export", label: t("admin.request.export") },
              { value: "erase", label: t("admin.request.erase") },
            ]}
          />
          <SelectField
            label={t("admin.request.identityCheck")}
            field={requestFields.identityCheck}
            options={IDENTITY_CHECKS.map((check) => ({ value: check, label: t(`admin.request.checks.${check}`) }))}
          />
          <TextareaField
            label={t("admin.request.reason")}
            hint={t("admin.request.reasonHint")}
            field={requestFields.reason}
            rows={3}
            required
          />
          <CheckboxField field={requestFields.keepPosts} label={t("admin.request.keepPosts")} />
          <CheckboxField field={requestFields.keepMessages} label={t("admin.request.keepMessages")} />
          <FormErrors id={requestForm.errorId} errors={requestForm.errors} />
          <div>
            <IntentButton intent="data-request">{t("admin.request.submit")}</IntentButton>
          </div>
        </Form>
        <h3 className="mt-6 font-semibold">{t("admin.request.recent")}</h3>
        {requests.length === 0 ? (
          <p className="text-sm text-slate-700">{t("admin.request.none")}</p>
        ) : (
          <ul className="mt-2 space-y-1 text-sm text-slate-700" aria-label={t("admin.request.recent")}>
            {requests.map((r) => (
              <li key={r.id}>
                {t("admin.request.row", {
                  when: r.createdAt,
                  request: t(`admin.request.${r.request}`),
                  member: r.member ?? t("admin.request.erasedMember"),
                  admin: r.adminName ?? t("admin.request.formerAdmin"),
                  check: t(`admin.request.checks.${r.identityCheck}`, { defaultValue: r.identityCheck }),
                  reason: r.reason,
                })}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="retention-heading">
        <h2 id="retention-heading" className="text-lg font-semibold">
          {t("admin.policy.title")}
        </h2>
        <ul className="mt-2 list-disc pl-5 text-sm text-slate-700">
          <li>{t("admin.policy.erasure", { days: ERASURE_GRACE_DAYS })}</li>
          <li>{t("admin.policy.exports", { days: EXPORT_LIFETIME_DAYS })}</li>
          <li>{t("admin.policy.sweep")}</li>
          <li>{t("admin.policy.backups")}</li>
        </ul>
        <h3 className="mt-4 font-semibold">{t("admin.retention.title")}</h3>
        <ul className="mt-2 list-disc pl-5 text-sm text-slate-700" aria-label={t("admin.retention.title")}>
          {retention.periods.map((p) => (
            <li key={p.kind}>{t(`admin.retention.periods.${p.kind}`, { count: p.days })}</li>
          ))}
        </ul>
        <p className="mt-2 text-sm text-slate-700">{t("admin.retention.schedule")}</p>
        {retention.lastRun ? (
          <div className="mt-2 text-sm text-slate-700">
            <p>{t("admin.retention.lastRun", { when: retention.lastRun.ranAt })}</p>
            <ul className="list-disc pl-5" aria-label={t("admin.retention.removedLabel")}>
              {retention.lastRun.removed.map(([kind, count]) => (
                <li key={kind}>{t(`admin.retention.removed.${kind}`, { count })}</li>
              ))}
            </ul>
          </div>
        ) : (
          <p className="mt-2 text-sm text-slate-700">{t("admin.retention.neverRun")}</p>
        )}
      </section>

      <section aria-labelledby="pending-heading">
        <h2 id="pending-heading" className="text-lg font-semibold">
          {t("admin.pending.title")}
        </h2>
        {pending.length === 0 ? (
          <p className="text-sm text-slate-700">{t("admin.pending.none")}</p>
        ) : (
          <table className="mt-2 w-full text-left text-sm">
            <thead>
              <tr>
                <th scope="col">{t("admin.pending.member")}</th>
                <th scope="col">{t("admin.pending.requestedAt")}</th>
                <th scope="col">{t("admin.pending.eraseAfter")}</th>
                <th scope="col">{t("admin.pending.posts")}</th>
              </tr>
            </thead>
            <tbody>
              {pending.map((p) => (
                <tr key={p.userId}>
                  <td>
                    {p.displayName} · {p.email}
                  </td>
                  <td>{p.requestedAt}</td>
                  <td>{p.eraseAfter}</td>
                  <td>{p.keepPosts ? t("admin.pending.kept") : t("admin.pending.deleted")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="receipts-heading">
        <h2 id="receipts-heading" className="text-lg font-semibold">
          {t("admin.receipts.title")}
        </h2>
        <p className="text-sm text-slate-700">{t("admin.receipts.intro")}</p>
        {receipts.length === 0 ? (
          <p className="text-sm text-slate-700">{t("admin.receipts.none")}</p>
        ) : (
          <table className="mt-2 w-full text-left text-sm">
            <thead>
              <tr>
                <th scope="col">{t("admin.receipts.receipt")}</th>
                <th scope="col">{t("admin.receipts.requestedAt")}</th>
                <th scope="col">{t("admin.receipts.erasedAt")}</th>
                <th scope="col">{t("admin.receipts.rows")}</th>
                <th scope="col">{t("admin.receipts.payments")}</th>
              </tr>
            </thead>
            <tbody>
              {receipts.map((r) => (
                <tr key={r.id}>
                  <td className="font-mono text-xs">{r.id}</td>
                  <td>{r.requestedAt}</td>
                  <td>{r.erasedAt}</td>
                  <td>{r.rows}</td>
                  <td>{r.payments}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="exports-heading">
        <h2 id="exports-heading" className="text-lg font-semibold">
          {t("admin.exports.title")}
        </h2>
        <ul className="mt-2 text-sm text-slate-700">
          {exports.map((e) => (
            <li key={e.status}>{t("admin.exports.row", { status: t(`admin.exports.status.${e.status}`), count: e.count })}</li>
          ))}
        </ul>
      </section>
    </div>
  );
}
