import { unstable_createMemoryUploadHandler, unstable_parseMultipartFormData, MaxPartSizeExceededError } from "@remix-run/node";
import type { Database } from "#db/client.server";
import { DomainError } from "~/lib/domain-error";
import { takeUpload } from "~/modules/storage/direct-uploads.server";
import { filesBucket, fileStorage } from "~/modules/storage/storage.server";
import { MAX_IMAGE_BYTES, sanitizeImage } from "./images";
import { MAX_POST_IMAGES } from "./post-body";
import { splitSubmission, type PostSubmission } from "./post-form";

export const IMAGE_FIELD = "images";
/** Keys of photos the browser sent straight to S3 (presigned POST), each still to be checked. */
export const UPLOADED_FIELD = "uploaded";
// Text fields of the post form are small; anything bigger is not ours.
const MAX_TEXT_PART = 64 * 1024;

const tooLarge = () => new DomainError("too-large", "community:errors.imageTooLarge", { field: IMAGE_FIELD });
const tooMany = () => new DomainError("malformed", "community:errors.tooManyImages", { field: IMAGE_FIELD });
const unreadable = () => new DomainError("malformed", "errors:badRequest.title", { field: IMAGE_FIELD });

/**
 * Reads a multipart post form with hard limits (5 MB per photo, 4 photos, small text fields),
 * keeping photos in memory only until they are checked; the typed action then validates it like
 * any other form. Throws a DomainError (too large, too many, unreadable) on the photos field.
 */
export async function readMultipartPostForm(request: Request): Promise<FormData> {
  if (!request.headers.get("Content-Type")?.startsWith("multipart/form-data")) return request.formData();
  const memory = unstable_createMemoryUploadHandler({ maxPartSize: MAX_IMAGE_BYTES });
  const text = unstable_createMemoryUploadHandler({ maxPartSize: MAX_TEXT_PART });
  let files = 0;
  let overLimit = false;
  let formData: FormData;
  try {
    formData = await unstable_parseMultipartFormData(request, async (part) => {
      if (part.filename === undefined) return text(part);
      if (part.name !== IMAGE_FIELD) return undefined;
      if (part.filename === "") {
        // An empty file input: drain it and keep nothing.
        for await (const _chunk of part.data) void _chunk;
        return undefined;
      }
      if (++files > MAX_POST_IMAGES) {
        overLimit = true;
        for await (const _chunk of part.data) void _chunk;
        return undefined;
      }
      return memory(part);
    });
  } catch (error) {
    throw error instanceof MaxPartSizeExceededError && error.field === IMAGE_FIELD ? tooLarge() : unreadable();
  }
  if (overLimit) throw tooMany();
  return formData;
}

/** A post's body with the photos just uploaded stored and added to the ones it keeps; at most four in all. */
export async function postBodyWithUploads(db: Database, ownerId: string, input: PostSubmission, formData: FormData) {
  const kept = input.imageIds.length;
  const added = formData.getAll(IMAGE_FIELD).filter((v) => typeof v !== "string" && v.size > 0).length + uploadedKeys(formData).length;
  if (kept + added > MAX_POST_IMAGES) throw new DomainError("invalid", "community:errors.tooManyImages", { field: IMAGE_FIELD });
  return splitSubmission(input, await storeUploadedImages(db, ownerId, formData));
}

function uploadedKeys(formData: FormData): string[] {
  return formData.getAll(UPLOADED_FIELD).filter((v): v is string => typeof v === "string" && v !== "");
}

async function sanitized(bytes: Uint8Array) {
  try {
    return await sanitizeImage(bytes);
  } catch (error) {
    if (error instanceof DomainError) throw new DomainError(error.kind, error.message, { ...error.options, field: IMAGE_FIELD });
    throw error;
  }
}

/**
 * The photos of a submitted form, sent in it or (with S3) straight to the bucket: each checked
 * by content, re-encoded without metadata, stored under a new id. A direct upload is taken out
 * of the bucket first, so one that fails the check is already deleted when the form is refused.
 */
export async function storeUploadedImages(db: Database, ownerId: string, formData: FormData): Promise<string[]> {
  const uploads = formData.getAll(IMAGE_FIELD).filter((value): value is File => typeof value !== "string" && value.size > 0);
  const keys = uploadedKeys(formData);
  if (uploads.length + keys.length > MAX_POST_IMAGES) throw tooMany();
  if (keys.length > 0 && fileStorage(db).kind !== "s3")
    throw new DomainError("invalid", "community:errors.imageInvalid", { field: IMAGE_FIELD });
  const cleaned = [];
  for (const upload of uploads) cleaned.push(await sanitized(new Uint8Array(await upload.arrayBuffer())));
  const direct = await Promise.allSettled(keys.map((key) => takeUpload(filesBucket(), ownerId, key, MAX_IMAGE_BYTES)));
  for (const taken of direct) {
    if (taken.status === "rejected") throw taken.reason;
    cleaned.push(await sanitized(taken.value));
  }
  const storage = fileStorage(db);
  const ids: string[] = [];
  for (const image of cleaned) ids.push((await storage.put({ bytes: image.bytes, contentType: image.contentType, ownerId })).id);
  return ids;
}
