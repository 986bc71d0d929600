import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { CaseloadQueue } from "~/components/billing/caseload-queue";
import { db } from "#db/client.server";
import { formatDateTime } from "~/lib/format";
import { resolveLocale } from "~/lib/i18n";
import { intent, typedAction } from "~/lib/typed-action";
import { acceptCoachRequest, caseloadQueue } from "~/modules/billing/billing.server";
import { requireRole } from "~/modules/identity/auth.server";

export const handle = { i18n: ["billing"] };

export const meta: MetaFunction = () => [{ title: "Coach workspace · QuitPath" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const coach = await requireRole(request, "coach");
  const locale = resolveLocale(request, coach.locale);
  const queue = await caseloadQueue(db(), coach.id);
  const view = (rows: typeof queue.waiting) =>
    rows.map(({ request: r, memberName }) => ({
      id: r.id,
      memberName,
      note: r.note,
      preferredLanguage: r.preferredLanguage,
      createdAt: formatDateTime(r.createdAt, locale, coach.timeZone),
    }));
  return { caseload: { waiting: view(queue.waiting), mine: view(queue.mine) } };
}

export const action = typedAction({
  guard: ({ request }) => requireRole(request, "coach"),
  intents: (coach) => ({
    "accept-request": intent(z.object({ requestId: z.string().uuid() }), async ({ requestId }) => {
      await acceptCoachRequest(db(), coach.id, requestId);
      return { accepted: requestId };
    }),
  }),
});

export default function CoachHome() {
  const { t } = useTranslation();
  const { caseload } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <section>
      <h1 className="text-2xl font-bold">{t("coach.title")}</h1>
      <p className="mt-2 text-slate-700">{t("coach.intro")}</p>
      <CaseloadQueue waiting={caseload.waiting} mine={caseload.mine} answer={actionData} />
    </section>
  );
}
