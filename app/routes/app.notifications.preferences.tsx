import { getFormProps } from "@conform-to/react";
import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { CheckboxField, ChoiceBox, Field, FormErrors, SelectField } from "~/components/ui/field";
import { IntentButton, useIntentForm } from "~/components/ui/form";
import { SuccessMessage } from "~/components/ui/form-status";
import { PushDevice } from "~/components/notifications/push-device";
import { db } from "#db/client.server";
import { DomainError } from "~/lib/domain-error";
import { intent, typedAction } from "~/lib/typed-action";
import { requireUser } from "~/modules/identity/auth.server";
import {
  encouragementFrequencies,
  isLockedChannel,
  notificationChannels,
  notificationKinds,
  notificationPreferencesFormSchema,
} from "~/modules/notifications/preferences";
import { getNotificationSettings, saveNotificationSettings } from "~/modules/notifications/settings.server";
import { textLinkClass } from "~/components/ui/button";

export const handle = { i18n: ["notifications"] };

export const meta: MetaFunction = () => [{ title: "Notification settings · QuitPath" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const settings = await getNotificationSettings(db(), user.id);
  return { ...settings, timeZone: user.timeZone };
}

const PHONE = /^\+?[0-9][0-9 ().-]{5,19}$/;

/** The page's form: the preferences, and the phone number SMS goes to (checked when saved, as a rule of the account). */
const preferencesPageSchema = z
  .object({ phone: z.string().trim().max(40, "notifications:preferences.errors.phone").optional() })
  .and(notificationPreferencesFormSchema);

export const action = typedAction({
  guard: ({ request }) => requireUser(request),
  intents: (user) => ({
    "save-preferences": intent(preferencesPageSchema, async ({ phone, ...preferences }) => {
      if (phone && !PHONE.test(phone)) throw new DomainError("invalid", "notifications:preferences.errors.phone", { field: "phone" });
      await saveNotificationSettings(db(), user.id, preferences, phone || null);
      return { messageKey: "notifications:preferences.saved" };
    }),
  }),
});

export default function PreferencesPage() {
  const { t } = useTranslation();
  const { preferences, phone, timeZone } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useIntentForm({
    answer: actionData,
    intent: "save-preferences",
    schema: preferencesPageSchema,
    defaultValue: {
      channels: preferences.channels,
      encouragementFrequency: preferences.encouragementFrequency,
      sendAt: preferences.sendAt,
      quietHoursEnabled: preferences.quietHours !== null,
      quietHoursStart: preferences.quietHours?.start ?? "22:00",
      quietHoursEnd: preferences.quietHours?.end ?? "07:00",
      phone: phone ?? "",
    },
  });
  const channels = fields.channels.getFieldset();
  return (
    <section className="space-y-6">
      <p>
        <Link to="/app/notifications" className={`${textLinkClass} text-sm font-semibold text-emerald-800 underline`}>
          {t("notifications:centre.title")}
        </Link>
      </p>
      <h1 className="text-2xl font-bold">{t("notifications:preferences.title")}</h1>
      <p className="text-slate-700">{t("notifications:preferences.intro")}</p>
      <SuccessMessage messageKey={actionData?.ok ? actionData.result.messageKey : null} />
      <Form method="post" {...getFormProps(form)} className="space-y-8">
        <FormErrors id={form.errorId} errors={form.errors} />
        {/* On a phone the boxes are 44 px targets side by side: the cells drop their padding to keep the grid within 320 px. */}
        <fieldset className="rounded-xl border border-slate-200 bg-white p-4 touch:px-3">
          <legend className="px-1 font-semibold">{t("notifications:preferences.kindColumn")}</legend>
          <table className="w-full text-left text-sm">
            <thead>
              <tr>
                <th scope="col" className="py-2">
                  {t("notifications:preferences.kindColumn")}
                </th>
                {notificationChannels.map((channel) => (
                  <th key={channel} scope="col" className="px-2 py-2 text-center touch:px-0.5">
                    {t(`notifications:channels.${channel}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {notificationKinds.map((kind) => (
                <tr key={kind} className="border-t border-slate-100">
                  <th scope="row" className="py-2 pr-2 font-normal">
                    <span className="font-medium">{t(`notifications:kinds.${kind}`)}</span>
                    <span className="block text-xs text-slate-600">{t(`notifications:kindHints.${kind}`)}</span>
                  </th>
                  {notificationChannels.map((channel) => {
                    const locked = isLockedChannel(kind, channel);
                    return (
                      <td key={channel} className="px-2 py-2 text-center touch:px-0 touch:py-0">
                        <ChoiceBox
                          field={channels[kind]}
                          value={channel}
                          hideLabel
                          label={t("notifications:preferences.channelFor", {
                            kind: t(`notifications:kinds.${kind}`),
                            channel: t(`notifications:channels.${channel}`),
                          })}
                          {...(locked
                            ? {
                                defaultChecked: true,
                                disabled: true,
                                title: t(
                                  channel === "in-app"
                                    ? "notifications:preferences.alwaysOn"
                                    : "notifications:preferences.requiredForAccount",
                                ),
                              }
                            : {})}
                        />
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
          <p className="mt-2 text-xs text-slate-600">{t("notifications:preferences.lockedHint")}</p>
          <p className="mt-1 text-xs text-slate-600">{t("notifications:preferences.pushNeedsDevice")}</p>
        </fieldset>

        <div className="grid gap-4 sm:grid-cols-2">
          <Field
            field={fields.phone}
            type="tel"
            autoComplete="tel"
            label={t("notifications:preferences.phone")}
            hint={t("notifications:preferences.smsNeedsPhone")}
          />
          <SelectField
            field={fields.encouragementFrequency}
            label={t("notifications:preferences.frequency.label")}
            options={encouragementFrequencies.map((f) => ({ value: f, label: t(`notifications:preferences.frequency.${f}`) }))}
          />
          <Field
            field={fields.sendAt}
            type="time"
            label={t("notifications:preferences.sendAt.label")}
            hint={t("notifications:preferences.sendAt.hint", { timeZone })}
          />
        </div>
        <fieldset className="rounded-xl border border-slate-200 bg-white p-4">
          <legend className="px-1 font-semibold">{t("notifications:preferences.quietHours.legend")}</legend>
          <CheckboxField field={fields.quietHoursEnabled} label={t("notifications:preferences.quietHours.enable")} />
          <div className="mt-3 flex flex-wrap gap-4">
            <Field field={fields.quietHoursStart} type="time" label={t("notifications:preferences.quietHours.start")} />
            <Field field={fields.quietHoursEnd} type="time" label={t("notifications:preferences.quietHours.end")} />
          </div>
          <p className="mt-2 text-xs text-slate-600">{t("notifications:preferences.quietHours.hint")}</p>
        </fieldset>
        <IntentButton intent="save-preferences">{t("notifications:preferences.save")}</IntentButton>
      </Form>
      <PushDevice />
    </section>
  );
}
