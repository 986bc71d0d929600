import { getFormProps } from "@conform-to/react";
import { redirect, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FormErrors } from "~/components/ui/field";
import { IntentButton, useIntentForm } from "~/components/ui/form";
import { SuccessMessage } from "~/components/ui/form-status";
import { Honeypot } from "~/components/ui/honeypot";
import { DomainError } from "~/lib/domain-error";
import { headersWithRetryAfter } from "~/lib/http";
import { hitRateLimit } from "~/lib/rate-limit.server";
import { clientIpOf } from "~/lib/request.server";
import { anyone, intent, typedAction } from "~/lib/typed-action";
import { db } from "#db/client.server";
import { forgotPasswordSchema } from "~/modules/identity/account";
import { requestPasswordReset } from "~/modules/identity/auth.server";
import { textLinkClass } from "~/components/ui/button";

export const handle = { i18n: ["account", "auth"] };

export const meta: MetaFunction = () => [{ title: "Reset your password · QuitPath" }];

export const headers = headersWithRetryAfter;

export const action = typedAction({
  guard: anyone,
  intents: {
    "request-reset": intent(
      forgotPasswordSchema,
      async ({ email }, { request }) => {
        const [byIp, byAccount] = await hitRateLimit(db(), [`reset:ip:${clientIpOf(request)}`, `reset:account:${email}`], {
          limit: 5,
          windowSeconds: 900,
        });
        if (byIp!.limited || byAccount!.limited) {
          throw new DomainError("rate-limited", "auth:errors.tooManyAttempts", { retryAfterSeconds: byIp!.retryAfterSeconds });
        }
        // A provider that emails a code (Cognito) continues on the page that takes it, for any email alike.
        if ((await requestPasswordReset(db(), email)) === "code") return redirect(`/reset-password?${new URLSearchParams({ email })}`);
        // The same answer whether or not the account exists.
        return { messageKey: "auth:forgot.sent" };
      },
      { honeypot: true },
    ),
  },
});

export default function ForgotPasswordPage() {
  const { t } = useTranslation("auth");
  const actionData = useActionData<typeof action>();
  const [form, fields] = useIntentForm({ answer: actionData, intent: "request-reset", schema: forgotPasswordSchema });
  return (
    <>
      <h1 className="text-2xl font-bold">{t("forgot.title")}</h1>
      <p className="mt-1 text-slate-700">{t("forgot.intro")}</p>
      <div className="mt-4">
        <SuccessMessage messageKey={actionData?.ok ? actionData.result.messageKey : null} />
      </div>
      <Form method="post" {...getFormProps(form)} className="mt-6 space-y-4">
        <Honeypot />
        <Field label={t("fields.email")} field={fields.email} type="email" autoComplete="email" required />
        <FormErrors id={form.errorId} errors={form.errors} />
        <IntentButton intent="request-reset" className="w-full">
          {t("forgot.submit")}
        </IntentButton>
      </Form>
      <p className="mt-6 text-sm">
        <Link to="/login" className={`${textLinkClass} text-emerald-800 underline`}>
          {t("signIn.title")}
        </Link>
      </p>
    </>
  );
}
