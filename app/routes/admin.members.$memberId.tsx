import { getFormProps } from "@conform-to/react";
import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { type z } from "zod";
import { Field, FormErrors, SelectField, TextareaField } from "~/components/ui/field";
import { IntentButton, useIntentForm } from "~/components/ui/form";
import { SuccessMessage } from "~/components/ui/form-status";
import { db } from "#db/client.server";
import { formatDate, formatDateTime, formatMoney } from "~/lib/format";
import { CACHE_CONTROL } from "~/lib/cache-control";
import { orErrorPage } from "~/lib/http";
import { resolveLocale } from "~/lib/i18n";
import { intent, typedAction } from "~/lib/typed-action";
import { isUuid } from "~/lib/uuid";
import { searchAudit } from "~/modules/audit/audit.server";
import { compablePackages, compMembership, subscriptionHistory } from "~/modules/billing/comp.server";
import { assignmentHistory } from "~/modules/coaching/assignments.server";
import { requireRole } from "~/modules/identity/auth.server";
import { compSchema, restoreSchema, roleSchema, ROLES, signOutSchema, suspendSchema } from "~/modules/identity/people";
import { changeRole, personAccount, restorePerson, signOutEverywhere, suspendPerson } from "~/modules/identity/people.server";
import { consentHistory } from "~/modules/journey/consent.server";
import { memberSessions } from "~/modules/sessions/booking.server";

export const handle = { i18n: ["people", "billing", "billingErrors", "coaching", "sessions"] };

export const meta: MetaFunction = () => [{ title: "Member · Administration · QuitPath" }];

async function guard(request: Request, memberId: string | undefined) {
  const admin = await requireRole(request, "admin");
  if (!isUuid(memberId)) throw new Response("Not found", { status: 404 });
  return { admin, memberId };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { admin, memberId } = await guard(request, params.memberId);
  const locale = resolveLocale(request, admin.locale);
  const person = await orErrorPage(personAccount(db(), memberId));
  const now = new Date();
  const [billing, coaches, consents, sessions, audit, packages] = await Promise.all([
    subscriptionHistory(db(), memberId),
    assignmentHistory(db(), [memberId]),
    consentHistory(db(), memberId),
    memberSessions(db(), memberId, now),
    searchAudit(db(), { targetType: "user", targetId: memberId, limit: 50 }),
    compablePackages(db()),
  ]);
  const day = (d: Date) => formatDate(d, locale, admin.timeZone);
  const when = (d: Date) => formatDateTime(d, locale, admin.timeZone);
  const name = (p: { nameEn: string | null; nameVi: string | null }) => (locale === "vi" ? p.nameVi : p.nameEn) ?? "";
  return {
    isSelf: admin.id === person.id,
    person: { ...person, createdAt: day(person.createdAt), suspendedAt: person.suspendedAt ? when(person.suspendedAt) : null },
    subscriptions: billing.subscriptions.map(({ subscription: s, packageNameEn, packageNameVi }) => ({
      id: s.id,
      packageName: name({ nameEn: packageNameEn, nameVi: packageNameVi }),
      status: s.status,
      provider: s.provider,
      until: day(s.currentPeriodEnd),
    })),
    payments: billing.payments.map((p) => ({
      id: p.id,
      date: day(p.paidAt ?? p.createdAt),
      amount: formatMoney(p.amountMinor, p.currency, locale),
      refunded: p.refundedMinor > 0 ? formatMoney(p.refundedMinor, p.currency, locale) : null,
      status: p.status,
    })),
    coaches: coaches.map((h) => ({
      id: h.id,
      coach: h.coachName,
      status: h.status,
      from: day(h.startedAt),
      to: h.endedAt ? day(h.endedAt) : null,
    })),
    consents: consents.map((c) => ({
      version: c.purposeVersion,
      granted: day(c.grantedAt),
      withdrawn: c.withdrawnAt ? day(c.withdrawnAt) : null,
    })),
    sessions: [...sessions.upcoming, ...sessions.past].map((s) => ({
      id: s.session.id,
      date: when(s.session.startsAt),
      coach: s.otherName,
      status: s.session.status,
    })),
    audit: audit.rows.map(({ entry, adminName }) => ({
      id: entry.id,
      when: when(entry.createdAt),
      adminName,
      action: entry.action,
      reason: entry.reason,
    })),
    packages: packages.map((p) => ({ value: p.id, label: name(p) })),
    roles: ROLES.filter((r) => r !== person.role),
  };
}

export const headers = () => ({ "Cache-Control": CACHE_CONTROL.private });

