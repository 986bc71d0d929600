import { Link, useFetcher } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "~/lib/format";
import type { AppLocale } from "~/lib/i18n";
import { renderMarkdown } from "~/modules/community/markdown";
import { Avatar } from "./avatar";

export const REACTION_TYPES = ["support", "celebrate", "hug"] as const;
const REACTION_ICON = { support: "💪", celebrate: "🎉", hug: "🤗" } as const;

export type PostView = {
  id: string;
  body: { kind: string; text: string; imageIds: string[]; tags: string[] };
  status: string;
  anonymous: boolean;
  mine: boolean;
  author: { id: string; displayName: string; smokeFreeDays: number | null } | null;
  createdAt: string;
  edited: boolean;
  featured: boolean;
  commentCount: number;
  reactions: { support: number; celebrate: number; hug: number };
  myReactions: string[];
};

/** Member text is rendered through the strict Markdown allow-list, never as raw HTML. */
export function PostBodyHtml({ text, className = "" }: { text: string; className?: string }) {
  return <div className={`post-body space-y-2 break-words ${className}`} data-post-body="" dangerouslySetInnerHTML={{ __html: renderMarkdown(text) }} />;
}

export function AuthorLine({ post, locale, timeZone }: { post: Pick<PostView, "author" | "anonymous" | "createdAt" | "edited" | "mine" | "id">; locale: AppLocale; timeZone: string }) {
  const { t } = useTranslation("community");
  const name = post.author?.displayName ?? null;
  return (
    <div className="flex items-center gap-3">
      <Avatar name={name} seed={post.author?.id ?? post.id} />
      <div>
        <p className="font-semibold text-slate-900">
          {name ?? t("post.anonymousMember")}
          {post.anonymous && post.mine ? <span className="ml-2 text-xs font-normal text-slate-600">{t("post.anonymousYou")}</span> : null}
        </p>
        <p className="text-sm text-slate-600">
          {post.author && post.author.smokeFreeDays !== null ? <span className="mr-2 text-emerald-800">{t("post.smokeFreeDays", { count: post.author.smokeFreeDays })}</span> : null}
          <time dateTime={post.createdAt}>{formatDateTime(post.createdAt, locale, timeZone)}</time>
          {post.edited ? <span className="ml-1">· {t("post.edited")}</span> : null}
        </p>
      </div>
    </div>
  );
}

export function ReactionBar({ post }: { post: Pick<PostView, "id" | "reactions" | "myReactions"> }) {
  const { t } = useTranslation("community");
  const fetcher = useFetcher();
  // Optimistic: while a click is in flight, show the state it asked for.
  const pendingType = fetcher.formData?.get("type");
  const pendingOn = fetcher.formData?.get("on") === "true";
  return (
    <div className="flex flex-wrap gap-2" role="group" aria-label={t("reactions.label")}>
      {REACTION_TYPES.map((type) => {
        const wasOn = post.myReactions.includes(type);
        const on = pendingType === type ? pendingOn : wasOn;
        const count = post.reactions[type] + (on === wasOn ? 0 : on ? 1 : -1);
        return (
          <fetcher.Form key={type} method="post" action={`/app/community/${post.id}`} preventScrollReset>
            <input type="hidden" name="type" value={type} />
            <input type="hidden" name="on" value={String(!on)} />
            <button
              type="submit"
              name="intent"
              value="react"
              aria-pressed={on}
              className={`inline-flex items-center gap-1 rounded-full border px-3 py-1 text-sm focus-visible:outline-2 focus-visible:outline-emerald-700 ${on ? "border-emerald-700 bg-emerald-50 font-semibold text-emerald-900" : "border-slate-300 bg-white text-slate-800 hover:bg-slate-50"}`}
            >
              <span aria-hidden="true">{REACTION_ICON[type]}</span>
              {t(`reactions.${type}`)}
              <span className="tabular-nums">{count}</span>
            </button>
          </fetcher.Form>
        );
      })}
    </div>
  );
}

export function PostImages({ imageIds, alt }: { imageIds: string[]; alt: string }) {
  if (imageIds.length === 0) return null;
  return (
    <div className={`grid gap-2 ${imageIds.length > 1 ? "grid-cols-2" : "grid-cols-1"}`}>
      {imageIds.map((id, i) => (
        <img key={id} src={`/resources/images/${id}`} alt={`${alt} ${i + 1}`} loading="lazy" className="max-h-96 w-full rounded-lg object-cover" />
      ))}
    </div>
  );
}

export function PostCard({ post, locale, timeZone, detail = false }: { post: PostView; locale: AppLocale; timeZone: string; detail?: boolean }) {
  const { t } = useTranslation("community");
  return (
    <article className="space-y-3 rounded-xl border border-slate-200 bg-white p-5" data-post-id={post.id} aria-labelledby={`post-${post.id}-kind`}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <AuthorLine post={post} locale={locale} timeZone={timeZone} />
        <p id={`post-${post.id}-kind`} className="text-xs font-semibold uppercase tracking-wide text-slate-600">
          {post.featured ? `${t("post.featured")} · ` : null}
          {t(`kinds.${post.body.kind}`)}
        </p>
      </div>
      {post.status === "held" || post.status === "hidden" ? (
        <p className="rounded-md border border-amber-600 bg-amber-50 px-3 py-2 text-sm text-amber-900" role="status">
          {post.status === "held" ? t("post.heldForReview") : t("hiddenNotice")}
        </p>
      ) : null}
      <PostBodyHtml text={post.body.text} className={detail ? "" : "line-clamp-6"} />
      <PostImages imageIds={post.body.imageIds} alt={t("post.photoAlt")} />
      {post.body.tags.length > 0 ? (
        <ul className="flex flex-wrap gap-2" aria-label={t("post.tagsLabel")}>
          {post.body.tags.map((tag) => (
            <li key={tag}>
              <Link to={`/app/community?tag=${tag}`} className="rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-800 hover:bg-slate-200">
                #{t(`tags.${tag}`)}
              </Link>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="flex flex-wrap items-center justify-between gap-3">
        <ReactionBar post={post} />
        {detail ? null : (
          <Link to={`/app/community/${post.id}`} className="text-sm font-semibold text-emerald-800 underline">
            {t("comments.count", { count: post.commentCount })}
          </Link>
        )}
      </div>
    </article>
  );
}
