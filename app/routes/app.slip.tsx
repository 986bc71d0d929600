import { getFormProps } from "@conform-to/react";
import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatLocalDate } from "~/components/journey/plan-text";
import { FormErrors, SelectField, TextareaField } from "~/components/ui/field";
import { IntentButton, useIntentForm } from "~/components/ui/form";
import { resolveLocale } from "~/lib/i18n";
import { intent, typedAction } from "~/lib/typed-action";
import { db } from "#db/client.server";
import { cachedJourneyState } from "~/modules/journey/journey-cache.server";
import { isLocalDate, localDate } from "~/lib/local-date";
import { slipReflectionSchema } from "~/modules/journey/forms";
import { recordSlipReflection } from "~/modules/journey/slips.server";
import { onboardingRedirect } from "~/modules/journey/state.server";
import { COPING_STRATEGIES, strategyFor, TRIGGERS } from "~/modules/journey/triggers";
import { requireUser } from "~/modules/identity/auth.server";

export const handle = { i18n: ["account", "auth", "journey"] };

export const meta: MetaFunction = () => [{ title: "After a slip · QuitPath" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const state = await cachedJourneyState(db(), user);
  const to = onboardingRedirect(state);
  if (to) throw redirect(to);
  const today = localDate(new Date(), user.timeZone);
  const date = new URL(request.url).searchParams.get("date");
  return { locale: resolveLocale(request, user.locale), date: date && isLocalDate(date) ? date : today, streakRestarted: true };
}

export const action = typedAction({
  guard: ({ request }) => requireUser(request),
  intents: (user) => ({
    "record-slip": intent(slipReflectionSchema, async (input) => {
      await recordSlipReflection(db(), user.id, input);
      return redirect("/app/plan?saved=slip");
    }),
  }),
});

export default function SlipPage() {
  const { t } = useTranslation("journey");
  const data = useLoaderData<typeof loader>();
  const [form, fields] = useIntentForm({
    answer: useActionData<typeof action>(),
    intent: "record-slip",
    schema: slipReflectionSchema,
    defaultValue: { date: data.date, trigger: "", copingStrategy: strategyFor("") },
  });
  return (
    <section aria-labelledby="slip-heading" className="mx-auto max-w-2xl space-y-4 rounded-xl border border-slate-200 bg-white p-6">
      <h1 id="slip-heading" className="text-2xl font-bold">
        {t("slip.title")}
      </h1>
      <p className="text-slate-800">{t("slip.intro", { date: formatLocalDate(data.date, data.locale) })}</p>
      <Form method="post" {...getFormProps(form)} className="space-y-4">
        <input type="hidden" name="date" value={data.date} />
        <SelectField
          field={fields.trigger}
          label={t("slip.trigger")}
          options={[{ value: "", label: t("slip.noTrigger") }, ...TRIGGERS.map((x) => ({ value: x, label: t(`triggers.${x}`) }))]}
        />
        <TextareaField field={fields.whatHappened} label={t("slip.whatHappened")} rows={3} />
        <SelectField
          field={fields.copingStrategy}
          label={t("slip.strategy")}
          options={COPING_STRATEGIES.map((s) => ({
            value: s,
            label: `${t(`strategies.${s}.title`)} — ${t(`strategies.${s}.description`)}`,
          }))}
        />
        <FormErrors id={form.errorId} errors={[...(form.errors ?? []), ...(fields.date.errors ?? [])]} />
        <IntentButton intent="record-slip">{t("slip.submit")}</IntentButton>
      </Form>
      <Link to="/app" className="inline-block text-sm font-semibold text-emerald-800 underline">
        {t("slip.skip")}
      </Link>
    </section>
  );
}
