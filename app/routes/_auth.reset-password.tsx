import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { StatusButton } from "~/components/ui/button";
import { ErrorList, Field } from "~/components/ui/field";
import { useIsSubmitting } from "~/components/ui/form-status";
import { intent, typedAction } from "~/lib/typed-action";
import { db } from "#db/client.server";
import { resetPasswordSchema } from "~/modules/identity/account";
import { resetPassword } from "~/modules/identity/password-reset.server";

export const handle = { i18n: ["account", "auth"] };

export const meta: MetaFunction = () => [{ title: "Choose a new password · QuitPath" }, { name: "referrer", content: "no-referrer" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return { token: new URL(request.url).searchParams.get("token") ?? "" };
}

export const action = typedAction({
  "reset-password": intent(resetPasswordSchema, async ({ token, password }) => {
    await resetPassword(db(), token, password);
    return redirect("/login?reset=done");
  }),
});

export default function ResetPasswordPage() {
  const { t } = useTranslation("auth");
  const { token } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "reset-password",
    lastResult: actionData?.ok === false ? actionData.submission : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: resetPasswordSchema }),
    shouldValidate: "onBlur",
  });
  const pending = useIsSubmitting("reset-password");
  return (
    <>
      <h1 className="text-2xl font-bold">{t("reset.title")}</h1>
      <Form method="post" {...getFormProps(form)} className="mt-6 space-y-4">
        <input type="hidden" name="token" value={token} />
        <Field
          label={t("fields.password")}
          hint={t("fields.passwordHint")}
          field={fields.password}
          type="password"
          autoComplete="new-password"
          required
          minLength={8}
        />
        <ErrorList errors={fields.token.errors ? ["auth:errors.resetLinkInvalid"] : null} />
        <ErrorList id={form.errorId} errors={form.errors} />
        <StatusButton name="intent" value="reset-password" pending={pending} className="w-full">
          {t("reset.submit")}
        </StatusButton>
      </Form>
    </>
  );
}
