import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { db } from "#db/client.server";
import { signOut } from "~/modules/identity/auth.server";
import { clearSessionCookie } from "~/modules/identity/session.server";

export async function loader() {
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  await signOut(db(), request);
  // The browser forgets its saved member pages too (the service worker also drops them when it sees this post).
  return redirect("/", { headers: { "Set-Cookie": await clearSessionCookie(), "Clear-Site-Data": '"cache"' } });
}
