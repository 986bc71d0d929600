import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { StatusButton } from "~/components/ui/button";
import { ErrorList } from "~/components/ui/field";
import { SuccessMessage, useIsSubmitting } from "~/components/ui/form-status";
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

export const handle = { i18n: ["notifications"] };

export const meta: MetaFunction = () => [{ title: "Notification settings · QuitPath" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const settings = await getNotificationSettings(db(), user.id);
  return { ...settings, timeZone: user.timeZone };
}

const PHONE = /^\+?[0-9][0-9 ().-]{5,19}$/;

export const action = typedAction({
  "save-preferences": intent(notificationPreferencesFormSchema, async (preferences, { request, formData }) => {
    const user = await requireUser(request);
    const raw = formData.get("phone");
    const phone = typeof raw === "string" && raw.trim() !== "" ? raw.trim() : null;
    if (phone !== null && !PHONE.test(phone))
      throw new DomainError("invalid", "notifications:preferences.errors.phone", { field: "phone" });
    await saveNotificationSettings(db(), user.id, preferences, phone);
    return { messageKey: "notifications:preferences.saved" };
  }),
});

export default function PreferencesPage() {
  const { t } = useTranslation();
  const { preferences, phone, timeZone } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const saving = useIsSubmitting("save-preferences");
  const errors = actionData?.ok === false ? (actionData.submission.error ?? {}) : {};
  const fieldError = (name: string) => (errors[name] ? <ErrorList id={`${name}-error`} errors={errors[name]} /> : null);
  return (
    <section className="space-y-6">
      <p>
        <Link to="/app/notifications" className="text-sm font-semibold text-emerald-800 underline">
          {t("notifications:centre.title")}
        </Link>
      </p>
      <h1 className="text-2xl font-bold">{t("notifications:preferences.title")}</h1>
      <p className="text-slate-700">{t("notifications:preferences.intro")}</p>
      <SuccessMessage messageKey={actionData?.ok ? actionData.result.messageKey : null} />
      <ErrorList errors={errors[""]} />
      <Form method="post" className="space-y-8">
        <fieldset className="rounded-xl border border-slate-200 bg-white p-4">
          <legend className="px-1 font-semibold">{t("notifications:preferences.kindColumn")}</legend>
          <table className="w-full text-left text-sm">
            <thead>
              <tr>
                <th scope="col" className="py-2">
                  {t("notifications:preferences.kindColumn")}
                </th>
                {notificationChannels.map((channel) => (
                  <th key={channel} scope="col" className="px-2 py-2 text-center">
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
                    const id = `channel-${kind}-${channel}`;
                    return (
                      <td key={channel} className="px-2 py-2 text-center">
                        <label htmlFor={id} className="sr-only">
                          {t("notifications:preferences.channelFor", {
                            kind: t(`notifications:kinds.${kind}`),
                            channel: t(`notifications:channels.${channel}`),
                          })}
                        </label>
                        <input
                          id={id}
                          type="checkbox"
                          name={`channels.${kind}`}
                          value={channel}
                          defaultChecked={locked || preferences.channels[kind].includes(channel)}
                          disabled={locked}
                          title={
                            locked
                              ? t(
                                  channel === "in-app"
                                    ? "notifications:preferences.alwaysOn"
                                    : "notifications:preferences.requiredForAccount",
                                )
                              : undefined
                          }
                          className="size-4 accent-emerald-700"
                        />
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
          <p className="mt-2 text-xs text-slate-600">{t("notifications:preferences.lockedHint")}</p>
        </fieldset>

        <div className="grid gap-4 sm:grid-cols-2">
          <div>
            <label htmlFor="phone" className="block text-sm font-medium">
              {t("notifications:preferences.phone")}
            </label>
            <input
              id="phone"
              name="phone"
              type="tel"
              autoComplete="tel"
              defaultValue={phone ?? ""}
              className="mt-1 w-full rounded-md border border-slate-400 px-3 py-2"
              aria-describedby="phone-hint"
            />
            <p id="phone-hint" className="text-xs text-slate-600">
              {t("notifications:preferences.smsNeedsPhone")}
            </p>
            {fieldError("phone")}
          </div>
          <div>
            <label htmlFor="encouragementFrequency" className="block text-sm font-medium">
              {t("notifications:preferences.frequency.label")}
            </label>
            <select
              id="encouragementFrequency"
              name="encouragementFrequency"
              defaultValue={preferences.encouragementFrequency}
              className="mt-1 w-full rounded-md border border-slate-400 px-3 py-2"
            >
              {encouragementFrequencies.map((f) => (
                <option key={f} value={f}>
                  {t(`notifications:preferences.frequency.${f}`)}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="sendAt" className="block text-sm font-medium">
              {t("notifications:preferences.sendAt.label")}
            </label>
            <input
              id="sendAt"
              name="sendAt"
              type="time"
              required
              defaultValue={preferences.sendAt}
              className="mt-1 w-full rounded-md border border-slate-400 px-3 py-2"
              aria-describedby="sendAt-hint"
            />
            <p id="sendAt-hint" className="text-xs text-slate-600">
              {t("notifications:preferences.sendAt.hint", { timeZone })}
            </p>
            {fieldError("sendAt")}
          </div>
        </div>

        <fieldset className="rounded-xl border border-slate-200 bg-white p-4">
          <legend className="px-1 font-semibold">{t("notifications:preferences.quietHours.legend")}</legend>
          <label className="flex items-center gap-2">
            <input
              type="checkbox"
              name="quietHoursEnabled"
              defaultChecked={preferences.quietHours !== null}
              className="size-4 accent-emerald-700"
            />
            {t("notifications:preferences.quietHours.enable")}
          </label>
          <div className="mt-3 flex flex-wrap gap-4">
            <div>
              <label htmlFor="quietHoursStart" className="block text-sm font-medium">
                {t("notifications:preferences.quietHours.start")}
              </label>
              <input
                id="quietHoursStart"
                name="quietHoursStart"
                type="time"
                defaultValue={preferences.quietHours?.start ?? "22:00"}
                className="mt-1 rounded-md border border-slate-400 px-3 py-2"
              />
              {fieldError("quietHoursStart")}
            </div>
            <div>
              <label htmlFor="quietHoursEnd" className="block text-sm font-medium">
                {t("notifications:preferences.quietHours.end")}
              </label>
              <input
                id="quietHoursEnd"
                name="quietHoursEnd"
                type="time"
                defaultValue={preferences.quietHours?.end ?? "07:00"}
                className="mt-1 rounded-md border border-slate-400 px-3 py-2"
              />
              {fieldError("quietHoursEnd")}
            </div>
          </div>
          <p className="mt-2 text-xs text-slate-600">{t("notifications:preferences.quietHours.hint")}</p>
        </fieldset>
        <StatusButton name="intent" value="save-preferences" pending={saving}>
          {t("notifications:preferences.save")}
        </StatusButton>
      </Form>
    </section>
  );
}
