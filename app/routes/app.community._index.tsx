import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useFetcher, useLoaderData, useSearchParams } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { PostCard, readPostJson, toPostJson, usePostLabels, useReactions } from "~/components/community/post-card";
import { buttonClass } from "~/components/ui/button";
import { SuccessMessage } from "~/components/ui/form-status";
import { db } from "#db/client.server";
import { formatPostTime } from "~/modules/community/clock";
import { resolveLocale } from "~/lib/i18n";
import { feedHref, parseFeedQuery } from "~/modules/community/feed";
import { POST_TAGS } from "~/modules/community/post-body";
import { feedPage } from "~/modules/community/posts.server";
import { headersKeepingParent } from "~/lib/http";
import { requireUser } from "~/modules/identity/auth.server";

export const handle = { i18n: ["community"] };

export const meta: MetaFunction = () => [{ title: "Community · QuitPath" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const query = parseFeedQuery(new URL(request.url).searchParams);
  // One statement besides the session lookup: the page of posts and the member's recent activity.
  const { posts, nextCursor, activity } = await feedPage(db(), user.id, query);
  return {
    posts: posts.map(toPostJson),
    nextCursor,
    activity,
    query: { sort: query.sort, tag: query.tag ?? null, q: query.q ?? null },
    locale: resolveLocale(request, user.locale),
    timeZone: user.timeZone,
  };
}

export const headers = headersKeepingParent;

type FeedData = ReturnType<typeof useLoaderData<typeof loader>>;

const FLASH = { blocked: "community:block.doneGeneric", deleted: "community:post.deleted" } as const;

export default function CommunityFeed() {
  const { t } = useTranslation("community");
  const data = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const query = { sort: data.query.sort, tag: data.query.tag ?? undefined, q: data.query.q ?? undefined };
  const flash = (Object.keys(FLASH) as (keyof typeof FLASH)[]).find((key) => searchParams.get(key));
  const unread = data.activity?.filter((a) => a.unread).length ?? 0;

  return (
    <div className="grid gap-8 lg:grid-cols-[1fr_18rem]">
      <div className="space-y-6">
        <header className="flex flex-wrap items-end justify-between gap-3">
          <div>
            <h1 className="text-2xl font-bold">{t("feed.title")}</h1>
            <p className="text-slate-700">{t("feed.intro")}</p>
          </div>
          <Link to="/app/community/new" className={buttonClass()}>
            {t("post.write")}
          </Link>
        </header>
        <SuccessMessage messageKey={flash ? FLASH[flash] : null} />
        <Form method="get" className="flex flex-wrap items-end gap-3 rounded-xl border border-slate-200 bg-white p-4" role="search">
          <div className="min-w-48 flex-1">
            <label htmlFor="feed-q" className="block text-sm font-medium text-slate-800">
              {t("feed.searchLabel")}
            </label>
            <input
              id="feed-q"
              name="q"
              type="search"
              defaultValue={data.query.q ?? ""}
              placeholder={t("feed.searchPlaceholder")}
              className="mt-1 block w-full rounded-md border border-slate-400 px-3 py-2"
            />
          </div>
          <div>
            <label htmlFor="feed-sort" className="block text-sm font-medium text-slate-800">
              {t("feed.sortLabel")}
            </label>
            <select
              id="feed-sort"
              name="sort"
              defaultValue={data.query.sort}
              className="mt-1 block rounded-md border border-slate-400 bg-white px-3 py-2"
            >
              <option value="newest">{t("feed.newest")}</option>
              <option value="active">{t("feed.mostActive")}</option>
            </select>
          </div>
          <div>
            <label htmlFor="feed-tag" className="block text-sm font-medium text-slate-800">
              {t("feed.filterByTag")}
            </label>
            <select
              id="feed-tag"
              name="tag"
              defaultValue={data.query.tag ?? ""}
              className="mt-1 block rounded-md border border-slate-400 bg-white px-3 py-2"
            >
              <option value="">{t("feed.allTags")}</option>
              {POST_TAGS.map((tag) => (
                <option key={tag} value={tag}>
                  {t(`tags.${tag}`)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className={buttonClass("secondary")}>
            {t("feed.apply")}
          </button>
        </Form>
        {data.query.q ? <p className="font-medium">{t("feed.searchResults", { query: data.query.q })}</p> : null}
        <PostList key={feedHref(query)} initial={data} />
      </div>
      {data.activity ? (
        <aside aria-labelledby="activity-heading" className="h-fit rounded-xl border border-slate-200 bg-white p-4">
          <h2 id="activity-heading" className="font-semibold">
            {t("activity.title")}{" "}
            {unread > 0 ? (
              <span className="ml-1 rounded-full bg-emerald-700 px-2 py-0.5 text-xs text-white" data-testid="activity-unread">
                {t("activity.unread", { count: unread })}
              </span>
            ) : null}
          </h2>
          {data.activity.length === 0 ? (
            <p className="mt-2 text-sm text-slate-700">{t("activity.empty")}</p>
          ) : (
            <ul className="mt-2 space-y-2 text-sm">
              {data.activity.map((item) => (
                <li key={item.id} className={item.unread ? "font-semibold" : ""}>
                  <Link to={item.href ?? "/app/community"} className="underline">
                    {t(item.messageKey, item.values)}
                  </Link>
                  <span className="block text-xs font-normal text-slate-600">
                    {formatPostTime(item.createdAt, data.locale, data.timeZone)}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </aside>
      ) : null}
    </div>
  );
}

/** Server-rendered page plus, with JavaScript, the next pages appended as the reader scrolls. */
function PostList({ initial }: { initial: FeedData }) {
  const { t } = useTranslation("community");
  const fetcher = useFetcher<typeof loader>();
  const [posts, setPosts] = useState(initial.posts);
  const [nextCursor, setNextCursor] = useState(initial.nextCursor);
  const sentinel = useRef<HTMLDivElement>(null);
  const labels = usePostLabels(initial.locale, initial.timeZone);
  const reactions = useReactions();
  const query = { sort: initial.query.sort, tag: initial.query.tag ?? undefined, q: initial.query.q ?? undefined };

  // Revalidation (after a reaction or comment) refreshes the first page; pages loaded later stay.
  useEffect(() => {
    setPosts((shown) => {
      if (shown.length <= initial.posts.length) return initial.posts;
      const fresh = new Set(initial.posts.map((p) => readPostJson(p).id));
      return [...initial.posts, ...shown.slice(initial.posts.length).filter((p) => !fresh.has(readPostJson(p).id))];
    });
  }, [initial.posts]);

  useEffect(() => {
    if (!fetcher.data || fetcher.state !== "idle") return;
    const page = fetcher.data;
    setPosts((shown) => {
      const ids = new Set(shown.map((p) => readPostJson(p).id));
      return [...shown, ...page.posts.filter((p) => !ids.has(readPostJson(p).id))];
    });
    setNextCursor(page.nextCursor);
  }, [fetcher.data, fetcher.state]);

  useEffect(() => {
    const element = sentinel.current;
    if (!element || !nextCursor || typeof IntersectionObserver === "undefined") return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting) && fetcher.state === "idle") {
        const href = feedHref(query, nextCursor);
        fetcher.load(`/app/community${href ? `${href}&index` : "?index"}`);
      }
    });
    observer.observe(element);
    return () => observer.disconnect();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [nextCursor, fetcher.state]);

  if (posts.length === 0)
    return (
      <p className="rounded-xl border border-slate-200 bg-white p-6 text-slate-700">
        {initial.query.q ? t("feed.noResults") : t("feed.empty")}
      </p>
    );
  return (
    <div className="space-y-4">
      <ol className="space-y-4" aria-label={t("feed.title")} onSubmit={reactions.onSubmit}>
        {posts.map((json) => {
          const post = readPostJson(json);
          return <PostCard key={post.id} as="li" post={post} json={json} view={reactions.viewOf(post)} labels={labels} />;
        })}
      </ol>
      <div ref={sentinel}>
        {nextCursor ? (
          <Link
            to={`/app/community${feedHref(query, nextCursor)}`}
            className={buttonClass("secondary")}
            aria-busy={fetcher.state !== "idle" || undefined}
          >
            {fetcher.state !== "idle" ? t("feed.loading") : t("feed.loadMore")}
          </Link>
        ) : (
          <p className="text-center text-sm text-slate-600">{t("feed.endOfFeed")}</p>
        )}
      </div>
    </div>
  );
}
