import { data as withHeaders, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Avatar } from "~/components/community/avatar";
import { db } from "#db/client.server";
import { CACHE_CONTROL } from "~/lib/cache-control";
import { plainTextExcerpt } from "~/modules/community/excerpt";
import { listPublicStories } from "~/modules/community/stories.server";
import { getOptionalUser } from "~/modules/identity/auth.server";

/** Complete as HTML: anonymous visitors get it without the app's JavaScript (root.tsx). */
export const handle = { i18n: ["community"], hydrate: "signed-in" };

export async function loader({ request }: LoaderFunctionArgs) {
  const [stories, user] = await Promise.all([listPublicStories(db()), getOptionalUser(request)]);
  const origin = new URL(request.url).origin;
  return withHeaders(
    {
      stories: stories.map((s) => ({
        id: s.id,
        excerpt: plainTextExcerpt(s.body.text, 280),
        authorName: s.authorName,
        avatar: s.avatar,
        smokeFreeDays: s.smokeFreeDays,
        imageId: s.body.imageIds[0] ?? null,
      })),
      origin,
    },
    // A signed-in page shows the member's name in the header: never cache that publicly.
    { headers: { "Cache-Control": user ? CACHE_CONTROL.private : CACHE_CONTROL.publicPage } },
  );
}

export const headers: HeadersFunction = ({ loaderHeaders }) => ({
  "Cache-Control": loaderHeaders.get("Cache-Control") ?? CACHE_CONTROL.private,
});

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  const title = "Success stories · QuitPath";
  const description = "Real people, real quits: stories shared by QuitPath members.";
  return [
    { title },
    { name: "description", content: description },
    { property: "og:title", content: title },
    { property: "og:description", content: description },
    { property: "og:type", content: "website" },
    ...(data ? [{ property: "og:url", content: `${data.origin}/stories` }] : []),
  ];
};

export default function StoriesPage() {
  const { t } = useTranslation("community");
  const { stories } = useLoaderData<typeof loader>();
  return (
    <section className="mx-auto max-w-4xl space-y-6 px-4 py-10">
      <h1 className="text-3xl font-bold">{t("stories.title")}</h1>
      <p className="text-slate-700">{t("stories.intro")}</p>
      {stories.length === 0 ? <p className="text-slate-700">{t("stories.empty")}</p> : null}
      <ul className="grid gap-4 sm:grid-cols-2">
        {stories.map((story) => (
          <li key={story.id} className="flex flex-col gap-3 rounded-xl border border-slate-200 bg-white p-5" data-story-id={story.id}>
            {story.imageId ? (
              <img src={`/resources/images/${story.imageId}`} alt="" className="h-40 w-full rounded-lg object-cover" loading="lazy" />
            ) : null}
            <div className="flex items-center gap-3">
              <Avatar name={story.avatar ? story.authorName : null} seed={story.id} size="small" />
              <p className="font-semibold">
                {story.authorName ?? t("post.anonymousMember")}
                {story.smokeFreeDays !== null ? (
                  <span className="block text-sm font-normal text-emerald-800">
                    {t("post.smokeFreeDays", { count: story.smokeFreeDays })}
                  </span>
                ) : null}
              </p>
            </div>
            <p className="text-slate-800">{story.excerpt}</p>
            <Link to={`/stories/${story.id}`} className="mt-auto font-semibold text-emerald-800 underline">
              {t("stories.readStory")}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
