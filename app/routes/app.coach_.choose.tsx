import { getFormProps } from "@conform-to/react";
import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { UpgradeRequiredBoundary } from "~/components/billing/upgrade-required";
import { CoachCard, ratingView } from "~/components/coaching/coach-card";
import { ChoiceField, FormErrors, TextareaField } from "~/components/ui/field";
import { ButtonForm, IntentButton, useIntentForm } from "~/components/ui/form";
import { SuccessMessage } from "~/components/ui/form-status";
import { db } from "#db/client.server";
import { formatDateTime } from "~/lib/format";
import { resolveLocale } from "~/lib/i18n";
import { intent, typedAction } from "~/lib/typed-action";
import { requireEntitlement } from "~/modules/billing/entitlements.server";
import { coachRatings } from "~/modules/sessions/ratings.server";
import { activeAssignment } from "~/modules/coaching/access.server";
import { chooseCoach, requestMatch, waitingRequestOf, withdrawMatchRequest } from "~/modules/coaching/assignments.server";
import { answerHours, bioFor, COACH_LANGUAGES, COACH_SPECIALTIES, directoryFilter, matchRequestSchema } from "~/modules/coaching/profiles";
import { coachDirectory } from "~/modules/coaching/profiles.server";

export const handle = { i18n: ["coaching", "pricing"] };

export const meta: MetaFunction = () => [{ title: "Choose your coach · QuitPath" }];

