import { getFormProps } from "@conform-to/react";
import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { buttonClass } from "~/components/ui/button";
import { FormErrors, TextareaField } from "~/components/ui/field";
import { ButtonForm, IntentButton, useIntentForm } from "~/components/ui/form";
import { SuccessMessage } from "~/components/ui/form-status";
import { db } from "#db/client.server";
import { formatDateTime } from "~/lib/format";
import { CACHE_CONTROL } from "~/lib/cache-control";
import { resolveLocale } from "~/lib/i18n";
import { intent, typedAction } from "~/lib/typed-action";
import { z } from "zod";
import {
  assignEscalation,
  gatherEscalations,
  openEscalationCounts,
  openEscalations,
  resolveEscalation,
} from "~/modules/escalations/escalations.server";
import { resolveSchema, takeSchema } from "~/modules/escalations/forms";
import { ESCALATION_KINDS } from "~/modules/escalations/kinds";
import { requireRole } from "~/modules/identity/auth.server";

export const handle = { i18n: ["escalations"] };

export const meta: MetaFunction = () => [{ title: "Escalations · Administration · QuitPath" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const locale = resolveLocale(request, admin.locale);
  const url = new URL(request.url);
  // Unknown filter values show everything rather than failing: the filter is a convenience.
  const kind = ESCALATION_KINDS.find((k) => k === url.searchParams.get("kind")) ?? null;
  const mine = url.searchParams.get("mine") === "1";
  const [items, counts] = await Promise.all([openEscalations(db(), { kind, mine: mine ? admin.id : null }), openEscalationCounts(db())]);
  return {
    kind,
    mine,
    counts,
    total: Object.values(counts).reduce((a, b) => a + b, 0),
    items: items.map((item) => ({
      ...item,
      openedAt: formatDateTime(item.openedAt, locale, admin.timeZone),
      yours: item.assigneeId === admin.id,
    })),
  };
}

export const headers = () => ({ "Cache-Control": CACHE_CONTROL.private });

export const action = typedAction({
  guard: ({ request }) => requireRole(request, "admin"),
  intents: (admin) => ({
    gather: intent(z.object({}), async () => {
      const { opened, cleared } = await gatherEscalations(db());
      return { messageKey: "escalations:gatheredNow", values: { count: opened, cleared } };
    }),
    take: intent(takeSchema, async ({ id }) => {
      await assignEscalation(db(), admin.id, id, admin.id);
      return { messageKey: "escalations:taken" };
    }),
    resolve: intent(resolveSchema, async ({ id, resolution }) => {
      await resolveEscalation(db(), admin.id, id, resolution);
      return { messageKey: "escalations:resolved" };
    }),
  }),
});

export default function AdminEscalations() {
  const { t } = useTranslation("escalations");
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <section className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <p className="mt-1 text-slate-700">{t("intro")}</p>
      </div>
      <SuccessMessage
        messageKey={actionData?.ok ? actionData.result.messageKey : null}
        values={actionData?.ok && "values" in actionData.result ? actionData.result.values : undefined}
      />
      <div className="flex flex-wrap items-end gap-4">
        <Form method="get" className="flex flex-wrap items-end gap-3">
          <div>
            <label htmlFor="kind" className="block text-sm font-medium text-slate-800">
              {t("filter")}
            </label>
            <select id="kind" name="kind" defaultValue={data.kind ?? ""} className="mt-1 rounded-md border border-slate-400 px-3 py-2">
              <option value="">{t("all", { count: data.total })}</option>
              {ESCALATION_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {t("kindCount", { kind: t(`kinds.${kind}`), count: data.counts[kind] })}
                </option>
              ))}
            </select>
          </div>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="mine" value="1" defaultChecked={data.mine} />
            {t("mine")}
          </label>
          <button type="submit" className={buttonClass("secondary")}>
            {t("apply")}
          </button>
        </Form>
        <ButtonForm answer={actionData} intent="gather" variant="secondary">
          {t("gather")}
        </ButtonForm>
      </div>
      {data.items.length === 0 ? <p className="text-slate-700">{t("empty")}</p> : null}
      <ul className="space-y-3">
        {data.items.map((item) => (
          <li key={item.id} className={`rounded-lg border bg-white p-4 ${item.kind === "crisis" ? "border-red-700" : "border-slate-200"}`}>
            <h2 className={`font-semibold ${item.kind === "crisis" ? "text-red-800" : ""}`}>{t(`kinds.${item.kind}`)}</h2>
            <p className="text-sm text-slate-700">
              {t("opened", { when: item.openedAt })} · {item.memberName ? t("member", { name: item.memberName }) : t("noMember")}
              {item.memberId ? (
                <>
                  {" · "}
                  <Link to={`/admin/members/${item.memberId}`} className="text-emerald-800 underline">
                    {t("open")}
                  </Link>
                </>
              ) : null}
            </p>
            <p className="text-sm">{item.assigneeName ? t("assignee", { name: item.assigneeName }) : t("unassigned")}</p>
            <div className="mt-3 grid gap-4 md:grid-cols-[auto_1fr]">
              {item.yours ? null : (
                <ButtonForm answer={actionData} intent="take" values={{ id: item.id }} variant="secondary">
                  {t("take")}
                </ButtonForm>
              )}
              <ResolveForm id={item.id} />
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

function ResolveForm({ id }: { id: string }) {
  const { t } = useTranslation("escalations");
  const [form, fields] = useIntentForm({
    answer: useActionData<typeof action>(),
    intent: "resolve",
    id: `resolve-${id}`,
    schema: resolveSchema,
    match: { id },
    defaultValue: { id },
  });
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-2">
      <input type="hidden" name="id" value={id} />
      <TextareaField field={fields.resolution} label={t("resolution")} rows={2} />
      <FormErrors id={form.errorId} errors={form.errors} />
      <IntentButton intent="resolve" values={{ id }}>
        {t("resolve")}
      </IntentButton>
    </Form>
  );
}
