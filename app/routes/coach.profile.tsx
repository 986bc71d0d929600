import { getFormProps } from "@conform-to/react";
import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ChoiceField, Field, FormErrors, TextareaField } from "~/components/ui/field";
import { ButtonForm, IntentButton, useIntentForm } from "~/components/ui/form";
import { SuccessMessage } from "~/components/ui/form-status";
import { db } from "#db/client.server";
import { intent, typedAction } from "~/lib/typed-action";
import { COACH_LANGUAGES, COACH_SPECIALTIES, coachProfileSchema } from "~/modules/coaching/profiles";
import {
  coachProfileOf,
  readCoachProfileForm,
  saveCoachProfile,
  storeCoachPhoto,
  submitCoachProfile,
} from "~/modules/coaching/profiles.server";
import { requireRole } from "~/modules/identity/auth.server";

export const handle = { i18n: ["coaching"] };

export const meta: MetaFunction = () => [{ title: "Your coach profile · QuitPath" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const coach = await requireRole(request, "coach");
  const profile = await coachProfileOf(db(), coach.id);
  return {
    profile: profile
      ? {
          status: profile.status,
          reviewNote: profile.reviewNote,
          capacity: profile.capacity,
          photoUrl: profile.photoId ? `/resources/images/${profile.photoId}` : null,
          values: {
            headline: profile.headline,
            bioEn: profile.bio.en ?? "",
            bioVi: profile.bio.vi ?? "",
            languages: profile.languages,
            specialties: profile.specialties,
            yearsExperience: String(profile.yearsExperience),
          },
        }
      : null,
  };
}

export const action = typedAction({
  guard: ({ request }) => requireRole(request, "coach"),
  readForm: readCoachProfileForm,
  // Admins may enter every page, but only a coach has a coach profile.
  intents: (user) => ({
    save: intent(
      coachProfileSchema,
      async (input, { formData }) => {
        const photoId = await storeCoachPhoto(db(), user.id, formData);
        await saveCoachProfile(db(), user.id, input, photoId);
        return { messageKey: "coaching:profile.saved" };
      },
      { allowed: user.role === "coach" },
    ),
    submit: intent(
      z.object({}),
      async () => {
        await submitCoachProfile(db(), user.id);
        return { messageKey: "coaching:profile.submitted" };
      },
      { allowed: user.role === "coach" },
    ),
  }),
});

export default function CoachProfilePage() {
  const { t } = useTranslation("coaching");
  const { profile } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useIntentForm({
    answer: actionData,
    intent: "save",
    schema: coachProfileSchema,
    defaultValue: profile?.values ?? { languages: [], specialties: [], yearsExperience: "0" },
  });
  return (
    <section className="mx-auto max-w-3xl" aria-labelledby="profile-title">
      <h1 id="profile-title" className="text-2xl font-bold">
        {t("profile.title")}
      </h1>
      <p className="mt-2 text-slate-700">{t("profile.intro")}</p>
      <div className="mt-4 rounded-lg border border-slate-200 bg-white p-4">
        <p>
          <span className="font-semibold">{t("profile.statusLabel")}</span> {t(`status.${profile?.status ?? "draft"}`)}
        </p>
        <p className="text-sm text-slate-700">{t(`statusHint.${profile?.status ?? "draft"}`)}</p>
        {profile?.status === "rejected" && profile.reviewNote ? (
          <p className="mt-2 rounded-md bg-amber-50 p-2 text-amber-900">{t("profile.reviewNote", { note: profile.reviewNote })}</p>
        ) : null}
        {profile ? <p className="mt-1 text-sm text-slate-600">{t("profile.capacity", { count: profile.capacity })}</p> : null}
        {profile && (profile.status === "draft" || profile.status === "rejected") ? (
          <ButtonForm answer={actionData} intent="submit" formClassName="mt-3">
            {t("profile.submit")}
          </ButtonForm>
        ) : null}
      </div>
      <div className="mt-4">
        <SuccessMessage messageKey={actionData?.ok ? actionData.result.messageKey : null} />
      </div>
      <Form method="post" encType="multipart/form-data" {...getFormProps(form)} className="mt-6 space-y-5">
        <Field field={fields.headline} label={t("profile.headline")} hint={t("profile.headlineHint")} />
        <TextareaField field={fields.bioEn} label={t("profile.bioEn")} rows={5} lang="en" />
        <TextareaField field={fields.bioVi} label={t("profile.bioVi")} rows={5} lang="vi" />
        <div>
          {profile?.photoUrl ? (
            <img
              src={profile.photoUrl}
              alt={t("profile.currentPhoto")}
              width={96}
              height={96}
              className="size-24 rounded-full object-cover"
            />
          ) : null}
          <Field
            field={fields.photo}
            type="file"
            accept="image/jpeg,image/png,image/webp"
            label={t("profile.photo")}
            hint={t("profile.photoHint")}
            className="mt-2"
          />
        </div>
        <ChoiceField
          legend={t("profile.languages")}
          field={fields.languages}
          type="checkbox"
          options={COACH_LANGUAGES.map((l) => ({ value: l, label: t(`common:languages.${l}`) }))}
        />
        <ChoiceField
          legend={t("profile.specialties")}
          field={fields.specialties}
          type="checkbox"
          options={COACH_SPECIALTIES.map((s) => ({ value: s, label: t(`specialties.${s}`) }))}
        />
        <Field field={fields.yearsExperience} type="number" min={0} max={80} label={t("profile.years")} className="max-w-xs" />
        <FormErrors id={form.errorId} errors={form.errors} />
        <IntentButton intent="save">{t("profile.save")}</IntentButton>
      </Form>
    </section>
  );
}
