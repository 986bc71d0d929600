import { redirect } from "@remix-run/node";
import { z } from "zod";
import { db } from "#db/client.server";
import { safeRedirectPath } from "~/lib/http";
import { localeCookie } from "~/lib/i18n";
import { intent, typedAction } from "~/lib/typed-action";
import { localeFromContentPath, switchContentPath } from "~/modules/content/paths";
import { locale } from "~/modules/identity/account";
import { getOptionalUser } from "~/modules/identity/auth.server";
import { setPreferredLocale } from "~/modules/identity/profile.server";

/** Switches language: remembered in a cookie, and on the account when signed in. Anyone may switch. */
/** The language switch fails with account and sign-in messages (an unknown language). */
export const handle = { i18n: ["account", "auth"] };

export const action = typedAction({
  guard: ({ request }) => getOptionalUser(request),
  intents: (user) => ({
    "switch-language": intent(z.object({ locale, redirectTo: z.string().optional() }), async (input) => {
      if (user) await setPreferredLocale(db(), user.id, input.locale);
      const to = safeRedirectPath(input.redirectTo, "/");
      // A public content URL names its language: switching goes to the same page in the other language.
      return redirect(localeFromContentPath(new URL(to, "http://x").pathname) ? switchContentPath(to, input.locale) : to, {
        headers: { "Set-Cookie": localeCookie(input.locale) },
      });
    }),
  }),
});

export async function loader() {
  return redirect("/");
}
