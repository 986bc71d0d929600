import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PostForm } from "~/components/community/post-form";
import { db } from "#db/client.server";
import { headersKeepingParent } from "~/lib/http";
import { intent, typedAction } from "~/lib/typed-action";
import { postSubmissionSchema } from "~/modules/community/post-form";
import { createPost } from "~/modules/community/posts.server";
import { postBodyWithUploads, readMultipartPostForm } from "~/modules/community/uploads.server";
import { MAX_IMAGE_BYTES } from "~/modules/community/images";
import { requireUser } from "~/modules/identity/auth.server";
import { fileStorage } from "~/modules/storage/storage.server";

export const handle = { i18n: ["community"] };

export const meta: MetaFunction = () => [{ title: "Write a post · QuitPath" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  // A graduate's invitation links here with ?kind=story, so the form opens as a success story.
  return {
    directUpload: directUploadOf(),
    kind: new URL(request.url).searchParams.get("kind") === "story" ? ("story" as const) : ("post" as const),
  };
}

/** With S3, photos go from the browser straight to the bucket (the form then names their keys). */
const directUploadOf = () => (fileStorage(db()).kind === "s3" ? { maxBytes: MAX_IMAGE_BYTES } : null);

export const action = typedAction({
  guard: ({ request }) => requireUser(request),
  readForm: readMultipartPostForm,
  intents: (user) => ({
    "create-post": intent(postSubmissionSchema, async (input, { formData }) => {
      const post = await createPost(db(), user.id, await postBodyWithUploads(db(), user.id, input, formData));
      return redirect(`/app/community/${post.id}?${post.status === "held" ? "held" : "posted"}=1`);
    }),
  }),
});
export const headers = headersKeepingParent;

export default function NewPostPage() {
  const { t } = useTranslation("community");
  const actionData = useActionData<typeof action>();
  const { kind, directUpload } = useLoaderData<typeof loader>();
  return (
    <section className="mx-auto max-w-2xl space-y-6">
      <Link to="/app/community" className="text-sm text-emerald-800 underline">
        ← {t("feed.title")}
      </Link>
      <h1 className="text-2xl font-bold">{t("post.write")}</h1>
      <PostForm
        intent="create-post"
        submitLabel={t("post.submit")}
        answer={actionData}
        directUpload={directUpload}
        defaults={{ kind, text: "", tags: [], imageIds: [], anonymous: false, publicConsent: false }}
      />
    </section>
  );
}
