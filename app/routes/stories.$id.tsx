import { data as withHeaders, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Avatar } from "~/components/community/avatar";
import { PostBodyHtml, PostImages } from "~/components/community/post-card";
import { db } from "#db/client.server";
import { CACHE_CONTROL } from "~/lib/cache-control";
import { orErrorPage } from "~/lib/http";
import { plainTextExcerpt } from "~/modules/community/excerpt";
import { publicStory } from "~/modules/community/stories.server";
import { getOptionalUser } from "~/modules/identity/auth.server";

/** Complete as HTML: anonymous visitors get it without the app's JavaScript (root.tsx). */
export const handle = { i18n: ["community"], hydrate: "signed-in" };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const [story, user] = await Promise.all([orErrorPage(publicStory(db(), params.id ?? "")), getOptionalUser(request)]);
  const origin = new URL(request.url).origin;
  return withHeaders(
    {
      story,
      excerpt: plainTextExcerpt(story.body.text, 200),
      url: `${origin}/stories/${story.id}`,
      image: story.body.imageIds[0] ? `${origin}/resources/images/${story.body.imageIds[0]}` : null,
    },
    // A signed-in page shows the member's name in the header: never cache that publicly.
    { headers: { "Cache-Control": user ? CACHE_CONTROL.private : CACHE_CONTROL.publicPage } },
  );
}

export const headers: HeadersFunction = ({ loaderHeaders }) => ({
  "Cache-Control": loaderHeaders.get("Cache-Control") ?? CACHE_CONTROL.private,
});

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  if (!data) return [{ title: "Story not found · QuitPath" }];
  const title = `${data.story.authorName ?? "A QuitPath member"}: a success story · QuitPath`;
  return [
    { title },
    { name: "description", content: data.excerpt },
    { property: "og:title", content: title },
    { property: "og:description", content: data.excerpt },
    { property: "og:type", content: "article" },
    { property: "og:url", content: data.url },
    ...(data.image ? [{ property: "og:image", content: data.image }] : []),
    { name: "twitter:card", content: data.image ? "summary_large_image" : "summary" },
    { tagName: "link", rel: "canonical", href: data.url },
  ];
};

export default function StoryPage() {
  const { t } = useTranslation("community");
  const { story } = useLoaderData<typeof loader>();
  return (
    <article className="mx-auto max-w-2xl space-y-6 px-4 py-10">
      <Link to="/stories" className="text-sm text-emerald-800 underline">
        ← {t("stories.title")}
      </Link>
      <header className="flex items-center gap-3">
        <Avatar name={story.avatar ? story.authorName : null} seed={story.id} size="large" />
        <div>
          <h1 className="text-2xl font-bold">{story.authorName ?? t("post.anonymousMember")}</h1>
          {story.smokeFreeDays !== null ? (
            <p className="text-emerald-800">{t("post.smokeFreeDays", { count: story.smokeFreeDays })}</p>
          ) : null}
        </div>
      </header>
      <PostBodyHtml text={story.body.text} className="text-lg" />
      <PostImages imageIds={story.body.imageIds} alt={t("post.photoAlt")} />
      <p className="rounded-xl bg-emerald-50 p-4 text-emerald-900">
        {t("stories.cta")}{" "}
        <Link to="/signup" className="font-semibold underline">
          {t("common:nav.signUp")}
        </Link>
      </p>
    </article>
  );
}
