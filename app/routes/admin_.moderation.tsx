import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { PostBodyHtml } from "~/components/community/post-card";
import { StatusButton } from "~/components/ui/button";
import { ErrorList } from "~/components/ui/field";
import { SuccessMessage } from "~/components/ui/form-status";
import { db } from "#db/client.server";
import { DomainError } from "~/lib/domain-error";
import { formatDateTime } from "~/lib/format";
import { resolveLocale } from "~/lib/i18n";
import { intent, typedAction } from "~/lib/typed-action";
import {
  blockedWords,
  coachesWithModeration,
  moderate,
  moderationHistory,
  moderationQueue,
  moderationSchema,
  requireModerator,
  saveBlockedWords,
  setModerator,
} from "~/modules/community/moderation.server";

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

async function requireAdminModerator(request: Request) {
  const user = await requireModerator(request);
  if (user.role !== "admin") throw new DomainError("forbidden", "errors:forbidden.title");
  return user;
}

export const action = typedAction({
  moderate: intent(moderationSchema, async (input, { request }) => {
    const user = await requireModerator(request);
    await moderate(db(), user.id, input);
    return { messageKey: "community:moderation.actionRecorded" };
  }),
  "save-words": intent(z.object({ words: z.string().max(50_000).default("") }), async (input, { request }) => {
    const user = await requireAdminModerator(request);
    await saveBlockedWords(db(), user.id, input.words);
    return { messageKey: "community:moderation.blockedWords.saved" };
  }),
  "set-moderator": intent(z.object({ coachId: z.string().uuid(), moderator: z.enum(["true", "false"]) }), async (input, { request }) => {
    const user = await requireAdminModerator(request);
    await setModerator(db(), user.id, input.coachId, input.moderator === "true");
    return { messageKey: "community:moderation.moderators.saved" };
  }),
});

export const headers = () => ({ "Cache-Control": "private, no-store" });

export default function ModerationPage() {
  const { t } = useTranslation("community");
  const { queue, history, words, coaches, admin, locale, timeZone } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const errors = actionData && !actionData.ok ? Object.values(actionData.submission.error ?? {}).flatMap((m) => m ?? []) : [];
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
      <ErrorList errors={errors} />

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
              <Form method="post" className="space-y-2">
                <input type="hidden" name="postId" value={item.postId} />
                {item.commentId ? <input type="hidden" name="commentId" value={item.commentId} /> : null}
                <label htmlFor={`note-${item.postId}-${item.commentId ?? ""}`} className="block text-sm font-medium">
                  {t("moderation.noteLabel")}
                </label>
                <input
                  id={`note-${item.postId}-${item.commentId ?? ""}`}
                  name="note"
                  required
                  minLength={3}
                  maxLength={500}
                  placeholder={t("moderation.notePlaceholder")}
                  className="block w-full rounded-md border border-slate-400 px-3 py-2 text-sm"
                />
                <div className="flex flex-wrap items-end gap-2">
                  {(["hide", "restore", "remove", "warn", "dismiss"] as const).map((action) => (
                    <StatusButton
                      key={action}
                      name="action"
                      value={action}
                      variant={action === "remove" ? "danger" : "secondary"}
                      className="py-1.5"
                      pending={navigation.formData?.get("action") === action && navigation.formData?.get("postId") === item.postId}
                    >
                      {t(`moderation.${action}`)}
                    </StatusButton>
                  ))}
                  <label className="text-sm">
                    <span className="block">{t("moderation.suspendDays")}</span>
                    <input
                      name="days"
                      type="number"
                      min={1}
                      max={365}
                      defaultValue={7}
                      className="w-20 rounded-md border border-slate-400 px-2 py-1"
                    />
                  </label>
                  <StatusButton name="action" value="suspend" variant="danger" className="py-1.5">
                    {t("moderation.suspend")}
                  </StatusButton>
                </div>
                <input type="hidden" name="intent" value="moderate" />
              </Form>
            </li>
          ))}
        </ol>
      </section>

      {admin && words ? (
        <section aria-labelledby="words-heading" className="space-y-2 rounded-xl border border-slate-200 bg-white p-5">
          <h2 id="words-heading" className="text-lg font-semibold">
            {t("moderation.blockedWords.title")}
          </h2>
          <Form method="post" className="space-y-2">
            <label htmlFor="blocked-words" className="block text-sm text-slate-700">
              {t("moderation.blockedWords.help")}
            </label>
            <textarea
              id="blocked-words"
              name="words"
              rows={8}
              defaultValue={words.join("\n")}
              className="block w-full rounded-md border border-slate-400 px-3 py-2 font-mono text-sm"
            />
            <StatusButton name="intent" value="save-words">
              {t("moderation.blockedWords.save")}
            </StatusButton>
          </Form>
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
                <Form method="post">
                  <input type="hidden" name="coachId" value={coach.id} />
                  <input type="hidden" name="moderator" value={String(!coach.moderator)} />
                  <StatusButton name="intent" value="set-moderator" variant="secondary" className="py-1.5">
                    {coach.moderator ? t("moderation.moderators.revoke") : t("moderation.moderators.grant")}
                  </StatusButton>
                </Form>
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
