import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { db } from "#db/client.server";
import { safeRedirectPath } from "~/lib/http";
import { isLocale, localeCookie } from "~/lib/i18n";
import { getOptionalUser } from "~/modules/identity/auth.server";
import { setPreferredLocale } from "~/modules/identity/profile.server";

/** Switches language: remembered in a cookie, and on the account when signed in. */
export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const locale = form.get("locale");
  const to = safeRedirectPath(form.get("redirectTo"), "/");
  if (!isLocale(locale)) return redirect(to);
  const user = await getOptionalUser(request);
  if (user) await setPreferredLocale(db(), user.id, locale);
  return redirect(to, { headers: { "Set-Cookie": localeCookie(locale) } });
}

export async function loader() {
  return redirect("/");
}
