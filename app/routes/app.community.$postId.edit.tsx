import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PostForm } from "~/components/community/post-form";
import { db } from "#db/client.server";
import { headersKeepingParent, orErrorPage } from "~/lib/http";
import { intent, typedAction } from "~/lib/typed-action";
import { postSubmissionSchema } from "~/modules/community/post-form";
import { ownPost, updatePost } from "~/modules/community/posts.server";
import { postBodyWithUploads, readMultipartPostForm } from "~/modules/community/uploads.server";
import { MAX_IMAGE_BYTES } from "~/modules/community/images";
import { requireUser } from "~/modules/identity/auth.server";
import { fileStorage } from "~/modules/storage/storage.server";

export const handle = { i18n: ["community"] };

export const meta: MetaFunction = () => [{ title: "Edit post · QuitPath" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  // Someone else's post (or none) is a 404: ownership is part of the query.
  const post = await orErrorPage(ownPost(db(), user.id, params.postId ?? ""));
  return { post, directUpload: directUploadOf() };
}

/** With S3, photos go from the browser straight to the bucket (the form then names their keys). */
const directUploadOf = () => (fileStorage(db()).kind === "s3" ? { maxBytes: MAX_IMAGE_BYTES } : null);

export const action = typedAction({
  guard: ({ request }) => requireUser(request),
  readForm: readMultipartPostForm,
  intents: (user) => ({
    "update-post": intent(postSubmissionSchema, async (input, { formData, params }) => {
      await updatePost(db(), user.id, params.postId ?? "", await postBodyWithUploads(db(), user.id, input, formData));
      return redirect(`/app/community/${params.postId}?saved=1`);
    }),
  }),
});
export const headers = headersKeepingParent;

export default function EditPostPage() {
  const { t } = useTranslation("community");
  const { post, directUpload } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <section className="mx-auto max-w-2xl space-y-6">
      <Link to={`/app/community/${post.id}`} className="text-sm text-emerald-800 underline">
        ← {t("post.backToPost")}
      </Link>
      <h1 className="text-2xl font-bold">{t("post.editTitle")}</h1>
      <PostForm
        intent="update-post"
        submitLabel={t("post.save")}
        answer={actionData}
        directUpload={directUpload}
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
