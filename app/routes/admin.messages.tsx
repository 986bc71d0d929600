import { getFormProps } from "@conform-to/react";
import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { CheckboxField, FormErrors, TextareaField } from "~/components/ui/field";
import { ButtonForm, IntentButton, useIntentForm } from "~/components/ui/form";
import { SuccessMessage } from "~/components/ui/form-status";
import { db } from "#db/client.server";
import { intent, typedAction } from "~/lib/typed-action";
import { requireRole } from "~/modules/identity/auth.server";
import {
  addMotivationMessage,
  motivationLibrary,
  publishMotivationMessage,
  saveMotivationMessage,
} from "~/modules/notifications/library.server";

export const handle = { i18n: ["notifications"] };

export const meta: MetaFunction = () => [{ title: "Message library · QuitPath" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  return { messages: await motivationLibrary(db()) };
}

// A draft may lack one language: the module refuses to publish (or keep published) a message without both.
const draftText = z.string().trim().max(500, "notifications:library.errors.tooLong").default("");
const active = z.preprocess((v) => v === "on" || v === "true", z.boolean());

const saveMessageSchema = z.object({ id: z.string().uuid(), textEn: draftText, textVi: draftText, active });
const addMessageSchema = z
  .object({ textEn: draftText, textVi: draftText })
  .refine((m) => m.textEn !== "" || m.textVi !== "", { message: "notifications:library.errors.oneLanguage", path: ["textEn"] });
const publishMessageSchema = z.object({ id: z.string().uuid() });

export const action = typedAction({
  guard: ({ request }) => requireRole(request, "admin"),
  intents: {
    "save-message": intent(saveMessageSchema, async ({ id, ...values }) => {
      await saveMotivationMessage(db(), id, values);
      return { messageKey: "common:saved" };
    }),
    "add-message": intent(addMessageSchema, async (values) => {
      await addMotivationMessage(db(), values);
      return { messageKey: "common:saved" };
    }),
    "publish-message": intent(publishMessageSchema, async ({ id }) => {
      await publishMotivationMessage(db(), id);
      return { messageKey: "common:saved" };
    }),
  },
});

type Message = ReturnType<typeof useLoaderData<typeof loader>>["messages"][number];

export default function AdminMessages() {
  const { t } = useTranslation();
  const { messages } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <section className="space-y-6">
      <h1 className="text-2xl font-bold">{t("notifications:library.title")}</h1>
      <p className="text-slate-700">{t("notifications:library.intro")}</p>
      <SuccessMessage messageKey={actionData?.ok ? actionData.result.messageKey : null} />
      <ul className="space-y-4">
        {messages.map((m) => (
          <li key={m.id} className="rounded-xl border border-slate-200 bg-white p-4">
            <MessageForm message={m} />
            <PublishMessage message={m} />
          </li>
        ))}
      </ul>
      <NewMessageForm />
    </section>
  );
}

function MessageForm({ message }: { message: Message }) {
  const { t } = useTranslation();
  const [form, fields] = useIntentForm({
    answer: useActionData<typeof action>(),
    intent: "save-message",
    schema: saveMessageSchema,
    id: `message-${message.id}`,
    match: { id: message.id },
    defaultValue: { textEn: message.textEn, textVi: message.textVi, active: message.active },
  });
  return (
    <Form method="post" {...getFormProps(form)} className="grid gap-3 sm:grid-cols-2">
      <input type="hidden" name="id" value={message.id} />
      <TextareaField
        field={fields.textEn}
        label={
          <>
            {t("notifications:library.textEn")} <span className="font-mono text-xs text-slate-600">{message.key}</span>
          </>
        }
        rows={3}
        inputClassName="text-sm"
      />
      <TextareaField field={fields.textVi} label={t("notifications:library.textVi")} rows={3} lang="vi" inputClassName="text-sm" />
      <CheckboxField field={fields.active} label={t("notifications:library.active")} />
      <div className="flex items-center justify-end gap-2">
        {message.draft ? (
          <span className="rounded bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-900">{t("notifications:library.draft")}</span>
        ) : null}
        <IntentButton intent="save-message" values={{ id: message.id }} variant="secondary">
          {t("common:actions.save")}
        </IntentButton>
      </div>
      <FormErrors id={form.errorId} errors={[...(form.errors ?? []), ...(fields.id.errors ?? [])]} className="sm:col-span-2" />
    </Form>
  );
}

/** Outside the message's own form: a one-button form cannot sit inside another form. */
function PublishMessage({ message }: { message: Message }) {
  const { t } = useTranslation();
  const answer = useActionData<typeof action>();
  if (!message.draft) return null;
  return (
    <ButtonForm
      answer={answer}
      intent="publish-message"
      values={{ id: message.id }}
      formClassName="mt-2 text-right"
      label={t("notifications:library.publishMessage", { key: message.key })}
    >
      {t("notifications:library.publish")}
    </ButtonForm>
  );
}

function NewMessageForm() {
  const { t } = useTranslation();
  const [form, fields] = useIntentForm({ answer: useActionData<typeof action>(), intent: "add-message", schema: addMessageSchema });
  return (
    <Form method="post" {...getFormProps(form)} className="grid gap-3 rounded-xl border border-slate-200 bg-white p-4 sm:grid-cols-2">
      <h2 className="text-lg font-semibold sm:col-span-2">{t("notifications:library.add")}</h2>
      <TextareaField field={fields.textEn} label={t("notifications:library.textEn")} rows={3} inputClassName="text-sm" />
      <TextareaField field={fields.textVi} label={t("notifications:library.textVi")} rows={3} lang="vi" inputClassName="text-sm" />
      <p className="text-xs text-slate-600 sm:col-span-2">{t("notifications:library.draftHint")}</p>
      <p className="text-xs text-slate-600 sm:col-span-2">
        {t("notifications:library.placeholders", { list: "{{name}}, {{days}}, {{money}}, {{cravings}}, {{checkIns}}" })}
      </p>
      <FormErrors id={form.errorId} errors={form.errors} className="sm:col-span-2" />
      <div>
        <IntentButton intent="add-message">{t("notifications:library.addDraft")}</IntentButton>
      </div>
    </Form>
  );
}