/** The coach directory (premium: coach-chat). A member who already has a coach goes to their chat. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireEntitlement(request, "coach-chat");
  if (await activeAssignment(db(), user.id)) throw redirect("/app/coach");
  const locale = resolveLocale(request, user.locale);
  const filter = directoryFilter(new URL(request.url).searchParams);
  const [coaches, waiting] = await Promise.all([coachDirectory(db(), filter), waitingRequestOf(db(), user.id)]);
  const ratings = await coachRatings(
    db(),
    coaches.map((c) => c.coachId),
  );
  return {
    locale,
    filter,
    coaches: coaches.map((c) => {
      const bio = bioFor(c.bio, locale);
      return {
        coachId: c.coachId,
        displayName: c.displayName,
        headline: c.headline,
        photoUrl: c.photoId ? `/resources/images/${c.photoId}` : null,
        bio: bio ? { text: bio.text, lang: bio.locale } : null,
        languages: c.languages,
        specialties: c.specialties,
        yearsExperience: c.yearsExperience,
        answerHours: answerHours(c.medianAnswerMinutes),
        rating: ratingView(ratings.get(c.coachId), locale),
      };
    }),
    waiting: waiting ? { since: formatDateTime(waiting.createdAt, locale, user.timeZone) } : null,
  };
}

export const action = typedAction({
  guard: ({ request }) => requireEntitlement(request, "coach-chat"),
  // Staff pass the premium gate but are nobody's member.
  intents: ({ user }) => ({
    choose: intent(
      z.object({ coachId: z.string().uuid() }),
      async ({ coachId }) => {
        await chooseCoach(db(), user.id, coachId);
        return redirect("/app/coach");
      },
      { allowed: user.role === "member" },
    ),
    "match-me": intent(
      matchRequestSchema,
      async (input) => {
        const result = await requestMatch(db(), user.id, input);
        if (result.kind === "assigned") return redirect("/app/coach");
        return { messageKey: "coaching:choose.match.waiting" };
      },
      { allowed: user.role === "member" },
    ),
    withdraw: intent(z.object({}), async () => {
      await withdrawMatchRequest(db(), user.id);
      return { messageKey: "coaching:choose.match.withdrawn" };
    }),
  }),
});

export const ErrorBoundary = UpgradeRequiredBoundary;

export default function ChooseCoach() {
  const { t } = useTranslation("coaching");
  const { coaches, filter, waiting } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const chooseErrors =
    actionData && !actionData.ok && actionData.intent === "choose" ? Object.values(actionData.submission.error ?? {}).flat() : [];
  return (
    <section className="mx-auto max-w-5xl" aria-labelledby="choose-title">
      <h1 id="choose-title" className="text-2xl font-bold">
        {t("choose.title")}
      </h1>
      <p className="mt-2 max-w-2xl text-slate-700">{t("choose.intro")}</p>
      <div className="mt-4 space-y-2">
        <SuccessMessage messageKey={actionData?.ok && "messageKey" in actionData.result ? actionData.result.messageKey : null} />
        <FormErrors id="choose-error" errors={chooseErrors} />
      </div>

      <Form method="get" className="mt-6 flex flex-wrap items-end gap-3" aria-label={t("choose.filter.label")}>
        <div>
          <label htmlFor="filter-language" className="block text-sm font-medium">
            {t("choose.filter.language")}
          </label>
          <select
            id="filter-language"
            name="language"
            defaultValue={filter.language ?? ""}
            className="mt-1 rounded-md border border-slate-400 px-3 py-2"
          >
            <option value="">{t("choose.filter.any")}</option>
            {COACH_LANGUAGES.map((language) => (
              <option key={language} value={language}>
                {t(`common:languages.${language}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="filter-specialty" className="block text-sm font-medium">
            {t("choose.filter.specialty")}
          </label>
          <select
            id="filter-specialty"
            name="specialty"
            defaultValue={filter.specialty ?? ""}
            className="mt-1 rounded-md border border-slate-400 px-3 py-2"
          >
            <option value="">{t("choose.filter.any")}</option>
            {COACH_SPECIALTIES.map((specialty) => (
              <option key={specialty} value={specialty}>
                {t(`specialties.${specialty}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="rounded-md border border-slate-400 bg-white px-3 py-2 text-sm font-semibold">
          {t("choose.filter.apply")}
        </button>
      </Form>

      {coaches.length === 0 ? (
        <p className="mt-6 rounded-md bg-amber-50 p-3 text-amber-900">
          {filter.language || filter.specialty ? t("choose.noneMatching") : t("choose.noneFree")}
        </p>
      ) : (
        <div className="mt-6 grid gap-4 md:grid-cols-2">
          {coaches.map((coach) => (
            <CoachCard key={coach.coachId} coach={coach}>
              <ButtonForm
                answer={actionData}
                intent="choose"
                values={{ coachId: coach.coachId }}
                label={t("choose.chooseNamed", { name: coach.displayName })}
              >
                {t("choose.choose")}
              </ButtonForm>
            </CoachCard>
          ))}
        </div>
      )}

      <section className="mt-10 max-w-2xl" aria-labelledby="match-title">
        <h2 id="match-title" className="text-xl font-semibold">
          {t("choose.match.title")}
        </h2>
        {waiting ? (
          <div className="mt-2 rounded-lg border border-slate-200 bg-white p-4">
            <p>{t("choose.match.waitingSince", { date: waiting.since })}</p>
            <ButtonForm answer={actionData} intent="withdraw" variant="secondary" formClassName="mt-3">
              {t("choose.match.withdraw")}
            </ButtonForm>
          </div>
        ) : (
          <MatchForm />
        )}
      </section>
    </section>
  );
}

function MatchForm() {
  const { t } = useTranslation("coaching");
  const { locale, filter } = useLoaderData<typeof loader>();
  const [form, fields] = useIntentForm({
    answer: useActionData<typeof action>(),
    intent: "match-me",
    schema: matchRequestSchema,
    defaultValue: { languages: [filter.language ?? locale], specialties: filter.specialty ? [filter.specialty] : [] },
  });
  return (
    <Form method="post" {...getFormProps(form)} className="mt-2 space-y-4">
      <p className="text-slate-700">{t("choose.match.intro")}</p>
      <ChoiceField
        legend={t("choose.match.languages")}
        field={fields.languages}
        type="checkbox"
        options={COACH_LANGUAGES.map((l) => ({ value: l, label: t(`common:languages.${l}`) }))}
      />
      <ChoiceField
        legend={t("choose.match.specialties")}
        field={fields.specialties}
        type="checkbox"
        options={COACH_SPECIALTIES.map((s) => ({ value: s, label: t(`specialties.${s}`) }))}
      />
      <TextareaField field={fields.note} label={t("choose.match.note")} hint={t("choose.match.noteHint")} rows={3} />
      <FormErrors id={form.errorId} errors={form.errors} />
      <IntentButton intent="match-me">{t("choose.match.submit")}</IntentButton>
    </Form>
  );
}
