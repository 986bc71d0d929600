import { type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useFetcher, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { Avatar } from "~/components/community/avatar";
import { PostBodyHtml, PostCard, usePostLabels, useReactions } from "~/components/community/post-card";
import { StatusButton } from "~/components/ui/button";
import { ErrorList } from "~/components/ui/field";
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

export const action = typedAction({
  react: intent(reactionChoiceSchema, async (input, { request, params }) => {
    const user = await requireUser(request);
    return setReaction(db(), user.id, params.postId ?? "", input.type, input.on);
  }),
  comment: intent(commentSchema, async (input, { request, params }) => {
    const user = await requireUser(request);
    const comment = await addComment(db(), user.id, params.postId ?? "", input);
    return { messageKey: "community:comments.sent", commentId: comment.id };
  }),
  "delete-comment": intent(z.object({ commentId: uuid }), async (input, { request }) => {
    const user = await requireUser(request);
    await deleteComment(db(), user.id, input.commentId);
    return { messageKey: "community:comments.deleted" };
  }),
  report: intent(
    reportSchema.extend({ commentId: z.preprocess((v) => (v === "" ? undefined : v), uuid.optional()) }),
    async (input, { request, params }) => {
      const user = await requireUser(request);
      await reportContent(db(), user.id, { postId: params.postId ?? "", commentId: input.commentId }, input);
      return { messageKey: "community:report.thanks" };
    },
  ),
  block: intent(z.object({ memberId: uuid }), async (input, { request }) => {
    const user = await requireUser(request);
    await blockMember(db(), user.id, input.memberId);
    return redirect("/app/community?blocked=1");
  }),
  "delete-post": intent(z.object({}), async (_input, { request, params }) => {
    const user = await requireUser(request);
    const { imageIds } = await deletePost(db(), user.id, params.postId ?? "");
    const storage = fileStorage(db());
    for (const id of imageIds) await storage.delete(id);
    return redirect("/app/community?deleted=1");
  }),
  feature: intent(z.object({ featured: z.enum(["true", "false"]) }), async (input, { request, params }) => {
    const user = await requireUser(request);
    if (user.role !== "admin") throw new DomainError("forbidden", "errors:forbidden.title");
    await setFeatured(db(), user.id, params.postId ?? "", input.featured === "true");
    return { messageKey: input.featured === "true" ? "community:stories.featuredDone" : "community:stories.unfeaturedDone" };
  }),
});

export const headers = headersKeepingParent;

function allErrors(error: Record<string, string[] | null> | null | undefined): string[] {
  return Object.values(error ?? {}).flatMap((messages) => messages ?? []);
}

const FLASH = { posted: "community:post.posted", held: "community:post.heldForReview", saved: "community:post.saved" } as const;

export default function PostPage() {
  const { t } = useTranslation("community");
  const { post, comments, admin, locale, timeZone } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const flash = (Object.keys(FLASH) as (keyof typeof FLASH)[]).find((key) => searchParams.get(key));
  const success =
    actionData?.ok && actionData.result && "messageKey" in actionData.result ? actionData.result.messageKey : flash ? FLASH[flash] : null;
  const errorFor = (name: string) =>
    actionData && !actionData.ok && actionData.intent === name ? allErrors(actionData.submission.error) : undefined;
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
            <Form method="post">
              <StatusButton name="intent" value="delete-post" variant="danger" className="py-1.5">
                {t("post.delete")}
              </StatusButton>
            </Form>
          </>
        ) : (
          <>
            <ReportForm commentId={null} errors={errorFor("report")} />
            {post.author ? (
              <Form method="post">
                <input type="hidden" name="memberId" value={post.author.id} />
                <StatusButton name="intent" value="block" variant="secondary" className="py-1.5">
                  {t("block.action", { name: post.author.displayName })}
                </StatusButton>
              </Form>
            ) : null}
          </>
        )}
        {admin && post.body.kind === "story" ? (
          <Form method="post">
            <input type="hidden" name="featured" value={String(!post.featured)} />
            <StatusButton name="intent" value="feature" variant="secondary" className="py-1.5">
              {post.featured ? t("stories.unfeature") : t("stories.feature")}
            </StatusButton>
            <ErrorList errors={errorFor("feature")} />
          </Form>
        ) : null}
      </div>

      <section aria-labelledby="comments-heading" className="space-y-4">
        <h2 id="comments-heading" className="text-lg font-semibold">
          {t("comments.count", { count: comments.length })}
        </h2>
        <CommentForm parentId={null} errors={errorFor("comment")} />
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
                  {t("comments.replyTo", { name: comment.author.displayName })}
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
  return (
    <div className="space-y-1" data-comment-id={comment.id}>
      <div className="flex items-center gap-2">
        <Avatar name={comment.author.displayName} seed={comment.author.id} size="small" />
        <p className="text-sm font-semibold">{comment.author.displayName}</p>
        <time className="text-xs text-slate-600" dateTime={comment.createdAt}>
          {formatPostTime(comment.createdAt, locale, timeZone)}
        </time>
      </div>
      {comment.status !== "visible" ? <p className="text-xs text-amber-900">{t("hiddenNotice")}</p> : null}
      <PostBodyHtml text={comment.text} className="text-sm" />
      <div className="flex gap-3">
        {comment.mine ? (
          <Form method="post">
            <input type="hidden" name="commentId" value={comment.id} />
            <button type="submit" name="intent" value="delete-comment" className="text-xs text-red-700 underline">
              {t("post.delete")}
            </button>
          </Form>
        ) : (
          <ReportForm commentId={comment.id} compact />
        )}
      </div>
    </div>
  );
}

