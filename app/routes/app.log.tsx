import { getFormProps } from "@conform-to/react";
import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { formatLocalDate } from "~/components/journey/plan-text";
import { CheckboxField, ChoiceField, Field, FormErrors, SelectField, TextareaField } from "~/components/ui/field";
import { ButtonForm, IntentButton, useIntentForm } from "~/components/ui/form";
import { SuccessMessage } from "~/components/ui/form-status";
import { invariantResponse } from "~/lib/http";
import { resolveLocale } from "~/lib/i18n";
import { intent, typedAction } from "~/lib/typed-action";
import { db } from "#db/client.server";
import { cachedJourneyState } from "~/modules/journey/journey-cache.server";
import { addDays, localDate, type LocalDate } from "~/lib/local-date";
import { logFormSchemas } from "~/modules/journey/forms";
import {
  cigaretteLogById,
  cravingLogById,
  deleteLog,
  logCigarettes,
  logCraving,
  logMood,
  RECENT_ENTRIES_MAX,
  RECENT_ENTRIES_SHOWN,
  recentEntries,
  updateCigaretteLog,
  updateCravingLog,
} from "~/modules/journey/logs.server";
import { type SmokingOutcome } from "~/modules/journey/relapse.server";
import { onboardingRedirect } from "~/modules/journey/state.server";
import { LOG_BACKFILL_DAYS } from "~/modules/journey/profile";
import { COPING_STRATEGIES, isTrigger, TRIGGERS } from "~/modules/journey/triggers";
import { requireMemberDay, requireUser } from "~/modules/identity/auth.server";

export const handle = {
  i18n: ["journey:consent", "journey:errors", "journey:log", "journey:mood", "journey:strategies", "journey:triggers"],
};

export const meta: MetaFunction = () => [{ title: "Log your day · QuitPath" }];

const editParam = z.object({ kind: z.enum(["cigarette", "craving"]), id: z.string().uuid() });

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const state = await cachedJourneyState(db(), user);
  const to = onboardingRedirect(state);
  if (to) throw redirect(to);
  const today = localDate(new Date(), user.timeZone);
  const since = addDays(today, -LOG_BACKFILL_DAYS);
  const url = new URL(request.url);
  let editing:
    | { kind: "cigarette"; row: Awaited<ReturnType<typeof cigaretteLogById>> }
    | { kind: "craving"; row: Awaited<ReturnType<typeof cravingLogById>> }
    | null = null;
  const edit = url.searchParams.get("edit");
  const everyEntry = url.searchParams.get("entries") === "all";
  if (edit) {
    const [kind, id] = edit.split(":");
    const parsed = editParam.safeParse({ kind, id });
    invariantResponse(parsed.success, "Not found", { status: 404 });
    editing =
      parsed.data.kind === "cigarette"
        ? { kind: "cigarette", row: await cigaretteLogById(db(), user.id, parsed.data.id).catch(() => notFound()) }
        : { kind: "craving", row: await cravingLogById(db(), user.id, parsed.data.id).catch(() => notFound()) };
  }
  return {
    locale: resolveLocale(request, user.locale),
    today,
    dates: Array.from({ length: LOG_BACKFILL_DAYS + 1 }, (_, i) => addDays(today, -i)),
    everyEntry,
    recent: await recentEntries(db(), user.id, since, everyEntry ? RECENT_ENTRIES_MAX : RECENT_ENTRIES_SHOWN),
    editing,
    saved: url.searchParams.get("saved"),
  };
}

function notFound(): never {
  throw new Response("Not found", { status: 404 });
}

function afterCigarettes(outcome: SmokingOutcome, date: string) {
  if (outcome.relapsedOn) return redirect("/app/new-attempt");
  if (outcome.slip) return redirect(`/app/slip?date=${date}`);
  return redirect("/app/log?saved=cigarette");
}

export const action = typedAction({
  guard: ({ request }) => requireMemberDay(request),
  intents: ({ user, today }) => {
    const schemas = logFormSchemas(today);
    return {
      "log-cigarette": intent(schemas["log-cigarette"], async (input) =>
        afterCigarettes(await logCigarettes(db(), user.id, input, today), input.date),
      ),
      "update-cigarette": intent(schemas["update-cigarette"], async ({ id, ...input }) =>
        afterCigarettes(await updateCigaretteLog(db(), user.id, id, input, today), input.date),
      ),
      "log-craving": intent(schemas["log-craving"], async (input) => {
        await logCraving(db(), user.id, input);
        return redirect("/app/log?saved=craving");
      }),
      "update-craving": intent(schemas["update-craving"], async ({ id, ...input }) => {
        await updateCravingLog(db(), user.id, id, input, today);
        return redirect("/app/log?saved=craving");
      }),
      "log-mood": intent(schemas["log-mood"], async (input) => {
        await logMood(db(), user.id, input);
        return redirect("/app/log?saved=mood");
      }),
      "delete-log": intent(schemas["delete-log"], async (input) => {
        await deleteLog(db(), user.id, input.kind, input.id, today);
        return redirect("/app/log?saved=deleted");
      }),
    };
  },
});

