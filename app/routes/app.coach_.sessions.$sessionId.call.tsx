import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { UpgradeRequiredBoundary } from "~/components/billing/upgrade-required";
import { CallPage } from "~/components/sessions/call-page";
import { db } from "#db/client.server";
import { orErrorPage } from "~/lib/http";
import { resolveLocale } from "~/lib/i18n";
import { requireEntitlement } from "~/modules/billing/entitlements.server";
import { callAccess } from "~/modules/sessions/call.server";
import { callPage } from "~/modules/sessions/call-page.server";

export const handle = { i18n: ["call", "chat", "pricing"] };

export const meta: MetaFunction = () => [{ title: "Video session · QuitPath" }];

/** The member's side of the call: only the session's own member (anyone else's session is a 404). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requireEntitlement(request, "video-sessions");
  const locale = resolveLocale(request, user.locale);
  const now = new Date();
  const call = await orErrorPage(callAccess(db(), user.id, params.sessionId ?? "", now));
  if (call.role !== "member") throw new Response("Not found", { status: 404 }); // the coach's side is /coach/sessions/:id/call
  return {
    call: await callPage(db(), call, { locale, timeZone: user.timeZone }, new URL(request.url), now),
    locale,
    timeZone: user.timeZone,
  };
}

export const ErrorBoundary = UpgradeRequiredBoundary;

export default function MemberCallPage() {
  const { call, locale, timeZone } = useLoaderData<typeof loader>();
  return (
    <CallPage data={call} backHref={`/app/coach/sessions/${call.sessionId}`} chatHref="/app/coach" locale={locale} timeZone={timeZone} />
  );
}