function CommentForm({ parentId, errors }: { parentId: string | null; errors?: string[] }) {
  const { t } = useTranslation("community");
  const fetcher = useFetcher<typeof action>();
  const id = `comment-text-${parentId ?? "post"}`;
  const failed = fetcher.data && !fetcher.data.ok ? allErrors(fetcher.data.submission.error) : errors;
  return (
    <fetcher.Form
      method="post"
      className="space-y-2"
      key={
        fetcher.data?.ok ? String(fetcher.data.result && "commentId" in fetcher.data.result ? fetcher.data.result.commentId : "") : "form"
      }
    >
      {parentId ? <input type="hidden" name="parentId" value={parentId} /> : null}
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {parentId ? t("comments.reply") : t("comments.comment")}
      </label>
      <textarea
        id={id}
        name="text"
        rows={3}
        required
        maxLength={2000}
        placeholder={t("comments.placeholder")}
        className="block w-full rounded-md border border-slate-400 bg-white px-3 py-2"
      />
      <ErrorList errors={failed} />
      <StatusButton name="intent" value="comment" pending={fetcher.state === "submitting"}>
        {t("comments.submit")}
      </StatusButton>
    </fetcher.Form>
  );
}

function ReportForm({ commentId, compact = false, errors }: { commentId: string | null; compact?: boolean; errors?: string[] }) {
  const { t } = useTranslation("community");
  const fetcher = useFetcher<typeof action>();
  const done = fetcher.data?.ok;
  const idBase = `report-${commentId ?? "post"}`;
  return (
    <details className={compact ? "text-xs" : "text-sm"}>
      <summary className="cursor-pointer font-semibold text-slate-700 underline">{t("report.action")}</summary>
      {done ? (
        <p role="status" className="mt-2 text-emerald-900">
          {t("report.thanks")}
        </p>
      ) : (
        <fetcher.Form method="post" className="mt-2 max-w-sm space-y-2 rounded-md border border-slate-200 bg-white p-3">
          <p className="text-slate-700">{t("report.intro")}</p>
          {commentId ? <input type="hidden" name="commentId" value={commentId} /> : null}
          <label htmlFor={`${idBase}-reason`} className="block font-medium">
            {t("report.reasonLabel")}
          </label>
          <select id={`${idBase}-reason`} name="reason" className="block w-full rounded-md border border-slate-400 bg-white px-2 py-1">
            {REPORT_REASONS.map((reason) => (
              <option key={reason} value={reason}>
                {t(`reportReasons.${reason}`)}
              </option>
            ))}
          </select>
          <label htmlFor={`${idBase}-detail`} className="block font-medium">
            {t("report.detailLabel")}
          </label>
          <textarea
            id={`${idBase}-detail`}
            name="detail"
            rows={2}
            maxLength={500}
            className="block w-full rounded-md border border-slate-400 bg-white px-2 py-1"
          />
          <ErrorList errors={fetcher.data && !fetcher.data.ok ? allErrors(fetcher.data.submission.error) : errors} />
          <StatusButton name="intent" value="report" variant="secondary" pending={fetcher.state === "submitting"}>
            {t("report.submit")}
          </StatusButton>
        </fetcher.Form>
      )}
    </details>
  );
}
