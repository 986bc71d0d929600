import { getFormProps } from "@conform-to/react";
import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { CheckboxField, Field, FormErrors, SelectField } from "~/components/ui/field";
import { ButtonForm, IntentButton, useIntentForm } from "~/components/ui/form";
import { SuccessMessage } from "~/components/ui/form-status";
import { db } from "#db/client.server";
import { formatDateTime } from "~/lib/format";
import { orErrorPage } from "~/lib/http";
import { resolveLocale } from "~/lib/i18n";
import { intent, typedAction } from "~/lib/typed-action";
import { requireRole } from "~/modules/identity/auth.server";
import {
  addAvailabilityException,
  coachAvailability,
  removeAvailabilityException,
  saveAvailability,
  upcomingExceptions,
} from "~/modules/sessions/availability.server";
import { availabilitySchema, exceptionSchema, weeklyHoursFromForm } from "~/modules/sessions/forms";

export const handle = { i18n: ["sessions"] };

export const meta: MetaFunction = () => [{ title: "Availability · QuitPath coach" }];

const WEEKDAYS = ["1", "2", "3", "4", "5", "6", "7"] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const coach = await requireRole(request, "coach");
  const locale = resolveLocale(request, coach.locale);
  // An admin may enter every coach page but has no availability of their own: a 404, not a 500.
  const [availability, exceptions] = await orErrorPage(
    Promise.all([coachAvailability(db(), coach.id), upcomingExceptions(db(), coach.id, new Date())]),
  );
  return {
    availability,
    exceptions: exceptions.map((e) => ({
      id: e.id,
      kind: e.kind,
      note: e.note,
      from: formatDateTime(e.startsAt, locale, availability.timeZone),
      until: formatDateTime(e.endsAt, locale, availability.timeZone),
    })),
  };
}

export const action = typedAction({
  guard: ({ request }) => requireRole(request, "coach"),
  intents: (coach) => ({
    "save-availability": intent(availabilitySchema, async (input) => {
      const { sessionMinutes, bufferMinutes, noticeMinutes, autoConfirm, ...hours } = input as z.infer<typeof availabilitySchema> &
        Record<string, string | undefined>;
      await saveAvailability(db(), coach.id, {
        sessionMinutes,
        bufferMinutes,
        noticeMinutes,
        autoConfirm,
        weeklyHours: weeklyHoursFromForm(hours as Record<string, string | undefined>),
      });
      return { messageKey: "sessions:availability.saved" };
    }),
    "add-exception": intent(exceptionSchema, async (input) => {
      await addAvailabilityException(db(), coach.id, input, new Date());
      return { messageKey: "sessions:availability.added" };
    }),
    "remove-exception": intent(z.object({ exceptionId: z.string().uuid("errors:notFound.title") }), async ({ exceptionId }) => {
      await removeAvailabilityException(db(), coach.id, exceptionId);
      return { messageKey: "sessions:availability.removed" };
    }),
  }),
});

export default function AvailabilityPage() {
  const { t } = useTranslation();
  const { availability, exceptions } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const hours: Record<string, string> = {};
  for (const d of WEEKDAYS) {
    const range = availability.weeklyHours[d]?.[0];
    if (range) {
      hours[`start${d}`] = range.start;
      hours[`end${d}`] = range.end;
    }
  }
  const [form, fields] = useIntentForm({
    answer,
    intent: "save-availability",
    schema: availabilitySchema,
    defaultValue: {
      sessionMinutes: String(availability.sessionMinutes),
      bufferMinutes: String(availability.bufferMinutes),
      noticeMinutes: String(availability.noticeMinutes),
      autoConfirm: availability.autoConfirm ? "on" : undefined,
      ...hours,
    },
  });
  const [exceptionForm, exceptionFields] = useIntentForm({
    answer,
    intent: "add-exception",
    schema: exceptionSchema,
    defaultValue: { kind: "time-off" },
  });
  const f = fields as unknown as Record<string, Parameters<typeof Field>[0]["field"]>;
  return (
    <section className="space-y-8">
      <header>
        <h1 className="text-2xl font-bold">{t("sessions:availability.title")}</h1>
        <p className="mt-2 text-slate-700">{t("sessions:availability.intro", { timeZone: availability.timeZone })}</p>
      </header>
      <SuccessMessage messageKey={answer?.ok ? answer.result.messageKey : null} />
      <Form method="post" {...getFormProps(form)} className="space-y-6 rounded-xl border border-slate-200 bg-white p-4">
        <FormErrors id={form.errorId} errors={form.errors} />
        <fieldset>
          <legend className="font-semibold">{t("sessions:availability.weekly")}</legend>
          <div className="mt-2 grid gap-3 sm:grid-cols-2">
            {WEEKDAYS.map((d) => {
              const day = t(`sessions:availability.weekdays.${d}`);
              return (
                <div key={d} className="flex gap-2">
                  <Field field={f[`start${d}`]!} type="time" label={t("sessions:availability.start", { day })} />
                  <Field field={f[`end${d}`]!} type="time" label={t("sessions:availability.end", { day })} />
                </div>
              );
            })}
          </div>
        </fieldset>
        <div className="grid gap-4 sm:grid-cols-3">
          <Field field={f.sessionMinutes!} type="number" label={t("sessions:availability.sessionMinutes")} />
          <Field field={f.bufferMinutes!} type="number" label={t("sessions:availability.bufferMinutes")} />
          <Field
            field={f.noticeMinutes!}
            type="number"
            label={t("sessions:availability.noticeMinutes")}
            hint={t("sessions:availability.noticeHint")}
          />
        </div>
        <CheckboxField field={f.autoConfirm!} label={t("sessions:availability.autoConfirm")} />
        <IntentButton intent="save-availability">{t("sessions:availability.save")}</IntentButton>
      </Form>
      <section className="space-y-4 rounded-xl border border-slate-200 bg-white p-4">
        <h2 className="text-lg font-semibold">{t("sessions:availability.exceptions")}</h2>
        {exceptions.length === 0 ? (
          <p className="text-slate-700">{t("sessions:availability.noExceptions")}</p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {exceptions.map((e) => (
              <li key={e.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <span>
                  {t(`sessions:availability.kinds.${e.kind}`)}: {e.from} – {e.until}
                  {e.note ? ` · ${e.note}` : ""}
                </span>
                <ButtonForm answer={answer} intent="remove-exception" values={{ exceptionId: e.id }} variant="secondary">
                  {t("sessions:availability.remove")}
                </ButtonForm>
              </li>
            ))}
          </ul>
        )}
        <Form method="post" {...getFormProps(exceptionForm)} className="grid gap-3 sm:grid-cols-5">
          <FormErrors id={exceptionForm.errorId} errors={exceptionForm.errors} />
          <SelectField
            field={exceptionFields.kind}
            label={t("sessions:availability.kind")}
            options={(["time-off", "extra"] as const).map((k) => ({ value: k, label: t(`sessions:availability.kinds.${k}`) }))}
          />
          <Field field={exceptionFields.date} type="date" label={t("sessions:availability.date")} />
          <Field field={exceptionFields.start} type="time" label={t("sessions:availability.from")} />
          <Field field={exceptionFields.end} type="time" label={t("sessions:availability.until")} />
          <Field field={exceptionFields.note} label={t("sessions:availability.note")} />
          <IntentButton intent="add-exception" variant="secondary">
            {t("sessions:availability.add")}
          </IntentButton>
        </Form>
      </section>
    </section>
  );
}
