import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { db } from "#db/client.server";
import { clearSessionCookie, revokeSession, sessionIdOf } from "~/modules/identity/session.server";

export async function loader() {
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  const sessionId = await sessionIdOf(request);
  if (sessionId) await revokeSession(db(), sessionId);
  return redirect("/", { headers: { "Set-Cookie": await clearSessionCookie() } });
}
