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
import { cancelErasure } from "~/modules/privacy/erasure.server";
import { textLinkClass } from "~/components/ui/button";

export const handle = { i18n: ["account", "auth", "privacy"] };

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
        const { user, setCookie } = await signIn(db(), request);
        // Signing in during the grace period calls the deletion off, and the privacy page says so.
        const cancelled = await cancelErasure(db(), user.id);
        const to = cancelled ? "/app/privacy?erasure=cancelled" : safeRedirectPath(input.redirectTo, "/app");
        return redirect(to, { headers: { "Set-Cookie": setCookie } });
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
      <ErasureScheduled at={searchParams.get("erasure")} />
      {searchParams.get("confirmed") || searchParams.get("reset") ? (
        <p role="status" className="mt-4 rounded bg-emerald-50 p-3 text-sm text-emerald-900">
          {t(searchParams.get("confirmed") ? "confirm.done" : "reset.done")}
        </p>
      ) : null}
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
          <Link to="/forgot-password" className={`${textLinkClass} text-emerald-800 underline`}>
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

/** After "delete my account": when it happens, and that signing in calls it off. */
function ErasureScheduled({ at }: { at: string | null }) {
  const { t, i18n } = useTranslation("privacy");
  const date = at ? new Date(at) : null;
  if (!date || Number.isNaN(date.getTime())) return null;
  return (
    <p role="status" className="mt-4 rounded bg-amber-50 p-3 text-sm text-amber-900">
      {t("erasure.scheduled", { when: date.toLocaleDateString(i18n.language, { dateStyle: "long" }) })}
    </p>
  );
}
