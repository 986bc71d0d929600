import { getFormProps } from "@conform-to/react";
import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { PostBodyHtml } from "~/components/community/post-card";
import { StatusButton } from "~/components/ui/button";
import { Field, FormErrors, TextareaField } from "~/components/ui/field";
import { ButtonForm, IntentButton, useIntentForm } from "~/components/ui/form";
import { SuccessMessage } from "~/components/ui/form-status";
import { db } from "#db/client.server";
import { formatDateTime } from "~/lib/format";
import { resolveLocale } from "~/lib/i18n";
import { intent, typedAction } from "~/lib/typed-action";
import {
  blockedWords,
  coachesWithModeration,
  moderate,
  moderationHistory,
  moderationQueue,
  requireModerator,
  saveBlockedWords,
  setModerator,
} from "~/modules/community/moderation.server";
import { moderationSchema } from "~/modules/community/moderation";

export const handle = { i18n: ["community"] };

export const meta: MetaFunction = () => [{ title: "Moderation · QuitPath" }];

// Not under the admin layout: coaches an admin made moderators work here too.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireModerator(request);
  const admin = user.role === "admin";
  const [queue, history, words, coaches] = await Promise.all([
    moderationQueue(db()),
    moderationHistory(db()),
    admin ? blockedWords(db()) : Promise.resolve(null),
    admin ? coachesWithModeration(db()) : Promise.resolve(null),
  ]);
  return {
    queue,
    history: history.map((h) => ({ ...h, createdAt: h.createdAt.toISOString() })),
    words,
    coaches,
    admin,
    locale: resolveLocale(request, user.locale),
    timeZone: user.timeZone,
  };
}

const blockedWordsSchema = z.object({ words: z.string().max(50_000, "community:errors.detailTooLong").default("") });

export const action = typedAction({
  guard: ({ request }) => requireModerator(request),
  intents: (user) => ({
    moderate: intent(moderationSchema, async (input) => {
      await moderate(db(), user.id, input);
      return { messageKey: "community:moderation.actionRecorded" };
    }),
    // The word list and who moderates are the admins' to change; coach moderators get a 403.
    "save-words": intent(
      blockedWordsSchema,
      async (input) => {
        await saveBlockedWords(db(), user.id, input.words);
        return { messageKey: "community:moderation.blockedWords.saved" };
      },
      { allowed: user.role === "admin" },
    ),
    "set-moderator": intent(
      z.object({ coachId: z.string().uuid(), moderator: z.enum(["true", "false"]) }),
      async (input) => {
        await setModerator(db(), user.id, input.coachId, input.moderator === "true");
        return { messageKey: "community:moderation.moderators.saved" };
      },
      { allowed: user.role === "admin" },
    ),
  }),
});

export const headers = () => ({ "Cache-Control": "private, no-store" });

