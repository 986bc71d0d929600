import { getFormProps } from "@conform-to/react";
import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { CheckboxField, Field, FormErrors, SelectField } from "~/components/ui/field";
import { IntentButton, useIntentForm } from "~/components/ui/form";
import { Honeypot } from "~/components/ui/honeypot";
import { DomainError } from "~/lib/domain-error";
import { headersWithRetryAfter, safeRedirectPath } from "~/lib/http";
import { hitRateLimit } from "~/lib/rate-limit.server";
import { clientIpOf } from "~/lib/request.server";
import { resolveLocale, supportedLocales } from "~/lib/i18n";
import { anyone, intent, typedAction } from "~/lib/typed-action";
import { db } from "#db/client.server";
import { acceptDocuments, currentDocumentVersions } from "~/modules/content/acceptance.server";
import { CONTENT_LOCALE_PREFIX } from "~/modules/content/paths";
import { signUpSchema, timeZoneOptions } from "~/modules/identity/account";
import { getOptionalUser, SIGN_UPS_PER_ADDRESS, signUp } from "~/modules/identity/auth.server";

export const handle = { i18n: ["account", "auth"] };

export const meta: MetaFunction = () => [{ title: "Create your account · QuitPath" }];

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getOptionalUser(request)) throw redirect("/app");
  return { locale: resolveLocale(request), timeZones: timeZoneOptions(), versions: await currentDocumentVersions(db()) };
}

export const headers = headersWithRetryAfter;

export const action = typedAction({
  guard: anyone,
  intents: {
    "sign-up": intent(
      signUpSchema,
      async (input, { request }) => {
        const [byIp] = await hitRateLimit(db(), [`sign-up:ip:${clientIpOf(request)}`], SIGN_UPS_PER_ADDRESS);
        if (byIp!.limited)
          throw new DomainError("rate-limited", "auth:errors.tooManyAttempts", { retryAfterSeconds: byIp!.retryAfterSeconds });
        // The account and its acceptance of the versions the form showed are one write: neither exists without the other.
        const signedUp = await signUp(db(), input, request.headers.get("User-Agent"), (tx, user) =>
          acceptDocuments(
            tx,
            user.id,
            { terms: input.termsVersion ?? null, privacy: input.privacyVersion ?? null },
            { everyCurrent: true },
          ),
        );
        // The provider emailed a code (Cognito): confirm it, then sign in.
        if (signedUp.next !== "signed-in")
          return redirect(
            signedUp.next === "confirm-email" ? `/confirm-email?${new URLSearchParams({ email: input.email })}` : "/login?confirmed=1",
          );
        return redirect(safeRedirectPath(input.redirectTo, "/app"), { headers: { "Set-Cookie": signedUp.setCookie } });
      },
      { honeypot: true },
    ),
  },
});

export default function SignUpPage() {
  const { t } = useTranslation("auth");
  const { locale, timeZones, versions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  // Without JavaScript the default is Vietnam's zone for Vietnamese speakers; with it, the browser's own.
  const [timeZone, setTimeZone] = useState(locale === "vi" ? "Asia/Ho_Chi_Minh" : "UTC");
  useEffect(() => {
    const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    setTimeZone(browserZone === "Asia/Saigon" ? "Asia/Ho_Chi_Minh" : browserZone);
  }, []);
  const [form, fields] = useIntentForm({ answer: actionData, intent: "sign-up", schema: signUpSchema, defaultValue: { locale } });
  return (
    <>
      <h1 className="text-2xl font-bold">{t("signUp.title")}</h1>
      <p className="mt-1 text-slate-700">{t("signUp.intro")}</p>
      <Form method="post" {...getFormProps(form)} className="mt-6 space-y-4">
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
        <Honeypot />
        <Field
          label={t("fields.displayName")}
          hint={t("fields.displayNameHint")}
          field={fields.displayName}
          autoComplete="nickname"
          required
        />
        <Field label={t("fields.email")} field={fields.email} type="email" autoComplete="email" required />
        <Field
          label={t("fields.password")}
          hint={t("fields.passwordHint")}
          field={fields.password}
          type="password"
          autoComplete="new-password"
          required
          minLength={8}
        />
        <SelectField
          label={t("fields.locale")}
          field={fields.locale}
          options={supportedLocales.map((lng) => ({ value: lng, label: t(`common:languages.${lng}`) }))}
        />
        <SelectField
          label={t("fields.timeZone")}
          field={fields.timeZone}
          options={timeZones.map((zone) => ({ value: zone, label: zone.replaceAll("_", " ") }))}
          defaultValue={undefined}
          value={timeZones.includes(timeZone) ? timeZone : "UTC"}
          onChange={(event) => setTimeZone(event.target.value)}
        />
        {versions.terms ? <input type="hidden" name="termsVersion" value={versions.terms} /> : null}
        {versions.privacy ? <input type="hidden" name="privacyVersion" value={versions.privacy} /> : null}
        <CheckboxField
          field={fields.acceptTerms}
          required
          label={
            <>
              {t("signUp.accept.lead")}{" "}
              <a href={`${CONTENT_LOCALE_PREFIX[locale]}/terms`} target="_blank" rel="noopener" className="text-emerald-800 underline">
                {t("signUp.accept.terms")}
              </a>{" "}
              {t("signUp.accept.and")}{" "}
              <a href={`${CONTENT_LOCALE_PREFIX[locale]}/privacy`} target="_blank" rel="noopener" className="text-emerald-800 underline">
                {t("signUp.accept.privacy")}
              </a>
              {t("signUp.accept.end")}
            </>
          }
        />
        <FormErrors id={form.errorId} errors={form.errors} />
        <IntentButton intent="sign-up" className="w-full">
          {t("signUp.submit")}
        </IntentButton>
      </Form>
      <p className="mt-6 text-sm">
        {t("signUp.haveAccount")}{" "}
        <Link to="/login" className="text-emerald-800 underline">
          {t("signIn.submit")}
        </Link>
      </p>
    </>
  );
}
