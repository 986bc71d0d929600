import { getFormProps } from "@conform-to/react";
import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FormErrors } from "~/components/ui/field";
import { IntentButton, useIntentForm } from "~/components/ui/form";
import { DomainError } from "~/lib/domain-error";
import { headersWithRetryAfter } from "~/lib/http";
import { hitRateLimit } from "~/lib/rate-limit.server";
import { clientIpOf } from "~/lib/request.server";
import { anyone, intent, typedAction } from "~/lib/typed-action";
import { db } from "#db/client.server";
import { resetPasswordSchema, resetWithCodeSchema } from "~/modules/identity/account";
import { passwordResetProof, resetPassword } from "~/modules/identity/auth.server";

export const handle = { i18n: ["account", "auth"] };

export const meta: MetaFunction = () => [{ title: "Choose a new password · QuitPath" }, { name: "referrer", content: "no-referrer" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  return { token: params.get("token") ?? "", email: params.get("email") ?? "", proof: await passwordResetProof() };
}

export const headers = headersWithRetryAfter;

export const action = typedAction({
  guard: anyone,
  intents: {
    "reset-password": intent(resetPasswordSchema, async ({ token, password }, { request }) => {
      // Each try may cost an argon2 hash: a public form, limited per address like the others.
      const [byIp] = await hitRateLimit(db(), [`reset-link:ip:${clientIpOf(request)}`], { limit: 10, windowSeconds: 900 });
      if (byIp!.limited)
        throw new DomainError("rate-limited", "auth:errors.tooManyAttempts", { retryAfterSeconds: byIp!.retryAfterSeconds });
      await resetPassword(db(), { token }, password);
      return redirect("/login?reset=done");
    }),
    "reset-with-code": intent(resetWithCodeSchema, async ({ email, code, password }, { request }) => {
      // A six-digit code is guessable without a limit on tries.
      const [byIp, byAccount] = await hitRateLimit(db(), [`reset-code:ip:${clientIpOf(request)}`, `reset-code:account:${email}`], {
        limit: 10,
        windowSeconds: 900,
      });
      if (byIp!.limited || byAccount!.limited)
        throw new DomainError("rate-limited", "auth:errors.tooManyAttempts", { retryAfterSeconds: byIp!.retryAfterSeconds });
      await resetPassword(db(), { email, code }, password);
      return redirect("/login?reset=done");
    }),
  },
});

export default function ResetPasswordPage() {
  const { proof } = useLoaderData<typeof loader>();
  return proof === "code" ? <ResetWithCode /> : <ResetWithLink />;
}

function ResetWithLink() {
  const { t } = useTranslation("auth");
  const { token } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useIntentForm({
    answer: actionData,
    intent: "reset-password",
    schema: resetPasswordSchema,
    defaultValue: { token },
  });
  return (
    <>
      <h1 className="text-2xl font-bold">{t("reset.title")}</h1>
      <Form method="post" {...getFormProps(form)} className="mt-6 space-y-4">
        <input type="hidden" name={fields.token.name} value={token} />
        <Field
          label={t("fields.password")}
          hint={t("fields.passwordHint")}
          field={fields.password}
          type="password"
          autoComplete="new-password"
          required
          minLength={8}
        />
        <FormErrors id={form.errorId} errors={[...(fields.token.errors ? ["auth:errors.resetLinkInvalid"] : []), ...(form.errors ?? [])]} />
        <IntentButton intent="reset-password" className="w-full">
          {t("reset.submit")}
        </IntentButton>
      </Form>
    </>
  );
}

/** The provider emailed a code (Cognito): the email, that code and the new password. */
function ResetWithCode() {
  const { t } = useTranslation("auth");
  const { email } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useIntentForm({
    answer: actionData,
    intent: "reset-with-code",
    schema: resetWithCodeSchema,
    defaultValue: { email },
  });
  return (
    <>
      <h1 className="text-2xl font-bold">{t("reset.title")}</h1>
      <p className="mt-1 text-slate-700">{t("reset.codeIntro")}</p>
      <Form method="post" {...getFormProps(form)} className="mt-6 space-y-4">
        <Field label={t("fields.email")} field={fields.email} type="email" autoComplete="email" required />
        <Field label={t("fields.code")} field={fields.code} inputMode="numeric" autoComplete="one-time-code" required />
        <Field
          label={t("fields.password")}
          hint={t("fields.passwordHint")}
          field={fields.password}
          type="password"
          autoComplete="new-password"
          required
          minLength={8}
        />
        <FormErrors id={form.errorId} errors={form.errors} />
        <IntentButton intent="reset-with-code" className="w-full">
          {t("reset.submit")}
        </IntentButton>
      </Form>
    </>
  );
}
