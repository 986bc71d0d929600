import { getFormProps } from "@conform-to/react";
import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { Field, FormErrors, SelectField } from "~/components/ui/field";
import { ButtonForm, IntentButton, openOnRequest, useIntentForm } from "~/components/ui/form";
import { SuccessMessage } from "~/components/ui/form-status";
import { formatDateTime } from "~/lib/format";
import { localeCookie, resolveLocale, supportedLocales } from "~/lib/i18n";
import { intent, typedAction } from "~/lib/typed-action";
import { db } from "#db/client.server";
import { CURRENCIES } from "~/lib/currencies";
import { changePasswordSchema, profileSchema, timeZoneOptions } from "~/modules/identity/account";
import { changePassword, requireUser, signOutOtherSessions, signOutSessionByHandle } from "~/modules/identity/auth.server";
import { describeDevice } from "~/modules/identity/device";
import { updateProfile } from "~/modules/identity/profile.server";
import { listSessions } from "~/modules/identity/session.server";
import { CoachSettings, HealthDataAccessLog } from "~/components/coaching/member-coaching";
import { currentCoachOf, healthDataAccessLog } from "~/modules/coaching/access.server";
import { coachMayEditPlanSchema } from "~/modules/coaching/forms";
import { setCoachMayEditPlan } from "~/modules/coaching/plan-proposals.server";
import { isUuid } from "~/lib/uuid";

export const handle = { i18n: ["account", "auth", "journey", "caseload"] };

export const meta: MetaFunction = () => [{ title: "Your account · QuitPath" }];

/** The profile and password forms open on request (a link, so it works without JavaScript); the page shows what is set. */
const EDITABLE = ["profile", "password"] as const;
type Editing = (typeof EDITABLE)[number] | null;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const url = new URL(request.url);
  const accessCursor = url.searchParams.get("access");
  const editing: Editing = EDITABLE.find((section) => section === url.searchParams.get("edit")) ?? null;
  const [sessions, coach, accessLog] = await Promise.all([
    listSessions(db(), user.id),
    currentCoachOf(db(), user.id),
    healthDataAccessLog(db(), user.id, isUuid(accessCursor) ? accessCursor : null),
  ]);
  return {
    coach,
    accessLog,
    accessPaged: isUuid(accessCursor),
    editing,
    profile: { displayName: user.displayName, locale: user.locale, currency: user.currency, timeZone: user.timeZone },
    locale: resolveLocale(request, user.locale),
    sessions: sessions.map((s) => ({
      handle: s.handle,
      device: describeDevice(s.userAgent),
      createdAt: s.createdAt.toISOString(),
      lastSeenAt: s.lastSeenAt.toISOString(),
      current: s.id === user.sessionId,
    })),
    // About 430 names: sent and rendered only while the profile form is open.
    timeZones: editing === "profile" ? timeZoneOptions() : null,
  };
}

export const action = typedAction({
  guard: ({ request }) => requireUser(request),
  intents: (user) => ({
    "update-profile": intent(profileSchema, async (input, { headers }) => {
      await updateProfile(db(), user.id, input);
      headers.append("Set-Cookie", localeCookie(input.locale));
      return { messageKey: "account:profile.saved" };
    }),
    "change-password": intent(changePasswordSchema, async (input) => {
      await changePassword(db(), user.id, input.currentPassword, input.newPassword);
      await signOutOtherSessions(db(), user.id, user.sessionId);
      return { messageKey: "account:password.changed" };
    }),
    "revoke-session": intent(z.object({ handle: z.string().length(12) }), async ({ handle }) => {
      await signOutSessionByHandle(db(), user.id, handle);
      return { messageKey: "common:saved" };
    }),
    "revoke-other-sessions": intent(z.object({}), async () => {
      const count = await signOutOtherSessions(db(), user.id, user.sessionId);
      return { messageKey: "account:sessions.revokedOthers", count };
    }),
    "coach-may-edit-plan": intent(coachMayEditPlanSchema, async ({ coachMayEditPlan }) => {
      await setCoachMayEditPlan(db(), user.id, coachMayEditPlan);
      return { messageKey: "caseload:settings.saved" };
    }),
  }),
});

