import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { allErrors, RadioGroup, SelectInput, TextInput, type FieldErrors } from "~/components/journey/inputs";
import { formatLocalDate } from "~/components/journey/plan-text";
import { StatusButton } from "~/components/ui/button";
import { ErrorList } from "~/components/ui/field";
import { SuccessMessage, useIsSubmitting } from "~/components/ui/form-status";
import { invariantResponse } from "~/lib/http";
import { resolveLocale } from "~/lib/i18n";
import { intent, typedAction } from "~/lib/typed-action";
import { db } from "#db/client.server";
import { cachedJourneyState } from "~/modules/journey/journey-cache.server";
import { addDays, localDate } from "~/lib/local-date";
import {
  cigaretteLogById,
  cravingLogById,
  deleteLog,
  logCigarettes,
  logCraving,
  logMood,
  recentLogs,
  updateCigaretteLog,
  updateCravingLog,
} from "~/modules/journey/logs.server";
import { type SmokingOutcome } from "~/modules/journey/relapse.server";
import { onboardingRedirect } from "~/modules/journey/state.server";
import { formOptionalText } from "~/modules/journey/form-input";
import { cigaretteLogSchema, cravingLogSchema, LOG_BACKFILL_DAYS, moodLogSchema } from "~/modules/journey/profile";
import { COPING_STRATEGIES, isTrigger, TRIGGERS } from "~/modules/journey/triggers";
import { requireUser } from "~/modules/identity/auth.server";

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
    logs: await recentLogs(db(), user.id, since),
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

export async function action(args: ActionFunctionArgs) {
  const user = await requireUser(args.request);
  const today = localDate(new Date(), user.timeZone);
  const id = z.object({ id: z.string().uuid("errors:notFound.title") });
  return typedAction({
    "log-cigarette": intent(cigaretteLogSchema(today), async (input) =>
      afterCigarettes(await logCigarettes(db(), user.id, input, today), input.date),
    ),
    "update-cigarette": intent(cigaretteLogSchema(today).merge(id), async ({ id: logId, ...input }) =>
      afterCigarettes(await updateCigaretteLog(db(), user.id, logId, input, today), input.date),
    ),
    "log-craving": intent(cravingLogSchema(today), async (input) => {
      await logCraving(db(), user.id, input);
      return redirect("/app/log?saved=craving");
    }),
    "update-craving": intent(cravingLogSchema(today).merge(id), async ({ id: logId, ...input }) => {
      await updateCravingLog(db(), user.id, logId, input, today);
      return redirect("/app/log?saved=craving");
    }),
    "log-mood": intent(moodLogSchema(today).extend({ note: formOptionalText(1000, "journey:errors.noteTooLong") }), async (input) => {
      await logMood(db(), user.id, input);
      return redirect("/app/log?saved=mood");
    }),
    "delete-log": intent(id.extend({ kind: z.enum(["cigarette", "craving", "mood"]) }), async (input) => {
      await deleteLog(db(), user.id, input.kind, input.id, today);
      return redirect("/app/log?saved=deleted");
    }),
  })(args);
}