type LogData = ReturnType<typeof useLoaderData<typeof loader>>;
type Option = { value: string; label: string };

export default function LogPage() {
  const { t } = useTranslation("journey");
  const data = useLoaderData<typeof loader>();
  const dateOptions = data.dates.map((d, i) => ({
    value: d,
    label: i === 0 ? t("log.today") : i === 1 ? t("log.yesterday") : formatLocalDate(d, data.locale),
  }));
  const triggerOptions = [{ value: "", label: t("log.noTrigger") }, ...TRIGGERS.map((x) => ({ value: x, label: t(`triggers.${x}`) }))];
  const cig = data.editing?.kind === "cigarette" ? data.editing.row : null;
  const crave = data.editing?.kind === "craving" ? data.editing.row : null;
  const triggerLabel = (x: string | null) => (x ? (isTrigger(x) ? t(`triggers.${x}`) : x) : "");
  const answer = useActionData<typeof action>();
  const entryLabels = { edit: t("log.edit"), delete: t("log.delete") };
  const entryText = (e: LogData["recent"]["entries"][number]) => {
    const date = formatLocalDate(e.localDate, data.locale);
    if (e.kind === "cigarette") return t("log.entry.cigarette", { count: e.count, date, trigger: triggerLabel(e.trigger) });
    if (e.kind === "craving")
      return t(e.resisted ? "log.entry.cravingResisted" : "log.entry.craving", {
        intensity: e.intensity,
        date,
        trigger: triggerLabel(e.trigger),
      });
    return `${t("log.entry.mood", { mood: t(`mood.${e.mood}`), date })}${e.note ? ` — ${e.note}` : ""}`;
  };

  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-bold">{t("log.title")}</h1>
      <p className="text-slate-700">{t("log.intro", { days: 7 })}</p>
      <SuccessMessage messageKey={data.saved ? `journey:log.saved.${data.saved}` : null} />

      <div className="grid gap-6 lg:grid-cols-2">
        <section aria-labelledby="craving-heading" className="rounded-xl border border-slate-200 bg-white p-6">
          <h2 id="craving-heading" className="text-lg font-semibold">
            {crave ? t("log.editCraving") : t("log.craving")}
          </h2>
          <CravingForm key={crave?.id ?? "new-craving"} editing={crave} today={data.today} dates={dateOptions} triggers={triggerOptions} />
        </section>

        <section aria-labelledby="cigarette-heading" className="rounded-xl border border-slate-200 bg-white p-6">
          <h2 id="cigarette-heading" className="text-lg font-semibold">
            {cig ? t("log.editCigarette") : t("log.cigarette")}
          </h2>
          <CigaretteForm key={cig?.id ?? "new-cigarette"} editing={cig} today={data.today} dates={dateOptions} triggers={triggerOptions} />
        </section>

        <section aria-labelledby="mood-heading" className="rounded-xl border border-slate-200 bg-white p-6 lg:col-span-2">
          <h2 id="mood-heading" className="text-lg font-semibold">
            {t("log.moodTitle")}
          </h2>
          <MoodForm today={data.today} dates={dateOptions} />
        </section>
      </div>

      <section aria-labelledby="recent-heading" className="rounded-xl border border-slate-200 bg-white p-6">
        <h2 id="recent-heading" className="text-lg font-semibold">
          {t("log.recent")}
        </h2>
        <ul className="mt-3 divide-y divide-slate-200">
          {data.recent.entries.map((e) => (
            <Entry
              key={e.id}
              kind={e.kind}
              id={e.id}
              editable={e.kind !== "mood"}
              labels={entryLabels}
              answer={answer}
              text={entryText(e)}
            />
          ))}
        </ul>
        {data.recent.entries.length === 0 ? <p className="text-slate-700">{t("log.nothingYet")}</p> : null}
        {data.recent.more && !data.everyEntry ? (
          <p className="mt-3">
            <Link to="?entries=all#recent-heading" className="inline-flex min-h-11 items-center font-semibold text-emerald-800 underline">
              {t("log.everyEntry")}
            </Link>
          </p>
        ) : null}
        {data.recent.more && data.everyEntry ? (
          <p className="mt-3 text-slate-700">{t("log.newestOnly", { shown: data.recent.entries.length })}</p>
        ) : null}
      </section>
    </div>
  );
}

type Editing<K extends "cigarette" | "craving"> = Extract<NonNullable<LogData["editing"]>, { kind: K }>["row"] | null;
type LogFormProps<K extends "cigarette" | "craving"> = { editing: Editing<K>; today: LocalDate; dates: Option[]; triggers: Option[] };

