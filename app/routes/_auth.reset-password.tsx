import { getFormProps } from "@conform-to/react";
import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FormErrors } from "~/components/ui/field";
import { IntentButton, useIntentForm } from "~/components/ui/form";
import { anyone, intent, typedAction } from "~/lib/typed-action";
import { db } from "#db/client.server";
import { resetPasswordSchema } from "~/modules/identity/account";
import { resetPassword } from "~/modules/identity/password-reset.server";

export const handle = { i18n: ["account", "auth"] };

export const meta: MetaFunction = () => [{ title: "Choose a new password · QuitPath" }, { name: "referrer", content: "no-referrer" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return { token: new URL(request.url).searchParams.get("token") ?? "" };
}

export const action = typedAction({
  guard: anyone,
  intents: {
    "reset-password": intent(resetPasswordSchema, async ({ token, password }) => {
      await resetPassword(db(), token, password);
      return redirect("/login?reset=done");
    }),
  },
});

export default function ResetPasswordPage() {
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