export default function LogPage() {
  const { t } = useTranslation("journey");
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errorsFor = (name: string): FieldErrors | undefined =>
    actionData && !actionData.ok && actionData.intent === name ? (actionData.submission.error ?? undefined) : undefined;
  const dateOptions = data.dates.map((d, i) => ({
    value: d,
    label: i === 0 ? t("log.today") : i === 1 ? t("log.yesterday") : formatLocalDate(d, data.locale),
  }));
  const triggerOptions = [{ value: "", label: t("log.noTrigger") }, ...TRIGGERS.map((x) => ({ value: x, label: t(`triggers.${x}`) }))];
  const moodOptions = [1, 2, 3, 4, 5].map((m) => ({ value: String(m), label: t(`mood.${m}`) }));
  const cig = data.editing?.kind === "cigarette" ? data.editing.row : null;
  const crave = data.editing?.kind === "craving" ? data.editing.row : null;
  const cigIntent = cig ? "update-cigarette" : "log-cigarette";
  const craveIntent = crave ? "update-craving" : "log-craving";
  const triggerLabel = (x: string | null) => (x ? (isTrigger(x) ? t(`triggers.${x}`) : x) : "");
  const cigPending = useIsSubmitting(cigIntent);
  const cravePending = useIsSubmitting(craveIntent);

  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-bold">{t("log.title")}</h1>
      <p className="text-slate-700">{t("log.intro", { days: 7 })}</p>
      <SuccessMessage messageKey={data.saved ? `journey:log.saved.${data.saved}` : null} />
      <ErrorList
        errors={actionData && !actionData.ok && actionData.intent === "delete-log" ? allErrors(actionData.submission.error) : null}
      />

      <div className="grid gap-6 lg:grid-cols-2">
        <section aria-labelledby="craving-heading" className="rounded-xl border border-slate-200 bg-white p-6">
          <h2 id="craving-heading" className="text-lg font-semibold">
            {crave ? t("log.editCraving") : t("log.craving")}
          </h2>
          <Form method="post" className="mt-3 space-y-3" key={crave?.id ?? "new-craving"}>
            {crave ? <input type="hidden" name="id" value={crave.id} /> : null}
            <SelectInput
              formId="cr-"
              name="date"
              label={t("log.date")}
              options={dateOptions}
              defaultValue={crave?.localDate ?? data.today}
              errors={errorsFor(craveIntent)}
            />
            <TextInput
              formId="cr-"
              name="intensity"
              type="number"
              min={1}
              max={10}
              required
              label={t("log.intensity")}
              defaultValue={crave?.intensity ?? 5}
              errors={errorsFor(craveIntent)}
            />
            <SelectInput
              formId="cr-"
              name="trigger"
              label={t("log.trigger")}
              options={triggerOptions}
              defaultValue={crave?.trigger ?? ""}
              errors={errorsFor(craveIntent)}
            />
            <SelectInput
              formId="cr-"
              name="copingStrategy"
              label={t("log.coping")}
              options={[
                { value: "", label: t("log.noCoping") },
                ...COPING_STRATEGIES.map((s) => ({ value: s, label: t(`strategies.${s}.title`) })),
              ]}
              defaultValue={crave?.coping ?? ""}
              errors={errorsFor(craveIntent)}
            />
            <label className="flex items-center gap-2">
              <input type="checkbox" name="resisted" defaultChecked={crave ? crave.resisted : true} /> {t("log.resisted")}
            </label>
            <ErrorList errors={errorsFor(craveIntent)?.[""]} />
            <StatusButton name="intent" value={craveIntent} pending={cravePending}>
              {crave ? t("log.saveChanges") : t("log.saveCraving")}
            </StatusButton>
          </Form>
        </section>

        <section aria-labelledby="cigarette-heading" className="rounded-xl border border-slate-200 bg-white p-6">
          <h2 id="cigarette-heading" className="text-lg font-semibold">
            {cig ? t("log.editCigarette") : t("log.cigarette")}
          </h2>
          <Form method="post" className="mt-3 space-y-3" key={cig?.id ?? "new-cigarette"}>
            {cig ? <input type="hidden" name="id" value={cig.id} /> : null}
            <SelectInput
              formId="cg-"
              name="date"
              label={t("log.date")}
              options={dateOptions}
              defaultValue={cig?.localDate ?? data.today}
              errors={errorsFor(cigIntent)}
            />
            <TextInput
              formId="cg-"
              name="count"
              type="number"
              min={1}
              max={100}
              required
              label={t("log.count")}
              defaultValue={cig?.count ?? 1}
              errors={errorsFor(cigIntent)}
            />
            <TextInput
              formId="cg-"
              name="time"
              type="time"
              label={t("log.time")}
              defaultValue={cig?.smokedAt?.slice(0, 5) ?? ""}
              errors={errorsFor(cigIntent)}
            />
            <SelectInput
              formId="cg-"
              name="trigger"
              label={t("log.trigger")}
              options={triggerOptions}
              defaultValue={cig?.trigger ?? ""}
              errors={errorsFor(cigIntent)}
            />
            <TextInput
              formId="cg-"
              name="place"
              label={t("log.place")}
              maxLength={60}
              defaultValue={cig?.place ?? ""}
              errors={errorsFor(cigIntent)}
            />
            <SelectInput
              formId="cg-"
              name="mood"
              label={t("log.mood")}
              options={[{ value: "", label: t("log.noMood") }, ...moodOptions]}
              defaultValue={cig?.mood ? String(cig.mood) : ""}
              errors={errorsFor(cigIntent)}
            />
            <ErrorList errors={errorsFor(cigIntent)?.[""]} />
            <StatusButton name="intent" value={cigIntent} pending={cigPending}>
              {cig ? t("log.saveChanges") : t("log.saveCigarette")}
            </StatusButton>
          </Form>
        </section>

        <section aria-labelledby="mood-heading" className="rounded-xl border border-slate-200 bg-white p-6 lg:col-span-2">
          <h2 id="mood-heading" className="text-lg font-semibold">
            {t("log.moodTitle")}
          </h2>
          <Form method="post" className="mt-3 grid gap-3 sm:grid-cols-2">
            <SelectInput
              formId="md-"
              name="date"
              label={t("log.date")}
              options={dateOptions}
              defaultValue={data.today}
              errors={errorsFor("log-mood")}
            />
            <RadioGroup name="mood" legend={t("log.mood")} options={moodOptions} errors={errorsFor("log-mood")} />
            <div className="sm:col-span-2">
              <label htmlFor="md-note" className="block text-sm font-medium">
                {t("log.note")}
              </label>
              <textarea
                id="md-note"
                name="note"
                rows={3}
                maxLength={1000}
                className="mt-1 block w-full rounded-md border border-slate-400 px-3 py-2"
              />
              <ErrorList errors={errorsFor("log-mood")?.note} />
            </div>
            <div>
              <StatusButton name="intent" value="log-mood">
                {t("log.saveMood")}
              </StatusButton>
            </div>
          </Form>
        </section>
      </div>

      <section aria-labelledby="recent-heading" className="rounded-xl border border-slate-200 bg-white p-6">
        <h2 id="recent-heading" className="text-lg font-semibold">
          {t("log.recent")}
        </h2>
        <ul className="mt-3 divide-y divide-slate-200">
          {data.logs.cigarettes.map((l) => (
            <Entry
              key={l.id}
              kind="cigarette"
              id={l.id}
              editable
              text={t("log.entry.cigarette", {
                count: l.count,
                date: formatLocalDate(l.localDate, data.locale),
                trigger: triggerLabel(l.trigger),
              })}
            />
          ))}
          {data.logs.cravings.map((l) => (
            <Entry
              key={l.id}
              kind="craving"
              id={l.id}
              editable
              text={t(l.resisted ? "log.entry.cravingResisted" : "log.entry.craving", {
                intensity: l.intensity,
                date: formatLocalDate(l.localDate, data.locale),
                trigger: triggerLabel(l.trigger),
              })}
            />
          ))}
          {data.logs.moods.map((l) => (
            <Entry
              key={l.id}
              kind="mood"
              id={l.id}
              text={`${t("log.entry.mood", { mood: t(`mood.${l.mood}`), date: formatLocalDate(l.localDate, data.locale) })}${l.note ? ` — ${l.note}` : ""}`}
            />
          ))}
        </ul>
        {data.logs.cigarettes.length + data.logs.cravings.length + data.logs.moods.length === 0 ? (
          <p className="text-slate-700">{t("log.nothingYet")}</p>
        ) : null}
      </section>
    </div>
  );
}

function Entry({ kind, id, text, editable = false }: { kind: string; id: string; text: string; editable?: boolean }) {
  const { t } = useTranslation("journey");
  return (
    <li className="flex flex-wrap items-center justify-between gap-2 py-2">
      <span>{text}</span>
      <span className="flex items-center gap-3">
        {editable ? (
          <Link to={`/app/log?edit=${kind}:${id}`} className="text-sm font-semibold text-emerald-800 underline">
            {t("log.edit")}
          </Link>
        ) : null}
        <Form method="post">
          <input type="hidden" name="kind" value={kind} />
          <input type="hidden" name="id" value={id} />
          <StatusButton name="intent" value="delete-log" variant="link">
            {t("log.delete")}
          </StatusButton>
        </Form>
      </span>
    </li>
  );
}
