import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { StatusButton } from "~/components/ui/button";
import { ErrorList } from "~/components/ui/field";
import { SuccessMessage } from "~/components/ui/form-status";
import { db } from "#db/client.server";
import { intent, typedAction } from "~/lib/typed-action";
import { requireRole } from "~/modules/identity/auth.server";
import { addMotivationMessage, motivationLibrary, saveMotivationMessage } from "~/modules/notifications/library.server";

export const meta: MetaFunction = () => [{ title: "Message library · QuitPath" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  return { messages: await motivationLibrary(db()) };
}

const messageText = z
  .string({ required_error: "notifications:library.errors.required" })
  .trim()
  .min(1, "notifications:library.errors.required")
  .max(500, "notifications:library.errors.tooLong");
const active = z.preprocess((v) => v === "on" || v === "true", z.boolean());

export const action = typedAction({
  "save-message": intent(
    z.object({ id: z.string().uuid(), textEn: messageText, textVi: messageText, active }),
    async ({ id, ...values }, { request }) => {
      await requireRole(request, "admin");
      await saveMotivationMessage(db(), id, values);
      return { messageKey: "common:saved" };
    },
  ),
  "add-message": intent(z.object({ textEn: messageText, textVi: messageText }), async (values, { request }) => {
    await requireRole(request, "admin");
    await addMotivationMessage(db(), values);
    return { messageKey: "common:saved" };
  }),
});

export default function AdminMessages() {
  const { t } = useTranslation();
  const { messages } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.ok === false ? (actionData.submission.error ?? {}) : {};
  return (
    <section className="space-y-6">
      <h1 className="text-2xl font-bold">{t("notifications:library.title")}</h1>
      <p className="text-slate-700">{t("notifications:library.intro")}</p>
      <SuccessMessage messageKey={actionData?.ok ? actionData.result.messageKey : null} />
      <ErrorList errors={Object.values(errors).flatMap((v) => v ?? [])} />
      <ul className="space-y-4">
        {messages.map((m) => (
          <li key={m.id} className="rounded-xl border border-slate-200 bg-white p-4">
            <Form method="post" className="grid gap-3 sm:grid-cols-2">
              <input type="hidden" name="id" value={m.id} />
              <div>
                <label htmlFor={`en-${m.id}`} className="block text-sm font-medium">
                  {t("notifications:library.textEn")} <span className="font-mono text-xs text-slate-600">{m.key}</span>
                </label>
                <textarea
                  id={`en-${m.id}`}
                  name="textEn"
                  defaultValue={m.textEn}
                  rows={3}
                  className="mt-1 w-full rounded-md border border-slate-400 px-3 py-2 text-sm"
                />
              </div>
              <div>
                <label htmlFor={`vi-${m.id}`} className="block text-sm font-medium">
                  {t("notifications:library.textVi")}
                </label>
                <textarea
                  id={`vi-${m.id}`}
                  name="textVi"
                  defaultValue={m.textVi}
                  rows={3}
                  lang="vi"
                  className="mt-1 w-full rounded-md border border-slate-400 px-3 py-2 text-sm"
                />
              </div>
              <label className="flex items-center gap-2">
                <input type="checkbox" name="active" defaultChecked={m.active} className="size-4 accent-emerald-700" />
                {t("notifications:library.active")}
              </label>
              <div className="text-right">
                <StatusButton name="intent" value="save-message" variant="secondary">
                  {t("common:actions.save")}
                </StatusButton>
              </div>
            </Form>
          </li>
        ))}
      </ul>
      <Form method="post" className="grid gap-3 rounded-xl border border-slate-200 bg-white p-4 sm:grid-cols-2">
        <h2 className="text-lg font-semibold sm:col-span-2">{t("notifications:library.add")}</h2>
        <div>
          <label htmlFor="new-en" className="block text-sm font-medium">
            {t("notifications:library.textEn")}
          </label>
          <textarea
            id="new-en"
            name="textEn"
            rows={3}
            required
            className="mt-1 w-full rounded-md border border-slate-400 px-3 py-2 text-sm"
          />
        </div>
        <div>
          <label htmlFor="new-vi" className="block text-sm font-medium">
            {t("notifications:library.textVi")}
          </label>
          <textarea
            id="new-vi"
            name="textVi"
            rows={3}
            required
            lang="vi"
            className="mt-1 w-full rounded-md border border-slate-400 px-3 py-2 text-sm"
          />
        </div>
        <p className="text-xs text-slate-600 sm:col-span-2">
          {t("notifications:library.placeholders", { list: "{{name}}, {{days}}, {{money}}, {{cravings}}, {{checkIns}}" })}
        </p>
        <div>
          <StatusButton name="intent" value="add-message">
            {t("notifications:library.add")}
          </StatusButton>
        </div>
      </Form>
    </section>
  );
}
