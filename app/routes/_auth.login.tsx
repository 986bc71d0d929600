import { getFormProps } from "@conform-to/react";
import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FormErrors } from "~/components/ui/field";
import { IntentButton, useIntentForm } from "~/components/ui/form";
import { Honeypot } from "~/components/ui/honeypot";
import { headersWithRetryAfter, safeRedirectPath } from "~/lib/http";
import { anyone, intent, typedAction } from "~/lib/typed-action";
import { db } from "#db/client.server";
import { signInSchema } from "~/modules/identity/account";
import { getOptionalUser, signIn } from "~/modules/identity/auth.server";

export const handle = { i18n: ["account", "auth"] };

export const meta: MetaFunction = () => [{ title: "Sign in · QuitPath" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  if (user) throw redirect(safeRedirectPath(new URL(request.url).searchParams.get("redirectTo"), "/app"));
  return null;
}

export const headers = headersWithRetryAfter;

export const action = typedAction({
  guard: anyone,
  intents: {
    "sign-in": intent(
      signInSchema,
      async (input, { request }) => {
        const { setCookie } = await signIn(db(), request);
        return redirect(safeRedirectPath(input.redirectTo, "/app"), { headers: { "Set-Cookie": setCookie } });
      },
      { honeypot: true },
    ),
  },
});

export default function LoginPage() {
  const { t } = useTranslation("auth");
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const [form, fields] = useIntentForm({ answer: actionData, intent: "sign-in", schema: signInSchema });
  return (
    <>
      <h1 className="text-2xl font-bold">{t("signIn.title")}</h1>
      <Form method="post" {...getFormProps(form)} className="mt-6 space-y-4">
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
        <Honeypot />
        <Field label={t("fields.email")} field={fields.email} type="email" autoComplete="email" required />
        <Field label={t("fields.password")} field={fields.password} type="password" autoComplete="current-password" required />
        <FormErrors id={form.errorId} errors={form.errors} />
        <IntentButton intent="sign-in" className="w-full">
          {t("signIn.submit")}
        </IntentButton>
      </Form>
      <div className="mt-6 space-y-2 text-sm">
        <p>
          <Link to="/forgot-password" className="text-emerald-800 underline">
            {t("signIn.forgot")}
          </Link>
        </p>
        <p>
          {t("signIn.noAccount")}{" "}
          <Link
            to={`/signup${searchParams.get("redirectTo") ? `?redirectTo=${encodeURIComponent(searchParams.get("redirectTo")!)}` : ""}`}
            className="text-emerald-800 underline"
          >
            {t("signIn.createAccount")}
          </Link>
        </p>
      </div>
    </>
  );
}
