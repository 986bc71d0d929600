import { redirect } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { users } from "#db/schema";
import { db } from "#db/client.server";
import { safeRedirectPath } from "~/lib/http";
import { localeCookie } from "~/lib/i18n";
import { intent, typedAction } from "~/lib/typed-action";
import { locale } from "~/modules/identity/account";
import { getOptionalUser } from "~/modules/identity/auth.server";

/** Switches language: remembered in a cookie, and on the account when signed in. Anyone may switch. */
export const action = typedAction({
  guard: ({ request }) => getOptionalUser(request),
  intents: (user) => ({
    "switch-language": intent(z.object({ locale, redirectTo: z.string().optional() }), async (input) => {
      if (user) await db().update(users).set({ locale: input.locale, updatedAt: new Date() }).where(eq(users.id, user.id));
      return redirect(safeRedirectPath(input.redirectTo, "/"), { headers: { "Set-Cookie": localeCookie(input.locale) } });
    }),
  }),
});

export async function loader() {
  return redirect("/");
}
