import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PostForm } from "~/components/community/post-form";
import { db } from "#db/client.server";
import { headersKeepingParent, orErrorPage } from "~/lib/http";
import { updatePostAction } from "~/modules/community/post-actions.server";
import { ownPost } from "~/modules/community/posts.server";
import { requireUser } from "~/modules/identity/auth.server";

export const meta: MetaFunction = () => [{ title: "Edit post · QuitPath" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  // Someone else's post (or none) is a 404: ownership is part of the query.
  const post = await orErrorPage(ownPost(db(), user.id, params.postId ?? ""));
  return { post };
}

export const action = updatePostAction;
export const headers = headersKeepingParent;

export default function EditPostPage() {
  const { t } = useTranslation("community");
  const { post } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const lastResult = actionData && !actionData.ok ? actionData.submission : undefined;
  return (
    <section className="mx-auto max-w-2xl space-y-6">
      <Link to={`/app/community/${post.id}`} className="text-sm text-emerald-800 underline">
        ← {t("post.backToPost")}
      </Link>
      <h1 className="text-2xl font-bold">{t("post.editTitle")}</h1>
      <PostForm
        intent="update-post"
        submitLabel={t("post.save")}
        lastResult={lastResult}
        defaults={{
          kind: post.body.kind,
          text: post.body.text,
          tags: post.body.tags,
          imageIds: post.body.imageIds,
          anonymous: post.anonymous,
          publicConsent: post.publicConsent,
        }}
      />
    </section>
  );
}