export default function ModerationPage() {
  const { t } = useTranslation("community");
  const { queue, history, words, coaches, admin, locale, timeZone } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="mx-auto w-full max-w-5xl space-y-10 px-4 py-8">
      <div>
        {admin ? (
          <Link to="/admin" className="text-sm text-emerald-800 underline">
            ← {t("common:nav.admin")}
          </Link>
        ) : null}
        <h1 className="text-2xl font-bold">{t("moderation.title")}</h1>
      </div>
      <SuccessMessage messageKey={actionData?.ok ? actionData.result.messageKey : null} />

      <section aria-labelledby="queue-heading" className="space-y-4">
        <h2 id="queue-heading" className="text-lg font-semibold">
          {t("moderation.queue")}
        </h2>
        {queue.length === 0 ? <p className="text-slate-700">{t("moderation.empty")}</p> : null}
        <ol className="space-y-4">
          {queue.map((item) => (
            <li
              key={`${item.postId}:${item.commentId ?? ""}`}
              className="space-y-3 rounded-xl border border-slate-200 bg-white p-5"
              data-queue-post={item.postId}
            >
              <div className="flex flex-wrap items-center justify-between gap-2 text-sm">
                <p>
                  <span className="font-semibold">{item.commentId ? t("moderation.comment") : t("moderation.post")}</span> ·{" "}
                  {t(`moderation.status.${item.status}`)} ·{" "}
                  {item.anonymous
                    ? t("moderation.realAuthor", { name: `${item.author.displayName} <${item.author.email}>` })
                    : `${t("moderation.author")}: ${item.author.displayName} <${item.author.email}>`}
                </p>
                <Link to={`/app/community/${item.postId}`} className="text-emerald-800 underline">
                  {t("moderation.open")}
                </Link>
              </div>
              {item.heldReasons.length > 0 ? (
                <p className="text-sm text-amber-900">{item.heldReasons.map((r) => t(`moderation.heldReasons.${r}`)).join(" · ")}</p>
              ) : null}
              {item.postExcerpt ? (
                <div className="rounded-md bg-slate-50 p-2 text-sm text-slate-700">
                  <p className="font-medium">{t("moderation.context")}</p>
                  <PostBodyHtml text={item.postExcerpt.slice(0, 500)} />
                </div>
              ) : null}
              <PostBodyHtml text={item.text} className="rounded-md border border-slate-200 p-3" />
              {item.reports.length > 0 ? (
                <div className="text-sm">
                  <p className="font-medium">{t("moderation.reports", { count: item.reports.length })}</p>
                  <ul className="list-disc pl-5">
                    {item.reports.map((report, i) => (
                      <li key={i}>
                        {t(`reportReasons.${report.reason}`)} — {t("moderation.reportedBy", { name: report.reporter })}
                        {report.detail ? `: ${report.detail}` : ""}
                      </li>
                    ))}
                  </ul>
                </div>
              ) : null}
              <ModerationForm postId={item.postId} commentId={item.commentId} />
            </li>
          ))}
        </ol>
      </section>

      {admin && words ? (
        <section aria-labelledby="words-heading" className="space-y-2 rounded-xl border border-slate-200 bg-white p-5">
          <h2 id="words-heading" className="text-lg font-semibold">
            {t("moderation.blockedWords.title")}
          </h2>
          <BlockedWordsForm words={words} />
        </section>
      ) : null}

      {admin && coaches ? (
        <section aria-labelledby="moderators-heading" className="space-y-2 rounded-xl border border-slate-200 bg-white p-5">
          <h2 id="moderators-heading" className="text-lg font-semibold">
            {t("moderation.moderators.title")}
          </h2>
          <p className="text-sm text-slate-700">{t("moderation.moderators.help")}</p>
          <ul className="divide-y divide-slate-200">
            {coaches.map((coach) => (
              <li key={coach.id} className="flex items-center justify-between py-2">
                <span>
                  {coach.displayName} <span className="text-sm text-slate-600">{coach.email}</span>
                </span>
                <ButtonForm
                  answer={actionData}
                  intent="set-moderator"
                  values={{ coachId: coach.id, moderator: String(!coach.moderator) }}
                  variant="secondary"
                  className="py-1.5"
                >
                  {coach.moderator ? t("moderation.moderators.revoke") : t("moderation.moderators.grant")}
                </ButtonForm>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="history-heading" className="space-y-2">
        <h2 id="history-heading" className="text-lg font-semibold">
          {t("moderation.history")}
        </h2>
        <ul className="space-y-1 text-sm">
          {history.map((entry) => (
            <li key={entry.id}>
              <time dateTime={entry.createdAt} className="text-slate-600">
                {formatDateTime(entry.createdAt, locale, timeZone)}
              </time>{" "}
              {t("moderation.historyEntry", {
                moderator: entry.moderator ?? "—",
                action: t(`moderation.actionNames.${entry.action.split(":")[0]}`),
                note: entry.note,
              })}
              {entry.subject ? ` (${entry.subject})` : ""}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

function ModerationForm({ postId, commentId }: { postId: string; commentId: string | null }) {
  const { t } = useTranslation("community");
  const navigation = useNavigation();
  const row = { postId, commentId: commentId ?? "" };
  const [form, fields] = useIntentForm({
    answer: useActionData<typeof action>(),
    intent: "moderate",
    schema: moderationSchema,
    id: `moderate-${postId}-${commentId ?? "post"}`,
    match: row,
    defaultValue: { days: 7 },
  });
  const pressed = (action: string) =>
    navigation.formData?.get("intent") === "moderate" &&
    navigation.formData.get("action") === action &&
    navigation.formData.get("postId") === postId &&
    (navigation.formData.get("commentId") ?? "") === row.commentId;
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-2">
      <input type="hidden" name="intent" value="moderate" />
      <input type="hidden" name="postId" value={postId} />
      {commentId ? <input type="hidden" name="commentId" value={commentId} /> : null}
      <Field field={fields.note} label={t("moderation.noteLabel")} placeholder={t("moderation.notePlaceholder")} inputClassName="text-sm" />
      <div className="flex flex-wrap items-end gap-2">
        {(["hide", "restore", "remove", "warn", "dismiss"] as const).map((action) => (
          <StatusButton
            key={action}
            name="action"
            value={action}
            variant={action === "remove" ? "danger" : "secondary"}
            className="py-1.5"
            pending={pressed(action)}
          >
            {t(`moderation.${action}`)}
          </StatusButton>
        ))}
        <Field field={fields.days} type="number" label={t("moderation.suspendDays")} className="w-24" />
        <StatusButton name="action" value="suspend" variant="danger" className="py-1.5" pending={pressed("suspend")}>
          {t("moderation.suspend")}
        </StatusButton>
      </div>
      <FormErrors
        id={form.errorId}
        errors={[
          ...(form.errors ?? []),
          ...(fields.action.errors ?? []),
          ...(fields.postId.errors ?? []),
          ...(fields.commentId.errors ?? []),
        ]}
      />
    </Form>
  );
}

function BlockedWordsForm({ words }: { words: string[] }) {
  const { t } = useTranslation("community");
  const [form, fields] = useIntentForm({
    answer: useActionData<typeof action>(),
    intent: "save-words",
    schema: blockedWordsSchema,
    defaultValue: { words: words.join("\n") },
  });
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-2">
      <TextareaField field={fields.words} label={t("moderation.blockedWords.help")} rows={8} inputClassName="font-mono text-sm" />
      <FormErrors id={form.errorId} errors={form.errors} />
      <IntentButton intent="save-words">{t("moderation.blockedWords.save")}</IntentButton>
    </Form>
  );
}
