import { getFormProps } from "@conform-to/react";
import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useRevalidator, useSearchParams } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { CheckboxField, ChoiceField, Field, FormErrors } from "~/components/ui/field";
import { ButtonForm, IntentButton, useIntentForm } from "~/components/ui/form";
import { SuccessMessage } from "~/components/ui/form-status";
import { HealthDataAccessLog } from "~/components/coaching/member-coaching";
import { formatDateTime } from "~/lib/format";
import { resolveLocale } from "~/lib/i18n";
import { intent, typedAction } from "~/lib/typed-action";
import { isUuid } from "~/lib/uuid";
import { db } from "#db/client.server";
import { confirmPassword, requireUser } from "~/modules/identity/auth.server";
import { clearSessionCookie } from "~/modules/identity/session.server";
import { healthDataAccessLog } from "~/modules/coaching/access.server";
import { consentOverview, withdrawConsentFor, withKindNames } from "~/modules/privacy/consents.server";
import { ERASURE_GRACE_DAYS, requestErasure } from "~/modules/privacy/erasure.server";
import { EXPORT_LIFETIME_DAYS, listExports, requestExport } from "~/modules/privacy/export.server";
import { erasureRequestSchema, exportRequestSchema, visibilitySchema, withdrawConsentSchema } from "~/modules/privacy/forms";
import { saveVisibility, visibilityOf } from "~/modules/privacy/visibility.server";

export const handle = { i18n: ["privacy", "account", "caseload", "journey"] };

