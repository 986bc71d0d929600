import { type LoaderFunctionArgs } from "@remix-run/node";
import { db } from "#db/client.server";
import { DomainError } from "~/lib/domain-error";
import { SSE_HEADERS } from "~/lib/http";
import { getFixedT } from "~/lib/i18n.server";
import { resolveLocale } from "~/lib/i18n";
import { isUuid } from "~/lib/uuid";
import { isOwnAnswer, streamAnswer } from "~/modules/ai-coach/coach.server";
import { coachProvider } from "~/modules/ai-coach/providers.server";
import { requireEntitlement } from "~/modules/billing/entitlements.server";

/**
 * One AI coach answer written live (Server-Sent Events): `delta` pieces of text, `replace` when
 * the post-check swapped the answer for the safe fallback, then `done` with its status
 * (complete or interrupted). Someone else's answer is a 404; the member leaving cuts it off.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requireEntitlement(request, "ai-coach");
  // Someone else's answer is a 404 in the status line, before a stream opens.
  if (!isUuid(params.answerId) || !(await isOwnAnswer(db(), user.id, params.answerId))) throw new Response("Not found", { status: 404 });
  const answerId = params.answerId;
  const locale = resolveLocale(request, user.locale);
  const member = { id: user.id, locale, timeZone: user.timeZone, displayName: user.displayName };
  const encoder = new TextEncoder();
  const fallback = getFixedT(locale)("aiCoach:message.fallback") as string;
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      let open = true;
      const send = (type: string, data: unknown) => {
        if (!open) return;
        try {
          controller.enqueue(encoder.encode(`event: ${type}\ndata: ${JSON.stringify(data)}\n\n`));
        } catch {
          open = false;
        }
      };
      try {
        const result = await streamAnswer(
          db(),
          member,
          answerId,
          coachProvider(),
          fallback,
          { onText: (piece) => send("delta", piece), onReplace: (text) => send("replace", text) },
          request.signal,
        );
        send("done", { status: result.status });
      } catch (error) {
        send("done", { status: error instanceof DomainError && error.kind === "not-found" ? "not-found" : "interrupted" });
      } finally {
        open = false;
        try {
          controller.close();
        } catch {
          // the member already left
        }
      }
    },
  });
  return new Response(body, { headers: SSE_HEADERS });
}
