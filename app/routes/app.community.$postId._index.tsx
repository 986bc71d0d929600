import { getFormProps } from "@conform-to/react";
import { type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Link, useActionData, useFetcher, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { Avatar } from "~/components/community/avatar";
import { PostBodyHtml, PostCard, usePostLabels, useReactions } from "~/components/community/post-card";
import { FormErrors, SelectField, TextareaField } from "~/components/ui/field";
import { ButtonForm, IntentButton, useIntentForm } from "~/components/ui/form";
import { SuccessMessage } from "~/components/ui/form-status";
import { db } from "#db/client.server";
import { DomainError } from "~/lib/domain-error";
import { formatPostTime } from "~/modules/community/clock";
import { resolveLocale } from "~/lib/i18n";
import { intent, typedAction } from "~/lib/typed-action";
import { commentSchema } from "~/modules/community/comment";
import { addComment, blockMember, deleteComment, listComments, reportContent, setReaction } from "~/modules/community/interactions.server";
import { isModerator, setFeatured } from "~/modules/community/moderation.server";
import { deletePost, getPost } from "~/modules/community/posts.server";
import { reactionChoiceSchema } from "~/modules/community/reaction";
import { REPORT_REASONS, reportSchema } from "~/modules/community/report";
import { headersKeepingParent } from "~/lib/http";
import { requireUser } from "~/modules/identity/auth.server";
import { fileStorage } from "~/modules/storage/storage.server";

export const handle = { i18n: ["community"] };

export const meta: MetaFunction = () => [{ title: "Community · QuitPath" }];

function notFound(): never {
  throw new Response("Not found", { status: 404 });
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const moderator = await isModerator(db(), user);
  const post = await getPost(db(), user.id, params.postId ?? "", { moderator }).catch((error) => {
    if (error instanceof DomainError && error.kind === "not-found") notFound();
    throw error;
  });
  const comments = await listComments(db(), user.id, post.id, { moderator });
  return {
    post,
    comments,
    moderator,
    admin: user.role === "admin",
    locale: resolveLocale(request, user.locale),
    timeZone: user.timeZone,
  };
}

const uuid = z.string().uuid("community:errors.notFound");
const reportFormSchema = reportSchema.extend({ commentId: z.preprocess((v) => (v === "" ? undefined : v), uuid.optional()) });

export const action = typedAction({
  guard: ({ request }) => requireUser(request),
  intents: (user) => ({
    react: intent(reactionChoiceSchema, async (input, { params }) => setReaction(db(), user.id, params.postId ?? "", input.type, input.on)),
    comment: intent(commentSchema, async (input, { params }) => {
      const comment = await addComment(db(), user.id, params.postId ?? "", input);
      return { messageKey: "community:comments.sent", commentId: comment.id };
    }),
    "delete-comment": intent(z.object({ commentId: uuid }), async (input) => {
      await deleteComment(db(), user.id, input.commentId);
      return { messageKey: "community:comments.deleted" };
    }),
    report: intent(reportFormSchema, async (input, { params }) => {
      await reportContent(db(), user.id, { postId: params.postId ?? "", commentId: input.commentId }, input);
      return { messageKey: "community:report.thanks" };
    }),
    block: intent(z.object({ memberId: uuid }), async (input) => {
      await blockMember(db(), user.id, input.memberId);
      return redirect("/app/community?blocked=1");
    }),
    "delete-post": intent(z.object({}), async (_input, { params }) => {
      const { imageIds } = await deletePost(db(), user.id, params.postId ?? "");
      const storage = fileStorage(db());
      for (const id of imageIds) await storage.delete(id);
      return redirect("/app/community?deleted=1");
    }),
    feature: intent(
      z.object({ featured: z.enum(["true", "false"]) }),
      async (input, { params }) => {
        await setFeatured(db(), user.id, params.postId ?? "", input.featured === "true");
        return { messageKey: input.featured === "true" ? "community:stories.featuredDone" : "community:stories.unfeaturedDone" };
      },
      { allowed: user.role === "admin" },
    ),
  }),
});

export const headers = headersKeepingParent;

const FLASH = { posted: "community:post.posted", held: "community:post.heldForReview", saved: "community:post.saved" } as const;

export default function PostPage() {
  const { t } = useTranslation("community");
  const { post, comments, admin, locale, timeZone } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const flash = (Object.keys(FLASH) as (keyof typeof FLASH)[]).find((key) => searchParams.get(key));
  const success =
    actionData?.ok && actionData.result && "messageKey" in actionData.result ? actionData.result.messageKey : flash ? FLASH[flash] : null;
  const labels = usePostLabels(locale, timeZone);
  const reactions = useReactions();
  const topLevel = comments.filter((c) => !c.parentId);
  const repliesTo = (id: string) => comments.filter((c) => c.parentId === id);

  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <Link to="/app/community" className="text-sm text-emerald-800 underline">
        ← {t("feed.title")}
      </Link>
      <SuccessMessage messageKey={success} />
      <div onSubmit={reactions.onSubmit}>
        <PostCard post={post} view={reactions.viewOf(post)} labels={labels} detail />
      </div>

      <div className="flex flex-wrap gap-3">
        {post.mine ? (
          <>
            <Link
              to={`/app/community/${post.id}/edit`}
              className="rounded-md border border-slate-400 bg-white px-3 py-1.5 text-sm font-semibold"
            >
              {t("post.edit")}
            </Link>
            <ButtonForm answer={actionData} intent="delete-post" variant="danger" className="py-1.5">
              {t("post.delete")}
            </ButtonForm>
          </>
        ) : (
          <>
            <ReportForm commentId={null} />
            {post.author ? (
              <ButtonForm answer={actionData} intent="block" values={{ memberId: post.author.id }} variant="secondary" className="py-1.5">
                {t("block.action", { name: post.author.displayName })}
              </ButtonForm>
            ) : null}
          </>
        )}
        {admin && post.body.kind === "story" ? (
          <ButtonForm
            answer={actionData}
            intent="feature"
            values={{ featured: String(!post.featured) }}
            variant="secondary"
            className="py-1.5"
          >
            {post.featured ? t("stories.unfeature") : t("stories.feature")}
          </ButtonForm>
        ) : null}
      </div>

      <section aria-labelledby="comments-heading" className="space-y-4">
        <h2 id="comments-heading" className="text-lg font-semibold">
          {t("comments.count", { count: comments.length })}
        </h2>
        <CommentForm parentId={null} />
        {topLevel.length === 0 ? <p className="text-slate-700">{t("comments.empty")}</p> : null}
        <ol className="space-y-4">
          {topLevel.map((comment) => (
            <li key={comment.id} id={`comment-${comment.id}`} className="rounded-lg border border-slate-200 bg-white p-4">
              <CommentView comment={comment} locale={locale} timeZone={timeZone} />
              <ol className="mt-3 space-y-3 border-l-2 border-slate-200 pl-4">
                {repliesTo(comment.id).map((reply) => (
                  <li key={reply.id} id={`comment-${reply.id}`}>
                    <CommentView comment={reply} locale={locale} timeZone={timeZone} />
                  </li>
                ))}
              </ol>
              <details className="mt-2">
                <summary className="cursor-pointer text-sm font-semibold text-emerald-800">
                  {t("comments.replyTo", { name: comment.author?.displayName ?? t("post.formerMember") })}
                </summary>
                <CommentForm parentId={comment.id} />
              </details>
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}

type CommentData = ReturnType<typeof useLoaderData<typeof loader>>["comments"][number];

function CommentView({ comment, locale, timeZone }: { comment: CommentData; locale: "en" | "vi"; timeZone: string }) {
  const { t } = useTranslation("community");
  const actionData = useActionData<typeof action>();
  return (
    <div className="space-y-1" data-comment-id={comment.id}>
      <div className="flex items-center gap-2">
        <Avatar name={comment.author?.avatar ? comment.author.displayName : null} seed={comment.author?.id ?? comment.id} size="small" />
        <p className="text-sm font-semibold">{comment.author?.displayName ?? t("post.formerMember")}</p>
        <time className="text-xs text-slate-600" dateTime={comment.createdAt}>
          {formatPostTime(comment.createdAt, locale, timeZone)}
        </time>
      </div>
      {comment.status !== "visible" ? <p className="text-xs text-amber-900">{t("hiddenNotice")}</p> : null}
      <PostBodyHtml text={comment.text} className="text-sm" />
      <div className="flex gap-3">
        {comment.mine ? (
          <ButtonForm answer={actionData} intent="delete-comment" values={{ commentId: comment.id }} variant="link" className="text-xs">
            {t("post.delete")}
          </ButtonForm>
        ) : (
          <ReportForm commentId={comment.id} compact />
        )}
      </div>
    </div>
  );
}

function CommentForm({ parentId }: { parentId: string | null }) {
  const { t } = useTranslation("community");
  const fetcher = useFetcher<typeof action>();
  // Without JavaScript the page's own answer comes back; with it, this form's fetcher's.
  const pageAnswer = useActionData<typeof action>();
  const [form, fields] = useIntentForm({
    answer: fetcher.data ?? pageAnswer,
    intent: "comment",
    schema: commentSchema,
    id: `comment-${parentId ?? "post"}`,
    match: { parentId: parentId ?? "" },
  });
  const sent = fetcher.data?.ok && "commentId" in fetcher.data.result ? fetcher.data.result.commentId : null;
  return (
    <fetcher.Form method="post" {...getFormProps(form)} className="space-y-2" key={sent ?? "form"}>
      {parentId ? <input type="hidden" name="parentId" value={parentId} /> : null}
      <TextareaField
        field={fields.text}
        label={parentId ? t("comments.reply") : t("comments.comment")}
        rows={3}
        placeholder={t("comments.placeholder")}
      />
      <FormErrors id={form.errorId} errors={[...(form.errors ?? []), ...(fields.parentId.errors ?? [])]} />
      <IntentButton intent="comment" fetcher={fetcher}>
        {t("comments.submit")}
      </IntentButton>
    </fetcher.Form>
  );
}

function ReportForm({ commentId, compact = false }: { commentId: string | null; compact?: boolean }) {
  const { t } = useTranslation("community");
  const fetcher = useFetcher<typeof action>();
  const pageAnswer = useActionData<typeof action>();
  const [form, fields] = useIntentForm({
    answer: fetcher.data ?? pageAnswer,
    intent: "report",
    schema: reportFormSchema,
    id: `report-${commentId ?? "post"}`,
    match: { commentId: commentId ?? "" },
    defaultValue: { reason: REPORT_REASONS[0] },
  });
  return (
    <details className={compact ? "text-xs" : "text-sm"}>
      <summary className="cursor-pointer font-semibold text-slate-700 underline">{t("report.action")}</summary>
      {fetcher.data?.ok ? (
        <p role="status" className="mt-2 text-emerald-900">
          {t("report.thanks")}
        </p>
      ) : (
        <fetcher.Form
          method="post"
          {...getFormProps(form)}
          className="mt-2 max-w-sm space-y-2 rounded-md border border-slate-200 bg-white p-3"
        >
          <p className="text-slate-700">{t("report.intro")}</p>
          {commentId ? <input type="hidden" name="commentId" value={commentId} /> : null}
          <SelectField
            field={fields.reason}
            label={t("report.reasonLabel")}
            options={REPORT_REASONS.map((reason) => ({ value: reason, label: t(`reportReasons.${reason}`) }))}
          />
          <TextareaField field={fields.detail} label={t("report.detailLabel")} rows={2} />
          <FormErrors id={form.errorId} errors={[...(form.errors ?? []), ...(fields.commentId.errors ?? [])]} />
          <IntentButton intent="report" fetcher={fetcher} variant="secondary">
            {t("report.submit")}
          </IntentButton>
        </fetcher.Form>
      )}
    </details>
  );
}