export const meta: MetaFunction = () => [{ title: "Privacy · QuitPath" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const accessCursor = new URL(request.url).searchParams.get("access");
  const [consents, exports, accessLog, visibility] = await Promise.all([
    consentOverview(db(), user.id),
    listExports(db(), user.id),
    healthDataAccessLog(db(), user.id, isUuid(accessCursor) ? accessCursor : null),
    visibilityOf(db(), user.id),
  ]);
  const locale = resolveLocale(request, user.locale);
  return {
    consents: withKindNames(consents, locale),
    visibility,
    exports,
    accessLog,
    accessPaged: isUuid(accessCursor),
    locale,
    timeZone: user.timeZone,
  };
}

export const action = typedAction({
  guard: ({ request }) => requireUser(request),
  intents: (user) => ({
    "withdraw-consent": intent(withdrawConsentSchema, async ({ purpose }) => {
      await withdrawConsentFor(db(), user.id, purpose);
      return { messageKey: "privacy:consents.withdrawn" };
    }),
    "save-visibility": intent(visibilitySchema, async (visibility) => {
      await saveVisibility(db(), user.id, visibility);
      return { messageKey: "privacy:visibility.saved" };
    }),
    "request-export": intent(exportRequestSchema, async ({ password }) => {
      await confirmPassword(db(), user.id, password);
      await requestExport(db(), user.id);
      return { messageKey: "privacy:export.requested" };
    }),
    "request-erasure": intent(erasureRequestSchema, async ({ password, keepPosts, keepMessages }) => {
      await confirmPassword(db(), user.id, password);
      const { eraseAfter } = await requestErasure(db(), user.id, { keepPosts, keepMessages });
      const to = `/login?${new URLSearchParams({ erasure: eraseAfter.toISOString() })}`;
      return redirect(to, { headers: { "Set-Cookie": await clearSessionCookie() } });
    }),
  }),
});

export default function PrivacyPage() {
  const { t } = useTranslation("privacy");
  const { consents, visibility, exports, accessLog, accessPaged, locale, timeZone } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const success = actionData?.ok && "messageKey" in actionData.result ? actionData.result : null;
  const [visibilityForm, visibilityFields] = useIntentForm({
    answer: actionData,
    intent: "save-visibility",
    schema: visibilitySchema,
    defaultValue: visibility,
  });
  const [exportForm, exportFields] = useIntentForm({ answer: actionData, intent: "request-export", schema: exportRequestSchema });
  const [erasureForm, erasureFields] = useIntentForm({ answer: actionData, intent: "request-erasure", schema: erasureRequestSchema });
  const building = exports.some((e) => e.status === "queued" || e.status === "building");
  const revalidator = useRevalidator();
  useEffect(() => {
    // While the archive is being built, the page asks again every few seconds to move the progress bar.
    if (!building) return;
    const timer = setInterval(() => revalidator.state === "idle" && revalidator.revalidate(), 3000);
    return () => clearInterval(timer);
  }, [building, revalidator]);
  const when = (iso: string) => formatDateTime(iso, locale, timeZone);

  return (
    <div className="space-y-10">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="text-slate-700">{t("intro")}</p>
      {searchParams.get("erasure") === "cancelled" ? (
        <p className="rounded bg-emerald-50 p-3 text-emerald-900">{t("erasure.cancelled")}</p>
      ) : null}
      <SuccessMessage messageKey={success?.messageKey} />

      <section aria-labelledby="consents-heading" className="rounded-xl border border-slate-200 bg-white p-6">
        <h2 id="consents-heading" className="text-lg font-semibold">
          {t("consents.title")}
        </h2>
        {consents.length === 0 ? <p className="mt-2 text-sm text-slate-700">{t("consents.none")}</p> : null}
        <ul className="mt-4 divide-y divide-slate-200">
          {consents.map((c) => (
            <li key={c.purpose} className="py-3">
              <p className="font-medium">{t(`consents.purposes.${c.purpose}.name`)}</p>
              <p className="text-sm text-slate-700">{t(`consents.purposes.${c.purpose}.purpose`, { version: c.version })}</p>
              <p className="text-sm text-slate-700">
                {c.withdrawnAt
                  ? c.version
                    ? t("consents.withdrawnOn", { version: c.version, when: when(c.withdrawnAt) })
                    : t("consents.turnedOffOn", { when: when(c.withdrawnAt) })
                  : !c.givenAt
                    ? t("consents.byDefault")
                    : c.version
                      ? t("consents.givenOn", { version: c.version, when: when(c.givenAt) })
                      : t("consents.changedOn", { when: when(c.givenAt) })}
              </p>
              {c.kinds.length > 0 ? <p className="text-sm text-slate-700">{t("consents.kinds", { kinds: c.kinds.join(", ") })}</p> : null}
              <p className="text-sm text-slate-700">{t(`consents.purposes.${c.purpose}.withdrawing`)}</p>
              <div className="mt-2 flex flex-wrap items-center gap-4">
                {c.withdrawnAt ? null : (
                  <ButtonForm
                    answer={actionData}
                    intent="withdraw-consent"
                    values={{ purpose: c.purpose }}
                    variant="secondary"
                    label={t("consents.withdrawLabel", { name: t(`consents.purposes.${c.purpose}.name`) })}
                  >
                    {t("consents.withdraw")}
                  </ButtonForm>
                )}
                <Link to={c.manageHref} className="text-sm font-semibold text-emerald-800 underline">
                  {t("consents.manage")}
                </Link>
              </div>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="visibility-heading" className="rounded-xl border border-slate-200 bg-white p-6">
        <h2 id="visibility-heading" className="text-lg font-semibold">
          {t("visibility.title")}
        </h2>
        <p className="text-sm text-slate-700">{t("visibility.intro")}</p>
        <Form method="post" {...getFormProps(visibilityForm)} className="mt-4 grid max-w-xl gap-4">
          <ChoiceField
            legend={t("visibility.name.legend")}
            field={visibilityFields.nameShown}
            type="radio"
            options={[
              { value: "full", label: t("visibility.name.full") },
              { value: "initials", label: t("visibility.name.initials") },
            ]}
          />
          <CheckboxField field={visibilityFields.avatarShown} label={t("visibility.avatar")} hint={t("visibility.avatarHint")} />
          <CheckboxField field={visibilityFields.smokeFreeDaysShown} label={t("visibility.smokeFreeDays")} />
          <ChoiceField
            legend={t("visibility.badges.legend")}
            hint={t("visibility.badges.hint")}
            field={visibilityFields.badgeShareAudience}
            type="radio"
            optionsClassName="mt-1 grid gap-2"
            options={[
              { value: "link", label: t("visibility.badges.link") },
              { value: "members", label: t("visibility.badges.members") },
              { value: "nobody", label: t("visibility.badges.nobody") },
            ]}
          />
          <FormErrors id={visibilityForm.errorId} errors={visibilityForm.errors} />
          <div>
            <IntentButton intent="save-visibility">{t("visibility.submit")}</IntentButton>
          </div>
        </Form>
      </section>

      <section aria-labelledby="export-heading" className="rounded-xl border border-slate-200 bg-white p-6">
        <h2 id="export-heading" className="text-lg font-semibold">
          {t("export.title")}
        </h2>
        <p className="text-sm text-slate-700">{t("export.intro", { days: EXPORT_LIFETIME_DAYS })}</p>
        <ul className="mt-4 space-y-2" aria-label={t("export.listLabel")}>
          {exports.map((e) => (
            <li key={e.id} className="text-sm">
              <span>{t("export.requestedOn", { when: when(e.requestedAt) })} · </span>
              {e.status === "ready" ? (
                <a href={`/resources/data-exports/${e.id}`} className="font-semibold text-emerald-800 underline" download>
                  {t("export.download", { when: e.expiresAt ? when(e.expiresAt) : "" })}
                </a>
              ) : e.status === "queued" || e.status === "building" ? (
                <span>
                  <progress max={100} value={e.progress} aria-label={t("export.progress")} className="mr-2 align-middle" />
                  {t("export.building", { percent: e.progress })}
                </span>
              ) : (
                <span>{t(`export.status.${e.status}`)}</span>
              )}
            </li>
          ))}
        </ul>
        {building ? null : (
          <Form method="post" {...getFormProps(exportForm)} className="mt-4 grid max-w-md gap-4">
            <Field label={t("password")} field={exportFields.password} type="password" autoComplete="current-password" required />
            <FormErrors id={exportForm.errorId} errors={exportForm.errors} />
            <div>
              <IntentButton intent="request-export">{t("export.submit")}</IntentButton>
            </div>
          </Form>
        )}
      </section>

      <div className="rounded-xl border border-slate-200 bg-white p-6">
        <HealthDataAccessLog log={accessLog} locale={locale} timeZone={timeZone} paged={accessPaged} />
      </div>

      <section aria-labelledby="erasure-heading" className="rounded-xl border border-red-200 bg-white p-6">
        <h2 id="erasure-heading" className="text-lg font-semibold">
          {t("erasure.title")}
        </h2>
        <p className="text-sm text-slate-700">{t("erasure.intro", { days: ERASURE_GRACE_DAYS })}</p>
        <ul className="mt-2 list-disc pl-5 text-sm text-slate-700">
          <li>{t("erasure.deleted")}</li>
          <li>{t("erasure.payments")}</li>
          <li>{t("erasure.grace", { days: ERASURE_GRACE_DAYS })}</li>
        </ul>
        <Form method="post" {...getFormProps(erasureForm)} className="mt-4 grid max-w-md gap-4">
          <CheckboxField field={erasureFields.keepPosts} label={t("erasure.keepPosts")} hint={t("erasure.keepPostsHint")} />
          <CheckboxField field={erasureFields.keepMessages} label={t("erasure.keepMessages")} hint={t("erasure.keepMessagesHint")} />
          <CheckboxField field={erasureFields.understood} label={t("erasure.understood", { days: ERASURE_GRACE_DAYS })} required />
          <Field label={t("password")} field={erasureFields.password} type="password" autoComplete="current-password" required />
          <FormErrors id={erasureForm.errorId} errors={erasureForm.errors} />
          <div>
            <IntentButton intent="request-erasure" variant="danger">
              {t("erasure.submit")}
            </IntentButton>
          </div>
        </Form>
      </section>
    </div>
  );
}