export default function AccountPage() {
  const { t } = useTranslation("account");
  const { profile, sessions, locale, timeZones, coach, accessLog, accessPaged, editing } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const success = actionData?.ok ? actionData.result : null;
  const timeZone = profile.timeZone;
  const open = (section: NonNullable<Editing>) => openOnRequest(actionData, EDIT_INTENT[section], editing === section);

  return (
    <div className="space-y-10">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <SuccessMessage messageKey={success?.messageKey} values={success && "count" in success ? { count: success.count } : undefined} />

      <section aria-labelledby="profile-heading" className="rounded-xl border border-slate-200 bg-white p-6">
        <h2 id="profile-heading" className="text-lg font-semibold">
          {t("profile.title")}
        </h2>
        {open("profile") ? (
          <ProfileForm profile={profile} timeZones={timeZones ?? [profile.timeZone]} />
        ) : (
          <>
            <dl className="mt-4 grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
              <dt className="font-medium text-slate-700">{t("auth:fields.displayName")}</dt>
              <dd>{profile.displayName}</dd>
              <dt className="font-medium text-slate-700">{t("auth:fields.locale")}</dt>
              <dd>{t(`common:languages.${profile.locale}`, { defaultValue: profile.locale })}</dd>
              <dt className="font-medium text-slate-700">{t("fields.currency")}</dt>
              <dd>{profile.currency}</dd>
              <dt className="font-medium text-slate-700">{t("auth:fields.timeZone")}</dt>
              <dd>{profile.timeZone.replaceAll("_", " ")}</dd>
            </dl>
            <Link to="?edit=profile#profile-heading" className="mt-4 inline-block text-sm font-semibold text-emerald-800 underline">
              {t("profile.edit")}
            </Link>
          </>
        )}
      </section>

      <section aria-labelledby="password-heading" className="rounded-xl border border-slate-200 bg-white p-6">
        <h2 id="password-heading" className="text-lg font-semibold">
          {t("password.title")}
        </h2>
        {open("password") ? (
          <PasswordForm />
        ) : (
          <Link to="?edit=password#password-heading" className="mt-2 inline-block text-sm font-semibold text-emerald-800 underline">
            {t("password.open")}
          </Link>
        )}
      </section>

      <section aria-labelledby="sessions-heading" className="rounded-xl border border-slate-200 bg-white p-6">
        <h2 id="sessions-heading" className="text-lg font-semibold">
          {t("sessions.title")}
        </h2>
        <p className="text-sm text-slate-700">{t("sessions.intro")}</p>
        <ul className="mt-4 divide-y divide-slate-200">
          {sessions.map((session) => (
            <li key={session.handle} className="flex flex-wrap items-center justify-between gap-2 py-3">
              <div>
                <p className="font-medium">
                  {session.device ?? t("sessions.unknownDevice")}
                  {session.current ? (
                    <span className="ml-2 rounded bg-emerald-100 px-2 py-0.5 text-xs text-emerald-900">{t("sessions.current")}</span>
                  ) : null}
                </p>
                <p className="text-sm text-slate-700">
                  {t("sessions.lastSeen", { when: formatDateTime(session.lastSeenAt, locale, timeZone) })}
                </p>
              </div>
              {session.current ? null : (
                <ButtonForm answer={actionData} intent="revoke-session" values={{ handle: session.handle }} variant="secondary">
                  {t("sessions.revoke")}
                </ButtonForm>
              )}
            </li>
          ))}
        </ul>
        <ButtonForm answer={actionData} intent="revoke-other-sessions" variant="danger" formClassName="mt-4">
          {t("sessions.revokeOthers")}
        </ButtonForm>
      </section>

      {coach ? (
        <div className="rounded-xl border border-slate-200 bg-white p-6">
          <CoachSettings coach={coach} answer={actionData} />
        </div>
      ) : null}

      <section aria-labelledby="privacy-heading" className="rounded-xl border border-slate-200 bg-white p-6">
        <h2 id="privacy-heading" className="text-lg font-semibold">
          {t("privacyCentre.title")}
        </h2>
        <p className="text-sm text-slate-700">{t("privacyCentre.intro")}</p>
        <Link to="/app/privacy" className="mt-2 inline-block text-sm font-semibold text-emerald-800 underline">
          {t("privacyCentre.open")}
        </Link>
      </section>

      <div className="rounded-xl border border-slate-200 bg-white p-6">
        <HealthDataAccessLog log={accessLog} locale={locale} timeZone={timeZone} paged={accessPaged} />
      </div>

      <section aria-labelledby="health-consent-heading" className="rounded-xl border border-slate-200 bg-white p-6">
        <h2 id="health-consent-heading" className="text-lg font-semibold">
          {t("journey:consent.pageTitle")}
        </h2>
        <p className="text-sm text-slate-700">{t("journey:consent.withdrawExplained")}</p>
        <div className="mt-4 flex flex-wrap items-center gap-4">
          <ButtonForm answer={undefined} intent="withdraw-consent" action="/app/consent" variant="danger">
            {t("journey:consent.withdrawButton")}
          </ButtonForm>
          <Link to="/app/consent" className="text-sm font-semibold text-emerald-800 underline">
            {t("journey:consent.status")}
          </Link>
        </div>
      </section>
    </div>
  );
}