export const action = typedAction({
  guard: ({ request, params }) => guard(request, params.memberId),
  intents: ({ admin, memberId }) => ({
    suspend: intent(suspendSchema, async ({ reason }) => {
      await suspendPerson(db(), admin.id, memberId, reason);
      return { messageKey: "people:actions.suspend.done" };
    }),
    restore: intent(restoreSchema, async ({ reason }) => {
      await restorePerson(db(), admin.id, memberId, reason);
      return { messageKey: "people:actions.restore.done" };
    }),
    role: intent(roleSchema, async ({ role, reason }) => {
      await changeRole(db(), admin.id, memberId, role, reason);
      return { messageKey: "people:actions.role.done" };
    }),
    "sign-out": intent(signOutSchema, async ({ reason }) => {
      await signOutEverywhere(db(), admin.id, memberId, reason);
      return { messageKey: "people:actions.signOut.done" };
    }),
    comp: intent(compSchema, async (input) => {
      const { until } = await compMembership(db(), admin.id, { memberId, ...input });
      return { messageKey: "people:actions.comp.done", values: { date: formatDate(until, admin.locale, admin.timeZone) } };
    }),
  }),
});

const section = "rounded-lg border border-slate-200 bg-white p-4";

export default function AdminMember() {
  const { t } = useTranslation("people");
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { person } = data;
  return (
    <article className="space-y-6">
      <p>
        <Link to="/admin/members" className="text-sm text-emerald-800 underline">
          ← {t("person.back")}
        </Link>
      </p>
      <header>
        <h1 className="text-2xl font-bold">{person.displayName}</h1>
        <p className="text-slate-700">{person.email}</p>
        {person.suspendedAt ? (
          <p className="mt-1 font-semibold text-red-800">{t("person.suspendedSince", { date: person.suspendedAt })}</p>
        ) : null}
      </header>
      <SuccessMessage
        messageKey={actionData?.ok ? actionData.result.messageKey : null}
        values={actionData?.ok && "values" in actionData.result ? actionData.result.values : undefined}
      />

      <section aria-labelledby="account" className={section}>
        <h2 id="account" className="text-lg font-semibold">
          {t("person.account")}
        </h2>
        <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
          <dt className="text-slate-600">{t("person.role")}</dt>
          <dd>{t(`roles.${person.role}`)}</dd>
          <dt className="text-slate-600">{t("person.language")}</dt>
          <dd>{t(`common:languages.${person.locale}`)}</dd>
          <dt className="text-slate-600">{t("person.timeZone")}</dt>
          <dd>{person.timeZone}</dd>
          <dt className="text-slate-600">{t("person.currency")}</dt>
          <dd>{person.currency}</dd>
          <dt className="text-slate-600">{t("person.signedUp")}</dt>
          <dd>{person.createdAt}</dd>
          <dt className="text-slate-600">{t("person.sessions")}</dt>
          <dd>{t("person.sessionsValue", { count: person.liveSessions })}</dd>
        </dl>
      </section>

      <section aria-labelledby="subscriptions" className={section}>
        <h2 id="subscriptions" className="text-lg font-semibold">
          {t("person.subscriptions")}
        </h2>
        {data.subscriptions.length === 0 ? <p className="text-sm text-slate-700">{t("person.noSubscriptions")}</p> : null}
        <ul className="mt-2 space-y-1 text-sm">
          {data.subscriptions.map((s) => (
            <li key={s.id}>
              {t("person.subscriptionRow", {
                package: s.packageName,
                status: t(`billing:status.${s.status}`),
                until: s.until,
                provider: t(`provider.${s.provider}`),
              })}
            </li>
          ))}
        </ul>
        <h3 className="mt-4 font-semibold">{t("person.payments")}</h3>
        {data.payments.length === 0 ? <p className="text-sm text-slate-700">{t("person.noPayments")}</p> : null}
        <ul className="mt-1 space-y-1 text-sm">
          {data.payments.map((p) => (
            <li key={p.id}>
              {t("person.paymentRow", { date: p.date, amount: p.amount, status: t(`billing:history.invoiceStatus.${p.status}`) })}
              {p.refunded ? ` · ${t("person.refunded", { amount: p.refunded })}` : null}
            </li>
          ))}
        </ul>
        <p className="mt-2 text-sm">
          <Link to="/admin/billing" className="text-emerald-800 underline">
            {t("person.refundHint")}
          </Link>
        </p>
      </section>

      <section aria-labelledby="coaches" className={section}>
        <h2 id="coaches" className="text-lg font-semibold">
          {t("person.coaches")}
        </h2>
        {data.coaches.length === 0 ? <p className="text-sm text-slate-700">{t("person.noCoaches")}</p> : null}
        <ul className="mt-2 space-y-1 text-sm">
          {data.coaches.map((c) => (
            <li key={c.id}>
              {t("person.coachRow", {
                coach: c.coach,
                from: c.from,
                to: c.to ?? t("person.now"),
                status: t(`coaching:assignmentStatus.${c.status}`),
              })}
            </li>
          ))}
        </ul>
        <p className="mt-2 text-sm">
          <Link to="/admin/coaches" className="text-emerald-800 underline">
            {t("person.coachHint")}
          </Link>
        </p>
        <h3 className="mt-4 font-semibold">{t("person.coachingSessions")}</h3>
        {data.sessions.length === 0 ? <p className="text-sm text-slate-700">{t("person.noSessions")}</p> : null}
        <ul className="mt-1 space-y-1 text-sm">
          {data.sessions.map((s) => (
            <li key={s.id}>{t("person.sessionRow", { date: s.date, coach: s.coach, status: t(`sessions:status.${s.status}`) })}</li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="consents" className={section}>
        <h2 id="consents" className="text-lg font-semibold">
          {t("person.consents")}
        </h2>
        {data.consents.length === 0 ? <p className="text-sm text-slate-700">{t("person.noConsents")}</p> : null}
        <ul className="mt-2 space-y-1 text-sm">
          {data.consents.map((c) => (
            <li key={`${c.version}-${c.granted}`}>
              {t("person.consentRow", { version: c.version, granted: c.granted })}
              {c.withdrawn ? ` · ${t("person.withdrawn", { date: c.withdrawn })}` : null}
            </li>
          ))}
        </ul>
      </section>

      {data.isSelf ? null : (
        <section aria-labelledby="actions" className={section}>
          <h2 id="actions" className="text-lg font-semibold">
            {t("person.actions")}
          </h2>
          <p className="text-sm text-slate-700">{t("person.actionsIntro")}</p>
          <div className="mt-4 grid gap-8 md:grid-cols-2">
            {person.suspendedAt ? (
              <ReasonForm
                intentName="restore"
                schema={restoreSchema}
                title={t("actions.restore.title")}
                submit={t("actions.restore.submit")}
              />
            ) : (
              <ReasonForm
                intentName="suspend"
                schema={suspendSchema}
                title={t("actions.suspend.title")}
                submit={t("actions.suspend.submit")}
                danger
              />
            )}
            <ReasonForm
              intentName="sign-out"
              schema={signOutSchema}
              title={t("actions.signOut.title")}
              submit={t("actions.signOut.submit")}
            />
            <RoleForm roles={data.roles} />
            {data.packages.length > 0 ? <CompForm packages={data.packages} /> : null}
          </div>
        </section>
      )}

      <section aria-labelledby="audit" className={section}>
        <h2 id="audit" className="text-lg font-semibold">
          {t("person.audit")}
        </h2>
        {data.audit.length === 0 ? <p className="text-sm text-slate-700">{t("person.noAudit")}</p> : null}
        <ol className="mt-2 space-y-1 text-sm">
          {data.audit.map((a) => (
            <li key={a.id}>
              {a.when} · {a.adminName ?? t("audit.unknownAdmin")} · <code>{a.action}</code>
              {a.reason ? <span className="text-slate-700"> · {a.reason}</span> : null}
            </li>
          ))}
        </ol>
        <p className="mt-2 text-sm">
          <Link to={`/admin/audit?target=${person.id}`} className="text-emerald-800 underline">
            {t("common:admin.audit")}
          </Link>
        </p>
      </section>
    </article>
  );
}

function ReasonForm({
  intentName,
  schema,
  title,
  submit,
  danger = false,
}: {
  intentName: "suspend" | "restore" | "sign-out";
  schema: z.ZodTypeAny;
  title: string;
  submit: string;
  danger?: boolean;
}) {
  const { t } = useTranslation("people");
  const [form, fields] = useIntentForm({ answer: useActionData<typeof action>(), intent: intentName, schema });
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-3">
      <h3 className="font-semibold">{title}</h3>
      <TextareaField field={fields.reason!} label={t("person.reason")} rows={2} />
      <FormErrors id={form.errorId} errors={form.errors} />
      <IntentButton intent={intentName} variant={danger ? "danger" : "secondary"}>
        {submit}
      </IntentButton>
    </Form>
  );
}

function RoleForm({ roles }: { roles: readonly string[] }) {
  const { t } = useTranslation("people");
  const [form, fields] = useIntentForm({ answer: useActionData<typeof action>(), intent: "role", schema: roleSchema });
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-3">
      <h3 className="font-semibold">{t("actions.role.title")}</h3>
      <SelectField field={fields.role} label={t("actions.role.label")} options={roles.map((r) => ({ value: r, label: t(`roles.${r}`) }))} />
      <TextareaField field={fields.reason} label={t("person.reason")} rows={2} />
      <FormErrors id={form.errorId} errors={form.errors} />
      <IntentButton intent="role" variant="secondary">
        {t("actions.role.submit")}
      </IntentButton>
    </Form>
  );
}

function CompForm({ packages }: { packages: { value: string; label: string }[] }) {
  const { t } = useTranslation("people");
  const [form, fields] = useIntentForm({
    answer: useActionData<typeof action>(),
    intent: "comp",
    schema: compSchema,
    defaultValue: { packageId: packages[0]?.value, months: "1" },
  });
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-3">
      <h3 className="font-semibold">{t("actions.comp.title")}</h3>
      <p className="text-sm text-slate-700">{t("actions.comp.hint")}</p>
      <SelectField field={fields.packageId} label={t("actions.comp.package")} options={packages} />
      <Field field={fields.months} type="number" min={1} max={12} label={t("actions.comp.months")} />
      <TextareaField field={fields.reason} label={t("person.reason")} rows={2} />
      <FormErrors id={form.errorId} errors={form.errors} />
      <IntentButton intent="comp">{t("actions.comp.submit")}</IntentButton>
    </Form>
  );
}
