import { getFormProps } from "@conform-to/react";
import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { BadgeIcon } from "~/components/badges/badge-icon";
import { CheckboxField, FormErrors } from "~/components/ui/field";
import { ButtonForm, IntentButton, useIntentForm } from "~/components/ui/form";
import { SuccessMessage } from "~/components/ui/form-status";
import { db } from "#db/client.server";
import { appUrl } from "~/lib/env.server";
import { formatDate } from "~/lib/format";
import { orErrorPage } from "~/lib/http";
import { resolveLocale } from "~/lib/i18n";
import { intent, typedAction } from "~/lib/typed-action";
import { memberAward, setAwardSharing } from "~/modules/badges/badges.server";
import { requireUser } from "~/modules/identity/auth.server";

export const handle = { i18n: ["badges"] };

export const meta: MetaFunction = () => [{ title: "Badge · QuitPath" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const locale = resolveLocale(request, user.locale);
  const award = await orErrorPage(memberAward(db(), user.id, params.awardId ?? "", locale, user.currency));
  return { award, locale, timeZone: user.timeZone, shareUrl: `${appUrl()}/share/badge/${award.awardId}` };
}

const checkbox = z.preprocess((v) => v === "on" || v === "true", z.boolean());
const shareSchema = z.object({ anonymous: checkbox });

export const action = typedAction({
  guard: ({ request }) => requireUser(request),
  intents: (user) => ({
    share: intent(shareSchema, async ({ anonymous }, { params }) => {
      await setAwardSharing(db(), user.id, params.awardId ?? "", { shared: true, shareAnonymously: anonymous });
      return { messageKey: "badges:share.isPublic" };
    }),
    "make-private": intent(z.object({}), async (_input, { params }) => {
      await setAwardSharing(db(), user.id, params.awardId ?? "", { shared: false });
      return { messageKey: "badges:share.madePrivate" };
    }),
  }),
});

export default function BadgeDetailPage() {
  const { t } = useTranslation();
  const { award, locale, timeZone, shareUrl } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [shareForm, shareFields] = useIntentForm({
    answer: actionData,
    intent: "share",
    schema: shareSchema,
    defaultValue: { anonymous: award.shareAnonymously },
  });
  return (
    <section className="space-y-6">
      <Link to="/app/badges" className="text-sm font-semibold text-emerald-800 underline">
        {t("badges:detail.backToBadges")}
      </Link>
      <div className="flex flex-wrap items-center gap-4 rounded-xl border border-slate-200 bg-white p-6">
        <BadgeIcon icon={award.icon} className="size-24" />
        <div>
          <h1 className="text-2xl font-bold">{award.name}</h1>
          {award.milestone ? <p className="text-lg text-emerald-900">{award.milestone}</p> : null}
          <p className="text-slate-700">{award.description}</p>
          <p className="text-sm text-slate-600">{t("badges:page.earnedOn", { date: formatDate(award.awardedAt, locale, timeZone) })}</p>
        </div>
      </div>
      <section aria-labelledby="share-heading" className="space-y-3 rounded-xl border border-slate-200 bg-white p-6">
        <h2 id="share-heading" className="text-lg font-semibold">
          {t("badges:share.title")}
        </h2>
        <p className="text-slate-700">{t("badges:share.intro")}</p>
        <SuccessMessage messageKey={actionData?.ok ? actionData.result.messageKey : null} />
        <p className="text-sm text-slate-600">{t("badges:share.communityUnavailable")}</p>
        {award.shared ? (
          <>
            <p className="font-medium">{t("badges:share.isPublic")}</p>
            <p>
              <label htmlFor="share-url" className="block text-sm font-medium">
                {t("badges:share.linkLabel")}
              </label>
              <input
                id="share-url"
                readOnly
                value={shareUrl}
                className="mt-1 w-full rounded-md border border-slate-400 px-3 py-2 text-sm"
              />
            </p>
            <p>
              <a href={`/share/badge/${award.awardId}`} className="font-semibold text-emerald-800 underline">
                {t("badges:share.openSharePage")}
              </a>
            </p>
            <ButtonForm answer={actionData} intent="make-private" variant="secondary">
              {t("badges:share.makePrivate")}
            </ButtonForm>
          </>
        ) : (
          <>
            <p>{t("badges:share.isPrivate")}</p>
            <Form method="post" {...getFormProps(shareForm)} className="space-y-3">
              <CheckboxField field={shareFields.anonymous} label={t("badges:share.asAnonymous")} hint={t("badges:share.asAnonymousHint")} />
              <FormErrors id={shareForm.errorId} errors={shareForm.errors} />
              <IntentButton intent="share">{t("badges:share.makePublic")}</IntentButton>
            </Form>
          </>
        )}
      </section>
    </section>
  );
}