const EDIT_INTENT = { profile: "update-profile", password: "change-password" } as const;

/** The form posts to the page with the form open, so a refused post shows it again with the zones to choose from. */
function ProfileForm({
  profile,
  timeZones,
}: {
  profile: { displayName: string; locale: string; currency: string; timeZone: string };
  timeZones: readonly string[];
}) {
  const { t } = useTranslation("account");
  const [form, fields] = useIntentForm({
    answer: useActionData<typeof action>(),
    intent: "update-profile",
    schema: profileSchema,
    defaultValue: profile,
  });
  return (
    <Form method="post" action="?edit=profile" {...getFormProps(form)} className="mt-4 grid gap-4 sm:grid-cols-2">
      <Field label={t("auth:fields.displayName")} field={fields.displayName} required />
      <SelectField
        label={t("auth:fields.locale")}
        field={fields.locale}
        options={supportedLocales.map((l) => ({ value: l, label: t(`common:languages.${l}`) }))}
      />
      <SelectField label={t("fields.currency")} field={fields.currency} options={CURRENCIES.map((c) => ({ value: c, label: c }))} />
      <SelectField
        label={t("auth:fields.timeZone")}
        field={fields.timeZone}
        options={timeZones.map((z) => ({ value: z, label: z.replaceAll("_", " ") }))}
      />
      <FormErrors id={form.errorId} errors={form.errors} className="sm:col-span-2" />
      <div className="flex flex-wrap items-center gap-4 sm:col-span-2">
        <IntentButton intent="update-profile">{t("profile.submit")}</IntentButton>
        <Link to="." className="text-sm font-semibold text-emerald-800 underline">
          {t("common:actions.cancel")}
        </Link>
      </div>
    </Form>
  );
}

function PasswordForm() {
  const { t } = useTranslation("account");
  const [form, fields] = useIntentForm({ answer: useActionData<typeof action>(), intent: "change-password", schema: changePasswordSchema });
  return (
    <Form method="post" action="?edit=password" {...getFormProps(form)} className="mt-4 grid max-w-md gap-4">
      <Field label={t("fields.currentPassword")} field={fields.currentPassword} type="password" autoComplete="current-password" required />
      <Field
        label={t("fields.newPassword")}
        hint={t("auth:fields.passwordHint")}
        field={fields.newPassword}
        type="password"
        autoComplete="new-password"
        required
        minLength={8}
      />
      <FormErrors id={form.errorId} errors={form.errors} />
      <div className="flex flex-wrap items-center gap-4">
        <IntentButton intent="change-password">{t("password.submit")}</IntentButton>
        <Link to="." className="text-sm font-semibold text-emerald-800 underline">
          {t("common:actions.cancel")}
        </Link>
      </div>
    </Form>
  );
}
