import { type ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { formatDateTime } from "~/lib/format";
import { intent, typedAction } from "~/lib/typed-action";
import { db } from "#db/client.server";
import { requireMemberDay } from "~/modules/identity/auth.server";
import { getNotificationSettings } from "~/modules/notifications/settings.server";
import {
  pushSubscriptionCount,
  pushSubscriptionSchema,
  removePushSubscription,
  savePushSubscription,
  sendPush,
  vapidKeys,
} from "~/modules/notifications/push.server";
import { getFixedT } from "~/lib/i18n.server";

/** The server's VAPID public key, for the browser's pushManager.subscribe. */
export async function loader() {
  const { publicKey } = await vapidKeys(db());
  return Response.json({ publicKey }, { headers: { "Cache-Control": "private, no-store" } });
}

// A resource route answers with a plain JSON Response, so the status of a refused input reaches the browser.
/** This browser's Web Push subscription: subscribe, unsubscribe, and a test notification that respects quiet hours. */
const pushAction = typedAction({
  guard: ({ request }) => requireMemberDay(request),
  intents: ({ user, locale }) => ({
    subscribe: intent(pushSubscriptionSchema, async (input) => {
      await savePushSubscription(db(), user.id, input);
      return { messageKey: null, devices: await pushSubscriptionCount(db(), user.id) };
    }),
    unsubscribe: intent(z.object({ endpoint: z.string().min(1).max(2000) }), async ({ endpoint }) => {
      await removePushSubscription(db(), user.id, endpoint);
      return { messageKey: null, devices: await pushSubscriptionCount(db(), user.id) };
    }),
    "send-test": intent(z.object({}), async () => {
      const { preferences } = await getNotificationSettings(db(), user.id);
      const t = getFixedT(locale);
      const outcome = await sendPush(
        db(),
        { id: user.id, locale, timeZone: user.timeZone, quietHours: preferences.quietHours },
        {
          title: t("notifications:push.testTitle"),
          details: t("notifications:push.testBody"),
          href: "/app/notifications/preferences",
          tag: "test",
        },
        { now: new Date() },
      );
      if (outcome.heldUntil)
        return {
          messageKey: "notifications:push.heldForQuietHours",
          values: { time: formatDateTime(outcome.heldUntil, locale, user.timeZone) },
          ...outcome,
        };
      if (outcome.sent === 0) return { messageKey: "notifications:push.noDevices", values: {}, ...outcome };
      return { messageKey: "notifications:push.testSent", values: { count: outcome.sent }, ...outcome };
    }),
  }),
});

export async function action(args: ActionFunctionArgs) {
  const answer = await pushAction(args);
  return Response.json(answer.data, { status: answer.init?.status ?? 200, headers: { "Cache-Control": "private, no-store" } });
}