function CravingForm({ editing, today, dates, triggers }: LogFormProps<"craving">) {
  const { t } = useTranslation("journey");
  const intentName = editing ? "update-craving" : "log-craving";
  const [form, fields] = useIntentForm({
    answer: useActionData<typeof action>(),
    intent: intentName,
    schema: logFormSchemas(today)[intentName],
    id: "craving",
    defaultValue: {
      date: editing?.localDate ?? today,
      intensity: editing?.intensity ?? 5,
      trigger: editing?.trigger ?? "",
      copingStrategy: editing?.coping ?? "",
      resisted: editing ? editing.resisted : true,
    },
  });
  const copingOptions = [
    { value: "", label: t("log.noCoping") },
    ...COPING_STRATEGIES.map((s) => ({ value: s, label: t(`strategies.${s}.title`) })),
  ];
  return (
    <Form method="post" {...getFormProps(form)} className="mt-3 space-y-3">
      {editing ? <input type="hidden" name="id" value={editing.id} /> : null}
      <SelectField field={fields.date} label={t("log.date")} options={dates} />
      <Field field={fields.intensity} type="number" label={t("log.intensity")} />
      <SelectField field={fields.trigger} label={t("log.trigger")} options={triggers} />
      <SelectField field={fields.copingStrategy} label={t("log.coping")} options={copingOptions} />
      <CheckboxField field={fields.resisted} label={t("log.resisted")} />
      <FormErrors id={form.errorId} errors={form.errors} />
      <IntentButton intent={intentName}>{editing ? t("log.saveChanges") : t("log.saveCraving")}</IntentButton>
    </Form>
  );
}

function CigaretteForm({ editing, today, dates, triggers }: LogFormProps<"cigarette">) {
  const { t } = useTranslation("journey");
  const intentName = editing ? "update-cigarette" : "log-cigarette";
  const [form, fields] = useIntentForm({
    answer: useActionData<typeof action>(),
    intent: intentName,
    schema: logFormSchemas(today)[intentName],
    id: "cigarette",
    defaultValue: {
      date: editing?.localDate ?? today,
      count: editing?.count ?? 1,
      time: editing?.smokedAt?.slice(0, 5) ?? "",
      trigger: editing?.trigger ?? "",
      place: editing?.place ?? "",
      mood: editing?.mood ? String(editing.mood) : "",
    },
  });
  const moodOptions = [{ value: "", label: t("log.noMood") }, ...moodChoices(t)];
  return (
    <Form method="post" {...getFormProps(form)} className="mt-3 space-y-3">
      {editing ? <input type="hidden" name="id" value={editing.id} /> : null}
      <SelectField field={fields.date} label={t("log.date")} options={dates} />
      <Field field={fields.count} type="number" label={t("log.count")} />
      <Field field={fields.time} type="time" label={t("log.time")} />
      <SelectField field={fields.trigger} label={t("log.trigger")} options={triggers} />
      <Field field={fields.place} label={t("log.place")} />
      <SelectField field={fields.mood} label={t("log.mood")} options={moodOptions} />
      <FormErrors id={form.errorId} errors={form.errors} />
      <IntentButton intent={intentName}>{editing ? t("log.saveChanges") : t("log.saveCigarette")}</IntentButton>
    </Form>
  );
}

function moodChoices(t: (key: string) => string): Option[] {
  return [1, 2, 3, 4, 5].map((m) => ({ value: String(m), label: t(`mood.${m}`) }));
}

function MoodForm({ today, dates }: { today: LocalDate; dates: Option[] }) {
  const { t } = useTranslation("journey");
  const [form, fields] = useIntentForm({
    answer: useActionData<typeof action>(),
    intent: "log-mood",
    schema: logFormSchemas(today)["log-mood"],
    id: "mood",
    defaultValue: { date: today },
  });
  return (
    <Form method="post" {...getFormProps(form)} className="mt-3 grid gap-3 sm:grid-cols-2">
      <SelectField field={fields.date} label={t("log.date")} options={dates} />
      <ChoiceField field={fields.mood} type="radio" legend={t("log.mood")} options={moodChoices(t)} />
      <TextareaField field={fields.note} label={t("log.note")} rows={3} className="sm:col-span-2" />
      <FormErrors id={form.errorId} errors={form.errors} className="sm:col-span-2" />
      <div>
        <IntentButton intent="log-mood">{t("log.saveMood")}</IntentButton>
      </div>
    </Form>
  );
}

type EntryLabels = { edit: string; delete: string };

/** One row of the recent list; its labels and the action's answer come from the page, which has them already. */
function Entry({
  kind,
  id,
  text,
  labels,
  answer,
  editable = false,
}: {
  kind: string;
  id: string;
  text: string;
  labels: EntryLabels;
  answer: ReturnType<typeof useActionData<typeof action>>;
  editable?: boolean;
}) {
  return (
    <li className="flex flex-wrap items-center justify-between gap-2 py-2">
      <span>{text}</span>
      <span className="flex items-center gap-3">
        {editable ? (
          <Link to={`/app/log?edit=${kind}:${id}`} className="text-sm font-semibold text-emerald-800 underline">
            {labels.edit}
          </Link>
        ) : null}
        <ButtonForm answer={answer} intent="delete-log" values={{ kind, id }} variant="link">
          {labels.delete}
        </ButtonForm>
      </span>
    </li>
  );
}
