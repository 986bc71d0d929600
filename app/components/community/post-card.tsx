import { useFetchers, useSubmit } from "@remix-run/react";
import { useMemo, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { boundedCache } from "~/lib/cache";
import type { AppLocale } from "~/lib/i18n";
import { formatPostTime } from "~/modules/community/clock";
import { renderMarkdown } from "~/modules/community/markdown";
import { POST_KINDS, POST_TAGS } from "~/modules/community/post-body";
import { Remembered } from "../remembered";
import { Avatar } from "./avatar";

export const REACTION_TYPES = ["support", "celebrate", "hug"] as const;
type ReactionType = (typeof REACTION_TYPES)[number];
const REACTION_ICON = { support: "💪", celebrate: "🎉", hug: "🤗" } as const;

export type PostView = {
  id: string;
  body: { kind: string; text: string; imageIds: string[]; tags: string[] };
  status: string;
  anonymous: boolean;
  /** Written by a member who has since been erased and chose to leave it. */
  former: boolean;
  mine: boolean;
  author: { id: string; displayName: string; avatar: boolean; smokeFreeDays: number | null } | null;
  createdAt: string;
  edited: boolean;
  featured: boolean;
  commentCount: number;
  reactions: { support: number; celebrate: number; hug: number };
  myReactions: string[];
};

/**
 * A post as one JSON text: how the feed carries its posts to the browser. The page-data encoder
 * then handles one string per post instead of every value in it, and the same text names the
 * card's remembered HTML, so it is built once per post per request.
 */
export type PostJson = string & { readonly postJson: unique symbol };

export function toPostJson(post: PostView): PostJson {
  return JSON.stringify(post) as PostJson;
}

/** Posts read back from their JSON, once per distinct text (the same posts come back on every visit). */
const readPosts = boundedCache<string, PostView>("read-posts", 2_000);

export function readPostJson(json: PostJson): PostView {
  return readPosts.getOrCreate(json, () => JSON.parse(json) as PostView);
}

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
      formerMember: t("post.formerMember"),
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
  return (
    <div
      className={className ? `post-body ${className}` : "post-body"}
      data-post-body=""
      dangerouslySetInnerHTML={{ __html: renderMarkdown(text) }}
    />
  );
}

function AuthorLine({ post, labels }: { post: PostView; labels: PostLabels }) {
  const name = post.author?.displayName ?? null;
  const smokeFree = post.author && post.author.smokeFreeDays !== null ? labels.smokeFreeDays(post.author.smokeFreeDays) : null;
  return (
    <div className="post-author">
      <Avatar name={post.author?.avatar ? name : null} seed={post.author?.id ?? post.id} />
      <div>
        <p className="font-semibold">
          {name ?? (post.former ? labels.formerMember : labels.anonymousMember)}
          {post.anonymous && post.mine ? <span className="ml-2 text-xs font-normal text-slate-600">{labels.anonymousYou}</span> : null}
        </p>
        <p className="post-meta">
          {smokeFree ? <span className="post-streak">{smokeFree}</span> : null}
          <time dateTime={post.createdAt}>{formatPostTime(post.createdAt, labels.locale, labels.timeZone)}</time>
          {post.edited ? ` · ${labels.edited}` : null}
        </p>
      </div>
    </div>
  );
}

/** How a reader's reaction buttons on one post look right now. */
export type ReactionView = { pressed: Record<ReactionType, boolean>; counts: Record<ReactionType, number>; busy: boolean };

const REACTIONS_FETCHER = "reactions:";

/**
 * The reader's reactions, for every card on a page at once. Each card's form works without
 * JavaScript (its buttons name the reaction they add or take back); with it, one submit handler
 * on the list sends the form through a fetcher per post and the buttons show the asked-for state
 * at once. A card itself is then a pure function of its props, which lets the server remember it.
 */
export function useReactions() {
  const submit = useSubmit();
  const fetchers = useFetchers();
  // What this reader last asked for, per post and type: a post from a later page is not
  // revalidated, so the answer must outlive the request or the button would flip back.
  const [asked, setAsked] = useState<Record<string, Partial<Record<ReactionType, boolean>>>>({});
  const busy = new Set(
    fetchers.filter((f) => f.key.startsWith(REACTIONS_FETCHER) && f.state !== "idle").map((f) => f.key.slice(REACTIONS_FETCHER.length)),
  );

  const onSubmit = (event: FormEvent<HTMLElement>) => {
    const form = event.target;
    const button = (event.nativeEvent as SubmitEvent).submitter;
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute("data-reactions") || !(button instanceof HTMLButtonElement)) return;
    // The form posts to the post's own page: /app/community/<id>.
    const postId = form.getAttribute("action")?.split("/").pop();
    if (!postId) return;
    event.preventDefault();
    const type = button.value as ReactionType;
    const data = new FormData(form);
    data.set(button.name, type);
    setAsked((current) => ({ ...current, [postId]: { ...current[postId], [type]: button.name === "add" } }));
    submit(data, {
      method: "post",
      action: form.getAttribute("action") ?? undefined,
      navigate: false,
      fetcherKey: REACTIONS_FETCHER + postId,
      preventScrollReset: true,
    });
  };

  const viewOf = (post: PostView): ReactionView => {
    const pressed = {} as Record<ReactionType, boolean>;
    const counts = {} as Record<ReactionType, number>;
    for (const type of REACTION_TYPES) {
      const wasOn = post.myReactions.includes(type);
      pressed[type] = asked[post.id]?.[type] ?? wasOn;
      counts[type] = post.reactions[type] + (pressed[type] === wasOn ? 0 : pressed[type] ? 1 : -1);
    }
    return { pressed, counts, busy: busy.has(post.id) };
  };

  return { onSubmit, viewOf };
}

