import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { db } from "#db/client.server";
import { clientIpOf } from "~/lib/request.server";
import { intent, typedAction } from "~/lib/typed-action";
import { recordArticleRead } from "~/modules/analytics/article-reads.server";
import { getOptionalUser } from "~/modules/identity/auth.server";

/** The article page's read beacon: counts a read (once per visitor, article and day) for the content report. */
export const handle = { i18n: [] };

const beacon = typedAction({
  guard: ({ request }) => getOptionalUser(request),
  intents: (user) => ({
    read: intent(z.object({ articleId: z.string().uuid() }), async (input, { request }) => ({
      read: await recordArticleRead(db(), {
        articleId: input.articleId,
        userId: user?.id ?? null,
        ip: clientIpOf(request),
        userAgent: request.headers.get("user-agent") ?? "",
        now: new Date(),
      }),
    })),
  }),
});

// A resource route answers with a plain Response: Remix keeps a data() status only for document routes.
export async function action(args: ActionFunctionArgs) {
  const answer = await beacon(args);
  return Response.json(answer.data, { status: answer.init?.status ?? 200, headers: answer.init?.headers });
}
