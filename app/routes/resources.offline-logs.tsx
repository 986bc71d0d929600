import { type ActionFunctionArgs } from "@remix-run/node";
import { getFixedT } from "~/lib/i18n.server";
import { intent, typedAction } from "~/lib/typed-action";
import { db } from "#db/client.server";
import { requireMemberDay } from "~/modules/identity/auth.server";
import { checkIn, logCigarettes, logCraving } from "~/modules/journey/logs.server";
import { offlineLogSchemas, refusalKeys } from "~/modules/phone-app/offline-logs";

const sendQueuedLog = typedAction({
  guard: async ({ request }) => requireMemberDay(request),
  intents: ({ user, today }) => {
    const schemas = offlineLogSchemas(today);
    return {
      "check-in": intent(schemas["check-in"], async ({ date }) => {
        await checkIn(db(), user.id, date);
        return { saved: true };
      }),
      "log-cigarette": intent(schemas["log-cigarette"], async (input) => {
        await logCigarettes(db(), user.id, input, today);
        return { saved: true };
      }),
      "log-craving": intent(schemas["log-craving"], async (input) => {
        await logCraving(db(), user.id, input);
        return { saved: true };
      }),
    };
  },
});

/** Where a phone sends the logs it queued offline: "saved" (also for a repeat of one already stored) or "rejected" with the reasons in the member's words. */
export async function action(args: ActionFunctionArgs) {
  const { locale } = await requireMemberDay(args.request);
  const answer = await sendQueuedLog(args);
  const t = getFixedT(locale);
  const body = answer.data.ok
    ? { status: "saved" as const }
    : { status: "rejected" as const, reasons: refusalKeys(answer.data.submission.error).map((key) => t(key)) };
  return Response.json(body, { status: answer.init?.status ?? 200, headers: { "Cache-Control": "private, no-store" } });
}