function ReactionForm({ postId, view, labels }: { postId: string; view: ReactionView; labels: PostLabels }) {
  return (
    <form
      method="post"
      action={`/app/community/${postId}`}
      data-reactions=""
      className="reactions"
      role="group"
      aria-label={labels.reactionsLabel}
      aria-busy={view.busy}
    >
      <input type="hidden" name="intent" value="react" />
      {REACTION_TYPES.map((type) => (
        <button key={type} name={view.pressed[type] ? "remove" : "add"} value={type} aria-pressed={view.pressed[type]} className="reaction">
          <span aria-hidden="true">{REACTION_ICON[type]}</span>
          {`${labels.reactions[type]} ${view.counts[type]}`}
        </button>
      ))}
    </form>
  );
}

export function PostImages({ imageIds, alt }: { imageIds: string[]; alt: string }) {
  if (imageIds.length === 0) return null;
  return (
    <div className={`grid gap-2 ${imageIds.length > 1 ? "grid-cols-2" : "grid-cols-1"}`}>
      {imageIds.map((id, i) => (
        <img
          key={id}
          src={`/resources/images/${id}`}
          alt={`${alt} ${i + 1}`}
          loading="lazy"
          className="max-h-96 w-full rounded-lg object-cover"
        />
      ))}
    </div>
  );
}

/**
 * A post as the feed and its own page show it. It reads nothing but its props (no hooks, no
 * context), so the server renders each card once per post, reader's view, language and time zone,
 * and reuses the HTML for every request that shows the same (Remembered). Reactions are sent by
 * the handler from useReactions on an element around the cards.
 */
export function PostCard({
  post,
  json = toPostJson(post),
  view,
  labels,
  detail = false,
  as = "div",
}: {
  post: PostView;
  /** The post's JSON when the page already has it (the feed carries its posts as JSON). */
  json?: PostJson;
  view: ReactionView;
  labels: PostLabels;
  detail?: boolean;
  as?: "div" | "li";
}) {
  const pressed = REACTION_TYPES.map((type) => (view.pressed[type] ? 1 : 0)).join("");
  const counts = REACTION_TYPES.map((type) => view.counts[type]).join(",");
  return (
    <Remembered
      as={as}
      rememberAs={`post-card|${labels.locale}|${labels.timeZone}|${detail ? "page" : "card"}|${pressed}|${counts}|${view.busy}|${json}`}
    >
      <PostCardView post={post} view={view} labels={labels} detail={detail} />
    </Remembered>
  );
}

function PostCardView({ post, view, labels, detail }: { post: PostView; view: ReactionView; labels: PostLabels; detail: boolean }) {
  return (
    <article className="post-card">
      <div className="post-head">
        <AuthorLine post={post} labels={labels} />
        <p className="post-kind">{post.featured ? `${labels.featured} · ${labels.kinds[post.body.kind]}` : labels.kinds[post.body.kind]}</p>
      </div>
      {post.status === "held" || post.status === "hidden" ? (
        <p className="rounded-md border border-amber-600 bg-amber-50 px-3 py-2 text-sm text-amber-900" role="status">
          {post.status === "held" ? labels.heldForReview : labels.hiddenNotice}
        </p>
      ) : null}
      <PostBodyHtml text={post.body.text} className={detail ? "" : "line-clamp-6"} />
      <PostImages imageIds={post.body.imageIds} alt={labels.photo} />
      {post.body.tags.length > 0 ? (
        <ul className="post-tags" aria-label={labels.tagsLabel}>
          {post.body.tags.map((tag) => (
            <li key={tag}>
              <a href={`/app/community?tag=${tag}`} className="post-tag">
                {`#${labels.tags[tag]}`}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="post-actions">
        <ReactionForm postId={post.id} view={view} labels={labels} />
        {detail ? null : (
          <a href={`/app/community/${post.id}`} className="post-comments">
            {labels.comments(post.commentCount)}
          </a>
        )}
      </div>
    </article>
  );
}
