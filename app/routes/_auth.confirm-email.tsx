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
import { confirmEmailSchema } from "~/modules/identity/account";
import { confirmSignUp } from "~/modules/identity/auth.server";

export const handle = { i18n: ["account", "auth"] };

export const meta: MetaFunction = () => [{ title: "Confirm your email · QuitPath" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return { email: new URL(request.url).searchParams.get("email") ?? "" };
}

export const headers = headersWithRetryAfter;

export const action = typedAction({
  guard: anyone,
  intents: {
    "confirm-email": intent(confirmEmailSchema, async ({ email, code }, { request }) => {
      // A six-digit code is guessable without a limit on tries.
      const [byIp, byAccount] = await hitRateLimit(db(), [`confirm:ip:${clientIpOf(request)}`, `confirm:account:${email}`], {
        limit: 10,
        windowSeconds: 900,
      });
      if (byIp!.limited || byAccount!.limited)
        throw new DomainError("rate-limited", "auth:errors.tooManyAttempts", { retryAfterSeconds: byIp!.retryAfterSeconds });
      await confirmSignUp(db(), email, code);
      return redirect("/login?confirmed=1");
    }),
  },
});

export default function ConfirmEmailPage() {
  const { t } = useTranslation("auth");
  const { email } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useIntentForm({
    answer: actionData,
    intent: "confirm-email",
    schema: confirmEmailSchema,
    defaultValue: { email },
  });
  return (
    <>
      <h1 className="text-2xl font-bold">{t("confirm.title")}</h1>
      <p className="mt-1 text-slate-700">{t("confirm.intro")}</p>
      <Form method="post" {...getFormProps(form)} className="mt-6 space-y-4">
        <Field label={t("fields.email")} field={fields.email} type="email" autoComplete="email" required />
        <Field label={t("fields.code")} field={fields.code} inputMode="numeric" autoComplete="one-time-code" required />
        <FormErrors id={form.errorId} errors={form.errors} />
        <IntentButton intent="confirm-email" className="w-full">
          {t("confirm.submit")}
        </IntentButton>
      </Form>
    </>
  );
}
