import { data, redirect, type ActionFunctionArgs } from "@remix-run/node";
import { db } from "#db/client.server";
import { DomainError } from "~/lib/domain-error";
import { intent, typedAction } from "~/lib/typed-action";
import { requireUser } from "~/modules/identity/auth.server";
import { MAX_POST_IMAGES } from "./post-body";
import { postSubmissionSchema, splitSubmission } from "./post-form";
import { createPost, updatePost } from "./posts.server";
import { readMultipartPostForm, storeUploadedImages } from "./uploads.server";

async function bodyWithUploads(userId: string, input: Parameters<typeof splitSubmission>[0], formData: FormData) {
  const keptImages = input.imageIds.length;
  const newImages = formData.getAll("images").filter((v) => typeof v !== "string" && v.size > 0).length;
  if (keptImages + newImages > MAX_POST_IMAGES) throw new DomainError("invalid", "community:errors.tooManyImages", { field: "images" });
  return splitSubmission(input, await storeUploadedImages(db(), userId, formData));
}

const createAction = typedAction({
  "create-post": intent(postSubmissionSchema, async (input, { request, formData }) => {
    const user = await requireUser(request);
    const post = await createPost(db(), user.id, await bodyWithUploads(user.id, input, formData));
    return redirect(`/app/community/${post.id}?${post.status === "held" ? "held" : "posted"}=1`);
  }),
});

const editAction = typedAction({
  "update-post": intent(postSubmissionSchema, async (input, { request, formData, params }) => {
    const user = await requireUser(request);
    await updatePost(db(), user.id, params.postId ?? "", await bodyWithUploads(user.id, input, formData));
    return redirect(`/app/community/${params.postId}?saved=1`);
  }),
});

/** Multipart is read with size limits first; then the typed action validates it like any form. */
function withUploads<K extends string, R>(name: K, typed: (args: ActionFunctionArgs) => Promise<R>) {
  return async (args: ActionFunctionArgs) => {
    const read = await readMultipartPostForm(args.request);
    if ("problem" in read) {
      return data(
        { intent: name, ok: false as const, submission: { status: "error" as const, error: { images: [read.problem] } } },
        { status: read.problem === "community:errors.imageTooLarge" ? 413 : 400 },
      );
    }
    return typed({ ...args, request: read.request });
  };
}

export const createPostAction = withUploads("create-post", createAction);
export const updatePostAction = withUploads("update-post", editAction);
