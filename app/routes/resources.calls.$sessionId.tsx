import { type ActionFunctionArgs } from "@remix-run/node";
import { db } from "#db/client.server";
import { DomainError } from "~/lib/domain-error";
import { orErrorPage, readJsonBody } from "~/lib/http";
import { getFixedT } from "~/lib/i18n.server";
import { resolveLocale } from "~/lib/i18n";
import { requireEntitlement } from "~/modules/billing/entitlements.server";
import { callSignalSchema, MAX_SIGNAL_BYTES } from "~/modules/sessions/call";
import { callAccess, sendCallSignal } from "~/modules/sessions/call.server";

/**
 * Call signalling (POST JSON: offer, answer, candidate, join, bye) for the other participant, who
 * gets it on their live stream from whichever process holds it. Only the session's two
 * participants, only while the call is open: anyone else, or outside the window, is a 404 before
 * the body is read. Too large is a 413, anything not a valid message a 400, each with a reason.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const { user } = await requireEntitlement(request, "video-sessions");
  const call = await orErrorPage(callAccess(db(), user.id, params.sessionId ?? "", new Date(), { open: true }));
  const t = getFixedT(resolveLocale(request, user.locale));
  let body: unknown;
  try {
    body = await readJsonBody(request, MAX_SIGNAL_BYTES);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return Response.json({ ok: false as const, error: t(error.message, error.options.values) }, { status: error.status });
  }
  const parsed = callSignalSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return Response.json(
      { ok: false as const, error: t("call:errors.badSignal", { path: issue?.path.join(".") || "kind", reason: issue?.message ?? "" }) },
      { status: 400 },
    );
  }
  await sendCallSignal(db(), call, parsed.data);
  return Response.json({ ok: true as const }, { status: 202 });
}

export function loader() {
  throw new Response("Not found", { status: 404 });
}
