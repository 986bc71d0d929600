import { unstable_createMemoryUploadHandler, unstable_parseMultipartFormData, MaxPartSizeExceededError } from "@remix-run/node";
import type { Database } from "#db/client.server";
import { DomainError } from "~/lib/domain-error";
import { fileStorage } from "~/modules/storage/storage.server";
import { MAX_IMAGE_BYTES, sanitizeImage } from "./images";
import { MAX_POST_IMAGES } from "./post-body";

export const IMAGE_FIELD = "images";
// Text fields of the post form are small; anything bigger is not ours.
const MAX_TEXT_PART = 64 * 1024;

export type UploadProblem = "community:errors.imageTooLarge" | "community:errors.tooManyImages" | "errors:badRequest.title";

/**
 * Reads a multipart post form with hard limits (5 MB per photo, 4 photos, small text fields),
 * keeping photos in memory only until they are checked. Returns a plain Request carrying the
 * parsed form, so the typed action can validate it like any other form — or the problem found.
 */
export async function readMultipartPostForm(request: Request): Promise<{ request: Request } | { problem: UploadProblem }> {
  if (!request.headers.get("Content-Type")?.startsWith("multipart/form-data")) return { request };
  const memory = unstable_createMemoryUploadHandler({ maxPartSize: MAX_IMAGE_BYTES });
  const text = unstable_createMemoryUploadHandler({ maxPartSize: MAX_TEXT_PART });
  let files = 0;
  let tooMany = false;
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
        tooMany = true;
        for await (const _chunk of part.data) void _chunk;
        return undefined;
      }
      return memory(part);
    });
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError)
      return { problem: error.field === IMAGE_FIELD ? "community:errors.imageTooLarge" : "errors:badRequest.title" };
    return { problem: "errors:badRequest.title" };
  }
  if (tooMany) return { problem: "community:errors.tooManyImages" };
  const headers = new Headers(request.headers);
  headers.delete("Content-Type");
  headers.delete("Content-Length");
  return { request: new Request(request.url, { method: request.method, headers, body: formData }) };
}

/** The photos of a submitted form: each checked by content, re-encoded without metadata, stored under a new id. */
export async function storeUploadedImages(db: Database, ownerId: string, formData: FormData): Promise<string[]> {
  const uploads = formData.getAll(IMAGE_FIELD).filter((value): value is File => typeof value !== "string" && value.size > 0);
  const cleaned = [];
  for (const upload of uploads) {
    try {
      cleaned.push(await sanitizeImage(new Uint8Array(await upload.arrayBuffer())));
    } catch (error) {
      if (error instanceof DomainError) throw new DomainError(error.kind, error.message, { ...error.options, field: IMAGE_FIELD });
      throw error;
    }
  }
  const storage = fileStorage(db);
  const ids: string[] = [];
  for (const image of cleaned) ids.push((await storage.put({ bytes: image.bytes, contentType: image.contentType, ownerId })).id);
  return ids;
}
