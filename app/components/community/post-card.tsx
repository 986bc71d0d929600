import { useFetcher } from "@remix-run/react";
import { useMemo, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import type { AppLocale } from "~/lib/i18n";
import { formatPostTime } from "~/modules/community/clock";
import { renderMarkdown } from "~/modules/community/markdown";
import { POST_KINDS, POST_TAGS } from "~/modules/community/post-body";
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

/**
 * Every label a post card shows, translated once per list rather than once per card: a feed
 * page renders twenty cards, and translation calls were a large share of its server time.
 */
export function usePostLabels(locale: AppLocale, timeZone: string) {
  const { t } = useTranslation("community");
  return useMemo(() => {
    const plural = new Map<string, string>();
    const counted = (key: string, count: number) => {
      const cacheKey = `${key}|${count}`;
      let text = plural.get(cacheKey);
      if (text === undefined) {
        text = t(key, { count });
        plural.set(cacheKey, text);
      }
      return text;
    };
    return {
      locale,
      timeZone,
      anonymousMember: t("post.anonymousMember"),
      anonymousYou: t("post.anonymousYou"),
      edited: t("post.edited"),
      featured: t("post.featured"),
      heldForReview: t("post.heldForReview"),
      hiddenNotice: t("hiddenNotice"),
      photo: t("post.photoAlt"),
      tagsLabel: t("post.tagsLabel"),
      reactionsLabel: t("reactions.label"),
      kinds: Object.fromEntries(POST_KINDS.map((k) => [k, t(`kinds.${k}`)])) as Record<string, string>,
      tags: Object.fromEntries(POST_TAGS.map((k) => [k, t(`tags.${k}`)])) as Record<string, string>,
      reactions: Object.fromEntries(REACTION_TYPES.map((k) => [k, t(`reactions.${k}`)])) as Record<string, string>,
      smokeFreeDays: (count: number) => counted("post.smokeFreeDays", count),
      comments: (count: number) => counted("comments.count", count),
    };
  }, [t, locale, timeZone]);
}

export type PostLabels = ReturnType<typeof usePostLabels>;

/** Member text is rendered through the strict Markdown allow-list, never as raw HTML. */
export function PostBodyHtml({ text, className = "" }: { text: string; className?: string }) {
  return <div className={`post-body space-y-2 break-words ${className}`} data-post-body="" dangerouslySetInnerHTML={{ __html: renderMarkdown(text) }} />;
}

function AuthorLine({ post, labels }: { post: PostView; labels: PostLabels }) {
  const name = post.author?.displayName ?? null;
  return (
    <div className="flex items-center gap-3">
      <Avatar name={name} seed={post.author?.id ?? post.id} />
      <div>
        <p className="font-semibold text-slate-900">
          {name ?? labels.anonymousMember}
          {post.anonymous && post.mine ? <span className="ml-2 text-xs font-normal text-slate-600">{labels.anonymousYou}</span> : null}
        </p>
        <p className="text-sm text-slate-600">
          {post.author && post.author.smokeFreeDays !== null ? <span className="mr-2 text-emerald-800">{labels.smokeFreeDays(post.author.smokeFreeDays)}</span> : null}
          <time dateTime={post.createdAt}>{formatPostTime(post.createdAt, labels.locale, labels.timeZone)}</time>
          {post.edited ? ` · ${labels.edited}` : null}
        </p>
      </div>
    </div>
  );
}

/**
 * Plain forms (they work without JavaScript); with it, one fetcher per post submits them and
 * shows the asked-for state at once.
 */
function ReactionBar({ post, labels }: { post: PostView; labels: PostLabels }) {
  const fetcher = useFetcher();
  // What this reader last asked for, per type: a post from a later page is not revalidated, so
  // the answer must outlive the request or the button would flip back.
  const [asked, setAsked] = useState<Record<string, boolean>>({});
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    data.set("intent", "react");
    setAsked((current) => ({ ...current, [String(data.get("type"))]: data.get("on") === "true" }));
    fetcher.submit(data, { method: "post", action: form.getAttribute("action") ?? undefined, preventScrollReset: true });
  };
  return (
    <div className="flex flex-wrap gap-2" role="group" aria-label={labels.reactionsLabel} aria-busy={fetcher.state !== "idle"}>
      {REACTION_TYPES.map((type) => {
        const wasOn = post.myReactions.includes(type);
        const on = asked[type] ?? wasOn;
        const count = post.reactions[type] + (on === wasOn ? 0 : on ? 1 : -1);
        return (
          <form key={type} method="post" action={`/app/community/${post.id}`} onSubmit={submit}>
            <input type="hidden" name="type" value={type} />
            <input type="hidden" name="on" value={String(!on)} />
            <button
              type="submit"
              name="intent"
              value="react"
              aria-pressed={on}
              className="reaction"
            >
              <span aria-hidden="true">{REACTION_ICON[type]}</span>
              {labels.reactions[type]} <span className="tabular-nums">{count}</span>
            </button>
          </form>
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

export function PostCard({ post, labels, detail = false }: { post: PostView; labels: PostLabels; detail?: boolean }) {
  return (
    <article className="space-y-3 rounded-xl border border-slate-200 bg-white p-5" data-post-id={post.id} aria-labelledby={`post-${post.id}-kind`}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <AuthorLine post={post} labels={labels} />
        <p id={`post-${post.id}-kind`} className="text-xs font-semibold uppercase tracking-wide text-slate-600">
          {post.featured ? `${labels.featured} · ` : null}
          {labels.kinds[post.body.kind]}
        </p>
      </div>
      {post.status === "held" || post.status === "hidden" ? (
        <p className="rounded-md border border-amber-600 bg-amber-50 px-3 py-2 text-sm text-amber-900" role="status">
          {post.status === "held" ? labels.heldForReview : labels.hiddenNotice}
        </p>
      ) : null}
      <PostBodyHtml text={post.body.text} className={detail ? "" : "line-clamp-6"} />
      <PostImages imageIds={post.body.imageIds} alt={labels.photo} />
      {post.body.tags.length > 0 ? (
        <ul className="flex flex-wrap gap-2" aria-label={labels.tagsLabel}>
          {post.body.tags.map((tag) => (
            <li key={tag}>
              <a href={`/app/community?tag=${tag}`} className="rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-800 hover:bg-slate-200">
                #{labels.tags[tag]}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="flex flex-wrap items-center justify-between gap-3">
        <ReactionBar post={post} labels={labels} />
        {detail ? null : (
          <a href={`/app/community/${post.id}`} className="text-sm font-semibold text-emerald-800 underline">
            {labels.comments(post.commentCount)}
          </a>
        )}
      </div>
    </article>
  );
}
